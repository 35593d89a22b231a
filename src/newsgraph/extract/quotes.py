"""Who said what: direct, mixed, indirect and floating quotes, each with its speaker and cue.

One pass over the spaCy ``Doc`` that every extractor shares, in four steps:

1. **Quotation marks** (:mod:`.quote_spans`): every quoted stretch, paragraph continuations
   linked. Unbalanced, curly, straight or missing marks never raise.
2. **Direct and mixed**: from each quoted stretch the dependency tree is climbed to the nearest
   cue verb outside the quotation ("…," X *said*; X *said*: "…"; *characterizing* them as
   "…"). When the quote is only part of the cue's reported clause (X said it was "…"), the
   quote is *mixed* and its text is the whole clause. When the parse does not link them, the
   words between the quote and the sentence end (or start) are searched for a cue, a verb of
   any kind right after a quotation that opens its sentence ("…!" beamed a delegate) or a
   speech cue right before one is its cue (:mod:`.quote_slots`), and a speaker after a dash
   (on the same line or signed under the quotation) or before a colon is accepted.
3. **Indirect** (:mod:`.quote_indirect`): a cue verb with a clausal complement (X said
   (that) …; X told Y …; X warned …), a sentence attributed after a comma ("…, the ministry
   said"; "…, said a senior official"; "X, she said, Y"), what some speech verbs report by
   their object ("accused China of …", "urged Vietnam to …"), and "according to X, …".
4. **Floating and continued**: a sentence or paragraph that is only a quote, right after a
   quote with a speaker, gets that speaker; so does every paragraph of a quote continued over
   several paragraphs.

An utterance interrupted by its attribution ("…," she said. "…") is told in pieces, one quote
each, so that no quote holds narration; the later pieces point at the earlier with
``continues`` (:mod:`.quote_joins`). Speakers are resolved by :mod:`.speakers` (names,
pronouns weighed by gender and salience, descriptions, organisations, documents, anonymous
sources). Cue words live in ``knowledge/cue_verbs.csv`` and ``knowledge/quote_words.json``; no
lexicon is in this code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Analysis, Quote
from ..nlp import doc_text
from . import register
from .cues import (
    SPEECH_KINDS,
    cue_kind,
    depth,
    has_own_attribution,
    tail_cut,
    trim_clause,
)
from .intervals import Coverage
from .quote_context import (
    MIXED_MIN_WORDS,
    SPLIT_DEPS,
    QuoteContext,
    build_context,
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
from .quote_frame import (
    adjacent_cue,
    dash_or_colon_speaker,
    floating,
    frame_cue,
    named_title,
    names_thing,
    run_on_cue,
    scare_quote,
    token_range,
)
from .quote_indirect import according_wins, indirect, overlaps_turn
from .quote_joins import carry_continuations, merge_interrupted
from .quote_slots import preceding_cue, trailing_verb
from .quote_spans import MarkSpan
from .quote_transcripts import transcript_turns
from .quote_words import quote_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["cue_kind", "extract_quotes", "quotes_extractor"]

MAX_CLIMB = 10
"""How many heads are climbed from a quotation to its cue verb."""

_NOT_REPORTED = frozenset(
    {"advcl", "nsubj", "nsubjpass", "csubj", "advmod", "npadvmod", "mark", "aux", "neg", "relcl"}
)
"""Links by which a quotation hangs from a verb that do not make the verb its cue."""
_REPORTED_LINKS = frozenset({"ccomp", "xcomp"})


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
        if lo <= token.head.i < hi or token.head.i == token.i or _stray_mark(token, lo, hi):
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


def _reported_child(ctx: QuoteContext, cue: Any, lo: int, hi: int) -> Any | None:
    """The child of ``cue`` whose phrase holds the words of the quotation ``doc[lo:hi]``.

    (The parse often hangs the opening mark of ""Boots on the ground" would be
    appropriate, Carson said" on "said": what "said" reports is the clause, not the mark.)
    """
    words = [t.i for t in ctx.doc[lo:hi] if not t.is_punct]
    for child in cue.children:
        if child.is_punct or (child.dep_ in _NOT_REPORTED and not that_clause(child)):
            continue
        if any(child.left_edge.i <= i <= child.right_edge.i for i in words):
            return child
    return None


def _stray_mark(token: Any, lo: int, hi: int) -> bool:
    """Whether ``token`` is the quotation's own mark hung on another sentence.

    (The opening mark of "… side. ''It's early,'' he said." is often parsed as the closing
    punctuation of the sentence before it; climbing from it finds that sentence's cue.)
    """
    if not token.is_punct or lo + 1 >= hi:
        return False
    inner = token.doc[lo + 1] if token.i == lo else token.doc[hi - 2]
    return token.i in (lo, hi - 1) and token.sent.start != inner.sent.start


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
    s_lo, s_hi = sentence_range(ctx, cue)
    if lo > cue.i:
        return trim_clause(ctx.doc, cue.right_edge.i + 1, s_hi)
    return trim_clause(ctx.doc, s_lo, cue.left_edge.i)


def _reports(child: Any) -> bool:
    """Whether ``child`` is what its head verb reports, not its subject or a side clause."""
    return child.dep_ not in _NOT_REPORTED or that_clause(child)


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


_PLACE_PREPS = frozenset({"in", "at", "on", "during", "since", "under", "before", "after"})
"""Prepositions of where or when something was said ("said on "Meet the Press"")."""
_OBJECT_DEPS = frozenset({"dobj", "dative", "ccomp", "xcomp", "oprd"})
_CLAUSE_DEPS = frozenset({"acl", "relcl", "ccomp", "mark"})


def _names_setting(ctx: QuoteContext, cue: Any, child: Any, lo: int, hi: int) -> bool:
    """Whether the quotation ``doc[lo:hi]`` names where or when ``cue`` spoke, not what it said.

    ("he said on "Meet the Press""; "said in an interview with "Fox News Sunday"": a phrase
    of place or time on a cue with no object, the quotation a programme, book or event, and
    no verb of its own outside the quotation.)
    """
    if child.head.i != cue.i or child.dep_ != "prep" or child.lower_ not in _PLACE_PREPS:
        return False
    if lo <= child.i < hi or any(c.dep_ in _OBJECT_DEPS for c in cue.rights):
        return False
    phrase = ctx.doc[child.left_edge.i : child.right_edge.i + 1]
    if any(t.dep_ in _CLAUSE_DEPS for t in phrase):  # "in a statement that "…"": said
        return False
    return not any(t.pos_ in ("VERB", "AUX") and not ctx.in_quote(t.i) for t in phrase)


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
        return clause(ctx, child, para)
    rights = [c for c in cue.rights if c.dep_ in _COMPLEMENT_DEPS]
    if child.dep_ == "ccomp":  # "told reporters on Friday that …": only the clause is said
        rights = [c for c in rights if c.i >= child.i or c.dep_ not in ("dative", "dobj", "prep")]
    if not rights:
        return clause(ctx, child, para)
    lo = min(c.left_edge.i for c in rights)
    hi = max(c.right_edge.i for c in rights) + 1
    for sub in cue.rights:
        if sub.dep_ in SPLIT_DEPS and has_own_attribution(sub):
            hi = min(hi, sub.left_edge.i)
    return clip(ctx, lo, hi, para)


def _direct(ctx: QuoteContext, n: int, mark: MarkSpan) -> Quote | None:
    """Attribute the quotation ``mark``: direct or mixed, or ``None`` when no cue is found."""
    lo, hi = token_range(ctx.doc, mark.mark_start, mark.mark_end)
    if hi <= lo:
        return None
    if named_title(ctx, mark):
        return None
    found = _climb_to_cue(ctx, lo, hi)
    if found is not None:
        cue, child, speaker_cue = found
        if child.is_punct:
            child = _reported_child(ctx, cue, lo, hi) or child
        if _names_setting(ctx, cue, child, lo, hi):
            return None
        ctx.used_cues.add(cue.i)
        speaker = speaker_of(ctx, speaker_cue)
        if child.head.i != cue.i:  # a parenthetical cue: it reports the rest of the sentence
            c_lo, c_hi = whole_marks(ctx, *_aside_content(ctx, cue, lo))
        else:
            c_lo, c_hi = _content(ctx, cue, child, ctx.paragraph(mark.start))
            c_lo, c_hi = tail_cut(ctx.doc, cue, c_lo, c_hi, ctx.in_quote)
        holds_it = c_lo < hi and lo < c_hi  # not "told Morning Report on Tuesday" alone
        if (
            holds_it
            and (c_lo < lo or c_hi > hi)
            and words_outside(ctx, c_lo, c_hi, n) >= MIXED_MIN_WORDS
        ):
            span = ctx.doc[c_lo:c_hi]
            return make_quote(ctx, "mixed", span.start_char, span.end_char, speaker, cue, 0.8)
        if names_thing(ctx, mark):
            return None
        return make_quote(ctx, "direct", mark.start, mark.end, speaker, cue, 0.9)
    cue = run_on_cue(ctx, n) or adjacent_cue(ctx, mark, hi) or trailing_verb(ctx, mark, lo, hi)
    cue = cue or preceding_cue(ctx, lo)
    if (cue is None and scare_quote(ctx, mark)) or names_thing(ctx, mark):
        return None
    cue = cue or frame_cue(ctx, lo, hi)
    if cue is not None:
        ctx.used_cues.add(cue.i)
        return make_quote(ctx, "direct", mark.start, mark.end, speaker_of(ctx, cue), cue, 0.75)
    speaker = dash_or_colon_speaker(ctx, lo, hi)
    if speaker is not None:
        return make_quote(ctx, "direct", mark.start, mark.end, speaker, None, 0.7)
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


def extract_quotes(doc: Any, analysis: Analysis | None = None) -> list[Quote]:
    """Return every quote of the article parsed as ``doc``, in text order.

    Args:
        doc: the spaCy ``Doc`` of ``analysis.article.text`` (or of any text).
        analysis: the analysis so far; its actors, when present, name the speakers.

    Returns:
        Quotes whose ``text == doc.text[start:end]``.
    """
    text = doc_text(doc)
    ctx = build_context(doc, text, analysis)
    direct = _quotations(ctx)
    turns = transcript_turns(ctx)
    quotes = according_wins(ctx, [q for _, q in direct])
    ctx.covered = Coverage(len(text), [(q.start, q.end) for q in quotes + turns])
    cues = [t for t in doc if not ctx.in_quote(t.i) and t.i not in ctx.used_cues and cue_kind(t)]
    for cue in sorted(cues, key=lambda t: (t.lower_ != "according", depth(t))):
        if covered(ctx, cue.idx, cue.idx + 1):
            continue
        for quote in indirect(ctx, cue):
            quotes.append(quote)
            ctx.covered.add(quote.start, quote.end)
    quotes.sort(key=lambda q: q.start)
    quotes += floating(ctx, quotes, {n for n, _ in direct})
    quotes.sort(key=lambda q: q.start)
    quotes = [q for q in merge_interrupted(ctx, quotes) if _has_speaker(q)]
    # A transcript turn is its speaker's whole paragraph, quotations in it included.
    in_turns = Coverage(len(text), [(t.start, t.end) for t in turns])
    kept = [q for q in quotes if not overlaps_turn(q, in_turns)]
    return sorted(kept + turns, key=lambda q: q.start)


def _has_speaker(quote: Quote) -> bool:
    """Whether a quote has someone who said it: no quote without a speaker mention.

    "You" as the subject of a cue ("you say") is not a speaker; nor is an "it" that refers to
    no organisation for an indirect quote ("it is said that …"), while a quotation "it reads"
    or "it added" is a document's.
    """
    speaker = quote.speaker
    if speaker is None or not speaker.text:
        return False
    person = quote_words().pronouns.get(speaker.text.lower())
    if person == "neuter" and quote.kind == "indirect":
        return speaker.name is not None
    return person != "second"


@register("quotes", requires=("actors",), assigns=("quotes",))
def quotes_extractor(analysis: Analysis, doc: Doc | None) -> None:
    """The registered extractor: set ``analysis.quotes`` from the shared parse."""
    analysis.quotes = extract_quotes(doc, analysis) if doc is not None else []
