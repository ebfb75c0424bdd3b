"""When digests are due: local wall-clock time, DST, midnight, catch-up — with an injected clock.

Russia has no DST, so the DST cases use Europe/Berlin and America/New_York. The job-level
tests run the real tick against a real SQLite file and the recording session.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from govdigest.bot.digests.build import MAX_ITEMS
from govdigest.bot.digests.delivery import Sender
from govdigest.bot.digests.job import (
    DIGEST_JOB_ID,
    HEARTBEAT_JOB_ID,
    _scheduled_tick,
    register,
    stop_running_ticks,
)
from govdigest.bot.digests.schedule import due_at, latest_due, next_due
from govdigest.bot.digests.throttle import Throttle
from govdigest.bot.digests.tick import TickReport, lease_for, run_digest_tick
from govdigest.bot.local_session import LocalSession
from govdigest.extraction.models import Extraction
from govdigest.timeutil import to_db
from tests.fakes.digest_env import Clock, DigestEnv, add_post, http_bot, open_env, utc

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"


@pytest.mark.parametrize(
    ("day", "digest_time", "tz", "expected"),
    [
        # "09:00" is 09:00 in the subscriber's zone, not 09:00 UTC.
        (date(2024, 5, 2), "09:00", "Asia/Yekaterinburg", utc(2024, 5, 2, 4, 0)),
        (date(2024, 5, 2), "09:00", "Europe/Moscow", utc(2024, 5, 2, 6, 0)),
        # Berlin: CET (+1) the day before spring-forward, CEST (+2) on the day.
        (date(2024, 3, 30), "09:00", BERLIN, utc(2024, 3, 30, 8, 0)),
        (date(2024, 3, 31), "09:00", BERLIN, utc(2024, 3, 31, 7, 0)),
        # 02:30 does not exist on 31 March in Berlin: due right after the gap (03:30 CEST).
        (date(2024, 3, 31), "02:30", BERLIN, utc(2024, 3, 31, 1, 30)),
        # 02:30 happens twice on 27 October: the first one (still CEST) is the due time.
        (date(2024, 10, 27), "02:30", BERLIN, utc(2024, 10, 27, 0, 30)),
        (date(2024, 10, 27), "09:00", BERLIN, utc(2024, 10, 27, 8, 0)),
        (date(2024, 3, 9), "09:00", NEW_YORK, utc(2024, 3, 9, 14, 0)),
        (date(2024, 3, 10), "09:00", NEW_YORK, utc(2024, 3, 10, 13, 0)),
        (date(2024, 11, 3), "09:00", NEW_YORK, utc(2024, 11, 3, 14, 0)),
        # Fixed offsets.
        (date(2024, 5, 2), "09:00", "Etc/GMT-5", utc(2024, 5, 2, 4, 0)),
        (date(2024, 5, 2), "09:00", "UTC+05:30", utc(2024, 5, 2, 3, 30)),
    ],
)
def test_due_at_is_local_wall_clock(day, digest_time, tz, expected) -> None:
    assert due_at(day, digest_time, tz) == expected


def test_latest_due_before_and_after_the_time() -> None:
    tz = "Asia/Yekaterinburg"
    assert latest_due("09:00", tz, utc(2024, 5, 2, 3, 59)).local_date == date(2024, 5, 1)
    assert latest_due("09:00", tz, utc(2024, 5, 2, 4, 0)).local_date == date(2024, 5, 2)


def test_midnight_in_the_subscribers_zone_is_not_utc_midnight() -> None:
    # Vladivostok is UTC+10: its 00:05 on 2 May is 14:05 UTC on 1 May.
    due = latest_due("00:05", "Asia/Vladivostok", utc(2024, 5, 1, 14, 5))
    assert due is not None and due.local_date == date(2024, 5, 2)
    earlier = latest_due("00:05", "Asia/Vladivostok", utc(2024, 5, 1, 14, 4))
    assert earlier is not None and earlier.local_date == date(2024, 5, 1)
    # New York 23:59 on 1 May is 03:59 UTC on 2 May.
    due = latest_due("23:59", NEW_YORK, utc(2024, 5, 2, 3, 59))
    assert due is not None and due.local_date == date(2024, 5, 1)


def test_schedule_from_skips_a_time_that_had_already_passed() -> None:
    subscribed = utc(2024, 5, 2, 7, 0)  # 10:00 in Moscow, digest at 09:00
    assert latest_due("09:00", "Europe/Moscow", utc(2024, 5, 2, 7, 1), subscribed) is None
    upcoming = next_due("09:00", "Europe/Moscow", utc(2024, 5, 2, 7, 1), subscribed)
    assert upcoming.local_date == date(2024, 5, 3) and upcoming.at == utc(2024, 5, 3, 6, 0)


def test_next_due_across_spring_forward() -> None:
    upcoming = next_due("09:00", BERLIN, utc(2024, 3, 30, 9, 0))
    assert upcoming.at == utc(2024, 3, 31, 7, 0)


# Job level -------------------------------------------------------------------------------


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[DigestEnv]:
    opened = await open_env(tmp_path / "due.sqlite3", Clock(utc(2024, 3, 29, 0, 0)))
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def session() -> AsyncIterator[LocalSession]:
    yield LocalSession()


async def _tick(env: DigestEnv, session: LocalSession) -> list[int]:
    """One run; the chats that got a message in it."""
    before = len(session.texts())
    await run_digest_tick(env, None, Sender(http_bot("http://unused", session)))
    return [int(r.params["chat_id"]) for r in session.requests[before:]]


async def _subscribe(env: DigestEnv, chat_id: int, digest_time: str, tz: str) -> None:
    async with env.db.transaction():
        await env.repos.subscribers.subscribe(chat_id, chat_id, digest_time, tz, now=env.clock())


async def test_dst_days_deliver_once_a_day_at_local_time(env, session) -> None:
    """Ticks every minute around 09:00 Berlin for four days across spring-forward."""
    await _subscribe(env, 1, "09:00", BERLIN)
    sent_at = []
    for day in range(29, 33):
        for minute in range(-70, 70):
            moment = utc(2024, 3, 1, 7, 0) + timedelta(days=day - 1, minutes=minute)
            env.clock.set(moment)
            if minute == -70:
                await add_post(env, moment - timedelta(seconds=30), title=f"пост {moment}")
            if await _tick(env, session):
                sent_at.append(moment)
    assert sent_at == [
        utc(2024, 3, 29, 8, 0),  # CET
        utc(2024, 3, 30, 8, 0),
        utc(2024, 3, 31, 7, 0),  # CEST from this day on
        utc(2024, 4, 1, 7, 0),
    ]


async def test_catch_up_after_downtime_delivers_once(env, session) -> None:
    env.clock.set(utc(2024, 5, 1, 12, 0))
    await _subscribe(env, 7, "09:00", "Europe/Moscow")
    await add_post(env, utc(2024, 5, 2, 5, 0), title="Вчерашний визит")
    # Down at 09:00 Moscow (06:00 UTC); back at 11:00 (08:00 UTC).
    env.clock.set(utc(2024, 5, 2, 8, 0))
    assert await _tick(env, session) == [7]
    env.clock.advance(minutes=1)
    assert await _tick(env, session) == []
    delivery = await env.repos.deliveries.get(7, date(2024, 5, 2))
    assert delivery is not None and delivery.status == "sent"
    # Down for three days: one digest when back, not three.
    await add_post(env, utc(2024, 5, 3, 5, 0), title="Новый пост")
    env.clock.set(utc(2024, 5, 5, 20, 0))
    assert await _tick(env, session) == [7]
    assert await _tick(env, session) == []
    assert "Новый пост" in session.texts()[-1]


async def test_subscribing_after_the_time_starts_tomorrow(env, session) -> None:
    env.clock.set(utc(2024, 5, 2, 7, 0))  # 10:00 Moscow
    await add_post(env, utc(2024, 5, 2, 6, 30))
    await _subscribe(env, 8, "09:00", "Europe/Moscow")
    assert await _tick(env, session) == []
    env.clock.set(utc(2024, 5, 3, 6, 0))
    assert await _tick(env, session) == [8]


async def test_nothing_new_sends_nothing_and_settles_the_day(env, session) -> None:
    env.clock.set(utc(2024, 5, 1, 12, 0))
    await _subscribe(env, 9, "09:00", "Europe/Moscow")
    await add_post(env, utc(2024, 4, 29, 12, 0), title="Старый пост")  # older than 24 h
    env.clock.set(utc(2024, 5, 2, 6, 0))
    assert await _tick(env, session) == []
    delivery = await env.repos.deliveries.get(9, date(2024, 5, 2))
    assert delivery is not None and delivery.status == "empty"
    assert await _tick(env, session) == []


async def test_empty_digest_is_sent_when_configured(tmp_path: Path, session) -> None:
    clock = Clock(utc(2024, 5, 1, 12, 0))
    env = await open_env(tmp_path / "empty.sqlite3", clock, digest_send_empty=True)
    try:
        await _subscribe(env, 10, "09:00", "Europe/Moscow")
        clock.set(utc(2024, 5, 2, 6, 0))
        assert await _tick(env, session) == [10]
        assert "новых публикаций нет" in session.texts()[-1]
    finally:
        await env.close()


async def test_each_digest_covers_posts_since_the_previous_one(env, session) -> None:
    env.clock.set(utc(2024, 5, 1, 12, 0))
    await _subscribe(env, 11, "09:00", "Europe/Moscow")
    await add_post(env, utc(2024, 5, 1, 1, 0), title="Позавчерашний")  # > 24 h before 1st
    await add_post(env, utc(2024, 5, 1, 20, 0), title="Первый")
    env.clock.set(utc(2024, 5, 2, 6, 0))
    assert await _tick(env, session) == [11]
    first = session.texts()[-1]
    assert "Первый" in first and "Позавчерашний" not in first
    await add_post(env, utc(2024, 5, 2, 10, 0), title="Второй")
    env.clock.set(utc(2024, 5, 3, 6, 0))
    assert await _tick(env, session) == [11]
    second = session.texts()[-1]
    assert "Второй" in second and "Первый" not in second
    sub = await env.repos.subscribers.get(11)
    assert sub is not None and sub.last_digest_at == utc(2024, 5, 3, 6, 0)


async def test_a_post_extracted_after_a_digest_run_comes_in_the_next_one(env, session) -> None:
    """Ingestion commits the post, a digest runs, only then is the post extracted."""
    env.clock.set(utc(2024, 5, 1, 12, 0))
    await _subscribe(env, 13, "09:00", "Europe/Moscow")
    stored = utc(2024, 5, 2, 5, 59)
    async with env.db.transaction():
        cur = await env.db.conn.execute(
            "INSERT INTO posts (source, source_id, title, text, content_hash, created_at, "
            "updated_at, published_at) VALUES ('test', 'late', 'Поздний', 'Поздний пост', 'h', "
            "?, ?, ?)",
            (to_db(stored), to_db(stored), to_db(stored)),
        )
        post_id = cur.lastrowid
    assert post_id is not None
    env.clock.set(utc(2024, 5, 2, 6, 0))
    assert await _tick(env, session) == []  # nothing ready yet: an empty day
    extraction = Extraction(title="Поздний", summary="Извлечён после дайджеста.")
    async with env.db.transaction():
        await env.repos.cache.save(post_id, "h", "test", extraction, now=utc(2024, 5, 2, 6, 1))
    env.clock.set(utc(2024, 5, 3, 6, 0))
    assert await _tick(env, session) == [13]
    assert "Поздний" in session.texts()[-1]


async def test_a_digest_over_the_limit_ends_at_the_last_post_it_includes(env, session) -> None:
    env.clock.set(utc(2024, 5, 1, 12, 0))
    await _subscribe(env, 14, "09:00", "Europe/Moscow")
    start = utc(2024, 5, 1, 12, 0)
    for i in range(MAX_ITEMS + 5):
        await add_post(env, start + timedelta(seconds=i + 1), title=f"Пост №{i + 1}", url=None)
    env.clock.set(utc(2024, 5, 2, 6, 0))
    assert set(await _tick(env, session)) == {14}
    first = "".join(session.texts())
    assert f"{MAX_ITEMS} новых публикаций" in first
    assert re.search(rf"Пост №{MAX_ITEMS}\b", first)
    assert f"Пост №{MAX_ITEMS + 1}" not in first
    sub = await env.repos.subscribers.get(14)
    assert sub is not None and sub.last_digest_at == start + timedelta(seconds=MAX_ITEMS)
    before = len(session.texts())
    env.clock.set(utc(2024, 5, 3, 6, 0))
    assert set(await _tick(env, session)) == {14}
    second = "".join(session.texts()[before:])
    assert "5 новых публикаций" in second
    assert all(f"Пост №{MAX_ITEMS + k}" in second for k in range(1, 6))
    assert not re.search(rf"Пост №{MAX_ITEMS}\b", second)


async def test_more_posts_than_the_limit_in_one_second_go_together(env, session) -> None:
    """Windows end at whole seconds: a second's posts are never split between two digests."""
    env.clock.set(utc(2024, 5, 1, 12, 0))
    await _subscribe(env, 15, "09:00", "Europe/Moscow")
    for i in range(MAX_ITEMS - 3):
        await add_post(env, utc(2024, 5, 1, 12, 0, 1), title=f"Ранний №{i + 1}", url=None)
    for i in range(10):  # straddles the limit, all made ready within one second
        await add_post(
            env,
            utc(2024, 5, 1, 13, 0, 0) + timedelta(microseconds=i + 1),
            title=f"Поздний №{i + 1}",
        )
    env.clock.set(utc(2024, 5, 2, 6, 0))
    assert set(await _tick(env, session)) == {15}
    first = "".join(session.texts())
    assert f"{MAX_ITEMS - 3} новых публикаций" in first and "Поздний" not in first
    before = len(session.texts())
    env.clock.set(utc(2024, 5, 3, 6, 0))
    assert set(await _tick(env, session)) == {15}
    second = "".join(session.texts()[before:])
    assert "10 новых публикаций" in second and "Ранний" not in second
    # All of one second beyond the limit: included together rather than lost.
    for i in range(MAX_ITEMS + 2):
        await add_post(env, utc(2024, 5, 3, 12, 0, 0), title=f"Пачка №{i + 1}", url=None)
    before = len(session.texts())
    env.clock.set(utc(2024, 5, 4, 6, 0))
    assert set(await _tick(env, session)) == {15}
    third = "".join(session.texts()[before:])
    assert f"{MAX_ITEMS + 2} новые публикации" in third


