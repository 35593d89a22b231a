"""The database schema as numbered migrations, and the runner that brings any database up to date.

Each :class:`Migration` has a number and the statements for each dialect. ``schema_version``
records the ones applied; opening a database made by an older newsgraph applies the missing
ones, each in its own transaction (PostgreSQL takes an advisory lock, SQLite ``BEGIN
IMMEDIATE``, so two processes opening the same new database do not race). A database made by
a newer newsgraph is refused with a clear message rather than misread.

Never edit a released migration: add the next number.

Tables (one row per…):

- ``articles``: article, with all metadata, the body text, the full analysis JSON
  (``analysis``), ``group_id`` (its near-duplicate group: the id of the group's first
  article) and ``signature`` (its MinHash, to match later articles against),
  and ``ingested_at``. ``id`` is the content hash (``Article.id``); ``given_id`` the id the
  input gave, if any (migration 6 moved articles stored under a given id to their hash).
- ``actors``: corpus-level actor (``KOR``, ``person:maria-lopez``, ``org:dw``); the first
  article that names it gives its attributes, later ones only fill what is missing.
- ``article_actors``: actor in an article, with its name and roles there.
- ``mentions``: actor mention (offsets into ``articles.text``).
- ``dates``: resolved time expression.
- ``quotes``: quote, with speaker (actor id, name, mention offsets) and cue.
- ``events``: PLOVER event, with source/target codes and ids (JSON lists), date (as
  extracted, and ``day``: its first day, for ranges and sorting), status, quad, intensity,
  evidence offsets and text, attribution.
- ``event_actors``: (event, side, actor) for each code or id on the ``source``/``target``
  side, so that events are found by actor with an index.
- ``corpus_events``: one happening across articles (``KEY@DATE``: see
  :mod:`newsgraph.store.corpus`), with its type, status, actor sides and anchor date.
- ``corpus_event_links``: article event → its corpus event.
- ``watches``: saved search (migration 7), by name: its full-text ``query``, its
  ``filters`` (a JSON object: actor, event and quote filters), when it was made and last
  run, and ``mark``, the newest ``articles.ingested_at`` its last run covered (see
  :mod:`newsgraph.store.watches`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..errors import StoreError
from .base import Store, Tx

log = logging.getLogger(__name__)

NO_DATABASE = "no newsgraph database here (check the path, or run newsgraph ingest first)"
"""The message of a read on a path that holds no newsgraph database."""

_ARTICLE_COLUMNS = """
    source TEXT, url TEXT, site TEXT, title TEXT, authors TEXT NOT NULL, dateline TEXT,
    published TEXT, published_text TEXT, language TEXT, tags TEXT NOT NULL, standfirst TEXT,
    editors TEXT NOT NULL, headings TEXT NOT NULL, images TEXT NOT NULL,
    metadata_sources TEXT NOT NULL, text TEXT NOT NULL, analysis TEXT NOT NULL,
    ingested_at TEXT NOT NULL"""

_CHILD_TABLES = [
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX articles_url ON articles (url)",
    """CREATE TABLE actors (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
        sector TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION)""",
    """CREATE TABLE article_actors (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors (id),
        name TEXT NOT NULL, roles TEXT NOT NULL, n_mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, actor_id))""",
    "CREATE INDEX article_actors_actor ON article_actors (actor_id)",
    """CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, actor_id TEXT NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (article_id, seq))""",
    "CREATE INDEX mentions_actor ON mentions (actor_id)",
    """CREATE TABLE dates (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, text TEXT NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, value TEXT, granularity TEXT, field TEXT,
        PRIMARY KEY (article_id, seq))""",
    """CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        speaker_actor TEXT, speaker_name TEXT, speaker_text TEXT, speaker_start INTEGER,
        speaker_end INTEGER, anonymous INTEGER NOT NULL, cue_text TEXT, cue_start INTEGER,
        cue_end INTEGER, confidence DOUBLE PRECISION,
        PRIMARY KEY (article_id, seq))""",
    "CREATE INDEX quotes_speaker ON quotes (speaker_actor)",
    """CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT,
        source TEXT NOT NULL, target TEXT NOT NULL, source_ids TEXT NOT NULL,
        target_ids TEXT NOT NULL, source_text TEXT, target_text TEXT,
        date TEXT, day TEXT, date_granularity TEXT, date_basis TEXT, location TEXT,
        status TEXT NOT NULL, quad TEXT, intensity DOUBLE PRECISION,
        confidence DOUBLE PRECISION, attribution TEXT NOT NULL,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        evidence_text TEXT NOT NULL, trigger_text TEXT, trigger_start INTEGER,
        trigger_end INTEGER,
        PRIMARY KEY (article_id, seq))""",
    "CREATE INDEX events_type_day ON events (type, day)",
    "CREATE INDEX events_day ON events (day)",
    """CREATE TABLE event_actors (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        event_seq INTEGER NOT NULL, side TEXT NOT NULL, actor TEXT NOT NULL,
        PRIMARY KEY (article_id, event_seq, side, actor))""",
    "CREATE INDEX event_actors_actor ON event_actors (actor, side)",
]


_CORPUS_EVENTS = [
    """CREATE TABLE corpus_events (
        id TEXT PRIMARY KEY, key TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
        source TEXT NOT NULL, target TEXT NOT NULL, date TEXT, day TEXT)""",
    "CREATE INDEX corpus_events_key ON corpus_events (key, date)",
    "CREATE INDEX corpus_events_day ON corpus_events (day)",
    """CREATE TABLE corpus_event_links (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        event_seq INTEGER NOT NULL,
        corpus_event TEXT NOT NULL REFERENCES corpus_events (id),
        PRIMARY KEY (article_id, event_seq))""",
    "CREATE INDEX corpus_event_links_event ON corpus_event_links (corpus_event)",
    # Feeds skip items whose page was stored: the page's URL is the article's source.
    "CREATE INDEX articles_source ON articles (source)",
]


_WATCHES = [
    """CREATE TABLE watches (
        name TEXT PRIMARY KEY, query TEXT NOT NULL, filters TEXT NOT NULL,
        created_at TEXT NOT NULL, last_run_at TEXT, mark TEXT)""",
    # A watch run reads the articles stored since its mark.
    "CREATE INDEX articles_ingested ON articles (ingested_at)",
]


def _fill_corpus_events(tx: Tx) -> None:
    from .corpus import backfill

    backfill(tx)


def _rekey_given_ids(tx: Tx) -> None:
    from .rekey import rekey_given_ids

    rekey_given_ids(tx)


@dataclass(frozen=True)
class Migration:
    """One step of the schema: a number, a name, the statements for each dialect.

    ``fill``, when given, runs after the statements in the same transaction, to compute the
    new tables' rows from what the database already holds.
    """

    version: int
    name: str
    sqlite: list[str] = field(default_factory=list)
    postgresql: list[str] = field(default_factory=list)
    fill: Callable[[Tx], None] | None = None

    def statements(self, dialect: str) -> list[str]:
        """Return the statements for ``dialect`` (``sqlite`` or ``postgresql``)."""
        return self.sqlite if dialect == "sqlite" else self.postgresql


MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "articles, actors, mentions, dates, quotes, events",
        # SQLite: ``n`` is the rowid alias the FTS5 index points at (stable across VACUUM).
        sqlite=[
            "CREATE TABLE articles (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
            + _ARTICLE_COLUMNS
            + ")",
            *_CHILD_TABLES,
        ],
        postgresql=[
            "CREATE TABLE articles (id TEXT PRIMARY KEY," + _ARTICLE_COLUMNS + ")",
            *_CHILD_TABLES,
        ],
    ),
    Migration(
        2,
        "full-text search",
        sqlite=[
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
            "content_rowid='n', tokenize='porter unicode61 remove_diacritics 2')",
            "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts (rowid, title, text) VALUES (new.n, new.title, new.text); "
            "END",
            "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
            "VALUES ('delete', old.n, old.title, old.text); END",
            "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
            "VALUES ('delete', old.n, old.title, old.text); "
            "INSERT INTO articles_fts (rowid, title, text) VALUES (new.n, new.title, new.text); "
            "END",
            "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
        ],
        postgresql=[
            # to_tsvector refuses over 1 MB of positions; the first 400,000 characters of an
            # article are plenty to find it.
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', left(text, 400000)), 'B')) STORED",
            "CREATE INDEX articles_search ON articles USING GIN (search)",
        ],
    ),
    Migration(
        3,
        "near-duplicate groups",
        sqlite=[
            "ALTER TABLE articles ADD COLUMN group_id TEXT",
            "CREATE INDEX articles_group ON articles (group_id)",
        ],
        postgresql=[
            "ALTER TABLE articles ADD COLUMN group_id TEXT",
            "CREATE INDEX articles_group ON articles (group_id)",
        ],
    ),
    Migration(
        4,
        "MinHash signatures for near-duplicate grouping",
        sqlite=["ALTER TABLE articles ADD COLUMN signature BLOB"],
        postgresql=["ALTER TABLE articles ADD COLUMN signature BYTEA"],
    ),
    Migration(
        5,
        "corpus events, articles by source",
        sqlite=_CORPUS_EVENTS,
        postgresql=_CORPUS_EVENTS,
        fill=_fill_corpus_events,
    ),
    Migration(
        6,
        "articles known by content hash, a given id kept as given_id",
        sqlite=[
            "ALTER TABLE articles ADD COLUMN given_id TEXT",
            "CREATE INDEX articles_given_id ON articles (given_id)",
        ],
        postgresql=[
            "ALTER TABLE articles ADD COLUMN given_id TEXT",
            "CREATE INDEX articles_given_id ON articles (given_id)",
        ],
        fill=_rekey_given_ids,
    ),
    Migration(
        7,
        "saved searches (watches), articles by ingestion time",
        sqlite=_WATCHES,
        postgresql=_WATCHES,
    ),
]

LATEST = MIGRATIONS[-1].version

_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


_OWN_VERSION_COLUMNS = ["version", "name", "applied_at"]
_OWN_ARTICLE_COLUMNS = {"id", "text", "analysis", "metadata_sources", "ingested_at"}


def check_ours(store: Store, create: bool = True) -> None:
    """Refuse a database that holds tables and is not newsgraph's, before changing anything.

    A database is newsgraph's when it has a ``schema_version`` table of newsgraph's shape
    and, once migration 1 is applied, an ``articles`` table of newsgraph's shape.

    Raises:
        StoreError: the database holds another application's tables, or (with ``create``
            false) holds no newsgraph tables at all.
    """
    tables = store.tables()
    if not tables:
        if not create:
            raise StoreError(NO_DATABASE, store.name)
        return
    if "schema_version" not in tables or store.columns("schema_version") != _OWN_VERSION_COLUMNS:
        raise _foreign(store, tables)
    if "articles" in tables and not _OWN_ARTICLE_COLUMNS.issubset(store.columns("articles")):
        raise _foreign(store, tables)
    if "articles" not in tables and schema_version(store) >= 1:
        raise _foreign(store, tables)


def _foreign(store: Store, tables: list[str]) -> StoreError:
    shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
    return StoreError(
        f"not a newsgraph database (it holds other tables: {shown}); nothing was changed, "
        "give --db a new file or an empty database",
        store.name,
    )


def schema_version(store: Store) -> int:
    """Return the highest migration applied to ``store`` (0 for an empty database)."""
    if "schema_version" not in store.tables():
        return 0
    try:
        return int(store.scalar("SELECT MAX(version) FROM schema_version") or 0)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"not a newsgraph database (schema_version: {exc})", store.name) from exc


def migrate(store: Store, target: int | None = None) -> list[int]:
    """Apply the migrations ``store`` lacks, up to ``target`` (default: all).

    Args:
        store: an open store.
        target: stop after this version (tests use it to build an "old" database).

    Returns:
        The versions applied, in order.

    Raises:
        StoreError: the database was made by a newer newsgraph, or a migration failed.
    """
    target = LATEST if target is None else target
    current = schema_version(store)
    if current > LATEST:
        raise StoreError(
            f"made by a newer newsgraph (schema {current}, this one knows {LATEST}); "
            "upgrade newsgraph",
            store.name,
        )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version <= current or migration.version > target:
            continue
        with store.transaction() as tx:
            if store.dialect == "postgresql":
                tx.execute("SELECT pg_advisory_xact_lock(?)", (0x6E657773,))
            tx.execute(_VERSION_TABLE)
            done = tx.fetchall(
                "SELECT 1 FROM schema_version WHERE version = ?", (migration.version,)
            )
            if done:  # another process applied it while we waited for the lock
                continue
            for statement in migration.statements(store.dialect):
                tx.execute(statement)
            if migration.fill is not None:
                migration.fill(tx)
            tx.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat()),
            )
        log.info("%s: applied migration %d (%s)", store.name, migration.version, migration.name)
        applied.append(migration.version)
    return applied
