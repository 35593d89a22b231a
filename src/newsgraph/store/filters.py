"""The pieces of ``WHERE`` clauses that several queries share: actors by name, event filters.

Used by :mod:`newsgraph.store.queries` and :mod:`newsgraph.store.corpus`; everything here
builds SQL text with ``?`` placeholders and the list of parameters that goes with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .aliases import expand_ids
from .base import Store

__all__ = [
    "Ingested",
    "any_side",
    "event_filters",
    "like",
    "placeholders",
    "resolve_actor",
    "side_clause",
]


def placeholders(values: Sequence[Any]) -> str:
    """Return ``?, ?, …``, one per value."""
    return ", ".join("?" * len(values))


def like(text: str) -> str:
    """Return a case-insensitive ``LIKE`` pattern (backslash escapes) matching ``text`` anywhere."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def resolve_actor(store: Store, text: str) -> list[str]:
    """Return the actor ids ``text`` names: itself if it is an id, else actors of that name.

    A person comes with the other ids of the same person in the corpus (its full-name id and
    its surname-only or titled variants). An unknown id-like text (``USA``, ``person:x``) is
    returned as is, so filters on it simply match nothing yet.
    """
    rows = store.fetchall(
        "SELECT id FROM actors WHERE id = ? OR LOWER(name) = ? ORDER BY id", (text, text.lower())
    )
    ids = [row[0] for row in rows]
    if text.upper() == text and len(text) == 3 and text not in ids:
        ids.append(text)
    return expand_ids(store, ids or [text])


def side_clause(side: str, ids: list[str]) -> str:
    """Return the clause "event ``e`` has one of ``ids`` on ``side``" (``source``/``target``)."""
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id "
        f"AND x.event_seq = e.seq AND x.side = '{side}' AND x.actor IN ({placeholders(ids)}))"
    )


def any_side(ids: list[str]) -> str:
    """Return the clause "event ``e`` has one of ``ids`` on either side"."""
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id "
        f"AND x.event_seq = e.seq AND x.actor IN ({placeholders(ids)}))"
    )


def event_filters(
    store: Store,
    source: str | None,
    target: str | None,
    types: Sequence[str],
    statuses: Sequence[str],
) -> tuple[list[str], list[Any]]:
    """Return the ``WHERE`` clauses (on ``events e``) and parameters of the event filters.

    With both ``source`` and ``target``, reciprocal events that list both in ``source`` (and
    have no target) match too.
    """
    where: list[str] = []
    params: list[Any] = []
    source_ids = resolve_actor(store, source) if source else []
    target_ids = resolve_actor(store, target) if target else []
    if source_ids:
        where.append(side_clause("source", source_ids))
        params += source_ids
    if target_ids and source_ids:
        where.append(
            f"({side_clause('target', target_ids)} OR (e.target = '[]' "
            f"AND e.target_ids = '[]' AND {side_clause('source', target_ids)}))"
        )
        params += target_ids * 2
    elif target_ids:
        where.append(side_clause("target", target_ids))
        params += target_ids
    if types:
        where.append(f"e.type IN ({placeholders(types)})")
        params += [t.upper() for t in types]
    if statuses:
        where.append(f"e.status IN ({placeholders(statuses)})")
        params += list(statuses)
    return where, params


@dataclass(frozen=True)
class Ingested:
    """A span of ingestion time: the articles stored in it (``articles.ingested_at``).

    ``after`` is exclusive (a watch's mark: what its last run covered), ``start`` inclusive
    (a day or a time asked for), ``end`` inclusive (the newest article when a run began, so
    that articles stored during the run wait for the next one), ``before`` exclusive. ISO
    times compare as text, so ``start="2024-05-01"`` takes every article stored on or after
    that day.
    """

    after: str | None = None
    start: str | None = None
    end: str | None = None
    before: str | None = None

    def clause(self, alias: str = "a") -> tuple[str, list[Any]]:
        """Return the condition on ``alias.ingested_at`` (``""`` if unbounded), its parameters."""
        where: list[str] = []
        params: list[Any] = []
        bounds = ((">", self.after), (">=", self.start), ("<=", self.end), ("<", self.before))
        for operator, value in bounds:
            if value is not None:
                where.append(f"{alias}.ingested_at {operator} ?")
                params.append(value)
        return " AND ".join(where), params


class RowBase:
    """Base of the query layer's result rows (frozen dataclasses): ``to_dict`` for JSON."""

    def to_dict(self) -> dict[str, Any]:
        """Return the row as JSON-ready data."""
        return asdict(self)  # type: ignore[call-overload, no-any-return]
