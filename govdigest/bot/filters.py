"""Audience filters attached to parent routers in ``handlers.get_routers``."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message

from govdigest.config import Settings


class IsAdmin(Filter):
    """The sender is one of ``ADMIN_IDS`` (an anonymous group admin or a channel is not)."""

    async def __call__(self, event: Message | CallbackQuery, settings: Settings) -> bool:
        user = event.from_user
        return user is not None and user.id in settings.admin_ids
