"""``newsgraph serve`` and ``newsgraph demo``: thin commands over ``newsgraph.web.serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, str, int]]:
    """Record what would be served instead of starting uvicorn."""
    calls: list[tuple[Any, str, int]] = []
    import newsgraph.web.serve as serve_module

    monkeypatch.setattr(
        serve_module, "serve", lambda settings, host, port: calls.append((settings, host, port))
    )
    return calls


def test_web_cli_serve_defaults_to_loopback_and_read_only(
    served: list[Any], sqlite_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(sqlite_path)])
    assert result.exit_code == 0, result.output
    settings, host, port = served[0]
    assert (host, port) == ("127.0.0.1", 8000)
    assert settings.db == str(sqlite_path) and settings.allow_ingest is False


def test_web_cli_serve_allow_ingest_and_port(served: list[Any], sqlite_path: Path) -> None:
    args = ["serve", "--db", str(sqlite_path), "--port", "8123", "--allow-ingest"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    settings, _, port = served[0]
    assert port == 8123 and settings.allow_ingest is True


def test_web_cli_serve_refuses_a_bad_port() -> None:
    result = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code == 2


def test_web_cli_serve_names_an_unreadable_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "no" / "such.db")])
    assert result.exit_code == 1
    assert "such.db" in result.output


def test_web_cli_demo_ingests_then_serves(
    served: list[Any], tmp_path: Path, example_path: Path, nlp: Any
) -> None:
    del nlp  # loaded once for the session
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(cli, ["demo", str(example_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    settings, host, _ = served[0]
    assert settings.db == str(db) and host == "127.0.0.1"
    from newsgraph.store import open_store, queries

    with open_store(str(db)) as store:
        assert queries.counts(store)["articles"] == 1


def test_web_cli_demo_without_examples_says_what_to_do(
    served: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.web.serve as serve_module

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(serve_module, "__file__", str(tmp_path / "a" / "b" / "c" / "serve.py"))
    result = CliRunner().invoke(cli, ["demo", "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 1
    assert "examples" in result.output and "PATH" in result.output
    assert not served
