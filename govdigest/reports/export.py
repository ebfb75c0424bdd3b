"""Exports: the cache's rows narrowed to a period and a region, as XLSX (one sheet per table)
or as CSV files (UTF-8 with a BOM, so that Excel reads Cyrillic), zipped or in a folder."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from govdigest.reports.query import ExportQuery
from govdigest.storage.cache import search_key, stem_words
from govdigest.storage.exports import ExportData, ExportPost

Cell = str | int | date | None

# Column order per table; headers come with the wording (``TableLabels``), in this order.
MISSION_COLUMNS = (
    "post_date",
    "leader",
    "leader_role",
    "delegation_region",
    "destination",
    "event",
    "mission_date",
    "agreements",
    "directions",
    "companies",
    "channel",
    "title",
    "url",
)
ORGANISATION_COLUMNS = (
    "post_date",
    "name",
    "mentions",
    "delegation_region",
    "destination",
    "channel",
    "title",
    "url",
)
QUOTE_COLUMNS = (
    "post_date",
    "speaker",
    "speaker_role",
    "text",
    "kind",
    "delegation_region",
    "channel",
    "title",
    "url",
)
CSV_NAMES = ("missions.csv", "organisations.csv", "quotes.csv")
CSV_DELIMITER = ";"  # what Excel in a Russian locale splits columns by
LIST_SEPARATOR = "; "
DATE_FORMAT = "DD.MM.YYYY"
# Control characters that the XLSX XML cannot hold (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A CSV cell that Excel would run as a formula (OWASP's "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WIDTHS = {"text": 80, "url": 40, "title": 40, "agreements": 50, "companies": 40}


@dataclass(frozen=True, slots=True)
class TableLabels:
    """Sheet name and column headers of one table, as the reader sees them."""

    sheet: str
    headers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExportLabels:
    missions: TableLabels
    organisations: TableLabels
    quotes: TableLabels
    direct: str  # a quote's kind
    indirect: str


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def post_day(post: ExportPost, tz: tzinfo) -> date | None:
    """The post's local publication date; an undated post is dated by its mission."""
    if post.published_at is not None:
        return post.published_at.astimezone(tz).date()
    return post.mission_date


def region_matcher(region: str | None) -> list[str]:
    return stem_words(region) if region else []


def in_region(post: ExportPost, stems: Sequence[str]) -> bool:
    """The region is the delegation's, the destination or the source channel's own."""
    if not stems:
        return True
    fields = (post.delegation_region, post.destination, post.source_region)
    haystack = search_key(" ".join(f for f in fields if f))
    return all(stem in haystack for stem in stems)


def select(data: ExportData, query: ExportQuery, tz: tzinfo) -> ExportData:
    """The rows of the query's period (the post's local date) and region."""
    stems = region_matcher(query.region)

    def keep(post: ExportPost) -> bool:
        return query.covers(post_day(post, tz)) and in_region(post, stems)

    return ExportData(
        missions=tuple(r for r in data.missions if keep(r.post)),
        organisations=tuple(r for r in data.organisations if keep(r.post)),
        quotes=tuple(r for r in data.quotes if keep(r.post)),
    )


def build_tables(data: ExportData, tz: tzinfo, labels: ExportLabels) -> tuple[Table, ...]:
    missions = tuple(
        (
            post_day(r.post, tz),
            r.leader,
            r.leader_role,
            r.post.delegation_region,
            r.post.destination,
            r.event,
            r.post.mission_date,
            LIST_SEPARATOR.join(r.agreements) or None,
            LIST_SEPARATOR.join(r.directions) or None,
            LIST_SEPARATOR.join(r.companies) or None,
            r.post.channel,
            r.post.title,
            r.post.url,
        )
        for r in data.missions
    )
    organisations = tuple(
        (
            post_day(r.post, tz),
            r.name,
            r.mentions,
            r.post.delegation_region,
            r.post.destination,
            r.post.channel,
            r.post.title,
            r.post.url,
        )
        for r in data.organisations
    )
    quotes = tuple(
        (
            post_day(r.post, tz),
            r.speaker,
            r.speaker_role,
            r.text,
            labels.indirect if r.kind == "indirect" else labels.direct,
            r.post.delegation_region,
            r.post.channel,
            r.post.title,
            r.post.url,
        )
        for r in data.quotes
    )
    return (
        _table(labels.missions, MISSION_COLUMNS, missions),
        _table(labels.organisations, ORGANISATION_COLUMNS, organisations),
        _table(labels.quotes, QUOTE_COLUMNS, quotes),
    )


def _table(
    labels: TableLabels, columns: tuple[str, ...], rows: tuple[tuple[Cell, ...], ...]
) -> Table:
    if len(labels.headers) != len(columns):
        raise ValueError(f"{labels.sheet}: {len(labels.headers)} headers for {len(columns)}")
    return Table(labels.sheet, columns, labels.headers, rows)


# --- XLSX ----------------------------------------------------------------------------------


def write_xlsx(tables: Sequence[Table], out: BinaryIO | Path) -> None:
    """One sheet per table; write-only mode keeps memory flat for large exports."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(title=table.name[:31])
        for index, column in enumerate(table.columns, start=1):
            width = _WIDTHS.get(column, 14 if column.endswith("date") else 22)
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for title in table.headers:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        # One styled cell per date column, refilled for each row: a write-only sheet writes a
        # row out as it is appended, and styling a new cell per value costs more than the rest.
        dates = {
            index: _date_cell(sheet) for index, name in enumerate(table.columns) if "date" in name
        }
        for row in table.rows:
            cells: list[object] = []
            for index, value in enumerate(row):
                if isinstance(value, date) and index in dates:
                    dates[index].value = value
                    cells.append(dates[index])
                else:
                    cells.append(_xlsx_value(sheet, value))
            sheet.append(cells)
    book.save(out)


def _date_cell(sheet: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    cell.number_format = DATE_FORMAT
    return cell


def _xlsx_value(sheet: Any, value: Cell) -> object:
    if not isinstance(value, str):
        return value
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(" ", value)
    if value.startswith("="):
        # openpyxl takes a string that starts with "=" for a formula: a quote is text.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(tables, buffer)
    return buffer.getvalue()


# --- CSV -----------------------------------------------------------------------------------


def csv_text(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    return buffer.getvalue()


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_zip_bytes(tables: Sequence[Table]) -> bytes:
    buffer = io.BytesIO()
    write_csv_zip(tables, buffer)
    return buffer.getvalue()


def write_csv_zip(tables: Sequence[Table], out: BinaryIO | Path) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, table in zip(CSV_NAMES, tables, strict=True):
            archive.writestr(name, csv_text(table).encode("utf-8-sig"))


def write_csv_folder(tables: Sequence[Table], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in zip(CSV_NAMES, tables, strict=True):
        path = folder / name
        path.write_bytes(csv_text(table).encode("utf-8-sig"))
        written.append(path)
    return written
