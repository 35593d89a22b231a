"""Syndicated copies for the duplicate benchmark: deterministic, changed like re-publishers do."""

from __future__ import annotations

import random
from pathlib import Path

from newsgraph.corpus.syndication import Story, make_copies, split_paragraphs, syndicate


def _story(example_path: Path) -> Story:
    return Story("dw", "Common threats bring Japan, South Korea closer", example_path.read_text())


def test_syndication_is_deterministic(example_path: Path) -> None:
    story = _story(example_path)
    assert make_copies([story], seed=5) == make_copies([story], seed=5)
    assert make_copies([story], seed=5) != make_copies([story], seed=6)


def test_syndication_copies_name_their_original_and_change_the_page(example_path: Path) -> None:
    story = _story(example_path)
    other = Story("other", "Another headline entirely", "One paragraph.\n\nAnother paragraph.")
    copies = syndicate(story, 20, random.Random(0), [other])
    assert [c.id for c in copies[:2]] == ["dw~1", "dw~2"]
    assert {c.story for c in copies} == {"dw"}
    changes = {change for c in copies for change in c.changes}
    assert {"headline", "byline", "furniture", "cut end", "copy edits"} <= changes
    assert all(c.text != story.text and c.title != "" for c in copies)


def test_syndication_make_copies_keeps_each_original_first(example_path: Path) -> None:
    corpus = make_copies([_story(example_path)], seed=1, max_copies=2)
    assert corpus[0].id == "dw" and corpus[0].story == "dw" and corpus[0].changes == ()
    assert 2 <= len(corpus) <= 3


def test_syndication_split_paragraphs() -> None:
    assert split_paragraphs("a\n\n b \nc\n\n\n") == ["a", "b", "c"]
