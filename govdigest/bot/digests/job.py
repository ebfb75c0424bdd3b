"""The scheduled digest job: registered with this instance's heartbeat, run at start-up and
every minute (``tick`` is one run), brought forward when a silent instance's claims fall free,
and stopped cleanly at shutdown."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from govdigest.bot.digests.delivery import Sender
from govdigest.bot.digests.lease import InstanceLease
from govdigest.bot.digests.throttle import install_throttle
from govdigest.bot.digests.tick import SHUTDOWN_GRACE, DigestServices, lease_for, run_digest_tick

log = logging.getLogger(__name__)

DIGEST_JOB_ID = "digest-tick"
HEARTBEAT_JOB_ID = "instance-heartbeat"


# The scheduled runs in progress, so that shutdown can stop them before closing the database,
# and the leases of this process, released at shutdown.
_RUNNING: set[asyncio.Task[Any]] = set()
_LEASES: set[InstanceLease] = set()


async def _scheduled_tick(
    services: DigestServices, sender: Sender, lease: InstanceLease, scheduler: Any = None
) -> None:
    task = asyncio.current_task()
    if task is not None:
        _RUNNING.add(task)
    try:
        report = await run_digest_tick(services, None, sender, lease=lease)
    except asyncio.CancelledError:
        # Stopped by ``stop_running_ticks`` at shutdown, its sends in flight recorded: not
        # a failure for the scheduler to report.
        log.info("digest run stopped for shutdown")
        return
    except Exception:
        log.exception("digest run failed; the next run retries")
        return
    finally:
        if task is not None:
            _RUNNING.discard(task)
    if report.due:
        log.info("digest run: %s", report.as_dict())
    if report.retry_at is not None and scheduler is not None:
        _run_again_at(scheduler, report.retry_at)


def _run_again_at(scheduler: Any, moment: datetime) -> None:
    """Bring the next run forward to ``moment`` (when claims of a silent instance fall free)."""
    job = scheduler.get_job(DIGEST_JOB_ID)
    if job is None or (job.next_run_time is not None and job.next_run_time <= moment):
        return
    # Scheduler time, not the services' clock: both are wall-clock time outside tests.
    job.modify(next_run_time=moment)
    log.info("claims of a silent instance fall free at %s: next digest run then", moment)


async def stop_running_ticks(grace: float = SHUTDOWN_GRACE + 5) -> None:
    """Cancel the scheduled runs in progress and wait for them: each lets its sends in flight
    finish and records them (see ``tick._Tick.run``), so no claim is left behind as 'claimed'.
    Then this process's leases are released: anything still claimed is free at once."""
    tasks = [task for task in _RUNNING if not task.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=grace)
        if pending:
            log.warning("%d digest run(s) still busy at shutdown", len(pending))
    for lease in list(_LEASES):
        _LEASES.discard(lease)
        try:
            await lease.release()
        except Exception:
            log.exception("could not release the lease of instance %s", lease.id)


def register(
    scheduler: Any, services: DigestServices, bot: Bot, lease: InstanceLease | None = None
) -> Sender:
    """Add the digest job (at start-up, then every minute at second 0) with this instance's
    heartbeat job, and install the send throttle."""
    settings = services.settings
    install_throttle(
        bot,
        settings.rate_limit_global,
        settings.rate_limit_per_chat,
        burst=settings.rate_limit_chat_burst,
        group_per_minute=settings.rate_limit_group_per_minute,
    )
    sender = Sender(bot)
    lease = lease or lease_for(services)
    _LEASES.difference_update([old for old in _LEASES if old.db is services.db])  # re-registered
    _LEASES.add(lease)
    now = datetime.now(UTC)
    scheduler.add_job(
        lease.beat_safely,
        IntervalTrigger(seconds=settings.instance_heartbeat_seconds, timezone=UTC),
        id=HEARTBEAT_JOB_ID,
        name="instance heartbeat",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=now,
        misfire_grace_time=None,
    )
    scheduler.add_job(
        _scheduled_tick,
        CronTrigger(second=0, timezone=UTC),
        args=(services, sender, lease, scheduler),
        id=DIGEST_JOB_ID,
        name="daily digests",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        # Once at start-up: a digest due while the bot was down goes out now, not next minute.
        next_run_time=now,
        # Durable state decides who is owed a digest; a late run is still worth running.
        misfire_grace_time=3600,
    )
    return sender
