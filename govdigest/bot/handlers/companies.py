"""/companies: the latest mission's companies; /companies all: totals over every post;
/companies Название or Регион: one organisation, or the companies of a region's mission."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from govdigest.bot.callbacks import PostCompanies
from govdigest.bot.digests.splitting import split_html
from govdigest.bot.reader import reader_zone
from govdigest.bot.scope import reader_scope
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as texts
from govdigest.bot.texts import follows as follow_texts
from govdigest.config import Settings
from govdigest.storage import Repos
from govdigest.storage.cache import search_key, stem_words

ALL_WORDS = frozenset({"all", "все", "всё"})
MISSIONS_SCANNED = 20


async def cmd_companies(
    message: Message, command: CommandObject, repos: Repos, settings: Settings
) -> None:
    if await repos.posts.count() == 0:
        await message.answer(texts.NO_POSTS)
        return
    tz = await reader_zone(repos, settings, message.chat.id)
    query = " ".join((command.args or "").split())
    scope = await reader_scope(repos, message.chat.id)
    if query.casefold() in ALL_WORDS:
        rows = await repos.cache.company_totals(limit=200, scope=scope)
        text = cards.company_totals(rows) if rows else cards.NO_COMPANIES_AT_ALL
    elif query:
        text = await _search(repos, query, tz)
    else:
        # The newest mission that names companies; a mission without a list is skipped.
        recent = await repos.cache.missions(limit=MISSIONS_SCANNED, scope=scope)
        card = next((c for c in recent if c.companies), None)
        if card is not None:
            text = cards.company_list(card, tz)
        elif recent:
            text = cards.NO_COMPANIES
        else:
            text = texts.NO_MISSIONS if scope is None else follow_texts.EMPTY_IN_SCOPE
    for part in split_html(text):
        await message.answer(part)


async def _search(repos: Repos, query: str, tz: tzinfo) -> str:
    """An organisation by (part of) its name, else the companies of a matching mission."""
    stems = stem_words(query)
    orgs = [
        org
        for org in await repos.cache.organisations()
        if all(
            any(stem in search_key(name) for name in (org.name, *org.variants)) for stem in stems
        )
    ]
    if orgs and stems:
        post_ids = sorted({pid for org in orgs for pid in org.post_ids})
        return cards.company_search(query, orgs[:50], await repos.cache.post_refs(post_ids[:20]))
    missions = [c for c in await repos.cache.find_missions(query) if c.companies]
    if missions:
        return cards.company_list(missions[0], tz)
    return cards.COMPANIES_NOT_UNDERSTOOD.format(query=texts.esc(texts.clip(query)))


async def on_post_companies(
    query: CallbackQuery, callback_data: PostCompanies, repos: Repos, settings: Settings
) -> None:
    card = await repos.cache.mission_of_post(callback_data.post_id)
    if card is None or not isinstance(query.message, Message):
        await query.answer(cards.POST_GONE, show_alert=True)
        return
    await query.answer()
    if not card.companies:
        await query.message.answer(cards.NO_COMPANIES_IN_POST)
        return
    tz = await reader_zone(repos, settings, query.message.chat.id)
    for part in split_html(cards.company_list(card, tz)):
        await query.message.answer(part)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_companies, Command("companies"))
    router.callback_query.register(on_post_companies, PostCompanies.filter(F.post_id > 0))
    return router
