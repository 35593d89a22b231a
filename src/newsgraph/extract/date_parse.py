"""Time expressions in English news text, found by a small grammar and resolved to the calendar.

This module is pure: no spaCy. :func:`scan` finds candidate expressions in a text with one
compiled regular expression, and :func:`resolve_expression` turns one expression into an ISO 8601
value and a granularity, relative to the publication date and the tense of its sentence.
The words (month and weekday names, "last", "ago", prepositions, ...) live in
``knowledge/date_words.json``; only the grammar is here.

Values and granularities:

========================  ===================================  ===============
expression                value                                granularity
========================  ===================================  ===============
"May 9, 2023", "Sunday"   ``2023-05-09``                       ``day``
"this week", "next week"  ISO week ``2023-W20``                ``week``
"last month", "in March"  ``2023-04``                          ``month``
"in 2018", "early 2024"   ``2018``                             ``year``
"from 1910 to 1945"       ``1910/1945`` (ISO 8601 interval)    ``range``
"last weekend"            ``2023-05-06/2023-05-07``            ``range``
"the past week"           ``2023-05-02/2023-05-09``            ``range``
"the 1990s"               ``1990/1999``                        ``decade``
========================  ===================================  ===============

Qualifiers are kept in the mention text but not in the value: "mid-March" is ``2023-03``,
"early 2024" is ``2024``, "since 2018" is ``2018``. Durations ("for 35 years", "less than two
months") are not calendar dates and are not returned. A relative expression with no publication
date to anchor it resolves to a ``None`` value: nothing is guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..knowledge import load_json

PAST = "past"
FUTURE = "future"

Resolved = tuple[str | None, str]
"""An ISO 8601 value (``None`` when it cannot be known) and its granularity."""

Handler = Callable[[re.Match[str], date | None, str], Resolved | None]


@dataclass(frozen=True)
class Candidate:
    """A stretch of text the grammar recognises as a time expression.

    ``needs_context`` marks bare forms ("March", "2018") that count as dates only after a
    preposition ("in March") or inside a date entity found by the parser.
    """

    start: int
    end: int
    text: str
    pattern: str
    needs_context: bool


def _alt(words: Any) -> str:
    """Return a regex alternation of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    """The date vocabulary of ``knowledge/date_words.json``, with its regex fragments."""

    months: dict[str, int]
    full_months: tuple[str, ...]
    weekdays: dict[str, int]
    numbers: dict[str, int | None]
    units: dict[str, str]
    shifts: dict[str, str]
    deictic: dict[str, int]
    ago: dict[str, int]
    prepositions: tuple[str, ...]
    future_auxiliaries: frozenset[str]
    future_cues: frozenset[str]
    count_nouns: frozenset[str]
    day_parts: tuple[str, ...]
    period_parts: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Return the date vocabulary (read once per process)."""
    data = load_json("date_words.json")
    months = {**data["months"], **data["month_abbreviations"]}
    return Lexicon(
        months=months,
        full_months=tuple(data["months"]),
        weekdays=dict(data["weekdays"]),
        numbers=dict(data["number_words"]),
        units=dict(data["units"]),
        shifts=dict(data["shift_words"]),
        deictic={**data["deictic_days"], **data["deictic_day_parts"]},
        ago=dict(data["ago_words"]),
        prepositions=tuple(data["prepositions"]),
        future_auxiliaries=frozenset(data["future_auxiliaries"]),
        future_cues=frozenset(data["future_cues"]),
        count_nouns=frozenset(data["count_nouns_after_years"]),
        day_parts=tuple(data["day_parts"]),
        period_parts=tuple(data["period_parts"]),
    )


# --- calendar arithmetic -----------------------------------------------------------------


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_by_tense(month: int, published: date, tense: str) -> tuple[int, int]:
    """The most recent ``month`` not after publication (past) or the next one not before it."""
    if tense == FUTURE:
        return (published.year if month >= published.month else published.year + 1), month
    return (published.year if month <= published.month else published.year - 1), month


def _day_by_tense(month: int, day: int, published: date, tense: str) -> date | None:
    """The most recent ``month``/``day`` on or before publication (past), or on or after it."""
    step = 1 if tense == FUTURE else -1
    for year in range(published.year, published.year + 9 * step, step):  # 29 Feb: 8 years
        found = _safe_date(year, month, day)
        if found is None:
            continue  # 29 February in a common year
        if (tense == FUTURE and found >= published) or (tense != FUTURE and found <= published):
            return found
    return None


def _weekday_by_tense(weekday: int, published: date, tense: str, strict: bool = False) -> date:
    """The nearest ``weekday`` on or before publication (past) or on or after it (future).

    With ``strict`` the publication day itself is excluded ("last Tuesday", "next Tuesday").
    """
    if tense == FUTURE:
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead or (7 if strict else 0))
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back or (7 if strict else 0))


def _weekend(published: date, shift: str, tense: str) -> str:
    """The Saturday/Sunday range meant by "last/next/this weekend"."""
    saturday = published + timedelta(days=5 - published.weekday())  # of the same ISO week
    in_weekend = published.weekday() >= 5
    if shift == "previous":
        start = saturday - timedelta(days=7)
    elif shift == "next":
        start = saturday + timedelta(days=7) if in_weekend else saturday
    elif in_weekend or tense == FUTURE:
        start = saturday
    else:
        start = saturday - timedelta(days=7)
    return f"{start.isoformat()}/{(start + timedelta(days=1)).isoformat()}"


# --- the grammar ---------------------------------------------------------------------------


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return lexicon().numbers.get(word.lower())


def _month_of(word: str) -> int:
    return lexicon().months[word.rstrip(".")]


def _year_of(text: str | None) -> int | None:
    return int(text) if text else None


def _day_of(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@dataclass(frozen=True)
class Pattern:
    """One form of time expression: its regex (with named groups) and how to resolve it."""

    name: str
    regex: str
    handler: Handler
    needs_context: bool = False


class Grammar:
    """The compiled patterns, built once from the lexicon (see :func:`grammar`)."""

    def __init__(self, lex: Lexicon) -> None:
        abbreviations = [m for m in lex.months if m not in lex.full_months]
        month_any = rf"(?:{_alt(lex.full_months)}|(?:{_alt(abbreviations)})\.?)"
        month_full = rf"(?:{_alt(lex.full_months)})"
        weekday = rf"(?:{_alt(lex.weekdays)})"
        day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
        year = r"(?<![\d,.$£€])(?:1[5-9]\d\d|20\d\d)(?![0-9a-z%]|[.,]\d)"
        numbers = _alt([w for w in lex.numbers if w]) + r"|\d+"
        units = _alt(lex.units)
        parts = rf"(?i:{_alt(lex.period_parts)})"
        shifts = rf"(?i:{_alt(lex.shifts)})"
        day_parts = rf"(?i:{_alt(lex.day_parts)})"
        ago = rf"(?i:{_alt(lex.ago)})"
        simple = (
            rf"(?:{month_any}\s+{day}(?:,?\s+{year})?|{day}\s+(?:of\s+)?{month_any}"
            rf"(?:,?\s+{year})?|{month_full}(?:,?\s+{year})?|{year}|{weekday})"
        )
        end = rf"(?:{simple}|{day}(?:,?\s+{year})?|\d\d(?!\d))"
        self.simple = re.compile(simple)
        self.patterns: list[Pattern] = [
            Pattern("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)", _iso),
            Pattern(
                "between",
                rf"(?P<open>(?i:between))\s+(?P<a>{simple})(?P<sep>\s+(?i:and)\s+)(?P<b>{end})",
                _range,
            ),
            Pattern(
                "range",
                rf"(?:(?P<open>(?i:from))\s+)?(?P<a>{simple})"
                rf"(?P<sep>\s*[-–—]\s*|\s+(?i:to|until|till|through)\s+)(?P<b>{end})",
                _range,
            ),
            Pattern(
                "days_month",
                rf"(?P<d1>{day})\s*[-–]\s*(?P<d2>{day})\s+(?P<mon>{month_any})(?:,?\s+(?P<y>{year}))?",
                _days_month,
            ),
            Pattern(
                "month_day",
                rf"(?:(?P<wd>{weekday}),?\s+)?(?P<mon>{month_any})\s+(?:the\s+)?(?P<d>{day})(?:,?\s+(?P<y>{year}))?",
                _month_day,
            ),
            Pattern(
                "day_month",
                rf"(?:(?P<wd>{weekday}),?\s+)?(?:(?i:the)\s+)?(?P<d>{day})\s+(?:of\s+)?"
                rf"(?P<mon>{month_any})(?:,?\s+(?P<y>{year}))?",
                _month_day,
            ),
            Pattern(
                "month_year",
                rf"(?:{parts}[-\s]*)?(?P<mon>{month_any}),?\s+(?:of\s+)?(?P<y>{year})",
                _month_year,
            ),
            Pattern(
                "decade",
                r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[-\s]+)?"
                r"(?P<y>(?:1[5-9]|20)\d0)['’]?s(?![0-9a-z])",
                _decade,
            ),
            Pattern(
                "ago",
                rf"(?P<n>(?i:{numbers}))[-\s]+(?P<u>(?i:{units}))\s+(?P<dir>{ago})",
                _ago,
            ),
            Pattern("deictic", rf"(?P<w>(?i:{_alt(lex.deictic)}))", _deictic),
            Pattern(
                "shift",
                rf"(?:{parts}[-\s]*)?(?:(?i:the)\s+)?(?P<s>{shifts})\s+(?:(?P<wd>{weekday})"
                rf"(?:\s+{day_parts})?|(?P<mon>{month_full})|(?P<u>(?i:{units})))",
                _shift,
            ),
            Pattern("part_year", rf"{parts}[-\s]*(?P<y>{year})", _year),
            Pattern("part_month", rf"{parts}[-\s]*(?P<mon>{month_full})", _month),
            Pattern("weekday", rf"(?P<wd>{weekday})(?:\s+{day_parts})?", _weekday),
            Pattern("month", rf"(?P<mon>{month_full})", _month, needs_context=True),
            Pattern("year", rf"(?P<y>{year})", _year, needs_context=True),
        ]
        self.compiled = {p.name: re.compile(p.regex) for p in self.patterns}
        self.by_name = {p.name: p for p in self.patterns}
        anonymous = [re.sub(r"\(\?P<\w+>", "(?:", p.regex) for p in self.patterns]
        self.scanner = re.compile(
            r"(?<!\w)(?:"
            + "|".join(
                f"(?P<{p.name}>{body})" for p, body in zip(self.patterns, anonymous, strict=True)
            )
            + r")(?![0-9a-z])"
        )
        self.context = re.compile(rf"(?i:\b(?:{_alt(lex.prepositions)})\s+)$")
        self.duration = re.compile(
            rf"(?i:\b(?:{numbers})[-\s]+(?:{units})\b(?!\s+(?:{_alt(lex.ago)})))"
        )
        plural_units = [u for u in lex.units if u.endswith("s")]
        self.ago = re.compile(rf"(?i:\b(?:{_alt(lex.ago)})\b)")
        self.vague = re.compile(rf"(?i:\b(?:{_alt(plural_units)})\b)")


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Return the compiled grammar (built once per process)."""
    return Grammar(lexicon())


