"""Near-duplicate grouping: syndicated copies of the founding example vs same-event stories."""

from __future__ import annotations

import json
import random
from collections import Counter
from math import comb
from pathlib import Path

import pytest

from newsgraph.corpus.duplicates import (
    DuplicateIndex,
    DuplicateOptions,
    Signature,
    band_keys,
    is_same_story,
    normalize_words,
    shingles,
    signature,
    similarity,
)
from newsgraph.corpus.syndication import Story, make_copies, split_paragraphs, syndicate
from newsgraph.errors import ConfigError

# Three different reports of the May 2023 Seoul summit, written for this test: the same
# event and the same topic words, but each in its own words.
SAME_EVENT = [
    "Japan's prime minister arrived in Seoul on Sunday for a two-day visit, the first by a "
    "Japanese leader in more than five years. Fumio Kishida was greeted at the airport by the "
    "South Korean foreign minister before driving to the presidential office.\n\n"
    "Officials on both sides said the talks would cover North Korea's missile programme, "
    "semiconductor supply chains and the planned release of treated water from the Fukushima "
    "plant. Protesters gathered outside the venue, demanding an apology for wartime forced "
    "labour.\n\nThe visit follows Yoon Suk Yeol's trip to Tokyo in March, which ended a "
    "twelve-year pause in regular visits between the neighbours.",
    "South Korean President Yoon Suk Yeol and his Japanese counterpart agreed on Sunday to let "
    "Korean experts inspect the Fukushima nuclear plant before its wastewater is discharged "
    "into the sea.\n\nAt a joint news conference in Seoul, Kishida said his heart ached for "
    "the many people who endured hardship under colonial rule, stopping short of a fresh "
    "apology. Yoon said history should not block cooperation on security and the economy.\n\n"
    "Critics in the Democratic Party called the summit humiliating diplomacy, while business "
    "groups welcomed the promise of closer ties in chips and batteries.",
    "Analysis: why Tokyo and Seoul are suddenly in a hurry to get along. Growing missile "
    "threats from Pyongyang and pressure from Washington to stand together against Beijing "
    "have pushed the two governments toward each other faster than many diplomats "
    "expected.\n\nYet the thaw rests on two leaders with fragile approval ratings. A change of "
    "government in Seoul could undo the compensation deal for forced labourers that made "
    "Sunday's meeting possible, scholars warn.\n\nFor now, the summitry continues: Yoon is "
    "expected in Hiroshima later this month as a guest at the G7 meeting.",
]


@pytest.fixture(scope="module")
def example_story(example_path: Path) -> Story:
    text = example_path.read_text(encoding="utf-8")
    return Story("dw", "Common threats bring Japan, South Korea closer together", text)


def _write_corpus(path: Path, stories: list[Story]) -> Path:
    corpus = path / "texts.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for story in stories:
            handle.write(json.dumps(story.to_dict()) + "\n")
    return corpus


