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
    trim_clause,
)
from .quote_report import format_quotes
from .quote_spans import MarkSpan, find_mark_spans, paragraphs
from .quote_words import quote_words
from .speakers import SpeakerIndex, build_index, resolve_speaker

MAX_CLIMB = 4
"""How many heads are climbed from a quotation to its cue verb."""

MIN_CLAUSE_TOKENS = 3
"""A reported clause shorter than this (in tokens) is not an indirect quote."""

MAX_INTERRUPTION = 25
"""An attribution longer than this (in tokens) between two quotations splits them in two."""

MIN_FLOATING_WORDS = 3
"""A quotation with fewer words is not taken as a floating quote ("Related:")."""

MIXED_MIN_WORDS = 2
"""A clause with at least this many words outside the quotation makes the quote mixed."""

_CONTENT_DEPS = frozenset({"ccomp"})
_NOT_REPORTED = frozenset(
    {"advcl", "nsubj", "nsubjpass", "csubj", "advmod", "npadvmod", "mark", "aux", "neg", "relcl"}
)
"""Links by which a quotation hangs from a verb that do not make the verb its cue."""
_NOMINAL = frozenset({"PROPN", "PRON", "NOUN"})
_SPLIT_DEPS = frozenset({"advcl", "conj", "parataxis"})


@dataclass
class _Context:
    """Everything one extraction reads: the doc, the marks and per-token look-ups."""

    doc: Any
    text: str
    marks: list[MarkSpan]
    index: SpeakerIndex
    quote_of: list[int]
    para_starts: list[int]
    used_cues: set[int] = field(default_factory=set)
    covered: list[tuple[int, int]] = field(default_factory=list)

    def in_quote(self, i: int) -> bool:
        return self.quote_of[i] >= 0

    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1


