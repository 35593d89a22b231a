"""The pages in a real browser (Playwright driving /usr/bin/chromium), as a person checks them.

Screenshots go to ``test-artifacts/web/`` (git-ignored), at 1280 and 390 pixels wide.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)


def open_page(page: Any, url: str) -> Any:
    """Go to ``url``, fail on any request leaving the server, and wait for the network."""
    base = url.split("/", 3)[:3]
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if request.url.split("/", 3)[:3] != base and not request.url.startswith("data:")
            else None
        ),
    )
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response is not None and response.status == 200, url
    assert not outside, f"requests outside the server: {outside}"
    return response


def wait_js(page: Any, expression: str, seconds: float = 10) -> None:
    """Wait until ``expression`` is true in the page (polled from here: the pages' CSP forbids
    the eval that ``page.wait_for_function`` uses)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)


def fits(page: Any, width: int) -> None:
    """Nothing is wider than the window (no sideways scrolling)."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"page is {scroll}px wide in a {width}px window"


def test_web_browser_home_shows_figures_and_latest(
    page: Any, live_server: str, screenshot: Any
) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        open_page(page, live_server + "/")
        figures = page.locator(".figures").inner_text()
        assert "5 articles" in figures
        assert page.get_by_role("link", name="Common threats bring Japan").count() == 1
        assert page.locator("#home-q").is_visible()
        fits(page, width)
        screenshot(page, f"home-{width}")
    assert not page.errors


def test_web_browser_article_highlights_quotes_and_speakers(
    page: Any,
    live_server: str,
    web_corpus: dict[str, Any],
    example_expected: dict[str, Any],
    screenshot: Any,
) -> None:
    open_page(page, f"{live_server}/articles/{web_corpus['founding']}")
    quotes = page.locator("#article-text .quote")
    assert quotes.count() >= 21
    speakers = set(page.locator(".speaker").evaluate_all("els => els.map(e => e.dataset.speaker)"))
    gold = {q["speaker"] for q in example_expected["quotes"]}
    assert gold <= speakers, gold - speakers
    colours = set(quotes.evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)"))
    assert len(colours) >= len(gold)  # one colour per speaker

    nagy = page.locator('#article-text .quote[data-speaker="Stephen Nagy"]').first
    nagy.click()
    assert page.locator("#fact-status").inner_text() == "Quote by Stephen Nagy"
    assert page.locator("#article-text .t.hl").count() > 0
    assert page.locator('.speaker.hl-speaker[data-speaker="Stephen Nagy"]').count() == 1
    marked = page.locator("#article-text .t.hl-speaker").all_inner_texts()
    assert "Nagy" in "".join(marked)
    screenshot(page, "article-quote-1280", full_page=False)

    # An event in the side panel scrolls to and highlights its sentence and trigger.
    page.locator('.fact-btn[data-kind="event"]').first.click()
    assert page.locator("#article-text .t.hl").count() > 0
    assert page.locator("#article-text .t.hl-trigger").count() > 0
    assert page.locator("#article-text .t.hl").first.is_visible()

    # Keyboard: facts are focusable, Enter activates them.
    page.locator("#article-text .quote").nth(2).focus()
    page.keyboard.press("Enter")
    assert page.locator("#article-text .quote.active").count() == 1
    page.locator('.fact-btn[data-kind="actor"][data-actor="KOR"]').focus()
    page.keyboard.press(" ")
    assert page.locator("#article-text .t.hl-actor").count() >= 20
    assert not page.errors

    page.set_viewport_size({"width": 390, "height": 900})
    open_page(page, f"{live_server}/articles/{web_corpus['founding']}")
    fits(page, 390)
    screenshot(page, "article-390", full_page=False)


def test_web_browser_dyad_chart_has_points(page: Any, live_server: str, screenshot: Any) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        open_page(page, live_server + "/dyad/JPN/KOR")
        wait_js(page, "window.dyadView !== undefined")
        assert page.evaluate("window.dyadView.data('counts').length") >= 3
        assert page.evaluate("window.dyadView.data('intensity').length") >= 3
        assert page.locator("#chart svg .mark-rect path").count() >= 3
        assert page.locator("#chart svg .mark-symbol path").count() >= 3
        assert page.locator(".event").count() >= 3
        fits(page, width)
        screenshot(page, f"dyad-{width}", full_page=width == 1280)
    assert not page.errors


def test_web_browser_network_shows_nodes_and_edges(
    page: Any, live_server: str, screenshot: Any
) -> None:
    open_page(page, live_server + "/network")
    wait_js(page, "window.cy !== undefined")
    nodes, edges = page.evaluate("[cy.nodes().length, cy.edges().length]")
    assert nodes > 0 and edges > 0
    assert page.evaluate("cy.getElementById('JPN').length") == 1
    screenshot(page, "network-1280")
    page.select_option("select[name=type]", "SANCTION")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state("networkidle")
    wait_js(page, "window.cy !== undefined")
    assert "type=SANCTION" in page.url
    assert 0 < page.evaluate("cy.edges().length") < edges
    page.set_viewport_size({"width": 390, "height": 900})
    open_page(page, live_server + "/network")
    fits(page, 390)
    screenshot(page, "network-390", full_page=False)
    assert not page.errors


def test_web_browser_actor_page(page: Any, live_server: str, screenshot: Any) -> None:
    open_page(page, live_server + "/actors/person:stephen-nagy")
    assert page.locator("h1").inner_text() == "Stephen Nagy"
    assert "professor" in page.locator(".roles-list").inner_text()
    assert page.locator(".quote-row").count() >= 5
    screenshot(page, "actor-1280")
    open_page(page, live_server + "/actors/KOR")
    assert page.locator(".event").count() >= 3
    page.set_viewport_size({"width": 390, "height": 900})
    open_page(page, live_server + "/actors/KOR")
    fits(page, 390)
    screenshot(page, "actor-390", full_page=False)
    assert not page.errors


def test_web_browser_search_with_filters(page: Any, live_server: str, screenshot: Any) -> None:
    open_page(page, live_server + "/")
    page.fill("#home-q", "Seoul")
    page.locator("#home-q").press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator(".hit").count() >= 3
    assert page.locator(".snippet mark").count() >= 1
    page.fill("input[name=actor]", "Lim Soo-suk")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_load_state("networkidle")
    titles = page.locator(".hit > a").all_inner_texts()
    assert titles == ["South Korea protests over Japanese school textbooks"]
    screenshot(page, "search-1280")
    assert not page.errors


def test_web_browser_hostile_text_never_runs(
    browser: Any, live_server: str, web_corpus: dict[str, Any], screenshot: Any
) -> None:
    # With the Content-Security-Policy bypassed: escaping alone must keep the scripts inert.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (
        f"/articles/{web_corpus['hostile_made']}",
        f"/articles/{web_corpus['hostile_text']}",
        "/actors/person:evil",
        "/search?q=pwned",
        "/search?q=Evil",
        "/network",
        "/dyad/JPN/KOR",
    ):
        open_page(page, live_server + path)
        page.evaluate(
            "document.querySelectorAll('#main *').forEach(e => e.dispatchEvent("
            "new MouseEvent('mouseover', {bubbles: true})))"
        )
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        found = page.locator('#main script:not([type="application/json"]), #main img, #main iframe')
        assert found.count() == 0, path
    open_page(page, f"{live_server}/articles/{web_corpus['hostile_made']}")
    assert "<script>" in page.locator("h1").inner_text()
    assert "<script>" in page.locator("#article-text").inner_text()
    screenshot(page, "hostile-1280", full_page=False)
    assert not dialogs
    assert not page.errors
    context.close()
