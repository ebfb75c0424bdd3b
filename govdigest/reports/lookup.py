"""What an inline query (``@bot <query>``) offers: mission cards and quotes that match.

This is the one place the inline answer asks "what matches?": today a case- and ё-insensitive
substring match over the cached cards and quotes, each query word without its case ending
("Пермь" finds "Пермский край", as ``/mission Пермь`` does). When the archive search (FTS over
the posts) is merged, point :func:`find_cards_and_quotes` at it; the inline handler stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from govdigest.storage import Repos
from govdigest.storage.cache import MissionCard, search_key, stem_words
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
    stems = stem_words(query)
    if not stems:
        cards = await repos.cache.missions(limit=limit)
        quotes = (await repos.exports.quotes())[:limit]
        return Found(tuple(cards), tuple(quotes))
    matching_cards = [
        c for c in await repos.cache.missions(limit=-1) if _has_all(card_text(c), stems)
    ]
    matching_quotes = [q for q in await repos.exports.quotes() if _has_all(quote_text(q), stems)]
    return Found(tuple(matching_cards[:limit]), tuple(matching_quotes[:limit]))


def _has_all(haystack: str, stems: list[str]) -> bool:
    return all(stem in haystack for stem in stems)
