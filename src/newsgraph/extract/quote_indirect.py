"""Indirect quotes: a cue verb's reported clause ("X said (that) …"), and "according to X".

Helpers of :mod:`.quotes`, run after the quotations are attributed: every cue left over is
read for what it reports, unless a quote already covers it.
"""

from __future__ import annotations

from typing import Any

from ..model import Quote
from .cues import (
    SENTENCE_END,
    SPEECH_KINDS,
    cue_kind,
    has_own_attribution,
    trailing_aside,
    trim_clause,
)
from .intervals import Coverage
from .quote_context import (
    MIN_CLAUSE_TOKENS,
    MIXED_MIN_WORDS,
    QuoteContext,
    clause,
    clip,
    covered,
    make_quote,
    sentence_range,
    speaker_of,
    that_clause,
    whole_marks,
    words_outside,
)
from .quote_words import quote_words
from .speakers import resolve_speaker

_CONTENT_DEPS = frozenset({"ccomp"})
_WHEN = frozenset({"DATE", "TIME"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _according(ctx: QuoteContext, cue: Any) -> tuple[int, int] | None:
    """Return the content of "according to X": the sentence without the phrase."""
    lo, hi = sentence_range(ctx, cue)
    if cue.i == lo:
        end = cue.right_edge.i
        if cue.i + 1 < len(ctx.doc) and ctx.doc[cue.i + 1].lower_ == "to":
            end = max(end, ctx.doc[cue.i + 1].right_edge.i)  # the parse may hang "to X" elsewhere
        return trim_clause(ctx.doc, end + 1, hi)
    return trim_clause(ctx.doc, lo, cue.i)


def according_wins(ctx: QuoteContext, quotes: list[Quote]) -> list[Quote]:
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
        lo, hi = whole_marks(ctx, *rng)
        span = ctx.doc[lo:hi]
        inner = [q for q in quotes if span.start_char <= q.start and q.end <= span.end_char]
        if not inner or words_outside(ctx, lo, hi) < MIXED_MIN_WORDS:
            continue
        speaker = speaker_of(ctx, cue)
        if speaker is None or not speaker.text:
            continue  # "according to what he wrote": no source to give them to
        quotes = [q for q in quotes if q not in inner]
        ctx.used_cues.add(cue.i)
        quotes.append(make_quote(ctx, "mixed", span.start_char, span.end_char, speaker, cue, 0.75))
    return sorted(quotes, key=lambda q: q.start)


def indirect(ctx: QuoteContext, cue: Any) -> list[Quote]:
    """Return the indirect quote of ``cue`` (a reported clause or "according to"), if any.

    A sentence attributed in the middle ("The rules, he says, are clear") gives two linked
    pieces.
    """
    para = ctx.paragraph(cue.idx)
    subject = None
    aside = aside_attribution(ctx, cue)
    inverted = inverted_attribution(ctx, cue) if aside is None else None
    if aside is not None:
        pieces, subject = aside
        rng: tuple[int, int] | None = pieces[0]
    elif inverted is not None:
        lo, hi, subject = inverted
        rng = (lo, hi)
    elif cue.lower_ == "according":
        rng = _according(ctx, cue)
    else:
        child = next((c for c in cue.children if c.dep_ in _CONTENT_DEPS or that_clause(c)), None)
        rng = clause(ctx, child, para) if child is not None else object_content(ctx, cue)
        if child is not None and rng is not None and child.i > cue.i:
            rng = _with_trailing_clause(ctx, cue, rng, para)
    if aside is not None and len(aside[0]) > 1 and _verbless(ctx, *aside[0][0]):
        aside = ([aside[0][1]], aside[1])  # "The common theme, he argued, was …": one piece
        rng = aside[0][0]
    two_pieces = aside is not None and len(aside[0]) > 1
    if rng is None or (rng[1] - rng[0] < MIN_CLAUSE_TOKENS and not two_pieces):
        return []
    lo, hi = rng
    if _past_colon(ctx, hi, cue):
        return []
    hi = trailing_aside(ctx.doc, lo, hi, ctx.in_quote)
    speaker = resolve_speaker(subject, ctx.index) if subject is not None else speaker_of(ctx, cue)
    two = aside is not None and len(aside[0]) > 1
    first = _content_quote(ctx, cue, lo, hi, speaker, need_verb=not two)
    if first is None:
        return []
    quotes = [first]
    if aside is not None and two:
        second = _content_quote(ctx, cue, *aside[0][1], speaker, need_verb=False)
        if second is not None:
            second.continues = first.start
            quotes.append(second)
    return quotes


def _past_colon(ctx: QuoteContext, hi: int, cue: Any) -> bool:
    """Whether a colon stands between what comes before a cue and the cue.

    ("The deal came together quickly: a ballot measure threatened to raise the wage": what
    follows a colon explains what precedes it, and its verbs report their own clause.)
    """
    return hi <= cue.i and any(t.text == ":" and not ctx.in_quote(t.i) for t in ctx.doc[hi : cue.i])


_TRAILING_DEPS = frozenset({"advcl", "conj"})
_CONTRASTS = frozenset({"while", "though", "although", "whereas"})
"""Words opening a clause that sets the reporter's own point against what was said."""


def _with_trailing_clause(
    ctx: QuoteContext, cue: Any, rng: tuple[int, int], para: int
) -> tuple[int, int]:
    """Widen a reported clause over a subordinate clause the parse hung on its cue.

    ("Friends say he would look better if he ate more": the "if" clause is part of what was
    said, though the parser often attaches it to "say"; so is a second "that" clause, "…, but
    that …".)
    """
    lo, hi = rng
    for sub in cue.rights:
        if sub.dep_ not in _TRAILING_DEPS or sub.left_edge.i < hi or has_own_attribution(sub):
            continue
        if sub.dep_ == "conj" and not _goes_on_saying(sub):
            break
        if any(ctx.in_quote(t.i) for t in ctx.doc[hi : sub.right_edge.i + 1]):
            break
        gap = ctx.doc[hi : sub.left_edge.i]
        if (
            not all(t.text == "," or t.is_space or t.dep_ == "cc" for t in gap)
            or sub.left_edge.lower_ in _CONTRASTS
        ):
            break
        hi = clip(ctx, lo, sub.right_edge.i + 1, para)[1]
    return lo, hi


def _goes_on_saying(conj: Any) -> bool:
    """Whether a clause conjoined to a cue tells more of what was said: a second "that".

    ("predicted that wages would fall, but that overtime would more than offset it"; a
    conjoined clause without "that" is as often what the speaker did, or the reporter's.)
    """
    return cue_kind(conj) is None and conj.left_edge.lower_ == "that"


def _verbless(ctx: QuoteContext, lo: int, hi: int) -> bool:
    return not any(t.pos_ in ("VERB", "AUX") or ctx.in_quote(t.i) for t in ctx.doc[lo:hi])


def _content_quote(
    ctx: QuoteContext, cue: Any, lo: int, hi: int, speaker: Any, need_verb: bool = True
) -> Quote | None:
    tokens = ctx.doc[lo:hi]
    quoted = any(ctx.in_quote(t.i) for t in tokens)
    if not quoted and cue_kind(cue) not in SPEECH_KINDS:
        return None  # "X thinks …", "X wants …": a belief, not a statement
    if _reports_nothing(cue, quoted):
        return None
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in tokens)
    if need_verb and verbless and not (quoted or _reports_object(cue)):
        return None
    if covered(ctx, tokens.start_char, tokens.end_char):
        return None
    if quoted:
        lo, hi = whole_marks(ctx, lo, hi)
        tokens = ctx.doc[lo:hi]
    return make_quote(
        ctx,
        "mixed" if quoted else "indirect",
        tokens.start_char,
        tokens.end_char,
        speaker,
        cue,
        0.7 if cue.lower_ != "according" else 0.75,
    )


def aside_attribution(ctx: QuoteContext, cue: Any) -> tuple[list[tuple[int, int]], Any] | None:
    """``(pieces, speaker head)`` of a sentence attributed after a comma, by subject and verb.

    ("Deficits will rise after 2018, the budget office said."; "It is to our advantage, he
    says, to write the rules.") The cue has no clause of its own; its subject follows a
    comma; after the cue come only adverbials up to a comma or the sentence end. What stands
    before the comma was said, and what follows a second comma goes on with it.
    """
    doc = ctx.doc
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.lemma_.lower() not in (
        quote_words().inverting_verbs
    ):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children):
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if subject is None or ctx.in_quote(subject.i):
        return None
    s_lo, s_hi = sentence_range(ctx, cue)
    start = subject.left_edge.i
    if start - 1 <= s_lo or doc[start - 1].text != ",":
        return None
    if any(t.pos_ not in ("ADV", "AUX", "PART") for t in doc[subject.right_edge.i + 1 : cue.i]):
        return None
    j = cue.i + 1
    while j < s_hi and doc[j].text != "," and doc[j].text not in SENTENCE_END:
        if doc[j].pos_ in ("VERB", "AUX") or ctx.in_quote(j):
            return None
        j += 1
    before = trim_clause(doc, s_lo, start - 1)
    if before[1] <= before[0]:
        return None
    pieces = [before]
    if j < s_hi and doc[j].text == ",":
        after = trim_clause(doc, j + 1, s_hi)
        if after[1] - after[0] >= MIN_CLAUSE_TOKENS:
            pieces.append(after)
    said = [t for lo, hi in pieces for t in doc[lo:hi]]
    if len(said) < MIN_CLAUSE_TOKENS or not any(
        t.tag_ in _FINITE or ctx.in_quote(t.i) for t in said
    ):
        return None
    if len(pieces) == 1 and pieces[0][1] - pieces[0][0] < MIN_CLAUSE_TOKENS:
        return None
    return pieces, subject


