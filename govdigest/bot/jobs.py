"""The scheduler: source refresh every REFRESH_INTERVAL_MINUTES, the digest tick every minute."""

from __future__ import annotations

import logging
from datetime import timedelta

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from govdigest import services as services_core
from govdigest.bot.app import Services
from govdigest.bot.digests import job as digest_job
from govdigest.bot.digests.tick import lease_for
from govdigest.fetching import FetchReport
from govdigest.ingest import IngestReport
from govdigest.sources.models import RejectedFile
from govdigest.storage.coordination import REFRESH

log = logging.getLogger(__name__)

REFRESH_JOB_ID = "refresh-sources"


async def add_configured_sources(services: Services) -> int:
    """The settings' ``SOURCES`` not in the database yet, added unprobed; how many."""
    return await services_core.add_configured_sources(
        services.settings, services.repos, services.fetcher
    )


def _as_ingest(fetched: FetchReport) -> IngestReport:
    return IngestReport(
        new=fetched.new,
        updated=fetched.updated,
        unchanged=fetched.unchanged,
        rejected=[
            RejectedFile(r.label, f"{r.status}: {r.error}" if r.error else r.status)
            for r in fetched.problems
        ],
    )


class RefreshElsewhere(RuntimeError):
    """Another instance on the same database is refreshing the sources right now."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"instance {holder} is refreshing the sources")
        self.holder = holder


async def refresh_sources(services: Services, *, trigger: str = "schedule") -> IngestReport:
    """Fetch the remote sources, rescan SEEDS_DIR, extract what is new; a failure is logged
    and recorded, never fatal to the scheduler (one failing source is not a failure).

    With several instances on one database, one refreshes at a time: the ``refresh`` lease
    is held for the whole run (``RefreshElsewhere`` if another instance has it). Within this
    process, runs take turns (the job and /refresh), so that the lease outlives both.
    """
    async with services.refresh_lock:
        lease = services.instance
        if lease is not None and not await lease.take(REFRESH):
            holder = await lease.holder(REFRESH)
            raise RefreshElsewhere(holder.holder if holder else "?")
        try:
            return await _refresh(services, trigger)
        finally:
            if lease is not None:
                await lease.give_up(REFRESH)


async def _refresh(services: Services, trigger: str) -> IngestReport:
    try:
        started = services.clock()
        await add_configured_sources(services)
        fetched = await services.fetcher.fetch_all(extract=False)
        report = await services.ingestor.refresh(
            [services.seeds_dir], trigger=trigger, remote=_as_ingest(fetched), started=started
        )
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
    except RefreshElsewhere as exc:
        log.info("refresh skipped: %s", exc)
    except Exception:  # already logged and recorded; the next run tries again
        return


def build_scheduler(services: Services, bot: Bot) -> AsyncIOScheduler:
    """The jobs of one instance; its lease (heartbeat job) also holds the refresh lease."""
    if services.instance is None:
        services.instance = lease_for(services)
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
    digest_job.register(scheduler, services, bot, services.instance)
    return scheduler
