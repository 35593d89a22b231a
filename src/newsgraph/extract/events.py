"""Who did what to whom: PLOVER events with actors, date, place, status and evidence.

Registered as the ``events`` extractor (requires ``actors`` and ``dates``). Each sentence is
read for triggers from the PLOVER lexicon (:mod:`.event_lexicon`): verbs ("accused", "met"),
nouns ("talks", "sanctions") and light verbs that take the category of their object ("held a
summit", "imposed sanctions"; "received a protest from Beijing" reverses the roles). The
dependency parse gives the actors: the subject (or the "by" agent of a passive) is the
source, the object or a "to"/"against"/"on" phrase the target; a nominal trigger takes its
possessor or "from"/"by" phrase as source ("Yoon's trip to Tokyo").

Representation (PLOVER manual, "Compound and Reciprocal Actors"): compound actors are lists;
in CONSULT and COOPERATE events where no side hosts ("Kishida and Yoon held a summit", "X met
with Y") every participant is in ``source`` and ``target`` is empty; a visit has the visitor as
source and the host as target. The same happening told twice in an article (a caption and the
body) becomes one event whose other sentences are in ``evidence_more``.
"""

from __future__ import annotations

import bisect
import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, DateMention, Event, Span
from ..nlp import doc_text
from . import register
from .event_actors import ActorIndex, ActorRef, is_state_actor
from .event_lexicon import MATERIAL_CONFLICT, MUTUAL, Entry, Lexicon, lexicon
from .event_gate import frame_fits, keep, line_kind, material_object
from .event_merge import format_events, merge_duplicates
from .event_rules import obligations, recode, undo

__all__ = ["code_events", "extract_events", "format_events", "merge_duplicates"]
from .event_status import attribution_of, date_governor, location_of, status_of

log = logging.getLogger(__name__)

_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}
_OBJ_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
_TARGET_PREPS = frozenset({"to", "against", "on", "at", "toward", "towards", "into", "over"})
_PARTICIPANT_PREPS = frozenset({"with", "between", "among"})
_SOURCE_PREPS = frozenset({"by", "from"})
_DIRECTED_MODES = frozenset({"visit", "invite"})
_DOMESTIC = frozenset({"PROTEST"})
_LOCATED = frozenset(
    {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "CONCEDE", "AID", "SANCTION"}
)
"""Categories whose recipient, when none is named, is the place where the act falls."""
_PLACE_PREPS = frozenset({"in", "at", "across", "throughout", "inside", "near", "around"})
_OBLIGATION_WORDS = frozenset({"must", "should", "ought", "has", "have"})
_CIRCUMSTANCE_PREPS = frozenset({"after", "during", "in", "amid", "following", "before"})
_FRAME_ROLES = frozenset({"transitive", "intransitive", "actorobj", "noclause"})
_PLAIN_WITH_DEPS = frozenset({"prt", "prep", "dobj", "compound", "amod", "nmod", "npadvmod"})


@dataclass
class _Frame:
    trigger: Any
    anchor: Any
    entry: Entry
    category: str
    mode: str
    source: ActorRef = field(default_factory=ActorRef)
    target: ActorRef = field(default_factory=ActorRef)
    participants: ActorRef = field(default_factory=ActorRef)
    destination: Any = None
    inner: list[_Frame] = field(default_factory=list)
    nominal: bool = False
    passive: bool = False
    place: ActorRef | None = None


class _Context:
    """Per-article state: lexicon, actor index, dates, quotes, publication date."""

    def __init__(self, analysis: Analysis, doc: Any) -> None:
        self.lex: Lexicon = lexicon()
        self.doc = doc
        self.analysis = analysis
        self.actors = ActorIndex(analysis, self.lex)
        self.dates = sorted(
            (d for d in analysis.dates if d.value and d.field is None),
            key=lambda d: (d.start, d.end),
        )
        self.date_starts = [d.start for d in self.dates]
        self.published = (analysis.article.published or "")[:10] or None
        self.previous_dates: list[DateMention] = []
        self.unit: tuple[int, int] = (0, len(doc))

    def inside(self, token: Any) -> bool:
        """Whether ``token`` is in the line-sentence being coded."""
        return bool(self.unit[0] <= token.i < self.unit[1])

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        i = bisect.bisect_left(self.date_starts, start)
        j = bisect.bisect_left(self.date_starts, end)
        return self.dates[i:j]


