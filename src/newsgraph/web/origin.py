"""Who may talk to the server: the ``Host`` it is reached by, and where writes come from.

Two attacks reach a server on 127.0.0.1 through the browser of the person running it:

- **DNS rebinding**: a hostile page's domain is re-pointed at 127.0.0.1, and the page then
  reads the corpus as if it were its own origin. Its requests carry the hostile domain in
  ``Host``, so :func:`host_allowed` accepts only IP addresses, ``localhost``, the name the
  server is bound to and the names given with ``--allowed-host``.
- **Cross-site request forgery**: a hostile page posts a form to ``/api/analyze``.
  :func:`cross_origin` refuses any ``POST`` whose ``Origin`` is not the server's own or whose
  ``Sec-Fetch-Site`` says it comes from another site. Writes (``store=true``) must moreover
  be JSON (which a page on another origin cannot send without the server's leave) or carry
  the server's ingest token (see :class:`~newsgraph.web.app.WebSettings`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def host_name(host: str) -> str:
    """Return the name of a ``Host`` header value: no port, no brackets, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host[1:]
    if host.count(":") == 1:
        host = host.rsplit(":", 1)[0]
    return host.rstrip(".")


def is_ip(name: str) -> bool:
    """Return whether ``name`` is an IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_allowed(host: str | None, allowed: Iterable[str]) -> bool:
    """Return whether a request's ``Host`` header names this server.

    An IP address and ``localhost`` always do (no hostile domain can hide behind them), and
    so do the names in ``allowed`` (compared without port and case). A missing ``Host`` (an
    HTTP/1.0 client) is accepted.
    """
    if host is None:
        return True
    name = host_name(host)
    if not name:
        return False
    return is_ip(name) or name in LOCAL_NAMES or name in {host_name(a) for a in allowed}


def cross_origin(method: str, host: str | None, origin: str | None, fetch_site: str | None) -> bool:
    """Return whether a request that may change or cost something comes from another origin.

    Only ``GET``, ``HEAD`` and ``OPTIONS`` are never cross-origin here. Otherwise the request
    is refused when the browser says ``Sec-Fetch-Site: cross-site`` or ``same-site``, or when
    its ``Origin`` (``null`` included) does not name the host it was sent to. Clients that
    are not browsers (curl, scripts) send neither header and pass.
    """
    if method.upper() in SAFE_METHODS:
        return False
    if fetch_site is not None and fetch_site.strip().lower() in ("cross-site", "same-site"):
        return True
    if origin is None:
        return False
    parts = urlsplit(origin.strip())
    if not parts.netloc or host is None:
        return True  # "null" (a sandboxed page, a file) or an origin we cannot compare
    return host_name(parts.netloc) != host_name(host) or _port(parts.netloc) != _port(host)


def _port(host: str) -> str:
    """Return the port of a ``host[:port]`` value ('' when there is none)."""
    host = host.strip()
    if host.startswith("["):
        rest = host[host.find("]") + 1 :] if "]" in host else ""
        return rest[1:] if rest.startswith(":") else ""
    return host.rsplit(":", 1)[1] if host.count(":") == 1 else ""
