"""``govdigest chat`` in-process: stdin lines → real updates → the same dispatcher → plain text."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from aiogram.methods import AnswerCallbackQuery, GetMe, SendMessage
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from govdigest.bot.console import ConsolePrinter, html_to_plain, run_console
from govdigest.bot.local_session import SentRequest
from govdigest.bot.texts import common as texts
from govdigest.config import Settings
from tests.conftest import DATA_DIR


async def chat(settings: Settings, *lines: str) -> str:
    out = io.StringIO()
    await run_console(settings, stdin=io.StringIO("".join(f"{ln}\n" for ln in lines)), out=out)
    return out.getvalue()


async def test_console_prints_the_seed_answers_as_plain_text(settings: Settings) -> None:
    out = await chat(settings, "/mission", "", "   ", "/companies", "/quotes Комарова")
    assert "Миссия" in out and "Текслер" in out
    assert len(re.findall(r"^\d+\. ", out, re.MULTILINE)) == 12
    # The header names the speaker in the normal form, whatever case the reader typed.
    assert "Цитаты: Наталья Комарова" in out
    assert not re.search(r"</?(b|i|a)\b", out)
    assert "&laquo;" not in out and "&amp;" not in out
    # Three answers for three commands: blank lines were skipped, not answered.
    assert out.count("Источник:") == 3


async def test_console_presses_buttons_by_number(settings: Settings) -> None:
    shutil.copytree(DATA_DIR / "missions", f"{settings.seeds_dir}/missions")
    # Every card numbers its own buttons first (companies, quotes, the seed's post text; a
    # link to a post is a URL button, not a numbered one), then the paging buttons.
    out = await chat(settings, "/mission", "#4", "#4", "#3")
    cards = out.split("Миссия")[1:]
    assert [re.match(r" \((\d) из 4\)", c).group(1) for c in cards] == ["1", "2", "3", "2"]
    assert "[#4 Ранее ▸]" in cards[0]
    assert "[#3 ◂ Новее]  [#4 Ранее ▸]" in cards[1]


async def test_a_number_without_buttons_is_just_text(settings: Settings) -> None:
    out = await chat(settings, "#3")
    assert out.strip() == texts.FALLBACK


def test_html_to_plain_keeps_link_targets_and_unescapes() -> None:
    html = (
        "<b>Светлов</b> &amp; партнёры: &lt;цитата&gt; "
        '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">пост</a>'
    )
    assert html_to_plain(html) == (
        'Светлов & партнёры: <цитата> пост (https://example.org/?a=1&b="2")'
    )


def test_printer_shows_messages_buttons_and_alerts_only() -> None:
    out = io.StringIO()
    printer = ConsolePrinter(out)
    printer(SentRequest(GetMe(), {}))
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text="Ранее ▸", callback_data="mission:1")],
            [InlineKeyboardButton(text="Сайт", url="https://example.org")],
        ]
    )
    send = SendMessage(chat_id=1, text="<b>Карточка</b>", reply_markup=markup)
    printer(SentRequest(send, send.model_dump()))
    alert = AnswerCallbackQuery(callback_query_id="1", text="Устарело", show_alert=True)
    printer(SentRequest(alert, alert.model_dump()))
    assert out.getvalue() == "Карточка\n[#1 Ранее ▸]\n\n[Устарело]\n\n"
    assert printer.buttons == [("Ранее ▸", "mission:1")]  # URL buttons cannot be pressed


async def test_an_empty_cache_waits_for_the_seeds_before_reading(settings: Settings) -> None:
    """`printf '/digest\\n' | govdigest chat` on a fresh database: the digest has the post.

    A post published just now: the undated 2022 seed is not news in a digest (issue 9)."""
    post = {
        "text": "Губернатор открыл мост через Уй\nДвижение по мосту открыто сегодня.",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    fresh = Path(settings.seeds_dir) / "today.json"
    fresh.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    out, notice = io.StringIO(), io.StringIO()
    await run_console(settings, stdin=io.StringIO("/digest\n"), out=out, notice=notice)
    assert notice.getvalue().count("\n") == 1 and "Кэш пуст" in notice.getvalue()
    assert "Дайджест" in out.getvalue() and "новых публикаций нет" not in out.getvalue()
    # With posts in the cache it answers at once, refreshing meanwhile, and says nothing.
    again, quiet = io.StringIO(), io.StringIO()
    await run_console(settings, stdin=io.StringIO("/companies\n"), out=again, notice=quiet)
    assert quiet.getvalue() == "" and "1. " in again.getvalue()
