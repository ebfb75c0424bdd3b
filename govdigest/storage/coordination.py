"""What several instances on one database agree on: named leases, and the health probe.

A lease (``leases`` table, schema V7) has one holder, a running instance of the
``instances`` table. It is taken when free, kept by its holder for as long as that instance
beats, and taken over once the holder's heartbeat is older than ``dead_before`` (or its row
is gone: a clean stop removes it). The SQL is plain and portable (``?`` placeholders,
``INSERT … ON CONFLICT … DO UPDATE … WHERE``, no SQLite-only functions), so that the
PostgreSQL backend runs it unchanged.

Nothing here commits: callers wrap writes in a transaction (``serialized_transaction``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govdigest.storage.db import Database
from govdigest.timeutil import to_db

BROADCAST = "broadcast"
REFRESH = "refresh"


@dataclass(frozen=True, slots=True)
class LeaseHolder:
    holder: str
    heartbeat_at: float | None  # unix seconds of the holder's last heartbeat; None: gone


class CoordinationRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def take(self, name: str, holder: str, *, dead_before: datetime, now: datetime) -> bool:
        """Take lease ``name`` for ``holder`` if it is free, ours already, or its holder is
        silent since ``dead_before``. Call inside a transaction. True if ``holder`` has it."""
        count = await self._db.execute(
            "INSERT INTO leases (name, holder, taken_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
            "taken_at = excluded.taken_at "
            "WHERE leases.holder = excluded.holder OR NOT EXISTS (SELECT 1 FROM instances i "
            "WHERE i.id = leases.holder AND i.heartbeat_at >= ?)",
            (name, holder, to_db(now), dead_before.timestamp()),
        )
        return count == 1

    async def give_up(self, name: str, holder: str) -> bool:
        """Release lease ``name`` if ``holder`` still has it. Call inside a transaction."""
        count = await self._db.execute(
            "DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder)
        )
        return count == 1

    async def holder(self, name: str) -> LeaseHolder | None:
        """Who has lease ``name`` (alive or not), with the holder's last heartbeat."""
        row = await self._db.fetchone(
            "SELECT l.holder, i.heartbeat_at FROM leases l "
            "LEFT JOIN instances i ON i.id = l.holder WHERE l.name = ?",
            (name,),
        )
        if row is None:
            return None
        beat = row[1]
        return LeaseHolder(str(row[0]), None if beat is None else float(beat))

    async def extraction_is_current(self, post_id: int, version: str, content_hash: str) -> bool:
        """Is this post's stored extraction already of ``version`` for this very text?

        Asked inside the transaction that would store it: of two refreshers that extracted the
        same post at once, the second finds the first's result and stores nothing. On
        PostgreSQL (read committed, no file lock) the post's row is locked first, so the second
        transaction waits here until the first has committed its result.
        """
        if self._db.dialect == "postgres":
            await self._db.fetchone("SELECT id FROM posts WHERE id = ? FOR UPDATE", (post_id,))
        return (
            await self._db.fetchone(
                "SELECT 1 FROM extractions WHERE post_id = ? AND extractor_version = ? "
                "AND content_hash = ?",
                (post_id, version, content_hash),
            )
            is not None
        )

    async def ping(self) -> int:
        """A trivial query that reads the database file (not just ``SELECT 1``, which a
        connection answers without touching it): the number of known instances."""
        row = await self._db.fetchone("SELECT COUNT(*) FROM instances")
        return int(row[0]) if row else 0
