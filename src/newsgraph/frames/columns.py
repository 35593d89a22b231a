"""Rows of the read layer as Arrow tables and Arrow-backed pandas DataFrames.

A frame is described by its :class:`Column` list: the name it gets in the DataFrame, the SQL
expression that selects it (aliases ``a`` articles, ``e`` events, ``q`` quotes) and its kind,
which fixes its Arrow type whatever the rows hold (an empty result or a chunk of nulls keeps
its dtypes). The conversion is column by column: JSON lists of text become ``list<string>``,
``YYYY-MM-DD`` texts become ``timestamp[s]`` (anything else null), the speaker's stored roles
become the role and organisation a reader sees.

This module imports pandas and pyarrow; :mod:`newsgraph.frames` imports it only when a frame
is asked for, so that ``import newsgraph`` stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..store.browse import ARTICLE_COLUMNS
from ..store.queries import EVENT_COLUMNS, QUOTE_COLUMNS

__all__ = [
    "ACTORS",
    "ARTICLES",
    "ARTICLE_TEXT",
    "DYAD",
    "EVENTS",
    "QUOTES",
    "Column",
    "chunks",
    "frame",
    "select",
]


@dataclass(frozen=True)
class Column:
    """One column of a frame: its name, the SQL that selects it and its kind.

    Kinds: ``string``, ``int``, ``float``, ``bool``, ``strings`` (a JSON list of text),
    ``day`` (``YYYY-MM-DD`` text, kept as a timestamp; anything else null), ``time`` (an ISO
    date and time, kept as a UTC timestamp; UTC when it gives no offset), ``role`` and
    ``organization`` (of the first role in a JSON list of roles that has a title or an
    organisation: its title, its organisation).
    """

    name: str
    sql: str
    kind: str = "string"


def select(columns: Sequence[Column]) -> str:
    """Return the SQL column list of ``columns``."""
    return ", ".join(c.sql for c in columns)


def _begins_with(columns: tuple[Column, ...], read_layer: str) -> tuple[Column, ...]:
    """Return ``columns``, checked to begin with the read layer's column list ``read_layer``.

    The frame's first columns are the read layer's row, so that the two cannot drift apart.
    """
    if not select(columns).startswith(read_layer + ", "):
        raise AssertionError(f"frame columns do not begin with {read_layer!r}")
    return columns


EVENTS = _begins_with(
    (
        Column("article_id", "e.article_id"),
        Column("seq", "e.seq", "int"),
        Column("type", "e.type"),
        Column("mode", "e.mode"),
        Column("source", "e.source", "strings"),
        Column("target", "e.target", "strings"),
        Column("source_ids", "e.source_ids", "strings"),
        Column("target_ids", "e.target_ids", "strings"),
        Column("date", "e.date"),
        Column("status", "e.status"),
        Column("quad", "e.quad"),
        Column("intensity", "e.intensity", "float"),
        Column("confidence", "e.confidence", "float"),
        Column("attribution", "e.attribution"),
        Column("location", "e.location"),
        Column("evidence_start", "e.evidence_start", "int"),
        Column("evidence_end", "e.evidence_end", "int"),
        Column("evidence_text", "e.evidence_text"),
        Column("title", "a.title"),
        Column("published", "a.published", "day"),
        Column("day", "e.day", "day"),
        Column("date_granularity", "e.date_granularity"),
        Column("date_basis", "e.date_basis"),
        Column("source_text", "e.source_text"),
        Column("target_text", "e.target_text"),
        Column("trigger_text", "e.trigger_text"),
        Column("trigger_start", "e.trigger_start", "int"),
        Column("trigger_end", "e.trigger_end", "int"),
        Column("site", "a.site"),
        Column("url", "a.url"),
    ),
    EVENT_COLUMNS,
)
"""An event with its actors, dates, evidence sentence and offsets, and its article.

The first twenty columns are :class:`~newsgraph.store.queries.EventRow`'s, in its order."""

_SPEAKER_ROLES = (
    "(SELECT sa.roles FROM article_actors sa "
    "WHERE sa.article_id = q.article_id AND sa.actor_id = q.speaker_actor)"
)

QUOTES = _begins_with(
    (
        Column("article_id", "q.article_id"),
        Column("seq", "q.seq", "int"),
        Column("kind", "q.kind"),
        Column("text", "q.text"),
        Column("start", "q.start_char", "int"),
        Column("end", "q.end_char", "int"),
        Column("speaker_actor", "q.speaker_actor"),
        Column("speaker_name", "q.speaker_name"),
        Column("speaker_text", "q.speaker_text"),
        Column("cue", "q.cue_text"),
        Column("confidence", "q.confidence", "float"),
        Column("title", "a.title"),
        Column("published", "a.published", "day"),
        Column("speaker_role", _SPEAKER_ROLES, "role"),
        Column("speaker_organization", _SPEAKER_ROLES, "organization"),
        Column(
            "speaker_country", "(SELECT sc.country FROM actors sc WHERE sc.id = q.speaker_actor)"
        ),
        Column("speaker_start", "q.speaker_start", "int"),
        Column("speaker_end", "q.speaker_end", "int"),
        Column("anonymous", "q.anonymous", "bool"),
        Column("cue_start", "q.cue_start", "int"),
        Column("cue_end", "q.cue_end", "int"),
        Column("site", "a.site"),
        Column("url", "a.url"),
    ),
    QUOTE_COLUMNS,
)
"""A quote with its offsets, its speaker (name, role, organisation, country, offsets), its cue
and its article. The first thirteen columns are :class:`~newsgraph.store.queries.QuoteRow`'s."""

