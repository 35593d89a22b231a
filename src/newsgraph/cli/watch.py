"""The ``watch`` command: saved searches, and what is new for each since its last run.

No SQL here: the command calls :mod:`newsgraph.store.watches` (saving, listing, running,
recording) and :mod:`newsgraph.atom` (the feeds), and prints.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from ._util import db_option
from .store import _render_event, _render_quote

STATUSES = ("occurred", "expected", "hypothetical", "negated")
_FILTER_NAMES = ("actor", "types", "source", "target", "statuses", "speaker", "about")
_RUN_ONLY = ("only", "dry_run", "since", "limit", "base_url")


def register(cli: click.Group) -> None:
    """Add this module's command to the ``newsgraph`` group."""
    cli.add_command(watch)


@click.command()
@click.argument("name", required=False)
@db_option
@click.option("--query", help='Save NAME: full-text words (all must match), "a phrase", OR, -word.')
@click.option("--actor", metavar="ACTOR", help="Only articles naming this actor (code, id, name).")
@click.option(
    "--type",
    "types",
    multiple=True,
    help="Articles with, and events of, this PLOVER type (repeat).",
)
@click.option("--source", help="Events with this actor on the source side.")
@click.option("--target", help="Events with this actor on the target side.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Events of this status (repeat for several).",
)
@click.option("--speaker", metavar="NAME", help="Quotes by this speaker (part of a name, or id).")
@click.option("--about", metavar="ACTOR", help="Quotes mentioning this actor.")
@click.option("--replace", is_flag=True, help="Overwrite the watch NAME (its mark too).")
@click.option("--list", "list_all", is_flag=True, help="List the watches.")
@click.option("--delete", is_flag=True, help="Delete the watch NAME.")
@click.option("--run", is_flag=True, help="Report what is new for each watch; move its mark.")
@click.option("--name", "only", metavar="NAME", help="With --run: only this watch.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "atom"]),
    default="text",
    show_default=True,
    help="atom: the Atom 1.0 feed of one watch (with --run).",
)
@click.option("--dry-run", is_flag=True, help="With --run: report, but move no mark.")
@click.option(
    "--since",
    metavar="WHEN",
    help="With --run: articles stored on or after this day or UTC time, whatever the marks "
    "(which stay).",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    help="With --run: the newest N per watch (the mark moves past the others too).",
)
@click.option("--base-url", metavar="URL", help="Link entries to this newsgraph server too.")
def watch(name: str | None, db: str, **options: Any) -> None:
    """Saved searches: store a named search, then report what is new since its last run.

    A watch answers what the search page answers for its query, --actor and --type; with
    event filters (--source, --target, --type, --status) it lists the matching events of
    each article, as `newsgraph events` would, and with --speaker or --about the matching
    quotes, as `newsgraph quotes` would; such a watch keeps only the articles holding one.
    --run reports, for each watch, the articles stored since its last run (all of them the
    first time), each with its evidence, and records how far it read; run it after each
    `newsgraph ingest` or feed poll. The server serves each watch's feed at
    /watch/NAME.atom. NAME alone shows the watch.

    Example: newsgraph watch japan-korea --query "summit" --source JPN --type CONSULT

    Example: newsgraph watch --run

    Example: newsgraph watch --run --name japan-korea --format atom > japan-korea.atom

    Example: newsgraph watch --list
    """
    mode = _mode(name, options)
    if mode == "save":
        _save(name or "", db, options)
    elif mode == "run":
        _run(name, db, options)
    else:
        _read(mode, name, db, options["fmt"])


def _given(names: tuple[str, ...]) -> list[str]:
    """Return those of ``names`` that the command line set."""
    ctx = click.get_current_context()
    return [n for n in names if ctx.get_parameter_source(n) != click.core.ParameterSource.DEFAULT]


