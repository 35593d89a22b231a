"""The Atom feed of a watch (:mod:`newsgraph.atom`) on hand-made reports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

from newsgraph.atom import watch_feed
from newsgraph.store.filters import Ingested
from newsgraph.store.watches import Watch, WatchReport

ATOM = "{http://www.w3.org/2005/Atom}"


def _search_link(watch: Watch) -> dict[str, list[str]]:
    """The query of the feed's link to the server's search page."""
    feed = ET.fromstring(watch_feed(WatchReport(watch, Ingested(), []), "http://host:8000"))
    (link,) = [e for e in feed.findall(f"{ATOM}link") if e.get("rel") == "alternate"]
    href = link.get("href") or ""
    assert href.startswith("http://host:8000/search?")
    return parse_qs(urlsplit(href).query)


def test_feed_links_to_the_search_with_the_watchs_filters() -> None:
    watch = Watch("jk", "summit talks", actor="Japan & Korea", types=("CONSULT",))
    assert _search_link(watch) == {
        "q": ["summit talks"],
        "actor": ["Japan & Korea"],
        "type": ["CONSULT"],
    }
    # The search page takes one type: a watch of several links to its query and actor only.
    several = Watch("jk", "summit", types=("CONSULT", "AGREE"))
    assert _search_link(several) == {"q": ["summit"]}
