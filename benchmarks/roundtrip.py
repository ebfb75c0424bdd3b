"""Reply latency: median ``/quotes`` round trip through the telegram-test-api emulator.

Starts the emulator and the Bot API shim of the e2e tests, the real ``govdigest run`` on the
seed data and a bare aiogram echo bot wired the same way (stock ``AiohttpSession``, long
polling). A user sends a command every ``--interval`` seconds (0.3 by default) to each bot in
turn; a round trip is the time from posting the command to the emulator until the bot's first
``sendMessage`` for that chat reaches the shim (both clocks are this process's monotonic
clock). Prints ONE JSON object: commands, interval_s, govdigest/echo median and p90 in ms,
ratio (govdigest median / echo median), target_ratio, targets_met.

    .venv/bin/python benchmarks/roundtrip.py [--commands 20] [--interval 0.3]

Needs Node.js and ``make install-test`` (it installs the emulator).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.harness import (  # noqa: E402
    BotProcess,
    Emulator,
    TelegramUser,
    bot_env,
    joined,
)
from tests.e2e.shim import BotApiShim  # noqa: E402

TARGET_RATIO = 1.1
ECHO_BOT = ROOT / "tests" / "e2e" / "_echo_bot.py"
_FIRST_ITEM = re.compile(r"^\s*1[.)]\s+\S", re.MULTILINE)


def _launch(name: str, token: str, argv: list[str], shim: BotApiShim, workdir: Path) -> BotProcess:
    workdir.mkdir(parents=True, exist_ok=True)
    bot = BotProcess(
        name=name,
        token=token,
        argv=argv,
        env=bot_env(
            token=token,
            api_base=shim.base_url,
            database=workdir / "gd.sqlite3",
            seeds=ROOT / "seeds",
        ),
        cwd=workdir,
        log_path=workdir / f"{name}.log",
        shim=shim,
    )
    bot.start(ready_timeout=180.0)
    return bot


def _round_trips(
    user: TelegramUser, shim: BotApiShim, command: str, count: int, interval: float
) -> list[float]:
    """Post ``command`` every ``interval`` s; the delay to each one's first sendMessage."""
    user.drain()
    sent: list[tuple[int, float]] = []
    start = time.monotonic()
    for n in range(count):
        time.sleep(max(0.0, start + n * interval - time.monotonic()))
        after = shim.last_seq()
        sent.append((after, time.monotonic()))
        user.send_silently(command)
    trips = []
    for after, at in sent:
        call = shim.wait_for_call(
            "sendMessage",
            token=user.token,
            after=after,
            timeout=30.0,
            predicate=lambda c: str(c.params.get("chat_id")) == str(user.user_id),
        )
        if call is None:
            raise SystemExit(f"no answer to {command!r} within 30 s")
        trips.append(call.at - at)
    # Answers were matched to the first reply after each command was posted: with more than
    # one reply per command in flight a later command could take an earlier's answer, so the
    # replies are counted too.
    replies = shim.calls_of("sendMessage", token=user.token, after=sent[0][0])
    if len([c for c in replies if str(c.params.get("chat_id")) == str(user.user_id)]) < count:
        raise SystemExit(f"fewer answers than commands for {command!r}")
    user.drain()
    return trips


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return {
        "median_ms": round(statistics.median(values) * 1000, 1),
        "p90_ms": round(p90 * 1000, 1),
    }


def run(commands: int, interval: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        emulator = Emulator.launch(work / "emulator.log")
        shim = BotApiShim(emulator.url).start()
        bots: list[BotProcess] = []
        try:
            govdigest = _launch(
                "govdigest",
                "7200000001:AABENCH-govdigest",
                [str(Path(sys.executable).parent / "govdigest"), "run"],
                shim,
                work / "govdigest",
            )
            bots.append(govdigest)
            echo = _launch(
                "echo", "7200000002:AABENCH-echo", [sys.executable, str(ECHO_BOT)], shim, work
            )
            bots.append(echo)
            # Ready once the start-up refresh has loaded the seeds.
            TelegramUser(emulator.url, govdigest.token, shim, user_id=1001).send_until(
                "/companies", lambda r: bool(_FIRST_ITEM.search(joined(r))), timeout=180.0
            )
            gd_user = TelegramUser(emulator.url, govdigest.token, shim, user_id=1002)
            echo_user = TelegramUser(emulator.url, echo.token, shim, user_id=1003)
            # Warm-up: first requests open connections and fill caches.
            _round_trips(gd_user, shim, "/quotes", 2, 1.0)
            _round_trips(echo_user, shim, "/quotes", 2, 1.0)
            time.sleep(2.0)  # the per-user command throttle refills
            echo_trips = _round_trips(echo_user, shim, "/quotes", commands, interval)
            gd_trips = _round_trips(gd_user, shim, "/quotes", commands, interval)
        finally:
            for bot in bots:
                bot.stop()
            shim.stop()
            emulator.stop()
    gd, echo_ms = _ms(gd_trips), _ms(echo_trips)
    ratio = gd["median_ms"] / echo_ms["median_ms"] if echo_ms["median_ms"] else float("inf")
    return {
        "commands": commands,
        "interval_s": interval,
        "govdigest": gd,
        "echo": echo_ms,
        "ratio": round(ratio, 2),
        "target_ratio": TARGET_RATIO,
        "targets_met": ratio <= TARGET_RATIO,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.3)
    args = parser.parse_args()
    print(json.dumps(run(args.commands, args.interval), ensure_ascii=False))


if __name__ == "__main__":
    main()
