"""Wording of the operators' commands, /refresh and /stats, and the refusal for everyone else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from govdigest.bot.texts.common import clip, esc, human_date
from govdigest.bot.texts.sources import problem_lines as source_problem_lines
from govdigest.ingest import IngestReport
from govdigest.sources.models import RejectedFile
from govdigest.storage.ops import ErrorRecord, RefreshRun
from govdigest.storage.sources import SourceRecord

REFUSED = (
    "Извините, эта команда доступна только администраторам бота. "
    "Всё, что умею для остальных, — в /help."
)
REFRESH_FAILED = (
    "Не удалось перечитать источники: {error}\n"
    "Ошибка записана в журнал; кэш остался прежним. Последние ошибки — в /stats."
)
REFRESH_ELSEWHERE = (
    "Источники сейчас перечитывает другой экземпляр бота. Новые посты появятся, когда он "
    "закончит; повторите /refresh через пару минут."
)
REJECTED_SHOWN = 5
ERROR_CHARS = 160

TRIGGERS = {
    "schedule": "по расписанию",
    "startup": "при запуске",
    "command": "по команде /refresh",
}


@dataclass(frozen=True, slots=True)
class StatsSnapshot:
    """Everything /stats shows, gathered by the handler from the repositories."""

    posts: int
    missions: int
    companies: int
    quotes: int
    subscribers: dict[str, int]
    deliveries_today: int
    last_refresh: RefreshRun | None
    errors: Sequence[ErrorRecord]
    sources: Sequence[SourceRecord] = ()


def _moment(at: datetime, tz: ZoneInfo) -> str:
    local = at.astimezone(tz)
    return f"{human_date(local)}, {local:%H:%M}"


PATH_CHARS = 120


def short_path(path: str, limit: int = PATH_CHARS) -> str:
    """A path cut from the left ("…/region/post.txt"): its end says which file it is."""
    path = " ".join(path.split())
    return path if len(path) <= limit else "…" + path[-(limit - 1) :]


def _rejected_lines(rejected: Sequence[RejectedFile]) -> list[str]:
    lines = [
        f"• {esc(short_path(r.path))}: {esc(clip(r.reason, ERROR_CHARS))}"
        for r in rejected[:REJECTED_SHOWN]
    ]
    if len(rejected) > REJECTED_SHOWN:
        lines.append(f"… и ещё {len(rejected) - REJECTED_SHOWN}")
    return lines


def refresh_report(report: IngestReport) -> str:
    lines = [
        "<b>Источники перечитаны</b>",
        f"Новых постов: {report.new}",
        f"Изменённых: {report.updated}",
        f"Без изменений: {report.unchanged}",
        f"Разобрано заново: {report.extracted}",
        f"Отклонено: {len(report.rejected)}",
    ]
    lines += _rejected_lines(report.rejected)
    return "\n".join(lines)


def refresh_failed(error: BaseException) -> str:
    return REFRESH_FAILED.format(error=esc(clip(f"{type(error).__name__}: {error}", ERROR_CHARS)))


def _refresh_line(run: RefreshRun | None, tz: ZoneInfo) -> str:
    if run is None:
        return "Последнее обновление: ещё не было"
    trigger = TRIGGERS.get(run.trigger, run.trigger)
    return (
        f"Последнее обновление: {_moment(run.finished_at, tz)} ({esc(trigger)}) — "
        f"новых {run.new}, изменённых {run.updated}, без изменений {run.unchanged}, "
        f"отклонено {run.rejected}"
    )


def stats_text(stats: StatsSnapshot, tz: ZoneInfo) -> str:
    subs = stats.subscribers
    lines = [
        "<b>Статистика</b>",
        f"Постов: {stats.posts}",
        f"Миссий: {stats.missions}",
        f"Компаний: {stats.companies}",
        f"Цитат: {stats.quotes}",
        (
            f"Подписчики: активных {subs.get('active', 0)}, "
            f"на паузе {subs.get('paused', 0)}, заблокировали бота {subs.get('blocked', 0)}"
        ),
        f"Доставлено дайджестов сегодня: {stats.deliveries_today}",
        _refresh_line(stats.last_refresh, tz),
        *source_problem_lines(stats.sources),
        "",
    ]
    if not stats.errors:
        lines.append("Ошибок нет.")
    else:
        lines.append("<b>Последние ошибки</b>")
        lines += [
            f"• {_moment(e.at, tz)} [{esc(e.kind)}] {esc(clip(e.message, ERROR_CHARS))}"
            for e in stats.errors
        ]
    lines += ["", f"<i>Время — {esc(tz.key)}</i>"]
    return "\n".join(lines)


def channel_ignored(ref: str, title: str | None) -> str:
    return (
        f"Канал «{esc(clip(title or ref))}» ({esc(clip(ref))}) сделал бота администратором и "
        "прислал пост, но его нет в CHANNELS: посты этого канала не сохраняются.\n"
        f"Чтобы читать его, добавьте <code>{esc(clip(ref))}</code> в CHANNELS и перезапустите "
        "бота."
    )


def channel_accepted(ref: str, title: str | None) -> str:
    return (
        f"Новый канал: «{esc(clip(title or ref))}» ({esc(clip(ref))}). Включён "
        "ACCEPT_ALL_CHANNELS, поэтому его посты сохраняются и попадают в ответы и дайджесты.\n"
        "Если это чужой канал, уберите бота из его администраторов или выключите "
        "ACCEPT_ALL_CHANNELS и перечислите свои каналы в CHANNELS."
    )
