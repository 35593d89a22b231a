"""``/watch/{name}.atom`` through the real app: a valid Atom 1.0 feed of a watch's newest
matches, read back with feedparser and an XML parser; the mark never moves; 404 for an unknown
name; names encoded in the URL; the server's Host and read-only rules; hostile text escaped.

The app runs over copies of the web test corpus and of the real corpus (watches write).
"""

from __future__ import annotations

import html
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.store import open_store, queries
from newsgraph.store import watches as w
from newsgraph.web import WebSettings, create_app
from newsgraph.web.app import path_segment

ATOM = "{http://www.w3.org/2005/Atom}"
ODD_NAME = "Japan & Korea / talks? ü #1"


def _client(db: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    app = create_app(WebSettings(db=str(db), allowed_hosts=("testserver",)))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def watched(web_corpus: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the web test corpus with three watches."""
    db = tmp_path_factory.mktemp("watch-web") / "corpus.db"
    shutil.copy(web_corpus["db"], db)
    with open_store(str(db)) as store:
        w.save_watch(store, w.Watch("jk", "Japan", source="JPN"))
        w.save_watch(store, w.Watch(ODD_NAME, "Japan Korea"))
        w.save_watch(store, w.Watch("hostile", "talks OR went"))
    return db


@pytest.fixture(scope="module")
def feed_client(watched: Path) -> Iterator[Any]:
    yield from _client(watched)


def _feed(client: Any, name: str, **params: Any) -> tuple[Any, ET.Element]:
    response = client.get(f"/watch/{path_segment(name)}.atom", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"
    root = ET.fromstring(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, root


def test_web_watch_feed_is_valid_atom_with_evidence(feed_client: Any, watched: Path) -> None:
    parsed, root = _feed(feed_client, "jk")
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None
    assert parsed.feed.title == "newsgraph watch: jk"
    assert parsed.feed.links[0].rel == "self"
    with open_store(str(watched)) as store:
        report = w.latest_entries(store, w.get_watch(store, "jk"))
        events = [e for e in queries.events(store, source="JPN")]
    assert [e.id.rsplit(":", 1)[1] for e in parsed.entries] == [
        x.article_id for x in report.entries
    ]
    assert parsed.entries, "the founding example has events with Japan as source"
    for entry, expected in zip(parsed.entries, report.entries, strict=True):
        for element in root.iter(f"{ATOM}entry"):
            assert element.find(f"{ATOM}updated") is not None
        pages = [link.href for link in entry.links]
        assert f"http://testserver/articles/{expected.article_id}" in pages
        mine = [e.evidence_text for e in events if e.article_id == expected.article_id]
        assert entry.summary == " ".join(mine[0].split())
        for evidence in mine:  # every evidence sentence is in the entry
            content = html.unescape(entry.content[0].value)  # the content is HTML
            assert " ".join(evidence.split()) in " ".join(content.split())


def test_web_watch_feed_does_not_move_the_mark(feed_client: Any, watched: Path) -> None:
    _feed(feed_client, "jk")
    with open_store(str(watched)) as store:
        assert w.get_watch(store, "jk").mark is None
        assert w.get_watch(store, "jk").last_run_at is None


def test_web_watch_names_are_encoded_in_urls(feed_client: Any) -> None:
    parsed, _ = _feed(feed_client, ODD_NAME)
    assert parsed.feed.title == f"newsgraph watch: {ODD_NAME}"
    assert parsed.feed.links[0].href.endswith(f"/watch/{path_segment(ODD_NAME)}.atom")
    assert parsed.entries


def test_web_watch_limit(feed_client: Any) -> None:
    everything, _ = _feed(feed_client, ODD_NAME)
    parsed, _ = _feed(feed_client, ODD_NAME, limit=1)
    assert [e.id for e in parsed.entries] == [everything.entries[0].id]
    assert feed_client.get("/watch/jk.atom", params={"limit": 0}).status_code == 422


def test_web_watch_unknown_name_is_404(feed_client: Any) -> None:
    response = feed_client.get("/watch/nope.atom", headers={"accept": "application/atom+xml"})
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "no watch 'nope'"}
    }
    page = feed_client.get("/watch/%3Cscript%3E.atom", headers={"accept": "text/html"})
    assert page.status_code == 404 and "<script>" not in page.text


def test_web_watch_keeps_the_server_safety_rules(feed_client: Any) -> None:
    assert feed_client.get("/watch/jk.atom", headers={"host": "evil.example"}).status_code == 421
    assert feed_client.post("/watch/jk.atom").status_code == 405
    assert feed_client.delete("/watch/jk.atom").status_code == 405


def test_web_watch_hostile_text_stays_text(feed_client: Any) -> None:
    parsed, root = _feed(feed_client, "hostile")
    assert parsed.entries
    contents = [c.text or "" for c in root.iter(f"{ATOM}content")]
    assert any("&lt;script" in c for c in contents)
    assert not any("<script" in c or "<img" in c or "<iframe" in c for c in contents)
    for entry in parsed.entries:
        assert "<script" not in entry.content[0].value


def test_web_watch_real_corpus_feed_matches_the_cli(real_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    shutil.copy(real_corpus, db)
    with open_store(str(db)) as store:
        (country,) = queries.top_actors(store, 1, kind="country")
    runner = CliRunner()
    saved = runner.invoke(cli, ["watch", "top", "--query", country.name, "--db", str(db)])
    assert saved.exit_code == 0, saved.stderr
    ran = runner.invoke(cli, ["watch", "--run", "--format", "json", "--db", str(db)])
    (report,) = json.loads(ran.stdout)
    assert report["entries"]
    for client in _client(db):
        parsed, _ = _feed(client, "top", limit=500)
    assert [e.id.rsplit(":", 1)[1] for e in parsed.entries] == [
        x["article_id"] for x in report["entries"]
    ]
