"""The words the quote extractor reads: cue verbs and nouns, anonymous sources, pronouns, marks.

Everything here is loaded from ``knowledge/cue_verbs.csv`` and ``knowledge/quote_words.json``
once per process; this module only shapes the data for fast look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..knowledge import load_csv, load_json


@dataclass(frozen=True)
class QuoteWords:
    """The look-up tables of the quote extractor, all lower case.

    Attributes:
        verbs: cue verb lemma → kind (``speech``, ``belief``, ``report``, ``manner``).
        particle_verbs: ``(lemma, particle)`` → kind, for cues such as "point out".
        nouns: cue noun lemma → kind ("statement", "remarks").
        anonymous_always: nouns that make a source anonymous whatever their determiner.
        anonymous_group: nouns that make a source anonymous when plural or indefinite.
        indefinite: determiners and quantifiers of an indefinite source ("some", "a").
        pronouns: personal pronoun → ``male``, ``female``, ``plural``, ``first`` ...
        honorific_gender: honorific ("mr.") → gender.
        complementizers: words that open a reported clause ("that").
        opening_marks: quotation marks that only open a quote.
        closing_marks: quotation marks that only close a quote.
        ambiguous_marks: quotation marks that open or close depending on context.
        dashes: dashes that may put a speaker after a quote.
        naming_verbs: cue verbs that name a thing rather than report an utterance ("call").
        transcript_kickers: paragraph labels in capitals that are not speakers ("RELATED:").
        document_nouns: what a source can write or publish ("report", "statement"): its
            speaker is its author.
        organization_nouns: nouns that name an organisation by what it is ("the ministry").
        national_institutions: organisations every country has ("the army"), named by their
            country when the article gives it.
        inverting_verbs: cue verbs that may follow what was said, with their speaker after
            them ("…, said a senior official."): verbs that take no object.
        object_cues: speech verbs whose object or infinitive is what was said ("accused
            China of coercion", "urged Vietnam to push back", "vowed to continue"); "call
            for" only with that preposition, "ask to" only with an infinitive.
        work_nouns: nouns for a work or its maker ("show", "book", "author") before a title.
        title_small_words: words a title leaves in lower case ("of", "the", "with").
        idioms: set phrases holding a cue verb that reports nothing ("That said, …", "time
            will tell"): the cue word → (words before it, marks after it), one a phrase.
        objectless_cues: entries of ``object_cues`` that report only when the verb has no
            direct object ("called on X to resign"; "called her to congratulate her" is a
            telephone call, "called them on it" a challenge).
        active_only_cues: cue verbs that report nothing in the passive ("Texas was called
            for Cruz", "got called to jury duty").
        unsaid_objects: objects of a cue verb that are not what was said ("requested
            anonymity", "called attention to", "called to mind").
    """

    verbs: dict[str, str]
    particle_verbs: dict[tuple[str, str], str]
    nouns: dict[str, str]
    anonymous_always: frozenset[str]
    anonymous_group: frozenset[str]
    indefinite: frozenset[str]
    pronouns: dict[str, str]
    honorific_gender: dict[str, str]
    complementizers: frozenset[str]
    opening_marks: tuple[str, ...]
    closing_marks: tuple[str, ...]
    ambiguous_marks: tuple[str, ...]
    dashes: frozenset[str]
    naming_verbs: frozenset[str]
    transcript_kickers: frozenset[str]
    document_nouns: frozenset[str] = frozenset()
    organization_nouns: frozenset[str] = frozenset()
    national_institutions: frozenset[str] = frozenset()
    inverting_verbs: frozenset[str] = frozenset()
    object_cues: frozenset[str] = frozenset()
    target_cues: frozenset[str] = frozenset()
    thing_object_cues: frozenset[str] = frozenset()
    work_nouns: frozenset[str] = frozenset()
    title_small_words: frozenset[str] = frozenset()
    objectless_cues: frozenset[str] = frozenset()
    idioms: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = field(
        default_factory=dict
    )
    active_only_cues: frozenset[str] = frozenset()
    unsaid_objects: frozenset[str] = frozenset()


def _idioms(phrases: list[str]) -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """Index set phrases by their cue word, the last that is not punctuation.

    ``"^ that said ,"`` gives ``{"said": ((("^", "that"), (",",)),)}``: the words before the
    cue, ``^`` for the start of a sentence, and the marks after it.
    """
    found: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase in phrases:
        words = phrase.lower().split()
        n = max(i for i, w in enumerate(words) if w[:1].isalnum())  # the cue word
        found.setdefault(words[n], []).append((tuple(words[:n]), tuple(words[n + 1 :])))
    return {cue: tuple(forms) for cue, forms in found.items()}


@cache
def quote_words() -> QuoteWords:
    """Return the quote extractor's word tables (loaded once)."""
    verbs: dict[str, str] = {}
    particle_verbs: dict[tuple[str, str], str] = {}
    nouns: dict[str, str] = {}
    for row in load_csv("cue_verbs.csv"):
        cue, pos, kind = row["cue"].strip().lower(), row["pos"].strip(), row["kind"].strip()
        if pos == "verb" and " " in cue:
            lemma, particle = cue.split(" ", 1)
            particle_verbs[(lemma, particle)] = kind
        elif pos == "verb":
            verbs[cue] = kind
        elif pos == "noun":
            nouns[cue] = kind
    data = load_json("quote_words.json")
    return QuoteWords(
        verbs=verbs,
        particle_verbs=particle_verbs,
        nouns=nouns,
        anonymous_always=frozenset(data["anonymous_always"]),
        anonymous_group=frozenset(data["anonymous_group"]),
        indefinite=frozenset(data["indefinite_determiners"]),
        pronouns=dict(data["pronouns"]),
        honorific_gender=dict(data["honorific_gender"]),
        complementizers=frozenset(data["complementizers"]),
        opening_marks=tuple(data["opening_marks"]),
        closing_marks=tuple(data["closing_marks"]),
        ambiguous_marks=tuple(data["ambiguous_marks"]),
        dashes=frozenset(data["speaker_dashes"]),
        naming_verbs=frozenset(data["naming_verbs"]),
        transcript_kickers=frozenset(data["transcript_kickers"]),
        document_nouns=frozenset(data["document_nouns"]),
        organization_nouns=frozenset(data["organization_nouns"]),
        national_institutions=frozenset(data["national_institutions"]),
        inverting_verbs=frozenset(data["inverting_verbs"]),
        object_cues=frozenset(data["object_cues"]),
        target_cues=frozenset(data["target_cues"]),
        thing_object_cues=frozenset(data["thing_object_cues"]),
        work_nouns=frozenset(data["work_nouns"]),
        title_small_words=frozenset(data["title_small_words"]),
        objectless_cues=frozenset(data["objectless_cues"]),
        idioms=_idioms(data["idioms_not_cues"]),
        active_only_cues=frozenset(data["active_only_cues"]),
        unsaid_objects=frozenset(data["unsaid_objects"]),
    )
