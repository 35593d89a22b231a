r"""Undo how a text browser laid a page out: rebuild each wrapped paragraph as one line.

``lynx -dump``, ``w3m -dump``, ``links -dump``, ``elinks -dump``, ``html2text`` and a browser's
"Save Page As… Text" all print a page as lines no longer than a page width (80 columns unless
told otherwise), so one paragraph becomes several lines. This module finds that width from the
page itself and joins each line to the next one when the greedy line-filling every one of
these tools uses would have put the next line's first word on the same line had it fitted:

- the *wrap edge* is the right margin that many prose lines end just short of (a ragged
  right edge); a page without one (one line per paragraph) is left as it is;
- a line continues on the next when both are non-blank, the next is indented where the
  line's text starts (past a list bullet) or centred under it, does not start a new list item,
  and the line plus the next word would pass the edge.

Two other habits of the tools are undone here: ``html2text`` prints the UTF-8 bytes of a page
as Latin-1 characters unless told ``-utf8`` (mojibake: ``historyâ\\x80\\x94with``) and writes
the spaces inside links as underscores (``Oct._14,_2025``); and words broken after a hyphen
or a slash are joined without a space.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from .textdump_lines import Line, drop_references, split_lines

ITEM = re.compile(r"^(?:[*+#o•·–-]|\d{1,3}[.)])\s+")
_WORD = re.compile(r"\w+")
_UNDERSCORED = re.compile(r"(?<=[^\s_])_(?=[^\s_])")
_RULE_END = re.compile(r"\s\*{3,}\s*$")
_RULE_START = re.compile(r"\*{3,}\s")
_JOINED = re.compile(r"^\W*[^\W_]+(?:_[^\W_]+)+\W*$")
_LINK_MARKER = re.compile(r"\[\d+\]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")
_URLISH = re.compile(r"\S*(?:://|www\.|@|\.\w{2,4}/)\S*|\S+\.[A-Za-z]\w{1,3}\W*$")
EDGE_SPAN = 14  # a line ending this many columns or fewer short of the edge is "full"
MIN_FULL = 6  # … and a page needs this many full prose lines to count as wrapped
FULL_SHARE = 0.15  # … making at least this share of its prose lines
# … and at least as many as end in the span of columns just below (a ragged right edge).


@dataclass(frozen=True)
class Layout:
    """What the unwrapper found out about a dump.

    Attributes:
        width: the wrap edge (the longest a wrapped prose line gets), or None when the page
            keeps one line per paragraph.
        underscored: whether the spaces of links were printed as underscores.
    """

    width: int | None
    underscored: bool


def _cp1252_bytes() -> dict[str, int]:
    table = {chr(b): b for b in range(0x80, 0x100)}
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue
    return table


_BYTE_OF = _cp1252_bytes()
_CONT = "[" + "".join(re.escape(c) for c, b in _BYTE_OF.items() if b < 0xC0) + "]"
_MOJIBAKE = re.compile(
    rf"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)


def _redecode(match: re.Match[str]) -> str:
    try:
        return bytes(_BYTE_OF[c] for c in match.group(0)).decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def repair_mojibake(text: str) -> str:
    r"""Return ``text`` with UTF-8 read as Latin-1 or Windows-1252 decoded again.

    Each run of characters that spells the bytes of one UTF-8 character (``â\x80\x94``,
    ``â€”``) becomes that character (``—``). Text with fewer than three such runs is returned
    unchanged: a real ``Ã©`` is rarer than a page of mojibake.
    """
    if len(_MOJIBAKE.findall(text)) < 3:
        return text
    return _MOJIBAKE.sub(_redecode, text)


def columns(text: str) -> int:
    """Return how many terminal columns ``text`` takes (East Asian wide characters take two)."""
    if text.isascii():
        return len(text)
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        for c in text
    )


def _rows(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(8).split("\n")


def _is_prose(row: str) -> bool:
    """Return whether a row reads as a line of running text (not a list item or table row)."""
    text = row.strip(" ")
    return len(_WORD.findall(text)) >= 4 and not ITEM.match(text) and "   " not in text


def find_width(rows: list[str]) -> int | None:
    """Return the wrap edge of a page's rows, or None when its prose is not wrapped.

    The edge is the length most prose lines that run on into another line stay within (the
    98th percentile); the page counts as wrapped when enough of those lines end close to it,
    many more than end a little further from it.
    """
    lengths = sorted(
        columns(row.rstrip(" "))
        for row, after in itertools.pairwise(rows)
        if _is_prose(row) and after.strip()
    )
    if len(lengths) < MIN_FULL:
        return None
    edge = lengths[int(0.98 * (len(lengths) - 1))]
    full = sum(1 for n in lengths if edge - EDGE_SPAN <= n <= edge)
    below = sum(1 for n in lengths if edge - 2 * EDGE_SPAN - 1 <= n < edge - EDGE_SPAN)
    if full < MIN_FULL or full < FULL_SHARE * len(lengths) or full < below:
        return None
    return edge


def _text_start(row: str) -> int:
    """Return the column a row's text starts at, past any list bullet or number."""
    indent = len(row) - len(row.lstrip(" \u00a0"))
    bullet = ITEM.match(row[indent:])
    return indent + (bullet.end() if bullet else 0)


