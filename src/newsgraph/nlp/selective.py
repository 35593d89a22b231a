"""Selective parsing: the parser and NER only on the sentences that need them.

The extractors read dependencies in a few places only: a quote's cue verb and its subject,
an event trigger and its arguments, the verb whose tense resolves a relative date, and an
apposition after a person's name ("Maria Lopez, a professor at …"). They read entities of a
few labels (people, organisations, places, nationalities, dates and times), and those need
a capital letter, a digit or a date word. Every other sentence needs only tokens, tags and
lemmas, which are cheap next to the parser and ``ner``.

:func:`parse_selective` runs, per batch: the tokenizer, ``tok2vec``, ``tagger``, the
statistical sentence splitter (``senter``, shipped disabled in the model) and the paragraph
splitter on whole texts; then ``ner`` on the sentences that can hold an entity (a ``NNP``
tag, a capital past the first word, a digit or a date word: see :func:`needs_entities`),
one small doc per run of consecutive such sentences; then the parser on the sentences that
hold a quotation mark or a cue word, an event trigger with a possible actor (any inflection
of the cue and PLOVER lexicons), a relative date or time, or a person's name followed by a
comma or a bracket (see :func:`needs_parse`), one small doc per sentence; then
``attribute_ruler`` and ``lemmatizer`` on whole texts. Parsed sentences reuse the whole
text's ``tok2vec`` output (the rows of ``doc.tensor``), so the parser sees the same features
it would in a full parse (``ner`` has its own ``tok2vec`` in ``en_core_web_sm``, but gets
the rows too, for a model whose ``ner`` listens to the shared one). The small docs are cut
and written back by :mod:`newsgraph.nlp.pieces`.

The result differs from a full parse in three ways: sentence boundaries come from ``senter``
outside parsed sentences (and ``ner`` sees those boundaries everywhere); unparsed tokens
have no head or label (``dep_ == ""``); and sentences without a candidate have no entities
(every token is outside, "O"), while ``ner`` in a run sees no context beyond the run, so an
entity near its edges may come out differently (about 1% of the entities the extractors
read differ). ``benchmarks/bench_throughput.py`` measures the speed and how many facts agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy

from ..knowledge import load_csv, load_json
from .pieces import Run, copy_entities, copy_parse, piece_docs, runs, sentence_bounds

_QUOTE_MARKS = frozenset("\"“”‘’«»„'")
_APPOSITION_AFTER = frozenset({",", "("})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_PRONOUN_TAGS = frozenset({"PRP", "PRP$"})
_YEAR = re.compile(r"\b\d{4}\b")
_DIGIT = re.compile(r"\d")
_PROPER_TAGS = ("NNP", "NNPS")
_DATE_SECTIONS = ("units", "deictic_days", "day_parts", "ago_words")
"""The parts of ``date_words.json`` that name a time span or a day ("weeks", "yesterday")."""

Forms = tuple[frozenset[str], frozenset[str]]
"""Inflected forms of the cue words, and of the event triggers."""
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ies", "ied")
_FUNCTION_WORDS = frozenset({"be", "have", "do", "in", "on", "at", "as", "to", "of", "out", "off"})
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")

PRE_PIPES = ("tok2vec", "tagger", "senter")
"""Pipes run on whole texts before the paragraph splitter and NER."""

POST_PIPES = ("attribute_ruler", "lemmatizer")
"""Pipes run on whole texts after the parser (they read its labels)."""

NER_BATCH = 64
"""Pieces (runs of sentences) per ``ner`` batch."""

PARSE_BATCH = 256
"""Pieces (sentences) per parser batch: short pieces, so more of them per batch."""


def parse_selective(nlp: Any, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
    """Parse texts like ``nlp.pipe``, but with the parser and ``ner`` only where needed.

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
    from .paragraphs import PARAGRAPH_PIPE

    docs = [nlp.make_doc(text) for text in texts]
    for name in (*PRE_PIPES, PARAGRAPH_PIPE):
        docs = _run(nlp, name, docs, batch_size)
    sents = [sentence_bounds(doc) for doc in docs]
    named = [runs(s, needs_entities(doc, s)) for doc, s in zip(docs, sents, strict=True)]
    pieces = [
        piece for doc, r in zip(docs, named, strict=True) for piece in piece_docs(doc, r, None)
    ]
    found = iter(_run(nlp, "ner", pieces, NER_BATCH))
    for doc, doc_runs in zip(docs, named, strict=True):
        copy_entities(doc, [(run, next(found)) for run in doc_runs])
    forms = trigger_forms(nlp)
    chosen = [
        [(start, end) for start, end in s if needs_parse(doc[start:end], forms)]
        for doc, s in zip(docs, sents, strict=True)
    ]
    pieces = [
        piece
        for doc, c in zip(docs, chosen, strict=True)
        for piece in piece_docs(doc, c, [start for start, _ in c])
    ]
    parsed = iter(_run(nlp, "parser", pieces, PARSE_BATCH))
    for doc, c in zip(docs, chosen, strict=True):
        copy_parse(doc, [(sent, next(parsed)) for sent in c])
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


