"""What an inline query (``@bot <query>``) offers: mission cards and quotes that match.

This is the one place the inline answer asks "what matches?": today a case- and ё-insensitive
substring over the cached cards and quotes. When the archive search (FTS over the posts) is
merged, point :func:`find_cards_and_quotes` at it; the inline handler does not change.
"""

from __future__ import annotations

from dataclasses import dataclass

from govdigest.storage import Repos
from govdigest.storage.cache import MissionCard, search_key
from govdigest.storage.exports import QuoteRow

INLINE_LIMIT = 10  # of each kind; Telegram takes up to 50 results per answer


@dataclass(frozen=True, slots=True)
class Found:
    cards: tuple[MissionCard, ...]
    quotes: tuple[QuoteRow, ...]


def card_text(card: MissionCard) -> str:
    m = card.mission
    fields = [
        m.leader,
        m.leader_role,
        m.delegation_region,
        m.destination,
        m.event,
        card.post.channel,
        card.post.title,
        *m.agreements,
        *m.directions,
        *(c.name for c in card.companies),
    ]
    return search_key(" ".join(f for f in fields if f))


def quote_text(row: QuoteRow) -> str:
    fields = (row.speaker, row.speaker_role, row.text)
    return search_key(" ".join(f for f in fields if f))


async def find_cards_and_quotes(repos: Repos, query: str, *, limit: int = INLINE_LIMIT) -> Found:
    """Newest first; an empty query gives the latest cards and quotes."""
    key = search_key(query)
    if not key:
        cards = await repos.cache.missions(limit=limit)
        quotes = (await repos.exports.quotes())[:limit]
        return Found(tuple(cards), tuple(quotes))
    matching_cards = [c for c in await repos.cache.missions(limit=-1) if key in card_text(c)]
    matching_quotes = [q for q in await repos.exports.quotes() if key in quote_text(q)]
    return Found(tuple(matching_cards[:limit]), tuple(matching_quotes[:limit]))
