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

import itertools
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..knowledge.cameo import cameo_of
from ..model import Analysis, Event, Span
from ..nlp import doc_text
from . import register
from .event_actors import ActorRef
from .event_dates import assign_dates
from .event_gate import (
    bare_commitment,
    frame_fits,
    keep,
    line_kind,
    material_object,
    military_object,
)
from .event_implicit import (
    DIRECTED,
    domestic,
    dyad_member,
    dyad_sides,
    hosted,
    reporting_party,
    sentence_place,
    two_sided,
)
from .event_lexicon import MATERIAL_CONFLICT, MUTUAL, Entry, Lexicon
from .event_main import Lead, mark_main
from .event_merge import merge_conjoined, merge_duplicates, merge_in_sentence
from .event_modes import by_hackers, mode_from_words, peacekeeping, tells_cyber
from .event_nested import told_inside
from .event_retold import fold_retold
from .event_roles import (
    OBJ_DEPS,
    Context,
    Frame,
    has_word,
    nominal_arguments,
    place_of,
    subject_in,
    verbal_arguments,
)
from .event_rules import (
    CONDEMNING,
    blames,
    condemnations,
    criticisms,
    demands_punishment,
    obligations,
    planned,
    recode,
    reports_conduct,
    speech_verbs,
    undo,
    verbal_attack,
)
from .event_setting import after_dateline, dateline_country
from .event_status import attribution_of, location_of, status_of, unasserted

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["code_events", "extract_events", "merge_duplicates"]

log = logging.getLogger(__name__)

_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}
_DIRECTED_MODES = frozenset({"visit", "invite", "third-party"})
"""CONSULT modes with a direction: the visitor, the host who invites, the mediator."""
_DOMESTIC = frozenset({"PROTEST"})
_AT_SCENE = frozenset({"ASSAULT", "COERCE"})
"""Acts on people whose recipient, when the text names none, is where the story is filed."""
_LOCATED = frozenset(
    {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "CONCEDE", "AID", "SANCTION"}
)
"""Categories whose recipient, when none is named, is the place where the act falls."""
_OBLIGATION_WORDS = frozenset(
    {
        *("must", "should", "ought", "has", "have", "responsible", "guilty", "behind"),
        *("culpable", "critics", "critic", "opponents", "detractors"),
    }
)
_GETTING = frozenset({"take", "make", "earn", "collect", "raise", "spend", "lose", "get"})
"""Light verbs that do not give the goods or money they take as object."""
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})
"""Pronouns that, as an object, never stand for their own clause's subject."""
_FRAME_ROLES = frozenset(
    {"transitive", "intransitive", "actorobj", "noclause", "request", "demand", "specific"}
    | {"mass"}
)


@register("events", requires=("actors", "dates"), assigns=("events",))
def extract_events(analysis: Analysis, doc: Doc | None) -> None:
    """Set ``analysis.events``: the PLOVER events of every sentence of ``doc``."""
    if doc is None:
        analysis.events = []
        return
    analysis.events = list(code_events(analysis, doc))


def code_events(analysis: Analysis, doc: Any) -> list[Event]:
    """Return the PLOVER events of ``doc`` (the parse of ``analysis.article.text``)."""
    ctx = Context(analysis, doc)
    events: list[Event] = []
    headline: list[Event] = []
    lead: list[tuple[int, int]] = []
    title = analysis.article.title
    for sent in doc.sents:
        for unit in _lines(sent):
            kind = line_kind(unit, title)
            if kind == "furniture":
                continue
            if kind == "body" and len(lead) < 2 and _prose(unit):
                lead.append((unit.start_char, unit.end_char))
                if len(lead) == 1 and not ctx.scene:
                    ctx.scene = dateline_country(unit)
            elif kind == "body" and not lead and not ctx.scene and len(unit) <= 8:
                ctx.scene = dateline_country(unit)  # a dateline on a line of its own
            (headline if kind == "headline" else events).extend(_sentence_events(unit, ctx))
    events = fold_retold(merge_duplicates(events), doc)
    mark_main(events, headline, Lead(tuple(lead), _standfirst(analysis), title or ""))
    for event in events:
        code = cameo_of(event.type, event.mode)
        event.cameo, event.cameo_root = (code.code, code.root) if code else (None, None)
    return events


def _prose(unit: Any) -> bool:
    """Whether a line is a sentence of prose (not a kicker, byline or credit)."""
    words = sum(1 for t in unit if t.is_alpha)
    return words >= 6 and any(t.pos_ in ("VERB", "AUX") for t in unit)


