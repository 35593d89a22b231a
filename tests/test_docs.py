"""Docs that cannot drift: the CLI reference is regenerated from the commands and compared."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import click

ROOT = Path(__file__).resolve().parents[1]


def reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "tools" / "cli_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_reference_is_current() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert page == reference().render(), "docs/cli.md is out of date: python tools/cli_reference.py"


def test_docs_every_command_has_a_section_and_an_example() -> None:
    from newsgraph.cli import cli

    module = reference()
    root = click.Context(cli, info_name="newsgraph")
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    found = list(module.commands(cli, root))
    assert len(found) >= 15
    for name, command in found:
        assert f"\n## {name}\n" in page
        if not isinstance(command, click.Group):
            assert "Example:" in (command.help or ""), f"{name}: no example in its help"
            for param in command.params:
                for option in getattr(param, "opts", []):
                    if option.startswith("-"):
                        assert option in page


def test_docs_architecture_names_every_package() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(
        p.name for p in (ROOT / "src" / "newsgraph").iterdir() if (p / "__init__.py").exists()
    )
    for package in packages:
        assert f"`{package}/`" in page, f"docs/architecture.md does not place {package}/"
