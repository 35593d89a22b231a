"""Across articles: near-duplicate stories, corpus events and corpus actors.

Pure library pieces the store calls while ingesting (nothing here touches a database):

- :mod:`.duplicates`  syndicated copies grouped with MinHash (:class:`DuplicateIndex`)
- :mod:`.events`      one corpus event per happening, with every article's evidence
- :mod:`.actors`      surname-only and title variants of a person merged into the full name
- :mod:`.syndication` syndicated copies made from real articles, to measure the grouping
"""

from __future__ import annotations

from .actors import ActorRecord, canonical_actors
from .duplicates import DuplicateIndex, DuplicateOptions, Signature, signature
from .events import CorpusEvent, EventMention, event_key, is_mergeable, merge_events

__all__ = [
    "ActorRecord",
    "CorpusEvent",
    "DuplicateIndex",
    "DuplicateOptions",
    "EventMention",
    "Signature",
    "canonical_actors",
    "event_key",
    "is_mergeable",
    "merge_events",
    "signature",
]
