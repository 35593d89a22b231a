"""Issue 15, item 10: French-spaced guillemets and a quotation mark that is never closed.

``« … »`` with spaces inside was read as two opening marks, and the quote went to the
dateline; an unmatched ``“`` swallowed the attribution after it. Invented sentences.
"""

from __future__ import annotations

from typing import Any

import pytest

import newsgraph
from newsgraph.extract.quote_spans import find_mark_spans


def quotes(text: str) -> list[tuple[str, str, str | None]]:
    analysis = newsgraph.analyze(newsgraph.Article(text=text, published="2024-05-06"))
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
    return [
        (q.kind, q.text, q.speaker.name if q.speaker and q.speaker.name else None)
        for q in analysis.quotes
    ]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"], ids=["space", "nbsp", "narrow"])
def test_quote_marks_spaced_guillemets_open_and_close(space: str) -> None:
    text = f"«{space}We will not give in to pressure{space}», said Maria Lopez."
    [span] = find_mark_spans(text)
    assert text[span.start : span.end] == "We will not give in to pressure" and span.closed


def test_quote_marks_spaced_guillemets_are_not_given_to_the_dateline(nlp: Any) -> None:
    text = (
        "PARIS, May 3 (AFP) — Maria Lopez arrived in Paris on Monday.\n\n"
        "« We will not give in to pressure », she said."
    )
    assert quotes(text) == [("direct", "We will not give in to pressure", "Maria Lopez")]


def test_quote_marks_german_guillemets_still_read_by_context() -> None:
    text = "Sie sagte: »Wir geben nicht nach«, und ging."
    [span] = find_mark_spans(text)
    assert text[span.start : span.end] == "Wir geben nicht nach"


def test_quote_marks_an_unclosed_quote_leaves_its_attribution_outside(nlp: Any) -> None:
    text = (
        "“We are ready for the storm, the mayor said on Monday. Maria Lopez, the city's "
        "emergency chief, said the shelters were open."
    )
    found = quotes(text)
    assert ("direct", "We are ready for the storm,", None) in found
    assert any(kind == "indirect" and who == "Maria Lopez" for kind, _, who in found)


def test_quote_marks_an_unclosed_quote_without_attribution_is_kept(nlp: Any) -> None:
    text = "Maria Lopez wrote: “We are ready for the storm and the shelters are open."
    [span] = find_mark_spans(text)
    assert not span.closed
    found = quotes(text)
    assert found and found[0][1].startswith("We are ready for the storm and the shelters")


def test_quote_marks_of_markup_attributes_delimit_no_quote() -> None:
    text = (
        'Earlier: <post author="JaneDoe" pic="" id="12">Sad news tonight</post>. '
        'She said "we will rebuild."'
    )
    assert [text[m.start : m.end] for m in find_mark_spans(text)] == ["we will rebuild."]
