"""Tests of the HTML reader: body, metadata sources, images, authors, refusals."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import NotAnArticleError
from newsgraph.sources.html import read_html
from newsgraph.sources.html_authors import clean_authors
from newsgraph.sources.html_dates import text_date
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


# --- dates: the date as the page shows it -----------------------------------------------------


def test_html_date_printed_under_headline_wins_over_utc_timestamp_a_day_away() -> None:
    head = "<meta property='article:published_time' content='2023-12-20T01:00:21Z'>"
    before = (
        "<h1>Leaders agree to resume talks</h1>"
        "<div class='timestamp'>Published 8:00 PM EST, Tue December 19, 2023</div>"
    )
    article = read_html(page(head, before=before), "test.html", ReadOptions())
    assert article.published == "2023-12-19"
    assert article.metadata_sources["published"] == "heuristic"


def test_html_date_offset_timestamp_keeps_its_local_day() -> None:
    head = "<meta property='article:published_time' content='2023-12-21T23:30:00-05:00'>"
    article = read_html(page(head), "test.html", ReadOptions())
    assert article.published == "2023-12-21"


def test_html_date_page_showing_only_its_update_date_gives_that_date() -> None:
    data = {
        "@type": "NewsArticle",
        "datePublished": "2022-10-24T19:16:43-04:00",
        "dateModified": "2023-12-14T13:36:44-05:00",
    }
    before = "<h1>Talks</h1><div class='article-date'>Updated on December 14, 2023</div>"
    article = read_html(page(jsonld(data), before=before), "test.html", ReadOptions())
    assert article.published == "2023-12-14"


def test_html_date_published_label_preferred_over_updated_label() -> None:
    head = "<meta property='article:published_time' content='2023-12-22T17:16:03Z'>"
    before = (
        "<h1>Talks</h1><div class='publication-time'>"
        "<time class='mod-time'>Updated Dec. 23, 2023 4:04AM EST</time> / "
        "<time class='pub-time'>Published Dec. 22, 2023 12:16PM EST</time></div>"
    )
    article = read_html(page(head, before=before), "test.html", ReadOptions())
    assert article.published == "2023-12-22"


def test_html_date_far_from_machine_date_is_ignored_and_url_date_used_last() -> None:
    head = "<meta property='article:published_time' content='2023-05-09T08:00:00Z'>"
    before = "<h1>Talks</h1><span class='date'>January 2, 2020</span>"
    article = read_html(page(head, before=before), "test.html", ReadOptions())
    assert article.published == "2023-05-09"
    plain = read_html(page(), "test.html", ReadOptions(url="https://ex.com/2023/12/21/talks/"))
    assert plain.published == "2023-12-21"
    assert plain.metadata_sources["published"] == "url"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec. 21, 2023 11:00 pm EST", "2023-12-21"),
        ("Published 6 February 2024", "2024-02-06"),
        ("12/22/2023 05:00 AM EST", "2023-12-22"),
        ("Aktualisiert am 3. März 2024", "2024-03-03"),
        ("15 hours ago", None),
    ],
)
def test_html_text_date(text: str, expected: str | None) -> None:
    assert text_date(text) == expected


# --- image credits --------------------------------------------------------------------------------


CREDIT_CASES = [
    ("Harris speaks in Detroit. (AP Photo/Jane Doe)", "Harris speaks in Detroit.",
     "AP Photo/Jane Doe"),
    ("Documents were released. (AP)", "Documents were released.", "AP"),
    ("Connolly may win. | Niall Carson/PA via Getty Images", "Connolly may win.",
     "Niall Carson/PA via Getty Images"),
    ("Die Kandidatin setzt auf Tiktok. Getty Images", "Die Kandidatin setzt auf Tiktok.",
     "Getty Images"),
    ("Das Fest zog Tausende an. Bild: Andreas Seidel/Archiv", "Das Fest zog Tausende an.",
     "Andreas Seidel/Archiv"),
    ("Fotoğraf : Didem Mente/AA", None, "Didem Mente/AA"),
    ("Joe Biden (left) met reporters.", "Joe Biden (left) met reporters.", None),
]  # fmt: skip


@pytest.mark.parametrize(("caption", "expected_caption", "credit"), CREDIT_CASES)
def test_html_caption_credit_split_without_markup(
    caption: str, expected_caption: str | None, credit: str | None
) -> None:
    figure = f"<figure><img src='/c.jpg'><figcaption>{caption}</figcaption></figure>"
    image = read_html(page(before=figure), "test.html", ReadOptions()).images[0]
    assert (image.caption, image.credit) == (expected_caption, credit)


def test_html_credit_in_last_span_of_caption_and_caption_outside_figure() -> None:
    figure = (
        "<figure><img src='/d.jpg'></figure><figcaption class='media-caption'>"
        "<span>Die Kommission prüft den Einfluss von Tiktok.</span><span>Jane Doe/dpa</span>"
        "</figcaption>"
    )
    image = read_html(page(before=figure), "test.html", ReadOptions()).images[0]
    assert image.caption == "Die Kommission prüft den Einfluss von Tiktok."
    assert image.credit == "Jane Doe/dpa"


def test_html_credit_from_data_attribute_and_credits_class() -> None:
    before = (
        "<div><img src='/e.jpg' data-caption='Imam beim Gebet' data-source='Rolf Zoellner/imago'>"
        "</div><section><img src='/f.jpg'><p class='teaser-image__credits'>Tomer Appelbaum/Haaretz"
        "</p></section>"
    )
    images = read_html(page(before=before), "test.html", ReadOptions()).images
    assert ("Imam beim Gebet", "Rolf Zoellner/imago") in [(i.caption, i.credit) for i in images]
    assert "Tomer Appelbaum/Haaretz" in [i.credit for i in images]


# --- standfirst -----------------------------------------------------------------------------------


def test_html_standfirst_h2_dek_under_headline() -> None:
    before = (
        "<h1>Strong tornadoes possible in central states</h1>"
        "<h2 class='subheadline'>Strong tornadoes are possible both Friday and Saturday</h2>"
    )
    head = "<meta name='description' content='Cities that could be affected include Dallas.'>"
    article = read_html(page(head, before=before), "test.html", ReadOptions())
    assert article.standfirst == "Strong tornadoes are possible both Friday and Saturday"


def _page_with_header(header: str, body: str = BODY) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'></head><body>"
        f"<nav><a href='/'>Home</a></nav>{header}<article>{body}</article>"
        "<footer>Copyright 2023 Example</footer></body></html>"
    )


LEAD = "Twelve fishing boats were seized off the coast of Arlen on Monday by the navy."
HEADER = f"<div class='article-header'><h1>Boats seized</h1><p class='standfirst'>{LEAD}</p></div>"


def test_html_standfirst_printed_above_the_body_is_its_first_paragraph() -> None:
    article = read_html(_page_with_header(HEADER), "test.html", ReadOptions())
    assert article.standfirst == LEAD
    assert article.text.startswith(LEAD + "\n\n")


def test_html_standfirst_already_in_the_body_is_not_repeated() -> None:
    body = f"<p>ARLEN: {LEAD}</p>" + BODY
    article = read_html(_page_with_header(HEADER, body), "test.html", ReadOptions())
    assert article.standfirst == LEAD
    assert article.text.count("Twelve fishing boats were seized") == 1


def test_html_standfirst_from_meta_only_is_not_put_in_the_body() -> None:
    head = "<meta name='description' content='Cities that could be affected include Dallas.'>"
    article = read_html(page(head, before="<h1>Storms</h1>"), "test.html", ReadOptions())
    assert article.metadata_sources.get("standfirst") != "heuristic"
    assert "Cities that could be affected" not in article.text


def test_html_standfirst_lead_paragraph_matching_description_after_dateline() -> None:
    body = (
        "<p>BEIRUT, March 7 (Reuters) - An Israeli tank crew fired two shells, a probe found.</p>"
    )
    head = (
        "<meta name='description' content='An Israeli tank crew fired two shells, a probe found.'>"
    )
    article = read_html(page(head, body=body + BODY), "test.html", ReadOptions())
    assert article.standfirst == (
        "BEIRUT, March 7 (Reuters) - An Israeli tank crew fired two shells, a probe found."
    )


def test_html_standfirst_bold_first_paragraph() -> None:
    lead = "<p><strong>The society of general practitioners celebrated its 30th year.</strong></p>"
    article = read_html(
        page(before="<h1>Thirty years</h1>", body=lead + BODY), "t.html", ReadOptions()
    )
    assert article.standfirst == "The society of general practitioners celebrated its 30th year."


def test_html_standfirst_joins_same_class_lines_and_ignores_far_teasers() -> None:
    before = (
        "<h1>Fire in the hills</h1><h2 class='subtitle'>Twelve people have died in the fire.</h2>"
        "<h2 class='subtitle'>Twenty-three people are still missing.</h2>"
    )
    after = "<div class='teaser-text'>Another story about a different fire elsewhere.</div>"
    article = read_html(page(before=before, body=BODY + after), "test.html", ReadOptions())
    assert article.standfirst == (
        "Twelve people have died in the fire. Twenty-three people are still missing."
    )


# --- pages that are no article --------------------------------------------------------------------


def test_html_index_page_of_links_is_not_an_article() -> None:
    links = "".join(f"<li><a href='/w/{n}'>World story number {n}</a></li>" for n in range(30))
    html = f"<html><head><title>World</title></head><body><ul>{links}</ul></body></html>"
    with pytest.raises(NotAnArticleError) as caught:
        read_html(html, "index.html", ReadOptions())
    assert str(caught.value).startswith("index.html: no article body")
    assert "\n" not in str(caught.value)


def test_html_undeclared_page_with_prose_is_an_article() -> None:
    html = f"<html><body><div>{BODY}</div></body></html>"
    assert read_html(html, "plain.html", ReadOptions()).text.startswith("Paragraph 1")
