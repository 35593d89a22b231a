from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_data import other_analysis, summit_analysis

from newsgraph.cli import cli
from newsgraph.store import open_store
from newsgraph.store.rows import write_analysis


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


def _warc(path: Path, pages: list[tuple[str, str]]) -> Path:
    """Write a WARC of HTML 200 responses, one per ``(url, first paragraph)``."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for url, text in pages:
            more = (
                "The delegations spent most of the afternoon on trade, energy and the "
                "long-delayed rail link between the two cities, aides said afterwards. "
                "It was the third such meeting this year, and more talks are planned for "
                "the autumn, when a first agreement on the rail link could be signed."
            )
            last = (
                "Business groups on both sides welcomed the progress but warned that costs "
                "had risen sharply since the project was first proposed a decade ago."
            )
            paragraphs = "".join(f"<p>{p}</p>" for p in (text, more, last))
            body = (
                f"<html lang='en'><head><title>{text[:30]}</title></head><body><article>"
                f"<h1>{text[:30]}</h1>{paragraphs}</article></body></html>"
            ).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)
    return path


def test_cli_store_ingest_filters_warc_records_before_parsing(
    store_url: str, tmp_path: Path
) -> None:
    archive = _warc(
        tmp_path / "crawl.warc",
        [
            ("https://a.example/one", "Officials in Lisbon said on Monday the talks went well."),
            ("https://b.example/two", "The mayor of Porto said the new bridge will open soon."),
        ],
    )
    code, _, err = run("ingest", str(archive), "--include-host", "a.example", "--db", store_url)
    assert code == 0, err
    assert "stored 1" in err and "host not included: 1" in err
    with open_store(store_url) as store:
        assert [row[0] for row in store.fetchall("SELECT url FROM articles")] == [
            "https://a.example/one"
        ]
