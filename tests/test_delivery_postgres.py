"""Several digest instances on one PostgreSQL database: each subscriber's digest exactly once.

Real processes (``tests.fakes.digest_instance``: the production scheduler jobs, throttle and
lease on the wall clock), a real PostgreSQL server (``pg_server``) and the limit-enforcing fake
Bot API; each instance sends with its own token. The instances' rates add up to the fake's
limit: sharing one budget between instances is not what these tests check, the claims are.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from govdigest.timeutil import utc_now
from tests.fakes.digest_env import Clock, DigestEnv, add_post, open_env, subscribe_many
from tests.fakes.fake_bot_api import FakeBotApi
from tests.test_delivery_leases import Instance, served, until

SUBSCRIBERS = range(1, 301)

pytestmark = pytest.mark.slow


async def _due_now(url: str, chats: range) -> DigestEnv:
    """``chats`` subscribed for the same minute, two minutes ago on the wall clock."""
    now = utc_now()
    env = await open_env(url, Clock(now - timedelta(days=1)))
    digest_time = (now - timedelta(minutes=2)).strftime("%H:%M")
    await subscribe_many(env, chats, digest_time, "UTC", at=env.clock())
    await add_post(env, now - timedelta(hours=1), title="Губернатор открыл мост")
    return env


async def _statuses(env: DigestEnv) -> dict[int, str]:
    rows = await env.db.fetchall("SELECT chat_id, status FROM deliveries")
    return {int(r[0]): str(r[1]) for r in rows}


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi(global_rate=30, per_chat_rate=1.0)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def instances() -> AsyncIterator[list[Instance]]:
    started: list[Instance] = []
    yield started
    for instance in started:
        await instance.stop()


async def test_three_instances_send_300_digests_exactly_once(
    tmp_path: Path, pg_url: str, fake: FakeBotApi, instances: list[Instance]
) -> None:
    env = await _due_now(pg_url, SUBSCRIBERS)
    trio = [Instance(name, pg_url, fake, tmp_path, rate=10) for name in ("one", "two", "three")]
    instances.extend(trio)
    await asyncio.gather(*(i.start() for i in trio))
    await until(fake, served(fake, SUBSCRIBERS))
    for instance in trio:
        await instance.stop()
    assert fake.per_chat() == {chat: 1 for chat in SUBSCRIBERS}, [i.log_text() for i in trio]
    assert fake.sent_429 == 0
    assert {a.token for a in fake.accepted} <= {i.token for i in trio}
    assert set((await _statuses(env)).values()) == {"sent"}
    await env.close()


async def test_an_instance_killed_mid_broadcast_loses_nothing(
    tmp_path: Path, pg_url: str, fake: FakeBotApi, instances: list[Instance]
) -> None:
    chats = range(1, 121)
    env = await _due_now(pg_url, chats)
    victim = Instance("victim", pg_url, fake, tmp_path, rate=10)
    instances.append(victim)
    await victim.start()
    await until(fake, lambda: len(fake.accepted) >= 15)
    others = [Instance(name, pg_url, fake, tmp_path, rate=10) for name in ("left", "right")]
    instances.extend(others)
    await asyncio.gather(*(i.start() for i in others))
    victim.signal(signal.SIGKILL)
    assert victim.process is not None
    await victim.process.wait()
    in_flight = {c for c, s in (await _statuses(env)).items() if s == "claimed"}
    await until(fake, served(fake, chats))
    for instance in others:
        await instance.stop()
    counts = fake.per_chat()
    assert set(counts) == set(chats)  # no one lost
    repeated = {c for c, n in counts.items() if n > 1}
    # Only a claim the dead instance held (a send on the wire when it died) can repeat.
    assert max(counts.values()) <= 2 and repeated <= in_flight
    assert set((await _statuses(env)).values()) == {"sent"}
    await env.close()
