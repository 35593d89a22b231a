"""Scoring whole analyses on real-article gold (``newsgraph eval articles DIR``).

Each folder of ``DIR`` holds one page (``page.html.gz``, ``page.html`` or ``article.txt``) and
its exhaustive hand-made gold ``expected.json`` (people, every quote, every event), in the
format of ``../shared/eval/articles/GUIDELINES.md``. The page is read and analysed as a user's
would be, and scored by the rules of that file:

- **Events**: a predicted event matches a gold event when the types are equal, the predicted
  evidence overlaps the gold evidence, and on each side the gold fills some predicted actor
  names a gold actor. Matching is one-to-one (a maximum matching). Precision = matched
  predicted / predicted; recall = matched gold / gold; main-event recall over gold events with
  ``main``; status right over matched pairs.
- **Quotes**: a predicted quote matches a gold quote when their words overlap by at least 0.6
  of the shorter (one-to-one, best overlap first). It counts when the speaker is right too: the
  predicted speaker's name holds the gold person's surname (or an alias the gold lists), or a
  main word of the organisation's name; a gold quote with no speaker must get no name.
- **People**: a gold person with a role or a country is right when a predicted person with
  the surname comes out with every one of those fields right (role: a content word shared
  with some predicted role title; country: the person's or a role's country).

Readings the rules leave open are in :data:`READINGS` and printed with the figures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Actor, Analysis, Event, Quote

__all__ = ["READINGS", "ArticleReport", "evaluate_articles"]

PAGE_NAMES = ("page.html.gz", "page.html", "article.txt", "page.txt")
QUOTE_OVERLAP = 0.6
READINGS = (
    "Evidence overlap: the predicted event's evidence span (not its merged extra spans) "
    "overlaps the gold evidence located in article.text (whitespace collapsed, quotation marks "
    "and dashes folded); gold evidence not found in the text cannot be matched.",
    "Actors: a gold ISO3 code is named by that code among the event's countries; ORG:Name by a "
    "predicted actor (id, name or the event's actor text) sharing a main word of the name or "
    "giving its initials, or whose initials are the gold name (a country's name and its "
    "demonym count as one word); PERSON:Full Name by one holding the surname.",
    "Quotes: words are \\w+ tokens, case-folded, counted with multiplicity; an organisation "
    "speaker is right as an event's ORG actor is (a main word, or initials either way).",
    "People: the role is right when a predicted role title shares a word that is not a stop "
    "word with the gold role; only the fields the gold gives are checked.",
)

_WORD = re.compile(r"\w+")
_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\xa0": " "})
# Words that do not identify an organisation on their own.
_GENERIC_ORG_WORDS = frozenset(
    {
        *("ministry", "department", "office", "agency", "council", "committee", "government"),
        *("administration", "authority", "authorities", "forces", "force", "army", "military"),
        *("service", "services", "organization", "organisation", "company", "corporation"),
        *("group", "party", "news", "of", "the", "and", "for", "on", "in"),
    }
)


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _words(text: str | None) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


# --- locating gold strings -------------------------------------------------------------


def _collapsed(text: str) -> tuple[str, list[int]]:
    """Return ``text`` with whitespace runs made one space and folded marks, and index map."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, char in enumerate(text.translate(_FOLD)):
        if char.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(char)
        where.append(i)
    return "".join(out), where


class _Locator:
    """Finds gold strings in an article's text despite whitespace and mark differences."""

    def __init__(self, text: str) -> None:
        self.collapsed, self.where = _collapsed(text)

    def find(self, needle: str) -> tuple[int, int] | None:
        folded, _ = _collapsed(needle.strip())
        if not folded:
            return None
        at = self.collapsed.find(folded)
        if at < 0:
            return None
        return self.where[at], self.where[at + len(folded) - 1] + 1


# --- matching --------------------------------------------------------------------------


