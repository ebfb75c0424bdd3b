"""``govdigest export`` and ``govdigest chart``: the bot's files, written from the cache."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govdigest.config import Settings
from govdigest.reports.kinds import CHART_KINDS, ChartKind

if TYPE_CHECKING:
    from datetime import tzinfo

    from govdigest.reports.build import ChartFile
    from govdigest.reports.query import ExportQuery
    from govdigest.storage.exports import ExportData


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_export = sub.add_parser("export", help="missions, organisations, quotes as XLSX or CSV")
    p_export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    p_export.add_argument(
        "--out",
        required=True,
        help="the file to write; for csv: a .zip file, or else a folder of three CSV files",
    )
    p_export.add_argument("--since", help="first day, YYYY-MM-DD (the post's local date)")
    p_export.add_argument("--until", help="last day, YYYY-MM-DD")
    p_export.add_argument("--region", help="delegation, destination or source region")
    p_chart = sub.add_parser("chart", help="draw a chart as PNG")
    p_chart.add_argument("kind", choices=CHART_KINDS)
    p_chart.add_argument("--out", required=True, help="the PNG file to write")


def run_export(settings: Settings, args: argparse.Namespace) -> int:
    # Imported here: openpyxl (and matplotlib, via the texts) only for the commands using them.
    from govdigest.bot.digests.timezones import zone_info
    from govdigest.bot.texts import reports as texts
    from govdigest.reports.build import encode
    from govdigest.reports.export import build_tables, write_csv_folder
    from govdigest.reports.query import BadExportArgs, ExportQuery, parse_iso_day

    try:
        query = ExportQuery(
            fmt="csv" if args.format == "csv" else "xlsx",
            since=parse_iso_day(args.since) if args.since else None,
            until=parse_iso_day(args.until) if args.until else None,
            region=args.region or None,
        )
    except BadExportArgs as exc:
        print(f"error: not a date (YYYY-MM-DD): {exc.token}", file=sys.stderr)
        return 2
    tz = zone_info(settings.digest_default_tz)
    out = Path(args.out)
    data = asyncio.run(_rows(settings, query, tz))
    counts = (
        f"missions: {len(data.missions)}, organisations: {len(data.organisations)}, "
        f"quotes: {len(data.quotes)}"
    )
    if query.fmt == "csv" and out.suffix.lower() != ".zip":
        paths = write_csv_folder(build_tables(data, tz, texts.EXPORT_LABELS), out)
        print(f"wrote a folder of {len(paths)} CSV files: {out} ({counts})")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(encode(data, query, tz, texts.EXPORT_LABELS))
    kind = "a ZIP of 3 CSV files" if query.fmt == "csv" else "an XLSX workbook"
    print(f"wrote {kind}: {out} ({counts})")
    return 0


async def _rows(settings: Settings, query: ExportQuery, tz: tzinfo) -> ExportData:
    from govdigest.reports.build import selected_rows
    from govdigest.storage import Database, Repos

    db = await Database.open(settings.database_path)
    try:
        return await selected_rows(Repos.over(db), query, tz)
    finally:
        await db.close()


async def _chart(settings: Settings, kind: ChartKind, tz: tzinfo) -> ChartFile | None:
    from govdigest.bot.texts import reports as texts
    from govdigest.reports.build import chart_file
    from govdigest.storage import Database, Repos

    db = await Database.open(settings.database_path)
    try:
        return await chart_file(Repos.over(db), kind, tz, texts.CHART_TEXTS)
    finally:
        await db.close()


def run_chart(settings: Settings, args: argparse.Namespace) -> int:
    from govdigest.bot.digests.timezones import zone_info

    chart = asyncio.run(_chart(settings, args.kind, zone_info(settings.digest_default_tz)))
    if chart is None:
        print(f"nothing to draw: the cache has no data for {args.kind}", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(chart.content)
    print(f"wrote {out} ({len(chart.content)} bytes, {chart.items} items)")
    return 0
