"""Tests of the extraction scorer on tiny hand-made gold sets, plus a small real sample."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.errors import InputError, NotAnArticleError
from newsgraph.evaluation.extraction import (
    author_set,
    detect_gold_format,
    evaluate_dumps,
    evaluate_extraction,
    shingle_counts,
)
from newsgraph.model import Article, Image
from newsgraph.sources import ReadOptions

SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval" / "extraction"


def fake_reader(outputs: dict[str, Article | None]):  # type: ignore[no-untyped-def]
    def read(path: str, options: ReadOptions) -> Article:
        name = Path(path).name.split(".")[0]
        article = outputs[name]
        if article is None:
            raise NotAnArticleError("no article body", path)
        return article

    return read


def write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode()))


def test_extraction_shingle_counts_by_hand() -> None:
    # gold shingles: (a b c d), (b c d e); predicted: (a b c d), (b c d x)
    assert shingle_counts("a b c d e", "a b c d x") == (1, 1, 1)
    assert shingle_counts("", "") == (0, 0, 0)


def test_extraction_aeb_scores_by_hand(tmp_path: Path) -> None:
    gold = {
        "p1": {"articleBody": "a b c d e", "url": "u1"},
        "p2": {"articleBody": "f g h i", "url": "u2"},
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold))
    for key in gold:
        write_gz(tmp_path / "html" / f"{key}.html.gz", "<html></html>")
    reader = fake_reader({"p1": Article(text="a b c d x"), "p2": None})
    report = evaluate_extraction(tmp_path, reader=reader)
    assert report.gold_format == "scrapinghub-aeb"
    # p1: P = 1/2, R = 1/2; p2 refused: no precision, R = 0 -> P = 0.5, R = 0.25
    assert report.score("html_precision") == pytest.approx(0.5)
    assert report.score("html_recall") == pytest.approx(0.25)
    assert report.score("html_f1") == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert report.errors == [("html/p2", "no article body")]
    assert "html_f1" in report.format()


def test_extraction_naeb_scores_by_hand(tmp_path: Path) -> None:
    gold = {
        "a": {
            "title": "Talks  Resume",
            "authors": "Jane Doe and John Roe",
            "date": "2023-05-09",
            "articleBody": "x",
            "url": "ua",
        },
        "b": {"title": "Other", "authors": "", "date": "---", "articleBody": "y", "url": "ub"},
        "missing": {"title": "Gone", "authors": "", "date": "2023-01-01", "articleBody": "z"},
    }
    (tmp_path / "articles.json").write_text(json.dumps(gold))
    for key in ("a", "b"):
        write_gz(tmp_path / "html" / f"{key}.html.gz", "<html></html>")
    reader = fake_reader(
        {
            "a": Article(
                text="x",
                title="talks resume",
                authors=["John Roe", "Jane Doe"],
                published="2023-05-09",
            ),
            "b": Article(text="y", title="Another", authors=["Someone"]),
        }
    )
    report = evaluate_extraction(tmp_path, reader=reader)
    assert report.gold_format == "naeb"
    assert report.pages == 2
    assert report.score("title_exact") == 0.5
    assert report.score("date_exact") == 1.0  # only "a" has a real gold date
    assert report.score("author_exact") == 0.5
    assert report.score("invented_authors") == 1.0
    assert report.to_dict()["scores"]["invented_authors"]["total"] == 1


def test_extraction_fundus_recalls_by_hand(tmp_path: Path) -> None:
    manifest = [
        {
            "country": "us",
            "publisher": "Pub",
            "parser_version": "V1",
            "html": "us/Pub_2024.html.gz",
            "url": "https://pub/a",
        }
    ]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    expected = {
        "V1": {
            "title": "T",
            "body": {
                "summary": ["A short  summary."],
                "sections": [
                    {"headline": [], "paragraphs": ["p"]},
                    {"headline": ["Next steps"], "paragraphs": ["q"]},
                    {"headline": ["Missing heading"], "paragraphs": ["r"]},
                ],
            },
            "images": [
                {"caption": "Leaders meet", "authors": ["AP", "Jo Roe"]},
                {"caption": "Not there", "authors": []},
            ],
        }
    }
    (tmp_path / "us").mkdir()
    (tmp_path / "us" / "Pub.json").write_text(json.dumps(expected))
    write_gz(tmp_path / "us" / "Pub_2024.html.gz", "<html></html>")
    got = Article(
        text="p",
        title="T",
        standfirst="Intro: A short summary. More.",
        headings=["Next steps"],
        images=[Image(caption="The leaders meet here", credit="AP Photo")],
    )
    report = evaluate_extraction(tmp_path, reader=lambda path, options: got)
    assert report.score("standfirst_recall") == 1.0
    assert report.score("subheading_recall") == 0.5
    assert report.score("caption_recall") == 0.0  # "Leaders meet" is not a substring (case)
    assert report.score("credit_recall") == 0.5


def test_extraction_unknown_dir_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        detect_gold_format(tmp_path)


def test_extraction_author_set_splits_and_normalises() -> None:
    assert author_set(["Jane Doe & JOHN ROE, Ann Poe"]) == {"jane doe", "john roe", "ann poe"}


@pytest.mark.slow
def test_extraction_real_naeb_sample_reads_pages() -> None:
    gold_dir = SHARED / "naeb-dev"
    if not gold_dir.is_dir():
        pytest.skip("../shared/eval/extraction/naeb-dev is absent")
    report = evaluate_extraction(gold_dir, limit=20)
    assert report.pages == 40  # the HTML pages and their lynx-dump-80 renderings
    assert report.score("title_exact") >= 0.7
    assert report.score("body_f1") >= 0.8
    assert report.score("lynx_title_exact") >= 0.7
    assert report.score("lynx_body_f1") >= 0.8


def test_extraction_naeb_dumps_scored_with_prefix(tmp_path: Path) -> None:
    gold = {
        "a": {
            "title": "Talks",
            "authors": "Jo Roe",
            "date": "2023-05-09",
            "articleBody": "x y z w",
        },
        "b": {"title": "Other", "authors": "", "date": "2023-05-10", "articleBody": "p q r s"},
    }
    (tmp_path / "articles.json").write_text(json.dumps(gold))
    for key in gold:
        write_gz(tmp_path / "lynx-dump-80" / f"{key}.txt.gz", "text")
    reader = fake_reader(
        {
            "a": Article(text="x y z w", title="Talks", authors=["Jo Roe"], published="2023-05-09"),
            "b": Article(text="p q r s", title="Else", authors=["Ann Poe"]),
        }
    )
    report = evaluate_extraction(tmp_path, reader=reader)
    assert report.gold_format == "naeb"
    assert report.score("lynx_title_exact") == 0.5
    assert report.score("lynx_date_exact") == 0.5
    assert report.score("lynx_invented_authors") == 1.0
    assert report.score("lynx_body_f1") == pytest.approx(1.0)
    with pytest.raises(KeyError):
        report.score("title_exact")  # no html/ folder, no HTML figures


def test_extraction_dumps_of_another_tool(tmp_path: Path) -> None:
    gold = {"p1": {"articleBody": "a b c d e", "url": "u1"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold))
    dumps = tmp_path / "w3m"
    write_gz(dumps / "p1.txt.gz", "text")
    report = evaluate_dumps(tmp_path, dumps, reader=fake_reader({"p1": Article(text="a b c d x")}))
    assert report.score("dump_f1") == pytest.approx(0.5)
