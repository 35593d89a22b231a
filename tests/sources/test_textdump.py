"""Tests of the plain-text page-dump reader (newsgraph.sources.textdump)."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.errors import NotAnArticleError
from newsgraph.sources import read_article
from newsgraph.sources.options import ReadOptions
from newsgraph.sources.textdump import read_textdump
from newsgraph.sources.textdump_lines import drop_references, strip_markers
from newsgraph.sources.textdump_meta import find_date, parse_byline, split_credit, unproxy

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "dw-japan-south-korea.txt"
GOLD = ROOT / "tests" / "fixtures" / "dw-japan-south-korea.expected.json"
AEB = ROOT.parent / "shared" / "eval" / "extraction" / "scrapinghub-aeb"

FIELDS = ["site", "url", "title", "authors", "dateline", "published", "tags", "standfirst",
          "editors", "headings"]  # fmt: skip


@pytest.fixture(scope="module")
def example() -> tuple[dict[str, object], dict[str, object]]:
    article = read_article(str(EXAMPLE)).to_dict()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["metadata"]
    return article, gold


@pytest.mark.parametrize("name", FIELDS)
def test_textdump_founding_example_metadata(example: tuple[dict, dict], name: str) -> None:
    article, gold = example
    assert article[name] == gold[name]
    assert article["metadata_sources"][name] == "textdump"


def test_textdump_founding_example_images(example: tuple[dict, dict]) -> None:
    article, gold = example
    images = [{k: i[k] for k in ("alt", "caption", "credit")} for i in article["images"]]
    assert images == gold["images"]


def test_textdump_founding_example_body(example: tuple[dict, dict]) -> None:
    article, gold = example
    text = article["text"]
    assert text.startswith(gold["body_first_words"])
    assert text.endswith(gold["body_last_words"])
    for line in gold["not_body"]:
        assert line not in text
    assert gold["standfirst"] not in text
    for image in gold["images"]:
        assert image["credit"] not in text
    for heading in gold["headings"]:
        assert f"\n\n{heading}\n\n" in text


CLEAN = (
    "Officials met on Monday to discuss the new trade agreement, which both sides said "
    "would lower tariffs on farm goods over the next five years.\n\n"
    "\u201cThis is a good day for our farmers,\u201d the minister told reporters after the talks, "
    "adding that the deal still needed the approval of parliament.\n\n"
    "Critics said the agreement did too little for small producers and warned that prices "
    "could rise in the short term if imports fell faster than expected."
)


def test_textdump_clean_text_passes_through_unchanged() -> None:
    article = read_textdump(CLEAN, "clean.txt", ReadOptions())
    assert article.text == CLEAN
    assert article.authors == []
    assert article.title is None


def test_textdump_clean_text_with_title_line_unchanged() -> None:
    text = "Trade deal agreed after long talks\n\n" + CLEAN + "\n"
    assert read_textdump(text, "clean.txt", ReadOptions()).text == text.strip()


PARAGRAPHS = [
    "The central bank raised its main interest rate by a quarter of a percentage point on "
    "Thursday, the third increase this year, as inflation stayed well above its target.",
    "Policymakers said in a statement that price growth had slowed in recent months but "
    "remained too high, and that further increases could not be ruled out.",
    "Economists had expected the move, though several said the bank was now close to the "
    "end of its tightening cycle as growth weakens across the region.",
    "The decision was backed by seven of the nine members of the rate-setting committee, "
    "with two voting to keep the rate unchanged, according to the minutes.",
    "Markets reacted calmly, with the currency little changed against the dollar and bond "
    "yields edging slightly lower in afternoon trading.",
]


def _lynx_page() -> str:
    nav = "\n".join(
        f"     * [{n}]{w}"
        for n, w in enumerate(
            ["Home", "World", "Business", "Markets", "Sport", "Opinion", "Video"], start=1
        )
    )
    body = "\n\n".join(
        f"   {p[:60]}[{20 + i}]{p[60:]}" if i == 1 else f"   {p}" for i, p in enumerate(PARAGRAPHS)
    )
    teasers = "\n".join(f"     * [{n}]Other story number {n} in the list" for n in range(30, 36))
    refs = "\n".join(f"  {n}. https://news.example.org/item/{n}" for n in range(1, 36))
    return (
        f"   #[40]Example News » Feed\n\n   [8]Skip to content\n{nav}\n\n"
        "Central bank lifts rates again as inflation lingers\n\n"
        "   By Jane Doe and John Smith\n   March 3, 2024\n\n"
        f"{body}\n\nRelated stories\n\n{teasers}\n\n"
        "   © 2024 Example News. All rights reserved.\n\nReferences\n\n"
        f"   Visible links\n{refs}\n"
    )


def test_textdump_lynx_dump_body_and_metadata() -> None:
    article = read_textdump(_lynx_page(), "page.txt", ReadOptions())
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.title == "Central bank lifts rates again as inflation lingers"
    assert article.authors == ["Jane Doe", "John Smith"]
    assert article.published == "2024-03-03"
    assert "https://" not in article.text
    assert "Other story" not in article.text


def test_textdump_proxied_short_link() -> None:
    assert (
        unproxy("https://s.gtool.pro:443/https/p.example.com/p/4R5iJ")
        == "https://p.example.com/p/4R5iJ"
    )
    assert unproxy("https://example.com/a/b") == "https://example.com/a/b"
    page = (
        "World\n\nLeaders meet to discuss the future of the region\n\nAnna Berg in Oslo\n"
        "June 2, 2022\n\nhttps://proxy.example.net:443/https/short.example.com/x1\n\n"
        + "\n\n".join(PARAGRAPHS)
    )
    article = read_textdump(page, "page.txt", ReadOptions())
    assert article.url == "https://short.example.com/x1"
    assert article.authors == ["Anna Berg"]
    assert article.dateline == "Oslo"
    assert article.published == "2022-06-02"
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_textdump_helpers() -> None:
    assert strip_markers("   [12]Tech [13]Cars [INS: :INS]") == "Tech Cars"
    text, links = drop_references(
        "body\n\nReferences\n\n   1. https://a.example/\n   2. https://b.example/\n"
    )
    assert text.strip() == "body" and links == {1: "https://a.example/", 2: "https://b.example/"}
    assert find_date("Published 9 May 2023, 10:31") == ("2023-05-09", (10, 20))
    credit = split_credit("A crowd outside the court in 2019Photo: Jane Roe via AFP")
    assert credit is not None and credit.credit == "Jane Roe via AFP"
    assert split_credit("He said it was a good photo of the team.") is None
    byline = parse_byline("By Maria Lopez in Madrid")
    assert byline is not None and byline.authors == ["Maria Lopez"] and byline.dateline == "Madrid"
    assert parse_byline("Skip to main content") is None


@pytest.mark.parametrize("text", ["", "   \n\n  ", "   * [1]Home\n   * [2]News\n   * [3]Login\n"])
def test_textdump_no_body_raises(text: str) -> None:
    with pytest.raises(NotAnArticleError):
        read_textdump(text, "empty.txt", ReadOptions())


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


@pytest.mark.skipif(not AEB.exists(), reason="../shared/eval is not present")
def test_textdump_aeb_lynx_sample() -> None:
    gold = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[::9]  # a sample of 21 pages keeps the test fast
    precisions, recalls = [], []
    for key in keys:
        text = gzip.decompress((AEB / "lynx-dump" / f"{key}.txt.gz").read_bytes()).decode()
        try:
            predicted = read_textdump(text, key, ReadOptions()).text
        except NotAnArticleError:
            predicted = ""
        pred, true = _shingles(predicted), _shingles(gold[key]["articleBody"])
        tp = sum((pred & true).values())
        if pred:
            precisions.append(tp / sum(pred.values()))
        recalls.append(tp / max(1, sum(true.values())))
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    assert 2 * precision * recall / (precision + recall) >= 0.8
