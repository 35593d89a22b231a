"""schema.org JSON-LD in an HTML page: parse every block, flatten graphs, pick the article node.

Pages embed one or more ``<script type="application/ld+json">`` blocks; each may be one object,
a list, or an ``@graph``, and objects refer to each other by ``@id``. :func:`read_jsonld`
returns a :class:`JsonLd` holding every typed node, an ``@id`` index and the node that
describes the article itself (a ``NewsArticle`` before a plain ``Article`` before a page).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from ..knowledge import load_json

log = logging.getLogger(__name__)

Node = dict[str, Any]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_NESTED_KEYS = ("@graph", "mainEntity", "hasPart", "subjectOf", "mainEntityOfPage")
_MAX_DEPTH = 8


@dataclass
class JsonLd:
    """The JSON-LD of a page.

    Attributes:
        nodes: every object with an ``@type``, in document order.
        ids: objects by ``@id``, to resolve references such as ``{"@id": "#author"}``.
        article: the node describing the article (``None`` when the page has none).
        page: the ``WebPage``-like node, a weaker source for the same fields.
    """

    nodes: list[Node] = field(default_factory=list)
    ids: dict[str, Node] = field(default_factory=dict)
    article: Node | None = None
    page: Node | None = None

    def resolve(self, value: Any) -> Any:
        """Return ``value`` with an ``{"@id": ...}`` reference replaced by the node it names."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.ids.get(str(value["@id"]), value)
        return value

    def first_of_type(self, *types: str) -> Node | None:
        """Return the first node whose type is one of ``types`` (lower-case)."""
        for node in self.nodes:
            if node_types(node) & set(types):
                return node
        return None


def _vocab() -> dict[str, Any]:
    data: dict[str, Any] = load_json("html_reader.json")
    return data


def node_types(node: Node) -> set[str]:
    """Return the lower-case local names of a node's ``@type``.

    ``schema:NewsArticle`` and ``https://schema.org/NewsArticle`` both give ``newsarticle``.
    """
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if v}


def parse_json_text(text: str) -> Any:
    """Parse the text of a JSON-LD script, forgiving comments, CDATA and trailing commas.

    Returns:
        The parsed value, or ``None`` when it is not JSON even after repair.
    """
    cleaned = text.strip()
    if cleaned.startswith("<!--"):
        cleaned = cleaned[4:]
    if cleaned.endswith("-->"):
        cleaned = cleaned[:-3]
    cleaned = cleaned.replace("/*<![CDATA[*/", "").replace("/*]]>*/", "").strip()
    cleaned = cleaned.removeprefix("<![CDATA[").removesuffix("]]>").strip()
    if not cleaned:
        return None
    for attempt in (cleaned, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", cleaned))):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    log.debug("unparseable JSON-LD block (%d chars)", len(cleaned))
    return None


def _collect(data: Any, out: list[Node], ids: dict[str, Node], depth: int = 0) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _collect(item, out, ids, depth + 1)
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("@id"), str) and len(data) > 2:
        ids.setdefault(data["@id"], data)
    if "@type" in data:
        out.append(data)
    for key in _NESTED_KEYS:
        if key in data and isinstance(data[key], dict | list):
            _collect(data[key], out, ids, depth + 1)
    for key in ("author", "publisher", "creator", "image", "isPartOf"):
        value = data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("@id"), str) and len(item) > 2:
                ids.setdefault(item["@id"], item)


def read_jsonld(tree: HtmlElement, url: str | None = None) -> JsonLd:
    """Return the JSON-LD of the page ``tree``, with its article node chosen.

    Args:
        tree: the parsed page.
        url: the page URL, to prefer the article node that describes this page.
    """
    result = JsonLd()
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind or not script.text:
            continue
        _collect(parse_json_text(script.text), result.nodes, result.ids)
    vocab = _vocab()
    result.article = _choose_article(
        result, set(vocab["article_types"]), set(vocab["news_types"]), url
    )
    result.page = result.first_of_type(*vocab["page_types"])
    return result


def _choose_article(
    data: JsonLd, article_types: set[str], news_types: set[str], url: str | None
) -> Node | None:
    best: Node | None = None
    best_score = 0
    wanted = _url_key(url)
    for node in data.nodes:
        types = node_types(node)
        if not types & article_types:
            continue
        score = 4 if types & news_types else 2
        if node.get("headline") or node.get("name"):
            score += 2
        if node.get("articleBody") or node.get("author"):
            score += 1
        if wanted and wanted in {
            _url_key(_as_url(node.get(k))) for k in ("url", "@id", "mainEntityOfPage")
        }:
            score += 8
        if score > best_score:
            best, best_score = node, score
    return best


def _as_url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def _url_key(url: str | None) -> str:
    if not url:
        return ""
    key = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return key.split("#", 1)[0].split("?", 1)[0].rstrip("/")


def text_values(value: Any) -> list[str]:
    """Return the strings in a JSON-LD value: a string, a list, or objects with a ``name``."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = item.get("name") or item.get("@value") or item.get("text")
            if isinstance(name, str):
                out.append(name)
            elif isinstance(name, list):
                out.extend(n for n in name if isinstance(n, str))
    return [" ".join(v.split()) for v in out if v and v.strip()]


def person_names(data: JsonLd, value: Any) -> list[str]:
    """Return the names in a JSON-LD ``author``-like value (strings, Person/Organization, refs)."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        item = data.resolve(item)
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(n for n in name if isinstance(n, str))
            if not isinstance(name, str) or not name.strip():
                parts = [item.get("givenName"), item.get("familyName")]
                name = " ".join(p for p in parts if isinstance(p, str))
            if name.strip():
                names.append(name)
    return [" ".join(n.split()) for n in names if n and n.strip()]
