"""Digest broadcast speed through a fake Bot API that enforces Telegram's limits.

Sends one digest to each of N subscribers (default 1000) with the real job, sender, throttle
and aiogram ``AiohttpSession``, against the limit-enforcing fake server (in-process, on
127.0.0.1) and a real database: a SQLite file (``--backend sqlite``, the default) or a
throw-away PostgreSQL server (``--backend postgres``, ``tests/pg_server.py``; or an existing
database with ``--database-url``). Prints ONE JSON object: backend, subscribers, messages,
seconds, msgs_per_s, limit, ratio, http_429, violations, duplicates, lost, targets_met.
``--backend both`` runs SQLite then PostgreSQL and prints both side by side.

    .venv/bin/python benchmarks/broadcast.py [--subscribers 1000] [--limit 30]
        [--backend sqlite|postgres|both] [--database-url postgresql://…]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govdigest.bot.digests.delivery import Sender  # noqa: E402
from govdigest.bot.digests.throttle import install_throttle  # noqa: E402
from govdigest.bot.digests.tick import run_digest_tick  # noqa: E402
from tests.fakes.digest_env import (  # noqa: E402
    Clock,
    add_post,
    http_bot,
    open_env,
    subscribe_many,
    utc,
)
from tests.fakes.fake_bot_api import FakeBotApi  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402

TARGET_RATIO = 0.95


async def run(
    subscribers: int, limit: float, per_chat: float, database: str | None = None
) -> dict[str, object]:
    """One broadcast; ``database`` is a PostgreSQL URL, or None for a SQLite file."""
    fake = FakeBotApi(global_rate=int(limit), per_chat_rate=per_chat)
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        env = await open_env(
            database or Path(tmp) / "bench.sqlite3",
            Clock(utc(2024, 5, 1, 12, 0)),
            rate_limit_global=limit,
            rate_limit_per_chat=per_chat,
        )
        chats = range(1, subscribers + 1)
        await subscribe_many(env, chats, "09:00", "Europe/Moscow", at=env.clock())
        await add_post(env, utc(2024, 5, 2, 1, 0), title="Губернатор открыл новый мост")
        env.clock.set(utc(2024, 5, 2, 6, 0))
        bot = http_bot(fake.base_url)
        install_throttle(bot, limit, per_chat)
        try:
            started = time.perf_counter()
            report = await run_digest_tick(env, bot, Sender(bot), worker="bench")
            seconds = time.perf_counter() - started
        finally:
            await bot.session.close()
            await env.close()
    await fake.close()
    counts = fake.per_chat()
    messages = len(fake.accepted)
    rate = messages / seconds if seconds else 0.0
    ratio = rate / limit
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    lost = sum(1 for chat in chats if counts.get(chat, 0) == 0)
    return {
        "backend": "postgres" if database else "sqlite",
        "subscribers": subscribers,
        "messages": messages,
        "sent_reported": report.sent,
        "seconds": round(seconds, 2),
        "msgs_per_s": round(rate, 2),
        "limit": limit,
        "ratio": round(ratio, 3),
        "http_429": fake.sent_429,
        "violations": fake.violations,
        "duplicates": duplicates,
        "lost": lost,
        "targets_met": ratio >= TARGET_RATIO
        and fake.sent_429 == 0
        and not duplicates
        and not lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=30.0, help="messages per second overall")
    parser.add_argument("--per-chat", type=float, default=1.0, help="messages per second per chat")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument(
        "--database-url", help="an existing PostgreSQL database (default: a throw-away server)"
    )
    args = parser.parse_args()
    results: dict[str, dict[str, object]] = {}
    if args.backend in ("sqlite", "both"):
        results["sqlite"] = asyncio.run(run(args.subscribers, args.limit, args.per_chat))
    if args.backend in ("postgres", "both"):
        results["postgres"] = run_postgres(args)
    if len(results) == 1:
        print(json.dumps(next(iter(results.values())), ensure_ascii=False))
        return
    both: dict[str, object] = dict(results)
    both["targets_met"] = all(r["targets_met"] for r in results.values())
    print(json.dumps(both, ensure_ascii=False))


def run_postgres(args: argparse.Namespace) -> dict[str, object]:
    if args.database_url:
        return asyncio.run(run(args.subscribers, args.limit, args.per_chat, args.database_url))
    server = PostgresServer().start()
    try:
        url = server.create_database("bench")
        return asyncio.run(run(args.subscribers, args.limit, args.per_chat, url))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
