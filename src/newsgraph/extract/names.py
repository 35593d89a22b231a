"""People's names: where a name begins and ends in the parse, and what gender its words tell.

- **Assembly.** spaCy's PERSON entities are trimmed of titles, honorifics and possessives
  ("Crown Prince Mohammed bin Salman" → "Mohammed bin Salman") and widened over what the model
  cuts off: a particle's surname ("Ursula von der" + "Leyen", which the model calls a place)
  and hyphenated pieces ("Moon Jae" + "-in"). Particles, Arabic, Spanish, Korean and Chinese
  name orders are kept whole: the name is the text between its ends, never reordered.
- **Missed names.** A proper name that is the source of a speech verb but no PERSON entity
  ("said Fadel Naeem", tagged an organisation; "Eswar Prasad, a trade professor, said", not
  tagged) is a person when its first word is a known given name or an apposition gives it a
  person's title.
- **Gender.** A full name's given name (its first word) is looked up in
  ``knowledge/first_names.csv.gz`` (US Social Security Administration names and WIPO's World
  Gender-Name Dictionary: see ``knowledge/SOURCES.md``); a name under a certain share for one
  sex there has no entry, so no gender is guessed. Honorifics ("Mrs.") and gendered nouns
  ("spokeswoman", "grandfather") tell it too (``knowledge/person_names.json``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from ..knowledge import load_json, read_text

__all__ = [
    "given_name_gender",
    "is_particle",
    "name_gender",
    "noun_gender",
    "person_bounds",
    "speaker_names",
]

IsTitle = Callable[[str], bool]
"""``text -> bool``: whether a word or phrase is a role title or honorific."""

MAX_TITLE_WORDS = 4
"""The longest title stripped from the front of a PERSON entity ("Crown Prince", "Vice Foreign
Minister")."""


@cache
def _given_names() -> dict[str, str]:
    # 150,000 rows of "name,gender": split by hand, a csv.DictReader takes five times as long.
    lines = read_text("first_names.csv.gz").splitlines()[1:]
    return dict(line.split(",", 1) for line in lines if "," in line)


@cache
def _name_words() -> tuple[frozenset[str], dict[str, str]]:
    data = load_json("person_names.json")
    return frozenset(data["particles"]), dict(data["gendered_nouns"])


def given_name_gender(word: str) -> str | None:
    """Return ``male`` or ``female`` for a given name the table knows, else None.

    Example:
        >>> given_name_gender("Mary"), given_name_gender("Kim")
        ('female', None)
    """
    key = word.strip(".,").lower()
    if not key:
        return None
    found = _given_names().get(key)
    first = key.split("-")[0]
    if found is None and first != key and len(first) > 2 and not is_particle(first):
        found = _given_names().get(first)  # "Jean-Yves", "Anne-Marie": the first part says
    return found


def name_gender(name: str) -> str | None:
    """Return the gender a full name's first word tells ("Anne Neuberger" → female).

    A name of one word gives None: alone it is more often a surname than a given name.
    """
    words = name.split()
    return given_name_gender(words[0]) if len(words) > 1 else None


def noun_gender(word: str) -> str | None:
    """Return the gender of a gendered noun or honorific ("spokeswoman" → female), else None."""
    return _name_words()[1].get(word.lower())


def is_particle(word: str) -> bool:
    """Whether ``word`` is a name particle ("von", "de", "bin", "al")."""
    return word.lower() in _name_words()[0]


def _joined(doc: Any, i: int) -> bool:
    """Whether token ``i`` is glued to the one before it (no space between them)."""
    return i > 0 and not doc[i - 1].whitespace_


SURNAME_PRONOUNS = frozenset({"He"})
"""Surnames that are also English pronouns: "He Lifeng said". Right before a PERSON entity,
with no punctuation between, the word is taken as part of the name ("He Obama" is not English)."""


def person_bounds(doc: Any, start: int, end: int, is_title: IsTitle) -> tuple[int, int]:
    """Return the token range of the name in the PERSON entity ``doc[start:end]``.

    Leading titles and honorifics and a trailing possessive or punctuation are dropped; the end
    is moved past a surname after a particle and past hyphenated pieces the model left out.
    The range may come back empty (an entity that is only a title).
    """
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    start = _after_titles(doc, start, end, is_title)
    if (
        start > 0
        and doc[start - 1].text in SURNAME_PRONOUNS
        and doc[start - 1].whitespace_ == " "
        and doc[start].pos_ == "PROPN"
    ):
        start -= 1  # "He" + "Jianxiong": the Chinese surname He read as a pronoun
    while end < len(doc):
        last, nxt = doc[end - 1], doc[end]
        if is_particle(last.text) and nxt.text[:1].isupper() and nxt.is_alpha:
            end += 1  # "Ursula von der" + "Leyen"
        elif (
            nxt.text in ("-", "‐")
            and _joined(doc, end)
            and end + 1 < len(doc)
            and _joined(doc, end + 1)
            and doc[end + 1].is_alpha
        ):
            end += 2  # "Moon Jae" + "-in"
        elif nxt.text.startswith("-") and _joined(doc, end) and nxt.text[1:].isalpha():
            end += 1
        else:
            break
    return start, end


def _after_titles(doc: Any, start: int, end: int, is_title: IsTitle) -> int:
    """Skip the longest run of title words at the front of a name ("Crown Prince", "Dr.")."""
    while start < end - 1:
        best = 0
        for k in range(1, min(MAX_TITLE_WORDS, end - start - 1) + 1):
            if is_title(doc[start : start + k].text):
                best = k
        if best == 0:
            break
        start += best
    return start


MAX_NAME_WORDS = 4
"""The longest name taken from a speech verb's proper-noun source."""


def speaker_names(
    doc: Any, is_title: IsTitle, is_speech_cue: Callable[[Any], bool], is_org_word: IsTitle
) -> list[tuple[int, int]]:
    """Token ranges of people named as a speech verb's source that no PERSON entity covers.

    Each is a run of 2 to :data:`MAX_NAME_WORDS` capitalised proper nouns, its head the
    subject of the cue (or of "according to"), whose first word is a known given name or
    which an apposition calls by a person's title.
    """
    found = []
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
            continue
        if not (token.dep_ in ("nsubj", "nsubjpass") and is_speech_cue(token.head)):
            continue
        start = token.i
        while (
            start > 0
            and doc[start - 1].dep_ in ("compound", "flat")
            and doc[start - 1].head.i in range(start, token.i + 1)
        ):
            start -= 1
        start, end = person_bounds(doc, start, token.i + 1, is_title)
        words = doc[start:end]
        if not 2 <= len(words) <= MAX_NAME_WORDS:
            continue
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words if t.is_alpha):
            continue
        if any(t.ent_type_ in ("GPE", "NORP") or is_org_word(t.text) for t in words):
            continue  # "Gaza's Health Ministry", "the Al-Quds Brigades"
        if given_name_gender(words[0].text) or _titled(token, is_title):
            found.append((start, end))
    return found


def _titled(token: Any, is_title: IsTitle) -> bool:
    """Whether an apposition of ``token`` calls it by a person's title ("a trade professor")."""
    for child in token.children:
        if child.dep_ == "appos" and (is_title(child.lemma_) or noun_gender(child.lemma_)):
            return True
    return False
