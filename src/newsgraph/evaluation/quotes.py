"""Scoring quotes against brat-standoff attribution gold such as PolNeAR (``eval quotes``).

The rules are those of ``../shared/eval/README.md``:

- Gold *speech attributions* are those whose Content holds a quotation mark (``"“”``) or whose
  Cue holds a speech word (:data:`SPEECH_WORDS`); *direct/mixed* are those whose Content holds
  a double quotation mark. For an article with several ``.ann`` files the first in sorted
  order is used.
- A predicted quote is located by its ``text`` (its own offsets when they hold that text,
  else the first exact occurrence). It *matches* a gold Content when their character overlap
  is at least half of each; matching is one-to-one, largest overlap first, over all gold
  attributions. The pieces of one utterance (quotes linked by ``continues``: "…," she said.
  "…") are one prediction made of all their characters, as the gold Content of such an
  utterance is one attribution of several pieces (a reading: :data:`READING`).
- The speaker is *right* when the predicted ``speaker.text`` or ``speaker.name`` shares a word
  (not a stop word, title or pronoun) with the gold Source, or, when the gold Source is a
  pronoun, ``speaker.text`` is that pronoun. A gold Source with no word that may be shared
  ("the senator", "another") is read like a pronoun: ``speaker.text`` must be those words.
- **end-to-end** = gold quotes matched with the right speaker / gold quotes (direct/mixed, and
  all speech attributions); **precision** = predicted quotes matching any gold attribution /
  predicted quotes.

Each ``text/*.txt`` is analysed as a plain-text article (``Article(text=...)``) so that the
gold offsets point into ``article.text``. :func:`textacy_quotes` runs textacy's
``direct_quotations`` on the same parses as a baseline (``pip install textacy``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..knowledge import load_json
from ..model import Analysis, Article, Quote, Speaker

__all__ = [
    "READING",
    "SPEECH_WORDS",
    "GoldAttribution",
    "QuoteReport",
    "QuoteScore",
    "evaluate_quotes",
    "read_brat",
    "score_article",
]

log = logging.getLogger(__name__)

SPEECH_WORDS = frozenset(
    [
        "say",
        "said",
        "says",
        "told",
        "tell",
        "added",
        "adds",
        "according",
        "explained",
        "asked",
        "argued",
        "claimed",
        "noted",
        "stated",
        "insisted",
        "warned",
        "wrote",
        "announced",
        "declared",
        "suggested",
        "acknowledged",
        "admitted",
        "replied",
        "responded",
        "continued",
        "recalled",
        "conceded",
        "stressed",
        "emphasized",
        "underlined",
        "pointed",
        "promised",
        "vowed",
        "urged",
        "described",
        "called",
        "criticized",
        "denied",
        "predicted",
        "tweeted",
        "reported",
    ]
)
"""The speech words of the scoring rules (a gold Cue holding one is a speech attribution)."""

QUOTE_MARKS = ('"', "“", "”")

READING = (
    "Pieces: quotes linked by `continues` (one utterance split by its attribution) are one "
    "prediction, located piece by piece, as a gold Content of several pieces is one attribution."
)
"""How the rules are read where they say nothing of predictions in several pieces."""
_WORD = re.compile(r"\w+")
_SPAN_LINE = re.compile(r"^[TE#]\d+\t")

Extractor = Callable[[Sequence[Article]], Iterable[list[Quote]]]
"""Turns articles into their predicted quotes, one list per article, in order."""


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: its content pieces and the source and cue as written."""

    pieces: tuple[tuple[int, int], ...]
    content: str
    source: str | None
    cue: str | None

    @property
    def speech(self) -> bool:
        """Whether it is a speech attribution (quotation mark in content, or a speech cue)."""
        cue_words = {w.lower() for w in _WORD.findall(self.cue or "")}
        return self.direct or bool(cue_words & SPEECH_WORDS)

    @property
    def direct(self) -> bool:
        """Whether the content holds a double quotation mark (direct or mixed)."""
        return any(m in self.content for m in QUOTE_MARKS)


