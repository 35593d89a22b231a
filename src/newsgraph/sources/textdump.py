"""Plain-text pages to ``Article``: recover the structure of a page saved as text.

A page saved as text (a browser's "save as text", ``lynx -dump`` with its ``[n]`` link markers
and trailing ``References`` list) keeps the page's furniture around the article: menus, the
section line, headline, byline, date, standfirst, links, image captions with credits,
teasers for other articles, "Edited by" lines. The reader

1. cuts the ``References`` list off and splits the page into lines;
2. passes clean article text (prose paragraphs only) through unchanged;
3. marks furniture lines by their cues (URLs, credits, dates, bylines, editor lines);
4. scores every line with the learned line model (:mod:`.textdump_lines`) and takes the
   body as the densest run of body-like lines (a maximum-sum segment);
5. reads the metadata from the lines above the body and the furniture inside it
   (:mod:`.textdump_meta`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..errors import NotAnArticleError
from ..model import Article, Image
from .bylines import take_credit_lines
from .options import ReadOptions
from .textdump_header import Roles, find_roles, header_marks, read_header
from .textdump_lines import (
    BULLET,
    MARKER,
    SENTENCE_END,
    WORD,
    Line,
    body_indent_of,
    is_clean_text,
    score_lines,
    strip_markers,
)
from .textdump_meta import nav_like, site_name, teaser_like, unproxy
from .textdump_title import TitleContext, candidates, context_for, features, page_url
from .textdump_wrap import Page, read_page

log = logging.getLogger(__name__)

SOURCE = "textdump"
THRESHOLD = 0.5  # a line's body probability above which it adds to the body segment
KEEP = 0.35  # inside the segment, lines below this probability are dropped
HEADING_MAX_WORDS = 12
RUNS = 4  # how many disjoint strong runs of lines to weigh against each other
GAP = 30  # a strong run this many lines or fewer from the body joins it
MERGE = 0.2  # … when its sum is at least this share of the body run's
EARLIER = 0.6  # an earlier run wins when its sum is at least this share of the best
DATED = 1.5  # a run just below a date line (the article's header) weighs this much more
FEED_LINE = re.compile(r"^#.*?\[\d+\](?P<site>[^\[\]»|]{2,40}?)\s+(?:»|-|–|\|)\s")


@dataclass
class _Parse:
    """A page dump read as far as its body: lines, roles, body probabilities and span."""

    page: Page
    roles: Roles
    probs: list[float]
    start: int
    end: int
    article: Article
    repeated: set[str]

    @property
    def lines(self) -> list[Line]:
        return self.page.lines


def read_textdump(text: str, source: str, options: ReadOptions) -> Article:
    """Read a plain-text page (or clean article text) into an ``Article``.

    Args:
        text: the decoded page text.
        source: the path or URL it came from (for messages).
        options: reading options (URL and date overrides are applied by the caller).

    Returns:
        The article: body paragraphs joined by blank lines, plus what metadata the page shows.

    Raises:
        NotAnArticleError: the page has no article body.
    """
    del options
    if not text.strip():
        raise NotAnArticleError("no article body found in this text", source)
    page = read_page(text)
    if is_clean_text(text, page.lines):
        return Article(text=text.strip())
    parse = _parse(page, source)
    lines, start = parse.lines, parse.start
    context = _title_context(parse)
    header, title_at = read_header(lines, start, parse.roles, context)
    article = parse.article
    if title_at is not None and title_at >= start:
        try:
            article = _body_after(parse, title_at + 1, source)
        except NotAnArticleError:
            header.title, header.tags = None, []  # the "headline" is the whole body
    for name in ("title", "tags", "authors", "dateline", "published", "published_text"):
        setattr(article, name, getattr(header, name))
    article.standfirst = header.standfirst
    article.images = header.images + article.images
    for number, names in parse.roles.editors.items():
        if number >= start and not article.editors:
            article.editors = names
    tail = [strip_markers(line.text) for line in lines[parse.end + 1 : parse.end + 6]]
    _apply_credits(article, tail)
    article.url = _find_url(lines, parse.roles) or page_url(lines, page.links)
    article.site = site_name(article.url, page.text) or _feed_site(lines)
    article.metadata_sources = {
        name: SOURCE for name in _FIELDS if getattr(article, name) not in (None, [], "")
    }
    article.id = ""
    article.__post_init__()
    log.debug("%s: body lines %d-%d of %d", source, start, parse.end, len(lines))
    return article


def _line_key(clean: str) -> str:
    """Return a line's text without list bullets, case-folded (to find repeated lines)."""
    return BULLET.sub("", clean).casefold()


