"""Wording of the answer to a forwarded post: its mission card, companies and quotes."""

from __future__ import annotations

from datetime import UTC, tzinfo

from govdigest.bot.texts.cards import mission_lines, quote_block, source_line
from govdigest.bot.texts.common import esc
from govdigest.extraction.models import Extraction
from govdigest.sources.models import RawPost
from govdigest.storage.cache import PostRef

QUOTES_SHOWN = 10

NO_TEXT = (
    "В пересланном сообщении нет текста — разбирать нечего. "
    "Перешлите пост с текстом или с подписью к фото."
)
FAILED = "Не получилось разобрать этот пост. Попробуйте позже или перешлите другой."
NOTHING_FOUND = "Миссии, компаний и цитат в этом посте не нашлось."

STORED_NEW = (
    "Пост сохранён в общий кэш: он появится в /mission, /companies, /quotes и в дайджестах."
)
STORED_UPDATED = "Этот пост уже был в кэше — обновил его текст и разбор."
STORED_UNCHANGED = "Этот пост уже есть в кэше."
NOT_STORED_NOT_CHANNEL = "В общий кэш не сохранено: это пересылка не из канала."
NOT_STORED_NOT_ALLOWED = "В общий кэш не сохранено: этого канала нет в списке CHANNELS."

STORED_NOTES = {"new": STORED_NEW, "updated": STORED_UPDATED, "unchanged": STORED_UNCHANGED}


def _header(post: RawPost) -> str:
    if post.channel:
        return f"<b>Разбор поста</b> · {esc(post.channel)}"
    return "<b>Разбор пересланного сообщения</b>"


def forward_card(
    post: RawPost,
    extraction: Extraction,
    *,
    post_id: int = 0,
    note: str | None = None,
    tz: tzinfo = UTC,
) -> str:
    lines = [_header(post)]
    if not extraction.mission.is_empty:
        # The companies are listed in full below, so the card does not point to /companies.
        mission = mission_lines(extraction.mission, (), published=post.published, tz=tz)
        lines += ["", "<b>Миссия</b>", *mission]
    if extraction.companies:
        lines += ["", f"<b>Компании</b> ({len(extraction.companies)})"]
        lines += [f"{i}. {esc(c.name)}" for i, c in enumerate(extraction.companies, start=1)]
    if extraction.quotes:
        lines += ["", "<b>Цитаты</b>"]
        for quote in extraction.quotes[:QUOTES_SHOWN]:
            lines += ["", quote_block(quote)]
        if len(extraction.quotes) > QUOTES_SHOWN:
            lines += ["", f"… и ещё {len(extraction.quotes) - QUOTES_SHOWN}"]
    if extraction.mission.is_empty and not extraction.companies and not extraction.quotes:
        lines += ["", NOTHING_FOUND]
    ref = PostRef(
        post_id=post_id,
        title=post.title,
        url=post.url,
        channel=post.channel,
        published_at=post.published,
    )
    lines += ["", source_line(ref, tz)]
    if note:
        lines += ["", f"<i>{esc(note)}</i>"]
    return "\n".join(lines)
