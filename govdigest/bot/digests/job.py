"""The every-minute digest job: due subscribers → claim → build → send → record.

Exactly once per subscriber and local date rests on SQLite, not on the scheduler: a
delivery row is claimed atomically (``UNIQUE(chat_id, local_date)``, ``BEGIN IMMEDIATE``), and
the row marked sent and the subscriber's window advanced commit together. A run that finds a
subscriber whose time has passed and no settled row sends then (catch-up after downtime); a
second instance on the same database finds the claim taken and skips. A claim belongs to a
running instance (``lease.InstanceLease``): a cancelled run lets the sends in flight finish and
record; a killed one leaves claims that the next run after its lease ran out takes over,
repeating at worst the message that was in flight. The job runs at start-up, every minute,
and once more when claims it found held by a silent instance fall free.

Several instances share one Telegram budget by taking turns: a run with digests due first
takes the ``broadcast`` lease (``storage.coordination``), held under the same heartbeat, and
gives it up at its end; a run that finds it held leaves the due digests to its holder and
comes back when that lease would fall free (``TickReport.deferred_to``, ``retry_at``).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from aiogram import Bot
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from govdigest.bot.digests.delivery import Sender, SendOutcome, guarded_by, install_throttle
from govdigest.bot.digests.lease import InstanceLease, new_instance_id
from govdigest.bot.digests.schedule import Due, latest_due
from govdigest.bot.digests.splitting import split_html
from govdigest.bot.digests.timezones import zone_info
from govdigest.bot.scope import reader_scope
from govdigest.bot.texts.digest import DigestWindow, render_digest
from govdigest.config import Settings
from govdigest.storage import Database, Repos
from govdigest.storage.cache import DigestItem
from govdigest.storage.coordination import BROADCAST
from govdigest.storage.follows import PostScope
from govdigest.storage.subscriptions import (
    DeliveryStatus,
    Subscriber,
    db_lock,
    serialized_transaction,
)

log = logging.getLogger(__name__)

DIGEST_JOB_ID = "digest-tick"
HEARTBEAT_JOB_ID = "instance-heartbeat"
FIRST_WINDOW = timedelta(hours=24)
# A digest lists posts published in its window; a post that arrives late (fetched after the
# window it was published in had been sent) still counts if published at most this long
# before the window. Older posts — the 2022 seed, a backfill of a new channel — are not news.
LATE_ARRIVAL = timedelta(hours=24)
# A run after a silent instance's claims fall free waits this long past the lease's end.
RELEASE_SLACK = timedelta(seconds=1)
MAX_ITEMS = 200
CONCURRENCY = 16  # sends in flight; the throttle, not this, keeps the rate
SHUTDOWN_GRACE = 30.0  # seconds a cancelled run waits for the sends in flight


class DigestServices(Protocol):
    """What the job needs of ``app.Services`` (tests pass a lighter object)."""

    settings: Settings
    db: Database
    repos: Repos

    def clock(self) -> datetime: ...


@dataclass
class TickReport:
    due: int = 0
    claimed: int = 0
    sent: int = 0
    empty: int = 0
    failed: int = 0
    blocked: int = 0
    skipped: int = 0  # claimed by another worker or already settled
    lost: int = 0  # our lease lapsed: given up unsent, for the next run to take over
    errors: int = 0
    # Another instance broadcasts (its id): the due digests are left to it.
    deferred_to: str | None = None
    # When claims found held by another instance fall free if it stays silent; None if none.
    retry_at: datetime | None = None

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def new_worker_id() -> str:
    return new_instance_id()


def lease_for(services: DigestServices, instance_id: str | None = None) -> InstanceLease:
    settings = services.settings
    return InstanceLease(
        services.db,
        services.clock,
        lease_seconds=settings.instance_lease_seconds,
        heartbeat_seconds=settings.instance_heartbeat_seconds,
        instance_id=instance_id,
    )


async def digest_window_items(
    repos: Repos,
    since: datetime,
    until: datetime,
    *,
    limit: int = MAX_ITEMS,
    scope: PostScope | None = None,
) -> tuple[list[DigestItem], datetime]:
    """Posts made ready in (since, until], at most ``limit`` of them, and where the window ends.

    With more than ``limit`` posts the window ends earlier, at a whole second (windows are
    stored to the second) up to which every post is included; the rest open the next window.
    Only if more than ``limit`` posts became ready within one second do they all go together.
    """
    published_after = since - LATE_ARRIVAL
    items = await repos.cache.digest_items(
        since, until, limit=limit + 1, published_after=published_after, scope=scope
    )
    if len(items) <= limit:
        return items, until
    beyond = _ready(items[limit])
    boundary = beyond.replace(microsecond=0)
    if boundary == beyond:
        boundary -= timedelta(seconds=1)
    included = [item for item in items[:limit] if _ready(item) <= boundary]
    if included:
        return included, boundary
    boundary += timedelta(seconds=1)
    everything = await repos.cache.digest_items(
        since, boundary, limit=None, published_after=published_after, scope=scope
    )
    return everything, boundary


def _ready(item: DigestItem) -> datetime:
    assert item.ready_at is not None  # digest_items always sets it
    return item.ready_at


async def build_digest(
    repos: Repos,
    sub: Subscriber | None,
    until: datetime,
    tz: str,
    *,
    send_empty: bool,
    scope: PostScope | None = None,
) -> tuple[list[str], datetime]:
    """The digest of posts since the subscriber's previous one (else 24 h), as message parts,
    and the end of the window it covers (``until``, or earlier if there were too many posts).
    """
    last = sub.last_digest_at if sub else None
    since = last or until - FIRST_WINDOW
    items, until = await digest_window_items(repos, since, until, scope=scope)
    if not items and not send_empty:
        return [], until
    zone = zone_info(tz)
    window = DigestWindow(since.astimezone(zone), until.astimezone(zone), first=last is None)
    try:
        return split_html(render_digest(items, window)), until
    except ValueError:
        # One post that cannot be split into messages must not block everyone's digest (the
        # window would never move past it): leave it out and say so in the log.
        items = [item for item in items if _renderable(item, window)]
        return split_html(render_digest(items, window)), until


def _renderable(item: DigestItem, window: DigestWindow) -> bool:
    try:
        split_html(render_digest([item], window))
    except ValueError:
        log.warning(
            "post %s left out of a digest: it cannot be split into messages", item.post.post_id
        )
        return False
    return True


async def build_parts(
    repos: Repos,
    sub: Subscriber | None,
    until: datetime,
    tz: str,
    *,
    send_empty: bool,
    scope: PostScope | None = None,
) -> list[str]:
    """``build_digest`` without the window end (the on-demand /digest)."""
    parts, _ = await build_digest(repos, sub, until, tz, send_empty=send_empty, scope=scope)
    return parts


async def due_now(repos: Repos, now: datetime) -> list[tuple[Subscriber, Due]]:
    """Active subscribers whose latest occurrence has passed and is not settled, oldest first."""
    owed: list[tuple[Subscriber, Due]] = []
    for sub in await repos.subscribers.active():
        try:
            due = latest_due(sub.digest_time, sub.tz, now, sub.schedule_from)
        except ValueError:
            log.warning(
                "chat %s has an unusable schedule %s %s", sub.chat_id, sub.digest_time, sub.tz
            )
            continue
        if due is not None:
            owed.append((sub, due))
    settled = await repos.deliveries.settled_dates({due.local_date for _, due in owed})
    pending = [(s, d) for s, d in owed if (s.chat_id, d.local_date) not in settled]
    pending.sort(key=lambda pair: (pair[1].at, pair[0].chat_id))
    return pending


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Mark a shielded future's outcome as seen once nobody awaits it any more."""
    if not future.cancelled():
        future.exception()


