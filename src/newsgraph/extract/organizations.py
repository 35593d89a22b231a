"""Organisations: their canonical name, id, PLOVER sector and country.

The sector follows PLOVER's actor sectors (government, military, opposition, business, media,
academia, think tank, IGO, NGO, plus the finer ones PLOVER also lists: party, legislature,
judiciary, police ...). It comes from, in order: the table of international organisations
(``knowledge/igos.csv``), the words of the name ("University" -> academia, "Ministry" ->
government; ``knowledge/org_words.csv``) and the noun the article puts next to the name
("the ThinkLab think tank", "Reuters news agency").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_csv

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class OrgWord:
    """A word of organisation names: the sector it implies and its level (institution/unit)."""

    words: tuple[str, ...]
    sector: str | None
    level: str


@dataclass(frozen=True)
class KnownOrg:
    """An organisation from the tables: canonical name, sector and country (if national)."""

    name: str
    sector: str | None
    country: str | None = None


def slugify(text: str) -> str:
    """Return a stable ASCII slug: "Maria Lopez" -> "maria-lopez", "Lee Jae-Myung" -> ...

    Example:
        >>> slugify("Hankuk University of Foreign Studies")
        'hankuk-university-of-foreign-studies'
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def clean_org_name(text: str) -> str:
    """Return an organisation name without a leading "the" or a trailing possessive."""
    text = _LEADING_THE.sub("", " ".join(text.split()))
    return re.sub(r"\s*['’]s?$", "", text)


def org_id(name: str) -> str:
    """Return the stable id of an organisation: ``org:<slug of its name>``."""
    return "org:" + slugify(clean_org_name(name))


@lru_cache(maxsize=1)
def org_words() -> tuple[OrgWord, ...]:
    """Return the organisation words, longest first."""
    words = [
        OrgWord(tuple(row["words"].split()), row["sector"] or None, row["level"])
        for row in load_csv("org_words.csv")
    ]
    return tuple(sorted(words, key=lambda w: -len(w.words)))


@lru_cache(maxsize=1)
def known_orgs() -> dict[str, KnownOrg]:
    """Return the table of known organisations: lowercase name or alias -> org.

    ``igos.csv`` (hand-made) comes first; ``national_institutions.csv`` (a country's
    departments, councils and forces, by ``tools/build_institutions.py``) and
    ``organizations.csv`` (built from the Phoenix dictionaries by
    ``tools/build_organizations.py``) fill in national bodies, armed groups, NGOs and companies.
    """
    index: dict[str, KnownOrg] = {}
    for table in ("igos.csv", "national_institutions.csv", "organizations.csv"):
        for row in load_csv(table):
            org = KnownOrg(row["name"], row["sector"] or None, row.get("country") or None)
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                index.setdefault(clean_org_name(alias).lower(), org)
    return index


def known_org(text: str) -> KnownOrg | None:
    """Return the known organisation named ``text`` ("NATO", "the UN", "Hamas"), or None."""
    return known_orgs().get(clean_org_name(text).lower())


def _words_in(name: str) -> list[OrgWord]:
    tokens = [t.lower().strip(",") for t in re.split(r"[\s-]+", name) if t]
    found: list[tuple[int, OrgWord]] = []
    for word in org_words():
        n = len(word.words)
        for i in range(len(tokens) - n + 1):
            if tuple(tokens[i : i + n]) == word.words:
                found.append((i, word))
                break
    return [w for _, w in sorted(found, key=lambda x: x[0])]


def sector_from_words(text: str) -> str | None:
    """Return the sector implied by the words of ``text`` ("Tokyo University" -> academia).

    The leftmost institution word decides ("Ministry of Education" is government), but a
    sector-less word does not stop a later one from deciding.
    """
    for word in _words_in(text):
        if word.sector:
            return word.sector
    return None


def is_unit(text: str) -> bool:
    """Return True when ``text`` names a unit of an institution ("Department of Politics")."""
    words = _words_in(text)
    return bool(words) and words[0].level == "unit"


def org_sector(name: str, context: str = "") -> str | None:
    """Return the PLOVER sector of the organisation ``name``.

    Args:
        name: the organisation's name as written.
        context: the noun the article puts right next to it ("think tank", "news agency").

    Returns:
        A sector word ("academia", "IGO", "think tank" ...) or None when nothing says.
    """
    known = known_org(name)
    if known:
        return known.sector
    return sector_from_words(context) or sector_from_words(name)