def read_brat(path: Path) -> list[GoldAttribution]:
    """Read the attributions of one brat standoff file.

    Span text that runs over several lines (a line not starting ``T<n>``/``E<n>``/``#<n>``
    and a tab) is appended to the previous span's text.

    Raises:
        InputError: the file is not UTF-8.
    """
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as exc:
        raise InputError(
            "not UTF-8 brat standoff (re-save the .ann file as UTF-8)", source=str(path)
        ) from exc
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    events: list[dict[str, str]] = []
    last: str | None = None
    for line in lines:
        if not _SPAN_LINE.match(line):
            if last is not None and line:
                kind, pieces, text = spans[last]
                spans[last] = (kind, pieces, text + "\n" + line)
            continue
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            head, _, text = rest.partition("\t")
            kind, _, offsets = head.partition(" ")
            pieces = tuple(
                (int(a), int(b))
                for a, b in (p.split() for p in offsets.split(";") if len(p.split()) == 2)
            )
            spans[ident] = (kind, pieces, text)
            last = ident
        elif ident.startswith("E"):
            events.append(dict(p.split(":", 1) for p in rest.split() if ":" in p))
            last = None
    return [_attribution(event, spans) for event in events if event.get("Content") in spans]


def _attribution(
    event: dict[str, str], spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]]
) -> GoldAttribution:
    _, pieces, content = spans[event["Content"]]
    source = spans[event["Source"]][2] if event.get("Source") in spans else None
    cue = spans[event["Cue"]][2] if event.get("Cue") in spans else None
    return GoldAttribution(pieces, content, source, cue)


@cache
def _ignored_words() -> frozenset[str]:
    """Stop words, titles and pronouns: words that cannot make a speaker right.

    Titles are honorifics and the titles written before names ("Mr.", "President", "Sen."),
    from ``knowledge/quote_words.json``; role nouns such as "judge" or "expert" still count.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    titles = load_json("quote_words.json")["scoring_titles"]
    return frozenset({*STOP_WORDS, *titles, *_pronouns()})


def _content_words(text: str | None) -> set[str]:
    return {w for w in (x.lower() for x in _WORD.findall(text or "")) if w not in _ignored_words()}


def speaker_right(speaker: Speaker | None, source: str | None, strict: bool = False) -> bool:
    """Whether a predicted speaker is right for the gold Source text, by the scoring rules.

    A gold attribution without a Source has no word to share, so no speaker is right for it.
    With ``strict``, neither is any speaker for a Source made only of stop words and titles
    ("the senator"); by default the speaker mention must then be those words.
    """
    if source is None or speaker is None or not source.strip():
        return False
    gold = source.strip().lower()
    if gold in _pronouns():
        return (speaker.text or "").strip().lower() == gold
    gold_words = _content_words(source)
    if not gold_words:
        # A Source with no word to share ("the senator", "another") is treated like a
        # pronoun: only a speaker mention of the same words is right.
        return not strict and _normalized(speaker.text) == _normalized(source)
    return bool(gold_words & (_content_words(speaker.text) | _content_words(speaker.name)))


def _normalized(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


@cache
def _pronouns() -> frozenset[str]:
    """Personal pronouns of the extractor plus the other forms a Source can take ("who")."""
    from ..extract.quote_words import quote_words

    return frozenset({*quote_words().pronouns, *load_json("quote_words.json")["scoring_pronouns"]})


def locate(text: str, quote: Quote) -> tuple[int, int] | None:
    """Return where the quote's text is in the article: its offsets, or the first occurrence."""
    if quote.text and text[quote.start : quote.end] == quote.text:
        return quote.start, quote.end
    at = text.find(quote.text) if quote.text else -1
    return (at, at + len(quote.text)) if at >= 0 else None


