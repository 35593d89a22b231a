"""Syndicated copies made from real articles, to measure near-duplicate grouping.

A wire story re-published by another site keeps its body but changes around it. From each
original, :func:`syndicate` makes copies the way re-publishers do: another headline (and
sometimes the headline left in the body), another byline, a dateline prefix, added furniture
("This story was provided by…", newsletter sign-ups, related links to other stories), the last
paragraphs cut or reordered, a paragraph of other text added, and light copy edits (spelling,
"said"/"says", dropped adverbs). The furniture comes from
``knowledge/syndication_furniture.json``. Everything follows one seeded ``random.Random``, so a
corpus is the same on every run.

Used by ``tools/make_syndication_corpus.py`` (real articles) and by the tests (the bundled
example).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..knowledge import load_json

__all__ = ["Story", "make_copies", "split_paragraphs", "syndicate"]

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Story:
    """One text of a test corpus.

    Attributes:
        id: unique id of this text.
        title: its headline.
        text: its body.
        story: the id of the original it is a copy of (its own id for an original): texts
            with the same ``story`` are the same story, all others are different.
        changes: what was done to the original to make this copy.
    """

    id: str
    title: str
    text: str
    story: str = ""
    changes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story": self.story or self.id,
            "title": self.title,
            "changes": list(self.changes),
            "text": self.text,
        }


def _furniture() -> dict[str, Any]:
    return load_json("syndication_furniture.json")  # type: ignore[no-any-return]


def split_paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs of ``text`` (blank lines, or single newlines)."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def syndicate(
    original: Story, count: int, rng: random.Random, others: Sequence[Story]
) -> list[Story]:
    """Return ``count`` syndicated copies of ``original``.

    Args:
        original: the real article.
        count: how many copies to make.
        rng: the seeded random source (every choice comes from it).
        others: other articles, for related-link headlines and added paragraphs.

    Returns:
        The copies, ids ``<original id>~1``, ``~2``…, each naming the original as ``story``.
    """
    return [_one_copy(original, f"{original.id}~{n}", rng, others) for n in range(1, count + 1)]


def make_copies(originals: Sequence[Story], seed: int = 0, max_copies: int = 4) -> list[Story]:
    """Return every original followed by its 1 to ``max_copies`` syndicated copies."""
    rng = random.Random(seed)
    corpus: list[Story] = []
    for original in originals:
        others = [o for o in originals if o.id != original.id]
        corpus.append(Story(original.id, original.title, original.text, original.id))
        corpus.extend(syndicate(original, rng.randint(1, max_copies), rng, others))
    return corpus


def _one_copy(original: Story, copy_id: str, rng: random.Random, others: Sequence[Story]) -> Story:
    data = _furniture()
    changes = ["headline"]
    paragraphs = split_paragraphs(original.text)
    if len(paragraphs) > 3 and rng.random() < 0.5:
        keep = max(2, round(len(paragraphs) * rng.uniform(0.6, 0.9)))
        paragraphs = paragraphs[:keep]
        changes.append("cut end")
    if len(paragraphs) > 4 and rng.random() < 0.3:
        tail = paragraphs[-3:]
        rng.shuffle(tail)
        paragraphs = paragraphs[:-3] + tail
        changes.append("reordered end")
    if rng.random() < 0.7:
        paragraphs = [_copy_edit(p, rng, data["edits"]) for p in paragraphs]
        changes.append("copy edits")
    if others and rng.random() < 0.15:
        extra = split_paragraphs(rng.choice(others).text)
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(extra))
        changes.append("added paragraph")
    if rng.random() < 0.3:
        paragraphs[0] = _fill(rng.choice(data["datelines"]), rng, data) + paragraphs[0]
        changes.append("dateline")
    head: list[str] = []
    title = _headline(original.title, rng, data)
    if rng.random() < 0.3:
        head.append(title)
        changes.append("headline in body")
    if rng.random() < 0.7:
        head.append(_fill(rng.choice(data["bylines"]), rng, data))
        changes.append("byline")
    tail_furniture = _tail_furniture(rng, data, others)
    if tail_furniture:
        changes.append("furniture")
    text = "\n\n".join([*head, *paragraphs, *tail_furniture])
    return Story(copy_id, title, text, original.id, tuple(changes))


def _headline(title: str, rng: random.Random, data: dict[str, Any]) -> str:
    words = title.split()
    if len(words) > 4 and rng.random() < 0.5:
        words = words[: rng.randint(4, len(words))]
    return str(
        rng.choice(data["headline_prefixes"])
        + " ".join(words)
        + rng.choice(data["headline_suffixes"])
    )


def _tail_furniture(rng: random.Random, data: dict[str, Any], others: Sequence[Story]) -> list[str]:
    parts: list[str] = []
    if rng.random() < 0.6:
        parts.append(_fill(rng.choice(data["provided_by"]), rng, data))
    if rng.random() < 0.5:
        parts.append(rng.choice(data["newsletter"]))
    if others and rng.random() < 0.5:
        titles = [o.title for o in rng.sample(list(others), min(3, len(others)))]
        parts.append(rng.choice(data["related_labels"]))
        parts.extend(titles)
    return parts


def _fill(template: str, rng: random.Random, data: dict[str, Any]) -> str:
    names = rng.sample(data["names"], 2)
    return template.format(
        name=names[0],
        name2=names[1],
        place=rng.choice(data["places"]),
        year=rng.randint(2015, 2024),
    )


def _copy_edit(paragraph: str, rng: random.Random, edits: dict[str, str]) -> str:
    """Replace about one word in 50 by its edit (spelling, tense, a dropped adverb)."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in edits and rng.random() < 0.3:
            return edits[word]
        return word

    pattern = "|".join(re.escape(w) for w in sorted(edits, key=len, reverse=True))
    edited = re.sub(rf"\b(?:{pattern})\b", replace, paragraph)
    return re.sub(r"  +", " ", edited)
