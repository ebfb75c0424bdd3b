"""``test_subscriptions`` on PostgreSQL (see ``tests/bot/_on_postgres.py``)."""

from tests.bot._on_postgres import settings
from tests.bot.test_subscriptions import *  # noqa: F403

__all__ = ["settings"]
