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
from dataclasses import dataclass, field

from ..errors import NotAnArticleError
from ..model import Article, Image
from .options import ReadOptions
from .textdump_lines import (
    MARKER,
    SENTENCE_END,
    URL_LINE,
    WORD,
    Line,
    body_indent_of,
    drop_references,
    is_clean_text,
    score_lines,
    split_lines,
    strip_markers,
)
from .textdump_meta import (
    find_date,
    is_date_line,
    nav_like,
    parse_byline,
    parse_editors,
    site_name,
    split_credit,
    split_tags,
    teaser_like,
    unproxy,
)

log = logging.getLogger(__name__)

SOURCE = "textdump"
THRESHOLD = 0.5  # a line's body probability above which it adds to the body segment
KEEP = 0.35  # inside the segment, lines below this probability are dropped
HEADING_MAX_WORDS = 12
RUNS = 4  # how many disjoint strong runs of lines to weigh against each other
GAP = 30  # a strong run this many lines or fewer from the body joins it
MERGE = 0.2  # … when its sum is at least this share of the body run's
EARLIER = 0.6  # an earlier run wins when its sum is at least this share of the best
FEED_LINE = re.compile(r"^#.*?\[\d+\](?P<site>[^\[\]»|]{2,40}?)\s+(?:»|-|–|\|)\s")


@dataclass
class _Roles:
    """What the cue rules say about each line (by line number)."""

    url: set[int] = field(default_factory=set)
    credit: dict[int, tuple[str, str]] = field(default_factory=dict)
    alt: set[int] = field(default_factory=set)
    editors: dict[int, list[str]] = field(default_factory=dict)
    date: set[int] = field(default_factory=set)

    def furniture(self) -> set[int]:
        return self.url | set(self.credit) | self.alt | set(self.editors) | self.date


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
    page, _links = drop_references(text)
    lines = split_lines(page)
    if is_clean_text(text, lines):
        return Article(text=text.strip())
    roles = _find_roles(lines)
    probs = score_lines(lines)
    span = _body_span(lines, probs, roles)
    if span is None:
        raise NotAnArticleError("no article body found in this page dump", source)
    start, end = span
    article = Article(text="")
    body = _read_body(lines[start : end + 1], probs[start : end + 1], roles, article)
    if not body:
        raise NotAnArticleError("no article body found in this page dump", source)
    article.text = "\n\n".join(body)
    _read_header(lines[:start], roles, article)
    for number, names in roles.editors.items():
        if number >= start and not article.editors:
            article.editors = names
    article.url = _find_url(lines, roles)
    article.site = site_name(article.url, page) or _feed_site(lines)
    article.metadata_sources = {
        name: SOURCE for name in _FIELDS if getattr(article, name) not in (None, [], "")
    }
    article.id = ""
    article.__post_init__()
    log.debug("%s: body lines %d-%d of %d", source, start, end, len(lines))
    return article


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


def _find_roles(lines: list[Line]) -> _Roles:
    roles = _Roles()
    for i, line in enumerate(lines):
        clean = strip_markers(line.text)
        if URL_LINE.match(clean):
            roles.url.add(i)
            continue
        editors = parse_editors(clean)
        if editors is not None:
            roles.editors[i] = editors
            continue
        credit = split_credit(clean)
        if credit is not None:
            roles.credit[i] = (credit.caption, credit.credit)
            previous = strip_markers(lines[i - 1].text) if i else ""
            if (
                i
                and not SENTENCE_END.search(previous)
                and len(WORD.findall(previous)) >= 4
                and not lines[i].blank_before
            ):
                roles.alt.add(i - 1)
            continue
        if len(WORD.findall(clean)) <= 12 and is_date_line(clean):
            roles.date.add(i)
    return roles


def _body_span(lines: list[Line], probs: list[float], roles: _Roles) -> tuple[int, int] | None:
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
    best = max(r[0] for r in runs)
    chosen = min((r for r in runs if r[0] >= EARLIER * best), key=lambda r: r[1])
    first, last = chosen[1], chosen[2]
    for total, a, b in sorted(runs, key=lambda r: r[1]):
        near = a - last <= GAP if a > last else first - b <= GAP
        if total >= MERGE * chosen[0] and near:
            first, last = min(first, a), max(last, b)
    return first, last


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


