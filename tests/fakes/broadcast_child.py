"""A digest run in its own process, for the crash test to kill with SIGKILL.

python -m tests.fakes.broadcast_child DB_PATH BOT_API_BASE NOW_ISO RATE
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from pathlib import Path

from govdigest.bot.digests.delivery import Sender
from govdigest.bot.digests.throttle import install_throttle
from govdigest.bot.digests.tick import run_digest_tick
from tests.fakes.digest_env import Clock, http_bot, open_env


async def main(db_path: str, base_url: str, now_iso: str, rate: str) -> None:
    clock = Clock(datetime.fromisoformat(now_iso))
    env = await open_env(Path(db_path), clock, rate_limit_global=float(rate))
    bot = http_bot(base_url)
    install_throttle(bot, env.settings.rate_limit_global, env.settings.rate_limit_per_chat)
    try:
        print("started", flush=True)
        await run_digest_tick(env, bot, Sender(bot), worker="child")
    finally:
        await bot.session.close()
        await env.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