async def test_a_long_run_keeps_its_claims_while_it_beats(env, session) -> None:
    """Each send takes 6 minutes, far past the lease, but the instance keeps beating: a second
    instance running meanwhile must find that chat's claim held, not take it over."""
    env.clock.set(utc(2024, 5, 1, 12, 0))
    for chat in (21, 22, 23):
        await _subscribe(env, chat, "09:00", "Europe/Moscow")
    await add_post(env, utc(2024, 5, 2, 5, 0))
    start = utc(2024, 5, 2, 6, 0)
    env.clock.set(start)
    second: list[TickReport] = []
    lease = lease_for(env, "w1")

    class SlowSender(Sender):
        async def send_parts(self, chat_id: int, parts, **kw):  # type: ignore[no-untyped-def]
            for _ in range(36):  # six minutes, with the heartbeat job's beats
                env.clock.advance(seconds=10)
                await lease.beat()
            if chat_id == 23:  # another instance's run, while this claim is held
                other = Sender(http_bot("http://unused", session))
                second.append(await run_digest_tick(env, None, other, worker="w2"))
            return await super().send_parts(chat_id, parts, **kw)

    report = await run_digest_tick(
        env,
        None,
        SlowSender(http_bot("http://unused", session)),
        lease=lease,
        concurrency=1,
    )
    assert (report.sent, report.skipped) == (3, 0)
    # The other instance does not even get to the claims: the live broadcaster's lease is
    # held too, so it leaves the due digest to w1 (``deferred_to``).
    assert [(r.due, r.claimed, r.deferred_to) for r in second] == [(1, 0, "w1")]
    assert sorted(int(r.params["chat_id"]) for r in session.requests) == [21, 22, 23]
    async with env.db.conn.execute(
        "SELECT chat_id, claimed_at, window_end FROM deliveries ORDER BY chat_id"
    ) as cur:
        rows = [tuple(r) for r in await cur.fetchall()]
    assert rows == [
        (chat, to_db(start + timedelta(minutes=6 * k)), to_db(start))
        for k, chat in enumerate((21, 22, 23))
    ]


