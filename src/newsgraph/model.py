"""The data model: an article and the analysis of it, as dataclasses that round-trip to JSON.

The JSON shape is the contract described in DESIGN.md (``newsgraph.analysis/1``): the CLI
prints it, the store keeps it and the API serves it. Field names are the contract; add
fields freely, rename none without bumping :data:`SCHEMA`.

Every extracted fact carries character offsets (``start``, ``end``) into ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

SCHEMA = "newsgraph.analysis/1"

T = TypeVar("T")


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    return value


def _known_fields(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


@dataclass
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(**_known_fields(cls, data))


@dataclass
class Image:
    """An image of the article page: its alt text, caption and credit (any may be null)."""

    alt: str | None = None
    caption: str | None = None
    credit: str | None = None
    url: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Image:
        return cls(**_known_fields(cls, data))


@dataclass
class Article:
    """One article as read from its source: metadata plus the body text all offsets point into.

    ``metadata_sources`` records where each metadata field came from, e.g.
    ``{"title": "json-ld", "published": "htmldate", "authors": "meta"}``.
    ``published_text`` is the publication date as the page writes it ("May 9, 2023").
    ``id`` is always the content hash of ``text`` (:func:`content_id`); an id the input gave
    (a JSONL record's ``id``) is kept as ``given_id``. A lone surrogate in ``text`` (JSON can
    spell one, no encoding can write one) becomes U+FFFD, so offsets do not move.
    ``warnings`` lists, one line each, what went wrong while reading or analysing it without
    stopping either (mixed encodings, runs of punctuation shortened for the parse, …).
    """

    text: str
    source: str | None = None
    url: str | None = None
    site: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: str | None = None
    published_text: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    standfirst: str | None = None
    editors: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    metadata_sources: dict[str, str] = field(default_factory=dict)
    id: str = ""
    given_id: str | None = None
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            from .errors import ArgumentError

            hint = " (decode it, or read it with newsgraph.read_article)"
            kind = type(self.text).__name__
            raise ArgumentError(
                f"Article.text must be a str, not {kind}" + (hint if kind == "bytes" else "")
            )
        if _SURROGATE.search(self.text):  # from JSON "\ud800": no encoding can write it
            self.text = _SURROGATE.sub("\ufffd", self.text)
        if not self.id:
            self.id = content_id(self.text, self.url)

    def to_dict(self) -> dict[str, Any]:
        """Return the article as plain JSON-ready data, ``text`` last for readability."""
        data: dict[str, Any] = _to_plain(self)
        data = {"id": data.pop("id"), **data}
        data["text"] = data.pop("text")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        values = _known_fields(cls, data)
        values["images"] = [Image.from_dict(i) for i in values.get("images") or []]
        return cls(**values)


_SURROGATE = re.compile("[\ud800-\udfff]")


def content_id(text: str, url: str | None = None) -> str:
    """Return a stable id for an article: a short SHA-256 of its body text.

    The URL is left out on purpose: the same text fetched from two addresses is one article.
    """
    del url
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Role:
    """A role an actor holds: a title and the organisation (and country) it is held in."""

    title: str | None = None
    organization: str | None = None
    country: str | None = None


@dataclass
class Actor:
    """Something that acts or speaks: a country, a person, an organisation or a place."""

    id: str
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        values = _known_fields(cls, data)
        values["roles"] = [Role(**_known_fields(Role, r)) for r in values.get("roles") or []]
        values["mentions"] = [Span.from_dict(m) for m in values.get("mentions") or []]
        return cls(**values)


@dataclass
class DateMention:
    """A time expression resolved to the calendar (``value`` is ISO 8601; ranges are ``a/b``).

    Offsets point into ``article.text``, unless ``field`` names the article field they point
    into instead (``"title"``, ``"standfirst"``, ``"published_text"``, ``"images[0].alt"``…):
    page furniture such as a photo caption is not part of the body but is still evidence.
    """

    text: str
    start: int
    end: int
    value: str | None
    granularity: str | None = None
    field: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateMention:
        return cls(**_known_fields(cls, data))


@dataclass
class Speaker:
    """Who a quote is attributed to: the mention in the text and the actor it resolves to.

    ``country`` is the speaker's country when the article gives it (an organisation named only
    by what it is, "the Israeli army", has no actor but has a country).
    """

    actor: str | None = None
    name: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    anonymous: bool = False
    country: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(**_known_fields(cls, data))


@dataclass
class Quote:
    """Something someone said: direct, mixed, indirect or floating.

    One utterance interrupted by its attribution ("…," she said. "…") is told as one quote per
    piece, so that no quote's text holds narration; every piece after the first has
    ``continues`` set to the ``start`` of the piece it goes on from.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker: Speaker | None = None
    cue: Span | None = None
    confidence: float = 0.0
    continues: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        values = _known_fields(cls, data)
        if values.get("speaker") is not None:
            values["speaker"] = Speaker.from_dict(values["speaker"])
        if values.get("cue") is not None:
            values["cue"] = Span.from_dict(values["cue"])
        return cls(**values)


