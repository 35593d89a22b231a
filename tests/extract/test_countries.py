"""Tests of extract/countries.py: the country gazetteer and its lookups."""

from __future__ import annotations

import pytest

from newsgraph.extract.countries import (
    CountryMention,
    chief_executive,
    country_for,
    country_name,
    demonym,
    find_countries,
    find_regions,
    region_for,
)
from newsgraph.knowledge import load_csv


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("the US", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("America", "USA"),
        ("United States", "USA"),
        ("the United States of America", "USA"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("the Republic of Korea", "KOR"),
        ("ROK", "KOR"),
        ("Korea", "KOR"),
        ("DPRK", "PRK"),
        ("North Korea", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Pyongyang", "PRK"),
        ("Seoul", "KOR"),
        ("Tokyo", "JPN"),
        ("Beijing", "CHN"),
        ("Washington", "USA"),
        ("the Kremlin", "RUS"),
        ("the White House", "USA"),
        ("Downing Street", "GBR"),
        ("the Elysee", "FRA"),
        ("the Élysée", "FRA"),
        ("Zhongnanhai", "CHN"),
        ("the Blue House", "KOR"),
        ("South Korean", "KOR"),
        ("North Korean", "PRK"),
        ("Japanese", "JPN"),
        ("Chinese", "CHN"),
        ("British", "GBR"),
        ("Emirati", "ARE"),
        ("UAE", "ARE"),
        ("China's", "CHN"),
        ("the US'", "USA"),
        ("Russia’s", "RUS"),
        ("People's Republic of China", "CHN"),
        ("Taiwan", "TWN"),
        ("Taipei", "TWN"),
        ("Republic of China", "TWN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Ukrainian", "UKR"),
        ("Tehran", "IRN"),
        ("Iranian", "IRN"),
        ("Israeli", "ISR"),
        ("Islamabad", "PAK"),
        ("Pakistani", "PAK"),
        ("Hanoi", "VNM"),
        ("Vietnamese", "VNM"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Germany", "DEU"),
        ("Berlin", "DEU"),
        ("New Delhi", "IND"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Ivory Coast", "CIV"),
        ("DRC", "COD"),
        ("Burma", "MMR"),
        ("Saudi", "SAU"),
        ("Saudi Arabia", "SAU"),
        ("EU", "EUU"),
        ("Americans", "USA"),
        ("Afghans", "AFG"),
        ("SOUTH KOREA", "KOR"),
    ],
)
def test_countries_country_for(text: str, iso3: str) -> None:
    assert country_for(text) == iso3


@pytest.mark.parametrize(
    "text",
    ["us", "the Korean Peninsula", "Korean Peninsula", "turkeys", "china", "", "Middle East", "Mr"],
)
def test_countries_country_for_none(text: str) -> None:
    assert country_for(text) is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("the Korean Peninsula", "Korean Peninsula"),
        ("Korean peninsula", "Korean Peninsula"),
        ("the Middle East", "Middle East"),
        ("Southeast Asia", "Southeast Asia"),
        ("the Taiwan Strait", "Taiwan Strait"),
        ("South Korea", None),
    ],
)
def test_countries_region_for(text: str, region: str | None) -> None:
    assert region_for(text) == region


def _spans(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.iso3, m.kind) for m in find_countries(text)]


def test_countries_find_longest_demonym() -> None:
    assert _spans("The South Korean President arrived.") == [("South Korean", "KOR", "demonym")]


def test_countries_find_possessive_span() -> None:
    text = "North Korea's missile test"
    [mention] = find_countries(text)
    assert mention == CountryMention(0, 11, "North Korea", "PRK", "name")


