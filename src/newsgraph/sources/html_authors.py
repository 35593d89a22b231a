"""Author names of an HTML article: cleaning raw values and reading bylines from the page.

Raw author values come as ``"By Jane Doe and John Roe, Staff Writers"``, as profile URLs, as
Twitter handles or as ``"Jane Doe | Reuters"``. :func:`clean_authors` turns them into a list of
names (prefixes, roles, credentials, e-mails and URLs removed; several names split apart; a wire
agency dropped when named reporters are listed; the site itself never counted as an author),
and :func:`byline_authors` reads them from the page when the metadata has none: ``rel=author``
links, ``itemprop=author`` elements, byline elements and a ``By …`` line under the headline.
Nothing is invented: when no element says who wrote the article the answer is ``[]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import cache

from lxml.html import HtmlElement

from .bylines import normalise_case
from .html_dom import (
    HintIndex,
    build_hint_index,
    collapse,
    element_text,
    has_hint,
    is_boilerplate,
    norm_key,
    vocab,
)

_SPLIT = re.compile(r"\s*(?:[,;|&/]|\s(?i:and|und)\s|\s(?:et|y|e|i|og|en|und)\s)\s*")
_PARENS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net|co\.uk)(?:/|$)", re.I)
_INITIAL_END = re.compile(r"(?:\b[A-Z]\.|\bJr\.|\bSr\.)$")
_DIGITS = re.compile(r"\d")
_BY_TEXT = re.compile(r"^\s*(?:by|written by|words by|story by|von|par|por)\b[\s:]*", re.I)
_AFTER_NAMES = re.compile(
    r"\s(?:updated|published|posted|on|at|\d{1,2}:\d\d|[|•·])\s|\s[-–—]\s", re.I
)
_MAX_WORDS = 5
_MAX_BYLINE_CHARS = 200
_BY_LINE_WINDOW = 200
_MAX_SHORT_LINE = 60
_PHOTO_BLOCK_CHARS = 300
_NEAR_BEFORE = 300  # a byline element this many elements before the headline, or
_NEAR_AFTER = 600  # … this many after it, is the article's


@cache
def _prefix_pattern() -> re.Pattern[str]:
    prefixes = sorted(vocab()["byline_prefixes"], key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"^(?:{alternatives})(?:\s+|(?<=:))", re.I)


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in vocab()[key])


def strip_byline_prefix(text: str) -> str:
    """Remove a leading ``By``/``Written by``/``Von`` and the like (repeatedly)."""
    previous = None
    text = text.strip(" \t\n-–—:·|")
    while previous != text:
        previous = text
        text = _prefix_pattern().sub("", text).strip(" \t\n-–—:·|")
    return text


def clean_authors(raw: list[str], site_keys: Collection[str] = ()) -> list[str]:
    """Return the person (or agency) names in raw author values, in order, without duplicates.

    Args:
        raw: values as pages give them, one or several names each.
        site_keys: normalised names of the site (:func:`~.html_metadata.site_keys`); an
            "author" that is the site itself is the publisher, not a byline, and is dropped.

    Example:
        >>> clean_authors(["By Jane Doe and John Roe, Staff Writers", "https://x.com/jd"])
        ['Jane Doe', 'John Roe']
    """
    names: dict[str, str] = {}
    for value in raw:
        value = collapse(value)
        if not value or (_URL.search(value) and " " not in value) or norm_key(value) in site_keys:
            continue
        value = strip_byline_prefix(_EMAIL.sub(" ", _PARENS.sub(" ", value)))
        for part in _split_names(value):
            name = _clean_name(part)
            if name and name.casefold() not in names and norm_key(name) not in site_keys:
                names[name.casefold()] = name
    found = list(names.values())
    people = [n for n in found if n.casefold() not in _words("wire_agencies")]
    return people if people else found


def _split_names(value: str) -> list[str]:
    if not _SPLIT.search(value):
        return [value]
    return [p for p in _SPLIT.split(value) if p and p.strip()]


def _clean_name(part: str) -> str | None:
    name = strip_byline_prefix(collapse(part)).strip(" ,;:'\"“”‘’-–—|/")
    if name.endswith(".") and not _INITIAL_END.search(name):
        name = name.rstrip(".")
    name = _strip_trailing(name.lstrip("."))
    lowered = name.casefold()
    tokens = lowered.split()
    if not name or lowered in _words("author_roles") or lowered in _words("not_author_words"):
        return None
    if lowered in _words("credentials") or lowered in _words("generic_author_words"):
        return None
    if tokens[-1] in _words("generic_author_words") and len(tokens) <= 3:
        return None  # "TMZ Staff", "Web Desk"
    if any(t in _words("role_words") for t in tokens) and lowered not in _words("wire_agencies"):
        return None  # "Contributing Opinion Writer"
    if any(t in _words("not_name_tokens") for t in tokens[1:] if len(tokens) > 1) or (
        tokens[0] in _words("not_name_tokens") and tokens[0] != "the"
    ):
        return None
    if name.startswith("@") or _URL.search(name) or _DIGITS.search(name):
        return None
    words = name.split()
    if not 1 <= len(words) <= _MAX_WORDS or len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    if not any(w[:1].isupper() for w in words):
        return None
    return normalise_case(name)


def _strip_trailing(name: str) -> str:
    """Remove credentials and an agency that trail a name (``Jane Doe MS``, ``Jo Roe The AP``)."""
    words = name.split()
    while len(words) > 2 and words[-1].casefold().strip(",") in _words("credentials"):
        words.pop()
    name = " ".join(words)
    lowered = name.casefold()
    for agency in sorted(_words("wire_agencies"), key=len, reverse=True):
        if lowered.endswith(" " + agency) and len(name) - len(agency) > 4 and " " in agency:
            return name[: -len(agency)].strip(" ,-–—")
    return name


def byline_authors(
    tree: HtmlElement,
    h1: HtmlElement | None,
    site_keys: Collection[str] = (),
    hints: HintIndex | None = None,
) -> list[str]:
    """Return author names read from the page's byline, or ``[]`` when there is none.

    Args:
        tree: the parsed page.
        h1: the article's headline element, where a ``By …`` line is looked for after it.
        site_keys: normalised site names (see :func:`clean_authors`).
        hints: the page's class-name index, if already built.
    """
    index = hints or build_hint_index(tree)
    near = _near_headline(tree, h1)
    finders: list[Callable[[], list[str]]] = [
        lambda: _rel_author(tree, near),
        lambda: _itemprop_author(tree),
        lambda: _byline_elements(index, near),
        lambda: _by_line(tree, h1),
    ]
    for finder in finders:
        names = clean_authors(finder(), site_keys)
        if names:
            return names
    return []


def byline_line_authors(
    tree: HtmlElement,
    h1: HtmlElement | None,
    site_keys: Collection[str] = (),
    hints: HintIndex | None = None,
) -> list[str]:
    """Return the names of the page's first byline element or ``By …`` line (one element only)."""
    names = clean_authors(_byline_elements(hints or build_hint_index(tree)), site_keys)
    return names or clean_authors(_by_line(tree, h1), site_keys)


