"""An event's status, attribution, date and place, read from the parse around its trigger.

- **status**: ``negated`` (a negation on the trigger or its clause, "failed to"),
  ``hypothetical`` (a condition, a modal, a wish), ``expected`` (planned or expected:
  "scheduled to", "expected to", a date after publication) or ``occurred``. A future told as
  the actor's own intent ("will", "intends to") is returned as ``future``: the extractor recodes
  it (cooperation becomes AGREE, material conflict THREATEN; PLOVER manual, AGREE and
  auxiliary modes).
- **attribution**: ``article`` (the article's own report), ``reported`` (under a speech verb:
  "X said Y did Z"), or ``quote`` (inside quotation marks).
- **date**: the date mention governed by the trigger, else the sentence's only date when the
  sentence has one event, else (for a past-tense event in a sentence without dates) the date of
  the sentence before, else the publication date.
- **location**: a place named in an "in"/"at" phrase of the trigger, or a visit's destination.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ..model import DateMention, Quote
from ..nlp import doc_text
from .doc_index import entity_at
from .event_lexicon import Lexicon
from .intervals import SpanIndex

_CLAUSE_UP = frozenset({"xcomp", "ccomp", "advcl", "acl", "conj", "relcl", "pcomp", "amod"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_QUOTES = '"“”'
_MARKS_KEY = "newsgraph.event_quote_marks"
_QUOTE_INDEX_KEY = "newsgraph.event_quote_index"
_UP_STEPS = 4


@dataclass(frozen=True)
class Status:
    """Status of an event and whether the actor announced it as its own intent."""

    status: str
    future: bool = False
    failed: bool = False
    """Negated by a verb of failing ("failed to reach agreement"), not by "not"."""


def status_of(anchor: Any, trigger: Any, lex: Lexicon) -> Status:
    """Return the status of the event anchored at ``anchor`` (the clause's verb)."""
    future = False
    hypothetical = False
    expected = False
    for token in {anchor, trigger}:
        for child in token.children:
            if child.dep_ == "neg" or (
                child.dep_ == "det" and lex.status.get(child.lower_) == "negated"
            ):
                return Status("negated", future=_future_aux(anchor, lex))
    token = anchor
    under_speech = False
    for _ in range(_UP_STEPS):
        for child in token.children:
            kind = lex.status.get(child.lower_)
            if child.dep_ in ("aux", "auxpass") and kind == "future":
                future = True
            elif child.dep_ in ("aux", "auxpass") and kind == "hypothetical":
                if child.lower_ == "would" and _under_past_speech(token, lex):
                    future = True
                else:
                    hypothetical = True
            elif child.dep_ == "mark" and kind == "hypothetical":
                hypothetical = True
            elif child.dep_ == "neg" and token != anchor and token.dep_ == "xcomp":
                return Status("negated")
        if token.dep_ not in _CLAUSE_UP or token.head == token:
            break
        dep = token.dep_
        token = token.head
        kind = lex.status.get(token.lemma_.lower())
        if token.lemma_.lower() in lex.speech:
            under_speech = True
        wished = dep == "ccomp" and kind == "hypothetical" and token.pos_ == "VERB"
        if (dep in ("xcomp", "acl", "amod", "advcl") or wished) and not under_speech:
            if kind == "expected":
                expected = True
            elif kind in ("intent", "future"):
                future = True
            elif kind == "hypothetical":
                hypothetical = True
            elif kind == "negated":
                return Status("negated", failed=True)
            if "intent" in _roles(token, lex):
                future = True
        if token.lower_ == "going" and dep == "xcomp":
            future = True
    if anchor.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("acl", "relcl") and lex.status.get(c.lemma_.lower()) == "expected"
        for c in anchor.children
    ):
        expected = True  # "the summit, which is scheduled to take place in Hiroshima"
    if hypothetical:
        return Status("hypothetical")
    if expected:
        return Status("expected")
    if future:
        return Status("expected", future=True)
    return Status("occurred")


def _future_aux(token: Any, lex: Lexicon) -> bool:
    """Whether a clause (or the clause it completes) is told in the future ("will not lift")."""
    for _ in range(2):
        if any(
            c.dep_ in ("aux", "auxpass") and lex.status.get(c.lower_) == "future"
            for c in token.children
        ):
            return True
        if token.dep_ != "xcomp" or token.head == token:
            break
        token = token.head
    return False


