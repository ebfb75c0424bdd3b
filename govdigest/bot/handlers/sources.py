"""/sources for everyone; /addsource and /removesource for admins (mounted behind IsAdmin).

/addsource checks the source's first page before adding it: a channel that does not exist,
hides its web preview or shows no post the parser knows, or a URL that is not a feed, is
refused with the reason. An added source is fetched at once.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from govdigest.bot.digests.splitting import split_html
from govdigest.bot.texts import sources as texts
from govdigest.bot.texts.common import clip, esc
from govdigest.config import Settings
from govdigest.fetching import SourceFetcher
from govdigest.sources.refs import BadSourceRef, parse_source_ref
from govdigest.storage import Repos

log = logging.getLogger(__name__)


async def cmd_sources(message: Message, repos: Repos, settings: Settings) -> None:
    text = texts.sources_list(await repos.sources.all(), ZoneInfo(settings.digest_default_tz))
    for part in split_html(text):
        await message.answer(part)


async def cmd_addsource(
    message: Message, command: CommandObject, repos: Repos, fetcher: SourceFetcher
) -> None:
    args = (command.args or "").split(maxsplit=1)
    if not args:
        await message.answer(texts.ADD_USAGE)
        return
    try:
        ref = parse_source_ref(args[0])
    except BadSourceRef:
        await message.answer(texts.BAD_REF.format(text=esc(clip(args[0]))))
        return
    if await repos.sources.get(ref.key) is not None:
        await message.answer(texts.ALREADY.format(label=esc(ref.label)))
        return
    region = args[1].strip() if len(args) > 1 else None
    record, _created, probe = await fetcher.add(ref, origin="command", region=region)
    user_id = message.from_user.id if message.from_user else None
    if record is None:
        assert probe is not None
        log.info("source refused key=%s status=%s user=%s", ref.key, probe.status, user_id)
        await message.answer(texts.refused(probe.status, ref.label, probe.error))
        return
    log.info("source added key=%s user=%s", record.key, user_id)
    await message.answer(texts.added(record.label, record.title, record.region))
    report = await fetcher.fetch_all([record.key], extract=True)
    fresh = await repos.sources.get(record.key)
    result = report.sources[0] if report.sources else None
    if result is None or fresh is None or result.status != "ok":
        await message.answer(
            texts.fetch_failed(record.label, result.status if result else "error")
        )
        return
    await message.answer(texts.fetched(fresh.label, result.new, fresh.posts_stored))


async def cmd_removesource(message: Message, command: CommandObject, repos: Repos) -> None:
    arg = (command.args or "").strip()
    if not arg:
        await message.answer(texts.REMOVE_USAGE)
        return
    try:
        ref = parse_source_ref(arg.split()[0])
    except BadSourceRef:
        await message.answer(texts.BAD_REF.format(text=esc(clip(arg))))
        return
    record = await repos.sources.get(ref.key)
    if record is None:
        await message.answer(texts.NOT_FOUND)
        return
    async with repos.db.transaction():
        await repos.sources.remove(ref.key)
    log.info("source removed key=%s", ref.key)
    await message.answer(texts.REMOVED.format(label=esc(record.label)))


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_sources, Command("sources"))
    return router


def create_admin_router() -> Router:
    router = Router(name=f"{__name__}.admin")
    router.message.register(cmd_addsource, Command("addsource"))
    router.message.register(cmd_removesource, Command("removesource"))
    return router
