"""JSON Lines input: one article per line; given fields win; a bad line is an error, not a stop."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import EmptyInputError, InputError, InputTooLargeError, NotAnArticleError
from newsgraph.model import Article, content_id
from newsgraph.sources import ReadOptions, iter_articles
from newsgraph.sources.jsonl import iter_jsonl_path, iter_jsonl_text

BODY = (
    "Japan and South Korea agreed on Sunday to resume regular security talks, officials in "
    "Seoul said, after years of strained relations over wartime history and trade.\n\n"
    "The leaders met for two hours and discussed North Korea's missile launches, supply chains "
    "for semiconductors and the release of treated water from the Fukushima plant."
)
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Talks resume</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Talks resume</h1>"
    + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    + "<p>Analysts said the visit showed how far the two countries had come since a dispute "
    "over compensation for forced labour froze most contacts in 2019.</p>"
    "</article><footer>© Example News</footer></body></html>"
)


def write_jsonl(path: Path, lines: list[Any]) -> Path:
    """Write each item as a JSON line (a ``str`` item is written as it is)."""
    text = "\n".join(item if isinstance(item, str) else json.dumps(item) for item in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def test_jsonl_text_record_with_given_fields(tmp_path: Path) -> None:
    record = {
        "id": "dw-65542042",
        "text": BODY,
        "url": "https://www.dw.com/en/a-65542042",
        "title": "Japan and South Korea resume talks",
        "published": "2023-05-09T10:12:00Z",
        "authors": ["Julian Ryall", "Jane Doe"],
        "site": "DW",
        "tags": "Japan, South Korea",
        "language": "en",
        "dateline": "TOKYO",
        "extra": {"ignored": True},
    }
    path = write_jsonl(tmp_path / "feed.jsonl", [record])
    [article] = list(iter_jsonl_path(str(path), ReadOptions()))
    assert isinstance(article, Article)
    assert article.text == BODY
    assert article.given_id == "dw-65542042" and article.id == content_id(article.text)
    assert article.source == f"{path}:1"
    assert article.url == "https://www.dw.com/en/a-65542042"
    assert article.title == "Japan and South Korea resume talks"
    assert article.published == "2023-05-09"
    assert article.authors == ["Julian Ryall", "Jane Doe"]
    assert article.site == "DW"
    assert article.tags == ["Japan", "South Korea"]
    assert article.dateline == "TOKYO"
    for name in ("url", "title", "published", "authors", "site", "tags", "language", "given_id"):
        assert article.metadata_sources[name] == "given", name


def test_jsonl_markup_record_read_and_given_title_wins(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", [{"html": PAGE, "title": "Given title"}])
    [article] = list(iter_jsonl_path(str(path), ReadOptions()))
    assert isinstance(article, Article)
    assert "resume regular security talks" in article.text
    assert "Home" not in article.text
    assert article.title == "Given title"
    assert article.metadata_sources["title"] == "given"


def test_jsonl_authors_as_one_string(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "f.jsonl",
        [{"text": BODY, "authors": "Julian Ryall"}, {"text": BODY, "authors": "A One; B Two"}],
    )
    first, second = articles(list(iter_jsonl_path(str(path), ReadOptions())))
    assert first.authors == ["Julian Ryall"]
    assert second.authors == ["A One", "B Two"]


def test_jsonl_without_id_gets_content_id(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "f.jsonl", [{"text": BODY}])
    [article] = articles(list(iter_jsonl_path(str(path), ReadOptions())))
    assert len(article.id) == 16
    assert "id" not in article.metadata_sources
    assert article.language == "en"


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        ("{not json", InputError, "not valid JSON"),
        ('["a", "list"]', InputError, "not a JSON object but an array"),
        (json.dumps({"title": "no body"}), InputError, "no 'text' or 'html' field"),
        (json.dumps({"text": "   "}), EmptyInputError, "empty 'text'/'html' field"),
        (json.dumps({"text": 42}), InputError, "field 'text' must be a string, not a number"),
        (
            json.dumps({"html": "<html><body><form><input></form></body></html>"}),
            NotAnArticleError,
            "",
        ),
    ],
    ids=["invalid-json", "not-object", "no-body", "empty-body", "body-not-string", "login-page"],
)
def test_jsonl_bad_line_is_error_and_reading_goes_on(
    tmp_path: Path, line: str, error: type[InputError], message: str
) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl", [{"text": BODY, "id": "a"}, line, {"text": BODY, "id": "b"}]
    )
    first, bad, last = list(iter_jsonl_path(str(path), ReadOptions()))
    assert isinstance(first, Article) and first.given_id == "a"
    assert isinstance(last, Article) and last.given_id == "b"
    assert type(bad) is error
    assert bad.source == f"{path}:2"
    assert str(bad).startswith(f"{path}:2: {message}")
    assert "\n" not in str(bad)


def test_jsonl_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "f.jsonl", [{"text": BODY}, "", "   ", "oops"])
    items = list(iter_jsonl_path(str(path), ReadOptions()))
    assert len(items) == 2
    assert isinstance(items[1], InputError)
    assert items[1].source == f"{path}:4"


def test_jsonl_not_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(json.dumps({"text": "café " + BODY}, ensure_ascii=False).encode("latin-1"))
    [error] = list(iter_jsonl_path(str(path), ReadOptions()))
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}:1: not UTF-8 text")


def test_jsonl_line_over_limit_is_skipped_without_keeping_it(tmp_path: Path) -> None:
    long_record = json.dumps({"text": BODY * 40})
    path = write_jsonl(tmp_path / "f.jsonl", [long_record, {"text": BODY, "id": "short"}])
    big, good = list(iter_jsonl_path(str(path), ReadOptions(max_bytes=5_000)))
    assert isinstance(big, InputTooLargeError)
    assert big.source == f"{path}:1"
    assert isinstance(good, Article) and good.given_id == "short"


def test_jsonl_gzipped_file_streams(tmp_path: Path) -> None:
    text = "\n".join(json.dumps({"text": BODY, "id": str(n)}) for n in range(3)) + "\n"
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(text.encode(), mtime=0))
    items = list(iter_articles([str(path)]))
    assert [item.given_id for item in articles(items)] == ["0", "1", "2"]


def test_jsonl_truncated_gzip_keeps_what_came_before(tmp_path: Path) -> None:
    text = "".join(
        json.dumps({"text": BODY + f" Part {n}.", "id": str(n)}) + "\n" for n in range(50)
    )
    data = gzip.compress(text.encode(), mtime=0)
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(iter_jsonl_path(str(path), ReadOptions()))
    good = articles(items)
    assert 0 < len(good) < 50
    assert [a.given_id for a in good] == [str(n) for n in range(len(good))]
    assert isinstance(items[-1], InputError)
    assert "ends abruptly or is corrupt" in str(items[-1])


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"", EmptyInputError, "empty JSONL file"),
        (b"\n\n  \n", EmptyInputError, "empty JSONL file"),
        (b"%PDF-1.7\n" + bytes(range(256)), InputError, "binary data (a PDF file)"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_jsonl_whole_file_errors_name_the_file(
    tmp_path: Path, content: bytes, error: type[InputError], message: str
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(content)
    [item] = list(iter_articles([str(path)]))
    assert isinstance(item, error)
    assert str(item).startswith(f"{path}: {message}")


def test_jsonl_text_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"text": BODY, "id": "one"}), "{bad", json.dumps({"text": BODY})]
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(lines).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    items = list(iter_articles(["-"]))
    assert isinstance(items[0], Article) and items[0].source == "<stdin>:1"
    assert isinstance(items[1], InputError) and items[1].source == "<stdin>:2"
    assert isinstance(items[2], Article)


def test_jsonl_text_keeps_unicode_line_separators_inside_strings() -> None:
    text = json.dumps({"text": BODY + "\u2028Second line."}, ensure_ascii=False)
    [article] = list(iter_jsonl_text(text, "feed", ReadOptions()))
    assert isinstance(article, Article)
    assert article.source == "feed:1"


def test_jsonl_record_url_beats_option_url(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "f.jsonl", [{"text": BODY, "url": "https://a.example/1"}, {"text": BODY}]
    )
    options = ReadOptions(url="https://fallback.example/", published="2023-01-02")
    first, second = articles(list(iter_jsonl_path(str(path), options)))
    assert first.url == "https://a.example/1"
    assert second.url == "https://fallback.example/"
    assert first.published == second.published == "2023-01-02"


def test_jsonl_bad_published_is_ignored_not_fatal(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "f.jsonl", [{"text": BODY, "published": "last Tuesday"}])
    [article] = list(iter_jsonl_path(str(path), ReadOptions()))
    assert isinstance(article, Article)
    assert article.metadata_sources.get("published") != "given"
