"""The headline of a plain-text page dump, and the page's own URL from its link list.

A dump keeps the headline as one line among menus, section names, teasers, captions and the
byline. Each line up to :data:`WINDOW` lines above the body is a candidate, described by
features that hold on any site (:data:`FEATURE_NAMES`): its length and punctuation, whether
the tool marked it as a heading (a smaller indent than the body, ``html2text``'s star rules,
centring), whether it is a link, how many of its words come back in the body's opening
paragraphs or in the page's URL, whether a share link carries it as the text to share, and
where it stands relative to the body, the byline and the date. A logistic model stored in
``knowledge/textdump_title_model.json`` (fitted by ``tools/train_textdump.py fit-title``)
scores the candidates; the best one is the title.

Share links (``…sharer.php?u=URL``, ``…intent/tweet?url=URL&text=HEADLINE``) and elinks'
``Link: canonical`` give the page's own URL, which :func:`page_url` returns.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .textdump_lines import BULLET, MARKER, WORD, Line, strip_markers, word_set

WINDOW = 60  # how many lines above the body start may hold the headline
AFTER = 2  # … and how many lines into the body span
_STARS = re.compile(r"^\*{3,}\s.*\s\*{3,}$")
_CANONICAL = re.compile(r"^Link:\s*\[(\d+)\]\s*canonical\b", re.I)
_URL_PARAMS = ("u", "url")
_TEXT_PARAMS = ("text", "title", "t", "subject")

FEATURE_NAMES = [
    "log_words",
    "mid_length",
    "ends_period",
    "ends_colon",
    "ends_question",
    "has_marker",
    "bullet",
    "indent_less",
    "indent_more",
    "stars",
    "body_overlap",
    "slug_overlap",
    "share_match",
    "log_distance",
    "nearest_titlelike",
    "byline_below",
    "date_below",
    "duplicate",
    "capital_ratio",
    "upper_case",
    "nav_ratio",
    "blank_around",
    "body_prob",
    "stop_ratio",
]


@dataclass
class TitleContext:
    """What the title scorer knows about the page beyond the candidate line.

    Attributes:
        body_start: the index of the body's first line.
        body_indent: the indentation of the body's lines.
        body_words: content words of the body's opening paragraphs.
        slug_words: content words of the page URL's path.
        share_texts: headline texts found in share links (normalised word tuples).
        bylines: indexes of byline lines; dates: indexes of date lines.
        probs: each line's body probability.
        counts: how often each line's text (case-folded) occurs on the page.
    """

    body_start: int
    body_indent: int
    body_words: frozenset[str]
    slug_words: frozenset[str] = frozenset()
    share_texts: frozenset[tuple[str, ...]] = frozenset()
    bylines: set[int] = field(default_factory=set)
    dates: set[int] = field(default_factory=set)
    probs: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@cache
def title_model() -> dict[str, Any]:
    """Return the fitted title model (means, scales, weights, bias), loaded once."""
    path = files("newsgraph.knowledge").joinpath("textdump_title_model.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def content_words(text: str) -> list[str]:
    """Return the lower-cased words of ``text`` that carry meaning (no stop words, 3+ letters)."""
    stop = word_set("stopwords")
    return [w for w in (m.lower() for m in WORD.findall(text)) if len(w) >= 3 and w not in stop]


def candidates(lines: list[Line], body_start: int) -> list[int]:
    """Return the indexes of the lines that may be the headline."""
    first = max(0, body_start - WINDOW)
    last = min(len(lines), body_start + AFTER + 1)
    return [i for i in range(first, last) if _title_shaped(lines[i])]


def _title_shaped(line: Line) -> bool:
    clean = strip_markers(line.text)
    words = len(WORD.findall(clean))
    return 2 <= words <= 40 and len(clean) <= 300 and not clean.startswith(("http", "www."))


def features(lines: list[Line], i: int, context: TitleContext) -> list[float]:
    """Return the feature vector of line ``i`` as a headline candidate (:data:`FEATURE_NAMES`)."""
    line = lines[i]
    clean = strip_markers(line.text)
    words = WORD.findall(clean)
    n = len(words)
    mine = content_words(clean)
    distance = context.body_start - i
    below = range(i + 1, i + 4)
    return [
        math.log1p(n),
        1.0 if 5 <= n <= 20 else 0.0,
        1.0 if clean.endswith(".") else 0.0,
        1.0 if clean.endswith((":", ",", ";")) else 0.0,
        1.0 if clean.endswith(("?", "!")) else 0.0,
        1.0 if MARKER.search(line.text) else 0.0,
        1.0 if BULLET.match(line.text) else 0.0,
        1.0 if line.indent < context.body_indent else 0.0,
        1.0 if line.indent > context.body_indent + 2 else 0.0,
        1.0 if _STARS.match(line.text) else 0.0,
        _share(mine, context.body_words),
        _share(mine, context.slug_words),
        1.0 if _share_match(words, context.share_texts) else 0.0,
        math.log1p(abs(distance)) * (1.0 if distance >= 0 else -1.0),
        1.0 if _nearest_titlelike(lines, i, context) else 0.0,
        1.0 if any(k in context.bylines for k in below) else 0.0,
        1.0 if any(k in context.dates for k in below) else 0.0,
        1.0 if context.counts.get(clean.casefold(), 0) > 1 else 0.0,
        sum(1 for w in words if w[:1].isupper()) / max(1, n),
        1.0 if clean.isupper() else 0.0,
        sum(1 for w in words if w.lower() in word_set("nav_words")) / max(1, n),
        float(line.blank_before) + float(line.blank_after),
        context.probs[i] if i < len(context.probs) else 0.0,
        sum(1 for w in words if w.lower() in word_set("stopwords")) / max(1, n),
    ]


def _share(words: list[str], reference: frozenset[str]) -> float:
    if not words or not reference:
        return 0.0
    return sum(1 for w in words if w in reference) / len(words)


def _share_match(words: list[str], texts: frozenset[tuple[str, ...]]) -> bool:
    key = tuple(w.lower() for w in words)
    return bool(key) and any(key == t[: len(key)] and len(key) >= 0.6 * len(t) for t in texts)


def _nearest_titlelike(lines: list[Line], i: int, context: TitleContext) -> bool:
    """Return whether no other plain multi-word line stands between line ``i`` and the body."""
    for k in range(i + 1, min(context.body_start, len(lines))):
        if k in context.bylines or k in context.dates:
            continue
        clean = strip_markers(lines[k].text)
        if 4 <= len(WORD.findall(clean)) <= 30 and not MARKER.search(lines[k].text):
            return False
    return True


def score(row: list[float]) -> float:
    """Return the headline probability of one feature vector under the fitted model."""
    fitted = title_model()
    z = float(fitted["bias"]) + sum(
        w * (x - m) / s
        for x, m, s, w in zip(row, fitted["mean"], fitted["scale"], fitted["weights"], strict=True)
    )
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def pick_title(lines: list[Line], context: TitleContext) -> int | None:
    """Return the index of the headline line, or None when no line is shaped like one."""
    best, best_p = None, 0.0
    for i in candidates(lines, context.body_start):
        p = score(features(lines, i, context))
        if p > best_p:
            best, best_p = i, p
    return best


# --- the page's URL and share texts, from the link list ----------------------------------------


def share_links(links: dict[int, str]) -> tuple[list[str], list[str]]:
    """Return the page URLs and headline texts that the page's share links carry."""
    urls: list[str] = []
    texts: list[str] = []
    for url in links.values():
        if "?" not in url:
            continue
        query = parse_qs(urlsplit(url).query)
        for key in _URL_PARAMS:
            for value in query.get(key, []):
                if value.startswith(("http://", "https://")):
                    urls.append(value)
        for key in _TEXT_PARAMS:
            texts.extend(v for v in query.get(key, []) if len(v.split()) >= 3)
    return urls, texts