def _pair_scores(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    both = sum(comb(n, 2) for n in Counter((truth[i], predicted[i]) for i in truth).values())
    pred = sum(comb(n, 2) for n in Counter(predicted.values()).values())
    true = sum(comb(n, 2) for n in Counter(truth.values()).values())
    return both / pred, both / true


def test_duplicates_group_syndicated_copies_and_keep_same_event_stories_apart(
    tmp_path: Path, example_story: Story
) -> None:
    originals = [example_story] + [
        Story(f"same-event-{i}", f"Seoul summit report {i}", text)
        for i, text in enumerate(SAME_EVENT)
    ]
    corpus = _write_corpus(tmp_path, make_copies(originals, seed=7, max_copies=4))
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    index = DuplicateIndex()
    predicted = {r["id"]: index.add(r["id"], r["text"]) for r in records}
    truth = {r["id"]: r["story"] for r in records}
    precision, recall = _pair_scores(truth, predicted)
    assert (precision, recall) == (1.0, 1.0)
    assert len({predicted[f"same-event-{i}"] for i in range(3)} | {predicted["dw"]}) == 4
    assert set(index.groups()) == {"dw", "same-event-0", "same-event-1", "same-event-2"}


def test_duplicates_copy_with_new_headline_byline_and_furniture(example_story: Story) -> None:
    copy = (
        "Japan, South Korea leaders vow closer ties | World News\n\nBy Maria Lopez, Reuters\n\n"
        + example_story.text
        + "\n\nThis story was provided by Reuters.\n\nSign up for our newsletter."
    )
    assert is_same_story(signature(example_story.text), signature(copy))


def test_duplicates_truncated_copy_is_contained(example_story: Story) -> None:
    paragraphs = split_paragraphs(example_story.text)
    third = "\n\n".join(paragraphs[: len(paragraphs) // 3])
    found = similarity(signature(example_story.text), signature(third))
    assert found.jaccard < DuplicateOptions().jaccard
    assert found.containment > 0.9
    assert is_same_story(signature(example_story.text), signature(third))


def test_duplicates_brief_quoting_one_sentence_is_not_a_copy(example_story: Story) -> None:
    sentence = split_paragraphs(example_story.text)[8]
    brief = f"In other news, DW reported: {sentence}"
    assert not is_same_story(signature(example_story.text), signature(brief))


def test_duplicates_signature_is_deterministic_and_round_trips(example_story: Story) -> None:
    sig = signature(example_story.text)
    assert sig == signature(example_story.text)
    assert len(sig.hashes) == 128
    assert sig.shingles == len(shingles(example_story.text))
    assert Signature.from_bytes(sig.to_bytes()) == sig
    assert len(sig.to_bytes()) == 526
    assert Signature.from_list(json.loads(json.dumps(sig.to_list()))) == sig


def test_duplicates_signature_ignores_case_and_unicode_forms() -> None:
    assert normalize_words("ＳＥＯＵＬ’s Summit") == ["seoul", "s", "summit"]
    assert signature("The SUMMIT in Seoul.") == signature("the summit in seoul")


@pytest.mark.parametrize(
    "data", [b"", b"NGMH", b"XXXX" + bytes(600), Signature((1, 2), 3).to_bytes()[:-1]]
)
def test_duplicates_bad_signature_bytes_raise_config_error(data: bytes) -> None:
    with pytest.raises(ConfigError, match="signature"):
        Signature.from_bytes(data)


def test_duplicates_signatures_of_other_settings_are_refused(example_story: Story) -> None:
    other = signature(example_story.text, DuplicateOptions(shingle_words=4))
    with pytest.raises(ConfigError, match="recompute"):
        similarity(signature(example_story.text), other)
    with pytest.raises(ConfigError, match="recompute"):
        DuplicateIndex().add_signature("a", other)


def test_duplicates_bad_lsh_settings_raise_config_error() -> None:
    with pytest.raises(ConfigError, match="bands"):
        DuplicateOptions(bands=100, rows=2)


def test_duplicates_index_is_idempotent_and_group_ids_are_stable(example_story: Story) -> None:
    index = DuplicateIndex()
    copies = syndicate(example_story, 3, random.Random(1), [])
    assert index.add("first", example_story.text) == "first"
    assert [index.add(c.id, c.text) for c in copies] == ["first"] * 3
    assert index.add("first", "anything else") == "first"
    assert index.group_of(copies[0].id) == "first"
    assert len(index) == 4 and "first" in index and next(iter(index)) == "first"
    with pytest.raises(KeyError):
        index.group_of("never-added")


def test_duplicates_empty_text_is_its_own_group() -> None:
    index = DuplicateIndex()
    assert index.add("a", "") == "a"
    assert index.add("b", "") == "b"
    assert band_keys(signature("")) == []


def test_duplicates_index_round_trips_through_bytes_and_restore(
    example_story: Story,
) -> None:
    index = DuplicateIndex()
    stories = make_copies(
        [example_story, Story("other", "Other", SAME_EVENT[1])], seed=3, max_copies=2
    )
    for story in stories:
        index.add(story.id, story.text)
    again = DuplicateIndex.from_bytes(index.to_bytes())
    assert again.groups() == index.groups()
    rebuilt = DuplicateIndex()
    for article_id in index:
        rebuilt.restore(
            article_id, index.signature(_text(stories, article_id)), index.group_of(article_id)
        )
    copy = syndicate(example_story, 1, random.Random(9), [])[0]
    assert rebuilt.add("late-copy", copy.text) == "dw"
    assert again.add("late-copy", copy.text) == "dw"


def _text(stories: list[Story], article_id: str) -> str:
    return next(s.text for s in stories if s.id == article_id)


def test_duplicates_band_keys_are_shared_by_copies(example_story: Story) -> None:
    copy = syndicate(example_story, 1, random.Random(2), [])[0]
    original = set(band_keys(signature(example_story.text)))
    assert len(original) == DuplicateOptions().bands
    assert original & set(band_keys(signature(copy.text)))
    assert not original & set(band_keys(signature(SAME_EVENT[0])))
