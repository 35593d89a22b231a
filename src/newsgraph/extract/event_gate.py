"""Which lines of a page are coded for events, and which coded events are kept.

Precision first (issue 12): page furniture is never coded, and an event is kept only when
it has an actor an analyst can use.

- **Lines**: a line that repeats the headline is not coded as an event of its own (the
  headline is used to mark the story's main events, :mod:`.event_main`); sharing and sign-up
  prompts, contributor and credit lines and copyright notices (``knowledge/event_furniture.json``)
  are never coded, nor is a line whose main verb is an imperative ("Share this article",
  "Sign up for our newsletter").
- **Events**: the source must name a country, an organisation or a person (a phrase such as
  "officials" or "the two sides" that resolves to none is not enough), except for violence,
  coercion and accusation told in the passive with a named recipient ("three protesters were
  killed", "Serbia has been accused of ..."), where the GUIDELINES code the event with an
  unknown actor. A place is never an actor. A pledge of a value alone ("our commitment to
  impartiality") is no AGREE event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..knowledge import load_json
from .event_actors import ActorRef

_STRIP = " \t*•·-–—|>#"
_PASSIVE_ACTORLESS = frozenset({"ASSAULT", "COERCE", "ACCUSE"})


@dataclass(frozen=True)
class _Patterns:
    line: re.Pattern[str]
    anywhere: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_json("event_furniture.json")
    return _Patterns(
        line=re.compile("|".join(f"(?:{p})" for p in data["line_patterns"]), re.IGNORECASE),
        anywhere=re.compile("|".join(f"(?:{p})" for p in data["anywhere_patterns"]), re.IGNORECASE),
    )


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def is_furniture(text: str) -> bool:
    """Whether a line is page furniture that is never an event ("Share this article")."""
    line = text.strip().strip(_STRIP).strip()
    if not line:
        return True
    patterns = _patterns()
    return bool(patterns.line.match(line) or patterns.anywhere.search(line))


def is_imperative(unit: Any) -> bool:
    """Whether the main verb of a line is a bare imperative ("Share it with a friend!")."""
    root = next((t for t in unit if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "VB" or root.i != _first_word(unit):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux") for c in root.children)


def _first_word(unit: Any) -> int:
    for token in unit:
        if token.is_alpha and token.lower_ != "please":
            return int(token.i)
    return -1


def is_headline(text: str, title: str | None) -> bool:
    """Whether a line repeats the article's headline."""
    if not title:
        return False
    line = _fold(text)
    return bool(line) and line == _fold(title)


def line_kind(unit: Any, title: str | None) -> str:
    """Return ``headline``, ``furniture`` or ``body`` for one line-sentence of the text."""
    text = unit.text
    if is_headline(text, title):
        return "headline"
    if is_furniture(text) or is_imperative(unit):
        return "furniture"
    return "body"


def keep(category: str, source: ActorRef, target: ActorRef, passive_victim: bool) -> bool:
    """Whether an event with these actors is kept (module docstring)."""
    if source.resolved or source.proper:
        return True
    target_resolved = target.resolved
    return category in _PASSIVE_ACTORLESS and passive_victim and target_resolved


_OBJECTS = frozenset({"dobj", "obj"})
_STATE_ENTS = frozenset({"GPE", "NORP", "ORG"})
_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def frame_fits(token: Any, roles: frozenset[str]) -> bool:
    """Whether a verb trigger's arguments fit the frame its lexicon roles ask for.

    ``transitive``: it needs a direct object ("returned the paintings", not "returned home");
    ``intransitive``: it must have none ("protesters demonstrated", not "it demonstrated its
    resolve"); ``actorobj``: an object, if any, names an actor ("met Kishida", not "meets the
    definition"); ``noclause``: a verb of opinion that takes only a that-clause is no event
    ("agree that ...", "recognize that ..."); ``request``: "ask" that asks something of someone
    (:func:`_asks_for`); ``demand``: "insist" on something (:func:`_demands`); ``specific``:
    an object that is not a generic situation ("monitoring the situation").
    """
    children = list(token.children)
    objects = [c for c in children if c.dep_ in _OBJECTS]
    if "transitive" in roles and not objects and token.dep_ != "relcl" and not _passive(token):
        return False
    if "intransitive" in roles and (objects or _passive(token)):
        return False
    if "actorobj" in roles and any(not _names_actor(o) for o in objects):
        return False
    if "noclause" in roles and not objects and any(c.dep_ == "ccomp" for c in children):
        return any(c.dep_ in ("prep", "xcomp") for c in children)
    if "specific" in roles and any(o.lemma_.lower() in _GENERIC_OBJECTS for o in objects):
        return False
    if "request" in roles and not _asks_for(children, objects):
        return False
    if "mass" in roles and not _mass_protest(token):
        return False
    return not ("demand" in roles and not _demands(children))


_STATEMENT_VERBS = frozenset(
    {"lodge", "file", "issue", "voice", "express", "deliver", "send", "register", "make", "receive"}
)
"""Light verbs whose "protest" is a statement (a diplomatic protest, ACCUSE), not a crowd."""


def _mass_protest(noun: Any) -> bool:
    """Whether a "protest" noun is a demonstration: "protests in Bolivia", "during protests".

    Plural, or placed somewhere, and not a statement: "lodged a protest", "Beijing's protest",
    "protests from Tokyo" are diplomatic protests (ACCUSE).
    """
    if noun.pos_ not in ("NOUN", "PROPN"):
        return True
    if noun.head.lemma_.lower() in _STATEMENT_VERBS and noun.dep_ in (*_OBJECTS, "nsubjpass"):
        return False
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ in _STATE_ENTS:
            return False
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "to", "with"):
            return False
    placed = any(
        c.dep_ == "prep" and c.lower_ in ("in", "across", "throughout", "outside", "near")
        for c in noun.children
    )
    return placed or noun.tag_ in ("NNS", "NNPS")


