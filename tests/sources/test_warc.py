"""WARC and WARC.gz archives: HTML 200 responses become articles, the rest is skipped."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import EmptyInputError, InputError, InputTooLargeError
from newsgraph.model import Article
from newsgraph.sources import ReadOptions, ReadStats, iter_articles
from newsgraph.sources.warc import iter_warc, iter_warc_bytes

PARAGRAPHS = [
    "Japan and South Korea agreed on Sunday to resume regular security talks, officials in "
    "Seoul said, after years of strained relations over wartime history and trade.",
    "The leaders met for two hours at the presidential office and discussed North Korea's "
    "missile launches, supply chains for semiconductors and the Fukushima water release.",
    "Analysts said the visit showed how far the two countries had come since a dispute over "
    "compensation for forced labour froze most contacts in 2019.",
]


def news_page(title: str, first: str = "") -> str:
    paragraphs = ([first] if first else []) + PARAGRAPHS
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article><footer>© Example News</footer>"
        "</body></html>"
    )


Record = tuple[str, str, str, list[tuple[str, str]], bytes]
"""(WARC type, target URI, HTTP status line, HTTP headers, payload)."""

HTML = [("Content-Type", "text/html; charset=utf-8")]
PNG = [("Content-Type", "image/png")]
CAFE = "The café owner said “we are ready” — a naïve hope, perhaps, but a common one."
RECORDS: list[Record] = [
    ("request", "https://news.example/a", "", [], b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
    ("response", "https://news.example/a", "200 OK", HTML, news_page("First story").encode()),
    ("response", "https://news.example/logo.png", "200 OK", PNG, b"PNG"),
    ("response", "https://news.example/old", "301 Moved", [("Location", "/a")], b""),
    ("response", "https://news.example/gone", "404 Not Found", HTML, b"<html>gone</html>"),
    (
        "response",
        "https://news.example/b",
        "200 OK",
        [("Content-Type", "text/html; charset=windows-1252")],
        news_page("Second story", CAFE).encode("cp1252"),
    ),
    (
        "response",
        "https://news.example/c",
        "200 OK",
        [("Content-Type", "application/xhtml+xml"), ("Content-Encoding", "gzip")],
        gzip.compress(news_page("Third story").encode(), mtime=0),
    ),
]


def make_warc(records: list[Record], gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for kind, uri, status, headers, payload in records:
        if kind == "response":
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, kind, payload=io.BytesIO(payload), length=len(payload), http_headers=http
            )
        else:
            record = writer.create_warc_record(
                uri, kind, payload=io.BytesIO(payload), length=len(payload)
            )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    gz: bool = request.param
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(make_warc(RECORDS, gz))
    return path


def test_warc_reads_markup_responses_and_counts_skips(archive: Path) -> None:
    stats = ReadStats()
    items = list(iter_warc(str(archive), ReadOptions(), stats))
    assert all(isinstance(item, Article) for item in items)
    assert [a.url for a in items if isinstance(a, Article)] == [
        "https://news.example/a",
        "https://news.example/b",
        "https://news.example/c",
    ]
    assert stats.skipped == {"not a response": 2, "not HTML": 1, "HTTP 301": 1, "HTTP 404": 1}
    first = items[0]
    assert isinstance(first, Article)
    assert first.source is not None and first.source.startswith(f"{archive}#urn:uuid:")
    assert first.metadata_sources["url"] == "given"
    assert "resume regular security talks" in first.text
    assert first.language == "en"


def test_warc_uses_http_header_charset(archive: Path) -> None:
    items = list(iter_warc(str(archive), ReadOptions(), ReadStats()))
    second = items[1]
    assert isinstance(second, Article)
    assert CAFE in second.text


def test_warc_through_dispatcher_counts_into_given_stats(archive: Path) -> None:
    stats = ReadStats()
    items = list(iter_articles([str(archive)], stats=stats))
    assert len(items) == 3
    assert stats.skipped["HTTP 404"] == 1


def test_warc_bad_record_is_error_and_reading_goes_on(tmp_path: Path) -> None:
    records: list[Record] = [
        ("response", "https://news.example/empty", "200 OK", HTML, b"   \n"),
        ("response", "https://news.example/pdf", "200 OK", HTML, b"%PDF-1.4 \x00\x01\x02"),
        ("response", "https://news.example/nav", "200 OK", HTML, b"<html><body></body></html>"),
        RECORDS[1],
    ]
    path = tmp_path / "crawl.warc"
    path.write_bytes(make_warc(records, gz=False))
    items = list(iter_warc(str(path), ReadOptions(), ReadStats()))
    assert len(items) == 4
    errors = items[:3]
    assert all(isinstance(e, InputError) for e in errors)
    for error in errors:
        assert str(error).startswith(f"{path}#urn:uuid:")
        assert "\n" not in str(error)
    assert isinstance(errors[0], EmptyInputError)
    assert isinstance(items[3], Article)


def test_warc_oversize_record_is_error(tmp_path: Path) -> None:
    big = news_page("Big", "filler " * 2_000).encode()
    records: list[Record] = [("response", "https://news.example/big", "200 OK", HTML, big)]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(make_warc([*records, RECORDS[1]], gz=True))
    big_error, article = list(iter_warc(str(path), ReadOptions(max_bytes=8_000), ReadStats()))
    assert isinstance(big_error, InputTooLargeError)
    assert "larger than 8,000 bytes" in str(big_error)
    assert isinstance(article, Article)


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_truncated_keeps_what_came_before(tmp_path: Path, gz: bool) -> None:
    data = make_warc(RECORDS, gz)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 200])
    items = list(iter_warc(str(path), ReadOptions(), ReadStats()))
    assert [a.url for a in items if isinstance(a, Article)] == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    last = items[-1]
    assert isinstance(last, InputError)
    assert str(last).startswith(f"{path}#")
    assert "truncated" in str(last)


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_never_loses_records_silently(gz: bool) -> None:
    # Cut an archive of small non-page records at many points. A cut either says so, or falls
    # in the few bytes before a record boundary (the record separator, or the gzip trailer)
    # and every record before that boundary was read in full.
    payload = b"x" * 300
    records: list[Record] = [
        ("response", f"https://news.example/{n}.png", "200 OK", PNG, payload) for n in range(4)
    ]
    data = make_warc(records, gz)
    ends = record_ends(data)
    assert len(ends) == 5
    slack = 12 if gz else 4
    for cut in range(1, len(data), 5):
        stats = ReadStats()
        items = list(iter_warc_bytes(data[:cut], "w", ReadOptions(), stats))
        if items:
            assert len(items) == 1 and isinstance(items[0], InputError), cut
            continue
        read = sum(stats.skipped.values())
        assert any(end - slack <= cut <= end for end in ends), cut
        assert read == sum(1 for end in ends if end - slack <= cut), cut


def record_ends(data: bytes) -> list[int]:
    """The offset where each record of a whole archive ends (where the next one starts)."""
    records = ArchiveIterator(io.BytesIO(data))
    starts = [records.get_record_offset() for _ in records]
    return [*starts[1:], len(data)]


def test_warc_reads_old_arc_format(tmp_path: Path) -> None:
    page = news_page("Archived story").encode()
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    version = b"1 0 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    data = (
        b"filedesc://crawl.arc 0.0.0.0 20230509000000 text/plain %d\n" % len(version)
        + version
        + b"\n"
        + b"http://news.example/old 192.0.2.1 20230509000000 text/html %d\n" % len(http)
        + http
        + b"\n"
    )
    path = tmp_path / "crawl.arc"
    path.write_bytes(data)
    stats = ReadStats()
    [article] = list(iter_articles([str(path)], stats=stats))
    assert isinstance(article, Article)
    assert article.url == "http://news.example/old"
    # ARC records have no ids: the record's offset names it, stable from run to run.
    assert article.source == f"{path}#{data.index(b'http://news.example/old')}"
    assert stats.skipped == {"not a response": 1}


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"", EmptyInputError, "empty WARC file"),
        (b"\r\n\n ", EmptyInputError, "empty WARC file"),
        (b"<html><body><p>Not an archive</p></body></html>", InputError, "not a WARC file"),
        (gzip.compress(b"just some text\n" * 20), InputError, "not a WARC file"),
    ],
    ids=["empty", "blank", "markup", "gzipped-text"],
)
def test_warc_whole_file_errors(
    tmp_path: Path, content: bytes, error: type[InputError], message: str
) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(content)
    [item] = list(iter_articles([str(path)]))
    assert isinstance(item, error)
    assert str(item).startswith(f"{path}: {message}")
    assert "\n" not in str(item)
