"""The gold-set figures written into dataset cards (``figures.json``) agree with the README."""

from __future__ import annotations

import re
from pathlib import Path

from newsgraph.knowledge import load_json

README = Path(__file__).resolve().parents[2] / "README.md"


def _rows() -> list[tuple[list[str], str | None]]:
    """Every table row of the README's Measured section: its cells and its command.

    A command cell reading "same" (or "same command …") is the command of the row above.
    """
    text = README.read_text(encoding="utf-8")
    measured = text[text.index("## Measured") :]
    rows: list[tuple[list[str], str | None]] = []
    command: str | None = None
    for line in measured.splitlines():
        if not line.startswith("| ") or line.startswith("|---"):
            command = None if not line.startswith("|") else command
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        found = re.match(r"`([^`]+)`", cells[-1])
        if found:
            command = found.group(1)
        elif not cells[-1].startswith("same"):
            command = None
        rows.append((cells, command))
    return rows


def test_figures_match_the_readme() -> None:
    rows = _rows()
    figures = load_json("figures.json")["figures"]
    assert len(figures) >= 15
    for figure in figures:
        matching = [(c, cmd) for c, cmd in rows if c[0].startswith(figure["measure"])]
        assert len(matching) == 1, figure["measure"]
        cells, command = matching[0]
        assert figure["value"] in cells[1].replace("**", ""), (figure, cells[1])
        assert command is not None and command.startswith(figure["command"]), (figure, command)
        assert figure["gold_set"]


def test_figures_are_each_one_measure_with_all_its_values() -> None:
    """A README row of two figures (precision / recall) is one figure with both values."""
    figures = load_json("figures.json")["figures"]
    measures = [f["measure"] for f in figures]
    assert len(measures) == len(set(measures))
    for figure in figures:
        assert figure["measure"].count(" / ") <= figure["value"].count(" / "), figure


def test_figures_readme_rows_are_found_with_their_commands() -> None:
    rows = _rows()
    assert any(cmd == "newsgraph eval articles ../shared/eval/articles" for _, cmd in rows)
    assert all(len(cells) >= 3 for cells, _ in rows)
