"""Fetching articles over HTTP from a real local server (127.0.0.1 only, stopped at the end)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsgraph.errors import EmptyInputError, FetchError, InputTooLargeError
from newsgraph.sources import ReadOptions, iter_articles, read_article
from newsgraph.sources.url import USER_AGENT, fetch_url

pytestmark = pytest.mark.network

PARAGRAPHS = [
    "Japan and South Korea agreed on Sunday to resume regular security talks, officials in "
    "Seoul said, after years of strained relations over wartime history and trade.",
    "The leaders met for two hours at the presidential office and discussed North Korea's "
    "missile launches, supply chains for semiconductors and the Fukushima water release.",
    '"This is a new beginning for our relationship," the prime minister told reporters after '
    "the meeting, adding that both governments would rebuild trust step by step.",
    "Analysts said the visit showed how far the two countries had come since a dispute over "
    "compensation for forced labour froze most contacts in 2019.",
]
ACCENTED = [
    "The café owner in Seoul said “we are ready for visitors again” — a naïve hope, perhaps, "
    "but one shared by many shopkeepers in the old quarter near the presidential office.",
    *PARAGRAPHS,
]


def news_page(title: str, paragraphs: list[str], head: str = "") -> str:
    """A small but realistic news page: navigation, headline, byline, body, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head>{head}<title>{title} | Example News</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1><p class='byline'>By Jane Doe</p>\n{body}\n</article>"
        "<footer>© 2023 Example News</footer></body></html>"
    )


