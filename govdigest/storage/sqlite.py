"""SQLite: one long-lived aiosqlite connection with explicit, visible transactions."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import ClassVar

import aiosqlite

from govdigest.storage.db import Database, Dialect, Params, Row
from govdigest.storage.schema import MIGRATIONS

log = logging.getLogger(__name__)


WAL_RETRY_PAUSE = 0.05  # seconds


async def _enable_wal(conn: aiosqlite.Connection, patience: float) -> None:
    """Switch a file to WAL, waiting out another process that is doing the same.

    Changing the journal mode needs an exclusive lock, and SQLite answers "database is
    locked" at once instead of calling the busy handler: two processes opening one new file
    would otherwise lose one of them. Once the other has switched, the file is WAL already.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            await conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            await asyncio.sleep(WAL_RETRY_PAUSE)
        else:
            return


class SqliteDatabase(Database):
    """Owns the connection. Repositories never commit: callers wrap writes in ``transaction()``.

    The connection runs in autocommit mode (``isolation_level=None``) so that ``BEGIN
    IMMEDIATE`` is ours to issue: it takes SQLite's write lock up front, which is what makes a
    claim (``INSERT … ON CONFLICT DO NOTHING``) atomic between two bot instances.

    Within one process, handlers, the refresh job and delivery workers are concurrent tasks
    sharing this one connection: a transaction belongs to the task that opened it, and another
    task's ``transaction()`` waits for it instead of silently writing into it.
    """

    dialect: ClassVar[Dialect] = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._tx_lock = asyncio.Lock()
        self._tx_owner: asyncio.Task[object] | None = None

    @classmethod
    async def connect(cls, path: str | Path, *, busy_timeout_ms: int = 5000) -> SqliteDatabase:
        """Connect, configure and migrate; on any failure the connection is closed again.

        aiosqlite runs each connection in its own non-daemon thread: one left open after an
        error ("file is not a database") would keep the process alive forever.
        """
        path_str = str(path)
        if path_str != ":memory:":
            Path(path_str).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path_str, isolation_level=None)
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await conn.execute("PRAGMA foreign_keys = ON")
            if path_str != ":memory:":
                await _enable_wal(conn, busy_timeout_ms / 1000)
                await conn.execute("PRAGMA synchronous = NORMAL")
            db = cls(conn, path_str)
            await db.migrate()
        except BaseException:
            await conn.close()
            raise
        return db

    async def close(self) -> None:
        await self.conn.close()

    async def user_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> None:
        """Apply forward migrations; each one and its version bump commit together.

        The version is read inside the migration's ``BEGIN IMMEDIATE``: two processes opening a
        new database at once take turns, and the second finds the first's work done.
        """
        for version, statements in enumerate(MIGRATIONS, start=1):
            async with self.transaction():
                if await self.user_version() >= version:
                    continue
                for statement in statements:
                    await self.conn.execute(statement)
                # PRAGMA does not take parameters; version is our own integer.
                await self.conn.execute(f"PRAGMA user_version = {version}")
            log.info("database migrated to schema version %d", version)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        task = asyncio.current_task()
        if self._tx_owner is not None and self._tx_owner is task:
            # Nested use joins the outer transaction: the outermost block owns commit/rollback.
            yield
            return
        async with self._tx_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            self._tx_owner = task
            try:
                yield
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")
            finally:
                self._tx_owner = None

    async def execute(self, sql: str, params: Params = ()) -> int:
        cur = await self.conn.execute(sql, params)
        return cur.rowcount

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self.conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self.conn.execute(sql, params) as cur:
            return await cur.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self.conn.execute(sql, params) as cur:
            return list(await cur.fetchall())

    async def insert(self, sql: str, params: Params = ()) -> int:
        cur = await self.conn.execute(sql, params)
        assert cur.lastrowid is not None
        return cur.lastrowid

    @property
    def no_limit(self) -> int | None:
        return -1

    def is_busy(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
