"""The dispatcher: directories, stdin, kind sniffing, gzip and given options."""

from __future__ import annotations

import gzip
import io
import json
import logging
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import InputError
from newsgraph.model import Article
from newsgraph.sources import (
    ReadOptions,
    ReadStats,
    expand_inputs,
    iter_articles,
    read_article,
    sniff_kind,
)

PARAGRAPHS = [
    "Japan and South Korea agreed on Sunday to resume regular security talks, officials in "
    "Seoul said, after years of strained relations over wartime history and trade.",
    "The leaders met for two hours at the presidential office and discussed North Korea's "
    "missile launches, supply chains for semiconductors and the Fukushima water release.",
    "Analysts said the visit showed how far the two countries had come since a dispute over "
    "compensation for forced labour froze most contacts in 2019.",
]
TEXT = "Talks resume\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Talks resume</title>"
    "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Talks resume</h1>\n"
    + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "\n</article><footer>© Example News</footer></body></html>"
)


def make_warc(gz: bool = False) -> bytes:
    """A WARC with an image response (binary payload) and one article page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, content_type, payload in [
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("https://news.example/talks", "text/html; charset=utf-8", PAGE.encode()),
    ]:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=http
            )
        )
    return buffer.getvalue()


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1, items
    [item] = items
    assert isinstance(item, Article), item
    return item


def test_dispatch_directory_recursive_in_sorted_order(tmp_path: Path) -> None:
    names = [
        "b.txt",
        "a/z.html",
        "a/sub/m.txt.gz",
        "c.HTM",
        "a.txt",
        ".hidden.txt",
        "notes.pdf",
        "image.png",
    ]
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = PAGE.encode() if "htm" in name.lower() else TEXT.encode()
        path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    expected = [
        str(tmp_path / n) for n in ["a/sub/m.txt.gz", "a/z.html", "a.txt", "b.txt", "c.HTM"]
    ]
    assert list(expand_inputs([str(tmp_path)])) == expected
    sources = [item.source for item in iter_articles([str(tmp_path)])]
    assert sources == expected


def test_dispatch_inputs_keep_their_order_and_missing_paths_pass_through(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(TEXT)
    (tmp_path / "a.txt").write_text(TEXT)
    missing = str(tmp_path / "missing.txt")
    inputs = [
        str(tmp_path / "b.txt"),
        missing,
        "-",
        "https://news.example/a",
        str(tmp_path / "a.txt"),
    ]
    assert list(expand_inputs(inputs)) == inputs


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (TEXT.encode(), "text"),
        (PAGE.encode(), "markup"),
        (make_warc(), "warc"),
        ((json.dumps({"text": TEXT}) + "\n").encode(), "jsonl"),
    ],
    ids=["text", "markup", "warc", "jsonl"],
)
def test_dispatch_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, kind: str) -> None:
    fake_stdin(monkeypatch, data)
    article = only_article(list(iter_articles(["-"])))
    assert "resume regular security talks" in article.text
    assert article.source is not None and article.source.startswith("<stdin>")
    if kind == "markup":
        assert "Home" not in article.text
    if kind == "warc":
        assert article.url == "https://news.example/talks"


def test_dispatch_stdin_gzipped(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, gzip.compress(PAGE.encode()))
    article = read_article("-")
    assert article.source == "<stdin>"
    assert "Home" not in article.text


def test_dispatch_sniffs_markup_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "article"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(str(path))
    assert "resume regular security talks" in article.text
    assert "Home" not in article.text
    assert article.title == "Talks resume"


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzipped"])
def test_dispatch_sniffs_warc_by_magic(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / "crawl.bin"
    path.write_bytes(make_warc(gz))
    stats = ReadStats()
    article = only_article(list(iter_articles([str(path)], stats=stats)))
    assert article.url == "https://news.example/talks"
    assert article.source is not None and article.source.startswith(f"{path}#urn:uuid:")
    assert stats.skipped == {"not HTML": 1}


def test_dispatch_sniffs_jsonl_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "export"
    lines = [json.dumps({"text": TEXT, "id": "one"}), json.dumps({"text": TEXT, "id": "two"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([str(path)]))
    assert [item.given_id for item in items if isinstance(item, Article)] == ["one", "two"]
    assert [item.source for item in items] == [f"{path}:1", f"{path}:2"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b"<!doctype html><html><body><p>x</p></body></html>", "html"),
        (b"  \n<div class='story'><p>Text</p></div>", "html"),
        (b"Just words on a line.\nAnd another.", "text"),
    ],
    ids=["warc", "jsonl", "doctype", "fragment", "plain"],
)
def test_dispatch_sniff_kind(data: bytes, expected: str) -> None:
    assert sniff_kind(data) == expected


@pytest.mark.parametrize("name", ["page.html.gz", "page.htm.gz"], ids=["long", "short"])
def test_dispatch_gzipped_page(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(PAGE.encode()))
    article = read_article(str(path))
    assert "resume regular security talks" in article.text
    assert "Home" not in article.text


def test_dispatch_gzip_multi_member_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    half = len(TEXT) // 2
    path.write_bytes(gzip.compress(TEXT[:half].encode()) + gzip.compress(TEXT[half:].encode()))
    article = read_article(str(path))
    assert "forced labour froze most contacts in 2019" in article.text


def test_dispatch_truncated_gzip_reads_what_is_there_with_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = gzip.compress((TEXT * 3).encode())
    path = tmp_path / "story.txt.gz"
    path.write_bytes(data[: len(data) - 40])
    with caplog.at_level(logging.WARNING):
        article = read_article(str(path))
    assert "resume regular security talks" in article.text
    assert f"{path}: gzip data ends early" in caplog.text


def test_dispatch_given_url_and_date_override_and_are_recorded(tmp_path: Path) -> None:
    page = PAGE.replace(
        "<title>", "<meta property='article:published_time' content='2020-01-01'><title>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    options = ReadOptions(url="https://www.dw.com/en/a-65542042", published="2023-05-09")
    article = read_article(str(path), options)
    assert article.url == "https://www.dw.com/en/a-65542042"
    assert article.published == "2023-05-09"
    assert article.metadata_sources["url"] == "given"
    assert article.metadata_sources["published"] == "given"


def test_dispatch_no_given_options_records_nothing_given(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_article(str(path))
    assert "given" not in article.metadata_sources.values()
    assert article.source == str(path)


def test_dispatch_forced_kind_reads_markup_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(PAGE, encoding="utf-8")
    as_text = read_article(str(path), ReadOptions(kind="text"))
    assert "<p>" in as_text.text


def test_dispatch_read_article_of_container_returns_first_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": TEXT, "id": "first"}), json.dumps({"text": TEXT, "id": "2"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert read_article(str(path)).given_id == "first"
    path.write_text("{broken\n" + lines[0], encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}:1: not valid JSON"):
        read_article(str(path))


def test_dispatch_container_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=f"^{path}: no article in this input$"):
        read_article(str(path))
