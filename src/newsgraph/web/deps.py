"""What routes depend on: the settings, a store per request, and the shared query parameters.

The API (:mod:`newsgraph.web.api`) and the pages (:mod:`newsgraph.web.pages`) both take
their parameters from here, so that pages never import the API module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from ..sources.decode import MAX_BYTES
from ..store import Store, open_store
from .errors import APIError

__all__ = [
    "DAY",
    "MAX_LIMIT",
    "MAX_SEARCH_DEPTH",
    "ActorText",
    "Limit",
    "Offset",
    "Since",
    "Statuses",
    "StoreDep",
    "Types",
    "Until",
    "WebSettings",
    "check_day",
    "store_dependency",
]

MAX_LIMIT = 500
"""The most items one page returns."""
MAX_SEARCH_DEPTH = 1000
"""Search hits ranked before filters and paging: ``offset + limit`` may not exceed it."""
DAY = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class WebSettings:
    """How the web app runs.

    Attributes:
        db: the database (SQLite path or ``postgresql://`` URL) every request reads.
        allow_ingest: let ``POST /api/analyze`` with ``store=true`` write to the database.
        max_body: the largest request body accepted, in bytes (larger ones get 413).
        allowed_hosts: host names the server may be reached by, besides IP addresses and
            ``localhost`` (the name it is bound to, a proxy's name); see
            :mod:`newsgraph.web.origin`.
        analyze_workers: worker processes for ``POST /api/analyze``.
        analyze_timeout: seconds one analysis may take (waiting for a worker included).
        ingest_token: what a form or multipart write (``store=true``) must send as ``token``;
            JSON writes need none. ``None``: a random one, made when the app is built.
    """

    db: str
    allow_ingest: bool = False
    max_body: int = MAX_BYTES
    allowed_hosts: tuple[str, ...] = ()
    analyze_workers: int = 1
    analyze_timeout: float = 60.0
    ingest_token: str | None = None


def store_dependency(request: Request) -> Iterator[Store]:
    """Open the app's database for one request and close it afterwards."""
    settings: WebSettings = request.app.state.settings
    store = open_store(settings.db, create=False)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(store_dependency)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
Since = Annotated[str | None, Query(pattern=DAY, description="On or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(pattern=DAY, description="On or before this day (YYYY-MM-DD).")]
Types = Annotated[
    list[str] | None,
    Query(alias="type", max_length=20, description="PLOVER event types (repeat for several)."),
]
Statuses = Annotated[
    list[Literal["occurred", "expected", "hypothetical", "negated"]] | None,
    Query(alias="status", max_length=4, description="Event statuses (repeat for several)."),
]
ActorText = Annotated[str | None, Query(min_length=1, max_length=200)]


def check_day(value: str | None, name: str) -> str | None:
    """Return ``value`` if it is a calendar day (or ``None``); else raise a 422 naming ``name``."""
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise APIError(
            422, "bad_parameters", f"{name}: {value!r} is not a calendar day (YYYY-MM-DD)"
        ) from None
    return value