BARE_OBJECT_TOKENS = 6
"""A lone object this short, without a verb or preposition, names a thing, not a statement."""

_OBJECT_DEPS = frozenset({"dobj", "xcomp", "dative", "oprd"})
_OBJECT_PREPS = frozenset({"for", "on", "of", "about", "against", "to", "over", "into"})


def _reports_object(cue: Any) -> bool:
    """Whether ``cue`` reports by its object ("accused X of"; "called for", "urged X to")."""
    words = quote_words()
    lemma = cue.lemma_.lower()
    if lemma in words.object_cues:
        return True
    preps = {c.lower_ for c in cue.rights if c.dep_ == "prep"}
    links = preps | ({"to"} if any(c.dep_ == "xcomp" for c in cue.rights) else set())
    deps = {c.dep_ for c in cue.children}
    # "call upon X to" (a particle) and "called X to the stage" (a place) are said aloud.
    has_object = "dobj" in deps and "prt" not in deps and "to" not in preps
    return any(
        f"{lemma} {link}" in words.object_cues
        and not (has_object and f"{lemma} {link}" in words.objectless_cues)
        for link in links
    )


def _reports_nothing(cue: Any, quoted: bool) -> bool:
    """Whether a cue verb, used as it is here, reports nothing at all.

    A verb of ``active_only_cues`` in the passive ("Texas was called for Cruz", "she got
    called to jury duty"), and a naming verb's participle that names a thing without quoting
    anyone ("a group called Citizens for Peace").
    """
    lemma = cue.lemma_.lower()
    auxes = [c.lower_ for c in cue.children if c.dep_ == "auxpass"]
    passive = any(a not in _HAS_OR_IS for a in auxes) or (
        not auxes and any(c.dep_ == "nsubjpass" for c in cue.children)
    )
    if lemma in quote_words().active_only_cues and passive:
        return True
    return (
        not quoted
        and cue.dep_ == "acl"
        and lemma in quote_words().naming_verbs
        and any(c.dep_ == "oprd" and c.ent_type_ not in _WHEN for c in cue.children)
    )


