"""The Python guide cannot rot: the code blocks of ``docs/python.md`` run on a real corpus.

They run in order, in one namespace, in a directory holding a copy of the session's
``real_corpus`` as ``corpus.db`` (skips without ``../shared``); the chart they draw must be
written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "python.md"


def code_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)


def test_the_guide_has_code_for_each_step() -> None:
    code = "\n".join(code_blocks())
    for step in (
        "open_corpus(",
        "dyad_events(",
        ".dyad(",
        "savefig(",
        "evidence_text",
        "chunksize=",
    ):
        assert step in code, step


def test_the_guide_runs_on_a_real_corpus(
    real_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    shutil.copy(real_corpus, tmp_path / "corpus.db")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    for number, block in enumerate(code_blocks(), 1):
        exec(compile(block, f"{DOC.name} block {number}", "exec"), namespace)
    chart = tmp_path / "dyad.png"
    assert chart.stat().st_size > 5_000
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    events, total = namespace["events"], namespace["total"]
    assert len(namespace["dyad_events"]) > 0
    assert isinstance(total, int) and total >= len(events) > 0
    import matplotlib.pyplot as plt

    plt.close("all")
