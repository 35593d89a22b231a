from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

ARTICLE = (
    "The two ministers met in Geneva on Monday to discuss the ceasefire. "
    "Officials said the talks would continue next week.\n\n"
    "Both sides described the meeting as constructive and agreed to meet again."
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_cli_analyze_one_input_prints_one_json_object(
    runner: CliRunner, example_path: Path
) -> None:
    result = runner.invoke(cli, ["analyze", str(example_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "newsgraph.analysis/1"
    assert data["article"]["source"] == str(example_path)
    assert data["article"]["language"] == "en"


def test_cli_analyze_several_inputs_print_jsonl_in_input_order(
    runner: CliRunner, tmp_path: Path
) -> None:
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(f"{name} says hello. " + ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(tmp_path / "c.txt"), str(tmp_path)])
    assert result.exit_code == 0, result.output
    sources = [json.loads(line)["article"]["source"] for line in result.stdout.splitlines()]
    assert [Path(s).name for s in sources] == ["c.txt", "a.txt", "b.txt", "c.txt"]


def test_cli_analyze_mixed_batch_reports_each_failure_and_exits_non_zero(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "1-good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "2-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "3-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "4-good.txt").write_text("Second. " + ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", str(tmp_path)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("2-empty.txt: empty input" in line for line in errors)
    assert any("3-binary.html: binary data" in line for line in errors)
    assert errors[-1] == "error: 2 input(s) failed, 2 read"


def test_cli_analyze_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["analyze", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["source"] == "<stdin>"


def test_cli_analyze_given_url_and_date_override(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(
        cli, ["analyze", str(path), "--url", "https://example.org/x", "--published", "2024-02-03"]
    )
    article = json.loads(result.stdout)["article"]
    assert article["url"] == "https://example.org/x"
    assert article["published"] == "2024-02-03"
    assert article["metadata_sources"]["published"] == "given"


def test_cli_analyze_rejects_a_malformed_date(runner: CliRunner, example_path: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(example_path), "--published", "9 May"])
    assert result.exit_code == 2
    assert "not YYYY-MM-DD" in result.output


def test_cli_analyze_text_format_is_a_report(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(path), "--format", "text"])
    assert result.exit_code == 0
    assert "Text\n----" in result.stdout
    assert "Geneva" in result.stdout


def _commands(group: object, prefix: str = "") -> list[tuple[str, object]]:
    import click

    found = []
    assert isinstance(group, click.Group)
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, prefix + name + " ")
        else:
            found.append((prefix + name, command))
    return found


def test_cli_every_command_has_help_with_an_example() -> None:
    commands = _commands(cli)
    assert commands
    for name, command in commands:
        assert "Example: newsgraph " + name in (command.help or ""), name  # type: ignore[attr-defined]
