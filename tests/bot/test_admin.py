"""Operators' commands: refused for everyone else; /refresh counts; /stats content."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from aiogram.methods import SetMyCommands
from aiogram.types import BotCommandScopeChat, BotCommandScopeDefault

from govdigest.bot.digests.tick import lease_for
from govdigest.bot.runner import set_commands
from govdigest.bot.texts import admin as texts
from govdigest.storage.coordination import REFRESH
from govdigest.timeutil import to_db
from tests.bot._live_fixtures import (
    ADMIN,
    POST_TEXT,
    READER,
    Live,
    channel_chat,
    channel_post_update,
    live,
    make_live,
)
from tests.bot.conftest import assert_telegram_html

__all__ = ["live", "make_live"]  # fixtures, imported for pytest

SECOND_POST = (
    "Губернатор Озёрской области Пётр Ледовских встретился с аграриями\n"
    "Глава региона обсудил с руководителями хозяйств подготовку к посевной кампании."
)


def write_seeds(live: Live) -> Path:
    seeds = Path(live.services.settings.seeds_dir)
    (seeds / "001_visit.txt").write_text(POST_TEXT, encoding="utf-8")
    (seeds / "002_agro.txt").write_text(SECOND_POST, encoding="utf-8")
    (seeds / "003_broken.txt").write_bytes(b"\xff\xfe\x00 not utf-8 \xc3\x28")
    return seeds


@pytest.mark.parametrize("command", ["/refresh", "/stats", "/refresh now", "/stats@govdigest_bot"])
async def test_admin_commands_are_refused_politely_for_others(live: Live, command: str) -> None:
    write_seeds(live)
    assert await live.command(command, READER) == [texts.REFUSED]
    assert await live.services.repos.ops.last_refresh() is None
    assert await live.services.repos.posts.count() == 0


async def test_refresh_reports_counts(live: Live) -> None:
    write_seeds(live)
    (report,) = await live.command("/refresh", ADMIN)
    assert_telegram_html(report)
    assert "Новых постов: 2" in report
    assert "Без изменений: 0" in report
    assert "Разобрано заново: 2" in report
    assert "Отклонено: 1" in report
    assert "003_broken.txt" in report

    (again,) = await live.command("/refresh", ADMIN)
    assert "Новых постов: 0" in again
    assert "Без изменений: 2" in again

    run = await live.services.repos.ops.last_refresh()
    assert run is not None
    assert run.trigger == "command"
    assert await live.services.repos.posts.count() == 2


async def test_refresh_failure_is_reported_and_recorded(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_refresh(paths: object, *, trigger: str, **_: object) -> None:
        raise OSError("disk <unavailable>")

    # Fault injection at the storage edge: the handler's reporting is what is tested here.
    monkeypatch.setattr(live.services.ingestor, "refresh", broken_refresh)
    (answer,) = await live.command("/refresh", ADMIN)
    assert answer.startswith("Не удалось перечитать источники: OSError: disk &lt;unavailable&gt;")
    errors = await live.services.repos.ops.recent_errors()
    assert errors[0].kind == "refresh"
    (stats,) = await live.command("/stats", ADMIN)
    assert "[refresh] OSError(" in stats


async def test_stats_shows_the_state_of_the_bot(live: Live) -> None:
    repos = live.services.repos
    db = live.services.db
    write_seeds(live)
    await live.command("/refresh", ADMIN)
    await live.feed(channel_post_update(channel_chat(), 501, POST_TEXT))
    now = live.clock()
    async with db.transaction():
        for chat_id in (1, 2, 3, 4, 5):
            await repos.subscribers.subscribe(chat_id, chat_id, "09:00", "Europe/Moscow")
        await repos.subscribers.set_status(4, "paused")
        await repos.subscribers.set_status(5, "blocked")
        rows = [
            (1, "sent", now - timedelta(minutes=5)),
            (2, "sent", now - timedelta(minutes=1)),
            (3, "failed", now - timedelta(minutes=2)),
            (4, "sent", now - timedelta(days=2)),
        ]
        for chat_id, status, finished in rows:
            await db.conn.execute(
                "INSERT INTO deliveries (chat_id, local_date, status, claimed_at, finished_at, "
                "attempts) VALUES (?, ?, ?, ?, ?, 1)",
                (chat_id, finished.date().isoformat(), status, to_db(finished), to_db(finished)),
            )
        await repos.ops.record_error(
            "delivery", "chat 3: <Forbidden> bot was blocked " + "x" * 400
        )

    (stats,) = await live.command("/stats", ADMIN)
    assert_telegram_html(stats)
    assert "Постов: 3" in stats
    assert f"Миссий: {await repos.cache.mission_count()}" in stats
    assert f"Компаний: {await repos.cache.company_count()}" in stats
    assert f"Цитат: {await repos.cache.quote_count()}" in stats
    assert await repos.cache.mission_count() >= 1
    assert "активных 3, на паузе 1, заблокировали бота 1" in stats
    assert "Доставлено дайджестов сегодня: 2" in stats
    assert "Последнее обновление: " in stats
    assert "по команде /refresh" in stats
    assert "новых 0" not in stats.split("Последнее обновление")[1].split("\n")[0]
    assert "[ingest] " in stats and "003_broken.txt: not UTF-8" in stats
    assert "[delivery] chat 3: &lt;Forbidden&gt; bot was blocked" in stats
    assert "x" * 200 not in stats  # long errors are shortened


async def test_stats_on_an_empty_bot(live: Live) -> None:
    (stats,) = await live.command("/stats", ADMIN)
    assert "Постов: 0" in stats
    assert "Последнее обновление: ещё не было" in stats
    assert "Ошибок нет." in stats


async def test_help_lists_admin_commands_only_for_admins(live: Live) -> None:
    (for_admin,) = await live.command("/help", ADMIN)
    (for_reader,) = await live.command("/help", READER)
    assert "/refresh" in for_admin and "/stats" in for_admin
    assert "/refresh" not in for_reader and "/stats" not in for_reader


async def test_admin_menu_is_set_per_admin_chat(live: Live) -> None:
    await set_commands(live.bot, live.services.settings)
    methods = [c.method for c in live.session.of("SetMyCommands")]
    public = [
        m
        for m in methods
        if isinstance(m, SetMyCommands) and isinstance(m.scope, BotCommandScopeDefault)
    ]
    admin = [
        m
        for m in methods
        if isinstance(m, SetMyCommands) and isinstance(m.scope, BotCommandScopeChat)
    ]
    assert len(public) == 1 and len(admin) == 1
    public_names = {c.command for c in public[0].commands}
    assert not {"refresh", "stats"} & public_names
    assert isinstance(admin[0].scope, BotCommandScopeChat)
    assert admin[0].scope.chat_id == ADMIN.id
    assert {"refresh", "stats"} <= {c.command for c in admin[0].commands}


async def test_refresh_while_another_instance_refreshes_says_so_and_does_nothing(
    live: Live,
) -> None:
    write_seeds(live)
    live.services.instance = lease_for(live.services, "this-instance")
    other = lease_for(live.services, "other-instance")  # on the same database
    assert await other.take(REFRESH)
    assert await live.command("/refresh", ADMIN) == [texts.REFRESH_ELSEWHERE]
    assert await live.services.repos.posts.count() == 0
    assert await live.services.repos.ops.last_refresh() is None
    await other.give_up(REFRESH)
    (report,) = await live.command("/refresh", ADMIN)
    assert "Новых постов: 2" in report