class _Tick:
    def __init__(self, services: DigestServices, sender: Sender, lease: InstanceLease) -> None:
        self.services = services
        self.db = services.db
        self.repos = services.repos
        self.sender = sender
        self.lease = lease
        self.worker = lease.id
        self.now = services.clock()
        self.report = TickReport()
        self.stopping = False

    async def run(self, concurrency: int) -> TickReport:
        self.worker = await self.lease.ensure()
        async with db_lock(self.db):
            pending = await due_now(self.repos, self.now)
        self.report.due = len(pending)
        if not pending:
            return self.report
        # One instance broadcasts at a time, so that several share one Telegram budget: the
        # others leave the due digests to it and come back when its lease would fall free.
        if not await self.lease.take(BROADCAST):
            holder = await self.lease.holder(BROADCAST)
            self.report.deferred_to = holder.holder if holder else "?"
            self.report.retry_at = self.lease.free_at(holder) + RELEASE_SLACK
            return self.report
        try:
            await self._deliver_all(pending, concurrency)
            if self.report.skipped or self.report.lost:
                await self._note_release({due.local_date for _, due in pending})
        finally:
            await self.lease.give_up(BROADCAST)
        return self.report

    async def _deliver_all(self, pending: list[tuple[Subscriber, Due]], concurrency: int) -> None:
        queue = iter(pending)
        tasks = [
            asyncio.create_task(self._worker(queue)) for _ in range(min(concurrency, len(pending)))
        ]
        gathered = asyncio.gather(*tasks)
        try:
            await asyncio.shield(gathered)
        except asyncio.CancelledError:
            gathered.add_done_callback(_retrieve)
            # Stop taking subscribers, but let each send in flight finish and be recorded:
            # cancelling an HTTP request Telegram already accepted would repeat it.
            self.stopping = True
            await asyncio.wait(tasks, timeout=SHUTDOWN_GRACE)
            raise

    async def _note_release(self, dates: set[date]) -> None:
        async with db_lock(self.db):
            beat = await self.repos.deliveries.next_release(dates, self.worker)
        now = self.services.clock()
        if self.report.lost:  # what we gave up falls free a lease after our last heartbeat
            beat = now.timestamp() if beat is None else min(beat, now.timestamp())
        if beat is not None:
            last = datetime.fromtimestamp(beat, UTC)
            self.report.retry_at = max(last + self.lease.lease, now) + RELEASE_SLACK

    async def _worker(self, queue: Any) -> None:
        for sub, due in queue:
            if self.stopping:
                return
            try:
                await self._deliver(sub, due)
            except Exception:
                self.report.errors += 1
                log.exception("digest for chat %s failed unexpectedly", sub.chat_id)

    async def _deliver(self, sub: Subscriber, due: Due) -> None:
        chat, day, deliveries = sub.chat_id, due.local_date, self.repos.deliveries
        if not self.lease.holds(self.worker):
            # Our lease lapsed (a stall): claiming under an id others may count as dead would
            # race them. The next run claims under the renewed id.
            self.stopping = True
            self.report.lost += 1
            return
        claimed_at = self.services.clock()
        async with serialized_transaction(self.db):
            claimed = await deliveries.claim(
                chat,
                day,
                self.worker,
                dead_before=self.lease.dead_before(claimed_at),
                now=claimed_at,
                window_end=self.now,
            )
            delivery = await deliveries.get(chat, day) if claimed else None
        if delivery is None:
            self.report.skipped += 1
            return
        self.report.claimed += 1
        until = delivery.window_end or self.now
        try:
            async with db_lock(self.db):
                parts, until = await build_digest(
                    self.repos,
                    sub,
                    until,
                    sub.tz,
                    send_empty=self.services.settings.digest_send_empty,
                    scope=await reader_scope(self.repos, chat),
                )
        except Exception as exc:
            await self._record(sub, day, until, SendOutcome("failed", 0, f"build: {exc!r}"))
            raise
        if not parts:
            await self._record(sub, day, until, None)
            return

        async def progress(sent: int) -> None:
            async with serialized_transaction(self.db):
                await deliveries.progress(chat, day, self.worker, sent)

        worker = self.worker
        with guarded_by(lambda: self.lease.holds(worker)):
            outcome = await self.sender.send_parts(
                chat, parts, start=min(delivery.parts_sent, len(parts) - 1), on_progress=progress
            )
        if outcome.status == "lost":
            # Not ours any more: whoever holds the claim now records it.
            self.report.lost += 1
            log.warning("digest for chat %s given up: %s", chat, outcome.error)
            return
        await self._record(sub, day, until, outcome)

    async def _record(
        self, sub: Subscriber, day: date, until: datetime, outcome: SendOutcome | None
    ) -> None:
        """Outcome and subscriber state in one transaction; ``None`` means nothing to send."""
        chat, repos = sub.chat_id, self.repos
        now = self.services.clock()
        async with serialized_transaction(self.db):
            if outcome is None or outcome.status == "sent":
                status: DeliveryStatus = "empty" if outcome is None else "sent"
                parts = None if outcome is None else outcome.parts_sent
                held = await repos.deliveries.finish(
                    chat, day, self.worker, status, now=now, parts_sent=parts
                )
                await repos.subscribers.mark_digest_sent(chat, until)
                setattr(self.report, status, getattr(self.report, status) + 1)
            elif outcome.status == "blocked":
                held = await repos.deliveries.finish(
                    chat, day, self.worker, "failed", outcome.error, now=now
                )
                await repos.subscribers.set_status(chat, "blocked", now=now)
                self.report.blocked += 1
                log.warning(
                    "chat %s cannot be reached (%s): subscription deactivated", chat, outcome.error
                )
            else:
                held = await repos.deliveries.finish(
                    chat,
                    day,
                    self.worker,
                    "failed",
                    outcome.error,
                    now=now,
                    parts_sent=outcome.parts_sent,
                )
                self.report.failed += 1
                log.warning("digest for chat %s failed, retried next run: %s", chat, outcome.error)
        if not held:
            log.warning("delivery %s/%s was taken over by another worker", chat, day)


async def run_digest_tick(
    services: DigestServices,
    bot: Bot | None,
    sender: Sender,
    *,
    worker: str | None = None,
    lease: InstanceLease | None = None,
    concurrency: int = CONCURRENCY,
) -> TickReport:
    """One run of the job. ``bot`` is unused (the sender holds it); kept for the job's args.

    The scheduled job passes the instance's ``lease``, kept alive by the heartbeat job.
    Without one (tests, tools), the run is an instance of its own, named ``worker``, that
    beats while it runs.
    """
    if lease is not None:
        return await _Tick(services, sender, lease).run(concurrency)
    async with lease_for(services, worker).kept_alive() as own:
        return await _Tick(services, sender, own).run(concurrency)


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
    finish and records them (see ``_Tick.run``), so no claim is left behind as 'claimed'.
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