_GENERIC_OBJECTS = frozenset(
    {
        *("situation", "development", "progress", "event", "matter", "issue", "weather"),
        *("news", "tool", "glimpse", "opportunity", "chance", "insight", "view", "way"),
        *("explanation", "example", "reminder", "lesson", "perspective", "window", "picture"),
    }
)
"""Objects that make a verb of watching no inquiry into anyone ("monitoring the situation")
and an offer no offer to anyone ("it offers a powerful tool")."""
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_OBLIGING = frozenset({"must", "should", "ought", "need", "have", "has", "needs"})


def _asks_for(children: list[Any], objects: list[Any]) -> bool:
    """Whether "ask" requests something ("asked Japan to", "asked for aid").

    "Asked about her concern", "I would ask what the incentive is" and "asked not to be
    identified" ask questions or ask nothing of anyone.
    """
    for child in children:
        if child.dep_ in ("ccomp", "xcomp") and (
            child.tag_ in _WH_TAGS
            or any(t.tag_ in _WH_TAGS or t.lower_ in ("whether", "if") for t in child.children)
        ):
            return False
    if any(_names_actor(o) for o in objects):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in children):
        return True
    return any(c.dep_ == "xcomp" and not _passive(c) for c in children)


def _demands(children: list[Any]) -> bool:
    """Whether "insist" demands ("insisted on", "insists it needs to", "insisted they leave").

    "Insists his tactics will be worth it" is a claim, not a demand.
    """
    for child in children:
        if child.dep_ in ("xcomp",) or (child.dep_ == "prep" and child.lower_ in ("on", "upon")):
            return True
        if child.dep_ != "ccomp":
            continue
        if child.lemma_.lower() in _OBLIGING or any(
            c.dep_ == "aux" and c.lower_ in _OBLIGING for c in child.children
        ):
            return True
        if child.tag_ == "VB" and not any(c.dep_ == "aux" for c in child.children):
            return True  # the subjunctive: "insisted that the troops leave"
    return False


def _passive(token: Any) -> bool:
    """Whether a verb is passive: with its auxiliary, or a participle with an agent ("by")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)
    )


def _names_actor(token: Any) -> bool:
    from .event_actors import is_agent

    if token.pos_ == "PRON":
        return True
    if any(t.ent_type_ in _ACTOR_ENTS for t in token.subtree):
        return True
    return is_agent(token)


def material_object(verb: Any, lex: Any) -> bool:
    """Whether a giving verb gives something material: aid, goods, money, weapons, troops.

    "provided food", "sent a plane loaded with medical supplies", "gave 352 million euros"
    are aid; "gave mixed signals", "gave no details", "sending a message" are not.
    """
    given = [c for c in verb.children if c.dep_ in (*_OBJECTS, "nsubjpass", "dative")]
    given += [  # "provided the coast guard with a ship"
        g
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "with"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    for child in given:
        for token in _what_is_given(child):
            if token.ent_type_ == "MONEY" or token.tag_ == "$":
                return True
            if token.pos_ not in ("NOUN", "PROPN"):
                continue
            for entry in lex.triggers.get((token.lemma_.lower(), "N"), ()):
                if entry.category == "AID":
                    return True
    return False


def _what_is_given(obj: Any) -> list[Any]:
    """Return the words that say what a verb's object is.

    Its head, conjuncts, modifiers and numbers, and what it is a quantity of ("$5 million", "a
    package of aid", "food and medicine"), not what it is about ("mixed signals about tariffs
    on $360 billion of goods").
    """
    found = []
    for head in (obj, *obj.conjuncts):
        found.append(head)
        for child in head.children:
            if child.dep_ in ("compound", "amod", "nummod", "quantmod", "nmod"):
                found.extend(child.subtree)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    found.extend((pobj, *pobj.conjuncts))
    return found


def military_object(verb: Any, lex: Any) -> bool:
    """Whether a mobilising verb moves military force ("deployed troops", "scrambled jets").

    "dispatched inspectors", "sent a team of experts" are not MOBILIZE. A verb with no object
    ("troops massed on the border") is taken at its word.
    """
    objects = [c for c in verb.children if c.dep_ in (*_OBJECTS, "nsubjpass")]
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        objects.append(verb.head)
    if not objects:
        return True
    for obj in objects:
        for token in obj.subtree:
            if token.lemma_.lower() in lex.military or token.lower_ in lex.military:
                return True
    return False


_PLEDGES = frozenset({"commitment", "pledge", "promise", "vow", "undertaking"})
_VALUE_ENDINGS = ("ity", "ness", "ism", "cy")
"""How the names of values end ("impartiality", "fairness", "multilateralism", "democracy")."""


def bare_commitment(noun: Any, bound: bool) -> bool:
    """Whether a pledge noun pledges only a value ("our commitment to impartiality").

    A commitment with an act in it, to a process, or owed to an actor (``bound``) is an
    AGREE event.
    """
    if bound or noun.lemma_.lower() not in _PLEDGES:
        return False
    values = [
        g
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "to"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    return any(
        v.lower_.endswith(_VALUE_ENDINGS) and not any(c.dep_ == "det" for c in v.children)
        for v in values
    )
