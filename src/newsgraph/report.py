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
    if analysis.actors:
        out += ["", "Actors", "------"]
        for actor in analysis.actors:
            roles = "; ".join(
                ", ".join(p for p in (r.title, r.organization) if p) for r in actor.roles
            )
            extra = f" ({roles})" if roles else ""
            country = f" [{actor.country}]" if actor.country and actor.kind != "country" else ""
            out.append(f"- {actor.name}{country}{extra}: {len(actor.mentions)} mentions")
    if analysis.dates:
        out += ["", "Dates", "-----"]
        out += [f"- {d.text!r} → {d.value or '?'} ({d.granularity})" for d in analysis.dates]
    if analysis.quotes:
        out += ["", "Quotes", "------"]
        for quote in analysis.quotes:
            who = "?"
            if quote.speaker:
                who = quote.speaker.name or quote.speaker.text or "?"
                if quote.speaker.anonymous:
                    who = f"{quote.speaker.text or 'unnamed'} (anonymous)"
            out.append(textwrap.fill(f"- {who}: “{quote.text}”", WIDTH, subsequent_indent="  "))
    if analysis.events:
        out += ["", "Events", "------"]
        for event in analysis.events:
            src = "+".join(event.source) or "?"
            tgt = "+".join(event.target) or "?"
            when = f" on {event.date}" if event.date else ""
            out.append(f"- {event.type} {src} → {tgt}{when} ({event.status})")
    return out
