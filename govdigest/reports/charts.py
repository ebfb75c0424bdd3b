"""Charts as PNG pictures: missions per month by region, top organisations, and the flows of
delegations (region → destination, line width by count).

matplotlib's object API on the Agg canvas only: no pyplot, no display, no global figure
registry, so rendering is safe in a worker thread. Labels are set in DejaVu Sans, which ships
inside matplotlib's wheel and has Cyrillic: a chart never depends on the host's fonts.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as CurvePath
from matplotlib.ticker import MaxNLocator

from govdigest.reports.export import post_day
from govdigest.reports.kinds import CHART_KINDS, ChartKind
from govdigest.storage.exports import MissionRow
from govdigest.storage.organisations import Organisation

__all__ = ["CHART_KINDS", "ChartKind", "ChartText"]

FONT_FAMILY = "DejaVu Sans"
WIDTH_PX, HEIGHT_PX, DPI = 1200, 700, 100
TOP_REGIONS = 6
TOP_ORGANISATIONS = 15
TOP_FLOWS = 14
LABEL_CHARS = 40
MIN_LINE, MAX_LINE = 1.5, 14.0
_RC: Any = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "axes.unicode_minus": False,
    "svg.fonttype": "none",
}


@dataclass(frozen=True, slots=True)
class ChartText:
    """The wording of one chart (from the bot's texts)."""

    title: str
    x_label: str = ""
    y_label: str = ""
    other: str = ""  # the bucket of the regions beyond the top ones


@dataclass(frozen=True, slots=True)
class MonthlySeries:
    months: tuple[date, ...]  # first days of the months, in order, none missing in between
    series: tuple[tuple[str, tuple[int, ...]], ...]  # region → count per month


@dataclass(frozen=True, slots=True)
class Flow:
    origin: str
    destination: str
    count: int


# --- data ----------------------------------------------------------------------------------


def mission_month(row: MissionRow, tz: tzinfo) -> date | None:
    day = row.post.mission_date or post_day(row.post, tz)
    return day.replace(day=1) if day else None


def missions_by_month(
    missions: Sequence[MissionRow], tz: tzinfo, *, other: str, top: int = TOP_REGIONS
) -> MonthlySeries:
    """Missions per month of the top regions by missions; the rest as ``other``."""
    counted: Counter[tuple[date, str]] = Counter()
    totals: Counter[str] = Counter()
    for row in missions:
        month = mission_month(row, tz)
        region = row.post.delegation_region
        if month is None or not region:
            continue
        counted[(month, region)] += 1
        totals[region] += 1
    if not counted:
        return MonthlySeries((), ())
    leaders = [name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    first, last = min(m for m, _ in counted), max(m for m, _ in counted)
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    series = []
    for region in leaders:
        series.append((region, tuple(counted[(m, region)] for m in months)))
    rest = tuple(
        sum(n for (m, r), n in counted.items() if m == month and r not in leaders)
        for month in months
    )
    if any(rest):
        series.append((other, rest))
    return MonthlySeries(tuple(months), tuple(series))


def top_organisations(
    organisations: Sequence[Organisation], *, limit: int = TOP_ORGANISATIONS
) -> list[tuple[str, int]]:
    return [(o.name, o.posts) for o in organisations[:limit] if o.posts > 0]


def delegation_flows(missions: Sequence[MissionRow], *, limit: int = TOP_FLOWS) -> list[Flow]:
    counted = Counter(
        (r.post.delegation_region, r.post.destination)
        for r in missions
        if r.post.delegation_region and r.post.destination
    )
    ranked = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [Flow(str(origin), str(dest), n) for (origin, dest), n in ranked]


# --- rendering -----------------------------------------------------------------------------


def _figure() -> Figure:
    return Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def render_missions(data: MonthlySeries, text: ChartText) -> bytes:
    """Stacked bars: one bar per month, one colour per region."""
    if not data.months:
        raise ValueError("no missions to draw")
    with rc_context(_RC):
        figure = _figure()
        axes = figure.add_subplot()
        positions = list(range(len(data.months)))
        bottom = [0] * len(positions)
        for region, counts in data.series:
            axes.bar(positions, counts, bottom=bottom, label=_short(region))
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        axes.set_xticks(positions, [m.strftime("%m.%Y") for m in data.months], rotation=45)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(text.title)
        axes.set_xlabel(text.x_label)
        axes.set_ylabel(text.y_label)
        axes.set_ylim(0, max(bottom) * 1.1)
        # Beside the bars, never over them: region names are long.
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
        figure.subplots_adjust(left=0.06, right=0.76, bottom=0.14, top=0.93)
        return _png(figure)


def render_organisations(data: Sequence[tuple[str, int]], text: ChartText) -> bytes:
    """Horizontal bars, the most frequent organisation on top."""
    if not data:
        raise ValueError("no organisations to draw")
    with rc_context(_RC):
        figure = _figure()
        axes = figure.add_subplot()
        names = [_short(name) for name, _ in reversed(data)]
        counts = [n for _, n in reversed(data)]
        bars = axes.barh(range(len(names)), counts, color="#3b6ea5")
        axes.set_yticks(range(len(names)), names)
        axes.bar_label(bars, padding=3)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(text.title)
        axes.set_xlabel(text.x_label)
        figure.subplots_adjust(left=0.33, right=0.96, bottom=0.08, top=0.93)
        return _png(figure)


def render_flows(flows: Sequence[Flow], text: ChartText) -> bytes:
    """Regions on the left, destinations on the right, a curve per pair as thick as its count."""
    if not flows:
        raise ValueError("no flows to draw")
    origins = _ranked(flows, lambda f: f.origin)
    destinations = _ranked(flows, lambda f: f.destination)
    top = max(f.count for f in flows)
    with rc_context(_RC):
        figure = _figure()
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.set_xlim(-0.75, 1.75)
        axes.set_ylim(-0.05, 1.05)
        left = _spread(origins)
        right = _spread(destinations)
        colours = [f"C{i % 10}" for i in range(len(origins))]
        for flow in flows:
            y0, y1 = left[flow.origin], right[flow.destination]
            width = MIN_LINE + (MAX_LINE - MIN_LINE) * flow.count / top
            curve = CurvePath(
                [(0.0, y0), (0.5, y0), (0.5, y1), (1.0, y1)],
                [CurvePath.MOVETO, CurvePath.CURVE4, CurvePath.CURVE4, CurvePath.CURVE4],
            )
            colour = colours[origins.index(flow.origin)]
            axes.add_patch(
                PathPatch(curve, facecolor="none", edgecolor=colour, lw=width, alpha=0.55)
            )
            axes.text(0.5, (y0 + y1) / 2, str(flow.count), ha="center", va="center", fontsize=9)
        for name, y in left.items():
            axes.plot([0.0], [y], "o", color=colours[origins.index(name)], markersize=8)
            axes.text(-0.03, y, _short(name), ha="right", va="center", fontsize=10)
        for name, y in right.items():
            axes.plot([1.0], [y], "o", color="#555555", markersize=8)
            axes.text(1.03, y, _short(name), ha="left", va="center", fontsize=10)
        axes.set_title(text.title)
        figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.93)
        return _png(figure)


def _ranked(flows: Sequence[Flow], key: Callable[[Flow], str]) -> list[str]:
    totals: Counter[str] = Counter()
    for flow in flows:
        totals[key(flow)] += flow.count
    return [name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]


def _spread(names: Sequence[str]) -> dict[str, float]:
    """Evenly spaced heights, the first name on top."""
    if len(names) == 1:
        return {names[0]: 0.5}
    step = 1.0 / (len(names) - 1)
    return {name: 1.0 - i * step for i, name in enumerate(names)}
