"""/export, /chart and inline queries through ``Dispatcher.feed_update`` on a real cache."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendDocument, SendPhoto
from aiogram.types import BufferedInputFile, InlineQuery, Update
from openpyxl import load_workbook

from govdigest.bot.texts import reports as texts
from tests.bot.conftest import BotEnv, assert_telegram_html, button_labels, make_user
from tests.reports_corpus import load_corpus
from tests.unit.test_reports_charts import png_size

_ids = itertools.count(90_000)


def inline_update(query: str) -> Update:
    n = next(_ids)
    return Update(
        update_id=n,
        inline_query=InlineQuery(id=f"iq{n}", from_user=make_user(), query=query, offset=""),
    )


async def test_export_sends_a_workbook_of_the_selection(bot_env: BotEnv) -> None:
    await load_corpus(bot_env.services.repos)
    sent = await bot_env.send("/export 01.03.2026-31.05.2026 Озёрская")
    documents = [r for r in sent if r.name == "SendDocument"]
    assert len(documents) == 1
    document = documents[0].method.document
    assert isinstance(document, BufferedInputFile)
    assert document.filename == "govdigest_2026-03-01_2026-05-31.xlsx"
    caption = str(documents[0].method.caption)
    assert "миссий — 3" in caption and "регион «Озёрская»" in caption
    assert_telegram_html(caption)
    book = load_workbook(io.BytesIO(document.data))
    assert book["Миссии"].max_row == 1 + 3


async def test_export_refuses_bad_arguments_and_says_when_nothing_matches(
    bot_env: BotEnv,
) -> None:
    sent = await bot_env.send("/export")
    assert bot_env.session.texts()[-1] == texts.EXPORT_EMPTY_CACHE
    await load_corpus(bot_env.services.repos)
    sent = await bot_env.send("/export 31.02.2026")
    assert [r.name for r in sent] == ["SendMessage"]
    assert "31.02.2026" in sent[0].params["text"] and "Примеры" in sent[0].params["text"]
    sent = await bot_env.send("/export 2024 Озёрская")
    assert [r.name for r in sent] == ["SendMessage"]
    assert (
        sent[0]
        .params["text"]
        .startswith("Нечего выгружать (период 01.01.2024–31.12.2024, регион «Озёрская»)")
    )


async def test_chart_buttons_send_a_photo(bot_env: BotEnv) -> None:
    await load_corpus(bot_env.services.repos)
    sent = await bot_env.send("/chart")
    assert button_labels(sent[0]) == list(texts.CHART_BUTTONS.values())
    captions = {
        "missions": "📈 Миссии по месяцам: 4 миссии из 2 регионов.",
        "organisations": "🏢 Организации, которые чаще всего встречаются в постах: топ-4.",
        "flows": "🧭 Куда ездят делегации: 4 направления; толщина линии — число миссий.",
    }
    for kind, label in texts.CHART_BUTTONS.items():
        pressed = await bot_env.press(label)
        photos = [r for r in pressed if r.name == "SendPhoto"]
        assert len(photos) == 1, [r.name for r in pressed]
        photo = photos[0].method.photo
        assert isinstance(photo, BufferedInputFile)
        assert png_size(photo.data) == (1200, 700)
        assert photos[0].method.caption == captions[kind]


async def test_chart_with_nothing_to_draw_says_what_it_needs(bot_env: BotEnv) -> None:
    await bot_env.send("/chart")
    for kind, label in texts.CHART_BUTTONS.items():
        pressed = await bot_env.press(label)
        assert [r.name for r in pressed] == ["AnswerCallbackQuery", "SendMessage"]
        assert pressed[-1].params["text"] == texts.CHART_NO_DATA[kind]


async def test_inline_query_offers_matching_cards_and_quotes(bot_env: BotEnv) -> None:
    await load_corpus(bot_env.services.repos)
    sent = await bot_env.feed(inline_update("пермь"))
    assert [r.name for r in sent] == ["AnswerInlineQuery"]
    method = sent[0].method
    assert method.cache_time == 60
    ids = [r.id for r in method.results]
    # The May mission (destination Пермский край) and the quote naming Perm.
    assert len(ids) == 2 and ids[0].startswith("m") and ids[1].startswith("q")
    assert method.results[0].title == "🧭 Анна Петрова → Пермский край"
    assert method.results[0].description == "19 мая 2026"
    assert method.results[1].title == "💬 Анна Петрова"
    for result in method.results:
        assert_telegram_html(result.input_message_content.message_text)
    assert "https://t.me/test_gov/2" in method.results[1].input_message_content.message_text
    latest = (await bot_env.feed(inline_update("")))[0].method
    assert [r.id[0] for r in latest.results] == ["m"] * 4 + ["q"] * 4
    nothing = (await bot_env.feed(inline_update("<камчатка>")))[0].method
    assert [r.id for r in nothing.results] == ["none"]
    assert "&lt;камчатка&gt;" in nothing.results[0].input_message_content.message_text


async def test_a_refused_upload_is_told_and_logged(
    bot_env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await load_corpus(bot_env.services.repos)
    session = bot_env.session
    refuse = session._refuse_like_telegram

    def refuse_files(method: Any, params: dict[str, Any]) -> None:
        # Telegram's side (an edge we do not own) refuses the file; the handler must say so.
        if isinstance(method, SendDocument | SendPhoto):
            raise TelegramBadRequest(method=method, message="Bad Request: file is too big")
        refuse(method, params)

    monkeypatch.setattr(session, "_refuse_like_telegram", refuse_files)
    sent = await bot_env.send("/export")
    assert sent[-1].params["text"] == texts.EXPORT_FAILED
    assert "file is too big" in caplog.text
    await bot_env.send("/chart")
    pressed = await bot_env.press(texts.CHART_BUTTONS["flows"])
    assert pressed[-1].params["text"] == texts.CHART_FAILED