def _max_matching(pairs: dict[int, list[int]]) -> dict[int, int]:
    """Return a maximum one-to-one matching ``{gold: predicted}`` (Kuhn's augmenting paths)."""
    owner: dict[int, int] = {}

    def augment(gold: int, seen: set[int]) -> bool:
        for predicted in pairs.get(gold, []):
            if predicted in seen:
                continue
            seen.add(predicted)
            if predicted not in owner or augment(owner[predicted], seen):
                owner[predicted] = gold
                return True
        return False

    for gold in pairs:
        augment(gold, set())
    return {gold: predicted for predicted, gold in owner.items()}


def _folded(word: str) -> str:
    """A country's name and its demonym are one word here ("Israeli" = "Israel")."""
    from ..extract.countries import country_for

    return country_for(word.capitalize()) or word


def _org_words(name: str) -> set[str]:
    words = [w for w in _words(name) if w not in _stop_words()]
    main = {w for w in words if w not in _GENERIC_ORG_WORDS}
    return {_folded(w) for w in main or words}


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w not in {"of", "the", "and", "for"})


def names_org(gold_name: str, candidates: Iterable[str]) -> bool:
    """Whether some candidate name shares a main word of ``gold_name`` or gives its initials.

    Initials count both ways: "UN" names the United Nations, and "United Nations" names "UN".
    """
    main = _org_words(gold_name)
    initials = _initials(gold_name)
    gold_words = _words(gold_name)
    for candidate in candidates:
        words = set(_words(candidate))
        if main & {_folded(w) for w in words}:
            return True
        if len(initials) > 1 and initials in words:
            return True
        if (
            len(gold_words) == 1
            and len(gold_words[0]) > 1
            and _initials(candidate) == gold_words[0]
        ):
            return True
    return False


def _surnames(name: str, aliases: Sequence[str] = ()) -> set[str]:
    words = _words(name)
    found = {words[-1]} if words else set()
    for alias in aliases:
        alias_words = _words(alias)
        if alias_words:
            found.add(" ".join(alias_words))
    return found


def names_person(gold_name: str, candidates: Iterable[str], aliases: Sequence[str] = ()) -> bool:
    """Whether some candidate name holds the gold person's surname (or a listed alias)."""
    wanted = _surnames(gold_name, aliases)
    for candidate in candidates:
        joined = " " + " ".join(_words(candidate)) + " "
        if any(f" {surname} " in joined for surname in wanted):
            return True
    return False


# --- the gold ----------------------------------------------------------------------------


@dataclass
class GoldArticle:
    """One folder of the gold set: its page and its expected account."""

    name: str
    page: Path
    expected: dict[str, Any]

    def aliases(self, name: str) -> list[str]:
        """Return the aliases the gold lists for the person ``name``."""
        for person in self.expected.get("people", []):
            if person.get("name") == name:
                return list(person.get("aliases") or [])
        return []

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is one of the gold people."""
        return any(p.get("name") == name for p in self.expected.get("people", []))


def gold_articles(gold_dir: Path, limit: int | None = None) -> list[GoldArticle]:
    """Return the gold folders of ``gold_dir`` in name order.

    Raises:
        InputError: no folder holds an ``expected.json`` beside a page.
    """
    found = []
    for folder in sorted(p for p in gold_dir.iterdir() if p.is_dir()):
        expected = folder / "expected.json"
        page = next((folder / n for n in PAGE_NAMES if (folder / n).is_file()), None)
        if expected.is_file() and page is not None:
            found.append(
                GoldArticle(folder.name, page, json.loads(expected.read_text(encoding="utf-8")))
            )
    if not found:
        raise InputError(
            "no folder with expected.json and a page (real-article gold)", str(gold_dir)
        )
    return found[:limit] if limit is not None else found


# --- scores ------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts of one measure: ``hits`` out of ``total``."""

    hits: int = 0
    total: int = 0

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.hits += other.hits
        self.total += other.total

    @property
    def rate(self) -> float | None:
        """``hits / total`` rounded to 3 places, None when nothing was counted."""
        return round(self.hits / self.total, 3) if self.total else None

    def __str__(self) -> str:
        rate = "—" if self.rate is None else f"{self.rate:.3f}"
        return f"{rate} ({self.hits}/{self.total})"


