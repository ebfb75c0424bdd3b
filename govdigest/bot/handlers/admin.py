"""Operators' commands: /refresh rescans the sources now, /stats shows the state of the bot.

``router`` is mounted behind the ``IsAdmin`` filter in ``get_routers``; ``refusals`` answers
everyone else politely instead of letting the commands fall through to the generic hint.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from govdigest.bot.texts import admin as texts
from govdigest.bot.texts.common import ADMIN_COMMANDS
from govdigest.config import Settings
from govdigest.storage import Repos

if TYPE_CHECKING:
    from collections.abc import Callable

    from govdigest.bot.app import Services

log = logging.getLogger(__name__)

ADMIN_COMMAND_NAMES = tuple(name for name, _ in ADMIN_COMMANDS)
RECENT_ERRORS = 5


async def cmd_refresh(message: Message, services: Services) -> None:
    # Imported here: ``jobs`` imports ``app``, which imports the handlers.
    from govdigest.bot.jobs import RefreshElsewhere, refresh_sources

    try:
        report = await refresh_sources(services, trigger="command")
    except RefreshElsewhere:
        await message.answer(texts.REFRESH_ELSEWHERE)
        return
    except Exception as exc:  # logged and recorded by refresh_sources
        await message.answer(texts.refresh_failed(exc))
        return
    await message.answer(texts.refresh_report(report))


async def cmd_stats(
    message: Message, repos: Repos, settings: Settings, clock: Callable[[], datetime]
) -> None:
    tz = ZoneInfo(settings.digest_default_tz)
    day_start, day_end = _local_day(clock(), tz)
    snapshot = texts.StatsSnapshot(
        posts=await repos.posts.count(),
        missions=await repos.cache.mission_count(),
        companies=await repos.cache.company_count(),
        quotes=await repos.cache.quote_count(),
        subscribers=await repos.subscribers.counts(),
        deliveries_today=await repos.deliveries.count_on(day_start, day_end),
        last_refresh=await repos.ops.last_refresh(),
        errors=await repos.ops.recent_errors(RECENT_ERRORS),
        sources=await repos.sources.all(),
    )
    await message.answer(texts.stats_text(snapshot, tz))


async def cmd_admin_refused(message: Message) -> None:
    user_id = message.from_user.id if message.from_user else None
    log.info("admin command refused user=%s", user_id)
    await message.answer(texts.REFUSED)


def _local_day(now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Today's bounds in the bot's default time zone (DST-safe: midnight to next midnight)."""
    today = now.astimezone(tz).date()
    start = datetime.combine(today, time(0), tzinfo=tz)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)
    return start, end


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_refresh, Command("refresh"))
    router.message.register(cmd_stats, Command("stats"))
    return router


def create_refusals_router() -> Router:
    """The admin commands for everyone else: a polite refusal."""
    router = Router(name=f"{__name__}.refusals")
    router.message.register(cmd_admin_refused, Command(*ADMIN_COMMAND_NAMES))
    return router
