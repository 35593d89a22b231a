"""Speakers: the mention that says something, and the person or organisation it refers to.

A speaker mention is the subject of a cue verb ("Lopez said", "said Tom Baker, an expert
...", "he explained", "the expert added", "some analysts say", "the ministry said"). It is
resolved, in this order, to:

- the person or organisation it names, at its head or in an apposition ("the infant's
  grandfather, Jo Park", "the Israeli newspaper Haaretz"), under the fullest form of the name
  in the article; a title or an organisation before a name never wins over the name
  ("SentinelOne's Hegel", "the Greek Foreign Minister, Giorgos Gerapetritis");
- nobody, when it is an anonymous source ("officials", "a senior official", "some experts",
  "one of the officials"): ``anonymous=True`` and never a name;
- for a pronoun, the most salient fitting antecedent (:mod:`.salience`: gender, number,
  grammatical role, recency);
- for a description of a person ("the prosecutor", "the minister"), the most salient person
  introduced with that title or apposition; one the article never names is anonymous;
- for an organisation named by what it is ("the ministry", "the agency"), the organisation
  the article named; failing that the phrase itself ("Israeli army"), with its country;
- for a document ("the report", "the notification", "EUNAVFOR data"), its author.

When ``analysis.actors`` holds people and organisations (from ``extract/actors``), the
resolved speaker carries that actor's id and name; without actors, the name comes from the
text alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from ..knowledge import load_csv
from ..model import Actor, Speaker
from .countries import demonym
from .names import noun_gender
from .people import is_title
from .quote_words import quote_words
from .salience import (
    antecedent_by_word,
    antecedent_country,
    antecedent_group,
    antecedent_org,
    antecedent_person,
    resolve_pronouns,
)
from .speaker_index import InQuote, Mention, Person, SpeakerIndex, collect_mentions

__all__ = [
    "InQuote",
    "SpeakerIndex",
    "build_index",
    "name_words",
    "person_by_words",
    "resolve_speaker",
    "speaker_tokens",
]


def build_index(
    doc: Any, actors: Sequence[Actor] = (), in_quote: InQuote | None = None
) -> SpeakerIndex:
    """The people and groups named in ``doc``, its he/she pronouns resolved to them.

    Args:
        doc: the parsed article.
        actors: the article's actors, when extracted (their names, ids and roles win).
        in_quote: tells whether a token lies inside a quotation.

    Returns:
        The index used by :func:`resolve_speaker`.
    """
    index = collect_mentions(doc, actors, in_quote)
    resolve_pronouns(index)
    return index


MAX_SPEAKER_TOKENS = 12
_RIGHT_DEPS = frozenset({"compound", "flat", "nummod"})
_RIGHT_PREPS = frozenset({"of", "for", "at", "with", "from", "in", "on"})
_RELATIVE_TAGS = frozenset({"WP", "WDT"})
_AUTHOR_PREPS = frozenset({"from", "by", "of"})
_WHEN = frozenset({"DATE", "TIME"})
_MEMBER_PREPS = frozenset({"at", "from", "of", "with"})


@cache
def _titles() -> frozenset[str]:
    """Lower-case honorifics and role titles that may stand before a name."""
    rows = load_csv("role_titles.csv")
    return frozenset(r.get("title", "").lower() for r in rows if r.get("kind") != "modifier")


def name_words(text: str) -> list[str]:
    """Return the name words of ``text``: no honorifics, titles or possessive ending."""
    words = [w.strip(",.") for w in text.replace("’s", "").replace("'s", "").split()]
    titles = _titles()
    while len(words) > 1 and words[0].lower() in titles:
        words = words[1:]
    return [w for w in words if w]


def person_by_words(words: list[str], index: SpeakerIndex) -> Person | None:
    """Return the person of the article with the longest name holding all ``words``."""
    key = {w.lower() for w in words}
    best: Person | None = None
    if not key:
        return None
    people, postings = _people_by_word(index)
    for n in min((postings.get(w, []) for w in key), key=len):
        person = people[n]
        if key <= {w.lower() for w in person.name.split()} and (
            best is None or len(person.name) > len(best.name)
        ):
            best = person
    return best


def _people_by_word(index: SpeakerIndex) -> tuple[list[Person], dict[str, list[int]]]:
    """Return the people of an index and, per lower-case name word, who bears it.

    Built once (again if people were added), so that a look-up does not scan them all.
    """
    cached = index.by_word
    if cached is None or len(cached[0]) != len(index.people):
        people = list(index.people.values())
        postings: dict[str, list[int]] = {}
        for n, person in enumerate(people):
            for word in {w.lower() for w in person.name.split()}:
                postings.setdefault(word, []).append(n)
        cached = index.by_word = (people, postings)
    return cached


def speaker_tokens(token: Any) -> tuple[int, int]:
    """Return the token range ``[start, end)`` of the noun phrase headed by ``token``.

    The phrase runs from the head's left edge (not across punctuation) to the head, plus
    compounds and a short prepositional tail ("the former secretary of state").
    """
    doc = token.doc
    start = token.left_edge.i
    for i in range(token.i - 1, start - 1, -1):
        if doc[i].is_space or (doc[i].is_punct and doc[i].text not in ("-", ".", "’s", "'s")):
            start = i + 1
            break
    while start < token.i and doc[start].text == "-":
        start += 1  # "- Jo Park" signed under a quotation: the dash is no part of the name
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in _RIGHT_DEPS and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ == "prep" and child.lower_ in _RIGHT_PREPS and child.i == end:
            tail = child.right_edge.i + 1
            if tail - start > MAX_SPEAKER_TOKENS:
                # Too long with all its clauses: up to the noun it governs ("one of two
                # neighbours", without "who saw the fire start …").
                noun = next((g for g in child.children if g.dep_ == "pobj"), None)
                tail = noun.i + 1 if noun is not None else end
            if tail - start <= MAX_SPEAKER_TOKENS:
                end = tail
            break
        elif child.dep_ == "acl" and child.i == end and child.tag_ == "VBN" and child.n_rights == 0:
            end = child.i + 1  # "those surveyed", "the people polled"
        else:
            break
    return max(start, end - MAX_SPEAKER_TOKENS), end


def _is_anonymous(doc: Any, head: Any, start: int, end: int) -> bool:
    """Whether the phrase ``doc[start:end]`` headed by ``head`` names an anonymous source."""
    words = quote_words()
    if any(t.ent_type_ == "PERSON" for t in doc[start:end]):
        return False
    lower, lemma = head.lower_, head.lemma_.lower()
    if head.like_num or lower in ("one", "none", "each", "either", "neither"):
        # "one of the officials", "two of the witnesses"
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if noun is None or noun.pos_ == "PROPN" or noun.ent_type_:
            return False
        return noun.tag_ == "NNS" or _is_anonymous(doc, noun, noun.left_edge.i, noun.i + 1)
    if lower in words.anonymous_always or lemma in words.anonymous_always:
        return True
    if lower not in words.anonymous_group and lemma not in words.anonymous_group:
        return False
    dets = [t.lower_ for t in doc[start : head.i] if t.dep_ in ("det", "nummod", "amod")]
    if any(d in words.indefinite for d in dets) or any(t.like_num for t in doc[start : head.i]):
        return True
    definite = any(t.dep_ in ("det", "poss") for t in doc[start : head.i])
    return head.tag_ in ("NNS", "NNPS") or not definite


def resolve_speaker(token: Any, index: SpeakerIndex, in_quote: InQuote | None = None) -> Speaker:
    """Return the speaker for the subject ``token`` of a cue, resolved as the module says.

    Args:
        token: the head token of the speaker mention.
        index: the article's people and organisations (:func:`build_index`).
        in_quote: unused; the index knows where the quotations are.

    Returns:
        The speaker: mention text and offsets, and the resolved name and actor when known.
    """
    doc = token.doc
    named = index.covering(token.i)
    if token.text.isupper() and len(token.text) > 1 and named is not None:
        span = doc[named.start : named.end]  # "WHO said": an abbreviation, not a pronoun
        return _fill(Speaker(text=span.text, start=span.start_char, end=span.end_char), named)
    if token.tag_ in _RELATIVE_TAGS and token.head.dep_ == "relcl" and token.head.head != token:
        return _relative(token, resolve_speaker(token.head.head, index))
    if token.pos_ == "PRON":
        return _pronoun(token, index)
    start, end = speaker_tokens(token)
    span = doc[start:end]
    speaker = Speaker(text=span.text, start=span.start_char, end=span.end_char)
    named = _named_here(token, index)
    if named is not None:
        return _fill(speaker, named)
    if _is_anonymous(doc, token, start, end):
        organization = _organization_of(token, index)
        if organization is not None:
            return _fill(speaker, organization)
        speaker.anonymous = True
        return speaker
    if token.pos_ in ("NOUN", "PROPN"):
        target = _described(token, index, start, end, speaker)
        if target is not None:
            return _fill(speaker, target)
        if speaker.anonymous or speaker.name:
            return speaker
    if token.pos_ == "PROPN":
        target = _by_name(token, index, start, end)
        if target is not None:
            return _fill(speaker, target)
        speaker.name = " ".join(name_words(span.text)) or None
    return speaker


def _named_here(token: Any, index: SpeakerIndex) -> Mention | None:
    """The person or group the phrase names: at its head, or in an apposition or compound."""
    found = index.covering(token.i)
    if found is not None and found.person is not None:
        return found
    for child in token.children:
        if child.dep_ in ("appos", "compound", "flat") and child.i > token.i:
            named = index.covering(child.i)
            if named is not None and (named.person is not None or (named.group and not found)):
                return named
    return found


def _organization_of(token: Any, index: SpeakerIndex) -> Mention | None:
    """The organisation unnamed sources belong to, when the phrase names it.

    ("Associated Press journalists", "researchers at cybersecurity firm Mandiant": the
    organisation speaks through them.) A country or a seat of power does not make "US
    officials" or "White House advisers" anyone but anonymous.
    """
    nouns = [c for c in token.lefts if c.dep_ in ("compound", "poss", "nmod")]
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in _MEMBER_PREPS:
            nouns += [g for g in prep.children if g.dep_ == "pobj"]
    for noun in nouns:
        found = index.covering(noun.i)
        if found is not None and found.group is not None and found.group.kind == "organization":
            return found
    return None


def _pronoun(token: Any, index: SpeakerIndex) -> Speaker:
    """A pronoun speaker: he/she by salience and gender, it/they to a group."""
    speaker = Speaker(text=token.text, start=token.idx, end=token.idx + len(token.text))
    kind = quote_words().pronouns.get(token.lower_)
    target: Mention | None = None
    if kind in ("male", "female"):
        target = index.pronouns.get(token.i) or antecedent_person(index, token, kind)
    elif kind == "neuter" and _expletive(token):
        target = None  # "it was later found that …"
    elif kind in ("neuter", "plural"):
        target = antecedent_group(index, token, plural=kind == "plural")
    if target is not None:
        _fill(speaker, target)
    return speaker


def _expletive(token: Any) -> bool:
    """Whether an "it" stands for nothing: the subject of a passive ("it was found that …")."""
    verb = token.head
    return token.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)


def _described(
    token: Any, index: SpeakerIndex, start: int, end: int, speaker: Speaker
) -> Mention | None:
    """Resolve a description: an organisation, a document or a person's title.

    Sets ``speaker`` to an unnamed organisation ("Israeli army") or to anonymous when the
    description names nobody the article names.
    """
    words = quote_words()
    lemma = token.lemma_.lower()
    if token.lower_ in words.organization_nouns or token.lower_ in words.document_nouns:
        lemma = token.lower_  # "media", whose lemma is "medium"; "data" ("datum")
    country = _country_in(index, start, end)
    if lemma in words.document_nouns:
        return _author(token, index)
    if lemma in words.organization_nouns and token.pos_ == "NOUN":
        specific = antecedent_org(index, token, lemma)
        if specific is not None and (
            country is None or specific.group is None or specific.group.country in (None, country)
        ):
            return specific
        if lemma not in words.national_institutions and country is None:
            general = antecedent_org(index, token, None)
            if general is not None:
                return general
        speaker.name = _unnamed(index.doc, start, end)
        if country is None and lemma in words.national_institutions:
            country = _country_in_context(index, token)
            adjective = demonym(country) if country else None
            if adjective and speaker.name.lower() == lemma:
                speaker.name = f"{adjective} {speaker.name}"  # "the military" of Israel
        speaker.country = country
        return None
    if token.pos_ == "NOUN" and (
        is_title(lemma) or lemma in words.anonymous_group or noun_gender(lemma)
    ):
        person = antecedent_by_word(index, token, lemma, country)
        if person is not None and person.person is not None:
            known = person.person.descriptors | {w.lower() for w in person.person.name.split()}
            if not _qualifiers(token) <= known:
                person = None  # "the head of the rehabilitation department": someone else
        if person is None:
            speaker.anonymous = True
        return person
    return None


def _qualifiers(token: Any) -> set[str]:
    """The nouns of a description's own complement ("head of the orthopaedic department")."""
    words: set[str] = set()
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at", "in", "with"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.ent_type_ not in ("GPE", "NORP"):
                    words.add(noun.lemma_.lower())
                    words |= {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"}
    return words


def _unnamed(doc: Any, start: int, end: int) -> str:
    """The words of an organisation named by what it is, without its article ("Israeli army")."""
    tokens = [t for t in doc[start:end] if not (t.dep_ == "det" and t.i == start)]
    return "".join(t.text_with_ws for t in tokens).strip()


def _country_in_context(index: SpeakerIndex, token: Any) -> str | None:
    """The country that was last a source or subject ("Israel has vowed … The military said")."""
    found = antecedent_country(index, token)
    return found.group.country if found is not None and found.group is not None else None


def _country_in(index: SpeakerIndex, start: int, end: int) -> str | None:
    """The country named inside ``doc[start:end]`` ("the Israeli army", "Gaza's ministry")."""
    for i in range(start, end):
        mention = index.covering(i)
        if (
            mention is not None
            and mention.group is not None
            and mention.group.kind
            in (
                "country",
                "seat",
            )
        ):
            return mention.group.country
    return None


def _author(token: Any, index: SpeakerIndex) -> Mention | None:
    """Who wrote a document.

    Named with it ("a report from the UN", "EUNAVFOR data", "Lopez's letter") or, for "the
    report", where the same word was used before.
    """
    found = _author_here(token, index)
    if found is not None:
        return found
    lemma = token.lemma_.lower()
    first = index.sent_of[token.i] - 40
    for earlier in reversed(index.doc[: token.i]):
        if index.sent_of[earlier.i] < first:
            break
        if (
            earlier.lemma_.lower() == lemma
            and earlier.pos_ == "NOUN"
            and not index.in_quote(earlier.i)
        ):
            found = _author_here(earlier, index) or _setting_source(earlier, index)
            if found is not None:
                return found
    return None


def _author_here(token: Any, index: SpeakerIndex) -> Mention | None:
    for child in token.children:
        if child.dep_ in ("poss", "compound", "nmod") and child.ent_type_ not in _WHEN:
            found = index.covering(child.i)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
            noun = next((g for g in child.children if g.dep_ == "pobj"), None)
            if noun is not None:
                found = index.covering(noun.i)
                if found is not None:
                    return found
    return None


def _setting_source(token: Any, index: SpeakerIndex) -> Mention | None:
    """The source of the sentence a document is the setting of ("In a statement, X said")."""
    head = token.head
    if token.dep_ != "pobj" or head.dep_ != "prep":
        return None
    verb = head.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return index.covering(subject.i) if subject is not None else None


def _by_name(token: Any, index: SpeakerIndex, start: int, end: int) -> Mention | None:
    """Resolve a proper-noun speaker that NER missed ("said Lopez") by its name words."""
    words = [t.text for t in token.doc[start:end] if t.pos_ == "PROPN"]
    person = person_by_words(name_words(" ".join(words)), index)
    return Mention(start, end, person) if person is not None else None


def _relative(token: Any, antecedent: Speaker) -> Speaker:
    """The speaker "who" ("Smith, who said …"): the pronoun as mention, its antecedent's name.

    An antecedent with no name to resolve to ("the council, which said …") lends its own
    words, unless it is an anonymous source, which is never given a name.
    """
    name = antecedent.name or (None if antecedent.anonymous else antecedent.text)
    return Speaker(
        actor=antecedent.actor,
        name=name,
        text=token.text,
        start=token.idx,
        end=token.idx + len(token.text),
        anonymous=antecedent.anonymous,
        country=antecedent.country,
    )


def _fill(speaker: Speaker, target: Mention) -> Speaker:
    if target.anonymous:
        speaker.anonymous = True
    elif target.person is not None:
        speaker.name = target.person.name
        speaker.actor = target.person.actor
        speaker.country = target.person.country
    elif target.group is not None:
        group = target.group
        speaker.name = group.name[4:] if group.name.lower().startswith("the ") else group.name
        speaker.actor = group.actor
        speaker.country = group.country
    return speaker
