"""The near-duplicate gate on real articles: syndicated copies of ../shared/eval texts."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_duplicates_eval_precision_and_recall_on_real_articles(
    shared_eval: Path, tmp_path: Path
) -> None:
    tool = _load(ROOT / "tools" / "make_syndication_corpus.py")
    bench = _load(ROOT / "benchmarks" / "eval_duplicates.py")
    tool.build(shared_eval, tmp_path, seed=0)
    texts, pairs = bench.load_corpus(tmp_path)
    options = bench.DuplicateOptions()
    row = bench.score(texts, pairs, bench.signatures(texts, options), options)
    assert row["precision"] >= 0.95 and row["recall"] >= 0.95
    assert row["pairs"] == 150 and row["merged"] == 0
    assert row["editions_grouped"] == row["editions"] > 0
