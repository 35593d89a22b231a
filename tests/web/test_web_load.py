"""Issue 15: a short load run against ``newsgraph serve`` on loopback (the full one is
``benchmarks/bench_serve_load.py``): reads and analyses together, no 5xx, every read answered.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.network
def test_web_load_reads_and_analyses_together_get_no_server_error(tmp_path: Path, nlp: Any) -> None:
    del nlp  # the corpus below is ingested with the session's model
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_serve_load as load
    finally:
        sys.path.remove(str(BENCHMARKS))
    db = load.make_corpus(str(tmp_path))
    server, base = load.start_server(db, workers=1)
    try:
        report = load.run_load(base, seconds=12, readers=4, analysts=2)
    finally:
        load.stop_server(server)
    assert report.server_errors() == 0, report.statuses
    assert report.lost_reads == 0, report.errors
    assert len(report.read_seconds) > 20 and report.analyses >= 1, report.statuses
    assert {status for (kind, status) in report.statuses if kind == "read"} == {200}
