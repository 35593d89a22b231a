"""The page-dump reader on one invented page as every text browser saves it.

``tests/fixtures/pages/harbour-vote.html`` (invented text) is rendered in the test by each
tool that is installed (``lynx -dump`` at 80 and 1000 columns, ``w3m -dump``, ``html2text``,
``links -dump``, ``elinks -dump``; Debian packages) and read back: the body is the article's
paragraphs in full, and the headline, byline, date, editors and image credit are found.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newsgraph.sources import read_article
from newsgraph.sources.options import ReadOptions
from newsgraph.sources.textdump import read_textdump

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from render_dumps import TOOLS, installed, render  # noqa: E402

PAGE = ROOT / "tests" / "fixtures" / "pages" / "harbour-vote.html"
TITLE = "Port city council backs harbour expansion after long debate"
FIRST = "The city council voted on Tuesday to approve a long-delayed expansion of the harbour"
LAST = "before the summer holidays."
LINK_PAGE = "https://ledger.example.org/world/2024/03/12/port-city-council-backs-harbour-expansion/"


@pytest.fixture(scope="module")
def html_article():  # type: ignore[no-untyped-def]
    return read_article(str(PAGE))


@pytest.fixture(scope="module", params=sorted(TOOLS))
def dump(request: pytest.FixtureRequest) -> tuple[str, str]:
    tool = request.param
    if not installed(tool):
        pytest.skip(f"{TOOLS[tool][0]} is not installed")
    return tool, render(tool, PAGE.read_bytes())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_textdump_tools_body_is_every_paragraph(dump: tuple[str, str], html_article) -> None:  # type: ignore[no-untyped-def]
    tool, text = dump
    article = read_textdump(text, f"page.{tool}.txt", ReadOptions())
    assert article.text.startswith(FIRST), tool
    assert article.text.rstrip().endswith(LAST), tool
    # the same words as the HTML reader's body: wrapped lines joined, markers gone
    assert _words(article.text) == _words(html_article.text), tool
    assert "[" not in article.text and "Reporting by" not in article.text


def test_textdump_tools_metadata(dump: tuple[str, str]) -> None:
    tool, text = dump
    article = read_textdump(text, f"page.{tool}.txt", ReadOptions())
    assert article.title == TITLE, tool
    assert article.authors == ["Margaret McAllister", "Pieter van der Berg"], tool
    assert article.published == "2024-03-12", tool
    assert article.editors == ["Alice Whitfield"], tool
    assert "Fishing crews fear for their moorings" in article.headings, tool
    credits = [image.credit for image in article.images]
    assert "Lena Ortiz" in credits, tool
    assert not any("licensing" in (c or "") for c in credits), tool


def test_textdump_tools_url_from_link_list(dump: tuple[str, str]) -> None:
    tool, text = dump
    if tool not in ("lynx", "lynx-80", "elinks"):
        pytest.skip(f"{tool} prints no link list")
    article = read_textdump(text, f"page.{tool}.txt", ReadOptions())
    assert article.url == LINK_PAGE


def test_textdump_tools_teaser_is_no_heading(dump: tuple[str, str]) -> None:
    tool, text = dump
    article = read_textdump(text, f"page.{tool}.txt", ReadOptions())
    teaser = "Ferry operators cut winter crossings as fuel costs climb"
    assert teaser not in article.headings, tool
    assert teaser not in article.text, tool


def test_textdump_tools_offsets_point_into_clean_text(nlp) -> None:  # type: ignore[no-untyped-def]
    if not installed("lynx-80"):
        pytest.skip("lynx is not installed")
    from newsgraph.analyze import analyze

    article = read_textdump(render("lynx-80", PAGE.read_bytes()), "page.txt", ReadOptions())
    analysis = analyze(article)
    spans = [m for actor in analysis.actors for m in actor.mentions]
    assert analysis.quotes
    for span in spans:
        assert article.text[span.start : span.end] == span.text
    for quote in analysis.quotes:
        assert article.text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize("width", [50, 60, 132, 200])
def test_textdump_tools_lynx_at_any_width(width: int, html_article) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    if shutil.which("lynx") is None:
        pytest.skip("lynx is not installed")
    command = ["lynx", "-dump", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8"]
    done = subprocess.run(
        [*command, f"-width={width}", str(PAGE)], capture_output=True, check=True, timeout=60
    )
    article = read_textdump(done.stdout.decode("utf-8"), "page.txt", ReadOptions())
    assert _words(article.text) == _words(html_article.text), width
    assert article.title == TITLE
