"""`govdigest run`: long polling (or a webhook server with WEBHOOK_URL) with the stock aiohttp
session, scheduler in the startup hook."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from aiogram import Bot, Dispatcher
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from govdigest.bot.app import Services, build_bot, build_dispatcher, open_services
from govdigest.bot.digests import job as digest_job
from govdigest.bot.jobs import RefreshElsewhere, build_scheduler, refresh_sources
from govdigest.bot.texts.common import (
    ADMIN_COMMANDS,
    BOT_DESCRIPTION,
    BOT_SHORT_DESCRIPTION,
    PUBLIC_COMMANDS,
)
from govdigest.config import Settings

log = logging.getLogger(__name__)

STARTUP_REFRESH_JOB_ID = "refresh-startup"
INGEST_DRAIN_TIMEOUT = 60.0  # seconds shutdown waits for a refresh in progress
# Telegram unreachable at start-up (the network not up yet, an outage): getMe is retried with
# doubling pauses up to CONNECT_MAX_PAUSE, for CONNECT_PATIENCE seconds in all; then the
# process exits non-zero and its supervisor decides.
CONNECT_FIRST_PAUSE = 1.0
CONNECT_MAX_PAUSE = 60.0
CONNECT_PATIENCE = 600.0


class TelegramUnreachable(RuntimeError):
    """getMe kept failing for ``CONNECT_PATIENCE`` seconds."""


async def wait_for_telegram(
    bot: Bot,
    *,
    first_pause: float = CONNECT_FIRST_PAUSE,
    max_pause: float = CONNECT_MAX_PAUSE,
    patience: float = CONNECT_PATIENCE,
) -> None:
    """Call getMe until it answers; a wrong token (401) is final at once."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    pause = first_pause
    attempt = 0
    while True:
        attempt += 1
        try:
            me = await bot.me()
        except TelegramUnauthorizedError:
            raise
        except (TelegramNetworkError, TelegramServerError) as exc:
            if loop.time() + pause > deadline:
                raise TelegramUnreachable(
                    f"Telegram did not answer getMe in {patience:.0f} s ({attempt} attempts)"
                ) from exc
            log.warning(
                "Telegram unreachable (attempt %d): %s; retrying in %.0f s", attempt, exc, pause
            )
            await asyncio.sleep(pause)
            pause = min(pause * 2, max_pause)
            continue
        log.info("connected to Telegram as @%s (id %s)", me.username, me.id)
        return


async def _startup_refresh(services: Services) -> None:
    try:
        await refresh_sources(services, trigger="startup")
    except RefreshElsewhere as exc:
        log.info("start-up refresh skipped: %s", exc)
    except Exception:
        log.error("start-up refresh failed; serving the existing cache")


async def set_commands(bot: Bot, settings: Settings) -> None:
    """Public menu for everyone; admins get their commands in a per-chat scope."""
    public = [BotCommand(command=c, description=d) for c, d in PUBLIC_COMMANDS]
    admin = public + [BotCommand(command=c, description=d) for c, d in ADMIN_COMMANDS]
    try:
        await bot.set_my_commands(public, scope=BotCommandScopeDefault())
    except (TelegramAPIError, TelegramNetworkError) as exc:
        log.warning("setMyCommands failed: %s", exc)
    for admin_id in sorted(settings.admin_ids):
        try:
            await bot.set_my_commands(admin, scope=BotCommandScopeChat(chat_id=admin_id))
        except (TelegramAPIError, TelegramNetworkError) as exc:
            # "chat not found" until the admin has written to the bot once.
            log.warning("admin command menu for %s not set: %s", admin_id, exc)


async def set_descriptions(bot: Bot) -> None:
    """What a new user sees before pressing Start (the empty chat) and in the bot's profile."""
    try:
        await bot.set_my_description(description=BOT_DESCRIPTION)
        await bot.set_my_short_description(short_description=BOT_SHORT_DESCRIPTION)
    except (TelegramAPIError, TelegramNetworkError) as exc:
        log.warning("bot description not set: %s", exc)


async def run_bot(settings: Settings) -> None:
    services = await open_services(settings)
    bot = build_bot(settings)
    try:
        await wait_for_telegram(bot)
    except BaseException:
        await bot.session.close()
        await services.close()
        raise
    dp = build_dispatcher(services)
    scheduler = build_scheduler(services, bot)

    async def on_startup(bot: Bot) -> None:
        await set_commands(bot, settings)
        await set_descriptions(bot)
        # Polling starts at once; the start-up rescan (a full re-extraction after an
        # EXTRACTOR_VERSION bump) runs as a scheduler job meanwhile, serving the existing cache.
        scheduler.start()
        scheduler.add_job(
            _startup_refresh,
            args=(services,),
            id=STARTUP_REFRESH_JOB_ID,
            next_run_time=datetime.now(UTC),
            misfire_grace_time=None,
            replace_existing=True,
        )

    async def on_shutdown() -> None:
        # No new runs; the digest run in progress finishes its sends in flight and records
        # them, the ingestion in progress its batch; only then does the database close.
        if scheduler.running:
            scheduler.shutdown(wait=False)
        await digest_job.stop_running_ticks()
        try:
            await asyncio.wait_for(services.fetcher.drain(), timeout=INGEST_DRAIN_TIMEOUT)
            await asyncio.wait_for(services.ingestor.drain(), timeout=INGEST_DRAIN_TIMEOUT)
        except TimeoutError:
            log.warning("ingestion still running at shutdown; closing anyway")
        await services.close()

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    if settings.webhook_url:
        # Imported here: aiohttp's server side is not needed by a polling bot.
        from govdigest.bot.webhook import run_webhook

        await run_webhook(dp, bot, services)
    else:
        await _poll(dp, bot, services)


async def _poll(dp: Dispatcher, bot: Bot, services: Services) -> None:
    try:
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types())
    finally:
        await bot.session.close()
