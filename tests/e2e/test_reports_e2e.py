"""End to end through the emulator and the shim: /export sends a workbook that matches the
bot's cache, /chart sends a PNG of the expected size, an inline query is answered."""

from __future__ import annotations

import io
import sqlite3
import zipfile

from openpyxl import load_workbook

from govdigest.bot.texts import reports as texts
from govdigest.reports.charts import HEIGHT_PX, WIDTH_PX
from govdigest.storage.cache import search_key

from .harness import BotProcess, TelegramUser, joined
from .media import ask_inline, wait_upload
from .shim_media import image_size


def _cache(bot: BotProcess, sql: str) -> set[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{bot.env['DATABASE_PATH']}?mode=ro", uri=True)
    try:
        return set(conn.execute(sql))
    finally:
        conn.close()


def test_export_sends_a_workbook_equal_to_the_cache(
    tg_user: TelegramUser, govdigest_bot: BotProcess
) -> None:
    after = tg_user.shim.last_seq()
    replies = tg_user.send("/export")
    assert "Выгрузка (за всё время)" in joined(replies)
    call, upload = wait_upload(tg_user, "sendDocument", after=after)
    assert upload.filename == "govdigest_all.xlsx"
    document = call.result["document"]
    assert document["file_name"] == upload.filename and document["file_size"] == upload.size
    book = load_workbook(io.BytesIO(upload.data))
    assert book.sheetnames == ["Миссии", "Организации", "Цитаты"]
    organisations = {row[1] for row in book["Организации"].iter_rows(min_row=2, values_only=True)}
    assert organisations == {r[0] for r in _cache(govdigest_bot, "SELECT name FROM companies")}
    quotes = {(r[1], r[3]) for r in book["Цитаты"].iter_rows(min_row=2, values_only=True)}
    assert quotes == _cache(govdigest_bot, "SELECT speaker, text FROM quotes")
    missions = [r for r in book["Миссии"].iter_rows(min_row=2, values_only=True)]
    assert {(r[1], r[3], r[4]) for r in missions} == _cache(
        govdigest_bot, "SELECT leader, delegation_region, destination FROM missions"
    )


def test_export_csv_and_bad_arguments(tg_user: TelegramUser) -> None:
    after = tg_user.shim.last_seq()
    tg_user.send("/export csv")
    _, upload = wait_upload(tg_user, "sendDocument", after=after)
    with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
        assert archive.namelist() == ["missions.csv", "organisations.csv", "quotes.csv"]
        assert archive.read("quotes.csv").startswith(b"\xef\xbb\xbf")
    answer = joined(tg_user.send("/export 32.01.2026"))
    assert "Не понял период «32.01.2026»" in answer and "/export 2026" in answer
    assert "Нечего выгружать (период 01.01.1999–31.12.1999)" in joined(
        tg_user.send("/export 1999")
    )


def test_chart_sends_a_png(tg_user: TelegramUser) -> None:
    menu = tg_user.send("/chart")[-1]
    assert [b.text for b in menu.buttons] == list(texts.CHART_BUTTONS.values())
    after = tg_user.shim.last_seq()
    result = tg_user.press(menu, texts.CHART_BUTTONS["organisations"])
    assert result.answer is not None and result.answer.ok
    call, upload = wait_upload(tg_user, "sendPhoto", after=after)
    assert image_size(upload.data) == (WIDTH_PX, HEIGHT_PX)
    assert call.result["photo"][0]["width"] == WIDTH_PX
    assert call.result["caption"].startswith("🏢 Организации, которые чаще всего встречаются")


def test_inline_query_is_answered_with_cards_and_quotes(
    tg_user: TelegramUser, govdigest_bot: BotProcess
) -> None:
    latest = ask_inline(tg_user, "")
    assert latest.ok, latest.response
    assert latest.params["cache_time"] in ("60", 60)
    results = latest.params["results"]
    kinds = [r["id"][0] for r in results]
    missions = len(_cache(govdigest_bot, "SELECT post_id FROM missions"))
    assert kinds.count("m") == min(missions, 10) and "q" in kinds
    speaker = next(r for r in _cache(govdigest_bot, "SELECT speaker FROM quotes") if r[0])[0]
    surname = speaker.split()[-1]
    found = ask_inline(tg_user, surname)
    assert found.ok
    texts_found = [r["input_message_content"]["message_text"] for r in found.params["results"]]
    assert texts_found and all(
        search_key(surname)[:-1] in search_key(text) for text in texts_found
    )
