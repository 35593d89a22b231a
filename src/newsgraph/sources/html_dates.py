"""The publication date of an HTML article, as the page shows it to its readers.

A page usually carries several dates: machine dates (JSON-LD ``datePublished``/``dateModified``,
``article:published_time``), the date printed under the headline, a date in the URL. They
disagree in two common ways: a machine timestamp written in UTC falls on the next or previous
day of the publisher's own calendar (``2023-12-20T01:00Z`` for an evening story of
December 19 in New York), and a page whose story was updated prints the update date only.
:func:`choose_date` settles this with general rules:

1. every date is taken as written, in its own time zone (``-05:00`` stays local, no UTC shift);
2. the date the page prints near its headline (a ``<time>`` element or an element whose class
   says *date*/*published*/*timestamp*) wins over a machine date one day away (time zones) and
   over the machine publication date when it is the machine *modification* date (the page
   shows its update date);
3. otherwise ``datePublished`` before ``article:published_time`` before other meta dates;
   ``dateModified``/``og:updated_time`` never stand in for a publication date;
4. a printed date alone, then a date in the URL (``/2023/12/21/``), then htmldate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from lxml.html import HtmlElement

from .html_dom import HintIndex, class_and_id, element_text, has_hint, vocab

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASH_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\D|$)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)\b")
_MIN_YEAR = 1990
_MAX_VISIBLE_TEXT = 120
_FOLLOWING_CANDIDATES = 4
_HINT_DEPTH = 4
_BLOCK_LEVELS = 3
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "noscript", "template"})
_FURNITURE_HINTS = re.compile(
    r"(?:^|[\s_-])(?:related|recommend\w*|promo|sidebar|teaser|teasers|card|more-stories|"
    r"most-popular|trending|outbrain|taboola|nav|menu|breadcrumbs?|comments?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"updated|update|modified|aktualisiert|mis à jour|actualizad|aggiornat|bijgewerkt", re.I
)


def iso_date(value: str | None) -> str | None:
    """Return the ``YYYY-MM-DD`` calendar date a date/time string names, or ``None``.

    The date is taken as written (no time-zone shift): ``2023-05-09T23:30:00-04:00`` is
    ``2023-05-09``, the day the publisher's readers saw.
    """
    if not value:
        return None
    text = value.strip()
    match = _ISO_DATE.search(text[:40]) or _SLASH_DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        return valid_date(int(match[1]), int(match[2]), int(match[3]))
    if text.isdigit() and len(text) in (10, 13):
        stamp = int(text) / (1000 if len(text) == 13 else 1)
        return valid_date(*datetime.fromtimestamp(stamp).timetuple()[:3])
    return text_date(text) or _dateutil_date(text)


def _dateutil_date(text: str) -> str | None:
    try:
        from dateutil import parser as date_parser  # type: ignore[import-untyped,unused-ignore]

        parsed = date_parser.parse(text, fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return valid_date(parsed.year, parsed.month, parsed.day)


def valid_date(year: int, month: int, day: int) -> str | None:
    """Return ``YYYY-MM-DD`` for a plausible publication date (1990 to next year), else ``None``."""
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if found.year < _MIN_YEAR or found > date.today().replace(year=date.today().year + 1):
        return None
    return found.isoformat()


@cache
def _months() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, names in enumerate(vocab()["month_names"], start=1):
        for name in names:
            table[name.casefold()] = number
    return table


@cache
def _month_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted((re.escape(m) for m in _months()), key=len, reverse=True))
    month_first = re.compile(
        rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I
    )
    day_first = re.compile(
        rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:de\s+)?({names})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)\b",
        re.I,
    )
    return month_first, day_first


def text_date(text: str, month_first_numbers: bool = True) -> str | None:
    """Return the first full date written in running text (``Dec. 21, 2023 11:00 pm EST``).

    Month names (English, German, French, Spanish, Italian, Dutch, Portuguese), ISO dates and
    numeric ``12/22/2023`` or ``22.12.2023`` dates are read; a slashed date is month first
    when ``month_first_numbers`` (US English pages) unless its first number exceeds 12.
    """
    month_first, day_first = _month_patterns()
    found: list[tuple[int, str]] = []
    for match in month_first.finditer(text):
        month = _months().get(match[1].casefold().rstrip("."))
        if month and (value := valid_date(int(match[3]), month, int(match[2]))):
            found.append((match.start(), value))
            break
    for match in day_first.finditer(text):
        month = _months().get(match[2].casefold().rstrip("."))
        if month and (value := valid_date(int(match[3]), month, int(match[1]))):
            found.append((match.start(), value))
            break
    iso = _ISO_DATE.search(text)
    if iso and (value := valid_date(int(iso[1]), int(iso[2]), int(iso[3]))):
        found.append((iso.start(), value))
    if numeric := _NUMERIC_DATE.search(text):
        first, second, year = int(numeric[1]), int(numeric[3]), int(numeric[4])
        month_first_here = numeric[2] == "/" and month_first_numbers and first <= 12
        month, day = (first, second) if month_first_here else (second, first)
        if value := valid_date(year, month, day):
            found.append((numeric.start(), value))
    return min(found)[1] if found else None


def url_date(url: str | None) -> str | None:
    """Return the date a URL path spells out (``/2023/12/21/``, ``/2023-12-21-``), if any."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    return valid_date(int(match[1]), int(match[2]), int(match[3])) if match else None


