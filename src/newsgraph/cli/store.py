"""Commands that write or read the store: ``ingest``, ``search``, ``dyad``, ``export``.

Also the store side of ``actors``, ``events`` and ``quotes`` (run with no PATH, they query
the store): :func:`show_actors`, :func:`show_events`, :func:`show_quotes`. Every command that
touches the store takes ``--db`` (or ``$NEWSGRAPH_DB``). No SQL here: the commands call
:mod:`newsgraph.store.queries`, :mod:`newsgraph.ingest`, :mod:`newsgraph.store.export`
and :mod:`newsgraph.relations`.
"""

from __future__ import annotations

import json
import shlex
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._util import (
    db_option,
    emit,
    fail,
    filter_options,
    ingest_progress,
    make_filtered_options,
    output_option,
    read_options,
    scale_options,
)

if TYPE_CHECKING:
    from ..store import Store
    from ..store.card import Card


def register(cli: click.Group) -> None:
    """Add this module's commands to the ``newsgraph`` group."""
    for command in (ingest, search, dyad, export):
        cli.add_command(command)


@click.command()
@click.argument("inputs", nargs=-1, metavar="[PATH]...")
@db_option
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="URL",
    help="An RSS or Atom feed: store its items not stored yet (repeat for several).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1),
    default=32,
    show_default=True,
    help="Articles parsed together before they are written.",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a tty).")
@click.option(
    "--writers",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    envvar="NEWSGRAPH_WRITERS",
    help="Write over this many PostgreSQL connections at once (also $NEWSGRAPH_WRITERS).",
)
@scale_options
@filter_options
@read_options
def ingest(
    inputs: tuple[str, ...],
    db: str,
    feeds: tuple[str, ...],
    batch_size: int,
    progress: bool | None,
    writers: int,
    workers: int,
    dask: str | None,
    out: str | None,
    **kwargs: Any,
) -> None:
    """Analyse articles and store them; articles already stored are skipped unparsed.

    One transaction per article: an ingest killed at any moment resumes on the next run.
    With --feed, the feed's items whose page is already stored are not even fetched.
    Failures are listed at the end and make the exit code 1.

    Example: newsgraph ingest pages/ more/article.html --db corpus.db

    Example: newsgraph ingest --feed https://rss.dw.com/rdf/rss-en-all --db corpus.db

    Example: newsgraph ingest cc-news/ --workers 4 --lang en --since 2024-01-01 --db corpus.db

    Example: newsgraph ingest cc-news/ --workers 8 --writers 4 --db postgresql://host/corpus
    """
    from ..ingest import ingest as run_ingest
    from ..ingest.feeds import ingest_feeds
    from ..store import open_store

    if not inputs and not feeds:
        raise click.UsageError("give a PATH to ingest, or --feed URL")
    options = make_filtered_options(kwargs)
    if dask:
        from .scale import ingest_on_dask

        ingest_on_dask(inputs, db, dask, out, options, batch_size)  # exits
        return
    from ..scale import ScaleOptions

    scale = ScaleOptions(workers=workers, batch_size=batch_size) if workers > 1 else None
    with open_store(db) as store, ingest_progress(inputs, progress, bool(feeds)) as update:
        if feeds:
            report = ingest_feeds(store, feeds, options, batch_size, update, inputs=inputs)
        else:
            report = run_ingest(store, inputs, options, batch_size, update, scale, writers)
    for failure in report.failures:
        fail(str(failure))
    if report.filtered:
        reasons = ", ".join(f"{reason}: {n}" for reason, n in sorted(report.filtered.items()))
        click.echo(f"passed over before parsing: {reasons}", err=True)
    rate = report.stored / report.seconds if report.seconds else 0.0
    click.echo(
        f"{store.name}: stored {report.stored}, skipped {report.skipped} already stored, "
        f"failed {len(report.failures)} ({report.seconds:.1f} s, {rate:.1f} articles/s)",
        err=True,
    )
    sys.exit(1 if report.failures else 0)


@click.command()
@click.argument("text")
@db_option
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@output_option
def search(text: str, db: str, limit: int, fmt: str) -> None:
    """Full-text search of the stored articles, best first, with highlighted snippets.

    Words must all match; "a phrase" in quotes, OR between words, -word to exclude.

    Example: newsgraph search "Kishida summit" --limit 5
    """
    from ..store import open_store, queries

    with open_store(db, create=False) as store:
        emit(queries.search(store, text, limit), fmt, _render_hit)