@dataclass
class ArticleScore:
    """The scores of one article, with what went wrong for studying failures."""

    name: str
    event_precision: Tally = field(default_factory=Tally)
    event_recall: Tally = field(default_factory=Tally)
    main_recall: Tally = field(default_factory=Tally)
    status_right: Tally = field(default_factory=Tally)
    quote_precision: Tally = field(default_factory=Tally)
    quote_recall: Tally = field(default_factory=Tally)
    quotes_found: Tally = field(default_factory=Tally)
    anonymous_named: Tally = field(default_factory=Tally)
    people_right: Tally = field(default_factory=Tally)
    gold_unlocated: int = 0
    error: str | None = None
    misses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def miss(self, kind: str, item: dict[str, Any]) -> None:
        """Record one failure of the kind given (for ``--format json``)."""
        self.misses.setdefault(kind, []).append(item)


MEASURES = (
    ("event precision", "event_precision"),
    ("event recall", "event_recall"),
    ("main-event recall", "main_recall"),
    ("event status right", "status_right"),
    ("quote precision", "quote_precision"),
    ("quote recall", "quote_recall"),
    ("quotes found (any speaker)", "quotes_found"),
    ("anonymous quotes given a name", "anonymous_named"),
    ("people with role and country right", "people_right"),
)


@dataclass
class ArticleReport:
    """Scores over a folder of real-article gold."""

    gold: str
    articles: list[ArticleScore] = field(default_factory=list)

    def total(self, measure: str) -> Tally:
        """Return the sum of one measure over every article."""
        tally = Tally()
        for article in self.articles:
            tally.add(getattr(article, measure))
        return tally

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data, with every article's misses."""
        return {
            "gold": self.gold,
            "articles": len(self.articles),
            "readings": list(READINGS),
            **{key: self.total(key).rate for _, key in MEASURES},
            "hits": {key: [self.total(key).hits, self.total(key).total] for _, key in MEASURES},
            "per_article": [
                {
                    "name": a.name,
                    "error": a.error,
                    "gold_unlocated": a.gold_unlocated,
                    **{key: str(getattr(a, key)) for _, key in MEASURES},
                    "misses": a.misses,
                }
                for a in self.articles
            ],
        }

    def format(self) -> str:
        """Return the totals and a line per article as readable text."""
        lines = [f"real-article gold: {self.gold} ({len(self.articles)} articles)"]
        for label, key in MEASURES:
            lines.append(f"  {label:<36} {self.total(key)}")
        lines.append("")
        lines.append(f"  {'article':<26} {'ev P':>7} {'ev R':>7} {'main':>7} {'q P':>7} {'q R':>7}")
        for a in self.articles:
            if a.error:
                lines.append(f"  {a.name:<26} error: {a.error}")
                continue
            cells = [a.event_precision, a.event_recall, a.main_recall]
            cells += [a.quote_precision, a.quote_recall]
            lines.append(
                f"  {a.name:<26} "
                + " ".join(f"{'—' if c.rate is None else f'{c.rate:.2f}':>7}" for c in cells)
            )
        unlocated = sum(a.gold_unlocated for a in self.articles)
        if unlocated:
            lines.append(f"  gold strings not found in the text read: {unlocated}")
        lines.append("")
        lines.extend(f"  reading: {r}" for r in READINGS)
        return "\n".join(lines)


# --- scoring one article -----------------------------------------------------------------