@register("events", requires=("actors", "dates"), assigns=("events",))
def extract_events(analysis: Analysis, doc: Any) -> None:
    """Set ``analysis.events``: the PLOVER events of every sentence of ``doc``."""
    if doc is None:
        analysis.events = []
        return
    analysis.events = list(code_events(analysis, doc))


def code_events(analysis: Analysis, doc: Any) -> list[Event]:
    """Return the PLOVER events of ``doc`` (the parse of ``analysis.article.text``)."""
    ctx = _Context(analysis, doc)
    events: list[Event] = []
    headline: list[Event] = []
    title = analysis.article.title
    for sent in doc.sents:
        for unit in _lines(sent):
            kind = line_kind(unit, title)
            if kind == "furniture":
                continue
            (headline if kind == "headline" else events).extend(_sentence_events(unit, ctx))
    return merge_duplicates(events)


def _lines(sent: Any) -> list[Any]:
    """Split a sentence at line breaks: page dumps glue captions and paragraphs together."""
    cuts = [t.i for t in sent if t.is_space and "\n" in t.text]
    if not cuts:
        return [sent]
    doc = sent.doc
    bounds = [sent.start, *[c + 1 for c in cuts], sent.end]
    spans = [doc[a:b] for a, b in itertools.pairwise(bounds)]
    return [s for s in spans if any(not t.is_space for t in s)]


def _match(token: Any, lex: Lexicon) -> Entry | None:
    pos = _POS.get(token.pos_)
    if pos is None:
        return None
    entries = lex.triggers.get((token.lemma_.lower(), pos))
    if not entries and pos == "N" and token.tag_ in ("NNS", "NNPS"):
        entries = lex.triggers.get((token.lower_, pos))
    if not entries:
        return None
    for entry in entries:
        if entry.with_ and not _has_word(token, entry.with_):
            continue
        if entry.subj and not _subject_in(token, entry.subj):
            continue
        if entry.roles & _FRAME_ROLES and not frame_fits(token, entry.roles):
            continue
        return entry
    return None


def _has_word(token: Any, word: str) -> bool:
    if token.head.lemma_.lower() == word and token.dep_ in ("pobj", "compound"):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() == word:
        return True  # "state of emergency"
    for child in token.children:
        if child.dep_ in _PLAIN_WITH_DEPS and child.lemma_.lower() == word:
            return True
        if child.dep_ == "prep" and child.lower_ == word:
            return True
    return False


def _subject_in(token: Any, words: frozenset[str]) -> bool:
    head = token
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss") and child.lemma_.lower() in words:
                return True
        if token.dep_ not in _OBJ_DEPS:
            return False
        head = token.head
    subject = _subject_token(head)
    if subject is None:
        return False
    if "@state" in words and is_state_actor(subject):
        return True
    return bool(subject.lemma_.lower() in words)


def _subject_token(verb: Any) -> Any:
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        if verb.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acomp") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _sentence_events(sent: Any, ctx: _Context) -> list[Event]:
    lex = ctx.lex
    ctx.unit = ctx.actors.unit = (sent.start, sent.end)
    found = {t.i: e for t in sent if (e := _match(t, lex)) is not None}
    if not found and not any(t.lower_ in _OBLIGATION_WORDS for t in sent):
        ctx.previous_dates = ctx.dates_in(sent.start_char, sent.end_char)
        return []
    consumed: set[int] = set()
    frames: list[_Frame] = []
    # Verbs first, so that they claim the nouns they govern ("held talks").
    for i in sorted(found, key=lambda i: (found[i].pos == "N", i)):
        if i in consumed or "obj" in found[i].roles:
            continue
        frame = _frame(sent.doc[i], found, consumed, ctx)
        if frame is not None:
            frames.append(frame)
    frames += _obligation_frames(sent, ctx)
    events = []
    for frame in frames:
        event = _build(frame, sent, ctx, frames)
        if event is not None:
            events.append(event)
    _assign_dates(events, frames, sent, ctx)
    ctx.previous_dates = ctx.dates_in(sent.start_char, sent.end_char)
    return events


