"""Who an act involves when its sentence does not say: the story's setting, sides and home.

A reader fills in what a sentence leaves out from the story around it:

- an act on people whose sentence names one place falls there ("a village in Western
  Cambodia"); a sentence whose only countries are the actor's own tells a domestic act;
- in a story about two countries (:func:`.event_setting.story_dyad`), a two-sided act with no
  party named is theirs ("the trade war"), an act aimed at someone with no recipient named is
  aimed at the other side ("Beijing is balking"), and a noun that names only the recipient of
  a one-sided act has the other side as actor ("the tariffs on Chinese goods");
- in a story about one country (:func:`.event_holders.home_country`), its acts with no
  recipient named are domestic;
- a foreign actor meeting unnamed officials where the story is filed visits its hosts;
- talks whose parties the sentence does not name, reported by a speaker, are the speaker's
  side's talks ("the foreign minister said negotiations are progressing").
"""

from __future__ import annotations

from typing import Any

from ..nlp import doc_text
from .event_actors import ActorRef
from .event_roles import Context, Frame

ONE_SIDED = frozenset({"SANCTION", "ASSAULT", "COERCE", "THREATEN"})
"""Acts whose actor, when a noun names only their recipient, is the dyad's other side."""
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "across", "throughout", "outside"})
DIRECTED = frozenset(
    {"REQUEST", "REJECT", "AGREE", "THREATEN", "ACCUSE", "SANCTION", "CONCEDE", "RETREAT"}
)
"""Acts aimed at someone: in a two-country story, told without a recipient, at the other."""


def domestic(category: str, source: ActorRef, target: ActorRef, ctx: Context) -> bool:
    """Whether, in a story about one country, its act has no recipient named."""
    home = set(ctx.actors.home)
    return bool(
        home
        and category in DIRECTED
        and not target.resolved
        and source.codes
        and set(source.codes) <= home
    )


def dyad_member(source: ActorRef, ctx: Context) -> bool:
    """Whether an event's actor is one side of the story's dyad and nothing else."""
    return len(source.codes) == 1 and source.codes[0] in ctx.dyad


def dyad_sides(
    frame: Frame, category: str, target: ActorRef, sent: Any, ctx: Context
) -> tuple[ActorRef, ActorRef]:
    """Return the sides of an act a noun names without its actor, from the story's dyad.

    "More than a year into the trade war": a two-sided act (``mutual`` in the lexicon) told in
    a sentence that names no party, or only the dyad's, is the dyad's; "the tariffs on Chinese
    goods" in a story about the United States and China are the other side's.
    """
    dyad = ctx.dyad
    if "mutual" in frame.entry.roles and not target.resolved and not frame.participants.resolved:
        named = ctx.actors.sentence_refs(sent, sent.end_char)
        if all(r.codes and set(r.codes) <= set(dyad) for r in named):
            return ActorRef(codes=list(dyad)), ActorRef()
    if category in ONE_SIDED and len(target.codes) == 1 and target.codes[0] in dyad:
        other = [c for c in dyad if c != target.codes[0]]
        return ActorRef(codes=other, text=""), target
    return ActorRef(), target


def hosted(frame: Frame, source: ActorRef, target: ActorRef, ctx: Context) -> bool:
    """Whether a foreign actor meets unnamed officials where the story is filed."""
    others = frame.participants if frame.participants.text else target
    return bool(
        ctx.scene
        and source.codes
        and not set(ctx.scene) & set(source.codes)
        and not others.resolved
        and others.agent
    )


def sentence_place(sent: Any, source: ActorRef, ctx: Context) -> ActorRef:
    """Return where a sentence says its act on people falls, when it names one place.

    "Vietnamese forces retook a village in Western Cambodia": Cambodia. A sentence whose only
    countries are the actor's own tells a domestic act ("Egyptian police opened fire to
    disperse demonstrators"), unless the story is about two sides (:func:`dyad_sides`).
    """
    found = {
        code: doc_text(sent.doc)[start:end]
        for start, end, actor in ctx.actors.mentions_in(sent.start_char, sent.end_char)
        if actor.kind in ("country", "place")
        and (code := actor.id if actor.kind == "country" else actor.country)
        and _locative(sent.doc, start, end, ctx)
    }
    places = set(found)
    if len(places) == 1 and not (places <= set(source.codes) and dyad_member(source, ctx)):
        return ActorRef(codes=list(places), text=next(iter(found.values())))
    named = {c for r in ctx.actors.sentence_refs(sent, sent.end_char) for c in r.codes}
    if source.codes and named <= set(source.codes) and not ctx.dyad and not ctx.setting:
        return ActorRef(codes=list(source.codes))
    return ActorRef()


def _locative(doc: Any, start: int, end: int, ctx: Context) -> bool:
    """Whether a mention heads (or qualifies) the object of "in", "at", "near"...

    Not when it qualifies an act ("killed in an Israeli airstrike"): it names the actor.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    for _ in range(3):
        if head.dep_ not in ("compound", "amod", "nmod", "poss", "appos"):
            break
        head = head.head
        if head.pos_ == "NOUN" and _is_act(head, ctx):
            return False
    return bool(head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS)


def _is_act(noun: Any, ctx: Context) -> bool:
    entries = ctx.lex.triggers.get((noun.lemma_.lower(), "N"), ())
    return any(e.category and "obj" not in e.roles for e in entries)


def two_sided(source: ActorRef, frame: Frame) -> bool:
    """Whether a two-sided act ("the war") already has both its sides as actors."""
    return "mutual" in frame.entry.roles and len(source.codes) > 1


_REPORTED_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "ccomp"})
"""How a noun sits in the clause a speech verb reports ("said (that) negotiations are ...")."""


def reporting_party(frame: Frame, ctx: Context) -> ActorRef:
    """Return who reports a two-sided act whose parties are not named, as one of its parties.

    "The Greek foreign minister said that negotiations are progressing": Greece negotiates.
    Only the subject or object of the reported clause counts, and only a named speaker.
    """
    noun = frame.trigger
    if "mutual" not in frame.entry.roles or frame.participants.resolved or frame.target.resolved:
        return frame.source
    clause = noun.head
    if noun.dep_ not in _REPORTED_DEPS or clause.dep_ != "ccomp":
        return frame.source
    verb = clause.head
    if verb.lemma_.lower() not in ctx.lex.speech:
        return frame.source
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if speaker is None or not ctx.inside(speaker):
        return frame.source
    ref = ctx.actors.resolve(speaker)
    return ref if ref.resolved else frame.source