@dataclass
class Event:
    """Who did what to whom, coded in PLOVER, with the sentence it came from.

    ``source``/``target`` are ISO 3166-1 alpha-3 codes; ``source_ids``/``target_ids`` the
    person and organisation actors (``person:…``, ``org:…``) and ``source_text``/``target_text``
    the phrases naming them. A reciprocal event ("X and Y held talks") lists every participant
    in ``source`` and leaves ``target`` empty. ``attribution`` says whose account it is:
    ``article`` (the reporter's), ``reported`` (under a speech verb) or ``quote``.
    ``date_basis`` says where ``date`` came from (``text``: the event's own clause or sentence;
    ``context``: the sentence before; ``published``: nothing in the text dates it, so the
    publication date stands in). ``main`` marks the one to three happenings the story is about
    (from its headline and lead). ``evidence_more`` holds the other sentences that tell the same
    happening. ``cameo`` and ``cameo_root`` are the CAMEO event code and root code the PLOVER
    type (and mode) maps to (:mod:`newsgraph.knowledge.cameo`), for comparison with GDELT and
    ICEWS; analyses written before they existed load with both ``None``.
    """

    type: str
    evidence: Span
    mode: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    status: str = "occurred"
    quad: str | None = None
    intensity: float | None = None
    confidence: float = 0.0
    source_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    source_text: str | None = None
    target_text: str | None = None
    trigger: Span | None = None
    attribution: str = "article"
    date_granularity: str | None = None
    date_basis: str | None = None
    evidence_more: list[Span] = field(default_factory=list)
    main: bool = False
    cameo: str | None = None
    cameo_root: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = _known_fields(cls, data)
        values["evidence"] = Span.from_dict(values["evidence"])
        if values.get("trigger") is not None:
            values["trigger"] = Span.from_dict(values["trigger"])
        values["evidence_more"] = [Span.from_dict(e) for e in values.get("evidence_more") or []]
        return cls(**values)


@dataclass
class Analysis:
    """The account of one article: the article plus everything extracted from it."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """Return the analysis document as plain JSON-ready data."""
        return {
            "schema": self.schema,
            "article": self.article.to_dict(),
            "actors": _to_plain(self.actors),
            "dates": _to_plain(self.dates),
            "quotes": _to_plain(self.quotes),
            "events": _to_plain(self.events),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Build an analysis from its JSON form (the inverse of :meth:`to_dict`)."""
        return cls(
            article=Article.from_dict(data["article"]),
            actors=[Actor.from_dict(a) for a in data.get("actors") or []],
            dates=[DateMention.from_dict(d) for d in data.get("dates") or []],
            quotes=[Quote.from_dict(q) for q in data.get("quotes") or []],
            events=[Event.from_dict(e) for e in data.get("events") or []],
            schema=data.get("schema", SCHEMA),
        )
