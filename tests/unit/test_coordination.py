"""Named leases between instances on a real SQLite file: taken, kept, taken over, given up."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from govdigest.bot.digests.lease import InstanceLease
from govdigest.storage import Database
from govdigest.storage.coordination import BROADCAST, REFRESH, CoordinationRepo

T0 = datetime(2024, 5, 2, 6, 0, tzinfo=UTC)
LEASE = 60.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def two(db_target: str):
    """Two instances, each with its own connection to one database (a SQLite file, then
    PostgreSQL), on one test clock."""
    path = db_target
    first, second = await Database.open(path), await Database.open(path)
    clock = Clock()
    a = InstanceLease(first, clock, lease_seconds=LEASE, heartbeat_seconds=15, instance_id="a")
    b = InstanceLease(second, clock, lease_seconds=LEASE, heartbeat_seconds=15, instance_id="b")
    try:
        yield a, b, clock
    finally:
        await first.close()
        await second.close()


async def test_a_live_holder_keeps_its_lease_and_a_silent_one_loses_it(two) -> None:
    a, b, clock = two
    assert await a.take(BROADCAST)
    assert not await b.take(BROADCAST)
    assert (await b.holder(BROADCAST)).holder == "a"
    # a keeps beating: however long it holds the lease, b does not get it.
    for _ in range(10):
        clock.now += timedelta(seconds=20)
        await a.beat()
        await b.beat()
        assert not await b.take(BROADCAST)
    # a goes silent: a whole lease later, b takes over.
    silent_since = clock.now
    clock.now += timedelta(seconds=LEASE - 1)
    await b.beat()
    assert not await b.take(BROADCAST)
    assert b.free_at(await b.holder(BROADCAST)) == silent_since + timedelta(seconds=LEASE)
    clock.now += timedelta(seconds=2)
    await b.beat()
    assert await b.take(BROADCAST)
    assert (await a.holder(BROADCAST)).holder == b.id


async def test_taking_again_is_idempotent_and_giving_up_frees_at_once(two) -> None:
    a, b, _ = two
    assert await a.take(REFRESH)
    assert await a.take(REFRESH)  # ours already
    await b.give_up(REFRESH)  # not b's: nothing happens
    assert not await b.take(REFRESH)
    await a.give_up(REFRESH)
    assert await a.holder(REFRESH) is None
    assert await b.take(REFRESH)


async def test_leases_are_independent(two) -> None:
    a, b, _ = two
    assert await a.take(BROADCAST)
    assert await b.take(REFRESH)
    assert not await a.take(REFRESH)
    assert not await b.take(BROADCAST)


async def test_a_clean_stop_frees_every_lease_of_the_instance(two) -> None:
    a, b, _ = two
    assert await a.take(BROADCAST)
    await a.release()  # the heartbeat row goes
    holder = await b.holder(BROADCAST)
    assert holder is not None and holder.heartbeat_at is None
    assert await b.take(BROADCAST)


async def test_ping_reads_the_database_and_fails_once_closed(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ping.sqlite3")
    repo = CoordinationRepo(db)
    assert await repo.ping() == 0
    await db.close()
    with pytest.raises(ValueError):  # aiosqlite: no active connection
        await repo.ping()


async def test_two_refreshers_on_postgresql_store_one_extraction(pg_url: str) -> None:
    """Read committed has no file lock: the second refresher's check must wait for the
    first's transaction (the post row is locked) and then find its result."""
    first, second = await Database.open(pg_url), await Database.open(pg_url)
    now = T0.isoformat()
    try:
        post_id = await first.insert(
            "INSERT INTO posts (source, source_id, text, content_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            ("file", "a.txt", "Губернатор открыл мост", "h1", now, now),
        )
        holding = asyncio.Event()

        async def refresher_one() -> bool:
            async with first.transaction():
                current = await CoordinationRepo(first).extraction_is_current(post_id, "11", "h1")
                holding.set()
                await asyncio.sleep(0.5)  # extracting while the other one asks
                await first.execute(
                    "INSERT INTO extractions (post_id, extractor_version, content_hash, "
                    "result_json, extracted_at) VALUES (?, ?, ?, ?, ?)",
                    (post_id, "11", "h1", "{}", now),
                )
            return current

        async def refresher_two() -> bool:
            await holding.wait()
            async with second.transaction():
                return await CoordinationRepo(second).extraction_is_current(post_id, "11", "h1")

        one, two = await asyncio.gather(refresher_one(), refresher_two())
        assert (one, two) == (False, True)
    finally:
        await first.close()
        await second.close()
