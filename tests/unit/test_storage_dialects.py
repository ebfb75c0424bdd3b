"""What the PostgreSQL connection does to the repositories' SQL text, and the twin schemas."""

from __future__ import annotations

import re

import pytest

from govdigest.storage.postgres import _rowcount, to_numbered
from govdigest.storage.schema import MIGRATIONS
from govdigest.storage.schema_pg import PG_MIGRATIONS


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1", "SELECT 1"),
        ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"),
        ("INSERT INTO t VALUES (?, ?, ?)", "INSERT INTO t VALUES ($1, $2, $3)"),
        # A question mark inside a literal or a quoted name is text, not a placeholder.
        ("SELECT '?' || ? FROM t", "SELECT '?' || $1 FROM t"),
        ("SELECT 'it''s ?', ? FROM t", "SELECT 'it''s ?', $1 FROM t"),
        ('SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1'),
        ("a LIKE ? ESCAPE '\\' AND b LIKE ?", "a LIKE $1 ESCAPE '\\' AND b LIKE $2"),
    ],
)
def test_placeholders_are_numbered_outside_literals(sql: str, expected: str) -> None:
    assert to_numbered(sql) == expected


@pytest.mark.parametrize(
    ("status", "count"),
    [("UPDATE 3", 3), ("INSERT 0 1", 1), ("DELETE 0", 0), ("CREATE TABLE", 0), ("", 0)],
)
def test_command_tags_give_the_row_count(status: str, count: int) -> None:
    assert _rowcount(status) == count


def _tables(statements: tuple[str, ...]) -> set[str]:
    return set(re.findall(r"CREATE (?:VIRTUAL )?TABLE (\w+)", " ".join(statements)))


def _columns(statements: tuple[str, ...]) -> set[str]:
    return set(re.findall(r"ADD COLUMN (\w+)", " ".join(statements)))


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS) + 1))
def test_each_version_creates_the_same_tables_and_columns_on_both(version: int) -> None:
    assert len(PG_MIGRATIONS) == len(MIGRATIONS)
    sqlite, pg = MIGRATIONS[version - 1], PG_MIGRATIONS[version - 1]
    assert _tables(pg) == _tables(sqlite)
    assert _columns(pg) == _columns(sqlite)
