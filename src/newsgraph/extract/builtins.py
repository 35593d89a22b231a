"""Imports the built-in extractors so that they register themselves (see ``extract/__init__``)."""

from __future__ import annotations

from . import actors, dates, events, quotes  # noqa: F401