ARTICLE = news_page("Japan and South Korea resume security talks", PARAGRAPHS).encode("utf-8")
LIMIT = 50_000
STOP = threading.Event()


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    utf8 = {"Content-Type": "text/html; charset=utf-8"}
    cp_header = news_page("Cafés reopen in Seoul", ACCENTED).encode("cp1252")
    cp_meta = news_page("Cafés reopen in Seoul", ACCENTED, "<meta charset='iso-8859-1'>")
    return {
        "/article": (200, utf8, ARTICLE),
        "/redirect": (302, {"Location": "/article"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/missing": (404, utf8, b"<html><body><h1>Not found</h1></body></html>"),
        "/broken": (500, utf8, b"<html><body>Internal error</body></html>"),
        "/cp1252-header": (200, {"Content-Type": "text/html; charset=windows-1252"}, cp_header),
        "/cp1252-meta": (200, {"Content-Type": "text/html"}, cp_meta.encode("cp1252")),
        "/gzipped": (
            200,
            {**utf8, "Content-Encoding": "gzip"},
            gzip.compress(ARTICLE, mtime=0),
        ),
        "/empty": (200, utf8, b""),
        "/plain": (200, {"Content-Type": "text/plain"}, "\n\n".join(PARAGRAPHS).encode()),
        "/big": (200, utf8, b"<html><body>" + b"<p>filler</p>" * (LIMIT // 10) + b"</body>"),
    }


class Handler(BaseHTTPRequestHandler):
    """Serves the fixed routes, plus slow, trickling, unsized and echo endpoints."""

    routes = _routes()

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        del format, args

    def do_GET(self) -> None:
        if self.path == "/slow":
            STOP.wait(5.0)
            self._send(200, {"Content-Type": "text/html"}, ARTICLE)
        elif self.path == "/trickle":
            self._trickle()
        elif self.path == "/unsized":
            self._unsized()
        elif self.path == "/echo-agent":
            agent = self.headers.get("User-Agent", "").encode()
            self._send(200, {"Content-Type": "text/plain"}, agent)
        elif self.path in self.routes:
            self._send(*self.routes[self.path])
        else:
            self._send(404, {}, b"")

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _unsized(self) -> None:
        # No Content-Length: the body ends when the connection closes, so only the
        # streaming limit can stop it.
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(LIMIT // 1000 * 4):
            if STOP.is_set():
                return
            try:
                self.wfile.write(b"<p>" + b"x" * 993 + b"</p>")
            except OSError:  # the client stopped reading at the limit
                return

    def _trickle(self) -> None:
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(100):
            if STOP.wait(0.05):
                return
            try:
                self.wfile.write(b"<p>slow</p>")
                self.wfile.flush()
            except OSError:
                return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Base URL of a local HTTP server running in a thread for this module."""
    STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        STOP.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_url_reads_article_page(server: str) -> None:
    article = read_article(f"{server}/article")
    assert "resume regular security talks" in article.text
    assert article.source == f"{server}/article"
    assert article.url == f"{server}/article"
    assert article.language == "en"


def test_url_fetch_reports_type_and_final_address(server: str) -> None:
    fetched = fetch_url(f"{server}/redirect", ReadOptions())
    assert fetched.url == f"{server}/article"
    assert fetched.is_html
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.data == ARTICLE


def test_url_follows_redirect_and_records_final_url(server: str) -> None:
    article = read_article(f"{server}/redirect")
    assert article.url == f"{server}/article"
    assert article.source == f"{server}/redirect"
    assert "resume regular security talks" in article.text


def test_url_given_url_wins_over_final_url(server: str) -> None:
    options = ReadOptions(url="https://news.example/2023/05/talks", published="2023-05-07")
    article = read_article(f"{server}/redirect", options)
    assert article.url == "https://news.example/2023/05/talks"
    assert article.published == "2023-05-07"
    assert article.metadata_sources["url"] == "given"
    assert article.metadata_sources["published"] == "given"


def test_url_sends_newsgraph_user_agent(server: str) -> None:
    fetched = fetch_url(f"{server}/echo-agent", ReadOptions())
    assert fetched.data.decode() == USER_AGENT
    assert USER_AGENT.startswith("newsgraph/")
    assert not fetched.is_html


@pytest.mark.parametrize(
    ("path", "status"), [("/missing", "HTTP 404 Not Found"), ("/broken", "HTTP 500")]
)
def test_url_error_status_is_fetch_error(server: str, path: str, status: str) -> None:
    with pytest.raises(FetchError) as caught:
        read_article(f"{server}{path}")
    message = str(caught.value)
    assert message.startswith(f"{server}{path}: {status}")
    assert "\n" not in message


def test_url_empty_body_is_empty_input(server: str) -> None:
    with pytest.raises(EmptyInputError) as caught:
        read_article(f"{server}/empty")
    assert str(caught.value) == f"{server}/empty: empty input (no text to read)"


def test_url_redirect_loop_is_fetch_error(server: str) -> None:
    with pytest.raises(FetchError, match="redirects"):
        fetch_url(f"{server}/loop", ReadOptions())


@pytest.mark.parametrize("path", ["/cp1252-header", "/cp1252-meta"], ids=["header", "meta"])
def test_url_charset_from_header_or_meta(server: str, path: str) -> None:
    article = read_article(f"{server}{path}")
    assert "The café owner in Seoul said “we are ready for visitors again” — a naïve hope" in (
        article.text
    )
    assert "\ufffd" not in article.text


def test_url_undoes_content_encoding(server: str) -> None:
    fetched = fetch_url(f"{server}/gzipped", ReadOptions())
    assert fetched.data == ARTICLE
    assert "resume regular security talks" in read_article(f"{server}/gzipped").text


def test_url_plain_text_is_not_read_as_markup(server: str) -> None:
    fetched = fetch_url(f"{server}/plain", ReadOptions())
    assert not fetched.is_html
    article = read_article(f"{server}/plain")
    assert "resume regular security talks" in article.text


@pytest.mark.parametrize("path", ["/big", "/unsized"], ids=["declared", "streamed"])
def test_url_over_size_limit(server: str, path: str) -> None:
    with pytest.raises(InputTooLargeError) as caught:
        read_article(f"{server}{path}", ReadOptions(max_bytes=LIMIT))
    assert str(caught.value).startswith(f"{server}{path}: larger than 50,000 bytes")


def test_url_timeout_is_fetch_error(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        read_article(f"{server}/slow", ReadOptions(timeout=0.3))
    assert time.monotonic() - started < 3  # the server would take 5 s
    assert str(caught.value) == f"{server}/slow: timed out after 0.3 s (raise --timeout)"


def test_url_trickling_body_hits_overall_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"longer than 0\.4 s"):
        fetch_url(f"{server}/trickle", ReadOptions(timeout=0.4))
    assert time.monotonic() - started < 3  # the server would take 5 s


def test_url_connection_refused_is_one_line_fetch_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    with pytest.raises(FetchError) as caught:
        fetch_url(url, ReadOptions(timeout=2))
    message = str(caught.value)
    assert message.startswith(f"{url}: cannot connect (")
    assert "\n" not in message


def test_url_batch_goes_on_after_failed_url(server: str) -> None:
    items = list(iter_articles([f"{server}/missing", f"{server}/article"]))
    assert isinstance(items[0], FetchError)
    assert not isinstance(items[1], Exception)
    assert "resume regular security talks" in items[1].text
