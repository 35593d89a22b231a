r"""Scoring the readers on the article-extraction gold sets (``newsgraph eval extraction``).

:func:`evaluate_extraction` detects which of three gold formats a directory holds and scores
what :func:`newsgraph.sources.read_article` returns for each page, so that what is measured is
what users get:

- **scrapinghub-aeb** (``ground-truth.json`` with ``html/`` and/or ``lynx-dump/``): the
  benchmark's shingle F1 on the body, from the HTML and, separately, from the lynx text dumps.
  Tokens are ``\w+``, shingles are 4 tokens (a multiset); per document P = tp/(tp+fp) and
  R = tp/(tp+fn); P and R are averaged over documents (those with a non-zero denominator) and
  F1 is taken of the means. *Accuracy* is the share of pages whose token list equals the gold's.
- **naeb** (``articles.json`` with ``html/`` and/or ``lynx-dump-80/``): title exact (NFKC,
  case-fold, white space collapsed), date exact (``YYYY-MM-DD``), author set exact (both sides
  split on ``,``, ``and``, ``&``, normalised like titles), and the *invented-author rate*: the
  share of pages with no gold author where authors were reported anyway. The body is scored
  like AEB. Text
  dumps of the same pages (``lynx-dump-80/``, lynx's default 80-column rendering) are scored
  the same way, their figures prefixed ``lynx_``.
- **fundus** (``manifest.json``): caption, credit, standfirst and sub-heading recall; a gold
  string counts as found when it appears, after white-space collapse, in the corresponding
  output field (any image's caption or credit, the standfirst, any heading).

A page the reader refuses (``InputError``) counts as an empty output, never as skipped.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from ..sources import ReadOptions, read_article

__all__ = [
    "ExtractionReport",
    "Score",
    "detect_gold_format",
    "evaluate_dumps",
    "evaluate_extraction",
    "shingle_counts",
]

log = logging.getLogger(__name__)

AEB = "scrapinghub-aeb"
NAEB = "naeb"
FUNDUS = "fundus"

_TOKEN = re.compile(r"\w+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_MISSES = 200

Reader = Callable[[str, ReadOptions], Article]


@dataclass
class Score:
    """One figure of a report: ``value`` is ``hits / total`` unless stated otherwise."""

    name: str
    value: float
    hits: float
    total: int
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "hits": self.hits,
            "total": self.total,
            "note": self.note,
        }


@dataclass
class ExtractionReport:
    """The scores of one gold set, plus the pages that missed (for studying failures).

    Attributes:
        gold_dir: the directory scored.
        gold_format: ``scrapinghub-aeb``, ``naeb`` or ``fundus``.
        pages: how many pages were read.
        scores: the figures, in display order.
        errors: ``(page, message)`` for every page the reader refused.
        misses: per score name, the pages that missed it with what was expected and got.
    """

    gold_dir: str
    gold_format: str
    pages: int = 0
    scores: list[Score] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    misses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def score(self, name: str) -> float:
        """Return the value of the score called ``name``.

        Raises:
            KeyError: the report has no such score.
        """
        for item in self.scores:
            if item.name == name:
                return item.value
        raise KeyError(name)

    def miss(self, name: str, page: str, expected: Any, got: Any) -> None:
        """Record that ``page`` missed score ``name`` (kept up to a cap per score)."""
        bucket = self.misses.setdefault(name, [])
        if len(bucket) < _MAX_MISSES:
            bucket.append({"page": page, "expected": expected, "got": got})

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_dir": self.gold_dir,
            "format": self.gold_format,
            "pages": self.pages,
            "scores": {s.name: s.to_dict() for s in self.scores},
            "errors": [{"page": p, "error": e} for p, e in self.errors],
            "misses": self.misses,
        }

    def format_table(self, show_misses: int = 0) -> str:
        """Return the scores as a plain-text table, optionally with up to N misses per score."""
        lines = [
            f"{self.gold_format}: {self.gold_dir} ({self.pages} pages, {len(self.errors)} refused)"
        ]
        width = max((len(s.name) for s in self.scores), default=10)
        lines.append(f"  {'score':<{width}}  {'value':>6}  {'hits':>8}  {'of':>5}  note")
        for s in self.scores:
            hits = f"{s.hits:.1f}" if s.hits != int(s.hits) else str(int(s.hits))
            lines.append(f"  {s.name:<{width}}  {s.value:6.3f}  {hits:>8}  {s.total:>5}  {s.note}")
        if show_misses:
            for name, bucket in self.misses.items():
                lines.append(f"misses of {name}:")
                for item in bucket[:show_misses]:
                    lines.append(
                        f"  {item['page']}: expected {item['expected']!r} got {item['got']!r}"
                    )
        for page, error in self.errors[: max(show_misses, 5)]:
            lines.append(f"refused: {page}: {error}")
        return "\n".join(lines)

    def format(self) -> str:
        """Return the scores as a readable plain-text table."""
        return self.format_table()


def detect_gold_format(gold_dir: Path) -> str:
    """Return which gold format ``gold_dir`` holds: ``scrapinghub-aeb``, ``naeb`` or ``fundus``.

    Raises:
        InputError: the directory holds none of the three.
    """
    if (gold_dir / "ground-truth.json").is_file():
        return AEB
    if (gold_dir / "articles.json").is_file() and (
        (gold_dir / "html").is_dir() or (gold_dir / "lynx-dump-80").is_dir()
    ):
        return NAEB
    if (gold_dir / "manifest.json").is_file():
        return FUNDUS
    raise InputError(
        "not an extraction gold set (expected ground-truth.json, articles.json + html/ "
        "or manifest.json)",
        str(gold_dir),
    )


def evaluate_extraction(
    gold_dir: str | Path, limit: int | None = None, reader: Reader | None = None
) -> ExtractionReport:
    """Score the article readers on the extraction gold set in ``gold_dir``.

    Args:
        gold_dir: a ScrapingHub AEB, NAEB or Fundus-fixtures directory (detected).
        limit: score only the first ``limit`` pages (sorted by id), for quick runs.
        reader: how to read one page; defaults to :func:`newsgraph.sources.read_article`.

    Returns:
        The report; ``report.format()`` is a readable table, ``report.to_dict()`` JSON.

    Raises:
        InputError: ``gold_dir`` is not a known gold set.

    Example:
        >>> report = evaluate_extraction("../shared/eval/extraction/naeb-dev")  # doctest: +SKIP
        >>> report.score("title_exact")  # doctest: +SKIP
    """
    path = Path(gold_dir)
    kind = detect_gold_format(path)
    read = reader or read_article
    if kind == AEB:
        return _evaluate_aeb(path, limit, read)
    if kind == NAEB:
        return _evaluate_naeb(path, limit, read)
    return _evaluate_fundus(path, limit, read)


# --- shared helpers ---------------------------------------------------------------------------


def shingle_counts(gold: str, predicted: str, n: int = 4) -> tuple[int, int, int]:
    """Return ``(tp, fp, fn)`` of the ``n``-token shingles of ``predicted`` against ``gold``."""
    gold_shingles = _shingles(gold, n)
    pred_shingles = _shingles(predicted, n)
    tp = fp = fn = 0
    for key in gold_shingles.keys() | pred_shingles.keys():
        g, p = gold_shingles.get(key, 0), pred_shingles.get(key, 0)
        tp += min(g, p)
        fp += max(0, p - g)
        fn += max(0, g - p)
    return tp, fp, fn


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


@dataclass
class _ShingleTally:
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    exact: int = 0
    pages: int = 0

    def add(self, gold: str, predicted: str) -> float:
        tp, fp, fn = shingle_counts(gold, predicted)
        self.pages += 1
        precision = recall = 0.0
        if tp + fp:
            precision = tp / (tp + fp)
            self.precisions.append(precision)
        if tp + fn:
            recall = tp / (tp + fn)
            self.recalls.append(recall)
        if _TOKEN.findall(gold or "") == _TOKEN.findall(predicted or ""):
            self.exact += 1
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def scores(self, prefix: str) -> list[Score]:
        p = _mean(self.precisions)
        r = _mean(self.recalls)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        note = "mean over pages"
        return [
            Score(f"{prefix}f1", f1, f1, self.pages, "F1 of mean P and mean R"),
            Score(f"{prefix}precision", p, sum(self.precisions), len(self.precisions), note),
            Score(f"{prefix}recall", r, sum(self.recalls), len(self.recalls), note),
            Score(f"{prefix}accuracy", _ratio(self.exact, self.pages), self.exact, self.pages),
        ]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _ratio(hits: float, total: int) -> float:
    return hits / total if total else 0.0


def _read_page(
    read: Reader, path: Path, url: str | None, report: ExtractionReport, page: str
) -> Article | None:
    report.pages += 1
    try:
        return read(str(path), ReadOptions(url=url or None))
    except InputError as exc:
        report.errors.append((page, exc.message))
        return None


def normalize_text(text: str | None) -> str:
    """Return ``text`` in NFKC, case-folded, with white space collapsed (for exact matches)."""
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def author_set(authors: Iterable[str]) -> frozenset[str]:
    """Return the normalised set of names in ``authors``, each split on ``,``, ``and``, ``&``."""
    names: set[str] = set()
    for item in authors:
        for part in _AUTHOR_SPLIT.split(normalize_text(item)):
            if part.strip():
                names.add(part.strip())
    return frozenset(names)


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def _limited(keys: Iterable[str], limit: int | None) -> list[str]:
    ordered = sorted(keys)
    return ordered[:limit] if limit is not None else ordered


# --- scrapinghub AEB --------------------------------------------------------------------------


def _evaluate_aeb(gold_dir: Path, limit: int | None, read: Reader) -> ExtractionReport:
    gold: dict[str, dict[str, Any]] = json.loads(
        (gold_dir / "ground-truth.json").read_text("utf-8")
    )
    report = ExtractionReport(str(gold_dir), AEB)
    for folder, suffix, prefix in (
        ("html", ".html.gz", "html_"),
        ("lynx-dump", ".txt.gz", "lynx_"),
    ):
        if (gold_dir / folder).is_dir():
            report.scores.extend(
                _score_aeb_pages(report, gold, limit, read, gold_dir / folder, suffix, prefix)
            )
    return report


def _score_aeb_pages(
    report: ExtractionReport,
    gold: dict[str, dict[str, Any]],
    limit: int | None,
    read: Reader,
    folder: Path,
    suffix: str,
    prefix: str,
) -> list[Score]:
    tally = _ShingleTally()
    for key in _limited(gold, limit):
        path = folder / f"{key}{suffix}"
        if not path.is_file():
            continue
        article = _read_page(read, path, gold[key].get("url"), report, f"{folder.name}/{key}")
        f1 = tally.add(gold[key].get("articleBody", ""), article.text if article else "")
        if f1 < 0.8:
            report.miss(f"{prefix}f1", key, round(f1, 3), None)
    return tally.scores(prefix)


def evaluate_dumps(
    gold_dir: str | Path,
    dumps_dir: str | Path,
    limit: int | None = None,
    reader: Reader | None = None,
) -> ExtractionReport:
    """Score text dumps of a gold set's pages (``<id>.txt`` or ``<id>.txt.gz`` in ``dumps_dir``).

    For pages rendered by another tool (``w3m -dump``, ``html2text``…): the body is scored
    against an AEB gold set, and title, date and authors too against a NAEB one. Figures are
    prefixed ``dump_``.

    Raises:
        InputError: ``gold_dir`` is neither an AEB nor a NAEB gold set.
    """
    path, dumps = Path(gold_dir), Path(dumps_dir)
    kind = detect_gold_format(path)
    if kind == FUNDUS:
        raise InputError("dumps are scored against AEB or NAEB gold only", str(path))
    read = reader or read_article
    name = "ground-truth.json" if kind == AEB else "articles.json"
    gold: dict[str, dict[str, Any]] = json.loads((path / name).read_text("utf-8"))
    report = ExtractionReport(str(dumps), kind)
    suffix = ".txt.gz" if any(dumps.glob("*.txt.gz")) else ".txt"
    if kind == AEB:
        report.scores = _score_aeb_pages(report, gold, limit, read, dumps, suffix, "dump_")
        return report
    present = [k for k in gold if (dumps / f"{k}{suffix}").is_file()]
    keys = _limited(present, limit)
    report.scores = _score_naeb_pages(report, gold, keys, read, dumps, suffix, "dump_")
    return report


# --- NAEB ---------------------------------------------------------------------------------------


def _evaluate_naeb(gold_dir: Path, limit: int | None, read: Reader) -> ExtractionReport:
    gold: dict[str, dict[str, Any]] = json.loads((gold_dir / "articles.json").read_text("utf-8"))
    report = ExtractionReport(str(gold_dir), NAEB)
    for folder, suffix, prefix in (
        ("html", ".html.gz", ""),
        ("lynx-dump-80", ".txt.gz", "lynx_"),
    ):
        present = [k for k in gold if (gold_dir / folder / f"{k}{suffix}").is_file()]
        if present:
            keys = _limited(present, limit)
            report.scores.extend(
                _score_naeb_pages(report, gold, keys, read, gold_dir / folder, suffix, prefix)
            )
    return report


def _score_naeb_pages(
    report: ExtractionReport,
    gold: dict[str, dict[str, Any]],
    keys: list[str],
    read: Reader,
    folder: Path,
    suffix: str,
    prefix: str,
) -> list[Score]:
    """Score the pages of one folder (HTML or text dumps) against NAEB's gold."""
    title = date = authors = invented = 0
    dated = unauthored = 0
    body = _ShingleTally()
    for key in keys:
        item = gold[key]
        page = key if not prefix else f"{folder.name}/{key}"
        article = _read_page(read, folder / f"{key}{suffix}", item.get("url"), report, page)
        got = article or Article(text="")
        f1 = body.add(item.get("articleBody", ""), got.text)
        if f1 < 0.8:
            report.miss(f"{prefix}body_f1", key, round(f1, 3), None)
        if normalize_text(item.get("title")) == normalize_text(got.title):
            title += 1
        else:
            report.miss(f"{prefix}title_exact", key, item.get("title"), got.title)
        if _DATE.match(item.get("date") or ""):
            dated += 1
            if item["date"] == got.published:
                date += 1
            else:
                report.miss(f"{prefix}date_exact", key, item["date"], got.published)
        gold_authors = author_set([item.get("authors") or ""])
        if gold_authors == author_set(got.authors):
            authors += 1
        else:
            report.miss(f"{prefix}author_exact", key, item.get("authors"), got.authors)
        if not gold_authors:
            unauthored += 1
            if got.authors:
                invented += 1
                report.miss(f"{prefix}invented_authors", key, "", got.authors)
    return [
        Score(f"{prefix}title_exact", _ratio(title, len(keys)), title, len(keys)),
        Score(f"{prefix}date_exact", _ratio(date, dated), date, dated, "pages with a gold date"),
        Score(
            f"{prefix}author_exact", _ratio(authors, len(keys)), authors, len(keys), "set equality"
        ),
        Score(
            f"{prefix}invented_authors",
            _ratio(invented, unauthored),
            invented,
            unauthored,
            "pages with no gold author (lower is better)",
        ),
        *body.scores(f"{prefix}body_"),
    ]


