"""A digest-sending instance in its own process, wired like ``govdigest run``: the real
scheduler jobs (start-up run, every minute, heartbeat), throttle, lease and wall clock, without
polling or NLP models. The crash tests kill, pause and restart it.

python -m tests.fakes.digest_instance DB_PATH_OR_URL BOT_API_BASE TOKEN RATE LEASE_S HEARTBEAT_S

Runs until SIGTERM (a clean stop, as ``govdigest run`` does it) or SIGKILL. SIGUSR1 freezes
it (SIGSTOP to itself) between two database operations, so that the stall leaves no SQLite
lock held (a process stopped inside a write transaction would stop every instance, lease or
not); SIGCONT resumes it. SIGUSR2 runs the digest job now.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from govdigest.bot.digests import job as digest_job
from govdigest.storage import Database, Repos
from govdigest.storage.db import is_postgres_url
from govdigest.storage.subscriptions import db_lock
from govdigest.timeutil import utc_now
from tests.fakes.digest_env import DigestEnv, http_bot, make_settings


async def main(db_path: str, base_url: str, token: str, rate: str, lease: str, beat: str) -> None:
    logging.basicConfig(
        level=logging.INFO, stream=sys.stdout, format="%(asctime)s %(name)s %(message)s"
    )
    settings = make_settings(
        db_path if is_postgres_url(db_path) else Path(db_path),
        rate_limit_global=float(rate),
        rate_limit_per_chat=1.0,
        instance_lease_seconds=float(lease),
        instance_heartbeat_seconds=float(beat),
    )
    db = await Database.open(db_path)
    env = DigestEnv(settings=settings, db=db, repos=Repos.over(db), clock=utc_now)  # type: ignore[arg-type]
    bot = http_bot(base_url, token=token)
    scheduler = AsyncIOScheduler(timezone="UTC")
    digest_job.register(scheduler, env, bot)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    freezing: set[asyncio.Task[None]] = set()

    async def freeze() -> None:
        async with db_lock(db):
            print("frozen", flush=True)
            os.kill(os.getpid(), signal.SIGSTOP)

    def on_usr1() -> None:
        task = asyncio.create_task(freeze())
        freezing.add(task)
        task.add_done_callback(freezing.discard)

    loop.add_signal_handler(signal.SIGUSR1, on_usr1)

    def on_usr2() -> None:
        # Run the digest job now (as its every-minute trigger would), without waiting for
        # the minute: several instances signalled at once race for the same due digests.
        job = scheduler.get_job(digest_job.DIGEST_JOB_ID)
        if job is not None:
            job.modify(next_run_time=datetime.now(UTC))

    loop.add_signal_handler(signal.SIGUSR2, on_usr2)
    scheduler.start()
    print("started", flush=True)
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
        await digest_job.stop_running_ticks()
        await bot.session.close()
        await db.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:7]))
