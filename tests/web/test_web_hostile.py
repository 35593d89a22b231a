"""Issue 15, items 2, 3, 6 and 10 on the server: rebinding, forged writes, ids, bounds.

The ``Host`` header must name this server; a ``POST`` from another site is refused; a form
write needs the ingest token; every id is encoded in links; a form field may be as large as
the body limit; an analysis runs within the time bound, in a worker, and a hostile text that
was quadratic is answered at once.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import EVIL

from newsgraph.web import WebSettings, create_app
from newsgraph.web.origin import cross_origin, host_allowed

TEXT = "Japan and China held talks in Beijing on Monday about trade, officials said."


@pytest.fixture()
def writer(web_corpus: dict[str, Any], tmp_path: Path) -> Iterator[Any]:
    """A client of an ingesting server over a copy of the test corpus."""
    from fastapi.testclient import TestClient

    db = tmp_path / "copy.db"
    shutil.copyfile(web_corpus["db"], db)
    settings = WebSettings(
        db=str(db), allow_ingest=True, allowed_hosts=("testserver",), ingest_token="s3cret"
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


# -- item 3: DNS rebinding and cross-site writes --------------------------------------------


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("[::1]:8000", True),
        ("localhost:8000", True),
        ("192.168.1.20", True),
        ("testserver", True),
        ("evil.example:8000", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
    ],
)
def test_web_hostile_host_must_name_this_server(client: Any, host: str, allowed: bool) -> None:
    response = client.get("/api/articles", headers={"host": host})
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 421
        assert response.json()["error"]["code"] == "misdirected"


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://testserver:8080"},
        {"sec-fetch-site": "cross-site"},
        {"origin": "http://testserver", "sec-fetch-site": "same-site"},
    ],
)
def test_web_hostile_posts_from_another_site_are_refused(
    writer: Any, headers: dict[str, str]
) -> None:
    before = writer.get("/api/articles").json()["total"]
    form = {"text": TEXT, "store": "true", "token": "s3cret"}
    response = writer.post("/api/analyze", data=form, headers=headers)
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert writer.get("/api/articles").json()["total"] == before


def test_web_hostile_form_writes_need_the_token_json_ones_do_not(writer: Any) -> None:
    refused = writer.post("/api/analyze", data={"text": TEXT, "store": "true"})
    assert refused.status_code == 403 and "token" in refused.json()["error"]["message"]
    wrong = writer.post("/api/analyze", data={"text": TEXT, "store": "true", "token": "guess"})
    assert wrong.status_code == 403
    same_origin = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}
    stored = writer.post(
        "/api/analyze",
        data={"text": TEXT, "store": "true", "token": "s3cret"},
        headers=same_origin,
    )
    assert stored.status_code == 201, stored.text
    other = TEXT.replace("China", "Vietnam")
    as_json = writer.post("/api/analyze", json={"text": other, "store": True})
    assert as_json.status_code == 201
    as_text = writer.post(
        "/api/analyze",
        content=f'{{"text": "{TEXT} Again.", "store": true}}',
        headers={"content-type": "text/plain"},
    )
    assert as_text.status_code == 415  # what a page on another site can send without asking


def test_web_hostile_origin_rules() -> None:
    assert not cross_origin("GET", "a:1", "http://evil", "cross-site")
    assert not cross_origin("POST", "127.0.0.1:8000", None, None)  # curl, scripts
    assert not cross_origin("POST", "127.0.0.1:8000", "http://127.0.0.1:8000", "same-origin")
    assert cross_origin("POST", "127.0.0.1:8000", "http://127.0.0.1:9000", None)
    assert host_allowed(None, ()) and not host_allowed("rebind.evil", ("news.example",))
    assert host_allowed("NEWS.example.:443", ("news.example",))


# -- item 6: every id encoded in links, every id reachable -------------------------------------


def test_web_hostile_ids_with_slashes_are_encoded_and_reachable(
    client: Any, web_corpus: dict[str, Any]
) -> None:
    actor = f"org:{EVIL}"  # holds "/" (in "</script>") and quotes
    encoded = quote(actor, safe="")
    page = client.get(f"/articles/{web_corpus['hostile_made']}", headers={"accept": "text/html"})
    assert f'href="/actors/{encoded}"' in page.text
    assert client.get(f"/actors/{encoded}", headers={"accept": "text/html"}).status_code == 200
    assert client.get(f"/api/actors/{encoded}").json()["id"] == actor
    for href in re.findall(r'href="(/(?:articles|actors)/[^"#?]*)', page.text):
        assert "/" not in href.split("/", 2)[2], href


# -- item 10: form fields as large as the body limit ----------------------------------------------


def test_web_hostile_a_form_field_over_1_mb_is_read(web_corpus: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    settings = WebSettings(db=web_corpus["db"], max_body=3_000_000, allowed_hosts=("testserver",))
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        big = {"text": "word " * 300_000, "html": "<p>also</p>"}  # 1.5 MB: parsed, then refused
        response = client.post("/api/analyze", data=big)
        assert response.status_code == 422, response.text
        assert "exactly one" in response.json()["error"]["message"]
        over = client.post("/api/analyze", data={"text": "word " * 700_000})
        assert over.status_code == 413


# -- item 2: the time bound, the worker, a hostile text answered at once ---------------------


def test_web_hostile_analysis_past_the_time_bound_is_stopped_then_served_again(
    web_corpus: dict[str, Any],
) -> None:
    from fastapi.testclient import TestClient

    settings = WebSettings(db=web_corpus["db"], analyze_timeout=0.5, allowed_hosts=("testserver",))
    app = create_app(settings)
    client = TestClient(app, raise_server_exceptions=False)  # no lifespan: a cold worker
    try:
        slow = client.post("/api/analyze", data={"text": TEXT})  # spaCy loads for seconds
        assert slow.status_code == 503, slow.text
        assert slow.json()["error"]["code"] == "timeout"
        app.state.pool.timeout = 120.0
        again = client.post("/api/analyze", data={"text": TEXT})
        assert again.status_code == 200, again.text
        assert again.json()["article"]["text"] == TEXT
    finally:
        app.state.pool.close()


def test_web_hostile_a_run_of_quotes_is_answered(client: Any) -> None:
    text = 'The minister said "' + '"' * 30_000 + '" and left. Talks went on in Seoul on Monday.'
    response = client.post("/api/analyze", data={"text": text})
    assert response.status_code == 200
    assert response.json()["article"]["text"] == text


def test_web_hostile_lone_surrogates_in_json_are_replaced(client: Any) -> None:
    body = '{"text": "Japan and China held talks \\ud800 in Beijing.", "url": "x\\udfff"}'
    response = client.post(
        "/api/analyze", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["article"]["text"] == "Japan and China held talks \ufffd in Beijing."
