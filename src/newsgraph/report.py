"""A readable plain-text report of one analysis, for a person at a terminal."""

from __future__ import annotations

import textwrap

from .model import Analysis

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
    from .extract.quote_report import format_quotes

    return format_quotes(analysis).splitlines()


def event_lines(analysis: Analysis) -> list[str]:
    """One line per event: date, type and mode, source → target, status and evidence."""
    from .extract.events import format_events

    return format_events(analysis).splitlines()


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