@dataclass
class DateEvidence:
    """The dates a page offers, each as ``YYYY-MM-DD`` (``None`` when absent)."""

    published: list[tuple[str, str]] = field(default_factory=list)
    """Machine publication dates in order of trust, each with its source name."""
    modified: set[str] = field(default_factory=set)
    """Machine modification dates."""
    visible: str | None = None
    """The date printed near the headline."""
    url: str | None = None
    """The date in the page URL."""


def visible_date(tree: HtmlElement, h1: HtmlElement | None, hints: HintIndex) -> str | None:
    """Return the date the page prints for the article, near its headline.

    Candidates are ``<time>`` elements and elements whose class/id names a date
    (``article-date``, ``c-timestamp``, ``datePublished``), outside navigation and related-link
    boxes, whose short text holds a full date (or, for ``<time>``, whose ``datetime`` does).
    The first candidate after the ``<h1>`` is taken, else the nearest one before it. When that
    one is labelled as an update (``Updated Dec. 23``) and the next few print an earlier date
    (``Published Dec. 22``), the earliest is the publication date the page shows.
    """
    lang = (tree.get("lang") or "").lower()
    month_first = lang in ("", "en", "en-us") or lang.startswith("en-us")
    after: list[tuple[str, HtmlElement]] = []
    before: tuple[str, HtmlElement] | None = None
    seen_h1 = h1 is None
    for element in hints.get("date_hints"):
        if element is h1:
            seen_h1 = True
        if element.tag == "h1" and not has_hint(element, "date_hints"):
            continue
        found = _element_date(element, month_first)
        if not found or _in_furniture(element):
            continue
        if seen_h1:
            after.append((found, element))
            if len(after) > _FOLLOWING_CANDIDATES:
                break
        else:
            before = (found, element)
    chosen = after[0] if after else before
    if chosen is None:
        return None
    if _UPDATED.search(_label(chosen[1])):
        block = _ancestor(chosen[1], _BLOCK_LEVELS)
        earlier = [
            d
            for d, e in after[1:]
            if d < chosen[0] and not _UPDATED.search(_label(e)) and _ancestor(e, 0) in block.iter()
        ]
        if earlier:
            return min(earlier)
    return chosen[0]


def _ancestor(element: HtmlElement, levels: int) -> HtmlElement:
    for _ in range(levels):
        parent = element.getparent()
        if parent is None:
            break
        element = parent
    return element


def _label(element: HtmlElement) -> str:
    return f"{class_and_id(element)} {element_text(element)[:_MAX_VISIBLE_TEXT]}"


def _in_furniture(element: HtmlElement) -> bool:
    """Return whether the element sits in navigation, an aside or a related-links box."""
    for depth, node in enumerate((element, *element.iterancestors())):
        if node.tag in _FURNITURE_TAGS:
            return True
        if depth <= _HINT_DEPTH and _FURNITURE_HINTS.search(class_and_id(node)):
            return True
    return False


def _element_date(element: HtmlElement, month_first: bool) -> str | None:
    text = element_text(element)
    if len(text) <= _MAX_VISIBLE_TEXT and (found := text_date(text, month_first)):
        return found
    if element.tag == "time" and not text_date(text, month_first):
        return iso_date(element.get("datetime")) if _has_no_other_date(text) else None
    return None


def _has_no_other_date(text: str) -> bool:
    return not re.search(r"\d{4}", text)


def _days_apart(first: str, second: str) -> int:
    return abs((date.fromisoformat(first) - date.fromisoformat(second)).days)


def choose_date(evidence: DateEvidence) -> tuple[str | None, str]:
    """Return the publication date and the kind of evidence it came from.

    The kind is the source name of the chosen machine date, ``heuristic`` for the printed
    date or ``url``; ``(None, "")`` when the page offers no date (htmldate is then tried).
    """
    visible = evidence.visible
    machine = evidence.published[0] if evidence.published else None
    if visible and machine:
        if _days_apart(visible, machine[0]) <= 1 or visible in evidence.modified:
            return visible, "heuristic"
        return machine
    if machine:
        return machine
    if visible:
        return visible, "heuristic"
    if evidence.url:
        return evidence.url, "url"
    return None, ""
