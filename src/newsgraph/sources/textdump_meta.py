"""Cues for the page furniture of a plain-text dump: dates, bylines, credits, links, site names.

Small pure functions, each looking at one line (or one URL) and saying what it is, used by
:mod:`newsgraph.sources.textdump` to fill an article's metadata. Cue words come from
``knowledge/textdump_lexicon.json``; nothing here knows any one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .bylines import normalise_case, strip_licensing
from .textdump_lines import MARKER, WORD, lexicon, strip_markers, word_set

# Two page elements printed without a space (``Jane DoeShowbiz Reporter``, ``ByJane``): a
# lower-case letter then a capital, unless the first part is a name prefix (``McAllister``).
GLUED = re.compile(r"\b([A-Z]?[a-zà-ÿ]+)(?=[A-Z][a-zà-ÿ])")
NAME_PREFIXES = frozenset(["Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "O", "D"])
PROXY = re.compile(r"^https?://[^/\s]+(?::\d+)?/(https?)(?::/|/)/?(.+)$")
URL_IN_LINE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
NAME_PART = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-ZÀ-ÖØ-Þ]\.)$")
INITIAL_END = re.compile(r"(?:\b[A-Z]\.|\bJr\.|\bSr\.)$")
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


_YEAR = r"(?P<y>\d{4})(?:\b|(?=\d{1,2}:\d\d))"  # a year, also glued to a time (``20233:00``)


@cache
def _date_regexes() -> tuple[re.Pattern[str], ...]:
    month = _month_pattern()
    after_lower = r"(?-i:(?<![a-z]))"  # a month name may follow a capital (``ODec. 18``)
    return (
        re.compile(
            rf"{after_lower}(?P<m>{month})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I
        ),
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<m>{month})\s*,?\s+{_YEAR}", re.I),
        re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{1,2})-(?P<d>\d{1,2})\b"),
        re.compile(r"\b(?P<d>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<y>\d{4})\b"),
        re.compile(r"\b(?P<y>\d{4})/(?P<mm>\d{1,2})/(?P<d>\d{1,2})\b"),
        re.compile(r"(?<![/\d])(?P<mm>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b(?!/)"),
    )


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """Find the first calendar date in ``text``.

    Numeric dates with slashes are read month first (``12/18/23``) unless the first number
    cannot be a month (``18/12/2023``); a two-digit year is in this century.

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
            if year < 100:
                year += 2000
            if month and month > 12 and day <= 12 and "/" in match.group(0):
                month, day = day, month
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
    text = strip_licensing(text)
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


def split_names(text: str, cued: bool = False) -> list[str]:
    """Split a list of people (``A, B and C``) into names.

    Without a cue every part must be a name (else ``[]``). After a cue (``By …``) the names
    are the parts up to the first one that is not a name (a role, the site, a place), and
    names in capitals are accepted and written in name case.
    """
    parts = [
        p.strip(" ,;").rstrip(".") if not INITIAL_END.search(p.strip(" ,;")) else p.strip(" ,;")
        for p in re.split(r",\s*|\s+(?:and|&|und|et|y|e)\s+", text)
        if p.strip(" .,;")
    ]
    if not cued:
        names = parts if parts and all(looks_like_name(p) for p in parts) else []
    else:
        names = []
        for part in parts:
            if not looks_like_name(part, capitals=True):
                break
            names.append(normalise_case(part))
    return _unique([_tidy_name(n) for n in names])


def _tidy_name(name: str) -> str:
    """Drop trailing credentials and a name printed twice (``Jo Roe Jo Roe``, ``Jo Roe MS``)."""
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]
    while len(words) > 2 and words[-1].strip(".,").casefold() in _credentials():
        words.pop()
    return " ".join(words)


def _unique(names: list[str]) -> list[str]:
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(name.casefold(), name)
    return list(kept.values())


@cache
def _credentials() -> frozenset[str]:
    from .html_dom import vocab

    return frozenset(w.casefold() for w in vocab()["credentials"])


def looks_like_name(text: str, capitals: bool = False) -> bool:
    """Return whether ``text`` looks like a person's name: 2–5 capitalised words, no stop words.

    Words in capitals (``JANE DOE``) count only when ``capitals`` is set (after a byline cue);
    otherwise they read as a shouted heading.
    """
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    stop = word_set("stopwords") | word_set("nav_words") | word_set("role_words")
    capitalised = 0
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        shouted = word.isupper() and len(word) > 3
        if not NAME_PART.match(word) or word.lower() in stop or (shouted and not capitals):
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

    Runs of spaces, ``|`` and dashes separate the byline from what follows it (the site, a
    role, the date); a ``By`` in the middle of the line starts the byline.

    Returns:
        The authors and dateline, or None when the line is not a byline.
    """
    text = re.sub(r"\s{2,}", " | ", MARKER.sub("", text).strip())
    found = find_date(text)
    if found:
        text = (text[: found[1][0]] + " " + text[found[1][1] :]).strip()
        text = TIME.sub(" ", text)
    text = re.sub(r"(?<=\S)\s+(?=[Bb]y\s+[A-Z])", " | ", text)
    text = GLUED.sub(_unglue, text)
    text = re.sub(r"^(By|by)\s*\|\s*", r"\1 ", text)
    pieces = [p.strip() for p in re.split(r"\s+[-–—|•·]\s+|\s*\|\s*", text.strip(" -–—|•·,"))]
    pieces = [p for p in pieces if p]
    cue_words = lexicon()["byline_cues"]
    cued_piece = next((p for p in pieces if _cue_rest(p, cue_words) is not None), None)
    first = cued_piece or (pieces[0] if pieces else "")
    cued = _cue_rest(first, cue_words)
    body = cued if cued is not None else first
    place: str | None = None
    for link in sorted(lexicon()["byline_place_links"], key=len, reverse=True):
        head, sep, tail = body.rpartition(f" {link} ")
        if sep and head and _looks_like_place(tail):
            body, place = head, tail.strip(" .,")
            break
    names = split_names(_drop_roles(body), cued=cued is not None)
    if not names:
        return None
    return Byline(names, place, cued is not None)


def _unglue(match: re.Match[str]) -> str:
    word = match.group(1)
    return word if word in NAME_PREFIXES else word + " | "


def _drop_roles(text: str) -> str:
    """Cut job titles off a byline: ``Meg JamesStaff Writer`` → ``Meg James``."""
    roles = word_set("role_words")
    text = re.sub(
        r"(?<=[a-z])(?=([A-Z][a-z]+))",
        lambda m: " " if m.group(1).lower() in roles else "",
        text,
    )
    kept: list[str] = []
    for part in re.split(r"(,\s*|\s+(?:and|&)\s+)", text):
        words = part.split()
        cut = next((k for k, w in enumerate(words) if w.lower().strip(".,") in roles), None)
        if cut is None:
            kept.append(part)
        elif cut >= 2:
            kept.append(" ".join(words[:cut]))  # ``Meg James Staff Writer``
        else:
            if kept and kept[-1].strip().startswith(","):
                kept.pop()  # a role of its own (``, Money Reporter``) goes with its comma
            break  # and what follows it (``, Contributor, Site Name``) is no name either
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
