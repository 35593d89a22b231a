"""RSS and Atom feeds read from a real local server (127.0.0.1 only, stopped at the end)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.errors import FetchError, InputError, InputTooLargeError
from newsgraph.sources import ReadOptions, read_article
from newsgraph.sources.feeds import FeedItem, item_options, parse_feed, read_feed

pytestmark = pytest.mark.network

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News: World</title><link>/</link>
<item><title>Japan and South Korea resume security talks</title><link>/world/talks</link>
<guid isPermaLink="false">story-1</guid><pubDate>Sun, 07 May 2023 23:30:00 -0500</pubDate>
<description>&lt;p&gt;The leaders met in &lt;b&gt;Seoul&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>No date here</title><link>https://news.example/elsewhere</link></item>
<item><title>Same link again</title><link>/world/talks</link></item>
<item><title>A local file</title><link>file:///etc/passwd</link></item>
<item><title>No link at all</title><description>nothing to fetch</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example News</title>
<id>urn:example:feed</id><updated>2023-05-09T08:00:00Z</updated>
<entry><title type="html">Kishida visits Seoul</title>
<link rel="alternate" href="http://127.0.0.1/ignored-host-is-kept"/>
<id>urn:example:2</id><updated>2023-05-09T08:00:00Z</updated>
<summary>A second summit in two months.</summary></entry>
<entry><title>Relative</title><link href="page/3"/><id>urn:example:3</id>
<published>2023-05-08T01:00:00+09:00</published></entry>
</feed>"""

PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><title>Talks resume</title></head><body>"
    b"<article><h1>Japan and South Korea resume security talks</h1>"
    b"<p>Japan and South Korea agreed to resume regular security talks, officials in Seoul "
    b"said, after years of strained relations over wartime history and trade disputes.</p>"
    b"<p>The leaders met for two hours at the presidential office and discussed North "
    b"Korea's missile launches and supply chains for semiconductors.</p></article>"
    b"</body></html>"
)

ROUTES = {
    "/rss.xml": ("application/rss+xml", RSS),
    "/feeds/atom.xml": ("application/atom+xml; charset=utf-8", ATOM),
    "/world/talks": ("text/html; charset=utf-8", PAGE),
    "/not-a-feed": ("text/plain", b"just some words, not a feed"),
    "/huge.xml": ("application/rss+xml", RSS + b" " * 5000),
}


class Handler(BaseHTTPRequestHandler):
    """Serves the fixed routes; anything else is 404."""

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        del format, args

    def do_GET(self) -> None:
        content_type, body = ROUTES.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in ROUTES else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Base URL of a local HTTP server running in a thread for this module."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_feeds_rss_items_with_absolute_links_dates_and_plain_summaries(server: str) -> None:
    items = read_feed(f"{server}/rss.xml", ReadOptions(timeout=5))
    assert items == [
        FeedItem(
            url=f"{server}/world/talks",
            title="Japan and South Korea resume security talks",
            published="2023-05-08",
            summary="The leaders met in Seoul.",
            guid="story-1",
        ),
        FeedItem(url="https://news.example/elsewhere", title="No date here"),
    ]


def test_feeds_atom_items(server: str) -> None:
    items = read_feed(f"{server}/feeds/atom.xml", ReadOptions(timeout=5))
    assert [(i.url, i.title, i.published, i.guid) for i in items] == [
        (
            "http://127.0.0.1/ignored-host-is-kept",
            "Kishida visits Seoul",
            "2023-05-09",
            "urn:example:2",
        ),
        (f"{server}/feeds/page/3", "Relative", "2023-05-07", "urn:example:3"),
    ]
    assert items[0].summary == "A second summit in two months."


def test_feeds_item_page_is_read_with_the_feed_url_and_date(server: str) -> None:
    [item, _] = read_feed(f"{server}/rss.xml")
    article = read_article(item.url, item_options(item, ReadOptions(timeout=5)))
    assert "resume regular security talks" in article.text
    assert article.url == item.url
    assert article.published == "2023-05-08"
    assert item_options(item, ReadOptions(published="2023-01-01")).published == "2023-01-01"


def test_feeds_not_a_feed_is_an_input_error_naming_the_url(server: str) -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed") as caught:
        read_feed(f"{server}/not-a-feed")
    assert str(caught.value).startswith(f"{server}/not-a-feed: ")


def test_feeds_missing_feed_is_a_fetch_error(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        read_feed(f"{server}/gone.xml")


def test_feeds_size_limit_applies(server: str) -> None:
    with pytest.raises(InputTooLargeError):
        read_feed(f"{server}/huge.xml", ReadOptions(max_bytes=len(RSS) + 100))


def test_feeds_parse_feed_without_network() -> None:
    items = parse_feed(RSS, "https://news.example/rss.xml")
    assert [i.url for i in items] == [
        "https://news.example/world/talks",
        "https://news.example/elsewhere",
    ]
    assert parse_feed(b'<rss version="2.0"><channel></channel></rss>', "https://x.example/") == []
