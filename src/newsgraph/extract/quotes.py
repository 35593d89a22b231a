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
    tail_cut,
    trim_clause,
)
from .quote_joins import carry_continuations, long_enough, mark_text, merge_interrupted
from .quote_report import format_quotes
from .quote_spans import MarkSpan, find_mark_spans, paragraphs
from .quote_words import quote_words
from .speakers import SpeakerIndex, build_index, resolve_speaker

MAX_CLIMB = 10
"""How many heads are climbed from a quotation to its cue verb."""

MIN_CLAUSE_TOKENS = 3
"""A reported clause shorter than this (in tokens) is not an indirect quote."""

SCARE_QUOTE_WORDS = 2
"""A quotation of at most this many words that no cue governs is a scare quote."""

TITLE_WORDS = 5
"""A title-case quotation of at most this many words that no cue governs is a title."""

MIXED_MIN_WORDS = 2
"""A clause with at least this many words outside the quotation makes the quote mixed."""

_CONTENT_DEPS = frozenset({"ccomp"})
_NOT_REPORTED = frozenset(
    {"advcl", "nsubj", "nsubjpass", "csubj", "advmod", "npadvmod", "mark", "aux", "neg", "relcl"}
)
"""Links by which a quotation hangs from a verb that do not make the verb its cue."""
_NOMINAL = frozenset({"PROPN", "PRON", "NOUN"})
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