def _standfirst(analysis: Analysis) -> tuple[int, int] | None:
    standfirst = (analysis.article.standfirst or "").strip()
    if not standfirst:
        return None
    at = analysis.article.text.find(standfirst)
    return (at, at + len(standfirst)) if at >= 0 else None


def _lines(sent: Any) -> list[Any]:
    """Split a sentence at line breaks: page dumps glue captions and paragraphs together."""
    cuts = [t.i for t in sent if t.is_space and "\n" in t.text]
    if not cuts:
        return [sent]
    doc = sent.doc
    bounds = [sent.start, *[c + 1 for c in cuts], sent.end]
    spans = [doc[a:b] for a, b in itertools.pairwise(bounds)]
    return [s for s in spans if any(not t.is_space for t in s)]


_CIRCUMSTANCE_WORDS = frozenset(
    {"due", "because", "after", "before", "during", "amid", "following", "since", "despite"}
)
"""A light verb's act is its object, not a circumstance ("had poor ties due to the war")."""


def _verb_stems(form: str) -> list[str]:
    """Return the lemmas a regular inflected verb form may have ("staged" -> "stage")."""
    for suffix in ("ing", "ed", "es", "s", "d"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            return [stem, stem + "e"] if suffix in ("ing", "ed") else [stem]
    return []


def _match(token: Any, lex: Lexicon) -> Entry | None:
    pos = _POS.get(token.pos_)
    if pos is None:
        return None
    entries = lex.triggers.get((token.lemma_.lower(), pos))
    if not entries and pos == "N" and token.tag_ in ("NNS", "NNPS"):
        entries = lex.triggers.get((token.lower_, pos))
    if not entries and pos == "V" and token.tag_ in ("VBD", "VBN", "VBG", "VBZ"):
        for lemma in _verb_stems(token.lower_):  # the lemmatizer's "staged" -> "stag"
            entries = lex.triggers.get((lemma, pos))
            if entries:
                break
    if not entries:
        return None
    for entry in entries:
        if entry.with_ and not has_word(token, entry.with_):
            continue
        if entry.subj and not subject_in(token, entry.subj):
            continue
        if entry.roles & _FRAME_ROLES and not frame_fits(token, entry.roles):
            continue
        if "military" in entry.roles and not military_object(token, lex):
            continue
        return entry
    return None


def _sentence_events(sent: Any, ctx: Context) -> list[Event]:
    lex = ctx.lex
    ctx.unit = ctx.actors.unit = (after_dateline(sent), sent.end)
    found = {t.i: e for t in sent if t.i >= ctx.unit[0] and (e := _match(t, lex)) is not None}
    if not found and not any(t.lower_ in _OBLIGATION_WORDS or t.lower_ in CONDEMNING for t in sent):
        ctx.previous_dates = ctx.dates_in(sent.start_char, sent.end_char)
        return []
    consumed: set[int] = set()
    frames: list[Frame] = []
    # Verbs first, so that they claim the nouns they govern ("held talks").
    for i in sorted(found, key=lambda i: (found[i].pos == "N", i)):
        token = sent.doc[i]
        if i in consumed or "obj" in found[i].roles or _describes_instrument(token, found):
            continue
        if _tells_result(token, found):
            continue
        frame = _frame(sent.doc[i], found, consumed, ctx)
        if frame is not None:
            frames.append(frame)
    frames += _obligation_frames(sent, ctx)
    frames += told_inside(frames, found, ctx)
    events = []
    anchors: dict[int, Any] = {}
    for frame in frames:
        event = _build(frame, sent, ctx, frames)
        if event is not None:
            events.append(event)
            anchors[frame.trigger.idx] = frame.anchor
    assign_dates(events, frames, sent, ctx)
    events = merge_in_sentence(merge_conjoined(events, anchors))
    ctx.previous_dates = ctx.dates_in(sent.start_char, sent.end_char)
    return events


def _describes_instrument(token: Any, found: dict[int, Entry]) -> bool:
    """Whether a participle only describes the subject of a trigger of its own category.

    "The missiles fired by the army struck the depot" is one attack, told by "struck".
    """
    head = token.head
    if token.dep_ != "acl" or head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = found.get(head.head.i)
    return verb is not None and verb.category == found[token.i].category


def _tells_result(token: Any, found: dict[int, Entry]) -> bool:
    """Whether a trigger only tells the outcome of an act of its own category.

    "Its fighters targeted a patrol, leaving them dead and wounded", "bombed a hospital,
    killing hundreds": the participle clause is the same attack, told by its main verb.
    """
    category = found[token.i].category
    node = token
    for _ in range(4):
        if node.dep_ == "advcl" and node.tag_ == "VBG":
            head = found.get(node.head.i)
            return head is not None and head.category == category
        if node.dep_ not in ("conj", "oprd", "acomp", "ccomp", "xcomp", "dobj", "amod"):
            return False
        node = node.head
    return False


def _frame(token: Any, found: dict[int, Entry], consumed: set[int], ctx: Context) -> Frame | None:
    entry = found[token.i]
    consumed.add(token.i)
    if entry.pos in ("V", "A"):
        anchor = token.head if entry.pos == "A" and token.dep_ == "acomp" else token
        frame = Frame(token, anchor, entry, entry.category, entry.mode)
        if entry.roles & {"light", "reverse", "undo"}:
            obj = _light_object(token, entry, found, consumed)
            if obj is not None:
                inner = found[obj.i]
                consumed.add(obj.i)
                category, mode = inner.category, inner.mode
                if "undo" in entry.roles:
                    category, mode = undo(token, category, mode, planned(obj, token))
                elif "material" in entry.roles and (
                    category == "SUPPORT" or _given(obj, ctx.lex)
                ):  # "provided $45m support", "exported artillery shells to X": material aid
                    category, mode = "AID", ""
                frame = Frame(obj, anchor, entry, category, mode, nominal=True)
            elif (
                not entry.category
                or ("undo" in entry.roles and not entry.with_)
                or ("material" in entry.roles and not material_object(token, ctx.lex))
            ):
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
        verbal_arguments(frame, ctx)
        _instrument_act(frame, found, consumed, ctx)
        return frame
    frame = Frame(token, token, entry, entry.category, entry.mode, nominal=True)
    nominal_arguments(frame, token, ctx)
    frame.place = place_of(frame, ctx)
    return frame


def _instrument_act(
    frame: Frame, found: dict[int, Entry], consumed: set[int], ctx: Context
) -> None:
    """Take the actor of a passive verb from the act it was done in.

    "Targeted in Israeli strikes", "were wounded in Russian shelling": one happening, the
    noun's owner acting.
    """
    verb = frame.anchor
    if not frame.passive or frame.source.resolved or frame.nominal:
        return
    for prep in (c for c in verb.children if c.dep_ in ("prep", "agent")):
        if prep.lower_ not in ("in", "by"):
            continue
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            entry = found.get(noun.i)
            if entry is None or noun.i in consumed or entry.pos != "N":
                continue
            if entry.category != frame.category:
                continue
            act = _frame(noun, found, consumed, ctx)
            if act is None or not act.source.resolved:
                return
            if set(frame.target.codes) <= set(act.source.codes):
                frame.target = act.target  # "Israeli" names the attacker, not the victims
            frame.source = act.source
            frame.place = frame.place or act.place
            _circumstance_acts(frame, found, consumed)
            return


def _circumstance_acts(frame: Frame, found: dict[int, Entry], consumed: set[int]) -> None:
    """Take as the same happening the acts of its kind a verb happened "amid" or "during".

    "29 soldiers were injured in the battles in Gaza, amid clashes between X and Y": the act
    that injured them is the fighting the sentence names again.
    """
    for prep in (c for c in frame.anchor.children if c.dep_ == "prep"):
        if prep.lower_ in ("amid", "during"):
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                entry = found.get(noun.i)
                if entry is not None and entry.pos == "N" and entry.category == frame.category:
                    consumed.add(noun.i)


def _given(noun: Any, lex: Lexicon) -> bool:
    """Whether a noun names goods one gives (its lexicon rows include AID material)."""
    return any(e.category == "AID" for e in lex.triggers.get((noun.lemma_.lower(), "N"), ()))


def _obligation_frames(sent: Any, ctx: Context) -> list[Frame]:
    """Return frames for reported demands and blame ("X said Y must do Z").

    See :func:`.event_rules.obligations`, :func:`.event_rules.blames` ("X said Y was
    responsible") and :func:`.event_rules.criticisms` ("critics say Y has ...").
    """
    verbs = speech_verbs(sent, ctx.lex)
    reported = [(c, s, a, "REQUEST", "") for c, s, a in obligations(verbs)]
    reported += [(c, s, a, "ACCUSE", "allege") for c, s, a in blames(verbs)]
    reported += [(c, s, a, "ACCUSE", "disapprove") for c, s, a in criticisms(verbs)]
    reported += [(c, s, a, "ACCUSE", "disapprove") for c, s, a in condemnations(verbs)]
    if not reported:
        return []
    frames = []
    refs = ctx.actors.sentence_refs(sent, sent.end_char)
    for comp, speaker, addressee, category, mode in reported:
        target = ctx.actors.resolve(addressee, refs)
        if not (target.resolved or target.agent or target.proper):
            continue  # "efforts should not be hindered" demands nothing of anyone
        entry = Entry(comp.lemma_.lower(), "V", "", category, mode, frozenset(), frozenset())
        frame = Frame(comp, comp, entry, category, mode)
        if speaker is not None and ctx.inside(speaker):
            frame.source = ctx.actors.resolve(speaker, refs)
        frame.target = target
        frames.append(frame)
    return frames


def _light_object(verb: Any, entry: Entry, found: dict[int, Entry], consumed: set[int]) -> Any:
    candidates = [verb.head] if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" else []
    if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN" and _passive_relative(verb):
        candidates.append(verb.head)  # "a meeting that was canceled", "sanctions that were lifted"
    for child in verb.children:
        if child.dep_ in OBJ_DEPS or child.dep_ == "nsubjpass":
            candidates.append(child)
        elif child.dep_ in ("prep", "prt", "agent") and (
            child.lower_ == entry.with_
            or (not entry.category and child.lower_ not in _CIRCUMSTANCE_WORDS)
        ):
            candidates += [g for g in child.children if g.dep_ == "pobj"]
    for obj in candidates:
        # The object itself, its conjuncts, a compound naming the act ("mediation effort"), or
        # the act a quantity or kind is of ("10 days of war games", "a series of raids").
        nouns = [obj, *obj.conjuncts, *(c for c in obj.children if c.dep_ == "compound")]
        nouns += [
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ in ("of", "on", "in")
            for g in p.children
        ]
        for cand in nouns:
            inner = found.get(cand.i)
            if not inner or cand.i in consumed or inner.pos != "N" or not inner.category:
                continue
            if "obj" in inner.roles and verb.lemma_.lower() in _GETTING:
                continue  # money or goods taken in are not given ("taking in dollars")
            return cand
    return None


def _passive_relative(verb: Any) -> bool:
    """Whether a relative clause's verb is passive with the relative pronoun as its subject."""
    return any(c.dep_ == "nsubjpass" and c.tag_ == "WDT" for c in verb.children)


def _build(frame: Frame, sent: Any, ctx: Context, frames: Sequence[Frame]) -> Event | None:
    lex = ctx.lex
    category, mode = frame.category, frame.mode or None
    if "intent" in frame.entry.roles and any(
        i.category in MATERIAL_CONFLICT or i.category == "THREATEN" for i in frame.inner
    ):
        category, mode = "THREATEN", None
    elif "intent" in frame.entry.roles and any(
        i.category == "SUPPORT" and i.nominal and i.trigger.dep_ in OBJ_DEPS for i in frame.inner
    ):
        category, mode = "SUPPORT", None  # "pledged its full support for X" expresses support
    if unasserted(frame.trigger, frame.anchor) or (
        frame.nominal and bare_commitment(frame.trigger, bool(frame.inner) or frame.target.resolved)
    ):
        return None
    status = status_of(frame.anchor, frame.trigger, lex)
    category, mode, state = recode(
        category,
        mode,
        status.status,
        status.future,
        "intent" in frame.entry.roles,
        frame.anchor,
        status.failed,
    )
    if category == "SUPPORT" and state == "negated" and not frame.target.resolved:
        # "The United States does not support forced relocations": disapproval of a policy.
        category, mode, state = "ACCUSE", "disapprove", "occurred"
    if category == "REQUEST" and demands_punishment(frame.trigger, lex):
        category, mode = "ACCUSE", "disapprove"
    if (category == "MOBILIZE" and peacekeeping(frame)) or (
        category == "CONSULT" and "peacekeep" in frame.source.text.lower()
    ):
        category, mode = "AID", None  # CAMEO 074: military protection or peacekeeping
    if category == "THREATEN" and reports_conduct(frame.trigger):
        category, mode = "ACCUSE", "allege"
    if category == "ASSAULT" and verbal_attack(
        frame.trigger, sent, any(i.startswith("person:") for i in frame.source.ids)
    ):
        category, mode = "ACCUSE", "disapprove"
    if category == "ASSAULT" and (by_hackers(frame.source) or tells_cyber(sent, lex)):
        category, mode = "COERCE", "cyber"  # PLOVER manual: hacking is COERCE cyber
    if category == "ASSAULT" and not mode:
        mode = mode_from_words(frame, sent, lex)
    source, target = frame.source, frame.target
    if category == "MOBILIZE" and frame.passive and not source.resolved:
        source, target = target, ActorRef()  # "the navy has been deployed": its state deploys it
    if category in ("COERCE", "RETREAT") and frame.passive and not source.resolved:
        # "was arrested in Niger", "were released from captivity in Libya": the state where
        # it happens acts.
        source = _union(source, frame.place or sentence_place(sent, ActorRef(), ctx))
    if category == "CONSULT" and hosted(frame, source, target, ctx):
        # "HANOI — Esper met with top government officials": a visitor meets the hosts.
        target, mode = ActorRef(codes=list(ctx.scene), text=frame.participants.text), "visit"
    mutual = category in MUTUAL or (category == "AGREE" and frame.category in MUTUAL)
    if frame.category == "COOPERATE" and target.resolved:
        mutual = False  # "extradited the suspect to Britain": COOPERATE has a recipient
    if mutual and mode not in _DIRECTED_MODES and frame.mode not in _DIRECTED_MODES:
        source = _union(source, frame.participants, target)
        target = ActorRef()
    elif frame.participants.resolved:
        if category == "ASSAULT" and (frame.between or not source.resolved or frame.nominal):
            source = _union(source, frame.participants)
        elif category == "ASSAULT" and not target.resolved:
            target = frame.participants  # "X clashed with Y" (PLV codes Y as the recipient)
        elif not target.resolved:
            target = frame.participants
    if target.text and (
        target.text == source.text
        or (target.ids and set(target.ids) <= set(source.ids))
        or (target.text.lower() in _OBJECT_PRONOUNS and set(target.codes) <= set(source.codes))
    ):
        target = ActorRef()  # the actor is not its own recipient ("the army raided it")
    if frame.nominal and frame.anchor == frame.trigger and ctx.dyad and not source.resolved:
        source, target = dyad_sides(frame, category, target, sent, ctx)
    if category == "CONSULT" and frame.nominal and not source.resolved:
        source = reporting_party(frame, ctx)  # "the minister said negotiations are progressing"
    elif ctx.dyad and category in DIRECTED and not target.resolved and dyad_member(source, ctx):
        other = [c for c in ctx.dyad if c not in source.codes]
        target = ActorRef(codes=other, text=target.text)  # "Beijing is balking": at Washington
    elif domestic(category, source, target, ctx):
        target = ActorRef(codes=list(ctx.actors.home), text=target.text)  # domestic acts
    if not target.codes and category in _LOCATED and frame.place is not None:
        target = _union(target, frame.place)
    if not target.codes and category in _AT_SCENE and not two_sided(source, frame):
        target = _union(target, sentence_place(sent, source, ctx))
    where = ctx.scene or ctx.setting
    if where and set(where) <= set(source.codes) and dyad_member(source, ctx):
        where = [c for c in ctx.dyad if c not in where]  # the setting's side acts on the other
    if not target.codes and category in _AT_SCENE and where and not two_sided(source, frame):
        target = _union(target, ActorRef(codes=list(where)))  # where the story happens
    elif (
        not target.codes
        and (frame.category == "AID" or any(i.category == "AID" for i in frame.inner))
        and where
        and not set(where) & set(source.codes)
    ):
        target = _union(target, ActorRef(codes=list(where)))  # aid sent to where the story is
    if not source.resolved and frame.between and frame.participants.resolved:
        source, target = _union(source, frame.participants), ActorRef()  # "a deal between X and Y"
    if category == "PROTEST" and not source.resolved and frame.place is not None:
        source = _union(source, frame.place)  # protesters in a country are its people
    if not keep(category, source, target, frame.passive):
        return None
    ctx.told(category, source)
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
    confidence += 0.0 if frame.nominal and frame.anchor == frame.trigger else 0.1
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


def _trim(sent: Any) -> tuple[int, int]:
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end
