"""The FastAPI application: request limits, Host and origin guards, security headers.

:func:`create_app` builds the app that ``newsgraph serve`` runs: the REST API under ``/api``
(:mod:`newsgraph.web.api`), the pages (:mod:`newsgraph.web.pages`), the saved searches'
feeds (:mod:`newsgraph.web.feeds`) and the static files
(styles, scripts and the vendored Vega and Cytoscape.js builds).

Safe by default: read-only unless :attr:`WebSettings.allow_ingest`; request bodies over
:attr:`WebSettings.max_body` bytes get 413; every error becomes one JSON shape (or an HTML
page for the pages) from :func:`newsgraph.web.errors.error_response`, and no traceback ever
reaches the client. Settings are :class:`newsgraph.web.deps.WebSettings`.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import NewsgraphError
from .analysis_pool import AnalysisPool
from .deps import WebSettings
from .errors import SECURITY_HEADERS, APIError, error_response
from .origin import cross_origin, host_allowed, host_name

__all__ = ["WebSettings", "create_app", "make_templates", "path_segment"]

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent


async def _handle(request: Request, exc: Exception) -> Response:
    return error_response(request, exc)


class GuardMiddleware:
    """The outer guard: body size limit (413), security headers, and the last catch.

    An unexpected error that no handler took becomes a generic 500, logged and never shown.
    """

    def __init__(self, app: ASGIApp, max_body: int, allowed_hosts: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refused = self._refusal(request)
        if refused is not None:
            await error_response(request, refused)(scope, receive, send)
            return
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            too_large = APIError(413, "too_large", f"request body over {self.max_body} bytes")
            await error_response(request, too_large)(scope, receive, send)
            return
        started = False
        body_receive = receive
        if length is None and scope["method"] in ("POST", "PUT", "PATCH"):
            # No length given (chunked): read the body first, within the limit, then replay it.
            chunks: list[bytes] = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                more = bool(message.get("more_body", False))
                if size > self.max_body:
                    too_large = APIError(
                        413, "too_large", f"request body over {self.max_body} bytes"
                    )
                    await error_response(request, too_large)(scope, receive, send)
                    return
            replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks)}]

            async def replay_receive() -> Message:
                return replay.pop() if replay else await receive()

            body_receive = replay_receive

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", [])]
                names = {k.lower() for k, _ in headers}
                for key, value in SECURITY_HEADERS.items():
                    if key.encode() not in names:
                        headers.append((key.encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, body_receive, send_with_headers)
        except Exception as exc:
            if started:
                log.error("error after the response started", exc_info=exc)
                return
            await error_response(request, exc)(scope, receive, send)

    def _refusal(self, request: Request) -> APIError | None:
        """The error for a request from a host or an origin that is not this server's."""
        headers = request.headers
        host = headers.get("host")
        if not host_allowed(host, self.allowed_hosts):
            return APIError(
                421,
                "misdirected",
                f"this server is not {host_name(host or '')!r} (start it with --allowed-host)",
            )
        if cross_origin(request.method, host, headers.get("origin"), headers.get("sec-fetch-site")):
            return APIError(403, "forbidden", "requests from another site are refused")
        return None


def path_segment(value: object) -> str:
    """Return ``value`` encoded as one URL path segment: ``/`` and ``?`` too, and ``.``/``..``.

    Example:
        >>> path_segment("a/b c"), path_segment("..")
        ('a%2Fb%20c', '%2E%2E')
    """
    encoded = quote(str(value), safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def make_templates() -> Jinja2Templates:
    """Return the page templates, with autoescaping on for every template."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pretty_json"] = lambda value: json.dumps(value, ensure_ascii=False, indent=2)
    env.filters["seg"] = path_segment
    return Jinja2Templates(env=env)


def create_app(settings: WebSettings) -> FastAPI:
    """Build the web app over the database ``settings.db``.

    Args:
        settings: the database, whether ingesting is allowed, and the request size limit.

    Returns:
        The ASGI application (run it with uvicorn, or test it with ``TestClient``).
    """
    from . import api, feeds, pages

    app = FastAPI(
        title="newsgraph",
        summary="News articles read into an account you can check: quotes, actors, events.",
        description=(
            "Every list is paginated with `limit` and `offset` and gives a `next` link. "
            'Every error has one shape: `{"error": {"status", "code", "message"}}`. '
            + (
                "This server accepts `store=true` on `POST /api/analyze`."
                if settings.allow_ingest
                else "This server is read-only: `POST /api/analyze` analyses without storing."
            )
        ),
        version=_version(),
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    if settings.ingest_token is None:
        settings = replace(settings, ingest_token=secrets.token_urlsafe(24))
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.pool = AnalysisPool(settings.analyze_workers, settings.analyze_timeout)
    for exc_class in (StarletteHTTPException, RequestValidationError, APIError, NewsgraphError):
        app.add_exception_handler(exc_class, _handle)
    app.add_middleware(
        GuardMiddleware, max_body=settings.max_body, allowed_hosts=settings.allowed_hosts
    )
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the analysis workers with the server, and stop them with it."""
    pool: AnalysisPool = app.state.pool
    pool.start()
    try:
        yield
    finally:
        pool.close()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"