def _frame(token: Any, found: dict[int, Entry], consumed: set[int], ctx: _Context) -> _Frame | None:
    entry = found[token.i]
    consumed.add(token.i)
    if entry.pos in ("V", "A"):
        anchor = token.head if entry.pos == "A" and token.dep_ == "acomp" else token
        frame = _Frame(token, anchor, entry, entry.category, entry.mode)
        if entry.roles & {"light", "reverse", "undo"}:
            obj = _light_object(token, entry, found, consumed)
            if obj is not None:
                inner = found[obj.i]
                consumed.add(obj.i)
                category, mode = inner.category, inner.mode
                if "undo" in entry.roles:
                    category, mode = undo(token, category, mode)
                frame = _Frame(obj, anchor, entry, category, mode, nominal=True)
            elif not entry.category or ("undo" in entry.roles and not entry.with_):
                return None
            elif "material" in entry.roles and not material_object(token, ctx.lex):
                return None
        # Triggers governed by this one are part of it ("threatened to impose sanctions").
        for child in token.children:
            if child.i in found and child.i not in consumed and child.dep_ in (
                "xcomp", "dobj", "ccomp", "nsubj", "nsubjpass", "advcl"
            ):  # fmt: skip
                if child.dep_ in ("ccomp", "advcl") and found[child.i].pos != "N":
                    continue
                inner_frame = _frame(child, found, consumed, ctx)
                if inner_frame is not None:
                    frame.inner.append(inner_frame)
        _verbal_arguments(frame, ctx)
        return frame
    frame = _Frame(token, token, entry, entry.category, entry.mode, nominal=True)
    _nominal_arguments(frame, token, ctx)
    frame.place = _place_of(frame, ctx)
    return frame


def _obligation_frames(sent: Any, ctx: _Context) -> list[_Frame]:
    """Return REQUEST frames for "X said Y must do Z" (see :func:`.event_rules.obligations`)."""
    frames = []
    refs = ctx.actors.sentence_refs(sent, sent.end_char)
    for comp, speaker, addressee in obligations(sent, ctx.lex):
        entry = Entry(comp.lemma_.lower(), "V", "", "REQUEST", "", frozenset(), frozenset())
        frame = _Frame(comp, comp, entry, "REQUEST", "")
        if speaker is not None and ctx.inside(speaker):
            frame.source = ctx.actors.resolve(speaker, refs)
        frame.target = ctx.actors.resolve(addressee, refs)
        frames.append(frame)
    return frames


def _light_object(verb: Any, entry: Entry, found: dict[int, Entry], consumed: set[int]) -> Any:
    candidates = []
    for child in verb.children:
        if child.dep_ in _OBJ_DEPS or child.dep_ == "nsubjpass":
            candidates.append(child)
        elif child.dep_ in ("prep", "prt", "agent") and (
            child.lower_ == entry.with_ or not entry.category
        ):
            candidates += [g for g in child.children if g.dep_ == "pobj"]
    for obj in candidates:
        # The object itself, its conjuncts, a compound naming the act ("mediation effort"), or
        # the act a quantity or kind is of ("10 days of war games", "a series of raids").
        nouns = [obj, *obj.conjuncts, *(c for c in obj.children if c.dep_ == "compound")]
        nouns += [
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ in ("of", "on")
            for g in p.children
        ]
        for cand in nouns:
            inner = found.get(cand.i)
            if inner and cand.i not in consumed and inner.pos == "N" and inner.category:
                return cand
    return None


