"""Corpus actors: one person across many articles, whichever form of the name an article used.

Actor ids are stable slugs (``person:maria-lopez``, ``org:united-nations``), so the same
person named in full in two articles already has one id. What remains is the article that
names someone only by surname ("Lopez" → ``person:lopez``) or with a title the reader kept
("President Yoon Suk Yeol" → ``person:president-yoon-suk-yeol``). :func:`canonical_actors`
maps such a variant id to the full-name id when exactly one full name in the corpus fits it:

- the variant's name without leading titles and honorifics ("President", "Mr.", "Dr.")
  equals a full name, or is its last words (a surname), or, failing that, its first words
  ("Yoon" of "Yoon Suk Yeol");
- and the countries agree (the same, or one of them unknown).

A surname that fits two full names ("Kim" with Kim Jong Un and Kim Yo Jong in the corpus)
stays as it is: merging it would be a guess. Organisations and countries are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..knowledge.titles import is_honorific, is_title

__all__ = ["ActorRecord", "canonical_actors", "plain_name"]

PERSON = "person:"


class ActorRecord(NamedTuple):
    """What the corpus knows of an actor id: its name and country (None when unknown)."""

    id: str
    name: str
    country: str | None = None


def plain_name(name: str) -> list[str]:
    """Return the words of a person's name without leading titles and honorifics.

    Example:
        >>> plain_name("President Yoon Suk Yeol")
        ['Yoon', 'Suk', 'Yeol']
    """
    words = name.split()
    start = 0
    for end in range(len(words), 0, -1):
        if _is_title_words(words[:end]):
            start = end
            break
    return words[start:]


def _is_title_words(words: list[str]) -> bool:
    if len(words) == 1 and is_honorific(words[0]):
        return True
    text = " ".join(words).rstrip(".")
    return is_title(text) or all(is_honorific(w) or is_title(w.rstrip(".")) for w in words)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def canonical_actors(records: Iterable[ActorRecord]) -> dict[str, str]:
    """Map each variant person id to the full-name id it stands for, where that is unambiguous.

    Args:
        records: every actor id of the corpus with its name and country (repeats allowed;
            the first record of an id is used).

    Returns:
        ``{variant_id: canonical_id}`` for the ids that change; ids absent stay as they are.

    Example:
        >>> canonical_actors([ActorRecord("person:maria-lopez", "Maria Lopez", "JPN"),
        ...                   ActorRecord("person:lopez", "Lopez", None)])
        {'person:lopez': 'person:maria-lopez'}
    """
    people: dict[str, ActorRecord] = {}
    for record in records:
        if record.id.startswith(PERSON):
            people.setdefault(record.id, record)
    words = {pid: plain_name(r.name) for pid, r in people.items()}
    full = {pid: w for pid, w in words.items() if len(w) >= 2 and w == _raw_words(people[pid])}
    index = _NameIndex(full)
    mapping: dict[str, str] = {}
    for pid, record in people.items():
        if pid in full or not words[pid]:
            continue
        target = index.unique_fit(words[pid], record.country, pid, people)
        if target is not None:
            mapping[pid] = target
    return mapping


def _raw_words(record: ActorRecord) -> list[str]:
    """Return the words of a record's name as given (titles kept)."""
    return record.name.split()


class _NameIndex:
    """Full names by their last words (a surname fit) and first words (a first-words fit).

    A lookup costs one dictionary access per rank instead of a pass over every full name, so
    a corpus of tens of thousands of people is mapped in well under a second.
    """

    def __init__(self, full: dict[str, list[str]]) -> None:
        self.suffixes: dict[tuple[str, ...], set[str]] = {}
        self.prefixes: dict[tuple[str, ...], set[str]] = {}
        for pid, name in full.items():
            folded = tuple(w.casefold() for w in name)
            for size in range(1, len(folded) + 1):
                self.suffixes.setdefault(folded[-size:], set()).add(pid)
                if size < len(folded):
                    self.prefixes.setdefault(folded[:size], set()).add(pid)

    def unique_fit(
        self, short: list[str], country: str | None, pid: str, people: dict[str, ActorRecord]
    ) -> str | None:
        """Return the one full name ``short`` fits best (surname before first words), or None."""
        key = tuple(w.casefold() for w in short)
        surname = self.suffixes.get(key, set())
        for candidates in (surname, self.prefixes.get(key, set()) - surname):
            hits = {
                other
                for other in candidates
                if other != pid and _compatible(country, people[other].country)
            }
            if len(hits) == 1:
                return hits.pop()
            if hits:
                return None
        return None
