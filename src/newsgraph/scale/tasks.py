"""The parent side of a parallel run: cutting the inputs into tasks and partitions, cheaply.

The parent process does as little as it can, so that the workers do the reading as well as
the analysing:

- a plain file (HTML, text) or a URL becomes a task holding its path, read by a worker;
- a WARC file is streamed here record by record, and each HTML page that passes the
  :class:`~newsgraph.sources.warc_filter.RecordFilter` becomes a task holding its raw bytes
  (:class:`~newsgraph.sources.warc.WarcPage`); the other records are only counted;
- a JSONL file and stdin are read here (one JSON parse per line) into articles.

For Dask, :func:`plan_partitions` groups inputs instead: one partition per WARC or JSONL
file, and plain files in chunks, so that each worker reads its own files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..sources import ReadOptions, ReadStats, expand_inputs, is_url, iter_articles
from .worker import Task

FILES_PER_PARTITION = 64
"""Plain files (HTML, text) grouped into one Dask partition."""


def container_kind(source: str, options: ReadOptions) -> str | None:
    """Return ``warc`` or ``jsonl`` when ``source`` is a container file, else ``None``."""
    from ..sources import container_kind as file_container_kind

    if source == "-" or is_url(source) or not os.path.isfile(source):
        return None
    return file_container_kind(source, options.kind)


def iter_tasks(inputs: Iterable[str], options: ReadOptions, stats: ReadStats) -> Iterator[Task]:
    """Yield the tasks for ``inputs`` in input order (see the module docstring).

    Args:
        inputs: paths, directories (recursive), URLs or ``-``.
        options: how to read; ``record_filter`` chooses WARC records here.
        stats: where skipped WARC records are counted, by reason.
    """
    for source in expand_inputs(inputs):
        kind = container_kind(source, options)
        if kind == "warc":
            yield from _warc_pages(source, options, stats)
        elif kind == "jsonl" or source == "-":
            yield from iter_articles([source], options, stats)
        else:
            yield source


def _warc_pages(path: str, options: ReadOptions, stats: ReadStats) -> Iterator[Task]:
    from ..sources.warc import iter_warc_pages

    try:
        with open(path, "rb") as handle:
            yield from iter_warc_pages(handle, path, options, stats)
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror or exc})", path)


def plan_partitions(
    inputs: Iterable[str], options: ReadOptions, files_per_partition: int | None = None
) -> list[list[str]]:
    """Group inputs into partitions: each container file alone, plain files in chunks.

    ``files_per_partition`` defaults to :data:`FILES_PER_PARTITION`.

    Raises:
        ConfigError: ``-`` (stdin) is among the inputs; a cluster cannot read it.
    """
    from ..errors import ConfigError

    size = files_per_partition or FILES_PER_PARTITION
    partitions: list[list[str]] = []
    chunk: list[str] = []
    for source in expand_inputs(inputs):
        if source == "-":
            raise ConfigError("stdin (-) cannot be read on a cluster; write it to a file first")
        if container_kind(source, options):
            partitions.append([source])
            continue
        chunk.append(source)
        if len(chunk) >= size:
            partitions.append(chunk)
            chunk = []
    if chunk:
        partitions.append(chunk)
    return partitions
