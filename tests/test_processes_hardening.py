"""Real processes under an unlucky operator (issue 14): no token in crash output, no hangs,
no migration race, and `run` waits for an unreachable Telegram instead of dying.

Every run gets a clean environment and a working directory in ``tmp_path`` (no ``.env``);
hangs are caught by the subprocess timeout, which fails the test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from govdigest.storage.schema import MIGRATIONS
from tests.conftest import REPO_ROOT, SEEDS_DIR, SETTING_ENV_NAMES

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

SCRIPT = Path(sys.executable).parent / "govdigest"
TOKEN = "123456:SECRETxyz"
HANG = 120  # seconds: a process that takes this long to fail is hanging


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_ENV_NAMES}
    env.update(
        DATABASE_PATH=str(tmp_path / "data" / "db.sqlite3"),
        SEEDS_DIR=str(SEEDS_DIR),
        PYTHONIOENCODING="utf-8",
    )
    env.update(settings)
    return env


def govdigest(
    tmp_path: Path, *args: str, stdin: str = "", **settings: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=clean_env(tmp_path, **settings),
        timeout=HANG,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Finding 1: the token never reaches the terminal ---------------------------------------------


@pytest.mark.parametrize(
    "base", ["127.0.0.1:9", "http://127.0.0.1:99999", "ftp://127.0.0.1/", "http://"]
)
def test_a_bad_api_base_is_refused_without_showing_the_token(tmp_path: Path, base: str) -> None:
    done = govdigest(tmp_path, "run", BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=base)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "SECRETxyz" not in output
    assert "TELEGRAM_API_BASE" in output
    assert "Traceback" not in output


def test_an_unexpected_crash_is_printed_through_the_redacting_log(tmp_path: Path) -> None:
    """A crash whose message holds the token (an HTTP error quoting the request URL)."""
    crash = (
        "import sys; from govdigest import cli; from govdigest.bot import runner\n"
        "async def boom(settings):\n"
        "    raise RuntimeError('GET http://127.0.0.1:9/bot' + settings.bot_token"
        ".get_secret_value() + '/getMe failed')\n"
        "runner.run_bot = boom\n"
        "sys.exit(cli.main(['run']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", crash],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(tmp_path, BOT_TOKEN=TOKEN),
        timeout=HANG,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "SECRETxyz" not in output
    assert "/bot***/getMe" in output


# Finding 4: a bad DATABASE_PATH exits non-zero instead of hanging ----------------------------


@pytest.mark.parametrize("command", ["ingest", "chat", "run"])
@pytest.mark.parametrize("kind", ["not_a_database", "dev_null"])
def test_a_database_path_that_is_not_a_database_exits_non_zero(
    tmp_path: Path, command: str, kind: str
) -> None:
    if kind == "dev_null":
        path = "/dev/null"
    else:
        junk = tmp_path / "junk.sqlite3"
        junk.write_bytes(b"this is not a database, just some text " * 100)
        path = str(junk)
    args = [command, str(SEEDS_DIR)] if command == "ingest" else [command]
    extra = {"BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE": "http://127.0.0.1:9"}
    done = govdigest(tmp_path, *args, DATABASE_PATH=path, **(extra if command == "run" else {}))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "govdigest stopped" in output
    assert "SECRETxyz" not in output


# Finding 5: two processes creating one new database ------------------------------------------

OPEN_AT = """
import asyncio, sys, time
from govdigest.storage import Database

async def main() -> None:
    start = float(sys.argv[2])
    time.sleep(max(0.0, start - time.time()))
    db = await Database.open(sys.argv[1])
    print(await db.user_version())
    await db.close()

asyncio.run(main())
"""


@pytest.mark.parametrize("attempt", range(6))
def test_two_processes_creating_a_new_database_at_once_both_succeed(
    tmp_path: Path, attempt: int
) -> None:
    path = tmp_path / f"race{attempt}" / "db.sqlite3"
    start = time.time() + 3.0  # both interpreters are up and waiting by then
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AT, str(path), repr(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO_ROOT,
        )
        for _ in range(2)
    ]
    try:
        results = [proc.communicate(timeout=HANG) for proc in procs]
    finally:
        for proc in procs:  # the loser of a race used to hang: never leave it behind
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == str(len(MIGRATIONS))


# Finding 11: Telegram unreachable at start-up -----------------------------------------------


class _FakeTelegram(BaseHTTPRequestHandler):
    calls: ClassVar[list[str]] = []

    def do_POST(self) -> None:  # http.server's naming
        method = self.path.rsplit("/", 1)[-1]
        self.calls.append(method)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if method == "getMe":
            result: object = {"id": 1, "is_bot": True, "first_name": "Бот", "username": "gd_bot"}
        elif method == "getUpdates":
            time.sleep(0.5)
            result = []
        else:
            result = True
        body = json.dumps({"ok": True, "result": result}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot stopped in the middle of a long poll

    def log_message(self, format: str, *args: object) -> None:
        return


def test_run_retries_getme_until_telegram_answers(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [str(SCRIPT), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=clean_env(tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=f"http://127.0.0.1:{port}"),
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")))  # type: ignore[union-attr]
    reader.start()
    server: ThreadingHTTPServer | None = None
    try:
        deadline = time.monotonic() + HANG
        while sum("Telegram unreachable" in line for line in lines) < 2:
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.2)
        # Telegram comes back: the bot connects and starts polling.
        server = ThreadingHTTPServer(("127.0.0.1", port), _FakeTelegram)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        while "getUpdates" not in _FakeTelegram.calls:
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.2)
        assert any("connected to Telegram as @gd_bot" in line for line in lines)
    finally:
        proc.terminate()
        proc.wait(timeout=HANG)
        reader.join(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()
        if server is not None:
            server.shutdown()
            server.server_close()
    assert "SECRETxyz" not in "".join(lines)


def test_an_invalid_setting_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    done = govdigest(tmp_path, "ingest", str(SEEDS_DIR), LOG_LEVEL="verbose", BOT_TOKEN=TOKEN)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "invalid settings: LOG_LEVEL" in output
    assert "Traceback" not in output and "SECRETxyz" not in output


# Finding 2 from the command line: `ingest` and the start of `chat` -------------------------


def test_ingest_and_chat_store_the_good_files_and_name_the_bad_ones(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEEDS_DIR.iterdir():
        (seeds / seed.name).write_bytes(seed.read_bytes())
    bad = {
        "year_one.json": '{"text": "Пост", "date": "0001-01-01T00:00:00+05:00"}',
        "surrogate.json": '{"text": "Пост \\ud800"}',
        "nested.json": "[" * 100_000,
    }
    for name, content in bad.items():
        (seeds / name).write_text(content, encoding="utf-8")

    done = govdigest(tmp_path, "ingest", str(seeds), SEEDS_DIR=str(seeds))
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("new: 1,"), done.stdout
    for name in bad:
        assert f"{name}: " in done.stdout

    chat = govdigest(tmp_path, "chat", stdin="/companies\n", SEEDS_DIR=str(seeds))
    assert chat.returncode == 0, chat.stderr
    assert "Челябинский завод электрооборудования" in chat.stdout
