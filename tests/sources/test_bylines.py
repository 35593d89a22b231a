"""Tests of bylines shared by the readers (newsgraph.sources.bylines) and the dump byline cues."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.sources import read_article
from newsgraph.sources.bylines import (
    normalise_case,
    read_credit_line,
    strip_licensing,
    take_credit_lines,
)
from newsgraph.sources.textdump_meta import find_date, parse_byline

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "harbour-vote.html"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("MARGARET McALLISTER", "Margaret McAllister"),
        ("PIETER VAN DER BERG", "Pieter van der Berg"),
        ("SEAN O'NEILL", "Sean O'Neill"),
        ("TATE RYAN-MOSLEY", "Tate Ryan-Mosley"),
        ("ANNA MCDONALD", "Anna McDonald"),
        ("Jane Doe", "Jane Doe"),
        ("Ana de la Cruz", "Ana de la Cruz"),
        ("AP", "AP"),
        ("BBC News", "BBC News"),
    ],
)
def test_bylines_normalise_case(raw: str, name: str) -> None:
    assert normalise_case(raw) == name


def test_bylines_credit_line_authors_editors_contributors() -> None:
    credits = read_credit_line(
        "Reporting by Jo Roe in Lisbon and Ann Poe; Additional reporting by Tim Low; "
        "Writing by Kim Day; Editing by Lee Fox"
    )
    assert credits is not None
    assert credits.authors == ["Jo Roe", "Ann Poe", "Kim Day"]
    assert credits.contributors == ["Tim Low"]
    assert credits.editors == ["Lee Fox"]


@pytest.mark.parametrize(
    "text",
    [
        "Reporting by the newsroom staff",
        "The report was written by the committee.",
        "Editing is done by hand at the paper.",
    ],
)
def test_bylines_not_a_credit_line(text: str) -> None:
    assert read_credit_line(text) is None


def test_bylines_take_credit_lines_out_of_body() -> None:
    kept, credits = take_credit_lines(["Talks resumed.", "Writing by Kim Day; Editing by Lee Fox"])
    assert kept == ["Talks resumed."]
    assert credits is not None and credits.authors == ["Kim Day"]


def test_bylines_strip_licensing() -> None:
    assert strip_licensing("Lena Ortiz Purchase licensing rights") == "Lena Ortiz"
    assert strip_licensing("Reuters | Buy this photo") == "Reuters"


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        (
            "By MARGARET McALLISTER and PIETER VAN DER BERG",
            ["Margaret McAllister", "Pieter van der Berg"],
        ),
        ("By [26]Jo Roe, Contributing Opinion Writer", ["Jo Roe"]),
        ("By [25]Kim Day, Contributor, Harbour Weekly", ["Kim Day"]),
        ("[29]Kim Day By [30]Kim Day", ["Kim Day"]),
        ("[11]Ann Poe   Coastal Ledger", ["Ann Poe"]),
        ("[206]Tim Low, Money Reporter 22 December 2023 • 3:55pm", ["Tim Low"]),
        ("Lee FoxShowbiz Reporter", ["Lee Fox"]),
        ("ByRita Moss", ["Rita Moss"]),
        ("By Jo Roe MS, RDN", ["Jo Roe"]),
        ("By Nelson C.J.", ["Nelson C.J."]),
    ],
)
def test_bylines_parse_dump_byline(line: str, authors: list[str]) -> None:
    byline = parse_byline(line)
    assert byline is not None and byline.authors == authors


@pytest.mark.parametrize(
    "line", ["WORLD NEWS TODAY", "Share this article", "Updated 3 hours ago", "By the numbers"]
)
def test_bylines_no_byline(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("By Jo Roe • 05/26/22 4:20pm", "2022-05-26"),
        ("December 22, 20233:00 AM ET", "2023-12-22"),
        ("By Desirée ODec. 18, 2023 9:00 am EST", "2023-12-18"),
        ("18/12/2023", "2023-12-18"),
        ("Dec. 22, 2023, 5:24 AM UTC", "2023-12-22"),
    ],
)
def test_bylines_dates_in_dumps(text: str, date: str) -> None:
    found = find_date(text)
    assert found is not None and found[0] == date


def test_bylines_html_page() -> None:
    article = read_article(str(PAGE))
    assert article.authors == ["Margaret McAllister", "Pieter van der Berg"]
    assert article.editors == ["Alice Whitfield"]
    assert article.text.startswith("The city council voted on Tuesday")  # no headline, no date
    assert "Reporting by" not in article.text
    credits = [image.credit for image in article.images]
    captions = [image.caption for image in article.images]
    assert credits == ["Lena Ortiz"]  # not "… Purchase licensing rights"
    assert not any("Ferry operators" in (c or "") for c in captions)  # a teaser, not a caption


ARTICLE = "".join(
    f"<p>The council met for the {n}th time this year to discuss the harbour plan, and the "
    "members agreed to publish the minutes of every session on the city website.</p>"
    for n in range(4, 10)
)


def _page(header: str, extra_head: str = "") -> str:
    return (
        f"<html><head><title>Harbour plan</title>{extra_head}</head><body><article>"
        f"<h1>Harbour plan goes to a vote</h1>{header}{ARTICLE}</article></body></html>"
    )


def test_bylines_photo_credit_by_line_is_no_author(tmp_path: Path) -> None:
    page = tmp_path / "photo.html"
    credit = '<span>By <a href="/staff/x">Rosa Lind</a></span>'
    page.write_text(_page(f'<div><div><img src="a.jpg">{credit}</div></div>'))
    assert read_article(str(page)).authors == []


def test_bylines_agency_declined_by_jsonld(tmp_path: Path) -> None:
    jsonld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Harbour plan goes to a vote", '
        '"author": {"@type": "Thing", "name": "AFP"}}</script>'
    )
    page = tmp_path / "agency.html"
    page.write_text(_page('<div class="byline">AFP / Updated: Dec 22, 2023</div>', jsonld))
    assert read_article(str(page)).authors == []


def test_bylines_byline_element_kept(tmp_path: Path) -> None:
    page = tmp_path / "byline.html"
    page.write_text(_page('<div class="byline">By <a href="/author/rosa-lind">ROSA LIND</a></div>'))
    assert read_article(str(page)).authors == ["Rosa Lind"]


def test_bylines_subject_of_headline_is_no_author() -> None:
    from newsgraph.sources.options import ReadOptions
    from newsgraph.sources.textdump import read_textdump

    body = "\n\n".join(
        f"   Rosa Lind and Tom Berg met for the {n}th time this year to talk about the plan for "
        "the harbour, and both said the talks had gone well."
        for n in range(4, 12)
    )
    dump = (
        "     * [1]Home\n     * [2]People\n\nRosa Lind and Tom Berg\n\n   Rosa Lind\n\n"
        f"   March 3, 2024\n\n{body}\n"
    )
    article = read_textdump(dump, "couple.txt", ReadOptions())
    assert article.authors == []
