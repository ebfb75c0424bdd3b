"""/mission: the latest mission card, with buttons to page to earlier ones and to open this
mission's companies, its quotes and the post itself. ``/mission Пермь`` finds a mission."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.callbacks import PostCompanies, PostQuotes, PostText
from govdigest.bot.digests.splitting import split_html
from govdigest.bot.editing import edit_in_place
from govdigest.bot.reader import reader_zone
from govdigest.bot.scope import reader_scope
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as texts
from govdigest.bot.texts import follows as follow_texts
from govdigest.bot.texts.common import clip, esc, safe_href
from govdigest.config import Settings
from govdigest.storage import Repos
from govdigest.storage.cache import MissionCard
from govdigest.storage.follows import PostScope


class MissionPage(CallbackData, prefix="mission"):
    offset: int


async def card_keyboard(repos: Repos, card: MissionCard) -> InlineKeyboardBuilder:
    """This card's own buttons: its companies, its quotes, the original post."""
    kb = InlineKeyboardBuilder()
    post_id = card.post.post_id
    row = 0
    if card.companies:
        kb.button(
            text=cards.BTN_COMPANIES.format(n=len(card.companies)),
            callback_data=PostCompanies(post_id=post_id),
        )
        row += 1
    quotes = len(await repos.cache.quotes_of_post(post_id))
    if quotes:
        kb.button(
            text=cards.BTN_QUOTES.format(n=quotes), callback_data=PostQuotes(post_id=post_id)
        )
        row += 1
    href = safe_href(card.post.url)
    if href and card.post.url:
        kb.button(text=cards.BTN_OPEN_POST, url=card.post.url)
    else:
        kb.button(text=cards.BTN_POST_TEXT, callback_data=PostText(post_id=post_id))
    kb.adjust(*([row] if row else []), 1)
    return kb


async def _render(
    repos: Repos, offset: int, tz: tzinfo, scope: PostScope | None = None
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    total = await repos.cache.mission_count(scope=scope)
    if total == 0 or offset >= total:
        return None
    page = await repos.cache.missions(offset=offset, limit=1, scope=scope)
    if not page:
        return None
    text = cards.mission_card(page[0], index=offset, total=total, tz=tz)
    kb = await card_keyboard(repos, page[0])
    paging = InlineKeyboardBuilder()
    if offset > 0:
        paging.button(text=cards.NEWER, callback_data=MissionPage(offset=offset - 1))
    if offset + 1 < total:
        paging.button(text=cards.EARLIER, callback_data=MissionPage(offset=offset + 1))
    kb.attach(paging)
    return text, kb.as_markup()


async def send_card_of_post(message: Message, repos: Repos, post_id: int, tz: tzinfo) -> bool:
    """The card of one post (a deep link ``/start mission_<id>``); False if there is none."""
    card = await repos.cache.mission_of_post(post_id)
    if card is None or card.mission.is_empty:
        return False
    text = cards.mission_card(card, index=0, total=1, tz=tz)
    kb = await card_keyboard(repos, card)
    await message.answer(text, reply_markup=kb.as_markup())
    return True


async def cmd_mission(
    message: Message, command: CommandObject, repos: Repos, settings: Settings
) -> None:
    tz = await reader_zone(repos, settings, message.chat.id)
    query = (command.args or "").strip()
    if query and not query.isdigit():
        await _answer_search(message, repos, query, tz)
        return
    # "/mission 2": the second newest mission, as the page buttons would show it.
    offset = max(int(query) - 1, 0) if query else 0
    scope = await reader_scope(repos, message.chat.id)
    rendered = await _render(repos, offset, tz, scope)
    if rendered is None and offset:
        rendered = await _render(repos, 0, tz, scope)
    if rendered is None:
        if await repos.posts.count() == 0:
            await message.answer(texts.NO_POSTS)
        else:
            await message.answer(
                texts.NO_MISSIONS if scope is None else follow_texts.EMPTY_IN_SCOPE
            )
        return
    text, markup = rendered
    await message.answer(text, reply_markup=markup)


async def _answer_search(message: Message, repos: Repos, query: str, tz: tzinfo) -> None:
    found = await repos.cache.find_missions(query)
    if not found:
        await message.answer(cards.MISSION_NOT_FOUND.format(query=esc(clip(query))))
        return
    card = found[0]
    text = cards.found_mission_card(card, query=query, found=len(found), tz=tz)
    kb = await card_keyboard(repos, card)
    await message.answer(text, reply_markup=kb.as_markup())


async def on_mission_page(
    query: CallbackQuery, callback_data: MissionPage, repos: Repos, settings: Settings
) -> None:
    chat_id = query.message.chat.id if query.message else query.from_user.id
    rendered = await _render(
        repos,
        callback_data.offset,
        await reader_zone(repos, settings, chat_id),
        await reader_scope(repos, chat_id),
    )
    if rendered is None:
        await query.answer(texts.MISSION_GONE, show_alert=True)
        return
    text, markup = rendered
    # Answer first: the spinner stops even if the edit below is refused.
    await query.answer()
    if isinstance(query.message, Message):
        await edit_in_place(query.message, text, markup)


async def on_post_text(
    query: CallbackQuery, callback_data: PostText, repos: Repos, settings: Settings
) -> None:
    post = await repos.posts.get(callback_data.post_id)
    refs = await repos.cache.post_refs([callback_data.post_id])
    if post is None or not refs or not isinstance(query.message, Message):
        await query.answer(cards.POST_GONE, show_alert=True)
        return
    await query.answer()
    tz = await reader_zone(repos, settings, query.message.chat.id)
    for part in split_html(cards.post_text(refs[0], post.text, tz)):
        await query.message.answer(part)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_mission, Command("mission"))
    router.callback_query.register(on_mission_page, MissionPage.filter(F.offset >= 0))
    router.callback_query.register(on_post_text, PostText.filter(F.post_id > 0))
    return router
