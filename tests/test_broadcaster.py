"""One Telegram budget across instances: one instance broadcasts at a time.

Three real ``digest_instance`` processes (the production scheduler jobs, throttle, lease and
wall clock, each configured for the full 30 msg/s) share one database — a SQLite file, then a
database on the throw-away PostgreSQL server — and the limit-enforcing fake Bot API. They are
all up before the 300 digests fall due, and then told to run the digest job at the same moment
(SIGUSR2), so that they race for the same digests. Each sends with its own token, so the fake
knows who sent what. Leases are short (seconds).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from govdigest.timeutil import utc_now
from tests.fakes.digest_env import Clock, open_env
from tests.fakes.fake_bot_api import Accepted, FakeBotApi
from tests.test_delivery_leases import Instance, _log_says, _statuses, due_now, served, until

CHATS = range(1, 301)
RATE = 30  # each instance's RATE_LIMIT_GLOBAL: Telegram's limit for the whole bot

pytestmark = pytest.mark.slow  # three Python processes importing aiogram


@pytest.fixture
def fake(limited_fake: FakeBotApi) -> FakeBotApi:
    return limited_fake


@pytest.fixture(params=["sqlite", "postgres"])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """The one database the three instances share."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return tmp_path / "shared.sqlite3"


@pytest.fixture
async def trio(
    tmp_path: Path, shared: Path | str, fake: FakeBotApi
) -> AsyncIterator[list[Instance]]:
    env = await open_env(shared, Clock(utc_now()))  # creates the schema before the processes
    await env.close()
    instances = [Instance(name, shared, fake, tmp_path, rate=RATE) for name in ("a", "b", "c")]
    try:
        for instance in instances:
            await instance.start()
        for instance in instances:
            await _log_says(instance, "started")
        yield instances
    finally:
        for instance in instances:
            await instance.stop()


def _busiest_second(accepted: list[Accepted]) -> int:
    """The most messages the fake accepted in any one-second window."""
    times = sorted(a.at for a in accepted)
    best, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def _go(instances: list[Instance]) -> None:
    for instance in instances:
        instance.signal(signal.SIGUSR2)


async def test_three_instances_send_each_digest_once_within_one_budget(
    shared: Path | str, fake: FakeBotApi, trio: list[Instance]
) -> None:
    env = await due_now(shared, CHATS)
    _go(trio)
    await until(fake, served(fake, CHATS))
    await asyncio.sleep(1.0)  # anything sent twice would arrive meanwhile
    assert fake.per_chat() == {chat: 1 for chat in CHATS}
    assert fake.sent_429 == 0 and fake.violations == 0
    assert _busiest_second(fake.accepted) <= 30
    for instance in trio:
        await instance.stop()  # clean stops record everything
    assert set((await _statuses(env)).values()) == {"sent"}
    await env.close()


async def test_the_broadcaster_killed_mid_way_the_others_finish(
    shared: Path | str, fake: FakeBotApi, trio: list[Instance]
) -> None:
    env = await due_now(shared, CHATS)
    _go(trio)
    await until(fake, lambda: len(fake.accepted) >= 60)
    senders = {a.token for a in fake.accepted}
    assert len(senders) == 1, "more than one instance broadcast at once"
    (broadcaster,) = [i for i in trio if i.token in senders]
    broadcaster.signal(signal.SIGKILL)
    assert broadcaster.process is not None
    await broadcaster.process.wait()
    killed_at = asyncio.get_running_loop().time()
    in_flight = {c for c, s in (await _statuses(env)).items() if s == "claimed"}
    delivered_before = set(fake.per_chat())
    assert len(delivered_before) < len(CHATS)

    await until(fake, served(fake, CHATS))
    await asyncio.sleep(1.0)
    counts = fake.per_chat()
    assert set(counts) == set(CHATS)  # no one lost
    repeated = {c for c, n in counts.items() if n > 1}
    # Only a message on the wire at the kill can go out twice.
    assert max(counts.values()) <= 2 and repeated <= in_flight
    after = [a for a in fake.accepted if a.at > killed_at]
    assert {a.token for a in after} <= {i.token for i in trio if i is not broadcaster}
    assert len({a.token for a in after}) == 1, "more than one instance took over at once"
    assert fake.sent_429 == 0 and fake.violations == 0
    assert _busiest_second(fake.accepted) <= 30
    for instance in trio:
        await instance.stop()
    assert set((await _statuses(env)).values()) == {"sent"}
    print(f"\nrepeated after SIGKILL: {len(repeated)} (claimed at the kill: {len(in_flight)})")
    await env.close()
