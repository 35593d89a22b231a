"""Metadata of an HTML article: title, authors, date, site, tags, standfirst, dateline.

Each field is taken from the most reliable source that has it, in this order: schema.org
JSON-LD (the article node), then meta tags (OpenGraph, ``article:*``, Dublin Core, Parse.ly),
then the page itself (``<h1>``, byline elements, ``rel=author``) and, for the date, htmldate.
:func:`read_metadata` returns the values with the source of each, so that the ``Article``
can say where every field came from. An author is never invented: unknown is ``[]``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .html_authors import byline_authors, byline_line_authors, clean_authors
from .html_dates import DateEvidence, choose_date, iso_date, url_date, visible_date
from .html_dom import (
    HintIndex,
    build_hint_index,
    collapse,
    element_text,
    is_boilerplate,
    norm_key,
    vocab,
)
from .html_jsonld import JsonLd, node_types, person_names, read_jsonld, text_values

log = logging.getLogger(__name__)

JSON_LD = "json-ld"
META = "meta"
HEURISTIC = "heuristic"
HTMLDATE = "htmldate"
URL = "url"

_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—:·•»/]|::)\s+")
_DATELINE = re.compile(
    r"^((?:[A-Z][A-Z.'’-]+)(?:[ -][A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][\w.'’ ]{1,25}?)?)"
    r"(?:\s*\([A-Za-z. ]{1,20}\))?\s*(?:[—–]|--|-)\s+"
)


@dataclass
class PageMetadata:
    """Metadata values read from a page, each with the source it came from.

    ``sources`` maps a field name to ``json-ld``, ``meta``, ``htmldate``, ``heuristic`` or ``url``.
    """

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    standfirst: str | None = None
    editors: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    descriptions: list[tuple[str, str]] = field(default_factory=list)
    """The page's descriptions with their sources, for the standfirst step."""
    headline: HtmlElement | None = None
    """The ``<h1>`` taken as the article's headline element."""

    def set(self, name: str, value: object, source: str) -> None:
        """Set field ``name`` to ``value`` from ``source`` unless the value is empty."""
        if value:
            setattr(self, name, value)
            self.sources[name] = source


def meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """Return the page's ``<meta>`` values by lower-case ``property``/``name``/``itemprop``."""
    tags: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = meta.get("content")
        if key and value and value.strip():
            tags.setdefault(key.strip().lower(), []).append(collapse(value))
    return tags


def _first_meta(meta: dict[str, list[str]], keys: Iterable[str]) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if value:
                return value
    return None


def read_metadata(
    tree: HtmlElement,
    url: str | None,
    jsonld: JsonLd | None = None,
    hints: HintIndex | None = None,
) -> tuple[PageMetadata, JsonLd]:
    """Return the metadata of the page ``tree`` (and its JSON-LD, for the image step).

    Args:
        tree: the parsed page (left unchanged).
        url: the page URL if known; the page's canonical or ``og:url`` is used otherwise.
        jsonld: the page's JSON-LD if already read.
        hints: the page's class-name index, if already built.
    """
    hints = hints or build_hint_index(tree)
    meta = meta_tags(tree)
    result = PageMetadata()
    page_url = url or _first_meta(meta, ["og:url"]) or _canonical(tree)
    result.url = page_url
    data = jsonld or read_jsonld(tree, page_url)
    article = data.article or {}
    h1 = _headline_element(tree)
    _read_site(result, data, meta, page_url)
    _read_title(result, article, meta, tree, h1)
    _read_authors(result, data, meta, tree, h1, hints)
    _read_date(result, article, meta, tree, h1, hints)
    _read_tags(result, article, meta)
    _read_descriptions(result, article, meta)
    result.headline = h1
    result.set("editors", clean_authors(person_names(data, article.get("editor"))), JSON_LD)
    return result, data


# --- site and title ---------------------------------------------------------------------------


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href", "").startswith(
            "http"
        ):
            return str(link.get("href"))
    return None


