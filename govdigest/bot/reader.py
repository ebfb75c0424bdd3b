"""What the bot knows about the reader it answers: the time zone dates are shown in."""

from __future__ import annotations

from datetime import tzinfo

from govdigest.bot.digests.timezones import zone_info
from govdigest.config import Settings
from govdigest.storage import Repos


async def reader_zone(repos: Repos, settings: Settings, chat_id: int) -> tzinfo:
    """The subscriber's zone, else the bot's default: a post's date is its local date."""
    sub = await repos.subscribers.get(chat_id)
    key = sub.tz if sub is not None else settings.digest_default_tz
    try:
        return zone_info(key)
    except ValueError:
        return zone_info(settings.digest_default_tz)
