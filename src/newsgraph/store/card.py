"""Dataset cards: what an export holds, where it came from, and how to cite it.

Every ``newsgraph export`` writes, beside its output file, ``<output>.card.json`` and
``<output>.card.md``: the newsgraph version, the command line and the selection it made, the
time (UTC), the rows per table in the export and in the store, the database (a path, or a URL
without its password) and the gold-set figures of this version (``knowledge/figures.json``,
the figures the README states). The Markdown card ends with a "How to cite" line giving the
access date and the selection, as event-data licences such as ACLED's ask of their users.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..knowledge import load_json
from .base import Store
from .export import TABLES

__all__ = ["Card", "card_paths", "redact", "store_counts", "write_card"]

SCHEMA = "newsgraph.card/1"
_PASSWORD = re.compile(r"(://[^/:@\s]+:)[^@/\s]+@")
_PASSWORD_PARAM = re.compile(r"(password=)[^&\s]+", re.IGNORECASE)


def redact(text: str) -> str:
    """Return ``text`` with the password of any database URL in it replaced by ``***``."""
    return _PASSWORD_PARAM.sub(r"\1***", _PASSWORD.sub(r"\1***@", text))


def version() -> str:
    """Return the installed newsgraph version (``unknown`` when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("newsgraph")
    except PackageNotFoundError:  # pragma: no cover - the package is always installed
        return "unknown"


def store_counts(store: Store) -> dict[str, int]:
    """Return the rows of every exportable table, and the events by status."""
    counts = {t: int(store.scalar(f"SELECT COUNT(*) FROM {t}") or 0) for t in TABLES}
    for status, n in store.fetchall(
        "SELECT status, COUNT(*) FROM events GROUP BY status ORDER BY status"
    ):
        counts[f"events:{status}"] = int(n)
    return counts


@dataclass
class Card:
    """The card of one export. ``exported`` counts rows per table in the export."""

    output: str
    format: str
    selection: dict[str, Any]
    command: str
    argv: str | None
    database: str
    exported: dict[str, int]
    stored: dict[str, int]
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    newsgraph: str = field(default_factory=version)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON card."""
        return {
            "schema": SCHEMA,
            "newsgraph": self.newsgraph,
            "created": self.created,
            "command": self.command,
            "argv": self.argv,
            "selection": self.selection,
            "database": self.database,
            "output": self.output,
            "format": self.format,
            "exported": self.exported,
            "stored": self.stored,
            "figures": load_json("figures.json")["figures"],
            "how_to_cite": self.citation(),
        }

    def citation(self) -> str:
        """Return the "How to cite" line: tool, version, access date, selection, database."""
        day = self.created[:10]
        chosen = "; ".join(f"{k}: {v}" for k, v in self.selection.items())
        return (
            f"newsgraph {self.newsgraph} export of {self.database} "
            f"(articles: {self.stored.get('articles', 0)}), "
            f"accessed {day} (UTC), selection: {chosen}; command: `{self.command}`."
        )

    def to_markdown(self) -> str:
        """Return the Markdown card."""
        shown = "standard output" if self.output == "-" else Path(self.output).name
        lines = [
            f"# Dataset card: {shown}",
            "",
            f"- newsgraph {self.newsgraph}, written {self.created} (UTC)",
            f"- command: `{self.command}`",
            *([f"- as typed: `{self.argv}`"] if self.argv and self.argv != self.command else []),
            f"- database: `{self.database}`",
            f"- format: {self.format}; selection: "
            + ", ".join(f"{k} = {v}" for k, v in self.selection.items()),
            "",
            "| table | rows exported | rows in the store |",
            "|---|---|---|",
        ]
        for table in sorted(set(self.exported) | set(self.stored)):
            exported = self.exported.get(table, "")
            lines.append(f"| {table} | {exported} | {self.stored.get(table, '')} |")
        lines += [
            "",
            "## Gold-set figures of this version",
            "",
            "| measure | gold set | figure | command |",
            "|---|---|---|---|",
        ]
        for figure in load_json("figures.json")["figures"]:
            lines.append(
                f"| {figure['measure']} | {figure['gold_set']} | {figure['value']} | "
                f"`{figure['command']}` |"
            )
        lines += ["", "## How to cite", "", self.citation(), ""]
        return "\n".join(lines)


def card_paths(base: str) -> tuple[Path, Path]:
    """Return the JSON and Markdown card paths beside ``base``."""
    return Path(f"{base}.card.json"), Path(f"{base}.card.md")


def write_card(card: Card, base: str) -> tuple[Path, Path]:
    """Write ``<base>.card.json`` and ``<base>.card.md``; return their paths."""
    json_path, md_path = card_paths(base)
    json_path.write_text(
        json.dumps(card.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    md_path.write_text(card.to_markdown(), encoding="utf-8")
    return json_path, md_path
