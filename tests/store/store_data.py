"""Hand-made analyses for the store tests (no spaCy needed): a Japan–South Korea story and an
EU–Russia one, with actors, mentions, events, quotes and a date."""

from __future__ import annotations

from typing import Any

from newsgraph.model import (
    Actor,
    Analysis,
    Article,
    DateMention,
    Event,
    Quote,
    Role,
    Span,
    Speaker,
)


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def _all_spans(text: str, part: str) -> list[Span]:
    spans: list[Span] = []
    start = text.find(part)
    while start >= 0:
        spans.append(Span(start, start + len(part), part))
        start = text.find(part, start + 1)
    return spans


def make_analysis(
    text: str,
    published: str = "2023-05-09",
    title: str = "A story",
    actors: list[tuple[str, str, str, list[str]]] | None = None,
    events: list[dict[str, Any]] | None = None,
    quotes: list[tuple[str, str | None, str | None]] | None = None,
) -> Analysis:
    """Build an analysis by hand: actors as (id, kind, name, [mention texts]), events as
    keyword dicts with ``evidence`` (a substring of the text), quotes as (text, speaker id,
    speaker name)."""
    article = Article(text=text, title=title, published=published, source=f"{title}.txt")
    article.language = "en"
    result = Analysis(article=article)
    for actor_id, kind, name, mentions in actors or []:
        country = actor_id if kind == "country" else None
        result.actors.append(
            Actor(
                id=actor_id,
                kind=kind,
                name=name,
                country=country,
                roles=[Role(title="minister")] if kind == "person" else [],
                mentions=[s for m in mentions for s in _all_spans(text, m)],
            )
        )
    for spec in events or []:
        spec = dict(spec)
        evidence = _span(text, spec.pop("evidence"))
        result.events.append(Event(evidence=evidence, **spec))
    for quote_text, speaker_id, speaker_name in quotes or []:
        span = _span(text, quote_text)
        speaker = Speaker(actor=speaker_id, name=speaker_name, text=speaker_name)
        result.quotes.append(
            Quote(
                kind="direct",
                text=quote_text,
                start=span.start,
                end=span.end,
                speaker=speaker,
                cue=_span(text, "said"),
                confidence=0.9,
            )
        )
    result.dates.append(DateMention("on Sunday", 0, 9, "2023-05-07", "day"))
    return result


SUMMIT = (
    "on Sunday Japan and South Korea held a summit in Seoul. "
    '"Japan wants a stable region with Korea," Kishida said. '
    "South Korea accused North Korea of firing a missile. "
    "Japan sent aid to South Korea after the floods."
)
OTHER = (
    "on Sunday the European Union imposed sanctions on Russia over the war. "
    '"We will not accept this," Lavrov said about the Union.'
)


def summit_analysis(published: str = "2023-05-09", title: str = "Summit in Seoul") -> Analysis:
    """A hand-made analysis about Japan and South Korea with a reciprocal, a directed and a
    third-party event and one quote."""
    return make_analysis(
        SUMMIT,
        published=published,
        title=title,
        actors=[
            ("JPN", "country", "Japan", ["Japan"]),
            ("KOR", "country", "South Korea", ["South Korea"]),
            ("PRK", "country", "North Korea", ["North Korea"]),
            ("person:fumio-kishida", "person", "Fumio Kishida", ["Kishida"]),
        ],
        events=[
            {
                "type": "CONSULT",
                "evidence": "Japan and South Korea held a summit in Seoul.",
                "source": ["JPN", "KOR"],
                "date": "2023-05-07",
                "quad": "verbal cooperation",
                "intensity": 2.5,
            },
            {
                "type": "ACCUSE",
                "evidence": "South Korea accused North Korea of firing a missile.",
                "source": ["KOR"],
                "target": ["PRK"],
                "date": "2023-05-08",
                "quad": "verbal conflict",
                "intensity": -3.0,
            },
            {
                "type": "AID",
                "evidence": "Japan sent aid to South Korea after the floods.",
                "source": ["JPN"],
                "target": ["KOR"],
                "source_ids": ["person:fumio-kishida"],
                "date": "2023-04",
                "quad": "material cooperation",
                "intensity": 10.0,
            },
        ],
        quotes=[
            ("Japan wants a stable region with Korea,", "person:fumio-kishida", "Fumio Kishida")
        ],
    )


def other_analysis() -> Analysis:
    """A hand-made analysis about the EU and Russia."""
    return make_analysis(
        OTHER,
        published="2023-06-01",
        title="Sanctions on Russia",
        actors=[
            ("RUS", "country", "Russia", ["Russia"]),
            ("org:european-union", "organization", "European Union", ["European Union", "Union"]),
            ("person:sergey-lavrov", "person", "Sergey Lavrov", ["Lavrov"]),
        ],
        events=[
            {
                "type": "SANCTION",
                "evidence": "the European Union imposed sanctions on Russia over the war.",
                "source_ids": ["org:european-union"],
                "target": ["RUS"],
                "date": "2023-05-28",
                "quad": "material conflict",
                "intensity": -6.0,
            }
        ],
        quotes=[("We will not accept this,", "person:sergey-lavrov", "Sergey Lavrov")],
    )
