"""Lines of a plain-text page dump, their layout and language features, and the line model.

A page saved as text (a browser's "save as text", ``lynx -dump``) is a column of lines: menus,
headline, byline, body paragraphs, captions, teasers, footers. This module turns the text into
:class:`Line` records, computes a feature vector per line from its own layout and language
(length, link markers, bullets, indentation, sentence punctuation, stop words) and from its
neighbours, and scores each line with the logistic model stored in
``knowledge/textdump_model.json`` (fitted by ``tools/train_textdump.py``). The cue words live
in ``knowledge/textdump_lexicon.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

MARKER = re.compile(r"\[\d+\]")
# Lynx renderings of form controls, inserted/deleted text and images without alt text.
JUNK = re.compile(
    r"\[INS:\s*|\s*:INS\]|\[DEL:\s*|\s*:DEL\]|\(BUTTON\)|\[BUTTON\]|\[IMG\]|\[INLINE\]|"
    r"\[LINK\]|\[_\]|\[X\]|\(_\)|\(\*\)|_{4,}|IFRAME:"
)
# html2text's star rules around headings (``***** Heading *****``).
STARS = re.compile(r"(?:^|(?<=\s))\*{3,}(?=\s|$)")
BULLET = re.compile(r"^(?:[*+#o•·–-]|\d{1,3}\.)\s+")
WORD = re.compile(r"\w+")
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
REFERENCE_HEADS = ("References", "Visible links", "Visible links:", "Hidden links:")
NUMBERED_URL = re.compile(r"^\s*\d+\.\s+\S+$")


@dataclass(frozen=True)
class Line:
    """One non-blank line of a page dump.

    Attributes:
        text: the line without its leading white space or trailing white space.
        indent: how many spaces the line was indented by.
        number: the line's position among the non-blank lines.
        blank_before: whether a blank line (or the start) comes before it.
        blank_after: whether a blank line (or the end) comes after it.
    """

    text: str
    indent: int
    number: int
    blank_before: bool
    blank_after: bool


@cache
def lexicon() -> dict[str, Any]:
    """Return the cue words of the text-dump reader (loaded once)."""
    path = files("newsgraph.knowledge").joinpath("textdump_lexicon.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def word_set(name: str) -> frozenset[str]:
    """Return one word list of the lexicon as a set (cached)."""
    return frozenset(lexicon()[name])


@cache
def model() -> dict[str, Any]:
    """Return the fitted line model (means, scales, weights, bias), loaded once."""
    path = files("newsgraph.knowledge").joinpath("textdump_model.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def drop_references(text: str) -> tuple[str, dict[int, str]]:
    """Cut a trailing lynx ``References`` list off ``text``.

    Returns:
        The text before the list, and the list as ``{number: url}`` (empty when there is none).
    """
    lines = text.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip() in REFERENCE_HEADS and lines[i] == lines[i].lstrip():
            tail = [s for s in lines[i + 1 :] if s.strip() and s.strip() not in REFERENCE_HEADS]
            numbered = [s for s in tail if NUMBERED_URL.match(s)]
            if tail and len(numbered) >= 0.8 * len(tail):
                links: dict[int, str] = {}
                for entry in numbered:
                    number, _, url = entry.strip().partition(". ")
                    links[int(number)] = url.strip()
                while i > 0 and lines[i - 1].strip() in REFERENCE_HEADS:
                    i -= 1
                return "\n".join(lines[:i]), links
    return text, {}


def strip_markers(text: str) -> str:
    """Remove lynx link markers (``[12]``) and form/insert junk, collapsing white space."""
    text = STARS.sub(" ", JUNK.sub(" ", MARKER.sub("", text)))
    return re.sub(r"\s+", " ", text).strip()


def split_lines(text: str) -> list[Line]:
    """Split page text into its non-blank :class:`Line` records."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").split("\n")
    result: list[Line] = []
    blank = True
    kept: list[tuple[str, int, bool]] = []
    for row in raw:
        stripped = row.strip()
        if not stripped or not strip_markers(stripped):
            blank = True
            continue
        kept.append((stripped, len(row) - len(row.lstrip(" \u00a0")), blank))
        blank = False
    for n, (stripped, indent, before) in enumerate(kept):
        after = n + 1 == len(kept) or kept[n + 1][2]
        result.append(Line(stripped, indent, n, before, after))
    return result


