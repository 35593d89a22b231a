"""Helpers for the event tests that run invented sentences through the default pipeline."""

from __future__ import annotations

from newsgraph.analyze import analyze
from newsgraph.model import Article, Event


def events_of(text: str, published: str = "2023-05-09") -> list[Event]:
    """The events the default pipeline codes in ``text``, as a user gets them."""
    return analyze(Article(text=text, published=published)).events


def has_event(
    events: list[Event], kind: str, source: str | None = None, target: str | None = None
) -> bool:
    """Whether an event of type ``kind`` has ``source`` and ``target`` among its countries."""
    return any(
        e.type == kind
        and (source is None or source in e.source)
        and (target is None or target in e.target)
        for e in events
    )
