"""CAMEO fields of coded events: in the analysis JSON, old analyses, GDELT rows of real text."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsgraph import Analysis, analyze, read_article
from newsgraph.knowledge.cameo import QUAD_CLASSES, cameo_of
from newsgraph.model import Event
from newsgraph.store import open_store
from newsgraph.store.export import export
from newsgraph.store.gdelt import GDELT_COLUMNS, event_id
from newsgraph.store.rows import write_analysis


@pytest.fixture(scope="module")
def example(example_path: Path, nlp: Any) -> Analysis:
    del nlp  # loaded once by the session fixture
    return analyze(read_article(str(example_path)))


def test_event_cameo_fields_in_the_analysis_json(example: Analysis) -> None:
    events = example.to_dict()["events"]
    assert events
    for event in events:
        code = cameo_of(event["type"], event["mode"])
        assert code is not None
        assert (event["cameo"], event["cameo_root"]) == (code.code, code.root)
    visits = [e for e in events if e["type"] == "CONSULT" and e["mode"] == "visit"]
    assert visits and {e["cameo"] for e in visits} == {"042"}
    assert Analysis.from_dict(json.loads(json.dumps(example.to_dict()))).to_dict() == (
        example.to_dict()
    )


def test_event_cameo_old_analysis_without_the_fields_loads() -> None:
    old = {"type": "ACCUSE", "evidence": {"start": 0, "end": 4, "text": "Text"}}
    event = Event.from_dict(old)
    assert event.cameo is None and event.cameo_root is None


def gdelt_rows(db: str) -> list[dict[str, str]]:
    out = io.StringIO()
    with open_store(db, create=False) as store:
        export(store, "gdelt", out)
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == GDELT_COLUMNS and all(len(r) == 61 for r in rows)
    return [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows[1:]]


def check_against_events(db: str, rows: list[dict[str, str]]) -> None:
    """Each GDELT row is one occurred event, with the codes of its PLOVER type and quad."""
    with open_store(db, create=False) as store:
        events = store.fetchall(
            "SELECT article_id, seq, type, mode, quad FROM events WHERE status = 'occurred'"
        )
    expected = {event_id(a, s): (t, m, q) for a, s, t, m, q in events}
    assert len(rows) == len(expected) > 0
    for row in rows:
        etype, mode, quad = expected[int(row["GLOBALEVENTID"])]
        code = cameo_of(etype, mode)
        assert code is not None
        assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
            code.code, code.base, code.root
        )  # fmt: skip
        assert row["QuadClass"] == str(QUAD_CLASSES[quad])
        assert float(row["GoldsteinScale"]) == code.goldstein
        assert row["SOURCEURL"] and row["IsRootEvent"] in ("0", "1")
        assert not row["SQLDATE"] or len(row["SQLDATE"]) == 8


def test_event_cameo_gdelt_rows_of_the_bundled_example(example: Analysis, tmp_path: Path) -> None:
    db = str(tmp_path / "example.db")
    with open_store(db) as store:
        write_analysis(store, example)
    rows = gdelt_rows(db)
    check_against_events(db, rows)
    summit = [r for r in rows if r["IsRootEvent"] == "1"]
    assert summit and {(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in summit} == {
        ("JPN", "KOR")
    }


def test_event_cameo_gdelt_rows_of_the_real_corpus(real_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    shutil.copy(real_corpus, db)
    rows = gdelt_rows(str(db))
    check_against_events(str(db), rows)
    assert len({r["EventRootCode"] for r in rows}) >= 5
    out = io.StringIO()
    with open_store(str(db), create=False) as store:
        export(store, "jsonl", out)
    for line in out.getvalue().splitlines():
        for event in json.loads(line)["events"]:
            assert event["cameo_root"] == event["cameo"][:2]


def test_event_cameo_cards_of_the_bundled_example(example: Analysis, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli
    from newsgraph.store.card import store_counts

    db = str(tmp_path / "example.db")
    with open_store(db) as store:
        write_analysis(store, example)
        stored = store_counts(store)
    expected = {
        ("jsonl", None): {"articles": 1, "events": stored["events"], "quotes": stored["quotes"]},
        ("csv", "events"): {"events": stored["events"]},
        ("parquet", "quotes"): {"quotes": stored["quotes"]},
        ("gdelt", None): {"events": stored["events:occurred"]},
        ("graphml", None): {},
    }
    for (fmt, table), counts in expected.items():
        out = tmp_path / f"example.{fmt}"
        args = ["export", "--db", db, "--format", fmt, "-o", str(out)]
        result = CliRunner().invoke(cli, args + (["--table", table] if table else []))
        assert result.exit_code == 0, result.output
        card = json.loads(Path(f"{out}.card.json").read_text(encoding="utf-8"))
        assert card["stored"] == stored
        assert {k: card["exported"][k] for k in counts} == counts
        assert "How to cite" in Path(f"{out}.card.md").read_text(encoding="utf-8")
