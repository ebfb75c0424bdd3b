"""Bounds every post read from a file is checked against, and the readers of its loosely
typed fields.

Every post is validated when it is read, so that nothing downstream (the content hash,
storage, the renderers) meets text it cannot handle: sizes are bounded (``MAX_*`` below), dates
must lie in a plausible range, strings must be valid Unicode (JSON can spell a lone surrogate).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

from govdigest.sources.models import RawPost

log = logging.getLogger(__name__)

# Five times a Telegram post; the extractor reads at most MAX_ANALYSED_CHARS of it anyway.
MAX_TEXT_CHARS = 20_000
MAX_TITLE_CHARS = 300
# A longer link is dropped: no real post link is that long, and one that is cannot be kept
# whole in a 4096-character message.
MAX_URL_CHARS = 1024
MAX_FIELD_CHARS = 300  # channel and author names
MAX_ID_CHARS = 4096  # a post's id: a path from SEEDS_DIR and a message id
# Dates before Telegram or far ahead are typos or junk (year 1 overflows on conversion to UTC).
MIN_YEAR, MAX_YEAR = 2000, 2100


class BadFile(Exception):
    """A file that cannot be read as posts; the message is the reason shown to the user."""


def title_line(title: str | None) -> str | None:
    """A title taken from the first line of the text, cut to ``MAX_TITLE_CHARS`` at a word."""
    if title is None or len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] or title[: MAX_TITLE_CHARS - 1]
    return cut.rstrip(" ,.;:—-") + "…"


def check_unicode(value: str, what: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadFile(
            f"{what} is not valid Unicode (character U+{ord(value[exc.start]):04X} at {exc.start})"
        ) from exc


def validated(post: RawPost) -> RawPost:
    """The post if every field is within bounds; an over-long link is dropped; else BadFile."""
    fields = {
        "the id": post.source_id,
        "the text": post.text,
        "the title": post.title,
        "the link": post.url,
        "the channel": post.channel,
        "the author": post.author,
    }
    for what, value in fields.items():
        if value is not None:
            check_unicode(value, what)
    if len(post.source_id) > MAX_ID_CHARS:
        raise BadFile(f"id too long ({len(post.source_id)} characters; limit {MAX_ID_CHARS})")
    if len(post.text) > MAX_TEXT_CHARS:
        raise BadFile(f"text too long ({len(post.text)} characters; limit {MAX_TEXT_CHARS})")
    if post.title is not None and len(post.title) > MAX_TITLE_CHARS:
        raise BadFile(f"title too long ({len(post.title)} characters; limit {MAX_TITLE_CHARS})")
    for what, value in (("channel", post.channel), ("author", post.author)):
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise BadFile(f"{what} too long ({len(value)} characters; limit {MAX_FIELD_CHARS})")
    if post.published is not None and not MIN_YEAR <= post.published.year <= MAX_YEAR:
        raise BadFile(f"date out of range ({post.published.date()}; {MIN_YEAR}–{MAX_YEAR})")
    if post.published is not None:
        try:
            post.published.astimezone(UTC)
        except OverflowError as exc:
            raise BadFile(f"date out of range ({post.published.isoformat()})") from exc
    if post.url is not None and len(post.url) > MAX_URL_CHARS:
        log.info("dropped a %d-character link of %s", len(post.url), post.location)
        post = replace(post, url=None)
    return post


def parse_when(value: Any) -> datetime | None:
    """ISO date or datetime; a naive one is taken as UTC (exports carry no zone)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), time(), tzinfo=UTC)
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
