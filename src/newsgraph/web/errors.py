"""The web app's errors: one JSON shape for every error of every route, one table of classes.

:class:`APIError` is what routes raise for a client error; :func:`error_response` is the one
handler every exception goes through (``/api`` gets ``{"error": {"status", "code",
"message"}}``, pages get an HTML page), and no traceback ever reaches the client. The
analysis pool's two refusals (:class:`PoolBusy`, :class:`PoolTimeout`) are defined here so
that the table of statuses reads no other web module.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, InputError, InputTooLargeError, NewsgraphError, StoreError

__all__ = [
    "ERROR_RESPONSES",
    "SECURITY_HEADERS",
    "APIError",
    "ErrorBody",
    "ErrorDetail",
    "PoolBusy",
    "PoolTimeout",
    "error_response",
]

log = logging.getLogger(__name__)

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


class PoolBusy(NewsgraphError):
    """Raised when every worker is busy and enough requests already wait (``429``)."""


class PoolTimeout(NewsgraphError):
    """Raised when an analysis is not done within the time bound (``503``)."""


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
