"""A readable plain-text report of one analysis, for a person at a terminal.

All text formatting for people lives here: the whole report (``newsgraph analyze --format
text``) and its sections (``newsgraph actors|quotes|events --format text``).

Quotes: Who said what, readable: the quotes of an analysis in article order (``newsgraph quotes``).

Each quote is one entry: the speaker by name with their role and country from the article's
actors ("Mark Esper, Defense Secretary (USA)"), how it was said (the cue and the kind of quote)
and the words. A source the article does not name is always shown the same way,
``anonymous source ("a senior official")``; a speaker the text gives but no name resolves is
shown by the words of the text in quotation marks. The later pieces of an utterance
interrupted by its attribution are marked as going on. No ids and no offsets: the JSON
output has those.

Events: Events as lines of text for a person (``newsgraph events``, the text report).

The story's main happenings come first, marked ``*``; then the others in text order. Each
line gives the date (a publication date standing in for a date the text does not give is
followed by ``~``), the type and mode, who acted on whom, the status and attribution, and the
start of the evidence sentence. Actors are named by country code and, for people and
organisations, by name ("USA (Mark Esper)"); a side the coder could not resolve shows the
words of the text in quotation marks, and only a side with nothing at all shows ``?``.
"""

from __future__ import annotations

import textwrap

from .model import Actor, Analysis, Event, Quote, Speaker

WIDTH = 88


def _wrap(text: str, indent: str = "") -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), WIDTH, initial_indent=indent, subsequent_indent=indent)
        for p in paragraphs
    )


def _byline(analysis: Analysis) -> str:
    article = analysis.article
    parts = []
    if article.authors:
        by = "By " + ", ".join(article.authors)
        if article.dateline:
            by += f" in {article.dateline}"
        parts.append(by)
    elif article.dateline:
        parts.append(article.dateline)
    if article.published:
        parts.append(article.published)
    if article.site:
        parts.append(article.site)
    return " · ".join(parts)


def format_text(analysis: Analysis) -> str:
    """Return the analysis as a plain-text report: headline, byline, date, then the sections."""
    article = analysis.article
    out: list[str] = []
    title = article.title or "(untitled)"
    out += [title, "=" * min(len(title), WIDTH)]
    byline = _byline(analysis)
    if byline:
        out.append(byline)
    if article.url or article.source:
        out.append(article.url or article.source or "")
    if article.tags:
        out.append("Tags: " + ", ".join(article.tags))
    if article.standfirst:
        out += ["", _wrap(article.standfirst)]
    if article.images:
        out += ["", "Images"]
        for image in article.images:
            described = image.caption or image.alt or "(no caption)"
            credit = f" [{image.credit}]" if image.credit else ""
            out.append(textwrap.fill(f"- {described}{credit}", WIDTH, subsequent_indent="  "))
    out += ["", "Text", "----", _wrap(article.text)]
    if article.editors:
        out += ["", "Edited by: " + ", ".join(article.editors)]
    out += _facts(analysis)
    return "\n".join(out) + "\n"


def _facts(analysis: Analysis) -> list[str]:
    out: list[str] = []
    for heading, lines in (
        ("Actors", actor_lines(analysis)),
        ("Dates", date_lines(analysis)),
        ("Quotes", quote_lines(analysis)),
        ("Events", event_lines(analysis)),
    ):
        if lines:
            out += ["", heading, "-" * len(heading), *lines]
    return out


def actor_lines(analysis: Analysis) -> list[str]:
    """One line per actor: name, country, roles and how often the article mentions it."""
    out = []
    for actor in analysis.actors:
        roles = "; ".join(", ".join(p for p in (r.title, r.organization) if p) for r in actor.roles)
        extra = f" — {roles}" if roles else ""
        country = f" [{actor.country}]" if actor.country and actor.kind != "country" else ""
        mentions = ", ".join(dict.fromkeys(m.text for m in actor.mentions))
        out.append(
            textwrap.fill(
                f"- {actor.name} ({actor.kind}){country}{extra}: {len(actor.mentions)}× {mentions}",
                WIDTH,
                subsequent_indent="    ",
            )
        )
    return out


def date_lines(analysis: Analysis) -> list[str]:
    """One line per time expression and the calendar value it resolves to."""
    return [f"- {d.text!r} → {d.value or '?'} ({d.granularity})" for d in analysis.dates]


def quote_lines(analysis: Analysis) -> list[str]:
    """Who said what: one entry per quote, with its speaker, kind and cue."""
    return format_quotes(analysis).splitlines()


def event_lines(analysis: Analysis) -> list[str]:
    """One line per event: date, type and mode, source → target, status and evidence."""
    return format_events(analysis).splitlines()


# -- quotes -----------------------------------------------------------------------------------

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
        lines.append(_quote_words(quote))
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
    role = _quote_role(actor) if actor is not None else ""
    country = (actor.country if actor is not None else None) or speaker.country
    label = speaker.name + (f", {role}" if role else "")
    if country and (actor is None or actor.kind != "country"):
        label += f" ({country})"
    return label


def _quote_role(actor: Actor) -> str:
    for role in actor.roles:
        parts = [p for p in (role.title, role.organization) if p]
        if parts:
            return ", ".join(parts)
    return ""


def _quote_words(quote: Quote) -> str:
    text = " ".join(quote.text.split())
    return textwrap.fill(f"“{text}”", WIDTH, initial_indent=_INDENT, subsequent_indent=_INDENT)


# -- events -----------------------------------------------------------------------------------

_EVIDENCE = 90
_SIDE = 28


def _event_side(codes: list[str], ids: list[str], text: str | None, names: dict[str, str]) -> str:
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
    source = _event_side(event.source, event.source_ids, event.source_text, names) or "?"
    target = _event_side(event.target, event.target_ids, event.target_text, names) or "-"
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


SECTIONS = {
    "actors": actor_lines,
    "dates": date_lines,
    "quotes": quote_lines,
    "events": event_lines,
}


def format_section(analysis: Analysis, section: str) -> str:
    """Return one section of the report (``actors``, ``dates``, ``quotes`` or ``events``)."""
    article = analysis.article
    header = article.title or article.source or article.id
    lines = SECTIONS[section](analysis) or [f"(no {section} found)"]
    return "\n".join([header, "=" * min(len(header), WIDTH), *lines]) + "\n"
