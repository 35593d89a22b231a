"""Events told twice in one article become one.

A caption and the body telling the same summit are one event with two evidence spans; in one
sentence, "7 soldiers were killed or wounded" is one attack, and a victim's side of an attack
the sentence also tells with its actor ("29 soldiers were injured in battles with X") is that
attack.
"""

from __future__ import annotations

from typing import Any

from ..model import Event
from .event_lexicon import MUTUAL

_DIRECTED_MODES = frozenset({"visit", "invite"})


def _actor_set(event: Event) -> frozenset[str]:
    return frozenset(event.source) | frozenset(event.target) | frozenset(event.target_ids)


def _same_happening(a: Event, b: Event) -> bool:
    if a.evidence.text == b.evidence.text and a.type == b.type:
        return True  # the same sentence printed twice (a caption repeated in the body)
    if (
        a.type != b.type
        or a.status != b.status
        or not _actor_set(a)
        or _actor_set(a) != _actor_set(b)
    ):
        return False
    if bool(a.target or a.target_ids) == bool(b.target or b.target_ids):
        if set(a.source) != set(b.source) or set(a.target) != set(b.target):
            return False
    elif a.type not in MUTUAL:
        return False
    if a.mode != b.mode and ((a.mode and b.mode) or "invite" in (a.mode, b.mode)):
        return False
    if a.target and b.target and (a.source, a.target) != (b.source, b.target):
        return False
    if a.date_basis == b.date_basis == "text" and (a.type in MUTUAL or _act(a) == _act(b)):
        return a.date == b.date  # both dated by their own words: the same day, the same event
    weak = ("published", "context", None)
    same_act = _act(a) == _act(b)
    return same_act and (a.date == b.date or a.date_basis in weak or b.date_basis in weak)


def _act(event: Event) -> str:
    """The trigger word's stem ("sanctions" and "sanctioned", "raided" and "raiding")."""
    if not event.trigger:
        return event.type
    word = event.trigger.text.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            word = word[: -len(suffix)]
            break
    return word[:5]


def _rank(event: Event) -> tuple[bool, int]:
    # The first full sentence that tells it (GUIDELINES: "its first statement is the
    # evidence"); captions seldom end with a full stop.
    text = event.evidence.text.rstrip("\"'”’)")
    return (text.endswith((".", "!", "?")), -event.evidence.start)


def merge_duplicates(events: list[Event]) -> list[Event]:
    """Merge events that tell the same happening, keeping every sentence as evidence.

    Two events are the same happening when type, status and the set of actors agree, their
    modes do not conflict (a visit and a meeting agree; an invitation agrees with nothing
    else), and either both are dated by their own words to the same day, or they use the same
    trigger word and their dates agree (or one of them only has the publication date).
    """
    merged: list[Event] = []
    # Only events sharing a type and a sentence, or a type, a status and actors, can be one
    # happening: look among those (in order), not at every event kept, so that an article of
    # thousands of events does not take time growing with their square.
    candidates: dict[tuple[object, ...], list[int]] = {}
    for event in events:
        near = sorted({i for key in _merge_keys(event) for i in candidates.get(key, ())})
        for i in near:
            kept = merged[i]
            if _same_happening(kept, event) and kept.evidence.start != event.evidence.start:
                first, second = (kept, event) if _rank(kept) >= _rank(event) else (event, kept)
                first.evidence_more = [*first.evidence_more, second.evidence, *second.evidence_more]
                if second.date_basis == "text" and first.date_basis != "text":
                    first.date, first.date_granularity = second.date, second.date_granularity
                    first.date_basis = "text"  # the date the text gives, wherever it gives it
                first.location = first.location or second.location
                if second.mode not in _DIRECTED_MODES:
                    first.mode = first.mode or second.mode
                first.confidence = round(
                    min(0.95, max(first.confidence, second.confidence) + 0.05), 2
                )
                merged[i] = first
                for key in _merge_keys(event):
                    candidates.setdefault(key, []).append(i)
                break
        else:
            merged.append(event)
            for key in _merge_keys(event):
                candidates.setdefault(key, []).append(len(merged) - 1)
    return merged


