"""Scale: the process pool and a Dask LocalCluster give the single-process results; WARC
records are chosen by language, host and date before parsing, with skip counts."""

from __future__ import annotations

import gzip
import io
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.analyze import analyze_sources
from newsgraph.cli import cli
from newsgraph.errors import ConfigError, EmptyInputError, InputError
from newsgraph.model import Analysis
from newsgraph.scale import (
    RecordFilter,
    RunReport,
    ScaleOptions,
    analyze_parallel,
    iter_shards,
    load_shards,
    run_batch,
    scan,
)
from newsgraph.scale.cluster import ClusterSpec
from newsgraph.scale.worker import error_from_dict, error_to_dict
from newsgraph.sources import ReadOptions
from newsgraph.sources.warc_filter import host_of, sniff_language

STORIES = [
    "Japan and South Korea agreed on Sunday to resume regular security talks, officials in "
    'Seoul said. "We have turned a page," Prime Minister Fumio Kishida told reporters.',
    "China accused the United States of interfering in its internal affairs on Monday. "
    "The foreign ministry spokesman said Beijing would respond firmly.",
    "Germany will send more air defence systems to Ukraine, Chancellor Olaf Scholz said "
    "after meeting President Volodymyr Zelensky in Berlin on Friday.",
    "The European Union imposed new sanctions on Iran over drone deliveries to Russia, "
    "diplomats said. Tehran condemned the decision as illegal.",
    "India and Pakistan exchanged fire across the Line of Control overnight, the Indian "
    "army said, the first such clash since a ceasefire was agreed in 2021.",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(STORIES):
        (folder / f"story-{i}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "story-9-empty.txt").write_text("", encoding="utf-8")
    return folder


def _dicts(items: list[Analysis | InputError]) -> list[Any]:
    return [item.to_dict() if isinstance(item, Analysis) else str(item) for item in items]


def test_scale_pool_equals_single_process(nlp: Any, corpus: Path) -> None:
    single = _dicts(list(analyze_sources([str(corpus)])))
    report = RunReport()
    scale = ScaleOptions(workers=2, batch_size=2)
    parallel = list(analyze_parallel([str(corpus)], scale=scale, report=report))
    assert _dicts(parallel) == single
    assert isinstance(parallel[-1], EmptyInputError)
    assert (report.articles, report.failed) == (5, 1)
    assert len(report.peak_rss_mb) == 2
    assert all(0 < mb < 1024 for mb in report.peak_rss_mb.values())


def test_scale_dask_local_cluster_equals_single_process(
    nlp: Any, corpus: Path, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    single = _dicts(list(analyze_sources([str(corpus)])))
    files = sorted(str(p) for p in corpus.iterdir())
    report = run_batch(
        [*files[:3], str(corpus / "x"), *files[3:]],
        tmp_path / "shards",
        scale=ScaleOptions(batch_size=2),
        dask="local:2",
    )
    assert (report.articles, report.failed) == (5, 2)
    shards = _dicts(list(iter_shards(tmp_path / "shards")))
    assert [s for s in shards if isinstance(s, dict)] == [s for s in single if isinstance(s, dict)]
    loaded = load_shards(tmp_path / "shards", str(tmp_path / "corpus.db"))
    assert (loaded.stored, loaded.skipped, len(loaded.failures)) == (5, 0, 2)
    again = load_shards(tmp_path / "shards", str(tmp_path / "corpus.db"))
    assert (again.stored, again.skipped) == (0, 5)


def test_scale_cli_analyze_batch_and_load(nlp: Any, corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "shards"
    result = runner.invoke(cli, ["analyze-batch", str(corpus), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # the empty file failed
    assert '"articles": 5' in result.stderr
    result = runner.invoke(cli, ["load", str(out), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 0, result.output
    assert "stored 5" in result.stderr


def test_scale_missing_dask_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install 'newsgraph\[dask\]'"):
        run_batch(["x.txt"], tmp_path / "out", dask="local:2")


@pytest.mark.parametrize("value", ["local:0", "head:8786", "local:x"])
def test_scale_cluster_spec_refuses_bad_addresses(value: str) -> None:
    with pytest.raises(ConfigError, match="--dask"):
        ClusterSpec.parse(value)


def test_scale_errors_travel_with_their_source() -> None:
    error = error_from_dict(error_to_dict(EmptyInputError("empty file", "a.txt")))
    assert isinstance(error, EmptyInputError)
    assert str(error) == "a.txt: empty file"


# -- WARC record filter ----------------------------------------------------------------------


def test_scale_record_filter_hosts_and_dates() -> None:
    keep = RecordFilter(exclude_hosts=("spam.example",), since=date(2024, 1, 1))
    assert keep.check_headers("https://www.news.example/a", "2024-03-01T10:00:00Z") is None
    assert keep.check_headers("https://ads.spam.example/a", "2024-03-01T10:00:00Z") == (
        "host excluded"
    )
    assert keep.check_headers("https://news.example/a", "2023-12-31T23:00:00Z") == (
        "date before 2024-01-01"
    )
    only = RecordFilter(include_hosts=("bbc.co.uk",))
    assert only.check_headers("https://www.bbc.co.uk/news", None) is None
    assert only.check_headers("https://notbbc.co.uk/news", None) == "host not included"
    assert host_of("HTTPS://WWW.Example.COM:8080/x") == "example.com"


def test_scale_language_from_headers_markup_or_text() -> None:
    assert sniff_language({"warc-identified-content-language": "deu,eng"}, b"") == "de"
    assert sniff_language({"content-language": "fr-FR"}, b"") == "fr"
    assert sniff_language({}, b"<html lang='es'><body>hola</body></html>") == "es"
    text = b"<html><body><p>" + " ".join(["Die Regierung hat heute beschlossen"] * 5).encode()
    assert sniff_language({}, text) == "de"
    assert RecordFilter(languages=("en",)).check_body({}, text) == "language de"


def _aeb_pages(shared_eval: Path) -> list[bytes]:
    pages = sorted((shared_eval / "extraction" / "scrapinghub-aeb" / "html").glob("*.html.gz"))
    if not pages:
        pytest.skip("no AEB pages")
    return [gzip.decompress(p.read_bytes()) for p in pages]


def _big_warc(pages: list[bytes], path: Path) -> dict[str, int]:
    """1,000 HTML responses from the AEB pages, plus requests, images and 404s."""
    expected = {"html": 0, "excluded": 0, "early": 0}
    start = date(2024, 1, 1)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i in range(1000):
            host = "spam.example" if i % 10 == 0 else f"site{i % 7}.example"
            day = start + timedelta(days=i % 60)
            uri = f"https://{host}/story/{i}"
            headers = {"WARC-Date": f"{day.isoformat()}T12:00:00Z"}
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            page = pages[i % len(pages)]
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(page),
                    length=len(page),
                    http_headers=http,
                    warc_headers_dict=headers,
                )
            )
            if host == "spam.example":
                expected["excluded"] += 1
            elif day < date(2024, 1, 15):
                expected["early"] += 1
            else:
                expected["html"] += 1
            if i % 50 == 0:
                gone = StatusAndHeaders(
                    "404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        uri + "/gone",
                        "response",
                        payload=io.BytesIO(b"gone"),
                        length=4,
                        http_headers=gone,
                        warc_headers_dict=headers,
                    )
                )
                image = StatusAndHeaders(
                    "200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        uri + ".jpg",
                        "response",
                        payload=io.BytesIO(b"\xff\xd8"),
                        length=2,
                        http_headers=image,
                        warc_headers_dict=headers,
                    )
                )
                writer.write_record(
                    writer.create_warc_record(
                        uri,
                        "request",
                        payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                        length=18,
                        warc_headers_dict=headers,
                    )
                )
    return expected


def test_scale_warc_of_1000_pages_streams_with_skip_counts(
    shared_eval: Path, tmp_path: Path
) -> None:
    path = tmp_path / "cc-news.warc.gz"
    expected = _big_warc(_aeb_pages(shared_eval), path)
    record_filter = RecordFilter(
        languages=("en",), exclude_hosts=("spam.example",), since=date(2024, 1, 15)
    )
    options = ReadOptions(record_filter=record_filter)
    seen: list[int] = []
    report = scan([str(path)], options, progress=lambda r: seen.append(r.records))
    skipped = report.stats.skipped
    assert skipped["host excluded"] == expected["excluded"]
    assert skipped["date before 2024-01-15"] == expected["early"]
    assert skipped["HTTP 404"] == 20 and skipped["not HTML"] == 20
    assert skipped["not a response"] == 20
    # The AEB set is mostly English, with pages in Korean, Russian, Portuguese, …
    languages = sum(n for reason, n in skipped.items() if reason.startswith("language "))
    assert report.articles + languages == expected["html"]
    assert languages and report.articles > 0.8 * expected["html"]
    assert seen and seen[-1] == report.records == 1060

    runner = CliRunner()
    args = [
        "analyze-batch",
        str(path),
        "--dry-run",
        "--progress",
        "--lang",
        "en",
        "--exclude-host",
        "spam.example",
        "--since",
        "2024-01-15",
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "record" in result.stderr and "/s" in result.stderr  # the tqdm bar, records/s
    assert '"host excluded": 100' in result.stderr


# -- speed: the fast attribute ruler and selective parsing -----------------------------------


def test_scale_fast_attribute_ruler_equals_the_stock_one(nlp: Any, example_path: Path) -> None:
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    from newsgraph.nlp.attributes import FastAttributeRuler

    fast = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, FastAttributeRuler)
    texts = [example_path.read_text(encoding="utf-8"), *STORIES, "Y'all gonna let's go, ain't it"]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        ours = [fast(doc) for doc in nlp.pipe(texts)]
        stock = [fast.stock(doc) for doc in nlp.pipe(texts)]
    for a, b in zip(ours, stock, strict=True):
        assert (
            a.to_array([POS, TAG, MORPH, LEMMA, DEP]) == b.to_array([POS, TAG, MORPH, LEMMA, DEP])
        ).all()


HARD_TEXTS = [
    "Y'all gonna let's go, ain't it? It's the minister's and the Smiths' call; they'd've said no.",
    "Die Regierung hat heute beschlossen, dass Москва и Киев 東京で会談した. ¿Qué pasó? Ça va.",
    "Prices rose 3.5% to $12bn in the 1990s; 2019-06-01, 10:30 a.m., No. 7, 1st, 22nd, 3rds.",
    "  \n\n BREAKING:\tU.S. @user #tag https://example.com/a?b=c 🙂 ... -- (sic) [1]",
    "",
]


def test_scale_fast_lemmatizer_equals_the_stock_one(nlp: Any, example_path: Path) -> None:
    from newsgraph.nlp.lemmas import FastLemmatizer

    fast = nlp.get_pipe("lemmatizer")
    assert isinstance(fast, FastLemmatizer)
    cold = FastLemmatizer(fast.stock)  # nothing memoised yet: every first sight asks the stock
    texts = [example_path.read_text(encoding="utf-8"), *STORIES, *HARD_TEXTS]
    with nlp.select_pipes(disable=["lemmatizer"]):
        ours = [cold(doc) for doc in nlp.pipe(texts)]
        again = [cold(doc) for doc in nlp.pipe(texts)]
        stock = [fast.stock(doc) for doc in nlp.pipe(texts)]
    for a, b, c in zip(ours, again, stock, strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b] == [t.lemma_ for t in c]
    assert any(t.lemma_ == "be" for t in stock[0]) and not len(stock[-1])
    # With ``overwrite`` the attribute ruler's lemmas are replaced too, as the stock one does.
    with nlp.select_pipes(disable=["lemmatizer"]):
        docs = [list(nlp.pipe(texts)) for _ in range(2)]
    fast.stock.overwrite = cold.overwrite = True
    cold.lemmas.clear()
    try:
        for a, b in zip(map(cold, docs[0]), map(fast.stock, docs[1]), strict=True):
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    finally:
        fast.stock.overwrite = False


def test_scale_selective_ner_only_where_an_entity_can_be(nlp: Any) -> None:
    from newsgraph.nlp.pieces import sentence_bounds
    from newsgraph.nlp.selective import needs_entities, parse_selective

    last = "then the wind came. Officials in Seoul said 40 homes were lost. it rained all night."
    texts = [*STORIES, "", last]
    full = list(nlp.pipe(texts))
    selective = list(parse_selective(nlp, texts))
    for a, b in zip(full, selective, strict=True):
        assert [(e.start, e.end, e.label_) for e in b.ents] == [
            (e.start, e.end, e.label_) for e in a.ents
        ]
        assert all(token.ent_iob_ in ("B", "I", "O") for token in b)
    doc = selective[-1]
    assert needs_entities(doc, sentence_bounds(doc)) == [False, True, True]
    assert not len(selective[-2])


def test_scale_selective_parse_keeps_text_and_most_facts(nlp: Any, example_path: Path) -> None:
    from newsgraph.analyze import analyze_many
    from newsgraph.sources import read_article

    article = read_article(str(example_path))
    full = next(analyze_many([article]))
    selective = next(analyze_many([article], selective=True))
    assert selective.article.text == full.article.text
    quotes = {(q.start, q.end) for q in full.quotes}
    kept = quotes & {(q.start, q.end) for q in selective.quotes}
    assert len(kept) >= 0.8 * len(quotes)
    assert {a.id for a in selective.actors} == {a.id for a in full.actors}