def _complement_targets(frame: _Frame, ctx: _Context, refs: list[ActorRef]) -> None:
    """Fill a missing target from the clause the trigger governs ("offered to hand over to X")."""
    for comp in frame.anchor.children:
        if comp.dep_ not in ("xcomp", "ccomp") or not ctx.inside(comp):
            continue
        for child in comp.children:
            objs = [child] if child.dep_ in (*_OBJ_DEPS, "dative") else []
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | _PARTICIPANT_PREPS:
                objs = [g for g in child.children if g.dep_ == "pobj"]
            if comp.dep_ == "ccomp" and child.dep_ == "nsubj":
                objs = [child]
            for obj in objs:
                ref = ctx.actors.resolve(obj, refs)
                if ref.resolved:
                    frame.target.extend(ref)
                    return


def _buried_target(frame: _Frame, ctx: _Context) -> None:
    """Take the first other actor named inside the trigger's object or complement as target.

    "denounced Serbia's suppression of ...", "rejected an offer from Afghanistan", "threatened
    further action against Russia", "willing to send material to help defend Saudi Arabia".
    The target's text is the noun phrase the actor is named in ("Greek refugee camps").
    """
    own = set(frame.source.codes) | set(frame.source.ids)
    doc = ctx.doc
    for child in frame.anchor.children:
        if child.dep_ not in (*_OBJ_DEPS, "xcomp", "ccomp", "prep", "dative") or not ctx.inside(
            child
        ):
            continue
        tokens = [t for t in child.subtree if ctx.inside(t)]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        for m_start, m_end, actor in ctx.actors.mentions_in(start, end):
            span = doc.char_span(m_start, m_end, alignment_mode="expand")
            if span is None or actor.kind == "place" and not actor.country:
                continue
            ref = ctx.actors.resolve(_phrase_head(span.root))
            if not ref.resolved:
                ref = ctx.actors.ref([actor], span.text)
            if ref.resolved and not (set(ref.codes) | set(ref.ids)) & own:
                frame.target.extend(ref)
                return


def _phrase_head(token: Any) -> Any:
    """Climb from a modifier to the noun it modifies ("Greek" -> "camps")."""
    for _ in range(3):
        if token.dep_ not in ("compound", "amod", "poss", "nmod") or token.head is token:
            break
        token = token.head
    return token


def _verbal_arguments(frame: _Frame, ctx: _Context) -> None:
    verb = frame.anchor
    refs = ctx.actors.sentence_refs(ctx.doc[ctx.unit[0] : ctx.unit[1]], verb.idx)
    reverse = "reverse" in frame.entry.roles
    subject: Any = None
    passive = False
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            subject = child
        elif child.dep_ == "nsubjpass":
            subject, passive = child, True
    frame.passive = passive
    if subject is None:
        subject = _subject_token(verb)
    if subject is not None and (
        subject.lower_ in ("who", "which", "that") or not ctx.inside(subject)
    ):
        subject = None
    objects = [c for c in verb.children if c.dep_ in (*_OBJ_DEPS, "dative", "iobj")]
    objects = [o for o in objects if o is not frame.trigger and ctx.inside(o)]
    if subject is not None and subject is not frame.trigger:
        ref = ctx.actors.resolve(subject, refs)
        if passive or reverse:
            frame.target = ref
        else:
            frame.source = ref
    for prep in verb.children:
        if prep.dep_ not in ("prep", "agent", "dative"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or not ctx.inside(obj):
                continue
            word = prep.lower_
            if word == "by" and passive:
                frame.source.extend(ctx.actors.resolve(obj, refs))
            elif word in _PARTICIPANT_PREPS:
                frame.participants.extend(ctx.actors.resolve(obj, refs))
            elif word in _TARGET_PREPS and not frame.target.resolved:
                frame.target.extend(ctx.actors.resolve(obj, refs))
                frame.destination = frame.destination or (obj if word in ("to", "in") else None)
            elif word in _SOURCE_PREPS and reverse:
                frame.source.extend(ctx.actors.resolve(obj, refs))
    for obj in objects:
        ref = ctx.actors.resolve(obj, refs)
        if reverse and not frame.nominal:
            frame.source.extend(ref)
        elif not frame.target.resolved:
            frame.target.extend(ref)
            frame.destination = frame.destination or obj
    if frame.nominal:
        _nominal_arguments(frame, frame.trigger, ctx, reverse=reverse)
    if not frame.target.resolved and frame.category not in MUTUAL:
        _complement_targets(frame, ctx, refs)
    if not (frame.target.resolved or frame.participants.resolved) and frame.category not in MUTUAL:
        _buried_target(frame, ctx)
    frame.place = frame.place or _place_of(frame, ctx)
    for inner in frame.inner:  # borrow what the governed trigger knows
        if not frame.target.resolved:
            frame.target.extend(inner.target if inner.target.resolved else inner.participants)
            if not frame.target.resolved and inner.source.resolved and inner.nominal:
                frame.target.extend(inner.source)
        frame.destination = frame.destination or inner.destination


def _place_of(frame: _Frame, ctx: _Context) -> ActorRef | None:
    """Return the place an act falls on ("a curfew in parts of Punjab"), as an actor phrase."""
    for token in dict.fromkeys([frame.trigger, frame.anchor]):
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or not ctx.inside(obj):
                    continue
                if not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in obj.subtree):
                    continue
                ref = ctx.actors.resolve(obj)
                if ref.resolved or obj.pos_ == "PROPN":
                    return ref
    return None


