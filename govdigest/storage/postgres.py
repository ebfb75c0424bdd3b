"""PostgreSQL: an asyncpg pool behind the same interface as the SQLite connection.

A transaction holds one pooled connection for the task that opened it; that task's
statements run on it, and a nested ``transaction()`` of the same task joins it. Statements
of other tasks (and of a task outside any transaction) take a connection of their own, so
readers never wait for a writer. ``?`` placeholders are translated to ``$n``.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any, ClassVar

import asyncpg

from govdigest.storage.db import Database, Dialect, Params, Row
from govdigest.storage.schema_pg import PG_MIGRATIONS

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key of the migration: two instances starting on a new database take
# turns, and the second finds the first's work done. ("govdigest" as a number.)
MIGRATION_LOCK = 0x676F76646967
POOL_MAX_SIZE = 10
_COUNT = re.compile(r"(\d+)$")
# A string literal, a quoted identifier, or a placeholder: literals are copied as they are.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?")


@lru_cache(maxsize=512)
def to_numbered(sql: str) -> str:
    """``?`` placeholders as ``$1, $2, …``; a ``?`` inside a quoted literal stays."""
    counter = 0

    def number(match: re.Match[str]) -> str:
        nonlocal counter
        if match.group(0) != "?":
            return match.group(0)
        counter += 1
        return f"${counter}"

    return _TOKENS.sub(number, sql)


def _rowcount(status: str) -> int:
    """asyncpg's command tag ("UPDATE 3", "INSERT 0 1", "DELETE 0") as a row count."""
    match = _COUNT.search(status or "")
    return int(match.group(1)) if match else 0


class PostgresDatabase(Database):
    dialect: ClassVar[Dialect] = "postgres"

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self.pool = pool
        self.url = url
        self._owned: dict[asyncio.Task[Any], asyncpg.Connection] = {}

    @classmethod
    async def connect(cls, url: str, *, max_size: int = POOL_MAX_SIZE) -> PostgresDatabase:
        """Open a pool and migrate; on any failure the pool is closed again."""
        pool = await asyncpg.create_pool(url, min_size=1, max_size=max_size)
        try:
            db = cls(pool, url)
            await db.migrate()
        except BaseException:
            await pool.close()
            raise
        return db

    async def close(self) -> None:
        await self.pool.close()

    async def user_version(self) -> int:
        exists = await self.fetchval("SELECT to_regclass('schema_version') IS NOT NULL")
        if not exists:
            return 0
        return int(await self.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))

    async def migrate(self) -> None:
        """Apply forward migrations; each one and its version bump commit together, under a
        transaction-scoped advisory lock (the counterpart of SQLite's ``BEGIN IMMEDIATE``)."""
        for version, statements in enumerate(PG_MIGRATIONS, start=1):
            async with self.transaction():
                await self.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
                await self.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
                )
                if await self.user_version() >= version:
                    continue
                for statement in statements:
                    await self.execute(statement)
                await self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            log.info("database migrated to schema version %d", version)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        task = asyncio.current_task()
        assert task is not None
        if task in self._owned:
            yield  # nested: the outermost block owns commit/rollback
            return
        async with self.pool.acquire() as conn, conn.transaction():
            self._owned[task] = conn
            try:
                yield
            finally:
                del self._owned[task]

    @asynccontextmanager
    async def _conn(self) -> AsyncIterator[asyncpg.Connection]:
        task = asyncio.current_task()
        owned = self._owned.get(task) if task is not None else None
        if owned is not None:
            yield owned
            return
        async with self.pool.acquire() as conn:
            yield conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self._conn() as conn:
            status = await conn.execute(to_numbered(sql), *params)
        return _rowcount(status)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        batch = [tuple(r) for r in rows]
        if not batch:
            return
        async with self._conn() as conn:
            await conn.executemany(to_numbered(sql), batch)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._conn() as conn:
            row: Row | None = await conn.fetchrow(to_numbered(sql), *params)
        return row

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._conn() as conn:
            rows: list[Row] = await conn.fetch(to_numbered(sql), *params)
        return rows

    async def insert(self, sql: str, params: Params = ()) -> int:
        async with self._conn() as conn:
            new_id = await conn.fetchval(to_numbered(sql) + " RETURNING id", *params)
        return int(new_id)

    @property
    def no_limit(self) -> int | None:
        return None

    def is_busy(self, exc: BaseException) -> bool:
        # Row locks wait instead of failing; a deadlock or serialization failure is the
        # transient conflict here.
        return isinstance(exc, asyncpg.DeadlockDetectedError | asyncpg.SerializationError)
