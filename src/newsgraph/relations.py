"""How relations move: a dyad's time series of cooperation and conflict, as a table or a chart.

For two actors A and B (``JPN``, ``KOR``), :func:`dyad_series` counts, per month, week or
year, the events between them in PLOVER's four quads (verbal cooperation, material
cooperation, verbal conflict, material conflict) and their mean intensity (-10 … +10).
An event belongs to the dyad when one side is A and the other B (both directions), or when it
is reciprocal and lists both as participants. Events come from the one query layer
(:func:`newsgraph.store.queries.dyad_events`).

With ``dedupe`` an event reported by several near-duplicate articles (one ``group_id``)
counts once: events are keyed by (group, type, day, source, target).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .store.base import Store
from .store.queries import DyadEvent, dyad_events

QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
PERIODS = ("week", "month", "year")


@dataclass
class DyadPeriod:
    """The counts of one period: events per quad, all events, and their mean intensity."""

    period: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUADS, 0))
    intensities: list[float] = field(default_factory=list)

    @property
    def events(self) -> int:
        """Return the number of events counted in the period."""
        return sum(self.counts.values())

    @property
    def mean_intensity(self) -> float | None:
        """Return the mean intensity of the period's events (``None`` when none has one)."""
        return sum(self.intensities) / len(self.intensities) if self.intensities else None

    def to_dict(self) -> dict[str, Any]:
        """Return the period as JSON-ready data."""
        mean = self.mean_intensity
        return {
            "period": self.period,
            **{q.replace(" ", "_"): self.counts[q] for q in QUADS},
            "events": self.events,
            "mean_intensity": None if mean is None else round(mean, 2),
        }