@dataclass
class QuoteScore:
    """Counts for one system on a gold set (summed over articles)."""

    gold_speech: int = 0
    gold_direct: int = 0
    right_speech: int = 0
    right_direct: int = 0
    matched_speech: int = 0
    matched_direct: int = 0
    predicted: int = 0
    predicted_matched: int = 0

    def add(self, other: QuoteScore) -> None:
        """Add another score's counts to this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        """Return end-to-end (direct/mixed, speech), content recall and precision."""

        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "direct_end_to_end": ratio(self.right_direct, self.gold_direct),
            "speech_end_to_end": ratio(self.right_speech, self.gold_speech),
            "direct_content_recall": ratio(self.matched_direct, self.gold_direct),
            "speech_content_recall": ratio(self.matched_speech, self.gold_speech),
            "precision": ratio(self.predicted_matched, self.predicted),
        }


def utterances(text: str, quotes: Sequence[Quote]) -> list[tuple[int, set[int]]]:
    """Group quote pieces into utterances: ``(index of the first piece, characters)`` each.

    A quote that ``continues`` another (one utterance split by its attribution) adds its
    characters to that one's, as a gold Content of several pieces holds all of them.
    Pieces that cannot be located add nothing.
    """
    first_of: dict[int, int] = {}
    groups: dict[int, set[int]] = {}
    for p, quote in enumerate(quotes):
        head = first_of.get(quote.continues) if quote.continues is not None else None
        head = p if head is None else head
        first_of[quote.start] = head
        chars = groups.setdefault(head, set())
        where = locate(text, quote)
        if where is not None:
            chars.update(range(*where))
    return sorted(groups.items())


def score_article(
    text: str, gold: Sequence[GoldAttribution], quotes: Sequence[Quote], strict: bool = False
) -> QuoteScore:
    """Score one article's predicted quotes against its gold attributions.

    The pieces of one utterance are one prediction (:func:`utterances`); its speaker is its
    first piece's. ``strict`` is passed on to :func:`speaker_right`.
    """
    predicted = utterances(text, quotes)
    pairs: list[tuple[int, int, int]] = []
    gold_sets = [{i for a, b in g.pieces for i in range(a, b)} for g in gold]
    for p, (_, chars) in enumerate(predicted):
        if not chars:
            continue
        for g, gold_chars in enumerate(gold_sets):
            overlap = len(chars & gold_chars)
            if overlap and 2 * overlap >= len(chars) and 2 * overlap >= len(gold_chars):
                pairs.append((overlap, p, g))
    pairs.sort(reverse=True)
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, p, g in pairs:
        if p not in used and g not in match:
            match[g] = p
            used.add(p)
    score = QuoteScore(predicted=len(predicted), predicted_matched=len(used))
    for g, attribution in enumerate(gold):
        if not attribution.speech:
            continue
        p_index = match.get(g)
        right = p_index is not None and speaker_right(
            quotes[predicted[p_index][0]].speaker, attribution.source, strict
        )
        score.gold_speech += 1
        score.matched_speech += p_index is not None
        score.right_speech += right
        if attribution.direct:
            score.gold_direct += 1
            score.matched_direct += p_index is not None
            score.right_direct += right
    return score


@dataclass
class QuoteReport:
    """The result of :func:`evaluate_quotes`: per-system scores and the articles that failed."""

    gold_dir: str
    articles: int = 0
    scores: dict[str, QuoteScore] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-ready data."""
        return {
            "gold_dir": self.gold_dir,
            "articles": self.articles,
            "reading": READING,
            "errors": [{"article": a, "error": e} for a, e in self.errors],
            "systems": {
                name: {**score.__dict__, **score.figures()} for name, score in self.scores.items()
            },
        }

    def format(self) -> str:
        """Return the report as an aligned table, one row per system."""
        lines = [f"{self.gold_dir}: {self.articles} articles, {len(self.errors)} errors"]
        if self.scores:
            first = next(iter(self.scores.values()))
            lines.append(f"gold: {first.gold_direct} direct/mixed, {first.gold_speech} speech")
        header = f"{'system':10} {'direct e2e':>10} {'speech e2e':>10} {'direct rec':>10} "
        lines.append(header + f"{'speech rec':>10} {'precision':>10} {'predicted':>9}")
        for name, score in self.scores.items():
            f = score.figures()
            lines.append(
                f"{name:10} {f['direct_end_to_end']:10.3f} {f['speech_end_to_end']:10.3f} "
                f"{f['direct_content_recall']:10.3f} {f['speech_content_recall']:10.3f} "
                f"{f['precision']:10.3f} {score.predicted:9d}"
            )
        lines.extend(f"error: {a}: {e}" for a, e in self.errors)
        lines.append(f"reading: {READING}")
        return "\n".join(lines)


