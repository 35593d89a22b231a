"""Ingesting feeds from a local server: new items fetched and stored, stored ones not fetched."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.ingest.feeds import ingest_feeds
from newsgraph.store import open_store, queries

pytestmark = pytest.mark.network

STORIES = [
    (
        "talks",
        "Japan and South Korea resume security talks",
        "Japan and South Korea agreed to resume regular security talks, officials in Seoul said "
        "on Sunday, after years of strained relations over wartime history and trade disputes. "
        "The leaders met for two hours and discussed missile launches and chip supply chains.",
    ),
    (
        "sanctions",
        "European Union widens sanctions on Russia",
        "The European Union imposed new sanctions on Russia on Monday, targeting banks and the "
        "energy sector. Ministers in Brussels said the measures would stay until the war ends, "
        "and several member states asked for a review of the oil price cap next spring.",
    ),
    (
        "aid",
        "Australia sends flood aid to Fiji",
        "Australia sent emergency aid to Fiji after floods destroyed hundreds of homes on the "
        "main island. The aid includes water purification units, tents and a team of medics, "
        "and the government in Suva thanked Canberra for its quick response to the disaster.",
    ),
]


def page(title: str, body: str, published: str | None) -> bytes:
    meta = f"<meta property='article:published_time' content='{published}'>" if published else ""
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{meta}</head><body>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


def feed(slugs: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>/news/{slug}</link>"
        "<pubDate>Tue, 09 May 2023 08:00:00 +0000</pubDate></item>"
        for slug, title, _ in STORIES
        if slug in slugs
    )
    missing = "<item><title>Gone</title><link>/news/gone</link></item>"
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example</title>"
        f"{items}{missing}</channel></rss>"
    ).encode()


ROUTES: dict[str, tuple[str, bytes]] = {
    "/rss.xml": ("application/rss+xml", feed(["talks", "sanctions"])),
    "/more.xml": ("application/rss+xml", feed(["sanctions", "aid"])),
    **{
        f"/news/{slug}": (
            "text/html; charset=utf-8",
            page(title, body, "2023-05-08" if slug == "talks" else None),
        )
        for slug, title, body in STORIES
    },
}


class Server(ThreadingHTTPServer):
    """A local HTTP server that records the paths it was asked for."""

    requests: list[str]


class Handler(BaseHTTPRequestHandler):
    """Serves ROUTES; anything else is 404."""

    server: Server

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        del format, args

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        content_type, body = ROUTES.get(self.path, ("text/plain", b"not here"))
        self.send_response(200 if self.path in ROUTES else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server() -> Iterator[Server]:
    """A local HTTP server on 127.0.0.1 (a free port), in a thread, stopped after the test."""
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.requests = []
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        thread.join()
        httpd.server_close()


def base(server: Server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def article_gets(server: Server) -> list[str]:
    return [path for path in server.requests if path.startswith("/news/")]


def test_feeds_second_run_fetches_nothing_new(store_url: str, server: Server) -> None:
    url = base(server) + "/rss.xml"
    result = CliRunner().invoke(cli, ["ingest", "--feed", url, "--db", store_url])
    assert result.exit_code == 1, result.output  # the missing page is a failure
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "/news/gone" in errors[0] and "404" in errors[0]
    assert "stored 2" in result.stderr
    assert sorted(article_gets(server)) == ["/news/gone", "/news/sanctions", "/news/talks"]

    with open_store(store_url) as store:
        rows = store.fetchall("SELECT url, published, source FROM articles ORDER BY url")
        assert rows == [
            (f"{base(server)}/news/sanctions", "2023-05-09", f"{base(server)}/news/sanctions"),
            (f"{base(server)}/news/talks", "2023-05-08", f"{base(server)}/news/talks"),
        ]  # the page's own date wins; the feed's fills in when the page has none
        assert [h.title for h in queries.search(store, "sanctions")] == [
            "European Union widens sanctions on Russia"
        ]

    server.requests.clear()
    result = CliRunner().invoke(cli, ["ingest", "--feed", url, "--db", store_url])
    assert article_gets(server) == ["/news/gone"]  # only the item that failed is tried again
    assert server.requests.count("/rss.xml") == 1
    assert "stored 0, skipped 2" in result.stderr


def test_feeds_several_feeds_share_items_and_count_them_once(
    store_url: str, server: Server
) -> None:
    feeds = [base(server) + "/rss.xml", base(server) + "/more.xml"]
    with open_store(store_url) as store:
        report = ingest_feeds(store, feeds)
        assert (report.stored, report.skipped, len(report.failures)) == (3, 0, 1)
        assert sorted(article_gets(server)) == [
            "/news/aid",
            "/news/gone",
            "/news/sanctions",
            "/news/talks",
        ]
        assert queries.stored_urls(store, [base(server) + "/news/aid", "http://x/"]) == {
            base(server) + "/news/aid"
        }
        server.requests.clear()
        again = ingest_feeds(store, feeds)
        assert (again.stored, again.skipped) == (0, 3)
        assert article_gets(server) == ["/news/gone"]


def test_feeds_unreadable_feed_is_a_failure_and_the_rest_go_on(
    sqlite_path: object, server: Server
) -> None:
    args = ["--feed", base(server) + "/nope.xml", "--feed", base(server) + "/more.xml"]
    result = CliRunner().invoke(cli, ["ingest", *args, "--db", str(sqlite_path)])
    assert result.exit_code == 1
    assert "nope.xml: HTTP 404" in result.stderr
    assert "stored 2" in result.stderr


def test_feeds_ingest_needs_a_path_or_a_feed() -> None:
    result = CliRunner().invoke(cli, ["ingest"])
    assert result.exit_code == 2 and "--feed" in result.stderr
