"""``newsgraph eval``: scoring newsgraph against gold data in public benchmark formats."""

from __future__ import annotations

import json
from pathlib import Path

import click


def register(cli: click.Group) -> None:
    """Add the ``eval`` group to the ``newsgraph`` group."""
    cli.add_command(eval_group)


@click.group(name="eval")
def eval_group() -> None:
    """Score newsgraph against gold data in the formats of public benchmarks."""


@eval_group.command(name="extraction")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--limit", type=int, help="Score only the first N pages (a quick look).")
def eval_extraction(gold_dir: Path, fmt: str, limit: int | None) -> None:
    """Score article reading (body, title, date, authors, captions…) on a gold directory.

    GOLD_DIR is in the layout of the Scrapinghub AEB (ground-truth.json), NAEB (articles.json)
    or Fundus fixtures (manifest.json).

    Example: newsgraph eval extraction ../shared/eval/extraction/naeb-dev
    """
    from ..evaluation.extraction import evaluate_extraction

    report = evaluate_extraction(gold_dir, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(report.format())


@eval_group.command(name="events")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=int, help="Score only the first N sentences (a quick look).")
def eval_events(gold: Path, fmt: str, limit: int | None) -> None:
    """Score event coding on PLV TSV, PLOVER GSR JSON or PETRARCH2 unit-test XML.

    Example: newsgraph eval events ../shared/eval/events/plv (or plover-gsr-dev.json)
    """
    from ..evaluation.events import evaluate_events

    report = evaluate_events(gold, limit=limit)
    click.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else report.format())


@eval_group.command(name="articles")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=int, help="Score only the first N articles (a quick look).")
def eval_articles(gold_dir: Path, fmt: str, limit: int | None) -> None:
    """Score events, quotes and people on real-article gold (a page and expected.json per folder).

    The rules are those of GUIDELINES.md in ../shared/eval/articles; the readings they leave
    open are printed with the figures.

    Example: newsgraph eval articles ../shared/eval/articles
    """
    from ..evaluation.articles import evaluate_articles

    report = evaluate_articles(gold_dir, limit=limit)
    click.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else report.format())


@eval_group.command(name="quotes")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=int, help="Score only the first N articles (a quick look).")
@click.option("--baseline", is_flag=True, help="Also score textacy's direct_quotations.")
@click.option(
    "--strict",
    is_flag=True,
    help='No speaker is right for a gold Source of only stop words and titles ("the senator").',
)
def eval_quotes(gold_dir: Path, fmt: str, limit: int | None, baseline: bool, strict: bool) -> None:
    """Score quote extraction on brat-standoff gold such as PolNeAR (text/ and attributions/).

    Example: newsgraph eval quotes ../shared/eval/quotes/polnear/dev
    """
    from ..evaluation.quotes import evaluate_quotes

    report = evaluate_quotes(gold_dir, limit=limit, baseline=baseline, strict=strict)
    click.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else report.format())
