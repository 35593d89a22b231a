"""Ingesting articles: skip what is stored, analyse in batches, one transaction per article.

The content hash (``Article.id``) is checked *before* parsing, so a second run over the same
inputs reads the files but parses nothing. Each analysis is written in one transaction: a
process killed at any moment (even ``kill -9``) leaves whole articles only, and a re-run
resumes where it stopped and ends with the same database as a clean run.

Inputs that cannot be read, and articles whose analysis raises, are recorded as failures with
their reason; every good article is still stored.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Analysis, Article
from ..sources import ReadOptions, ReadStats, iter_articles
from .base import Params, Store
from .corpus import attach_events

if TYPE_CHECKING:
    from ..scale import ScaleOptions
    from .groups import Grouper

log = logging.getLogger(__name__)

BATCH_SIZE = 32
"""Articles analysed together (one ``nlp.pipe`` batch) before their analyses are written."""

_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass
class Failure:
    """An input or article that could not be stored, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class IngestReport:
    """What an ingest did: articles stored, skipped as already stored, and failures."""

    stored: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    filtered: dict[str, int] = field(default_factory=dict)
    """WARC records passed over before any parsing, by reason (not HTML, language, host …)."""

    @property
    def done(self) -> int:
        """Return how many inputs have been handled so far (stored, skipped or failed)."""
        return self.stored + self.skipped + len(self.failures)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        return {
            "stored": self.stored,
            "skipped": self.skipped,
            "failed": len(self.failures),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "seconds": round(self.seconds, 3),
            "filtered": dict(self.filtered),
        }


Progress = Callable[[IngestReport], None]


def ingest(
    store: Store,
    inputs: Iterable[str],
    options: ReadOptions | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    scale: ScaleOptions | None = None,
    writers: int = 1,
) -> IngestReport:
    """Read every input (paths, directories, URLs) and store the analysis of each new article.

    Args:
        store: an open store.
        inputs: what :func:`newsgraph.sources.iter_articles` accepts.
        options: how to read the inputs.
        batch_size: articles parsed together before they are written.
        progress: called with the running report after each article is handled.
        scale: analyse in a process pool (``ScaleOptions(workers=N)``); reading, the
            already-stored check and writing stay in this process.
        writers: write over this many connections at once (PostgreSQL only; see
            :mod:`newsgraph.store.writers`).

    Returns:
        The report: stored, skipped (already stored) and failed, with reasons.

    Raises:
        StoreError: the database cannot be written (what was committed before stays).
        ConfigError: ``writers`` > 1 on a SQLite database.
    """
    stats = ReadStats()
    items = iter_articles(inputs, options, stats)
    report = ingest_articles(
        store, items, batch_size=batch_size, progress=progress, scale=scale, writers=writers
    )
    report.filtered = dict(stats.skipped)
    return report


def ingest_articles(
    store: Store,
    items: Iterable[Article | InputError],
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    pipeline: Sequence[str] | None = None,
    group: bool = True,
    scale: ScaleOptions | None = None,
    writers: int = 1,
) -> IngestReport:
    """Analyse and store articles already read (``InputError`` items count as failures).

    See :func:`ingest` for the arguments; ``pipeline`` names the extractors to run (default:
    all); ``group`` puts each article in its near-duplicate group as it is stored. With
    ``scale`` (``workers`` > 1), the articles not stored yet are analysed in a process pool
    (:class:`newsgraph.scale.WorkerPool`) and written here, in input order, by one writer, or
    by ``writers`` connections at once (:class:`newsgraph.store.writers.ParallelWriter`).
    """
    from .groups import Grouper

    report = IngestReport()
    with _Writes(store, report, Grouper(store) if group else None, writers) as writes:
        started = time.perf_counter()
        seen: set[str] = set()
        pending: list[Article] = []

        def tick() -> None:
            report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(report)

        def fresh() -> Iterator[Article]:
            for item in items:
                if isinstance(item, InputError):
                    report.failures.append(Failure(item.source or "<input>", item.message))
                    tick()
                elif item.id in seen or has_article(store, item.id):
                    report.skipped += 1
                    tick()
                else:
                    seen.add(item.id)
                    yield item

        if scale is not None and scale.workers > 1:
            from ..scale import WorkerPool

            names = None if pipeline is None else tuple(pipeline)
            with WorkerPool(replace(scale, pipeline=names)) as pool:
                for result in pool.analyze(fresh()):
                    if isinstance(result, InputError):
                        report.failures.append(Failure(result.source or "<input>", result.message))
                    else:
                        writes.write(result)
                    tick()
        else:
            for article in fresh():
                pending.append(article)
                if len(pending) >= batch_size:
                    _store_batch(writes, pending, pipeline, report, tick)
                    pending = []
            if pending:
                _store_batch(writes, pending, pipeline, report, tick)
        writes.finish()
        report.seconds = time.perf_counter() - started

    return report


