"""A stored corpus as pandas DataFrames: :func:`open_corpus` and :class:`Corpus`.

Each method asks the question the CLI's command of the same name asks, through the same
read-layer function (:mod:`newsgraph.store.queries`, :mod:`newsgraph.store.browse`,
:mod:`newsgraph.relations`), with the same filters and defaults, so the DataFrame holds the
rows ``newsgraph events`` (``quotes``, ``actors``, ``dyad``) prints, with more columns: the
evidence sentence and offsets of each event, the speaker's role and offsets of each quote.
Every column has an Arrow dtype (``pd.ArrowDtype``); days are ``timestamp[s]``.

For corpora too large to hold at once, ``chunksize=N`` makes a method return an iterator of
DataFrames of at most N rows each, read from a streamed query (a server-side cursor on
PostgreSQL), as :func:`pandas.read_sql` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, overload

from ..errors import ConfigError
from ..store import Store, open_store

if TYPE_CHECKING:
    import pandas as pd

    from .columns import Column

__all__ = ["Corpus", "open_corpus"]

_BATCH = 10_000
"""Rows fetched per round trip when a whole frame is read."""


def open_corpus(db: str | None = None) -> Corpus:
    """Open a stored corpus for reading as DataFrames.

    Args:
        db: a SQLite path or a ``postgresql://`` URL, as the CLI's ``--db``; ``None`` means
            ``$NEWSGRAPH_DB`` or else ``newsgraph.db``.

    Returns:
        The corpus; close it (or use it as a context manager) when done.

    Raises:
        StoreError: there is no newsgraph database at ``db``, or it cannot be read.
    """
    return Corpus(open_store(db, create=False))


def _many(values: str | Sequence[str] | None) -> tuple[str, ...]:
    """Return one value or several as a tuple (``"CONSULT"`` → ``("CONSULT",)``)."""
    if values is None:
        return ()
    return (values,) if isinstance(values, str) else tuple(values)


def _statuses(values: str | Sequence[str] | None) -> tuple[str, ...]:
    """Return one status or several as a tuple, each checked to be a status.

    Raises:
        ConfigError: one is not (a misspelt status would give an empty frame).
    """
    from ..store.queries import STATUSES

    chosen = _many(values)
    unknown = [s for s in chosen if s not in STATUSES]
    if unknown:
        raise ConfigError(f"unknown status {unknown[0]!r} (one of {', '.join(STATUSES)})")
    return chosen


class Corpus:
    """A stored corpus read as pandas DataFrames (see :mod:`newsgraph.frames.corpus`).

    ``store`` is the open :class:`~newsgraph.store.Store`, for the read-layer functions
    themselves. Close the corpus with :meth:`close` or a ``with`` block.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({self.store.name!r})"

    # -- reading ------------------------------------------------------------------------------

    def _read(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        chunksize: int | None,
    ) -> pd.DataFrame | Iterator[pd.DataFrame]:
        from .columns import chunks, frame

        if chunksize is None:
            return frame(columns, list(rows))
        return chunks(columns, rows, chunksize)

    def _query(
        self, columns: Sequence[Column], sql: tuple[str, list[Any]], chunksize: int | None
    ) -> pd.DataFrame | Iterator[pd.DataFrame]:
        _check(chunksize)
        batch = min(chunksize, _BATCH) if chunksize else _BATCH
        return self._read(columns, self.store.stream(sql[0], sql[1], batch), chunksize)

    # -- the questions ------------------------------------------------------------------------

    @overload
    def events(
        self,
        source: str | None = ...,
        target: str | None = ...,
        types: str | Sequence[str] = ...,
        since: str | None = ...,
        until: str | None = ...,
        statuses: str | Sequence[str] = ...,
        limit: int | None = ...,
        offset: int = ...,
        dedupe: bool = ...,
        chunksize: None = ...,
    ) -> pd.DataFrame: ...
    @overload
    def events(
        self,
        source: str | None = ...,
        target: str | None = ...,
        types: str | Sequence[str] = ...,
        since: str | None = ...,
        until: str | None = ...,
        statuses: str | Sequence[str] = ...,
        limit: int | None = ...,
        offset: int = ...,
        dedupe: bool = ...,
        *,
        chunksize: int,
    ) -> Iterator[pd.DataFrame]: ...
    def events(
        self,
        source: str | None = None,
        target: str | None = None,
        types: str | Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        statuses: str | Sequence[str] = (),
        limit: int | None = None,
        offset: int = 0,
        dedupe: bool = True,
        chunksize: int | None = None,
    ) -> pd.DataFrame | Iterator[pd.DataFrame]:
        """Return the events ``newsgraph events`` lists, oldest first, with their evidence.

        Columns: ``article_id``, ``seq``, ``type``, ``mode``, ``source``, ``target``,
        ``source_ids``, ``target_ids`` (lists), ``date`` (as extracted: a day, a month, a
        range), ``status``, ``quad``, ``intensity``, ``confidence``, ``attribution``,
        ``location``, ``evidence_start``, ``evidence_end``, ``evidence_text`` (the sentence;
        the offsets point into the article's text), ``title``, ``published``, ``day`` (the
        event's first day), ``date_granularity``, ``date_basis``, ``source_text``,
        ``target_text``, ``trigger_text``, ``trigger_start``, ``trigger_end``, ``site``,
        ``url``.

        Args:
            source: an actor (code, id or name) on the source side (``--source``).
            target: an actor on the target side; with both, reciprocal events listing both
                as participants are included (``--target``).
            types: a PLOVER type or several (``--type``).
            since: the first day, ``YYYY-MM-DD`` (``--since``).
            until: the last day (``--until``).
            statuses: a status or several (``--status``).
            limit: the most events (``--limit``); all by default.
            offset: how many to skip first.
            dedupe: an event told by near-duplicate articles once, as the CLI lists it
                (``--dedupe``, the default); ``False`` gives every article's copy.
            chunksize: return an iterator of DataFrames of at most this many rows.
        """
        from ..store.queries import events_sql
        from .columns import EVENTS, select

        sql = events_sql(
            self.store,
            source,
            target,
            _many(types),
            since,
            until,
            _statuses(statuses),
            limit,
            dedupe,
            offset,
            columns=select(EVENTS),
        )
        return self._query(EVENTS, sql, chunksize)

    @overload
    def quotes(
        self,
        speaker: str | None = ...,
        about: str | Sequence[str] | None = ...,
        limit: int | None = ...,
        offset: int = ...,
        chunksize: None = ...,
    ) -> pd.DataFrame: ...
    @overload
    def quotes(
        self,
        speaker: str | None = ...,
        about: str | Sequence[str] | None = ...,
        limit: int | None = ...,
        offset: int = ...,
        *,
        chunksize: int,
    ) -> Iterator[pd.DataFrame]: ...
    def quotes(
        self,
        speaker: str | None = None,
        about: str | Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        chunksize: int | None = None,
    ) -> pd.DataFrame | Iterator[pd.DataFrame]:
        """Return the quotes ``newsgraph quotes`` lists, newest article first.

        Columns: ``article_id``, ``seq``, ``kind``, ``text``, ``start``, ``end`` (offsets into
        the article's text), ``speaker_actor``, ``speaker_name``, ``speaker_text`` (how the
        text names the speaker), ``cue``, ``confidence``, ``title``, ``published``,
        ``speaker_role``, ``speaker_organization`` (the speaker's first role in the article),
        ``speaker_country``, ``speaker_start``, ``speaker_end``, ``anonymous``, ``cue_start``,
        ``cue_end``, ``site``, ``url``.

        Args:
            speaker: part of the speaker's name, or an actor id or full name (``--speaker``).
            about: an actor mentioned inside the quote, or several that all must be
                (``--about``).
            limit: the most quotes (``--limit``); all by default.
            offset: how many to skip first.
            chunksize: return an iterator of DataFrames of at most this many rows.
        """
        from ..store.queries import quotes_sql
        from .columns import QUOTES, select

        sql = quotes_sql(self.store, speaker, about, limit, offset, columns=select(QUOTES))
        return self._query(QUOTES, sql, chunksize)

    @overload
    def actors(
        self,
        top: int | None = ...,
        kind: str | None = ...,
        dedupe: bool = ...,
        name: str | None = ...,
        offset: int = ...,
        chunksize: None = ...,
    ) -> pd.DataFrame: ...
    @overload
    def actors(
        self,
        top: int | None = ...,
        kind: str | None = ...,
        dedupe: bool = ...,
        name: str | None = ...,
        offset: int = ...,
        *,
        chunksize: int,
    ) -> Iterator[pd.DataFrame]: ...
    def actors(
        self,
        top: int | None = None,
        kind: str | None = None,
        dedupe: bool = True,
        name: str | None = None,
        offset: int = 0,
        chunksize: int | None = None,
    ) -> pd.DataFrame | Iterator[pd.DataFrame]:
        """Return the actors ``newsgraph actors`` ranks: named in the most articles first.

        Columns: ``id``, ``kind``, ``name``, ``country``, ``sector``, ``articles`` (articles,
        or near-duplicate groups, naming the actor; a person's variant names count as the
        person), ``mentions``.

        Args:
            top: how many (``--top``); all by default.
            kind: ``country``, ``person``, ``organization`` or ``place`` (``--actor-kind``).
            dedupe: count near-duplicate articles once (``--dedupe``, the default).
            name: only actors whose name or id contains this text (any case).
            offset: how many of the ranking to skip first.
            chunksize: return an iterator of DataFrames of at most this many rows.
        """
        from ..store.queries import actors_sql
        from .columns import ACTORS

        sql = actors_sql(self.store, top, kind, dedupe, offset, name)
        return self._query(ACTORS, sql, chunksize)

    @overload
    def articles(
        self,
        since: str | None = ...,
        until: str | None = ...,
        site: str | None = ...,
        actor: str | None = ...,
        limit: int | None = ...,
        offset: int = ...,
        text: bool = ...,
        chunksize: None = ...,
    ) -> pd.DataFrame: ...
    @overload
    def articles(
        self,
        since: str | None = ...,
        until: str | None = ...,
        site: str | None = ...,
        actor: str | None = ...,
        limit: int | None = ...,
        offset: int = ...,
        text: bool = ...,
        *,
        chunksize: int,
    ) -> Iterator[pd.DataFrame]: ...
    def articles(
        self,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        actor: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        text: bool = False,
        chunksize: int | None = None,
    ) -> pd.DataFrame | Iterator[pd.DataFrame]:
        """Return the stored articles ``/api/articles`` lists, newest first.

        Columns: ``id``, ``title``, ``published``, ``site``, ``url``, ``authors`` (a list),
        ``quotes``, ``events`` (how many the article has), ``source``, ``dateline``,
        ``language``, ``tags``, ``standfirst``, ``group_id`` (its near-duplicate group),
        ``given_id``, ``ingested_at``, and ``text`` with ``text=True``.

        Args:
            since: published on or after this day (``YYYY-MM-DD``).
            until: published on or before this day.
            site: only articles of this site (any case).
            actor: only articles naming this actor (id or name).
            limit: the most articles; all by default.
            offset: how many to skip first.
            text: add the body text every offset points into.
            chunksize: return an iterator of DataFrames of at most this many rows.
        """
        from ..store.browse import articles_sql
        from .columns import ARTICLE_TEXT, ARTICLES, select

        columns = (*ARTICLES, ARTICLE_TEXT) if text else ARTICLES
        sql = articles_sql(
            self.store, limit, offset, since, until, site, actor, columns=select(columns)
        )
        return self._query(columns, sql, chunksize)

    def dyad(
        self,
        a: str,
        b: str,
        by: str = "month",
        dedupe: bool = True,
        statuses: str | Sequence[str] = ("occurred",),
        since: str | None = None,
        until: str | None = None,
    ) -> pd.DataFrame:
        """Return the series ``newsgraph dyad A B`` prints: cooperation and conflict per period.

        One row per period from the first to the last with events (empty ones included, as
        the chart draws them): ``period`` (``2023-05``, ``2023-W19``, ``2023``), ``start``
        (its first day), ``verbal_cooperation``, ``material_cooperation``,
        ``verbal_conflict``, ``material_conflict``, ``events`` and ``mean_intensity``.
        ``attrs`` holds ``a``, ``b``, ``by`` and ``undated`` (events with no day).

        Args:
            a: one actor (ISO3 code, actor id or name).
            b: the other.
            by: ``week``, ``month`` or ``year`` (``--by``).
            dedupe: count an event told by near-duplicate articles once (``--dedupe``).
            statuses: the statuses counted (``--status``; events that occurred by default).
            since: leave out events before this day (``--since``).
            until: leave out events after this day (``--until``).
        """
        from ..relations import dyad_series, period_start
        from .columns import DYAD, frame

        series = dyad_series(self.store, a, b, by, dedupe, _statuses(statuses), since, until)
        rows = []
        for period in series.periods:
            cells = period.to_dict()
            counts = [cells[c.name] for c in DYAD[2:-1]]
            start = period_start(period.period, by)
            rows.append((period.period, start, *counts, period.mean_intensity))
        result = frame(DYAD, rows)
        result.attrs.update(a=series.a, b=series.b, by=series.by, undated=series.undated)
        return result

    @overload
    def dyad_events(
        self,
        a: str,
        b: str,
        statuses: str | Sequence[str] | None = ...,
        limit: int | None = ...,
        offset: int = ...,
        chunksize: None = ...,
    ) -> pd.DataFrame: ...
    @overload
    def dyad_events(
        self,
        a: str,
        b: str,
        statuses: str | Sequence[str] | None = ...,
        limit: int | None = ...,
        offset: int = ...,
        *,
        chunksize: int,
    ) -> Iterator[pd.DataFrame]: ...
    def dyad_events(
        self,
        a: str,
        b: str,
        statuses: str | Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
        chunksize: int | None = None,
    ) -> pd.DataFrame | Iterator[pd.DataFrame]:
        """Return the events between ``a`` and ``b`` (both directions and joint), oldest first.

        The events ``/api/dyads/{a}/{b}/events`` and the dyad page list, every status by
        default (with ``statuses="occurred"``, the events :meth:`dyad` counts, before
        near-duplicates are counted once); the columns of :meth:`events`.

        Args:
            a: one actor (ISO3 code, actor id or name).
            b: the other.
            statuses: a status or several; every status by default.
            limit: the most events; all by default.
            offset: how many to skip first.
            chunksize: return an iterator of DataFrames of at most this many rows.
        """
        from itertools import islice

        from ..store.queries import STATUSES, dyad_event_tuples
        from .columns import EVENTS, select

        _check(chunksize)
        chosen = _statuses(statuses) or STATUSES
        rows = dyad_event_tuples(self.store, a, b, chosen, columns=select(EVENTS))
        end = None if limit is None else offset + limit
        return self._read(EVENTS, islice(rows, offset, end), chunksize)


def _check(chunksize: int | None) -> None:
    if chunksize is not None and (isinstance(chunksize, bool) or chunksize < 1):
        raise ConfigError(f"chunksize must be a number of rows, at least 1 (got {chunksize!r})")
