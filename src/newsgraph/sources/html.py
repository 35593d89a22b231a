"""HTML pages to ``Article``: trafilatura for the body; JSON-LD, meta tags and page heuristics.

The page is parsed once with lxml; the metadata steps (:mod:`.html_metadata`,
:mod:`.html_images`) and trafilatura all read that one tree (trafilatura works on its own copy).
The body keeps one paragraph per block, separated by blank lines; sub-headings stay in the body
as their own paragraphs and are also listed in ``Article.headings``.

``Article.metadata_sources`` says where each field came from: ``json-ld``, ``meta``,
``htmldate``, ``heuristic`` (the page itself), ``url`` or ``trafilatura``.
"""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ..errors import NotAnArticleError
from ..model import Article
from .bylines import take_credit_lines
from .html_depth import PARSER_LIMIT, flatten_deep, tree_depth
from .html_dom import build_hint_index, collapse, vocab
from .html_images import read_images
from .html_jsonld import JsonLd
from .html_metadata import HEURISTIC, PageMetadata, find_dateline, read_metadata
from .html_standfirst import choose_standfirst
from .options import ReadOptions
from .textdump_meta import is_date_line, parse_byline

__all__ = ["parse_html", "read_html"]

log = logging.getLogger(__name__)

TRAFILATURA = "trafilatura"
MIN_PROSE_CHARS = 200
"""A page that does not declare itself an article needs this much prose (sentence lines)."""
_MIN_PROSE_SHARE = 0.5
_MAX_LINK_SHARE = 0.5
_PROSE_WORDS = 12
_SENTENCE_WORDS = 6
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "»", "…", ")", "。")
_NO_BODY = "no article body found in this page"
_HEADER_LINES = 4  # how many opening body paragraphs may be the page's header
_DATE_LINE_WORDS = 12

_ARTICLE_OG_TYPES = ("article", "news", "blog")


def parse_html(html: str, source: str) -> HtmlElement:
    """Parse ``html`` into an lxml tree, forgiving malformed and truncated markup.

    Raises:
        NotAnArticleError: nothing in the text parses as HTML.
    """
    tree = load_html(html) if html.strip() else None
    if tree is None:
        tree = load_html(f"<html><body>{html}</body></html>") if html.strip() else None
    if tree is None:
        raise NotAnArticleError("no HTML to read in this page", source)
    if tree_depth(tree) >= PARSER_LIMIT:  # the parser drops what lies deeper: flatten first
        log.debug("%s: nested deeper than the parser goes; flattening", source)
        flat = load_html(flatten_deep(html))
        if flat is not None:
            tree = flat
    return tree


def read_html(html: str, source: str, options: ReadOptions) -> Article:
    """Read an HTML page into an ``Article``.

    Args:
        html: the decoded page.
        source: the path or URL it was read from (for error messages).
        options: reading options; ``options.url`` is the page URL when known.

    Returns:
        The article, with ``metadata_sources`` naming where each field came from.

    Raises:
        NotAnArticleError: the page has no article body (an index, login or error page).
    """
    tree = parse_html(html, source)
    hints = build_hint_index(tree)
    meta, jsonld = read_metadata(tree, options.url, hints=hints)
    body = _extract_body(tree, meta.url)
    paragraphs, headings = body_blocks(body) if body is not None else ([], [])
    paragraphs, credits = take_credit_lines(_drop_header_lines(paragraphs, meta.title))
    if credits is not None:
        if not meta.authors:
            meta.set("authors", credits.authors, HEURISTIC)
        if not meta.editors:
            meta.set("editors", credits.editors, HEURISTIC)
    text = "\n\n".join(paragraphs)
    if reason := _not_article_reason(paragraphs, meta, tree, jsonld):
        raise NotAnArticleError(reason, source)
    headings = _keep_headings(headings, meta.title)
    standfirst, standfirst_source = choose_standfirst(
        hints, meta.headline, meta.title, meta.descriptions, paragraphs
    )
    if standfirst:
        meta.set("standfirst", standfirst, standfirst_source)
        if standfirst_source == HEURISTIC and not _in_body(standfirst, paragraphs):
            # A standfirst printed on the page is read as the story's first paragraph, so that
            # what it states (often the main happening) has offsets like the rest.
            text = f"{standfirst}\n\n{text}" if text else standfirst
    article = Article(
        text=text,
        url=meta.url,
        site=meta.site,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        tags=meta.tags,
        standfirst=meta.standfirst,
        editors=meta.editors,
        headings=headings,
        images=read_images(tree, jsonld, hints),
        metadata_sources=dict(meta.sources),
    )
    _finish(article, meta)
    return article


def _in_body(standfirst: str, paragraphs: list[str]) -> bool:
    """Whether most of the standfirst's word 4-grams are already in the body."""

    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.casefold())
        return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}

    wanted = grams(standfirst)
    return len(wanted & grams(" ".join(paragraphs))) * 2 >= len(wanted)


