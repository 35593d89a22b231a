"""Tests of nlp/: the shared pipeline and its paragraph splitter."""

from __future__ import annotations

from typing import Any

from newsgraph.nlp import PARAGRAPH_PIPE, doc_text


def sentences(nlp: Any, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_nlp_pipeline_has_the_paragraph_splitter(nlp: Any) -> None:
    assert PARAGRAPH_PIPE in nlp.pipe_names


def test_nlp_paragraph_break_starts_a_sentence(nlp: Any) -> None:
    assert sentences(nlp, "Photo: Jo Park\n\nThe mayor spoke on Monday") == [
        "Photo: Jo Park",
        "The mayor spoke on Monday",
    ]


def test_nlp_non_breaking_space_is_not_a_line_break(nlp: Any) -> None:
    text = "A local paper hailed\xa0Maria Lopez as a reformer for her work."
    assert len(sentences(nlp, text)) == 1


def test_nlp_doc_text_is_built_once(nlp: Any) -> None:
    doc = nlp("Short text.")
    assert doc_text(doc) == "Short text." and doc_text(doc) is doc_text(doc)