def _joins(line: str, start: int, following: str, width: int) -> bool:
    """Return whether ``following`` continues ``line`` (whose text starts at ``start``)."""
    if not following.strip() or not line.strip():
        return False
    if _RULE_END.search(line) or _RULE_START.match(following.lstrip(" ")):
        return False  # html2text's ``***** Heading *****`` closes a line, or opens a new one
    indent = len(following) - len(following.lstrip(" \u00a0"))
    if ITEM.match(following[indent:]):
        return False
    if _SENTENCE_END.search(line) and _LINK_MARKER.match(following[indent:]):
        return False  # a link after a finished sentence: a teaser or caption, not a wrap
    first = following.lstrip(" ").split(" ")[0]
    end = columns(line.rstrip(" "))
    if end + 1 + columns(first) <= width or end - start < width // 3:
        return False
    if indent == start:
        return True
    # A centred heading (links, elinks and lynx centre ``<h1>``) wraps onto a centred line.
    tail = columns(following.rstrip(" "))
    return indent > start and abs((start + end) - (indent + tail)) <= 6


def _glue(line: str, following: str) -> str:
    """Join a wrapped line and its continuation, without a space after a broken word."""
    head, tail = line.rstrip(" "), following.strip(" ")
    if re.search(r"\w[-/]$", head) and re.match(r"\w", tail):
        return head + tail
    if re.match(r"/\w", tail) and re.search(r"\w$", head):
        return head + tail
    return head + " " + tail


def _underscored(text: str) -> bool:
    """Return whether a dump writes the spaces of links as underscores (``html2text``).

    A dump with link markers (``[12]``) comes from lynx or elinks, which never do; otherwise
    it takes several distinct words joined by underscores that are not file names or links.
    """
    if len(_LINK_MARKER.findall(text)) >= 3:
        return False
    joined = {w for w in text.split() if _JOINED.match(w) and not _URLISH.match(w)}
    return len(joined) >= 5


def _unscore(row: str) -> str:
    return " ".join(
        word if _URLISH.match(word) else _UNDERSCORED.sub(" ", word) for word in row.split(" ")
    )


def unwrap(text: str) -> tuple[str, Layout]:
    """Return the dump with every wrapped paragraph on one line, and the layout found.

    Widths are measured before any mojibake is repaired: the tool that wrote it counted bytes.
    Blank lines and the indentation of each paragraph's first line are kept, so the line
    reader downstream sees the page as a width-less browser would have printed it.
    """
    underscored = _underscored(text)
    rows = _rows(text)
    if underscored:
        rows = [_unscore(row) for row in rows]
    width = find_width(rows)
    if width is None:
        return repair_mojibake("\n".join(rows)), Layout(None, underscored)
    out: list[str] = []
    start, last = 0, ""
    for row in rows:
        if out and _joins(last, start, row, width):
            out[-1] = _glue(out[-1], row)
        else:
            out.append(row.rstrip(" "))
            start = _text_start(row)
        last = row
    return repair_mojibake("\n".join(out)), Layout(width, underscored)


@dataclass
class Page:
    """A dump read into lines: what :func:`read_page` returns.

    Attributes:
        text: the page without its link list, each paragraph on one line.
        lines: its non-blank lines.
        links: the link list lynx or elinks printed (``{number: url}``).
        layout: the wrap width and habits found.
    """

    text: str
    lines: list[Line]
    links: dict[int, str] = field(default_factory=dict)
    layout: Layout = field(default_factory=lambda: Layout(None, False))


def read_page(text: str) -> Page:
    """Cut a dump's link list off, undo its wrapping and split it into lines."""
    page, links = drop_references(text)
    page, layout = unwrap(page)
    return Page(page, split_lines(page), links, layout)
