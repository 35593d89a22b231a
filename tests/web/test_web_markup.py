"""Safe HTML from text and offsets: every piece escaped, facts marked, snippets marked safely."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from newsgraph.web.markup import (
    article_html,
    dyad_chart,
    period_start,
    snippet_html,
    speaker_colours,
)


def analysis(text: str, **facts: Any) -> dict[str, Any]:
    return {"article": {"text": text}, "actors": [], "quotes": [], "events": [], **facts}


def plain(html: str) -> str:
    """The text a browser shows: tags dropped, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_web_markup_text_survives_exactly_and_escaped() -> None:
    text = 'A <script>alert("x")</script> & <b>bold</b> "quote" said Kim.'
    quote = {"kind": "direct", "text": "x", "start": 2, "end": 30, "speaker": None}
    html = str(article_html(analysis(text, quotes=[quote])))
    assert plain(html) == text
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_web_markup_pieces_carry_offsets_that_cover_the_text() -> None:
    text = "Japan met Korea in Seoul."
    actors = [
        {"id": "JPN", "mentions": [{"start": 0, "end": 5, "text": "Japan"}]},
        {"id": "KOR", "mentions": [{"start": 10, "end": 15, "text": "Korea"}]},
    ]
    events = [
        {
            "type": "CONSULT",
            "evidence": {"start": 0, "end": 25, "text": text},
            "trigger": {"start": 6, "end": 9, "text": "met"},
        }
    ]
    html = str(article_html(analysis(text, actors=actors, events=events)))
    spans = re.findall(r'data-o="(\d+)" data-e="(\d+)"[^>]*>([^<]*)<', html)
    assert "".join(piece for _, _, piece in spans) == text
    for start, end, piece in spans:
        assert text[int(start) : int(end)] == unescape(piece)
    assert 'class="t m" data-o="0" data-e="5" data-actor="JPN"' in html
    assert 'data-event="0"' in html and 'data-type="CONSULT"' in html


def test_web_markup_quotes_wrap_once_and_never_overlap() -> None:
    text = '"One two," he said. "Three four," she said.'
    quotes = [
        {
            "kind": "direct",
            "text": "One two,",
            "start": 1,
            "end": 9,
            "speaker": {"name": "He", "actor": "person:he", "start": 11, "end": 13},
        },
        {
            "kind": "direct",
            "text": "overlap",
            "start": 5,
            "end": 31,
            "speaker": {"name": "She", "actor": "person:she"},
        },
    ]
    html = str(article_html(analysis(text, quotes=quotes)))
    assert html.count('class="quote fact') == 2
    assert html.count("<span") == html.count("</span>")
    assert 'data-sp-start="11" data-sp-end="13"' in html
    assert "sp-0" in html and "sp-1" in html


def test_web_markup_bad_offsets_are_ignored_not_fatal() -> None:
    text = "Short text."
    quotes = [
        {"kind": "direct", "text": "?", "start": 50, "end": 80, "speaker": None},
        {"kind": "direct", "text": "?", "start": 5, "end": 2, "speaker": None},
        {"kind": "direct", "text": "?", "start": None, "end": 3, "speaker": None},
    ]
    assert plain(str(article_html(analysis(text, quotes=quotes)))) == text


def test_web_markup_speakers_get_colours_in_order_of_first_quote() -> None:
    quotes = [
        {"speaker": {"actor": "person:b"}},
        {"speaker": {"actor": "person:a"}},
        {"speaker": {"actor": "person:b"}},
        {"speaker": None},
    ]
    assert speaker_colours(quotes) == {"person:b": 0, "person:a": 1}


def test_web_markup_snippet_marks_are_balanced_and_escaped() -> None:
    html = str(snippet_html("a [match] <script>x</script> [b<i>] ] [ [tail"))
    assert html.count("<mark>") == html.count("</mark>") == 2
    assert "<mark>b&lt;i&gt;</mark>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.endswith("] [ [tail")


def test_web_markup_period_start_and_chart_spec() -> None:
    assert period_start("2023-05", "month") == "2023-05-01"
    assert period_start("2023-W19", "week") == "2023-05-08"
    assert period_start("2023", "year") == "2023-01-01"
    assert period_start("bad", "month") is None
    series = {
        "a": "JPN",
        "b": "KOR",
        "by": "month",
        "periods": [
            {
                "period": "2023-05",
                "verbal_cooperation": 2,
                "material_cooperation": 0,
                "verbal_conflict": 1,
                "material_conflict": 0,
                "events": 3,
                "mean_intensity": 1.5,
            },
            {
                "period": "2023-06",
                "verbal_cooperation": 0,
                "material_cooperation": 0,
                "verbal_conflict": 0,
                "material_conflict": 0,
                "events": 0,
                "mean_intensity": None,
            },
        ],
    }
    spec = dyad_chart(series)
    counts = spec["layer"][0]["data"]["values"]
    assert {(r["quad"], r["events"]) for r in counts} == {
        ("verbal cooperation", 2),
        ("verbal conflict", -1),
    }
    assert spec["layer"][1]["data"]["values"] == [
        {"period": "2023-05", "start": "2023-05-01", "mean": 1.5}
    ]
