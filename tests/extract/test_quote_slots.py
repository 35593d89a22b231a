"""Tests of extract/quote_slots.py and the speakers it needs: cues in unusual slots."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from newsgraph.extract.quotes import extract_quotes
from newsgraph.model import Quote


def quotes_of(nlp: Any, text: str) -> list[Quote]:
    quotes = extract_quotes(nlp(text))
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    return quotes


def speaker_of(quotes: list[Quote], said: str) -> str | None:
    found = [q for q in quotes if q.text == said]
    assert len(found) == 1, [q.text for q in quotes]
    speaker = found[0].speaker
    return speaker.text if speaker is not None else None


@pytest.mark.parametrize(
    ("text", "said", "speaker"),
    [
        (
            'The delegates stood up. "This is wonderful!" beamed a delegate from Ohio.',
            "This is wonderful!",
            "a delegate",
        ),
        (
            'The debate went on. "Let me help you out," the nominee riffed on the question.',
            "Let me help you out,",
            "the nominee",
        ),
        (
            'The show opened. "The paper claims something odd today," the host started.',
            "The paper claims something odd today,",
            "the host",
        ),
        ('"Oh no," Park sighed.', "Oh no,", "Park"),
    ],
)
def test_quotes_a_verb_after_a_quotation_takes_it_whatever_the_verb(
    nlp: Any, text: str, said: str, speaker: str
) -> None:
    assert speaker_of(quotes_of(nlp, text), said) == speaker


@pytest.mark.parametrize(
    "text",
    [
        '"Hawaii Five-0," the show that the network revived in 2010, is popular again.',
        'After "Hamilton," the crowd left the theatre.',
    ],
)
def test_quotes_a_clause_after_a_title_or_inside_a_sentence_is_no_cue(nlp: Any, text: str) -> None:
    assert quotes_of(nlp, text) == []


def test_quotes_a_speech_cue_right_before_a_one_word_quotation(nlp: Any) -> None:
    quotes = quotes_of(nlp, 'Minutes later, she sent an email saying, "done."')
    assert speaker_of(quotes, "done.") == "she"


def test_quotes_a_self_described_label_is_no_quote(nlp: Any) -> None:
    assert quotes_of(nlp, 'Thousands of self-described "Berners" marched downtown.') == []


def test_quotes_a_participle_opening_its_sentence_goes_on_with_the_last_speaker(
    nlp: Any,
) -> None:
    text = 'Park said the report "was not good." Adding, "Now we have to fix it, and fast."'
    assert speaker_of(quotes_of(nlp, text), "Now we have to fix it, and fast.") == "Park"


def test_quotes_an_unknown_name_after_an_inverted_cue_is_the_speaker(nlp: Any) -> None:
    text = '"It is valuable," said Wrenly, explaining he worked with the team.'
    assert speaker_of(quotes_of(nlp, text), "It is valuable,") == "Wrenly"


def test_quotes_a_dash_is_never_the_subject_of_a_cue(nlp: Any) -> None:
    text = 'The returns were made public ― Lopez boasted, "That makes me smart."'
    assert speaker_of(quotes_of(nlp, text), "That makes me smart.") == "Lopez"


@pytest.mark.parametrize("signature", ["- Jo Park.", "-Jo Park, a voter in Ohio."])
def test_quotes_a_speaker_signed_under_a_quotation_paragraph(nlp: Any, signature: str) -> None:
    text = (
        "The fact-checker looked at the claims.\n\n"
        '"We will rebuild every road in the state within a year."\n\n'
        f"{signature}\n\nThat claim does not hold up."
    )
    said = "We will rebuild every road in the state within a year."
    assert speaker_of(quotes_of(nlp, text), said) in ("Jo Park", "-Jo Park")


def test_quotes_a_participle_hung_on_a_noun_after_a_comma_is_the_clause_subjects(
    nlp: Any,
) -> None:
    # The parse as the model gives it for such sentences: "remarking" hangs on "reference",
    # and the quoted title stops the search for a nearby subject.
    rows = [
        ("Lopez", "PROPN", "NNP", "nsubj", 1),
        ("ended", "VERB", "VBD", "ROOT", 1),
        ("the", "DET", "DT", "det", 3),
        ("debate", "NOUN", "NN", "dobj", 1),
        ("with", "ADP", "IN", "prep", 3),
        ("a", "DET", "DT", "det", 6),
        ("reference", "NOUN", "NN", "pobj", 4),
        ("to", "ADP", "IN", "prep", 6),
        ("the", "DET", "DT", "det", 12),
        ('"', "PUNCT", "``", "punct", 10),
        ("Dune", "PROPN", "NNP", "compound", 12),
        ('"', "PUNCT", "''", "punct", 10),
        ("film", "NOUN", "NN", "pobj", 7),
        (",", "PUNCT", ",", "punct", 12),
        ("remarking", "VERB", "VBG", "acl", 6),
        (",", "PUNCT", ",", "punct", 14),
        ('"', "PUNCT", "``", "punct", 14),
        ("Thanks", "NOUN", "NNS", "dobj", 14),
        ("for", "ADP", "IN", "prep", 17),
        ("coming", "VERB", "VBG", "pcomp", 18),
        (".", "PUNCT", ".", "punct", 1),
        ('"', "PUNCT", "''", "punct", 1),
    ]
    words = [r[0] for r in rows]
    glued = {9, 10, 16, 19, 20, 21}  # no space after these tokens
    spaces = [
        i not in glued and i + 1 < len(words) and words[i + 1] != "," for i in range(len(words))
    ]
    lemmas = [w.lower() if r[1] != "PROPN" else w for w, r in zip(words, rows, strict=True)]
    lemmas[1], lemmas[14], lemmas[19] = "end", "remark", "come"
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        lemmas=lemmas,
    )
    said = "Thanks for coming."
    assert doc.text.endswith(f'the "Dune" film, remarking, "{said}"')
    quotes = extract_quotes(doc)
    assert speaker_of(quotes, said) == "Lopez"