def _event_names(event: Event, side: str, actors: dict[str, Actor]) -> tuple[set[str], list[str]]:
    codes = set(getattr(event, side))
    ids = list(getattr(event, f"{side}_ids"))
    names = [*ids, *(actors[i].name for i in ids if i in actors)]
    text = getattr(event, f"{side}_text")
    if text:
        names.append(text)
    return codes, names


def _side_named(
    gold_side: Sequence[str], codes: set[str], names: list[str], gold: GoldArticle
) -> bool:
    if not gold_side:
        return True
    for actor in gold_side:
        kind, _, name = actor.partition(":")
        if not name:
            named = actor in codes
        elif kind == "ORG":
            named = names_org(name, names)
        else:
            named = kind == "PERSON" and names_person(name, names, gold.aliases(name))
        if named:
            return True
    return False


def _event_matches(
    gold_event: dict[str, Any],
    span: tuple[int, int],
    event: Event,
    actors: dict[str, Actor],
    gold: GoldArticle,
) -> bool:
    if event.type != gold_event["type"]:
        return False
    if not (event.evidence.start < span[1] and span[0] < event.evidence.end):
        return False
    return all(
        _side_named(gold_event.get(side) or [], *_event_names(event, side, actors), gold)
        for side in ("source", "target")
    )


def _event_brief(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "source": event.source + event.source_ids,
        "target": event.target + event.target_ids,
        "status": event.status,
        "evidence": event.evidence.text,
    }


def score_events(gold: GoldArticle, analysis: Analysis, score: ArticleScore) -> None:
    """Match the predicted events to the gold events and count the event measures."""
    locator = _Locator(analysis.article.text)
    actors = {a.id: a for a in analysis.actors}
    gold_events = gold.expected.get("events", [])
    events = analysis.events
    pairs: dict[int, list[int]] = {}
    for g, gold_event in enumerate(gold_events):
        span = locator.find(gold_event.get("evidence", ""))
        if span is None:
            score.gold_unlocated += 1
            continue
        pairs[g] = [
            p
            for p, event in enumerate(events)
            if _event_matches(gold_event, span, event, actors, gold)
        ]
    matching = _max_matching(pairs)
    score.event_precision = Tally(len(matching), len(events))
    score.event_recall = Tally(len(matching), len(gold_events))
    mains = [g for g, e in enumerate(gold_events) if e.get("main")]
    score.main_recall = Tally(sum(g in matching for g in mains), len(mains))
    statuses = [gold_events[g].get("status") == events[p].status for g, p in matching.items()]
    score.status_right = Tally(sum(statuses), len(statuses))
    for g, gold_event in enumerate(gold_events):
        if g not in matching:
            score.miss(
                "events_missed",
                {k: gold_event.get(k) for k in ("type", "source", "target", "evidence")},
            )
        elif gold_event.get("status") != events[matching[g]].status:
            score.miss(
                "status_wrong",
                {"gold": gold_event.get("status"), **_event_brief(events[matching[g]])},
            )
    matched = set(matching.values())
    for p, event in enumerate(events):
        if p not in matched:
            score.miss("events_unmatched", _event_brief(event))


def word_overlap(a: str, b: str) -> float:
    """Shared words (with multiplicity) over the word count of the shorter text."""
    wa, wb = Counter(_words(a)), Counter(_words(b))
    shorter = min(sum(wa.values()), sum(wb.values()))
    return sum((wa & wb).values()) / shorter if shorter else 0.0


def _speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


def speaker_right(gold_quote: dict[str, Any], quote: Quote, gold: GoldArticle) -> bool:
    """Whether the predicted speaker is right for the gold quote (module docstring)."""
    name = _speaker_name(quote)
    wanted = gold_quote.get("speaker")
    if not wanted:
        return not name
    if not name:
        return False
    if gold.is_person(wanted):
        return names_person(wanted, [name], gold.aliases(wanted))
    return names_org(wanted, [name])


