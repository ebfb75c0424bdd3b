"""The dialect-neutral connection the repositories are written against.

Two backends implement it: ``SqliteDatabase`` (one aiosqlite connection, the embedded
default) and ``PostgresDatabase`` (an asyncpg pool, chosen by a ``postgresql://`` URL).
Repositories write SQL with ``?`` placeholders (translated to ``$n`` for PostgreSQL), read
rows by column name or position, and branch on ``db.dialect`` only where the two dialects
differ (``RETURNING``, ``FOR UPDATE SKIP LOCKED``, JSON functions, "no limit").
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol

Dialect = Literal["sqlite", "postgres"]
Params = Sequence[Any]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Row(Protocol):
    """A result row: ``row["name"]`` or ``row[0]`` (aiosqlite.Row and asyncpg.Record)."""

    def __getitem__(self, key: Any, /) -> Any: ...


def is_postgres_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def _errors() -> tuple[type[BaseException], ...]:
    try:
        import asyncpg
    except ImportError:  # pragma: no cover - asyncpg is a declared dependency
        return (sqlite3.Error,)
    return (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError)


# What a database of either backend raises for a bad file, a lost server, a broken statement.
DATABASE_ERRORS: tuple[type[BaseException], ...] = _errors()


class Database(ABC):
    """Owns the connection(s). Repositories never commit: callers wrap writes in
    ``transaction()``; nested use joins the outer transaction of the same task."""

    dialect: ClassVar[Dialect]

    @classmethod
    async def open(cls, target: str | Path) -> Database:
        """A ``postgresql://`` URL opens PostgreSQL; anything else is a SQLite file path (or
        ``:memory:``). Either is migrated to the latest schema version before it is returned."""
        if is_postgres_url(target):
            from govdigest.storage.postgres import PostgresDatabase

            return await PostgresDatabase.connect(str(target))
        from govdigest.storage.sqlite import SqliteDatabase

        return await SqliteDatabase.connect(target)

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def user_version(self) -> int:
        """The schema version: the number of migrations applied."""

    @abstractmethod
    async def migrate(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[None]: ...

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; the number of rows it changed."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None when there is no row."""
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    @abstractmethod
    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT into a table with an ``id`` key; the new row's id."""

    @property
    @abstractmethod
    def no_limit(self) -> int | None:
        """The ``LIMIT ?`` value that means "all rows" (-1 in SQLite, NULL in PostgreSQL)."""

    def limit(self, value: int | None) -> int | None:
        """``value`` for a ``LIMIT ?`` parameter; None or a negative number means all rows."""
        return self.no_limit if value is None or value < 0 else value

    def json_array_length(self, column: str) -> str:
        """SQL for the length of the JSON array in ``column`` (a column of ours, never input)."""
        if self.dialect == "postgres":
            return f"json_array_length({column}::json)"
        return f"json_array_length({column})"

    def joined(self, expression: str) -> str:
        """SQL aggregate: the values of ``expression`` (ours, never input) joined by spaces."""
        if self.dialect == "postgres":
            return f"string_agg({expression}, ' ')"
        return f"group_concat({expression}, ' ')"

    @abstractmethod
    def is_busy(self, exc: BaseException) -> bool:
        """Whether ``exc`` is a transient lock conflict worth retrying the transaction for."""
