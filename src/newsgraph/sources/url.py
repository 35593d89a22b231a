"""Fetching one page over HTTP(S) with httpx, within a time and size budget.

:func:`fetch_url` returns the raw bytes, the ``Content-Type`` header (whose charset
:func:`~newsgraph.sources.decode.read_text_bytes` honours) and the final URL after redirects.
Every failure becomes one :class:`~newsgraph.errors.FetchError` (or
:class:`~newsgraph.errors.InputTooLargeError`) naming the URL, on one line.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import httpx

from ..errors import FetchError, InputTooLargeError
from .options import ReadOptions

__all__ = ["HTML_TYPES", "MAX_REDIRECTS", "USER_AGENT", "Fetched", "fetch_url"]

log = logging.getLogger(__name__)

MAX_REDIRECTS = 10
"""Redirects followed before giving up."""

HTML_TYPES = ("text/html", "application/xhtml+xml")
"""Media types read as HTML."""


def _user_agent() -> str:
    try:
        release = version("newsgraph")
    except PackageNotFoundError:  # running from a source tree that is not installed
        release = "dev"
    return f"newsgraph/{release} (news article reader; python-httpx/{httpx.__version__})"


USER_AGENT = _user_agent()
"""The ``User-Agent`` header sent with every request."""


@dataclass(frozen=True)
class Fetched:
    """A fetched page.

    Attributes:
        data: the body, with any ``Content-Encoding`` (gzip, deflate) undone.
        content_type: the ``Content-Type`` header, or ``None`` when the server sent none.
        url: the final URL, after redirects.
        is_html: whether the media type is HTML or XHTML.
    """

    data: bytes
    content_type: str | None
    url: str
    is_html: bool


def media_type(content_type: str | None) -> str | None:
    """Return the lower-cased media type of a ``Content-Type`` value, without parameters."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def fetch_url(url: str, options: ReadOptions) -> Fetched:
    """Fetch ``url`` and return its body, content type and final address.

    Redirects are followed (up to :data:`MAX_REDIRECTS`). ``options.timeout`` bounds both
    each network operation and the whole download, so a server that trickles bytes cannot
    hold a batch forever. The body is streamed and the download stops as soon as it passes
    ``options.max_bytes``.

    Args:
        url: an ``http://`` or ``https://`` URL.
        options: reading options; ``timeout`` and ``max_bytes`` are used here.

    Returns:
        The fetched page.

    Raises:
        FetchError: the URL is invalid, the server cannot be reached, it answers with an
            error status, too many redirects, or the download takes longer than the timeout.
        InputTooLargeError: the body is larger than ``options.max_bytes``.
    """
    timeout = httpx.Timeout(options.timeout)
    deadline = time.monotonic() + options.timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"},
            ) as client,
            client.stream("GET", url) as response,
        ):
            final_url = str(response.url)
            if response.is_error:
                where = "" if final_url == url else f" (at {final_url})"
                raise FetchError(
                    f"HTTP {response.status_code} {response.reason_phrase}{where}".rstrip(), url
                )
            _check_declared_length(response, url, options.max_bytes)
            data = _read_body(response, url, options, deadline)
            content_type = response.headers.get("content-type")
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {options.timeout:g} s (raise --timeout)", url) from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", url) from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect ({_one_line(exc)})", url) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"not a valid URL ({_one_line(exc)})", url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"download failed ({_one_line(exc)})", url) from exc
    log.debug("%s: fetched %d bytes from %s (%s)", url, len(data), final_url, content_type)
    return Fetched(
        data=data,
        content_type=content_type,
        url=final_url,
        is_html=media_type(content_type) in HTML_TYPES,
    )


def _check_declared_length(response: httpx.Response, url: str, max_bytes: int) -> None:
    # Only a plain body's declared length says how big the page is; a compressed one
    # is checked while it is inflated.
    if response.headers.get("content-encoding", "identity").lower() != "identity":
        return
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLargeError(
            f"larger than {max_bytes:,} bytes ({int(declared):,} announced; raise --max-bytes)",
            url,
        )


def _read_body(response: httpx.Response, url: str, options: ReadOptions, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise InputTooLargeError(
                f"larger than {options.max_bytes:,} bytes (raise --max-bytes)", url
            )
        if time.monotonic() > deadline:
            raise FetchError(
                f"download took longer than {options.timeout:g} s (raise --timeout)", url
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