def _near_headline(tree: HtmlElement, h1: HtmlElement | None) -> Callable[[HtmlElement], bool]:
    """Return a test of whether an element stands near the headline in document order.

    A byline sits next to the headline; ``rel=author`` links and ``author`` classes further
    away belong to teasers, comments or author boxes of other stories. Without a headline
    every element counts as near.
    """
    if h1 is None:
        return lambda element: True
    order = {element: k for k, element in enumerate(tree.iter())}
    at = order.get(h1, 0)

    def near(element: HtmlElement) -> bool:
        k = order.get(element)
        return k is None or at - _NEAR_BEFORE <= k <= at + _NEAR_AFTER

    return near


def _rel_author(tree: HtmlElement, near: Callable[[HtmlElement], bool]) -> list[str]:
    out: list[str] = []
    for link in tree.iter("a"):
        rel = (link.get("rel") or "").lower().split()
        if "author" in rel and near(link) and not is_boilerplate(link):
            text = element_text(link)
            if text and len(text) <= _MAX_BYLINE_CHARS:
                out.append(text)
    return out


def _itemprop_author(tree: HtmlElement) -> list[str]:
    out: list[str] = []
    for element in tree.xpath('//*[@itemprop="author" or @itemprop="creator"]'):
        if element.tag == "meta" or is_boilerplate(element):
            continue
        named = element.xpath('.//*[@itemprop="name"]')
        if named:
            out.extend(n.get("content") or element_text(n) for n in named)
        else:
            text = element.get("content") or element_text(element)
            if text and len(text) <= _MAX_BYLINE_CHARS:
                out.append(text)
    return out


