"""Cues for the page furniture of a plain-text dump: dates, bylines, credits, links, site names.

Small pure functions, each looking at one line (or one URL) and saying what it is, used by
:mod:`newsgraph.sources.textdump` to fill an article's metadata. Cue words come from
``knowledge/textdump_lexicon.json``; nothing here knows any one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .textdump_lines import WORD, lexicon, strip_markers, word_set

PROXY = re.compile(r"^https?://[^/\s]+(?::\d+)?/(https?)(?::/|/)/?(.+)$")
URL_IN_LINE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
NAME_PART = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-ZÀ-ÖØ-Þ]\.)$")
NAME_PARTICLES = frozenset(
    ["van", "von", "der", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "al", "el"]
)
TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|GMT[+-]?\d*|UTC[+-]?\d*))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Credit:
    """An image caption line split into its caption and its credit (either may be empty)."""

    caption: str
    credit: str


@cache
def _month_pattern() -> str:
    names = sorted(lexicon()["months"], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n) for n in names) + r")\.?"


@cache
def _date_regexes() -> tuple[re.Pattern[str], ...]:
    month = _month_pattern()
    return (
        re.compile(
            rf"\b(?P<m>{month})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I
        ),
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<m>{month})\s*,?\s+(?P<y>\d{{4}})\b", re.I
        ),
        re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{1,2})-(?P<d>\d{1,2})\b"),
        re.compile(r"\b(?P<d>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<y>\d{4})\b"),
        re.compile(r"\b(?P<y>\d{4})/(?P<mm>\d{1,2})/(?P<d>\d{1,2})\b"),
    )


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """Find the first calendar date in ``text``.

    Returns:
        The date as ``YYYY-MM-DD`` and the span it was found at, or None.
    """
    best: tuple[str, tuple[int, int]] | None = None
    for regex in _date_regexes():
        for match in regex.finditer(text):
            parts = match.groupdict()
            if parts.get("m"):
                month = lexicon()["months"].get(parts["m"].lower().rstrip("."))
            else:
                month = int(parts["mm"])
            day, year = int(parts["d"]), int(parts["y"])
            if not month or not 1 <= month <= 12 or not 1 <= day <= 31 or not 1990 <= year <= 2100:
                continue
            if best is None or match.start() < best[1][0]:
                best = (f"{year:04d}-{month:02d}-{day:02d}", match.span())
            break
    return best


def is_date_line(text: str) -> bool:
    """Return whether a line is mostly a date (with an optional time and a short label)."""
    found = find_date(text)
    if not found:
        return False
    rest = text[: found[1][0]] + " " + text[found[1][1] :]
    rest = TIME.sub(" ", rest)
    return len(WORD.findall(rest)) <= 4


def unproxy(url: str) -> str:
    """Strip a web proxy's prefix: ``https://host:443/https/example.com/x`` → ``https://example.com/x``."""
    url = url.strip().rstrip(".,;)")
    for _ in range(3):
        match = PROXY.match(url)
        if not match or "." not in match.group(2).split("/", 1)[0]:
            break
        url = f"{match.group(1)}://{match.group(2)}"
    return url


def host_of(url: str) -> str | None:
    """Return the host of ``url`` without ``www.``, or None."""
    match = re.match(r"^(?:https?://)?([^/:?#\s]+)", url)
    if not match:
        return None
    host = match.group(1).lower()
    return host[4:] if host.startswith("www.") else host


