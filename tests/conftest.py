"""Fixtures shared by the whole suite; the spaCy model is loaded here and nowhere else."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PATH = ROOT / "examples" / "dw-japan-south-korea.txt"
EXPECTED_PATH = ROOT / "tests" / "fixtures" / "dw-japan-south-korea.expected.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once per test session."""
    from newsgraph.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The founding example: a plain-text dump of a DW article page."""
    return EXAMPLE_PATH


@pytest.fixture(scope="session")
def example_expected() -> dict[str, Any]:
    """The hand-made gold account of the founding example."""
    return json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """``../shared/eval`` when present; tests that need it skip cleanly when it is absent."""
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is not present")
    return path


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Clear ``NEWSGRAPH_*`` settings so that no test depends on the developer's shell."""
    for name in list(os.environ):
        if name.startswith("NEWSGRAPH_"):
            monkeypatch.delenv(name)
    yield
