"""The REST API: every endpoint, its filters and pages, and bad parameters (4xx, one shape)."""

from __future__ import annotations

from typing import Any

import pytest


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """Check the one error shape and return its ``error`` object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "code", "message"}
    assert error["status"] == status
    assert error["message"] and "Traceback" not in error["message"]
    return error


def test_web_api_articles_lists_newest_first_with_total(client: Any) -> None:
    page = client.get("/api/articles").json()
    assert page["total"] == 5
    days = [item["published"] for item in page["items"] if item["published"]]
    assert days == sorted(days, reverse=True)
    assert {"id", "title", "published", "quotes", "events"} <= set(page["items"][0])


def test_web_api_articles_pages_follow_next_links(client: Any) -> None:
    seen = []
    url = "/api/articles?limit=2"
    while url:
        page = client.get(url).json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 5


def test_web_api_articles_filters_by_date_and_actor(client: Any) -> None:
    page = client.get("/api/articles?since=2024-01-01").json()
    assert [i["title"] for i in page["items"]] == [
        "South Korea protests over Japanese school textbooks"
    ]
    page = client.get("/api/articles?until=2023-05-09&actor=person:stephen-nagy").json()
    assert page["total"] == 1


def test_web_api_article_is_the_analysis_document(client: Any, web_corpus: Any) -> None:
    doc = client.get(f"/api/articles/{web_corpus['founding']}").json()
    assert doc["schema"] == "newsgraph.analysis/1"
    text = doc["article"]["text"]
    for quote in doc["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_web_api_quotes_filter_by_speaker_and_about(client: Any) -> None:
    page = client.get("/api/quotes?speaker=Nagy&limit=3").json()
    assert page["items"] and all(q["speaker_name"] == "Stephen Nagy" for q in page["items"])
    assert page["next"] is not None
    about = client.get("/api/quotes?about=CHN&limit=100").json()["items"]
    assert about and all(q["article_id"] for q in about)


def test_web_api_actors_list_and_one(client: Any) -> None:
    page = client.get("/api/actors?kind=country&limit=3").json()
    assert len(page["items"]) == 3 and all(a["kind"] == "country" for a in page["items"])
    assert page["total"] >= 4
    actor = client.get("/api/actors/KOR").json()
    assert actor["name"] == "South Korea"
    assert any(c["id"] == "JPN" for c in actor["co_actors"])
    person = client.get("/api/actors/person:stephen-nagy").json()
    assert any(r["title"] == "professor" for r in person["roles"])


def test_web_api_events_filters_match_the_cli(client: Any) -> None:
    items = client.get("/api/events?source=KOR&target=JPN&limit=100").json()["items"]
    assert {e["type"] for e in items} >= {"ACCUSE"}
    consult = client.get("/api/events?type=CONSULT&since=2023-05-01&until=2023-05-31").json()
    assert consult["items"] and all(e["type"] == "CONSULT" for e in consult["items"])
    assert all("2023-05-01" <= (e["date"] or "")[:10] <= "2023-05-31" for e in consult["items"])
    expected = client.get("/api/events?status=expected").json()["items"]
    assert expected and all(e["status"] == "expected" for e in expected)


def test_web_api_dyad_series_by_month(client: Any) -> None:
    series = client.get("/api/dyads/JPN/KOR?by=month").json()
    counted = [p for p in series["periods"] if p["events"]]
    assert {p["period"] for p in counted} >= {"2023-05", "2023-06", "2024-03"}
    assert client.get("/api/dyads/JPN/KOR?by=year").json()["by"] == "year"
    window = client.get("/api/dyads/JPN/KOR?by=month&since=2023-06-01&until=2023-12-31").json()
    inside = {p["period"] for p in window["periods"] if p["events"]}
    assert "2023-06" in inside and all("2023-06" <= p <= "2023-12" for p in inside)
    assert client.get("/api/dyads/JPN/KOR?since=2023-13-01").status_code == 422


def test_web_api_network_has_nodes_and_edges(client: Any) -> None:
    network = client.get("/api/network").json()
    ids = {n["id"] for n in network["nodes"]}
    assert {"JPN", "KOR"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    only = client.get("/api/network?type=SANCTION").json()
    assert all(e["types"] == ["SANCTION"] for e in only["edges"])


def test_web_api_search_with_snippets_and_filters(client: Any) -> None:
    page = client.get("/api/search?q=textbooks").json()
    assert page["items"][0]["title"].startswith("South Korea protests")
    assert "[" in page["items"][0]["snippet"]
    assert client.get("/api/search?q=Seoul&actor=person:lim-soo-suk").json()["items"]
    assert not client.get("/api/search?q=textbooks&until=2023-12-31").json()["items"]
    assert not client.get("/api/search?q=textbooks&type=CONSULT").json()["items"]


def test_web_api_analyze_text_returns_the_analysis_unstored(client: Any) -> None:
    before = client.get("/api/articles").json()["total"]
    response = client.post(
        "/api/analyze",
        data={
            "text": "Japan and China held talks in Beijing on Monday.",
            "published": "2024-01-10",
        },
    )
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["schema"] == "newsgraph.analysis/1"
    assert {a["id"] for a in doc["actors"]} >= {"JPN", "CHN"}
    assert client.get("/api/articles").json()["total"] == before


def test_web_api_analyze_html_and_file_upload(client: Any) -> None:
    paragraph = (
        "<p>South Korea and Japan held talks in Seoul on Monday about trade and security "
        "cooperation in the region, officials from both countries said after the meeting, "
        "which lasted for more than three hours at the foreign ministry.</p>"
    )
    html = (
        "<html><head><title>Talks in Seoul</title></head><body><article><h1>Talks in Seoul</h1>"
        + paragraph * 4
        + "</article></body></html>"
    )
    assert client.post("/api/analyze", data={"html": html}).status_code == 200
    files = {"file": ("page.html", html.encode(), "text/html")}
    doc = client.post("/api/analyze", files=files).json()
    assert "KOR" in {a["id"] for a in doc["actors"]}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/articles?limit=0", 422),
        ("/api/articles?limit=100000", 422),
        ("/api/articles?offset=-1", 422),
        ("/api/articles?limit=abc", 422),
        ("/api/articles?since=yesterday", 422),
        ("/api/articles?since=2023-02-30", 422),
        ("/api/articles/does-not-exist", 404),
        ("/api/quotes?limit=-5", 422),
        ("/api/actors?kind=planet", 422),
        ("/api/actors/person:nobody", 404),
        ("/api/events?until=2023-13-01", 422),
        ("/api/events?status=maybe", 422),
        ("/api/dyads/JPN/KOR?by=decade", 422),
        ("/api/dyads/JPN", 404),
        ("/api/network?since=2023-1-1", 422),
        ("/api/search", 422),
        ("/api/search?q=", 422),
        ("/api/search?q=a&offset=999&limit=20", 422),
        ("/api/nothing-here", 404),
    ],
)
def test_web_api_bad_parameters_get_a_clear_4xx(client: Any, path: str, status: int) -> None:
    error = assert_error(client.get(path), status)
    if status == 422:
        assert error["code"] == "bad_parameters"


def test_web_api_analyze_refuses_bad_input(client: Any) -> None:
    assert_error(client.post("/api/analyze", data={}), 422)
    assert_error(client.post("/api/analyze", data={"text": "a", "html": "<p>b</p>"}), 422)
    assert_error(client.post("/api/analyze", data={"text": "   "}), 422)
    binary = {"file": ("x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "image/png")}
    assert_error(client.post("/api/analyze", files=binary), 422)
    assert_error(client.post("/api/analyze", data={"text": "x", "published": "soon"}), 422)


def test_web_api_wrong_method_is_405_in_the_one_shape(client: Any) -> None:
    assert_error(client.delete("/api/articles"), 405)
    assert_error(client.get("/api/analyze"), 405)


def test_web_api_every_route_has_a_summary(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert len(operations) >= 10
    for operation in operations:
        assert operation.get("summary"), operation.get("operationId")


def test_web_api_docs_page_is_served_without_a_cdn(client: Any) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200


def test_web_article_page_lists_main_events_first_with_names(
    client: Any, web_corpus: dict[str, Any]
) -> None:
    html = client.get(f"/articles/{web_corpus['founding']}").text
    events = html[html.index("<h2>Events") :]
    events = events[: events.index("</details>")]
    buttons = events.split('data-kind="event"')[1:]
    assert buttons and 'class="main-mark"' in buttons[0]
    mains = [b for b in buttons if 'class="main-mark"' in b]
    assert 1 <= len(mains) <= 3 and all('class="main-mark"' in b for b in buttons[: len(mains)])
    assert "Fumio Kishida" in events  # people are named, not left as "?"
    assert "(publication date)" in events  # a fallback date is marked