def needs_entities(doc: Any, sents: list[Run]) -> list[bool]:
    """Return, per sentence, whether it can hold an entity that the extractors read.

    Names, places, organisations and nationalities are tagged ``NNP`` or capitalized; dates
    and times have a digit or a word of the date vocabulary (:func:`entity_words`). A capital
    on the sentence's first word or on a pronoun ("I") does not count. A sentence with none
    of these gets no entities; in news text that is about a sixth of the tokens.
    """
    from spacy.attrs import ORTH, TAG

    if not sents:
        return []
    columns = doc.to_array([ORTH, TAG])
    strings = doc.vocab.strings
    known = _KINDS
    kinds = numpy.array(
        [known[o] if o in known else _learn(o, strings) for o in columns[:, 0].tolist()],
        dtype="uint8",
    )
    tags = columns[:, 1]
    capital = (kinds & _CAPITAL).astype(bool)
    capital &= ~numpy.isin(tags, [strings.add(tag) for tag in _PRONOUN_TAGS])
    starts = numpy.array([start for start, _ in sents])
    # Each sentence's first word: the first token with a letter at or after its start (for a
    # sentence without letters, that is the next one's first word, so no harm done).
    lettered = numpy.flatnonzero(kinds & _LETTER)
    at = numpy.searchsorted(lettered, starts)
    capital[lettered[at[at < len(lettered)]]] = False
    need = (kinds & _HARD).astype(bool) | capital
    need |= numpy.isin(tags, [strings.add(tag) for tag in _PROPER_TAGS])
    return [bool(flag) for flag in numpy.logical_or.reduceat(need, starts)]


_HARD, _CAPITAL, _LETTER = 1, 2, 4
_KINDS: dict[int, int] = {}
"""Flags per word (``ORTH`` hash): a digit or a date word, a capital first letter, a letter."""


def _learn(orth: int, strings: Any) -> int:
    text = strings[orth]
    kind = _HARD if _DIGIT.search(text) or text.lower() in entity_words() else 0
    if text[:1].isupper():
        kind |= _CAPITAL
    if any(char.isalpha() for char in text):
        kind |= _LETTER
    _KINDS[orth] = kind
    return kind


@lru_cache(maxsize=1)
def entity_words() -> frozenset[str]:
    """Return the lower-case words of ``date_words.json`` that name a time by themselves.

    The one-word entries of its units, days and parts of days ("weeks", "yesterday",
    "morning", "ago"). Month and weekday names are capitalized, so found as names (lower
    case, "may" and "march" are a modal and a verb); its numbers, prepositions and shift
    words ("two", "on", "last") are in most sentences and name no date without these.
    """
    data = load_json("date_words.json")
    return frozenset(
        entry.lower() for section in _DATE_SECTIONS for entry in data[section] if " " not in entry
    )


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
