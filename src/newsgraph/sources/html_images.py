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
_IMAGE_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "data-srcset", "srcset")


@cache
def _credit_prefix() -> re.Pattern[str]:
    prefixes = sorted(vocab()["credit_prefixes"], key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in prefixes)
    return re.compile(rf"(?:^|(?<=[\s(\[|.–—-]))(?:{alternatives})\s*", re.I)


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
        handled.add(figure)
        _add(images, seen, _figure_image(figure))
    for element in hints.get("caption_hints"):
        if element.tag in ("figure", "figcaption", "img", "script") or has_hint(
            element, "credit_hints"
        ):
            continue
        if any(a in handled or a.tag == "figcaption" for a in element.iterancestors()):
            continue
        if is_boilerplate(element):
            continue
        handled.add(element)
        _add(images, seen, _loose_caption_image(element))
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
    if not credit and parent is not None:
        credit = _credit_outside_caption(parent, element)
    return _image(img, caption, credit)


def _image(img: HtmlElement | None, caption: str | None, credit: str | None) -> Image | None:
    alt = collapse(img.get("alt")) if img is not None else ""
    if img is not None and not credit:
        credit = collapse(img.get("data-credit") or img.get("data-copyright") or "") or None
    if img is not None and not caption:
        caption = collapse(img.get("data-caption") or "") or None
    url = _image_url(img)
    if not (caption or credit or alt):
        return None
    return Image(alt=alt or None, caption=caption or None, credit=credit or None, url=url)


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
    if not credit and caption:
        caption, credit = _split_credit_text(caption)
    credit = _strip_credit_prefix(credit)
    caption = caption.strip(" |–—-")
    if len(caption) > _MAX_CAPTION:
        caption = caption[:_MAX_CAPTION]
    return caption or None, credit or None


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
        return caption, ""
    start = match.start()
    credit = _strip_unbalanced(caption[match.end() :].strip(" |."))
    if not credit or len(credit) > 120:
        return caption, ""
    head = caption[:start].rstrip(" ([|–—-")
    return head, credit


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
