"""Syntax the event coder reads roles from: pure functions of spaCy tokens.

Who a clause's subject is (through complements, conjuncts, relative clauses, object control
"accused X of doing", a document's author "a report accusing"), whether a word accompanies a
trigger ("lift" + "sanctions"), and what an eventive noun is: an act in its own right, whose
author answers for it ("a request from X"), or the object of a light verb. Used by
:mod:`.event_roles`.
"""

from __future__ import annotations

from typing import Any

from .event_actors import is_state_actor
from .event_lexicon import Entry, Lexicon

OBJ_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})


ANSWERED = frozenset({"REQUEST", "ACCUSE", "THREATEN", "AGREE", "CONCEDE"})
"""Acts one can answer: the one who answers them is their recipient."""


_PLAIN_WITH_DEPS = frozenset({"prt", "prep", "dobj", "compound", "amod", "nmod", "npadvmod"})


def has_word(token: Any, word: str) -> bool:
    """Whether ``word`` accompanies ``token`` ("lift" + "sanctions", "state" of "emergency")."""
    if token.head.lemma_.lower() == word and token.dep_ in ("pobj", "compound"):
        return True
    if token.dep_ in ("relcl", "acl") and any(
        t.lemma_.lower() == word
        for t in (token.head, *(c for c in token.head.children if c.dep_ == "compound"))
    ):
        return True  # "the vessel that was seized", "the merchant vessel Ruen, seized by"
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lemma_.lower() == word
    ):
        return True  # "state of emergency"
    for child in token.children:
        if child.dep_ in _PLAIN_WITH_DEPS and child.lemma_.lower() == word:
            return True
        if child.dep_ == "prep" and child.lower_ == word and not dated(child):
            return True
        if child.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.lemma_.lower() == word for g in child.children
        ):
            return True  # "agreed to the demands"
        if child.dep_ in OBJ_DEPS and any(
            t.lemma_.lower() == word
            for t in (
                *child.conjuncts,
                *(g for p in child.children if p.lower_ == "of" for g in p.children),
            )
        ):
            return True  # "provided photographs and intelligence", "a mission of observers"
        if child.dep_ in ("advcl", "ccomp") and any(
            g.dep_ == "mark" and g.lower_ == word for g in child.children
        ):
            return True  # "pushing for the US to support"
        if child.dep_ in ("xcomp", "ccomp") and child.lemma_.lower() == word:
            return True  # "ordered residents to leave", "let free"
    return False


def dated(prep: Any) -> bool:
    """Whether a preposition only dates its verb ("called ... on Tuesday")."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


def subject_in(token: Any, words: frozenset[str]) -> bool:
    """Whether the subject of ``token``'s clause is in ``words`` (``@state``: a state actor)."""
    head = token
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ not in ("compound", "amod", "poss"):
                continue
            if child.lemma_.lower() in words:
                return True
            if "@state" in words and (
                child.ent_type_ in ("GPE", "NORP")
                or (child.pos_ in ("NOUN", "PROPN") and is_state_actor(child))
            ):
                return True
        if token.dep_ not in OBJ_DEPS:
            return False
        head = token.head
    subject = subject_token(head)
    if subject is None:
        return False
    if "@state" in words and is_state_actor(subject):
        return True
    return bool(subject.lemma_.lower() in words)


