"""The ``dates`` extractor: every time expression in an article, resolved to the calendar.

Candidates come from one pass of the grammar in :mod:`.date_parse` over the text and from
spaCy's ``DATE`` entities; each is resolved against the publication date in the tense of the
verb that governs it ("on Sunday" in "they met on Sunday" is the Sunday before publication, in
"they will meet on Sunday" the one after). The preposition before an expression is part of its
mention ("on Sunday", "in 2018"). Durations ("for 35 years") are left out; an expression that
is a date but cannot be resolved keeps a ``None`` value. spaCy entities the grammar does not
know go to dateparser's ``DateDataParser`` as a last resort.

See :mod:`.date_parse` for the values and granularities.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import Analysis, Article, DateMention
from ..nlp import doc_text
from . import register
from .date_parse import (
    FUTURE,
    PAST,
    Candidate,
    Resolved,
    is_date_use,
    is_duration,
    lexicon,
    preposition_before,
    resolve_expression,
    scan,
)
from .intervals import Coverage, SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

_DATEPARSER_PERIODS = {"day", "week", "month", "year"}
_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s+")


def parse_published(published: str | None) -> date | None:
    """Return the publication date of ``Article.published`` (ISO 8601, time ignored), if any."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        log.debug("publication date %r is not ISO 8601", published)
        return None


_SUBJECTS = {"nsubj", "nsubjpass", "poss"}
_CLAUSE_HEADS = {"acl", "relcl", "advcl", "ccomp", "parataxis", "conj", "csubj"}
_PAST_TAGS = {"VBD"}


def sentence_tense(doc: Any, start: int, end: int) -> str:
    """Return ``"future"`` or ``"past"``: the tense of the verb governing ``doc.text[start:end]``.

    Climbs from the expression to the verb of its clause (through "to"-infinitives: "scheduled
    to take place in March"). The future is marked by an auxiliary ("will", "'ll") or a cue
    verb ("expected to", "scheduled to"), the past by a past-tense verb or auxiliary ("met",
    "was held", "signed" as a participle). Anything else counts as past, the tense of news.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return PAST
    lex = lexicon()
    for node in [span.root, *span.root.ancestors]:
        if node.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        if (
            node.lemma_.lower() in lex.future_cues
            or node.lower_ in lex.future_auxiliaries
            or any(c.lower_ in lex.future_auxiliaries for c in auxiliaries)
        ):
            return FUTURE
        if (
            node.tag_ in _PAST_TAGS
            or (node.tag_ == "VBN" and not auxiliaries)
            or any(c.tag_ in _PAST_TAGS for c in auxiliaries)
        ):
            return PAST
        if node.dep_ in _CLAUSE_HEADS:
            break
    return PAST


def _entity_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans of the parser's DATE entities, trimmed of space and possessive "'s"."""
    spans = []
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = ent.start_char, ent.end_char
        piece = text[start:end]
        trimmed = re.sub(r"(?:['’]s)?[\s.,;:]*$", "", piece)
        lead = len(piece) - len(piece.lstrip())
        if trimmed.strip():
            spans.append((start + lead, start + len(trimmed)))
    return spans


