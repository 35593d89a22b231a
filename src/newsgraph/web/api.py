"""The REST API under ``/api``: articles, quotes, actors, events, dyads, network, search, analyze.

Every route reads through the query layer (:mod:`newsgraph.store.queries`,
:mod:`newsgraph.store.browse`, :mod:`newsgraph.relations`); filters have the CLI's names
(``speaker``, ``about``, ``source``, ``target``, ``type``, ``since``, ``until``, ``status``).
Lists are pages: ``{"items", "limit", "offset", "next"}`` (plus ``total`` where it is cheap),
``next`` being the link to the following page or ``null``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from itertools import islice
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..store import browse, queries
from .deps import (
    MAX_SEARCH_DEPTH,
    ActorText,
    Limit,
    Offset,
    Since,
    Statuses,
    StoreDep,
    Types,
    Until,
    WebSettings,
    check_day,
)
from .errors import ERROR_RESPONSES, APIError, ErrorBody
from .reading import AnalyzeFields

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)


class Page(BaseModel):
    """One page of a list."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next: str | None = Field(description="The URL of the next page, or null on the last.")
    total: int | None = Field(None, description="All matching items, where counted.")


def _page(
    request: Request,
    rows: Iterable[Any],
    limit: int,
    offset: int,
    total: int | None = None,
    skipped: bool = False,
) -> Page:
    """Return a page of ``rows`` with its ``next`` link.

    ``rows`` holds up to ``limit + 1`` items from ``offset`` (when ``skipped``) or from the
    start; with ``total`` the link is given while items remain.
    """
    taken = list(rows if skipped else islice(rows, offset, None))
    more = len(taken) > limit if total is None else offset + limit < total
    following = None
    if more:
        url = request.url.include_query_params(offset=offset + limit, limit=limit)
        following = f"{url.path}?{url.query}"
    items = [row.to_dict() for row in taken[:limit]]
    return Page(items=items, limit=limit, offset=offset, next=following, total=total)


