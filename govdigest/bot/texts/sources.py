"""Wording of /sources, /addsource, /removesource and of source problems in /stats."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from govdigest.bot.texts.common import clip, esc, human_date, plural
from govdigest.storage.sources import SourceRecord

STATUS = {
    "new": "ещё не читался",
    "ok": "работает",
    "missing": "канал не найден",
    "hidden": "веб-просмотр канала закрыт",
    "unrecognised": "страница не распознана",
    "not_feed": "по адресу не RSS/Atom-лента",
    "error": "ошибка загрузки",
    "rate_limited": "сайт просит подождать (429)",
}
REFUSED = {
    "missing": "Не добавлено: канала {label} нет (или это не публичный канал).",
    "hidden": (
        "Не добавлено: у {label} закрыт веб-просмотр (t.me/s/…), поэтому читать его без "
        "прав администратора нельзя. Добавьте бота в администраторы канала или пересылайте посты."
    ),
    "unrecognised": (
        "Не добавлено: страницу {label} не удалось разобрать — на ней нет ни одного поста "
        "в знакомой вёрстке."
    ),
    "not_feed": "Не добавлено: по адресу {label} не RSS- и не Atom-лента.",
    "error": "Не добавлено: {label} сейчас не открывается ({error}). Попробуйте позже.",
    "rate_limited": "Не добавлено: сайт просит подождать (429). Попробуйте через несколько минут.",
}
ADD_USAGE = (
    "Укажите канал или ленту: <code>/addsource @username</code>, "
    "<code>/addsource t.me/username</code> или <code>/addsource https://сайт/rss</code>. "
    "После канала можно назвать регион: <code>/addsource @username Челябинская область</code>."
)
REMOVE_USAGE = "Укажите источник: <code>/removesource @username</code> или адрес ленты."
BAD_REF = "Не понимаю «{text}»: нужен @username канала, ссылка t.me/… или адрес RSS/Atom-ленты."
ADDED = "Источник добавлен: {label}{title}{region}. Загружаю последние посты…"
ALREADY = "Источник {label} уже есть в списке."
FETCHED = "{label}: загружено постов — {new}, всего в кэше — {stored}."
FETCH_FAILED = "{label}: загрузить пока не удалось — {status}."
REMOVED = (
    "Источник {label} удалён из списка. Уже загруженные посты остаются в кэше. "
    "Если он указан в SOURCES, то вернётся при перезапуске."
)
NOT_FOUND = "Такого источника в списке нет. Список — /sources."
NO_SOURCES = (
    "Источников пока нет: бот читает только посты из папки seeds, каналы, где он "
    "администратор, и пересланные посты. Администратор может добавить канал: /addsource."
)
SHOWN = 40


def _moment(at: datetime | None, tz: ZoneInfo) -> str:
    if at is None:
        return "—"
    local = at.astimezone(tz)
    return f"{human_date(local)}, {local:%H:%M}"


def source_line(source: SourceRecord, tz: ZoneInfo) -> str:
    name = esc(source.label)
    about = source.region or source.title
    head = f"• <b>{name}</b>" + (f" — {esc(clip(about, 60))}" if about else "")
    status = STATUS.get(source.status, source.status)
    posts = f"{source.posts_stored} {plural(source.posts_stored, 'пост', 'поста', 'постов')}"
    return (
        f"{head}\n  последний пост: {_moment(source.last_post_at, tz)}; {posts}; "
        f"статус: {esc(status)}"
    )


def sources_list(sources: Sequence[SourceRecord], tz: ZoneInfo) -> str:
    if not sources:
        return NO_SOURCES
    lines = [f"<b>Источники ({len(sources)})</b>"]
    lines += [source_line(s, tz) for s in sources[:SHOWN]]
    if len(sources) > SHOWN:
        lines.append(f"… и ещё {len(sources) - SHOWN}")
    lines += ["", f"<i>Время — {esc(tz.key)}. Подписаться на канал или регион: /follow</i>"]
    return "\n".join(lines)


def refused(status: str, label: str, error: str | None) -> str:
    template = REFUSED.get(status, REFUSED["error"])
    return template.format(label=esc(label), error=esc(clip(error or status, 120)))


def added(label: str, title: str | None, region: str | None) -> str:
    return ADDED.format(
        label=esc(label),
        title=f" — {esc(clip(title, 80))}" if title else "",
        region=f" (регион: {esc(clip(region, 60))})" if region else "",
    )


def fetched(label: str, new: int, stored: int) -> str:
    return FETCHED.format(label=esc(label), new=new, stored=stored)


def fetch_failed(label: str, status: str) -> str:
    return FETCH_FAILED.format(label=esc(label), status=esc(STATUS.get(status, status)))


def problem_lines(sources: Sequence[SourceRecord]) -> list[str]:
    """/stats: sources whose last fetch failed."""
    bad = [s for s in sources if s.status not in {"ok", "new"}]
    if not sources:
        return []
    ok = sum(1 for s in sources if s.status == "ok")
    lines = [f"Источники: {len(sources)}, работают {ok}"]
    lines += [
        f"• {esc(s.label)}: {esc(STATUS.get(s.status, s.status))}"
        + (f" — {esc(clip(s.last_error, 100))}" if s.last_error else "")
        for s in bad[:10]
    ]
    return lines
