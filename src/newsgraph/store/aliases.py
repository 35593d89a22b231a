"""One person, one actor across the corpus: surname-only and titled ids mapped to the full name.

Actor ids are slugs of the fullest name an article gives, so an article that only says "Yoon"
stores ``person:yoon`` while others store ``person:yoon-suk-yeol``.
:func:`newsgraph.corpus.actors.canonical_actors` maps such variants to the one full name
that fits them in the corpus (and leaves ambiguous ones alone). The mapping is applied when
reading, not stored: it changes as the corpus grows (a second "Kim" makes "Kim" ambiguous),
and computing it from the ``actors`` table takes a fraction of a second even for tens of
thousands of people. It is cached per open store until the number of people changes.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from .base import Store

__all__ = ["actor_aliases", "expand_ids"]

_CACHE: weakref.WeakKeyDictionary[Store, tuple[int, dict[str, str]]] = weakref.WeakKeyDictionary()


def actor_aliases(store: Store) -> dict[str, str]:
    """Return ``{variant person id: full-name id}`` for the stored people.

    Example: ``{"person:yoon": "person:yoon-suk-yeol"}`` when the corpus has Yoon Suk Yeol
    and no other person whose name ends or starts with "Yoon".
    """
    from ..corpus.actors import ActorRecord, canonical_actors

    people = int(store.scalar("SELECT COUNT(*) FROM actors WHERE kind = 'person'") or 0)
    cached = _CACHE.get(store)
    if cached is not None and cached[0] == people:
        return cached[1]
    rows = store.fetchall("SELECT id, name, country FROM actors WHERE kind = 'person' ORDER BY id")
    mapping = canonical_actors(ActorRecord(*row) for row in rows)
    _CACHE[store] = (people, mapping)
    return mapping


def expand_ids(store: Store, ids: Iterable[str]) -> list[str]:
    """Return ``ids`` with, for each person among them, its full-name id and every variant.

    Other ids (countries, organisations) are returned as they are, without reading the store.
    """
    ids = list(ids)
    if not any(i.startswith("person:") for i in ids):
        return ids
    mapping = actor_aliases(store)
    canonical = {mapping.get(i, i) for i in ids}
    more = sorted(canonical | {v for v, c in mapping.items() if c in canonical})
    return ids + [i for i in more if i not in ids]
