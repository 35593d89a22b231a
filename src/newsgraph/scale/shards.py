"""Analyses as Parquet shards, and loading shards into a store.

A shard is one Parquet file (``part-00000.parquet``, …) with one row per article or failed
input, in input order, with the key columns for a quick look (DuckDB, pandas, pyarrow) and the
whole analysis as JSON (the ``newsgraph.analysis/1`` document)::

    id, source, url, site, title, published, language,     (strings, null when unknown)
    actors, quotes, events,                                 (counts)
    error,                                                  (null, or "Type: message")
    analysis                                                (JSON, null for a failed input)

A shard is written to a temporary name and renamed when complete, so a directory never holds
half a shard. :func:`load_shards` writes every analysis into a store through the store's own
:func:`~newsgraph.store.rows.write_analysis` (one transaction per article, with its
near-duplicate group from :class:`~newsgraph.store.groups.Grouper`; an article already stored
is skipped).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..model import Analysis

SHARD_GLOB = "part-*.parquet"
ROWS_PER_SHARD = 1000
"""Rows per shard when one writer cuts a long stream into shards."""

_STRING_COLUMNS = ("id", "source", "url", "site", "title", "published", "language")


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise ConfigError(f"pyarrow is not installed (pip install pyarrow): {exc}") from exc
    return pa, pq


def shard_schema() -> Any:
    """Return the pyarrow schema of a shard."""
    pa, _ = _pyarrow()
    columns = [pa.field(name, pa.string()) for name in _STRING_COLUMNS]
    columns += [pa.field(name, pa.int32()) for name in ("actors", "quotes", "events")]
    columns += [pa.field("error", pa.string()), pa.field("analysis", pa.large_string())]
    return pa.schema(columns)


def shard_row(item: Analysis | InputError | dict[str, Any]) -> dict[str, Any]:
    """Return the shard row of an analysis, an input error or a worker result dict."""
    if isinstance(item, dict):
        if item.get("error") is not None:
            error = item["error"]
            return _error_row(f"{error['type']}: {error['message']}", error.get("source"))
        document = item["analysis"]
    elif isinstance(item, InputError):
        return _error_row(f"{type(item).__name__}: {item.message}", item.source)
    else:
        document = item.to_dict()
    article = document["article"]
    row: dict[str, Any] = {name: article.get(name) for name in _STRING_COLUMNS}
    row.update(
        actors=len(document.get("actors", [])),
        quotes=len(document.get("quotes", [])),
        events=len(document.get("events", [])),
        error=None,
        analysis=json.dumps(document, ensure_ascii=False, separators=(",", ":")),
    )
    return row


def _error_row(message: str, source: str | None) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(_STRING_COLUMNS)
    row.update(source=source, actors=0, quotes=0, events=0, error=message, analysis=None)
    return row


def write_shard(rows: list[dict[str, Any]], path: str | os.PathLike[str]) -> Path:
    """Write rows as one Parquet shard, atomically (temporary name, then rename)."""
    pa, pq = _pyarrow()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    table = pa.Table.from_pylist(rows, schema=shard_schema())
    pq.write_table(table, partial, compression="zstd")
    os.replace(partial, target)
    return target


def shard_path(directory: str | os.PathLike[str], index: int) -> Path:
    """Return the path of shard number ``index`` in ``directory``."""
    return Path(directory) / f"part-{index:05d}.parquet"


class ShardWriter:
    """Cut a stream of results into shards of :data:`ROWS_PER_SHARD` rows (one writer)."""

    def __init__(self, directory: str | os.PathLike[str], rows_per_shard: int = ROWS_PER_SHARD):
        self.directory = Path(directory)
        self.rows_per_shard = rows_per_shard
        self.rows: list[dict[str, Any]] = []
        self.shards: list[Path] = []

    def add(self, item: Analysis | InputError) -> None:
        """Add one result; a full shard is written out."""
        self.rows.append(shard_row(item))
        if len(self.rows) >= self.rows_per_shard:
            self.flush()

    def flush(self) -> None:
        """Write the rows held so far as a shard (nothing if there are none)."""
        if self.rows:
            self.shards.append(write_shard(self.rows, shard_path(self.directory, len(self.shards))))
            self.rows = []


def iter_shards(directory: str | os.PathLike[str]) -> Iterator[Analysis | InputError]:
    """Yield the analyses and failures of every shard in ``directory``, shard by shard.

    Raises:
        ConfigError: ``directory`` holds no shard.
    """
    from .worker import error_from_dict

    _, pq = _pyarrow()
    paths = sorted(Path(directory).glob(SHARD_GLOB))
    if not paths:
        raise ConfigError(
            f"no {SHARD_GLOB} shards here (run newsgraph analyze-batch)", str(directory)
        )
    for path in paths:
        columns = ["source", "error", "analysis"]
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=columns):
            for row in batch.to_pylist():
                if row["analysis"] is not None:
                    yield Analysis.from_dict(json.loads(row["analysis"]))
                else:
                    kind, _, message = str(row["error"]).partition(": ")
                    yield error_from_dict(
                        {"type": kind, "message": message, "source": row["source"]}
                    )


@dataclass
class LoadReport:
    """What loading shards did: stored, already stored, and failed inputs recorded upstream."""

    stored: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {"stored": self.stored, "skipped": self.skipped, "failures": self.failures}


def load_shards(
    directory: str | os.PathLike[str],
    db: str | None = None,
    progress: Callable[[LoadReport], None] | None = None,
) -> LoadReport:
    """Write every analysis in the shards of ``directory`` into the store ``db``.

    Args:
        directory: where ``analyze-batch --out`` wrote its shards.
        db: a SQLite path or ``postgresql://`` URL (default: ``$NEWSGRAPH_DB`` or
            ``newsgraph.db``).
        progress: called with the running report after each row.

    Returns:
        The report; articles already in the store count as skipped, and the inputs that
        failed upstream are listed.

    Raises:
        ConfigError: no shards in ``directory``.
        StoreError: the database cannot be opened or written.
    """
    from ..store import open_store
    from ..store.groups import Grouper
    from ..store.rows import has_article, write_analysis

    report = LoadReport()
    items = iter_shards(directory)
    with open_store(db) as store:
        grouper = Grouper(store)
        for item in items:
            if isinstance(item, InputError):
                report.failures.append(str(item))
            elif has_article(store, item.article.id):
                report.skipped += 1
            else:
                # As ``newsgraph ingest`` does: the near-duplicate group, then one transaction.
                group = grouper.assign(item.article.id, item.article.text)
                if write_analysis(store, item, group=group):
                    report.stored += 1
                else:
                    report.skipped += 1
            if progress is not None:
                progress(report)
    return report
