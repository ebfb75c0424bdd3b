"""Settings: what the environment and .env mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdigest.config import Settings


def test_an_empty_token_as_in_env_example_means_no_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    example = Path(__file__).resolve().parents[2] / ".env.example"
    (tmp_path / ".env").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings()
    assert settings.bot_token is None
    assert settings.digest_default_tz == "Asia/Yekaterinburg"


def test_lists_and_token_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:secret")
    monkeypatch.setenv("ADMIN_IDS", "7, 8 9")
    monkeypatch.setenv("CHANNELS", "@Zarechny_Gov,-1001")
    settings = Settings(_env_file=None)
    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == "123:secret"
    assert "secret" not in repr(settings)
    assert settings.admin_ids == frozenset({7, 8, 9})
    assert settings.channels == frozenset({"zarechny_gov", "-1001"})


@pytest.mark.parametrize(
    ("name", "value"),
    [("DIGEST_DEFAULT_TIME", "25:99"), ("DIGEST_DEFAULT_TZ", "Mars/Olympus")],
)
def test_bad_defaults_are_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name.lower()):
        Settings(_env_file=None)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RATE_LIMIT_PER_CHAT", "0.001"),  # one message in 1000 s: every send waits minutes
        ("RATE_LIMIT_PER_CHAT", "0"),
        ("RATE_LIMIT_GLOBAL", "0.5"),
        ("THROTTLE_RATE", "0.0001"),
        ("LOG_LEVEL", "verbose"),
        ("LOG_LEVEL", "5"),
        ("DIGEST_DEFAULT_TZ", "localtime"),  # whatever the host is set to
        ("DIGEST_DEFAULT_TZ", "Factory"),
        ("DIGEST_DEFAULT_TIME", "０９:００"),  # full-width digits
        ("TELEGRAM_API_BASE", "127.0.0.1:9"),
        ("TELEGRAM_API_BASE", "http://127.0.0.1:99999"),
        ("TELEGRAM_API_BASE", "ftp://127.0.0.1/"),
        ("TELEGRAM_API_BASE", "https://"),
        ("DATABASE_URL", "mysql://govdigest@localhost/govdigest"),
        ("DATABASE_URL", "data/govdigest.sqlite3"),  # a path belongs in DATABASE_PATH
        ("DATABASE_URL", "postgresql://govdigest@localhost"),  # no database name
        ("DATABASE_URL", "postgresql://govdigest@localhost:99999/govdigest"),
    ],
)
def test_settings_that_would_misbehave_later_are_refused_at_start(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name.lower()):
        Settings(_env_file=None)


def test_sane_settings_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("TELEGRAM_API_BASE", "http://127.0.0.1:8081/")
    monkeypatch.setenv("RATE_LIMIT_PER_CHAT", "0.5")
    settings = Settings(_env_file=None)
    assert settings.log_level == "DEBUG"
    assert settings.telegram_api_base == "http://127.0.0.1:8081"
    assert settings.rate_limit_per_chat == 0.5
    assert settings.channels == frozenset() and settings.accept_all_channels is False


@pytest.mark.parametrize(
    ("env", "target"),
    [
        ({}, "data/govdigest.sqlite3"),
        ({"DATABASE_PATH": "/srv/gd.sqlite3"}, "/srv/gd.sqlite3"),
        ({"DATABASE_URL": ""}, "data/govdigest.sqlite3"),  # as copied from .env.example
        (
            {"DATABASE_URL": "postgresql://gd:pw@db:5432/gd", "DATABASE_PATH": "/srv/x"},
            "postgresql://gd:pw@db:5432/gd",
        ),
        ({"DATABASE_URL": " postgres://gd@db/gd "}, "postgres://gd@db/gd"),
    ],
)
def test_database_url_chooses_postgresql_over_the_sqlite_path(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], target: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_target == target
    assert "pw" not in repr(settings)
