"""The date of an event: from its own clause, else its sentence, else the publication date.

A date mention governed by the trigger (or its clause's verb) is the event's date; a sentence
with one event and one date gives it that date; a past-tense event in a sentence without dates
takes the last date of the sentence before (``date_basis: context``); otherwise the
publication date, with ``date_basis: published`` saying so. A dated event after the publication
date has not happened yet: ``occurred`` becomes ``expected``.
"""

from __future__ import annotations

from typing import Any

from ..model import DateMention, Event
from .event_roles import Context, Frame
from .event_status import date_governor


def assign_dates(events: list[Event], frames: list[Frame], sent: Any, ctx: Context) -> None:
    """Give each event of one sentence its date and ``date_basis`` (module docstring)."""
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
            set_date(by_anchor[index], date, "text")
    for frame, event in zip(kept, events, strict=False):
        if event.date is not None:
            continue
        if dates and len(events) == 1:
            set_date(event, dates[0], "text")
        elif not dates and ctx.previous_dates and frame.anchor.tag_ == "VBD":
            set_date(event, ctx.previous_dates[-1], "context")
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


def set_date(event: Event, date: DateMention, basis: str) -> None:
    """Set an event's date, granularity and basis from a date mention."""
    event.date, event.date_granularity, event.date_basis = date.value, date.granularity, basis