def _read_site(
    result: PageMetadata, data: JsonLd, meta: dict[str, list[str]], url: str | None
) -> None:
    article = data.article or {}
    publisher = person_names(data, article.get("publisher"))
    website = data.first_of_type("website")
    if publisher:
        result.set("site", publisher[0], JSON_LD)
    elif meta_site := _first_meta(meta, vocab()["site_meta"]):
        result.set("site", meta_site, META)
    elif website and text_values(website.get("name")):
        result.set("site", text_values(website.get("name"))[0], JSON_LD)
    elif url:
        host = urlsplit(url).hostname or ""
        result.set("site", host.removeprefix("www."), URL)


def site_keys(site: str | None, url: str | None) -> set[str]:
    """Return normalised forms a site name may take in a title suffix (name, domain labels)."""
    keys: set[str] = set()
    if site:
        keys.add(norm_key(site))
        keys.add(norm_key(site.removeprefix("The ").removeprefix("the ")))
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp", "edition")]
    if labels:
        keys.add(norm_key(labels[0]))
        keys.add(norm_key(".".join(labels)))
        keys.add(norm_key(".".join(labels[:-1])) if len(labels) > 1 else "")
    return {k for k in keys if len(k) >= 2}


def strip_site_suffix(title: str, keys: set[str]) -> str:
    """Remove a leading or trailing `` | Site`` (or ``Site - ``) part that names the site.

    Args:
        title: the title as the page gives it.
        keys: normalised site names from :func:`site_keys`.
    """
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2 or not keys:
        return title
    changed = True
    while changed and len(parts) > 1:
        changed = False
        for index in (-1, 0):
            if _names_site(parts[index], keys):
                parts.pop(index)
                changed = True
                break
    if len(parts) == len(_TITLE_SEPARATOR.split(title)):
        return title
    # re-join the remaining parts with the separators the title used
    remaining = " ".join(parts)
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if start >= 0 and end > start else remaining


def _names_site(part: str, keys: set[str]) -> bool:
    key = norm_key(part)
    if not key:
        return False
    if key in keys:
        return True
    return (
        any(
            len(key) >= 4 and len(k) >= 4 and (k.startswith(key) or key.startswith(k)) for k in keys
        )
        and len(part.split()) <= 5
    )


def _headline_element(tree: HtmlElement) -> HtmlElement | None:
    candidates = [h for h in tree.iter("h1") if element_text(h)]
    if not candidates:
        return None
    for h1 in candidates:
        if not is_boilerplate(h1) and any(a.tag in ("article", "main") for a in h1.iterancestors()):
            return h1
    for h1 in candidates:
        if not is_boilerplate(h1):
            return h1
    return None


def _read_title(
    result: PageMetadata,
    article: dict[str, object],
    meta: dict[str, list[str]],
    tree: HtmlElement,
    h1: HtmlElement | None,
) -> None:
    keys = site_keys(result.site, result.url)
    heading = element_text(h1) if h1 is not None else ""
    candidates: list[tuple[str, str]] = []
    for value in text_values(article.get("headline")) + text_values(article.get("name")):
        candidates.append((value, JSON_LD))
    meta_title = _first_meta(meta, vocab()["title_meta"])
    if meta_title:
        candidates.append((meta_title, META))
    if heading:
        candidates.append((heading, HEURISTIC))
    title_tag = next(iter(tree.iter("title")), None)
    if title_tag is not None and element_text(title_tag):
        candidates.append((element_text(title_tag), HEURISTIC))
    cleaned = [(strip_site_suffix(_unescape(t), keys), s) for t, s in candidates]
    cleaned = [(t, s) for t, s in cleaned if t]
    if not cleaned:
        return
    title, source = cleaned[0]
    if heading and h1 is not None and _is_trusted_headline(h1, heading, keys):
        title, source = heading, HEURISTIC
    elif heading and norm_key(heading) == norm_key(title):
        title = heading  # the same words as they appear on the page
    elif heading:
        title, source = _prefer_heading(title, source, heading, cleaned)
    result.set("title", title, source)