def is_clean_text(text: str, lines: list[Line]) -> bool:
    """Return whether ``text`` reads as a clean article: prose paragraphs without page furniture.

    Clean text has no link markers, no bulleted lists, no bare URL lines and no indentation
    layout, and most of its words sit in long prose lines (or every line is a sentence).
    """
    if not lines or MARKER.search(text) or JUNK.search(text):
        return False
    words = [len(WORD.findall(line.text)) for line in lines]
    prose = sum(w for line, w in zip(lines, words, strict=True) if w >= 12)
    short = sum(1 for w in words if w < 12)
    if any(URL_LINE.match(line.text) or BULLET.match(line.text) for line in lines):
        return False
    if all(w >= 6 and SENTENCE_END.search(line.text) for line, w in zip(lines, words, strict=True)):
        return True  # every line a sentence or more: a short text of prose
    return prose >= 0.85 * max(1, sum(words)) and short <= max(3, len(lines) // 4)


FEATURE_NAMES = [
    "log_words",
    "log_chars",
    "marker_density",
    "has_marker",
    "starts_marker",
    "link_only",
    "bullet",
    "indent_body",
    "indent_less",
    "indent_more",
    "ends_sentence",
    "stop_ratio",
    "punct_ratio",
    "digit_ratio",
    "capital_ratio",
    "comma_rate",
    "nav_ratio",
    "position",
    "first_tenth",
    "last_tenth",
    "duplicate",
    "upper_case",
    "separator",
    "junk",
    "url",
    "sentences",
    "word_share",
    "blank_around",
    "prev_log_words",
    "next_log_words",
    "prev_ends",
    "next_ends",
    "prev_marker",
    "next_marker",
    "window_prose",
    "window_marker",
    "window_bullet",
    "run_prose",
    "before_peak",
    "after_peak",
]


def _own_features(
    line: Line, body_indent: int, stop: frozenset[str], nav: frozenset[str]
) -> list[float]:
    clean = strip_markers(line.text)
    words = WORD.findall(clean)
    n_words = len(words)
    lowered = [w.lower() for w in words]
    markers = len(MARKER.findall(line.text))
    chars = max(1, len(clean))
    punct = sum(1 for c in clean if not c.isalnum() and not c.isspace())
    digits = sum(1 for c in clean if c.isdigit())
    capitals = sum(1 for w in words if w[:1].isupper())
    return [
        math.log1p(n_words),
        math.log1p(len(clean)),
        markers / max(1, n_words),
        1.0 if markers else 0.0,
        1.0 if MARKER.match(BULLET.sub("", line.text)) else 0.0,
        1.0 if markers and n_words <= 6 else 0.0,
        1.0 if BULLET.match(line.text) else 0.0,
        1.0 if line.indent == body_indent else 0.0,
        1.0 if line.indent < body_indent else 0.0,
        1.0 if line.indent > body_indent else 0.0,
        1.0 if SENTENCE_END.search(clean) else 0.0,
        sum(1 for w in lowered if w in stop) / max(1, n_words),
        punct / chars,
        digits / chars,
        capitals / max(1, n_words),
        clean.count(",") / max(1, n_words),
        sum(1 for w in lowered if w in nav) / max(1, n_words),
        0.0,  # position: filled in by feature_matrix
        0.0,
        0.0,
        0.0,  # duplicate
        1.0 if clean.isupper() and n_words > 0 else 0.0,
        1.0 if re.search(r"\s[|»/·•]\s", clean) else 0.0,
        1.0 if JUNK.search(line.text) else 0.0,
        1.0 if URL_LINE.match(clean) else 0.0,
        float(len(re.findall(r"[.!?][\"'”’]?\s+[A-Z“\"]", clean))),
        0.0,  # word_share
        float(line.blank_before) + float(line.blank_after),
    ]


def body_indent_of(lines: list[Line]) -> int:
    """Return the indentation most words of long lines have (the body's indentation)."""
    weight: dict[int, int] = {}
    for line in lines:
        n = len(WORD.findall(line.text))
        if n >= 12:
            weight[line.indent] = weight.get(line.indent, 0) + n
    return max(weight, key=lambda k: weight[k]) if weight else 0


def feature_matrix(lines: list[Line]) -> list[list[float]]:
    """Return one feature vector per line, in the order of :data:`FEATURE_NAMES`."""
    stop = word_set("stopwords")
    nav = word_set("nav_words")
    body_indent = body_indent_of(lines)
    own = [_own_features(line, body_indent, stop, nav) for line in lines]
    n = len(lines)
    counts: dict[str, int] = {}
    for line in lines:
        key = strip_markers(line.text).lower()
        counts[key] = counts.get(key, 0) + 1
    total_words = sum(math.expm1(row[0]) for row in own) or 1.0
    prose = [
        math.expm1(row[0]) * row[10] * (1.0 - min(1.0, 4 * row[2])) * (1.0 - row[6]) for row in own
    ]
    # Running prose: a smoothed profile of prose words, to find the dense text region.
    run = [sum(prose[max(0, i - 3) : i + 4]) for i in range(n)]
    peak = max(range(n), key=lambda i: run[i]) if n else 0
    peak_value = max(run) if run else 0.0
    result = []
    for i, row in enumerate(own):
        row = list(row)
        row[17] = i / max(1, n - 1)
        row[18] = 1.0 if i < n / 10 else 0.0
        row[19] = 1.0 if i >= n - n / 10 else 0.0
        row[20] = 1.0 if counts[strip_markers(lines[i].text).lower()] > 1 else 0.0
        row[26] = math.expm1(row[0]) / total_words * 10
        prev_row = own[i - 1] if i > 0 else own[i]
        next_row = own[i + 1] if i + 1 < n else own[i]
        window = own[max(0, i - 3) : i + 4]
        row += [
            prev_row[0] if i > 0 else 0.0,
            next_row[0] if i + 1 < n else 0.0,
            prev_row[10] if i > 0 else 0.0,
            next_row[10] if i + 1 < n else 0.0,
            prev_row[2] if i > 0 else 0.0,
            next_row[2] if i + 1 < n else 0.0,
            math.log1p(run[i]),
            sum(r[2] for r in window) / len(window),
            sum(r[6] for r in window) / len(window),
            run[i] / peak_value if peak_value else 0.0,
            1.0 if i < peak else 0.0,
            1.0 if i > peak else 0.0,
        ]
        result.append(row)
    return result


def score_lines(lines: list[Line]) -> list[float]:
    """Return each line's probability of being article body under the fitted line model."""
    if not lines:
        return []
    fitted = model()
    mean = fitted["mean"]
    scale = fitted["scale"]
    weights = fitted["weights"]
    bias = float(fitted["bias"])
    scores = []
    for row in feature_matrix(lines):
        z = bias + sum(
            w * (x - m) / s for x, m, s, w in zip(row, mean, scale, weights, strict=True)
        )
        scores.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return scores
