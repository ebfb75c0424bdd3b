"""/quotes: the newest post's key quotes; /quotes <name>: one speaker's quotes."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from govdigest.bot.splitting import split_html
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as texts
from govdigest.storage import Repos

# A user may type up to 4096 characters after /quotes; echoing all of them back inside the
# answer's template would push it over Telegram's limit.


async def cmd_quotes(message: Message, command: CommandObject, repos: Repos) -> None:
    if await repos.posts.count() == 0:
        await message.answer(texts.NO_POSTS)
        return
    name = (command.args or "").strip()
    if name:
        entries = await repos.cache.quotes_by_speaker(name)
        if not entries:
            await message.answer(cards.QUOTES_NOT_FOUND.format(name=texts.esc(texts.clip(name))))
            return
        text = cards.quote_list(entries, title=cards.QUOTES_BY_TITLE.format(name=texts.clip(name)))
    else:
        entries = await repos.cache.latest_quotes(limit=12)
        if not entries:
            await message.answer(cards.NO_QUOTES)
            return
        text = cards.quote_list(entries, title=cards.QUOTES_TITLE)
    for part in split_html(text):
        await message.answer(part)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_quotes, Command("quotes"))
    return router
