"""Events as lines of text for a person (``newsgraph events``, the text report).

The story's main happenings come first, marked ``*``; then the others in text order. Each
line gives the date (a publication date standing in for a date the text does not give is
followed by ``~``), the type and mode, who acted on whom, the status and attribution, and the
start of the evidence sentence. Actors are named by country code and, for people and
organisations, by name ("USA (Mark Esper)"); a side the coder could not resolve shows the
words of the text in quotation marks, and only a side with nothing at all shows ``?``.
"""

from __future__ import annotations

from ..model import Analysis, Event

_EVIDENCE = 90
_SIDE = 28


def _side(codes: list[str], ids: list[str], text: str | None, names: dict[str, str]) -> str:
    named = [names.get(i, i.split(":", 1)[-1]) for i in ids]
    if codes:
        side = "+".join(codes)
        return f"{side} ({', '.join(named)})" if named else side
    if named:
        return ", ".join(named)
    if text:
        return f"“{text.split(';')[0].strip()}”"
    return ""


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def event_line(event: Event, names: dict[str, str]) -> str:
    """Return one event as a line of text (module docstring)."""
    source = _side(event.source, event.source_ids, event.source_text, names) or "?"
    target = _side(event.target, event.target_ids, event.target_text, names) or "-"
    mode = f"/{event.mode}" if event.mode else ""
    date = event.date or "?"
    if event.date_basis == "published":
        date += "~"
    evidence = _fit(event.evidence.text.replace("\n", " "), _EVIDENCE)
    marker = "*" if event.main else " "
    return (
        f"{marker} {date:11} {event.type + mode:<22} {_fit(source, _SIDE):>{_SIDE}} -> "
        f"{_fit(target, _SIDE):<{_SIDE}} {event.status:<12} {event.attribution:<8}  {evidence}"
    )


def format_events(analysis: Analysis) -> str:
    """Return the events of an analysis as text, main events first (module docstring)."""
    names = {a.id: a.name for a in analysis.actors}
    ordered = sorted(analysis.events, key=lambda e: not e.main)
    lines = [event_line(event, names) for event in ordered]
    if any(e.date_basis == "published" for e in ordered):
        lines.append("  (~ no date in the text: the publication date stands in)")
    if any(e.main for e in ordered):
        lines.append("  (* the story's main happenings, from its headline and lead)")
    return "\n".join(lines)
