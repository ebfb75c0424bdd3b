"""The digest claim on PostgreSQL: ``SELECT … FOR UPDATE SKIP LOCKED``.

Same rules as the SQLite claim in ``subscriptions`` (schema V5 leases): a fresh row is
claimed; a failed one below ``max_attempts``, or a claim whose instance last beat before
``dead_before`` (or has no heartbeat row), is taken over; a live instance's claim is never
taken. An instance never waits for another's claim in flight: a row locked by another
transaction is skipped, which means "not mine" (that transaction is claiming or finishing it).
"""

from __future__ import annotations

from govdigest.storage.db import Database


async def claim_skip_locked(
    db: Database,
    chat_id: int,
    local_date: str,
    worker: str,
    *,
    stamp: str | None,
    window_end: str | None,
    max_attempts: int,
    dead_before: float,
) -> bool:
    """Take this day's digest for ``worker``; call inside a transaction."""
    # An INSERT that meets an existing row another transaction is updating waits for it
    # (unique check): insert only when no committed row exists yet.
    exists = await db.fetchval(
        "SELECT 1 FROM deliveries WHERE chat_id = ? AND local_date = ?", (chat_id, local_date)
    )
    if exists is None:
        inserted = await db.fetchval(
            "INSERT INTO deliveries (chat_id, local_date, status, claimed_by, claimed_at, "
            "attempts, window_end) VALUES (?, ?, 'claimed', ?, ?, 1, ?) "
            "ON CONFLICT (chat_id, local_date) DO NOTHING RETURNING id",
            (chat_id, local_date, worker, stamp, window_end),
        )
        if inserted is not None:
            return True
    # Re-read under a row lock: the latest committed state is what the conditions see.
    row_id = await db.fetchval(
        "SELECT d.id FROM deliveries d WHERE d.chat_id = ? AND d.local_date = ? "
        "AND ((d.status = 'failed' AND d.attempts < ?) "
        "OR (d.status = 'claimed' AND NOT EXISTS (SELECT 1 FROM instances i "
        "WHERE i.id = d.claimed_by AND i.heartbeat_at >= ?))) "
        "FOR UPDATE OF d SKIP LOCKED",
        (chat_id, local_date, max_attempts, dead_before),
    )
    if row_id is None:
        return False
    changed = await db.execute(
        "UPDATE deliveries SET status = 'claimed', claimed_by = ?, claimed_at = ?, "
        "attempts = attempts + 1, error = NULL, window_end = COALESCE(window_end, ?) "
        "WHERE id = ?",
        (worker, stamp, window_end, row_id),
    )
    return changed == 1
