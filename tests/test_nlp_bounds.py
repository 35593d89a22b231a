"""Issue 15, items 1 and 2: any text is analysed, in time near linear in its length.

Long texts are parsed in pieces with their offsets intact; runs that make spaCy's tokenizer
quadratic are bounded in a copy of the same length; one input's failure is one line and the
others are still emitted. Timing is measured in ``benchmarks/bench_linearity.py``; these
tests check the mechanisms, on invented text.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newsgraph
from newsgraph.cli import cli
from newsgraph.extract.doc_index import entities_within, entity_at, sentence_bounds
from newsgraph.extract.people import join_key, join_keys
from newsgraph.nlp import MAX_SENTENCE_TOKENS, parse_many
from newsgraph.nlp.bounds import MAX_CHUNK, MAX_PUNCT_RUN, bound_runs, split_pieces

PARAGRAPH = (
    "Maria Lopez, a professor at Keio University, said on Monday that Japan and South Korea "
    "would hold talks. “We expect progress,” Lopez told reporters in Tokyo.\n\n"
)


@pytest.mark.parametrize(
    "run",
    ['"' * 4000, "(" * 4000, "'s" * 2000, ":)" * 2000, "$" * 4000, "_" * 4000, "x" * 4000],
    ids=["quotes", "brackets", "possessives", "smileys", "dollars", "underscores", "letters"],
)
def test_nlp_bounds_hostile_runs_are_bounded_at_the_same_length(run: str) -> None:
    text = f"Maria Lopez said {run} on Monday."
    safe = bound_runs(text)
    assert len(safe) == len(text)
    assert max(len(chunk) for chunk in safe.split()) <= MAX_CHUNK
    assert safe.startswith("Maria Lopez said ") and safe.endswith(" on Monday.")


def test_nlp_bounds_ordinary_text_is_left_alone() -> None:
    text = PARAGRAPH + "Wow!!! “Really?” — he asked… (Yes.)\n" + "-" * MAX_PUNCT_RUN
    assert bound_runs(text) is text


def test_nlp_bounds_a_run_of_quotes_is_few_tokens(nlp: Any) -> None:
    # Before, every mark was one token, each found by re-searching the rest of the run.
    doc = next(parse_many(['He said "' + '"' * 4000 + '" then left.']))
    assert len(doc) < 60
    assert doc[0].idx == 0 and doc[-1].text == "."


def test_nlp_bounds_pieces_join_back_into_the_whole_text() -> None:
    text = PARAGRAPH * 40 + "one line\nanother line\n" + "word " * 3000
    pieces = split_pieces(text, size=2000)
    assert "".join(pieces) == text
    assert all(len(p) <= 2000 for p in pieces) and len(pieces) > 5
    assert all(p.endswith(("\n\n", "\n", " ")) for p in pieces[:-1])


def test_nlp_bounds_long_text_is_parsed_in_pieces_with_offsets_intact(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A text over the model's limit (lowered here so that the test stays fast).
    monkeypatch.setattr(nlp, "max_length", 20_000)
    text = PARAGRAPH * 150
    assert len(text) > nlp.max_length
    with pytest.raises(ValueError, match="E088"):
        nlp(text)  # what analysing it did before
    analysis = newsgraph.analyze(newsgraph.Article(text=text, published="2024-05-06"))
    lopez = next(a for a in analysis.actors if a.name == "Maria Lopez")
    assert len(lopez.mentions) == 300
    assert [q.kind for q in analysis.quotes].count("direct") == 150
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"
    for span in (m for a in analysis.actors for m in a.mentions):
        assert text[span.start : span.end] == span.text


def test_nlp_bounds_spans_over_bounded_runs_keep_the_original_text() -> None:
    text = "“We will win" + "!" * 40 + "” said Maria Lopez on Monday."
    analysis = newsgraph.analyze(newsgraph.Article(text=text))
    assert analysis.quotes, analysis.to_dict()
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
    assert any("shortened" in w for w in analysis.article.warnings)


def test_nlp_bounds_no_sentence_is_longer_than_the_cap(nlp: Any) -> None:
    text = " ".join(f"Name{n} and" for n in range(1000)) + " others met."
    doc = next(parse_many([text]))
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS


def test_nlp_bounds_doc_index_agrees_with_spacy(nlp: Any) -> None:
    doc = nlp(PARAGRAPH * 3 + "The European Union and NATO met in Brussels on Friday.")
    for token in doc:
        sent = token.sent
        assert sentence_bounds(doc, token.i) == (sent.start, sent.end)
        ent = entity_at(doc, token.i)
        expected = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        found = (ent.start, ent.end) if ent is not None else None
        assert found == ((expected.start, expected.end) if expected is not None else None)
    for start in range(0, len(doc), 7):
        end = min(len(doc), start + 9)
        assert [(e.start, e.end) for e in entities_within(doc, start, end)] == [
            (e.start, e.end) for e in doc[start:end].ents
        ]


def test_nlp_bounds_indexed_name_joins_equal_pairwise_ones() -> None:
    rng = random.Random(15)
    first = ["Maria", "Jo", "Wei", "Ana"]
    last = ["Lopez", "Park", "Li", "Silva", "Lopez Silva"]
    names = {f"{rng.choice(first)} {rng.choice(last)}" for _ in range(40)}
    names |= {"Lopez", "Park", "Maria", "Silva", "Li", "Jo Park Li"}
    ordered = sorted(names, key=len, reverse=True)
    joined = join_keys(ordered)
    for name in ordered:
        assert joined[name] == join_key(name, [n for n in ordered if n != name]), name


def test_nlp_bounds_one_failing_input_is_one_line_the_others_are_emitted(
    tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "max_length", 20_000)
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PARAGRAPH * 150, encoding="utf-8")  # over the limit
    (tmp_path / "c.txt").write_text("\x00\x01\x02" * 50, encoding="latin-1")  # binary
    (tmp_path / "d.txt").write_text(PARAGRAPH.replace("Maria", "Ana"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(d["article"]["source"]).name for d in docs] == ["a.txt", "b.txt", "d.txt"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "c.txt" in errors[0] and "Traceback" not in result.output


def test_nlp_bounds_an_analysis_failure_is_yielded_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsgraph import extract
    from newsgraph.analyze import analyze_each, load_builtin_extractors

    load_builtin_extractors()
    original = extract.REGISTRY["dates"]

    def broken(analysis: Any, doc: Any) -> None:
        if "Broken" in analysis.article.text:
            raise RuntimeError("an extractor bug")
        original.func(analysis, doc)

    monkeypatch.setitem(
        extract.REGISTRY,
        "dates",
        original.__class__("dates", broken, original.requires, original.assigns),
    )
    articles = [newsgraph.Article(text=t) for t in ("Good one.", "Broken one.", "Good two.")]
    items = list(analyze_each(articles))
    assert isinstance(items[1], newsgraph.AnalysisError)
    assert "RuntimeError" in str(items[1])
    assert [isinstance(i, newsgraph.Analysis) for i in items] == [True, False, True]
    with pytest.raises(newsgraph.AnalysisError):
        newsgraph.analyze(articles[1])


def test_nlp_bounds_indexed_fullest_name_equals_the_pairwise_search() -> None:
    from newsgraph.extract.speaker_index import _Fullest

    def pairwise(words: list[str], names: list[list[str]]) -> list[str]:
        key, best = {w.lower() for w in words}, words
        for candidate in names:
            if len(candidate) > len(best) and key <= {w.lower() for w in candidate}:
                best = candidate
        return best

    rng = random.Random(7)
    vocabulary = ["Maria", "Lopez", "Jo", "Park", "LOPEZ", "Silva", "Li", "Wei"]
    names = [rng.sample(vocabulary, rng.randint(1, 4)) for _ in range(60)]
    fullest = _Fullest(names)
    for words in [*names, ["Nobody"], ["maria"], ["Park", "Jo"]]:
        assert fullest(words) == pairwise(words, names), words
