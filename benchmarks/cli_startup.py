"""Start-up of the one-shot commands: what ``govdigest sources list`` or ``extract`` costs now
that they do not import the bot, compared in the same run with importing the bot as well.

Each measurement is a fresh interpreter (the way a user, a cron job or a test runs the
command), repeated; the median wall time and the median CPU time of the child (user + system)
are reported. CPU seconds are the steadier figure on a shared machine. Prints ONE JSON object:

* ``import_cli`` — ``import govdigest.cli`` (what every command pays);
* ``import_cli_and_bot`` — the same plus ``govdigest.bot.app`` (aiogram, the handlers): what
  each one-shot command paid before its imports were made lazy — the baseline;
* ``sources_list``, ``extract_seed`` — the real commands on a fresh SQLite file;
* ``saved_per_command_cpu_s`` — baseline minus ``import_cli``, CPU;
* ``aiogram_imported_by`` — one-shot commands whose interpreter imported aiogram (must be
  empty; ``tests/unit/test_cli_imports.py`` is the test that fails if not);
* ``targets_met`` — ``import_cli`` costs at most half the baseline's CPU, and no one-shot
  command imports aiogram.

    .venv/bin/python benchmarks/cli_startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SETTINGS_PREFIXES = ("BOT_", "DATABASE_", "SEEDS_", "WEBHOOK_", "TELEGRAM_", "SOURCES")

# Runs one command in-process and reports whether aiogram got imported (stdout silenced).
RUN_AND_CHECK = """
import contextlib, io, sys
from govdigest.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print("AIOGRAM" if "aiogram" in sys.modules else "NO-AIOGRAM", code)
"""


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(argv: list[str], env: dict[str, str], repeat: int) -> tuple[dict[str, float], str]:
    walls: list[float] = []
    cpus: list[float] = []
    out = ""
    for _ in range(repeat):
        cpu = _child_cpu()
        started = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - started)
        cpus.append(_child_cpu() - cpu)
        if done.returncode != 0:
            raise SystemExit(f"{argv} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        out = done.stdout
    return {
        "wall_s": round(statistics.median(walls), 3),
        "cpu_s": round(statistics.median(cpus), 3),
    }, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith(SETTINGS_PREFIXES)}
        env.update(DATABASE_PATH=str(Path(tmp) / "bench.sqlite3"), SEEDS_DIR=str(SEEDS))
        result: dict[str, object] = {}
        result["import_cli"], _ = measure([python, "-c", "import govdigest.cli"], env, args.repeat)
        result["import_cli_and_bot"], _ = measure(
            [python, "-c", "import govdigest.cli, govdigest.bot.app"], env, args.repeat
        )
        pulled = []
        for name, command in (
            ("sources_list", ["sources", "list"]),
            ("extract_seed", ["extract", str(SEEDS)]),
        ):
            result[name], out = measure([python, "-c", RUN_AND_CHECK, *command], env, args.repeat)
            if not out.startswith("NO-AIOGRAM"):
                pulled.append(" ".join(command))
    cli = result["import_cli"]
    bot = result["import_cli_and_bot"]
    assert isinstance(cli, dict) and isinstance(bot, dict)
    result["saved_per_command_cpu_s"] = round(bot["cpu_s"] - cli["cpu_s"], 3)
    result["aiogram_imported_by"] = pulled
    result["targets_met"] = not pulled and cli["cpu_s"] <= bot["cpu_s"] / 2
    result["repeat"] = args.repeat
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