@lru_cache(maxsize=8)
def _dateparser(published: date, tense: str) -> Any:
    """A ``DateDataParser`` anchored at ``published`` (one per date and tense, cached)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(published.year, published.month, published.day),
            "PREFER_DATES_FROM": "future" if tense == FUTURE else "past",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def resolve_with_dateparser(text: str, published: date | None, tense: str) -> Resolved | None:
    """Resolve a date entity the grammar does not know with dateparser, as a last resort.

    Args:
        text: the entity text.
        published: the publication date (``None``: nothing is resolved).
        tense: ``"past"`` or ``"future"``, which way dateparser should look.

    Returns:
        ``(value, granularity)``; ``(None, "day")`` when dateparser cannot read it or its
        reading is a guess; ``None`` when the text names no month, weekday or year, or is a
        duration.
    """
    lex = lexicon()
    words = set(re.findall(r"\w+", text))
    known = words & (set(lex.months) | set(lex.weekdays)) or re.search(
        r"\b(?:1[5-9]|20)\d\d\b", text
    )
    if not known or is_duration(text):
        return None
    if published is None:
        return None, "day"
    data = _dateparser(published, tense).get_date_data(text)
    if data.date_obj is None or data.period not in _DATEPARSER_PERIODS:
        return None, "day"
    day = data.date_obj.date()
    if not _consistent(text, day, data.period):
        log.debug("dateparser read %r as %s (%s); not trusted", text, day, data.period)
        return None, "day"
    if data.period == "year":
        return str(day.year), "year"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    if data.period == "week":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}", "week"
    return day.isoformat(), "day"


def _consistent(text: str, day: date, period: str) -> bool:
    """Whether dateparser's reading keeps every month, weekday and number the text names.

    dateparser reads "Sunday the 7th" as July and "5/7/2023" as 7 May; such guesses are
    refused. A day or month needs a month or weekday name in the text.
    """
    lex = lexicon()
    words = set(re.findall(r"\w+", text))
    months = {lex.months[w] for w in words if w in lex.months}
    weekdays = {lex.weekdays[w] for w in words if w in lex.weekdays}
    if period in ("day", "month") and not (months or weekdays):
        return False
    if months and months != {day.month}:
        return False
    if weekdays and (period != "day" or weekdays != {day.weekday()}):
        return False
    for number in re.findall(r"\d+", text):
        n = int(number)
        if n != day.year and not (period == "day" and n == day.day):
            return False
    return True


def _is_subject(doc: Any, candidate: Candidate) -> bool:
    """Whether a bare month is the subject of its clause ("in March and May agreed")."""
    if doc is None:
        return False
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in _SUBJECTS


def find_dates(
    doc: Any,
    published: date | None,
    text: str | None = None,
    entities: Sequence[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Return every time expression of ``doc``, resolved against ``published``, in text order.

    Args:
        doc: the spaCy ``Doc`` of the article text (for entities and tense); ``None`` to use
            the grammar alone, every expression in the past tense.
        published: the publication date; relative expressions get a ``None`` value without it.
        text: the text, when ``doc`` is ``None``.
        entities: DATE entity spans, when ``doc`` is ``None`` (by default, those of ``doc``).

    Returns:
        The mentions, each with ``text == article.text[start:end]``.
    """
    if doc is not None:
        text = doc_text(doc)
        entity_spans = list(entities) if entities is not None else _entity_spans(doc)
    else:
        entity_spans = list(entities or [])
    if text is None:
        raise ValueError("find_dates needs a doc or a text")
    found: dict[tuple[int, int], Resolved] = {}
    rejected: list[tuple[int, int]] = []
    last_end: int | None = None
    entity_index = SpanIndex(entity_spans, lambda span: span)
    for candidate in scan(text):
        # "in April and May", "in 1999 and 2000": the preposition of the first serves both
        joined = last_end is not None and _COORDINATION.fullmatch(text[last_end : candidate.start])
        in_entity = entity_index.covers(candidate.start, candidate.end)
        if not is_date_use(text, candidate, bool(joined) or in_entity) or (
            candidate.pattern == "month" and _is_subject(doc, candidate)
        ):
            rejected.append((candidate.start, candidate.end))
            continue
        tense = sentence_tense(doc, candidate.start, candidate.end) if doc is not None else PAST
        resolved = resolve_expression(candidate.text, published, tense)
        if resolved is not None:
            found[(candidate.start, candidate.end)] = resolved
            last_end = candidate.end
    taken = Coverage(len(text), [*found, *rejected])
    for span in entity_spans:
        if taken.overlaps(*span):
            continue
        piece = text[span[0] : span[1]]
        tense = sentence_tense(doc, *span) if doc is not None else PAST
        resolved = resolve_with_dateparser(piece, published, tense)
        if resolved is not None:
            found[span] = resolved
    mentions = []
    for (start, end), (value, granularity) in sorted(found.items()):
        start = preposition_before(text, start)
        mentions.append(DateMention(text[start:end], start, end, value, granularity))
    return mentions


@register("dates", assigns=("dates",))
def extract_dates(analysis: Analysis, doc: Doc | None) -> None:
    """Fill ``analysis.dates`` with the article's time expressions (the ``dates`` extractor)."""
    article = analysis.article
    published = parse_published(article.published)
    in_fields = []
    for field, text in field_texts(article):
        for mention in find_dates(None, published, text=text):
            mention.field = field
            in_fields.append(mention)
    analysis.dates = in_fields + find_dates(doc, published, text=article.text)


def field_texts(article: Article) -> list[tuple[str, str]]:
    """Return the article's texts outside the body that can hold dates, with their field names."""
    texts = [
        ("published_text", article.published_text),
        ("title", article.title),
        ("standfirst", article.standfirst),
    ]
    for i, image in enumerate(article.images):
        texts += [(f"images[{i}].alt", image.alt), (f"images[{i}].caption", image.caption)]
    return [(field, text) for field, text in texts if text]
