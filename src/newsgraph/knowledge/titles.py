"""Role titles, title modifiers and honorifics: the look-ups of ``role_titles.csv``.

Below both :mod:`newsgraph.extract` (titles before names, appositions) and
:mod:`newsgraph.corpus` (a titled id such as ``person:president-yoon`` is one person), so that
neither imports the other for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import load_csv

__all__ = [
    "TitleLexicon",
    "has_role_word",
    "is_honorific",
    "is_title",
    "normalize_title",
    "title_lexicon",
    "title_sector",
]

_HYPHEN = re.compile(r"\s*-\s*")


@dataclass(frozen=True)
class TitleLexicon:
    """Role titles (with their sector), title modifiers and honorifics, all lowercase."""

    titles: dict[str, str | None]
    modifiers: frozenset[str]
    honorifics: frozenset[str]


@lru_cache(maxsize=1)
def title_lexicon() -> TitleLexicon:
    """Return the role-title lexicon from ``knowledge/role_titles.csv``."""
    titles: dict[str, str | None] = {}
    modifiers: set[str] = set()
    honorifics: set[str] = set()
    for row in load_csv("role_titles.csv"):
        if row["kind"] == "modifier":
            modifiers.add(row["title"])
        elif row["kind"] == "honorific":
            honorifics.add(row["title"])
        else:
            titles.setdefault(row["title"], row["sector"] or None)
    return TitleLexicon(titles, frozenset(modifiers), frozenset(honorifics))


def normalize_title(text: str) -> str:
    """Return the lookup key of a title: lowercase, single spaces, no spaces around hyphens."""
    return _HYPHEN.sub("-", " ".join(text.split())).lower()


def title_sector(text: str) -> str | None:
    """Return the sector of a title ("Vice Foreign Minister" -> government), or None."""
    lexicon = title_lexicon()
    words = normalize_title(text).split()
    while words:
        key = " ".join(words)
        if key in lexicon.titles:
            return lexicon.titles[key]
        words = words[1:]
    return None


def is_title(text: str) -> bool:
    """Return True when ``text`` is a role title, perhaps with modifiers ("former Vice President").

    Example:
        >>> is_title("Vice Foreign Minister"), is_title("South Korean")
        (True, False)
    """
    lexicon = title_lexicon()
    words = normalize_title(text).split()
    if not words:
        return False
    while words:
        if " ".join(words) in lexicon.titles:
            return True
        head, *rest = words
        parts = head.split("-")
        if head in lexicon.modifiers:
            words = rest
        elif len(parts) > 1 and parts[0] in lexicon.modifiers:
            words = ["-".join(parts[1:]), *rest]
        else:
            return False
    return False


def has_role_word(text: str) -> bool:
    """Return True when some word of ``text`` (or pair of words) is a role title."""
    lexicon = title_lexicon()
    words = normalize_title(text).split()
    pairs = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)]
    return any(w in lexicon.titles for w in [*words, *pairs])


def is_honorific(text: str) -> bool:
    """Return True for "Mr.", "Mrs", "Dr." and the like."""
    return text.lower() in title_lexicon().honorifics
