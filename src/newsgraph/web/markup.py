"""Safe HTML from article text and offsets: the marked-up article, search snippets, the chart.

The article text is split at every offset of every fact (quotes, speaker mentions, actor
mentions, event triggers and evidence sentences) and each piece is escaped on its own; the
only markup is ours. Each piece is a ``<span class="t">`` carrying its offsets, so the page
script can highlight any stretch of text (a fact's sentence) by offsets alone, whatever the
facts' overlaps. Quotes, which do not overlap one another, wrap their pieces in one element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

PALETTE_SIZE = 10
"""Speakers get colours ``sp-0`` … ``sp-9`` in order of first quote; later ones reuse them."""

QUAD_COLOURS = {
    "verbal cooperation": "#6baed6",
    "material cooperation": "#08519c",
    "verbal conflict": "#fc9272",
    "material conflict": "#a50f15",
}
"""One colour per PLOVER quad, shared by the dyad chart, the network and the legends."""


def speaker_key(quote: dict[str, Any]) -> str | None:
    """Return what identifies a quote's speaker: the actor id, else the name, else ``None``."""
    speaker = quote.get("speaker") or {}
    return speaker.get("actor") or speaker.get("name") or None


def speaker_label(quote: dict[str, Any]) -> str:
    """Return the speaker as a person reads it: the resolved name, the mention, or a dash."""
    speaker = quote.get("speaker") or {}
    if speaker.get("name"):
        return str(speaker["name"])
    if speaker.get("anonymous"):
        return f"anonymous ({speaker.get('text') or 'source'})"
    return str(speaker.get("text") or "unattributed")


def speaker_colours(quotes: list[dict[str, Any]]) -> dict[str, int]:
    """Return each speaker's colour number, in order of their first quote."""
    colours: dict[str, int] = {}
    for quote in quotes:
        key = speaker_key(quote)
        if key is not None and key not in colours:
            colours[key] = len(colours) % PALETTE_SIZE
    return colours


@dataclass
class _Piece:
    start: int
    end: int
    classes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


def _valid(span: dict[str, Any] | None, size: int) -> tuple[int, int] | None:
    if not span:
        return None
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    start, end = max(0, min(start, size)), max(0, min(end, size))
    return (start, end) if start < end else None


def _quote_spans(quotes: list[dict[str, Any]], size: int) -> list[tuple[int, int, int]]:
    """Return (start, end, index) of the quotes, clipped so that none overlaps another."""
    spans = sorted(
        (s[0], s[1], i) for i, q in enumerate(quotes) if (s := _valid(q, size)) is not None
    )
    result: list[tuple[int, int, int]] = []
    last_end = 0
    for start, end, index in spans:
        start = max(start, last_end)
        if start < end:
            result.append((start, end, index))
            last_end = end
    return result


def article_html(analysis: dict[str, Any]) -> Markup:
    """Return ``article.text`` as safe HTML with quotes, mentions and events marked.

    Quotes are ``<span class="quote sp-N" data-quote=I>`` (one colour per speaker), actor
    mentions ``class="m"`` with ``data-actor``, speaker mentions ``class="spk"`` with
    ``data-quote``, event triggers ``class="trig"`` with ``data-event``; every text piece is a
    ``<span class="t" data-o=START data-e=END>``. Facts are focusable buttons.
    """
    text: str = analysis["article"]["text"]
    size = len(text)
    quotes: list[dict[str, Any]] = analysis.get("quotes") or []
    events: list[dict[str, Any]] = analysis.get("events") or []
    colours = speaker_colours(quotes)
    cuts = {0, size}
    marks: list[tuple[int, int, str, str, str]] = []  # start, end, class, attribute, value
    for actor in analysis.get("actors") or []:
        for mention in actor.get("mentions") or []:
            if (span := _valid(mention, size)) is not None:
                marks.append((*span, "m", "data-actor", str(actor.get("id"))))
    for i, quote in enumerate(quotes):
        if (span := _valid(quote.get("speaker"), size)) is not None:
            marks.append((*span, "spk", "data-quote", str(i)))
    for i, event in enumerate(events):
        if (span := _valid(event.get("trigger"), size)) is not None:
            marks.append((*span, "trig", "data-event", str(i)))
        for evidence in [event.get("evidence"), *(event.get("evidence_more") or [])]:
            if (span := _valid(evidence, size)) is not None:
                cuts.update(span)
    for start, end, *_ in marks:
        cuts.update((start, end))
    quote_spans = _quote_spans(quotes, size)
    for start, end, _ in quote_spans:
        cuts.update((start, end))
    points = sorted(cuts)
    pieces = [_Piece(a, b) for a, b in pairwise(points)]
    starts = {p.start: k for k, p in enumerate(pieces)}
    for start, end, cls, attr, value in marks:
        k = starts[start]
        while k < len(pieces) and pieces[k].end <= end:
            if cls not in pieces[k].classes:
                pieces[k].classes.append(cls)
                pieces[k].attrs[attr] = value
            k += 1
        if cls == "trig" and pieces[k - 1].attrs.get(attr) == value:
            # The label shown after the trigger (CSS ``attr(data-type)``): text, never markup.
            pieces[k - 1].attrs["data-type"] = str(events[int(value)].get("type") or "")
    opening = {start: (end, index) for start, end, index in quote_spans}
    closing = {end for _, end, _ in quote_spans}
    out: list[str] = []
    for piece in pieces:
        if piece.start in opening:
            end, index = opening[piece.start]
            out.append(_quote_open(quotes[index], index, colours, piece.start, end))
        out.append(_piece_html(piece, text))
        if piece.end in closing:
            out.append("</span>")
    return Markup("".join(out))


