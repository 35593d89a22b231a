"""Fixtures of the web tests: a corpus ingested in the test, the app, a live server, a browser.

The corpus is the founding example plus small articles written here: two more on Japan and
South Korea (so that the dyad has several months), and a hostile one whose text holds script
tags and HTML in quotes and names. A hand-made analysis adds HTML in a title, actor names, a
speaker and an event's evidence, whatever the extractors make of the text.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

SWAP = """Japan and South Korea restore their currency swap deal

June 29, 2023

TOKYO — Japan and South Korea agreed on Thursday to restore a currency swap arrangement worth \
10 billion dollars, the two finance ministers said after talks in Tokyo.

"This is a sign that our relations are back on track," South Korean Finance Minister Choo \
Kyung-ho told reporters.

Japanese Finance Minister Shunichi Suzuki said the two countries would deepen their economic \
cooperation.
"""

TEXTBOOKS = """South Korea protests over Japanese school textbooks

March 28, 2024

SEOUL — South Korea protested to Japan on Tuesday over new school textbooks that describe \
disputed islands as Japanese territory.

The foreign ministry in Seoul summoned a senior Japanese diplomat and demanded that Tokyo \
correct the textbooks.

"Japan must stop these unjust claims," said Lim Soo-suk, the spokesman of the South Korean \
foreign ministry.
"""

HOSTILE = """Seoul <script>window.__pwned = "title"</script> talks

June 2, 2023

SEOUL — South Korea and Japan held talks <b onmouseover="window.__pwned='b'">in Seoul</b> on \
Thursday, officials said.

"We will never accept <script>window.__pwned = "quote"</script> threats <img src=x \
onerror="window.__pwned='img'"> from anyone," said Park <script>alert(1)</script> Jin-ho, the \
foreign minister of South Korea.

Japan accused North Korea <iframe src="javascript:window.__pwned='iframe'"></iframe> of firing \
a missile on Wednesday.
"""

EVIL = '<script>window.__pwned="evil"</script><img src=x onerror="window.__pwned=1">'
"""HTML that must never reach a page as markup."""


def hostile_analysis() -> Any:
    """An analysis built by hand with HTML in its title, actor names, speaker and evidence."""
    from newsgraph.model import Actor, Analysis, Article, Event, Quote, Span, Speaker

    text = f"The minister {EVIL} said: “Talks {EVIL} went well.” Japan met South Korea {EVIL}."
    quote_start = text.index("Talks")
    quote_end = text.index("”")
    name = f"Evil {EVIL} Name"
    speaker_start = text.index("minister")
    article = Article(
        text=text,
        title=f"Hostile {EVIL} title",
        site=f"site {EVIL}",
        authors=[f"author {EVIL}"],
        published="2023-07-01",
        url="javascript:window.__pwned='url'",
        tags=[EVIL],
    )
    evidence_start = text.index("Japan met")
    return Analysis(
        article=article,
        actors=[
            Actor(
                id="person:evil",
                kind="person",
                name=name,
                mentions=[Span(speaker_start, speaker_start + 8, "minister")],
            ),
            Actor(id="JPN", kind="country", name="Japan", country="JPN"),
            Actor(id="KOR", kind="country", name="South Korea", country="KOR"),
            Actor(id=f"org:{EVIL}", kind="organization", name=EVIL),
        ],
        quotes=[
            Quote(
                kind="direct",
                text=text[quote_start:quote_end],
                start=quote_start,
                end=quote_end,
                speaker=Speaker(
                    actor="person:evil",
                    name=name,
                    text="minister",
                    start=speaker_start,
                    end=speaker_start + 8,
                ),
            )
        ],
        events=[
            Event(
                type="CONSULT",
                evidence=Span(evidence_start, len(text), text[evidence_start:]),
                source=["JPN"],
                target=["KOR"],
                target_ids=[f"org:{EVIL}"],
                date="2023-07-01",
                quad="verbal cooperation",
                intensity=1.0,
                source_text=EVIL,
            )
        ],
    )


@pytest.fixture(scope="session")
def web_corpus(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> dict[str, Any]:
    """A SQLite corpus ingested in the test; returns its path and article ids."""
    del nlp  # loaded once by the session fixture; the ingest below uses it
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store
    from newsgraph.store.rows import write_analysis

    root = tmp_path_factory.mktemp("web")
    articles = root / "articles"
    articles.mkdir()
    for name, text in (("swap", SWAP), ("textbooks", TEXTBOOKS), ("hostile", HOSTILE)):
        (articles / f"{name}.txt").write_text(text, encoding="utf-8")
    example = Path(__file__).resolve().parents[2] / "examples" / "dw-japan-south-korea.txt"
    db = root / "corpus.db"
    with open_store(str(db)) as store:
        report = ingest(store, [str(example), str(articles)])
        assert not report.failures, report.failures
        hostile = hostile_analysis()
        assert write_analysis(store, hostile)
        ids = {
            row[1]: row[0]
            for row in store.fetchall("SELECT id, source FROM articles WHERE source IS NOT NULL")
        }
    founding = next(v for k, v in ids.items() if k.endswith("dw-japan-south-korea.txt"))
    return {
        "db": str(db),
        "founding": founding,
        "hostile_text": next(v for k, v in ids.items() if k.endswith("hostile.txt")),
        "hostile_made": hostile.article.id,
    }


@pytest.fixture(scope="session")
def web_app(web_corpus: dict[str, Any]) -> Any:
    """The read-only app over the test corpus."""
    from newsgraph.web import WebSettings, create_app

    return create_app(
        WebSettings(db=web_corpus["db"], max_body=200_000, allowed_hosts=("testserver",))
    )


@pytest.fixture(scope="session")
def client(web_app: Any) -> Iterator[Any]:
    """A session-scoped ``TestClient`` of the read-only app (server errors become 500s)."""
    from fastapi.testclient import TestClient

    with TestClient(web_app, raise_server_exceptions=False) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_app: Any) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; the test skips when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh 1280 × 900 page that records script errors in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    yield opened
    context.close()


@pytest.fixture(scope="session")
def screenshot() -> Any:
    """A function saving a page's screenshot to ``test-artifacts/web/NAME.png``."""
    folder = ARTIFACTS / "web"
    folder.mkdir(parents=True, exist_ok=True)

    def save(page: Any, name: str, full_page: bool = True) -> None:
        page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)

    return save