def _extract_body(tree: HtmlElement, url: str | None) -> _Element | None:
    """Return trafilatura's XML body (precision first, recall when that finds nothing)."""
    for precision in (True, False):
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            favor_precision=precision,
            favor_recall=not precision,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
        )
        body = getattr(document, "body", None)
        if body is not None and collapse("".join(body.itertext())):
            return body
    return None


_BLOCK_TAGS = frozenset(
    {"p", "head", "item", "quote", "code", "row", "list", "table", "cell", "lb"}
)


def body_blocks(body: _Element) -> tuple[list[str], list[str]]:
    """Return the paragraphs of trafilatura's XML body and its sub-headings.

    Every block (paragraph, heading, list item, quotation, table row) becomes one paragraph;
    line breaks inside a paragraph split it.
    """
    text = trafilatura.xml.xmltotxt(body, False) or ""
    paragraphs = [collapse(line) for line in text.split("\n")]
    headings = [collapse("".join(h.itertext())) for h in body.iter("head")]
    return [p for p in paragraphs if p], [h for h in headings if h]


def _drop_header_lines(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop the headline, date and byline lines that open a body (the page's header).

    Only lines before the first other paragraph go: the headline repeated (case and white
    space aside), a line that is mostly a date, a ``By …`` line.
    """
    title_key = collapse(title).casefold() if title else None
    for k, paragraph in enumerate(paragraphs[:_HEADER_LINES]):
        key = collapse(paragraph).casefold()
        header = (
            key == title_key
            or (len(paragraph.split()) <= _DATE_LINE_WORDS and is_date_line(paragraph))
            or (
                len(paragraph.split()) <= _DATE_LINE_WORDS
                and parse_byline(paragraph) is not None
                and paragraph.lower().startswith("by ")
            )
        )
        if not header:
            return paragraphs[k:] if k else paragraphs
    return paragraphs


def _keep_headings(headings: list[str], title: str | None) -> list[str]:
    dropped = set(vocab()["drop_headings"])
    title_key = collapse(title).casefold()
    kept: list[str] = []
    for heading in headings:
        key = heading.casefold().rstrip(":")
        if key in dropped or key == title_key or heading in kept or len(heading) > 300:
            continue
        kept.append(heading)
    return kept


def _not_article_reason(
    paragraphs: list[str], meta: PageMetadata, tree: HtmlElement, jsonld: JsonLd
) -> str | None:
    """Return why the page is no article (``None`` when it is one).

    A body is article text when it holds prose: lines of several words that end like
    sentences. An index, login or error page yields short lines, mostly the text of links.
    A page that declares itself an article (``og:type``, a JSON-LD article node, a byline)
    only needs some text; others need :data:`MIN_PROSE_CHARS` of prose making up half the
    body, or not made of link texts.
    """
    text = "\n\n".join(paragraphs)
    if not text.strip():
        return "no article body found in this page"
    og_type = " ".join(
        m.get("content") or "" for m in tree.iter("meta") if m.get("property") == "og:type"
    )
    declared = (
        jsonld.article is not None
        or bool(meta.sources.get("authors"))
        or og_type.lower().startswith(_ARTICLE_OG_TYPES)
    )
    prose = sum(len(p) for p in paragraphs if _is_prose(p))
    if declared:
        return None
    if prose >= MIN_PROSE_CHARS and prose >= _MIN_PROSE_SHARE * len(text):
        return None
    if prose >= MIN_PROSE_CHARS and _link_share(paragraphs, tree) < _MAX_LINK_SHARE:
        return None
    return f"{_NO_BODY} (short lines and links, like an index, login or error page)"


def _is_prose(paragraph: str) -> bool:
    words = len(paragraph.split())
    return words >= _PROSE_WORDS or (
        words >= _SENTENCE_WORDS and paragraph.rstrip().endswith(_SENTENCE_ENDS)
    )


def _link_share(paragraphs: list[str], tree: HtmlElement) -> float:
    """Return the share of body paragraphs that are the whole text of a link."""
    links = {collapse("".join(a.itertext())) for a in tree.iter("a")}
    return sum(p in links for p in paragraphs) / max(1, len(paragraphs))


_TITLE_LINE = re.compile(r"\s+")


def _finish(article: Article, meta: PageMetadata) -> None:
    """Fill the fields read from the body and record their sources."""
    dateline = find_dateline(article.text)
    if dateline:
        article.dateline = dateline
        article.metadata_sources["dateline"] = HEURISTIC
    if article.headings:
        article.metadata_sources["headings"] = TRAFILATURA
    if article.images:
        article.metadata_sources["images"] = HEURISTIC
    if not article.title and article.text:
        log.debug("no title found for %s", meta.url)
