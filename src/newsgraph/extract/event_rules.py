"""Recoding rules of the event coder: undoing verbs, modality, conditions, reported demands.

These rules read the category of a trigger together with what governs it, following the CAMEO
code names (``../shared/eval/events/ontology``) mapped through CAMEO2PLOVER:

- **undo** ("lifted the curfew", "called off the strike", "cancelled the visit", "cut aid"): a
  verb that ends or reverses its object's act takes the category CAMEO gives the reversal
  (081 "Ease administrative sanctions" and 082 "Ease political dissent" -> CONCEDE; 085 "Ease
  economic sanctions" and 087 "De-escalate military engagement" -> RETREAT; 161 "Reduce or
  break diplomatic relations", 162 "Reduce or stop aid", 164 "Halt negotiations" -> SANCTION;
  a cancelled or postponed meeting -> REJECT (manual, SANCTION ambiguities); 127 "Reject
  plan, agreement to settle dispute" -> REJECT).
- **intent and future** (PLOVER manual, AGREE and CONSULT: cooperation told in the future,
  future meetings and invitations -> AGREE, status ``expected`` for what is yet to happen; a
  future retreat -> CONCEDE, a future concession stays CONCEDE; conflict announced by its actor
  -> THREATEN, which occurred when it was made).
- **conditions**: a material or sanctioning act made conditional ("may halt mediation if ...",
  "will boycott unless ...") is a threat (CAMEO 13).
- **failed agreement** ("failed to reach agreement") is REJECT (CAMEO 12); "did not agree" is
  AGREE with status ``negated`` (GUIDELINES: "did not" negates, "refused" is REJECT).
- **reported demands**: "X said Y must/should do Z" is X's REQUEST to Y (CAMEO 10 "Demand").
- **reported blame**: "X said Y was responsible for (behind, guilty of) Z" is X's ACCUSE allege
  against Y (CAMEO 112 "Accuse"); so is a warning that tells what Y is doing ("warned that Y is
  targeting think tanks"), and what critics say of someone ("critics say he has used ..."),
  where a warning of what will happen is a threat; a call to punish or investigate someone
  addressed to no one ("called for sanctions against Y"); and a person's
  "attack" in a sentence that tells no violence (manual, ACCUSE: criticize).
"""

from __future__ import annotations

from typing import Any

from .event_lexicon import COOPERATIVE, MATERIAL_CONFLICT, Lexicon
from .event_syntax import subject_token

UNDO: dict[str, tuple[str, str]] = {
    "COERCE": ("CONCEDE", ""),  # 081 ease administrative sanctions, curfews, bans
    "PROTEST": ("CONCEDE", ""),  # 082 ease political dissent (called off a strike)
    "ACCUSE": ("CONCEDE", ""),  # 081 (dropped the charges)
    "SANCTION": ("RETREAT", ""),  # 085 ease economic sanctions, boycott, embargo
    "MOBILIZE": ("RETREAT", "disarm"),  # 087 de-escalate military engagement
    "ASSAULT": ("RETREAT", "ceasefire"),  # 087 / 0871 (ended the fighting)
    "CONSULT": ("SANCTION", "withdraw"),  # 164 halted negotiations, mediation (manual: withdraw)
    "SUPPORT": ("SANCTION", "withdraw"),  # 161 reduce diplomatic relations
    "COOPERATE": ("SANCTION", "discontinue"),  # 160 reduce relations
    "AID": ("SANCTION", "discontinue"),  # 162 reduce or stop aid
    "AGREE": ("REJECT", ""),  # 127 reject plan, agreement
}
"""Category of a verb that ends or reverses an act of the key's category."""

_COMPLETES = frozenset({"end", "conclude", "wrap", "finish"})
_CANCELS = frozenset({"cancel", "postpone", "call", "scrap", "axe", "delay", "shelve", "drop"})
"""Verbs that call off a planned meeting: REJECT (manual, SANCTION ambiguities), where halting
talks under way is SANCTION withdraw."""
"""Verbs that end an act by completing it: "ended a three-day visit" is still the visit."""

_OBLIGATION = frozenset({"must", "should", "ought"})
_CONDITION = frozenset({"if", "unless"})
_YIELDING = frozenset({"RETREAT", "CONCEDE"})


def undo(verb: Any, inner_category: str, inner_mode: str, future: bool = False) -> tuple[str, str]:
    """Return the category and mode of ``verb`` ending an act of ``inner_category``.

    ``future``: the act was only planned ("cancelled an increase in tariffs planned for Oct.
    15"); calling it off is a promise that it will not happen, a concession (manual, CONCEDE),
    not the material retreat of ending an act under way.
    """
    if verb.lemma_.lower() in _COMPLETES and inner_category == "CONSULT":
        return inner_category, inner_mode
    if verb.lemma_.lower() in _CANCELS and inner_category == "CONSULT":
        return "REJECT", "meet"
    category, mode = UNDO.get(inner_category, (inner_category, inner_mode))
    if future and category == "RETREAT":
        return "CONCEDE", ""
    return category, mode


