"""The FastAPI application: settings, the one error handler, request limits, security headers.

:func:`create_app` builds the app that ``newsgraph serve`` runs: the REST API under ``/api``
(:mod:`newsgraph.web.api`), the pages (:mod:`newsgraph.web.pages`) and the static files
(styles, scripts and the vendored Vega and Cytoscape.js builds).

Safe by default: read-only unless :attr:`WebSettings.allow_ingest`; request bodies over
:attr:`WebSettings.max_body` bytes get 413; every error becomes one JSON shape (or an HTML
page for the pages) from :func:`error_response`, and no traceback ever reaches the client.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ConfigError, InputError, InputTooLargeError, NewsgraphError, StoreError
from ..sources.decode import MAX_BYTES
from ..store import Store, open_store
from .analysis_pool import AnalysisPool, PoolBusy, PoolTimeout
from .origin import cross_origin, host_allowed, host_name

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


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


class ErrorDetail(BaseModel):
    """What went wrong, in one JSON shape for every error of every route."""

    status: int = Field(description="The HTTP status code.")
    code: str = Field(description="A stable machine-readable name, e.g. `not_found`.")
    message: str = Field(description="One line for a person: what went wrong and where.")


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class APIError(Exception):
    """Raised by routes for a client error; the one handler turns it into its status and body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (404, "Not found"),
        (413, "Request body too large"),
        (422, "Bad parameters"),
        (500, "Internal error (no details are given)"),
    )
}
"""The error responses every API route documents (all with the one error shape)."""

_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    421: "misdirected",
    429: "busy",
    422: "bad_parameters",
    500: "internal_error",
    503: "unavailable",
}


def _classify(exc: Exception) -> tuple[int, str, str]:
    """Map an exception to (status, code, message): the one table of error classes."""
    if isinstance(exc, APIError):
        return exc.status, exc.code, exc.message
    if isinstance(exc, RequestValidationError):
        return 422, "bad_parameters", _validation_message(exc)
    if isinstance(exc, StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return exc.status_code, _CODES.get(exc.status_code, "error"), message
    if isinstance(exc, PoolBusy):
        return 429, "busy", exc.message
    if isinstance(exc, PoolTimeout):
        return 503, "timeout", exc.message
    if isinstance(exc, InputTooLargeError):
        return 413, "too_large", str(exc)
    if isinstance(exc, InputError | ConfigError):
        return 422, "bad_input", str(exc)
    if isinstance(exc, StoreError):
        log.error("store error: %s", exc)
        return 503, "unavailable", "the database cannot be read"
    if isinstance(exc, NewsgraphError):
        return 422, "bad_input", str(exc)
    log.error("unexpected error", exc_info=exc)
    return 500, "internal_error", "internal server error"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def error_response(request: Request, exc: Exception) -> Response:
    """The one exception handler: every error becomes the one JSON shape (pages get HTML)."""
    status, code, message = _classify(exc)
    path = request.url.path
    if path.startswith(("/api", "/docs", "/openapi")) or "text/html" not in request.headers.get(
        "accept", ""
    ):
        return JSONResponse(
            {"error": {"status": status, "code": code, "message": message}},
            status_code=status,
            headers=SECURITY_HEADERS,
        )
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message},
        status_code=status,
        headers=SECURITY_HEADERS,
    )


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


def store_dependency(request: Request) -> Iterator[Store]:
    """Open the app's database for one request and close it afterwards."""
    settings: WebSettings = request.app.state.settings
    store = open_store(settings.db, create=False)
    try:
        yield store
    finally:
        store.close()


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
    from . import api, pages

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