def _context(doc: Any, text: str, analysis: Analysis | None) -> QuoteContext:
    marks = find_mark_spans(text)
    quote_of = [-1] * len(doc)
    for n, mark in enumerate(marks):
        lo, hi = _token_range(doc, mark.mark_start, mark.mark_end)
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
        if token.pos_ in _NOMINAL and token.dep_ not in ("poss", "pobj", "dobj"):
            return token
        i -= 1
    inverted = _after_quote(ctx, cue)
    for token in doc[cue.i + 1 : min(len(doc), cue.i + 6)]:
        if ctx.in_quote(token.i) or token.is_punct:
            break
        if token.pos_ in _NOMINAL and (
            token.dep_ not in ("dobj", "dative", "pobj") or (inverted and token.dep_ == "dobj")
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


def _climb_to_cue(ctx: QuoteContext, lo: int, hi: int) -> tuple[Any, Any] | None:
    """Return ``(cue, child)`` for the quotation ``doc[lo:hi]``: its cue and the cue's child.

    The tree is climbed from the quotation towards the root of its sentence. A speech cue
    wins over other cues ("X said Y thinks "…"" is X's); of two speech cues the outer one
    wins when the inner one is in what it reports or has no subject of its own (attributions
    are not nested), else the nearest; without a speech cue, the nearest cue of any kind.
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
    if not speech:
        return found[0] if found else None
    best = speech[0]
    for outer in speech[1:]:
        if _reported_by(best[0], outer[0]) or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in best[0].children
        ):
            best = outer
    return best


def _reported_by(inner: Any, outer: Any) -> bool:
    """Whether the cue ``inner`` lies in what ``outer`` reports, by clausal complements only.

    ("Trump said Fox executives were calling "…"": the quotation is Trump's; attributions
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
    if not rights:
        return _clause(ctx, child, para)
    lo = min(c.left_edge.i for c in rights)
    hi = max(c.right_edge.i for c in rights) + 1
    for sub in cue.rights:
        if sub.dep_ in _SPLIT_DEPS and has_own_attribution(sub):
            hi = min(hi, sub.left_edge.i)
    return _clip(ctx, lo, hi, para)


def _frame(ctx: QuoteContext, lo: int, hi: int, step: int) -> list[Any]:
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


def _frame_cue(ctx: QuoteContext, lo: int, hi: int) -> Any | None:
    """Find the cue of a quotation in the words after it, then in those before it."""
    for tokens in (_frame(ctx, lo, hi, 1), _frame(ctx, lo, hi, -1)):
        for token in tokens:
            if cue_kind(token) is not None:
                return token
    return None


def _dash_or_colon_speaker(ctx: QuoteContext, lo: int, hi: int) -> Speaker | None:
    """A speaker named after a dash (``"…" — Name``) or before a colon (``Name: "…"``)."""
    after = _frame(ctx, lo, hi, 1)
    words = [t for t in after if not t.is_punct and not t.is_space]
    gap = ctx.text[ctx.doc[hi - 1].idx : words[0].idx] if words else ""
    if words and _dash_gap(gap):
        names = [t for t in words if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"]
        if names and len(words) <= 8 and len(names) >= len(words) - 3:
            return resolve_speaker(names[-1], ctx.index, ctx.in_quote)
    return _colon_speaker(ctx, lo)


def _colon_speaker(ctx: QuoteContext, lo: int) -> Speaker | None:
    """The speaker of a quotation introduced by a colon, here or at the end of the last line.

    The subject of the clause before the colon ("She then told them: "…"") or, without one,
    the last name in it ("Former senator Jo Park: "…"", "Stated Stone:").
    """
    doc = ctx.doc
    i = lo - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text != ":" or ctx.in_quote(i - 1):
        return None
    if ctx.paragraph(doc[i].idx) < ctx.paragraph(doc[lo].idx) - 1:
        return None
    start = doc[i].sent.start
    for verb in _sentence_verbs(ctx, doc[start : i + 1]):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and start <= subject.i < i and not ctx.in_quote(subject.i):
            return resolve_speaker(subject, ctx.index, ctx.in_quote)
    names = [t for t in doc[start:i] if t.ent_type_ in ("PERSON", "ORG") and not ctx.in_quote(t.i)]
    if names:
        return resolve_speaker(names[-1], ctx.index, ctx.in_quote)
    return None


def _dash_gap(gap: str) -> bool:
    """Whether the text between a quotation and a name is a dash (with marks and spaces)."""
    words = quote_words()
    dashes = "".join(words.dashes)
    marks = "".join(words.closing_marks + words.ambiguous_marks) + "’',."
    return any(d in gap for d in words.dashes) and not gap.strip(dashes + marks + " \u00a0\t")


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


def _words_outside(ctx: QuoteContext, lo: int, hi: int, mark: int) -> int:
    return sum(
        1 for t in ctx.doc[lo:hi] if ctx.quote_of[t.i] != mark and not t.is_punct and not t.is_space
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
    lo, hi = _token_range(ctx.doc, mark.mark_start, mark.mark_end)
    if hi <= lo:
        return None
    found = _climb_to_cue(ctx, lo, hi)
    if found is not None:
        cue, child = found
        ctx.used_cues.add(cue.i)
        c_lo, c_hi = _content(ctx, cue, child, ctx.paragraph(mark.start))
        c_lo, c_hi = tail_cut(ctx.doc, cue, c_lo, c_hi, ctx.in_quote)
        if (c_lo < lo or c_hi > hi) and _words_outside(ctx, c_lo, c_hi, n) >= MIXED_MIN_WORDS:
            span = ctx.doc[c_lo:c_hi]
            return _make(ctx, "mixed", span.start_char, span.end_char, _speaker(ctx, cue), cue, 0.8)
        return _make(ctx, "direct", mark.start, mark.end, _speaker(ctx, cue), cue, 0.9)
    if _scare_quote(ctx, mark):
        return None
    cue = _frame_cue(ctx, lo, hi)
    if cue is not None:
        ctx.used_cues.add(cue.i)
        return _make(ctx, "direct", mark.start, mark.end, _speaker(ctx, cue), cue, 0.75)
    speaker = _dash_or_colon_speaker(ctx, lo, hi)
    if speaker is not None:
        return _make(ctx, "direct", mark.start, mark.end, speaker, None, 0.7)
    return None


def _scare_quote(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether a quotation no cue governs is a scare quote or a title, not something said.

    Such are a word or two ("so-called "experts"") and a short title-case phrase ("Meet the
    Press"); a cue in the same sentence but not linked by the parse does not make them quotes.
    """
    words = ctx.text[mark.start : mark.end].split()
    if len(words) <= SCARE_QUOTE_WORDS:
        return True
    titled = [w for w in words if w[:1].isalpha()]
    return len(words) <= TITLE_WORDS and all(w[0].isupper() for w in titled)


def _stands_alone(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether the quotation is a sentence or paragraph on its own (no words around it)."""
    lo, hi = _token_range(ctx.doc, mark.mark_start, mark.mark_end)
    around = _frame(ctx, lo, hi, -1)
    if not mark.closed or ctx.text[mark.end - 1] not in SENTENCE_END:
        around += _frame(ctx, lo, hi, 1)
    return not any(not t.is_punct and not t.is_space for t in around)


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


def _floating(ctx: QuoteContext, quotes: list[Quote], attributed: set[int]) -> list[Quote]:
    """Quotations standing alone take the speaker of what comes just before them.

    That is the subject of the previous sentence when it names a person ("Clinton touted her
    record. "…""), else the speaker of the previous quote, in this paragraph or the last.
    """
    starts = [q.start for q in quotes]
    result: list[Quote] = []
    for n, mark in enumerate(ctx.marks):
        if n in attributed or not long_enough(ctx, mark) or not _stands_alone(ctx, mark):
            continue
        before = bisect_right(starts, mark.start) - 1
        candidates = ([quotes[before]] if before >= 0 else []) + result[-1:]
        last = max(candidates, key=lambda q: q.start, default=None)
        if last is not None and (
            last.speaker is None
            or last.end > mark.start
            or ctx.paragraph(mark.start) - ctx.paragraph(last.end) > 1
        ):
            last = None
        subject = _previous_subject(ctx, mark)
        speaker, cue = (last.speaker, last.cue) if last is not None else (None, None)
        if subject is not None and (last is None or subject[0].idx > last.end):
            speaker, cue = subject[1], cue_span(subject[0].head)
        if speaker is not None:
            text = mark_text(ctx.text, mark)
            result.append(Quote("floating", text, mark.start, mark.end, speaker, cue, 0.6))
    return result


def _previous_subject(ctx: QuoteContext, mark: MarkSpan) -> tuple[Any, Speaker] | None:
    """The person who is the subject of the sentence just before a quotation, if any."""
    doc = ctx.doc
    i = _token_range(doc, mark.mark_start, mark.mark_end)[0] - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_punct):
        i -= 1
    if i < 0 or ctx.paragraph(doc[i].idx) < ctx.paragraph(mark.start) - 1:
        return None
    for verb in _sentence_verbs(ctx, doc[i].sent):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and not ctx.in_quote(subject.i) and _personal(subject):
            return subject, resolve_speaker(subject, ctx.index, ctx.in_quote)
    return None


def _sentence_verbs(ctx: QuoteContext, sent: Any) -> list[Any]:
    """The verbs of a sentence (or span) outside quotations: cue verbs first, then the root."""
    verbs = [t for t in sent if not ctx.in_quote(t.i) and cue_kind(t) is not None]
    root = sent.root
    if not ctx.in_quote(root.i) and sent.start <= root.i < sent.end:
        verbs.append(root)
    return verbs


def _personal(token: Any) -> bool:
    """Whether a subject names a person: a personal pronoun or a person's name."""
    if token.pos_ == "PRON":
        return quote_words().pronouns.get(token.lower_) in ("male", "female", "first", "plural")
    return token.ent_type_ in ("PERSON", "ORG") or token.pos_ == "PROPN"


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
        return trim_clause(ctx.doc, cue.right_edge.i + 1, hi)
    return trim_clause(ctx.doc, lo, cue.i)


def _indirect(ctx: QuoteContext, cue: Any) -> Quote | None:
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


def _covered(ctx: QuoteContext, start: int, end: int) -> bool:
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
    return [q for q in merge_interrupted(ctx, quotes) if _has_speaker(q)]


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
