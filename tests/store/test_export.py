from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from store_data import other_analysis, summit_analysis

from newsgraph.model import Analysis
from newsgraph.store import Store
from newsgraph.store.export import export
from newsgraph.store.rows import write_analysis


@pytest.fixture()
def filled(store: Store) -> Store:
    write_analysis(store, summit_analysis())
    write_analysis(store, other_analysis())
    return store


def test_export_jsonl_round_trips_to_the_contract(filled: Store) -> None:
    out = io.StringIO()
    assert export(filled, "jsonl", out) == 2
    documents = [json.loads(line) for line in out.getvalue().splitlines()]
    expected = {a.article.id: a.to_dict() for a in (summit_analysis(), other_analysis())}
    for document in documents:
        assert document == expected[document["article"]["id"]]
        assert Analysis.from_dict(document).to_dict() == document


@pytest.mark.parametrize("table", ["articles", "actors", "quotes", "events", "mentions", "dates"])
def test_export_csv_every_table(filled: Store, table: str) -> None:
    out = io.StringIO()
    written = export(filled, "csv", out, table)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == written > 0
    if table == "events":
        assert {r["type"] for r in rows} == {"CONSULT", "ACCUSE", "AID", "SANCTION"}
        assert json.loads(rows[0]["source"]) is not None
    if table == "actors":
        assert {r["id"]: r["articles"] for r in rows}["JPN"] == "1"


def test_export_jsonl_table_decodes_lists(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "jsonl", out, "events")
    first = json.loads(out.getvalue().splitlines()[0])
    assert isinstance(first["source"], list) and "evidence_text" in first


def test_export_parquet_is_typed(filled: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    with path.open("wb") as out:
        assert export(filled, "parquet", out, "events") == 4
    table = pq.read_table(path)
    assert table.num_rows == 4
    assert str(table.schema.field("source").type) == "list<element: string>"
    assert str(table.schema.field("intensity").type) == "double"
    assert sorted(table.column("type").to_pylist()) == ["ACCUSE", "AID", "CONSULT", "SANCTION"]


def test_export_articles_keep_source_as_text_and_lists_as_lists(filled: Store) -> None:
    out = io.StringIO()
    export(filled, "jsonl", out, "articles")
    record = json.loads(out.getvalue().splitlines()[0])
    assert record["source"].endswith(".txt") and isinstance(record["authors"], list)
    assert "analysis" not in record and "n" not in record


def test_export_parquet_of_an_empty_table(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "q.parquet"
    with path.open("wb") as out:
        assert export(store, "parquet", out, "quotes") == 0
    assert pq.read_table(path).num_rows == 0


def test_export_graphml_actor_network(filled: Store) -> None:
    out = io.StringIO()
    edges = export(filled, "graphml", out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(out.getvalue())
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    nodes = {n.get("id") for n in root.findall(".//g:node", ns)}
    found = []
    for edge in root.findall(".//g:edge", ns):
        data = {keys[d.get("key")]: d.text for d in edge.findall("g:data", ns)}
        found.append((edge.get("source"), edge.get("target"), data["type"], data["reciprocal"]))
    assert edges == len(found)
    assert ("JPN", "KOR", "AID", "false") in found
    assert ("KOR", "PRK", "ACCUSE", "false") in found
    assert ("JPN", "KOR", "CONSULT", "true") in found
    assert ("org:european-union", "RUS", "SANCTION", "false") in found  # no code: the id
    assert not any("person:fumio-kishida" in edge for edge in found)  # JPN stands for him
    assert {"JPN", "KOR", "PRK"} <= nodes
    networkx = pytest.importorskip("networkx")
    graph = networkx.read_graphml(io.StringIO(out.getvalue()))
    assert graph.nodes["JPN"]["name"] == "Japan"
