"""What the cache's queries return (frozen dataclasses), and the SQL pieces that select it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from govdigest.extraction.models import Company, Extraction, Mission, Quote
from govdigest.storage.db import Row
from govdigest.storage.follows import PostScope
from govdigest.storage.organisations import Organisation
from govdigest.timeutil import from_db


@dataclass(frozen=True, slots=True)
class PostRef:
    """Where a cached fact came from, for 'source post' lines and links."""

    post_id: int
    title: str | None
    url: str | None
    channel: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class MissionCard:
    post: PostRef
    mission: Mission
    companies: tuple[Company, ...]


CompanyCount = Organisation


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker known to the cache; ``quote_id`` is one of their quotes (a short handle)."""

    name: str
    quotes: int
    quote_id: int


@dataclass(frozen=True, slots=True)
class Freshness:
    """What the cache follows and how fresh it is, for the greeting."""

    channels: tuple[str, ...]
    posts: int
    newest_post: datetime | None
    last_refresh: datetime | None


@dataclass(frozen=True, slots=True)
class QuoteEntry:
    post: PostRef
    quote: Quote


@dataclass(frozen=True, slots=True)
class DigestItem:
    post: PostRef
    created_at: datetime
    extraction: Extraction
    # When the post's first extraction was saved: the digest window is over this instant.
    ready_at: datetime | None = None


# The columns of a post reference over alias ``p``; the dossiers read the same references.
REF_COLUMNS = "p.id AS post_id, p.title, p.url, p.channel, p.published_at"


def post_ref(row: Row) -> PostRef:
    return PostRef(
        post_id=row["post_id"],
        title=row["title"],
        url=row["url"],
        channel=row["channel"],
        published_at=from_db(row["published_at"]),
    )


def quote_entry(row: Row) -> QuoteEntry:
    """A quote row selected with ``REF_COLUMNS`` and q.speaker, speaker_role, text, kind."""
    return QuoteEntry(
        post=post_ref(row),
        quote=Quote(
            speaker=row["speaker"],
            speaker_role=row["speaker_role"],
            text=row["text"],
            kind="indirect" if row["kind"] == "indirect" else "direct",
        ),
    )


def scope_where(scope: PostScope | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause over alias ``p`` for the scope, or nothing."""
    if scope is None:
        return "", ()
    condition, params = scope.sql("p")
    return f"WHERE {condition}", params