_PLANNED = frozenset({"plan", "schedule", "propose", "threaten", "upcoming", "looming"})
"""Words that say an act is only planned ("tariffs planned for Oct. 15", "a scheduled hike")."""


def planned(noun: Any, verb: Any) -> bool:
    """Whether ``noun`` (or the phrase between it and ``verb``) says its act is only planned."""
    node = noun
    for _ in range(4):
        if any(c.dep_ in ("amod", "acl") and c.lemma_.lower() in _PLANNED for c in node.children):
            return True
        if node.head == verb or node.head == node:
            return False
        node = node.head
    return False


def conditional(anchor: Any) -> bool:
    """Whether the clause of ``anchor`` is made conditional ("... if X", "... unless Y")."""
    for child in anchor.children:
        if child.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in _CONDITION for g in child.children
        ):
            return True
    return False


def recode(
    category: str,
    mode: str | None,
    state: str,
    future: bool,
    intent: bool,
    anchor: Any,
    failed: bool = False,
) -> tuple[str, str | None, str]:
    """Return (category, mode, status) after modality, condition and negation rules.

    PLOVER manual: cooperation told in the future (and references to future meetings) is
    AGREE; invitations are AGREE; a future retreat is CONCEDE, a future concession stays
    CONCEDE; material conflict announced by its actor is THREATEN, which occurred when it was
    made (GUIDELINES). The future status of the rest is kept (``expected``).
    """
    if category == "CONSULT" and mode == "invite":
        return "AGREE", None, state
    if state == "negated" and future and category in COOPERATIVE | _YIELDING | {"AGREE"}:
        return "REJECT", None, "occurred"  # "will not lift the ban": a refusal
    if future and not intent:
        if category in COOPERATIVE:
            return "AGREE", None, state
        if category == "RETREAT":
            return "CONCEDE", None, state
        if category in MATERIAL_CONFLICT:
            return "THREATEN", mode if category == "THREATEN" else None, "occurred"
    if category == "CONSULT" and state == "expected":
        return "AGREE", None, state
    if category in COOPERATIVE and state == "hypothetical" and _possible(anchor):
        return "AGREE", None, state  # "could finalize an agreement": SUPPORT + future (AGREE)
    if category in MATERIAL_CONFLICT | {"SANCTION", "REJECT"} and conditional(anchor):
        return "THREATEN", None, "occurred"
    if state == "negated" and failed and category in ("AGREE", "SUPPORT"):
        return "REJECT", None, "occurred"  # "failed to reach agreement"; "did not" stays negated
    return category, mode, state


_POSSIBILITY = frozenset({"could", "may", "might"})


def _possible(anchor: Any) -> bool:
    """Whether a clause tells what may yet happen ("could finalize an agreement next week")."""
    return any(c.dep_ == "aux" and c.lower_ in _POSSIBILITY for c in anchor.children)


def speech_verbs(sent: Any, lex: Lexicon) -> list[Any]:
    """Return the verbs of saying in ``sent`` (read once for the reported-speech rules)."""
    return [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.speech]


def obligations(verbs: list[Any]) -> list[tuple[Any, Any, Any]]:
    """Return (speech verb, speaker, addressee) for "X said Y must do Z" in ``sent``.

    The complement of a speech verb ("said", "declared", "concluded", "saying") whose own
    clause carries "must", "should" or "ought to" is the speaker's demand on its subject.
    """
    found = []
    for token in verbs:
        for comp in token.children:
            if comp.dep_ != "ccomp":
                continue
            if not any(
                c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in comp.children
            ) and not _has_to(comp):
                continue
            addressee = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            speaker = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if speaker is None and token.dep_ in ("advcl", "xcomp", "conj"):
                speaker = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if addressee is not None:
                found.append((comp, speaker, addressee))
    return found


def _has_to(comp: Any) -> bool:
    """Whether ``comp`` is "has to" / "have to" + verb (not "would have to": a forecast)."""
    if any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in comp.children):
        return False
    return comp.lemma_.lower() == "have" and any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in comp.children
    )


_BLAME_WORDS = frozenset({"responsible", "guilty", "culpable", "complicit", "liable", "to-blame"})


def blames(verbs: list[Any]) -> list[tuple[Any, Any, Any]]:
    """Return (clause, speaker, accused) for "X said Y was responsible for Z" in ``sent``."""
    found = []
    for token in verbs:
        for comp in token.children:
            if comp.dep_ != "ccomp" or not _blaming(comp):
                continue
            accused = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            speaker = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if accused is not None and speaker is not None:
                found.append((comp, speaker, accused))
    return found


