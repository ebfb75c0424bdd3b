"""``test_sources_and_follows`` on PostgreSQL (see ``tests/bot/_on_postgres.py``)."""

from tests.bot._on_postgres import settings
from tests.bot.test_sources_and_follows import *  # noqa: F403

__all__ = ["settings"]
