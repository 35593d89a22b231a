"""Images of an HTML article: alt text, caption and credit.

Captions come from ``<figure>``/``<figcaption>`` and from caption-like elements next to an
image; the credit is the part of a caption marked as such (``class="credit"``,
``itemprop="copyrightHolder"``, ``<small>``, ``<cite>``) or introduced by ``Photo:``,
``©``, ``Credit:`` and the like. Images described only in JSON-LD (``ImageObject`` with
``caption``, ``creditText``, ``copyrightHolder``) are added when the page does not show them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from lxml.html import HtmlElement

from ..model import Image
from .bylines import strip_licensing
from .html_dom import (
    HintIndex,
    build_hint_index,
    collapse,
    element_text,
    has_hint,
    is_boilerplate,
    vocab,
)
from .html_jsonld import JsonLd, person_names, text_values

_CREDIT_TAGS = ("small", "cite")
_CREDIT_PROPS = (
    "copyrightholder",
    "creator",
    "author",
    "creditText",
    "credittext",
    "copyrightnotice",
)
_MAX_CAPTION = 1500
_MAX_CREDIT_SEARCH = 40
_DESCRIBED_IMG = "//img[@data-caption or @data-credit or @data-copyright or @data-photographer]"
_CREDIT_LEVELS = 3
_MAX_LONE_CREDIT = 120
_MAX_CREDIT_WORDS = 9
_NOT_CREDIT_TAGS = frozenset({"img", "script", "style", "a", "meta", "link", "body", "html"})
_CREDIT_ATTRS = (
    "data-credit",
    "data-copyright",
    "data-source",
    "data-photographer",
    "data-image-credit",
    "data-author",
)
_TRAILING_PARENS = re.compile(r"\(([^()]{2,120})\)\s*\.?$")
_LAST_SENTENCE = re.compile(r"[.!?»”\"]\s+([^.!?]{2,120})$")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_COMMON_WORDS = frozenset({"the", "and", "news", "press", "media", "agency", "new"})
_IMAGE_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "data-srcset", "srcset")


@cache
def _credit_prefix() -> re.Pattern[str]:
    prefixes = sorted(vocab()["credit_prefixes"], key=len, reverse=True)
    alternatives = "|".join(
        re.escape(p[:-1].rstrip()) + r"\s*:" if p.endswith(":") else re.escape(p) for p in prefixes
    )
    return re.compile(rf"(?:^|(?<=[\s(\[|.,–—-]))(?:{alternatives})\s*", re.I)


def read_images(tree: HtmlElement, jsonld: JsonLd, hints: HintIndex | None = None) -> list[Image]:
    """Return the article's images (figures first, then JSON-LD-only ones), without duplicates.

    Args:
        tree: the parsed page (left unchanged).
        jsonld: the page's JSON-LD, for ``ImageObject`` captions and credits.
        hints: the page's class-name index, if already built.
    """
    hints = hints or build_hint_index(tree)
    images: list[Image] = []
    seen: set[str] = set()
    handled: set[HtmlElement] = set()
    for figure in tree.iter("figure"):
        if is_boilerplate(figure) or any(a in handled for a in figure.iterancestors("figure")):
            continue
        if _is_teaser(figure):
            handled.add(figure)
            continue
        handled.add(figure)
        _add(images, seen, _figure_image(figure))
    loose = [*hints.get("caption_hints"), *tree.iter("figcaption")]
    for element in sorted(set(loose), key=lambda e: loose.index(e)):
        if element.tag in ("figure", "img", "script") or has_hint(element, "credit_hints"):
            continue
        if element in handled or any(
            a in handled or a.tag in ("figcaption", "figure") for a in element.iterancestors()
        ):
            continue
        if is_boilerplate(element):
            continue
        handled.add(element)
        _add(images, seen, _loose_caption_image(element))
    for element in hints.get("credit_hints"):
        if element in handled or any(a in handled for a in element.iterancestors()):
            continue
        _add(images, seen, _lone_credit_image(element))
    for img in tree.xpath(_DESCRIBED_IMG):
        if not any(a in handled for a in img.iterancestors()) and not is_boilerplate(img):
            _add(images, seen, _image(img, None, None))
    for image in jsonld_images(jsonld):
        _add(images, seen, image)
    return images


def _add(images: list[Image], seen: set[str], image: Image | None) -> None:
    if image is None or not (image.caption or image.credit or image.alt):
        return
    key = collapse(f"{image.caption or ''}|{image.credit or ''}").casefold()
    if image.caption or image.credit:
        if key in seen:
            return
        seen.add(key)
    images.append(image)


def _is_teaser(figure: HtmlElement) -> bool:
    """Return whether a figure is a teaser for another page: its caption is a link's text.

    ``<a href="/other-story"><img><figcaption>Other headline</figcaption></a>``: the whole
    caption sits inside a link, so it names where the link goes, not what the picture shows.
    A link that opens the picture itself (``/photos/…``, ``pic.jpg``) is no teaser.
    """
    caption = next(figure.iter("figcaption"), None)
    if caption is None or not element_text(caption):
        return False
    links = [node for node in caption.iterancestors("a")]
    return any(a.get("href") and not _opens_picture(a.get("href") or "") for a in links)


def _opens_picture(href: str) -> bool:
    """Return whether a link opens the picture itself (a file, a gallery, a zoom view)."""
    path = href.split("?")[0].lower()
    if re.search(r"\.(?:jpe?g|png|gif|webp|avif)$", path) or href.startswith("#"):
        return True
    words = set(re.split(r"[^a-z]+", path))
    return bool(words & set(vocab()["image_link_words"]))


def _figure_image(figure: HtmlElement) -> Image | None:
    img = next(figure.iter("img"), None)
    caption_element = next(figure.iter("figcaption"), None)
    if caption_element is None:
        caption_element = next(
            (e for e in figure.iter() if isinstance(e.tag, str) and has_hint(e, "caption_hints")),
            None,
        )
    caption, credit = (
        split_caption(caption_element) if caption_element is not None else (None, None)
    )
    if not credit:
        credit = _credit_outside_caption(figure, caption_element)
    return _image(img, caption, credit)


def _loose_caption_image(element: HtmlElement) -> Image | None:
    caption, credit = split_caption(element)
    if not caption and not credit:
        return None
    parent = element.getparent()
    img = next(parent.iter("img"), None) if parent is not None else None
    container = parent
    for _ in range(_CREDIT_LEVELS):
        if credit or container is None or container.tag in ("article", "main", "body"):
            break
        credit = _credit_outside_caption(container, element)
        container = container.getparent()
    return _image(img, caption, credit)


def _lone_credit_image(element: HtmlElement) -> Image | None:
    """Return the image a credit element sits next to (a picture with a credit, no caption)."""
    if not isinstance(element.tag, str) or element.tag in _NOT_CREDIT_TAGS:
        return None
    parent = element.getparent()
    img = next(parent.iter("img"), None) if parent is not None else None
    if img is None or is_boilerplate(element) or has_hint(element, "byline_hints"):
        return None
    credit = _strip_credit_prefix(element_text(element))
    if not credit or len(credit) > _MAX_LONE_CREDIT:
        return None
    return _image(img, None, credit)


def _image(img: HtmlElement | None, caption: str | None, credit: str | None) -> Image | None:
    alt = collapse(img.get("alt")) if img is not None else ""
    if img is not None and not credit:
        credit = _attribute_credit(img)
    if img is not None and not caption:
        caption = collapse(img.get("data-caption") or "") or None
        if caption:
            caption, credit = _split_caption_text(caption, credit)
    url = _image_url(img)
    if not (caption or credit or alt):
        return None
    return Image(alt=alt or None, caption=caption or None, credit=credit or None, url=url)


def _attribute_credit(img: HtmlElement) -> str | None:
    """Return a credit from the image's ``data-credit``-like attributes or its alt/title text."""
    for node in (img, img.getparent()):
        if node is None:
            continue
        for attribute in _CREDIT_ATTRS:
            if value := _strip_credit_prefix(node.get(attribute) or ""):
                return value
    for attribute in ("title", "alt"):
        text = collapse(img.get(attribute))
        match = list(_credit_prefix().finditer(text))
        if match and match[-1].start() > 0:
            credit = _strip_credit_prefix(text[match[-1].start() :])
            if credit and len(credit) <= _MAX_LONE_CREDIT:
                return credit
    return None