def _roles(token: Any, lex: Lexicon) -> frozenset[str]:
    roles: frozenset[str] = frozenset()
    for entry in lex.triggers.get((token.lemma_.lower(), "V"), ()):
        roles |= entry.roles
    return roles


def _under_past_speech(token: Any, lex: Lexicon) -> bool:
    head = token
    for _ in range(_UP_STEPS):
        if head.dep_ not in ("ccomp", "conj") or head.head == head:
            return False
        head = head.head
        if head.lemma_.lower() in lex.speech and head.tag_ in ("VBD", "VBN"):
            return True
    return False


def attribution_of(anchor: Any, quotes: list[Quote], lex: Lexicon) -> str:
    """Return ``quote``, ``reported`` or ``article`` for the event at ``anchor``."""
    offset = anchor.idx
    if _direct_quotes(anchor.doc, quotes).overlapping(offset, offset + 1):
        return "quote"
    if not quotes and _inside_quotation_marks(anchor):
        return "quote"
    token = anchor
    for _ in range(_UP_STEPS):
        if token.head == token:
            break
        token = token.head
        if token.lemma_.lower() in lex.speech:
            return "reported"
    sent = anchor.sent
    if any(t.lower_ in lex.speech and t.dep_ == "prep" for t in sent):
        return "reported"
    return "article"


def _direct_quotes(doc: Any, quotes: list[Quote]) -> SpanIndex[Quote]:
    """The direct and mixed quotes of an article, indexed by position (built once per doc)."""
    key = (id(quotes), len(quotes))
    cached = doc.user_data.get(_QUOTE_INDEX_KEY)
    if cached is None or cached[0] != key:
        direct = [q for q in quotes if q.kind in ("direct", "mixed")]
        cached = doc.user_data[_QUOTE_INDEX_KEY] = (key, SpanIndex(direct, _quote_bounds))
    index: SpanIndex[Quote] = cached[1]
    return index


def _quote_bounds(quote: Quote) -> tuple[int, int]:
    return quote.start, quote.end


def _inside_quotation_marks(token: Any) -> bool:
    """Whether an odd number of quotation marks precede ``token`` in its paragraph."""
    marks, breaks = _marks_and_breaks(token.doc)
    start = breaks[bisect_left(breaks, token.idx) - 1] if breaks and breaks[0] < token.idx else 0
    count = bisect_left(marks, token.idx) - bisect_left(marks, start)
    return count % 2 == 1


def _marks_and_breaks(doc: Any) -> tuple[list[int], list[int]]:
    """Where the quotation marks and the paragraph breaks of a text are (found once per doc).

    Counting them anew before every event costs time growing with the square of a long
    paragraph's length.
    """
    found = doc.user_data.get(_MARKS_KEY)
    if found is None:
        text = doc_text(doc)
        marks = [m.start() for m in re.finditer(f"[{_QUOTES}]", text)]
        breaks = [m.start() + 1 for m in re.finditer("\n\n", text)]
        found = doc.user_data[_MARKS_KEY] = (marks, breaks)
    return found  # type: ignore[no-any-return]


