"""SubscribersRepo and DeliveriesRepo on SQLite and PostgreSQL: the claim is the exactly-once
key."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest

from govdigest.storage import Database, Repos
from govdigest.storage.schema import MIGRATIONS
from govdigest.storage.schema_pg import PG_MIGRATIONS
from govdigest.storage.subscriptions import MAX_DAILY_ATTEMPTS, InstancesRepo
from tests.fakes.digest_env import utc

DAY = date(2024, 5, 2)
T0 = utc(2024, 5, 2, 6, 0)


@pytest.fixture
async def repos(db_target: str) -> AsyncIterator[Repos]:
    db = await Database.open(db_target)
    try:
        yield Repos.over(db)
    finally:
        await db.close()


LEASE = timedelta(seconds=60)


async def _beat(repos: Repos, worker: str, now) -> None:
    async with repos.db.transaction():
        await InstancesRepo(repos.db).beat(worker, now)


async def _claim(repos: Repos, worker: str, *, now=T0, chat: int = 1, **kw) -> bool:
    """``worker`` is a live instance: it beats at ``now``, then claims."""
    await _beat(repos, worker, now)
    async with repos.db.transaction():
        return await repos.deliveries.claim(
            chat, DAY, worker, dead_before=now - LEASE, now=now, **kw
        )


async def _finish(repos: Repos, worker: str, status: str, chat: int = 1, **kw) -> bool:
    async with repos.db.transaction():
        return await repos.deliveries.finish(chat, DAY, worker, status, now=T0, **kw)  # type: ignore[arg-type]


async def _subscribe(repos: Repos, chat: int = 1, *, at=T0, time="09:00", tz="Europe/Moscow"):
    async with repos.db.transaction():
        return await repos.subscribers.subscribe(chat, 100 + chat, time, tz, now=at)


async def test_schema_is_at_the_latest_version(repos: Repos) -> None:
    # Both backends at the same version (7: the coordination leases).
    assert await repos.db.user_version() == len(MIGRATIONS) == len(PG_MIGRATIONS) == 7


async def test_subscribe_sets_the_schedule_anchor_and_resubscribe_keeps_the_row(repos) -> None:
    sub = await _subscribe(repos)
    assert (sub.status, sub.digest_time, sub.tz, sub.schedule_from) == (
        "active",
        "09:00",
        "Europe/Moscow",
        T0,
    )
    async with repos.db.transaction():
        await repos.subscribers.set_status(1, "unsubscribed", now=T0)
    later = T0 + timedelta(days=1)
    sub = await _subscribe(repos, at=later, time="08:00", tz="Asia/Omsk")
    assert (sub.status, sub.digest_time, sub.tz, sub.schedule_from) == (
        "active",
        "08:00",
        "Asia/Omsk",
        later,
    )
    assert await repos.subscribers.counts() == {
        "active": 1,
        "paused": 0,
        "blocked": 0,
        "unsubscribed": 0,
    }


async def test_resume_restarts_the_schedule_but_pause_keeps_it(repos) -> None:
    await _subscribe(repos)
    paused_at, resumed_at = T0 + timedelta(hours=1), T0 + timedelta(hours=2)
    async with repos.db.transaction():
        await repos.subscribers.set_status(1, "paused", now=paused_at)
    sub = await repos.subscribers.get(1)
    assert sub is not None and sub.schedule_from == T0
    async with repos.db.transaction():
        await repos.subscribers.set_status(1, "active", now=resumed_at)
        await repos.subscribers.set_time(1, "10:00", now=resumed_at)
    sub = await repos.subscribers.get(1)
    assert sub is not None and (sub.status, sub.digest_time, sub.schedule_from) == (
        "active",
        "10:00",
        resumed_at,
    )
    assert [s.chat_id for s in await repos.subscribers.active()] == [1]


async def test_last_digest_never_moves_backwards(repos) -> None:
    await _subscribe(repos)
    async with repos.db.transaction():
        await repos.subscribers.mark_digest_sent(1, T0)
        await repos.subscribers.mark_digest_sent(1, T0 - timedelta(hours=1))
    sub = await repos.subscribers.get(1)
    assert sub is not None and sub.last_digest_at == T0


async def test_claim_is_exclusive_and_finish_needs_the_claim(repos) -> None:
    await _subscribe(repos)
    assert await _claim(repos, "a", window_end=T0)
    assert not await _claim(repos, "b")
    assert not await _finish(repos, "b", "sent")
    assert await _finish(repos, "a", "sent", parts_sent=2)
    delivery = await repos.deliveries.get(1, DAY)
    assert delivery is not None
    assert (delivery.status, delivery.claimed_by, delivery.attempts, delivery.parts_sent) == (
        "sent",
        "a",
        1,
        2,
    )
    assert not await _claim(repos, "b")  # a sent day is never claimed again
    assert await repos.deliveries.settled_dates({DAY}) == {(1, DAY)}


async def test_failed_is_retaken_with_the_same_window_and_progress(repos) -> None:
    await _subscribe(repos)
    assert await _claim(repos, "a", window_end=T0)
    async with repos.db.transaction():
        assert await repos.deliveries.progress(1, DAY, "a", 1)
    assert await _finish(repos, "a", "failed", error="TelegramServerError")
    assert await repos.deliveries.settled_dates({DAY}) == set()
    later = T0 + timedelta(minutes=1)
    assert await _claim(repos, "b", now=later, window_end=later)
    delivery = await repos.deliveries.get(1, DAY)
    assert delivery is not None
    assert (delivery.claimed_by, delivery.attempts, delivery.window_end, delivery.parts_sent) == (
        "b",
        2,
        T0,
        1,
    )
    assert delivery.error is None


async def test_a_crashed_instances_claim_is_free_once_its_lease_ran_out(repos) -> None:
    await _subscribe(repos)
    assert await _claim(repos, "crashed")  # its last heartbeat: T0
    assert not await _claim(repos, "b", now=T0 + LEASE - timedelta(seconds=1))
    assert await _claim(repos, "b", now=T0 + LEASE + timedelta(seconds=1))
    assert not await _finish(repos, "crashed", "sent")


async def test_a_live_instances_claim_is_never_taken_however_old(repos) -> None:
    await _subscribe(repos)
    assert await _claim(repos, "live")
    for hours in (1, 5, 23):
        later = T0 + timedelta(hours=hours)
        await _beat(repos, "live", later - timedelta(seconds=30))  # still beating
        assert not await _claim(repos, "b", now=later)
    assert await _finish(repos, "live", "sent")


async def test_a_claim_without_a_heartbeat_row_is_free(repos) -> None:
    """A cleanly stopped instance removes its row: what it left claimed is free at once."""
    await _subscribe(repos)
    assert await _claim(repos, "stopped")
    async with repos.db.transaction():
        await InstancesRepo(repos.db).remove("stopped")
    assert await _claim(repos, "b")


async def test_next_release_is_the_oldest_heartbeat_of_other_claimers(repos) -> None:
    for chat in (1, 2, 3):
        await _subscribe(repos, chat)
    assert await _claim(repos, "a", chat=1, now=T0)
    assert await _claim(repos, "b", chat=2, now=T0 + timedelta(seconds=10))
    assert await _claim(repos, "me", chat=3, now=T0 + timedelta(seconds=20))
    release = repos.deliveries.next_release
    assert await release({DAY}, "me") == T0.timestamp()
    assert await release({DAY}, "a") == (T0 + timedelta(seconds=10)).timestamp()
    assert await release({DAY + timedelta(days=1)}, "me") is None


async def test_too_many_failures_settle_the_day(repos) -> None:
    await _subscribe(repos)
    for attempt in range(MAX_DAILY_ATTEMPTS):
        assert await _claim(repos, f"w{attempt}")
        assert await _finish(repos, f"w{attempt}", "failed", error="boom")
    assert not await _claim(repos, "late")
    assert await repos.deliveries.settled_dates({DAY}) == {(1, DAY)}
    assert [d.attempts for d in await repos.deliveries.of_chat(1)] == [MAX_DAILY_ATTEMPTS]


async def test_two_connections_claim_atomically(db_target: str) -> None:
    path = db_target
    first, second = await Database.open(path), await Database.open(path)
    try:
        a, b = Repos.over(first), Repos.over(second)
        await _subscribe(a)
        results = [await _claim(a, "a"), await _claim(b, "b")]
        assert results == [True, False]
        delivery = await b.deliveries.get(1, DAY)
        assert delivery is not None and delivery.claimed_by == "a"
    finally:
        await first.close()
        await second.close()


async def test_concurrent_instances_claim_each_delivery_exactly_once(pg_url: str) -> None:
    """Three instances (pools) race for 60 chats at once: every chat is claimed once."""
    dbs = [await Database.open(pg_url) for _ in range(3)]
    try:
        everyone = [Repos.over(db) for db in dbs]
        chats = range(1, 61)
        for chat in chats:
            await _subscribe(everyone[0], chat)
        for index, repos in enumerate(everyone):
            await _beat(repos, f"w{index}", T0)

        async def claim(repos: Repos, worker: str, chat: int) -> tuple[int, str] | None:
            async with repos.db.transaction():
                won = await repos.deliveries.claim(
                    chat, DAY, worker, dead_before=T0 - LEASE, now=T0
                )
            return (chat, worker) if won else None

        results = await asyncio.gather(
            *(
                claim(repos, f"w{index}", chat)
                for chat in chats
                for index, repos in enumerate(everyone)
            )
        )
        won = [r for r in results if r is not None]
        assert sorted(chat for chat, _ in won) == list(chats)
        for chat, worker in won:
            delivery = await everyone[0].deliveries.get(chat, DAY)
            assert delivery is not None and delivery.claimed_by == worker
            assert delivery.attempts == 1
    finally:
        for db in dbs:
            await db.close()


async def test_a_claim_in_flight_elsewhere_is_skipped_not_waited_for(pg_url: str) -> None:
    """SKIP LOCKED: while one instance's transaction holds a failed row it is retaking, another
    instance's claim of the same row answers "not mine" at once instead of queueing behind it."""
    first, second = await Database.open(pg_url), await Database.open(pg_url)
    try:
        a, b = Repos.over(first), Repos.over(second)
        await _subscribe(a)
        assert await _claim(a, "a")
        assert await _finish(a, "a", "failed", error="boom")
        await _beat(a, "a2", T0)
        await _beat(b, "b", T0)
        holding, release = asyncio.Event(), asyncio.Event()

        async def slow_retake() -> bool:
            async with first.transaction():
                won = await a.deliveries.claim(1, DAY, "a2", dead_before=T0 - LEASE, now=T0)
                holding.set()
                await release.wait()
            return won

        task = asyncio.create_task(slow_retake())
        await holding.wait()
        async with second.transaction():
            # Returns while the other transaction is still open (the test would hang here
            # if it waited for the row lock; pytest-timeout bounds it).
            assert not await b.deliveries.claim(1, DAY, "b", dead_before=T0 - LEASE, now=T0)
        release.set()
        assert await task
        delivery = await b.deliveries.get(1, DAY)
        assert delivery is not None and delivery.claimed_by == "a2" and delivery.attempts == 2
    finally:
        await first.close()
        await second.close()