def _is_trusted_headline(h1: HtmlElement, heading: str, keys: set[str]) -> bool:
    """Return whether the ``<h1>`` is the article's own headline (in the article, or alone)."""
    if len(heading.split()) < 3 or _names_site(heading, keys):
        return False
    if any(a.tag in ("article", "main") for a in h1.iterancestors()):
        return True
    tree = h1.getroottree()
    return sum(1 for h in tree.iter("h1") if element_text(h)) == 1


def _prefer_heading(
    title: str, source: str, heading: str, cleaned: list[tuple[str, str]]
) -> tuple[str, str]:
    """Return the on-page headline when the metadata title is that headline plus decoration."""
    head_key = norm_key(heading)
    title_key = norm_key(title)
    if len(head_key) < 8:
        return title, source
    if any(norm_key(t) == head_key for t, s in cleaned if s != HEURISTIC):
        return heading, HEURISTIC
    truncated = title.rstrip().endswith(("...", "…"))
    if head_key in title_key or (truncated and head_key.startswith(title_key[:-3])):
        return heading, HEURISTIC
    return title, source


def _unescape(text: str) -> str:
    from html import unescape

    return collapse(unescape(text))


# --- authors ----------------------------------------------------------------------------------


def _read_authors(
    result: PageMetadata,
    data: JsonLd,
    meta: dict[str, list[str]],
    tree: HtmlElement,
    h1: HtmlElement | None,
    hints: HintIndex,
) -> None:
    """Take the first source that names authors, or one byline string that lists more.

    A single meta value or byline element that names every author already found plus others
    (``Jane Doe, John Roe`` where JSON-LD gives only Jane Doe) is the fuller byline.
    """
    keys = site_keys(result.site, result.url)
    meta_values = [v for key in vocab()["author_meta"] for v in meta.get(key, ())]
    for node in (data.article, data.page):
        if node:
            raw = person_names(
                data, _typed_authors(data, node.get("author") or node.get("creator"))
            )
            names = clean_authors(raw, keys)
            if names:
                lines = [clean_authors([v], keys) for v in meta_values]
                lines.append(byline_line_authors(tree, h1, keys, hints))
                fuller = _fuller_byline(names, lines)
                result.set("authors", fuller or names, HEURISTIC if fuller else JSON_LD)
                return
    names = clean_authors(meta_values, keys)
    if names:
        result.set("authors", names, META)
        return
    declined = _declined_agencies(data)
    headline = (result.title or "").casefold()
    found = [
        n
        for n in byline_authors(tree, h1, keys, hints)
        if n.casefold() not in declined and n.casefold() not in headline  # not the subject
    ]
    result.set("authors", found, HEURISTIC)


def _declined_agencies(data: JsonLd) -> set[str]:
    """Return the wire agencies that JSON-LD names as author without a person/organisation type.

    The page's own data declines them as authors, so the byline heuristics must not bring
    them back (``"author": {"@type": "Thing", "name": "AFP"}`` with a byline ``AFP``).
    """
    allowed = set(vocab()["author_types"])
    agencies = {a.casefold() for a in vocab()["wire_agencies"]}
    declined: set[str] = set()
    for node in (data.article, data.page):
        if not node:
            continue
        value = node.get("author") or node.get("creator")
        for item in value if isinstance(value, list) else [value]:
            item = data.resolve(item)
            if isinstance(item, dict) and not node_types(item) & allowed:
                name = str(item.get("name") or "").casefold().strip()
                if name in agencies:
                    declined.add(name)
    return declined


def _fuller_byline(names: list[str], lines: list[list[str]]) -> list[str] | None:
    known = {n.casefold() for n in names}
    for line in lines:
        if len(line) > len(names) and known <= {n.casefold() for n in line}:
            return line
    return None


