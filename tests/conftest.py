"""Fixtures shared by every test layer.

* ``nlp_models`` (session): the real natasha models, loaded once (about a second).
* ``clean_env`` (function): removes every govdigest setting (``BOT_TOKEN`` …) from the process
  environment, so that a developer's shell or CI secrets cannot leak into a test.
* ``settings`` (function): ``Settings`` with the database in ``tmp_path``, ``SEEDS_DIR`` a
  private copy of the repository's ``seeds/``, ``ADMIN_IDS={42}``, no token, no ``.env``, and
  a throttle too high to trigger.
* ``services`` (function): ``open_services(settings, models=nlp_models)`` on an empty
  database (nothing ingested yet), closed at teardown; ``await ingest_seeds(services)``
  fills it.

* ``pg_server`` (session): a throw-away PostgreSQL server (``tests/pg_server.py``), started by
  the first test that asks for it and stopped at the end; a server that cannot start fails
  those tests with the reason (never skips them).
* ``pg_url`` (function): a fresh empty database on it, dropped at teardown.
* ``db_target`` (function, two params): a SQLite file path, then a ``pg_url``.

Paths: ``REPO_ROOT``, ``SEEDS_DIR`` (the repository's seeds), ``DATA_DIR`` (``tests/data``:
fictional posts, a Telegram Desktop export, bad files and mission posts for paging).
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiosqlite
import pytest

from govdigest.bot.app import Services, open_services
from govdigest.config import Settings
from govdigest.extraction.pipeline import NlpModels
from govdigest.ingest import IngestReport
from govdigest.storage import Database, Repos
from tests.fakes.fake_bot_api import FakeBotApi
from tests.fakes.fake_channels import FakeChannelSite
from tests.pg_server import PostgresServer, PostgresUnavailable

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
DATA_DIR = Path(__file__).resolve().parent / "data"
ADMIN_ID = 42

# Every setting's environment name: none of them may come from the developer's environment.
SETTING_ENV_NAMES = tuple(name.upper() for name in Settings.model_fields)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A test that fails before closing its database keeps the connection alive (the
    traceback holds it), and aiosqlite's worker thread would then keep the interpreter from
    exiting: the run must end with its failures reported, not hang. Stop such threads."""
    for obj in gc.get_objects():
        if isinstance(obj, aiosqlite.Connection) and obj._connection is not None:
            obj.stop()


@pytest.fixture(scope="session")
def nlp_models() -> NlpModels:
    return NlpModels.load()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer().start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL test server: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    url = pg_server.create_database()
    try:
        yield url
    finally:
        pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where ``Database.open`` opens a fresh database: a SQLite file, then a PostgreSQL
    database on the test server (storage tests run on both backends)."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "db" / "test.sqlite3")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTING_ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the repository's seeds (tests may add or edit files in it)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, seeds_copy: Path, clean_env: None) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]  # pydantic-settings init option
        bot_token=None,
        database_path=str(tmp_path / "db" / "govdigest.sqlite3"),
        seeds_dir=str(seeds_copy),
        admin_ids=frozenset({ADMIN_ID}),
        # Tests send commands back to back; the per-user throttle has its own tests, and a
        # wall-clock token bucket would make every other bot test timing-dependent.
        throttle_rate=1000.0,
    )


@pytest.fixture
async def services(settings: Settings, nlp_models: NlpModels) -> AsyncIterator[Services]:
    opened = await open_services(settings, models=nlp_models)
    try:
        yield opened
    finally:
        await opened.close()


async def ingest_seeds(services: Services) -> IngestReport:
    """Ingest ``SEEDS_DIR`` the way the start-up refresh does; fails loudly on a bad seed."""
    report = await services.ingestor.refresh([services.seeds_dir], trigger="test")
    assert not report.rejected, report.rejected
    return report


async def _running_fake(global_rate: float, per_chat_rate: float) -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi(global_rate=global_rate, per_chat_rate=per_chat_rate)
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API on 127.0.0.1 with limits high enough not to matter (fault tests)."""
    async for server in _running_fake(1000, 1000):
        yield server


@pytest.fixture
async def limited_fake() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API that enforces Telegram's limits: 30 msg/s overall, 1 msg/s per chat."""
    async for server in _running_fake(30, 1.0):
        yield server


@pytest.fixture
async def repos(db_target: str) -> AsyncIterator[Repos]:
    """Repositories over a fresh database of each backend (modules may define their own)."""
    db = await Database.open(db_target)
    try:
        yield Repos.over(db)
    finally:
        await db.close()


@pytest.fixture
async def channel_site() -> AsyncIterator[FakeChannelSite]:
    """A local t.me web-preview and feed server on 127.0.0.1 (see ``tests/fakes``)."""
    site = FakeChannelSite()
    await site.start()
    try:
        yield site
    finally:
        await site.close()


@pytest.fixture
async def web_services(
    settings: Settings, nlp_models: NlpModels, channel_site: FakeChannelSite
) -> AsyncIterator[Services]:
    """``services`` whose channel previews come from ``channel_site``; backfill 50."""
    settings.telegram_preview_base = channel_site.base_url
    opened = await open_services(settings, models=nlp_models)
    try:
        yield opened
    finally:
        await opened.close()
