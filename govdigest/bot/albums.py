"""Albums: Telegram delivers a media group as one update per item, only one with the caption.

``AlbumCollector.collect`` lets the first item of a group wait briefly for the others and
hands the whole group to it; the later items return ``None`` and their updates end there. The
buffer is in memory and short-lived by design: an album's items arrive within a second, and a
restart in between loses nothing that the user cannot forward again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from aiogram.types import Message

# Telegram sends an album's items back to back; a quiet second means the group is complete.
ALBUM_WAIT_SECONDS = 1.0
# A stream of items cannot keep the first one waiting for ever.
ALBUM_MAX_WAIT_SECONDS = 5.0


class AlbumCollector:
    def __init__(
        self, wait: float = ALBUM_WAIT_SECONDS, max_wait: float = ALBUM_MAX_WAIT_SECONDS
    ) -> None:
        self._wait = wait
        self._max_wait = max_wait
        self._groups: dict[tuple[int, str], list[Message]] = {}

    @property
    def pending(self) -> int:
        return len(self._groups)

    async def collect(self, message: Message) -> Sequence[Message] | None:
        """The whole group for its first item, ``None`` for the others; a lone message as is."""
        if message.media_group_id is None:
            return (message,)
        key = (message.chat.id, message.media_group_id)
        group = self._groups.get(key)
        if group is not None:
            group.append(message)
            return None
        group = self._groups[key] = [message]
        try:
            seen, waited = 0, 0.0
            # Wait until a whole interval passes without a new item (or the cap is reached).
            while len(group) != seen and waited < self._max_wait:
                seen = len(group)
                await asyncio.sleep(self._wait)
                waited += self._wait
        finally:
            del self._groups[key]
        return sorted(group, key=lambda m: m.message_id)