def registered_label(host: str) -> str:
    """Return the name part of a host: ``news.bbc.co.uk`` → ``bbc``, ``p.dw.com`` → ``dw``."""
    parts = host.split(".")
    if (
        len(parts) >= 3
        and len(parts[-1]) == 2
        and parts[-2] in ("co", "com", "org", "net", "ac", "gov", "or", "ne")
    ):
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def site_name(url: str | None, page_text: str) -> str | None:
    """Name the site of ``url``: from the lexicon's table, else as the page itself spells it.

    The page spelling is the domain's name part written as a word of the page outside any
    URL (``dw`` → "DW" when the page says "DW"). Returns None when neither source knows it.
    """
    if not url:
        return None
    host = host_of(url)
    if not host:
        return None
    names: dict[str, str] = lexicon()["site_names"]
    for known, name in names.items():
        if host == known or host.endswith("." + known):
            return name
    label = registered_label(host)
    if len(label) < 2:
        return None
    text = URL_IN_LINE.sub(" ", page_text)
    counts: dict[str, int] = {}
    for match in re.finditer(rf"(?<![\w.@/-]){re.escape(label)}(?![\w@/-]|\.\w)", text, re.I):
        spelled = match.group(0)
        if spelled != spelled.lower():
            counts[spelled] = counts.get(spelled, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


@cache
def _credit_pattern() -> re.Pattern[str]:
    cues = sorted(lexicon()["image_cues"], key=len, reverse=True)
    alternatives = "|".join(re.escape(c[:1].upper() + c[1:]) for c in cues)
    return re.compile(
        rf"(?:^|(?<=[^a-z]))\(?(?:{alternatives})(?: credit| source)?"
        r"\s*:\s*(?P<credit>[^:]{2,120}?)\)?\s*$"
    )


def split_credit(text: str) -> Credit | None:
    """Split a caption line that ends in an image credit (``…1945Image: NAME via AGENCY``).

    Returns:
        The caption and credit, or None when the line carries no credit cue.
    """
    match = _credit_pattern().search(text)
    if match and len(WORD.findall(match.group("credit"))) <= 12:
        return Credit(text[: match.start()].strip(), match.group("credit").strip())
    match = re.search(r"(?:^|\s)[©Ⓒ]\s*(?P<credit>[^©]{2,80})$", text)
    if match and len(WORD.findall(match.group("credit"))) <= 10:
        return Credit(text[: match.start()].strip(), match.group("credit").strip())
    return None


def _cue_rest(text: str, cues: list[str]) -> str | None:
    lowered = text.lower()
    for cue in sorted(cues, key=len, reverse=True):
        if lowered.startswith(cue) and (
            cue.endswith(":") or lowered[len(cue) : len(cue) + 1] in (" ", ":")
        ):
            return text[len(cue) :].lstrip(" :").strip()
    return None


def split_names(text: str) -> list[str]:
    """Split a list of people (``A, B and C``) into names; [] if any part is not a name."""
    parts = [
        p.strip(" .,;")
        for p in re.split(r",\s*|\s+(?:and|&|und|et|y|e)\s+", text)
        if p.strip(" .,;")
    ]
    if not parts or not all(looks_like_name(p) for p in parts):
        return []
    return parts


def looks_like_name(text: str) -> bool:
    """Return whether ``text`` looks like a person's name: 2–5 capitalised words, no stop words."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    stop = word_set("stopwords") | word_set("nav_words")
    capitalised = 0
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        if not NAME_PART.match(word) or word.lower() in stop or (word.isupper() and len(word) > 3):
            return False
        capitalised += 1
    return capitalised >= 2


@dataclass(frozen=True)
class Byline:
    """Authors and the place they wrote from, as read from a byline line."""

    authors: list[str]
    dateline: str | None
    cued: bool = False


def parse_byline(text: str) -> Byline | None:
    """Read a byline: ``By A and B``, ``NAME in CITY``, ``NAME - Nov 19, 2019``.

    Returns:
        The authors and dateline, or None when the line is not a byline.
    """
    text = strip_markers(text)
    found = find_date(text)
    if found:
        text = (text[: found[1][0]] + " " + text[found[1][1] :]).strip()
        text = TIME.sub(" ", text)
    text = re.split(r"\s+[-–—|•·]\s+|\s*\|\s*", text.strip(" -–—|•·,"))[0].strip()
    cued = _cue_rest(text, lexicon()["byline_cues"])
    body = cued if cued is not None else text
    place: str | None = None
    for link in sorted(lexicon()["byline_place_links"], key=len, reverse=True):
        head, sep, tail = body.rpartition(f" {link} ")
        if sep and head and _looks_like_place(tail):
            body, place = head, tail.strip(" .,")
            break
    names = split_names(_drop_roles(body))
    if not names:
        return None
    return Byline(names, place, cued is not None)


def _drop_roles(text: str) -> str:
    """Cut job titles off a byline: ``Meg JamesStaff Writer`` → ``Meg James``."""
    roles = word_set("role_words")
    text = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", text)
    kept: list[str] = []
    for part in re.split(r"(,\s*|\s+(?:and|&)\s+)", text):
        words = part.split()
        cut = next((k for k, w in enumerate(words) if w.lower().strip(".,") in roles), None)
        kept.append(" ".join(words[:cut]) if cut is not None else part)
    return "".join(kept).strip(" ,&")


def _looks_like_place(text: str) -> bool:
    words = text.strip(" .,").split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)


def parse_editors(text: str) -> list[str] | None:
    """Read an ``Edited by: NAME`` line; None when the line is not one."""
    rest = _cue_rest(strip_markers(text), lexicon()["editor_cues"])
    if rest is None:
        return None
    return split_names(rest)


def split_tags(text: str) -> list[str]:
    """Split a section/tag line: ``ConflictsJapan`` (glued links), ``A | B``, ``A · B``."""
    text = strip_markers(text)
    parts = re.split(r"\s*[|·•/,»>]\s*", text)
    tags: list[str] = []
    for part in parts:
        if not part:
            continue
        if " " not in part:
            tags.extend(re.split(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])", part))
        else:
            tags.append(part)
    return [t for t in tags if t]


def teaser_like(text: str) -> bool:
    """Return whether a short line reads as another article's headline or a 'read more' link."""
    lowered = text.lower()
    if any(lowered.startswith(cue) for cue in lexicon()["teaser_cues"]):
        return True
    if re.match(r"^[^:]{2,40}:\s+\S", text) and not text.rstrip().endswith(":"):
        return True
    return bool(re.search(r"['‘“\"][^'’”\"]{2,}['’”\"]", text))


def nav_like(text: str) -> bool:
    """Return whether a short line is mostly navigation words (``Advertisement``, ``Share``)."""
    words = [w.lower() for w in WORD.findall(text)]
    nav = word_set("nav_words")
    return bool(words) and sum(1 for w in words if w in nav) >= 0.5 * len(words)
