"""The pages: server-rendered with Jinja2 (autoescaped), reading through the query layer.

``/`` home, ``/articles`` and ``/articles/{id}``, ``/actors`` and ``/actors/{id}``,
``/dyad/{a}/{b}``, ``/network``, ``/search`` and ``/docs`` (the API's interactive reference).
The article text is marked up by :func:`newsgraph.web.markup.article_html`; charts and the
network get their data as JSON in ``<script type="application/json">`` (never executed).
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..store import browse, queries
from . import markup
from .deps import MAX_LIMIT, MAX_SEARCH_DEPTH, Offset, StoreDep, check_day
from .errors import APIError

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE = 50

# Page forms send empty fields: an empty day or type means "any".
FormDay = Annotated[str, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")]
FormTypes = Annotated[list[str], Query(alias="type", max_length=20)]


def _render(request: Request, name: str, context: dict[str, Any]) -> Response:
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, name, context)
    return response


def _event_item(row: Any) -> dict[str, Any]:
    data: dict[str, Any] = row.to_dict()
    data["colour"] = markup.QUAD_COLOURS.get(row.quad or "", "#777")
    return data


@router.get("/")
def home(request: Request, store: StoreDep) -> Response:
    """The corpus in figures, the latest articles, the most named actors and busiest pairs."""
    return _render(
        request,
        "home.html",
        {
            "figures": browse.figures(store),
            "articles": browse.articles(store, limit=10),
            "actors": queries.top_actors(store, 12, dedupe=True),
            "pairs": browse.busiest_pairs(store, 8),
        },
    )


@router.get("/articles")
def article_list(
    request: Request,
    store: StoreDep,
    offset: Offset = 0,
    actor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Every stored article, newest first, fifty a page."""
    total = browse.count_articles(store, actor=actor)
    rows = browse.articles(store, PAGE, offset, actor=actor)
    return _render(
        request,
        "articles.html",
        {"rows": rows, "total": total, "offset": offset, "page": PAGE, "actor": actor},
    )


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str, store: StoreDep) -> Response:
    """The article text with its facts marked, and the side panel of metadata and facts."""
    analysis = queries.get_analysis(store, article_id)
    if analysis is None:
        raise APIError(404, "not_found", f"no article {article_id!r}")
    quotes = analysis.get("quotes") or []
    colours = markup.speaker_colours(quotes)
    speakers: dict[str, dict[str, Any]] = {}
    for index, quote in enumerate(quotes):
        key = markup.speaker_key(quote) or "-"
        entry = speakers.setdefault(
            key,
            {
                "label": markup.speaker_label(quote),
                "actor": (quote.get("speaker") or {}).get("actor"),
                "colour": f"sp-{colours[key]}" if key in colours else "sp-none",
                "quotes": [],
            },
        )
        entry["quotes"].append((index, quote))
    actors = sorted(
        analysis.get("actors") or [], key=lambda a: (-len(a.get("mentions") or []), a["id"])
    )
    url = analysis["article"].get("url")
    return _render(
        request,
        "article.html",
        {
            "analysis": analysis,
            "article": analysis["article"],
            "text_html": markup.article_html(analysis),
            "speakers": list(speakers.values()),
            "events": sorted(
                enumerate(analysis.get("events") or []), key=lambda item: not item[1].get("main")
            ),
            "actor_names": {a["id"]: a.get("name") or a["id"] for a in actors},
            "actors": actors,
            "quad_colours": markup.QUAD_COLOURS,
            "safe_url": url
            if isinstance(url, str) and url.startswith(("http://", "https://"))
            else None,
        },
    )


