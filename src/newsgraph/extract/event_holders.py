"""The country an actor acts for when the text does not say it.

- :func:`holder_country`: the country of an office holder at any date ("Mitterrand" acts for
  France in an undated text), from ``office_holders.csv`` and ``event_leaders.csv``.
- :func:`home_country`: the one country a story is about, when it names (almost) no other; an
  agent noun tied to no country ("the government", "police") is then that country's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from ..knowledge import load_csv
from ..model import Actor

__all__ = ["holder_country", "home_country"]


def home_country(actors: Sequence[Actor]) -> list[str]:
    """Return the one country a story is about, when it names (almost) no other.

    Mentions of a country, or of a person or organisation with a country, count for it; the
    leader needs at least 3 mentions and four times as many as every other country together.
    """
    counts: dict[str, int] = {}
    for actor in actors:
        code = actor.id if actor.kind == "country" else actor.country
        if code and actor.kind in ("country", "person", "organization"):
            counts[code] = counts.get(code, 0) + len(actor.mentions)
    if not counts:
        return []
    top = max(counts, key=lambda c: counts[c])
    rest = sum(counts.values()) - counts[top]
    return [top] if counts[top] >= 3 and counts[top] >= 4 * rest else []


@lru_cache(maxsize=1)
def _holder_countries() -> dict[str, dict[str, int]]:
    """Every office holder's folded name, alias and surname -> {country: holders so named}."""
    from .offices import all_holders

    names = [(t, h.country) for h in all_holders() for t in (h.name, *h.aliases)]
    names += [(row["name"], row["country"]) for row in load_csv("event_leaders.csv")]
    holders: dict[str, dict[str, set[str]]] = {}
    for text, country in names:
        full = _fold(text)
        for key in {full, _fold(text.split()[-1])}:
            holders.setdefault(key, {}).setdefault(country, set()).add(full)
    return {
        key: {country: len(names) for country, names in by_country.items()}
        for key, by_country in holders.items()
    }


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        .replace("-", " ")
        .replace(".", " ")
        .casefold()
        .split()
    )


@lru_cache(maxsize=4096)
def holder_country(name: str) -> str | None:
    """Return the country of an office holder named ``name`` at any date, when only one fits.

    The actors extractor dates office holders by the article's publication date; an event in
    an undated text (or an old one) still knows which country a head of state speaks for.
    Besides ``office_holders.csv``, ``event_leaders.csv`` lists heads of state and government
    since 1970 (CountryInfo ``<Leaders>``, built by ``tools/build_plover_lexicon.py``).
    """
    counts = _holder_countries().get(_fold(name))
    if not counts:
        return None
    if len(counts) == 1:
        return next(iter(counts))
    # A surname several countries' leaders bore: the country most of them led, if clearly so.
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None
