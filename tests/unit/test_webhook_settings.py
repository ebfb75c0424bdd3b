"""WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_LISTEN: refused at start with the reason, the secret
never echoed back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govdigest.config import Settings
from tests.conftest import SETTING_ENV_NAMES

GOOD_SECRET = "Abc_123-xyz"


def _settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "field", "reason"),
    [
        ({"webhook_url": "http://bot.example.org/tg"}, "webhook_url", "HTTPS only"),
        ({"webhook_url": "bot.example.org/tg"}, "webhook_url", "HTTPS only"),
        ({"webhook_url": "https:///tg"}, "webhook_url", "HTTPS only"),
        ({"webhook_url": "https://bot.example.org:8080/tg"}, "webhook_url", "ports 443, 80"),
        ({"webhook_url": "https://bot.example.org:99999/"}, "webhook_url", "https://"),
        ({"webhook_url": "https://u:p@bot.example.org/"}, "webhook_url", "credentials"),
        ({"webhook_url": "https://bot.example.org/tg"}, "webhook_secret", "needs WEBHOOK_SECRET"),
        ({"webhook_secret": "has space"}, "webhook_secret", "1 to 256 characters"),
        ({"webhook_secret": "секрет"}, "webhook_secret", "1 to 256 characters"),
        ({"webhook_secret": "a" * 257}, "webhook_secret", "1 to 256 characters"),
        ({"webhook_secret": "semi;colon"}, "webhook_secret", "1 to 256 characters"),
        ({"webhook_listen": "8080"}, "webhook_listen", "host:port"),
        ({"webhook_listen": "127.0.0.1:"}, "webhook_listen", "host:port"),
        ({"webhook_listen": "127.0.0.1:70000"}, "webhook_listen", "out of range"),
        ({"webhook_listen": "::1:8080"}, "webhook_listen", "in brackets"),
        ({"webhook_listen": "[::1:8080"}, "webhook_listen", "host:port"),
    ],
)
def test_bad_webhook_settings_are_refused_with_the_reason(
    values: dict[str, str], field: str, reason: str
) -> None:
    with pytest.raises(ValueError) as refused:
        _settings(**values)
    text = str(refused.value)
    assert reason in text
    assert field in text or field.upper() in text


@pytest.mark.parametrize(
    ("url", "secret", "listen", "address"),
    [
        ("https://bot.example.org/tg/updates", GOOD_SECRET, "127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("https://bot.example.org:8443/", "x", "0.0.0.0:9000", ("0.0.0.0", 9000)),
        ("https://bot.example.org:88/h?k=v", "-" * 256, "[::1]:8081", ("::1", 8081)),
        ("https://bot.example.org", "_", "localhost:1", ("localhost", 1)),
    ],
)
def test_good_webhook_settings_are_kept(
    url: str, secret: str, listen: str, address: tuple[str, int]
) -> None:
    settings = _settings(webhook_url=url, webhook_secret=secret, webhook_listen=listen)
    assert settings.webhook_url == url
    assert settings.webhook_secret is not None
    assert settings.webhook_secret.get_secret_value() == secret
    assert settings.webhook_address == address
    if len(secret) > 3:  # a one-letter secret is in any text
        assert secret not in repr(settings)
    assert "webhook_secret" not in repr(settings)


def test_without_webhook_url_the_bot_polls() -> None:
    settings = _settings()
    assert settings.webhook_url is None and settings.webhook_secret is None


@pytest.mark.slow  # a Python process importing the bot
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WEBHOOK_URL": "https://bot.example.org/tg", "WEBHOOK_SECRET": "bad secret!"}, "1 to"),
        ({"WEBHOOK_URL": "http://bot.example.org/tg", "WEBHOOK_SECRET": "ok_Secret"}, "HTTPS"),
    ],
)
def test_govdigest_run_stops_with_one_clear_line_and_no_secret(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    script = Path(sys.executable).parent / "govdigest"
    clean = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_ENV_NAMES}
    clean.update(env, BOT_TOKEN="123:TOKENVALUE", DATABASE_PATH=str(tmp_path / "db.sqlite3"))
    done = subprocess.run(
        [str(script), "run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "invalid settings" in done.stderr and expected in done.stderr
    assert env["WEBHOOK_SECRET"] not in done.stderr + done.stdout
    assert "TOKENVALUE" not in done.stderr + done.stdout
