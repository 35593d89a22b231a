"""Tests of the HTML reader: body, metadata sources, images, authors, refusals."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import NotAnArticleError
from newsgraph.sources.html import read_html
from newsgraph.sources.html_authors import clean_authors
from newsgraph.sources.html_metadata import iso_date, strip_site_suffix
from newsgraph.sources.options import ReadOptions

BODY = "".join(
    f"<p>Paragraph {i} of the report says that the ministers met in Seoul on Sunday and "
    f"agreed to resume regular talks after years of friction between the two countries.</p>"
    for i in range(1, 6)
)


def page(head: str = "", body: str = BODY, before: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article>{before}{body}</article><footer>Copyright 2023 Example</footer></body></html>"
    )


def jsonld(data: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def test_html_jsonld_graph_gives_metadata_with_sources() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://ex.com/#site", "name": "Example News"},
            {"@type": "Person", "@id": "https://ex.com/#jd", "name": "Jane Doe"},
            {
                "@type": "NewsArticle",
                "headline": "Leaders agree to resume talks",
                "datePublished": "2023-05-09T08:00:00+09:00",
                "author": [{"@id": "https://ex.com/#jd"}, {"@type": "Person", "name": "John Roe"}],
                "publisher": {"@type": "Organization", "name": "Example News"},
                "keywords": "Japan, South Korea",
            },
        ],
    }
    article = read_html(page(jsonld(graph)), "test.html", ReadOptions())
    assert article.title == "Leaders agree to resume talks"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.published == "2023-05-09"
    assert article.site == "Example News"
    assert article.tags == ["Japan", "South Korea"]
    assert article.metadata_sources["authors"] == "json-ld"
    assert article.metadata_sources["published"] == "json-ld"
    assert "\n\n" in article.text and article.text.startswith("Paragraph 1")


def test_html_meta_only_page_uses_meta_tags() -> None:
    head = (
        "<title>Leaders agree to resume talks | Example News</title>"
        "<meta property='og:title' content='Leaders agree to resume talks | Example News'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2023-05-09T08:00:00Z'>"
        "<meta name='author' content='By Jane Doe'>"
        "<meta name='description' content='The two neighbours will meet again.'>"
    )
    article = read_html(page(head), "test.html", ReadOptions(url="https://ex.com/a"))
    assert article.title == "Leaders agree to resume talks"
    assert article.authors == ["Jane Doe"]
    assert article.published == "2023-05-09"
    assert article.site == "Example News"
    assert article.standfirst == "The two neighbours will meet again."
    assert article.metadata_sources["title"] == "meta"
    assert article.metadata_sources["authors"] == "meta"


def test_html_no_author_gives_empty_list() -> None:
    head = "<meta property='og:title' content='Leaders agree to resume talks'>"
    article = read_html(page(head), "test.html", ReadOptions())
    assert article.authors == []
    assert "authors" not in article.metadata_sources


def test_html_figure_caption_and_credit() -> None:
    figure = (
        "<figure><img src='/a.jpg' alt='Two leaders shaking hands'>"
        "<figcaption>The leaders met in Seoul. <span class='credit'>Photo: Kim Lee/Reuters</span>"
        "</figcaption></figure>"
    )
    article = read_html(page(before=figure), "test.html", ReadOptions())
    assert len(article.images) == 1
    image = article.images[0]
    assert image.caption == "The leaders met in Seoul."
    assert image.credit == "Kim Lee/Reuters"
    assert image.alt == "Two leaders shaking hands"
    assert image.url == "/a.jpg"


def test_html_caption_credit_from_text_prefix() -> None:
    figure = (
        "<figure><img src='/b.jpg'><figcaption>Crowds in Tokyo (Photo: AFP)</figcaption></figure>"
    )
    article = read_html(page(before=figure), "test.html", ReadOptions())
    assert article.images[0].caption == "Crowds in Tokyo"
    assert article.images[0].credit == "AFP"


def test_html_byline_element_and_headings() -> None:
    before = (
        "<h1>Leaders agree to resume talks</h1><div class='byline'>By Jane Doe and John Roe</div>"
    )
    body = BODY + "<h2>What comes next</h2>" + BODY.replace("Paragraph", "Section")
    article = read_html(page(body=body, before=before), "test.html", ReadOptions())
    assert article.title == "Leaders agree to resume talks"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.metadata_sources["authors"] == "heuristic"
    assert "What comes next" in article.headings
    assert "\n\nWhat comes next\n\n" in article.text


def test_html_truncated_page_is_still_read() -> None:
    html = page()[: len(page()) - 200]
    article = read_html(html, "test.html", ReadOptions())
    assert "Paragraph 1" in article.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Sign in</title></head><body><form><input></form></body></html>",
        "<html><body><nav><a href='/a'>A</a><a href='/b'>B</a></nav></body></html>",
        "   ",
    ],
)
def test_html_without_body_raises_not_an_article(html: str) -> None:
    with pytest.raises(NotAnArticleError) as caught:
        read_html(html, "index.html", ReadOptions())
    assert "index.html" in str(caught.value)


def test_html_site_suffix_removed_only_when_it_names_the_site() -> None:
    keys = {"examplenews", "example"}
    assert strip_site_suffix("Talks resume | Example News", keys) == "Talks resume"
    assert strip_site_suffix("Example News - Talks resume", keys) == "Talks resume"
    assert strip_site_suffix("Japan - Korea talks resume", keys) == "Japan - Korea talks resume"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe and John Roe, Staff Writers"], ["Jane Doe", "John Roe"]),
        (["https://www.facebook.com/janedoe"], []),
        (["Jane Doe, Associated Press"], ["Jane Doe"]),
        (["Associated Press"], ["Associated Press"]),
        (["Lauren Manaker MS, RDN"], ["Lauren Manaker"]),
        (["TMZ Staff"], []),
        (["Nelson C.J."], ["Nelson C.J."]),
    ],
)
def test_html_clean_authors(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw) == expected


def test_html_clean_authors_drops_the_site_itself() -> None:
    assert clean_authors(["Daily News Egypt"], {"dailynewsegypt"}) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-09T23:30:00-04:00", "2023-05-09"),
        ("2023/05/09", "2023-05-09"),
        ("May 9, 2023", "2023-05-09"),
        ("20230509", "2023-05-09"),
        ("not a date", None),
        ("1850-01-01", None),
    ],
)
def test_html_iso_date(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected
