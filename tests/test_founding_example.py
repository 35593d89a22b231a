"""End to end on the founding example: the page dump read, analysed, checked against its gold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph import Analysis, analyze, read_article


@pytest.fixture(scope="module")
def analysis(example_path: Path, nlp: Any) -> Analysis:
    del nlp  # loaded once by the session fixture
    return analyze(read_article(str(example_path)))


METADATA_FIELDS = [
    "site",
    "url",
    "title",
    "authors",
    "dateline",
    "published",
    "tags",
    "standfirst",
    "editors",
    "headings",
]


@pytest.mark.parametrize("field", METADATA_FIELDS)
def test_founding_example_metadata_field_matches_gold(
    analysis: Analysis, example_expected: dict[str, Any], field: str
) -> None:
    assert getattr(analysis.article, field) == example_expected["metadata"][field]


def test_founding_example_images_match_gold(
    analysis: Analysis, example_expected: dict[str, Any]
) -> None:
    images = [
        {"alt": i.alt, "caption": i.caption, "credit": i.credit} for i in analysis.article.images
    ]
    assert images == example_expected["metadata"]["images"]


def test_founding_example_body_is_clean(
    analysis: Analysis, example_expected: dict[str, Any]
) -> None:
    gold = example_expected["metadata"]
    text = analysis.article.text
    assert text.startswith(gold["body_first_words"])
    assert text.rstrip().endswith(gold["body_last_words"])
    for line in gold["not_body"]:
        assert line not in text


def test_founding_example_dates_resolve_exactly(
    analysis: Analysis, example_expected: dict[str, Any]
) -> None:
    found = {(" ".join(d.text.split()), d.value) for d in analysis.dates}
    for gold in example_expected["dates"]:
        assert (gold["text"], gold["value"]) in found


def test_founding_example_date_offsets_point_at_their_text(analysis: Analysis) -> None:
    article = analysis.article
    for mention in analysis.dates:
        if mention.field is None:
            source = article.text
        elif mention.field.startswith("images["):
            index, attr = mention.field[len("images[") :].split("].")
            source = getattr(article.images[int(index)], attr)
        else:
            source = getattr(article, mention.field)
        assert source[mention.start : mention.end] == mention.text


def test_founding_example_people_have_gold_roles(
    analysis: Analysis, example_expected: dict[str, Any]
) -> None:
    people = {a.name.lower(): a for a in analysis.actors if a.kind == "person"}
    for gold in example_expected["people"]:
        actor = people[gold["name"].lower()]
        titles = {(r.title or "").lower() for r in actor.roles}
        assert gold["role"].lower() in titles, gold["name"]
        if "organization" in gold:
            orgs = {(r.organization or "").lower() for r in actor.roles}
            assert gold["organization"].lower() in orgs, gold["name"]
        if "country" in gold:
            assert actor.country == gold["country"], gold["name"]


@pytest.mark.parametrize(
    ("surface", "iso3"),
    [
        ("Japan", "JPN"),
        ("Tokyo", "JPN"),
        ("Japanese", "JPN"),
        ("South Korea", "KOR"),
        ("Seoul", "KOR"),
        ("China", "CHN"),
        ("Beijing", "CHN"),
        ("US", "USA"),
        ("Washington", "USA"),
    ],
)
def test_founding_example_every_country_mention_resolves(
    analysis: Analysis, surface: str, iso3: str
) -> None:
    import re

    text = analysis.article.text
    expected = {m.start() for m in re.finditer(rf"\b{re.escape(surface)}\b", text)}
    assert expected
    actor = next(a for a in analysis.actors if a.id == iso3)
    found = {m.start for m in actor.mentions if m.text == surface}
    assert expected <= found, f"{surface}: {sorted(expected - found)} not resolved"


def _event_matches(gold: dict[str, Any], event: Any, text: str) -> bool:
    if event.type != gold["type"] or event.status != gold.get("status", "occurred"):
        return False
    if "actors" in gold and set(gold["actors"]) != set(event.source) | set(event.target):
        return False
    for side in ("source", "target"):
        if side in gold and getattr(event, side) != [gold[side]]:
            return False
    for key in ("date", "mode"):
        if key in gold and getattr(event, key) != gold[key]:
            return False
    spans = [event.evidence, *event.evidence_more]
    return any(gold["evidence"] in text[s.start : s.end] for s in spans)


def test_founding_example_required_events_found_once(
    analysis: Analysis, example_expected: dict[str, Any]
) -> None:
    text = analysis.article.text
    for gold in example_expected["events"]:
        if gold.get("optional"):
            continue
        matching = [e for e in analysis.events if _event_matches(gold, e, text)]
        assert len(matching) == 1, gold["evidence"]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def test_founding_example_every_gold_quote_has_its_speaker(
    analysis: Analysis, example_expected: dict[str, Any]
) -> None:
    text = analysis.article.text
    missing = []
    for gold in example_expected["quotes"]:
        start = text.index(gold["text"])
        span = (start, start + len(gold["text"]))
        found = [
            q
            for q in analysis.quotes
            if _overlap(span, (q.start, q.end)) * 2 >= span[1] - span[0]
            and q.speaker is not None
            and q.speaker.name == gold["speaker"]
        ]
        if not found:
            missing.append(gold["text"][:40])
    assert not missing


def test_founding_example_unattributed_claims_get_no_name(
    analysis: Analysis, example_expected: dict[str, Any]
) -> None:
    text = analysis.article.text
    for claim in example_expected["unattributed_claims"]:
        start = text.index(claim)
        for quote in analysis.quotes:
            if _overlap((start, start + len(claim)), (quote.start, quote.end)):
                assert quote.speaker is None or quote.speaker.name is None, claim