def _render_hit(hit: Any) -> str:
    head = f"{hit.published or '----------'}  {hit.title or '(no title)'}  [{hit.article_id}]"
    return head + "\n" + textwrap.indent(textwrap.fill(" ".join(hit.snippet.split()), 84), "    ")


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--by", type=click.Choice(["week", "month", "year"]), default="month")
@click.option("--plot", metavar="FILE", help="Draw the series to FILE (.png, .svg, .pdf).")
@click.option(
    "--dedupe/--no-dedupe",
    default=True,
    show_default=True,
    help="Count an event reported by near-duplicate articles once.",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    default=("occurred",),
    show_default=True,
    type=click.Choice(["occurred", "expected", "hypothetical", "negated"]),
    help="Event statuses to count (repeat for several).",
)
@click.option("--since", metavar="YYYY-MM-DD", help="Leave out events before this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Leave out events after this day.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def dyad(
    a: str, b: str, db: str, by: str, plot: str | None, dedupe: bool, statuses: Any, **kwargs: Any
) -> None:
    """Cooperation and conflict between two actors over time (both directions).

    Per period: verbal and material cooperation and conflict counts, and mean intensity.

    Example: newsgraph dyad JPN KOR --by month --plot jpn-kor.png
    """
    from ..relations import dyad_series, format_series, plot_series
    from ..store import open_store

    fmt = kwargs.pop("fmt")
    with open_store(db, create=False) as store:
        series = dyad_series(store, a, b, by, dedupe, statuses, **kwargs)
    if fmt == "json":
        click.echo(json.dumps(series.to_dict(), indent=2))
    else:
        click.echo(format_series(series), nl=False)
    if plot:
        plot_series(series, plot)
        click.echo(f"chart written to {plot}", err=True)


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "graphml", "gdelt"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--table",
    type=click.Choice(["articles", "actors", "quotes", "events", "mentions", "dates"]),
    help="The table (default: analysis documents for jsonl, articles for csv/parquet).",
)
@click.option("-o", "--output", default="-", show_default=True, help="File to write, - for stdout.")
@click.option(
    "--card",
    metavar="PATH",
    help="Write the dataset card to PATH.card.json and PATH.card.md (default: beside the "
    "output file; with -o - no card unless --card is given).",
)
def export(db: str, fmt: str, table: str | None, output: str, card: str | None) -> None:
    """Export the store, streamed, with a dataset card beside the output.

    jsonl, csv, parquet: analysis documents or one table.

    graphml: actors as nodes, events as edges (type, quad, count, mean intensity).

    gdelt: GDELT's 61 event columns, tab-separated, a header line, one row per occurred
    event (CAMEO code, root code, QuadClass, Goldstein; docs/exports.md has the mapping).

    The card (<output>.card.json and .card.md) gives the newsgraph version, the command and
    selection, the time (UTC), rows per table exported and stored, the database (no
    password), the gold-set figures of this version and a "How to cite" line.

    Example: newsgraph export --format gdelt -o events.tsv
    """
    from ..errors import ConfigError
    from ..store import open_store
    from ..store.card import write_card
    from ..store.export import export as run_export

    binary = fmt == "parquet"
    counts: dict[str, int] = {}
    base = card or (None if output == "-" else output)
    paths = None
    try:
        with (
            open_store(db, create=False) as store,
            click.open_file(output, "wb" if binary else "w") as out,
        ):
            written = run_export(store, fmt, out, table, counts)
            if base is not None:
                paths = write_card(_card(store, fmt, table, output, card, counts), base)
    except OSError as exc:
        raise ConfigError(f"cannot write: {exc.strerror or exc}", exc.filename or output) from exc
    click.echo(f"{written} rows exported from {store.name}", err=True)
    if paths is not None:
        click.echo(f"dataset card: {paths[0]}, {paths[1]}", err=True)