@dataclass
class DyadSeries:
    """A dyad's series: the two actors, the period unit, the periods, and undated events."""

    a: str
    b: str
    by: str
    periods: list[DyadPeriod]
    undated: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the series as JSON-ready data."""
        return {
            "a": self.a,
            "b": self.b,
            "by": self.by,
            "undated": self.undated,
            "periods": [p.to_dict() for p in self.periods],
        }


def period_of(day: str, by: str) -> str | None:
    """Return the period label of a ``YYYY-MM-DD`` day: ``2023-05``, ``2023-W19`` or ``2023``."""
    try:
        when = date.fromisoformat(day[:10])
    except ValueError:
        return None
    if by == "year":
        return f"{when.year:04d}"
    if by == "month":
        return f"{when.year:04d}-{when.month:02d}"
    year, week, _ = when.isocalendar()
    return f"{year:04d}-W{week:02d}"


def period_start(label: str, by: str) -> str:
    """Return the first day (``YYYY-MM-DD``) of a period label of :func:`period_of`."""
    if by == "year":
        return f"{label}-01-01"
    if by == "month":
        return f"{label}-01"
    return date.fromisocalendar(int(label[:4]), int(label[6:]), 1).isoformat()


def _next_period(label: str, by: str) -> str:
    if by == "year":
        return f"{int(label) + 1:04d}"
    if by == "month":
        year, month = int(label[:4]), int(label[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    monday = date.fromisocalendar(int(label[:4]), int(label[6:]), 1) + timedelta(days=7)
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


def series_from_events(
    a: str, b: str, rows: Iterable[DyadEvent], by: str = "month", dedupe: bool = True
) -> DyadSeries:
    """Count dyad events per period (see :func:`dyad_series`); empty periods are filled in."""
    if by not in PERIODS:
        raise ConfigError(f"unknown period {by!r} (one of {', '.join(PERIODS)})")
    periods: dict[str, DyadPeriod] = {}
    seen: set[tuple[Any, ...]] = set()
    undated = 0
    for row in rows:
        if dedupe:
            key = (
                row.group,
                row.type,
                row.day,
                tuple(sorted(row.source)),
                tuple(sorted(row.target)),
            )
            if key in seen:
                continue
            seen.add(key)
        label = period_of(row.day, by) if row.day else None
        if label is None or row.quad not in QUADS:
            undated += label is None
            continue
        period = periods.setdefault(label, DyadPeriod(label))
        period.counts[row.quad] += 1
        if row.intensity is not None:
            period.intensities.append(float(row.intensity))
    filled: list[DyadPeriod] = []
    if periods:
        label, last = min(periods), max(periods)
        while True:
            filled.append(periods.get(label) or DyadPeriod(label))
            if label == last:
                break
            label = _next_period(label, by)
    return DyadSeries(a, b, by, filled, undated)


def dyad_series(
    store: Store,
    a: str,
    b: str,
    by: str = "month",
    dedupe: bool = True,
    statuses: Sequence[str] = ("occurred",),
    since: str | None = None,
    until: str | None = None,
) -> DyadSeries:
    """Return the cooperation and conflict series of the dyad ``a``–``b``.

    Args:
        store: an open store.
        a: one actor (ISO3 code, actor id or name).
        b: the other.
        by: ``week`` (ISO weeks), ``month`` or ``year``.
        dedupe: count an event reported by several near-duplicate articles once.
        statuses: the event statuses to count (by default only events that occurred).
        since: leave out events before this day (``YYYY-MM-DD``).
        until: leave out events after this day.

    Raises:
        ConfigError: an unknown period.
        StoreError: the database cannot be read.
    """
    rows: Iterable[DyadEvent] = dyad_events(store, a, b, statuses)
    if since or until:
        low, high = since or "0000", (until or "9999") + "~"
        rows = (r for r in rows if r.day is None or low <= r.day <= high)
    return series_from_events(a, b, rows, by, dedupe)


def format_series(series: DyadSeries, empty: bool = False) -> str:
    """Return the series as an aligned plain-text table.

    Args:
        series: the series.
        empty: also list the periods without events (the chart always shows them).
    """
    header = ["period", "verb coop", "mat coop", "verb confl", "mat confl", "events", "mean int"]
    lines = [
        f"{series.a}–{series.b} by {series.by}",
        "  ".join(f"{h:>10}" for h in header),
    ]
    for p in series.periods:
        if not p.events and not empty:
            continue
        mean = p.mean_intensity
        cells = [p.period, *[str(p.counts[q]) for q in QUADS], str(p.events)]
        cells.append("" if mean is None else f"{mean:+.2f}")
        lines.append("  ".join(f"{c:>10}" for c in cells))
    total = sum(p.events for p in series.periods)
    quiet = sum(1 for p in series.periods if not p.events)
    lines.append(
        f"{total} events in {len(series.periods)} {series.by}s"
        + (f" ({quiet} without events not listed)" if quiet and not empty else "")
    )
    if series.undated:
        lines.append(f"{series.undated} events without a date were left out")
    return "\n".join(lines) + "\n"


_COLOURS = {
    "verbal cooperation": "#9ecae1",
    "material cooperation": "#2171b5",
    "verbal conflict": "#fcae91",
    "material conflict": "#cb181d",
}
MAX_TICKS = 16
"""The most period labels on a chart's time axis."""


