"""Who said what: direct, mixed, indirect and floating quotes, each with its speaker and cue.

One pass over the spaCy ``Doc`` that every extractor shares, in four steps:

1. **Quotation marks** (:mod:`.quote_spans`): every quoted stretch, paragraph continuations
   linked. Unbalanced, curly, straight or missing marks never raise.
2. **Direct and mixed**: from each quoted stretch the dependency tree is climbed to the nearest
   cue verb outside the quotation ("…," X *said*; X *said*: "…"; *characterizing* them as
   "…"). When the quote is only part of the cue's reported clause (X said it was "…"), the
   quote is *mixed* and its text is the whole clause. When the parse does not link them, the
   words between the quote and the sentence end (or start) are searched for a cue, and a
   speaker after a dash or before a colon is accepted.
3. **Indirect**: a cue verb with a clausal complement (X said (that) …; X told Y …; X warned
   …), and "according to X, …".
4. **Floating and continued**: a sentence or paragraph that is only a quote, right after a
   quote with a speaker, gets that speaker; so does every paragraph of a quote continued over
   several paragraphs.

Speakers are resolved by :mod:`.speakers` (names, pronouns, descriptors, organisations,
anonymous sources). Cue words live in ``knowledge/cue_verbs.csv``; no lexicon is in this code.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from ..nlp import doc_text

__all__ = ["cue_kind", "extract_quotes", "format_quotes", "quotes_extractor"]

from ..model import Analysis, Quote, Speaker
from . import register
from .cues import (
    SENTENCE_END,
    SPEECH_KINDS,
    cue_kind,
    cue_span,
    depth,
    has_own_attribution,
    subject_of,
    tail_cut,
    trim_clause,
)
from .intervals import Coverage
from .quote_frame import (
    adjacent_cue,
    dash_or_colon_speaker,
    floating,
    frame_cue,
    scare_quote,
    token_range,
)
from .quote_joins import carry_continuations, merge_interrupted
from .quote_report import format_quotes
from .quote_spans import MarkSpan, find_mark_spans, paragraphs
from .quote_transcripts import transcript_turns
from .quote_unclosed import cut_unclosed
from .quote_words import quote_words
from .speakers import SpeakerIndex, build_index, resolve_speaker

MAX_CLIMB = 10
"""How many heads are climbed from a quotation to its cue verb."""

MIN_CLAUSE_TOKENS = 3
"""A reported clause shorter than this (in tokens) is not an indirect quote."""

MIXED_MIN_WORDS = 2
"""A clause with at least this many words outside the quotation makes the quote mixed."""

_CONTENT_DEPS = frozenset({"ccomp"})
_NOT_REPORTED = frozenset(
    {"advcl", "nsubj", "nsubjpass", "csubj", "advmod", "npadvmod", "mark", "aux", "neg", "relcl"}
)
"""Links by which a quotation hangs from a verb that do not make the verb its cue."""
_NOMINAL = frozenset({"PROPN", "PRON", "NOUN"})
_WHEN = frozenset({"DATE", "TIME"})
"""Entity types of a time phrase next to a cue ("said Saturday"), never its speaker."""
_REPORTED_LINKS = frozenset({"ccomp", "xcomp"})
_SPLIT_DEPS = frozenset({"advcl", "conj", "parataxis"})


@dataclass
class QuoteContext:
    """Everything one extraction reads: the doc, the marks and per-token look-ups."""

    doc: Any
    text: str
    marks: list[MarkSpan]
    index: SpeakerIndex
    quote_of: list[int]
    para_starts: list[int]
    used_cues: set[int] = field(default_factory=set)
    covered: Coverage = field(default_factory=lambda: Coverage(0))

    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] >= 0

    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1


def _context(doc: Any, text: str, analysis: Analysis | None) -> QuoteContext:
    marks = cut_unclosed(doc, find_mark_spans(text))
    quote_of = [-1] * len(doc)
    for n, mark in enumerate(marks):
        lo, hi = token_range(doc, mark.mark_start, mark.mark_end)
        for i in range(lo, hi):
            quote_of[i] = n
    actors = analysis.actors if analysis is not None else []
    para_starts = [start for start, _ in paragraphs(text)] or [0]
    return QuoteContext(doc, text, marks, build_index(doc, actors), quote_of, para_starts)


def _nearbysubject_of(ctx: QuoteContext, cue: Any) -> Any | None:
    """When the parse gives a cue no subject, take the nearest name or noun beside it.

    Left of the cue first ("…," Ramos, 58, told AFP), up to the quotation or sentence
    start; then right of it ("…," said the man), up to punctuation.
    """
    doc, para = ctx.doc, ctx.paragraph(cue.idx)
    i = cue.i - 1
    while i >= 0 and not ctx.in_quote(i) and doc[i].text not in SENTENCE_END:
        token = doc[i]
        if ctx.paragraph(token.idx) != para:
            break
        if (
            token.pos_ in _NOMINAL
            and token.dep_ not in ("poss", "pobj", "dobj")
            and token.ent_type_ not in _WHEN
        ):
            return token
        i -= 1
    inverted = _after_quote(ctx, cue)
    for token in doc[cue.i + 1 : min(len(doc), cue.i + 6)]:
        if ctx.in_quote(token.i) or token.is_punct:
            break
        if token.ent_type_ in _WHEN:
            continue  # "…," she said Tuesday
        if token.pos_ in _NOMINAL and (
            token.dep_ not in ("dobj", "dative", "pobj", "poss")
            or (inverted and token.dep_ == "dobj")
        ):
            return token.head if token.dep_ == "compound" and token.head.i > token.i else token
    return None


def _after_quote(ctx: QuoteContext, cue: Any) -> bool:
    """Whether ``cue`` follows a quotation directly ("…," added Smith): an inverted cue."""
    i = cue.i - 1
    while i >= 0 and (ctx.doc[i].is_space or ctx.doc[i].text in (",", "—", "–")):
        i -= 1
    return i >= 0 and ctx.in_quote(i)


def _speaker(ctx: QuoteContext, cue: Any) -> Speaker | None:
    """Return the speaker of ``cue``: its subject, or the source of an outer "according to".

    ("…," she said, according to the transcript: the quote is the transcript's account.)
    """
    outer = next((c for c in cue.children if c.lower_ == "according" and cue_kind(c)), None)
    subject = subject_of(outer if outer is not None else cue, ctx.in_quote)
    if subject is None and cue.lower_ != "according":
        subject = _nearbysubject_of(ctx, cue)
    if subject is None or ctx.in_quote(subject.i):
        return None
    if ctx.paragraph(subject.idx) != ctx.paragraph(cue.idx):
        return None
    return resolve_speaker(subject, ctx.index, ctx.in_quote)


def _climb_to_cue(ctx: QuoteContext, lo: int, hi: int) -> tuple[Any, Any, Any] | None:
    """Return ``(cue, child, speaker_cue)`` for the quotation ``doc[lo:hi]``.

    The tree is climbed from the quotation towards the root of its sentence. A speech cue
    wins over other cues ("X said Y thinks "…"" is X's); of two speech cues the outer one
    wins when the inner one is in what it reports (attributions are not nested), else the
    nearest. A nearest cue without a subject of its own ("…, adding, "…"", "responded by
    saying "…"") keeps the quote, but its speaker is the subject of the outer cue
    (``speaker_cue``). Without a speech cue, the nearest cue of any kind.
    """
    doc = ctx.doc
    found: list[tuple[Any, Any]] = []
    for i in range(lo, hi):
        token = doc[i]
        if lo <= token.head.i < hi or token.head.i == token.i:
            continue
        child, head = token, token.head
        for _ in range(MAX_CLIMB):
            if ctx.in_quote(head.i):
                break
            if _reports(child) and cue_kind(head) is not None:
                found.append((head, child))
            elif _characterizes(head):
                found.append((head.head, head))
            if head.head.i == head.i:
                aside = _parenthetical(ctx, head)
                if aside is not None:
                    found.append((aside, head))
                break
            child, head = head, head.head
        if found:
            break
    speech = [f for f in found if cue_kind(f[0]) in SPEECH_KINDS]
    if not speech:
        return (found[0][0], found[0][1], found[0][0]) if found else None
    best, speaker = speech[0], speech[0][0]
    for outer in speech[1:]:
        if _reported_by(best[0], outer[0]) or _naming_aside(best[0]):
            best, speaker = outer, outer[0]
        elif not any(c.dep_ in ("nsubj", "nsubjpass") for c in speaker.children):
            speaker = outer[0]
    return best[0], best[1], speaker


def _parenthetical(ctx: QuoteContext, root: Any) -> Any | None:
    """The speech cue set off inside the sentence ("The economy, she said, is "weak"").

    The parser hangs it from the root as ``parataxis``; what it reports is the part of the
    sentence on the quotation's side of it (:func:`_aside_content`).
    """
    for child in root.children:
        if (
            child.dep_ == "parataxis"
            and not ctx.in_quote(child.i)
            and cue_kind(child) in SPEECH_KINDS
            and any(c.dep_ == "nsubj" for c in child.children)
        ):
            return child
    return None


def _aside_content(ctx: QuoteContext, cue: Any, lo: int) -> tuple[int, int]:
    """The sentence around a parenthetical cue, on the side of the quotation at ``lo``."""
    s_lo, s_hi = _sentence(ctx, cue)
    if lo > cue.i:
        return trim_clause(ctx.doc, cue.right_edge.i + 1, s_hi)
    return trim_clause(ctx.doc, s_lo, cue.left_edge.i)


def _reports(child: Any) -> bool:
    """Whether ``child`` is what its head verb reports, not its subject or a side clause."""
    return child.dep_ not in _NOT_REPORTED or _that_clause(child)


def _that_clause(child: Any) -> bool:
    """Whether ``child`` is a "that" clause the parser took for an adverbial one.

    ("Lopez tweeted in the early hours that the mayor was "a disgrace"": after a phrase
    between verb and clause the model often attaches the clause as ``advcl``.)
    """
    first = child.left_edge
    return bool(child.dep_ == "advcl" and first.lower_ == "that" and first.i < child.i)


def _naming_aside(cue: Any) -> bool:
    """Whether ``cue`` names something in passing inside what an outer cue reports.

    ("She says she admired his courage through what she calls a "war of words"": the
    quotation is part of what she says.) That is a naming verb ("call", "label") in a free
    relative ("what she calls") or in a relative clause on a thing ("tweets in which he
    called her "disgusting"").
    """
    if cue.lemma_.lower() not in quote_words().naming_verbs:
        return False
    if any(c.lower_ in ("what", "whatever") for c in cue.children):
        return True
    head = cue.head
    return (
        cue.dep_ == "relcl"
        and head.ent_type_ not in ("PERSON", "ORG", "NORP")
        and head.pos_ != "PROPN"
    )


_SETTING_PREPS = frozenset({"in", "at", "on", "for", "from", "with", "during", "since", "to"})
"""Prepositions of a setting ("served in the army as …"), not of someone cast as something."""


def _characterizes(prep: Any) -> bool:
    """Whether ``prep`` is the "as" of a verb that casts its object as something.

    ("Park has gone after the city manager as a "part-time mayor""; "the panel rated the claims as
    "false"".) The verb needs a subject and an object before "as": "served as "chief"" casts
    no one.
    """
    verb = prep.head
    if prep.lower_ != "as" or prep.dep_ != "prep" or verb.pos_ != "VERB" or verb.i > prep.i:
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    has_object = any(
        c.dep_ == "dobj"
        or (
            c.dep_ == "prep"
            and c.lower_ not in _SETTING_PREPS
            and c.i < prep.i
            and any(g.dep_ == "pobj" for g in c.children)
        )
        for c in verb.children
    )
    return has_subject and has_object


def _reported_by(inner: Any, outer: Any) -> bool:
    """Whether the cue ``inner`` lies in what ``outer`` reports, by clausal complements only.

    ("Lopez said party officials were calling "…"": the quotation is Lopez's; attributions
    are not nested, the outermost one holds.)
    """
    token = inner
    while token.dep_ in _REPORTED_LINKS and token.head.i != token.i:
        token = token.head
        if token.i == outer.i:
            return True
    return False


_COMPLEMENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "prep", "oprd", "dative", "attr", "acomp", "advcl", "pcomp"}
)


def _content(ctx: QuoteContext, cue: Any, child: Any, para: int) -> tuple[int, int]:
    """Return the token range of what ``cue`` reports, given its ``child`` towards the quote.

    Before the cue ("…, he said") it is the child's clause; after it, every complement of the
    cue ("called the deal "a disaster" for workers").
    """
    if child.i < cue.i:
        return _clause(ctx, child, para)
    rights = [c for c in cue.rights if c.dep_ in _COMPLEMENT_DEPS]
    if child.dep_ == "ccomp":
        rights = [c for c in rights if c.i >= child.i or c.dep_ not in ("dative", "dobj")]
    if not rights:
        return _clause(ctx, child, para)
    lo = min(c.left_edge.i for c in rights)
    hi = max(c.right_edge.i for c in rights) + 1
    for sub in cue.rights:
        if sub.dep_ in _SPLIT_DEPS and has_own_attribution(sub):
            hi = min(hi, sub.left_edge.i)
    return _clip(ctx, lo, hi, para)


def _clause(ctx: QuoteContext, child: Any, para: int) -> tuple[int, int]:
    """Return the token range of the clause headed by ``child``, kept inside paragraph ``para``."""
    lo, hi = child.left_edge.i, child.right_edge.i + 1
    for sub in ctx.doc[lo:hi]:
        if sub.i != child.i and sub.dep_ in _SPLIT_DEPS and has_own_attribution(sub):
            if sub.i > child.i:
                hi = min(hi, sub.left_edge.i)
            else:
                lo = max(lo, sub.right_edge.i + 1)
    return _clip(ctx, lo, hi, para)


def _clip(ctx: QuoteContext, lo: int, hi: int, para: int) -> tuple[int, int]:
    """Keep ``doc[lo:hi]`` inside paragraph ``para`` and trim it (see :func:`_trim`)."""
    doc = ctx.doc
    while lo < hi and ctx.paragraph(doc[lo].idx) < para:
        lo += 1
    while hi > lo and ctx.paragraph(doc[hi - 1].idx) > para:
        hi -= 1
    lo, hi = trim_clause(doc, lo, hi)
    if hi > lo:
        lo, hi = _whole_marks(ctx, lo, hi)
    return lo, hi


def _whole_marks(ctx: QuoteContext, lo: int, hi: int) -> tuple[int, int]:
    """Widen ``doc[lo:hi]`` so that a quotation it cuts is wholly inside it."""
    first, last = ctx.quote_of[lo], ctx.quote_of[hi - 1]
    while lo > 0 and first >= 0 and ctx.quote_of[lo - 1] == first:
        lo -= 1
    while hi < len(ctx.doc) and last >= 0 and ctx.quote_of[hi] == last:
        hi += 1
    return lo, hi


def _words_outside(ctx: QuoteContext, lo: int, hi: int, mark: int | None = None) -> int:
    """Count the words of ``doc[lo:hi]`` outside quotation ``mark`` (``None``: outside all)."""
    return sum(
        1
        for t in ctx.doc[lo:hi]
        if (ctx.quote_of[t.i] != mark if mark is not None else not ctx.in_quote(t.i))
        and not t.is_punct
        and not t.is_space
    )


def _make(
    ctx: QuoteContext,
    kind: str,
    start: int,
    end: int,
    speaker: Speaker | None,
    cue: Any | None,
    confidence: float,
) -> Quote:
    text = ctx.text[start:end]
    return Quote(
        kind, text, start, end, speaker, cue_span(cue) if cue is not None else None, confidence
    )


def _direct(ctx: QuoteContext, n: int, mark: MarkSpan) -> Quote | None:
    """Attribute the quotation ``mark``: direct or mixed, or ``None`` when no cue is found."""
    lo, hi = token_range(ctx.doc, mark.mark_start, mark.mark_end)
    if hi <= lo:
        return None
    found = _climb_to_cue(ctx, lo, hi)
    if found is not None:
        cue, child, speaker_cue = found
        ctx.used_cues.update((cue.i, speaker_cue.i))
        speaker = _speaker(ctx, speaker_cue)
        if child.head.i != cue.i:  # a parenthetical cue: it reports the rest of the sentence
            c_lo, c_hi = _whole_marks(ctx, *_aside_content(ctx, cue, lo))
        else:
            c_lo, c_hi = _content(ctx, cue, child, ctx.paragraph(mark.start))
            c_lo, c_hi = tail_cut(ctx.doc, cue, c_lo, c_hi, ctx.in_quote)
        if (c_lo < lo or c_hi > hi) and _words_outside(ctx, c_lo, c_hi, n) >= MIXED_MIN_WORDS:
            span = ctx.doc[c_lo:c_hi]
            return _make(ctx, "mixed", span.start_char, span.end_char, speaker, cue, 0.8)
        return _make(ctx, "direct", mark.start, mark.end, speaker, cue, 0.9)
    cue = adjacent_cue(ctx, mark, hi)
    if cue is None and scare_quote(ctx, mark):
        return None
    cue = cue or frame_cue(ctx, lo, hi)
    if cue is not None:
        ctx.used_cues.add(cue.i)
        return _make(ctx, "direct", mark.start, mark.end, _speaker(ctx, cue), cue, 0.75)
    speaker = dash_or_colon_speaker(ctx, lo, hi)
    if speaker is not None:
        return _make(ctx, "direct", mark.start, mark.end, speaker, None, 0.7)
    return None


def _quotations(ctx: QuoteContext) -> list[tuple[int, Quote]]:
    """Direct, mixed and continued quotes with the index of their quotation, in text order."""
    found: list[Quote | None] = [_direct(ctx, n, m) for n, m in enumerate(ctx.marks)]
    carry_continuations(ctx, found)
    seen: set[tuple[int, int]] = set()
    result: list[tuple[int, Quote]] = []
    for n, quote in enumerate(found):
        if quote is not None and (quote.start, quote.end) not in seen:
            seen.add((quote.start, quote.end))
            result.append((n, quote))
    return result


def _sentence(ctx: QuoteContext, token: Any) -> tuple[int, int]:
    """Return the token range of ``token``'s sentence, kept inside its paragraph."""
    sent, para, doc = token.sent, ctx.paragraph(token.idx), ctx.doc
    lo, hi = sent.start, sent.end
    while lo < token.i and (
        ctx.paragraph(doc[lo].idx) < para or doc[lo].is_punct or doc[lo].is_space
    ):
        lo += 1
    while hi > token.i + 1 and ctx.paragraph(doc[hi - 1].idx) > para:
        hi -= 1
    return lo, hi


def _according(ctx: QuoteContext, cue: Any) -> tuple[int, int] | None:
    """Return the content of "according to X": the sentence without the phrase."""
    lo, hi = _sentence(ctx, cue)
    if cue.i == lo:
        end = cue.right_edge.i
        if cue.i + 1 < len(ctx.doc) and ctx.doc[cue.i + 1].lower_ == "to":
            end = max(end, ctx.doc[cue.i + 1].right_edge.i)  # the parse may hang "to X" elsewhere
        return trim_clause(ctx.doc, end + 1, hi)
    return trim_clause(ctx.doc, lo, cue.i)


def _according_wins(ctx: QuoteContext, quotes: list[Quote]) -> list[Quote]:
    """Give the quotations of a sentence told "according to X" to X, as one mixed quote.

    ("…," he told the senator, according to officials: what is quoted, and that he said it, is the
    officials' account.) The quotes inside the sentence, cue and all, make way for one quote
    of the whole sentence but the "according to" phrase.
    """
    for cue in ctx.doc:
        if cue.lower_ != "according" or ctx.in_quote(cue.i) or cue_kind(cue) is None:
            continue
        rng = _according(ctx, cue)
        if rng is None or rng[1] - rng[0] < MIN_CLAUSE_TOKENS:
            continue
        lo, hi = _whole_marks(ctx, *rng)
        span = ctx.doc[lo:hi]
        inner = [q for q in quotes if span.start_char <= q.start and q.end <= span.end_char]
        if not inner or _words_outside(ctx, lo, hi) < MIXED_MIN_WORDS:
            continue
        speaker = _speaker(ctx, cue)
        if speaker is None or not speaker.text:
            continue  # "according to what he wrote": no source to give them to
        quotes = [q for q in quotes if q not in inner]
        ctx.used_cues.add(cue.i)
        quotes.append(_make(ctx, "mixed", span.start_char, span.end_char, speaker, cue, 0.75))
    return sorted(quotes, key=lambda q: q.start)


def _indirect(ctx: QuoteContext, cue: Any) -> Quote | None:
    """Return the indirect quote of ``cue`` (a reported clause or "according to"), if any."""
    para = ctx.paragraph(cue.idx)
    if cue.lower_ == "according":
        rng = _according(ctx, cue)
    else:
        child = next((c for c in cue.children if c.dep_ in _CONTENT_DEPS or _that_clause(c)), None)
        rng = _clause(ctx, child, para) if child is not None else None
    if rng is None or rng[1] - rng[0] < MIN_CLAUSE_TOKENS:
        return None
    lo, hi = rng
    tokens = ctx.doc[lo:hi]
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    if _covered(ctx, tokens.start_char, tokens.end_char):
        return None
    quoted = any(ctx.in_quote(t.i) for t in tokens)
    if quoted:
        lo, hi = _whole_marks(ctx, lo, hi)
        tokens = ctx.doc[lo:hi]
    return _make(
        ctx,
        "mixed" if quoted else "indirect",
        tokens.start_char,
        tokens.end_char,
        _speaker(ctx, cue),
        cue,
        0.7 if cue.lower_ != "according" else 0.75,
    )


def _overlaps_turn(quote: Quote, turns: Coverage) -> bool:
    """Whether ``quote`` overlaps a transcript turn (the turn's speaker quoting someone)."""
    return turns.overlaps(quote.start, quote.end)


def _covered(ctx: QuoteContext, start: int, end: int) -> bool:
    return ctx.covered.overlaps(start, end)


def extract_quotes(doc: Any, analysis: Analysis | None = None) -> list[Quote]:
    """Return every quote of the article parsed as ``doc``, in text order.

    Args:
        doc: the spaCy ``Doc`` of ``analysis.article.text`` (or of any text).
        analysis: the analysis so far; its actors, when present, name the speakers.

    Returns:
        Quotes whose ``text == doc.text[start:end]``.
    """
    text = doc_text(doc)
    ctx = _context(doc, text, analysis)
    direct = _quotations(ctx)
    turns = transcript_turns(ctx)
    quotes = _according_wins(ctx, [q for _, q in direct])
    ctx.covered = Coverage(len(text), [(q.start, q.end) for q in quotes + turns])
    cues = [t for t in doc if not ctx.in_quote(t.i) and t.i not in ctx.used_cues and cue_kind(t)]
    for cue in sorted(cues, key=lambda t: (t.lower_ != "according", depth(t))):
        if _covered(ctx, cue.idx, cue.idx + 1):
            continue
        quote = _indirect(ctx, cue)
        if quote is not None:
            quotes.append(quote)
            ctx.covered.add(quote.start, quote.end)
    quotes.sort(key=lambda q: q.start)
    quotes += floating(ctx, quotes, {n for n, _ in direct})
    quotes.sort(key=lambda q: q.start)
    quotes = [q for q in merge_interrupted(ctx, quotes) if _has_speaker(q)]
    # A transcript turn is its speaker's whole paragraph, quotations in it included.
    in_turns = Coverage(len(text), [(t.start, t.end) for t in turns])
    kept = [q for q in quotes if not _overlaps_turn(q, in_turns)]
    return sorted(kept + turns, key=lambda q: q.start)


def _has_speaker(quote: Quote) -> bool:
    """Whether a quote has someone who said it: no quote without a speaker mention.

    "You" as the subject of a cue ("you say") is not a speaker; nor is "it" for an indirect
    quote ("it is said that …"), while a quotation "it reads" or "it added" is a document's.
    """
    speaker = quote.speaker
    if speaker is None or not speaker.text:
        return False
    person = quote_words().pronouns.get(speaker.text.lower())
    return person != "second" and (person != "neuter" or quote.kind != "indirect")


@register("quotes", requires=("actors",), assigns=("quotes",))
def quotes_extractor(analysis: Analysis, doc: Any) -> None:
    """The registered extractor: set ``analysis.quotes`` from the shared parse."""
    analysis.quotes = extract_quotes(doc, analysis) if doc is not None else []