ARTICLES = _begins_with(
    (
        Column("id", "a.id"),
        Column("title", "a.title"),
        Column("published", "a.published", "day"),
        Column("site", "a.site"),
        Column("url", "a.url"),
        Column("authors", "a.authors", "strings"),
        Column("quotes", "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id)", "int"),
        Column("events", "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)", "int"),
        Column("source", "a.source"),
        Column("dateline", "a.dateline"),
        Column("language", "a.language"),
        Column("tags", "a.tags", "strings"),
        Column("standfirst", "a.standfirst"),
        Column("group_id", "a.group_id"),
        Column("given_id", "a.given_id"),
        Column("ingested_at", "a.ingested_at", "time"),
    ),
    ARTICLE_COLUMNS,
)
"""An article's metadata and counts; the first eight columns are
:class:`~newsgraph.store.browse.ArticleRow`'s."""

ARTICLE_TEXT = Column("text", "a.text")
"""The body text every offset points into (added on request: it is the bulk of a corpus)."""

ACTORS = (
    Column("id", "ac.id"),
    Column("kind", "ac.kind"),
    Column("name", "ac.name"),
    Column("country", "ac.country"),
    Column("sector", "ac.sector"),
    Column("articles", "c.n", "int"),
    Column("mentions", "c.mentions", "int"),
)
"""An actor with the number of articles (or near-duplicate groups) naming it, as
:func:`~newsgraph.store.queries.actors_sql` selects them."""

DYAD = (
    Column("period", ""),
    Column("start", "", "day"),
    Column("verbal_cooperation", "", "int"),
    Column("material_cooperation", "", "int"),
    Column("verbal_conflict", "", "int"),
    Column("material_conflict", "", "int"),
    Column("events", "", "int"),
    Column("mean_intensity", "", "float"),
)
"""A period of a dyad's series (built from :class:`~newsgraph.relations.DyadSeries`)."""


def _memo(convert: Callable[[str], Any]) -> Callable[[Any], Any]:
    """Return ``convert`` applied to non-null texts, each distinct text converted once."""
    seen: dict[str, Any] = {}

    def apply(value: Any) -> Any:
        if value is None:
            return None
        if value not in seen:
            seen[value] = convert(value)
        return seen[value]

    return apply


_INSTANT = pa.timestamp("us", tz="UTC")


def _instant(value: str | None) -> datetime | None:
    """Return an ISO date and time as an aware datetime (UTC when it has no offset), or None."""
    try:
        when = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when and when.tzinfo is None else when


def _first_role(text: str) -> dict[str, Any]:
    for role in json.loads(text):
        if role.get("title") or role.get("organization"):
            return dict(role)
    return {}


def _array(kind: str, values: Sequence[Any]) -> pa.Array:
    """Return ``values`` (one column of rows) as the Arrow array of ``kind``."""
    if kind == "string":
        return pa.array(values, pa.string())
    if kind == "int":
        return pa.array(values, pa.int64())
    if kind == "float":
        return pa.array(values, pa.float64())
    if kind == "bool":
        return pa.array([None if v is None else bool(v) for v in values], pa.bool_())
    if kind == "strings":
        loads = _memo(json.loads)
        return pa.array([loads(v) for v in values], pa.list_(pa.string()))
    if kind == "day":
        days = pc.utf8_slice_codeunits(pa.array(values, pa.string()), 0, 10)
        return pc.strptime(days, format="%Y-%m-%d", unit="s", error_is_null=True)
    if kind == "time":
        try:
            return pc.cast(pa.array(values, pa.string()), _INSTANT)
        except pa.ArrowInvalid:  # a value Arrow does not read: each one on its own
            return pa.array([_instant(v) for v in values], _INSTANT)
    if kind in ("role", "organization"):
        field = "title" if kind == "role" else "organization"
        role = _memo(_first_role)
        return pa.array([(role(v) or {}).get(field) for v in values], pa.string())
    raise ValueError(f"unknown column kind {kind!r}")


def table(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> pa.Table:
    """Return ``rows`` (tuples in the order of ``columns``) as an Arrow table."""
    values: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    arrays = [_array(c.kind, v) for c, v in zip(columns, values, strict=True)]
    return pa.Table.from_arrays(arrays, names=[c.name for c in columns])


def frame(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """Return ``rows`` as a DataFrame whose every column has an Arrow dtype (``pd.ArrowDtype``)."""
    return table(columns, rows).to_pandas(types_mapper=pd.ArrowDtype)


def chunks(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], size: int
) -> Iterator[pd.DataFrame]:
    """Yield DataFrames of at most ``size`` rows, reading ``rows`` as they come.

    Only one chunk of rows is held at a time; a query with no rows yields no DataFrame.
    The index runs on across chunks, so that their concatenation is the whole frame.
    """
    iterator = iter(rows)
    start = 0
    while batch := list(islice(iterator, size)):
        part = frame(columns, batch)
        part.index = pd.RangeIndex(start, start + len(part))
        start += len(part)
        yield part