def subject_token(verb: Any) -> Any:
    """Return the subject of ``verb``, climbing through complements, conjuncts and relatives."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            author = _author(verb)
            return verb.head if author is None else author
        controller = _object_control(verb)
        if controller is not None:
            return controller
        if verb.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acomp") or verb.head == verb:
            return None
        verb = verb.head
    return None


_JUDGING = frozenset(
    {
        *("accuse", "blame", "charge", "criticize", "criticise", "condemn", "fault", "suspect"),
        *("convict", "sue", "fine", "punish", "sanction", "arrest", "praise", "thank"),
        *("credit", "commend", "forgive", "reward", "investigate", "indict", "denounce"),
    }
)


def _object_control(verb: Any) -> Any:
    """Return who does what a gerund after "of"/"for" tells: the judging verb's object.

    "accused China of using coercion", "blamed Hamas for killing civilians".
    """
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "for"):
        return None
    if prep.head.pos_ != "VERB" or prep.head.lemma_.lower() not in _JUDGING:
        return None
    return next((c for c in prep.head.children if c.dep_ in ("dobj", "obj")), None)


_DOCUMENTS = frozenset(
    {
        *("report", "statement", "letter", "resolution", "communique", "declaration", "memo"),
        *("motion", "petition", "note", "message", "tweet", "post", "video", "editorial"),
        *("article", "document", "notice", "press release", "release", "speech", "op-ed"),
    }
)
"""Nouns that speak for their author ("a report accusing the army", "a resolution urging")."""


def _author(participle: Any) -> Any:
    """Return who issued the document a present participle describes, if it is one.

    "Amnesty put out a report accusing the army", "parliament passed a resolution criticizing
    the president", "the ministry's statement condemning the attack".
    """
    document = participle.head
    if participle.dep_ != "acl" or participle.tag_ != "VBG":
        return None
    if document.lemma_.lower() not in _DOCUMENTS:
        return None
    owner = next((c for c in document.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = document.head
    if document.dep_ in OBJ_DEPS and verb.pos_ in ("VERB", "AUX"):
        return next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    return None


def names_act(obj: Any, entry: Entry, lex: Lexicon) -> bool:
    """Whether an object is the eventive noun a trigger's sense needs ("imposed a curfew")."""
    lemma = obj.lemma_.lower()
    return lemma == entry.with_ and eventive(obj, lex)


def eventive(noun: Any, lex: Lexicon) -> bool:
    """Whether a noun names an act in its own right ("request", "curfew"; not "troops")."""
    return any(
        e.category and not e.with_ and "obj" not in e.roles
        for e in lex.triggers.get((noun.lemma_.lower(), "N"), ())
    )


def answered(noun: Any, lex: Lexicon) -> bool:
    """Whether an object is someone's act ("rejected a request from X", "X's appeal").

    Its author, not the act, is the recipient of the answer.
    """
    answered = lex.triggers.get((noun.lemma_.lower(), "N"), ())
    if not any(e.category in ANSWERED and not e.with_ for e in answered):
        return False  # a request, an offer, an accusation or a threat, not "the withdrawal from"
    return any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by")) for c in noun.children
    )


def act_owners(noun: Any) -> list[Any]:
    """Return whom an act noun involves: its possessor, "from"/"by" phrase or recipient.

    "accepted the rebels' demands", "demands from the rebels", "lifted its embargo against
    Libya" (the actor itself is dropped as its own recipient later).
    """
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [
        g
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in ("from", "by", "against", "on", "to", "toward")
        for g in p.children
        if g.dep_ == "pobj"
    ]
    return owners


def phrase_head(token: Any) -> Any:
    """Climb from a modifier to the noun it modifies ("Greek" -> "camps")."""
    for _ in range(3):
        if token.dep_ not in ("compound", "amod", "poss", "nmod") or token.head == token:
            break
        token = token.head
    return token


COPULAS = frozenset({"be", "remain", "become", "stay"})


def copular_head(noun: Any) -> Any:
    """Return the copula a noun is the attribute of ("X is a critic", "X is one of the critics")."""
    head = noun
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "attr":
        head = head.head.head
        if head.lemma_.lower() in _VICTIM_NOUNS:
            return None  # "X was the target of an attack": X suffered it (victim_of)
    if head.dep_ == "attr" and head.head.lemma_.lower() in COPULAS:
        return head.head
    return None


def passive_clause(verb: Any) -> bool:
    """Whether a verb is passive, itself or as a participle joined to a passive verb."""
    for token in (verb, verb.head if verb.dep_ == "conj" and verb.tag_ == "VBN" else verb):
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
            return True
    return False


_VICTIM_NOUNS = frozenset({"target", "victim", "object", "focus", "subject"})


def victim_of(noun: Any) -> Any:
    """Return the subject a copula says an act falls on ("X was the target of an attack")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lemma_.lower() not in _VICTIM_NOUNS:
        return None
    head = prep.head
    if head.dep_ not in ("attr", "acomp") or head.head.lemma_.lower() not in COPULAS:
        return None
    return subject_token(head.head)


def is_light(verb: Any, lex: Lexicon) -> bool:
    """Whether a verb takes its act from its object ("expressed", "launched", "held")."""
    return any("light" in e.roles for e in lex.triggers.get((verb.lemma_.lower(), "V"), ()))


def governing_verb(noun: Any) -> Any:
    """Return the verb a noun is the object of, directly or through a preposition."""
    head = noun
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ in OBJ_DEPS and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head
    return None