def _byline_elements(
    hints: HintIndex, near: Callable[[HtmlElement], bool] = lambda element: True
) -> list[str]:
    out: list[str] = []
    for element in hints.get("byline_hints"):
        if element.tag in ("script", "style", "img", "meta", "body", "html", "head"):
            continue
        if not near(element):
            continue
        if has_hint(element, "byline_skip_hints"):
            continue
        if is_boilerplate(element):
            continue
        text = element_text(element)
        if not text or len(text) > _MAX_BYLINE_CHARS:
            continue
        links = [element_text(a) for a in element.iter("a") if _is_author_link(a)]
        out.extend(links if links else [names_part(text)])
        if out:
            return out
    return out


def _is_author_link(link: HtmlElement) -> bool:
    href = (link.get("href") or "").lower()
    return bool(element_text(link)) and any(h in href for h in vocab()["author_url_hints"])


def _by_line(tree: HtmlElement, h1: HtmlElement | None) -> list[str]:
    """Return the names of a ``By Jane Doe`` line among the elements after the headline."""
    start = h1 if h1 is not None else tree.find("body")
    if start is None:
        return []
    for count, element in enumerate(start.iter() if h1 is None else _following(h1)):
        if count > _BY_LINE_WINDOW:
            break
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        text = element.text or ""
        if (
            _BY_TEXT.match(text)
            and not is_boilerplate(element)
            and not _in_caption(element)
            and not _beside_image(element)
        ):
            line = element_text(element)
            limit = _MAX_SHORT_LINE if element.tag == "p" else _MAX_BYLINE_CHARS
            if len(line) <= limit and _BY_TEXT.match(line):
                return [names_part(_BY_TEXT.sub("", line))]
    return []


def _beside_image(element: HtmlElement) -> bool:
    """Return whether a ``By …`` element is a photo credit: a short block around a picture.

    Within three levels up, a container that holds an image and little text (a picture with
    its caption) makes the line the photographer's, not the writer's.
    """
    node = element
    for _ in range(3):
        node = node.getparent()
        if node is None or node.tag in ("article", "main", "body"):
            return False
        if any(True for _ in node.iter("img", "picture")):
            return len(element_text(node)) <= _PHOTO_BLOCK_CHARS
    return False


def _in_caption(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in ("figure", "figcaption") or has_hint(node, "credit_hints"):
            return True
        if node.tag in ("article", "main", "body"):
            return False
    return False


def _following(element: HtmlElement) -> list[HtmlElement]:
    found: list[HtmlElement] = []
    for item in element.itersiblings():
        found.extend(item.iter())
        if len(found) > _BY_LINE_WINDOW:
            return found
    parent = element.getparent()
    if parent is not None and parent.tag != "body":
        found.extend(_following(parent))
    return found


def names_part(text: str) -> str:
    """Return a byline without what follows the names (``Jane Doe Updated 3 May 2023``)."""
    return _AFTER_NAMES.split(text, maxsplit=1)[0]