def _nominal_arguments(frame: _Frame, noun: Any, ctx: _Context, reverse: bool = False) -> None:
    refs = ctx.actors.sentence_refs(ctx.doc[ctx.unit[0] : ctx.unit[1]], noun.idx)
    source = ActorRef()
    for child in noun.children:
        if not ctx.inside(child):
            continue
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod", "nmod") and child.lemma_.lower() != frame.entry.with_
        ):
            ref = ctx.actors.resolve(child, refs)
            if ref.resolved or child.dep_ == "poss":
                source.extend(ref)
        elif child.dep_ == "prep":
            word = child.lower_
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                ref = ctx.actors.resolve(obj, refs)
                if word in _SOURCE_PREPS:
                    source.extend(ref)
                elif word in _PARTICIPANT_PREPS:
                    frame.participants.extend(ref)
                elif (word in _TARGET_PREPS or word == "of") and not frame.target.resolved:
                    frame.target.extend(ref)
                    if word == "to":
                        frame.destination = obj
    if reverse:
        frame.source.extend(source)
    elif not frame.source.resolved and not frame.source.named:
        frame.source = source
    if not frame.source.resolved and not reverse and frame.anchor is noun:
        # "X retook the village after fierce fighting": the act in a circumstance phrase of a
        # clause is the clause subject's.
        prep = noun.head
        if noun.dep_ == "pobj" and prep.lower_ in _CIRCUMSTANCE_PREPS and prep.head.pos_ == "VERB":
            subject = _subject_token(prep.head)
            if subject is not None and ctx.inside(subject) and subject is not noun:
                frame.source.extend(ctx.actors.resolve(subject, refs))


