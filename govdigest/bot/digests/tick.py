"""One run of the digest job: due subscribers → claim → build → send → record.

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

from govdigest.bot.digests.build import build_digest
from govdigest.bot.digests.delivery import Sender, SendOutcome
from govdigest.bot.digests.lease import InstanceLease, new_instance_id
from govdigest.bot.digests.schedule import Due, latest_due
from govdigest.bot.digests.throttle import guarded_by
from govdigest.bot.scope import reader_scope
from govdigest.config import Settings
from govdigest.storage import Database, Repos
from govdigest.storage.coordination import BROADCAST
from govdigest.storage.subscriptions import (
    DeliveryStatus,
    Subscriber,
    db_lock,
    serialized_transaction,
)

log = logging.getLogger(__name__)

# A run after a silent instance's claims fall free waits this long past the lease's end.
RELEASE_SLACK = timedelta(seconds=1)
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