def _mode(name: str | None, options: dict[str, Any]) -> str:
    """Return what the options ask for (save, list, delete, run, show); refuse mixtures."""
    chosen = [m for m in ("list_all", "delete", "run") if options[m]]
    if options["query"] is not None:
        chosen.append("query")
    if len(chosen) > 1:
        flags = ", ".join("--" + c.replace("_all", "").replace("_", "-") for c in chosen)
        raise click.UsageError(f"give one of {flags}")
    mode = {"query": "save", "list_all": "list", "delete": "delete", "run": "run"}.get(
        chosen[0] if chosen else "", "show"
    )
    if mode in ("save", "delete", "show") and not name:
        raise click.UsageError("give a watch NAME (or --list, or --run)")
    misplaced = _given(("replace", *_FILTER_NAMES)) if mode != "save" else []
    misplaced += _given(_RUN_ONLY) if mode != "run" else []
    if misplaced:
        option = misplaced[0].replace("_", "-").replace("types", "type")
        option = option.replace("statuses", "status").replace("only", "name")
        raise click.UsageError(f"--{option} does not go with this use of watch (see --help)")
    if options["fmt"] == "atom" and mode != "run":
        raise click.UsageError("--format atom writes a feed: use it with --run")
    return mode


def _save(name: str, db: str, options: dict[str, Any]) -> None:
    from ..store import open_store
    from ..store.watches import Watch, save_watch

    watch_ = Watch(name, options["query"], **{k: options[k] for k in _FILTER_NAMES})
    with open_store(db, create=False) as store:
        saved = save_watch(store, watch_, replace=options["replace"])
    click.echo(f"{store.name}: watch {saved.name!r} saved: {saved.describe()}", err=True)


def _read(mode: str, name: str | None, db: str, fmt: str) -> None:
    from ..store import open_store
    from ..store.watches import delete_watch, get_watch, list_watches

    with open_store(db, create=False) as store:
        if mode == "delete":
            delete_watch(store, name or "")
            click.echo(f"{store.name}: watch {name!r} deleted", err=True)
            return
        found = list_watches(store) if mode == "list" else [get_watch(store, name or "")]
    if fmt == "json":
        click.echo(json.dumps([w.to_dict() for w in found], ensure_ascii=False, indent=2))
        return
    for w in found:
        ran = f"last run {w.last_run_at}, read up to {w.mark}" if w.last_run_at else "never run"
        click.echo(f"{w.name}\t{w.describe()}\t({ran})")


def _run(name: str | None, db: str, options: dict[str, Any]) -> None:
    from ..store import open_store
    from ..store.watches import get_watch, ingest_time, list_watches, record_run, run_watches

    only, since, fmt = options["only"] or name, options["since"], options["fmt"]
    if name and options["only"] and name != options["only"]:
        raise click.UsageError("give the watch's name once (NAME or --name)")
    try:
        since = ingest_time(since) if since else None
    except ValueError:
        raise click.BadParameter(
            f"{since!r} is not YYYY-MM-DD[THH:MM]", param_hint="--since"
        ) from None
    with open_store(db, create=False) as store:
        watches = [get_watch(store, only)] if only else list_watches(store)
        if fmt == "atom" and len(watches) != 1:
            raise click.UsageError("--format atom writes one watch's feed: give --name NAME")
        reports = run_watches(store, watches, since, options["limit"])
        record = not (options["dry_run"] or since)
        _print_reports(reports, fmt, options["base_url"], record)
        if record:
            for report in reports:
                record_run(store, report)


def _print_reports(reports: list[Any], fmt: str, base_url: str | None, record: bool) -> None:
    if fmt == "atom":
        from ..atom import watch_feed

        click.echo(watch_feed(reports[0], base_url), nl=False)
    elif fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            click.echo(_render_report(report, record))


def _render_report(report: Any, record: bool) -> str:
    """The text of one watch's report: a head line, then each article with its evidence.

    ``record``: the run moves the mark, past the entries ``--limit`` leaves out too.
    """
    span = f"stored after {report.window.after}" if report.window.after else "first run"
    if report.window.start:
        span = f"stored since {report.window.start}"
    count = len(report.entries) + report.more
    lines = [
        f"== {report.watch.name}: {count} new article{'s' * (count != 1)} "
        f"({span}; {report.watch.describe()})"
    ]
    for e in report.entries:
        lines.append(f"{e.published or '----------'}  {e.title or '(no title)'}  [{e.article_id}]")
        if e.url or e.source:
            lines.append(f"    {e.url or e.source}")
        found = [_render_event(x) for x in e.events] + [_render_quote(q) for q in e.quotes]
        if not found:
            found = [textwrap.fill(" ".join(e.snippet.split()), 84)]
        lines += [textwrap.indent(text, "    ") for text in found]
    if report.more:
        lines.append(
            f"({report.more} older not shown: --limit; the mark moves past them, "
            "--since shows them again)"
            if record
            else f"({report.more} older not shown: raise --limit)"
        )
    return "\n".join(lines)