# --- handlers: one per pattern --------------------------------------------------------------


def _iso(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    found = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (found.isoformat(), "day") if found else None


def _month_day(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    month, day, year = _month_of(m["mon"]), _day_of(m["d"]), _year_of(m["y"])
    if year is not None:
        found = _safe_date(year, month, day)
        return (found.isoformat(), "day") if found else None
    if _safe_date(2000, month, day) is None:
        return None
    if published is None:
        return None, "day"
    resolved = _day_by_tense(month, day, published, tense)
    return (resolved.isoformat() if resolved else None), "day"


def _days_month(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    month, year = _month_of(m["mon"]), _year_of(m["y"])
    first, last = _day_of(m["d1"]), _day_of(m["d2"])
    if last <= first:
        return None
    if year is None:
        if published is None:
            return None, "range"
        start = _day_by_tense(month, first, published, tense)
        year = start.year if start else None
    a = _safe_date(year, month, first) if year else None
    b = _safe_date(year, month, last) if year else None
    return (f"{a.isoformat()}/{b.isoformat()}" if a and b else None), "range"


def _month_year(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    return _month_value(int(m["y"]), _month_of(m["mon"])), "month"


def _month(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    if published is None:
        return None, "month"
    return _month_value(*_month_by_tense(_month_of(m["mon"]), published, tense)), "month"


def _year(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    return m["y"], "year"


def _decade(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    start = int(m["y"])
    return f"{start}/{start + 9}", "decade"


def _weekday(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    if published is None:
        return None, "day"
    return _weekday_by_tense(lexicon().weekdays[m["wd"]], published, tense).isoformat(), "day"


def _deictic(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    if published is None:
        return None, "day"
    offset = lexicon().deictic[m["w"].lower()]
    return (published + timedelta(days=offset)).isoformat(), "day"


def _ago(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    lex = lexicon()
    unit = lex.units[m["u"].lower()]
    count = _number(m["n"])
    sign = lex.ago[m["dir"].lower()]
    granularity = {"fortnight": "week", "decade": "year"}.get(unit, unit)
    if granularity not in ("day", "week", "month", "year"):
        return None
    if published is None or count is None:
        return None, granularity
    n = count * sign
    if unit == "day":
        return (published + timedelta(days=n)).isoformat(), "day"
    if unit in ("week", "fortnight"):
        weeks = n * (2 if unit == "fortnight" else 1)
        return _week_value(published + timedelta(weeks=weeks)), "week"
    if unit == "month":
        return _month_value(*_shift_month(published.year, published.month, n)), "month"
    return str(published.year + n * (10 if unit == "decade" else 1)), "year"


_STEP = {"previous": -1, "next": 1, "current": 0, "trailing": -1}


def _shift(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    lex = lexicon()
    shift = lex.shifts[m["s"].lower()]
    step = _STEP[shift]
    if m["wd"]:
        if published is None:
            return None, "day"
        weekday = lex.weekdays[m["wd"]]
        if shift == "current":
            return _weekday_by_tense(weekday, published, tense).isoformat(), "day"
        way = FUTURE if step > 0 else PAST
        return _weekday_by_tense(weekday, published, way, strict=True).isoformat(), "day"
    if m["mon"]:
        if published is None:
            return None, "month"
        month = _month_of(m["mon"])
        if shift == "current":
            return _month_value(published.year, month), "month"
        if step > 0:
            year = published.year if month > published.month else published.year + 1
        else:
            year = published.year if month < published.month else published.year - 1
        return _month_value(year, month), "month"
    unit = lex.units[m["u"].lower()]
    if m["u"].lower() != unit:
        return None  # plural, "the coming days": a vague stretch rather than a date
    return _shift_unit(unit, shift, published, tense)


def _shift_unit(unit: str, shift: str, published: date | None, tense: str) -> Resolved | None:
    granularity = {"weekend": "range", "decade": "decade", "fortnight": "range"}.get(unit, unit)
    if unit in ("hour", "minute", "day"):
        return None
    if published is None or unit in ("century", "quarter"):
        return None, granularity
    step = _STEP[shift]
    if shift == "trailing":  # "the past week": the stretch up to publication
        if unit == "decade":
            return f"{published.year - 10}/{published.year}", "range"
        if unit == "weekend":
            return _weekend(published, "previous", tense), "range"
        if unit in ("week", "fortnight"):
            start = published - timedelta(weeks=1 if unit == "week" else 2)
        else:
            back = _shift_month(published.year, published.month, -1 if unit == "month" else -12)
            start = date(*back, min(published.day, calendar.monthrange(*back)[1]))
        return f"{start.isoformat()}/{published.isoformat()}", "range"
    if unit == "week":
        return _week_value(published + timedelta(weeks=step)), "week"
    if unit == "fortnight":
        return None, "range"
    if unit == "weekend":
        return _weekend(published, shift, tense), "range"
    if unit == "month":
        return _month_value(*_shift_month(published.year, published.month, step)), "month"
    if unit == "year":
        return str(published.year + step), "year"
    decade = published.year // 10 * 10 + 10 * step
    return f"{decade}/{decade + 9}", "decade"


_SHORT_END = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?")


def _range(m: re.Match[str], published: date | None, tense: str) -> Resolved | None:
    a_text, b_text = m["a"], m["b"]
    short = _SHORT_END.fullmatch(b_text)
    if short:
        a, b = _short_range(a_text, short, published, tense)
    else:
        a = resolve_expression(a_text, published, tense)
        b = resolve_expression(b_text, published, tense)
        if a is not None and b is not None:
            a = _inherit_year(a_text, a, b_text, b, published, tense)
    if a is None or b is None:
        return None
    if a[0] is None or b[0] is None:
        return None, "range"
    if b[0] < a[0]:
        return None
    return f"{a[0]}/{b[0]}", "range"


def _short_range(
    a_text: str, short: re.Match[str], published: date | None, tense: str
) -> tuple[Resolved | None, Resolved | None]:
    """Resolve a range with a short end: "1910-45", "March 2-4", "May 7-8, 2023"."""
    digits, year = short["d"], short["y"]
    if year and not re.search(r"\d{4}", a_text):
        a_text = f"{a_text} {year}"
    a = resolve_expression(a_text, published, tense)
    if a is None:
        return None, None
    value, granularity = a
    if granularity == "year" and len(digits) == 2 and not year:
        return a, ((f"{value[:2]}{digits}" if value else None), "year")
    if granularity != "day":
        return a, None
    if value is None:
        return a, (None, "day")
    end = _safe_date(int(value[:4]), int(value[5:7]), int(digits))
    return a, ((end.isoformat(), "day") if end else None)


def _inherit_year(
    a_text: str, a: Resolved, b_text: str, b: Resolved, published: date | None, tense: str
) -> Resolved:
    """Give "March" in "from March to May 2023" the year of the end of the range."""
    if b[0] is None or re.search(r"\d{4}", a_text) or not re.search(r"\d{4}", b_text):
        return a
    end_year = int(b[0][:4])
    fixed = resolve_expression(f"{a_text} {end_year}", published, tense)
    if fixed is None or fixed[0] is None:
        return a
    if fixed[0] > b[0]:
        fixed = resolve_expression(f"{a_text} {end_year - 1}", published, tense) or fixed
    return fixed


# --- public functions ------------------------------------------------------------------------


def _strip(text: str) -> str:
    text = text.strip().rstrip(".,;:")
    return re.sub(r"['’]s$", "", text)


def _without_preposition(text: str) -> str | None:
    lex = lexicon()
    match = re.match(rf"(?i:(?:{_alt(lex.prepositions)})\s+)", text)
    return text[match.end() :] if match else None


def resolve_expression(text: str, published: date | None, tense: str = PAST) -> Resolved | None:
    """Resolve one time expression to an ISO 8601 value and its granularity.

    Args:
        text: the expression, with or without its preposition ("on Sunday", "last month").
        published: the publication date every relative expression is anchored to; with
            ``None`` relative expressions resolve to a ``None`` value.
        tense: ``"past"`` or ``"future"``, the tense of the sentence: "on Sunday" is the
            most recent Sunday on or before publication in the past, the next one in the
            future. Anything else counts as past, the usual tense of news.

    Returns:
        ``(value, granularity)``, or ``None`` when the text is not a calendar date the
        grammar knows (a duration such as "35 years" included).

    Example:
        >>> resolve_expression("on Sunday", date(2023, 5, 9), "past")
        ('2023-05-07', 'day')
    """
    return _resolve(_strip(text), published, tense)


@lru_cache(maxsize=4096)
def _resolve(text: str, published: date | None, tense: str) -> Resolved | None:
    g = grammar()
    for candidate in (text, _without_preposition(text)):
        if not candidate:
            continue
        for pattern in g.patterns:
            match = g.compiled[pattern.name].fullmatch(candidate)
            if match is not None:
                return pattern.handler(match, published, tense)
    return None


def scan(text: str) -> Iterator[Candidate]:
    """Yield the time expressions the grammar finds in ``text``, left to right.

    Bare month names and years come with ``needs_context``; see :func:`has_context`.
    """
    g = grammar()
    for match in g.scanner.finditer(text):
        name = match.lastgroup or ""
        yield Candidate(
            match.start(), match.end(), match.group(), name, g.by_name[name].needs_context
        )


def is_date_use(text: str, candidate: Candidate, vouched: bool) -> bool:
    """Whether a candidate is used as a date where it stands in ``text``.

    Bare month names and years count only after a preposition ("in March", "since 2018") or
    inside a date entity found by the parser; never as a possessive ("May's government"), a
    count ("2018 troops") or a name ("The Sunday Times").

    Args:
        text: the whole text the candidate was found in.
        candidate: a match of :func:`scan`.
        vouched: whether something else says it is a date: a date entity found by the
            parser around it, or a date just before it ("in April and May").
    """
    lex = lexicon()
    after = text[candidate.end : candidate.end + 30]
    if candidate.pattern in ("month", "year", "weekday") and re.match(r"['’]s\b", after):
        return candidate.pattern == "weekday"  # "Monday's meeting" but not "May's government"
    next_word = re.match(r"[ \t]+(\w+)", after)
    if next_word:
        word = next_word.group(1)
        if candidate.pattern == "year" and word.lower() in lex.count_nouns:
            return False
        if candidate.pattern == "weekday" and word[0].isupper() and word not in lex.months:
            return False
    if not candidate.needs_context or vouched:
        return True
    return (
        grammar().context.search(text[max(0, candidate.start - 30) : candidate.start]) is not None
    )


def is_duration(text: str) -> bool:
    """Whether ``text`` is a stretch of time rather than a date ("35 years", "recent months")."""
    g = grammar()
    if g.ago.search(text):
        return False
    return bool(g.duration.search(text) or g.vague.search(text))


def preposition_before(text: str, start: int) -> int:
    """Return where the preposition directly before ``start`` begins ("on" in "on Sunday")."""
    match = grammar().context.search(text[max(0, start - 30) : start])
    if match is None:
        return start
    return max(0, start - 30) + match.start()
