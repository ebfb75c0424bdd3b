"""The scheduler: source refresh every REFRESH_INTERVAL_MINUTES, the digest tick every minute."""

from __future__ import annotations

import logging
from datetime import timedelta

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from govdigest.bot import digest_job
from govdigest.bot.app import Services
from govdigest.ingest import IngestReport

log = logging.getLogger(__name__)

REFRESH_JOB_ID = "refresh-sources"


async def refresh_sources(services: Services, *, trigger: str = "schedule") -> IngestReport:
    """Rescan SEEDS_DIR; a failure is logged and recorded, never fatal to the scheduler."""
    try:
        report = await services.ingestor.refresh([services.seeds_dir], trigger=trigger)
    except Exception as exc:
        log.exception("refresh failed")
        async with services.db.transaction():
            await services.repos.ops.record_error("refresh", repr(exc))
        raise
    log.info(
        "refresh trigger=%s new=%d updated=%d unchanged=%d rejected=%d extracted=%d",
        trigger,
        report.new,
        report.updated,
        report.unchanged,
        len(report.rejected),
        report.extracted,
    )
    return report


async def _scheduled_refresh(services: Services) -> None:
    try:
        await refresh_sources(services)
    except Exception:  # already logged and recorded; the next run tries again
        return


def build_scheduler(services: Services, bot: Bot) -> AsyncIOScheduler:
    interval = timedelta(minutes=services.settings.refresh_interval_minutes)
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        _scheduled_refresh,
        IntervalTrigger(minutes=services.settings.refresh_interval_minutes, timezone="UTC"),
        args=(services,),
        id=REFRESH_JOB_ID,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=int(interval.total_seconds()),
        replace_existing=True,
    )
    digest_job.register(scheduler, services, bot)
    return scheduler
