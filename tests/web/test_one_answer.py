"""One answer per question: the CLI, the REST API and the pages agree on one real corpus.

The corpus is ingested here with ``newsgraph ingest``: the founding example, a syndicated copy
of it (a near-duplicate, so that counting groups once matters) and, when ``../shared/eval`` is
present, the first PolNeAR development articles (real news). Every reader then asks the same
questions: the actors ranked with their counts, the number of actors, each dyad's series and
its events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

ROOT = Path(__file__).resolve().parents[2]
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "quotes" / "polnear" / "dev" / "text"
DYADS = [("JPN", "KOR"), ("KOR", "JPN"), ("USA", "MEX"), ("USA", "CHN")]
PAGE_ROW = re.compile(
    r'<tr><td><a class="actor-link" href="/actors/([^"]+)">[^<]*</a></td><td>[^<]*</td>'
    r"<td>[^<]*</td><td>(\d+)</td><td>(\d+)</td></tr>"
)
PAGE_EVENT = re.compile(r'class="source-link" href="/articles/([^"#]+)#o(\d+)-(\d+)"')


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, nlp: Any, example_path: Path) -> str:
    """A SQLite corpus of real articles, ingested through the CLI; returns its path."""
    del nlp  # loaded once by the session fixture; the ingest below uses it
    root = tmp_path_factory.mktemp("one-answer")
    pages = root / "pages"
    pages.mkdir()
    text = example_path.read_text(encoding="utf-8")
    (pages / "original.txt").write_text(text, encoding="utf-8")
    # A syndicated copy: the same story with an agency line added at its end.
    (pages / "copy.txt").write_text(text + "\n\nThis article was syndicated.\n", encoding="utf-8")
    inputs = [str(pages)]
    if POLNEAR_DEV.is_dir():
        inputs += [str(p) for p in sorted(POLNEAR_DEV.glob("*.txt"))[:24]]
    db = str(root / "corpus.db")
    run("ingest", *inputs, "--db", db)
    return db


@pytest.fixture(scope="module")
def client(corpus: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from newsgraph.web import WebSettings, create_app

    app = create_app(WebSettings(db=corpus, allowed_hosts=("testserver",)))
    with TestClient(app) as test_client:
        yield test_client


def api_items(client: Any, url: str) -> tuple[list[dict[str, Any]], int | None]:
    """Every item of a paged API list (following ``next``) and its ``total``."""
    items: list[dict[str, Any]] = []
    total = None
    while url:
        page = client.get(url).json()
        items += page["items"]
        total = page.get("total")
        url = page["next"]
    return items, total


def test_one_answer_actors_and_their_counts(corpus: str, client: Any) -> None:
    cli_rows = [
        json.loads(line)
        for line in run(
            "actors", "--top", "100000", "--db", corpus, "--format", "jsonl"
        ).splitlines()
    ]
    api_rows, api_total = api_items(client, "/api/actors?limit=100")
    page_rows: list[tuple[str, int, int]] = []
    offset = 0
    while True:
        html = client.get(f"/actors?offset={offset}").text
        found = [(i, int(n), int(m)) for i, n, m in PAGE_ROW.findall(html)]
        if not found:
            break
        page_rows += found
        offset += len(found)
    page_total = int(re.search(r"(\d+) actors, the most named first", html).group(1))  # type: ignore[union-attr]

    def ranked(rows: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
        return [(r["id"], r["articles"], r["mentions"]) for r in rows]

    assert len(cli_rows) > 20
    assert ranked(cli_rows) == ranked(api_rows)
    assert [(i.replace("%3A", ":"), n, m) for i, n, m in page_rows] == ranked(cli_rows)
    assert api_total == page_total == len(cli_rows)
    # The copy counts once, and the founding example's people are counted under their full name.
    japan = next(r for r in cli_rows if r["id"] == "JPN")
    assert japan["articles"] < japan["mentions"]
    assert client.get("/api/actors/JPN").json()["articles"] == japan["articles"]
    assert not any(r["id"] == "person:yoon" for r in cli_rows)


@pytest.mark.parametrize(("a", "b"), DYADS)
def test_one_answer_dyad_series_and_events(corpus: str, client: Any, a: str, b: str) -> None:
    cli_series = json.loads(run("dyad", a, b, "--db", corpus, "--format", "json"))
    api_series = client.get(f"/api/dyads/{a}/{b}").json()
    assert cli_series == api_series
    total = sum(p["events"] for p in api_series["periods"])
    html = client.get(f"/dyad/{a}/{b}").text
    assert f"<p>{total} event{'' if total == 1 else 's'} that occurred" in html

    # Without grouping copies, the series counts exactly the dyad's events that occurred.
    plain = json.loads(run("dyad", a, b, "--db", corpus, "--format", "json", "--no-dedupe"))
    occurred, occurred_total = api_items(client, f"/api/dyads/{a}/{b}/events?status=occurred")
    assert occurred_total == len(occurred)
    assert sum(p["events"] for p in plain["periods"]) + plain["undated"] == len(occurred)

    # The page lists the API's events (every status), page by page.
    events, events_total = api_items(client, f"/api/dyads/{a}/{b}/events?limit=7")
    shown: list[tuple[str, int, int]] = []
    offset = 0
    while True:
        found = PAGE_EVENT.findall(client.get(f"/dyad/{a}/{b}?offset={offset}").text)
        if not found:
            break
        shown += [(i, int(s), int(e)) for i, s, e in found]
        offset += len(found)
    assert events_total == len(events) == len(shown)
    assert shown == [(e["article_id"], e["evidence_start"], e["evidence_end"]) for e in events]
    if (a, b) == ("JPN", "KOR"):
        assert total >= 3 and len(events) > total