def page_url(lines: list[Line], links: dict[int, str]) -> str | None:
    """Return the page's own URL: elinks' canonical link, else the one share links point to."""
    for line in lines[:40]:
        match = _CANONICAL.match(line.text)
        if match and int(match.group(1)) in links:
            return links[int(match.group(1))]
    urls, _ = share_links(links)
    if not urls:
        return None
    counts: dict[str, int] = {}
    for url in urls:
        counts[url] = counts.get(url, 0) + 1
    return max(counts, key=lambda u: counts[u])


def slug_words(url: str | None) -> frozenset[str]:
    """Return the content words of a URL's path (``/2024/03/harbour-vote-ends`` → harbour…)."""
    if not url:
        return frozenset()
    path = unquote(urlsplit(url).path)
    return frozenset(w for w in content_words(re.sub(r"[-_/.+]", " ", path)) if not w.isdigit())


def share_texts(links: dict[int, str]) -> frozenset[tuple[str, ...]]:
    """Return the share links' headline texts as lower-cased word tuples."""
    _, texts = share_links(links)
    return frozenset(tuple(w.lower() for w in WORD.findall(t)) for t in texts)


def body_opening(paragraphs: list[str], limit: int = 200) -> frozenset[str]:
    """Return the content words of the first ``limit`` words of the body."""
    words: list[str] = []
    for paragraph in paragraphs:
        words.extend(content_words(paragraph))
        if len(words) >= limit:
            break
    return frozenset(words[:limit])


def context_for(
    lines: list[Line],
    body_start: int,
    body_indent: int,
    paragraphs: list[str],
    links: dict[int, str],
    marks: tuple[set[int], set[int], list[float]],
) -> TitleContext:
    """Build a page's :class:`TitleContext` (``marks``: bylines, dates, body probabilities)."""
    bylines, dates, probs = marks
    counts: dict[str, int] = {}
    for line in lines:
        key = strip_markers(line.text).casefold()
        counts[key] = counts.get(key, 0) + 1
    return TitleContext(
        body_start=body_start,
        body_indent=body_indent,
        body_words=body_opening(paragraphs),
        slug_words=slug_words(page_url(lines, links)),
        share_texts=share_texts(links),
        bylines=bylines,
        dates=dates,
        probs=probs,
        counts=counts,
    )
