"""The events as GDELT 2.0 event-table rows: tab-separated, GDELT's 61 columns in its order.

One row per stored event whose status is ``occurred`` (GDELT codes what happened; an
expected, negated or hypothetical act would read as done), in the order of the ``events``
table (article id, then position in the article). The first line is the header, GDELT's
column names; GDELT's own files have none. The column mapping is documented in
``docs/exports.md``; in short:

- ``GLOBALEVENTID``: a stable integer, the first 12 hex digits of the SHA-1 of the article id
  times 10,000 plus the event's position in the article;
- dates from the event's date (its first day when only a month or year is known), else the
  article's publication date; ``DATEADDED`` is when the article was stored (UTC);
- one actor per side, as GDELT has: the first person or organisation named, else the first
  country; in a joint act with no recipient ("X and Y met") the second participant is
  ``Actor2``; country codes are ISO 3166-1 alpha-3 (CAMEO's country codes), the type code the
  CAMEO agent code of the actor's sector, and the actor code both (``JPNGOV``);
- ``EventCode``/``EventBaseCode``/``EventRootCode`` and ``GoldsteinScale`` from the CAMEO code
  of the PLOVER type and mode (:mod:`newsgraph.knowledge.cameo`), ``QuadClass`` from the
  PLOVER quad, ``IsRootEvent`` from ``main``, ``NumMentions`` the sentences telling the event
  in its article;
- blank where newsgraph has nothing: known-group, ethnic, religion and second and third type
  codes, ``AvgTone``, actor geography, FIPS country and ADM codes of the place.

Articles are read one at a time (their analysis documents, streamed), so memory stays flat.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from ..extract.countries import country_name
from ..knowledge.cameo import QUAD_CLASSES, agent_code, cameo_of
from .base import Store
from .days import first_day

__all__ = ["GDELT_COLUMNS", "export_gdelt", "gdelt_rows"]

Side = tuple[str | None, str | None, str | None]
"""One actor of an event: (country code, name, CAMEO agent code)."""
_ACTOR = [
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
]  # fmt: skip
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
"""The 61 columns of the GDELT 2.0 event table, in GDELT's order and spelling."""

_ARTICLES = (
    "SELECT a.id, a.url, a.source, a.published, a.ingested_at, a.analysis FROM articles a "
    "WHERE EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.status = 'occurred') "
    "ORDER BY a.id"
)


def _country_name(code: str) -> str | None:
    try:
        return country_name(code)
    except KeyError:
        return None


def event_id(article_id: str, seq: int) -> int:
    """Return the event's ``GLOBALEVENTID``: stable, and unique while an article has < 10,000."""
    digest = hashlib.sha1(article_id.encode("utf-8"), usedforsecurity=False).hexdigest()
    return int(digest[:12], 16) * 10_000 + seq


