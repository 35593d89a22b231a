"""Tests of undoing a text browser's layout (newsgraph.sources.textdump_wrap)."""

from __future__ import annotations

import textwrap

from newsgraph.sources.textdump_wrap import find_width, read_page, repair_mojibake, unwrap

PARAGRAPHS = [
    "The ferry company said on Friday that it would cut the number of winter crossings by a "
    "third, blaming the rising price of fuel and a fall in the number of passengers since the "
    "bridge opened last spring.",
    "Passenger groups said the decision would leave island residents with fewer ways to reach "
    "the hospital on the mainland, and called on the regional council to step in with a "
    "subsidy before the timetable changes in November.",
    "A spokesman for the company said talks with the council had begun but that no agreement "
    "was expected before the end of the month.",
]


def _wrapped(width: int, indent: str = "   ", blank: bool = True) -> str:
    blocks = [
        textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent)
        for p in PARAGRAPHS * 2
    ]
    return ("\n\n" if blank else "\n").join(["Ferries", *blocks]) + "\n"


def test_textdump_wrap_joins_wrapped_paragraphs() -> None:
    text, layout = unwrap(_wrapped(76))
    assert layout.width is not None and 60 <= layout.width <= 76
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert lines == ["Ferries", *PARAGRAPHS, *PARAGRAPHS]


def test_textdump_wrap_paragraphs_without_blank_lines() -> None:
    # html2text prints paragraphs without a blank line between them
    text, _ = unwrap(_wrapped(78, indent="", blank=False))
    assert [line for line in text.split("\n") if line] == ["Ferries", *PARAGRAPHS, *PARAGRAPHS]


def test_textdump_wrap_leaves_one_line_paragraphs_alone() -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    assert find_width(text.split("\n")) is None
    assert unwrap(text)[0] == text


def test_textdump_wrap_list_items_stay_apart() -> None:
    items = "\n".join(f"     * Section number {n} of the site menu" for n in range(8))
    text, _ = unwrap(_wrapped(76) + "\n" + items + "\n")
    assert text.count("* Section number") == 8


def test_textdump_wrap_centred_heading_wraps_onto_centred_line() -> None:
    heading = (
        " Regional council agrees to subsidise winter ferry crossings after island protest\n"
        "                                   last week\n"
    )
    text, _ = unwrap(heading + "\n" + _wrapped(76))
    assert "protest last week" in text


def test_textdump_wrap_word_broken_after_hyphen() -> None:
    text, _ = unwrap(
        _wrapped(64, indent="")
        + "\n"
        + "\n".join(
            [
                "The company said that the decision was a difficult but well-",
                "founded one, and that the number of crossings would be reviewed",
                "again in the spring once the new fuel contracts had been signed",
                "with the two suppliers that serve the harbour and its ferries.",
                "Passenger groups said they had not been consulted about the cuts",
                "and asked the council to hold a public meeting on the island.",
                "The council said it would answer the request within two weeks.",
            ]
        )
    )
    assert "well-founded one" in text


def test_textdump_wrap_repairs_mojibake() -> None:
    good = "Ferries cut crossings — fuel costs “soar” in Malmö and Zürich"
    broken = good.encode("utf-8").decode("latin-1")
    assert repair_mojibake(broken) == good
    assert repair_mojibake(good) == good
    assert repair_mojibake("Café Ã© and nothing else") == "Café Ã© and nothing else"


def test_textdump_wrap_html2text_underscores() -> None:
    links = " ".join(f"see_the_story_number_{n}" for n in range(6))
    text, layout = unwrap(f"{links}\nimage_file_1.jpg stays\n")
    assert layout.underscored
    assert "see the story number 3" in text and "image_file_1.jpg" in text


def test_textdump_wrap_read_page_cuts_link_list() -> None:
    page = read_page(
        _wrapped(76) + "\nReferences\n\n   1. https://example.org/a\n   2. https://example.org/b\n"
    )
    assert page.links == {1: "https://example.org/a", 2: "https://example.org/b"}
    assert [line.text for line in page.lines][1:] == PARAGRAPHS * 2
