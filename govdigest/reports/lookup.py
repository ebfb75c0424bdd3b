"""What an inline query (``@bot <query>``) offers: mission cards and quotes that match.

This is the one place the inline answer asks "what matches?": a case- and ё-insensitive
substring match over the cached cards and quotes, each query word without its case ending
("Пермь" finds "Пермский край", as ``/mission Пермь`` does). It deliberately matches what the
result shows (the card, the quote), not the whole post as ``/search`` does: an inline query
arrives with every keystroke, and a result whose visible text lacks the words would puzzle.
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


async def find_cards_and_quotes(repos: Repos, query: str, *, limit: int = INLINE_LIMIT) -> Found:
    """Newest first; an empty query gives the latest cards and quotes.

    Matching runs over one plain string per mission and per quote (no extraction is decoded
    for it): an inline query arrives with every keystroke.
    """
    stems = stem_words(query)
    if not stems:
        cards = await repos.cache.missions(limit=limit)
        quote_ids = [q for q, _ in (await repos.exports.quote_texts())[:limit]]
        return Found(tuple(cards), tuple(await repos.exports.quotes_by_id(quote_ids)))
    post_ids = _first_matching(await repos.exports.mission_texts(), stems, limit)
    found_cards = [await repos.cache.mission_of_post(post_id) for post_id in post_ids]
    quote_ids = _first_matching(await repos.exports.quote_texts(), stems, limit)
    return Found(
        tuple(card for card in found_cards if card is not None),
        tuple(await repos.exports.quotes_by_id(quote_ids)),
    )


def _first_matching(texts: list[tuple[int, str]], stems: list[str], limit: int) -> list[int]:
    found = []
    for key, text in texts:
        haystack = search_key(text)
        if all(stem in haystack for stem in stems):
            found.append(key)
            if len(found) == limit:
                break
    return found
