"""Dataset cards: written beside every export, with the store's counts and how to cite it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_data import other_analysis, summit_analysis

from newsgraph.cli import cli
from newsgraph.knowledge import load_json
from newsgraph.store import open_store
from newsgraph.store.card import redact, store_counts
from newsgraph.store.rows import write_analysis

FORMATS = [
    ("jsonl", None),
    ("jsonl", "quotes"),
    ("csv", "events"),
    ("parquet", "actors"),
    ("graphml", None),
    ("gdelt", None),
]


@pytest.fixture()
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        write_analysis(store, summit_analysis())
        write_analysis(store, other_analysis())
    return store_url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def exported_card(db: str, out: Path, fmt: str, table: str | None) -> dict[str, object]:
    """Export ``db`` to ``out`` and return its JSON card (the Markdown one checked too)."""
    code, _, err = run(
        "export", "--db", db, "--format", fmt, *(["--table", table] if table else []),
        "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "dataset card:" in err
    card = json.loads(Path(f"{out}.card.json").read_text(encoding="utf-8"))
    markdown = Path(f"{out}.card.md").read_text(encoding="utf-8")
    assert "## How to cite" in markdown and card["how_to_cite"] in markdown
    assert card["command"] in markdown
    return card  # type: ignore[no-any-return]


def check_counts(
    card: dict[str, object], stored: dict[str, int], fmt: str, table: str | None
) -> None:
    """The card's counts are the store's: every table, and what the export holds of it."""
    assert card["stored"] == stored
    exported = card["exported"]
    assert isinstance(exported, dict)
    if fmt == "jsonl" and table is None:
        assert {k: exported[k] for k in ("articles", "quotes", "events", "actors")} == {
            k: stored[k] for k in ("articles", "quotes", "events", "actors")
        }
    elif fmt == "gdelt":
        assert exported == {"events": stored.get("events:occurred", 0)}
    elif fmt == "graphml":
        assert exported["edges"] >= 1 and exported["actors"] <= stored["actors"] + 2
    else:
        assert exported == {table: stored[table]}


@pytest.mark.parametrize(("fmt", "table"), FORMATS)
def test_card_beside_every_export(db: str, tmp_path: Path, fmt: str, table: str | None) -> None:
    out = tmp_path / f"export.{fmt}"
    card = exported_card(db, out, fmt, table)
    with open_store(db, create=False) as store:
        stored = store_counts(store)
    check_counts(card, stored, fmt, table)
    assert card["format"] == fmt and card["output"] == str(out)
    assert str(card["command"]).startswith(f"newsgraph export --db {db if '://' not in db else ''}")
    assert card["figures"] == load_json("figures.json")["figures"]
    assert str(card["created"]).endswith("+00:00")
    assert "accessed " + str(card["created"])[:10] in str(card["how_to_cite"])
    assert card["newsgraph"] and card["schema"] == "newsgraph.card/1"


def test_card_to_stdout_only_with_card_option(db: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "--db", db, "--format", "gdelt")
    assert code == 0 and out.startswith("GLOBALEVENTID\t") and "dataset card" not in err
    assert not list(tmp_path.glob("*.card.*"))
    code, out, err = run("export", "--db", db, "--format", "gdelt", "--card", "events")
    assert code == 0 and out.startswith("GLOBALEVENTID\t")
    card = json.loads((tmp_path / "events.card.json").read_text(encoding="utf-8"))
    assert card["output"] == "-" and card["exported"] == {"events": 4}
    markdown = (tmp_path / "events.card.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Dataset card: standard output\n")


def test_card_database_url_without_password() -> None:
    url = "postgresql://analyst:s3cret@db.example.org:5432/news?sslmode=require"
    assert redact(f"newsgraph export --db {url}") == (
        "newsgraph export --db postgresql://analyst:***@db.example.org:5432/news?sslmode=require"
    )
    assert "s3cret" not in redact("postgresql:///news?password=s3cret&user=a")
    assert redact("newsgraph export --db corpus.db -o out.csv") == (
        "newsgraph export --db corpus.db -o out.csv"
    )


def test_card_every_format_on_the_real_corpus(real_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    shutil.copy(real_corpus, db)
    with open_store(str(db), create=False) as store:
        stored = store_counts(store)
    assert stored["articles"] > 40 and stored["events:occurred"] > 50
    for fmt, table in FORMATS:
        card = exported_card(str(db), tmp_path / f"out-{fmt}-{table}", fmt, table)
        check_counts(card, stored, fmt, table)
        assert card["database"] == str(db)


def test_card_or_output_that_cannot_be_written_is_one_line(db: str, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    code, _, err = run("export", "--db", db, "--format", "gdelt", "--card", str(missing))
    assert code == 1 and "cannot write" in err and "Traceback" not in err
    code, _, err = run("export", "--db", db, "-o", str(missing / "x.jsonl"))
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err
