"""Who held an office on a date: heads of state and government and foreign ministers.

The dated table is ``knowledge/office_holders.csv`` (one row per term, each naming where it can
be checked); the words news uses for the offices ("premier", "top diplomat", "leader") are in
``knowledge/office_titles.csv``, per country where usage differs (Iran's President heads the
government; "leader" in Turkey meant the Prime Minister until 2014). Terms are half-open:
a holder is in office from ``start`` up to, not including, ``end`` (the successor's first day);
an empty ``end`` means in office as far as the table knows.

Example:
    >>> from datetime import date
    >>> holder_for_title("JPN", "the Japanese prime minister", date(2023, 5, 9)).name
    'Fumio Kishida'
    >>> holder_by_name("Yoon", date(2023, 5, 9)).name
    'Yoon Suk Yeol'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..knowledge import load_csv
from .countries import chief_executive, find_countries

__all__ = [
    "OFFICES",
    "OfficeHolder",
    "all_holders",
    "former_holder",
    "holder_by_name",
    "holder_for_title",
    "office_for_title",
    "office_holder",
]

OFFICES = ("head_of_state", "head_of_government", "foreign_minister")
"""The office codes, in the order a person holding several is reported by."""

_CHIEF = "chief_executive"
_ANY_COUNTRY = "*"
_LEADING = re.compile(r"^(?:(?:the|its|their|his|her)\s+|['’]s?\s+)+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class OfficeHolder:
    """One term of one person in one office of one country (``end`` None: still in office)."""

    name: str
    country: str
    office: str
    title: str
    start: date
    end: date | None
    aliases: tuple[str, ...] = ()
    source: str = ""

    def holds_on(self, on: date) -> bool:
        """True when this term covers the day ``on``."""
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True)
class _TitleRule:
    """A title word mapped to an office, for one country (or all) and a period (or always)."""

    country: str
    title: str
    office: str
    start: date | None
    end: date | None

    def applies(self, country: str, on: date) -> bool:
        """True when the rule is for ``country`` (or any) and in force on ``on``."""
        return (
            self.country in (country, _ANY_COUNTRY)
            and (self.start is None or self.start <= on)
            and (self.end is None or on < self.end)
        )


def _date(text: str) -> date | None:
    """Parse an ISO date, or None for an empty cell."""
    return date.fromisoformat(text) if text else None


def _holder(row: dict[str, str]) -> OfficeHolder:
    """Build an :class:`OfficeHolder` from a row of ``office_holders.csv``."""
    start = date.fromisoformat(row["start"])
    aliases = tuple(a for a in row["aliases"].split("|") if a)
    return OfficeHolder(
        row["name"], row["country"], row["office"], row["title"], start,
        _date(row["end"]), aliases, row["source"],
    )  # fmt: skip


@lru_cache(maxsize=1)
def all_holders() -> tuple[OfficeHolder, ...]:
    """Every term in the table, in file order (country by country, office by office)."""
    return tuple(_holder(row) for row in load_csv("office_holders.csv"))


@lru_cache(maxsize=1)
def _title_rules() -> tuple[_TitleRule, ...]:
    """The title → office rules, country-specific ones first."""
    rules = [
        _TitleRule(
            row["country"], row["title"], row["office"], _date(row["start"]), _date(row["end"])
        )
        for row in load_csv("office_titles.csv")
    ]
    return tuple(sorted(rules, key=lambda r: r.country == _ANY_COUNTRY))


def _name_key(text: str) -> str:
    """Fold a name for comparison: no accents, case, hyphens, dots or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = ascii_only.replace("ı", "i").replace("’", "'")
    return _SPACES.sub(" ", re.sub(r"[-.]", " ", ascii_only)).strip().casefold()


@lru_cache(maxsize=1)
def _name_index() -> dict[str, tuple[OfficeHolder, ...]]:
    """Every folded full name and alias → the terms it names."""
    index: defaultdict[str, list[OfficeHolder]] = defaultdict(list)
    for holder in all_holders():
        for text in (holder.name, *holder.aliases):
            index[_name_key(text)].append(holder)
    return {key: tuple(terms) for key, terms in index.items()}


def _in_office(terms: tuple[OfficeHolder, ...], on: date) -> list[OfficeHolder]:
    """The terms covering ``on``, the latest-starting first."""
    return sorted((t for t in terms if t.holds_on(on)), key=lambda t: t.start, reverse=True)


def former_holder(full_name: str, on: date) -> OfficeHolder | None:
    """Return the last term a person named in full had ended before ``on``, if only one fits.

    ("Evo Morales" in 2019-11 → his term as Bolivia's President, ended 2019-11-10.) Only full
    names are looked up, not aliases; a name held by several people, or by someone in office
    on ``on``, gives None.
    """
    terms = [t for t in _name_index().get(_name_key(full_name), ()) if _name_key(t.name)
             == _name_key(full_name)]  # fmt: skip
    if not terms or len({t.country for t in terms}) != 1 or _in_office(tuple(terms), on):
        return None
    ended = [t for t in terms if t.end is not None and t.end <= on]
    return max(ended, key=lambda t: t.end or t.start) if ended else None