def _quote_open(
    quote: dict[str, Any], index: int, colours: dict[str, int], start: int, end: int
) -> str:
    key = speaker_key(quote)
    colour = f"sp-{colours[key]}" if key is not None else "sp-none"
    speaker = quote.get("speaker") or {}
    attrs = {
        "class": f"quote fact {colour}",
        "id": f"quote-{index}",
        "data-quote": str(index),
        "data-start": str(start),
        "data-end": str(end),
        "data-speaker": speaker_label(quote),
        "tabindex": "0",
        "role": "button",
        "aria-label": f"quote by {speaker_label(quote)}",
    }
    if (span := _valid(speaker, 10**12)) is not None:
        attrs["data-sp-start"], attrs["data-sp-end"] = str(span[0]), str(span[1])
    return "<span " + _attrs(attrs) + ">"


def _piece_html(piece: _Piece, text: str) -> str:
    attrs = {"class": " ".join(["t", *piece.classes]), "data-o": str(piece.start)}
    attrs["data-e"] = str(piece.end)
    attrs.update(piece.attrs)
    if "trig" in piece.classes:
        attrs.update({"tabindex": "0", "role": "button", "aria-label": "event trigger"})
        attrs["class"] += " fact"
    return f"<span {_attrs(attrs)}>{escape(text[piece.start : piece.end])}</span>"


def _attrs(attrs: dict[str, str]) -> str:
    return " ".join(f'{name}="{escape(value)}"' for name, value in attrs.items())


_MARK = re.compile(r"\[([^\[\]]*)\]")


def snippet_html(snippet: str) -> Markup:
    """Return a search snippet as safe HTML: text escaped, ``[matches]`` as ``<mark>``.

    Only balanced brackets with no bracket inside become marks; any other bracket stays as
    text, so a snippet can never produce unbalanced or foreign markup.
    """
    out: list[str] = []
    last = 0
    for match in _MARK.finditer(snippet):
        out.append(str(escape(snippet[last : match.start()])))
        out.append(f"<mark>{escape(match.group(1))}</mark>")
        last = match.end()
    out.append(str(escape(snippet[last:])))
    return Markup("".join(out))


def period_start(label: str, by: str) -> str | None:
    """Return the first day of a period label (``2023-05``, ``2023-W19``, ``2023``)."""
    try:
        if by == "year":
            return date(int(label), 1, 1).isoformat()
        if by == "month":
            return date(int(label[:4]), int(label[5:7]), 1).isoformat()
        return date.fromisocalendar(int(label[:4]), int(label[6:]), 1).isoformat()
    except ValueError:
        return None


def dyad_chart(series: dict[str, Any]) -> dict[str, Any]:
    """Return the Vega-Lite spec of a dyad series: cooperation up, conflict down, per period.

    Bars stack the four quads (counts; conflict drawn below zero) and points give the mean
    intensity (right axis, -10 … +10). Periods without events are left out of the data.
    """
    rows: list[dict[str, Any]] = []
    means: list[dict[str, Any]] = []
    for period in series["periods"]:
        if not period["events"]:
            continue
        start = period_start(period["period"], series["by"])
        for quad in QUAD_COLOURS:
            count = period[quad.replace(" ", "_")]
            if count:
                value = count if "cooperation" in quad else -count
                rows.append(
                    {"period": period["period"], "start": start, "quad": quad, "events": value}
                )
        if period["mean_intensity"] is not None:
            means.append(
                {"period": period["period"], "start": start, "mean": period["mean_intensity"]}
            )
    unit = {"week": "yearweek", "month": "yearmonth", "year": "year"}[series["by"]]
    x = {
        "field": "start",
        "type": "temporal",
        "timeUnit": unit,
        "title": series["by"],
        "scale": {"padding": 16},
    }
    colour = {
        "field": "quad",
        "type": "nominal",
        "title": "quad",
        "scale": {"domain": list(QUAD_COLOURS), "range": list(QUAD_COLOURS.values())},
        "legend": {"orient": "bottom", "columns": 2},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"{series['a']}–{series['b']}: cooperation and conflict by {series['by']}",
        "width": "container",
        "height": 260,
        "layer": [
            {
                "data": {"name": "counts", "values": rows},
                "mark": {"type": "bar", "tooltip": True},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "events",
                        "type": "quantitative",
                        "stack": True,
                        "title": "events (cooperation up, conflict down)",
                        "axis": {"tickMinStep": 1, "format": "d"},
                    },
                    "color": colour,
                },
            },
            {
                "data": {"name": "intensity", "values": means},
                "mark": {
                    "type": "point",
                    "filled": True,
                    "shape": "diamond",
                    "size": 80,
                    "color": "#111",
                    "tooltip": True,
                },
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "mean",
                        "type": "quantitative",
                        "scale": {"domain": [-10, 10]},
                        "title": "mean intensity (◆)",
                    },
                },
            },
        ],
        "resolve": {"scale": {"y": "independent"}},
    }