def _apply_credits(article: Article, tail: list[str]) -> None:
    """Take agency credit lines out of the body: editors, and authors when no byline has any.

    ``tail`` is the few lines after the body, where a credit line the body reader left out
    may stand.
    """
    paragraphs, credits = take_credit_lines(article.text.split("\n\n"))
    if credits is None:
        _, credits = take_credit_lines(tail)
    elif paragraphs:
        article.text = "\n\n".join(paragraphs)
    if credits is None:
        return
    if not article.authors:
        article.authors = credits.authors
    if not article.editors:
        article.editors = credits.editors


def _parse(page: Page, source: str) -> _Parse:
    """Find the body of a page dump (its span of lines and its paragraphs).

    Raises:
        NotAnArticleError: no run of lines reads as an article body.
    """
    lines = page.lines
    roles = find_roles(lines)
    probs = score_lines(lines)
    span = _body_span(lines, probs, roles)
    if span is None:
        raise NotAnArticleError("no article body found in this page dump", source)
    counts: dict[str, int] = {}
    for line in lines:
        key = _line_key(strip_markers(line.text))
        counts[key] = counts.get(key, 0) + 1
    repeated = {key for key, n in counts.items() if n > 1}
    parse = _Parse(page, roles, probs, span[0], span[1], Article(text=""), repeated)
    parse.article = _body_after(parse, span[0], source)
    return parse


def _body_after(parse: _Parse, start: int, source: str) -> Article:
    """Return an article holding the body paragraphs from line ``start`` to the span's end.

    Raises:
        NotAnArticleError: no body paragraph is left.
    """
    article = Article(text="")
    lines, probs = parse.lines[start : parse.end + 1], parse.probs[start : parse.end + 1]
    body = _read_body(lines, probs, parse.roles, article, parse.repeated)
    if not body:
        raise NotAnArticleError("no article body found in this page dump", source)
    article.text = "\n\n".join(body)
    return article


def _title_context(parse: _Parse) -> TitleContext:
    lines = parse.lines
    bylines, dates = header_marks(lines, parse.start, parse.roles)
    return context_for(
        lines,
        parse.start,
        body_indent_of(lines[parse.start : parse.end + 1]),
        parse.article.text.split("\n\n"),
        parse.page.links,
        (bylines, dates, parse.probs),
    )


def title_candidates(text: str) -> list[tuple[str, list[float]]]:
    """Return each headline candidate of a page dump with its features (for fitting the model).

    Raises:
        NotAnArticleError: the page has no article body.
    """
    parse = _parse(read_page(text), "<dump>")
    context = _title_context(parse)
    return [
        (strip_markers(parse.lines[i].text), features(parse.lines, i, context))
        for i in candidates(parse.lines, parse.start)
    ]


_FIELDS = (
    "url",
    "site",
    "title",
    "authors",
    "dateline",
    "published",
    "tags",
    "standfirst",
    "editors",
    "headings",
    "images",
)


