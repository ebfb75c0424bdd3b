"""Read the cache, then build the file in a worker thread (XLSX, ZIP and PNG are CPU work that
would otherwise hold up every other chat)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo

from govdigest.reports import charts
from govdigest.reports.charts import ChartKind, ChartText
from govdigest.reports.export import (
    ExportLabels,
    build_tables,
    csv_zip_bytes,
    select,
    xlsx_bytes,
)
from govdigest.reports.query import ExportQuery
from govdigest.storage import Repos
from govdigest.storage.exports import ExportData


@dataclass(frozen=True, slots=True)
class ExportFile:
    content: bytes
    missions: int
    organisations: int
    quotes: int


@dataclass(frozen=True, slots=True)
class ChartFile:
    content: bytes
    items: int  # bars, organisations or flows drawn
    groups: int  # regions (missions chart), else the same as items


async def selected_rows(repos: Repos, query: ExportQuery, tz: tzinfo) -> ExportData:
    return select(await repos.exports.load(), query, tz)


def encode(data: ExportData, query: ExportQuery, tz: tzinfo, labels: ExportLabels) -> bytes:
    tables = build_tables(data, tz, labels)
    return csv_zip_bytes(tables) if query.fmt == "csv" else xlsx_bytes(tables)


async def export_file(
    repos: Repos, query: ExportQuery, tz: tzinfo, labels: ExportLabels
) -> ExportFile | None:
    """The export as bytes, or None when the period and region select nothing."""
    data = await selected_rows(repos, query, tz)
    if data.is_empty:
        return None
    content = await asyncio.to_thread(encode, data, query, tz, labels)
    return ExportFile(content, len(data.missions), len(data.organisations), len(data.quotes))


async def chart_file(
    repos: Repos, kind: ChartKind, tz: tzinfo, texts: Mapping[ChartKind, ChartText]
) -> ChartFile | None:
    """The chart as PNG bytes, or None when there is nothing to draw."""
    text = texts[kind]
    if kind == "organisations":
        top = charts.top_organisations(await repos.cache.organisations())
        if not top:
            return None
        png = await asyncio.to_thread(charts.render_organisations, top, text)
        return ChartFile(png, len(top), len(top))
    missions = (await repos.exports.load()).missions
    if kind == "flows":
        flows = charts.delegation_flows(missions)
        if not flows:
            return None
        png = await asyncio.to_thread(charts.render_flows, flows, text)
        return ChartFile(png, len(flows), len(flows))
    monthly = charts.missions_by_month(missions, tz, other=text.other)
    if not monthly.months:
        return None
    png = await asyncio.to_thread(charts.render_missions, monthly, text)
    total = sum(sum(counts) for _, counts in monthly.series)
    regions = len({r.post.delegation_region for r in missions if r.post.delegation_region})
    return ChartFile(png, total, regions)