_HAS_OR_IS = frozenset({"'s", "’s"})
"""The auxiliary of "who's called for …": "has" as often as "is", so no sign of a passive."""


def object_content(ctx: QuoteContext, cue: Any) -> tuple[int, int] | None:
    """The object of a speech verb that says what was said, when it has no clause.

    ("accused China of using coercion", "urged Vietnam to push back", "vowed to continue the
    war", "called for a special prosecutor".) Only the verbs of ``object_cues`` report so,
    and only their object, infinitive and the prepositions that introduce a topic count; a
    time or place ("on Tuesday", "in Hanoi") is not what was said.
    """
    if not _reports_object(cue):
        return None
    parts = [
        c
        for c in cue.rights
        if c.dep_ in _OBJECT_DEPS
        or (
            c.dep_ == "prep"
            and c.lower_ in _OBJECT_PREPS
            and not any(g.ent_type_ in _WHEN for g in c.children)
        )
    ]
    parts = [c for c in parts if not ctx.in_quote(c.i) or c.dep_ != "dobj"]
    if any(c.dep_ == "xcomp" and {"auxpass", "neg"} <= {g.dep_ for g in c.children} for c in parts):
        return None  # "asked not to be identified"
    if any(
        c.dep_ in ("dobj", "xcomp") and c.lemma_.lower() in quote_words().unsaid_objects
        for c in parts
    ):
        return None  # "requested anonymity to speak freely", "called attention to"
    if not parts:
        return None
    lo = min(c.left_edge.i for c in parts)
    hi = max(c.right_edge.i for c in parts) + 1
    if (
        cue.lemma_.lower() in quote_words().thing_object_cues
        and len(parts) == 1
        and parts[0].dep_ == "dobj"
        and _bare_noun_phrase(ctx.doc[lo:hi])
    ):
        return None  # "announced the trade deal": a thing, not what was said
    return clip(ctx, lo, hi, ctx.paragraph(cue.idx))


