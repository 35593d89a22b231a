"""Corpus DataFrames on PostgreSQL: the same frames as on SQLite, streamed by a server cursor.

A few real texts (the founding example, a syndicated copy of it, and the first PolNeAR dev
texts when ``../shared`` is present) are ingested into a PostgreSQL database (the throwaway
cluster of ``pg_url``) and into a SQLite file; every frame must be the same on both, equal to
the read layer's rows on PostgreSQL, and its chunks concatenated must be the whole frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import newsgraph
from newsgraph.ingest import ingest
from newsgraph.store import open_store, queries

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "quotes" / "polnear" / "dev" / "text"


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> list[str]:
    folder = tmp_path_factory.mktemp("pg-frames")
    text = example_path.read_text(encoding="utf-8")
    (folder / "original.txt").write_text(text, encoding="utf-8")
    # A syndicated copy, one verb edited: a near-duplicate of the original, not the same text.
    edited = text.replace("Kishida has invited", "Kishida also invited", 1)
    assert edited != text
    (folder / "copy.txt").write_text(edited, encoding="utf-8")
    inputs = [str(folder / "original.txt"), str(folder / "copy.txt")]
    inputs += [str(p) for p in sorted(POLNEAR_DEV.glob("*.txt"))[:4]]
    return inputs


@pytest.fixture()
def both(pg_url: str, tmp_path: Path, texts: list[str], nlp: Any) -> Iterator[tuple[Any, Any]]:
    """The same texts ingested into PostgreSQL and into SQLite, opened as corpora."""
    del nlp  # loaded once by the session fixture; the ingests below use it
    sqlite = str(tmp_path / "corpus.db")
    for url in (pg_url, sqlite):
        with open_store(url) as store:
            report = ingest(store, texts)
        assert report.stored == len(texts), report.to_dict()
    with newsgraph.open_corpus(pg_url) as pg, newsgraph.open_corpus(sqlite) as lite:
        yield pg, lite


def test_frames_on_postgresql_are_the_sqlite_frames_and_the_queries_answer(
    both: tuple[Any, Any],
) -> None:
    pg, lite = both
    assert pg.store.dialect == "postgresql"
    readers = {
        "events": lambda c: c.events(),
        "events every copy": lambda c: c.events(dedupe=False, source="JPN"),
        "quotes": lambda c: c.quotes(),
        "quotes about": lambda c: c.quotes(about="KOR"),
        "actors": lambda c: c.actors(),
        "articles": lambda c: c.articles(text=True).drop(columns=["ingested_at"]),
        "dyad": lambda c: c.dyad("JPN", "KOR"),
        "dyad events": lambda c: c.dyad_events("JPN", "KOR"),
    }
    for name, read in readers.items():
        on_pg, on_sqlite = read(pg), read(lite)
        assert len(on_pg), name
        for dtype in on_pg.dtypes:
            assert isinstance(dtype, pd.ArrowDtype), name
        pd.testing.assert_frame_equal(on_pg, on_sqlite, obj=name)
        assert on_pg.attrs == on_sqlite.attrs
    events = pg.events(dedupe=False)
    rows = list(queries.events(pg.store))
    assert list(zip(events["article_id"], events["seq"], strict=True)) == [
        (r.article_id, r.seq) for r in rows
    ]
    assert [list(s) for s in events["source"]] == [r.source for r in rows]
    assert list(events["evidence_text"]) == [r.evidence_text for r in rows]
    # The copy's events are its original's: counted once by default, as the CLI lists them.
    assert len(pg.events()) < len(events)


def test_chunks_from_the_server_cursor_are_the_whole_frame(both: tuple[Any, Any]) -> None:
    pg, _ = both
    for read in (
        lambda **kw: pg.events(dedupe=False, **kw),
        lambda **kw: pg.quotes(**kw),
        lambda **kw: pg.dyad_events("JPN", "KOR", **kw),
    ):
        whole = read()
        chunks = list(read(chunksize=6))
        assert len(chunks) == -(-len(whole) // 6) and all(len(c) <= 6 for c in chunks)
        pd.testing.assert_frame_equal(pd.concat(chunks), whole)
