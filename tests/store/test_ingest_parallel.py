"""``ingest --workers`` and ``ingest --dask`` store what a single-process ingest stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.scale import ScaleOptions
from newsgraph.store import open_store
from newsgraph.store.ingest import ingest

STORIES = [
    "China accused Japan of provocations on Monday, the foreign ministry in Beijing said.",
    "Germany will send air defence systems to Ukraine, Chancellor Olaf Scholz said on Friday.",
    "The European Union imposed new sanctions on Iran over drone deliveries to Russia.",
]
TABLES = ("articles", "quotes", "events", "mentions", "dates")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i, text in enumerate(STORIES * 2):  # each story twice: stored once
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _counts(db: Path) -> dict[str, Any]:
    with open_store(str(db)) as store:
        return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


def test_ingest_with_workers_equals_one_process(nlp: Any, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    with open_store(str(tmp_path / "one.db")) as store:
        one = ingest(store, [str(corpus)])
    with open_store(str(tmp_path / "two.db")) as store:
        two = ingest(store, [str(corpus)], scale=ScaleOptions(workers=2, batch_size=2))
    assert (two.stored, two.skipped, len(two.failures)) == (one.stored, one.skipped, 1)
    assert _counts(tmp_path / "two.db") == _counts(tmp_path / "one.db")


def test_ingest_cli_dask_local_cluster(nlp: Any, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus = _corpus(tmp_path / "corpus")
    db = tmp_path / "dask.db"
    args = ["ingest", str(corpus), "--db", str(db), "--dask", "local:2", "--no-progress"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output  # the empty file
    assert "stored 3" in result.stderr
    with open_store(str(tmp_path / "one.db")) as store:
        ingest(store, [str(corpus)])
    assert _counts(db) == _counts(tmp_path / "one.db")