async def test_shutdown_stops_a_running_tick_with_its_send_recorded(env, session) -> None:
    """What runner.on_shutdown does before closing the database: no claim left 'claimed'."""
    env.clock.set(utc(2024, 5, 1, 12, 0))
    for chat in (31, 32):
        await _subscribe(env, chat, "09:00", "Europe/Moscow")
    await add_post(env, utc(2024, 5, 2, 5, 0))
    env.clock.set(utc(2024, 5, 2, 6, 0))
    in_flight = asyncio.Event()

    class SlowSender(Sender):
        async def send_parts(self, chat_id: int, parts, **kw):  # type: ignore[no-untyped-def]
            in_flight.set()
            await asyncio.sleep(0.2)
            return await super().send_parts(chat_id, parts, **kw)

    sender = SlowSender(http_bot("http://unused", session))
    task = asyncio.create_task(_scheduled_tick(env, sender, lease_for(env, "w1")))
    await in_flight.wait()
    await stop_running_ticks()
    assert task.done()
    statuses = [d.status for c in (31, 32) for d in await env.repos.deliveries.of_chat(c)]
    assert statuses == ["sent", "sent"]  # the sends in flight finished and were recorded
    assert sorted(int(r.params["chat_id"]) for r in session.requests) == [31, 32]


