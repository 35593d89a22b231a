"""The roles of an event: who acts and who receives, read from the dependency parse.

A :class:`Frame` is one trigger (a verb, an eventive noun, or a light verb with its eventive
object) with the actors found for it so far. The subject (or the "by" agent of a passive) is the
source; the object, a "to"/"against"/"on" phrase or an actor named inside the object or the
complement is the target; "with"/"between" phrases are participants; a nominal trigger takes its
possessor, compound or "by"/"from" phrase as source ("Yoon's trip to Tokyo", "the killing of
civilians by troops"); a relative clause takes the noun it modifies ("the group that attacked")
and a pronoun the phrase the syntax ties it to (:mod:`.event_actors`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, DateMention
from .event_actors import ActorIndex, ActorRef, is_agent
from .event_lexicon import MUTUAL, Entry, Lexicon, lexicon
from .event_setting import story_dyad, story_setting
from .event_syntax import (
    ANSWERED,
    OBJ_DEPS,
    act_owners,
    answered,
    copular_head,
    dated,
    eventive,
    governing_verb,
    has_word,
    is_light,
    names_act,
    passive_clause,
    phrase_head,
    subject_in,
    subject_token,
    victim_of,
)

_TARGET_PREPS = frozenset({"to", "against", "on", "at", "toward", "towards", "into", "over"})
_SCENE_PREPS = frozenset({"on", "at", "over", "into"})
"""Target prepositions that may only set a scene ("on Friday", "at the summit")."""
_PARTICIPANT_PREPS = frozenset({"with", "between", "among"})
_SOURCE_PREPS = frozenset({"by", "from"})
_PLACE_PREPS = frozenset({"in", "at", "across", "throughout", "inside", "near", "around"})
_CIRCUMSTANCE_PREPS = frozenset({"after", "during", "in", "amid", "following", "before"})
_DEFINITE = frozenset({"these", "those", "this", "that", "such", "the"})
_OCCURRING = frozenset(
    {"erupt", "break", "occur", "flare", "rage", "escalate", "intensify", "resume", "happen"}
)
"""Verbs whose subject is the act itself ("clashes erupted between X and Y")."""
_RESPONSES = frozenset(
    {
        *("agree", "accept", "meet", "reject", "refuse", "bow", "accede", "yield", "respond"),
        *("comply", "heed", "ignore", "dismiss", "deny", "rebuff", "rebut", "refute", "answer"),
        *("resist", "spurn", "defy", "satisfy", "fulfil", "fulfill", "consider", "welcome"),
    }
)


@dataclass
class Frame:
    """One trigger and the actors found for it."""

    trigger: Any
    anchor: Any
    entry: Entry
    category: str
    mode: str
    source: ActorRef = field(default_factory=ActorRef)
    target: ActorRef = field(default_factory=ActorRef)
    participants: ActorRef = field(default_factory=ActorRef)
    destination: Any = None
    inner: list[Frame] = field(default_factory=list)
    nominal: bool = False
    passive: bool = False
    place: ActorRef | None = None
    between: bool = False


class Context:
    """Per-article state: lexicon, actor index, dates, quotes, publication date."""

    def __init__(self, analysis: Analysis, doc: Any) -> None:
        self.lex: Lexicon = lexicon()
        self.doc = doc
        self.analysis = analysis
        self.actors = ActorIndex(analysis, self.lex)
        self.actors.index_agents(doc)
        self.dates = sorted(
            (d for d in analysis.dates if d.value and d.field is None),
            key=lambda d: (d.start, d.end),
        )
        self.date_starts = [d.start for d in self.dates]
        self.published = (analysis.article.published or "")[:10] or None
        self.previous_dates: list[DateMention] = []
        self.unit: tuple[int, int] = (0, len(doc))
        self.history: list[tuple[str, ActorRef]] = []
        self.scene: list[str] = []
        self.setting: list[str] = story_setting(doc, analysis.actors) if doc is not None else []
        self.dyad: list[str] = story_dyad(analysis.actors)

    def inside(self, token: Any) -> bool:
        """Whether ``token`` is in the line-sentence being coded."""
        return bool(self.unit[0] <= token.i < self.unit[1])

    def told(self, category: str, source: ActorRef) -> None:
        """Remember an event told in the article (for "these accusations" later on)."""
        if source.resolved:
            self.history.append((category, source))

    def told_before(self, noun: Any) -> ActorRef | None:
        """Return the source of the act a definite event noun refers back to, if any.

        "The Pentagon rejected these accusations": the accusations are the last ACCUSE event
        told before, and their source is the recipient of the rejection.
        """
        if noun.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children
        ):
            return None
        categories = {e.category for e in self.lex.triggers.get((noun.lemma_.lower(), "N"), ())}
        for category, source in reversed(self.history):
            if category in categories:
                return ActorRef(list(source.codes), list(source.ids), noun.text, True)
        return None

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """Return the dated mentions that start inside ``[start, end)``."""
        i = bisect.bisect_left(self.date_starts, start)
        j = bisect.bisect_left(self.date_starts, end)
        return self.dates[i:j]


def complement_targets(frame: Frame, ctx: Context, refs: list[ActorRef]) -> None:
    """Fill a missing target from the clause the trigger governs ("offered to hand over to X")."""
    for comp in frame.anchor.children:
        if comp.dep_ not in ("xcomp", "ccomp") or not ctx.inside(comp):
            continue
        for child in comp.children:
            objs = [child] if child.dep_ in (*OBJ_DEPS, "dative") else []
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | _PARTICIPANT_PREPS:
                objs = [g for g in child.children if g.dep_ == "pobj"]
            if comp.dep_ == "ccomp" and child.dep_ == "nsubj":
                objs = [child]
            for obj in objs:
                owners = act_owners(obj) if answered(obj, ctx.lex) else [obj]
                for owner in owners:  # "refused to respond to a request from X": X
                    ref = ctx.actors.resolve(owner, refs)
                    if ref.resolved:
                        frame.target.extend(ref)
                        return


def buried_target(frame: Frame, ctx: Context) -> None:
    """Take the first other actor named inside the trigger's object or complement as target.

    "denounced Serbia's suppression of ...", "rejected an offer from Afghanistan", "threatened
    further action against Russia", "willing to send material to help defend Saudi Arabia",
    aid "provided ... to help people in Yemen".
    The target's text is the noun phrase the actor is named in ("Greek refugee camps").
    """
    own = set(frame.source.codes) | set(frame.source.ids)
    doc = ctx.doc
    for child in frame.anchor.children:
        if child.dep_ not in (*OBJ_DEPS, "xcomp", "ccomp", "prep", "dative", "advcl"):
            continue
        if not ctx.inside(child) or (child.dep_ == "advcl" and not _purpose(child, frame)):
            continue
        tokens = [t for t in child.subtree if ctx.inside(t)]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        for m_start, m_end, actor in ctx.actors.mentions_in(start, end):
            span = doc.char_span(m_start, m_end, alignment_mode="expand")
            if span is None or (actor.kind == "place" and not actor.country):
                continue
            ref = ctx.actors.resolve(phrase_head(span.root))
            if not ref.resolved:
                ref = ctx.actors.ref([actor], span.text)
            if ref.resolved and not (set(ref.codes) | set(ref.ids)) & own:
                frame.target.extend(ref)
                return


def _purpose(clause: Any, frame: Frame) -> bool:
    """Whether an aid clause says whom it is for ("provided $5m to help people in Yemen")."""
    return frame.category == "AID" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def verbal_arguments(frame: Frame, ctx: Context) -> None:
    """Fill the source, target and participants of a verbal frame from the parse."""
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
    reduced = False
    if (
        subject is None
        and verb.dep_ in ("acl", "advcl")
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
    ):
        # "the hostages taken during its attack", "20,057 deaths and 50,000 wounded": a bare
        # past participle is passive (a description: not an act told with an unknown actor,
        # see event_gate.keep).
        subject, reduced = subject_token(verb), True
    elif subject is None:
        subject = subject_token(verb)
        # "were killed or wounded": a participle joined to a passive verb is passive too.
        passive = subject is not None and (
            (
                subject.dep_ == "nsubjpass"
                and verb.dep_ == "conj"
                and verb.tag_ == "VBN"
                and subject.head.i == verb.head.i
            )  # "... but has been targeted": a conjunct verb in the passive voice
            or (verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children))
        )
    frame.passive = passive
    passive = passive or reduced
    if subject is not None and not ctx.inside(subject):
        # A dateline parsed as the subject ("HANOI (AP) — Defense Secretary Esper accused"):
        # the subject is the apposition that follows it.
        inside = [c for c in subject.children if c.dep_ == "appos" and ctx.inside(c)]
        subject = inside[-1] if inside else None
    if subject is not None and subject.lower_ in ("who", "which", "that"):
        # "the vessel that was seized", "the group that attacked": the noun it qualifies.
        subject = verb.head if verb.dep_ == "relcl" else None
    objects = [c for c in verb.children if c.dep_ in (*OBJ_DEPS, "dative", "iobj")]
    objects = [o for o in objects if frame.trigger not in o.subtree and ctx.inside(o)]
    # "imposed a curfew": an object that names the act is not its recipient, but whose act it
    # answers is ("accepted demands from the rebels", "accepted the rebels' demands").
    acts = [o for o in objects if names_act(o, frame.entry, ctx.lex) or answered(o, ctx.lex)]
    objects = [o for o in objects if o not in acts]
    for act in acts:
        for owner in act_owners(act):
            frame.target.extend(ctx.actors.resolve(owner, refs))
    if subject is not None and subject != frame.trigger:
        ref = ctx.actors.resolve(subject, refs)
        if not ref.resolved and frame.category == "ASSAULT" and not passive:
            ref = _instrument_agent(subject, ctx, refs) or ref
            # "an airstrike on a house killed six people": told from its victims, as a passive
            frame.passive = not ref.resolved and eventive(subject, ctx.lex)
        if passive or reverse:
            frame.target = ref
        else:
            frame.source = ref
    object_refs = []
    for obj in objects:
        ref = ctx.actors.resolve(obj, refs)
        if not ref.resolved:
            ref = ctx.told_before(obj) or ref  # "rejected these accusations": the accusers
        object_refs.append((obj, ref))
    # A named object is the recipient before a phrase of place or time ("On an episode of
    # the show, X lampooned the BBC").
    named_object = not reverse and any(ref.resolved for _, ref in object_refs)
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
                frame.between = frame.between or word != "with"
            elif word in _TARGET_PREPS and word in _SCENE_PREPS and (named_object or dated(prep)):
                continue
            elif word in _TARGET_PREPS and not frame.target.resolved:
                frame.target.extend(ctx.actors.resolve(obj, refs))
                frame.destination = frame.destination or (obj if word in ("to", "in") else None)
            elif word in _SOURCE_PREPS and reverse:
                frame.source.extend(ctx.actors.resolve(obj, refs))
    for obj, ref in object_refs:
        if reverse and not frame.nominal:
            frame.source.extend(ref)
        elif not frame.target.resolved:
            frame.target.extend(ref)
            frame.destination = frame.destination or obj
    if frame.nominal:
        nominal_arguments(frame, frame.trigger, ctx, reverse=reverse)
    if passive and frame.category == "ASSAULT" and not frame.source.resolved:
        claimant = _claimant(verb, frame.target, ctx, refs)
        if claimant is not None:
            frame.source = claimant  # "Hamas announced that 7 Israeli soldiers were killed"
    if not frame.target.resolved and frame.category not in MUTUAL:
        complement_targets(frame, ctx, refs)
    if not (frame.target.resolved or frame.participants.resolved) and frame.category not in MUTUAL:
        buried_target(frame, ctx)
    frame.place = frame.place or place_of(frame, ctx)
    for inner in frame.inner:  # borrow what the governed trigger knows
        if not frame.target.resolved:
            frame.target.extend(inner.target if inner.target.resolved else inner.participants)
            if not frame.target.resolved and inner.source.resolved and inner.nominal:
                frame.target.extend(inner.source)
        frame.destination = frame.destination or inner.destination


def _claimant(verb: Any, victims: ActorRef, ctx: Context, refs: list[ActorRef]) -> ActorRef | None:
    """Return who announces casualties of the other side, claiming the attack.

    "The Al-Quds Brigades announced that 7 Israeli soldiers were killed": the announcer's
    country (or group's) differs from the victims', so the announcer claims the attack.
    """
    clause = verb
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in ctx.lex.speech:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or not victims.codes or not ctx.inside(speaker):
        return None
    ref = ctx.actors.resolve(speaker, refs)
    if not ref.codes or set(ref.codes) & set(victims.codes):
        return None
    return ref


def _instrument_agent(subject: Any, ctx: Context, refs: list[ActorRef]) -> ActorRef | None:
    """Return who wielded a weapon or act that is a clause's subject.

    "The missiles fired by the Israeli military struck ...", "A car bombing by the Islamic
    State group killed ...": the subject is the instrument, its agent the actor.
    """
    lemma = subject.lemma_.lower()
    eventive = any(e.category == "ASSAULT" for e in ctx.lex.triggers.get((lemma, "N"), ()))
    if not eventive and lemma not in ctx.lex.military and lemma not in ctx.lex.modes:
        return None
    phrases = []
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            phrases += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "acl":  # "missiles fired by the army"
            for agent in (a for a in child.children if a.dep_ == "agent"):
                phrases += [g for g in agent.children if g.dep_ == "pobj"]
    for phrase in phrases:
        ref = ctx.actors.resolve(phrase, refs)
        if ref.resolved or ref.proper:
            return ref
    return None


def _owned_act(noun: Any, ctx: Context) -> bool:
    """Whether a noun is an act its modifier gives an actor ("an Israeli airstrike")."""
    if noun.pos_ != "NOUN" or not any(
        e.category for e in ctx.lex.triggers.get((noun.lemma_.lower(), "N"), ())
    ):
        return False
    return any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE", "ORG")
        for c in noun.children
    )


def place_of(frame: Frame, ctx: Context) -> ActorRef | None:
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
                if _owned_act(obj, ctx):
                    continue  # "killed in an Israeli airstrike in Gaza": the act, not a place
                ref = ctx.actors.resolve(obj)
                if ref.resolved or obj.pos_ == "PROPN":
                    return ref
    return None


def nominal_arguments(frame: Frame, noun: Any, ctx: Context, reverse: bool = False) -> None:
    """Fill the source, target and participants of a nominal trigger from its dependents."""
    refs = ctx.actors.sentence_refs(ctx.doc[ctx.unit[0] : ctx.unit[1]], noun.idx)
    source = ActorRef()
    dependents = list(noun.children)
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and not is_agent(noun.head):
        # "the Japanese government's aid package to Peru": the act's arguments are the
        # phrase's ("the occupation forces" name an actor, not an act).
        dependents += [c for c in noun.head.children if c.i != noun.i and c.dep_ != "compound"]
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _OCCURRING:
        # "clashes erupted between X and Y", "fighting broke out with Y": the verb only says
        # the act happened, its phrases are the act's.
        dependents += [c for c in noun.head.children if c.dep_ == "prep"]
    for child in dependents:
        if not ctx.inside(child):
            continue
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod", "nmod") and child.lemma_.lower() != frame.entry.with_
        ):
            ref = ctx.actors.resolve(child, refs)
            if ref.resolved or child.dep_ == "poss":
                source.extend(ref)
        elif child.dep_ == "prep" and not dated(child):
            word = child.lower_
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                ref = ctx.actors.resolve(obj, refs)
                if word in _SOURCE_PREPS:
                    source.extend(ref)
                elif word in _PARTICIPANT_PREPS:
                    frame.participants.extend(ref)
                    frame.between = frame.between or word != "with"
                elif (word in _TARGET_PREPS or word == "of") and not frame.target.resolved:
                    frame.target.extend(ref)
                    if word == "to":
                        frame.destination = obj
    if reverse:
        frame.source.extend(source)
    elif not frame.source.resolved and not frame.source.named:
        frame.source = source
    if not frame.source.resolved and not reverse:
        for acl in (c for c in noun.children if c.dep_ == "acl" and ctx.inside(c)):
            for agent in (g for g in acl.children if g.dep_ == "agent"):
                for obj in (g for g in agent.children if g.dep_ == "pobj"):
                    frame.source.extend(ctx.actors.resolve(obj, refs))  # "massacres committed by"
    governor = governing_verb(noun)
    if governor is not None and frame.anchor == noun and not reverse:
        subject = subject_token(governor)
        if subject is not None and ctx.inside(subject) and subject != noun:
            if (
                frame.category in MUTUAL
                and frame.participants.resolved
                and not frame.source.resolved
            ):
                frame.source.extend(ctx.actors.resolve(subject, refs))  # "X joined talks with Y"
            elif (
                frame.category in ANSWERED
                and governor.lemma_.lower() in _RESPONSES
                and not frame.target.resolved
            ):
                frame.target.extend(ctx.actors.resolve(subject, refs))  # "X agreed to Y's demands"
            elif (
                not frame.source.resolved and noun.dep_ == "conj" and is_light(governor, ctx.lex)
            ):  # "X expressed its rejection and condemnation of Y": X condemned
                frame.source.extend(ctx.actors.resolve(subject, refs))
    if not frame.target.resolved and not reverse and frame.anchor == noun:
        victim = victim_of(noun)  # "the base has been the target of a Russian campaign"
        if victim is not None and ctx.inside(victim):
            frame.target.extend(ctx.actors.resolve(victim, refs))
            frame.passive = True  # told from the victim's side, like a passive
    if not frame.source.resolved and not reverse and frame.anchor == noun:
        copula = copular_head(noun)
        if copula is not None:
            subject = subject_token(copula)  # "X is the largest donor of aid to Y"
            if subject is not None and ctx.inside(subject) and subject != noun:
                frame.source.extend(ctx.actors.resolve(subject, refs))
    if not frame.source.resolved and not reverse and frame.anchor == noun:
        # "X retook the village after fierce fighting": the act in a circumstance phrase of a
        # clause is the clause subject's.
        prep = noun.head
        if (
            noun.dep_ == "pobj"
            and prep.lower_ in _CIRCUMSTANCE_PREPS
            and prep.head.pos_ == "VERB"
            and prep.head.lemma_.lower() not in ctx.lex.speech
            and not passive_clause(prep.head)
        ):  # "X was killed in a bombing": the victim did not bomb
            subject = subject_token(prep.head)
            if subject is not None and ctx.inside(subject) and subject != noun:
                frame.source.extend(ctx.actors.resolve(subject, refs))
    if not frame.source.resolved and not reverse and frame.anchor == noun:
        role = _role_in(noun)
        if role is not None:
            subject = subject_token(role)
            if subject is not None and ctx.inside(subject) and subject != noun:
                frame.source.extend(ctx.actors.resolve(subject, refs))


_ROLE_VERBS = frozenset({"be", "serve", "remain", "play", "stand", "participate", "lead"})
"""Verbs that give their subject a part in an act ("has been at the forefront of the fight",
"serves as an outpost in the fight", "played a key role in the war")."""


_ROLE_PREPS = frozenset({"in", "of", "at", "as"})
_SUFFERING = frozenset({"target", "victim", "object", "focus", "subject", "casualty"})


def _role_in(noun: Any) -> Any:
    """Return the verb whose subject takes part in the act a phrase names, if any."""
    node = noun
    for _ in range(3):
        prep = node.head
        if node.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _ROLE_PREPS:
            return None
        node = prep.head
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.lemma_.lower() in _SUFFERING:
            return None  # "was the target of an attack" (event_syntax.victim_of)
        if node.dep_ in ("attr", "dobj") and node.head.pos_ in ("VERB", "AUX"):
            node = node.head  # "played a key role in the war"
            break
    if node.pos_ not in ("VERB", "AUX") or node.lemma_.lower() not in _ROLE_VERBS:
        return None
    return None if passive_clause(node) else node


__all__ = [
    "OBJ_DEPS",
    "Context",
    "Frame",
    "has_word",
    "nominal_arguments",
    "place_of",
    "subject_in",
    "verbal_arguments",
]
