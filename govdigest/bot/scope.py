"""What a reader sees by default (the channels and regions they follow, everything if none)
and which channels' posts the bot accepts."""

from __future__ import annotations

from govdigest.config import Settings
from govdigest.sources.regions import region_key
from govdigest.storage import Repos
from govdigest.storage.follows import PostScope


async def reader_scope(repos: Repos, chat_id: int) -> PostScope | None:
    """None when the chat follows nothing: answers then cover every channel and region."""
    return await repos.follows.scope(chat_id, region_key)


async def allowed_channels(settings: Settings, repos: Repos) -> frozenset[str]:
    """The channel allow-list: ``CHANNELS`` plus the telegram sources (they are configured
    channels too). Empty ``CHANNELS`` still means every channel."""
    if not settings.channels:
        return frozenset()
    return settings.channels | await repos.sources.usernames()


async def listed_channels(settings: Settings, repos: Repos) -> frozenset[str]:
    """Channels whose own posts are read: ``CHANNELS`` plus the telegram sources (configured
    channels too). Any other channel is read only with ``ACCEPT_ALL_CHANNELS``."""
    return settings.channels | await repos.sources.usernames()
