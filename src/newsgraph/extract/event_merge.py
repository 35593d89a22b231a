"""Events told twice in one article become one; events printed one line each.

Split from :mod:`.events`: :func:`merge_duplicates` (a caption and the body telling the same
summit are one event with two evidence spans) and :func:`format_events` (``newsgraph events``).
"""

from __future__ import annotations

from ..model import Analysis, Event
from .event_lexicon import MUTUAL

_DIRECTED_MODES = frozenset({"visit", "invite"})


def _actor_set(event: Event) -> frozenset[str]:
    return frozenset(event.source) | frozenset(event.target)


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
    if bool(a.target) == bool(b.target):
        if set(a.source) != set(b.source) or set(a.target) != set(b.target):
            return False
    elif a.type not in MUTUAL:
        return False
    if a.mode != b.mode and ((a.mode and b.mode) or "invite" in (a.mode, b.mode)):
        return False
    if a.target and b.target and (a.source, a.target) != (b.source, b.target):
        return False
    weak = ("published", "context", None)
    return a.date == b.date or a.date_basis in weak or b.date_basis in weak


def _rank(event: Event) -> tuple[bool, bool, int]:
    # Prefer a dated sentence, then a full sentence (captions seldom end with a full stop).
    text = event.evidence.text.rstrip("\"'”’)")
    return (event.date_basis == "text", text.endswith((".", "!", "?")), len(text))


def merge_duplicates(events: list[Event]) -> list[Event]:
    """Merge events that tell the same happening, keeping every sentence as evidence.

    Two events are the same happening when type, status and the set of actors agree, their
    modes do not conflict (a visit and a meeting agree; an invitation agrees with nothing
    else), and their dates agree or one of them only has the publication date.
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


def format_events(analysis: Analysis) -> str:
    """Return the events of an analysis as text, one line each: who did what to whom, when."""
    lines = []
    for event in analysis.events:
        source = "+".join(event.source) or "?"
        target = "+".join(event.target) or "-"
        mode = f"/{event.mode}" if event.mode else ""
        extra = getattr(event, "attribution", "article")
        text = event.evidence.text.replace("\n", " ")
        if len(text) > 90:
            text = text[:87] + "..."
        lines.append(
            f"{event.date or '?':10}  {event.type}{mode:<14} {source:>11} -> {target:<11} "
            f"{event.status:<12} {extra:<8}  {text}"
        )
    return "\n".join(lines)
