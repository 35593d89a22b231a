"""Tests of extract/quotes.py and its helpers (quote_spans, speakers): who said what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.extract import DEFAULT_PIPELINE, REGISTRY, builtins  # noqa: F401
from newsgraph.extract.quote_spans import find_mark_spans
from newsgraph.extract.quotes import extract_quotes
from newsgraph.model import Analysis, Article, Quote
from newsgraph.report import format_quotes


def quotes_of(nlp: Any, text: str) -> list[Quote]:
    quotes = extract_quotes(nlp(text))
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
        if quote.speaker is not None and quote.speaker.start is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
    return quotes


def only(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def body_of(example_path: Path) -> str:
    lines = example_path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Japanese Prime Minister"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Edited by:"))
    skip = "South Korea: Germany is a major 'values partner' for us"
    return "\n".join(line for line in lines[start:end] if line != skip).strip()


# --- quotation marks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"A b," he said. "C d."', ["A b,", "C d."]),
        ("“Curly,” she said.", ["Curly,"]),
        ("''NYT style,'' he said.", ["NYT style,"]),
        ('He said "unbalanced', ["unbalanced"]),
        ("stray” close “ok”", ["ok"]),
        ('the 5\'11" man said "hi"', ["hi"]),
        ('""', []),
        ("no marks at all", []),
        ("“nested ‘single’ marks”", ["nested ‘single’ marks"]),
        ("“open “again” here", ["open", "again"]),
        ("“He calls it “hell” and worse,” she said.", ["He calls it “hell” and worse,"]),
        ("”Wrong way round.” ― Jo Park", ["Wrong way round."]),
        ("called the plan “lazy“ and left", ["lazy"]),
        ("»Guillemets«, sagte sie.", ["Guillemets"]),
    ],
)
def test_quote_spans_pairs_marks(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_mark_spans(text)] == expected


def test_quote_spans_continue_into_next_paragraph() -> None:
    text = "“First paragraph opens.\n\n“Second one closes,” he said."
    first, second = find_mark_spans(text)
    assert (first.closed, first.continues) == (False, True)
    assert second.continued and text[second.start : second.end] == "Second one closes,"


# --- kinds -------------------------------------------------------------------------------


def test_quotes_direct_with_inverted_speaker(nlp: Any) -> None:
    quotes = quotes_of(nlp, '"We will win this fight," said Maria Lopez, a city councillor.')
    quote = only(quotes, "We will win")
    assert quote.kind == "direct"
    assert quote.text == "We will win this fight,"
    assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"
    assert quote.cue is not None and quote.cue.text == "said"


def test_quotes_direct_after_colon(nlp: Any) -> None:
    quote = only(quotes_of(nlp, 'The minister said: "Prices will fall next year."'), "Prices")
    assert quote.kind == "direct" and quote.text == "Prices will fall next year."
    assert quote.speaker is not None and quote.speaker.text == "The minister"


def test_quotes_mixed_takes_the_reported_clause(nlp: Any) -> None:
    text = 'Peter Hansen said the talks were going "remarkably well" despite the delays.'
    quote = only(quotes_of(nlp, text), "remarkably")
    assert quote.kind == "mixed"
    assert quote.text.startswith("the talks were going")
    assert quote.speaker is not None and quote.speaker.name == "Peter Hansen"


def test_quotes_indirect_that_clause(nlp: Any) -> None:
    quotes = quotes_of(nlp, "Anna Berg said that the bridge would reopen in June.")
    quote = only(quotes, "bridge")
    assert quote.kind == "indirect"
    assert quote.text == "that the bridge would reopen in June"  # the complementizer is content
    assert quote.speaker is not None and quote.speaker.name == "Anna Berg"


def test_quotes_indirect_according_to(nlp: Any) -> None:
    quotes = quotes_of(nlp, "According to Tom Ellis, the company lost money in the spring.")
    quote = only(quotes, "company")
    assert quote.kind == "indirect"
    assert quote.text == "the company lost money in the spring."
    assert quote.speaker is not None and quote.speaker.name == "Tom Ellis"
    assert quote.cue is not None and quote.cue.text == "According to"


def test_quotes_indirect_told_and_warned(nlp: Any) -> None:
    text = "Carla Diaz told reporters the vote was rigged. Diaz warned that protests would follow."
    quotes = quotes_of(nlp, text)
    assert only(quotes, "rigged").speaker.name == "Carla Diaz"  # type: ignore[union-attr]
    assert only(quotes, "protests").speaker.name == "Carla Diaz"  # type: ignore[union-attr]


def test_quotes_speaker_after_dash(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "“Never give up.” — Winston Churchill"), "Never")
    assert quote.speaker is not None and quote.speaker.name == "Winston Churchill"


def test_quotes_organisation_speaks(nlp: Any) -> None:
    text = "The Health Ministry said the outbreak was under control."
    quote = only(quotes_of(nlp, text), "outbreak")
    assert quote.speaker is not None and "Ministry" in (quote.speaker.text or "")
    assert not quote.speaker.anonymous


# --- several sentences and paragraphs, floating -------------------------------------------


def test_quotes_multi_paragraph_quote_keeps_its_speaker(nlp: Any) -> None:
    text = (
        "Lena Fischer, the mayor, spoke on Monday.\n\n"
        "“The river has never been this high.\n\n"
        "“We are moving people out of the old town tonight,” Fischer said."
    )
    quotes = quotes_of(nlp, text)
    assert quotes, "no quote found"
    for fragment in ("river", "old town"):
        quote = only(quotes, fragment)
        assert quote.speaker is not None and quote.speaker.name == "Lena Fischer"


def test_quotes_floating_quote_gets_previous_speaker(nlp: Any) -> None:
    text = (
        "Omar Haddad, a union leader, said the schools needed more teachers.\n\n"
        "“Classes now have forty pupils and that cannot go on.”"
    )
    floating = only(quotes_of(nlp, text), "forty pupils")
    assert floating.kind == "floating"
    assert floating.speaker is not None and floating.speaker.name == "Omar Haddad"


def test_quotes_a_quotation_paragraph_after_its_attribution_goes_on_with_it(nlp: Any) -> None:
    text = (
        "“The bridge will be finished by June,” said Mira Okafor, the county engineer.\n\n"
        "“After that we start on the ring road and the two tunnels.”"
    )
    quotes = quotes_of(nlp, text)
    first, second = only(quotes, "bridge"), only(quotes, "ring road")
    assert second.continues == first.start
    assert second.speaker is not None and second.speaker.name == "Mira Okafor"


def test_quotes_a_quote_hard_wrapped_over_lines_is_one_quote(nlp: Any) -> None:
    text = (
        "The committee met on Monday to review the budget for the coming year.\n\n"
        '"We cannot afford another year of cuts to the schools and the\n'
        'hospitals of this county," said Councillor Abel Moreno.\n'
    )
    quotes = quotes_of(nlp, text)
    expected = (
        "We cannot afford another year of cuts to the schools and the hospitals of this county,"
    )
    assert [" ".join(q.text.split()) for q in quotes] == [expected]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Abel Moreno"


def test_quotes_interrupted_quote_is_two_linked_pieces_without_narration(nlp: Any) -> None:
    text = "“We have the votes,” Sara Kim said. “The bill will pass tomorrow.”"
    quotes = quotes_of(nlp, text)
    assert [q.text for q in quotes] == ["We have the votes,", "The bill will pass tomorrow."]
    assert quotes[0].continues is None and quotes[1].continues == quotes[0].start
    assert all(q.speaker is not None and q.speaker.name == "Sara Kim" for q in quotes)


# --- speakers ----------------------------------------------------------------------------


def test_quotes_anonymous_sources_get_no_name(nlp: Any) -> None:
    text = (
        "The deal will collapse, some analysts say. Officials said the talks had stalled. "
        "“It is over,” a senior official told reporters."
    )
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 3
    for quote in quotes:
        assert quote.speaker is not None and quote.speaker.anonymous
        assert quote.speaker.name is None


def test_quotes_pronoun_resolves_to_recent_person(nlp: Any) -> None:
    text = (
        "Mr. David Osei met Mrs. Jane Park on Friday. Osei said the talks went well. "
        "“We agreed on everything,” he said."
    )
    quote = only(quotes_of(nlp, text), "agreed")
    assert quote.speaker is not None
    assert quote.speaker.text == "he" and quote.speaker.name == "David Osei"


def test_quotes_surname_and_title_resolve_to_full_name(nlp: Any) -> None:
    text = "President Laura Chinchilla visited the port. “Trade is growing,” Ms. Chinchilla said."
    quote = only(quotes_of(nlp, text), "Trade")
    assert quote.speaker is not None and quote.speaker.name == "Laura Chinchilla"


def test_quotes_descriptor_resolves_to_described_person(nlp: Any) -> None:
    text = (
        "“Prices will rise,” said Mark Olsen, an economist at the central bank.\n\n"
        "Wages will not keep up, the economist added."
    )
    quote = only(quotes_of(nlp, text), "Wages")
    assert quote.speaker is not None
    assert quote.speaker.text == "the economist" and quote.speaker.name == "Mark Olsen"


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "“",
        '"" "" ""',
        "He said “ and then ” nothing “",
        "““““ ””””",
        "said said said",
        "\n\n“\n\n”\n\n",
        "“A,” “B,” “C,”",
        "",
    ],
)
def test_quotes_never_crash_on_odd_marks(nlp: Any, text: str) -> None:
    quotes_of(nlp, text)


# --- the registry, the report and the founding example -------------------------------------


def test_quotes_registered_after_actors() -> None:
    extractor = REGISTRY["quotes"]
    assert extractor.requires == ("actors",)
    assert DEFAULT_PIPELINE.index("quotes") > DEFAULT_PIPELINE.index("actors")


def test_quotes_format_lists_quotes_in_article_order_with_name_and_role(nlp: Any) -> None:
    text = (
        "Some experts say it will be dry. “Rain is coming,” said Ola Nordmann, a "
        "professor at the Norwegian Institute. “Bring an umbrella.”"
    )
    analysis = Analysis(article=Article(text=text))
    REGISTRY["actors"].func(analysis, doc := nlp(text))
    analysis.quotes = extract_quotes(doc, analysis)
    report = format_quotes(analysis)
    lines = report.splitlines()
    assert lines[0].startswith('1. anonymous source ("Some experts")')
    assert lines[2].startswith("2. Ola Nordmann, professor, Norwegian Institute")
    assert "Rain is coming" in lines[3] and "goes on" in lines[4]
    assert "person:" not in report and "@" not in report
    assert format_quotes(Analysis(article=Article(text="x"))) == "(no quotes)"


def test_quotes_founding_example(
    nlp: Any, example_path: Path, example_expected: dict[str, Any]
) -> None:
    text = body_of(example_path)
    doc = nlp(text)
    analysis = Analysis(article=Article(text=text, published="2023-05-09"))
    REGISTRY["actors"].func(analysis, doc)
    REGISTRY["quotes"].func(analysis, doc)
    quotes = analysis.quotes
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    missed = []
    for gold in example_expected["quotes"]:
        start = text.index(gold["text"])
        end = start + len(gold["text"])
        found = [
            q
            for q in quotes
            if 2 * max(0, min(end, q.end) - max(start, q.start)) >= end - start
            and q.speaker is not None
            and q.speaker.name == gold["speaker"]
        ]
        if not found:
            missed.append(gold["text"])
    assert missed == []
    for claim in example_expected["unattributed_claims"]:
        start = text.index(claim)
        end = start + len(claim)
        for quote in quotes:
            if quote.start < end and start < quote.end and quote.speaker is not None:
                assert quote.speaker.anonymous or not quote.speaker.name, (claim, quote)


def test_quotes_founding_example_without_actors(
    nlp: Any, example_path: Path, example_expected: dict[str, Any]
) -> None:
    text = body_of(example_path)
    quotes = extract_quotes(nlp(text))
    names = {q.speaker.name for q in quotes if q.speaker is not None}
    assert {g["speaker"] for g in example_expected["quotes"]} <= names


# --- short quotes with their cue, participle cues, time phrases ---------------------------


def test_quotes_short_exclamation_with_its_cue_is_said(nlp: Any) -> None:
    text = "The senator asked for a show of hands.\n\n“Never!” the crowd shouted back."
    quote = only(quotes_of(nlp, text), "Never!")
    assert quote.kind == "direct" and quote.speaker is not None
    assert quote.speaker.text == "the crowd"


def test_quotes_as_someone_put_it(nlp: Any) -> None:
    text = 'As Jane Roe put it, "The voters are tired and the parties are worse."'
    quote = only(quotes_of(nlp, text), "The voters are tired")
    assert quote.speaker is not None and quote.speaker.name == "Jane Roe"


def test_quotes_time_phrase_is_not_the_speaker(nlp: Any) -> None:
    text = "“We will win this state and the next one,” said Saturday Maria Lopez."
    quotes = quotes_of(nlp, text)
    assert all(q.speaker is None or q.speaker.text != "Saturday" for q in quotes)


def test_quotes_participle_cue_keeps_only_its_quote(nlp: Any) -> None:
    text = (
        'Jones said the plan was late but added, "I think you all know what the results will be."'
    )
    quote = only(quotes_of(nlp, text), "I think you all know")
    assert quote.text.startswith("I think") and quote.speaker is not None
    assert quote.speaker.text == "Jones"


def test_quotes_according_to_takes_the_whole_sentence(nlp: Any) -> None:
    text = (
        '"The budget is late again," Park wrote to the council, according to two '
        "officials at the meeting."
    )
    quote = only(quotes_of(nlp, text), "budget is late")
    assert quote.kind == "mixed" and quote.text.endswith("to the council")
    assert quote.speaker is not None and quote.speaker.anonymous
    assert quote.speaker.text == "two officials at the meeting"


def test_quotes_possessed_cue_noun_reports_its_clause(nlp: Any) -> None:
    text = "Analysts doubted Maria Lopez’s claim that the city had seen “hundreds of fires” in May."
    quote = only(quotes_of(nlp, text), "hundreds of fires")
    assert quote.kind == "mixed" and quote.text.startswith("that the city")
    assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"


def test_quotes_casting_someone_as_a_quotation(nlp: Any) -> None:
    text = "Senator Jo Park has gone after the city manager as a “part-time mayor” all week."
    quote = only(quotes_of(nlp, text), "part-time mayor")
    assert quote.kind == "mixed" and "the city manager as" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Jo Park"
    assert quotes_of(nlp, "Lopez served in the army as a “field medic” for years.") == []


def test_quotes_what_someone_calls_belongs_to_the_outer_cue(nlp: Any) -> None:
    text = "Lopez says she admired his courage through what she calls a “war of ugly words.”"
    quote = only(quotes_of(nlp, text), "war of ugly words")
    assert quote.cue is not None and quote.cue.text == "says"
    assert quote.text.startswith("she admired")


def test_quotes_relative_pronoun_speaker_borrows_its_antecedent(nlp: Any) -> None:
    text = "The council passed a resolution which said the city “rejects hate in every form.”"
    quote = only(quotes_of(nlp, text), "rejects hate")
    assert quote.speaker is not None and quote.speaker.text == "which"
    assert quote.speaker.name is not None and "resolution" in quote.speaker.name


def test_quotes_transcript_turns_are_quotes_of_their_label(nlp: Any) -> None:
    text = (
        "Governor Mary Stone spoke to host Tom Reed on Sunday.\n\n"
        "REED: Will the bill pass this week?\n\n"
        "STONE: Well, look, we have the votes and we will bring it to the floor.\n\n"
        "UPDATE: The vote was moved to Friday."
    )
    quotes = quotes_of(nlp, text)
    turn = only(quotes, "we have the votes")
    assert turn.kind == "direct" and turn.text.startswith("Well, look")
    assert turn.speaker is not None and turn.speaker.text == "STONE"
    assert turn.speaker.name == "Mary Stone"
    assert turn.cue is not None and turn.cue.text == ":"
    assert not any("vote was moved" in q.text for q in quotes)


def test_quotes_particle_cue_tagged_as_adverb(nlp: Any) -> None:
    quote = only(quotes_of(nlp, '"She wants to look tough tonight," Park shot back.'), "tough")
    assert quote.cue is not None and quote.cue.text == "shot"
    assert quote.speaker is not None and quote.speaker.text == "Park"


def test_quotes_parenthetical_cue_reports_the_rest_of_the_sentence(nlp: Any) -> None:
    text = (
        "Because of those efforts, Maria Lopez said, most residents have come to believe "
        '"that the river is cleaner than it has been in decades."'
    )
    quote = only(quotes_of(nlp, text), "river is cleaner")
    assert quote.kind == "mixed" and quote.text.startswith("most residents")
    assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"


def test_quotes_dateline_is_not_the_speaker_but_a_name_before_a_comma_is(nlp: Any) -> None:
    dateline = quotes_of(
        nlp, "LISBON — The committee said on Monday the plan was “a good start for everyone.”"
    )
    assert only(dateline, "good start").speaker.text == "The committee"  # type: ignore[union-attr]
    company = quotes_of(nlp, "ACME, which makes servers, said the deal was “a fair one for all.”")
    assert only(company, "fair one").speaker.text == "ACME"  # type: ignore[union-attr]


def test_quotes_according_to_without_a_source_keeps_the_quote(nlp: Any) -> None:
    text = '"The budget is late," Park told Lee, according to what he wrote.'
    quote = only(quotes_of(nlp, text), "budget is late")
    assert quote.speaker is not None and quote.speaker.text == "Park"


def test_quotes_transcript_kicker_is_not_a_speaker(nlp: Any) -> None:
    text = "RELATED: Budget talks stall again.\n\nRELATED: The mayor answers her critics."
    assert quotes_of(nlp, text) == []


def test_quotes_the_title_of_a_show_or_book_is_not_a_quote(nlp: Any) -> None:
    text = (
        'On Sunday\'s edition of "Capital Week Tonight," Governor Ana Ruiz said the budget '
        "would pass before the summer recess."
    )
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if "Capital Week" in q.text]
    assert only(quotes, "budget would pass").speaker.text == "Governor Ana Ruiz"  # type: ignore[union-attr]
    book = 'In her memoir, "Roads Out of Midland," Ms. Ruiz wrote about her years as a nurse.'
    assert not [q for q in quotes_of(nlp, book) if "Roads Out" in q.text]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Friday on WXYZ’s “Morning Talk with Dana Lee,” Senator Jo Park said the budget "
            "would pass.",
            "Morning Talk",
        ),
        ('Jo Park, author of "The Long Road Home," said the vote was close.', "Long Road"),
        (
            "Ana Ruiz, a professor at Lakeside College and a co-editor of "
            '"Farm Towns: A Short History," said rents had doubled.',
            "Farm Towns",
        ),
        (
            "In fact, Park was the founder of “Farmers for Lee 2008.” Park also pleaded that "
            "he was innocent.",
            "Farmers for Lee",
        ),
    ],
)
def test_quotes_a_title_named_by_its_channel_or_author_is_not_a_quote(
    nlp: Any, text: str, title: str
) -> None:
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if title in q.text]
    assert [q.kind for q in quotes] == ["indirect"]


def test_quotes_the_hosts_of_a_show_are_not_what_was_said(nlp: Any) -> None:
    text = (
        '"I wish him well," Ms. Ruiz told the hosts of "Morning Talk," adding that she would vote.'
    )
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if "Morning Talk" in q.text]
    assert only(quotes, "wish him well").speaker.text == "Ms. Ruiz"  # type: ignore[union-attr]


def test_quotes_a_title_case_name_before_a_noun_names_a_thing(nlp: Any) -> None:
    from newsgraph.extract.quote_context import build_context
    from newsgraph.extract.quote_frame import names_thing

    def names(text: str) -> list[bool]:
        ctx = build_context(nlp(text), text, None)
        return [names_thing(ctx, mark) for mark in ctx.marks]

    assert names("She came on stage, a “Count Every Ballot” tote bag at her side.") == [True]
    assert names('Some in the "Vote Twice" crowd suggest a recount.') == [True]
    assert names('"Stop Now," he said.') == [False]
    assert names('They chanted "no more cuts" outside.') == [False]
    mocked = quotes_of(nlp, 'Park mocked his "Mission Done" speech at the rally.')
    assert only(mocked, "Mission Done").kind == "mixed"


def test_quotes_the_programme_where_someone_spoke_is_not_a_quote(nlp: Any) -> None:
    text = '"We will balance the budget," Governor Ana Ruiz said on "Capital Week Tonight."'
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if "Capital Week" in q.text]
    assert only(quotes, "balance the budget").speaker.text == "Governor Ana Ruiz"  # type: ignore[union-attr]
    said = 'Ruiz said in a statement that the plan was "a gift to landlords."'
    assert only(quotes_of(nlp, said), "gift to landlords").kind == "mixed"
    urged = 'The ombudsman called on the "caretaker" cabinet to pull troops from the streets.'
    assert only(quotes_of(nlp, urged), "caretaker").speaker.text == "The ombudsman"  # type: ignore[union-attr]


def test_quotes_a_slogan_someone_uses_stays_a_quote(nlp: Any) -> None:
    text = 'In her speech, Ruiz promised a budget of "Growth For Every Town" to the crowd.'
    assert only(quotes_of(nlp, text), "Growth For Every Town").speaker.text == "Ruiz"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Ida Brandt called in to a radio show about policing in the old town.",
        "The defence ministry called up thousands of reservists to guard the border.",
    ],
)
def test_quotes_a_particle_verb_that_reports_nothing_is_no_cue(nlp: Any, text: str) -> None:
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Supporters roared when Ohio was called for Jo Park moments after the polls closed.",
        "She used to vote and got called to jury duty every few years.",
        "The advocacy group is sponsoring a contest called the River Town Prize, which will "
        "fund homes.",
        "After the vote, Park called Lee to congratulate him on the win.",
        "Park called them on it at the debate.",
        "His rhetoric has called attention to the housing crisis in the city.",
        "The speech inevitably called to mind the promise of unity that marked his rise.",
    ],
)
def test_quotes_a_call_that_demands_nothing_is_no_cue(nlp: Any, text: str) -> None:
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Park called on the mayor to resign over the scandal.", "mayor to resign"),
        ("Park has called for a ban on new mines in the valley.", "ban on new mines"),
        ("Lee, who's called for higher taxes on land, criticized the plan.", "higher taxes"),
    ],
)
def test_quotes_a_call_for_or_on_someone_is_said(nlp: Any, text: str, said: str) -> None:
    assert only(quotes_of(nlp, text), said).kind == "indirect"


def test_quotes_a_cue_after_a_colon_does_not_report_what_precedes_it(nlp: Any) -> None:
    text = (
        "The deal came together quickly, under pressure: a ballot measure threatened to raise "
        "the wage faster."
    )
    assert quotes_of(nlp, text) == []
    text = "Lee says that the show has drawn anger from all sides: Park, in 2013, questioned it."
    assert only(quotes_of(nlp, text), "drawn anger").speaker.text == "Lee"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "All told, up to 5,000 families could lose their homes.",
        "Only time will tell if the truce will hold.",
        "There's no denying the mayor has had quite a run.",
    ],
)
def test_quotes_a_set_phrase_with_a_cue_verb_reports_nothing(nlp: Any, text: str) -> None:
    assert quotes_of(nlp, text) == []


def test_quotes_that_said_opening_a_sentence_is_no_cue(nlp: Any) -> None:
    quote = only(quotes_of(nlp, "That said, voters say they want lower rents."), "lower rents")
    assert quote.speaker is not None and quote.speaker.text == "voters"
    sign = quotes_of(nlp, 'They handed out bottles that said, "Welcome to the games."')
    assert only(sign, "Welcome to the games").kind == "direct"


def test_quotes_saying_after_without_reports_nothing(nlp: Any) -> None:
    text = "Kerr left the meeting without saying that the deal was dead."
    assert quotes_of(nlp, text) == []


def test_quotes_data_of_an_organisation_is_its_statement(nlp: Any) -> None:
    text = "Border crossings fell by a third in the spring, according to Frontex data."
    quote = only(quotes_of(nlp, text), "Border crossings fell")
    assert quote.speaker is not None and quote.speaker.text == "Frontex data"
    assert quote.speaker.name is not None and "Frontex" in quote.speaker.name


def test_quotes_the_addressee_between_two_pieces_is_not_a_quote(nlp: Any) -> None:
    text = (
        '"What worries me is not only the leak of the files," Dunmore told Morning Report on '
        'Tuesday, "but the attempt to sway the vote by releasing them slowly."'
    )
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if "Morning Report" in q.text]
    second = only(quotes, "sway the vote")
    assert second.speaker is not None and second.speaker.text == "Dunmore"
    assert second.continues == only(quotes, "leak of the files").start


def test_quotes_anonymity_requested_is_not_what_was_said(nlp: Any) -> None:
    text = "Several aides requested anonymity to speak freely about the campaign."
    assert quotes_of(nlp, text) == []


def test_quotes_a_time_before_the_reported_clause_is_not_said(nlp: Any) -> None:
    text = (
        'Senator Ron Dale told the radio host on Friday that "exactly who did it" remains '
        "under investigation by the bureau."
    )
    quote = only(quotes_of(nlp, text), "exactly who did it")
    assert quote.text.startswith("that")


def test_quotes_a_quotation_ending_in_a_nested_quote_stands_alone(nlp: Any) -> None:
    text = (
        "“My staff had a small deal ready,” Mr. Hale recounted at a meeting on Monday. “And I "
        "said, ‘I want more.’ They said, ‘The growers can’t manage it.’ I said, ‘Buy bigger "
        "barns.’” The ministers around him laughed."
    )
    quote = only(quotes_of(nlp, text), "I want more")
    assert quote.speaker is not None and quote.speaker.text == "Mr. Hale"


def test_quotes_a_message_put_out_is_said_by_who_put_it_out(nlp: Any) -> None:
    text = (
        "The Delgado campaign sent out a press release saying the mayor had “broken every "
        "promise he made to the harbour workers.”"
    )
    quote = only(quotes_of(nlp, text), "broken every")
    assert quote.speaker is not None and "Delgado" in (quote.speaker.text or "")


def test_quotes_a_cue_that_introduces_the_next_quotation_is_not_the_last_ones(nlp: Any) -> None:
    text = (
        "“We are farmers,” Ms. Diaz said. “We are not criminals.” Mr. Ortega said: “The harvest "
        "failed because of the drought and nothing else.”"
    )
    quotes = quotes_of(nlp, text)
    second = only(quotes, "not criminals")
    assert second.speaker is not None and second.speaker.text == "Ms. Diaz"
    third = only(quotes, "harvest")
    assert third.speaker is not None and third.speaker.text == "Mr. Ortega"