def _bare_noun_phrase(tokens: Any) -> bool:
    """Whether a stretch is a short noun phrase without a verb or a preposition."""
    return len(tokens) <= BARE_OBJECT_TOKENS and not any(
        t.pos_ in ("VERB", "AUX", "ADP") for t in tokens
    )


FINAL_SPEAKER_TOKENS = 14
"""The longest speaker phrase after a sentence-final cue (", said a senior official at …")."""


def inverted_attribution(ctx: QuoteContext, cue: Any) -> tuple[int, int, Any] | None:
    """``(lo, hi, speaker head)`` of a sentence told first and attributed after a comma.

    ("The tanker was on its way to Mangalore, said one of the officials." "Hackers fund the
    programme, said State Department spokesperson Vedant Patel.") The cue is a past or
    present speech verb right after a comma; after it comes only the speaker's phrase, up to
    the sentence end or a comma; before the comma is what was said. The parser often gets
    this shape wrong (the speaker as the object of a clause, the content as a subject).
    """
    doc = ctx.doc
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.lemma_.lower() not in (
        quote_words().inverting_verbs
    ):
        return None
    s_lo, s_hi = sentence_range(ctx, cue)
    if cue.i - 1 <= s_lo or doc[cue.i - 1].text != "," or ctx.in_quote(cue.i - 2):
        return None
    tail = []
    for token in doc[cue.i + 1 : s_hi]:
        if token.text == "," or token.text in SENTENCE_END or ctx.in_quote(token.i):
            break
        tail.append(token)
    if not tail or len(tail) > FINAL_SPEAKER_TOKENS or tail[0].ent_type_ in _WHEN:
        return None
    if tail[0].pos_ not in ("DET", "PROPN", "NOUN", "NUM", "ADJ", "PRON"):
        return None
    first_noun = next((n for n, t in enumerate(tail) if t.pos_ in ("NOUN", "PROPN", "NUM")), 0)
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in tail[: first_noun + 1]):
        return None
    if any(t.pos_ == "AUX" or t.tag_ in ("VBZ", "VBP") for t in tail):
        return None  # "…, said Smith is right": a clause, not a speaker
    nouns = [
        t for t in tail if t.pos_ in ("NOUN", "PROPN", "NUM", "PRON") and t.ent_type_ not in _WHEN
    ]
    if not nouns:
        return None
    inside = {t.i for t in tail}
    heads = [t for t in nouns if t.head.i not in inside or t.head.pos_ == "VERB"]
    lo, hi = trim_clause(doc, s_lo, cue.i - 1)
    if hi - lo < MIN_CLAUSE_TOKENS or not any(
        t.tag_ in _FINITE or ctx.in_quote(t.i) for t in doc[lo:hi]
    ):
        return None  # "Jo Park, a senior adviser, said …": no clause before the comma
    return lo, hi, (heads or nouns)[0]


def overlaps_turn(quote: Quote, turns: Coverage) -> bool:
    """Whether ``quote`` overlaps a transcript turn (the turn's speaker quoting someone)."""
    return turns.overlaps(quote.start, quote.end)
