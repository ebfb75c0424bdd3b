"""The composition root: settings → database → repositories → extractor → dispatcher."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from govdigest.bot.albums import AlbumCollector
from govdigest.bot.digests.lease import InstanceLease
from govdigest.bot.handlers import get_routers
from govdigest.bot.handlers.channels import ChannelNotices
from govdigest.bot.middlewares import (
    ReplyScopeMiddleware,
    ThrottlingMiddleware,
    UpdateLogMiddleware,
)
from govdigest.bot.texts.common import TOO_FAST
from govdigest.config import Settings
from govdigest.extraction.pipeline import Extractor, NlpModels
from govdigest.fetching import SourceFetcher
from govdigest.ingest import Ingestor
from govdigest.services import open_core
from govdigest.storage import Database, Repos
from govdigest.timeutil import utc_now

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


@dataclass
class Services:
    """Everything long-lived, created once and closed once."""

    settings: Settings
    db: Database
    repos: Repos
    extractor: Extractor
    ingestor: Ingestor
    fetcher: SourceFetcher
    clock: Clock = utc_now
    extras: dict[str, object] = field(default_factory=dict)
    # This process as one of several instances on the database (its heartbeat and leases);
    # set with the scheduler. None for one-shot tools (`govdigest ingest`, the console chat).
    instance: InstanceLease | None = None
    refresh_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def seeds_dir(self) -> Path:
        return Path(self.settings.seeds_dir)

    async def close(self) -> None:
        try:
            await self.fetcher.close()
        finally:
            await self.db.close()


async def open_services(
    settings: Settings, *, clock: Clock = utc_now, models: NlpModels | None = None
) -> Services:
    core = await open_core(settings, clock=clock, models=models)
    return Services(
        settings=settings,
        db=core.db,
        repos=core.repos,
        extractor=core.extractor,
        ingestor=core.ingestor,
        fetcher=core.fetcher,
        clock=clock,
    )


def build_dispatcher(services: Services, *, throttle: bool = True) -> Dispatcher:
    """The dispatcher with its workflow data; ``throttle=False`` for the local console chat."""
    dp = Dispatcher(
        services=services,
        settings=services.settings,
        repos=services.repos,
        ingestor=services.ingestor,
        fetcher=services.fetcher,
        clock=services.clock,
        albums=AlbumCollector(),
        channel_notices=ChannelNotices(),
    )
    dp.update.outer_middleware(UpdateLogMiddleware())
    dp.update.outer_middleware(ReplyScopeMiddleware())
    if throttle:
        # The services' clock, so that tests move time instead of sleeping.
        throttling = ThrottlingMiddleware(
            services.settings.throttle_rate,
            TOO_FAST,
            clock=lambda: services.clock().timestamp(),
            exempt=services.settings.admin_ids,
        )
        dp.message.outer_middleware(throttling)
        dp.callback_query.outer_middleware(throttling)
    dp.include_routers(*get_routers(services.settings))
    return dp


def build_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    token = settings.bot_token.get_secret_value() if settings.bot_token else "0:local"
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