# --- Fundus fixtures ----------------------------------------------------------------------------


@dataclass
class _Recall:
    hits: int = 0
    total: int = 0

    def check(self, gold: str, outputs: Iterable[str | None]) -> bool:
        needle = _collapse(gold)
        if not needle:
            return True
        self.total += 1
        found = any(needle in _collapse(o) for o in outputs if o)
        self.hits += found
        return found


def _evaluate_fundus(gold_dir: Path, limit: int | None, read: Reader) -> ExtractionReport:
    manifest: list[dict[str, Any]] = json.loads((gold_dir / "manifest.json").read_text("utf-8"))
    report = ExtractionReport(str(gold_dir), FUNDUS)
    recalls = {name: _Recall() for name in ("caption", "credit", "standfirst", "subheading")}
    title = _Recall()
    cases = sorted(manifest, key=lambda c: str(c["html"]))
    cases = cases[:limit] if limit is not None else cases
    fixtures: dict[Path, dict[str, Any]] = {}
    for case in cases:
        fixture_path = gold_dir / case["country"] / f"{case['publisher']}.json"
        if fixture_path not in fixtures:
            fixtures[fixture_path] = json.loads(fixture_path.read_text("utf-8"))
        expected = fixtures[fixture_path].get(case["parser_version"], {})
        page = str(case["html"])
        article = _read_page(read, gold_dir / page, case.get("url"), report, page)
        got = article or Article(text="")
        _score_fundus_case(report, recalls, title, page, expected, got)
    report.scores = [
        Score(f"{name}_recall", _ratio(r.hits, r.total), r.hits, r.total)
        for name, r in recalls.items()
    ]
    report.scores.append(
        Score("title_found", _ratio(title.hits, title.total), title.hits, title.total)
    )
    return report


def _score_fundus_case(
    report: ExtractionReport,
    recalls: dict[str, _Recall],
    title: _Recall,
    page: str,
    expected: dict[str, Any],
    got: Article,
) -> None:
    captions = [i.caption for i in got.images]
    credits = [i.credit for i in got.images]
    for image in expected.get("images") or []:
        if image.get("caption") and not recalls["caption"].check(image["caption"], captions):
            report.miss("caption_recall", page, image["caption"], captions)
        for credit in image.get("authors") or []:
            if not recalls["credit"].check(credit, credits):
                report.miss("credit_recall", page, credit, credits)
    body = expected.get("body") or {}
    for summary in body.get("summary") or []:
        if not recalls["standfirst"].check(summary, [got.standfirst]):
            report.miss("standfirst_recall", page, summary, got.standfirst)
    for section in body.get("sections") or []:
        for heading in section.get("headline") or []:
            if not recalls["subheading"].check(heading, got.headings):
                report.miss("subheading_recall", page, heading, got.headings)
    if expected.get("title") and not title.check(expected["title"], [got.title]):
        report.miss("title_found", page, expected["title"], got.title)
