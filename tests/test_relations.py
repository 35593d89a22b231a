from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.relations import (
    QUADS,
    format_series,
    period_of,
    plot_series,
    series_from_events,
    tick_positions,
)
from newsgraph.store.queries import DyadEvent


def event(
    day: str | None,
    quad: str = "verbal cooperation",
    intensity: float | None = 2.5,
    group: str = "a1",
    etype: str = "CONSULT",
) -> DyadEvent:
    return DyadEvent(group, group, 0, day, etype, quad, intensity, ["JPN"], ["KOR"])


@pytest.mark.parametrize(
    ("day", "by", "label"),
    [
        ("2023-05-07", "month", "2023-05"),
        ("2023-05-07", "year", "2023"),
        ("2023-05-07", "week", "2023-W18"),
        ("2023-01-01", "week", "2022-W52"),
        ("May 2023", "month", None),
    ],
)
def test_relations_period_of(day: str, by: str, label: str | None) -> None:
    assert period_of(day, by) == label


def test_relations_series_counts_quads_fills_gaps_and_means() -> None:
    rows = [
        event("2023-01-10"),
        event("2023-01-20", "material conflict", -8.0, group="a2", etype="ASSAULT"),
        event("2023-03-02", "material cooperation", 9.5, group="a3", etype="AID"),
        event(None, group="a4"),
    ]
    series = series_from_events("JPN", "KOR", rows, by="month")
    assert [p.period for p in series.periods] == ["2023-01", "2023-02", "2023-03"]
    january = series.periods[0]
    assert january.counts["verbal cooperation"] == 1
    assert january.counts["material conflict"] == 1
    assert january.mean_intensity == pytest.approx(-2.75)
    assert series.periods[1].events == 0 and series.periods[1].mean_intensity is None
    assert series.undated == 1
    assert set(january.counts) == set(QUADS)
    data = series.to_dict()
    assert data["periods"][0]["verbal_cooperation"] == 1


def test_relations_week_series_crosses_the_year() -> None:
    rows = [event("2022-12-20"), event("2023-01-03", group="a2")]
    labels = [p.period for p in series_from_events("A", "B", rows, by="week").periods]
    assert labels == ["2022-W51", "2022-W52", "2023-W01"]


def test_relations_dedupe_counts_a_group_once() -> None:
    rows = [event("2023-05-07", group="g1"), event("2023-05-07", group="g1")]
    assert series_from_events("A", "B", rows, dedupe=True).periods[0].events == 1
    assert series_from_events("A", "B", rows, dedupe=False).periods[0].events == 2


def test_relations_unknown_period_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown period"):
        series_from_events("A", "B", [], by="decade")


def test_relations_table_and_chart(tmp_path: Path) -> None:
    rows = [event("2023-01-10"), event("2023-06-10", "verbal conflict", -3.0, group="a2")]
    series = series_from_events("JPN", "KOR", rows)
    table = format_series(series)
    lines = table.splitlines()
    assert lines[0] == "JPN–KOR by month"
    assert "2023-01" in table and "2023-06" in table and "2023-03" not in table
    assert "2 events in 6 months (4 without events not listed)" in table
    assert "2023-03" in format_series(series, empty=True)
    path = tmp_path / "dyad.png"
    plot_series(series, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_relations_empty_series_still_draws(tmp_path: Path) -> None:
    series = series_from_events("JPN", "KOR", [])
    assert "0 events" in format_series(series)
    plot_series(series, tmp_path / "empty.png")
    assert (tmp_path / "empty.png").exists()


def test_relations_long_series_are_labelled_at_year_starts() -> None:
    months = [f"{y}-{m:02d}" for y in range(2016, 2024) for m in range(1, 13)][3:]
    ticks = tick_positions(months, "month")
    assert [months[i] for i in ticks] == [f"{y}-01" for y in range(2017, 2024)]
    assert tick_positions(months[:12], "month") == list(range(12))
    years = [str(y) for y in range(1950, 2024)]
    assert len(tick_positions(years, "year")) <= 16
