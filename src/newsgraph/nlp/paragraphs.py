"""The paragraph splitter: a sentence starts at every paragraph break (a spaCy component).

Added to the pipeline before the parser by :func:`newsgraph.nlp.load_nlp`, and run by
selective parsing (:mod:`newsgraph.nlp.selective`) on whole texts.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MAX_SENTENCE_TOKENS", "PARAGRAPH_PIPE", "register_paragraph_pipe"]

PARAGRAPH_PIPE = "newsgraph_paragraphs"

MAX_SENTENCE_TOKENS = 250
"""No sentence is longer: a run of text with no sentence end (a table, a list, hostile input)
gets a sentence start every this many tokens, so that work done per sentence stays bounded.
News sentences are far shorter (one of 80 tokens is very long)."""


def register_paragraph_pipe() -> None:
    """Register the component with spaCy under :data:`PARAGRAPH_PIPE` (once per process)."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_PIPE):
        return

    @Language.component(PARAGRAPH_PIPE)
    def paragraph_boundaries(doc: Any) -> Any:
        """Start a sentence at every paragraph break and at line breaks before a capital.

        A caption or heading line then never runs into the next line, while text hard-wrapped
        mid-sentence (the next line starting in lower case) is left to the parser. A stretch
        of :data:`MAX_SENTENCE_TOKENS` tokens with no such break gets one.
        """
        since = 0  # tokens since the last sentence start set here
        for token in doc[:-1]:
            since += 1
            gap = token.text_with_ws
            following = doc[token.i + 1]
            # A non-breaking space ("praised\xa0Lopez") is no line break.
            line_start = "\n" in gap and (
                "\n\n" in gap
                or following.text[:1].isupper()
                or following.text[:1] in "\"“‘'0123456789"
            )
            if line_start or since >= MAX_SENTENCE_TOKENS:
                following.is_sent_start = True
                since = 0
        return doc
