"""Wording of /follow, /unfollow, /following and of answers narrowed to what a reader follows."""

from __future__ import annotations

from collections.abc import Sequence

from govdigest.bot.texts.common import clip, esc
from govdigest.storage.follows import Follow

FOLLOW_USAGE = (
    "Укажите канал или регион: <code>/follow @username</code> или "
    "<code>/follow Челябинская область</code> (падеж любой: <code>/follow челябинской</code>)."
)
UNFOLLOW_USAGE = (
    "Укажите, от чего отписаться: <code>/unfollow @username</code>, "
    "<code>/unfollow Челябинская область</code> или <code>/unfollow все</code>."
)
FOLLOWED = (
    "Готово: {label} в ваших подписках. /mission, /companies, /quotes и дайджест — теперь по ним."
)
ALREADY = "{label} уже в ваших подписках."
UNKNOWN_REGION = (
    "Не знаю региона «{text}» ни у одного источника и ни в одной миссии. "
    "Источники и их регионы — /sources."
)
UNFOLLOWED = "{label} больше не в ваших подписках."
UNFOLLOWED_ALL = "Подписки сняты: показываю всё."
NOT_FOLLOWED = "На «{text}» вы не подписаны. Ваши подписки — /following."
NOTHING_FOLLOWED = (
    "Вы ни на что не подписаны, поэтому /mission, /companies, /quotes и дайджест показывают "
    "все каналы и регионы. Подписаться: /follow @канал или /follow регион."
)
EMPTY_IN_SCOPE = (
    "В каналах и регионах, на которые вы подписаны, этого пока нет. "
    "Подписки — /following; всё подряд — /unfollow все."
)
KIND = {"channel": "канал", "region": "регион"}
ALL_WORDS = frozenset({"все", "всё", "all"})


def followed(label: str) -> str:
    return FOLLOWED.format(label=esc(clip(label)))


def already(label: str) -> str:
    return ALREADY.format(label=esc(clip(label)))


def unknown_region(text: str) -> str:
    return UNKNOWN_REGION.format(text=esc(clip(text)))


def unfollowed(label: str) -> str:
    return UNFOLLOWED.format(label=esc(clip(label)))


def not_followed(text: str) -> str:
    return NOT_FOLLOWED.format(text=esc(clip(text)))


def following(follows: Sequence[Follow]) -> str:
    if not follows:
        return NOTHING_FOLLOWED
    lines = ["<b>Ваши подписки</b>"]
    lines += [f"• {KIND.get(f.kind, f.kind)}: {esc(clip(f.label))}" for f in follows]
    lines += [
        "",
        "/mission, /companies, /quotes и дайджест показывают только их. Отписаться: /unfollow.",
    ]
    return "\n".join(lines)
