"""The furniture of a plain-text page dump: the role of each line, and the article's header.

:func:`find_roles` marks the lines the cue rules recognise (URLs, image credits and the alt
text above them, ``Edited by`` lines, date lines). :func:`read_header` reads the headline
(:mod:`.textdump_title`), the date, the byline, the section tags, the standfirst and the images
from the lines above the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Image
from .textdump_lines import MARKER, SENTENCE_END, URL_LINE, WORD, Line, strip_markers
from .textdump_meta import (
    find_date,
    is_date_line,
    parse_byline,
    parse_editors,
    split_credit,
    split_tags,
)
from .textdump_title import TitleContext, pick_title

DATE_WORDS = 16  # a line with a date and at most this many words can be the article's date
BYLINE_WORDS = 16
BYLINE_BELOW_TITLE = 15  # a byline this many lines or fewer below the headline is the article's
DATE_BELOW_TITLE = 12  # a date this many lines or fewer below the headline is the article's


@dataclass
class Roles:
    """What the cue rules say about each line (by line number)."""

    url: set[int] = field(default_factory=set)
    credit: dict[int, tuple[str, str]] = field(default_factory=dict)
    alt: set[int] = field(default_factory=set)
    editors: dict[int, list[str]] = field(default_factory=dict)
    date: set[int] = field(default_factory=set)

    def furniture(self) -> set[int]:
        """Return the lines that are furniture by their cues."""
        return self.url | set(self.credit) | self.alt | set(self.editors) | self.date


def find_roles(lines: list[Line]) -> Roles:
    """Mark the lines whose cues say what they are (URL, credit, alt text, editors, date)."""
    roles = Roles()
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


def header_marks(lines: list[Line], start: int, roles: Roles) -> tuple[set[int], set[int]]:
    """Return the byline lines and the date lines above the body (and just inside it)."""
    bylines: set[int] = set()
    dates: set[int] = set()
    for i in range(max(0, start - 80), min(len(lines), start + 3)):
        clean = strip_markers(lines[i].text)
        if i in roles.credit or len(WORD.findall(clean)) > DATE_WORDS:
            continue
        if find_date(clean):
            dates.add(i)
        if parse_byline(clean) is not None:
            bylines.add(i)
    return bylines, dates


def read_header(
    lines: list[Line], start: int, roles: Roles, context: TitleContext
) -> tuple[Article, int | None]:
    """Read title, date, byline, tags, standfirst and images from the lines above the body.

    Returns:
        An article holding only those fields (its text is empty), and the headline's line.
    """
    article = Article(text="")
    title_at = pick_title(lines, context)
    date_at = _read_date(lines, start, roles, title_at, article)
    byline_at = _read_byline(lines, start, roles, article, title_at, date_at)
    if title_at is not None:
        article.title = strip_markers(lines[title_at].text)
        article.tags = _tags_above(lines, title_at)
    marks = [m for m in (title_at, date_at, byline_at) if m is not None and m < start]
    after = max(marks) + 1 if marks else start
    for i in range(after, start):
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
    return article, title_at


def _read_date(
    lines: list[Line], start: int, roles: Roles, title_at: int | None, article: Article
) -> int | None:
    """Find the date: the first one below the headline, else the nearest above the body.

    The lines below the headline are searched even where the body span has begun (a date
    line is short and the body reader drops it).
    """
    order: list[int] = []
    if title_at is not None:
        order.extend(range(title_at + 1, min(len(lines), title_at + 1 + DATE_BELOW_TITLE)))
    order.extend(range(start - 1, -1, -1))
    for i in order:
        clean = strip_markers(lines[i].text)
        found = find_date(clean) if len(WORD.findall(clean)) <= DATE_WORDS else None
        if found and i not in roles.credit:
            article.published = found[0]
            article.published_text = clean[found[1][0] : found[1][1]]
            return i
    return None


def _read_byline(
    lines: list[Line],
    start: int,
    roles: Roles,
    article: Article,
    title_at: int | None,
    date_at: int | None,
) -> int | None:
    """Find the byline: a cued one (``By …``) near the title, or a bare name next to title/date.

    The lines searched run from just above the headline (some pages print the byline first)
    to :data:`BYLINE_BELOW_TITLE` lines below it; a ``By`` alone on its line takes the names
    on the lines after it.
    """
    if title_at is None:
        order = list(range(start))
    else:
        last = min(len(lines), title_at + 1 + BYLINE_BELOW_TITLE)
        order = [*range(title_at + 1, last), *range(title_at - 1, max(-1, title_at - 4), -1)]
    near = {n for m in (title_at, date_at) if m is not None for n in range(m - 2, m + 3)}
    for i in order:
        if i in roles.credit or i in roles.alt:
            continue
        clean = _with_names_below(lines, i)
        if len(WORD.findall(clean)) > BYLINE_WORDS:
            continue
        byline = parse_byline(clean)
        above = title_at is not None and i < title_at
        if byline is None or not (byline.cued or (i in near and not above) or byline.dateline):
            continue
        if above and not byline.cued:
            continue
        if not byline.cued and _in_headline(byline.authors, lines, title_at):
            continue  # the story's subject (``Jane Doe and John Roe``), not its author
        article.authors, article.dateline = byline.authors, byline.dateline
        return i
    return None


def _in_headline(names: list[str], lines: list[Line], title_at: int | None) -> bool:
    if title_at is None:
        return False
    headline = strip_markers(lines[title_at].text).casefold()
    return any(name.casefold() in headline for name in names)


def _with_names_below(lines: list[Line], i: int) -> str:
    """Return line ``i``; a bare ``By`` gets the short lines below it (``By`` / ``Jane Doe``)."""
    clean = strip_markers(lines[i].text)
    if clean.lower().rstrip(":") not in ("by", "von", "par", "por", "door", "di"):
        return clean
    parts = [clean]
    for k in range(i + 1, min(len(lines), i + 8)):
        text = strip_markers(lines[k].text)
        if len(WORD.findall(text)) > 6:
            break
        parts.append(text if text in (",", "and", "&") else f"{text},")
    return " ".join(parts).replace(" ,", ",").rstrip(",")


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
