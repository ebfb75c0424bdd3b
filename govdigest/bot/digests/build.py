"""Building a digest: the posts made ready in a subscriber's window, rendered and split into
Telegram-sized messages (the scheduled run and the on-demand /digest alike)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from govdigest.bot.digests.splitting import split_html
from govdigest.bot.digests.timezones import zone_info
from govdigest.bot.texts.digest import DigestWindow, render_digest
from govdigest.storage import Repos
from govdigest.storage.cache import DigestItem
from govdigest.storage.follows import PostScope
from govdigest.storage.subscriptions import Subscriber

log = logging.getLogger(__name__)

FIRST_WINDOW = timedelta(hours=24)
# A digest lists posts published in its window; a post that arrives late (fetched after the
# window it was published in had been sent) still counts if published at most this long
# before the window. Older posts — the 2022 seed, a backfill of a new channel — are not news.
LATE_ARRIVAL = timedelta(hours=24)
MAX_ITEMS = 200


async def digest_window_items(
    repos: Repos,
    since: datetime,
    until: datetime,
    *,
    limit: int = MAX_ITEMS,
    scope: PostScope | None = None,
) -> tuple[list[DigestItem], datetime]:
    """Posts made ready in (since, until], at most ``limit`` of them, and where the window ends.

    With more than ``limit`` posts the window ends earlier, at a whole second (windows are
    stored to the second) up to which every post is included; the rest open the next window.
    Only if more than ``limit`` posts became ready within one second do they all go together.
    """
    published_after = since - LATE_ARRIVAL
    items = await repos.cache.digest_items(
        since, until, limit=limit + 1, published_after=published_after, scope=scope
    )
    if len(items) <= limit:
        return items, until
    beyond = _ready(items[limit])
    boundary = beyond.replace(microsecond=0)
    if boundary == beyond:
        boundary -= timedelta(seconds=1)
    included = [item for item in items[:limit] if _ready(item) <= boundary]
    if included:
        return included, boundary
    boundary += timedelta(seconds=1)
    everything = await repos.cache.digest_items(
        since, boundary, limit=None, published_after=published_after, scope=scope
    )
    return everything, boundary


def _ready(item: DigestItem) -> datetime:
    assert item.ready_at is not None  # digest_items always sets it
    return item.ready_at


async def build_digest(
    repos: Repos,
    sub: Subscriber | None,
    until: datetime,
    tz: str,
    *,
    send_empty: bool,
    scope: PostScope | None = None,
) -> tuple[list[str], datetime]:
    """The digest of posts since the subscriber's previous one (else 24 h), as message parts,
    and the end of the window it covers (``until``, or earlier if there were too many posts).
    """
    last = sub.last_digest_at if sub else None
    since = last or until - FIRST_WINDOW
    items, until = await digest_window_items(repos, since, until, scope=scope)
    if not items and not send_empty:
        return [], until
    zone = zone_info(tz)
    window = DigestWindow(since.astimezone(zone), until.astimezone(zone), first=last is None)
    try:
        return split_html(render_digest(items, window)), until
    except ValueError:
        # One post that cannot be split into messages must not block everyone's digest (the
        # window would never move past it): leave it out and say so in the log.
        items = [item for item in items if _renderable(item, window)]
        return split_html(render_digest(items, window)), until


def _renderable(item: DigestItem, window: DigestWindow) -> bool:
    try:
        split_html(render_digest([item], window))
    except ValueError:
        log.warning(
            "post %s left out of a digest: it cannot be split into messages", item.post.post_id
        )
        return False
    return True


async def build_parts(
    repos: Repos,
    sub: Subscriber | None,
    until: datetime,
    tz: str,
    *,
    send_empty: bool,
    scope: PostScope | None = None,
) -> list[str]:
    """``build_digest`` without the window end (the on-demand /digest)."""
    parts, _ = await build_digest(repos, sub, until, tz, send_empty=send_empty, scope=scope)
    return parts
