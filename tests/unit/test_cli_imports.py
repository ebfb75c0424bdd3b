"""The one-shot commands do not import the bot: aiogram alone takes seconds to import on a busy
machine, and ``govdigest extract`` or ``govdigest fetch`` has no use for it.

A fresh interpreter (a subprocess: this test process has long imported aiogram) runs each
command through ``govdigest.cli.main`` on a real SQLite file and reports, per command, whether
aiogram was imported (by the command itself or by any module of ours it imported, the bot's
dispatcher, handlers and jobs among them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA_DIR, SEEDS_DIR, SETTING_ENV_NAMES

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# Runs the commands one after another in one interpreter and prints, after each, the aiogram
# modules loaded so far (a command that pulls them in is the first one listing any).
PROBE = """
import contextlib, io, json, sys
from govdigest.cli import main

def loaded():
    return sorted(n for n in sys.modules if n == "aiogram" or n.startswith("aiogram."))

report = [{"command": "import govdigest.cli", "code": 0, "loaded": loaded()}]
for argv in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    report.append({"command": " ".join(argv), "code": code, "loaded": loaded()})
print(json.dumps(report))
"""


def probe(tmp_path: Path, commands: list[list[str]]) -> list[dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_ENV_NAMES}
    env.update(
        DATABASE_PATH=str(tmp_path / "db.sqlite3"),
        SEEDS_DIR=str(SEEDS_DIR),
        # Nothing may be fetched from the network: no sources are configured or added.
        TELEGRAM_PREVIEW_BASE="http://127.0.0.1:9",
        PYTHONIOENCODING="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands)],
        input="",  # the console chat (``run`` without a token) ends at the end of its input
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: list[dict[str, object]] = json.loads(done.stdout.splitlines()[-1])
    return report


def test_one_shot_commands_do_not_import_aiogram_but_the_bot_does(tmp_path: Path) -> None:
    post = str(DATA_DIR / "posts")
    export = str(tmp_path / "export.xlsx")
    one_shot = [
        ["extract", str(SEEDS_DIR)],
        ["ingest", str(SEEDS_DIR), post],
        ["sources", "list"],
        ["sources", "remove", "@nobody_gov"],
        ["fetch"],
        ["search", "губернатор"],
        ["export", "--out", export],
    ]
    # Last, the control: ``run`` without a token starts the console chat (the bot's
    # dispatcher; stdin is empty, so it ends at once). The probe must see aiogram there, or
    # an empty list above would prove nothing.
    report = probe(tmp_path, [*one_shot, ["run"]])
    assert [entry["command"] for entry in report[1:]] == [
        " ".join(c) for c in [*one_shot, ["run"]]
    ]
    # The commands did their work (a command that failed early would import little).
    codes = {entry["command"]: entry["code"] for entry in report}
    assert codes["extract " + str(SEEDS_DIR)] == 0
    assert codes[f"ingest {SEEDS_DIR} {post}"] == 0
    assert codes["sources list"] == 0 and codes["fetch"] == 0
    assert codes["sources remove @nobody_gov"] == 1  # "no such source", after opening the db
    assert codes["search губернатор"] == 0
    assert codes["export --out " + export] == 0 and Path(export).stat().st_size > 0
    # Modules stay imported: the first command listing any is the one that imported them.
    pulled = [entry["command"] for entry in report[:-1] if entry["loaded"]]
    assert pulled == [], f"aiogram imported by `govdigest {pulled[0]}`"
    control = report[-1]
    assert control["code"] == 0
    assert isinstance(control["loaded"], list) and "aiogram.dispatcher" in control["loaded"]
