"""Shared wording: commands, help, fallbacks, formatting helpers."""

from __future__ import annotations

import html
from datetime import date, datetime

# (command, one-line description) in menu order; setMyCommands and /help read this.
PUBLIC_COMMANDS: tuple[tuple[str, str], ...] = (
    ("mission", "последняя миссия: кто, куда, когда, что подписано"),
    ("companies", "компании делегации; /companies all — по всем постам"),
    ("quotes", "ключевые цитаты; /quotes Фамилия — цитаты одного человека"),
    ("digest", "дайджест прямо сейчас"),
    ("subscribe", "ежедневный дайджест: /subscribe 09:30 Москва"),
    ("settings", "время, часовой пояс и пауза подписки"),
    ("unsubscribe", "отписаться от дайджеста"),
    ("help", "что умеет бот"),
)
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("refresh", "перечитать источники сейчас"),
    ("stats", "посты, подписчики, доставки, ошибки"),
)

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


ECHO_MAX = 64


def clip(text: str, limit: int = ECHO_MAX) -> str:
    """One line of at most ``limit`` characters, cut at a word with "…".

    Every field shown to users goes through it: user input echoed back and post text alike,
    so that no answer can be pushed past Telegram's 4096-character limit.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,.;:—-") + "…"


def safe_href(url: str | None) -> str | None:
    """An escaped link target, or None for a scheme Telegram would refuse (javascript:, t.me/x)."""
    if url and url.startswith(("https://", "http://", "tg://")):
        return html.escape(url, quote=True)
    return None


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural agreement: 1 пост, 2 поста, 5 постов, 21 пост, 11 постов."""
    tail = n % 100
    if 11 <= tail <= 14:
        return many
    if n % 10 == 1:
        return one
    if 2 <= n % 10 <= 4:
        return few
    return many


def human_date(day: date | datetime | None, *, with_year: bool = True) -> str:
    if day is None:
        return ""
    text = f"{day.day} {MONTHS_GENITIVE[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def help_text(*, is_admin: bool) -> str:
    lines = [
        "<b>govdigest</b> читает телеграм-каналы губернаторов и за десять секунд показывает "
        "главное: кто возглавил делегацию, куда и когда поехал, что подписали, какие "
        "компании участвовали и кто что сказал.",
        "",
    ]
    lines += [f"/{name} — {esc(description)}" for name, description in PUBLIC_COMMANDS]
    if is_admin:
        lines += ["", "<b>Для администраторов</b>"]
        lines += [f"/{name} — {esc(description)}" for name, description in ADMIN_COMMANDS]
    lines += [
        "",
        "Перешлите мне пост из канала — разберу его сразу.",
    ]
    return "\n".join(lines)


FALLBACK = "Я понимаю команды. Список — в /help. Можно и просто переслать мне пост из канала."
NO_POSTS = "Пока нет ни одного поста. Загрузите посты (папка seeds) или подождите обновления."
NO_MISSIONS = "В загруженных постах пока нет ни одной миссии или визита."
CONSOLE_ERROR = "Не получилось обработать это сообщение (подробности в журнале). Продолжаем."
STALE_BUTTON = "Эта кнопка устарела. Откройте команду заново: /help"
MISSION_GONE = "Эта миссия больше не найдена: кэш обновился. Откройте /mission заново."
TOO_FAST = "Слишком много команд подряд. Подождите пару секунд — и я снова отвечу."