@router.get("/actors")
def actor_list(
    request: Request,
    store: StoreDep,
    offset: Offset = 0,
    kind: Annotated[Literal["country", "person", "organization", "place"] | None, Query()] = None,
    name: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Every actor, the most named first, fifty a page."""
    return _render(
        request,
        "actors.html",
        {
            "rows": queries.top_actors(store, PAGE, kind, True, offset, name),
            "total": queries.count_actors(store, kind, name),
            "offset": offset,
            "page": PAGE,
            "kind": kind,
            "name": name,
        },
    )


@router.get("/actors/{actor_id:path}")
def actor_page(request: Request, actor_id: str, store: StoreDep) -> Response:
    """An actor: roles over time, quotes, events as source and as target, co-occurring actors."""
    info = queries.actor_info(store, actor_id)
    if info is None:
        raise APIError(404, "not_found", f"no actor {actor_id!r}")
    said = list(queries.quotes(store, speaker=actor_id, limit=PAGE + 1))
    if info.kind != "person":
        said = [q for q in said if q.speaker_actor == actor_id]
    about = list(queries.quotes(store, about=actor_id, limit=PAGE + 1))
    as_source = [_event_item(e) for e in queries.events(store, source=actor_id, limit=PAGE + 1)]
    as_target = [_event_item(e) for e in queries.events(store, target=actor_id, limit=PAGE + 1)]
    return _render(
        request,
        "actor.html",
        {
            "actor": info,
            "roles": browse.actor_roles(store, actor_id),
            "quotes": said[:PAGE],
            "about": about[:PAGE],
            "as_source": as_source[:PAGE],
            "as_target": as_target[:PAGE],
            # Each list shows its first page; the rest are pages of the API, linked.
            "more": {
                "quotes": len(said) > PAGE,
                "about": len(about) > PAGE,
                "as_source": len(as_source) > PAGE,
                "as_target": len(as_target) > PAGE,
            },
            "co_actors": browse.co_actors(store, actor_id),
        },
    )


@router.get("/dyad/{a}/{b}")
def dyad_page(
    request: Request,
    a: str,
    b: str,
    store: StoreDep,
    by: Annotated[Literal["week", "month", "year"], Query()] = "month",
    offset: Offset = 0,
) -> Response:
    """Cooperation and conflict between two actors: the chart, the events, who is quoted.

    The events are those of ``/api/dyads/{a}/{b}/events`` (every status), fifty a page; the
    quotes are every quote that mentions both.
    """
    from ..relations import dyad_series

    series = dyad_series(store, a, b, by=by).to_dict()
    total_events = queries.count_dyad_events(store, a, b)
    rows = queries.dyad_event_rows(store, a, b, limit=PAGE, offset=offset)
    both = list(queries.quotes(store, about=(a, b)))
    names = queries.actor_info(store, a), queries.actor_info(store, b)
    return _render(
        request,
        "dyad.html",
        {
            "a": a,
            "b": b,
            "name_a": names[0].name if names[0] else a,
            "name_b": names[1].name if names[1] else b,
            "by": by,
            "series": series,
            "total": sum(p["events"] for p in series["periods"]),
            "spec": markup.dyad_chart(series),
            "events": [_event_item(r) for r in rows],
            "event_total": total_events,
            "offset": offset,
            "page": PAGE,
            "quotes": both,
            "speakers": Counter(q.speaker_name or "unattributed" for q in both).most_common(),
        },
    )


@router.get("/network")
def network_page(
    request: Request,
    store: StoreDep,
    types: FormTypes = [],  # noqa: B006 - FastAPI copies defaults per request
    since: FormDay = "",
    until: FormDay = "",
) -> Response:
    """The actor network, filterable by date and event type."""
    chosen_types = [t for t in types if t]
    since, until = check_day(since or None, "since") or "", check_day(until or None, "until") or ""
    network = browse.network(store, since=since or None, until=until or None, types=chosen_types)
    all_types = browse.event_types(store)
    return _render(
        request,
        "network.html",
        {
            "network": network.to_dict(),
            "quad_colours": markup.QUAD_COLOURS,
            "types": all_types,
            "chosen": [t.upper() for t in chosen_types],
            "since": since or "",
            "until": until or "",
        },
    )


@router.get("/search")
def search_page(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    actor: Annotated[str, Query(max_length=200)] = "",
    types: Annotated[str, Query(alias="type", max_length=40)] = "",
    since: FormDay = "",
    until: FormDay = "",
    offset: Annotated[int, Query(ge=0, le=MAX_LIMIT * 2)] = 0,
) -> Response:
    """Full-text search with snippets, filtered by actor, event type and date."""
    hits: list[Any] = []
    if q.strip():
        hits = browse.search_hits(
            store,
            q,
            MAX_SEARCH_DEPTH,
            actor or None,
            [types] if types else [],
            check_day(since or None, "since"),
            check_day(until or None, "until"),
        )
    shown = [(h, markup.snippet_html(h.snippet)) for h in hits[offset : offset + PAGE]]
    return _render(
        request,
        "search.html",
        {
            "q": q,
            "actor": actor,
            "type": types,
            "since": since,
            "until": until,
            "hits": shown,
            "total": len(hits),
            "depth": MAX_SEARCH_DEPTH,
            "offset": offset,
            "page": PAGE,
        },
    )


@router.get("/docs")
def docs_page(request: Request) -> Response:
    """The interactive API reference (Swagger UI, vendored) over ``/openapi.json``."""
    return _render(request, "docs.html", {})
