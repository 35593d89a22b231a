"""Tests of extract/offices.py and the dated office-holder table."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pytest

from newsgraph.extract.offices import (
    OFFICES,
    OfficeHolder,
    all_holders,
    former_holder,
    holder_by_name,
    holder_for_title,
    office_for_title,
    office_holder,
)
from newsgraph.knowledge import load_csv

D2005, D2015, D2023 = date(2005, 6, 1), date(2015, 6, 1), date(2023, 5, 9)
G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX"]
G20 += ["RUS", "SAU", "ZAF", "TUR", "GBR", "USA", "EUU"]
COVERED = [*G20, "PRK", "TWN", "UKR", "ISR", "IRN", "PAK", "VNM"]
HEADS_ONLY = ["BOL", "CHL", "COL", "PER", "VEN"]  # presidents, no foreign ministers yet

# (country, "the <demonym> <office>", holder on 2005-06-01, on 2015-06-01, on 2023-05-09)
DEMONYM_OFFICE = [
    (
        "ARG",
        "the Argentine president",
        "Néstor Kirchner",
        "Cristina Fernández de Kirchner",
        "Alberto Fernández",
    ),
    (
        "ARG",
        "the Argentine foreign minister",
        "Rafael Bielsa",
        "Héctor Timerman",
        "Santiago Cafiero",
    ),
    ("AUS", "the Australian prime minister", "John Howard", "Tony Abbott", "Anthony Albanese"),
    ("AUS", "the Australian foreign minister", "Alexander Downer", "Julie Bishop", "Penny Wong"),
    (
        "BRA",
        "the Brazilian president",
        "Luiz Inácio Lula da Silva",
        "Dilma Rousseff",
        "Luiz Inácio Lula da Silva",
    ),
    ("BRA", "the Brazilian foreign minister", "Celso Amorim", "Mauro Vieira", "Mauro Vieira"),
    ("CAN", "the Canadian prime minister", "Paul Martin", "Stephen Harper", "Justin Trudeau"),
    ("CAN", "the Canadian foreign minister", "Pierre Pettigrew", "Rob Nicholson", "Mélanie Joly"),
    ("CHN", "the Chinese president", "Hu Jintao", "Xi Jinping", "Xi Jinping"),
    ("CHN", "the Chinese premier", "Wen Jiabao", "Li Keqiang", "Li Qiang"),
    ("CHN", "the Chinese foreign minister", "Li Zhaoxing", "Wang Yi", "Qin Gang"),
    ("FRA", "the French president", "Jacques Chirac", "François Hollande", "Emmanuel Macron"),
    (
        "FRA",
        "the French prime minister",
        "Dominique de Villepin",
        "Manuel Valls",
        "Élisabeth Borne",
    ),
    ("DEU", "the German chancellor", "Gerhard Schröder", "Angela Merkel", "Olaf Scholz"),
    (
        "DEU",
        "the German foreign minister",
        "Joschka Fischer",
        "Frank-Walter Steinmeier",
        "Annalena Baerbock",
    ),
    ("IND", "the Indian prime minister", "Manmohan Singh", "Narendra Modi", "Narendra Modi"),
    (
        "IND",
        "the Indian external affairs minister",
        "Natwar Singh",
        "Sushma Swaraj",
        "S. Jaishankar",
    ),
    ("IDN", "the Indonesian president", "Susilo Bambang Yudhoyono", "Joko Widodo", "Joko Widodo"),
    ("IDN", "the Indonesian foreign minister", "Hassan Wirajuda", "Retno Marsudi", "Retno Marsudi"),
    ("ITA", "the Italian prime minister", "Silvio Berlusconi", "Matteo Renzi", "Giorgia Meloni"),
    ("ITA", "the Italian foreign minister", "Gianfranco Fini", "Paolo Gentiloni", "Antonio Tajani"),
    ("JPN", "the Japanese prime minister", "Junichiro Koizumi", "Shinzo Abe", "Fumio Kishida"),
    (
        "JPN",
        "the Japanese foreign minister",
        "Nobutaka Machimura",
        "Fumio Kishida",
        "Yoshimasa Hayashi",
    ),
    ("KOR", "the South Korean president", "Roh Moo-hyun", "Park Geun-hye", "Yoon Suk Yeol"),
    ("KOR", "the South Korean foreign minister", "Ban Ki-moon", "Yun Byung-se", "Park Jin"),
    (
        "MEX",
        "the Mexican president",
        "Vicente Fox",
        "Enrique Peña Nieto",
        "Andrés Manuel López Obrador",
    ),
    (
        "MEX",
        "the Mexican foreign minister",
        "Luis Ernesto Derbez",
        "José Antonio Meade",
        "Marcelo Ebrard",
    ),
    ("RUS", "the Russian president", "Vladimir Putin", "Vladimir Putin", "Vladimir Putin"),
    (
        "RUS",
        "the Russian prime minister",
        "Mikhail Fradkov",
        "Dmitry Medvedev",
        "Mikhail Mishustin",
    ),
    ("RUS", "the Russian foreign minister", "Sergey Lavrov", "Sergey Lavrov", "Sergey Lavrov"),
    ("SAU", "the Saudi king", "Fahd bin Abdulaziz", "Salman bin Abdulaziz", "Salman bin Abdulaziz"),
    ("SAU", "the Saudi foreign minister", "Saud al-Faisal", "Adel al-Jubeir", "Faisal bin Farhan"),
    ("ZAF", "the South African president", "Thabo Mbeki", "Jacob Zuma", "Cyril Ramaphosa"),
    (
        "ZAF",
        "the South African foreign minister",
        "Nkosazana Dlamini-Zuma",
        "Maite Nkoana-Mashabane",
        "Naledi Pandor",
    ),
    (
        "TUR",
        "the Turkish president",
        "Ahmet Necdet Sezer",
        "Recep Tayyip Erdoğan",
        "Recep Tayyip Erdoğan",
    ),
    (
        "TUR",
        "the Turkish leader",
        "Recep Tayyip Erdoğan",
        "Recep Tayyip Erdoğan",
        "Recep Tayyip Erdoğan",
    ),
    ("TUR", "the Turkish foreign minister", "Abdullah Gül", "Mevlüt Çavuşoğlu", "Mevlüt Çavuşoğlu"),
    ("GBR", "the British prime minister", "Tony Blair", "David Cameron", "Rishi Sunak"),
    ("GBR", "the British foreign secretary", "Jack Straw", "Philip Hammond", "James Cleverly"),
    ("USA", "the American president", "George W. Bush", "Barack Obama", "Joe Biden"),
    ("USA", "the US secretary of state", "Condoleezza Rice", "John Kerry", "Antony Blinken"),
    ("USA", "the US top diplomat", "Condoleezza Rice", "John Kerry", "Antony Blinken"),
    (
        "EUU",
        "the EU commission president",
        "José Manuel Barroso",
        "Jean-Claude Juncker",
        "Ursula von der Leyen",
    ),
    ("EUU", "the EU foreign policy chief", "Javier Solana", "Federica Mogherini", "Josep Borrell"),
    ("PRK", "the North Korean leader", "Kim Jong Il", "Kim Jong Un", "Kim Jong Un"),
    ("PRK", "the North Korean foreign minister", "Paek Nam Sun", "Ri Su Yong", "Choe Son Hui"),
    ("TWN", "the Taiwanese president", "Chen Shui-bian", "Ma Ying-jeou", "Tsai Ing-wen"),
    ("TWN", "the Taiwanese premier", "Frank Hsieh", "Mao Chi-kuo", "Chen Chien-jen"),
    (
        "UKR",
        "the Ukrainian president",
        "Viktor Yushchenko",
        "Petro Poroshenko",
        "Volodymyr Zelensky",
    ),
    (
        "UKR",
        "the Ukrainian prime minister",
        "Yulia Tymoshenko",
        "Arseniy Yatsenyuk",
        "Denys Shmyhal",
    ),
    (
        "ISR",
        "the Israeli prime minister",
        "Ariel Sharon",
        "Benjamin Netanyahu",
        "Benjamin Netanyahu",
    ),
    ("ISR", "the Israeli foreign minister", "Silvan Shalom", "Benjamin Netanyahu", "Eli Cohen"),
    ("IRN", "the Iranian president", "Mohammad Khatami", "Hassan Rouhani", "Ebrahim Raisi"),
    ("IRN", "the Iranian supreme leader", "Ali Khamenei", "Ali Khamenei", "Ali Khamenei"),
    (
        "IRN",
        "the Iranian foreign minister",
        "Kamal Kharrazi",
        "Mohammad Javad Zarif",
        "Hossein Amir-Abdollahian",
    ),
    ("PAK", "the Pakistani prime minister", "Shaukat Aziz", "Nawaz Sharif", "Shehbaz Sharif"),
    ("PAK", "the Pakistani president", "Pervez Musharraf", "Mamnoon Hussain", "Arif Alvi"),
    ("VNM", "the Vietnamese prime minister", "Phan Van Khai", "Nguyen Tan Dung", "Pham Minh Chinh"),
    ("VNM", "the Vietnamese president", "Tran Duc Luong", "Truong Tan Sang", "Vo Van Thuong"),
]

CASES = [
    pytest.param(country, title, day, name, id=f"{title}@{day}")
    for country, title, *names in DEMONYM_OFFICE
    for day, name in zip((D2005, D2015, D2023), names, strict=True)
]


@pytest.mark.parametrize(("country", "title", "on", "name"), CASES)
def test_offices_demonym_office_at_three_dates(
    country: str, title: str, on: date, name: str
) -> None:
    holder = holder_for_title(country, title, on)
    assert holder is not None
    assert holder.name == name


def test_offices_every_listed_country_is_covered() -> None:
    assert {row[0] for row in DEMONYM_OFFICE} == set(COVERED)
    for country in COVERED:
        offices = {h.office for h in all_holders() if h.country == country}
        assert "head_of_state" in offices or country == "EUU", country
        assert "foreign_minister" in offices, country


@pytest.mark.parametrize(
    ("country", "title", "office"),
    [
        ("KOR", "president", "head_of_state"),
        ("KOR", "leader", "head_of_state"),
        ("JPN", "prime minister", "head_of_government"),
        ("JPN", "leader", "head_of_government"),
        ("DEU", "chancellor", "head_of_government"),
        ("DEU", "Chancellor", "head_of_government"),
        ("CHN", "premier", "head_of_government"),
        ("CHN", "leader", "head_of_state"),
        ("IRN", "president", "head_of_government"),
        ("IRN", "leader", "head_of_state"),
        ("USA", "Secretary of State", "foreign_minister"),
        ("CHN", "top diplomat", "foreign_minister"),
        ("GBR", "Foreign Secretary", "foreign_minister"),
        ("JPN", "Japan's prime minister", "head_of_government"),
        ("KOR", "vice president", None),
        ("JPN", "former prime minister", None),
        ("CHN", "vice foreign minister", None),
        ("KOR", "professor", None),
    ],
)
def test_offices_office_for_title(country: str, title: str, office: str | None) -> None:
    assert office_for_title(country, title, D2023) == office


def test_offices_turkish_leader_moved_offices() -> None:
    assert office_for_title("TUR", "leader", date(2010, 1, 1)) == "head_of_government"
    assert office_for_title("TUR", "leader", date(2020, 1, 1)) == "head_of_state"
    assert holder_for_title("TUR", "prime minister", date(2020, 1, 1)) is None


def test_offices_no_prime_minister_in_presidential_system() -> None:
    assert holder_for_title("USA", "prime minister", D2023) is None
    holder = office_holder("USA", "head_of_government", D2023)
    assert holder is not None and holder.name == "Joe Biden"


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Yoon", D2023, "Yoon Suk Yeol"),
        ("Biden", D2023, "Joe Biden"),
        ("Kishida", D2023, "Fumio Kishida"),
        ("Xi", D2023, "Xi Jinping"),
        ("Lula", D2023, "Luiz Inácio Lula da Silva"),
        ("MBS", D2023, "Mohammed bin Salman"),
        ("Erdogan", D2023, "Recep Tayyip Erdoğan"),
        ("Zelenskyy", D2023, "Volodymyr Zelensky"),
        ("President Yoon", D2023, "Yoon Suk Yeol"),
        ("Yoon Suk-yeol", D2023, "Yoon Suk Yeol"),
        ("Lee Jae Myung", date(2025, 7, 1), "Lee Jae-myung"),
        ("Lee", date(2025, 7, 1), "Lee Jae-myung"),
        ("Trump", date(2018, 1, 1), "Donald Trump"),
        ("Clinton", date(2010, 1, 1), "Hillary Clinton"),
        ("Abe", D2015, "Shinzo Abe"),
        ("Putin", date(2010, 1, 1), "Vladimir Putin"),
        ("Merkel", D2015, "Angela Merkel"),
        ("Kim", D2023, None),  # Kim Jong Un and premier Kim Tok Hun
        ("Kim", date(2012, 1, 1), None),  # Kim Hwang-sik, Kim Sung-hwan, Kim Jong Un
        ("Singh", date(2005, 1, 1), None),  # Manmohan Singh and Natwar Singh
        ("Obama", D2023, None),  # not in office
        ("Nobody", D2023, None),
    ],
)
def test_offices_holder_by_name(name: str, on: date, expected: str | None) -> None:
    holder = holder_by_name(name, on)
    assert (holder.name if holder else None) == expected


def test_offices_holder_by_name_country_filter() -> None:
    holder = holder_by_name("Kim", date(2012, 1, 1), country="PRK")
    assert holder is not None and holder.name == "Kim Jong Un"


def test_offices_one_person_two_offices_reports_first_office() -> None:
    holder = holder_by_name("King Salman", D2015)
    assert holder is not None and holder.office == "head_of_state"


def test_offices_office_holder_returns_dataclass() -> None:
    holder = office_holder("KOR", "head_of_state", D2023)
    assert holder == OfficeHolder(
        "Yoon Suk Yeol", "KOR", "head_of_state", "President", date(2022, 5, 10), date(2025, 4, 4),
        holder.aliases, holder.source,
    )  # fmt: skip
    assert office_holder("KOR", "head_of_state", date(1950, 1, 1)) is None


# Spot checks of well-known facts (inauguration days), independent of the table's layout.
KNOWN_STARTS = [
    ("USA", "head_of_state", "Barack Obama", date(2009, 1, 20)),
    ("USA", "head_of_state", "Joe Biden", date(2021, 1, 20)),
    ("KOR", "head_of_state", "Moon Jae-in", date(2017, 5, 10)),
    ("KOR", "head_of_state", "Yoon Suk Yeol", date(2022, 5, 10)),
    ("JPN", "head_of_government", "Fumio Kishida", date(2021, 10, 4)),
    ("JPN", "head_of_government", "Yoshihide Suga", date(2020, 9, 16)),
    ("CHN", "head_of_state", "Xi Jinping", date(2013, 3, 14)),
    ("FRA", "head_of_state", "Emmanuel Macron", date(2017, 5, 14)),
    ("DEU", "head_of_government", "Olaf Scholz", date(2021, 12, 8)),
    ("GBR", "head_of_government", "Rishi Sunak", date(2022, 10, 25)),
    ("GBR", "head_of_government", "Liz Truss", date(2022, 9, 6)),
    ("ITA", "head_of_government", "Giorgia Meloni", date(2022, 10, 22)),
    ("IND", "head_of_government", "Narendra Modi", date(2014, 5, 26)),
    ("UKR", "head_of_state", "Volodymyr Zelensky", date(2019, 5, 20)),
    ("TWN", "head_of_state", "Tsai Ing-wen", date(2016, 5, 20)),
    ("BRA", "head_of_state", "Jair Bolsonaro", date(2019, 1, 1)),
    ("MEX", "head_of_state", "Andrés Manuel López Obrador", date(2018, 12, 1)),
    ("ARG", "head_of_state", "Javier Milei", date(2023, 12, 10)),
    ("PRK", "head_of_state", "Kim Jong Un", date(2011, 12, 17)),
    ("ISR", "head_of_government", "Naftali Bennett", date(2021, 6, 13)),
]


@pytest.mark.parametrize(("country", "office", "name", "start"), KNOWN_STARTS)
def test_offices_known_facts(country: str, office: str, name: str, start: date) -> None:
    starts = [
        h.start for h in all_holders() if (h.country, h.office, h.name) == (country, office, name)
    ]
    assert start in starts


def test_offices_rows_are_well_formed() -> None:
    rows = load_csv("office_holders.csv")
    assert len(rows) > 500
    for row in rows:
        start = date.fromisoformat(row["start"])
        end = date.fromisoformat(row["end"]) if row["end"] else None
        assert end is None or start <= end, row
        assert row["office"] in OFFICES, row
        assert row["country"] in COVERED or row["country"] in HEADS_ONLY, row
        assert row["name"] and row["title"] and row["source"], row
        assert end is None or end >= date(2000, 1, 1), row
        assert "," not in row["aliases"], row


def test_offices_terms_do_not_overlap() -> None:
    terms: defaultdict[tuple[str, str], list[OfficeHolder]] = defaultdict(list)
    for holder in all_holders():
        terms[holder.country, holder.office].append(holder)
    for key, group in terms.items():
        ordered = sorted(group, key=lambda h: h.start)
        for before, after in pairwise(ordered):
            assert before.end is not None, (key, before.name, after.name)
            assert before.end - after.start <= timedelta(days=31), (key, before.name, after.name)


def test_former_holder_gives_the_last_term_ended_before_the_day() -> None:
    later = former_holder("Michelle Bachelet", date(2019, 1, 1))
    assert later is not None and later.country == "CHL" and later.end == date(2018, 3, 11)
    assert former_holder("Michelle Bachelet", date(2015, 1, 1)) is None  # in office then
    assert former_holder("Bachelet", date(2019, 1, 1)) is None  # full names only
    assert former_holder("Evo Morales", date(2005, 1, 1)) is None  # not yet in office
