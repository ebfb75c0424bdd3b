"""Shared wording: commands, help, fallbacks, formatting helpers."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

# (command, one-line description) in menu order; setMyCommands and /help read this.
PUBLIC_COMMANDS: tuple[tuple[str, str], ...] = (
    ("mission", "последняя миссия: кто, куда, когда, что подписано"),
    ("companies", "компании делегации; /companies all — по всем постам"),
    ("quotes", "ключевые цитаты; /quotes Фамилия — цитаты одного человека"),
    ("search", "поиск по всем публикациям: /search соглашение регион:Челябинская"),
    ("company", "досье компании: миссии, регионы, партнёры, цитаты"),
    ("region", "досье региона: миссии, направления, партнёры, цитаты"),
    ("digest", "дайджест прямо сейчас"),
    ("subscribe", "ежедневный дайджест: /subscribe 09:30 Москва"),
    ("settings", "время, часовой пояс и пауза подписки"),
    ("unsubscribe", "отписаться от дайджеста"),
    ("follow", "следить за каналом или регионом: /follow @канал"),
    ("following", "мои подписки на каналы и регионы"),
    ("unfollow", "перестать следить за каналом или регионом"),
    ("sources", "какие каналы и ленты читает бот"),
    ("export", "выгрузка в XLSX или CSV: /export 2026 Озёрская"),
    ("chart", "графики: миссии по месяцам, организации, маршруты"),
    ("help", "что умеет бот"),
)
# The commands the greeting mentions after /mission, /digest and /subscribe.
START_MORE = ("companies", "quotes", "search", "settings", "unsubscribe")
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("refresh", "перечитать источники сейчас"),
    ("stats", "посты, подписчики, доставки, ошибки"),
    ("addsource", "добавить канал или ленту: /addsource @username"),
    ("removesource", "убрать канал или ленту"),
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


# Links longer than this are not shown: a whole <a> tag must fit in one 4096-character message
# part, and no real post link is this long (sources drop them on reading; this guards the rest).
MAX_LINK_CHARS = 1024


def safe_href(url: str | None) -> str | None:
    """An escaped link target, or None for a scheme Telegram would refuse (javascript:, t.me/x)
    or a link over ``MAX_LINK_CHARS``."""
    if url and len(url) <= MAX_LINK_CHARS and url.startswith(("https://", "http://", "tg://")):
        href = html.escape(url, quote=True)
        return href if len(href) <= 2 * MAX_LINK_CHARS else None
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


def start_text(
    first_name: str | None,
    channels: Sequence[str],
    posts: int,
    newest: datetime | None,
    refreshed: datetime | None,
    tz: tzinfo,
) -> str:
    """The greeting: what the bot follows, how fresh the data is, where to begin."""
    hello = f"Здравствуйте, {esc(clip(first_name, 40))}!" if first_name else "Здравствуйте!"
    if first_name == CONSOLE_NAME:
        hello = "Здравствуйте!"
    lines = [
        f"<b>{hello}</b> Я читаю телеграм-каналы губернаторов и за десять секунд показываю "
        "главное: кто и куда поехал с делегацией, что подписали, какие компании участвовали и "
        "кто что сказал.",
        "",
    ]
    if channels:
        shown = ", ".join(esc(clip(c, 60)) for c in channels[:CHANNELS_SHOWN])
        rest = len(channels) - CHANNELS_SHOWN
        tail = f" и ещё {rest}" if rest > 0 else ""
        lines.append(f"<b>Слежу за каналами:</b> {shown}{tail}.")
    if posts:
        noun = plural(posts, "публикация", "публикации", "публикаций")
        freshest = f", самая свежая — от {human_date(newest.astimezone(tz))}" if newest else ""
        lines.append(f"<b>В базе</b> {posts} {noun}{freshest}.")
        if refreshed:
            local = refreshed.astimezone(tz)
            lines.append(f"Данные на {human_date(local, with_year=False)}, {local:%H:%M}.")
    else:
        lines.append(NO_POSTS)
    lines += [
        "",
        "С чего начать: /mission — последняя миссия, /digest — дайджест сейчас, "
        "/subscribe — присылать дайджест каждый день.",
        "Ещё: " + ", ".join(f"/{name}" for name in START_MORE) + " — подробно в /help.",
    ]
    return "\n".join(lines)


def unknown_command(command: str) -> str:
    return f"Команды {esc(clip(command, 32))} нет. Список команд — /help."


CHANNELS_SHOWN = 5
CONSOLE_NAME = "Вы"  # the console chat's user: "Здравствуйте, Вы!" reads oddly
BOT_DESCRIPTION = (
    "Дайджест телеграм-каналов губернаторов: кто возглавил делегацию, куда и когда поехал, что "
    "подписали, какие компании участвовали и кто что сказал. Карточки миссий, компании, "
    "цитаты и ежедневный дайджест в удобное вам время. Нажмите «Старт»."
)
BOT_SHORT_DESCRIPTION = "Миссии, компании и цитаты из каналов губернаторов; ежедневный дайджест."
FALLBACK = "Я понимаю команды. Список — в /help. Можно и просто переслать мне пост из канала."
NO_POSTS = (
    "Публикаций пока нет: бот ещё не получил посты каналов. Загляните чуть позже — "
    "данные обновляются автоматически."
)
NO_MISSIONS = "В публикациях пока нет ни одной миссии или визита. Загляните позже или /digest."
CONSOLE_ERROR = "Не получилось обработать это сообщение (подробности в журнале). Продолжаем."
STALE_BUTTON = "Эта кнопка устарела. Откройте команду заново: /help"
MISSION_GONE = "Эта миссия больше не найдена: кэш обновился. Откройте /mission заново."
TOO_FAST = "Слишком много команд подряд. Подождите пару секунд — и я снова отвечу."
