"""``govdigest export`` and ``govdigest chart`` run in a subprocess on a cache with known rows."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from govdigest.reports.charts import HEIGHT_PX, WIDTH_PX
from govdigest.storage import Database, Repos
from tests.conftest import SETTING_ENV_NAMES
from tests.reports_corpus import load_corpus
from tests.unit.test_reports_charts import png_size

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SCRIPT = Path(sys.executable).parent / "govdigest"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "cache.sqlite3"

    async def fill() -> None:
        db = await Database.open(path)
        try:
            await load_corpus(Repos.over(db))
        finally:
            await db.close()

    asyncio.run(fill())
    return path


def run(database: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTING_ENV_NAMES}
    env.update(DATABASE_PATH=str(database), DIGEST_DEFAULT_TZ="Asia/Yekaterinburg")
    return subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_export_xlsx_with_period_and_region(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "spring.xlsx"
    done = run(
        database, tmp_path, "export", "--out", str(out), "--since", "2026-03-01",
        "--until", "2026-05-31", "--region", "Озёрская",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "an XLSX workbook" in done.stdout and "missions: 3" in done.stdout
    sheet = load_workbook(out)["Миссии"]
    assert sheet.max_row == 4


@pytest.mark.parametrize(("target", "kind"), [("all.zip", "a ZIP"), ("folder", "a folder")])
def test_export_csv_zip_or_folder(database: Path, tmp_path: Path, target: str, kind: str) -> None:
    out = tmp_path / target
    done = run(database, tmp_path, "export", "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert kind in done.stdout
    if out.suffix == ".zip":
        with zipfile.ZipFile(out) as archive:
            text = archive.read("organisations.csv").decode("utf-8-sig")
    else:
        text = (out / "organisations.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 5


def test_export_refuses_a_bad_date(database: Path, tmp_path: Path) -> None:
    done = run(database, tmp_path, "export", "--out", "x.xlsx", "--since", "01.03.2026")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


@pytest.mark.parametrize("kind", ["missions", "organisations", "flows"])
def test_chart(database: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.png"
    done = run(database, tmp_path, "chart", kind, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert png_size(out.read_bytes()) == (WIDTH_PX, HEIGHT_PX)
