"""Safe by default: text escaped, read-only, size limits, no tracebacks, no silent caps."""

from __future__ import annotations

import re
from typing import Any

import pytest

RAW_TAGS = re.compile(
    r"<(script|img|iframe|b)\b[^>]*(onerror|onmouseover|__pwned|alert|src=x)", re.I
)


def hostile_pages(web_corpus: dict[str, Any]) -> list[str]:
    return [
        "/",
        "/articles",
        f"/articles/{web_corpus['hostile_text']}",
        f"/articles/{web_corpus['hostile_made']}",
        "/actors",
        "/actors/person:evil",
        "/actors/JPN",
        "/actors/KOR",
        "/dyad/JPN/KOR",
        "/network",
        "/search?q=pwned",
        "/search?q=Evil",
        "/search?q=<script>alert(1)</script>",
        "/articles?actor=<script>x</script>",
        "/dyad/<b>x/<i>y",
        "/nothing/<script>alert(1)</script>",
    ]


def test_web_safety_no_raw_tag_in_any_page(client: Any, web_corpus: dict[str, Any]) -> None:
    for path in hostile_pages(web_corpus):
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code in (200, 404), (path, response.status_code)
        assert not RAW_TAGS.search(response.text), (path, RAW_TAGS.search(response.text))
        assert 'href="javascript:' not in response.text, path


def test_web_safety_hostile_text_is_shown_escaped(client: Any, web_corpus: dict[str, Any]) -> None:
    html = client.get(f"/articles/{web_corpus['hostile_made']}").text
    assert "&lt;script&gt;window.__pwned=&#34;evil&#34;&lt;/script&gt;" in html
    assert "Hostile &lt;script&gt;" in html
    text_page = client.get(f"/articles/{web_corpus['hostile_text']}").text
    assert "&lt;script&gt;window.__pwned = &#34;quote&#34;&lt;/script&gt;" in text_page


def test_web_safety_api_html_and_json_carry_no_markup(
    client: Any, web_corpus: dict[str, Any]
) -> None:
    doc = client.get(f"/api/articles/{web_corpus['hostile_made']}")
    assert doc.headers["content-type"].startswith("application/json")
    assert doc.headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs").text
    assert not RAW_TAGS.search(docs)


def test_web_safety_pages_send_a_strict_content_security_policy(client: Any) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy


def test_web_safety_read_only_refuses_to_store(client: Any) -> None:
    before = client.get("/api/articles").json()["total"]
    response = client.post(
        "/api/analyze", data={"text": "Japan and China held talks.", "store": "true"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert client.get("/api/articles").json()["total"] == before


def test_web_safety_ingest_when_allowed_stores_once(
    web_corpus: dict[str, Any], tmp_path: Any
) -> None:
    import shutil

    from fastapi.testclient import TestClient

    from newsgraph.web import WebSettings, create_app

    db = tmp_path / "copy.db"
    shutil.copyfile(web_corpus["db"], db)
    app = create_app(WebSettings(db=str(db), allow_ingest=True, allowed_hosts=("testserver",)))
    with TestClient(app, raise_server_exceptions=False) as writer:
        text = "Japan and China held talks in Beijing on Monday about trade, officials said."
        first = writer.post("/api/analyze", json={"text": text, "store": True})
        assert first.status_code == 201, first.text
        assert first.headers["location"] == f"/api/articles/{first.json()['article']['id']}"
        again = writer.post("/api/analyze", json={"text": text, "store": True})
        assert again.status_code == 200
        assert writer.get("/api/articles").json()["total"] == 6


def test_web_safety_large_bodies_get_413(client: Any) -> None:
    big = "x" * 300_000  # the test app allows 200,000 bytes
    response = client.post("/api/analyze", data={"text": big})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_web_safety_chunked_bodies_are_counted_too(client: Any) -> None:
    def chunks() -> Any:
        for _ in range(30):
            yield b"x" * 10_000

    response = client.post(
        "/api/analyze",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_web_safety_unexpected_errors_are_a_generic_500(
    web_app: Any, monkeypatch: pytest.MonkeyPatch, client: Any
) -> None:
    from newsgraph.store import browse

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(browse, "count_articles", broken)
    response = client.get("/api/articles")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"status": 500, "code": "internal_error", "message": "internal server error"}
    }
    page = client.get("/articles", headers={"accept": "text/html"})
    assert page.status_code == 500
    assert "secret" not in page.text and "Traceback" not in page.text


def test_web_safety_store_errors_do_not_leak_the_database(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.web import WebSettings, create_app

    app = create_app(
        WebSettings(db=str(tmp_path / "missing" / "x.db"), allowed_hosts=("testserver",))
    )
    with TestClient(app, raise_server_exceptions=False) as broken:
        response = broken.get("/api/articles")
    assert response.status_code == 503
    assert "missing" not in response.text


def test_web_search_page_says_when_its_ranking_is_cut(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.web import pages

    found = client.get("/search?q=textbooks", headers={"accept": "text/html"}).text
    assert "found." in found and "best-ranked" not in found
    monkeypatch.setattr(pages, "MAX_SEARCH_DEPTH", 1)
    cut = client.get("/search?q=textbooks", headers={"accept": "text/html"}).text
    assert "The 1 best-ranked articles are shown; more may match." in cut
