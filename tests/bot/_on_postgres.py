"""Re-running a bot test module on PostgreSQL: import its tests and this ``settings`` fixture.

``from tests.bot.test_x import *`` brings the module's tests and fixtures into a
``test_x_on_postgres.py``; with ``settings`` from here beside them, every one of them runs on a
fresh database on the test server (``pg_url``) instead of a SQLite file.
"""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from govdigest.config import Settings


@pytest.fixture
def settings(settings: Settings, pg_url: str) -> Settings:
    settings.database_url = SecretStr(pg_url)
    return settings
