"""Charts: the data behind each one (table-driven on the corpus with known answers), PNGs of
the expected size, and Cyrillic labels that the bundled font can draw (a missing glyph is a
warning, and warnings are errors here)."""

from __future__ import annotations

import struct
import warnings
from collections.abc import AsyncIterator
from datetime import UTC, date
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from govdigest.bot.texts.reports import CHART_TEXTS
from govdigest.reports import charts
from govdigest.reports.build import chart_file
from govdigest.reports.charts import CHART_KINDS, ChartText, Flow
from govdigest.storage import Database, Repos
from tests.reports_corpus import load_corpus

RUSSIAN_LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»—№"


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repos]:
    db = await Database.open(tmp_path / "cache.sqlite3")
    try:
        repos = Repos.over(db)
        await load_corpus(repos)
        yield repos
    finally:
        await db.close()


def test_the_chart_font_has_every_russian_letter() -> None:
    path = font_manager.findfont(
        font_manager.FontProperties(family=charts.FONT_FAMILY), fallback_to_default=False
    )
    font = FT2Font(path)
    missing = [ch for ch in RUSSIAN_LETTERS if font.get_char_index(ord(ch)) == 0]
    assert missing == []
    # The font ships inside matplotlib's own package, not with the host.
    assert "matplotlib" in Path(path).parts


def test_a_missing_glyph_would_fail_the_tests() -> None:
    # The check above is worth something only if a glyph the font lacks is noticed.
    with pytest.warns(UserWarning, match="[Gg]lyph"):
        charts.render_organisations([("漢字 компания", 3)], ChartText(title="Проверка"))


async def test_missions_by_month_counts(repos: Repos) -> None:
    missions = (await repos.exports.load()).missions
    data = charts.missions_by_month(missions, UTC, other="Другие", top=1)
    assert data.months == (
        date(2026, 3, 1),
        date(2026, 4, 1),
        date(2026, 5, 1),
        date(2026, 6, 1),
    )
    # Озёрская (2 missions) and Заречная (2) tie: the top one is by name, the rest "Другие".
    assert data.series == (
        ("Заречная область", (0, 1, 0, 1)),
        ("Другие", (1, 0, 1, 0)),
    )


async def test_flows_and_top_organisations(repos: Repos) -> None:
    missions = (await repos.exports.load()).missions
    assert charts.delegation_flows(missions) == [
        Flow("Заречная область", "Восточная республика", 1),
        Flow("Заречная область", "Озёрская область", 1),
        Flow("Озёрская область", "Восточная республика", 1),
        Flow("Озёрская область", "Пермский край", 1),
    ]
    top = charts.top_organisations(await repos.cache.organisations())
    assert top[0] == ("Лесхим", 2)
    assert len(top) == 4


@pytest.mark.parametrize("kind", CHART_KINDS)
async def test_chart_png_of_the_expected_size(repos: Repos, kind: charts.ChartKind) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph, a layout problem: all fail here
        chart = await chart_file(repos, kind, UTC, CHART_TEXTS)
    assert chart is not None
    assert chart.items > 0
    assert png_size(chart.content) == (charts.WIDTH_PX, charts.HEIGHT_PX)
    assert any("\u0400" <= ch <= "\u04ff" for ch in CHART_TEXTS[kind].title)


async def test_nothing_to_draw_on_an_empty_cache(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "empty.sqlite3")
    try:
        for kind in CHART_KINDS:
            assert await chart_file(Repos.over(db), kind, UTC, CHART_TEXTS) is None
    finally:
        await db.close()
    with pytest.raises(ValueError, match="no flows"):
        charts.render_flows([], ChartText(title="—"))
