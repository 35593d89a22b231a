"""Issue 15: random and hostile text and HTML through the readers and the whole analysis.

Hypothesis builds inputs from pieces that have broken newsgraph or spaCy before (runs of
quotation marks and affixes, guillemets, unclosed quotes, deep and broken markup, stray
bytes in other encodings, control characters) mixed with ordinary words and names. The
properties: nothing but a :class:`~newsgraph.NewsgraphError` is ever raised, and every fact
of an analysis points at its own text (``article.text[start:end] == text``).

Bounded: ``FUZZ_EXAMPLES`` examples per property (default 40, small inputs), so the suite
stays fast; ``FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` for a longer run.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.errors import NewsgraphError
from newsgraph.sources import ReadOptions, iter_articles, read_article

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,  # the suite's run is the same every time
)

WORDS = ["Maria", "Lopez", "said", "told", "Japan", "Seoul", "the", "minister", "on", "Monday"]
NASTY = [
    '"' * 300,
    "“" * 50,
    "'s" * 200,
    ":)" * 150,
    "(" * 100,
    "«",
    "»",
    " « ",
    " » ",
    "“",
    "”",
    "\n\n",
    "\n",
    "\u00a0",
    "\u202f",
    "\u2028",
    "\x00",
    "\x0b",
    "\ufeff",
    "\ud7ff",
    "—",
    ", said ",
    "said Biden. ",
    "x" * 500,
    "http://example.org/" + "a/" * 100,
    "#" * 40,
    "$5",
    "U.S.",
    "2023-05-09",
    "Mr.",
]

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(NASTY),
    st.text(max_size=20),
    st.text(alphabet=st.characters(categories=["P", "S", "Z", "C"]), max_size=20),
)
texts = st.lists(pieces, max_size=60).map(" ".join)


@st.composite
def html_pages(draw: Any) -> str:
    """Markup that is broken, deep, or full of the pieces above."""
    tags = ["div", "p", "span", "article", "b", "script", "table", "td", "li", "h1", "a"]
    depth = draw(st.integers(0, 400))
    opened = draw(st.lists(st.sampled_from(tags), min_size=depth, max_size=depth))
    body = draw(
        st.lists(st.one_of(texts, st.sampled_from(["<p>", "</div>", "<br>", "<!--"])), max_size=8)
    )
    closing = draw(st.booleans())
    head = draw(st.sampled_from(["", "<html><head><title>T</title></head><body>", "<?xml?>"]))
    return (
        head
        + "".join(f"<{t}>" for t in opened)
        + "".join(body)
        + ("".join(f"</{t}>" for t in reversed(opened)) if closing else "")
    )


def spans(value: Any) -> Iterator[Any]:
    """Every object with integer ``start``/``end`` and a string ``text`` inside ``value``."""
    if isinstance(value, list | tuple):
        for item in value:
            yield from spans(item)
        return
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return
    if isinstance(getattr(value, "start", None), int) and isinstance(
        getattr(value, "text", None), str
    ):
        yield value
    for field in dataclasses.fields(value):
        yield from spans(getattr(value, field.name))


def check_analysis(article: newsgraph.Article) -> None:
    analysis = newsgraph.analyze(article)
    text = analysis.article.text
    facts = [analysis.actors, analysis.dates, analysis.quotes, analysis.events]
    for span in spans(facts):
        if getattr(span, "field", None) is None:
            assert text[span.start : span.end] == span.text, (span, text)
    json.dumps(analysis.to_dict())


@FUZZ
@given(text=texts)
def test_fuzz_analysis_of_hostile_text(nlp: Any, text: str) -> None:
    try:
        article = newsgraph.Article(text=text)
    except NewsgraphError:
        return
    check_analysis(article)


@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), texts.map(lambda t: t.encode("utf-8", "replace"))))
def test_fuzz_reading_bytes(nlp: Any, data: bytes) -> None:
    try:
        article = read_article(data)
    except NewsgraphError:
        return
    assert isinstance(article.text, str) and article.text.strip()
    check_analysis(article)


@FUZZ
@given(page=html_pages(), encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_fuzz_reading_html(nlp: Any, page: str, encoding: str) -> None:
    data = page.encode(encoding, "replace")
    try:
        article = read_article(data, ReadOptions(kind="html"))
    except NewsgraphError:
        return
    check_analysis(article)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(texts, st.builds(lambda t: json.dumps({"text": t, "id": t}), texts)), max_size=5
    )
)
def test_fuzz_reading_jsonl(nlp: Any, lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "replace")
    for item in iter_articles([data], ReadOptions(kind="jsonl")):
        assert isinstance(item, newsgraph.Article | newsgraph.InputError)