def _image_url(img: HtmlElement | None) -> str | None:
    if img is None:
        return None
    for attribute in _IMAGE_ATTRS:
        value = (img.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value.split(",")[0].split()[0]
    return None


def _credit_outside_caption(container: HtmlElement, caption: HtmlElement | None) -> str | None:
    for count, element in enumerate(container.iter()):
        if count > _MAX_CREDIT_SEARCH:
            break
        if element is caption or not isinstance(element.tag, str) or element.tag == "img":
            continue
        if caption is not None and element in caption.iterdescendants():
            continue
        if has_hint(element, "credit_hints") and not has_hint(element, "caption_hints"):
            text = _strip_credit_prefix(element_text(element))
            if text and len(text) <= 200:
                return text
    return None


def split_caption(element: HtmlElement) -> tuple[str | None, str | None]:
    """Return ``(caption, credit)`` of a caption element, the credit cut out of the caption.

    The credit is the text of a child marked as credit (class, ``itemprop``, ``<small>``,
    ``<cite>``) or, failing that, the trailing ``Photo: …``/``© …`` part of the text.
    """
    credit_parts: list[str] = []
    caption_parts: list[str] = []
    _walk_caption(element, caption_parts, credit_parts, top=True)
    caption = collapse(" ".join(caption_parts))
    credit = collapse(" ".join(credit_parts))
    if not credit:
        credit = _trailing_credit_child(element, caption_parts)
        if credit:
            caption = collapse(caption[: caption.rfind(credit)]) if credit in caption else caption
    found_caption, found_credit = _split_caption_text(caption, credit or None)
    return found_caption, found_credit


def _split_caption_text(caption: str, credit: str | None) -> tuple[str | None, str | None]:
    """Return ``(caption, credit)`` of a caption string, its trailing credit cut off."""
    caption = strip_licensing(collapse(caption.replace("\u200b", " ")))
    credit = strip_licensing(collapse((credit or "").replace("\u200b", " ")))
    if not credit and caption:
        caption, credit = _split_credit_text(caption)
    credit = _strip_credit_prefix(credit)
    caption = caption.strip(" |–—-")
    if len(caption) > _MAX_CAPTION:
        caption = caption[:_MAX_CAPTION]
    return caption or None, credit or None


def _trailing_credit_child(element: HtmlElement, caption_parts: list[str]) -> str:
    """Return the text of a caption's last child when it reads as a credit, not a sentence.

    ``<figcaption><span>Leaders met in Seoul.</span><span>Jane Doe/dpa</span></figcaption>``:
    the last of several text children, a few words with no closing punctuation, after a
    child that ends a sentence.
    """
    children = [c for c in element if isinstance(c.tag, str) and element_text(c)]
    if len(children) < 2 or (element.text or "").strip():
        return ""
    last = element_text(children[-1])
    before = element_text(children[-2])
    if not before.endswith((".", "!", "?", "»", "”", '"')) or last.endswith((".", "!", "?", ":")):
        return ""
    if len(last.split()) > _MAX_CREDIT_WORDS or len(last) > _MAX_LONE_CREDIT:
        return ""
    return last


def _walk_caption(
    element: HtmlElement, caption: list[str], credit: list[str], top: bool = False
) -> None:
    if not isinstance(element.tag, str) or element.tag in ("script", "style", "button", "svg"):
        if not top and element.tail:
            caption.append(element.tail)
        return
    is_credit = not top and (
        element.tag in _CREDIT_TAGS
        or has_hint(element, "credit_hints")
        or (element.get("itemprop") or "").lower() in _CREDIT_PROPS
    )
    if is_credit:
        credit.append(element_text(element))
    else:
        caption.append(element.text or "")
        for child in element:
            _walk_caption(child, caption, credit)
    if not top and element.tail:
        caption.append(element.tail)


def _split_credit_text(caption: str) -> tuple[str, str]:
    matches = list(_credit_prefix().finditer(caption))
    match = matches[-1] if matches else None
    if match is None:
        return _unmarked_credit(caption)
    start = match.start()
    credit = _strip_unbalanced(caption[match.end() :].strip(" |."))
    if not credit or len(credit) > 120:
        return caption, ""
    head = caption[:start].rstrip(" ([|–—-")
    return head, credit


def _unmarked_credit(caption: str) -> tuple[str, str]:
    """Split off a credit that no prefix announces.

    ``… in Kyiv. (AP Photo/Efrem Lukatsky)`` and ``… in Kyiv (Reuters)``: a short bracketed
    name at the very end; ``… in Kyiv. | Jane Doe/AFP``: a short part after a bar;
    ``… in Kyiv. Getty Images``: a short unpunctuated last sentence naming an agency or a
    ``Name/Agency`` pair, or ``via``.
    """
    if match := _TRAILING_PARENS.search(caption):
        inner = match[1].strip()
        if _looks_like_credit_name(inner) and match.start() > 0:
            return caption[: match.start()].rstrip(), inner
    head, bar, tail = caption.rpartition(" | ")
    if bar and head.strip() and _looks_like_credit_name(tail):
        return head.rstrip(), tail.strip()
    if match := _LAST_SENTENCE.search(caption):
        tail = match[1].strip()
        if _looks_like_credit_name(tail) and _names_agency(tail):
            return caption[: match.start(1)].rstrip(), tail
    return caption, ""


def _looks_like_credit_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _MAX_CREDIT_WORDS or len(text) > _MAX_LONE_CREDIT:
        return False
    if (text[-1:] in ".!?:" and not _INITIAL_END.search(text)) or text.isdigit():
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or not first.isascii()


def _names_agency(text: str) -> bool:
    if "/" in text or " via " in f" {text} ":
        return True
    words = {w.casefold() for w in re.findall(r"[\w'’-]+", text)}
    return not words.isdisjoint(_agency_words())


@cache
def _agency_words() -> frozenset[str]:
    words = {w for name in vocab()["wire_agencies"] for w in name.split() if len(w) > 2}
    words.update(vocab()["credit_words"])
    return frozenset(w.casefold() for w in words) - _COMMON_WORDS


def _strip_credit_prefix(credit: str) -> str:
    text = _strip_unbalanced(collapse(credit))
    match = _credit_prefix().match(text)
    if match:
        text = text[match.end() :]
    return _strip_unbalanced(text.strip(" |.:"))


def _strip_unbalanced(text: str) -> str:
    """Strip white space, bars and brackets at the ends, keeping a bracket that a pair closes."""
    text = text.strip(" |")
    while text[:1] in "([" and text.count("(") + text.count("[") > text.count(")") + text.count(
        "]"
    ):
        text = text[1:].strip(" |")
    while text[-1:] in ")]" and text.count(")") + text.count("]") > text.count("(") + text.count(
        "["
    ):
        text = text[:-1].strip(" |")
    if text[:1] in "([" and text[-1:] in ")]" and text.count("(") + text.count("[") == 1:
        text = text[1:-1].strip()
    return text


def jsonld_images(jsonld: JsonLd) -> list[Image]:
    """Return the images the JSON-LD article node describes with a caption or a credit."""
    article = jsonld.article or {}
    out: list[Image] = []
    value: Any = article.get("image") or []
    for item in value if isinstance(value, list) else [value]:
        item = jsonld.resolve(item)
        if not isinstance(item, dict):
            continue
        caption = " ".join(text_values(item.get("caption") or item.get("description")))
        credit_values = text_values(item.get("creditText")) or person_names(
            jsonld, item.get("copyrightHolder") or item.get("author") or item.get("creator")
        )
        credit = ", ".join(credit_values)
        url = item.get("url") or item.get("contentUrl")
        if caption or credit:
            out.append(
                Image(
                    caption=collapse(caption) or None,
                    credit=collapse(credit) or None,
                    url=url if isinstance(url, str) else None,
                )
            )
    return out
