from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from newsgraph import knowledge

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "src" / "newsgraph" / "knowledge"


def _data_files() -> list[Path]:
    return [p for p in KNOWLEDGE.iterdir() if p.is_file() and p.suffix != ".py"]


def test_package_data_every_knowledge_file_ships_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["newsgraph"]
    for path in _data_files():
        relative = f"knowledge/{path.name}"
        assert any(fnmatch.fnmatch(relative, g) for g in globs), relative


def test_package_data_every_knowledge_file_loads_through_the_loader() -> None:
    files = _data_files()
    assert len(files) > 10
    for path in files:
        if path.suffix == ".json":
            assert knowledge.load_json(path.name)
        elif path.suffix == ".csv":
            assert knowledge.load_csv(path.name)
        else:
            assert knowledge.read_text(path.name).strip()
