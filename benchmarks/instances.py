"""Broadcast speed of several instances on one database against one instance, same run.

Starts N real ``tests.fakes.digest_instance`` processes (production scheduler jobs, throttle,
leases; each configured for the full RATE_LIMIT_GLOBAL) on one SQLite file, makes S digests
due, signals every instance to run the digest job at once, and measures what the
limit-enforcing fake Bot API accepted. Then the same with one instance (the baseline). Prints
ONE JSON object: per configuration messages, seconds (first to last accepted), msgs_per_s,
busiest_second, http_429, duplicates, lost, senders; ``ratio`` (N instances' rate over one
instance's) and ``targets_met`` (ratio ≥ 0.95, busiest second ≤ the limit, no 429, nobody
twice or lost).

    .venv/bin/python benchmarks/instances.py [--instances 3] [--subscribers 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govdigest.timeutil import utc_now  # noqa: E402
from tests.fakes.digest_env import Clock, add_post, open_env, subscribe_many  # noqa: E402
from tests.fakes.fake_bot_api import FakeBotApi  # noqa: E402
from tests.test_broadcaster import _busiest_second, _go  # noqa: E402
from tests.test_delivery_leases import Instance, _log_says, served, until  # noqa: E402

LIMIT = 30
TARGET_RATIO = 0.95


async def measure(instances: int, subscribers: int, tmp: Path) -> dict[str, object]:
    fake = FakeBotApi(global_rate=LIMIT, per_chat_rate=1.0)
    await fake.start()
    path = tmp / f"bench-{instances}.sqlite3"
    env = await open_env(path, Clock(utc_now()))
    await env.close()
    names = [f"of{instances}-{n}" for n in range(instances)]
    procs = [Instance(name, path, fake, tmp, rate=LIMIT) for name in names]
    try:
        for proc in procs:
            await proc.start()
        for proc in procs:
            await _log_says(proc, "started")
        now = utc_now()
        env = await open_env(path, Clock(now - timedelta(days=1)))
        chats = range(1, subscribers + 1)
        digest_time = (now - timedelta(minutes=2)).strftime("%H:%M")
        await subscribe_many(env, chats, digest_time, "UTC", at=env.clock())
        await add_post(env, now - timedelta(hours=1), title="Губернатор открыл мост")
        await env.close()
        _go(procs)
        try:
            await until(fake, served(fake, chats))
        except TimeoutError:
            for proc in procs:
                print(f"--- {proc.name}\n{proc.log_text()[-3000:]}", file=sys.stderr)
            raise
        await asyncio.sleep(1.0)
    finally:
        for proc in procs:
            await proc.stop()
        await fake.close()
    times = [a.at for a in fake.accepted]
    seconds = max(times) - min(times)
    counts = fake.per_chat()
    return {
        "instances": instances,
        "messages": len(fake.accepted),
        "seconds": round(seconds, 3),
        "msgs_per_s": round((len(times) - 1) / seconds, 2) if seconds else None,
        "busiest_second": _busiest_second(fake.accepted),
        "http_429": fake.sent_429,
        "duplicates": sum(1 for n in counts.values() if n > 1),
        "lost": subscribers - len(counts),
        "senders": len({a.token for a in fake.accepted}),
    }


async def main(instances: int, subscribers: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        several = await measure(instances, subscribers, Path(tmp))
        one = await measure(1, subscribers, Path(tmp))
    rate, base = several["msgs_per_s"], one["msgs_per_s"]
    ratio = round(rate / base, 3) if isinstance(rate, float) and isinstance(base, float) else 0
    met = (
        ratio >= TARGET_RATIO
        and several["busiest_second"] <= LIMIT  # type: ignore[operator]
        and several["http_429"] == 0
        and several["duplicates"] == 0
        and several["lost"] == 0
    )
    return {
        "limit": LIMIT,
        "several": several,
        "one": one,
        "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "targets_met": met,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--instances", type=int, default=3)
    parser.add_argument("--subscribers", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.instances, args.subscribers)), ensure_ascii=False))
