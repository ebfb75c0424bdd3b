"""Operational records: refresh runs and recent errors, for /stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govdigest.storage.db import Database
from govdigest.timeutil import from_db, to_db, utc_now

MAX_ERRORS_KEPT = 200


@dataclass(frozen=True, slots=True)
class RefreshRun:
    trigger: str
    started_at: datetime
    finished_at: datetime
    new: int
    updated: int
    unchanged: int
    rejected: int
    extracted: int


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    at: datetime
    kind: str
    message: str


class OpsRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record_refresh(self, run: RefreshRun) -> None:
        await self._db.execute(
            "INSERT INTO refresh_runs (trigger, started_at, finished_at, new, updated, "
            "unchanged, rejected, extracted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run.trigger,
                to_db(run.started_at),
                to_db(run.finished_at),
                run.new,
                run.updated,
                run.unchanged,
                run.rejected,
                run.extracted,
            ),
        )

    async def last_refresh(self) -> RefreshRun | None:
        row = await self._db.fetchone(
            "SELECT trigger, started_at, finished_at, new, updated, unchanged, rejected, "
            "extracted FROM refresh_runs ORDER BY id DESC LIMIT 1"
        )
        if row is None:
            return None
        started, finished = from_db(row["started_at"]), from_db(row["finished_at"])
        assert started is not None and finished is not None
        return RefreshRun(
            trigger=row["trigger"],
            started_at=started,
            finished_at=finished,
            new=row["new"],
            updated=row["updated"],
            unchanged=row["unchanged"],
            rejected=row["rejected"],
            extracted=row["extracted"],
        )

    async def record_error(self, kind: str, message: str) -> None:
        await self._db.execute(
            "INSERT INTO errors (at, kind, message) VALUES (?, ?, ?)",
            (to_db(utc_now()), kind, message[:500]),
        )
        await self._db.execute(
            "DELETE FROM errors WHERE id <= (SELECT MAX(id) FROM errors) - ?", (MAX_ERRORS_KEPT,)
        )

    async def recent_errors(self, limit: int = 5) -> list[ErrorRecord]:
        rows = await self._db.fetchall(
            "SELECT at, kind, message FROM errors ORDER BY id DESC LIMIT ?", (limit,)
        )
        out = []
        for r in rows:
            at = from_db(r["at"])
            assert at is not None
            out.append(ErrorRecord(at=at, kind=r["kind"], message=r["message"]))
        return out
