"""Countries in news text: names, demonyms, capitals and seats of power → ISO 3166-1 alpha-3.

The gazetteer is data (``knowledge/country_names.csv``, built by ``tools/build_countries.py``
from CountryInfo, ICEWS and Mordecai plus ``knowledge/country_curation.csv``); regions and
phrases that must not count as a country ("the Korean Peninsula", "Washington Post") come from
``knowledge/country_regions.csv``. All of them are compiled once into one trie-shaped regular
expression, so :func:`find_countries` scans a 10,000-word article in a few milliseconds.

Decisions worth knowing:

- Matching is case-sensitive: "US" is the United States, "us" is not. Names of four letters or
  more also match in capitals ("SOUTH KOREA" in a headline).
- A bare "Korea"/"Korean" is South Korea (KOR): English news names North Korea explicitly.
  "Korean Peninsula" and "Korean War" are consumed as a region / a blocked phrase.
- A bare "Congo"/"Congolese" is the DRC (COD); "Dominican" is the Dominican Republic (DOM).
- "Chad" and "Jordan" are skipped when directly followed by a capitalised word ("Chad Smith",
  "Jordan Peterson"), so "Chad President Deby" is missed: the lesser error.
- The European Union is an actor with the code ``EUU`` (the World Bank's code), though not a
  country.

Example:
    >>> country_for("the Republic of Korea")
    'KOR'
    >>> [(m.text, m.iso3, m.kind) for m in find_countries("North Korea's leader")]
    [('North Korea', 'PRK', 'name')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_csv

__all__ = [
    "CountryMention",
    "RegionMention",
    "chief_executive",
    "country_for",
    "country_name",
    "demonym",
    "find_countries",
    "find_regions",
    "region_for",
]

COUNTRY_KINDS = frozenset({"name", "demonym", "capital", "seat"})
_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
_UPPER_MIN = 4


@dataclass(frozen=True)
class CountryMention:
    """A country named in a text: ``text[start:end] == text`` of the mention."""

    start: int
    end: int
    text: str
    iso3: str
    kind: str


@dataclass(frozen=True)
class RegionMention:
    """A region named in a text ("the Korean Peninsula"), with the countries it spans."""

    start: int
    end: int
    text: str
    region: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    """What a gazetteer text stands for: a country (kind in COUNTRY_KINDS) or a region/block."""

    code: str
    kind: str
    ambiguity: str = ""
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Gazetteer:
    """Every known text with its entry, and the compiled matcher over all of them."""

    entries: dict[str, _Entry]
    pattern: re.Pattern[str]


def _variants(text: str) -> list[str]:
    """The forms a gazetteer text is matched in: as written, and in capitals when long enough."""
    forms = [text]
    if len(text) >= _UPPER_MIN and text != text.upper():
        forms.append(text.upper())
    return forms


def _load_entries() -> dict[str, _Entry]:
    """Read the country names and the regions into one text → entry map."""
    entries: dict[str, _Entry] = {}
    for row in load_csv("country_names.csv"):
        entry = _Entry(row["iso3"], row["kind"], row.get("ambiguity") or "")
        for form in _variants(row["text"]):
            entries.setdefault(form, entry)
    for row in load_csv("country_regions.csv"):
        countries = tuple(c for c in row["countries"].split("|") if c)
        entry = _Entry(row["region"], row["kind"], "", countries)
        for form in _variants(row["text"]):
            entries[form] = entry  # a region or block outranks a country of the same text
    return entries


def _trie_pattern(texts: list[str]) -> str:
    """A regex matching any of ``texts``, longest first, ending on a word boundary."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for text in texts:
        node = trie
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:  # type: ignore[type-arg]
        alts = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(r"(?!\w)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return r"(?<!\w)" + render(trie)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Build (once) the gazetteer and its matcher."""
    entries = _load_entries()
    return _Gazetteer(entries, re.compile(_trie_pattern(list(entries))))


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    """The rows of ``countries.csv`` by ISO3 code."""
    return {row["iso3"]: row for row in load_csv("countries.csv")}


def _skipped(text: str, end: int, entry: _Entry) -> bool:
    """True when an ambiguous name is used as a person's first name ("Chad Smith")."""
    return entry.ambiguity == "person_name" and bool(_CAPITALISED_NEXT.match(text, end))


def _scan(text: str) -> list[tuple[int, int, _Entry]]:
    """Every gazetteer match in ``text``: leftmost, longest, no overlaps."""
    gaz = _gazetteer()
    found = []
    for match in gaz.pattern.finditer(text):
        entry = gaz.entries[match.group()]
        if not _skipped(text, match.end(), entry):
            found.append((match.start(), match.end(), entry))
    return found


def find_countries(text: str) -> list[CountryMention]:
    """Find every mention of a country in ``text``.

    Matches are on word boundaries, longest first and never overlapping: "South Korean
    President" gives one demonym "South Korean" (KOR), and "North Korea's" gives "North Korea".
    Regions ("the Korean Peninsula") and blocked phrases ("Washington Post") hide the country
    names inside them.

    Args:
        text: Any text, e.g. an article body.

    Returns:
        The mentions in text order; ``text[m.start:m.end] == m.text`` for each.
    """
    return [
        CountryMention(start, end, text[start:end], entry.code, entry.kind)
        for start, end, entry in _scan(text)
        if entry.kind in COUNTRY_KINDS
    ]


def find_regions(text: str) -> list[RegionMention]:
    """Find every mention of a region ("Korean Peninsula", "Middle East") in ``text``.

    Args:
        text: Any text.

    Returns:
        The region mentions in text order, with the countries each region spans (if known).
    """
    return [
        RegionMention(start, end, text[start:end], entry.code, entry.countries)
        for start, end, entry in _scan(text)
        if entry.kind == "region"
    ]


def _bare(text: str) -> str:
    """Strip white space, a leading article and a trailing possessive from a name."""
    return _POSSESSIVE.sub("", _ARTICLE.sub("", text.strip())).strip()


def _lookup(text: str) -> _Entry | None:
    """The entry for ``text`` as written or without its article and possessive."""
    entries = _gazetteer().entries
    return entries.get(text.strip()) or entries.get(_bare(text))


def country_for(text: str) -> str | None:
    """Return the ISO3 code of a country name, demonym, capital or seat of power.

    Args:
        text: The words as they appear in news text: "the US", "U.S.", "Republic of Korea",
            "ROK", "DPRK", "Pyongyang", "the Kremlin", "South Korean", "China's".

    Returns:
        The ISO 3166-1 alpha-3 code (``EUU`` for the European Union), or None when ``text`` is
        not a country, or is a region ("the Korean Peninsula", see :func:`region_for`).

    Example:
        >>> country_for("the White House"), country_for("us")
        ('USA', None)
    """
    entry = _lookup(text)
    return entry.code if entry is not None and entry.kind in COUNTRY_KINDS else None


def region_for(text: str) -> str | None:
    """Return the canonical name of a region ("the Korean peninsula" → "Korean Peninsula").

    Args:
        text: A region name as it appears in news text.

    Returns:
        The region's name, or None when ``text`` is not a known region.
    """
    entry = _lookup(text)
    return entry.code if entry is not None and entry.kind == "region" else None


def country_name(iso3: str) -> str:
    """Return the common English short name of a country ("KOR" → "South Korea").

    Args:
        iso3: An ISO 3166-1 alpha-3 code.

    Returns:
        The name.

    Raises:
        KeyError: ``iso3`` is not in the country table.
    """
    return _countries()[iso3]["name"]


def demonym(iso3: str) -> str | None:
    """Return the adjective of a country ("KOR" → "South Korean"), or None if unknown."""
    row = _countries().get(iso3)
    return (row["demonym"] or None) if row else None


def chief_executive(iso3: str) -> str | None:
    """Return which office leads a country: "head_of_state" or "head_of_government".

    "Leader" in news means this office: the president in presidential systems (USA, KOR), the
    prime minister or chancellor in parliamentary ones (JPN, DEU).

    Args:
        iso3: An ISO 3166-1 alpha-3 code.

    Returns:
        The office code, or None when the table does not say.
    """
    row = _countries().get(iso3)
    return (row["chief_executive"] or None) if row else None