def _typed_authors(data: JsonLd, value: object) -> list[object]:
    """Return the author values that are people or organisations, refs resolved.

    An object of another type (``Thing``) is kept only when it does not name a wire agency;
    organisations are dropped when people are listed too (the byline is the people).
    """
    allowed = set(vocab()["author_types"])
    agencies = {a.casefold() for a in vocab()["wire_agencies"]}
    items = [data.resolve(i) for i in (value if isinstance(value, list) else [value])]
    has_person = any(isinstance(i, dict) and "person" in node_types(i) for i in items)
    kept: list[object] = []
    for item in items:
        if isinstance(item, dict) and item.get("@type"):
            types = node_types(item)
            name = str(item.get("name") or "").casefold().strip()
            if not types & allowed and name in agencies:
                continue
            if has_person and "person" not in types and types & allowed:
                continue
        kept.append(item)
    return kept


# --- date -------------------------------------------------------------------------------------


def _read_date(
    result: PageMetadata,
    article: dict[str, object],
    meta: dict[str, list[str]],
    tree: HtmlElement,
    h1: HtmlElement | None,
    hints: HintIndex,
) -> None:
    """Weigh the machine dates, the printed date and the URL date (see :mod:`.html_dates`)."""
    evidence = DateEvidence()
    for key in ("datePublished", "dateCreated", "uploadDate"):
        evidence.published.extend(
            (found, JSON_LD) for v in text_values(article.get(key)) if (found := iso_date(v))
        )
    for key in vocab()["date_meta"]:
        evidence.published.extend((f, META) for v in meta.get(key, ()) if (f := iso_date(v)))
    for element in tree.iter("time"):
        marked = (element.get("itemprop") or "").lower() == "datepublished"
        marked = marked or "publish" in (element.get("class") or "").lower()
        if marked and (found := iso_date(element.get("datetime"))):
            evidence.published.append((found, HEURISTIC))
    modified = text_values(article.get("dateModified"))
    modified += [v for key in vocab()["modified_meta"] for v in meta.get(key, ())]
    evidence.modified = {found for v in modified if (found := iso_date(v))}
    evidence.visible = visible_date(tree, h1, hints)
    evidence.url = url_date(result.url)
    found, source = choose_date(evidence)
    if found:
        result.set("published", found, source)
    else:
        result.set("published", _htmldate(tree, result.url), HTMLDATE)


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError) as exc:  # htmldate raises on odd trees
        log.debug("htmldate failed: %s", exc)
        return None
    return iso_date(found) if isinstance(found, str) else None


# --- tags, standfirst, dateline ------------------------------------------------------------------


def _read_tags(
    result: PageMetadata, article: dict[str, object], meta: dict[str, list[str]]
) -> None:
    tags = _split_tags(text_values(article.get("keywords")))
    if tags:
        result.set("tags", tags, JSON_LD)
        return
    for key in vocab()["keyword_meta"]:
        tags = _split_tags(meta.get(key, []))
        if tags:
            result.set("tags", tags, META)
            return


def _split_tags(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        for part in re.split(r"\s*[,;|]\s*", value) if len(values) == 1 else [value]:
            tag = collapse(part)
            if tag and len(tag) <= 80 and tag.casefold() not in seen:
                seen[tag.casefold()] = tag
    return list(seen.values())


def _read_descriptions(
    result: PageMetadata, article: dict[str, object], meta: dict[str, list[str]]
) -> None:
    """Keep the page's descriptions (JSON-LD, then meta tags) for the standfirst step."""
    found = [(_unescape(v), JSON_LD) for v in text_values(article.get("description"))]
    found += [
        (_unescape(v), META) for key in vocab()["description_meta"] for v in meta.get(key, ())
    ]
    seen: set[str] = set()
    for text, source in found:
        if text and text not in seen:
            seen.add(text)
            result.descriptions.append((text, source))


def find_dateline(text: str) -> str | None:
    """Return the dateline opening the body.

    ``TALLAHASSEE, Fla. (AP) — Florida State sued`` gives ``TALLAHASSEE, Fla.``.
    """
    match = _DATELINE.match(text[:120])
    if not match:
        return None
    place = match[1].strip().rstrip(",")
    return place if len(place) >= 3 else None