def _build(frame: _Frame, sent: Any, ctx: _Context, frames: Sequence[_Frame]) -> Event | None:
    lex = ctx.lex
    category, mode = frame.category, frame.mode or None
    if "intent" in frame.entry.roles and any(
        i.category in MATERIAL_CONFLICT or i.category == "THREATEN" for i in frame.inner
    ):
        category, mode = "THREATEN", None
    status = status_of(frame.anchor, frame.trigger, lex)
    category, mode, state = recode(
        category,
        mode,
        status.status,
        status.future,
        "intent" in frame.entry.roles,
        frame.anchor,
    )
    if category == "ASSAULT" and not mode:
        mode = _mode_from_words(frame, sent, lex)
    source, target = frame.source, frame.target
    if category in MUTUAL and mode not in _DIRECTED_MODES:
        source = _union(source, frame.participants, target)
        target = ActorRef()
    elif frame.participants.resolved:
        if category == "ASSAULT":
            source = _union(source, frame.participants)
        elif not target.resolved:
            target = frame.participants
    if target.text and (
        target.text == source.text or (target.ids and set(target.ids) <= set(source.ids))
    ):
        target = ActorRef()  # the actor is not its own recipient
    if not target.resolved and category in _LOCATED and frame.place is not None:
        target = _union(target, frame.place)
    if not keep(category, source, target, frame.passive):
        return None
    if category in _DOMESTIC and source.codes and not target.codes:
        # Protest aims at the protesters' own authorities unless another country is named.
        target = _union(target, ActorRef(codes=list(source.codes)))
    if (
        source.codes
        and target.codes
        and set(source.codes) == set(target.codes)
        and category in MUTUAL
    ):
        target = ActorRef()
    info = lex.info(category, mode)
    doc = sent.doc
    start, end = _trim(sent)
    confidence = 0.45 + (0.2 if source.codes else 0.0) + (0.15 if target.codes else 0.0)
    confidence += 0.0 if frame.nominal and frame.anchor is frame.trigger else 0.1
    attribution = attribution_of(frame.anchor, ctx.analysis.quotes, lex)
    if attribution == "quote":
        confidence -= 0.1
    if frame.source.resolved or frame.target.resolved or frame.participants.resolved:
        members = [r for r in (source, target) if r.resolved]
        if sum(len(r.codes) for r in members) >= 2:
            ctx.actors.recent_group = members
    location = location_of(
        [frame.trigger, frame.anchor], frame.destination if mode == "visit" else None
    )
    trigger = frame.trigger
    return Event(
        type=category,
        evidence=Span(start, end, doc_text(doc)[start:end]),
        mode=mode,
        source=list(source.codes),
        target=[c for c in target.codes if c not in source.codes] or list(target.codes),
        location=location,
        status=state,
        quad=info.quad if info else None,
        intensity=info.intensity if info else None,
        confidence=round(min(confidence, 0.95), 2),
        source_ids=list(source.ids),
        target_ids=list(target.ids),
        source_text=source.text or None,
        target_text=target.text or None,
        trigger=Span(trigger.idx, trigger.idx + len(trigger), trigger.text),
        attribution=attribution,
    )


def _union(*refs: ActorRef) -> ActorRef:
    out = ActorRef()
    for ref in refs:
        out.extend(ref)
    return out


def _mode_from_words(frame: _Frame, sent: Any, lex: Lexicon) -> str | None:
    for token in sent:
        hit = lex.modes.get(token.lemma_.lower())
        if hit and hit[0] == "ASSAULT" and (not hit[2] or _has_word(token, hit[2])):
            return hit[1]
    return None


def _trim(sent: Any) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


def _assign_dates(events: list[Event], frames: list[_Frame], sent: Any, ctx: _Context) -> None:
    if not events:
        return
    by_anchor: dict[int, Event] = {}
    kept = [
        f for f in frames if any(e.trigger and e.trigger.start == f.trigger.idx for e in events)
    ]
    for frame, event in zip(kept, events, strict=False):
        by_anchor[frame.anchor.i] = event
        by_anchor[frame.trigger.i] = event
    dates = ctx.dates_in(sent.start_char, sent.end_char)
    for date in dates:
        index = date_governor(date, sent.doc, set(by_anchor))
        if index is not None and by_anchor[index].date is None:
            _set_date(by_anchor[index], date, "text")
    for frame, event in zip(kept, events, strict=False):
        if event.date is not None:
            continue
        if dates and len(events) == 1:
            _set_date(event, dates[0], "text")
        elif not dates and ctx.previous_dates and frame.anchor.tag_ == "VBD":
            _set_date(event, ctx.previous_dates[-1], "context")
        elif ctx.published:
            event.date, event.date_granularity, event.date_basis = ctx.published, "day", "published"
        if (
            event.date_basis == "text"
            and ctx.published
            and event.date
            and event.date[:10] > ctx.published[: len(event.date[:10])]
            and event.status == "occurred"
        ):
            event.status = "expected"


def _set_date(event: Event, date: DateMention, basis: str) -> None:
    event.date, event.date_granularity, event.date_basis = date.value, date.granularity, basis