def test_countries_find_offsets_exact() -> None:
    text = (
        "Japan's Prime Minister visited Seoul on Sunday, the first trip by a Japanese leader "
        "in 12 years. Washington welcomed it; Beijing and the Kremlin did not. The U.S.-led "
        "bloc and South Korea's President talked about the Korean Peninsula and China's "
        "role, said the White House and Downing Street."
    )
    mentions = find_countries(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [(m.text, m.iso3) for m in mentions] == [
        ("Japan", "JPN"),
        ("Seoul", "KOR"),
        ("Japanese", "JPN"),
        ("Washington", "USA"),
        ("Beijing", "CHN"),
        ("Kremlin", "RUS"),
        ("U.S.", "USA"),
        ("South Korea", "KOR"),
        ("China", "CHN"),
        ("White House", "USA"),
        ("Downing Street", "GBR"),
    ]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_countries_find_kinds() -> None:
    kinds = {m.text: m.kind for m in find_countries("Chinese, China, Beijing, Zhongnanhai")}
    assert kinds == {
        "Chinese": "demonym",
        "China": "name",
        "Beijing": "capital",
        "Zhongnanhai": "seat",
    }


@pytest.mark.parametrize(
    "text",
    [
        "we bought turkeys",
        "let us go",
        "Turkeys",
        "the Korean Peninsula",
        "the Washington Post reported",
        "in New Mexico",
        "Americana",
        "Japanesque",
        "Chad Smith said",
        "Jordan Peterson said",
    ],
)
def test_countries_find_nothing(text: str) -> None:
    assert find_countries(text) == []


def test_countries_chad_as_a_country() -> None:
    """Known ambiguity: "Chad" followed by a capitalised word is taken for a first name."""
    assert _spans("Chad's army and troops from Chad.") == [
        ("Chad", "TCD", "name"),
        ("Chad", "TCD", "name"),
    ]


def test_countries_find_hyphenated_and_dotted() -> None:
    assert _spans("US-China and Japan-South Korea ties, the U.S.") == [
        ("US", "USA", "name"),
        ("China", "CHN", "name"),
        ("Japan", "JPN", "name"),
        ("South Korea", "KOR", "name"),
        ("U.S.", "USA", "name"),
    ]


def test_countries_find_regions() -> None:
    [region] = find_regions("tension on the Korean Peninsula and in Seoul")
    assert (region.text, region.region) == ("Korean Peninsula", "Korean Peninsula")
    assert set(region.countries) == {"KOR", "PRK"}


def test_countries_find_covers_a_long_text() -> None:
    text = (
        "South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in "
        "Seoul on Sunday, while Washington and Beijing watched; the DPRK said nothing. "
    ) * 400  # about 10,000 words; its speed is measured in benchmarks/, not asserted here
    mentions = find_countries(text)
    assert len(mentions) == 6 * 400


@pytest.mark.parametrize(
    ("iso3", "name", "adjective"),
    [
        ("KOR", "South Korea", "South Korean"),
        ("PRK", "North Korea", "North Korean"),
        ("USA", "United States", "American"),
        ("GBR", "United Kingdom", "British"),
        ("JPN", "Japan", "Japanese"),
        ("ARE", "United Arab Emirates", "Emirati"),
        ("RUS", "Russia", "Russian"),
        ("TWN", "Taiwan", "Taiwanese"),
        ("NLD", "Netherlands", "Dutch"),
    ],
)
def test_countries_name_and_demonym(iso3: str, name: str, adjective: str) -> None:
    assert country_name(iso3) == name
    assert demonym(iso3) == adjective


def test_countries_unknown_code() -> None:
    with pytest.raises(KeyError):
        country_name("XXX")
    assert demonym("XXX") is None
    assert chief_executive("XXX") is None


@pytest.mark.parametrize(
    ("iso3", "office"),
    [("KOR", "head_of_state"), ("USA", "head_of_state"), ("JPN", "head_of_government"),
     ("DEU", "head_of_government"), ("GBR", "head_of_government"), ("IRN", "head_of_state")],
)  # fmt: skip
def test_countries_chief_executive(iso3: str, office: str) -> None:
    assert chief_executive(iso3) == office


def test_countries_tables_consistent() -> None:
    codes = {row["iso3"] for row in load_csv("countries.csv")}
    assert len(codes) > 230
    for row in load_csv("countries.csv"):
        assert len(row["iso3"]) == 3 and row["iso3"].isupper()
        assert row["name"], row
        assert row["chief_executive"] in ("", "head_of_state", "head_of_government")
    for row in load_csv("country_names.csv"):
        assert row["iso3"] in codes, row
        assert row["kind"] in {"name", "demonym", "capital", "seat"}, row
        assert row["text"] == row["text"].strip(), row
    for row in load_csv("country_regions.csv"):
        assert row["kind"] in {"region", "block"}, row
        assert all(c in codes for c in row["countries"].split("|") if c), row