def office_holder(country: str, office: str, on: date) -> OfficeHolder | None:
    """Return who held ``office`` in ``country`` on the day ``on``.

    Where a country's table has no separate head of government (presidential systems such as
    the United States), ``head_of_government`` is answered by the head of state.

    Args:
        country: ISO3 code (``EUU`` for the European Union).
        office: One of :data:`OFFICES`.
        on: The day, usually the article's publication date.

    Returns:
        The holder's term, or None when the table has nobody for that day.
    """
    if office == "head_of_government" and not _has_office(country, office):
        return _term(country, "head_of_state", on)
    return _term(country, office, on)


def _has_office(country: str, office: str) -> bool:
    """True when the table lists anybody in ``office`` for ``country``."""
    return any(t.country == country and t.office == office for t in all_holders())


def _term(country: str, office: str, on: date) -> OfficeHolder | None:
    """The term of ``office`` in ``country`` covering ``on`` (latest start wins), if any."""
    terms = tuple(t for t in all_holders() if t.country == country and t.office == office)
    found = _in_office(terms, on)
    return found[0] if found else None


def _clean_title(title_text: str) -> str:
    """Fold free title text to its bare title: "the Japanese Prime Minister" → "prime minister"."""
    text = title_text
    for mention in reversed(find_countries(text)):
        text = text[: mention.start] + " " + text[mention.end :]
    text = _SPACES.sub(" ", text).strip()
    text = _LEADING.sub("", text)
    return _SPACES.sub(" ", text.replace("’", "'")).strip(" ,.").casefold()


def office_for_title(country: str, title_text: str, on: date) -> str | None:
    """Return the office code a title means in ``country`` on ``on``.

    Args:
        country: ISO3 code.
        title_text: Free text such as "prime minister", "the South Korean president", "leader",
            "top diplomat". Country names and demonyms in it are ignored.
        on: The day (some titles changed meaning, e.g. "leader" in Turkey in 2014).

    Returns:
        One of :data:`OFFICES`, or None when the title names none of them ("vice president",
        "former prime minister").
    """
    title = _clean_title(title_text)
    for rule in _title_rules():
        if rule.title == title and rule.applies(country, on):
            return _chief_office(country, on) if rule.office == _CHIEF else rule.office
    return None


def _chief_office(country: str, on: date) -> str:
    """The office that leads ``country``: from the country table, else by what the table holds."""
    office = chief_executive(country)
    if office is not None:
        return office
    return "head_of_government" if _term(country, "head_of_government", on) else "head_of_state"


def holder_for_title(country: str, title_text: str, on: date) -> OfficeHolder | None:
    """Return who a title refers to: "the Japanese prime minister" on 2023-05-09 → Kishida.

    Args:
        country: ISO3 code of the country the title belongs to.
        title_text: Free title text: "prime minister", "president", "premier", "leader",
            "foreign minister", "top diplomat", "chancellor" (with or without the country).
        on: The day, usually the article's publication date.

    Returns:
        The holder's term, or None when the title is not one of the three offices or nobody
        is known for that day ("the US prime minister" is nobody).
    """
    office = office_for_title(country, title_text, on)
    return _term(country, office, on) if office is not None else None


@lru_cache(maxsize=1)
def _title_prefixes() -> tuple[str, ...]:
    """Titles that may precede a name ("President", "Foreign Minister"), longest first."""
    titles = {_name_key(h.title) for h in all_holders()}
    titles |= {_name_key(rule.title) for rule in _title_rules()}
    return tuple(sorted(titles, key=len, reverse=True))


def _strip_title(key: str) -> str:
    """Drop one leading title from a folded name ("president yoon" → "yoon")."""
    for title in _title_prefixes():
        if key.startswith(title + " "):
            return key[len(title) + 1 :]
    return key


def holder_by_name(
    name_or_surname: str, on: date, *, country: str | None = None
) -> OfficeHolder | None:
    """Return the office holder a name refers to on a day: "Yoon" on 2023-05-09 → Yoon Suk Yeol.

    A surname shared by several people in office that day ("Kim" in 2012: South Korea's prime
    minister and foreign minister, and North Korea's leader) gives None. One person in two
    offices is reported by the first of :data:`OFFICES`.

    Args:
        name_or_surname: A full name, a listed alias or surname ("Biden", "Lula", "MBS"), with
            or without accents, hyphens or a leading title ("President Yoon").
        on: The day, usually the article's publication date.
        country: Only consider holders of this country (ISO3), when known.

    Returns:
        The holder's term, or None when nobody or more than one person fits.
    """
    key = _name_key(name_or_surname)
    index = _name_index()
    terms = index.get(key) or index.get(_strip_title(key), ())
    found = [t for t in _in_office(terms, on) if country is None or t.country == country]
    if len({_name_key(t.name) for t in found}) != 1:
        return None
    return min(found, key=lambda t: OFFICES.index(t.office))
