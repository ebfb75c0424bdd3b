"""/chart: buttons for the charts; the chosen one is drawn (in a worker thread) and sent as a
photo with a caption."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.reader import reader_zone
from govdigest.bot.texts import reports as texts
from govdigest.config import Settings
from govdigest.reports.build import chart_file
from govdigest.reports.charts import CHART_KINDS
from govdigest.storage import Repos

log = logging.getLogger(__name__)


class ChartPick(CallbackData, prefix="chart"):
    kind: str


def chart_keyboard() -> InlineKeyboardBuilder:
    kb = InlineKeyboardBuilder()
    for kind in CHART_KINDS:
        kb.button(text=texts.CHART_BUTTONS[kind], callback_data=ChartPick(kind=kind))
    kb.adjust(1)
    return kb


async def cmd_chart(message: Message) -> None:
    await message.answer(texts.CHART_PROMPT, reply_markup=chart_keyboard().as_markup())


async def on_chart_pick(
    query: CallbackQuery, callback_data: ChartPick, repos: Repos, settings: Settings
) -> None:
    kind = next((k for k in CHART_KINDS if k == callback_data.kind), None)
    if kind is None or not isinstance(query.message, Message):
        await query.answer(texts.CHART_UNKNOWN, show_alert=True)
        return
    # Answer first: the button's spinner stops while the chart is drawn.
    await query.answer()
    message = query.message
    tz = await reader_zone(repos, settings, message.chat.id)
    chart = await chart_file(repos, kind, tz, texts.CHART_TEXTS)
    if chart is None:
        await message.answer(texts.CHART_NO_DATA[kind])
        return
    photo = BufferedInputFile(chart.content, filename=texts.chart_file_name(kind))
    try:
        await message.answer_photo(
            photo, caption=texts.chart_caption(kind, chart.items, chart.groups)
        )
    except (TelegramAPIError, TelegramNetworkError) as exc:
        log.warning("chart %s to chat %s not sent: %s", kind, message.chat.id, exc)
        await message.answer(texts.CHART_FAILED)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_chart, Command("chart"))
    router.callback_query.register(on_chart_pick, ChartPick.filter(F.kind != ""))
    return router
