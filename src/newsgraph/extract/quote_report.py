"""Who said what, readable: the quotes of an analysis grouped by speaker (``newsgraph quotes``)."""

from __future__ import annotations

from ..model import Analysis, Quote, Speaker


def format_quotes(analysis: Analysis) -> str:
    """Return who said what in ``analysis``, one block per speaker, readable in a terminal.

    Args:
        analysis: an analysis with quotes.

    Returns:
        Lines such as ``Maria Lopez (person:maria-lopez)`` followed by each quote's kind,
        text, cue and offsets; anonymous and unresolved speakers come last.
    """
    groups: dict[str, list[Quote]] = {}
    for quote in analysis.quotes:
        groups.setdefault(_speaker_label(quote.speaker), []).append(quote)
    lines: list[str] = []
    for label in sorted(groups, key=lambda k: (k.startswith("("), k)):
        lines.append(label)
        for quote in groups[label]:
            cue = f" [{quote.cue.text}]" if quote.cue is not None else ""
            mention = quote.speaker.text if quote.speaker is not None else None
            via = f' via "{mention}"' if mention and mention != label else ""
            lines.append(f'  {quote.kind:9} "{quote.text}"{cue}{via} @{quote.start}-{quote.end}')
    return "\n".join(lines) if lines else "(no quotes)"


def _speaker_label(speaker: Speaker | None) -> str:
    if speaker is None:
        return "(no speaker)"
    if speaker.anonymous:
        return f"(anonymous: {speaker.text})"
    if speaker.name:
        return f"{speaker.name} ({speaker.actor})" if speaker.actor else speaker.name
    return f"(unresolved: {speaker.text})"
