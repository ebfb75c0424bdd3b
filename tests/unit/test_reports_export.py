"""Exports on a real SQLite file: the rows a period and a region select (table-driven), and the
XLSX and CSV files read back (openpyxl, csv) and compared with the cache itself."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from govdigest.bot.texts.reports import EXPORT_LABELS
from govdigest.reports.build import export_file, selected_rows
from govdigest.reports.export import CSV_NAMES, build_tables, csv_zip_bytes, write_csv_folder
from govdigest.reports.query import parse_export_args
from govdigest.storage import Database, Repos
from tests.reports_corpus import FORMULA_QUOTE, load_corpus

YEKATERINBURG = ZoneInfo("Asia/Yekaterinburg")


@pytest.fixture
async def cache(tmp_path: Path) -> AsyncIterator[tuple[Repos, dict[str, int], Path]]:
    path = tmp_path / "cache.sqlite3"
    db = await Database.open(path)
    try:
        repos = Repos.over(db)
        ids = await load_corpus(repos)
        yield repos, ids, path
    finally:
        await db.close()


SELECTIONS = [
    # args, tz, missions, posts with organisations, posts with quotes (by corpus key)
    ("", UTC, {"oz-march", "oz-may", "zar-june", "undated"}, 4, 4),
    ("2026", YEKATERINBURG, {"oz-march", "oz-may", "zar-june", "undated"}, 4, 4),
    # In UTC the New Year post is of 2025: its organisation and quote fall out.
    ("2026", UTC, {"oz-march", "oz-may", "zar-june", "undated"}, 3, 3),
    ("2025", UTC, set(), 1, 1),
    ("01.03.2026-31.05.2026 Озёрская", UTC, {"oz-march", "oz-may", "undated"}, 2, 2),
    ("Озёрской", UTC, {"oz-march", "oz-may", "undated"}, 2, 2),
    ("Заречная", UTC, {"zar-june", "undated"}, 1, 1),
    ("04.2026", UTC, {"undated"}, 0, 0),
    ("Пермский край", UTC, {"oz-may"}, 1, 1),
    ("2024", UTC, set(), 0, 0),
    ("Камчатка", UTC, set(), 0, 0),
]


@pytest.mark.parametrize(("args", "tz", "missions", "org_posts", "quote_posts"), SELECTIONS)
async def test_period_and_region_select_rows(
    cache: tuple[Repos, dict[str, int], Path],
    args: str,
    tz: ZoneInfo,
    missions: set[str],
    org_posts: int,
    quote_posts: int,
) -> None:
    repos, ids, _ = cache
    key_of = {post_id: key for key, post_id in ids.items()}
    data = await selected_rows(repos, parse_export_args(args), tz)
    assert {key_of[r.post.post_id] for r in data.missions} == missions
    assert len({r.post.post_id for r in data.organisations}) == org_posts
    assert len({r.post.post_id for r in data.quotes}) == quote_posts


def _cache_rows(path: Path) -> dict[str, set[tuple[object, ...]]]:
    """What the cache holds, read with plain sqlite3 (not through the export code)."""
    conn = sqlite3.connect(path)
    try:
        missions = set(
            conn.execute(
                "SELECT m.leader, m.delegation_region, m.destination, m.mission_date, p.url "
                "FROM missions m JOIN posts p ON p.id = m.post_id"
            )
        )
        organisations = set(
            conn.execute(
                "SELECT c.name, p.url, substr(p.published_at, 1, 10) FROM companies c "
                "JOIN posts p ON p.id = c.post_id"
            )
        )
        quotes = set(
            conn.execute(
                "SELECT q.speaker, q.text, p.url FROM quotes q JOIN posts p ON p.id = q.post_id"
            )
        )
    finally:
        conn.close()
    return {"missions": missions, "organisations": organisations, "quotes": quotes}


async def test_xlsx_read_back_equals_the_cache(
    cache: tuple[Repos, dict[str, int], Path],
) -> None:
    repos, _, path = cache
    result = await export_file(repos, parse_export_args(""), UTC, EXPORT_LABELS)
    assert result is not None
    assert (result.missions, result.organisations, result.quotes) == (4, 5, 4)
    book = load_workbook(io.BytesIO(result.content))
    assert book.sheetnames == ["Миссии", "Организации", "Цитаты"]
    sheets = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    assert sheets["Миссии"][0] == EXPORT_LABELS.missions.headers
    assert sheets["Организации"][0] == EXPORT_LABELS.organisations.headers
    assert sheets["Цитаты"][0] == EXPORT_LABELS.quotes.headers
    expected = _cache_rows(path)

    def as_date(value: object) -> str | None:
        if isinstance(value, datetime):  # openpyxl reads date cells back as datetimes
            return value.date().isoformat()
        return None

    missions = {(r[1], r[3], r[4], as_date(r[6]), r[12]) for r in sheets["Миссии"][1:]}
    assert missions == expected["missions"]
    organisations = {(r[1], r[7], as_date(r[0])) for r in sheets["Организации"][1:]}
    assert organisations == expected["organisations"]
    quotes = {(r[1], r[3], r[8]) for r in sheets["Цитаты"][1:]}
    assert quotes == expected["quotes"]
    # Every row carries its post's date and link.
    for name in book.sheetnames:
        for row in sheets[name][1:]:
            assert row[-1] and str(row[-1]).startswith("https://t.me/test_gov/")


async def test_a_quote_like_a_formula_stays_text(
    cache: tuple[Repos, dict[str, int], Path],
) -> None:
    repos, _, _ = cache
    result = await export_file(repos, parse_export_args("Заречная"), UTC, EXPORT_LABELS)
    assert result is not None
    sheet = load_workbook(io.BytesIO(result.content))["Цитаты"]
    cell = sheet["D2"]
    assert cell.value == FORMULA_QUOTE
    assert cell.data_type == "s"
    archive = await export_file(repos, parse_export_args("csv Заречная"), UTC, EXPORT_LABELS)
    assert archive is not None
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        text = zipped.read("quotes.csv").decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[3] == "'" + FORMULA_QUOTE  # Excel shows it as text, never runs it


async def test_csv_zip_read_back_equals_the_cache(
    cache: tuple[Repos, dict[str, int], Path],
) -> None:
    repos, _, path = cache
    result = await export_file(repos, parse_export_args("csv"), UTC, EXPORT_LABELS)
    assert result is not None
    expected = _cache_rows(path)
    with zipfile.ZipFile(io.BytesIO(result.content)) as archive:
        assert archive.namelist() == list(CSV_NAMES)
        raw = {name: archive.read(name) for name in CSV_NAMES}
    for content in raw.values():
        assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = {
        name: list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        for name, content in raw.items()
    }
    assert tuple(rows["missions.csv"][0]) == EXPORT_LABELS.missions.headers

    def iso(text: str) -> str | None:
        return datetime.strptime(text, "%d.%m.%Y").date().isoformat() if text else None

    missions = {(r[1], r[3], r[4], iso(r[6]), r[12]) for r in rows["missions.csv"][1:]}
    assert missions == expected["missions"]
    organisations = {(r[1], r[7], iso(r[0])) for r in rows["organisations.csv"][1:]}
    assert organisations == expected["organisations"]
    quotes = {(r[1] or None, r[3].removeprefix("'"), r[8]) for r in rows["quotes.csv"][1:]}
    assert quotes == expected["quotes"]


async def test_csv_folder_and_nothing_selected(
    cache: tuple[Repos, dict[str, int], Path], tmp_path: Path
) -> None:
    repos, _, _ = cache
    data = await selected_rows(repos, parse_export_args("Озёрская"), UTC)
    paths = write_csv_folder(build_tables(data, UTC, EXPORT_LABELS), tmp_path / "out")
    assert [p.name for p in paths] == list(CSV_NAMES)
    lines = paths[0].read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + len(data.missions) == 4
    assert await export_file(repos, parse_export_args("2024"), UTC, EXPORT_LABELS) is None
    empty = build_tables(
        await selected_rows(repos, parse_export_args("2024"), UTC), UTC, EXPORT_LABELS
    )
    assert all(not table.rows for table in empty)
    assert csv_zip_bytes(empty)  # still a valid archive of headers only


def test_post_day_of_an_undated_post_is_its_mission_date() -> None:
    from govdigest.reports.export import post_day
    from govdigest.storage.exports import ExportPost

    post = ExportPost(1, None, None, None, None, None, None, None, date(2026, 4, 2))
    assert post_day(post, UTC) == date(2026, 4, 2)
