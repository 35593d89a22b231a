"""What a sentence's other words say about the kind of act its trigger names.

A deployment of peacekeepers is AID, not a show of force; an attack by hackers, or in a
sentence that tells computer warfare ("ransomware attacks"), is COERCE cyber (PLOVER manual);
an assault's mode ("airstrike", "shelling") can come from a word other than its trigger. These
small readings of the sentence are kept apart from the coder in ``events.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .event_actors import ActorRef
from .event_lexicon import Lexicon
from .event_syntax import has_word

if TYPE_CHECKING:
    from .event_roles import Frame


_PEACEKEEPING = frozenset({"peacekeeper", "peacekeeping", "peacekeepers"})


def peacekeeping(frame: Frame) -> bool:
    """Whether a deployment sends peacekeepers ("deployed troops on a peacekeeping mission")."""
    for token in dict.fromkeys([frame.trigger, frame.anchor]):
        words = [*token.subtree]
        if token.dep_ in ("acl", "relcl"):
            words += [*token.head.subtree]
        if any(t.lemma_.lower() in _PEACEKEEPING for t in words):
            return True
    return False


_HACKERS = frozenset({"hacker", "hackers", "cybercriminals", "cyber"})


def by_hackers(source: ActorRef) -> bool:
    """Whether an attack's actor is named as hackers ("North Korean hackers attacked ...")."""
    return any(word in _HACKERS for word in source.text.lower().replace("-", " ").split())


def tells_cyber(sent: Any, lex: Lexicon) -> bool:
    """Whether a sentence tells computer warfare ("hackers", "ransomware attacks").

    An attack it tells ("targeting think tanks", "victims of Pyongyang's attacks") is then
    COERCE cyber (PLOVER manual), not violence.
    """
    for token in sent:
        hit = lex.modes.get(token.lemma_.lower()) or lex.modes.get(token.lower_)
        if hit and hit[:2] == ("COERCE", "cyber"):
            return True
    return False


def mode_from_words(frame: Frame, sent: Any, lex: Lexicon) -> str | None:
    """The mode of an assault a word of its sentence names (the lexicon's modes)."""
    for token in sent:
        hit = lex.modes.get(token.lemma_.lower())
        if hit and hit[0] == "ASSAULT" and (not hit[2] or has_word(token, hit[2])):
            return hit[1]
    return None