def _read_body(lines: list[Line], probs: list[float], roles: _Roles, article: Article) -> list[str]:
    """Return the body paragraphs of the segment; collect headings and images on the way."""
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


def _read_header(lines: list[Line], roles: _Roles, article: Article) -> None:
    """Read title, byline, date, tags, standfirst and images from the lines above the body."""
    body_indent = body_indent_of(lines) if lines else 0
    date_at = None
    for i in range(len(lines) - 1, -1, -1):
        clean = strip_markers(lines[i].text)
        found = find_date(clean) if len(WORD.findall(clean)) <= 16 else None
        if found and i not in roles.credit:
            article.published, date_at = found[0], i
            article.published_text = clean[found[1][0] : found[1][1]]
            break
    title_at = _pick_title(lines, roles, date_at, body_indent)
    byline_at = _read_byline(lines, roles, article, title_at, date_at)
    if title_at is not None:
        article.title = strip_markers(lines[title_at].text)
        article.tags = _tags_above(lines, title_at)
    marks = [m for m in (title_at, date_at, byline_at) if m is not None]
    after = max(marks) + 1 if marks else len(lines)
    for i in range(after, len(lines)):
        clean = strip_markers(lines[i].text)
        if i in roles.credit:
            caption, credit = roles.credit[i]
            alt = strip_markers(lines[i - 1].text) if i - 1 in roles.alt else None
            article.images.append(Image(alt=alt, caption=caption or None, credit=credit or None))
        elif (
            article.standfirst is None
            and i not in roles.furniture()
            and len(WORD.findall(clean)) >= 8
            and SENTENCE_END.search(clean)
            and not MARKER.search(lines[i].text)
        ):
            article.standfirst = clean


def _read_byline(
    lines: list[Line], roles: _Roles, article: Article, title_at: int | None, date_at: int | None
) -> int | None:
    """Find the byline: a cued one (``By …``) below the title, or a bare name next to title/date."""
    first = title_at + 1 if title_at is not None else 0
    near = {n for m in (title_at, date_at) if m is not None for n in range(m - 2, m + 3)}
    for i in range(first, len(lines)):
        clean = strip_markers(lines[i].text)
        if i in roles.credit or i in roles.alt or len(WORD.findall(clean)) > 16:
            continue
        byline = parse_byline(clean)
        if byline is None or not (byline.cued or i in near or byline.dateline):
            continue
        article.authors, article.dateline = byline.authors, byline.dateline
        return i
    return None


def _tags_above(lines: list[Line], title_at: int) -> list[str]:
    """Read a section/tag line just above the title (``ConflictsJapan``, ``World | Asia``)."""
    if title_at == 0:
        return []
    previous = lines[title_at - 1]
    clean = strip_markers(previous.text)
    if not 0 < len(clean.split()) <= 4 or previous.text.startswith(("*", "+", "#")):
        return []
    tags = split_tags(previous.text)
    if tags and all(t[:1].isupper() and len(t.split()) <= 3 for t in tags):
        return tags
    return []


def _pick_title(
    lines: list[Line], roles: _Roles, date_at: int | None, body_indent: int
) -> int | None:
    """Pick the headline: the best title-like line close above the date (or the body)."""
    before = date_at if date_at is not None else len(lines)
    best, best_score = None, 0.0
    lowest = max(0, before - (8 if date_at is not None else 15))
    for i in range(before - 1, lowest - 1, -1):
        line = lines[i]
        clean = strip_markers(line.text)
        words = len(WORD.findall(clean))
        if (
            i in roles.furniture()
            or not 3 <= words <= 30
            or line.text.startswith(("#", "*", "+", "("))
            or clean.endswith((".", ":", ",", ")"))
            or "____" in line.text
            or parse_byline(clean) is not None
        ):
            continue
        score = 2.0 - 0.1 * (before - i)
        if MARKER.search(line.text):
            score -= 1.0
        if 5 <= words <= 20:
            score += 0.5
        if line.indent < body_indent:
            score += 1.0
        if i + 1 in roles.credit or i + 1 in roles.alt:
            score -= 1.5
        if score > best_score:
            best, best_score = i, score
    return best


def _find_url(lines: list[Line], roles: _Roles) -> str | None:
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
