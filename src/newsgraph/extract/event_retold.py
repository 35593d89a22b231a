"""A happening named again is the one told before.

"Washington and Beijing held trade talks on Monday. ... Two people briefed on the talks said
..." tells the talks once: "the talks" points back to the happening an earlier sentence told
(GUIDELINES: one happening told twice is one event, its first statement is the evidence). A
noun trigger with a definite determiner or a possessor ("the talks", "the 11-week conflict",
"the ministry's allegations"), a verb of an act said to go on ("the two sides continue to
negotiate") or of a relative clause ("the purchases Trump requested"), not dated by its own
words, is folded into the earlier event of its type whose actors it shares (in the same
direction when both have recipients), its sentence kept in ``evidence_more``.
"""

from __future__ import annotations

from typing import Any

from ..model import Event

_GOING_ON = frozenset({"continue", "keep"})
"""Verbs whose complement is an act going on, so told before ("the two sides continue to
negotiate")."""
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _side(event: Event, side: str) -> set[str]:
    """The countries and actor ids of one side ("source" or "target") of an event."""
    return {*getattr(event, side), *getattr(event, f"{side}_ids")}


def _named_again(doc: Any, event: Event) -> bool:
    """Whether the trigger names a known act: a definite noun or an act said to go on."""
    if event.trigger is None:
        return False
    span = doc.char_span(event.trigger.start, event.trigger.end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.pos_ == "VERB":
        if token.dep_ in ("relcl", "acl"):
            return True  # "the purchases Trump requested": what a noun is known by
        return token.dep_ == "xcomp" and token.head.lemma_.lower() in _GOING_ON
    if token.pos_ != "NOUN":
        return False
    if any(c.dep_ in ("nmod", "poss") and c.ent_type_ in ("DATE", "TIME") for c in token.lefts):
        return False  # "its Oct. 7 attack", "last weekend's call": which one, by its day
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in token.children
    )


def _told_before(earlier: Event, later: Event) -> bool:
    if earlier.type != later.type or earlier.status != later.status:
        return False
    if earlier.evidence.end > later.evidence.start:
        return False  # only a happening an earlier sentence told
    if earlier.date_basis == later.date_basis == "text" and earlier.date != later.date:
        return False  # both dated by their own words, to different days: two happenings
    source, target = _side(later, "source"), _side(later, "target")
    earlier_source, earlier_target = _side(earlier, "source"), _side(earlier, "target")
    if target and earlier_target:
        # Two directed acts: the same direction ("the Oct. 7 attack" on Israel is not Israel's).
        return source <= earlier_source and target <= earlier_target
    if target:
        return False  # one side's attack ("a group that massacred Israelis") is not the war
    return bool(source) and source <= earlier_source | earlier_target


def fold_retold(events: list[Event], doc: Any) -> list[Event]:
    """Fold each event a definite noun names again into the earlier event that told it."""
    kept: list[Event] = []
    for event in events:
        first = (
            next((k for k in kept if _told_before(k, event)), None)
            if _named_again(doc, event)
            else None
        )
        if first is None:
            kept.append(event)
        else:
            first.evidence_more = [*first.evidence_more, event.evidence, *event.evidence_more]
    return kept
