"""Fixtures for the end-to-end tests: emulator, Bot API shim, bot processes, test users.

Nothing here skips: if Node.js or the pinned emulator is missing, every e2e test fails with a
message saying how to install it (CI must not pass with the e2e tests silently gone).

Fixture API (see ``harness.py`` and ``shim.py`` for the classes):

* ``emulator`` (session): :class:`Emulator` — ``.url``, ``.port``, ``.version``.
* ``shim`` (session): :class:`BotApiShim` — ``.base_url`` (the bot's ``TELEGRAM_API_BASE``),
  ``.calls``, ``.calls_of(method, token=, after=)``, ``.wait_for_call(...)``,
  ``.commands_for(token)``, ``.iter_rejections(token)``.
* ``new_token(name) -> str`` (session): a fresh bot token; one per bot keeps updates apart.
* ``launch_bot(token, argv=None, *, name="govdigest", data_dir=None, extra_env=None,
  ready_timeout=90.0) -> BotProcess`` (session): starts a bot subprocess (default: the real
  ``govdigest run``) against the shim and waits until it polls; stopped at session end.
* ``make_user(token, *, bot=None, **kwargs) -> TelegramUser`` (session): a new private-chat
  user (fresh id) for ``token``.
* ``govdigest_bot`` (session): the real bot on the seed data, shared by the modules' tests
  (each test talks as a fresh user).
* ``tg_user`` (function): a fresh user of ``govdigest_bot``.

Files and inline mode (``media.py``, ``shim_media.py``): ``wait_upload(user, "sendDocument" |
"sendPhoto", after=seq)`` returns the recorded call and its :class:`UploadedFile` (file name,
size, bytes); ``ask_inline(user, query)`` injects an ``inline_query`` update and returns the
bot's ``answerInlineQuery`` call; ``shim.inject_update(token, update)`` delivers any update the
emulator cannot make.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from .harness import (
    E2E_DIR,
    REPO_ROOT,
    RUNNING_BOTS,
    BotProcess,
    E2EError,
    Emulator,
    TelegramUser,
    bot_env,
    joined,
)
from .shim import BotApiShim

SEEDS_DIR = REPO_ROOT / "seeds"
_FIRST_ITEM = re.compile(r"^\s*1[.)]\s+\S", re.MULTILINE)

LaunchBot = Callable[..., BotProcess]
MakeUser = Callable[..., TelegramUser]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: the marker must be on before `-m "not e2e"` deselects by it.
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    # A failing e2e test shows what the bots logged: the process is gone by the time CI
    # output is read.
    if report.failed and item.path.is_relative_to(E2E_DIR):
        for bot in RUNNING_BOTS:
            report.sections.append((f"{bot.name} log (tail)", bot.log_tail(80)))
    return report


def govdigest_argv() -> list[str]:
    """The real bot's console script in the virtualenv running the tests."""
    script = Path(sys.executable).parent / "govdigest"
    if not script.exists():
        raise E2EError(f"{script} does not exist; install the project (`make install-test`)")
    return [str(script), "run"]


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    log = tmp_path_factory.mktemp("emulator") / "emulator.log"
    server: Emulator | None = None
    problem = ""
    try:
        server = Emulator.launch(log)
    except E2EError as error:
        problem = str(error)
    if server is None:
        # Fail, never skip: CI must not go green with the e2e tests silently gone.
        pytest.fail(problem, pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def shim(emulator: Emulator) -> Iterator[BotApiShim]:
    server = BotApiShim(emulator.url).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def new_token() -> Callable[[str], str]:
    counter = itertools.count(7_100_000_001)

    def make(name: str) -> str:
        return f"{next(counter)}:AAE2E-{name}"

    return make


@pytest.fixture(scope="session")
def launch_bot(shim: BotApiShim, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LaunchBot]:
    started: list[BotProcess] = []

    def launch(
        token: str,
        argv: Sequence[str] | None = None,
        *,
        name: str = "govdigest",
        data_dir: Path | None = None,
        extra_env: Mapping[str, str] | None = None,
        ready_timeout: float = 90.0,
        ready_method: str = "getUpdates",
    ) -> BotProcess:
        workdir = data_dir or tmp_path_factory.mktemp(name)
        bot = BotProcess(
            name=name,
            token=token,
            argv=list(argv) if argv is not None else govdigest_argv(),
            env=bot_env(
                token=token,
                api_base=shim.base_url,
                database=workdir / "gd.sqlite3",
                seeds=SEEDS_DIR,
                extra=extra_env or {},
            ),
            # The bot runs in its data directory so a developer's .env in the repository
            # cannot leak into it.
            cwd=workdir,
            log_path=workdir / f"{name}.log",
            shim=shim,
            ready_method=ready_method,
        )
        started.append(bot)
        bot.start(ready_timeout=ready_timeout)
        return bot

    yield launch
    problems = []
    for bot in started:
        try:
            bot.stop()
        except E2EError as error:
            problems.append(str(error))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def make_user(emulator: Emulator, shim: BotApiShim) -> MakeUser:
    def make(token: str, *, bot: BotProcess | None = None, **kwargs: object) -> TelegramUser:
        return TelegramUser(emulator.url, token, shim, bot=bot, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def govdigest_bot(
    launch_bot: LaunchBot, new_token: Callable[[str], str], make_user: MakeUser
) -> Iterator[BotProcess]:
    # One process for every module that uses it (starting the real bot costs seconds: Python,
    # aiogram, the NLP models, the seed). Its tests read the seed's cache and talk as fresh
    # users (``tg_user``), so nothing one module does is seen by another.
    bot = launch_bot(new_token("govdigest"), name="govdigest")
    # The bot polls before its start-up refresh has loaded the seed: ready once /companies
    # lists companies (no timing assertion: the tests then check the content themselves).
    make_user(bot.token, bot=bot).send_until(
        "/companies", lambda replies: bool(_FIRST_ITEM.search(joined(replies))), timeout=120.0
    )
    yield bot
    bot.stop()


@pytest.fixture
def tg_user(govdigest_bot: BotProcess, make_user: MakeUser) -> TelegramUser:
    return make_user(govdigest_bot.token, bot=govdigest_bot)