def date_governor(date: DateMention, doc: Any, anchors: set[int]) -> int | None:
    """Return the index of the anchor or trigger token that governs a date mention."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(8):
        if token.i in anchors:
            return int(token.i)
        if token.head == token:
            return None
        token = token.head
    return None


def location_of(tokens: list[Any], destination: Any | None) -> str | None:
    """Return a place named in an "in"/"at" phrase of ``tokens``, else the destination."""
    for token in tokens:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                places = [t for t in prep.subtree if t.ent_type_ in _PLACE_TYPES]
                if places:
                    return _entity_text(places[-1])
    if destination is not None and destination.ent_type_ in _PLACE_TYPES:
        return _entity_text(destination)
    return None


def _entity_text(token: Any) -> str:
    ent = entity_at(token.doc, token.i)
    return str(ent.text) if ent is not None else str(token.text)


_QUESTION_VERBS = frozenset(
    {"wonder", "ask", "know", "see", "check", "decide", "question", "doubt", "determine"}
)
"""Verbs whose "if" clause is a question ("wondering if X will agree"), not a condition."""
_ATTITUDES = frozenset({"fear", "hope", "wonder", "worry", "doubt", "wish", "dread"})
"""Verbs whose complement is an attitude, not a happening ("they fear that X may concede")."""
_DESIRES = frozenset({"like", "want", "love", "hope", "wish", "prefer"})
_CLAUSES = frozenset({"ccomp", "xcomp", "conj", "csubj", "pcomp", "advcl", "dobj", "pobj", "prep"})
_CLAUSE_STEPS = 6


_CAPACITIES = frozenset(
    {
        *("tendency", "habit", "propensity", "penchant", "inclination", "ability"),
        *("capability", "capacity", "proficiency", "expertise", "skill", "potential"),
    }
)
"""Nouns whose complement is a disposition or a capability, not a happening."""
_REQUIRING = frozenset({"require", "need", "necessitate"})
"""Verbs whose object act is only wanted ("a deal requires concessions from China")."""
_DISPOSED = frozenset(
    {"happy", "glad", "eager", "keen", "pleased", "reluctant", "loath", "afraid", "unwilling"}
)
"""Adjectives whose infinitive is a disposition ("forces happy to kill"), not a happening."""
_CONTENT_NOUNS = frozenset(
    {
        *("fear", "hope", "worry", "concern", "speculation", "rumor", "rumour", "report"),
        *("claim", "allegation", "suggestion", "suspicion", "impression", "belief"),
    }
)
"""Nouns whose "that" clause or "of" phrase is what is feared, claimed or reported, not a
happening told ("a report that X were shelling", "a report of an attack")."""
_ENDEAVOURS = frozenset({"plan", "effort", "attempt", "bid", "proposal", "push"})
"""Nouns whose infinitive is what is planned or tried ("a plan to return them"), not done."""


_REGARDING = frozenset({"see", "view", "regard", "consider", "perceive", "treat", "describe"})


def _regarded(noun: Any) -> bool:
    """Whether a noun is only what someone regards as something ("sees hacking as a way")."""
    verb = noun.head
    return (
        (noun.dep_ in ("dobj", "obj") or (noun.dep_ == "xcomp" and noun.tag_ == "VBG"))
        and verb.lemma_.lower() in _REGARDING
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    )


_TOPIC_NOUNS = frozenset(
    {
        *("coverage", "development", "portrayal", "depiction", "documentary", "film", "movie"),
        *("novel", "book", "podcast", "series", "episode", "reporting", "narrative", "backdrop"),
    }
)
"""Nouns whose "of"/"in"/"about" phrase is what they tell or show, not an act they state
("against the backdrop of attacks on shipping": a setting told before, not a new act)."""
_INFORMED = frozenset({("with", "familiar"), ("to", "close")})
"""How news names its sources: "people familiar with the talks", "a source close to the
negotiations" (one "briefed on last weekend's phone call" tells that the call took place)."""
_DEPICTING = frozenset({"portray", "depict", "dramatize", "dramatise", "satirize", "satirise"})


def _topic(noun: Any) -> bool:
    """Whether an act noun is only the topic of a story, a film or its coverage.

    "one-sided coverage of the war with Hamas", "discussed the latest developments in the
    conflict", "a comedy that portrayed the assassination of Kim": the act is not told.
    """
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    head = noun.head
    if noun.dep_ in ("dobj", "obj") and head.lemma_.lower() in _DEPICTING:
        return True
    if noun.dep_ != "pobj":
        return False
    if (head.lower_, head.head.lower_) in _INFORMED:
        return True  # "people familiar with the talks said": who the sources are
    if head.lower_ not in ("of", "in", "about", "on"):
        return False
    return bool(head.head.lemma_.lower() in _TOPIC_NOUNS and head.head.pos_ == "NOUN")


def _capacity(node: Any) -> bool:
    head = node.head
    if node.dep_ in ("pobj", "pcomp"):
        head = head.head  # "proficiency in computer warfare"
    return bool(head.lemma_.lower() in _CAPACITIES)


_USUALLY = frozenset({"often", "usually", "routinely", "typically", "frequently", "generally"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _habitual(verb: Any) -> bool:
    """Whether a present verb says what is usually done, not an act that happened.

    "Censorship is often used to suppress news"; in a relative clause set off by a comma, what
    someone does as a rule ("Smith, who consults with officials, said").
    """
    present = verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )
    if present and any(c.dep_ == "advmod" and c.lower_ in _USUALLY for c in verb.children):
        return True
    return (
        verb.dep_ == "relcl"
        and verb.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children)
        and verb.left_edge.i > 0
        and verb.doc[verb.left_edge.i - 1].text == ","
    )


