"""The words around a quotation: cues before or after it, speakers after a dash or before a colon.

Helpers of :mod:`.quotes` for quotations the parse does not link to a cue: the cue is looked
for in the words next to them, up to the sentence end; a speaker may follow a dash or precede
a colon; a quotation standing alone takes the speaker of what comes just before it
(*floating* quotes); and a short quotation nothing governs is a scare quote or a title.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from ..model import Quote, Speaker
from .cues import SENTENCE_END, SPEECH_KINDS, cue_kind, cue_span
from .quote_joins import long_enough, mark_text
from .quote_spans import MarkSpan, paragraph_bounds
from .quote_words import quote_words
from .speakers import resolve_speaker

if TYPE_CHECKING:
    from .quote_state import QuoteContext

SCARE_QUOTE_WORDS = 2
"""A quotation of at most this many words that no cue governs is a scare quote."""

TITLE_WORDS = 5
"""A title-case quotation of at most this many words that no cue governs is a title."""


def token_range(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Return the token range ``[lo, hi)`` covering the characters ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def frame(ctx: QuoteContext, lo: int, hi: int, step: int) -> list[Any]:
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


def frame_cue(ctx: QuoteContext, lo: int, hi: int) -> Any | None:
    """Find the cue of a quotation in the words after it, then in those before it.

    After a quotation that ends its sentence ("“… very simple.” The members gathered …") only
    a speech cue counts: a verb of thinking or gathering there is the next sentence's own; so is
    a cue that introduces the next quotation (:func:`_introduces_next`).
    """
    doc = ctx.doc
    ends = hi - 1
    while ends > lo and doc[ends].is_punct and doc[ends].text not in SENTENCE_END:
        ends -= 1
    final = doc[ends].text in SENTENCE_END
    for step in (1, -1):
        for token in frame(ctx, lo, hi, step):
            kind = cue_kind(token)
            if kind is not None and (step < 0 or not final or kind in SPEECH_KINDS):
                if step > 0 and final and _introduces_next(ctx, token, hi):
                    continue
                return token
    return None


def _introduces_next(ctx: QuoteContext, cue: Any, hi: int) -> bool:
    """Whether ``cue`` introduces the quotation that follows it, not the one before it.

    ("''We are refugees.'' Mr. Zahed said: ''The attack …''": the quotation after the cue,
    past a comma or colon, is Mr. Zahed's; the one that ended its sentence before is not.)
    """
    doc = ctx.doc
    i = cue.i + 1
    while i < len(doc) and (doc[i].is_space or doc[i].text in (",", ":")):
        i += 1
    return i < len(doc) and ctx.in_quote(i) and i >= hi


RUN_ON_WORDS = 5
"""At most this many words between two quotations make the second go on from the first's cue."""


def run_on_cue(ctx: QuoteContext, n: int) -> Any | None:
    """The cue between a quotation and the one before it: “After that,” she said, “I …”.

    The earlier quotation ends with a comma, the words between (a speaker and a speech cue,
    no more than :data:`RUN_ON_WORDS`) end with a comma or colon: the second quotation goes
    on with the same utterance, whatever the parse made of its own sentence.
    """
    if n == 0:
        return None
    before, mark = ctx.marks[n - 1], ctx.marks[n]
    if not before.closed or before.paragraph != mark.paragraph:
        return None
    gap = ctx.text[before.mark_end : mark.mark_start]
    if ctx.text[before.end - 1] != "," and not gap.lstrip().startswith(","):
        return None
    if not gap.rstrip().endswith((",", ":")):
        return None
    lo, hi = token_range(ctx.doc, before.mark_end, mark.mark_start)
    words = [t for t in ctx.doc[lo:hi] if not t.is_punct and not t.is_space]
    if not 0 < len(words) <= RUN_ON_WORDS:
        return None
    return next((t for t in words if cue_kind(t) in SPEECH_KINDS), None)


ADJACENT_WORDS = 3
"""How many words after a quotation may hold its speaker and cue ("…?" she asked)."""

FINAL_CUE_WORDS = 8
"""At most this many words, a speaker and a cue, may follow a quotation ("…," the ad states)."""

_ADJACENT_ENDS = frozenset(",?!")


def adjacent_cue(ctx: QuoteContext, mark: MarkSpan, hi: int) -> Any | None:
    """The speech cue right after a quotation that ends with a comma, "?" or "!".

    ("Nooooo!" the crowd cried; "Too forced?" he tweeted; "No," replied Smith.) However
    short the quotation, it is something said, even when the parse splits the sentence.
    """
    if not mark.closed or ctx.text[mark.end - 1] not in _ADJACENT_ENDS:
        return None
    words = [t for t in frame(ctx, hi, hi, 1) if not t.is_space]
    if words and words[0].text == ",":
        words = words[1:]
    for token in words[:ADJACENT_WORDS]:
        if token.is_punct:
            break
        if cue_kind(token) in SPEECH_KINDS:
            return token
    return _final_cue_word(ctx, words) if ctx.text[mark.end - 1] == "," else None


def _final_cue_word(ctx: QuoteContext, words: list[Any]) -> Any | None:
    """The last word of ``"…," the ad states.``, a cue verb the tagger took for a noun."""
    end = next((n for n, t in enumerate(words) if t.is_punct and t.text != "-"), len(words))
    if not 2 <= end <= FINAL_CUE_WORDS or (
        end < len(words) and words[end].text not in SENTENCE_END
    ):
        return None
    last = words[end - 1]
    if last.pos_ not in ("NOUN", "PROPN", "VERB") or not last.lower_.endswith("s"):
        return None
    kind = quote_words().verbs.get(last.lemma_.lower()) or quote_words().verbs.get(last.lower_)
    return last if kind in SPEECH_KINDS else None


DASH_WORDS = 16
"""At most this many words after a dash name a quotation's speaker and what they are."""


def dash_or_colon_speaker(ctx: QuoteContext, lo: int, hi: int) -> Speaker | None:
    """A speaker named after a dash (``"…" — Name``) or before a colon (``Name: "…"``)."""
    after = frame(ctx, lo, hi, 1) or _signature_line(ctx, lo, hi)
    words = [t for t in after if not t.is_punct and not t.is_space]
    gap = ctx.text[ctx.doc[hi - 1].idx : words[0].idx] if words else ""
    if words and words[0].text[:1] in quote_words().dashes:
        gap += words[0].text[0]  # "-Jo Park": the tokenizer kept the dash on the name
    if words and _dash_gap(gap.replace("\n", " ")):
        # "— Maria Lopez, spokeswoman for the ministry": the name before a comma, then what
        # she is, however long.
        comma = next((t.i for t in after if t.text == ","), None)
        head = [t for t in words if comma is None or t.i < comma]
        names = [t for t in head if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"]
        if names and len(words) <= DASH_WORDS and len(names) >= len(head) - (1 if comma else 3):
            return resolve_speaker(names[-1], ctx.index)
    return _colon_speaker(ctx, lo)


def _signature_line(ctx: QuoteContext, lo: int, hi: int) -> list[Any]:
    """The next paragraph's words after a quotation that is a paragraph of its own.

    (""…"¶— Jo Park, a voter": a speaker signed under the quotation.) Empty when the
    quotation shares its paragraph with other words.
    """
    doc = ctx.doc
    if hi >= len(doc) or "\n" not in doc[hi].text or frame(ctx, lo, hi, -1):
        return []
    i = hi
    while i < len(doc) and doc[i].is_space:
        i += 1
    return frame(ctx, i, i, 1)


def _colon_speaker(ctx: QuoteContext, lo: int) -> Speaker | None:
    """The speaker of a quotation introduced by a colon, here or at the end of the last line.

    The subject of the clause before the colon when it names someone ("She then told them:
    "…"") or, without one, the last name in it ("Former senator Jo Park: "…"", "Stated Stone:",
    "The timing does not surprise pollster Jo Park: "…"").
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
        if (
            subject is not None
            and start <= subject.i < i
            and not ctx.in_quote(subject.i)
            and _personal(subject)
        ):
            return resolve_speaker(subject, ctx.index)
    names = [t for t in doc[start:i] if t.ent_type_ in ("PERSON", "ORG") and not ctx.in_quote(t.i)]
    if names:
        return resolve_speaker(names[-1], ctx.index)
    return None


def _dash_gap(gap: str) -> bool:
    """Whether the text between a quotation and a name is a dash (with marks and spaces)."""
    words = quote_words()
    dashes = "".join(words.dashes)
    marks = "".join(words.closing_marks + words.ambiguous_marks) + "’',."
    return any(d in gap for d in words.dashes) and not gap.strip(dashes + marks + " \u00a0\t")


def scare_quote(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether a quotation no cue governs is a scare quote or a title, not something said.

    Such are a word or two ("so-called "experts"") and a short title-case phrase ("Meet the
    Press"); a cue in the same sentence but not linked by the parse does not make them quotes.
    """
    words = ctx.text[mark.start : mark.end].split()
    if len(words) <= SCARE_QUOTE_WORDS:
        return True
    titled = [w for w in words if w[:1].isalpha()]
    return len(words) <= TITLE_WORDS and all(w[0].isupper() for w in titled)


_POSSESSIVE = frozenset({"'s", "’s"})

TITLE_LOOKBACK = 4
"""How many words before a title-case quotation may name it a work ("in his book, "…"")."""


def title_case(words: list[str]) -> bool:
    """Whether ``words`` are written as a title: every long word capitalised but small ones.

    ("The Lead with Jake Tapper", "Orange is the New Black", "New Day": words of up to three
    letters and ``title_small_words`` may stay in lower case; one capital at least.)
    """
    small = quote_words().title_small_words
    lettered = [w for w in words if w[:1].isalpha()]
    if not any(w[0].isupper() for w in lettered):
        return False
    return all(w[0].isupper() or len(w) <= 3 or w.lower() in small for w in lettered)


def named_title(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether a quotation is the title of a show, book or song, not words someone said.

    ("on CBS's "Face the Nation"", "in his book, "Make Your Kid a Millionaire"": title-case
    words, at most :data:`TITLE_WORDS` + 2 of them, right after a possessive or a few words
    after a noun for a work or its maker, ``work_nouns`` of ``quote_words.json``.) Such a
    quotation is a name even where a cue governs the sentence.
    """
    if not _title_words(ctx, mark):
        return False
    before = _words_before(ctx, token_range(ctx.doc, mark.mark_start, mark.mark_end)[0])
    if before and before[-1].text in _POSSESSIVE:
        return True
    return any(t.lemma_.lower() in quote_words().work_nouns for t in before)


def names_thing(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether a quotation standing as a quote of its own is the name of a thing.

    ("a "Vote Early" tote bag", "the "Never Again" crowd": title-case words right before a
    noun they modify.) Only a direct quote is refused for it: in a mixed quote ("mocking his
    "Mission Done" speech") the name is part of what was said.
    """
    if not _title_words(ctx, mark):
        return False
    hi = token_range(ctx.doc, mark.mark_start, mark.mark_end)[1]
    return _modifies_noun(ctx, mark, hi)


def _title_words(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether a quotation is a short title-case phrase that does not end a sentence."""
    inside = ctx.text[mark.start : mark.end].strip(" ,.")
    words = inside.split()
    if not words or len(words) > TITLE_WORDS + 2 or not title_case(words):
        return False
    return inside[-1:] not in SENTENCE_END  # ""Never!" the crowd shouted": an exclamation


def _words_before(ctx: QuoteContext, lo: int) -> list[Any]:
    """The last :data:`TITLE_LOOKBACK` words before token ``lo`` in its sentence and line.

    The sentence is ended by its final mark or a line break, not by the parse, which often
    starts a sentence at a quotation mark ("Sunday on Fox's “Weekend Live,” Rep. …").
    """
    doc = ctx.doc
    words: list[Any] = []
    i = lo - 1
    while i >= 0 and len(words) < TITLE_LOOKBACK:
        token = doc[i]
        if "\n" in token.text or token.text in SENTENCE_END or ctx.in_quote(i):
            break
        if token.text in _POSSESSIVE or not (token.is_punct or token.is_space):
            words.append(token)
        i -= 1
    return words[::-1]


def _modifies_noun(ctx: QuoteContext, mark: MarkSpan, hi: int) -> bool:
    """Whether a quotation with no mark of its own at the end is followed by a common noun.

    ("a “Vote Early” tote bag", "the “Never Again” crowd": a name used to qualify a thing.)
    """
    said = ctx.text[mark.start : mark.end].rstrip()
    if not mark.closed or not said[-1:].isalnum() or hi >= len(ctx.doc):
        return False
    after = ctx.doc[hi]
    return bool(after.pos_ == "NOUN" and after.text.islower() and after.idx >= mark.mark_end)


def stands_alone(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether the quotation is a sentence or paragraph on its own (no words around it)."""
    lo, hi = token_range(ctx.doc, mark.mark_start, mark.mark_end)
    around = frame(ctx, lo, hi, -1)
    said = ctx.text[mark.start : mark.end].rstrip("'’\"”")  # past a nested quote's close
    if not mark.closed or said[-1:] not in SENTENCE_END:
        around += frame(ctx, lo, hi, 1)
    return not any(not t.is_punct and not t.is_space for t in around)


def floating(ctx: QuoteContext, quotes: list[Quote], attributed: set[int]) -> list[Quote]:
    """Quotations standing alone take the speaker of what comes just before them.

    That is the subject of the previous sentence when it names a person ("Lopez touted her
    record. "…""), else the speaker of the previous quote, in this paragraph or the last.
    """
    starts = [q.start for q in quotes]
    result: list[Quote] = []
    for n, mark in enumerate(ctx.marks):
        if n in attributed or not long_enough(ctx, mark) or not stands_alone(ctx, mark):
            continue
        if _heading(ctx, mark):
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


HEADING_WORDS = 10
"""A line this short, a quotation without a sentence-final mark, is a heading."""


def _heading(ctx: QuoteContext, mark: MarkSpan) -> bool:
    """Whether a quotation is a heading: a whole line with no sentence-final mark.

    (A section titled “U.S.-controlled bandit formations” quotes a phrase; it is not a quote
    of the speaker of the paragraph before.)
    """
    lo, hi = paragraph_bounds(ctx.text, mark.start)
    line = ctx.text[lo:hi].strip()
    inside = ctx.text[mark.start : mark.end].rstrip()
    if len(line.split()) > HEADING_WORDS:
        return False
    return line.endswith(tuple(quote_words().closing_marks + quote_words().ambiguous_marks)) and (
        not inside.endswith((".", "!", "?", ",", ":", ";"))
    )


def _previous_subject(ctx: QuoteContext, mark: MarkSpan) -> tuple[Any, Speaker] | None:
    """The person who is the subject of the sentence just before a quotation, if any."""
    return subject_before(ctx, token_range(ctx.doc, mark.mark_start, mark.mark_end)[0])


def subject_before(ctx: QuoteContext, start: int) -> tuple[Any, Speaker] | None:
    """The person who is the subject of the sentence before token ``start``, if any.

    That sentence may end in the paragraph before; its cue verbs are tried first, then its root.
    """
    doc = ctx.doc
    i = start - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_punct):
        i -= 1
    if i < 0 or ctx.paragraph(doc[i].idx) < ctx.paragraph(doc[start].idx) - 1:
        return None
    for verb in _sentence_verbs(ctx, doc[i].sent):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and not ctx.in_quote(subject.i) and _personal(subject):
            return subject, resolve_speaker(subject, ctx.index)
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