def _merge_keys(event: Event) -> list[tuple[object, ...]]:
    """What two events told as one happening always share (see :func:`_same_happening`)."""
    keys: list[tuple[object, ...]] = [("sentence", event.type, event.evidence.text)]
    actors = _actor_set(event)
    if actors:
        keys.append(("actors", event.type, event.status, actors))
    return keys


def _actors(event: Event, side: str) -> set[str]:
    return set(getattr(event, side)) | set(getattr(event, f"{side}_ids"))


def _told_within(event: Event, other: Event) -> bool:
    """Whether ``event`` tells, in the same sentence, the act ``other`` tells."""
    if event.type != other.type or event is other:
        return False
    source, target = _actors(event, "source"), _actors(event, "target")
    if not source:
        # The victims' side of an attack whose actor the sentence names.
        return bool(target) and target <= _actors(other, "target")
    if source != _actors(other, "source") or target != _actors(other, "target"):
        return False
    if event.date_basis == other.date_basis == "text" and event.date != other.date:
        return False  # "100 tests in the last year, and its first ICBM test on Monday"
    # The same actors and the same recipient phrase ("killed or wounded 7 soldiers"), or no
    # recipient at all ("has pushed back against calls ... and vetoed").
    return not target or (bool(event.target_text) and event.target_text == other.target_text)


def _same_act_word(event: Event, other: Event) -> bool:
    """Whether ``event`` names again, by the same word, the act ``other`` tells.

    "The war between Israel and Hamas is raging ... and it's a media war many would say Hamas
    is winning", "they want to make a deal ..., but we could have a deal": one word for one
    happening, its actors among those of the first.
    """
    if event.type != other.type or event is other or _act(event) != _act(other):
        return False
    if event.date_basis == other.date_basis == "text" and event.date != other.date:
        return False  # "100 tests in the last year, and its first ICBM test on Monday"
    actors, others = (
        _actor_set(event) | set(event.source_ids),
        _actor_set(other) | set(other.source_ids),
    )
    return bool(actors) and (actors <= others or others <= actors)


def merge_in_sentence(events: list[Event]) -> list[Event]:
    """Drop the events of one sentence that tell an act another of its events tells."""
    kept: list[Event] = []
    for event in events:
        if any(_told_within(event, other) or _same_act_word(event, other) for other in kept) or any(
            not _actors(event, "source") and _told_within(event, other)
            for other in events
            if other is not event and _actors(other, "source")
        ):
            continue
        kept.append(event)
    return kept


def merge_conjoined(events: list[Event], anchors: dict[int, Any]) -> list[Event]:
    """Keep one event for verbs joined in one clause that tell one act of one actor.

    "Militants stormed across the border and killed 1,200 people" is one attack (GUIDELINES:
    one happening is one event), "shut down 300 accounts and punished 60 people" two acts on
    two recipients; ``anchors`` maps each event's trigger offset to its clause's verb.
    """
    kept: list[Event] = []
    for event in events:
        anchor = anchors.get(event.trigger.start) if event.trigger else None
        twin = next(
            (
                k
                for k in kept
                if anchor is not None
                and k.trigger is not None
                and k.type == event.type
                and k.status == event.status
                and _actors(k, "source")
                and _actors(k, "source") == _actors(event, "source")
                and (k.mode == event.mode or not (k.mode and event.mode))
                and (
                    k.target_text == event.target_text or not (k.target_text and event.target_text)
                )
                and not (k.date_basis == event.date_basis == "text" and k.date != event.date)
                and (other := anchors.get(k.trigger.start)) is not None
                and other.pos_ == anchor.pos_ == "VERB"
                and anchor in other.conjuncts
            ),
            None,
        )
        if twin is None:
            kept.append(event)
        elif not twin.target and event.target:
            twin.target, twin.target_ids = list(event.target), list(event.target_ids)
    return kept
