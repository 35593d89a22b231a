"""A happening named again by a definite noun is the one told before.

"Washington and Beijing held trade talks on Monday. ... Two people briefed on the talks said
..." tells the talks once: "the talks" points back to the happening an earlier sentence told
(GUIDELINES: one happening told twice is one event, its first statement is the evidence). A
noun trigger with a definite determiner ("the talks", "the 11-week conflict", "this war") is
folded into the earlier event of its type whose actors it shares, its sentence kept in
``evidence_more``.
"""

from __future__ import annotations

from typing import Any

from ..model import Event

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _actors(event: Event) -> set[str]:
    return {*event.source, *event.target, *event.source_ids, *event.target_ids}


def _definite_noun(doc: Any, event: Event) -> bool:
    """Whether the event's trigger is a noun with a definite determiner ("the talks")."""
    if event.trigger is None:
        return False
    span = doc.char_span(event.trigger.start, event.trigger.end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.pos_ != "NOUN":
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)


def _told_before(earlier: Event, later: Event) -> bool:
    if earlier.type != later.type or earlier.status != later.status:
        return False
    if earlier.evidence.end > later.evidence.start:
        return False  # only a happening an earlier sentence told
    if earlier.date_basis == later.date_basis == "text" and earlier.date != later.date:
        return False  # "the Oct. 7 attack" after "an attack on Monday": two happenings
    actors = _actors(later)
    return bool(actors) and actors <= _actors(earlier)


def fold_retold(events: list[Event], doc: Any) -> list[Event]:
    """Fold each event a definite noun names again into the earlier event that told it."""
    kept: list[Event] = []
    for event in events:
        first = (
            next((k for k in kept if _told_before(k, event)), None)
            if _definite_noun(doc, event)
            else None
        )
        if first is None:
            kept.append(event)
        else:
            first.evidence_more = [*first.evidence_more, event.evidence, *event.evidence_more]
    return kept