def _token_range(doc: Any, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def _context(doc: Any, text: str, analysis: Analysis | None) -> _Context:
    marks = find_mark_spans(text)
    quote_of = [-1] * len(doc)
    for n, mark in enumerate(marks):
        lo, hi = _token_range(doc, mark.mark_start, mark.mark_end)
        for i in range(lo, hi):
            quote_of[i] = n
    actors = analysis.actors if analysis is not None else []
    para_starts = [start for start, _ in paragraphs(text)] or [0]
    return _Context(doc, text, marks, build_index(doc, actors), quote_of, para_starts)


def _nearbysubject_of(ctx: _Context, cue: Any) -> Any | None:
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
        if token.pos_ in _NOMINAL and token.dep_ not in ("poss", "pobj", "dobj"):
            return token
        i -= 1
    for token in doc[cue.i + 1 : min(len(doc), cue.i + 6)]:
        if ctx.in_quote(token.i) or token.is_punct:
            break
        if token.pos_ in _NOMINAL and token.dep_ not in ("dobj", "dative", "pobj"):
            return token
    return None


def _speaker(ctx: _Context, cue: Any) -> Speaker | None:
    subject = subject_of(cue)
    if subject is None and cue.lower_ != "according":
        subject = _nearbysubject_of(ctx, cue)
    if subject is None or ctx.in_quote(subject.i):
        return None
    if ctx.paragraph(subject.idx) != ctx.paragraph(cue.idx):
        return None
    return resolve_speaker(subject, ctx.index, ctx.in_quote)


def _climb_to_cue(ctx: _Context, lo: int, hi: int) -> tuple[Any, Any] | None:
    """Return ``(cue, child)`` for the quotation ``doc[lo:hi]``: its cue and the cue's child.

    The tree is climbed from the quotation towards the root of its sentence. The nearest
    speech cue on the way wins ("X said Y thinks "…"" is X's), else the nearest cue of any
    kind.
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
            if child.dep_ not in _NOT_REPORTED and cue_kind(head) is not None:
                found.append((head, child))
            if head.head.i == head.i:
                break
            child, head = head, head.head
        if found:
            break
    speech = [f for f in found if cue_kind(f[0]) in SPEECH_KINDS]
    return speech[0] if speech else (found[0] if found else None)


_COMPLEMENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "prep", "oprd", "dative", "attr", "acomp", "advcl", "pcomp"}
)


def _content(ctx: _Context, cue: Any, child: Any, para: int) -> tuple[int, int]:
    """Return the token range of what ``cue`` reports, given its ``child`` towards the quote.

    Before the cue ("…, he said") it is the child's clause; after it, every complement of the
    cue ("called the deal "a disaster" for workers").
    """
    if child.i < cue.i:
        return _clause(ctx, child, para)
    rights = [c for c in cue.rights if c.dep_ in _COMPLEMENT_DEPS]
    if not rights:
        return _clause(ctx, child, para)
    lo = min(c.left_edge.i for c in rights)
    hi = max(c.right_edge.i for c in rights) + 1
    for sub in cue.rights:
        if sub.dep_ in _SPLIT_DEPS and has_own_attribution(sub):
            hi = min(hi, sub.left_edge.i)
    return _clip(ctx, lo, hi, para)


def _frame(ctx: _Context, lo: int, hi: int, step: int) -> list[Any]:
    """Return the tokens next to a quotation, outward to a sentence end, paragraph or quote."""
    doc = ctx.doc
    tokens: list[Any] = []
    i = hi if step > 0 else lo - 1
    while 0 <= i < len(doc):
        token = doc[i]
        if ctx.in_quote(i) or "\n" in token.text:
            break
        if step > 0 and token.text in SENTENCE_END:
            break
        if step < 0 and token.text in SENTENCE_END and tokens:
            break
        if step < 0 and token.text in SENTENCE_END:
            break
        tokens.append(token)
        i += step
    return tokens


def _frame_cue(ctx: _Context, lo: int, hi: int) -> Any | None:
    """Find the cue of a quotation in the words after it, then in those before it."""
    for tokens in (_frame(ctx, lo, hi, 1), _frame(ctx, lo, hi, -1)):
        for token in tokens:
            if cue_kind(token) is not None:
                return token
    return None


def _dash_or_colon_speaker(ctx: _Context, lo: int, hi: int) -> Speaker | None:
    """A speaker named after a dash (``"…" — Name``) or before a colon (``Name: "…"``)."""
    after = _frame(ctx, lo, hi, 1)
    if len(after) >= 2 and after[0].text in quote_words().dashes:
        names = [t for t in after[1:] if t.ent_type_ in ("PERSON", "ORG")]
        if names and len(names) >= len(after) - 3:
            return resolve_speaker(names[-1], ctx.index, ctx.in_quote)
    before = _frame(ctx, lo, hi, -1)[::-1]
    if len(before) >= 2 and before[-1].text == ":" and before[0].ent_type_ in ("PERSON", "ORG"):
        names = [t for t in before[:-1] if t.ent_type_ in ("PERSON", "ORG")]
        if len(names) == len(before) - 1:
            return resolve_speaker(names[-1], ctx.index, ctx.in_quote)
    return None


def _clause(ctx: _Context, child: Any, para: int) -> tuple[int, int]:
    """Return the token range of the clause headed by ``child``, kept inside paragraph ``para``."""
    lo, hi = child.left_edge.i, child.right_edge.i + 1
    for sub in ctx.doc[lo:hi]:
        if sub.i != child.i and sub.dep_ in _SPLIT_DEPS and has_own_attribution(sub):
            if sub.i > child.i:
                hi = min(hi, sub.left_edge.i)
            else:
                lo = max(lo, sub.right_edge.i + 1)
    return _clip(ctx, lo, hi, para)


def _clip(ctx: _Context, lo: int, hi: int, para: int) -> tuple[int, int]:
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


def _whole_marks(ctx: _Context, lo: int, hi: int) -> tuple[int, int]:
    """Widen ``doc[lo:hi]`` so that a quotation it cuts is wholly inside it."""
    first, last = ctx.quote_of[lo], ctx.quote_of[hi - 1]
    while lo > 0 and first >= 0 and ctx.quote_of[lo - 1] == first:
        lo -= 1
    while hi < len(ctx.doc) and last >= 0 and ctx.quote_of[hi] == last:
        hi += 1
    return lo, hi


def _words_outside(ctx: _Context, lo: int, hi: int, mark: int) -> int:
    return sum(
        1 for t in ctx.doc[lo:hi] if ctx.quote_of[t.i] != mark and not t.is_punct and not t.is_space
    )


def _make(
    ctx: _Context,
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


def _direct(ctx: _Context, n: int, mark: MarkSpan) -> Quote | None:
    """Attribute the quotation ``mark``: direct or mixed, or ``None`` when no cue is found."""
    lo, hi = _token_range(ctx.doc, mark.mark_start, mark.mark_end)
    if hi <= lo:
        return None
    found = _climb_to_cue(ctx, lo, hi)
    if found is not None:
        cue, child = found
        ctx.used_cues.add(cue.i)
        c_lo, c_hi = _content(ctx, cue, child, ctx.paragraph(mark.start))
        if (c_lo < lo or c_hi > hi) and _words_outside(ctx, c_lo, c_hi, n) >= MIXED_MIN_WORDS:
            span = ctx.doc[c_lo:c_hi]
            return _make(ctx, "mixed", span.start_char, span.end_char, _speaker(ctx, cue), cue, 0.8)
        return _make(ctx, "direct", mark.start, mark.end, _speaker(ctx, cue), cue, 0.9)
    cue = _frame_cue(ctx, lo, hi)
    if cue is not None:
        ctx.used_cues.add(cue.i)
        return _make(ctx, "direct", mark.start, mark.end, _speaker(ctx, cue), cue, 0.75)
    speaker = _dash_or_colon_speaker(ctx, lo, hi)
    if speaker is not None:
        return _make(ctx, "direct", mark.start, mark.end, speaker, None, 0.7)
    return None


def _stands_alone(ctx: _Context, mark: MarkSpan) -> bool:
    """Whether the quotation is a sentence or paragraph on its own (no words around it)."""
    lo, hi = _token_range(ctx.doc, mark.mark_start, mark.mark_end)
    around = _frame(ctx, lo, hi, 1) + _frame(ctx, lo, hi, -1)
    return not any(not t.is_punct and not t.is_space for t in around)


def _quotations(ctx: _Context) -> list[tuple[int, Quote]]:
    """Direct, mixed and continued quotes with the index of their quotation, in text order."""
    found: list[Quote | None] = [_direct(ctx, n, m) for n, m in enumerate(ctx.marks)]
    _carry_continuations(ctx, found)
    seen: set[tuple[int, int]] = set()
    result: list[tuple[int, Quote]] = []
    for n, quote in enumerate(found):
        if quote is not None and (quote.start, quote.end) not in seen:
            seen.add((quote.start, quote.end))
            result.append((n, quote))
    return result


def _floating(ctx: _Context, quotes: list[Quote], attributed: set[int]) -> list[Quote]:
    """Quotations standing alone right after a quote with a speaker take that speaker."""
    starts = [q.start for q in quotes]
    result: list[Quote] = []
    for n, mark in enumerate(ctx.marks):
        if n in attributed or not _long_enough(ctx, mark):
            continue
        before = bisect_right(starts, mark.start) - 1
        candidates = ([quotes[before]] if before >= 0 else []) + result[-1:]
        last = max(candidates, key=lambda q: q.start, default=None)
        if last is None or last.speaker is None or last.end > mark.start:
            continue
        if ctx.paragraph(mark.start) - ctx.paragraph(last.end) <= 1 and _stands_alone(ctx, mark):
            result.append(
                Quote(
                    "floating",
                    mark_text(ctx.text, mark),
                    mark.start,
                    mark.end,
                    last.speaker,
                    last.cue,
                    0.6,
                )
            )
    return result


def _merge_interrupted(ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """Join quotes interrupted only by their attribution (see :func:`_interrupted`)."""
    result: list[Quote] = []
    for quote in quotes:
        if result and _interrupted(ctx, result[-1], quote):
            quote = _join(ctx, result.pop(), quote)
        result.append(quote)
    return result


def _interrupted(ctx: _Context, first: Quote, second: Quote) -> bool:
    """Whether ``second`` goes on with ``first``, interrupted only by its attribution.

    ("…," she said. "…") Both are direct (or floating), in one paragraph or the next, by the
    same speaker, and at most :data:`MAX_INTERRUPTION` tokens stand between them. This is the
    convention of attribution corpora such as PolNeAR: one utterance, one quote.
    """
    if {first.kind, second.kind} - {"direct", "floating"} or second.start <= first.end:
        return False
    if not 0 <= ctx.paragraph(second.start) - ctx.paragraph(first.end) <= 1:
        return False
    if first.speaker is None or second.speaker is None:
        return False
    if first.speaker is not second.speaker and first.cue != second.cue:
        return False
    between = ctx.doc.char_span(first.end, second.start, alignment_mode="contract")
    return between is None or len(between) <= MAX_INTERRUPTION


def _join(ctx: _Context, first: Quote, second: Quote) -> Quote:
    """One quote running from ``first`` to ``second`` (the attribution between them inside)."""
    kind = "direct" if "direct" in (first.kind, second.kind) else first.kind
    confidence = max(first.confidence, second.confidence)
    speaker = first.speaker if first.kind != "floating" else second.speaker
    return Quote(
        kind,
        ctx.text[first.start : second.end],
        first.start,
        second.end,
        speaker,
        first.cue or second.cue,
        confidence,
    )


def _long_enough(ctx: _Context, mark: MarkSpan) -> bool:
    """Whether a quotation has enough words to be a floating quote (not a label)."""
    return len(ctx.text[mark.start : mark.end].split()) >= MIN_FLOATING_WORDS


def mark_text(text: str, mark: MarkSpan) -> str:
    """Return the text of a quotation without its marks."""
    return text[mark.start : mark.end]


def _carry_continuations(ctx: _Context, found: list[Quote | None]) -> None:
    """Give every paragraph of a continued quote the speaker found in any of them."""
    group: list[int] = []
    for n, mark in enumerate(ctx.marks):
        if not mark.continued:
            group = []
        group.append(n)
        if mark.continues:
            continue
        attributed = [found[g] for g in group if found[g] is not None]
        source = next((q for q in attributed if q is not None and q.speaker is not None), None)
        if source is None or len(group) < 2:
            continue
        for g in group:
            if found[g] is None:
                m = ctx.marks[g]
                found[g] = Quote(
                    "direct",
                    mark_text(ctx.text, m),
                    m.start,
                    m.end,
                    source.speaker,
                    source.cue,
                    0.7,
                )


def _sentence(ctx: _Context, token: Any) -> tuple[int, int]:
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


def _according(ctx: _Context, cue: Any) -> tuple[int, int] | None:
    """Return the content of "according to X": the sentence without the phrase."""
    lo, hi = _sentence(ctx, cue)
    if cue.i == lo:
        return trim_clause(ctx.doc, cue.right_edge.i + 1, hi)
    return trim_clause(ctx.doc, lo, cue.i)


def _indirect(ctx: _Context, cue: Any) -> Quote | None:
    """Return the indirect quote of ``cue`` (a reported clause or "according to"), if any."""
    para = ctx.paragraph(cue.idx)
    if cue.lower_ == "according":
        rng = _according(ctx, cue)
    else:
        child = next((c for c in cue.children if c.dep_ in _CONTENT_DEPS), None)
        rng = _clause(ctx, child, para) if child is not None else None
    if rng is None or rng[1] - rng[0] < MIN_CLAUSE_TOKENS:
        return None
    lo, hi = rng
    tokens = ctx.doc[lo:hi]
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    if any(ctx.in_quote(t.i) for t in tokens) or _covered(ctx, tokens.start_char, tokens.end_char):
        return None
    return _make(
        ctx,
        "indirect",
        tokens.start_char,
        tokens.end_char,
        _speaker(ctx, cue),
        cue,
        0.7 if cue.lower_ != "according" else 0.75,
    )


def _covered(ctx: _Context, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ctx.covered)


def extract_quotes(doc: Any, analysis: Analysis | None = None) -> list[Quote]:
    """Return every quote of the article parsed as ``doc``, in text order.

    Args:
        doc: the spaCy ``Doc`` of ``analysis.article.text`` (or of any text).
        analysis: the analysis so far; its actors, when present, name the speakers.

    Returns:
        Quotes whose ``text == doc.text[start:end]``.
    """
    text = doc.text
    ctx = _context(doc, text, analysis)
    direct = _quotations(ctx)
    quotes = [q for _, q in direct]
    ctx.covered = [(q.start, q.end) for q in quotes]
    cues = [t for t in doc if not ctx.in_quote(t.i) and t.i not in ctx.used_cues and cue_kind(t)]
    for cue in sorted(cues, key=lambda t: (t.lower_ != "according", depth(t))):
        if _covered(ctx, cue.idx, cue.idx + 1):
            continue
        quote = _indirect(ctx, cue)
        if quote is not None:
            quotes.append(quote)
            ctx.covered.append((quote.start, quote.end))
    quotes.sort(key=lambda q: q.start)
    quotes += _floating(ctx, quotes, {n for n, _ in direct})
    quotes.sort(key=lambda q: q.start)
    return [q for q in _merge_interrupted(ctx, quotes) if _has_speaker(q)]


def _has_speaker(quote: Quote) -> bool:
    """Whether a quote has someone who said it: no quote without a speaker mention.

    "It" and "you" as the subject of a cue ("it says", "you say") are not speakers.
    """
    speaker = quote.speaker
    if speaker is None or not speaker.text:
        return False
    return quote_words().pronouns.get(speaker.text.lower()) not in ("neuter", "second")


@register("quotes", requires=("actors",), assigns=("quotes",))
def quotes_extractor(analysis: Analysis, doc: Any) -> None:
    """The registered extractor: set ``analysis.quotes`` from the shared parse."""
    analysis.quotes = extract_quotes(doc, analysis) if doc is not None else []
