"""Who an event's noun phrase is: from a spaCy token to actor ids and ISO3 country codes.

A phrase is resolved through ``analysis.actors`` (a mention whose offsets fall inside the
phrase), then, failing that, through ``extract.countries.find_countries`` on the phrase text.
Pronouns ("he", "its") take the nearest actor mentioned before them; group anaphors ("they",
"both", "the two leaders") take the participants of the last event told, or the countries
named earlier in the sentence.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..knowledge import load_csv
from ..model import Actor, Analysis
from ..nlp import doc_text
from .event_holders import holder_country, home_country
from .event_lexicon import Lexicon

log = logging.getLogger(__name__)

# Dependents that are not part of who a phrase names.
_SKIP_DEPS = frozenset(
    {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep", "mark", "case", "ccomp", "xcomp"}
)
_CORE_PREPS = frozenset({"of"})
_OUTER_PREPS = frozenset({"in", "from", "by", "across", "throughout", "at"})
_ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
_PERSON_NEAR = 600  # characters back to look for the person a pronoun stands for
_VESSELS = frozenset({"vessel", "ship", "tanker", "freighter", "boat", "carrier", "ferry"})
_FLAGGED = re.compile(r"\b([A-Z][\w'’]+(?: [A-Z][\w'’]+)?)[- ](?:flagged|registered)\b")
_COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


@dataclass
class ActorRef:
    """A resolved phrase: country codes, actor ids, and the phrase itself."""

    codes: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    text: str = ""
    named: bool = False
    agent: bool = False
    proper: bool = False

    @property
    def resolved(self) -> bool:
        """Whether the phrase names a known actor (a country or an actor id)."""
        return bool(self.codes or self.ids)

    def extend(self, other: ActorRef) -> None:
        """Add the codes and ids of ``other`` (keeping order, without repeats)."""
        self.codes = list(dict.fromkeys(self.codes + other.codes))
        self.ids = list(dict.fromkeys(self.ids + other.ids))
        self.text = (
            f"{self.text}; {other.text}" if self.text and other.text else self.text or other.text
        )
        self.named = self.named or other.named
        self.agent = self.agent or other.agent
        self.proper = self.proper or other.proper


def _load_find_countries() -> Callable[[str], list[Any]] | None:
    try:
        from .countries import find_countries
    except ImportError:  # pragma: no cover - the country table is another module's
        return None
    return find_countries


class ActorIndex:
    """The actors of one analysis, indexed by mention offsets."""

    def __init__(self, analysis: Analysis, lex: Lexicon) -> None:
        """Index ``analysis.actors`` mentions by start offset."""
        self.lex = lex
        mentions: list[tuple[int, int, Actor]] = []
        for actor in analysis.actors:
            for span in actor.mentions:
                mentions.append((span.start, span.end, actor))
        mentions.sort(key=lambda m: (m[0], -m[1]))
        self._mentions = mentions
        self._starts = [m[0] for m in mentions]
        self._find_countries = _load_find_countries()
        self.text = analysis.article.text
        self.recent_group: list[ActorRef] = []
        self.unit: tuple[int, int] = (0, 1 << 30)
        self._agents: dict[str, list[tuple[int, list[str]]]] = {}
        self.home: list[str] = home_country(analysis.actors)
        by_id = {a.id: a for a in analysis.actors}
        self._speakers = [
            (q.start, q.end, by_id[q.speaker.actor])
            for q in analysis.quotes
            if q.kind in ("direct", "mixed") and q.speaker and q.speaker.actor in by_id
        ]

    def index_agents(self, doc: Any) -> None:
        """Note every agent noun the article ties to a country ("the Israeli army").

        A later bare "the army" or "the ministry" is then read as the same body ("Gaza's
        Health Ministry", "the Biden administration").
        """
        if doc is None:
            return
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or not is_agent(token):
                continue
            modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "poss")]
            modifiers += [  # "the Ministry of Health in Gaza", "the government of Sindh"
                g
                for p in token.children
                if p.dep_ == "prep" and p.lower_ in ("in", "of")
                for g in p.children
                if g.dep_ == "pobj"
            ]
            codes: list[str] = []
            for child in modifiers:
                start = child.left_edge.idx
                end = child.right_edge.idx + len(child.right_edge)
                ref = self._ref(self.actors_in(start, end), "")
                codes += [c for c in ref.codes if c not in codes]
            if codes:
                key = token.lemma_.lower()
                self._agents.setdefault(key, []).append((token.idx, codes))

    def agent_country(self, head: Any) -> list[str]:
        """Return the country of a bare agent noun from its last mention tied to one.

        In a story about one country (:func:`home_country`), an agent noun tied to none
        ("the government", "police", "protesters") is that country's.
        """
        earlier = [c for i, c in self._agents.get(head.lemma_.lower(), []) if i < head.idx]
        if earlier:
            return earlier[-1]
        return list(self.home) if head.pos_ == "NOUN" else []

    def actors_in(self, start: int, end: int) -> list[Actor]:
        """Return the actors with a mention inside ``[start, end)``, in text order."""
        found: list[Actor] = []
        i = bisect.bisect_left(self._starts, start)
        while i < len(self._mentions) and self._mentions[i][0] < end:
            _, m_end, actor = self._mentions[i]
            if m_end <= end and actor not in found:
                found.append(actor)
            i += 1
        return found

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        """Return the mentions inside ``[start, end)`` as (start, end, actor), in text order."""
        found = []
        i = bisect.bisect_left(self._starts, start)
        while i < len(self._mentions) and self._mentions[i][0] < end:
            if self._mentions[i][1] <= end:
                found.append(self._mentions[i])
            i += 1
        return found

    def actors_before(self, offset: int, kinds: Iterable[str], within: int) -> Actor | None:
        """Return the actor of the last mention of one of ``kinds`` before ``offset``."""
        kinds = set(kinds)
        i = bisect.bisect_left(self._starts, offset) - 1
        while i >= 0 and self._mentions[i][0] >= offset - within:
            actor = self._mentions[i][2]
            if actor.kind in kinds and self._mentions[i][1] <= offset:
                return actor
            i -= 1
        return None

    def ref(self, actors: Sequence[Actor], text: str) -> ActorRef:
        """Return the reference naming ``actors`` (country codes and actor ids)."""
        return self._ref(actors, text)

    def _ref(self, actors: Sequence[Actor], text: str) -> ActorRef:
        ref = ActorRef(text=text, named=True)
        for actor in actors:
            code = actor.id if actor.kind == "country" else actor.country
            if not code and actor.kind == "person":
                code = holder_country(actor.name)
            if code:
                ref.codes = list(dict.fromkeys([*ref.codes, code]))
            if actor.kind not in ("country", "place"):
                ref.ids = list(dict.fromkeys([*ref.ids, actor.id]))
        return ref

    def _by_text(self, text: str) -> list[str]:
        if self._find_countries is None:
            return []
        try:
            return list(dict.fromkeys(m.iso3 for m in self._find_countries(text) if m.iso3))
        except Exception:
            log.debug("find_countries failed on %r", text, exc_info=True)
            return []

    def resolve(self, head: Any, sentence_actors: Sequence[ActorRef] = ()) -> ActorRef:
        """Resolve the noun phrase headed by ``head`` (with its conjuncts) to actors."""
        ref = self._resolve_one(head, sentence_actors)
        for conj in head.conjuncts:
            if conj.i > head.i:
                ref.extend(self._resolve_one(conj, sentence_actors))
        return ref

    def _resolve_one(self, head: Any, sentence_actors: Sequence[ActorRef]) -> ActorRef:
        lower = head.lower_
        if head.pos_ == "PRON" or lower in self.lex.pronouns:
            antecedent = syntactic_antecedent(head)
            if antecedent is not None:
                return self._resolve_one(antecedent, sentence_actors)
        if lower in _FIRST_PERSON:
            speaker = self._speaker_at(head.idx)
            if speaker is not None:
                return self._ref([speaker], head.text)  # "we" in a quote: the speaker's side
        if lower in self.lex.pronouns:
            return self._pronoun(head, self.lex.pronouns[lower])
        core = [t for t in _core_tokens(head) if self.unit[0] <= t.i < self.unit[1]] or [head]
        start = min(t.idx for t in core)
        end = max(t.idx + len(t) for t in core)
        text = doc_text(head.doc)[start:end]
        if head.lemma_.lower() in _ADVERSARIES:
            # "Erdogan's critics" are not Erdogan, but a name qualifies who they are.
            return ActorRef(text=text, named=True, proper=any(_is_name(t) for t in core))
        actors = [a for a in self.actors_in(start, end) if not self._opposed(a, start, end)]
        agent = is_agent(semantic_head(head))
        proper = is_proper(semantic_head(head))
        if actors:
            ref = self._ref(actors, text)
            ref.agent, ref.proper = agent, proper
            return ref
        codes = self._by_text(re.sub(r"(?i)\b(?:anti|pro)[- ]\w+", "", text))
        if not codes and agent:
            codes = self.agent_country(semantic_head(head))
        if not codes and self._is_group(head):
            return self._group(head, sentence_actors)
        if not codes:
            for prep in semantic_head(head).children:
                if prep.dep_ == "prep" and prep.lower_ in _OUTER_PREPS:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            inner = self._resolve_one(obj, sentence_actors)
                            if inner.resolved:
                                return ActorRef(inner.codes, inner.ids, text, True)
                if prep.dep_ == "prep" and prep.lower_ == "including":
                    # "other partners, including Japan and Canada": the members it names.
                    for obj in (g for g in prep.children if g.dep_ == "pobj"):
                        inner = self.resolve(obj, sentence_actors)
                        if inner.resolved:
                            return ActorRef(inner.codes, inner.ids, f"{text}; {inner.text}", True)
        owner = next(
            (c for c in semantic_head(head).children if c.dep_ == "poss" and c.pos_ == "PRON"),
            None,
        )
        if not codes and owner is not None and head.dep_ in ("nsubj", "nsubjpass"):
            inner = self._resolve_one(owner, sentence_actors)  # "139 of its soldiers"
            if inner.resolved:
                return ActorRef(inner.codes, inner.ids, text, True, agent, proper)
        if not codes and head.dep_ == "appos" and head.head.i < head.i:
            inner = self._resolve_one(head.head, sentence_actors)  # "Hamas, a group that ..."
            if inner.resolved:
                return ActorRef(inner.codes, inner.ids, text, True, agent, proper)
        if not codes:
            codes = self._named_before(head)  # "the strip" after "the Gaza Strip"
        if not codes and semantic_head(head).lemma_.lower() in _VESSELS:
            codes = self._flag_state(head)  # "a merchant vessel ... the Liberian-flagged ship"
        # An unresolved noun phrase still names an actor ("activists", "Arnor").
        named = head.pos_ in ("PROPN", "NOUN") or head.ent_type_ in _ENTITY_TYPES
        return ActorRef(
            codes=codes, text=text, named=named or bool(codes), agent=agent, proper=proper
        )

    def _named_before(self, head: Any) -> list[str]:
        """Return the country of the place a definite description shortens, if any.

        "The strip" after "the Gaza Strip", "the peninsula" after "the Korean Peninsula": the
        place mentioned whose name ends with the noun; "the country" is the last country named.
        """
        if head.pos_ not in ("NOUN", "PROPN") or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            return []
        if any(c.dep_ in ("compound", "amod", "poss") for c in head.children):
            return []
        word = head.lower_
        if word in _COUNTRY_NOUNS:  # "the country": the last country named before
            actor = self.actors_before(head.idx, ("country",), _PERSON_NEAR)
            return [actor.id] if actor is not None else []
        at = bisect.bisect_left(self._starts, head.idx)
        # The last such place before, else the first after (a lead may say "the strip" first).
        for i in [*range(at - 1, -1, -1), *range(at, len(self._mentions))]:
            start, end, actor = self._mentions[i]
            code = actor.id if actor.kind == "country" else actor.country
            name = self.text[start:end].lower().split()
            if code and actor.kind in ("country", "place") and len(name) > 1 and name[-1] == word:
                return [code]
        return []

    def _opposed(self, actor: Actor, start: int, end: int) -> bool:
        """Whether every mention of ``actor`` in ``[start, end)`` reads "anti-X" or "pro-X".

        "An anti-Syria journalist" is not Syria's; "pro-Morales demonstrators" are not Morales.
        """
        spans = [(a, b) for a, b, who in self.mentions_in(start, end) if who is actor]
        return bool(spans) and all(
            self.text[max(0, a - 5) : a].lower().endswith(("anti-", "pro-", "anti ", "pro "))
            for a, _ in spans
        )

    def _flag_state(self, head: Any) -> list[str]:
        """Return the flag state a sentence gives a ship ("the Liberian-flagged ship")."""
        if self._find_countries is None:
            return []
        sent = head.sent
        text = doc_text(head.doc)[sent.start_char : sent.end_char]
        for match in _FLAGGED.finditer(text):
            codes = self._by_text(match.group(1))
            if codes:
                return codes[:1]
        return []

    def _speaker_at(self, offset: int) -> Actor | None:
        """Return the speaker of the direct quote holding ``offset``, if the quote has one."""
        for start, end, actor in self._speakers:
            if start <= offset < end:
                return actor
        return None

    def _is_group(self, head: Any) -> bool:
        if head.lower_ in self.lex.group and head.pos_ in ("PRON", "DET"):
            return True
        return head.tag_ in ("NNS", "NNPS") and any(
            c.lower_ in self.lex.group and c.dep_ in ("nummod", "det", "predet")
            for c in head.children
        )

    def _pronoun(self, token: Any, kind: str) -> ActorRef:
        carried = self._carried_subject(token, kind)
        if carried is not None:
            return carried
        kinds = ("person",) if kind == "person" else ("country", "organization", "org")
        actor = self.actors_before(token.idx, kinds, _PERSON_NEAR)
        if actor is None:
            return ActorRef(text=token.text)
        return self._ref([actor], token.text)

    def _carried_subject(self, token: Any, kind: str) -> ActorRef | None:
        """Return what a sentence's opening subject pronoun carries over from the last one.

        "The military has said ... On Friday, it ordered ...": a pronoun that is the subject
        of a sentence whose words before it name no one refers to the subject of the sentence
        before (the topic stays), when that subject names an actor of the pronoun's kind.
        """
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        sent = token.sent
        if sent.start == 0 or any(
            t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in _NOT_NAMES
            for t in token.doc[sent.start : token.i]
        ):
            return None
        previous = token.doc[sent.start - 1].sent
        subject = _nominal_subject(previous.root)
        if subject is None:
            return None
        is_person = subject.ent_type_ == "PERSON"
        if is_person != (kind == "person") or _plural(subject) != (token.lower_ == "they"):
            return None
        unit, self.unit = self.unit, (previous.start, previous.end)
        try:
            ref = self._resolve_one(subject, ())
        finally:
            self.unit = unit
        if not ref.resolved:
            return None
        return ActorRef(ref.codes, ref.ids, token.text, True, ref.agent, ref.proper)

    def _group(self, head: Any, sentence_actors: Sequence[ActorRef]) -> ActorRef:
        """Resolve "they", "both", "the two leaders": earlier participants of this sentence."""
        ref = ActorRef(text=head.text, named=True)
        for earlier in sentence_actors:
            ref.extend(earlier)
        if len(ref.codes) < 2:
            for earlier in self.recent_group:
                ref.extend(earlier)
        ref.text = head.text
        if len(ref.codes) < 2 and not ref.ids:
            return ActorRef(text=head.text)
        return ref

    def sentence_refs(self, sent: Any, before: int) -> list[ActorRef]:
        """Return one ref per actor mentioned in ``sent`` before offset ``before``."""
        return [self._ref([actor], actor.name) for actor in self.actors_in(sent.start_char, before)]


def _core_tokens(head: Any) -> list[Any]:
    """Return the tokens of the phrase that say who it is (no clauses or most preps)."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            loyal = child.lower_ == "to" and token.lower_ in ("loyal", "allied", "linked")
            if child.dep_ in _SKIP_DEPS and not (
                child.dep_ == "prep" and (child.lower_ in _CORE_PREPS or loyal)
            ):  # "forces loyal to Gbagbo" are Gbagbo's
                continue
            if child.lower_ in _RELATIVE:
                continue
            tokens.append(child)
            stack.append(child)
    return tokens


@lru_cache(maxsize=1)
def _agent_words() -> frozenset[str]:
    """Nouns that name an actor without naming who: role titles, institutions, groups."""
    words = {
        row["title"].lower()
        for row in load_csv("role_titles.csv")
        if row["kind"] == "title" and row["sector"]
    }
    words |= {row["words"].lower() for row in load_csv("org_words.csv") if row["sector"]}
    words |= {row["word"].lower() for row in load_csv("event_agents.csv")}
    return frozenset(words)


_STATE_SECTORS = frozenset(
    {"government", "military", "police", "judiciary", "legislature", "intelligence"}
)


@lru_cache(maxsize=1)
def _state_words() -> frozenset[str]:
    words = {
        row["title"].lower()
        for row in load_csv("role_titles.csv")
        if row["kind"] == "title" and row["sector"] in _STATE_SECTORS
    }
    words |= {
        row["words"].lower() for row in load_csv("org_words.csv") if row["sector"] in _STATE_SECTORS
    }
    words |= {
        row["word"].lower() for row in load_csv("event_agents.csv") if row.get("state") == "yes"
    }
    return frozenset(words)


def is_state_actor(head: Any) -> bool:
    """Whether a phrase head names a state or its agents ("Jordan", "police", "the ministry")."""
    if head.ent_type_ == "GPE":
        return True
    head = semantic_head(head)
    if head.lemma_.lower() in _state_words() or head.lower_ in _state_words():
        return True
    return (
        any(
            c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP") for c in head.children
        )
        and head.lemma_.lower() in _agent_words()
    )


_NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


def _is_name(token: Any) -> bool:
    if token.ent_type_ in _NOT_NAMES:
        return False
    return bool(token.ent_type_ in _ENTITY_TYPES or token.pos_ == "PROPN")


_QUALIFIERS = frozenset({"loyal", "of", "from", "backed"})


def is_proper(head: Any) -> bool:
    """Whether a noun phrase names who acts: a name, or an agent noun a name qualifies.

    "ISIS", "Action Against Hunger", "the Catalan government", "IDF troops", "forces loyal to
    Khalifa Hifter", "leaders of the Workers' Party".
    """
    if _is_name(head):
        return True
    if not is_agent(head):
        return False
    for child in head.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and _is_name(child):
            return True
        if (
            child.dep_ in ("amod", "prep", "acl")
            and child.lower_ in _QUALIFIERS
            and any(_is_name(t) for t in child.subtree if t != child)
        ):
            return True
    return False


def is_agent(head: Any) -> bool:
    """Whether a noun phrase head names an actor: a name, an institution or a role.

    "ISIS", "the Taliban", "police", "the ministry", "protesters", "the court" name actors
    even when no country is said; "the report", "a rush" or "the ground" do not.
    """
    if head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"):
        return False
    if head.ent_type_ in _ENTITY_TYPES or head.pos_ == "PROPN":
        return True
    return head.pos_ == "NOUN" and (
        head.lemma_.lower() in _agent_words() or head.lower_ in _agent_words()
    )


_QUANTITIES = frozenset(
    {
        *("tens", "thousands", "hundreds", "dozens", "millions", "scores", "number", "group"),
        *("some", "many", "most", "all", "majority", "part", "rest", "each", "one", "two"),
        *("several", "few", "handful", "lot", "lots", "contingent", "batch", "unit", "team"),
    }
)
_SAYING_DEPS = frozenset({"ccomp", "advcl"})


def semantic_head(head: Any) -> Any:
    """Return the noun a quantity stands for: "thousands of workers" -> "workers"."""
    for _ in range(3):
        if head.lower_ not in _QUANTITIES and head.pos_ != "NUM":
            return head
        objs = [
            g
            for p in head.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if not objs:
            return head
        head = objs[0]
    return head


def syntactic_antecedent(pronoun: Any) -> Any:
    """Return the noun phrase a pronoun refers to when the syntax says it, else None.

    "The rebels said they will release ..." (the subject of a complement of a saying verb is
    the sayer), "The army reiterated its commitment ..." (a possessive refers to the subject of
    its clause).
    """
    if pronoun.dep_ == "poss":
        verb = pronoun.head
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        subject = _nominal_subject(verb)
        plural = pronoun.lower_ in _PLURAL_PRONOUNS
        if (
            subject is not None
            and subject.i < pronoun.i
            and pronoun not in subject.subtree
            and _plural(subject) == plural
        ):
            return subject
        if subject is None and _nominal_subject(verb) is None:
            return _earlier_subject(pronoun, plural)
        return None
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    while clause.dep_ in ("conj", "xcomp", "aux") and clause.head != clause:
        clause = clause.head
    if clause.dep_ not in _SAYING_DEPS or clause.head == clause:
        return None
    subject = _nominal_subject(clause.head)
    if subject is not None and subject.i < pronoun.i:
        if pronoun.lower_ in _PLURAL_PRONOUNS and not _plural(subject) and not is_agent(subject):
            return None
        if pronoun.lower_ in ("he", "she", "it") and _plural(subject):
            return None  # "critics say he ...": he is not the critics
        return subject
    return None


def _earlier_subject(pronoun: Any, plural: bool) -> Any:
    """Return the nearest subject before a possessive whose own clause has none.

    "Israel, shielded by the United States, has resisted pressure to scale back its
    offensive": "its" is the subject's, not the nearer "United States".
    """
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and token.pos_ in ("PROPN", "NOUN")
            and _plural(token) == plural
            and is_agent(token)
        ):
            return token
    return None


_ADVERSARIES = frozenset({"critic", "opponent", "rival", "detractor", "foe", "enemy"})
"""Nouns that name someone by whom they oppose: "X's critics" do not act for X."""
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "we", "our", "us"})


def _plural(noun: Any) -> bool:
    """Whether a noun phrase is plural ("rebels", "Japan and Korea")."""
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)


def _nominal_subject(verb: Any) -> Any:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def is_named(head: Any) -> bool:
    """Whether a token looks like a named entity (an unresolved but real actor)."""
    return bool(head.pos_ == "PROPN" or head.ent_type_ in _ENTITY_TYPES)