def export_gdelt(store: Store, out: IO[str]) -> int:
    """Write the header and the GDELT rows of every occurred event; return the rows written."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    written = 0
    for row in gdelt_rows(store):
        out.write("\t".join(_cell(v) for v in row) + "\n")
        written += 1
    return written


def gdelt_rows(store: Store) -> Iterator[list[Any]]:
    """Yield one list of 61 values per occurred event (``None`` where blank)."""
    for article_id, url, source, published, ingested_at, text in store.stream(_ARTICLES):
        document = json.loads(text)
        actors = {a["id"]: a for a in document.get("actors") or []}
        for seq, event in enumerate(document.get("events") or []):
            if event.get("status", "occurred") == "occurred":
                article = (article_id, url or source, published, ingested_at)
                yield _row(seq, event, actors, article)


def _row(
    seq: int, event: dict[str, Any], actors: dict[str, Any], article: tuple[Any, ...]
) -> list[Any]:
    article_id, url, published, ingested_at = article
    first, second = _sides(event, actors)
    code = cameo_of(event.get("type"), event.get("mode"))
    more = event.get("evidence_more") or []
    return [
        event_id(article_id, seq),
        *_dates(first_day(event.get("date")) or first_day(published)),
        *_actor(first),
        *_actor(second),
        int(bool(event.get("main"))),
        code.code if code else None,
        code.base if code else None,
        code.root if code else None,
        QUAD_CLASSES.get(event.get("quad") or ""),
        code.goldstein if code else None,
        1 + len(more),
        1,
        1,
        None,
        *([None] * len(_GEO) * 2),
        *_place(event.get("location"), actors),
        _added(ingested_at),
        url,
    ]


def _dates(day: str | None) -> list[Any]:
    """``SQLDATE``, ``MonthYear``, ``Year``, ``FractionDate`` of a ``YYYY-MM-DD`` day."""
    if not day:
        return [None] * 4
    try:
        value = date.fromisoformat(day)
    except ValueError:
        return [None] * 4
    days = (date(value.year, 12, 31) - date(value.year, 1, 1)).days + 1
    fraction = value.year + (value.timetuple().tm_yday - 1) / days
    return [value.strftime("%Y%m%d"), value.strftime("%Y%m"), value.year, f"{fraction:.4f}"]


def _sides(event: dict[str, Any], actors: dict[str, Any]) -> tuple[Side | None, Side | None]:
    """Return ``Actor1`` and ``Actor2`` (``None``: no actor)."""
    sources = _participants(event.get("source") or [], event.get("source_ids") or [], actors)
    targets = _participants(event.get("target") or [], event.get("target_ids") or [], actors)
    first = sources[0] if sources else None
    if targets:
        return first, targets[0]
    return first, sources[1] if len(sources) > 1 else None


def _participants(codes: list[str], ids: list[str], actors: dict[str, Any]) -> list[Side]:
    """The actors of one side: its people and organisations first, then countries not covered."""
    found: list[Side] = []
    covered: set[str] = set()
    for actor_id in ids:
        actor = actors.get(actor_id) or {}
        country = actor.get("country") or (codes[0] if len(codes) == 1 else None)
        found.append((country, actor.get("name") or actor_id, agent_code(actor.get("sector"))))
        covered.add(country or "")
    for code in codes:
        if code not in covered:
            name = (actors.get(code) or {}).get("name") or _country_name(code)
            found.append((code, name, None))
            covered.add(code)
    return found


def _actor(side: Side | None) -> list[Any]:
    """``Code``, ``Name``, ``CountryCode``, blank group, ethnic, religion codes, type codes."""
    country, name, agent = side or (None, None, None)
    code = f"{country or ''}{agent or ''}" or None
    return [code, name, country, None, None, None, None, agent, None, None]


def _place(location: str | None, actors: dict[str, Any]) -> list[Any]:
    """The ``ActionGeo_`` columns: the place's name, and type and point when an actor has them."""
    if not location:
        return [None] * len(_GEO)
    known = _named(location.removeprefix("the "), actors)
    if known.get("kind") == "country":
        kind: int | None = 1
    elif known.get("lat") is not None:
        kind = 3 if known.get("country") == "USA" else 4
    else:
        kind = None
    lat, lon = known.get("lat"), known.get("lon")
    return [kind, location, None, None, None, lat, lon, None]


def _named(name: str, actors: dict[str, Any]) -> dict[str, Any]:
    """The actor the article names ``name``: by its name, else by one of its mentions."""
    for actor in actors.values():
        if actor.get("name") == name:
            return dict(actor)
    for actor in actors.values():
        if any(m.get("text") == name for m in actor.get("mentions") or []):
            return dict(actor)
    return {}


def _added(ingested_at: str | None) -> str | None:
    """``DATEADDED``: ``YYYYMMDDHHMMSS`` of the time the article was stored (UTC)."""
    if not ingested_at:
        return None
    digits = "".join(c for c in ingested_at[:19] if c.isdigit())
    return digits if len(digits) == 14 else None


def _cell(value: Any) -> str:
    """One field: blank for ``None``, no tab or line break inside."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())
