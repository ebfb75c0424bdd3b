"""A throw-away PostgreSQL server for tests and benchmarks: the Debian package's binaries.

``initdb`` into a temporary folder, ``postgres`` on a free loopback port with its unix socket
in that folder, stopped and deleted by ``stop()``. PostgreSQL refuses to run as root: when
this process is root, the server runs as the ``postgres`` system user that the Debian package
creates (``make install-test`` installs it); otherwise as the current user.

Durability is switched off (``fsync``, ``synchronous_commit``, ``full_page_writes``): the data
dies with the test run anyway. ``PG_BIN`` names the folder of the binaries when they are not
in ``/usr/lib/postgresql/<version>/bin``.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

START_TIMEOUT = 30.0  # seconds
_names = itertools.count(1)


class PostgresUnavailable(RuntimeError):
    """The server could not be started; the message says why and what to install."""


def find_bin() -> Path:
    explicit = os.environ.get("PG_BIN")
    candidates = [Path(explicit)] if explicit else []
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += [Path(p) for p in versions]
    which = shutil.which("initdb")
    if which:
        candidates.append(Path(which).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    raise PostgresUnavailable(
        "PostgreSQL binaries (initdb, postgres) not found: run `make install-test` "
        "(installs the Debian package `postgresql`) or set PG_BIN"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """``start()`` it, ``url(name)`` for a database, ``create_database()`` for a fresh one."""

    def __init__(self) -> None:
        self.bin = find_bin()
        self.root = Path(tempfile.mkdtemp(prefix="govdigest-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self._user: str | None = None
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError as exc:
                self.cleanup()
                raise PostgresUnavailable(
                    "running as root and there is no `postgres` system user to run the "
                    "server as: run `make install-test` (the Debian package creates it)"
                ) from exc
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self._user = "postgres"

    def _run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            args, user=self._user, capture_output=True, check=False, cwd=self.root
        )

    def start(self) -> PostgresServer:
        done = self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        if done.returncode != 0:
            self.cleanup()
            raise PostgresUnavailable(f"initdb failed: {done.stderr.decode(errors='replace')}")
        log_path = self.root / "server.log"
        for _attempt in range(3):
            self.port = _free_port()
            with open(log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    [
                        str(self.bin / "postgres"),
                        "-D",
                        str(self.data),
                        "-p",
                        str(self.port),
                        "-h",
                        "127.0.0.1",
                        "-k",
                        str(self.root),
                        "-c",
                        "fsync=off",
                        "-c",
                        "synchronous_commit=off",
                        "-c",
                        "full_page_writes=off",
                        "-c",
                        "max_connections=300",
                    ],
                    user=self._user,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=self.root,
                )
            if self._wait_ready():
                return self
            self._stop_process()
        text = log_path.read_text(errors="replace")[-2000:]
        self.cleanup()
        raise PostgresUnavailable(f"postgres did not start:\n{text}")

    def _wait_ready(self) -> bool:
        assert self.proc is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            done = self._run(
                str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"
            )
            if done.returncode == 0:
                return True
            time.sleep(0.1)
        return False

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run one statement with ``psql`` (no event loop needed); its output."""
        done = subprocess.run(
            [
                str(self.bin / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                sql,
            ],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql {sql!r}: {done.stderr.decode(errors='replace')}")
        return done.stdout.decode()

    def create_database(self, prefix: str = "gd") -> str:
        """A new empty database; its URL."""
        name = f"{prefix}_{os.getpid()}_{next(_names)}"
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _stop_process(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown: clients are cut off
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def stop(self) -> None:
        self._stop_process()
        self.cleanup()
