"""Inline mode: ``@bot <query>`` in any chat offers mission cards and quotes to drop into it."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)

from govdigest.bot.reader import reader_zone
from govdigest.bot.texts import cards
from govdigest.bot.texts import reports as texts
from govdigest.bot.texts.common import clip, esc
from govdigest.config import Settings
from govdigest.extraction.models import Quote
from govdigest.reports.lookup import find_cards_and_quotes
from govdigest.storage import Repos
from govdigest.storage.cache import MissionCard
from govdigest.storage.exports import QuoteRow

# Seconds Telegram may reuse an answer: short, the cache is refreshed every half hour at most.
INLINE_CACHE_SECONDS = 60
QUERY_CHARS = 256  # Telegram's own limit on an inline query
TITLE_CHARS = 64
DESCRIPTION_CHARS = 120
QUOTE_CHARS = 2500


def card_result(card: MissionCard, tz: tzinfo) -> InlineQueryResultArticle:
    m = card.mission
    published = card.post.published_at
    when = cards.mission_date(m, published, tz)
    return InlineQueryResultArticle(
        id=f"m{card.post.post_id}",
        title=clip(
            texts.INLINE_MISSION_TITLE.format(
                who=m.leader or m.delegation_region or texts.INLINE_UNKNOWN,
                where=m.destination or texts.INLINE_UNKNOWN,
            ),
            TITLE_CHARS,
        ),
        description=clip(
            texts.INLINE_SEPARATOR.join(part for part in (when, m.event) if part),
            DESCRIPTION_CHARS,
        ),
        input_message_content=InputTextMessageContent(
            message_text=cards.mission_card(card, index=0, total=1, tz=tz)
        ),
    )


def quote_result(row: QuoteRow, tz: tzinfo) -> InlineQueryResultArticle:
    quote_html = cards.quote_block(_quote(row))
    return InlineQueryResultArticle(
        id=f"q{row.quote_id}",
        title=clip(
            texts.INLINE_QUOTE_TITLE.format(speaker=row.speaker or texts.INLINE_SOMEONE),
            TITLE_CHARS,
        ),
        description=clip(row.text, DESCRIPTION_CHARS),
        input_message_content=InputTextMessageContent(
            message_text=f"{quote_html}\n\n{cards.source_line(row.post.ref, tz)}"
        ),
    )


def _quote(row: QuoteRow) -> Quote:
    return Quote(
        speaker=row.speaker,
        speaker_role=row.speaker_role,
        # A message holds 4096 characters; a quote that long is clipped, its post linked.
        text=clip(row.text, QUOTE_CHARS),
        kind="indirect" if row.kind == "indirect" else "direct",
    )


async def on_inline_query(inline_query: InlineQuery, repos: Repos, settings: Settings) -> None:
    query = inline_query.query[:QUERY_CHARS]
    tz = await reader_zone(repos, settings, inline_query.from_user.id)
    found = await find_cards_and_quotes(repos, query)
    results: list[InlineQueryResultUnion] = [card_result(c, tz) for c in found.cards]
    results += [quote_result(q, tz) for q in found.quotes]
    if not results:
        results.append(
            InlineQueryResultArticle(
                id="none",
                title=texts.INLINE_NOTHING_TITLE,
                description=texts.INLINE_NOTHING_DESCRIPTION,
                input_message_content=InputTextMessageContent(
                    message_text=texts.INLINE_NOTHING_TEXT.format(query=esc(clip(query)))
                ),
            )
        )
    # The answer is the same for everyone (the cache is shared): not personal.
    await inline_query.answer(results, cache_time=INLINE_CACHE_SECONDS, is_personal=False)


def create_router() -> Router:
    router = Router(name=__name__)
    router.inline_query.register(on_inline_query)
    return router
