"""Logs: one structured line per update and per job, no token, no text beyond 80 characters."""

from __future__ import annotations

import ast
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiogram.types import Update, User

from govdigest.bot.jobs import refresh_sources
from govdigest.logsetup import RedactFilter, setup_logging
from tests.bot._live_fixtures import (
    ADMIN,
    POST_TEXT,
    READER,
    TOKEN,
    MakeLive,
    channel_chat,
    channel_post_update,
    command_update,
    forward_update,
    make_live,
)

__all__ = ["make_live"]  # fixture, imported for pytest

UPDATE_LINE = re.compile(
    r"^update id=(?P<id>\d+) type=(?P<type>\w+) chat=(?P<chat>-?\d+|None) "
    r"user=(?P<user>\d+|None) text=(?P<text>'.*'|\".*\") outcome=(?P<outcome>\w+) "
    r"ms=\d+\.\d$"
)
# Nothing after the 80th character of a message may reach the logs.
SECRET_TAIL = "СЕКРЕТНЫЙ-ХВОСТ-СООБЩЕНИЯ"
LONG_TEXT = "Привет! " + "а" * 72 + SECRET_TAIL + " и ещё много текста " * 10


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    names = ("aiogram.event", "apscheduler.executors", "aiosqlite")
    levels = {name: logging.getLogger(name).level for name in names}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, old in levels.items():
            logging.getLogger(name).setLevel(old)


def logged(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    """(logger, message) of every line the real set-up wrote to stderr."""
    out = []
    for line in capsys.readouterr().err.splitlines():
        parts = line.split(" ", 3)  # date level logger: message
        if len(parts) == 4 and parts[2].endswith(":"):
            out.append((parts[2][:-1], parts[3]))
    return out


def update_lines(lines: list[tuple[str, str]]) -> list[re.Match[str]]:
    messages = [m for name, m in lines if name == "govdigest.updates" and m.startswith("update ")]
    matches = [UPDATE_LINE.match(m) for m in messages]
    assert all(matches), messages
    return [m for m in matches if m]


def edited_message_update(text: str, user: User) -> Update:
    update = command_update(text, user)
    assert update.message is not None
    edited = update.message.model_copy(update={"edit_date": 1_700_000_000})
    return Update(update_id=update.update_id, edited_message=edited)


def test_token_is_redacted_in_messages_and_tracebacks(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging("INFO", secrets=[TOKEN])
    log = logging.getLogger("govdigest.test")
    url = f"https://api.telegram.org/bot{TOKEN}/getUpdates"
    log.warning("request to %s failed", url)
    try:
        raise ConnectionError(f"Cannot connect to {url}")
    except ConnectionError:
        log.exception("polling failed")
    log.info("where am I", stack_info=True)

    err = capsys.readouterr().err
    assert TOKEN not in err
    assert TOKEN.split(":")[1] not in err
    assert "https://api.telegram.org/bot***/getUpdates" in err
    assert "ConnectionError: Cannot connect to https://api.telegram.org/bot***/getUpdates" in err


def test_redact_filter_without_secrets_changes_nothing() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a %s", ("b",), None)
    assert RedactFilter([]).filter(record)
    assert record.getMessage() == "a b"


async def test_one_line_per_update_with_short_text(
    make_live: MakeLive, restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    live = await make_live()
    # DEBUG, the most talkative level: still no token and no text beyond 80 characters.
    setup_logging("DEBUG", secrets=[TOKEN])
    chat = channel_chat()
    updates = [
        command_update("/mission", READER),
        command_update(LONG_TEXT, READER),
        channel_post_update(chat, 501, POST_TEXT + "\n" + LONG_TEXT),
        forward_update(ADMIN, LONG_TEXT + "\n" + POST_TEXT, origin_chat=chat, origin_message_id=9),
    ]
    for update in updates:
        await live.feed(update)

    lines = logged(capsys)
    matches = update_lines(lines)
    assert [int(m["id"]) for m in matches] == [u.update_id for u in updates]
    assert [m["type"] for m in matches] == ["message", "message", "channel_post", "message"]
    assert [m["outcome"] for m in matches] == ["handled"] * 4
    assert matches[0]["text"] == "'/mission'"
    assert matches[0]["user"] == str(READER.id) and matches[0]["chat"] == str(READER.id)
    assert matches[2]["chat"] == str(chat.id) and matches[2]["user"] == "None"
    for match in matches:
        assert len(ast.literal_eval(match["text"])) <= 80
    text = "\n".join(message for _, message in lines)
    assert SECRET_TAIL not in text
    assert "Кооперация с соседями" not in text  # beyond the first 80 characters
    assert TOKEN not in text
    assert not any(name == "aiogram.event" for name, _ in lines)  # ours is the one line


async def test_throttled_and_unhandled_updates_are_logged_as_such(
    make_live: MakeLive, restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    live = await make_live(throttle_rate=1.0)
    setup_logging("INFO")
    await live.feed(command_update("/help", READER))
    await live.feed(command_update("/help", READER))  # the note
    await live.feed(command_update("/help", READER))  # dropped
    await live.feed(edited_message_update("/help", READER))  # nothing handles private edits
    outcomes = [m["outcome"] for m in update_lines(logged(capsys))]
    assert outcomes == ["handled", "throttled", "throttled", "unhandled"]


async def test_refresh_job_logs_one_line(
    make_live: MakeLive, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    live = await make_live()
    (Path(live.services.settings.seeds_dir) / "post.txt").write_text(POST_TEXT, encoding="utf-8")
    caplog.set_level(logging.INFO, logger="govdigest.bot.jobs")
    await refresh_sources(live.services, trigger="schedule")
    lines = [r.getMessage() for r in caplog.records if r.name == "govdigest.bot.jobs"]
    assert lines == ["refresh trigger=schedule new=1 updated=0 unchanged=0 rejected=0 extracted=1"]
