"""Small helpers over an lxml HTML tree, shared by the HTML reader's metadata and image steps."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from lxml.html import HtmlElement

from ..knowledge import load_json

_BOILERPLATE_TAGS = frozenset(
    {"nav", "footer", "aside", "form", "noscript", "script", "style", "template"}
)
_HINT_DEPTH = 4
_WORD_SPLIT = re.compile(r"[\s_-]+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_LAYOUT_HINT = re.compile(r"(?:with|has)[_-](?:sidebar|related|nav|comments?)", re.IGNORECASE)
_SKIP_TEXT = frozenset({"script", "style", "noscript", "template"})
_BOILERPLATE_HINTS = re.compile(
    r"(?:^|[\s_-])(?:related|recommend\w*|promo|sidebar|newsletter|comments?|teaser-list|"
    r"more-stories|most-popular|trending|outbrain|taboola|footer|nav|menu|breadcrumbs?)(?:$|[\s_-])",
    re.IGNORECASE,
)


@cache
def vocab() -> dict[str, Any]:
    """Return the HTML reader's vocabulary (``knowledge/html_reader.json``)."""
    data: dict[str, Any] = load_json("html_reader.json")
    return data


@cache
def hint_words(key: str) -> frozenset[str]:
    """Return the hints of vocabulary list ``key`` as normalised class-name words.

    A class name is split into words at white space, ``-`` and ``_``; a hint is a word or a
    run of words, so ``article__standfirst`` and ``c-byline`` carry ``standfirst`` and
    ``byline`` while ``leaderboard`` does not carry ``lead``.
    """
    return frozenset("-".join(_WORD_SPLIT.split(h.lower().strip())) for h in vocab()[key])


def name_words(names: str) -> set[str]:
    """Return the words of a class/id string and their runs of two and three (``a-b-c``)."""
    words = [w for w in _WORD_SPLIT.split(names.lower()) if w]
    runs = set(words)
    runs.update(f"{a}-{b}" for a, b in pairwise(words))
    runs.update(f"{a}-{b}-{c}" for a, b, c in zip(words, words[1:], words[2:], strict=False))
    return runs


def class_and_id(element: HtmlElement) -> str:
    """Return an element's ``class``, ``id``, ``itemprop`` and ``data-testid`` as one string."""
    get = element.get
    names = " ".join(p for p in (get("class"), get("id"), get("itemprop"), get("data-testid")) if p)
    return _CAMEL.sub(r"\1-\2", names) if not names.islower() else names


@dataclass
class HintIndex:
    """The page's elements whose class/id carries a hint, per vocabulary list, in page order.

    Built in one pass (:func:`build_hint_index`) so that the caption, standfirst and byline
    steps do not each walk the whole tree testing every element.
    """

    elements: dict[str, list[HtmlElement]] = field(default_factory=dict)

    def get(self, key: str) -> list[HtmlElement]:
        """Return the elements hinted by vocabulary list ``key`` (``[]`` if none)."""
        return self.elements.get(key, [])


INDEXED_HINTS = (
    "caption_hints",
    "standfirst_hints",
    "byline_hints",
    "date_hints",
    "credit_hints",
)
_MARKED_TAGS = {"time": "date_hints", "h1": "date_hints"}
"""Tags listed under a key whatever their class: ``date_hints`` also holds every ``<time>``
and, as position markers, every ``<h1>``."""


def build_hint_index(tree: HtmlElement, keys: tuple[str, ...] = INDEXED_HINTS) -> HintIndex:
    """Return the :class:`HintIndex` of ``tree`` for the vocabulary lists ``keys``.

    The attribute values are read in one XPath pass and classified once per distinct value;
    only the elements whose value carries a hint are materialised.
    """
    index = HintIndex({key: [] for key in keys})
    sets = [(key, hint_words(key)) for key in keys]
    by_value: dict[str, list[str]] = {}  # many elements share one class string
    added: set[tuple[int, str]] = set()
    for item in tree.xpath(_HINT_XPATH):
        if isinstance(item, str):
            found = by_value.get(item)
            if found is None:
                words = name_words(_CAMEL.sub(r"\1-\2", item))
                found = by_value[item] = [k for k, hints in sets if not words.isdisjoint(hints)]
            if not found:
                continue
            element = item.getparent()  # type: ignore[attr-defined]  # lxml smart string
        else:
            element = item
            found = [_MARKED_TAGS[element.tag]]
        for key in found:
            if key in index.elements and (id(element), key) not in added:
                added.add((id(element), key))
                index.elements[key].append(element)
    return index


_HINT_XPATH = "//@class | //@id | //@itemprop | //@data-testid | //time | //h1"


def has_hint(element: HtmlElement, key: str) -> bool:
    """Return whether the element's class/id carries a hint from vocabulary list ``key``."""
    names = class_and_id(element)
    return bool(names) and not name_words(names).isdisjoint(hint_words(key))


def norm_key(text: str) -> str:
    """Return ``text`` reduced to case-folded letters and digits, for loose comparisons."""
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", text).casefold())


def collapse(text: str | None) -> str:
    """Return ``text`` with white space collapsed and stripped."""
    return " ".join((text or "").split())


def element_text(element: HtmlElement) -> str:
    """Return the visible text of an element (no scripts or styles), white space collapsed."""
    pieces: list[str] = [element.text or ""]
    for child in element:
        _gather_text(child, pieces)
    return collapse(" ".join(pieces))


def _gather_text(element: HtmlElement, pieces: list[str]) -> None:
    if isinstance(element.tag, str) and element.tag not in _SKIP_TEXT:
        if element.text:
            pieces.append(element.text)
        for child in element:
            _gather_text(child, pieces)
    if element.tail:
        pieces.append(element.tail)


def is_boilerplate(element: HtmlElement) -> bool:
    """Return whether the element sits in navigation, a footer, an aside or a related-links box.

    Boilerplate tags (``nav``, ``footer``, ``aside``, ``form``) count at any depth; class names
    such as ``related`` or ``sidebar`` only on the element and its nearest ancestors, since page
    layout wrappers (``article-with-sidebar``) carry them too.
    """
    node: HtmlElement | None = element
    depth = 0
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BOILERPLATE_TAGS:
            return True
        if depth <= _HINT_DEPTH and tag not in ("html", "body", "main", "article"):
            names = class_and_id(node)
            if names and _BOILERPLATE_HINTS.search(names) and not _LAYOUT_HINT.search(names):
                return True
        node = node.getparent()
        depth += 1
    return False


def iter_elements(tree: HtmlElement, tags: Iterable[str]) -> Iterator[HtmlElement]:
    """Yield the elements of ``tree`` with one of ``tags``, in document order."""
    wanted = tuple(tags)
    for element in tree.iter(*wanted):
        if isinstance(element.tag, str):
            yield element


def link_density(element: HtmlElement) -> float:
    """Return the share of an element's text that sits inside links."""
    total = len(element_text(element))
    if not total:
        return 0.0
    linked = sum(len(element_text(a)) for a in element.iter("a"))
    return min(1.0, linked / total)
