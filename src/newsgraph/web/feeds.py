"""The feeds: ``/watch/{name}.atom``, the Atom 1.0 feed of a saved search's newest matches.

Read-only: serving a feed never moves the watch's mark (``newsgraph watch --run`` does). The
feed is :func:`newsgraph.atom.watch_feed` over
:func:`newsgraph.store.watches.latest_entries`; entries link to the article's page on this
server and to its own URL. An unknown name is a 404 in the one error shape.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..atom import MEDIA_TYPE, watch_feed
from ..errors import WatchError
from ..store.watches import get_watch, latest_entries
from .deps import MAX_LIMIT, StoreDep
from .errors import APIError

router = APIRouter(include_in_schema=False)

DEFAULT_LIMIT = 50
"""Entries in a feed unless ``limit`` says."""


@router.get("/watch/{name:path}.atom")
def watch_atom(
    request: Request,
    name: str,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Response:
    """The newest ``limit`` articles the watch ``name`` matches, with their evidence."""
    try:
        watch = get_watch(store, name)
    except WatchError:
        raise APIError(404, "not_found", f"no watch {name!r}") from None
    report = latest_entries(store, watch, limit)
    # Built again (the request's path arrives decoded): the name encoded, the limit checked.
    own = f"{request.base_url}watch/{quote(name, safe='')}.atom"
    own += f"?limit={limit}" if limit != DEFAULT_LIMIT else ""
    feed = watch_feed(report, str(request.base_url), own)
    return Response(feed, media_type=f"{MEDIA_TYPE}; charset=utf-8")
