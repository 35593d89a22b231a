"""Tests of ``evaluation/articles.py``: real-article gold scored by GUIDELINES.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluation.articles import (
    _Locator,
    _max_matching,
    evaluate_articles,
    names_org,
    names_person,
    word_overlap,
)

ARTICLE = """Arnor and Gondor sign water pact

By Jane Roe

Arnor and Gondor signed a water-sharing agreement in Minas Tirith on Tuesday, ending a
dispute that had lasted a decade.

"This is a good day for both our peoples," said Arnor's foreign minister, Elena Vasquez.

Officials said the pact would be reviewed next year.
"""


def _gold_folder(tmp_path: Path, expected: dict[str, object]) -> Path:
    folder = tmp_path / "gold" / "arnor-gondor"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    return folder.parent


def test_locator_finds_strings_across_wrapped_lines_and_curly_marks() -> None:
    text = "He said “we  will\ngo” today."
    locator = _Locator(text)
    start, end = locator.find('said "we will go"') or (0, 0)
    assert text[start:end] == "said “we  will\ngo”"
    assert locator.find("not there") is None


def test_max_matching_is_one_to_one_and_maximal() -> None:
    # Greedy would give gold 0 the predicted 0 and leave gold 1 unmatched.
    assert _max_matching({0: [0, 1], 1: [0]}) == {0: 1, 1: 0}


def test_name_matching_rules() -> None:
    assert names_person("Jake Sullivan", ["Sullivan"])
    assert not names_person("Jake Sullivan", ["Jake Tapper"])
    assert names_person("Kim Jong Un", ["Kim"], aliases=["Kim"])
    assert names_org("Ministry of Health in Gaza", ["Gaza Health Ministry"])
    assert names_org("Israel Defense Forces", ["IDF"])
    assert names_org("UKMTO", ["United Kingdom Maritime Trade Operations"])
    assert not names_org("UKMTO", ["United Kingdom"])
    assert names_org("Israeli military", ["Israel"])
    assert not names_org("State Department", ["Defense Department"])


def test_word_overlap_is_over_the_shorter_text() -> None:
    assert word_overlap("a good day", "This is a good day for both") == 1.0
    assert word_overlap("a good day", "a bad night") == pytest.approx(1 / 3)


def test_evaluate_articles_scores_events_quotes_and_people(tmp_path: Path) -> None:
    expected = {
        "people": [
            {"name": "Elena Vasquez", "role": "foreign minister", "country": "XXA"},
        ],
        "quotes": [
            {
                "kind": "direct",
                "speaker": "Elena Vasquez",
                "anonymous": False,
                "text": "This is a good day for both our peoples,",
            },
            {
                "kind": "indirect",
                "speaker": None,
                "anonymous": True,
                "text": "the pact would be reviewed next year",
            },
        ],
        "events": [
            {
                "type": "AGREE",
                "source": ["PERSON:Nobody Here"],
                "target": [],
                "status": "occurred",
                "evidence": "signed a water-sharing agreement",
                "main": True,
            },
        ],
    }
    report = evaluate_articles(_gold_folder(tmp_path, expected))
    data = report.to_dict()
    assert data["articles"] == 1 and not data["per_article"][0]["error"]
    # No system output can name an actor the article never mentions: the event is missed.
    assert report.total("event_recall").hits == 0
    assert report.total("main_recall").total == 1
    assert report.total("quote_recall").total == 2
    # The direct quote with its named speaker is found by the quote extractor.
    assert report.total("quotes_found").hits >= 1
    assert report.total("people_right").total == 1
    assert "event precision" in report.format()


def test_evaluate_articles_needs_gold_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_articles(tmp_path)


def test_evaluate_articles_on_shared_gold(shared_eval: Path) -> None:
    gold = shared_eval / "articles"
    if not gold.is_dir():
        pytest.skip("../shared/eval/articles is absent")
    report = evaluate_articles(gold, limit=2)
    assert len(report.articles) == 2
    assert all(a.error is None for a in report.articles)
    assert report.total("event_recall").total > 0
