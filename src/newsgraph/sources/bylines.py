"""Bylines shared by every reader: name case, and news-agency credit lines.

- :func:`normalise_case` writes a name typed in capitals the way people write it:
  ``MARGARET McALLISTER`` → ``Margaret McAllister``, ``PIETER VAN DER BERG`` →
  ``Pieter van der Berg``, ``SEAN O'NEILL`` → ``Sean O'Neill``; a name already in mixed case
  is left as it is.
- :func:`strip_licensing` removes the links pages add to captions to sell a photo's rights
  (``Purchase licensing rights``): they are not part of a caption or a credit.
- :func:`read_credit_line` reads an agency credit line, ``Reporting by A and B in Paris;
  Additional reporting by C; Writing by D; Editing by E``: who reported and wrote the story
  (its authors), who edited it, and who contributed. Such a line is furniture, not body text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

PARTICLES = frozenset(
    ["van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "dos", "das"]
)
_MC = re.compile(r"^(Mc|Mac)([a-z])(.*)$")
# Segments of a credit line: split at ``;`` or ``|``, or at a comma before another cue.
_SEGMENT = re.compile(
    r"\s*[;|]\s*|\s*,\s*(?=(?:[A-Za-z]+\s+){0,2}"
    r"(?:reporting|writing|editing|compiled|research|graphics|production)\b)",
    re.I,
)


@cache
def _cues() -> dict[str, Any]:
    path = files("newsgraph.knowledge").joinpath("credit_lines.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def normalise_case(name: str) -> str:
    """Return ``name`` in name case when it is written in capitals; otherwise unchanged.

    A name counts as capitals when most of its letters are capitals; a word is in capitals
    when it has no lower-case letter past its first two (``McALLISTER`` is, ``McAllister`` is
    not). A single word is left alone: ``AP`` and ``BBC`` are acronyms.

    Example:
        >>> normalise_case("PIETER VAN DER BERG")
        'Pieter van der Berg'
    """
    words = name.split()
    letters = [c for c in name if c.isalpha()]
    if len(words) < 2 or not letters or not any(_shouting(w) for w in words):
        return name  # one word in capitals is an acronym (``AP``) as often as a name
    if sum(1 for c in letters if c.isupper()) < 0.6 * len(letters):
        return name
    out = []
    for k, word in enumerate(words):
        if not _shouting(word):
            out.append(word)
        elif k and word.lower() in PARTICLES:
            out.append(word.lower())
        else:
            out.append(_word_case(word))
    return " ".join(out)


def _shouting(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in word[2:] if c.isalpha())


def _word_case(word: str) -> str:
    """Case one word: ``McALLISTER`` → ``McAllister``, ``O'NEILL`` → ``O'Neill``."""
    parts = re.split(r"([-'’])", word)
    cased = []
    for part in parts:
        if not part or part in "-'’":
            cased.append(part)
            continue
        lowered = part[:1].upper() + part[1:].lower()
        match = _MC.match(lowered)
        if match and len(part) > 4 and part[:2].lower() == "mc":
            lowered = match.group(1) + match.group(2).upper() + match.group(3)
        cased.append(lowered)
    return "".join(cased)


@cache
def _licensing() -> re.Pattern[str]:
    cues = sorted(_cues()["licensing_links"], key=len, reverse=True)
    return re.compile(r"\s*[,;|·•–-]?\s*(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.I)


def strip_licensing(text: str) -> str:
    """Return ``text`` without licensing links (``Purchase licensing rights`` and the like)."""
    return " ".join(_licensing().sub(" ", text).split()).strip(" ,;|·•–-")


def is_licensing(text: str) -> bool:
    """Return whether ``text`` is nothing but a licensing link."""
    return bool(text.strip()) and not strip_licensing(text)


@dataclass
class Credits:
    """What an agency credit line says: authors, editors and other contributors."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)


def read_credit_line(text: str) -> Credits | None:
    """Read a credit line (``Reporting by A; Editing by B``); None when ``text`` is not one.

    Every segment of the line must start with a credit cue (``Reporting by``, ``Writing by``,
    ``Editing by``, ``Additional reporting by``…) and name people; a place after a name
    (``A in Paris``) is dropped.
    """
    text = " ".join(text.split()).strip(" .")
    if not text or len(text) > 400:
        return None
    cues: dict[str, str] = _cues()["cues"]
    credits = Credits()
    segments = [s for s in _SEGMENT.split(text) if s.strip()]
    for segment in segments:
        role, rest = _cue_of(segment, cues)
        if role is None:
            return None
        names = _names(rest)
        if not names:
            return None
        getattr(credits, role).extend(n for n in names if n not in getattr(credits, role))
    return credits if credits.authors or credits.editors else None


def _cue_of(segment: str, cues: dict[str, str]) -> tuple[str | None, str]:
    lowered = segment.lower()
    for cue in sorted(cues, key=len, reverse=True):
        if lowered.startswith(cue + " ") or lowered.startswith(cue + ":"):
            return cues[cue], segment[len(cue) :].lstrip(" :")
    return None, segment


def _names(text: str) -> list[str]:
    parts = [p.strip(" .") for p in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if p.strip(" .")]
    names: list[str] = []
    for part in parts:
        part = re.split(r"\s+(?:in|from|at)\s+(?=[A-Z])", part, maxsplit=1)[0]
        words = part.split()
        if not 1 <= len(words) <= 5 or not all(
            w[:1].isupper() or w.lower() in PARTICLES for w in words
        ):
            return []
        names.append(normalise_case(part))
    return names


def take_credit_lines(paragraphs: list[str]) -> tuple[list[str], Credits | None]:
    """Return the paragraphs without their credit lines, and what those lines say.

    Example:
        >>> kept, credits = take_credit_lines(["Talks went on.", "Reporting by Jo Roe"])
        >>> kept, credits.authors
        (['Talks went on.'], ['Jo Roe'])
    """
    kept: list[str] = []
    found: Credits | None = None
    for paragraph in paragraphs:
        credits = read_credit_line(paragraph)
        if credits is None:
            kept.append(paragraph)
            continue
        found = found or Credits()
        for role in ("authors", "editors", "contributors"):
            known = getattr(found, role)
            known.extend(n for n in getattr(credits, role) if n not in known)
    return kept, found