def unasserted(trigger: Any, anchor: Any) -> bool:
    """Whether a trigger is only asked about, feared or wished for, never said to happen.

    "whether Trump will agree", "wondering if the purchases will be enough", "mixed signals
    about whether he wants a deal", "they fear that X may end up giving concessions", "would
    like to see China agree", "it's striking that ...", and a gerund as a clause's subject
    ("cutting off their profits is one way to ...") tell no event, nor does a disposition or a
    capability ("his tendency to increase his demands", "forces happy to kill"), what is usual
    ("censorship is often used to suppress news"), what is reported, claimed or planned ("a
    report that ...", "a report of an attack", "a plan to return them"), a goal ("for Damascus
    to allow the U.N. to deliver aid"), nor what someone
    regards as something ("sees hacking as a way to fund its weapons").
    """
    if (
        anchor.dep_ == "csubj"
        and anchor.tag_ == "VBG"
        and not any(c.dep_ in ("nsubj", "aux") for c in anchor.children)
    ):
        return True
    if (
        anchor.tag_ in ("VBG", "JJ")
        and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in anchor.children)
        and any(c.dep_ == "ccomp" for c in anchor.children)
    ):
        return True  # "it's striking that", "it is worrying that"
    if (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.pos_ == "NOUN"
        and trigger.head.head.lemma_.lower() in _CONTENT_NOUNS
    ):
        return True  # "received a report of an attack", "dismissed allegations of war crimes"
    if _habitual(trigger.head if trigger.dep_ in _ARGUMENTS else anchor):
        return True  # "censorship is often used to suppress stories": what is usual, no act
    if _regarded(trigger):
        return True  # "sees hacking as a way to fund its weapons"
    if _topic(trigger):
        return True  # "its coverage of the war", "a film that portrayed the assassination"
    # "the tariffs imposed on Sept. 1": an act its own clause tells, wherever it is named.
    told = any(c.dep_ in ("acl", "relcl") and c.tag_ == "VBN" for c in trigger.subtree)
    # A noun the verb of its act governs ("if any of his tariffs will be removed") is as
    # unasserted as that verb's clause.
    return any(_in_unasserted_clause(node, told) for node in dict.fromkeys([trigger, anchor]))


def _in_unasserted_clause(node: Any, told: bool) -> bool:
    """Whether ``node``'s clause, or one it is part of, only asks, fears, wishes or plans."""
    for _ in range(_CLAUSE_STEPS):
        if node.dep_ in ("acl", "xcomp", "pobj", "pcomp") and _capacity(node):
            return True  # "his tendency to increase his demands", "proficiency in warfare"
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if "whether" in marks:
            return True
        if (
            "for" in marks
            and node.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        ):
            return True  # "pressure must continue for Damascus to allow the U.N. to deliver"
        if "if" in marks and (
            node.dep_ in ("ccomp", "csubj", "pcomp")
            or (node.dep_ == "advcl" and node.head.lemma_.lower() in _QUESTION_VERBS)
        ):
            return True
        head = node.head
        if node.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in _ATTITUDES:
            return True
        if node.dep_ == "dobj" and node.pos_ == "NOUN" and head.lemma_.lower() in _REQUIRING:
            return True  # "requires deeper concessions from China": wanted, not made
        if node.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_.lower() in _DISPOSED:
            return True  # "forces happy to kill children": a disposition alleged
        if (
            node.dep_ == "acl"
            and "that" in marks
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in _CONTENT_NOUNS
        ):
            return True  # "apologized for a report that X were targeting people", "for fear that"
        if (
            node.dep_ == "acl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in _ENDEAVOURS
        ):
            return True  # "a U.N. plan to return the refugees", "efforts to thwart": not done yet
        if (
            node.dep_ == "ccomp"
            and not told
            and head.lemma_.lower() in _DESIRES
            and any(c.dep_ == "nsubj" for c in node.children)
        ):
            return True  # "Beijing wants Trump to eliminate the tariffs": a wish for another's act
        if (
            node.dep_ in ("ccomp", "xcomp")
            and head.lemma_.lower() == "see"
            and head.dep_ == "xcomp"
            and head.head.lemma_.lower() in _DESIRES
        ):
            return True  # "would like to see China agree"
        if node.dep_ not in _CLAUSES or head == node:
            return False
        node = head
    return False
