"""Selective parsing: the dependency parser only on the sentences that need it.

The extractors read dependencies in a few places only: a quote's cue verb and its subject,
an event trigger and its arguments, the verb whose tense resolves a relative date, and an
apposition after a person's name ("Maria Lopez, a professor at …"). Every other sentence
needs tokens, tags, lemmas and entities, which are cheap next to the parser.

:func:`parse_selective` runs, per batch: the tokenizer, ``tok2vec``, ``tagger``, the
statistical sentence splitter (``senter``, shipped disabled in the model) and the paragraph
splitter, and ``ner`` on whole texts; then the parser on the sentences that hold a quotation
mark or a cue word, an event trigger with a possible actor (any inflection of the cue and
PLOVER lexicons), a relative date or time, or a person's name followed by a comma or a
bracket (see :func:`needs_parse`); then ``attribute_ruler`` and ``lemmatizer``.
Parsed sentences reuse the whole text's ``tok2vec`` output (the rows of ``doc.tensor``),
so the parser sees the same features it would in a full parse.

The result differs from a full parse in two ways: sentence boundaries come from ``senter``
outside parsed sentences, and unparsed tokens have no head or label (``dep_ == ""``).
``benchmarks/bench_throughput.py`` measures the speed and how many facts agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy

from ..knowledge import load_csv

_QUOTE_MARKS = frozenset("\"“”‘’«»„'")
_APPOSITION_AFTER = frozenset({",", "("})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
_YEAR = re.compile(r"\b\d{4}\b")

Forms = tuple[frozenset[str], frozenset[str]]
"""Inflected forms of the cue words, and of the event triggers."""
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ies", "ied")
_FUNCTION_WORDS = frozenset({"be", "have", "do", "in", "on", "at", "as", "to", "of", "out", "off"})
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")

PRE_PIPES = ("tok2vec", "tagger", "senter")
"""Pipes run on whole texts before the paragraph splitter and NER."""

POST_PIPES = ("attribute_ruler", "lemmatizer")
"""Pipes run on whole texts after the parser (they read its labels)."""


def parse_selective(nlp: Any, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
    """Parse texts like ``nlp.pipe``, but with the parser only where it is needed.

    Args:
        nlp: the pipeline from :func:`newsgraph.nlp.load_nlp`.
        texts: the texts to parse.
        batch_size: texts per batch.

    Yields:
        One ``Doc`` per text, in order.
    """
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch, batch_size)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch, batch_size)


def _parse_batch(nlp: Any, texts: list[str], batch_size: int) -> list[Any]:
    from ..nlp import PARAGRAPH_PIPE

    docs = [nlp.make_doc(text) for text in texts]
    order = [*PRE_PIPES, PARAGRAPH_PIPE, "ner"]
    for name in order:
        docs = _run(nlp, name, docs, batch_size)
    forms = trigger_forms(nlp)
    chosen = [[sent for sent in doc.sents if needs_parse(sent, forms)] for doc in docs]
    pieces = [
        piece
        for doc, sents in zip(docs, chosen, strict=True)
        for piece in _sentence_docs(doc, sents)
    ]
    parsed = iter(_run(nlp, "parser", pieces, batch_size))
    for doc, sents in zip(docs, chosen, strict=True):
        _copy_parse(doc, [(sent, next(parsed)) for sent in sents])
    for name in POST_PIPES:
        docs = _run(nlp, name, docs, batch_size)
    return docs


def _run(nlp: Any, name: str, docs: list[Any], batch_size: int) -> list[Any]:
    component = nlp.get_pipe(name)
    if hasattr(component, "pipe"):
        return list(component.pipe(docs, batch_size=batch_size))
    return [component(doc) for doc in docs]


def needs_parse(sent: Any, forms: Forms) -> bool:
    """Return whether a sentence can hold a quote, an event, a dated verb or an apposition.

    A cue word ("said", "according") or a quotation mark is enough; an event trigger counts
    only with a possible actor in the sentence (a name, a nationality, a pronoun); a date
    counts only when it is relative ("on Sunday", not "2019"), since only those are resolved
    by the tense of their verb.
    """
    cues, triggers = forms
    trigger = actor = False
    for token in sent:
        text, lower, label = token.text, token.lower_, token.ent_type_
        if text in _QUOTE_MARKS or lower in cues:
            return True
        if label in _DATE_LABELS and not _YEAR.search(text):
            return True
        if label == "PERSON" and token.i + 1 < sent.end and token.nbor().text in _APPOSITION_AFTER:
            return True
        trigger = trigger or lower in triggers
        actor = actor or label in _ACTOR_LABELS or token.tag_ in _PRONOUN_TAGS
    return trigger and actor


def _sentence_docs(doc: Any, sents: list[Any]) -> list[Any]:
    """Return a small ``Doc`` per sentence: its words, and the whole text's ``tok2vec`` rows.

    Only the start of each sentence is given, so that the parser may split it further.
    (``Span.as_doc`` would copy every attribute of the whole text once per sentence.)
    """
    from spacy.tokens import Doc

    words = [token.text for token in doc]
    spaces = [bool(token.whitespace_) for token in doc]
    made = []
    for sent in sents:
        start, end = sent.start, sent.end
        starts: list[bool | int | None] = [True, *([None] * (end - start - 1))]
        piece = Doc(doc.vocab, words=words[start:end], spaces=spaces[start:end], sent_starts=starts)
        piece.tensor = doc.tensor[start:end]
        made.append(piece)
    return made


def _copy_parse(doc: Any, parsed: list[tuple[Any, Any]]) -> None:
    """Write heads and labels of the parsed sentences into ``doc``; keep other boundaries."""
    from spacy.attrs import DEP, HEAD, SENT_START

    if not parsed:
        return
    before = doc.to_array([SENT_START])
    heads = numpy.zeros((len(doc), 2), dtype="uint64")
    inside = numpy.zeros(len(doc), dtype=bool)
    for sent, sent_doc in parsed:
        block = sent_doc.to_array([HEAD, DEP])
        heads[sent.start : sent.end] = block
        inside[sent.start : sent.end] = True
    doc.from_array([HEAD, DEP], heads)
    after = doc.to_array([SENT_START])
    doc.from_array([SENT_START], numpy.where(inside, after, before))


@lru_cache(maxsize=1)
def trigger_forms(nlp: Any) -> Forms:
    """Return every inflected form of the cue words and of the event triggers, lower case."""
    cues = [row["cue"] for row in load_csv("cue_verbs.csv")]
    # Triggers only: the lexicon's pronoun, modal and status rows (``role``) are not events.
    triggers = [
        row["lemma"]
        for row in load_csv("plover_lexicon.csv")
        if row.get("category") and not row.get("role") and row.get("pos") in ("V", "N", "A")
    ]
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    return _inflect(cues, table), _inflect(triggers, table)


def _inflect(values: list[str], exceptions: Any) -> frozenset[str]:
    lemmas = set()
    for value in values:
        match = _WORD.match(value.strip().lower())
        if match and match.group(0) not in _FUNCTION_WORDS:
            lemmas.add(match.group(0))
    forms = set(lemmas)
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith(("e", "y")) else lemma
        forms.update(stem + suffix for suffix in _SUFFIXES)
        forms.update(lemma + suffix for suffix in _SUFFIXES)
        forms.add(lemma + lemma[-1] + "ed")
        forms.add(lemma + lemma[-1] + "ing")
    for key in exceptions:
        for form, bases in exceptions[key].items():
            if any(base in lemmas for base in bases):
                forms.add(form.lower())
    return frozenset(forms)
