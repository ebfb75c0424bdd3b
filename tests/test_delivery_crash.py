"""A broadcast interrupted part-way, and two bot instances on one database.

Interrupted by cancelling its task (a graceful stop): the sends in flight finish and are
recorded, so the restarted run completes the broadcast with exactly one digest each.
Interrupted by SIGKILL: nothing can be recorded after the kill, so a message in flight at
that instant may be repeated (at most one per claimed chat), and no one is lost.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

import pytest

from govdigest.bot.digests.delivery import Sender
from govdigest.bot.digests.throttle import install_throttle
from govdigest.bot.digests.tick import CONCURRENCY, run_digest_tick
from tests.fakes.digest_env import (
    Clock,
    DigestEnv,
    add_post,
    assert_once_each,
    http_bot,
    open_env,
    subscribe_many,
    tick,
    utc,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DAY = date(2024, 5, 2)
DUE = utc(2024, 5, 2, 6, 0)
CHATS = range(1, 61)


async def _prepared(path: Path, **overrides: float) -> DigestEnv:
    env = await open_env(path, Clock(utc(2024, 5, 1, 12, 0)), **overrides)
    await subscribe_many(env, CHATS, "09:00", "Europe/Moscow", at=env.clock())
    await add_post(env, utc(2024, 5, 2, 1, 0), title="Губернатор открыл мост")
    env.clock.set(DUE)
    return env


async def _statuses(env: DigestEnv) -> dict[int, str]:
    async with env.db.conn.execute("SELECT chat_id, status FROM deliveries") as cur:
        return {int(r[0]): str(r[1]) for r in await cur.fetchall()}


async def test_cancelled_broadcast_resumes_with_exactly_one_each(tmp_path, fake) -> None:
    env = await _prepared(tmp_path / "cancel.sqlite3", rate_limit_global=300.0)
    bot = http_bot(fake.base_url)
    install_throttle(bot, env.settings.rate_limit_global, env.settings.rate_limit_per_chat)
    task: asyncio.Task | None = None

    def stop_after_twenty(_accepted: object) -> None:
        if len(fake.accepted) == 20 and task is not None:
            task.cancel()

    fake.on_accept = stop_after_twenty
    try:
        task = asyncio.create_task(run_digest_tick(env, bot, Sender(bot), worker="first"))
        with pytest.raises(asyncio.CancelledError):
            await task
        delivered_first = len(fake.accepted)
        assert 20 <= delivered_first < len(CHATS)
        statuses = await _statuses(env)
        assert "claimed" not in statuses.values()  # in-flight sends were finished and recorded
        assert sorted(c for c, s in statuses.items() if s == "sent") == sorted(fake.per_chat())

        fake.on_accept = None
        env.clock.advance(minutes=1)
        report = await tick(env, fake, worker="second")
        assert report.sent == len(CHATS) - delivered_first
        assert_once_each(fake, CHATS)
        assert set((await _statuses(env)).values()) == {"sent"}
    finally:
        await bot.session.close()
        await env.close()


@pytest.mark.slow  # a second Python process importing aiogram: seconds on a busy machine
async def test_killed_process_restarts_and_loses_no_one(tmp_path, fake) -> None:
    path = tmp_path / "kill.sqlite3"
    env = await _prepared(path)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakes.broadcast_child",
        str(path),
        fake.base_url,
        DUE.isoformat(),
        "20",  # messages per second: slow enough to be killed part-way
        cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(60):
            while len(fake.accepted) < 15:
                assert child.returncode is None, "the child ended before it could be killed"
                await asyncio.sleep(0.01)
    finally:
        child.kill()
        await child.wait()
    delivered_first = fake.per_chat()
    assert len(delivered_first) < len(CHATS)
    in_flight = {c for c, s in (await _statuses(env)).items() if s == "claimed"}

    env.clock.advance(minutes=11)  # the dead worker's claims are stale now
    await tick(env, fake, worker="restarted")
    counts = fake.per_chat()
    assert set(counts) == set(CHATS)  # no one lost
    repeated = {c for c, n in counts.items() if n > 1}
    assert max(counts.values()) <= 2
    assert repeated <= in_flight and len(repeated) <= CONCURRENCY
    assert set((await _statuses(env)).values()) == {"sent"}
    await env.close()


async def test_two_instances_on_one_database_send_each_digest_once(tmp_path, fake) -> None:
    path = tmp_path / "shared.sqlite3"
    first = await _prepared(path, rate_limit_global=200.0)
    second = await open_env(path, first.clock, rate_limit_global=200.0)
    try:
        reports = await asyncio.gather(
            tick(first, fake, worker="instance-a"), tick(second, fake, worker="instance-b")
        )
        assert sum(r.sent for r in reports) == len(CHATS)
        assert sum(r.claimed for r in reports) == len(CHATS)
        assert_once_each(fake, CHATS)
        async with first.db.conn.execute("SELECT DISTINCT claimed_by FROM deliveries") as cur:
            workers = {r[0] for r in await cur.fetchall()}
        assert workers <= {"instance-a", "instance-b"}
    finally:
        await first.close()
        await second.close()
