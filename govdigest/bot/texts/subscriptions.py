"""Wording for /subscribe, /unsubscribe, /settings and /digest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from govdigest.bot.texts.common import clip, esc, human_date

EXAMPLE = "/subscribe 09:30 Москва"
EXAMPLES = (
    "Примеры: <code>/subscribe 09:30 Москва</code>, <code>/subscribe 8:00 Екатеринбург</code>, "
    "<code>/subscribe 07:15 +5</code>, <code>/subscribe 09:00 Europe/Moscow</code>."
)

STATUS = {
    "active": "активна",
    "paused": "на паузе",
    "blocked": "остановлена (бот был заблокирован)",
    "unsubscribed": "отменена",
}

BTN_EARLIER = "−1 ч"
BTN_LATER = "+1 ч"
BTN_PAUSE = "⏸ Пауза"
BTN_RESUME = "▶️ Возобновить"
PRESET_TIMES = ("07:00", "08:00", "09:00", "12:00", "18:00", "21:00")

NOT_SUBSCRIBED = (
    "Вы не подписаны на ежедневный дайджест.\n"
    f"Подписаться: <code>{EXAMPLE}</code> (время и часовой пояс можно не указывать)."
)
UNSUBSCRIBED = (
    "Готово: ежедневный дайджест больше не придёт.\n"
    f"Вернуться можно в любой момент: <code>{EXAMPLE}</code>."
)
ALREADY_UNSUBSCRIBED = "Вы и так не подписаны. Подписаться: <code>/subscribe</code>."
PAUSED = "Подписка на паузе"
RESUMED = "Подписка возобновлена"
UNCHANGED = "Уже так и есть"
CALLBACK_NOT_SUBSCRIBED = "Подписки нет. Отправьте /subscribe"


def bad_time(value: str) -> str:
    return (
        f"Не понимаю время «{esc(clip(value))}»: нужны часы от 00 до 23 и минуты от 00 до 59, "
        f"например <code>09:30</code>.\n{EXAMPLES}"
    )


def unknown_zone(value: str) -> str:
    return (
        f"Не знаю часовой пояс «{esc(clip(value))}». Укажите город России, смещение от UTC "
        f"(+5, UTC+3, МСК+2) или название IANA (Europe/Moscow).\n{EXAMPLES}"
    )


def when(moment: datetime, today: date) -> str:
    """'сегодня в 09:30', 'завтра в 09:30', '14 марта в 09:30' (the moment is local)."""
    day = moment.date()
    if day == today:
        label = "сегодня"
    elif (day - today).days == 1:
        label = "завтра"
    else:
        label = human_date(day, with_year=False)
    return f"{label} в {moment:%H:%M}"


def subscribed(
    digest_time: str,
    zone: str,
    source: str | None,
    next_local: datetime,
    today: date,
    *,
    changes: Sequence[str] | None = None,
) -> str:
    """``changes`` is None for a new subscription; for a repeat, what it changed (may be
    empty: then the answer says nothing changed)."""
    typed = f" — «{esc(clip(source))}»" if source else ""
    if changes is None:
        head = f"Подписка оформлена: дайджест каждый день в <b>{digest_time}</b>."
    elif changes:
        head = "Подписка обновлена: " + "; ".join(changes) + "."
    else:
        head = f"Вы уже подписаны, ничего не изменилось: дайджест в <b>{digest_time}</b>."
    return (
        f"{head}\n"
        f"Часовой пояс: {esc(zone)}{typed}.\n"
        f"Ближайший дайджест: {when(next_local, today)}.\n"
        "Изменить время, пояс или поставить на паузу — /settings, получить сейчас — /digest."
    )


def change_time(before: str, after: str) -> str:
    return f"время {before} → <b>{after}</b>"


def change_zone(before: str, after: str) -> str:
    return f"часовой пояс {esc(before)} → {esc(after)}"


CHANGE_RESUMED = "подписка снова активна"


def picker(zone: str, digest_time: str, *, subscribed: bool) -> str:
    """Bare /subscribe: choose the time and the zone with buttons, then confirm."""
    lead = (
        "Вы уже подписаны. Можно поменять время или часовой пояс:"
        if subscribed
        else "Когда присылать дайджест? Выберите часовой пояс и время:"
    )
    return (
        f"<b>Ежедневный дайджест</b>\n{lead}\n\n"
        f"Часовой пояс: <b>{esc(zone)}</b>\nВремя: <b>{digest_time}</b>\n\n"
        f"Другое время или город — текстом: <code>{EXAMPLE}</code>."
    )


def btn_confirm(digest_time: str, msk: str) -> str:
    return f"✅ Подписаться: {digest_time}, {msk}"


def btn_zone(msk: str, selected: bool) -> str:
    return f"✓ {msk}" if selected else msk


BTN_ZONE_MENU = "🌍 Часовой пояс"
BTN_BACK = "◂ Назад"
ZONE_MENU = "Выберите часовой пояс (время московское плюс часы):"


def zone_changed(zone: str) -> str:
    return f"Часовой пояс: {zone}"


def digest_args_not_understood(args: str) -> str:
    return (
        f"Не понял «{esc(clip(args))}»: /digest присылает публикации с прошлого дайджеста "
        "(или за последние сутки) и аргументов не принимает. Вот дайджест:"
    )


def settings(
    digest_time: str, zone: str, status: str, next_local: datetime | None, today: date
) -> str:
    lines = [
        "<b>Ежедневный дайджест</b>",
        f"Время: <b>{digest_time}</b>",
        f"Часовой пояс: {esc(zone)}",
        f"Подписка: {STATUS.get(status, status)}",
    ]
    if next_local is not None:
        lines.append(f"Следующий дайджест: {when(next_local, today)}")
    lines.append("")
    lines.append(f"Сменить пояс: <code>/subscribe {digest_time} Новосибирск</code>")
    return "\n".join(lines)


def time_changed(digest_time: str) -> str:
    return f"Время дайджеста: {digest_time}"
