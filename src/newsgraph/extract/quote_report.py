"""Who said what, readable: the quotes of an analysis in article order (``newsgraph quotes``).

Each quote is one entry: the speaker by name with their role and country from the article's
actors ("Mark Esper, Defense Secretary (USA)"), how it was said (the cue and the kind of quote)
and the words. A source the article does not name is always shown the same way,
``anonymous source ("a senior official")``; a speaker the text gives but no name resolves is
shown by the words of the text in quotation marks. The later pieces of an utterance
interrupted by its attribution are marked as going on. No ids and no offsets: the JSON
output has those.
"""

from __future__ import annotations

import textwrap

from ..model import Actor, Analysis, Quote, Speaker

WIDTH = 88
_INDENT = "    "


def format_quotes(analysis: Analysis) -> str:
    """Return who said what in ``analysis``, quote by quote in article order.

    Args:
        analysis: an analysis with quotes (and actors, for the speakers' roles).

    Returns:
        Numbered entries such as ``1. Maria Lopez, professor, Keio University (JPN) — said
        (direct)`` followed by the quote's words, or ``(no quotes)``.
    """
    actors = {a.id: a for a in analysis.actors}
    lines: list[str] = []
    number = 0
    for quote in sorted(analysis.quotes, key=lambda q: q.start):
        cue = quote.cue.text if quote.cue is not None else "—"
        if quote.continues is not None:
            head = f"{_INDENT}… goes on:"
        else:
            number += 1
            head = f"{number}. {speaker_label(quote.speaker, actors)} — {cue} ({quote.kind})"
        lines.append(head)
        lines.append(_words(quote))
    return "\n".join(lines) if lines else "(no quotes)"


def speaker_label(speaker: Speaker | None, actors: dict[str, Actor]) -> str:
    """The speaker as a reader wants it: name, role and country, or how the text calls them."""
    if speaker is None:
        return "no speaker"
    if speaker.anonymous:
        return f'anonymous source ("{speaker.text}")' if speaker.text else "anonymous source"
    if not speaker.name:
        return f'"{speaker.text}" (not named)' if speaker.text else "no speaker"
    actor = actors.get(speaker.actor or "")
    role = _role(actor) if actor is not None else ""
    country = (actor.country if actor is not None else None) or speaker.country
    label = speaker.name + (f", {role}" if role else "")
    if country and (actor is None or actor.kind != "country"):
        label += f" ({country})"
    return label


def _role(actor: Actor) -> str:
    for role in actor.roles:
        parts = [p for p in (role.title, role.organization) if p]
        if parts:
            return ", ".join(parts)
    return ""


def _words(quote: Quote) -> str:
    text = " ".join(quote.text.split())
    return textwrap.fill(f"“{text}”", WIDTH, initial_indent=_INDENT, subsequent_indent=_INDENT)
