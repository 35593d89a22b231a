"""Acts told inside other acts that are events of their own.

Most triggers a verb governs are part of its event ("threatened to impose sanctions" is one
threat). Two kinds are also happenings the story states, coded beside the act that holds them
(GUIDELINES: background events are annotated with their own date):

- an attack a statement condemns, done by an actor the sentence names ("the ministry
  condemned the massacres committed by Israeli forces");
- a measure in force that a verb would end ("roll back the existing tariffs on Chinese goods",
  "lift the sanctions imposed in 2019"): the measure was imposed, whatever becomes of it.
"""

from __future__ import annotations

from typing import Any

from .event_lexicon import MATERIAL_CONFLICT, Entry
from .event_roles import Context, Frame, nominal_arguments, place_of

_IN_FORCE = frozenset({"existing", "current", "standing", "remaining", "exist"})
"""Modifiers that say a measure is in force ("existing tariffs")."""
_NOT_YET = frozenset({"planned", "plan", "proposed", "propose", "new", "threatened", "possible"})
"""Modifiers that say a measure is not in force yet ("his planned tariffs")."""
_MEASURES = frozenset({"SANCTION", "COERCE"})
_EASING = frozenset({"CONCEDE", "RETREAT"})
_ENDED = frozenset({"dobj", "obj", "nsubjpass"})


def told_inside(frames: list[Frame], found: dict[int, Entry], ctx: Context) -> list[Frame]:
    """Return the acts held by ``frames`` (at any depth) that are events of their own."""
    told = []
    stack = list(frames)
    while stack:
        frame = stack.pop()
        told += [i for i in frame.inner if condemned_act(frame, i)]
        if frame.category in _EASING and frame.entry.pos == "V":
            for obj in _ended(frame.anchor):
                entry = found.get(obj.i)
                measure = measure_in_force(obj, entry, ctx) if entry is not None else None
                if measure is not None:
                    if not measure.source.resolved:
                        measure.source = frame.source  # who lifts a measure imposed it
                    told.append(measure)
        stack += frame.inner
    return told


def _ended(verb: Any) -> list[Any]:
    """Return the objects an ending verb ends, through a quantity ("any of his tariffs")."""
    objects = []
    for obj in (c for c in verb.children if c.dep_ in _ENDED):
        objects.append(obj)
        objects += [
            g
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ == "of" and obj.pos_ in ("PRON", "NUM", "DET")
            for g in p.children
            if g.dep_ == "pobj"
        ]
    return objects


def condemned_act(frame: Frame, inner: Frame) -> bool:
    """Whether an act a statement condemns is told as a happening of its own."""
    return (
        frame.category in ("ACCUSE", "PROTEST")
        and inner.nominal
        and inner.category in MATERIAL_CONFLICT
        and inner.source.resolved
        and not set(inner.source.codes) & set(frame.source.codes)
    )


def in_force(noun: Any) -> bool:
    """Whether a measure noun is said to be in force.

    "Existing tariffs", "the tariffs imposed on Sept. 1", "his tariffs" (an actor's measure
    exists; "his planned tariffs" does not yet).
    """
    if any(c.dep_ == "amod" and c.lemma_.lower() in _NOT_YET for c in noun.children):
        return False
    for child in noun.children:
        if child.dep_ == "amod" and child.lemma_.lower() in _IN_FORCE:
            return True
        if child.dep_ == "poss":
            return True
        if child.dep_ == "acl" and child.tag_ == "VBN":
            return True
    return False


def measure_in_force(obj: Any, entry: Entry, ctx: Context) -> Frame | None:
    """Return the frame of a measure in force that an ending verb takes as object."""
    if entry.category not in _MEASURES or not in_force(obj):
        return None
    frame = Frame(obj, obj, entry, entry.category, entry.mode, nominal=True)
    nominal_arguments(frame, obj, ctx)
    frame.place = place_of(frame, ctx)
    return frame
