"""The standfirst of an HTML article: the dek, teaser or lead between the headline and the body.

Evidence, strongest first:

1. an element whose class/id/``itemprop`` names a standfirst (``standfirst``, ``dek``,
   ``teaser``, ``lead``, ``summary``, ``description``…) and whose text is the page's
   description (JSON-LD or meta), so both the markup and the metadata agree;
2. a standfirst-named element between the headline and the body (with its same-class
   siblings, and a summary list of key points that follows it);
3. a paragraph among the first of the body that the description matches (the lead paragraph
   serves as standfirst; a description cut short with ``…`` is completed this way);
4. the first paragraph after the headline set wholly in bold;
5. the description itself.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .html_dom import (
    HintIndex,
    class_and_id,
    element_text,
    has_hint,
    is_boilerplate,
    link_density,
    name_words,
    norm_key,
)

HEURISTIC = "heuristic"
_WORD = re.compile(r"\w+")
_MIN_CHARS = 20
_MAX_CHARS = 1200
_MATCH_WORDS = 12
_DATELINE_WORDS = 12
_LEAD_PARAGRAPHS = 4
_MIN_BOLD_CHARS = 40
_NEAR_LEVELS = 3
_SKIP_TAGS = frozenset(
    {"a", "img", "meta", "script", "style", "body", "html", "textarea", "button"}
)
_MEDIA_WORDS = frozenset(
    {"media", "image", "img", "photo", "picture", "video", "gallery", "bild", "foto", "lightbox"}
)
_NESTED_BLOCKS = ("h1", "h2", "h3", "h4", "figure", "img", "time")


def choose_standfirst(
    hints: HintIndex,
    h1: HtmlElement | None,
    title: str | None,
    descriptions: list[tuple[str, str]],
    paragraphs: list[str],
) -> tuple[str | None, str]:
    """Return the standfirst and its source (``heuristic``, ``json-ld`` or ``meta``).

    Args:
        hints: the page's class-name index.
        h1: the headline element, if found.
        title: the article title (a standfirst never repeats it).
        descriptions: the page's descriptions with their sources, most trusted first.
        paragraphs: the body paragraphs, in order.
    """
    candidates = _hinted_elements(hints, title)
    texts = [d for d, _ in descriptions]
    for element in candidates:
        if any(_matches(d, element_text(element)) for d in texts):
            return _with_siblings(element, candidates), HEURISTIC
    body_start = _body_start(h1, paragraphs)
    for element in candidates:
        if _in_header(element, h1, body_start):
            return _with_siblings(element, candidates), HEURISTIC
    title_key = norm_key(title or "")
    for paragraph in paragraphs[:_LEAD_PARAGRAPHS]:
        if norm_key(paragraph) != title_key and any(_matches(d, paragraph) for d in texts):
            return paragraph, HEURISTIC
    if bold := _bold_lead(h1, body_start):
        return bold, HEURISTIC
    if descriptions:
        return descriptions[0]
    return None, ""


def _hinted_elements(hints: HintIndex, title: str | None) -> list[HtmlElement]:
    title_key = norm_key(title or "")
    found: list[HtmlElement] = []
    for element in hints.get("standfirst_hints"):
        if element.tag in _SKIP_TAGS or has_hint(element, "standfirst_skip_hints"):
            continue
        text = element_text(element)
        if not _MIN_CHARS <= len(text) <= _MAX_CHARS or (title_key and norm_key(text) == title_key):
            continue
        if any(True for _ in element.iterdescendants(*_NESTED_BLOCKS)):
            continue
        if is_boilerplate(element) or link_density(element) > 0.5 or _in_media(element):
            continue
        if any(a in found for a in element.iterancestors()):
            continue
        found.append(element)
    return found


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _matches(description: str, text: str) -> bool:
    """Return whether ``text`` starts like ``description`` (or holds it, when it is short)."""
    wanted = _words(description.rstrip(" .…"))
    if description.rstrip().endswith(("...", "…")) and wanted:
        wanted = wanted[:-1]  # the last word may be cut
    got = _words(text)
    if len(wanted) < 4 or len(got) < 4:
        return False
    head = wanted[:_MATCH_WORDS]
    for start in range(min(_DATELINE_WORDS, len(got) - 3)):
        if got[start : start + 4] == head[:4]:
            got = got[start:]  # a dateline (``BEIRUT, March 7 (Reuters) -``) may come first
            break
    if got[: len(head)] == head:
        return True
    shared = len(set(head) & set(got[: len(head) + 3]))
    return shared >= 0.8 * len(head)


def _with_siblings(element: HtmlElement, candidates: list[HtmlElement]) -> str:
    """Return the element's text, joined with same-class siblings and a following key-point list.

    A dek set as several ``<h2 class="subtitle">`` lines, or a lead followed by a summary box
    (``In brief:`` and a list), is one standfirst.
    """
    parts = [element_text(element)]
    names = class_and_id(element)
    sibling = element.getnext()
    steps = 0
    while sibling is not None and steps < 4:
        steps += 1
        if not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
            continue
        if sibling.tag == element.tag and class_and_id(sibling) == names and element_text(sibling):
            parts.append(element_text(sibling))
        elif sibling in candidates and any(True for _ in sibling.iter("ul", "ol")):
            parts.append(element_text(sibling))
            break
        sibling = sibling.getnext()
    return " ".join(parts)


def _body_start(h1: HtmlElement | None, paragraphs: list[str]) -> HtmlElement | None:
    """Return the element holding the first body paragraph after the headline, if found."""
    if h1 is None:
        return None
    title_key = norm_key(element_text(h1))
    keys = [norm_key(p)[:40] for p in paragraphs[:3] if norm_key(p) != title_key]
    keys = [k for k in keys if len(k) >= 20]
    if not keys:
        return None
    for element in h1.itersiblings():
        for p in element.iter("p"):
            if norm_key(element_text(p))[:40] in keys:
                return p
    parent = h1.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        for element in parent.itersiblings():
            for p in element.iter("p"):
                if norm_key(element_text(p))[:40] in keys:
                    return p
        parent = parent.getparent()
    return None


def _in_header(element: HtmlElement, h1: HtmlElement | None, body: HtmlElement | None) -> bool:
    """Return whether the element sits between the headline and the body (or near the headline)."""
    if h1 is None:  # no anchor: a teaser box is as likely another article's
        return not any(
            "teaser" in class_and_id(node).lower() for node in (element, *element.iterancestors())
        )
    if _is_near_headline(element, h1):
        return True
    if body is None:
        return False
    after_h1 = False
    for node in h1.getroottree().iter():
        if node is h1:
            after_h1 = True
        elif node is body:
            return False
        elif node is element:
            return after_h1
    return False


def _is_near_headline(element: HtmlElement, h1: HtmlElement) -> bool:
    parent = h1.getparent()
    for _ in range(_NEAR_LEVELS):
        if parent is None:
            return False
        if element in parent.iterdescendants():
            return True
        parent = parent.getparent()
    return False


def _bold_lead(h1: HtmlElement | None, body: HtmlElement | None) -> str | None:
    """Return the first body paragraph when it is set wholly in bold (a common lead style)."""
    for p in (body,) if body is not None else ():
        text = element_text(p)
        bold = sum(len(element_text(b)) for b in p.iter("strong", "b") if b is not p)
        if len(text) >= _MIN_BOLD_CHARS and bold >= 0.9 * len(text):
            return text
    return None


def _in_media(element: HtmlElement) -> bool:
    """Return whether the element is (in) a figure, caption or credit rather than article text."""
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth <= 1 and not name_words(class_and_id(node)).isdisjoint(_MEDIA_WORDS):
            return True
        if node.tag in ("figure", "figcaption", "picture") or has_hint(node, "caption_hints"):
            return True
        if has_hint(node, "credit_hints") or node.tag in ("article", "main", "body"):
            return node.tag not in ("article", "main", "body")
    return False
