"""The extraction cache: what each post's extraction says, kept in tables the answers read.

``repo`` writes and reads it (``CacheRepo``, its quote queries in ``quotes``), ``models`` is
what the reads return, ``keys`` how text is matched (case, ё and case endings folded).
"""

from govdigest.storage.cache.keys import company_key, search_key, stem_words
from govdigest.storage.cache.models import (
    REF_COLUMNS,
    CompanyCount,
    DigestItem,
    Freshness,
    MissionCard,
    PostRef,
    QuoteEntry,
    Speaker,
    post_ref,
    quote_entry,
)
from govdigest.storage.cache.repo import CacheRepo

__all__ = [
    "REF_COLUMNS",
    "CacheRepo",
    "CompanyCount",
    "DigestItem",
    "Freshness",
    "MissionCard",
    "PostRef",
    "QuoteEntry",
    "Speaker",
    "company_key",
    "post_ref",
    "quote_entry",
    "search_key",
    "stem_words",
]
