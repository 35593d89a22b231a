"""Exporting the store, streamed and without row caps: JSONL, CSV, Parquet and GraphML.

- ``jsonl`` with no table: one analysis document per line (the ``newsgraph.analysis/1``
  contract, exactly as ``newsgraph analyze`` prints it, so ``Analysis.from_dict`` reads it
  back; events stored before the ``cameo`` fields existed get them here); with a table, one
  row per line. The ``events`` table gets ``cameo`` and ``cameo_root`` columns, derived from
  ``type`` and ``mode`` when the database has no such columns.
- ``csv``: one table, JSON-valued columns (``authors``, ``source``…) as JSON text.
- ``parquet``: one table, typed columns (lists of strings as ``list<string>``), written in
  row groups of :data:`BATCH` rows.
- ``gdelt``: the events as GDELT 2.0 event-table rows (:mod:`.gdelt`).
- ``graphml``: the actor network: actors as nodes, events (status ``occurred``) as edges
  aggregated by (source, target, type, quad) with ``count`` and ``mean_intensity``;
  reciprocal events ("X and Y met") are edges marked ``reciprocal``. Edges are aggregated in
  memory (one entry per distinct edge); events are streamed.

Rows come from :meth:`Store.stream` (a server-side cursor on PostgreSQL), so memory stays
flat whatever the size of the database.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any
from xml.sax.saxutils import quoteattr

from ..errors import ConfigError
from ..knowledge.cameo import cameo_of
from .base import Store

FORMATS = ("jsonl", "csv", "parquet", "graphml", "gdelt")
TABLES = ("articles", "actors", "quotes", "events", "mentions", "dates")
BATCH = 10_000

_HIDDEN = {"n", "search", "analysis", "signature"}
_CAMEO = ["cameo", "cameo_root"]
"""Columns of the ``events`` export derived from ``type`` and ``mode`` when not stored."""
_INTS = {
    "seq",
    "start_char",
    "end_char",
    "speaker_start",
    "speaker_end",
    "anonymous",
    "cue_start",
    "cue_end",
    "evidence_start",
    "evidence_end",
    "trigger_start",
    "trigger_end",
    "articles",
}
_FLOATS = {"lat", "lon", "confidence", "intensity"}
_STRING_LISTS = {
    "articles": {"authors", "tags", "editors", "headings"},
    "events": {"source", "target", "source_ids", "target_ids"},
}
_JSON_OBJECTS = {"articles": {"images", "metadata_sources"}}
_ORDER = {
    "articles": "id",
    "actors": "id",
    "quotes": "article_id, seq",
    "events": "article_id, seq",
    "mentions": "article_id, seq",
    "dates": "article_id, seq",
}


def table_columns(store: Store, table: str) -> list[str]:
    """Return the exported columns of ``table`` (internal ones left out)."""
    if table not in TABLES:
        raise ConfigError(f"no table {table!r} to export (one of {', '.join(TABLES)})")
    columns = [c for c in store.columns(table) if c not in _HIDDEN]
    if table == "events" and "cameo" not in columns:
        return [*columns, *_CAMEO]
    return [*columns, "articles"] if table == "actors" else columns


def table_rows(store: Store, table: str) -> Iterator[tuple[Any, ...]]:
    """Yield every row of ``table`` in a stable order, streamed."""
    columns = table_columns(store, table)
    if table == "events" and "cameo" not in store.columns(table):
        yield from _with_cameo(store, columns[: -len(_CAMEO)])
        return
    if table == "actors":
        own = ", ".join(f"ac.{c}" for c in columns[:-1])
        sql = (
            f"SELECT {own}, (SELECT COUNT(*) FROM article_actors aa WHERE aa.actor_id = ac.id) "
            "FROM actors ac ORDER BY ac.id"
        )
    else:
        sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {_ORDER[table]}"
    yield from store.stream(sql)


def _with_cameo(store: Store, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """Yield the events rows with their CAMEO code and root code derived (type, mode)."""
    kind, mode = columns.index("type"), columns.index("mode")
    sql = f"SELECT {', '.join(columns)} FROM events ORDER BY {_ORDER['events']}"
    for row in store.stream(sql):
        code = cameo_of(row[kind], row[mode])
        yield (*row, code.code if code else None, code.root if code else None)


def analysis_with_cameo(text: str) -> str:
    """Return a stored analysis document, its events given ``cameo`` fields if they lack them.

    Documents stored before the fields existed are read, completed and written compactly as
    the store writes them; any other document is returned as it is.
    """
    if '"cameo"' in text or '"events":[]' in text:
        return text
    document = json.loads(text)
    events = document.get("events") or []
    if not events or all("cameo" in e for e in events):
        return text
    for event in events:
        code = cameo_of(event.get("type"), event.get("mode"))
        event.setdefault("cameo", code.code if code else None)
        event.setdefault("cameo_root", code.root if code else None)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _json_columns(table: str, columns: list[str]) -> list[str]:
    names = _STRING_LISTS.get(table, set()) | _JSON_OBJECTS.get(table, set())
    return [c for c in columns if c in names]


def export(
    store: Store,
    fmt: str,
    out: IO[Any],
    table: str | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """Write the store (or one table) to ``out`` in ``fmt``; return the rows written.

    Args:
        store: an open store.
        fmt: ``jsonl``, ``csv``, ``parquet``, ``graphml`` or ``gdelt``.
        out: a text stream (``jsonl``, ``csv``, ``graphml``, ``gdelt``) or a binary one
            (``parquet``).
        table: the table to export; ``None`` means analysis documents for ``jsonl``, the
            actor network for ``graphml``, the events for ``gdelt`` (which takes no other)
            and ``articles`` for the others.
        counts: when given, filled with the rows written per table (for the dataset card):
            analysis documents count their articles and every row they carry; GraphML its
            ``actors`` (nodes) and ``edges``.

    Raises:
        ConfigError: an unknown format or table, or pyarrow missing for Parquet.
        StoreError: the database cannot be read.
    """
    counts = {} if counts is None else counts
    if fmt == "graphml":
        written = export_graphml(store, out, counts)
        counts["edges"] = written
        return written
    if fmt == "gdelt":
        from .gdelt import export_gdelt

        if table not in (None, "events"):
            raise ConfigError(f"the gdelt format exports events, not {table}")
        counts["events"] = export_gdelt(store, out)
        return counts["events"]
    if fmt == "jsonl" and table is None:
        written = 0
        for (text,) in store.stream("SELECT analysis FROM articles ORDER BY id"):
            out.write(analysis_with_cameo(text) + "\n")
            written += 1
        # Every stored row belongs to one article, and its document carries it.
        for name in TABLES:
            counts[name] = int(store.scalar(f"SELECT COUNT(*) FROM {name}") or 0)
        counts["articles"] = written
        return written
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    table = table or "articles"
    columns = table_columns(store, table)
    rows = table_rows(store, table)
    if fmt == "jsonl":
        written = _write_jsonl(columns, _json_columns(table, columns), rows, out)
    elif fmt == "csv":
        written = _write_csv(columns, rows, out)
    else:
        written = _write_parquet(columns, _STRING_LISTS.get(table, set()), rows, out)
    counts[table] = written
    return written


def _write_csv(columns: list[str], rows: Iterator[tuple[Any, ...]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    written = 0
    for row in rows:
        writer.writerow(row)
        written += 1
    return written


def _write_jsonl(
    columns: list[str], decode: list[str], rows: Iterator[tuple[Any, ...]], out: IO[str]
) -> int:
    written = 0
    for row in rows:
        record = dict(zip(columns, row, strict=True))
        for name in decode:
            record[name] = json.loads(record[name])
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    return written


def _write_parquet(
    columns: list[str], lists: set[str], rows: Iterator[tuple[Any, ...]], out: IO[bytes]
) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise ConfigError("Parquet export needs pyarrow (pip install pyarrow)") from exc

    def arrow_type(name: str) -> Any:
        if name in _INTS:
            return pa.int64()
        if name in _FLOATS:
            return pa.float64()
        if name in lists:
            return pa.list_(pa.string())
        return pa.string()

    schema = pa.schema([(name, arrow_type(name)) for name in columns])
    written = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            for name in lists:
                record[name] = json.loads(record[name])
            batch.append(record)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written


_EVENTS = (
    "SELECT source, target, source_ids, target_ids, type, quad, intensity FROM events "
    "WHERE status = 'occurred' ORDER BY article_id, seq"
)


def _side(codes: str, ids: str) -> list[str]:
    """Return the actors standing for one side of an event: its country codes, else its ids."""
    actors: list[str] = json.loads(codes) or json.loads(ids)
    return actors


def network_edges(store: Store) -> list[tuple[str, str, str, str | None, int, float | None, bool]]:
    """Return the actor network's edges: (source, target, type, quad, count, mean, reciprocal).

    Each side of an event is its country codes, or its person/organisation ids when it has
    no code (the EU sanctions Russia: ``org:european-union`` → ``RUS``). A reciprocal event
    (no target) joins every pair of its participants, in id order.
    """
    totals: dict[tuple[str, str, str, str | None, bool], list[float]] = {}
    counts: dict[tuple[str, str, str, str | None, bool], int] = {}
    for codes, targets, ids, target_ids, etype, quad, intensity in store.stream(_EVENTS):
        sources, aims = _side(codes, ids), _side(targets, target_ids)
        if aims:
            pairs = [(s, t, False) for s in sources for t in aims if s != t]
        else:
            ordered = sorted(set(sources))
            pairs = [(s, t, True) for i, s in enumerate(ordered) for t in ordered[i + 1 :]]
        for source, target, reciprocal in pairs:
            key = (source, target, etype, quad, reciprocal)
            counts[key] = counts.get(key, 0) + 1
            if intensity is not None:
                totals.setdefault(key, []).append(float(intensity))
    edges = []
    for key in sorted(counts, key=lambda k: (k[0], k[1], k[2], k[3] or "", k[4])):
        values = totals.get(key)
        mean = round(sum(values) / len(values), 3) if values else None
        edges.append((key[0], key[1], key[2], key[3], counts[key], mean, key[4]))
    return edges


_NODE_KEYS = [("name", "string"), ("kind", "string"), ("country", "string"), ("articles", "int")]
_EDGE_KEYS = [
    ("type", "string"),
    ("quad", "string"),
    ("count", "int"),
    ("mean_intensity", "double"),
    ("reciprocal", "boolean"),
]


def export_graphml(store: Store, out: IO[str], counts: dict[str, int] | None = None) -> int:
    """Write the actor network as GraphML; return the number of edges.

    Nodes are the actors that take part in an edge (see :func:`network_edges`); one edge per
    (source, target, type, quad), with the number of events and their mean intensity.
    ``counts``, when given, gets the number of nodes as ``actors``.
    """
    edges = network_edges(store)
    ends = {e[0] for e in edges} | {e[1] for e in edges}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for i, (name, kind) in enumerate(_NODE_KEYS):
        out.write(f'  <key id="n{i}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
    for i, (name, kind) in enumerate(_EDGE_KEYS):
        out.write(f'  <key id="e{i}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="actors" edgedefault="directed">\n')
    known: set[str] = set()
    for row in store.stream(
        "SELECT ac.id, ac.name, ac.kind, ac.country, "
        "(SELECT COUNT(*) FROM article_actors aa WHERE aa.actor_id = ac.id) "
        "FROM actors ac ORDER BY ac.id"
    ):
        if row[0] in ends:
            known.add(row[0])
            _write_node(out, row[0], row[1:])
    for node in sorted(ends - known):
        kind = "person" if node.startswith("person:") else "organization"
        _write_node(out, node, (node, "country" if ":" not in node else kind, None, 0))
    if counts is not None:
        counts["actors"] = len(ends)
    for i, (source, target, etype, quad, count, mean, reciprocal) in enumerate(edges):
        out.write(f'    <edge id="e{i}" source={quoteattr(source)} target={quoteattr(target)}>')
        values = (etype, quad, count, mean, reciprocal)
        for j, value in enumerate(values):
            if value is not None:
                text = str(value).lower() if isinstance(value, bool) else str(value)
                out.write(f'<data key="e{j}">{_escape(text)}</data>')
        out.write("</edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return len(edges)


def _write_node(out: IO[str], node: str, values: tuple[Any, ...]) -> None:
    out.write(f"    <node id={quoteattr(node)}>")
    for i, value in enumerate(values):
        if value is not None:
            out.write(f'<data key="n{i}">{_escape(str(value))}</data>')
    out.write("</node>\n")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