def _card(
    store: Store, fmt: str, table: str | None, output: str, card: str | None, counts: dict[str, int]
) -> Card:
    """The dataset card of an export: its command rebuilt (no password), and as typed."""
    from ..store.card import Card, redact, store_counts

    command = shlex.join(
        ["newsgraph", "export", "--db", store.name, "--format", fmt]
        + (["--table", table] if table else [])
        + ["-o", output]
        + (["--card", card] if card else [])
    )
    typed = Path(sys.argv[0]).name == "newsgraph"
    return Card(
        output=output,
        format=fmt,
        selection=_selection(fmt, table),
        command=command,
        argv=redact(shlex.join(["newsgraph", *sys.argv[1:]])) if typed else None,
        database=store.name,
        exported=counts,
        stored=store_counts(store),
    )


def _selection(fmt: str, table: str | None) -> dict[str, str]:
    """The rows an export selects, for its card (export takes the whole store)."""
    if fmt == "gdelt":
        return {"table": "events", "status": "occurred", "rows": "all"}
    if fmt == "graphml":
        return {"table": "events as actor-network edges", "status": "occurred", "rows": "all"}
    if fmt == "jsonl" and table is None:
        return {"table": "analysis documents (every table)", "rows": "all"}
    return {"table": table or "articles", "rows": "all"}


# -- the store side of actors / events / quotes ------------------------------------------------


def show_actors(db: str, fmt: str, top: int, kind: str | None, dedupe: bool) -> None:
    """Print the actors named in the most stored articles."""
    from ..store import open_store, queries

    with open_store(db, create=False) as store:
        rows = queries.top_actors(store, top, kind=kind, dedupe=dedupe)
    emit(
        rows,
        fmt,
        lambda r: (
            f"{r.articles:>6}  {r.id:<40} {r.name} ({r.kind}"
            + (f", {r.country})" if r.country and r.country != r.id else ")")
        ),
    )


def show_events(
    db: str, fmt: str, filters: dict[str, Any], corpus: bool = False, dedupe: bool = False
) -> None:
    """Print stored events matching ``filters`` (the keyword arguments of ``queries.events``).

    With ``corpus``, print corpus events (one per happening, every article's evidence).
    """
    from ..store import open_store, queries

    with open_store(db, create=False) as store:
        if corpus:
            emit(queries.corpus_events(store, **filters), fmt, _render_corpus_event)
        else:
            emit(queries.events(store, **filters, dedupe=dedupe), fmt, _render_event)


def _render_corpus_event(e: Any) -> str:
    source = "+".join(e.source) or "?"
    target = "+".join(e.target) or "-"
    head = (
        f"{e.date or '????-??-??'}  {e.type:<10} {source} → {target}  ({e.status}, {e.quad})  "
        f"{e.num_articles} article{'s' * (e.num_articles != 1)}, "
        f"{e.num_groups} group{'s' * (e.num_groups != 1)}"
    )
    lines = [head]
    for m in e.mentions:
        evidence = " ".join(m.evidence_text.split())
        title = f" {m.title}:" if m.title else ""
        text = textwrap.fill(f"[{m.article_id}] {m.published or 'undated'}{title} {evidence}", 84)
        lines.append(textwrap.indent(text, "    "))
    return "\n".join(lines)


def _render_event(e: Any) -> str:
    source = ",".join(e.source or e.source_ids) or "?"
    target = ",".join(e.target or e.target_ids) or "-"
    head = f"{e.date or '????-??-??'}  {e.type:<10} {source} → {target}  ({e.status}, {e.quad})"
    evidence = textwrap.fill(" ".join(e.evidence_text.split()), 84)
    return f"{head}  [{e.article_id}]\n{textwrap.indent(evidence, '    ')}"


def show_quotes(db: str, fmt: str, speaker: str | None, about: str | None, limit: int) -> None:
    """Print stored quotes by a speaker and/or about an actor."""
    from ..store import open_store, queries

    with open_store(db, create=False) as store:
        emit(queries.quotes(store, speaker=speaker, about=about, limit=limit), fmt, _render_quote)


def _render_quote(q: Any) -> str:
    who = q.speaker_name or q.speaker_text or "(unattributed)"
    text = textwrap.fill(f"“{' '.join(q.text.split())}”", 84)
    return f"{who} ({q.kind}, {q.published or 'undated'}) [{q.article_id}]\n" + textwrap.indent(
        text, "    "
    )