async def test_paused_subscriber_gets_nothing_until_resumed(env, session) -> None:
    env.clock.set(utc(2024, 5, 1, 12, 0))
    await _subscribe(env, 12, "09:00", "Europe/Moscow")
    async with env.db.transaction():
        await env.repos.subscribers.set_status(12, "paused", now=env.clock())
    await add_post(env, utc(2024, 5, 2, 1, 0))
    env.clock.set(utc(2024, 5, 2, 6, 0))
    assert await _tick(env, session) == []
    async with env.db.transaction():
        await env.repos.subscribers.set_status(12, "active", now=env.clock())
    await add_post(env, utc(2024, 5, 2, 12, 0))
    env.clock.set(utc(2024, 5, 3, 6, 0))
    assert await _tick(env, session) == [12]


async def test_register_adds_the_digest_and_heartbeat_jobs_and_one_throttle(env) -> None:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start(paused=True)
    bot = http_bot("http://unused", LocalSession())
    try:
        register(scheduler, env, bot)
        register(scheduler, env, bot)  # idempotent: same job ids, one throttle
        registered = datetime.now(UTC)
        jobs = {job.id: job for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=False)
    assert set(jobs) == {DIGEST_JOB_ID, HEARTBEAT_JOB_ID}
    job = jobs[DIGEST_JOB_ID]
    assert isinstance(job.trigger, CronTrigger)
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 3600)
    assert str(job.trigger.fields[-1]) == "0"  # second 0 of every minute
    # ... and once at start-up, not only on the next minute: its first run is due already.
    assert job.next_run_time is not None and job.next_run_time <= registered
    beat = jobs[HEARTBEAT_JOB_ID]
    assert isinstance(beat.trigger, IntervalTrigger)
    assert beat.trigger.interval.total_seconds() == env.settings.instance_heartbeat_seconds
    assert sum(isinstance(m, Throttle) for m in bot.session.middleware) == 1
