"""/quotes: the newest post's key quotes, a few at a time; /quotes <name>: one speaker's
quotes (any case form, or an initial and a surname). Speakers known to the cache are offered
as buttons when a name finds nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.callbacks import PostQuotes, SpeakerQuotes
from govdigest.bot.digests.splitting import split_html
from govdigest.bot.reader import reader_zone
from govdigest.bot.scope import reader_scope
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as texts
from govdigest.bot.texts import follows as follow_texts
from govdigest.config import Settings
from govdigest.storage import Repos
from govdigest.storage.cache import QuoteEntry

PAGE = 4  # quotes per answer: a reader wants three to five, not the whole post
SPEAKER_BUTTONS = 8
SPEAKER_QUOTES = 50


def _page(
    entries: Sequence[QuoteEntry], offset: int, more: CallbackData | None
) -> tuple[list[QuoteEntry], int, InlineKeyboardMarkup | None]:
    shown = list(entries[offset : offset + PAGE])
    rest = max(len(entries) - offset - len(shown), 0)
    markup = None
    if rest and more is not None:
        kb = InlineKeyboardBuilder()
        kb.button(text=cards.QUOTES_MORE.format(n=rest), callback_data=more)
        markup = kb.as_markup()
    return shown, rest, markup


async def _send(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    parts = split_html(text)
    for i, part in enumerate(parts):
        await message.answer(part, reply_markup=markup if i == len(parts) - 1 else None)


def speaker_title(entries: Sequence[QuoteEntry], typed: str) -> str:
    """The header names the speaker in their normal form when the query found one person."""
    names = {e.quote.speaker for e in entries if e.quote.speaker}
    name = names.pop() if len(names) == 1 else texts.clip(typed)
    return cards.QUOTES_BY_TITLE.format(name=name)


async def speakers_keyboard(repos: Repos) -> InlineKeyboardMarkup | None:
    speakers = await repos.cache.speakers(limit=SPEAKER_BUTTONS)
    if not speakers:
        return None
    kb = InlineKeyboardBuilder()
    for speaker in speakers:
        kb.button(
            text=texts.clip(speaker.name, 40),
            callback_data=SpeakerQuotes(quote_id=speaker.quote_id),
        )
    kb.adjust(2)
    return kb.as_markup()


async def cmd_quotes(
    message: Message, command: CommandObject, repos: Repos, settings: Settings
) -> None:
    if await repos.posts.count() == 0:
        await message.answer(texts.NO_POSTS)
        return
    tz = await reader_zone(repos, settings, message.chat.id)
    name = (command.args or "").strip()
    scope = await reader_scope(repos, message.chat.id)
    if name:
        entries = await repos.cache.quotes_by_speaker(name, limit=SPEAKER_QUOTES, scope=scope)
        if not entries:
            speakers = await speakers_keyboard(repos)
            text = cards.quotes_not_found(name, await repos.cache.speakers(limit=1))
            await message.answer(text, reply_markup=speakers)
            return
        handle = await repos.cache.speaker_handle(entries[0].quote.speaker or "")
        more = SpeakerQuotes(quote_id=handle, offset=PAGE) if handle is not None else None
        shown, rest, markup = _page(entries, 0, more)
        title = speaker_title(entries, name)
        await _send(message, cards.quote_list(shown, title=title, more=rest, tz=tz), markup)
        return
    post_id = await repos.cache.latest_quote_post(scope=scope)
    if post_id is None:
        if scope is not None:
            await message.answer(follow_texts.EMPTY_IN_SCOPE)
            return
        await message.answer(cards.NO_QUOTES, reply_markup=await speakers_keyboard(repos))
        return
    await _send_post_quotes(message, repos, post_id, 0, tz)


async def _send_post_quotes(
    message: Message, repos: Repos, post_id: int, offset: int, tz: tzinfo
) -> bool:
    entries = await repos.cache.quotes_of_post(post_id)
    if not entries:
        return False
    shown, rest, markup = _page(entries, offset, PostQuotes(post_id=post_id, offset=offset + PAGE))
    if not shown:
        return False
    await _send(
        message, cards.quote_list(shown, title=cards.QUOTES_TITLE, more=rest, tz=tz), markup
    )
    return True


async def on_post_quotes(
    query: CallbackQuery, callback_data: PostQuotes, repos: Repos, settings: Settings
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(cards.POST_GONE, show_alert=True)
        return
    tz = await reader_zone(repos, settings, query.message.chat.id)
    if await repos.cache.mission_of_post(callback_data.post_id) is None:
        await query.answer(cards.POST_GONE, show_alert=True)
        return
    await query.answer()
    if not await _send_post_quotes(
        query.message, repos, callback_data.post_id, callback_data.offset, tz
    ):
        await query.message.answer(cards.NO_QUOTES_IN_POST)


async def on_speaker_quotes(
    query: CallbackQuery, callback_data: SpeakerQuotes, repos: Repos, settings: Settings
) -> None:
    speaker = await repos.cache.speaker_of_quote(callback_data.quote_id)
    if speaker is None or not isinstance(query.message, Message):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    tz = await reader_zone(repos, settings, query.message.chat.id)
    entries = [
        e
        for e in await repos.cache.quotes_by_speaker(speaker, limit=SPEAKER_QUOTES)
        if e.quote.speaker == speaker
    ]
    more = SpeakerQuotes(quote_id=callback_data.quote_id, offset=callback_data.offset + PAGE)
    shown, rest, markup = _page(entries, callback_data.offset, more)
    if not shown:
        await query.message.answer(texts.STALE_BUTTON)
        return
    title = cards.QUOTES_BY_TITLE.format(name=speaker)
    await _send(query.message, cards.quote_list(shown, title=title, more=rest, tz=tz), markup)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_quotes, Command("quotes"))
    router.callback_query.register(on_post_quotes, PostQuotes.filter(F.offset >= 0))
    router.callback_query.register(on_speaker_quotes, SpeakerQuotes.filter(F.offset >= 0))
    return router