CONDEMNING = frozenset(
    {
        *("unacceptable", "unconscionable", "illegal", "unlawful", "unjustified", "outrageous"),
        *("criminal", "inhumane", "barbaric", "reckless", "irresponsible", "deplorable"),
        *("intolerable", "indefensible", "inexcusable", "unjustifiable", "shameful"),
    }
)
"""Words that, said of an actor's act, condemn the actor (ACCUSE, manual: criticize)."""
_ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def condemnations(verbs: list[Any]) -> list[tuple[Any, Any, Any]]:
    """Return (clause, speaker, condemned) for "X said Y's war is unconscionable" in ``sent``.

    The actor is the first name in the subject ("the continuation of the Israeli war"); a
    subject that names no actor ("the situation is unacceptable") condemns no one.
    """
    found = []
    for token in verbs:
        for comp in token.children:
            if comp.dep_ != "ccomp" or comp.lemma_.lower() != "be":
                continue
            if not any(c.dep_ == "acomp" and c.lemma_.lower() in CONDEMNING for c in comp.children):
                continue
            subject = next((c for c in comp.children if c.dep_ == "nsubj"), None)
            named = [t for t in subject.subtree if t.ent_type_ in _ACTOR_ENTS] if subject else []
            speaker = subject_token(token)
            if named and speaker is not None:
                found.append((comp, speaker, named[0]))
    return found


_CRITICS = frozenset({"critic", "opponent", "detractor"})


def criticisms(verbs: list[Any]) -> list[tuple[Any, Any, Any]]:
    """Return (clause, speaker, criticised) for "critics say Y has done Z" in ``sent``.

    What critics say of someone is their criticism of them (ACCUSE, manual: criticize).
    """
    found = []
    for token in verbs:
        speaker = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.lemma_.lower() not in _CRITICS:
            continue
        for comp in token.children:
            subject = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if comp.dep_ == "ccomp" and subject is not None:
                found.append((comp, speaker, subject))
    return found


def _blaming(comp: Any) -> bool:
    if comp.lemma_.lower() != "be":
        return False
    for child in comp.children:
        if child.dep_ == "acomp" and child.lemma_.lower() in _BLAME_WORDS:
            return True
        if child.dep_ == "prep" and child.lower_ == "behind":
            return True
    return False


_WARNINGS = frozenset({"warn", "caution"})
_FORESEEING = frozenset(
    {"will", "would", "could", "may", "might", "shall", "can", "should", "must", "'ll", "wo"}
)


def reports_conduct(trigger: Any) -> bool:
    """Whether a warning tells what someone is doing or did, not what will happen.

    "Agencies have warned that Pyongyang is targeting think tanks" alleges conduct (ACCUSE,
    CAMEO 112); "warned that it would retaliate" is a threat (CAMEO 13).
    """
    if trigger.lemma_.lower() not in _WARNINGS:
        return False
    for comp in trigger.children:
        if comp.dep_ != "ccomp" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children):
            continue
        verbs = [comp, *comp.conjuncts]
        return not any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _FORESEEING
            for verb in verbs
            for c in verb.children
        ) and not any(v.lemma_.lower() == "go" and v.tag_ == "VBG" for v in verbs)
    return False


_VERBAL_ATTACKS = frozenset({"attack", "assail", "assault", "onslaught", "broadside", "tirade"})
_VIOLENCE = frozenset(
    {
        *("kill", "wound", "injure", "dead", "death", "die", "bomb", "missile", "rocket"),
        *("shell", "shoot", "gun", "gunman", "fire", "troop", "soldier", "militant", "strike"),
        *("explosion", "casualty", "weapon", "drone", "civilian", "army", "force", "raid"),
        *("knife", "stab", "blast", "terrorist", "insurgent", "rebel", "police", "hostage"),
        *("fighter", "extremist", "air", "ground", "military", "battle", "war", "combat"),
        *("artillery", "airstrike", "offensive", "tank", "jet", "armed", "violence", "violent"),
    }
)


def verbal_attack(trigger: Any, sent: Any, by_person: bool) -> bool:
    """Whether an "attack" by a person is words, not force (ACCUSE, PLOVER manual: criticize).

    "The former prime minister launched an extraordinary attack on the spy chiefs, calling
    them ...": a person's attack in a sentence that tells no violence is criticism.
    """
    if not by_person or trigger.lemma_.lower() not in _VERBAL_ATTACKS:
        return False
    return not any(t.lemma_.lower() in _VIOLENCE for t in sent if t.i != trigger.i)


_PUNISHING = frozenset({"SANCTION", "COERCE", "ACCUSE"})


def demands_punishment(trigger: Any, lex: Lexicon) -> bool:
    """Whether a request asks no one in particular to punish or investigate someone.

    "Tutu called for sanctions against Nigeria", "an expert called for an investigation into
    the death": a call to punish or investigate a party, addressed to no one named, condemns
    that party (ACCUSE); "urged China to impose sanctions" stays China's request.
    """
    requests = lex.triggers.get((trigger.lemma_.lower(), "V"), ())
    if not any(e.category == "REQUEST" for e in requests):
        return False  # "Russia says Israel must end attacks": a demand on Israel
    asked = []
    for child in trigger.children:
        if child.dep_ in ("xcomp", "ccomp", "dative", "iobj"):
            return False
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            return False
        if child.dep_ == "prep" and child.lower_ == "for":
            asked += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("dobj", "obj"):
            asked.append(child)
    return bool(asked) and all(
        any(
            e.category in _PUNISHING and not e.with_
            for e in lex.triggers.get((a.lemma_.lower(), "N"), ())
        )
        for a in asked
    )
