"""The web app and REST API over a newsgraph database (``newsgraph serve``, ``newsgraph demo``).

Modules: ``app.py`` (the FastAPI app, limits, security headers), ``errors.py`` (the one
error shape and handler), ``deps.py`` (settings, a store per request, the shared query
parameters), ``api.py`` (the REST API under ``/api``), ``pages.py`` (server-rendered pages;
they import ``deps`` and ``errors``, never ``api``), ``markup.py`` (safe HTML
from text and offsets), ``reading.py`` (what ``POST /api/analyze`` receives),
``analysis_pool.py`` (analyses in time-bounded worker processes), ``origin.py`` (``Host``
and cross-site checks), ``serve.py`` (running it, and the demo). Templates and static files
(with the vendored Vega, Vega-Lite, vega-embed, Cytoscape.js and Swagger UI builds) are
package data.

Needs the ``fastapi``, ``uvicorn``, ``jinja2`` and ``python-multipart`` dependencies.
"""

from __future__ import annotations

from .app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
