"""The PLOVER trigger lexicon and category table, loaded once from ``knowledge/``.

Both files are built by ``tools/build_plover_lexicon.py`` from the PLOVER manual and the CAMEO
tables (see ``knowledge/SOURCES.md``):

- ``plover_lexicon.csv``: one row per trigger (``lemma``, ``pos`` V/N/A/X, an optional word that
  must accompany it, ``with``, and an optional list of subject head words, ``subj``) with its
  PLOVER ``category`` and ``mode``, and a ``role``: empty for a plain trigger, ``light`` (takes
  the category of its object: "held talks"), ``reverse`` (the object's actor is the source:
  "received a protest from"), ``intent`` (agree, promise: cooperation under it stays AGREE,
  conflict becomes THREATEN), ``undo`` (ends or reverses its object's act: "lifted the
  curfew", see :mod:`.event_rules`), ``obj`` (a trigger only as the object of a giving verb:
  "sent food"), ``mode`` (a word that sets the mode: "machetes"), ``speech``,
  ``status:<kind>``, ``group`` and ``pronoun:<kind>`` (anaphors); frame roles that the
  trigger's arguments must fit (``transitive``, ``intransitive``, ``actorobj``, ``noclause``,
  ``request`` and ``demand`` for "ask" and "insist", ``specific`` for an object that is not a
  generic situation, ``material`` for giving verbs, ``military`` for mobilising verbs, see
  :mod:`.event_gate`); ``weapon`` marks the military nouns a ``military`` verb needs as its
  object; ``mutual`` marks two-sided acts ("war", "talks") whose parties, when a sentence names
  none, are the story's two sides (:mod:`.event_implicit`).
- ``plover_categories.csv``: category and mode -> quad class, intensity on -10..+10 and
  whether a recipient is required.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_csv

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
"""Cooperation that, told in the future by its actor, is coded AGREE (PLOVER manual, AGREE)."""

MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
"""Material conflict that, told in the future by its actor, is a threat (manual, aux. modes)."""

MUTUAL = frozenset({"CONSULT", "COOPERATE"})
"""Categories whose participants are all actors when no side is the host (manual, 2.3.2)."""


_PARTICLES = frozenset({"off", "out", "up", "down", "back", "over", "in", "on", "away"})
"""A phrasal verb's particle decides before its object does ("called off the strike")."""


@dataclass(frozen=True)
class Entry:
    """One row of the trigger lexicon."""

    lemma: str
    pos: str
    with_: str
    category: str
    mode: str
    roles: frozenset[str]
    subj: frozenset[str]

    @property
    def is_trigger(self) -> bool:
        """Whether the entry can start an event on its own or through its object."""
        return bool(self.category) or bool(self.roles & {"light", "reverse", "undo"})


@dataclass(frozen=True)
class CategoryInfo:
    """Quad class and intensity of a PLOVER category or category-mode pair."""

    quad: str
    intensity: float | None
    requires_recipient: bool


@dataclass(frozen=True)
class Lexicon:
    """The lexicon, indexed for lookups during extraction."""

    triggers: dict[tuple[str, str], tuple[Entry, ...]]
    status: dict[str, str]
    speech: frozenset[str]
    group: frozenset[str]
    pronouns: dict[str, str]
    modes: dict[str, tuple[str, str, str]]
    categories: dict[tuple[str, str], CategoryInfo]
    military: frozenset[str] = frozenset()

    def info(self, category: str, mode: str | None) -> CategoryInfo | None:
        """Return the quad class and intensity of ``category`` (and ``mode`` when listed)."""
        return self.categories.get((category, mode or "")) or self.categories.get((category, ""))


def _entry(row: dict[str, str]) -> Entry:
    return Entry(
        lemma=row["lemma"],
        pos=row["pos"],
        with_=row["with"],
        category=row["category"],
        mode=row["mode"],
        roles=frozenset(r for r in row["role"].split("|") if r),
        subj=frozenset(s for s in row["subj"].split("|") if s),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Return the lexicon (read once per process)."""
    triggers: dict[tuple[str, str], list[Entry]] = {}
    status: dict[str, str] = {}
    speech: set[str] = set()
    group: set[str] = set()
    pronouns: dict[str, str] = {}
    modes: dict[str, tuple[str, str, str]] = {}
    military: set[str] = set()
    for row in load_csv("plover_lexicon.csv"):
        entry = _entry(row)
        for role in entry.roles:
            if role.startswith("status:"):
                status[entry.lemma] = role.split(":", 1)[1]
            elif role.startswith("pronoun:"):
                pronouns[entry.lemma] = role.split(":", 1)[1]
            elif role == "speech":
                speech.add(entry.lemma)
            elif role == "group":
                group.add(entry.lemma)
            elif role == "mode":
                modes[entry.lemma] = (entry.category, entry.mode, entry.with_)
            elif role == "weapon":
                military.add(entry.lemma)
        if entry.is_trigger and "mode" not in entry.roles:
            triggers.setdefault((entry.lemma, entry.pos), []).append(entry)
    categories = {
        (row["category"], row["mode"]): CategoryInfo(
            quad=row["quad"],
            intensity=float(row["intensity"]) if row["intensity"] else None,
            requires_recipient=row["requires_recipient"] == "yes",
        )
        for row in load_csv("plover_categories.csv")
    }
    # Conditioned entries (with a required word or subject) are tried first.
    ordered = {
        key: tuple(
            sorted(entries, key=lambda e: (not e.with_, e.with_ not in _PARTICLES, not e.subj))
        )
        for key, entries in triggers.items()
    }
    return Lexicon(
        triggers=ordered,
        status=status,
        speech=frozenset(speech),
        group=frozenset(group),
        pronouns=pronouns,
        modes=modes,
        categories=categories,
        military=frozenset(military),
    )