def gold_articles(gold_dir: Path, limit: int | None = None) -> list[tuple[str, str, Path]]:
    """Return ``(name, text, ann_path)`` for each article of a PolNeAR-style directory.

    Raises:
        InputError: the directory has no ``text/`` and ``attributions/`` folders.
    """
    texts, anns = gold_dir / "text", gold_dir / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError(
            "not a brat gold directory (pass a folder holding text/ and attributions/)",
            source=str(gold_dir),
        )
    result: list[tuple[str, str, Path]] = []
    for path in sorted(texts.glob("*.txt"))[:limit]:
        candidates = sorted(anns.glob(f"{path.stem}*.ann"))
        if candidates:
            result.append((path.stem, path.read_text(encoding="utf-8"), candidates[0]))
    return result


def newsgraph_quotes(docs: Sequence[Any], articles: Sequence[Article]) -> Iterator[list[Quote]]:
    """Our quotes for already parsed articles (actors first, when that extractor exists)."""
    from .. import extract
    from ..analyze import load_builtin_extractors
    from ..extract.quotes import extract_quotes

    load_builtin_extractors()
    before = [name for name in ("actors", "dates") if name in extract.REGISTRY]
    for doc, article in zip(docs, articles, strict=True):
        analysis = Analysis(article=article)
        for name in before:
            extract.REGISTRY[name].func(analysis, doc)
        yield extract_quotes(doc, analysis)


def textacy_quotes(docs: Sequence[Any]) -> Iterator[list[Quote]]:
    """Textacy's ``direct_quotations`` on the same parses, as quotes (a baseline).

    Raises:
        ImportError: textacy is not installed (``pip install textacy``).
    """
    from textacy.extract.triples import direct_quotations

    for doc in docs:
        quotes: list[Quote] = []
        try:
            triples = list(direct_quotations(doc))
        except (ValueError, IndexError, AttributeError) as exc:  # textacy fails on some texts
            log.debug("textacy failed: %s", exc)
            triples = []
        for triple in triples:
            content = triple.content
            words = " ".join(t.text for t in triple.speaker)
            speaker = Speaker(text=words or None)
            quotes.append(
                Quote("direct", content.text, content.start_char, content.end_char, speaker)
            )
        yield quotes


def evaluate_quotes(
    gold_dir: Path, limit: int | None = None, baseline: bool = False, strict: bool = False
) -> QuoteReport:
    """Score newsgraph's quotes (and optionally textacy's) on a brat attribution gold set.

    Args:
        gold_dir: a folder with ``text/*.txt`` and ``attributions/*.ann`` (PolNeAR ``dev``).
        limit: score only the first ``limit`` articles (sorted by name).
        baseline: also run textacy's ``direct_quotations`` on the same parses.
        strict: no speaker is right for a Source made only of stop words and titles.

    Returns:
        The report; articles whose analysis raised are listed in ``errors``.

    Raises:
        InputError: ``gold_dir`` is not a brat gold directory.
    """
    from ..nlp import parse_many

    items = gold_articles(Path(gold_dir), limit)
    report = QuoteReport(str(gold_dir), articles=len(items))
    systems: dict[str, Callable[[Sequence[Any], Sequence[Article]], Iterable[list[Quote]]]] = {
        "newsgraph": newsgraph_quotes
    }
    if baseline:
        systems["textacy"] = lambda docs, _articles: textacy_quotes(docs)
    report.scores = {name: QuoteScore() for name in systems}
    for chunk_start in range(0, len(items), 32):
        chunk = items[chunk_start : chunk_start + 32]
        articles = [Article(text=text) for _, text, _ in chunk]
        docs = list(parse_many(a.text for a in articles))
        golds = [read_brat(ann) for _, _, ann in chunk]
        for name, system in systems.items():
            predictions = _safe(name, system, docs, articles, chunk, report)
            for (_, text, _), gold, quotes in zip(chunk, golds, predictions, strict=True):
                report.scores[name].add(score_article(text, gold, quotes, strict))
    return report


def _safe(
    system_name: str,
    system: Callable[[Sequence[Any], Sequence[Article]], Iterable[list[Quote]]],
    docs: Sequence[Any],
    articles: Sequence[Article],
    chunk: Sequence[tuple[str, str, Path]],
    report: QuoteReport,
) -> Iterator[list[Quote]]:
    """Run a system article by article; one that raises scores as no quotes and is reported."""
    for doc, article, (name, _, _) in zip(docs, articles, chunk, strict=True):
        try:
            yield next(iter(system([doc], [article])))
        except Exception as exc:
            report.errors.append((f"{system_name}: {name}", f"{type(exc).__name__}: {exc}"))
            yield []
