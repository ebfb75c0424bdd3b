"""/mission: the latest mission card, with buttons to page to earlier ones."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.editing import edit_in_place
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as texts
from govdigest.storage import Repos


class MissionPage(CallbackData, prefix="mission"):
    offset: int


async def _render(repos: Repos, offset: int) -> tuple[str, InlineKeyboardMarkup | None] | None:
    total = await repos.cache.mission_count()
    if total == 0 or offset >= total:
        return None
    page = await repos.cache.missions(offset=offset, limit=1)
    if not page:
        return None
    text = cards.mission_card(page[0], index=offset, total=total)
    if total == 1:
        return text, None
    kb = InlineKeyboardBuilder()
    if offset > 0:
        kb.button(text=cards.NEWER, callback_data=MissionPage(offset=offset - 1))
    if offset + 1 < total:
        kb.button(text=cards.EARLIER, callback_data=MissionPage(offset=offset + 1))
    return text, kb.as_markup()


async def cmd_mission(message: Message, repos: Repos) -> None:
    rendered = await _render(repos, 0)
    if rendered is None:
        await message.answer(
            texts.NO_POSTS if await repos.posts.count() == 0 else texts.NO_MISSIONS
        )
        return
    text, markup = rendered
    await message.answer(text, reply_markup=markup)


async def on_mission_page(query: CallbackQuery, callback_data: MissionPage, repos: Repos) -> None:
    rendered = await _render(repos, callback_data.offset)
    if rendered is None:
        await query.answer(texts.MISSION_GONE, show_alert=True)
        return
    text, markup = rendered
    # Answer first: the spinner stops even if the edit below is refused.
    await query.answer()
    if isinstance(query.message, Message):
        await edit_in_place(query.message, text, markup)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_mission, Command("mission"))
    router.callback_query.register(on_mission_page, MissionPage.filter(F.offset >= 0))
    return router
