"""The lease behind a digest claim: a running instance proves it is alive by beating.

An instance has an id and a heartbeat row, refreshed every ``INSTANCE_HEARTBEAT_SECONDS``.
Another instance may take over its claims only once that row is older than
``INSTANCE_LEASE_SECONDS`` (or gone): a crashed instance's digests are sent by the next run
after that, a live instance's claims are never taken, however long its broadcast takes.

The other half is ours to keep: an instance that was itself silent for long (a paused process,
a stalled disk) must not send what another instance may have sent meanwhile. ``holds`` is the
check made right before each request leaves (after any throttle wait): it passes only while
our last heartbeat is younger than half the lease, so a takeover, which needs the whole lease,
is at least half a lease away. An instance that finds its last heartbeat too old beats on
under a new id: what it claimed under the old one is given up (the sends of those claims fail
``holds``) and is free for whoever runs next, itself included.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime, timedelta

from govdigest.storage import Database
from govdigest.storage.coordination import CoordinationRepo, LeaseHolder
from govdigest.storage.subscriptions import InstancesRepo, db_lock, serialized_transaction

log = logging.getLogger(__name__)

# A send is made only while our heartbeat is younger than this share of the lease.
SAFE_SHARE = 0.5


def new_instance_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class InstanceLease:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        *,
        lease_seconds: float,
        heartbeat_seconds: float,
        instance_id: str | None = None,
    ) -> None:
        self.db = db
        self._repo = InstancesRepo(db)
        self._leases = CoordinationRepo(db)
        self._clock = clock
        self.lease = timedelta(seconds=lease_seconds)
        self.heartbeat = heartbeat_seconds
        self._base = instance_id or new_instance_id()
        self.id = self._base
        self._renewals = 0
        self._beat_at: datetime | None = None

    def dead_before(self, now: datetime) -> datetime:
        """Instances whose last heartbeat is older than this are gone."""
        return now - self.lease

    def holds(self, worker: str) -> bool:
        """May ``worker``'s claims still be used to send? Only ours, and only while fresh."""
        if worker != self.id or self._beat_at is None:
            return False
        return self._clock() - self._beat_at < self.lease * SAFE_SHARE

    async def beat(self) -> None:
        """Register or refresh the heartbeat; after a silence, carry on under a new id."""
        now = self._clock()
        if self._beat_at is not None and now - self._beat_at >= self.lease * SAFE_SHARE:
            self._renewals += 1
            old, self.id = self.id, f"{self._base}~{self._renewals}"
            log.warning(
                "instance %s was silent for %.1f s: its claims are given up, now %s",
                old,
                (now - self._beat_at).total_seconds(),
                self.id,
            )
        async with serialized_transaction(self.db):
            await self._repo.beat(self.id, now)
            await self._repo.prune(self.dead_before(now) - self.lease)
        self._beat_at = now

    async def ensure(self) -> str:
        """Beat unless fresh; the id to claim with."""
        if not self.holds(self.id):
            await self.beat()
        return self.id

    async def beat_safely(self) -> None:
        """The heartbeat job: a failure is logged; ``holds`` turns False if they go on."""
        try:
            await self.beat()
        except Exception:
            log.exception("heartbeat of instance %s failed", self.id)

    async def release(self) -> None:
        """A clean stop: the heartbeat row goes, and with it any claim left behind."""
        self._beat_at = None
        async with serialized_transaction(self.db):
            await self._repo.remove(self.id)

    async def take(self, name: str) -> bool:
        """Take the named lease (``coordination.BROADCAST``, ``REFRESH``) for this instance if
        it is free or its holder stopped beating; kept for as long as we beat."""
        worker = await self.ensure()
        now = self._clock()
        async with serialized_transaction(self.db):
            return await self._leases.take(
                name, worker, dead_before=self.dead_before(now), now=now
            )

    async def give_up(self, name: str) -> None:
        """Release the named lease if we still have it (nothing if another took it over)."""
        async with serialized_transaction(self.db):
            await self._leases.give_up(name, self.id)

    async def holder(self, name: str) -> LeaseHolder | None:
        async with db_lock(self.db):
            return await self._leases.holder(name)

    def free_at(self, holder: LeaseHolder | None) -> datetime:
        """When a lease held by ``holder`` falls free if the holder stays silent."""
        now = self._clock()
        if holder is None or holder.heartbeat_at is None:
            return now
        return max(now, datetime.fromtimestamp(holder.heartbeat_at, UTC) + self.lease)

    @asynccontextmanager
    async def kept_alive(self) -> AsyncIterator[InstanceLease]:
        """Beat now and every ``heartbeat`` seconds while the block runs (outside a scheduler)."""
        await self.beat()

        async def loop() -> None:
            while True:
                await asyncio.sleep(self.heartbeat)
                await self.beat_safely()

        task = asyncio.create_task(loop())
        try:
            yield self
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
