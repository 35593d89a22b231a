from __future__ import annotations

import json

from newsgraph.model import (
    SCHEMA,
    Actor,
    Analysis,
    Article,
    DateMention,
    Event,
    Image,
    Quote,
    Role,
    Span,
    Speaker,
    content_id,
)


def _full_analysis() -> Analysis:
    text = 'Kishida met Yoon in Seoul on Sunday. "We agree," he said.'
    article = Article(
        text=text,
        source="a.txt",
        url="https://example.org/a",
        title="Leaders meet",
        authors=["A. Writer"],
        published="2023-05-09",
        images=[Image(alt="alt", caption="cap", credit="AP")],
        metadata_sources={"title": "json-ld"},
    )
    return Analysis(
        article=article,
        actors=[
            Actor(
                id="person:fumio-kishida",
                kind="person",
                name="Fumio Kishida",
                country="JPN",
                roles=[Role(title="Prime Minister", country="JPN")],
                mentions=[Span(0, 7, "Kishida")],
            )
        ],
        dates=[DateMention("on Sunday", 27, 36, "2023-05-07", "day")],
        quotes=[
            Quote(
                kind="direct",
                text="We agree,",
                start=39,
                end=48,
                speaker=Speaker(actor="person:fumio-kishida", name="Fumio Kishida", text="he"),
                cue=Span(53, 57, "said"),
                confidence=0.9,
            )
        ],
        events=[
            Event(
                type="CONSULT",
                evidence=Span(0, 36, text[:36]),
                source=["JPN"],
                target=["KOR"],
                date="2023-05-07",
            )
        ],
    )


def test_model_analysis_round_trips_through_json() -> None:
    analysis = _full_analysis()
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["schema"] == SCHEMA
    assert Analysis.from_dict(data) == analysis


def test_model_document_has_the_contract_fields() -> None:
    data = _full_analysis().to_dict()
    assert list(data) == ["schema", "article", "actors", "dates", "quotes", "events"]
    article = data["article"]
    for name in (
        "id",
        "source",
        "url",
        "site",
        "title",
        "authors",
        "dateline",
        "published",
        "language",
        "tags",
        "standfirst",
        "editors",
        "headings",
        "images",
        "text",
    ):
        assert name in article
    keys = list(article)
    assert keys[0] == "id" and keys[-1] == "text"
    assert data["quotes"][0]["speaker"]["anonymous"] is False
    assert data["events"][0]["evidence"] == {
        "start": 0,
        "end": 36,
        "text": data["article"]["text"][:36],
    }


def test_model_article_id_is_a_hash_of_the_text() -> None:
    assert Article(text="abc").id == content_id("abc")
    assert Article(text="abc").id != Article(text="abd").id
    assert Article(text="abc", url="https://a").id == Article(text="abc", url="https://b").id


def test_model_from_dict_ignores_unknown_fields() -> None:
    data = _full_analysis().to_dict()
    data["article"]["future_field"] = 1
    data["actors"][0]["future_field"] = 2
    assert Analysis.from_dict(data).article.title == "Leaders meet"