def _body_span(lines: list[Line], probs: list[float], roles: Roles) -> tuple[int, int] | None:
    """Return the first and last line of the body: a run of body-like lines of maximum sum.

    Pages often end in comments or legal text that read like prose, and the article comes
    first: so of the strong runs (at least :data:`EARLIER` of the best), the earliest wins.
    """
    furniture = roles.furniture()
    gains = [
        -5.0 * max(1, len(WORD.findall(strip_markers(line.text))))
        if i in furniture
        else (p - THRESHOLD) * max(1, len(WORD.findall(strip_markers(line.text))))
        for i, (line, p) in enumerate(zip(lines, probs, strict=True))
    ]
    runs: list[tuple[float, int, int]] = []
    blocked: list[tuple[int, int]] = []
    for _ in range(RUNS):
        found = _max_run(gains, blocked)
        if found is None:
            break
        runs.append(found)
        blocked.append((found[1], found[2]))
    if not runs:
        return None
    weighed = [(r[0] * _after_date(r[1], roles), r[1], r[2]) for r in runs]
    best = max(r[0] for r in weighed)
    chosen = min((r for r in weighed if r[0] >= EARLIER * best), key=lambda r: r[1])
    first, last = chosen[1], chosen[2]
    for total, a, b in sorted(runs, key=lambda r: r[1]):
        near = a - last <= GAP if a > last else first - b <= GAP
        if total >= MERGE * chosen[0] and near:
            first, last = min(first, a), max(last, b)
    return first, last


def _after_date(first: int, roles: Roles) -> float:
    """Return the weight of a run: :data:`DATED` when a date line stands just above it."""
    return DATED if any(k in roles.date for k in range(first - 4, first)) else 1.0


def _max_run(gains: list[float], blocked: list[tuple[int, int]]) -> tuple[float, int, int] | None:
    """Return (sum, first, last) of the maximum-sum run of ``gains`` avoiding ``blocked`` spans."""
    best, best_span = 0.0, None
    running, start = 0.0, 0
    for i, gain in enumerate(gains):
        if any(a <= i <= b for a, b in blocked):
            running = 0.0
            continue
        if running <= 0:
            running, start = gain, i
        else:
            running += gain
        if running > best:
            best, best_span = running, (start, i)
    return (best, *best_span) if best_span else None


def _read_body(
    lines: list[Line], probs: list[float], roles: Roles, article: Article, repeated: set[str]
) -> list[str]:
    """Return the body paragraphs of the segment; collect headings and images on the way.

    A short line between body lines is a sub-heading unless it reads as a link, a teaser,
    navigation, or a line the page prints elsewhere too (a teaser's headline, a menu entry).
    """
    body_indent = body_indent_of(lines)
    paragraphs: list[str] = []
    for k, (line, p) in enumerate(zip(lines, probs, strict=True)):
        clean = strip_markers(line.text)
        if line.number in roles.credit:
            caption, credit = roles.credit[line.number]
            alt = strip_markers(lines[k - 1].text) if line.number - 1 in roles.alt and k else None
            article.images.append(Image(alt=alt, caption=caption or None, credit=credit or None))
            continue
        if line.number in roles.furniture():
            continue
        words = len(WORD.findall(clean))
        if words == 0:
            continue
        short = words <= HEADING_MAX_WORDS and not SENTENCE_END.search(clean)
        if short:
            inside = 0 < k < len(lines) - 1
            if (
                inside
                and not MARKER.search(line.text)
                and not teaser_like(clean)
                and not nav_like(clean)
                and _line_key(clean) not in repeated
                and line.indent <= body_indent
                and probs[k + 1] >= THRESHOLD
            ):
                article.headings.append(clean)
                paragraphs.append(clean)
            continue
        if p < KEEP:
            continue
        if paragraphs and len(lines[k - 1].text) >= 990 and not line.blank_before:
            paragraphs[-1] += " " + clean  # lynx wrapped a paragraph longer than its width
        else:
            paragraphs.append(clean)
    return paragraphs


def _find_url(lines: list[Line], roles: Roles) -> str | None:
    for i in sorted(roles.url):
        return unproxy(strip_markers(lines[i].text))
    return None


def _feed_site(lines: list[Line]) -> str | None:
    """Name the site from a lynx feed-link line (``#[1]Site » Feed``), if the page has one."""
    for line in lines[:3]:
        match = FEED_LINE.match(line.text)
        if match and re.search(r"\b(?:Feed|RSS|Atom)\b", line.text):
            return match.group("site").strip()
    return None
