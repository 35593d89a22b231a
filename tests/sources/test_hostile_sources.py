"""Issue 15, items 7–10: readers and the CLI on hostile input, each case one clear line.

Mixed encodings, deeply nested HTML, library calls with the wrong kind of argument, an
unreadable subfolder, stdin without a size limit, and bad reading options.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newsgraph
from newsgraph.cli import cli
from newsgraph.errors import ArgumentError, InputError, InputTooLargeError, NewsgraphError
from newsgraph.sources import ReadOptions, iter_articles, read_article
from newsgraph.sources.decode import decode_text
from newsgraph.sources.html import read_html
from newsgraph.sources.html_depth import flatten_deep

BODY = (
    "Japan and South Korea agreed on Sunday to resume regular security talks, officials in "
    "Seoul said, after years of strained relations over wartime history and trade."
)
UTF8 = "Talks in Zürich — “progress”, said Ms Müller of the Swiss foreign ministry.\n"
LATIN = "Le président a déclaré à Genève que les négociations avançaient bien.\n"


# -- item 7: mixed encodings ------------------------------------------------------------------


def test_hostile_mostly_utf8_with_latin1_lines_keeps_both_and_warns() -> None:
    data = (
        (UTF8 * 10 + LATIN + UTF8 * 2)
        .encode("utf-8")
        .replace(LATIN.encode("utf-8"), LATIN.encode("latin-1"))
    )
    text = decode_text(data, "mixed.txt")
    assert text.count(UTF8) == 12 and LATIN in text
    assert "\ufffd" not in text and "Ã" not in text
    assert "mixed encodings" in text.warnings[0]  # type: ignore[attr-defined]


def test_hostile_mixed_encoding_warning_is_recorded_in_the_analysis(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(UTF8.encode() * 8 + BODY.encode() + b"\n\n" + LATIN.encode("latin-1"))
    article = read_article(str(path))
    assert LATIN.strip() in article.text
    analysis = newsgraph.analyze(article)
    assert any("mixed encodings" in w for w in analysis.to_dict()["article"]["warnings"])


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Президент заявил, что переговоры «ТАСС» идут хорошо.\n", "cp1251"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy v Česku.\n", "cp1250"),
    ],
)
def test_hostile_a_file_wholly_in_a_legacy_encoding_is_still_guessed(text: str, codec: str) -> None:
    decoded = decode_text((text * 10).encode(codec), "old.txt")
    assert decoded == text * 10
    assert not getattr(decoded, "warnings", ())


# -- item 9: deeply nested HTML -------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 3000])
def test_hostile_deeply_nested_html_keeps_its_body(depth: int) -> None:
    paragraphs = "".join(f"<p>{BODY} Paragraph {n}.</p>" for n in range(3))
    page = (
        "<html><head><title>Talks</title></head><body>"
        + "<div>" * depth
        + paragraphs
        + "</div>" * depth
        + "</body></html>"
    )
    article = read_html(page, "deep.html", ReadOptions())
    assert article.text.count("Paragraph") == 3
    assert article.text.count("\n\n") == 2  # the paragraphs stay apart


def test_hostile_flattening_keeps_outer_and_inner_structure() -> None:
    page = "<body>" + "<div>" * 10 + "<p>one <b>two</b></p><p>three</p>" + "</div>" * 10
    flat = flatten_deep(page, limit=6)
    assert flat.count("<div>") < 10 and "<body>" in flat
    assert "<p>one <b>two</b></p><p>three</p>" in flat


# -- item 8: library calls with the wrong kind of argument -----------------------------------


def test_hostile_read_article_takes_a_path_object(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    assert read_article(path).text == BODY
    assert [a.text for a in iter_articles([path]) if isinstance(a, newsgraph.Article)] == [BODY]


def test_hostile_read_article_takes_the_bytes_of_a_page() -> None:
    second = "The ministers met in Zürich on Monday and said they would meet again in June."
    head = "<head><meta charset=windows-1252><title>Talks</title></head>"
    page = f"<html>{head}<body><p>{BODY}</p><p>{second}</p></body></html>"
    article = read_article(page.encode("cp1252"))
    assert article.text == f"{BODY}\n\n{second}" and article.source == "<bytes>"
    with pytest.raises(newsgraph.EmptyInputError):
        read_article(b"   ")


@pytest.mark.parametrize("bad", [None, 42, ["a.txt"], {"text": "x"}])
def test_hostile_read_article_of_something_else_is_an_argument_error(bad: Any) -> None:
    with pytest.raises(ArgumentError) as info:
        read_article(bad)
    assert isinstance(info.value, NewsgraphError) and isinstance(info.value, TypeError)


@pytest.mark.parametrize("bad", [None, b"bytes", 3.5])
def test_hostile_article_text_must_be_a_string(bad: Any) -> None:
    with pytest.raises(ArgumentError, match=r"Article\.text must be a str"):
        newsgraph.Article(text=bad)


def test_hostile_analyze_of_something_else_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError):
        newsgraph.analyze("a string, not an article")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError):
        list(newsgraph.iter_articles("one-path.txt"))  # type: ignore[arg-type]


# -- item 10: unreadable subfolder, stdin, options ----------------------------------------------


def test_hostile_unreadable_subfolder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(BODY, encoding="utf-8")
    if os.geteuid() == 0:  # root reads any folder: make this one fail to list
        real = os.scandir

        def scandir(path: Any = ".") -> Any:
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(locked))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(os, "listdir", lambda path=".": list(scandir(path)))
    else:
        locked.chmod(0)
    try:
        items = list(iter_articles([str(tmp_path)]))
    finally:
        locked.chmod(0o755)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(items) == 2 and len(errors) == 1
    assert errors[0].source == str(locked) and "cannot list this folder" in str(errors[0])


def test_hostile_stdin_page_over_the_limit_is_refused_without_reading_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Endless(io.RawIOBase):
        """A stdin that never ends: reading it whole would never return."""

        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[:] = b"a" * len(buffer)
            Endless.read_bytes += len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    [error] = list(iter_articles(["-"], ReadOptions(max_bytes=1000)))
    assert isinstance(error, InputTooLargeError) and error.source == "<stdin>"
    assert Endless.read_bytes < 1_000_000


def test_hostile_stdin_jsonl_is_streamed_record_by_record() -> None:
    lines = [json.dumps({"text": f"{BODY} Record {n}.", "id": f"r/{n}"}) for n in range(3)]
    stdin = "\n".join([lines[0], "{not json", *lines[1:]]) + "\n"
    result = CliRunner().invoke(cli, ["analyze", "-", "--format", "jsonl"], input=stdin)
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["given_id"] for d in docs] == ["r/0", "r/1", "r/2"]
    assert "<stdin>:2: not valid JSON" in result.stderr


@pytest.mark.parametrize("value", ["-1", "0", "abc"])
def test_hostile_bad_max_bytes_is_a_usage_error(value: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "a.txt"), "--max-bytes", value])
    assert result.exit_code == 2 and "--max-bytes" in result.stderr
    assert "Traceback" not in result.output


def test_hostile_the_timeout_the_message_names_exists() -> None:
    result = CliRunner().invoke(cli, ["analyze", "--help"])
    assert "--timeout" in result.stdout
    bad = CliRunner().invoke(cli, ["analyze", "x.txt", "--timeout", "0"])
    assert bad.exit_code == 2


def test_hostile_lone_surrogates_in_json_do_not_stop_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": BODY})
    path.write_text(
        '{"text": "Bad \\ud800 text. ' + BODY + '", "title": "T\\udfff"}\n' + good + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["analyze", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["article"]["text"].startswith("Bad \ufffd text.")
    assert first["article"]["title"] == "T\ufffd" and second["article"]["text"] == BODY