@router.get("/articles", summary="List stored articles, newest first")
def list_articles(
    request: Request,
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    site: Annotated[str | None, Query(max_length=200, description="Only this site.")] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Only articles naming this actor.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """Articles with their metadata and how many quotes and events each has."""
    since, until = check_day(since, "since"), check_day(until, "until")
    total = browse.count_articles(store, since, until, site, actor)
    rows = browse.articles(store, limit, offset, since, until, site, actor)
    return _page(request, rows, limit, offset, total=total, skipped=True)


@router.get("/articles/{article_id:path}", summary="One article with its whole analysis")
def get_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    """The analysis document (``newsgraph.analysis/1``).

    Metadata, text, actors, dates, quotes and events, every fact with offsets into
    ``article.text``.
    """
    analysis = queries.get_analysis(store, article_id)
    if analysis is None:
        raise APIError(404, "not_found", f"no article {article_id!r}")
    return analysis


@router.get("/quotes", summary="List quotes by speaker or about an actor")
def list_quotes(
    request: Request,
    store: StoreDep,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Part of the speaker's name, or an id.")
    ] = None,
    about: Annotated[
        str | None, Query(max_length=200, description="An actor mentioned in the quote.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """Quotes with their speaker, cue and article, newest article first."""
    rows = queries.quotes(store, speaker=speaker, about=about, limit=limit + 1, offset=offset)
    return _page(request, rows, limit, offset, skipped=True)


@router.get("/actors", summary="List actors, the most named first")
def list_actors(
    request: Request,
    store: StoreDep,
    kind: Annotated[
        Literal["country", "person", "organization", "place"] | None,
        Query(description="Only actors of this kind."),
    ] = None,
    name: Annotated[
        str | None, Query(max_length=200, description="Name or id contains this text.")
    ] = None,
    dedupe: Annotated[
        bool, Query(description="Count near-duplicate articles once (as the CLI does).")
    ] = True,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """Actors with the number of articles naming them and of their mentions.

    Ranked as ``newsgraph actors`` ranks them: a person's surname-only and titled ids count
    as the person, and near-duplicate articles once.
    """
    total = queries.count_actors(store, kind, name)
    rows = queries.top_actors(store, limit, kind, dedupe, offset, name)
    return _page(request, rows, limit, offset, total=total, skipped=True)


@router.get("/actors/{actor_id:path}", summary="One actor: roles, co-occurring actors")
def get_actor(actor_id: str, store: StoreDep) -> dict[str, Any]:
    """The actor, the roles it held (by article date) and the actors named with it.

    Its quotes and events are at ``/api/quotes?speaker=ID`` and ``/api/events?source=ID``.
    """
    info = queries.actor_info(store, actor_id)
    if info is None:
        raise APIError(404, "not_found", f"no actor {actor_id!r}")
    return {
        **info.to_dict(),
        "roles": [r.to_dict() for r in browse.actor_roles(store, actor_id)],
        "co_actors": [c.to_dict() for c in browse.co_actors(store, actor_id)],
    }


@router.get("/events", summary="List events by actors, type, date and status")
def list_events(
    request: Request,
    store: StoreDep,
    source: Annotated[
        str | None, Query(max_length=200, description="An actor on the source side.")
    ] = None,
    target: Annotated[
        str | None, Query(max_length=200, description="An actor on the target side.")
    ] = None,
    types: Types = None,
    since: Since = None,
    until: Until = None,
    statuses: Statuses = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """PLOVER events with their actors, date, status and evidence sentence, oldest first.

    With both ``source`` and ``target``, reciprocal events listing both are included.
    """
    rows = queries.events(
        store,
        source=source,
        target=target,
        types=types or (),
        since=check_day(since, "since"),
        until=check_day(until, "until"),
        statuses=statuses or (),
        limit=limit + 1,
        offset=offset,
    )
    return _page(request, rows, limit, offset, skipped=True)


@router.get("/dyads/{a}/{b}", summary="Cooperation and conflict between two actors over time")
def get_dyad(
    a: str,
    b: str,
    store: StoreDep,
    by: Annotated[Literal["week", "month", "year"], Query(description="The period.")] = "month",
    dedupe: Annotated[bool, Query(description="Count near-duplicate reports once.")] = True,
    statuses: Statuses = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """Per period: verbal and material cooperation and conflict counts and mean intensity.

    The events themselves: ``/api/dyads/{a}/{b}/events``.
    """
    from ..relations import dyad_series

    chosen = tuple(statuses or ("occurred",))
    return dyad_series(
        store,
        a,
        b,
        by=by,
        dedupe=dedupe,
        statuses=chosen,
        since=check_day(since, "since"),
        until=check_day(until, "until"),
    ).to_dict()


@router.get("/dyads/{a}/{b}/events", summary="The events between two actors, oldest first")
def list_dyad_events(
    request: Request,
    a: str,
    b: str,
    store: StoreDep,
    statuses: Statuses = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """Events with one actor on each side (either direction) or both in a joint event.

    The events the dyad's series counts (with ``status=occurred``), with their sentences;
    every status by default.
    """
    chosen = tuple(statuses or queries.STATUSES)
    total = queries.count_dyad_events(store, a, b, chosen)
    rows = queries.dyad_event_rows(store, a, b, chosen, limit, offset)
    return _page(request, rows, limit, offset, total=total, skipped=True)


@router.get("/network", summary="The actor network: actors as nodes, events as edges")
def get_network(
    store: StoreDep,
    types: Types = None,
    since: Since = None,
    until: Until = None,
    statuses: Statuses = None,
) -> dict[str, Any]:
    """Nodes are actors; edges join a source and a target per quad.

    A reciprocal event joins each pair of its participants. Each edge has its event count,
    types and mean intensity.
    """
    return browse.network(
        store,
        since=check_day(since, "since"),
        until=check_day(until, "until"),
        types=types or (),
        statuses=statuses or ("occurred",),
    ).to_dict()


@router.get("/search", summary="Full-text search of the articles, with snippets")
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words, "a phrase".')],
    actor: ActorText = None,
    types: Types = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page:
    """Articles best matching ``q``, with a snippet (matches between ``[`` and ``]``).

    Filters keep articles naming ``actor``, with an event of ``type``, published between
    ``since`` and ``until``. Only the best 1,000 hits are ranked.
    """
    if offset + limit > MAX_SEARCH_DEPTH:
        raise APIError(422, "bad_parameters", f"offset + limit may not exceed {MAX_SEARCH_DEPTH}")
    hits = browse.search_hits(
        store,
        q,
        MAX_SEARCH_DEPTH,
        actor,
        types or (),
        check_day(since, "since"),
        check_day(until, "until"),
    )
    return _page(request, hits[: offset + limit + 1], limit, offset)


def _analyze_body() -> dict[str, Any]:
    """The request body of ``POST /api/analyze`` as the OpenAPI schema shows it."""
    fields = AnalyzeFields.model_json_schema()
    upload = {
        **fields,
        "properties": {
            **fields["properties"],
            "file": {"type": "string", "format": "binary", "description": "An HTML or text file."},
        },
    }
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": fields},
                "application/x-www-form-urlencoded": {"schema": fields},
                "multipart/form-data": {"schema": upload},
            },
        }
    }


@router.post(
    "/analyze",
    summary="Analyse a text, an HTML page or an uploaded file",
    responses={
        201: {"description": "Analysed and stored (with `store=true` on an ingesting server)"},
        403: {
            "description": "Refused: read-only server, or a write without the token",
            "model": ErrorBody,
        },
        415: {"description": "Not a form, multipart or JSON body", "model": ErrorBody},
        429: {"description": "Too many analyses at once; try again", "model": ErrorBody},
        503: {"description": "The analysis took longer than the server allows", "model": ErrorBody},
    },
    openapi_extra=_analyze_body(),
)
async def analyze(request: Request) -> JSONResponse:
    """The analysis document of one article: exactly one of ``text``, ``html`` or ``file``.

    Send a JSON object, a URL-encoded form or a multipart form (for ``file``). Nothing is
    stored unless the server runs with ``--allow-ingest`` and ``store=true`` is given (201
    and a ``Location``; 200 if already stored); a form or multipart write must also send
    the server's ``token``. The analysis runs in a worker process within the server's time
    bound (``--analyze-timeout``): 503 past it, 429 when too many wait.
    """
    from .analysis_pool import Upload
    from .reading import read_body, store_document

    settings: WebSettings = request.app.state.settings
    fields, data, filename, is_json = await read_body(request, settings.max_body)
    if fields.store and not settings.allow_ingest:
        raise APIError(403, "forbidden", "this server is read-only (start it with --allow-ingest)")
    if fields.store and not is_json and not _token_ok(fields.token, settings.ingest_token):
        raise APIError(
            403, "forbidden", "a form write needs the server's ingest token (token=…); or send JSON"
        )
    given = [x for x in (fields.text, fields.html, data) if x is not None and x != ""]
    if len(given) != 1:
        raise APIError(422, "bad_parameters", "give exactly one of text, html or file")
    upload = Upload(
        fields.text,
        fields.html,
        data,
        filename,
        fields.url or None,
        check_day(fields.published, "published"),
        settings.max_body,
    )
    document = await request.app.state.pool.analyze(upload)
    if not fields.store:
        return JSONResponse(document)
    stored, created = await run_in_threadpool(store_document, settings.db, document)
    headers = {"location": "/api/articles/" + quote(stored["article"]["id"], safe="")}
    return JSONResponse(stored, status_code=201 if created else 200, headers=headers)


def _token_ok(given: str | None, expected: str | None) -> bool:
    """Whether a form write carries the server's ingest token (compared in constant time)."""
    return bool(given and expected) and secrets.compare_digest(str(given), str(expected))
