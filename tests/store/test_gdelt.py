"""GDELT 2.0 rows of the stored events, and CAMEO fields in the other exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from store_data import other_analysis, summit_analysis

from newsgraph.errors import ConfigError
from newsgraph.knowledge.cameo import QUAD_CLASSES, cameo_of
from newsgraph.store import Store
from newsgraph.store.export import analysis_with_cameo, export
from newsgraph.store.gdelt import GDELT_COLUMNS, event_id
from newsgraph.store.rows import write_analysis


@pytest.fixture()
def filled(store: Store) -> Store:
    write_analysis(store, summit_analysis())
    write_analysis(store, other_analysis())
    return store


def read_gdelt(text: str) -> list[dict[str, str]]:
    """Parse GDELT rows back: tab-separated, no quoting, 61 fields each, header first."""
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == GDELT_COLUMNS
    assert all(len(row) == 61 for row in rows)
    return [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in rows[1:]]


def test_gdelt_has_gdelts_61_columns_in_order() -> None:
    assert len(GDELT_COLUMNS) == len(set(GDELT_COLUMNS)) == 61
    assert GDELT_COLUMNS[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert GDELT_COLUMNS[25:35] == [
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    ]  # fmt: skip
    assert GDELT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    # Spelt out as GDELT 2.0's event codebook lists them (the list above is generated).
    actor = [
        "Code",
        "Name",
        "CountryCode",
        "KnownGroupCode",
        "EthnicCode",
        "Religion1Code",
        "Religion2Code",
        "Type1Code",
        "Type2Code",
        "Type3Code",
    ]
    geo = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
    assert GDELT_COLUMNS[5:25] == [f"Actor1{c}" for c in actor] + [f"Actor2{c}" for c in actor]
    assert GDELT_COLUMNS[35:59] == [
        f"{a}Geo_{c}" for a in ("Actor1", "Actor2", "Action") for c in geo
    ]


def test_gdelt_rows_parse_back_with_codes_of_their_type(filled: Store) -> None:
    out = io.StringIO()
    counts: dict[str, int] = {}
    assert export(filled, "gdelt", out, counts=counts) == 4 == counts["events"]
    rows = read_gdelt(out.getvalue())
    by_code = {r["EventRootCode"]: r for r in rows}
    assert set(by_code) == {"04", "11", "07", "16"}
    for row in rows:
        assert row["EventCode"].startswith(row["EventBaseCode"])
        assert row["EventBaseCode"].startswith(row["EventRootCode"])
        assert row["AvgTone"] == "" and row["NumArticles"] == "1"
        assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()
    consult = by_code["04"]
    # A joint act with no recipient: the second participant is Actor2.
    assert (consult["Actor1Code"], consult["Actor2Code"]) == ("JPN", "KOR")
    assert consult["Actor2Name"] == "South Korea"
    assert (consult["SQLDATE"], consult["MonthYear"], consult["Year"]) == (
        "20230507", "202305", "2023"
    )  # fmt: skip
    assert consult["QuadClass"] == "1" and consult["GoldsteinScale"] == "1.0"
    aid = by_code["07"]  # a person acting for Japan; the month's first day
    assert (aid["Actor1Name"], aid["Actor1CountryCode"], aid["SQLDATE"]) == (
        "Fumio Kishida", "JPN", "20230401"
    )  # fmt: skip
    sanction = by_code["16"]  # an organisation without a country: a name, no code
    assert (sanction["Actor1Code"], sanction["Actor1Name"]) == ("", "European Union")
    assert sanction["Actor2Code"] == "RUS" and sanction["QuadClass"] == "4"


def test_gdelt_ids_are_stable_integers(filled: Store) -> None:
    first, second = io.StringIO(), io.StringIO()
    export(filled, "gdelt", first)
    export(filled, "gdelt", second)
    assert first.getvalue() == second.getvalue()
    ids = [int(r["GLOBALEVENTID"]) for r in read_gdelt(first.getvalue())]
    assert len(set(ids)) == len(ids) and all(0 < i < 2**63 for i in ids)
    assert event_id("abc", 3) - event_id("abc", 0) == 3


def test_gdelt_leaves_out_events_that_did_not_happen(store: Store) -> None:
    analysis = summit_analysis()
    analysis.events[1].status = "negated"
    write_analysis(store, analysis)
    out = io.StringIO()
    assert export(store, "gdelt", out) == 2
    assert {r["EventRootCode"] for r in read_gdelt(out.getvalue())} == {"04", "07"}


def test_gdelt_takes_no_other_table(filled: Store) -> None:
    with pytest.raises(ConfigError, match="gdelt"):
        export(filled, "gdelt", io.StringIO(), "quotes")


def test_gdelt_cells_hold_no_tab_or_line_break(store: Store) -> None:
    analysis = other_analysis()
    analysis.actors[1].name = "European\tUnion\nof states"
    write_analysis(store, analysis)
    out = io.StringIO()
    export(store, "gdelt", out)
    (row,) = read_gdelt(out.getvalue())
    assert row["Actor1Name"] == "European Union of states"


def test_export_events_table_derives_cameo_columns(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "csv", out, "events")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    for row in rows:
        code = cameo_of(row["type"], row["mode"] or None)
        assert code is not None
        assert (row["cameo"], row["cameo_root"]) == (code.code, code.root)
        assert QUAD_CLASSES[row["quad"]] in (1, 2, 3, 4)


def test_export_jsonl_completes_analyses_stored_without_cameo(filled: Store) -> None:
    (text,) = filled.fetchone("SELECT analysis FROM articles WHERE title = ?", ("Summit in Seoul",))
    document = json.loads(text)
    for event in document["events"]:
        del event["cameo"], event["cameo_root"]
    old = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    with filled.transaction() as tx:
        tx.execute("UPDATE articles SET analysis = ? WHERE title = ?", (old, "Summit in Seoul"))
    out = io.StringIO()
    export(filled, "jsonl", out)
    documents = [json.loads(line) for line in out.getvalue().splitlines()]
    summit = next(d for d in documents if d["article"]["title"] == "Summit in Seoul")
    assert [e["cameo_root"] for e in summit["events"]] == ["04", "11", "07"]
    # A document that has the fields is written as stored.
    assert analysis_with_cameo(text) == text


def test_gdelt_actor_type_codes_from_sectors(store: Store) -> None:
    analysis = summit_analysis()
    analysis.actors[3].sector = "government"  # Fumio Kishida
    write_analysis(store, analysis)
    other = other_analysis()
    other.actors[1].sector = "IGO"  # the European Union, no country
    write_analysis(store, other)
    out = io.StringIO()
    export(store, "gdelt", out)
    rows = {r["EventRootCode"]: r for r in read_gdelt(out.getvalue())}
    aid, sanction, consult = rows["07"], rows["16"], rows["04"]
    assert (aid["Actor1Code"], aid["Actor1CountryCode"], aid["Actor1Type1Code"]) == (
        "JPNGOV", "JPN", "GOV"
    )  # fmt: skip
    assert (sanction["Actor1Code"], sanction["Actor1Type1Code"]) == ("IGO", "IGO")
    assert (consult["Actor1Code"], consult["Actor1Type1Code"]) == ("JPN", "")


def test_gdelt_place_of_the_event(store: Store) -> None:
    from newsgraph.model import Actor, Span

    analysis = summit_analysis()
    # A place known by another spelling, named in the text as the event's location.
    analysis.actors.append(
        Actor("place:sokcho", "place", "Sokch'o", "KOR", lat=38.2, lon=128.6,
              mentions=[Span(0, 6, "Sokcho")])
    )  # fmt: skip
    analysis.events[0].location = "Sokcho"
    analysis.events[1].location = "the Japan"  # a country: type 1, no point
    analysis.events[2].location = "Atlantis"  # unknown: the name only
    write_analysis(store, analysis)
    out = io.StringIO()
    export(store, "gdelt", out)
    geo = [
        (r["ActionGeo_Type"], r["ActionGeo_FullName"], r["ActionGeo_Lat"], r["ActionGeo_Long"])
        for r in read_gdelt(out.getvalue())
    ]
    assert geo == [
        ("4", "Sokcho", "38.2", "128.6"),
        ("1", "the Japan", "", ""),
        ("", "Atlantis", "", ""),
    ]
    assert all(r["ActionGeo_CountryCode"] == "" for r in read_gdelt(out.getvalue()))


def test_gdelt_of_an_empty_store_is_the_header(store: Store) -> None:
    out = io.StringIO()
    assert export(store, "gdelt", out) == 0
    assert read_gdelt(out.getvalue()) == []