class _Writes:
    """Where each analysis goes, and the count of what was stored.

    It is grouped here, in order, then written by this connection or by a
    :class:`~newsgraph.store.writers.ParallelWriter`.
    """

    def __init__(
        self, store: Store, report: IngestReport, grouper: Grouper | None, writers: int
    ) -> None:
        from .writers import ParallelWriter

        self.store, self.report, self.grouper = store, report, grouper
        self.parallel = ParallelWriter(store, writers) if writers > 1 else None

    def write(self, analysis: Analysis) -> None:
        article = analysis.article
        group = self.grouper.assign(article.id, article.text) if self.grouper else None
        if self.parallel is None:
            self._count([write_analysis(self.store, analysis, group=group)])
        else:
            self._count(self.parallel.submit(analysis, group))

    def finish(self) -> None:
        if self.parallel is not None:
            self._count(self.parallel.finish())

    def _count(self, outcomes: list[bool]) -> None:
        for stored in outcomes:
            if stored:
                self.report.stored += 1
            else:
                self.report.skipped += 1

    def __enter__(self) -> _Writes:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.parallel is not None:
            self.parallel.close()


def has_article(store: Store, article_id: str) -> bool:
    """Return whether an article with this content hash is stored."""
    return store.fetchone("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None


def _store_batch(
    writes: _Writes,
    batch: list[Article],
    pipeline: Sequence[str] | None,
    report: IngestReport,
    tick: Callable[[], None],
) -> None:
    for article, result in zip(batch, _analyze_batch(batch, pipeline), strict=True):
        if isinstance(result, Analysis):
            writes.write(result)
        else:
            report.failures.append(Failure(article.source or article.id, result))
        tick()


def _analyze_batch(batch: list[Article], pipeline: Sequence[str] | None) -> list[Analysis | str]:
    """Analyse a batch together; if that raises, one by one, so one bad article fails alone."""
    from ..pipeline import analyze_many

    try:
        return list(analyze_many(batch, pipeline))
    except Exception:  # an extractor bug on one article must not lose the batch
        log.debug("batch analysis failed; retrying one article at a time", exc_info=True)
    results: list[Analysis | str] = []
    for article in batch:
        try:
            results.extend(analyze_many([article], pipeline))
        except Exception as exc:
            log.debug("%s: analysis failed", article.source, exc_info=True)
            results.append(f"analysis failed ({type(exc).__name__}: {exc})")
    return results


# -- writing ----------------------------------------------------------------------------------

_INSERT_ARTICLE = (
    "INSERT INTO articles (id, source, url, site, title, authors, dateline, published, "
    "published_text, language, tags, standfirst, editors, headings, images, metadata_sources, "
    "text, analysis, ingested_at, given_id, group_id, signature) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO NOTHING"
)
_UPSERT_ACTOR = (
    "INSERT INTO actors (id, kind, name, country, sector, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET country = COALESCE(actors.country, excluded.country), "
    "sector = COALESCE(actors.sector, excluded.sector), "
    "lat = COALESCE(actors.lat, excluded.lat), lon = COALESCE(actors.lon, excluded.lon) "
    "WHERE (actors.country IS NULL AND excluded.country IS NOT NULL) "
    "OR (actors.sector IS NULL AND excluded.sector IS NOT NULL) "
    "OR (actors.lat IS NULL AND excluded.lat IS NOT NULL)"
)
_INSERT = {
    "article_actors": 5,
    "mentions": 6,
    "dates": 8,
    "quotes": 16,
    "events": 26,
    "event_actors": 4,
}


def _insert_sql(table: str) -> str:
    return f"INSERT INTO {table} VALUES ({', '.join('?' * _INSERT[table])})"


def write_analysis(
    store: Store,
    analysis: Analysis,
    ingested_at: str | None = None,
    group: tuple[str, bytes] | None = None,
) -> bool:
    """Store one analysis in one transaction, with its events linked to their corpus events.

    Args:
        store: an open store.
        analysis: the analysis to store.
        ingested_at: the ISO time to record (default: now, UTC).
        group: its near-duplicate group id and MinHash signature (see
            :class:`~newsgraph.store.groups.Grouper`), if grouped.

    Returns:
        ``True`` if it was stored, ``False`` if an article with its id was already there.

    Raises:
        StoreError: the database cannot be written.
    """
    rows = analysis_rows(analysis, ingested_at or datetime.now(UTC).isoformat())
    given = analysis.article.given_id
    given = given.replace("\x00", "\ufffd") if given is not None else None
    article_row = (*rows["articles"][0], given, *(group or (None, None)))
    with store.transaction() as tx:
        if not tx.execute(_INSERT_ARTICLE, article_row):
            return False
        tx.executemany(_UPSERT_ACTOR, sorted(rows["actors"], key=lambda row: str(row[0])))
        for table in _INSERT:
            tx.executemany(_insert_sql(table), rows[table])
        attach_events(
            tx, analysis.article.id, analysis.article.published, enumerate(analysis.events)
        )
    return True


def analysis_rows(analysis: Analysis, ingested_at: str) -> dict[str, list[Params]]:
    """Return the rows of every table for one analysis, keyed by table name."""
    document = analysis.to_dict()
    document_json = _json(document)
    if "\\u0000" in document_json:
        # PostgreSQL text cannot hold NUL; U+FFFD keeps every offset where it was.
        analysis = Analysis.from_dict(_replace_nul(document))
        document = analysis.to_dict()
        document_json = _json(document)
    art = analysis.article
    aid = art.id
    rows: dict[str, list[Params]] = {
        "articles": [
            (
                aid,
                art.source,
                art.url,
                art.site,
                art.title,
                _json(art.authors),
                art.dateline,
                art.published,
                art.published_text,
                art.language,
                _json(art.tags),
                art.standfirst,
                _json(art.editors),
                _json(art.headings),
                _json(document["article"]["images"]),
                _json(art.metadata_sources),
                art.text,
                document_json,
                ingested_at,
            )
        ]
    }
    actors = {actor.id: actor for actor in analysis.actors}
    rows["actors"] = [
        (a.id, a.kind, a.name, a.country, a.sector, a.lat, a.lon)
        for a in sorted(actors.values(), key=lambda a: a.id)
    ]
    rows["article_actors"] = [
        (aid, a.id, a.name, _json(document_roles(a)), len(a.mentions)) for a in actors.values()
    ]
    rows["mentions"] = [
        (aid, seq, actor_id, span.start, span.end, span.text)
        for seq, (actor_id, span) in enumerate(
            (a.id, m) for a in analysis.actors for m in a.mentions
        )
    ]
    rows["dates"] = [
        (aid, seq, d.text, d.start, d.end, d.value, d.granularity, d.field)
        for seq, d in enumerate(analysis.dates)
    ]
    rows["quotes"] = [_quote_row(aid, seq, q) for seq, q in enumerate(analysis.quotes)]
    rows["events"] = [_event_row(aid, seq, e) for seq, e in enumerate(analysis.events)]
    rows["event_actors"] = [
        (aid, seq, side, actor)
        for seq, e in enumerate(analysis.events)
        for side, actor in sorted(
            {("source", a) for a in [*e.source, *e.source_ids]}
            | {("target", a) for a in [*e.target, *e.target_ids]}
        )
    ]
    return rows


def document_roles(actor: Any) -> list[dict[str, Any]]:
    """Return an actor's roles as plain dicts."""
    return [
        {"title": r.title, "organization": r.organization, "country": r.country}
        for r in actor.roles
    ]


def _quote_row(aid: str, seq: int, q: Any) -> Params:
    sp, cue = q.speaker, q.cue
    return (
        aid,
        seq,
        q.kind,
        q.text,
        q.start,
        q.end,
        sp.actor if sp else None,
        sp.name if sp else None,
        sp.text if sp else None,
        sp.start if sp else None,
        sp.end if sp else None,
        int(bool(sp and sp.anonymous)),
        cue.text if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        q.confidence,
    )


def _event_row(aid: str, seq: int, e: Any) -> Params:
    trigger = e.trigger
    return (
        aid,
        seq,
        e.type,
        e.mode,
        _json(e.source),
        _json(e.target),
        _json(e.source_ids),
        _json(e.target_ids),
        e.source_text,
        e.target_text,
        e.date,
        first_day(e.date),
        e.date_granularity,
        e.date_basis,
        e.location,
        e.status,
        e.quad,
        e.intensity,
        e.confidence,
        e.attribution,
        e.evidence.start,
        e.evidence.end,
        e.evidence.text,
        trigger.text if trigger else None,
        trigger.start if trigger else None,
        trigger.end if trigger else None,
    )


def first_day(value: str | None) -> str | None:
    """Return the first day (``YYYY-MM-DD``) of a date, month, year or ``a/b`` range."""
    if not value:
        return None
    match = _DAY.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _replace_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_replace_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _replace_nul(v) for k, v in value.items()}
    return value
