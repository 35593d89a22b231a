from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_data import other_analysis, summit_analysis

from newsgraph.cli import cli
from newsgraph.store import open_store
from newsgraph.store.ingest import write_analysis


@pytest.fixture()
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        write_analysis(store, summit_analysis())
        write_analysis(store, other_analysis())
    return store_url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_store_search(db: str) -> None:
    code, out, _ = run("search", "summit", "--db", db)
    assert code == 0
    assert "Summit in Seoul" in out and "[summit]" in out.lower()
    code, out, _ = run("search", "sanctions", "--db", db, "--format", "jsonl")
    assert json.loads(out.splitlines()[0])["title"] == "Sanctions on Russia"


def test_cli_store_events_quotes_actors_query_the_store(db: str) -> None:
    code, out, _ = run(
        "events", "--source", "JPN", "--target", "KOR", "--since", "2023-05-01", "--db", db
    )
    assert code == 0
    assert "CONSULT" in out and "AID" not in out
    assert "Japan and South Korea held a summit" in out
    code, out, _ = run("events", "--type", "SANCTION", "--db", db, "--format", "jsonl")
    assert [json.loads(line)["target"] for line in out.splitlines()] == [["RUS"]]
    code, out, _ = run("quotes", "--speaker", "Kishida", "--about", "JPN", "--db", db)
    assert code == 0 and "Fumio Kishida" in out and "stable region" in out
    code, out, _ = run("actors", "--top", "2", "--db", db, "--format", "json")
    assert [json.loads(line)["articles"] for line in out.splitlines()] == [1, 1]


def test_cli_store_filters_with_paths_are_refused(example_path: Path) -> None:
    code, _, err = run("events", str(example_path), "--source", "JPN")
    assert code == 2 and "--source queries the store" in err


def test_cli_store_dyad_table_and_plot(db: str, tmp_path: Path) -> None:
    png = tmp_path / "d.png"
    code, out, _ = run("dyad", "JPN", "KOR", "--db", db, "--plot", str(png))
    assert code == 0
    assert out.splitlines()[0] == "JPN–KOR by month"
    assert "2023-04" in out and "2023-05" in out
    assert png.read_bytes()[:4] == b"\x89PNG"
    code, out, _ = run(
        "dyad", "japan", "south korea", "--db", db, "--by", "year", "--format", "json"
    )
    series = json.loads(out)
    code, out, _ = run("dyad", "JPN", "KOR", "--db", db, "--since", "2023-05-01")
    assert code == 0 and "2023-04" not in out and "2023-05" in out
    assert series["periods"] == [
        {
            "period": "2023",
            "verbal_cooperation": 1,
            "material_cooperation": 1,
            "verbal_conflict": 0,
            "material_conflict": 0,
            "events": 2,
            "mean_intensity": 6.25,
        }
    ]


def test_cli_store_export(db: str, tmp_path: Path) -> None:
    out_file = tmp_path / "events.csv"
    code, _, err = run(
        "export", "--db", db, "--format", "csv", "--table", "events", "-o", str(out_file)
    )
    assert code == 0 and "4 rows exported" in err
    assert out_file.read_text().splitlines()[0].startswith("article_id,seq,type")
    code, out, _ = run("export", "--db", db)
    assert len(out.splitlines()) == 2
    parquet = tmp_path / "a.parquet"
    code, _, _ = run("export", "--db", db, "--format", "parquet", "-o", str(parquet))
    assert code == 0 and parquet.stat().st_size > 0
    code, out, _ = run("export", "--db", db, "--format", "graphml")
    assert out.startswith("<?xml") and "<edge" in out
