"""Tests of evaluation/quotes.py: the brat reader and the PolNeAR scoring rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluation.quotes import (
    GoldAttribution,
    evaluate_quotes,
    locate,
    read_brat,
    score_article,
    speaker_right,
)
from newsgraph.model import Quote, Speaker

TEXT = '"We won," Jo Smith said. "It was close." Analysts think the party will split.'

ANN = (
    "T1\tSource 10 18\tJo Smith\n"
    "T2\tCue 19 23\tsaid\n"
    'T3\tContent 0 9;25 40\t"We won," "It was close."\n'
    "T4\tAttribution 19 23\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 41 49\tAnalysts\n"
    "T6\tCue 50 55\tthink\n"
    "T7\tContent 56 77\tthe party will\nsplit\n"
    "E2\tAttribution:T4 Content:T7 Cue:T6 Source:T5\n"
)


def test_quotes_eval_reads_brat(tmp_path: Path) -> None:
    path = tmp_path / "a.ann"
    path.write_text(ANN, encoding="utf-8")
    first, second = read_brat(path)
    assert first.pieces == ((0, 9), (25, 40))
    assert first.source == "Jo Smith" and first.cue == "said"
    assert first.speech and first.direct
    assert second.content == "the party will\nsplit"
    assert not second.speech and not second.direct


def test_quotes_eval_scores_by_overlap_and_speaker(tmp_path: Path) -> None:
    path = tmp_path / "a.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_brat(path)
    right = Quote("direct", TEXT[1:39], 1, 39, Speaker(name="Jo Smith", text="Jo Smith"))
    stray = Quote("direct", "party", 0, 0, None)
    score = score_article(TEXT, gold, [right, stray])
    assert (score.gold_direct, score.right_direct, score.gold_speech) == (1, 1, 1)
    assert (score.predicted, score.predicted_matched) == (2, 1)
    assert locate(TEXT, stray) == (60, 65)


def test_quotes_eval_linked_pieces_are_one_prediction(tmp_path: Path) -> None:
    path = tmp_path / "a.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_brat(path)
    speaker = Speaker(name="Jo Smith", text="Jo Smith")
    first = Quote("direct", TEXT[1:8], 1, 8, speaker)
    second = Quote("direct", TEXT[26:39], 26, 39, speaker, continues=1)
    score = score_article(TEXT, gold, [first, second])
    assert (score.predicted, score.predicted_matched, score.right_direct) == (1, 1, 1)
    unlinked = Quote("direct", TEXT[26:39], 26, 39, speaker)
    score = score_article(TEXT, gold, [first, unlinked])
    assert (score.predicted, score.predicted_matched) == (2, 1)


@pytest.mark.parametrize(
    ("speaker", "source", "right"),
    [
        (Speaker(name="Stephen Nagy", text="he"), "Nagy", True),
        (Speaker(text="he"), "he", True),
        (Speaker(name="Stephen Nagy", text="Nagy"), "he", False),
        (Speaker(text="President Obama"), "President Biden", False),
        (Speaker(text="the judge"), "The judge", True),
        (None, "Nagy", False),
        (None, None, False),
        (Speaker(text="someone"), None, False),
        (Speaker(text="who", name="Stephen Nagy"), "who", True),
        (Speaker(text="Nagy", name="Stephen Nagy"), "who", False),
        (Speaker(text="the senator", name="Jo Park"), "The  senator", True),
        (Speaker(text="the senator", name="Jo Park"), "the president", False),
        (Speaker(text="Jo Park", name="Jo Park"), "the senator", False),
    ],
)
def test_quotes_eval_speaker_rule(speaker: Speaker | None, source: str | None, right: bool) -> None:
    assert speaker_right(speaker, source) is right


def test_quotes_eval_strict_reading_matches_no_word_less_source() -> None:
    speaker = Speaker(text="the senator", name="Jo Park")
    assert speaker_right(speaker, "the senator") and not speaker_right(speaker, "the senator", True)
    assert speaker_right(speaker, "Senator Jo Park", strict=True)
    assert not speaker_right(Speaker(text=None), "  ")


def test_quotes_eval_gold_attribution_kinds() -> None:
    said = GoldAttribution(((0, 5),), "it is", "X", "has said")
    believes = GoldAttribution(((0, 5),), "it is", "X", "believes")
    quoted = GoldAttribution(((0, 5),), "“it is”", "X", "believes")
    assert said.speech and not said.direct
    assert not believes.speech
    assert quoted.speech and quoted.direct


def test_quotes_eval_rejects_a_folder_without_gold(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="text/ and attributions/"):
        evaluate_quotes(tmp_path)


def test_quotes_eval_runs_on_polnear(shared_eval: Path) -> None:
    gold = shared_eval / "quotes" / "polnear" / "dev"
    report = evaluate_quotes(gold, limit=3)
    data = report.to_dict()
    assert data["articles"] == 3 and data["errors"] == []
    assert data["systems"]["newsgraph"]["predicted"] > 0
    assert "newsgraph" in report.format()


@pytest.mark.slow
def test_quotes_eval_polnear_dev_floors(shared_eval: Path) -> None:
    figures = evaluate_quotes(shared_eval / "quotes" / "polnear" / "dev").scores["newsgraph"]
    result = figures.figures()
    assert result["speech_end_to_end"] >= 0.80
    assert result["direct_end_to_end"] >= 0.865
    assert result["precision"] >= 0.86
