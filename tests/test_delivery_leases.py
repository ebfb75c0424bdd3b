"""Digest claims leased to live instances: crashes, restarts, pauses and twins.

Instances are real processes (``tests.fakes.digest_instance``: the production scheduler jobs,
throttle and lease on the wall clock) sharing a real SQLite file and the limit-enforcing fake
Bot API; each sends with its own token, so the fake knows who sent what. Leases are short
(seconds instead of a minute) so that nothing waits long; the two-minute promise itself is
checked on a test clock.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from govdigest.bot.digests.delivery import Sender
from govdigest.bot.digests.job import DIGEST_JOB_ID, _run_again_at, register
from govdigest.bot.digests.throttle import install_throttle
from govdigest.bot.digests.tick import lease_for, run_digest_tick
from govdigest.timeutil import utc_now
from tests.fakes.digest_env import (
    Clock,
    DigestEnv,
    add_post,
    http_bot,
    open_env,
    subscribe_many,
    utc,
)
from tests.fakes.fake_bot_api import FakeBotApi

REPO_ROOT = Path(__file__).resolve().parent.parent
CHATS = range(1, 61)
LEASE = 2.0  # seconds: the production lease is 60
HEARTBEAT = 0.25
HANG_GUARD = 90  # seconds; only a hang ever gets near it

# Python processes importing aiogram: seconds on a busy machine.
slow = pytest.mark.slow


class Instance:
    """One ``digest_instance`` process."""

    def __init__(
        self,
        name: str,
        db: Path | str,
        fake: FakeBotApi,
        log_dir: Path,
        rate: float,
        lease: float = LEASE,
    ) -> None:
        self.name = name
        self.token = f"{abs(hash(name)) % 10**9}:{name}"
        self.args = [str(db), fake.base_url, self.token, str(rate), str(lease), str(HEARTBEAT)]
        self.log = log_dir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.fakes.digest_instance",
                *self.args,
                cwd=REPO_ROOT,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )

    def signal(self, signum: int) -> None:
        assert self.process is not None and self.process.returncode is None, self.log_text()
        self.process.send_signal(signum)

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        try:
            async with asyncio.timeout(30):
                await self.process.wait()
        except TimeoutError:
            self.process.kill()
            await self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


async def until(fake: FakeBotApi, condition: Callable[[], bool]) -> None:
    """Wait (event-driven) until ``condition()`` holds after some accepted message."""
    reached = asyncio.Event()

    def check(_accepted: object) -> None:
        if condition():
            reached.set()

    check(None)
    fake.on_accept = check
    try:
        async with asyncio.timeout(HANG_GUARD):
            await reached.wait()
    finally:
        fake.on_accept = None


def served(fake: FakeBotApi, chats: range = CHATS) -> Callable[[], bool]:
    return lambda: set(chats) <= set(fake.per_chat())


async def due_now(path: Path | str, chats: range = CHATS) -> DigestEnv:
    """``chats`` subscribed for a time that passed two minutes ago, on the wall clock."""
    now = utc_now()
    env = await open_env(path, Clock(now - timedelta(days=1)))
    digest_time = (now - timedelta(minutes=2)).strftime("%H:%M")
    await subscribe_many(env, chats, digest_time, "UTC", at=env.clock())
    await add_post(env, now - timedelta(hours=1), title="Губернатор открыл мост")
    return env


async def _statuses(env: DigestEnv) -> dict[int, str]:
    rows = await env.db.fetchall("SELECT chat_id, status FROM deliveries")
    return {int(r[0]): str(r[1]) for r in rows}


@pytest.fixture
async def instances(tmp_path: Path) -> AsyncIterator[list[Instance]]:
    started: list[Instance] = []
    yield started
    for instance in started:
        await instance.stop()


@slow
async def test_sigkill_mid_broadcast_then_restart_serves_everyone(
    tmp_path: Path, limited_fake: FakeBotApi, instances: list[Instance]
) -> None:
    fake, path = limited_fake, tmp_path / "kill.sqlite3"
    env = await due_now(path)
    # A lease longer than a restart takes (a Python process importing aiogram), so that the
    # restarted instance finds the dead one's claims still leased and must come back for them.
    lease = 15.0
    first = Instance("first", path, fake, tmp_path, rate=10, lease=lease)
    instances.append(first)
    await first.start()
    await until(fake, lambda: len(fake.accepted) >= 15)
    first.signal(signal.SIGKILL)
    assert first.process is not None
    await first.process.wait()
    killed_at = time.monotonic()
    delivered_first = fake.per_chat()
    in_flight = {c for c, s in (await _statuses(env)).items() if s == "claimed"}
    assert len(delivered_first) < len(CHATS) and in_flight

    restarted = Instance("restarted", path, fake, tmp_path, rate=30, lease=lease)
    instances.append(restarted)
    await restarted.start()
    await _log_says(restarted, "started")
    restart_took = time.monotonic() - killed_at
    await until(fake, served(fake))
    # The claim that was on the wire at the kill is already in the fake's hands; it is sent
    # again (and recorded) only once the dead instance's lease runs out.
    await _all_sent(env)
    await restarted.stop()
    counts = fake.per_chat()
    assert set(counts) == set(CHATS)  # no one lost
    repeated = {c for c, n in counts.items() if n > 1}
    assert max(counts.values()) <= 2 and repeated <= in_flight
    assert set((await _statuses(env)).values()) == {"sent"}
    log = restarted.log_text()
    # The dead instance's claims went out in the run brought forward to when its lease ran
    # out (the job also ran at start-up for the rest), not on some later schedule. On a
    # machine so loaded that the restart itself outlasts the lease, the claims are already
    # free at start-up and the start-up run sends them (everyone served, checked above).
    if restart_took < lease - 2:
        assert "claims of a silent instance fall free at" in log, log
    await env.close()


@slow
async def test_two_live_instances_never_send_a_digest_twice(
    tmp_path: Path, limited_fake: FakeBotApi, instances: list[Instance]
) -> None:
    fake, path = limited_fake, tmp_path / "twins.sqlite3"
    env = await due_now(path)
    # 60 digests at 5/s take 12 s, several leases long: the claims outlive the lease and stay
    # their holder's because it keeps beating.
    a = Instance("alpha", path, fake, tmp_path, rate=5)
    b = Instance("beta", path, fake, tmp_path, rate=5)
    instances.extend([a, b])
    await a.start()
    await until(fake, lambda: len(fake.accepted) >= 5)
    await b.start()
    await until(fake, served(fake))
    await asyncio.sleep(LEASE * 2)  # both keep running past the leases of what they hold
    await a.stop()
    await b.stop()
    assert fake.per_chat() == {chat: 1 for chat in CHATS}
    # Whether beta got a share depends on how fast its process starts on a busy machine;
    # the property is that nobody got two, whoever sent.
    assert {acc.token for acc in fake.accepted} <= {a.token, b.token}
    assert set((await _statuses(env)).values()) == {"sent"}
    await env.close()


@slow
async def test_a_paused_instance_does_not_send_what_another_already_sent(
    tmp_path: Path, limited_fake: FakeBotApi, instances: list[Instance]
) -> None:
    fake, path = limited_fake, tmp_path / "paused.sqlite3"
    env = await due_now(path)
    paused = Instance("paused", path, fake, tmp_path, rate=8)
    instances.append(paused)
    await paused.start()
    await until(fake, lambda: len(fake.accepted) >= 10)
    paused.signal(signal.SIGUSR1)  # it stops itself: a stall longer than the lease
    await _log_says(paused, "frozen")
    loop = asyncio.get_running_loop()
    stopped_at = loop.time()
    await asyncio.sleep(LEASE + 0.5)

    other = Instance("other", path, fake, tmp_path, rate=30)
    instances.append(other)
    await other.start()
    await until(fake, served(fake))
    await other.stop()  # a clean stop records every send it made
    assert set((await _statuses(env)).values()) == {"sent"}

    resumed_at = loop.time()
    paused.signal(signal.SIGCONT)
    await _log_says(paused, "was silent for")  # it noticed its own stall
    await asyncio.sleep(LEASE)  # and had time to act on it
    await paused.stop()
    late = [a for a in fake.accepted if a.token == paused.token and a.at >= resumed_at]
    assert late == [], "the paused instance sent after it resumed"
    counts = fake.per_chat()
    assert set(counts) == set(CHATS)
    for chat in (c for c, n in counts.items() if n > 1):
        # Only what was on the wire when the process stopped can have gone out twice.
        (first, second) = [a for a in fake.accepted if a.chat_id == chat]
        assert first.token == paused.token and first.at < stopped_at + 1.0
        assert second.token == other.token
    await env.close()


async def _all_sent(env: DigestEnv) -> None:
    for _ in range(HANG_GUARD * 10):
        if set((await _statuses(env)).values()) == {"sent"}:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"deliveries never all sent: {await _statuses(env)}")


async def _log_says(instance: Instance, text: str) -> None:
    for _ in range(HANG_GUARD * 10):
        if text in instance.log_text():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{instance.name} never logged {text!r}:\n{instance.log_text()}")


async def test_after_a_crash_every_due_digest_goes_out_within_two_minutes(tmp_path, fake) -> None:
    """On the test clock with the production lease (60 s): the crashed instance's claims are
    free a lease after its last heartbeat, and the restarted instance's job runs right then."""
    crash = utc(2024, 5, 2, 6, 0, 20)
    env = await open_env(tmp_path / "clock.sqlite3", Clock(utc(2024, 5, 1, 12, 0)))
    await subscribe_many(env, CHATS, "09:00", "Europe/Moscow", at=env.clock())
    await add_post(env, utc(2024, 5, 2, 1, 0))
    env.clock.set(crash)
    bot = http_bot(fake.base_url)
    install_throttle(bot, 1000.0, 1000.0)
    try:
        # The crashed instance: it beat and claimed a third of the chats, then vanished.
        dead = lease_for(env, "crashed")
        await dead.beat()
        async with env.db.transaction():
            for chat in CHATS[:20]:
                await env.repos.deliveries.claim(
                    chat, crash.date(), dead.id, dead_before=crash, now=crash, window_end=crash
                )
        restart = crash + timedelta(seconds=5)
        env.clock.set(restart)
        lease = lease_for(env)
        first = await run_digest_tick(env, bot, Sender(bot), lease=lease)
        assert (first.sent, first.skipped) == (40, 20)
        assert first.retry_at is not None
        assert first.retry_at - restart <= timedelta(minutes=2)
        assert first.retry_at >= crash + timedelta(seconds=env.settings.instance_lease_seconds)

        scheduler = AsyncIOScheduler(timezone="UTC")
        scheduler.start(paused=True)
        try:
            register(scheduler, env, bot)
            scheduler.get_job(DIGEST_JOB_ID).modify(next_run_time=restart + timedelta(hours=1))
            _run_again_at(scheduler, first.retry_at)
            assert scheduler.get_job(DIGEST_JOB_ID).next_run_time == first.retry_at
        finally:
            scheduler.shutdown(wait=False)

        while env.clock() < first.retry_at:  # the heartbeat job's beats meanwhile
            env.clock.advance(seconds=min(10.0, (first.retry_at - env.clock()).total_seconds()))
            await lease.beat()
        second = await run_digest_tick(env, bot, Sender(bot), lease=lease)
        assert (second.sent, second.skipped, second.retry_at) == (20, 0, None)
        assert fake.per_chat() == {chat: 1 for chat in CHATS}
    finally:
        await bot.session.close()
        await env.close()
