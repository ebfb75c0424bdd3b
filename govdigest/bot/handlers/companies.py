"""/companies: the latest mission's companies; /companies all: totals over every post."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from govdigest.bot.splitting import split_html
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as texts
from govdigest.storage import Repos

ALL_WORDS = frozenset({"all", "все", "всё"})
MISSIONS_SCANNED = 20


async def cmd_companies(message: Message, command: CommandObject, repos: Repos) -> None:
    if await repos.posts.count() == 0:
        await message.answer(texts.NO_POSTS)
        return
    if (command.args or "").strip().casefold() in ALL_WORDS:
        rows = await repos.cache.company_totals(limit=200)
        text = cards.company_totals(rows) if rows else cards.NO_COMPANIES_AT_ALL
    else:
        # The newest mission that names companies; a mission without a list is skipped.
        recent = await repos.cache.missions(limit=MISSIONS_SCANNED)
        card = next((c for c in recent if c.companies), None)
        if card is not None:
            text = cards.company_list(card)
        elif recent:
            text = cards.NO_COMPANIES
        else:
            text = texts.NO_MISSIONS
    for part in split_html(text):
        await message.answer(part)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_companies, Command("companies"))
    return router
