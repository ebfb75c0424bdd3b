"""Subscribers and their deliveries: the durable state of the daily digest."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from weakref import WeakKeyDictionary

from govdigest.storage.claims_pg import claim_skip_locked
from govdigest.storage.db import Database, Row
from govdigest.timeutil import from_db, to_db, utc_now

SubscriberStatus = Literal["active", "paused", "blocked", "unsubscribed"]
DeliveryStatus = Literal["claimed", "sent", "empty", "failed"]

# A day's digest that failed this many times is given up until the next local date; failed
# rows below it are taken again by the next run (network errors, 5xx, an interrupted run).
MAX_DAILY_ATTEMPTS = 5


_LOCKS: WeakKeyDictionary[Database, asyncio.Lock] = WeakKeyDictionary()
_BEGIN_RETRIES = 6


def db_lock(db: Database) -> asyncio.Lock:
    """One lock per connection for the digest's reads and transactions.

    ``Database.transaction`` already keeps tasks out of each other's transactions. But a read
    left open by one task pins an old snapshot on the shared connection, and another task's
    ``BEGIN IMMEDIATE`` then fails at once with "database is locked" if a second instance
    wrote meanwhile. The digest's workers therefore hold this lock for reads as well.
    (PostgreSQL gives each transaction a pooled connection of its own and needs none of this;
    the lock stays there too, so that one process's digest behaves alike on both backends.)
    """
    lock = _LOCKS.get(db)
    if lock is None:
        lock = _LOCKS[db] = asyncio.Lock()
    return lock


@asynccontextmanager
async def serialized_transaction(db: Database) -> AsyncIterator[None]:
    """``db.transaction()`` under ``db_lock``; a busy ``BEGIN`` is retried a few times."""
    async with db_lock(db), AsyncExitStack() as stack:
        for attempt in range(_BEGIN_RETRIES):
            try:
                await stack.enter_async_context(db.transaction())
                break
            except Exception as exc:
                if not db.is_busy(exc) or attempt == _BEGIN_RETRIES - 1:
                    raise
                await asyncio.sleep(0.02 * 2**attempt)
        yield


@dataclass(frozen=True, slots=True)
class Subscriber:
    chat_id: int
    user_id: int | None
    digest_time: str  # "HH:MM", local wall-clock time
    tz: str  # IANA name, or "UTC±HH:MM" for an offset that is not a whole hour
    status: SubscriberStatus
    last_digest_at: datetime | None
    # Occurrences of digest_time before this instant do not count (a schedule set at 10:00
    # for 09:00 starts tomorrow); None for rows older than the column.
    schedule_from: datetime | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    chat_id: int
    local_date: date
    status: DeliveryStatus
    claimed_by: str | None
    attempts: int
    error: str | None
    window_end: datetime | None = None
    parts_sent: int = 0


def _subscriber(row: Row) -> Subscriber:
    return Subscriber(
        chat_id=row["chat_id"],
        user_id=row["user_id"],
        digest_time=row["digest_time"],
        tz=row["tz"],
        status=row["status"],
        last_digest_at=from_db(row["last_digest_at"]),
        schedule_from=from_db(row["schedule_from"]),
    )


_SUB_COLUMNS = "chat_id, user_id, digest_time, tz, status, last_digest_at, schedule_from"


class SubscribersRepo:
    """Writes belong in the caller's ``db.transaction()``; nothing here commits."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, chat_id: int) -> Subscriber | None:
        row = await self._db.fetchone(
            f"SELECT {_SUB_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,)
        )
        return _subscriber(row) if row else None

    async def subscribe(
        self,
        chat_id: int,
        user_id: int | None,
        digest_time: str,
        tz: str,
        *,
        now: datetime | None = None,
    ) -> Subscriber:
        """Create or re-activate a subscription with this time and zone, counting from now."""
        stamp = to_db(now or utc_now())
        await self._db.execute(
            "INSERT INTO subscribers (chat_id, user_id, digest_time, tz, status, created_at, "
            "updated_at, schedule_from) VALUES (?, ?, ?, ?, 'active', ?, ?, ?) "
            "ON CONFLICT (chat_id) DO UPDATE SET "
            "user_id = COALESCE(excluded.user_id, subscribers.user_id), "
            "digest_time = excluded.digest_time, tz = excluded.tz, status = 'active', "
            "updated_at = excluded.updated_at, schedule_from = excluded.schedule_from",
            (chat_id, user_id, digest_time, tz, stamp, stamp, stamp),
        )
        sub = await self.get(chat_id)
        assert sub is not None
        return sub

    async def set_status(
        self, chat_id: int, status: SubscriberStatus, *, now: datetime | None = None
    ) -> bool:
        """Change the status; resuming ('active') restarts the schedule from now."""
        stamp = to_db(now or utc_now())
        count = await self._db.execute(
            "UPDATE subscribers SET status = ?, updated_at = ?, "
            "schedule_from = CASE WHEN ? = 'active' AND status != 'active' THEN ? "
            "ELSE schedule_from END WHERE chat_id = ?",
            (status, stamp, status, stamp, chat_id),
        )
        return count > 0

    async def set_time(
        self, chat_id: int, digest_time: str, *, now: datetime | None = None
    ) -> bool:
        stamp = to_db(now or utc_now())
        count = await self._db.execute(
            "UPDATE subscribers SET digest_time = ?, updated_at = ?, schedule_from = ? "
            "WHERE chat_id = ?",
            (digest_time, stamp, stamp, chat_id),
        )
        return count > 0

    async def active(self) -> list[Subscriber]:
        rows = await self._db.fetchall(
            f"SELECT {_SUB_COLUMNS} FROM subscribers WHERE status = 'active' ORDER BY chat_id"
        )
        return [_subscriber(r) for r in rows]

    async def counts(self) -> dict[str, int]:
        rows = await self._db.fetchall("SELECT status, COUNT(*) FROM subscribers GROUP BY status")
        result = {"active": 0, "paused": 0, "blocked": 0, "unsubscribed": 0}
        result.update({r[0]: int(r[1]) for r in rows})
        return result

    async def mark_digest_sent(self, chat_id: int, window_end: datetime) -> None:
        """Advance the digest window; never moves it backwards."""
        await self._db.execute(
            "UPDATE subscribers SET last_digest_at = ? WHERE chat_id = ? "
            "AND (last_digest_at IS NULL OR last_digest_at < ?)",
            (to_db(window_end), chat_id, to_db(window_end)),
        )


def _delivery(row: Row) -> Delivery:
    return Delivery(
        chat_id=row["chat_id"],
        local_date=date.fromisoformat(row["local_date"]),
        status=row["status"],
        claimed_by=row["claimed_by"],
        attempts=int(row["attempts"]),
        error=row["error"],
        window_end=from_db(row["window_end"]),
        parts_sent=int(row["parts_sent"]),
    )


class DeliveriesRepo:
    """One row per subscriber and local date; the UNIQUE key is the exactly-once guarantee."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(
        self,
        chat_id: int,
        local_date: date,
        worker: str,
        *,
        dead_before: datetime,
        now: datetime | None = None,
        window_end: datetime | None = None,
        max_attempts: int = MAX_DAILY_ATTEMPTS,
    ) -> bool:
        """Atomically take this day's digest for ``worker``. Call inside a transaction.

        A fresh row is claimed; a failed one (below ``max_attempts``), or a claim whose
        instance last beat before ``dead_before`` (or has no heartbeat row at all), is taken
        over. A claim of a live instance belongs to it, however old. ``window_end`` is set by
        the first claim only, so a retry rebuilds the same digest and ``parts_sent`` tells it
        where to resume.
        """
        stamp = to_db(now or utc_now())
        if self._db.dialect == "postgres":
            return await claim_skip_locked(
                self._db,
                chat_id,
                local_date.isoformat(),
                worker,
                stamp=stamp,
                window_end=to_db(window_end),
                max_attempts=max_attempts,
                dead_before=dead_before.timestamp(),
            )
        count = await self._db.execute(
            "INSERT INTO deliveries (chat_id, local_date, status, claimed_by, claimed_at, "
            "attempts, window_end) VALUES (?, ?, 'claimed', ?, ?, 1, ?) "
            "ON CONFLICT (chat_id, local_date) DO UPDATE SET status = 'claimed', "
            "claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, "
            "attempts = deliveries.attempts + 1, error = NULL, "
            "window_end = COALESCE(deliveries.window_end, excluded.window_end) "
            "WHERE (deliveries.status = 'failed' AND deliveries.attempts < ?) "
            "OR (deliveries.status = 'claimed' AND NOT EXISTS (SELECT 1 FROM instances i "
            "WHERE i.id = deliveries.claimed_by AND i.heartbeat_at >= ?))",
            (
                chat_id,
                local_date.isoformat(),
                worker,
                stamp,
                to_db(window_end),
                max_attempts,
                dead_before.timestamp(),
            ),
        )
        return count == 1

    async def next_release(self, local_dates: set[date], worker: str) -> float | None:
        """The earliest last heartbeat (unix seconds) among the instances other than
        ``worker`` that hold a claim on one of these dates: when the first of those claims
        can fall free. None when no one else holds one."""
        if not local_dates:
            return None
        marks = ", ".join("?" for _ in local_dates)
        sql = (
            "SELECT MIN(COALESCE(i.heartbeat_at, 0)) FROM deliveries d "
            "LEFT JOIN instances i ON i.id = d.claimed_by "
            "WHERE d.status = 'claimed' AND d.claimed_by != ? "
            f"AND d.local_date IN ({marks})"  # placeholders only
        )
        params = (worker, *(d.isoformat() for d in local_dates))
        row = await self._db.fetchone(sql, params)
        return None if row is None or row[0] is None else float(row[0])

    async def progress(self, chat_id: int, local_date: date, worker: str, parts_sent: int) -> bool:
        """Record how many parts of a multi-part digest went out, while holding the claim."""
        count = await self._db.execute(
            "UPDATE deliveries SET parts_sent = ? WHERE chat_id = ? AND local_date = ? "
            "AND claimed_by = ? AND status = 'claimed'",
            (parts_sent, chat_id, local_date.isoformat(), worker),
        )
        return count == 1

    async def finish(
        self,
        chat_id: int,
        local_date: date,
        worker: str,
        status: DeliveryStatus,
        error: str | None = None,
        *,
        now: datetime | None = None,
        parts_sent: int | None = None,
    ) -> bool:
        """Record the outcome, only if this worker still holds the claim."""
        count = await self._db.execute(
            "UPDATE deliveries SET status = ?, finished_at = ?, error = ?, "
            "parts_sent = COALESCE(?, parts_sent) "
            "WHERE chat_id = ? AND local_date = ? AND claimed_by = ? AND status = 'claimed'",
            (
                status,
                to_db(now or utc_now()),
                error,
                parts_sent,
                chat_id,
                local_date.isoformat(),
                worker,
            ),
        )
        return count == 1

    async def get(self, chat_id: int, local_date: date) -> Delivery | None:
        row = await self._db.fetchone(
            "SELECT chat_id, local_date, status, claimed_by, attempts, error, window_end, "
            "parts_sent FROM deliveries WHERE chat_id = ? AND local_date = ?",
            (chat_id, local_date.isoformat()),
        )
        return _delivery(row) if row else None

    async def settled_dates(
        self,
        local_dates: set[date],
        *,
        max_attempts: int = MAX_DAILY_ATTEMPTS,
        chat_id: int | None = None,
    ) -> set[tuple[int, date]]:
        """(chat, date) pairs that need no more work: sent, empty, or failed too often.

        ``chat_id`` narrows it to one chat.
        """
        if not local_dates:
            return set()
        marks = ", ".join("?" for _ in local_dates)
        sql = (
            "SELECT chat_id, local_date FROM deliveries WHERE (status IN ('sent', 'empty') "
            "OR (status = 'failed' AND attempts >= ?)) "
            f"AND local_date IN ({marks})"  # placeholders only
            " AND (CAST(? AS BIGINT) IS NULL OR chat_id = ?)"
        )
        params = (max_attempts, *(d.isoformat() for d in local_dates), chat_id, chat_id)
        rows = await self._db.fetchall(sql, params)
        return {(int(r[0]), date.fromisoformat(r[1])) for r in rows}

    async def count_on(self, day_start: datetime, day_end: datetime) -> int:
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'sent' "
            "AND finished_at >= ? AND finished_at < ?",
            (to_db(day_start), to_db(day_end)),
        )
        return int(row[0]) if row else 0

    async def of_chat(self, chat_id: int) -> list[Delivery]:
        """Every delivery of one chat, oldest date first (for tests and the console)."""
        rows = await self._db.fetchall(
            "SELECT chat_id, local_date, status, claimed_by, attempts, error, window_end, "
            "parts_sent FROM deliveries WHERE chat_id = ? ORDER BY local_date",
            (chat_id,),
        )
        return [_delivery(r) for r in rows]


class InstancesRepo:
    """Running instances and their heartbeats (unix seconds); the lease of a digest claim."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def beat(self, instance_id: str, now: datetime) -> None:
        """Register the instance or refresh its heartbeat. Call inside a transaction."""
        await self._db.execute(
            "INSERT INTO instances (id, started_at, heartbeat_at) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
            (instance_id, to_db(now), now.timestamp()),
        )

    async def remove(self, instance_id: str) -> None:
        """A clean stop: whatever the instance still holds is free at once."""
        await self._db.execute("DELETE FROM instances WHERE id = ?", (instance_id,))

    async def prune(self, dead_before: datetime) -> int:
        """Forget instances silent since ``dead_before`` that hold no claim any more."""
        count = await self._db.execute(
            "DELETE FROM instances WHERE heartbeat_at < ? AND NOT EXISTS (SELECT 1 FROM "
            "deliveries d WHERE d.claimed_by = instances.id AND d.status = 'claimed')",
            (dead_before.timestamp(),),
        )
        return count
