"""``test_search_dossiers`` on PostgreSQL (see ``tests/bot/_on_postgres.py``)."""

from tests.bot._on_postgres import settings
from tests.bot.test_search_dossiers import *  # noqa: F403

__all__ = ["settings"]
