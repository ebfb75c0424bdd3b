"""Subscribers and their deliveries: the durable state of the daily digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import aiosqlite

from govdigest.timeutil import from_db, to_db, utc_now

SubscriberStatus = Literal["active", "paused", "blocked", "unsubscribed"]
DeliveryStatus = Literal["claimed", "sent", "empty", "failed"]


@dataclass(frozen=True, slots=True)
class Subscriber:
    chat_id: int
    user_id: int | None
    digest_time: str  # "HH:MM", local wall-clock time
    tz: str  # IANA name
    status: SubscriberStatus
    last_digest_at: datetime | None


@dataclass(frozen=True, slots=True)
class Delivery:
    chat_id: int
    local_date: date
    status: DeliveryStatus
    claimed_by: str | None
    attempts: int
    error: str | None


def _subscriber(row: aiosqlite.Row) -> Subscriber:
    return Subscriber(
        chat_id=row["chat_id"],
        user_id=row["user_id"],
        digest_time=row["digest_time"],
        tz=row["tz"],
        status=row["status"],
        last_digest_at=from_db(row["last_digest_at"]),
    )


_SUB_COLUMNS = "chat_id, user_id, digest_time, tz, status, last_digest_at"


class SubscribersRepo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def get(self, chat_id: int) -> Subscriber | None:
        async with self._conn.execute(
            f"SELECT {_SUB_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,)
        ) as cur:
            row = await cur.fetchone()
        return _subscriber(row) if row else None

    async def subscribe(
        self, chat_id: int, user_id: int | None, digest_time: str, tz: str
    ) -> Subscriber:
        """Create or re-activate a subscription with this time and zone."""
        now = to_db(utc_now())
        await self._conn.execute(
            "INSERT INTO subscribers (chat_id, user_id, digest_time, tz, status, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
            "user_id = excluded.user_id, digest_time = excluded.digest_time, tz = excluded.tz, "
            "status = 'active', updated_at = excluded.updated_at",
            (chat_id, user_id, digest_time, tz, now, now),
        )
        sub = await self.get(chat_id)
        assert sub is not None
        return sub

    async def set_status(self, chat_id: int, status: SubscriberStatus) -> bool:
        cur = await self._conn.execute(
            "UPDATE subscribers SET status = ?, updated_at = ? WHERE chat_id = ?",
            (status, to_db(utc_now()), chat_id),
        )
        return cur.rowcount > 0

    async def set_time(self, chat_id: int, digest_time: str) -> bool:
        cur = await self._conn.execute(
            "UPDATE subscribers SET digest_time = ?, updated_at = ? WHERE chat_id = ?",
            (digest_time, to_db(utc_now()), chat_id),
        )
        return cur.rowcount > 0

    async def active(self) -> list[Subscriber]:
        async with self._conn.execute(
            f"SELECT {_SUB_COLUMNS} FROM subscribers WHERE status = 'active' ORDER BY chat_id"
        ) as cur:
            rows = await cur.fetchall()
        return [_subscriber(r) for r in rows]

    async def counts(self) -> dict[str, int]:
        async with self._conn.execute(
            "SELECT status, COUNT(*) FROM subscribers GROUP BY status"
        ) as cur:
            rows = await cur.fetchall()
        result = {"active": 0, "paused": 0, "blocked": 0, "unsubscribed": 0}
        result.update({r[0]: int(r[1]) for r in rows})
        return result

    async def mark_digest_sent(self, chat_id: int, window_end: datetime) -> None:
        await self._conn.execute(
            "UPDATE subscribers SET last_digest_at = ? WHERE chat_id = ?",
            (to_db(window_end), chat_id),
        )


class DeliveriesRepo:
    """One row per subscriber and local date; the UNIQUE key is the exactly-once guarantee."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def claim(
        self, chat_id: int, local_date: date, worker: str, *, stale_before: datetime
    ) -> bool:
        """Atomically take this day's digest for ``worker``. Call inside a transaction.

        A fresh row is claimed; a failed one, or a claim left behind by a crashed worker
        (older than ``stale_before``), is taken over. Anything else belongs to someone else.
        """
        now = to_db(utc_now())
        cur = await self._conn.execute(
            "INSERT INTO deliveries (chat_id, local_date, status, claimed_by, claimed_at, "
            "attempts) VALUES (?, ?, 'claimed', ?, ?, 1) "
            "ON CONFLICT (chat_id, local_date) DO UPDATE SET status = 'claimed', "
            "claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at, "
            "attempts = deliveries.attempts + 1, error = NULL "
            "WHERE deliveries.status = 'failed' "
            "OR (deliveries.status = 'claimed' AND deliveries.claimed_at < ?)",
            (chat_id, local_date.isoformat(), worker, now, to_db(stale_before)),
        )
        return cur.rowcount == 1

    async def finish(
        self,
        chat_id: int,
        local_date: date,
        worker: str,
        status: DeliveryStatus,
        error: str | None = None,
    ) -> bool:
        """Record the outcome, only if this worker still holds the claim."""
        cur = await self._conn.execute(
            "UPDATE deliveries SET status = ?, finished_at = ?, error = ? "
            "WHERE chat_id = ? AND local_date = ? AND claimed_by = ? AND status = 'claimed'",
            (status, to_db(utc_now()), error, chat_id, local_date.isoformat(), worker),
        )
        return cur.rowcount == 1

    async def get(self, chat_id: int, local_date: date) -> Delivery | None:
        async with self._conn.execute(
            "SELECT chat_id, local_date, status, claimed_by, attempts, error FROM deliveries "
            "WHERE chat_id = ? AND local_date = ?",
            (chat_id, local_date.isoformat()),
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return Delivery(
            chat_id=row["chat_id"],
            local_date=date.fromisoformat(row["local_date"]),
            status=row["status"],
            claimed_by=row["claimed_by"],
            attempts=int(row["attempts"]),
            error=row["error"],
        )

    async def settled_dates(self, local_dates: set[date]) -> set[tuple[int, date]]:
        """(chat, date) pairs that need no more work: sent, empty, or failed too often."""
        if not local_dates:
            return set()
        marks = ", ".join("?" for _ in local_dates)
        sql = (
            "SELECT chat_id, local_date FROM deliveries WHERE status IN ('sent', 'empty') "
            f"AND local_date IN ({marks})"
        )
        async with self._conn.execute(sql, tuple(d.isoformat() for d in local_dates)) as cur:
            rows = await cur.fetchall()
        return {(int(r[0]), date.fromisoformat(r[1])) for r in rows}

    async def count_on(self, day_start: datetime, day_end: datetime) -> int:
        async with self._conn.execute(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'sent' "
            "AND finished_at >= ? AND finished_at < ?",
            (to_db(day_start), to_db(day_end)),
        ) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0