def score_quotes(gold: GoldArticle, analysis: Analysis, score: ArticleScore) -> None:
    """Match the predicted quotes to the gold quotes and count the quote measures."""
    gold_quotes = gold.expected.get("quotes", [])
    quotes = analysis.quotes
    candidates = sorted(
        (
            (overlap, g, p)
            for g, gq in enumerate(gold_quotes)
            for p, q in enumerate(quotes)
            if (overlap := word_overlap(gq.get("text", ""), q.text)) >= QUOTE_OVERLAP
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    matching: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in matching and p not in used:
            matching[g] = p
            used.add(p)
    right = {g for g, p in matching.items() if speaker_right(gold_quotes[g], quotes[p], gold)}
    score.quote_precision = Tally(len(right), len(quotes))
    score.quote_recall = Tally(len(right), len(gold_quotes))
    score.quotes_found = Tally(len(matching), len(gold_quotes))
    anonymous = [g for g, gq in enumerate(gold_quotes) if not gq.get("speaker") and g in matching]
    named = [g for g in anonymous if _speaker_name(quotes[matching[g]])]
    score.anonymous_named = Tally(len(named), len(anonymous))
    for g, gq in enumerate(gold_quotes):
        if g not in matching:
            score.miss("quotes_missed", {"speaker": gq.get("speaker"), "text": gq.get("text")})
        elif g not in right:
            predicted = quotes[matching[g]]
            score.miss(
                "quotes_wrong_speaker",
                {
                    "gold": gq.get("speaker"),
                    "predicted": predicted.speaker.name if predicted.speaker else None,
                    "text": gq.get("text"),
                },
            )
    for p, q in enumerate(quotes):
        if p not in used:
            name = q.speaker.name if q.speaker else None
            score.miss("quotes_unmatched", {"speaker": name, "text": q.text})


def _role_right(gold_role: str, actor: Actor) -> bool:
    wanted = {w for w in _words(gold_role) if w not in _stop_words()}
    return any(wanted & set(_words(role.title)) for role in actor.roles)


def _country_right(country: str, actor: Actor) -> bool:
    return actor.country == country or any(role.country == country for role in actor.roles)


def score_people(gold: GoldArticle, analysis: Analysis, score: ArticleScore) -> None:
    """Count the gold people with a role or a country who come out with them right."""
    people = [a for a in analysis.actors if a.kind == "person"]
    for person in gold.expected.get("people", []):
        role, country = person.get("role"), person.get("country")
        if not role and not country:
            continue
        name = person["name"]
        found = [a for a in people if names_person(name, [a.name], person.get("aliases") or [])]
        right = any(
            (not role or _role_right(role, a)) and (not country or _country_right(country, a))
            for a in found
        )
        score.people_right.total += 1
        score.people_right.hits += right
        if not right:
            score.miss(
                "people_wrong",
                {
                    "gold": {"name": name, "role": role, "country": country},
                    "predicted": [
                        {"name": a.name, "country": a.country, "roles": [r.title for r in a.roles]}
                        for a in found
                    ],
                },
            )


def score_article(gold: GoldArticle, analysis: Analysis) -> ArticleScore:
    """Score one analysis against its gold."""
    score = ArticleScore(gold.name)
    score_events(gold, analysis, score)
    score_quotes(gold, analysis, score)
    score_people(gold, analysis, score)
    return score


def evaluate_articles(gold_dir: Path, limit: int | None = None) -> ArticleReport:
    """Read, analyse and score every article of a real-article gold folder.

    Raises:
        InputError: the folder holds no real-article gold.
    """
    from ..analyze import analyze
    from ..sources import read_article

    gold_dir = Path(gold_dir)
    report = ArticleReport(str(gold_dir))
    for gold in gold_articles(gold_dir, limit):
        try:
            analysis = analyze(read_article(str(gold.page)))
        except InputError as error:
            report.articles.append(ArticleScore(gold.name, error=str(error)))
            continue
        report.articles.append(score_article(gold, analysis))
    return report