def tick_positions(labels: Sequence[str], by: str) -> list[int]:
    """Return the indexes of the periods to label on a chart's time axis.

    Long monthly or weekly series are labelled at year starts (every year, or every few
    years), so the ticks fall on calendar boundaries; short ones at every period, or at a
    regular step, at most :data:`MAX_TICKS` labels.
    """
    if len(labels) <= MAX_TICKS:
        return list(range(len(labels)))
    if by in ("month", "week"):
        start = "-01" if by == "month" else "-W01"
        years = [i for i, label in enumerate(labels) if label.endswith(start)]
        if len(years) >= 2:
            step = -(-len(years) // MAX_TICKS)
            return years[::step]
    step = -(-len(labels) // MAX_TICKS)
    return list(range(0, len(labels), step))


def plot_series(series: DyadSeries, path: str | Path) -> None:
    """Draw the series to an image file (PNG, SVG, PDF by its suffix) with matplotlib.

    Two panels share the time axis: above, the events per period, cooperation stacked above
    the zero line and conflict below it (verbal light, material dark); below, the mean
    intensity of each period's events as a marker (none for a period without events: a line
    across empty periods would invent a trend).

    Raises:
        ConfigError: matplotlib is not installed.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, MaxNLocator
    except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
        raise ConfigError("--plot needs matplotlib (pip install matplotlib)") from exc

    labels = [p.period for p in series.periods]
    xs = list(range(len(labels)))
    width = min(14.0, max(9.0, 0.12 * len(labels) + 5))
    fig, (ax, low) = plt.subplots(
        2,
        1,
        sharex=True,
        figsize=(width, 6.6),
        dpi=120,
        layout="constrained",
        gridspec_kw={"height_ratios": [3, 1.4]},
    )
    up = [0] * len(xs)
    down = [0] * len(xs)
    for quad in QUADS:
        values = [p.counts[quad] for p in series.periods]
        if "cooperation" in quad:
            ax.bar(xs, values, bottom=up, color=_COLOURS[quad], label=quad, width=0.85)
            up = [u + v for u, v in zip(up, values, strict=True)]
        else:
            heights = [-v for v in values]
            ax.bar(xs, heights, bottom=down, color=_COLOURS[quad], label=quad, width=0.85)
            down = [d - v for d, v in zip(down, values, strict=True)]
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("events\n(cooperation ↑, conflict ↓)")
    peak = max([*up, *(-d for d in down), 1])
    ax.set_ylim(-peak * 1.15, peak * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{abs(value):g}"))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)

    points = [(x, p.mean_intensity) for x, p in zip(xs, series.periods, strict=True)]
    shown = [(x, m) for x, m in points if m is not None]
    if shown:
        low.plot(
            *zip(*shown, strict=True),
            color="black",
            marker="D",
            markersize=6 if len(shown) < 40 else 4,
            linestyle="none",
            label="mean intensity",
        )
    low.axhline(0, color="black", linewidth=0.8)
    low.set_ylim(-12, 12)
    low.set_yticks([-10, -5, 0, 5, 10])
    low.set_ylabel("mean intensity\n(−10 … +10)")
    low.grid(axis="y", color="#dddddd", linewidth=0.6)
    low.set_axisbelow(True)

    ticks = tick_positions(labels, series.by)
    long_axis = len(ticks) < len(labels) and len(labels) > MAX_TICKS and series.by != "year"
    year_start = "-01" if series.by == "month" else "-W01"
    if long_axis and ticks[0] >= len(labels) // 12:
        ticks.insert(0, 0)  # the first period, in full, where the series starts mid-year
    low.set_xticks([xs[i] for i in ticks])
    low.set_xticklabels(
        [
            labels[i][:4] if long_axis and labels[i].endswith(year_start) else labels[i]
            for i in ticks
        ],
        rotation=0 if long_axis or len(ticks) <= 8 else 45,
        ha="center" if long_axis or len(ticks) <= 8 else "right",
    )
    if long_axis:
        low.set_xticks(xs, minor=True)
    low.set_xlim(-0.6, len(xs) - 0.4)
    low.set_xlabel(series.by + (" (labelled at the start of each year)" if long_axis else ""))

    handles, names = ax.get_legend_handles_labels()
    more, more_names = low.get_legend_handles_labels()
    fig.legend(
        handles + more,
        names + more_names,
        loc="outside lower center",
        ncol=5,
        fontsize="small",
        frameon=False,
    )
    total = sum(p.events for p in series.periods)
    span = (
        f", {labels[0]} to {labels[-1]}" if len(labels) > 1 else f", {labels[0]}" if labels else ""
    )
    ax.set_title(
        f"{series.a}–{series.b}: cooperation and conflict by {series.by}{span} ({total} events)"
    )
    fig.savefig(path)
    plt.close(fig)
