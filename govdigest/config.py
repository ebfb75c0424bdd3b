"""Settings from the environment and ``.env`` (pydantic-settings), created once at start-up."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from govdigest.sources.refs import BadSourceRef, parse_source_list
from govdigest.timeutil import is_portable_zone

_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
# Bot API setWebhook: secret_token is 1-256 characters of A-Z, a-z, 0-9, _ and -.
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# Ports Telegram delivers webhooks to.
WEBHOOK_PORTS = (443, 80, 88, 8443)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        # `BOT_TOKEN=` as copied from .env.example means "no token" (the console chat), not an
        # empty token that would send the bot polling the real API with garbage.
        env_ignore_empty=True,
    )

    bot_token: SecretStr | None = None
    telegram_api_base: str = "https://api.telegram.org"
    database_path: str = "data/govdigest.sqlite3"
    # postgresql://user:password@host:port/dbname: PostgreSQL instead of the SQLite file.
    database_url: SecretStr | None = None
    seeds_dir: str = "seeds"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    channels: Annotated[frozenset[str], NoDecode] = frozenset()
    # Off: only CHANNELS are read. On: any channel that makes the bot an administrator.
    accept_all_channels: bool = False
    refresh_interval_minutes: int = Field(default=30, ge=1, le=24 * 60)
    digest_default_time: str = "09:00"
    digest_default_tz: str = "Asia/Yekaterinburg"
    digest_send_empty: bool = False
    # A tiny rate would make every send wait minutes (0.001/s: 1000 s between two messages);
    # Telegram's own 429s (retry_after is honoured) limit a rate set too high.
    rate_limit_global: float = Field(default=30.0, ge=1)
    rate_limit_per_chat: float = Field(default=1.0, ge=0.05)
    throttle_rate: float = Field(default=3.0, ge=0.1)
    # Messages that may go to one chat at once before RATE_LIMIT_PER_CHAT spaces them.
    rate_limit_chat_burst: int = Field(default=3, ge=1, le=20)
    rate_limit_group_per_minute: float = Field(default=20.0, gt=0)
    # A digest claim belongs to a running instance: it beats every INSTANCE_HEARTBEAT_SECONDS,
    # and the claims of one silent for INSTANCE_LEASE_SECONDS are free for another.
    instance_heartbeat_seconds: float = Field(default=15.0, gt=0)
    instance_lease_seconds: float = Field(default=60.0, gt=0)
    log_level: str = "INFO"
    # Remote sources added at start-up: "@username", "t.me/username" links, feed URLs.
    sources: Annotated[tuple[str, ...], NoDecode] = ()
    telegram_preview_base: str = "https://t.me"
    backfill_posts: int = Field(default=50, ge=1, le=1000)

    # Webhook mode: Telegram POSTs updates to WEBHOOK_URL (public HTTPS, usually a reverse
    # proxy terminating TLS) which forwards to WEBHOOK_LISTEN; without it, long polling.
    webhook_url: str | None = None
    # Out of repr altogether: not even its name next to the masked value in a log line.
    webhook_secret: SecretStr | None = Field(default=None, repr=False)
    webhook_listen: str = "127.0.0.1:8080"

    @property
    def webhook_address(self) -> tuple[str, int]:
        """WEBHOOK_LISTEN as (host, port); an IPv6 host without its brackets."""
        host, port = _split_host_port(self.webhook_listen)
        return host, port

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in re.split(r"[,\s]+", value) if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("channels", mode="before")
    @classmethod
    def _split_channels(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(
                part.lstrip("@").casefold() for part in re.split(r"[,\s]+", value) if part
            )
        return value

    @field_validator("sources", mode="before")
    @classmethod
    def _split_sources(cls, value: object) -> object:
        if isinstance(value, str):
            # Checked here so that a typo stops the start with the reason, not a silent skip.
            try:
                parse_source_list(value)
            except BadSourceRef as exc:
                raise ValueError(str(exc)) from exc
            return tuple(part for part in re.split(r"[,\s]+", value) if part)
        return value

    @field_validator("digest_default_time")
    @classmethod
    def _check_time(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError("expected HH:MM, e.g. 09:00")
        return value

    @field_validator("digest_default_tz")
    @classmethod
    def _check_tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone: {value}") from exc
        if not is_portable_zone(value):
            raise ValueError(f"{value} depends on the host; give a place, e.g. Europe/Moscow")
        return value

    @field_validator("telegram_api_base", "telegram_preview_base")
    @classmethod
    def _check_api_base(cls, value: str) -> str:
        """An http(s) URL with a host and a valid port, checked before any request is made:
        aiohttp's errors for a bad one quote the request URL, token included."""
        value = value.strip().rstrip("/")
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018  # raises ValueError for a port out of range
        except ValueError as exc:
            raise ValueError("expected a URL like https://api.telegram.org") from exc
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError("expected a URL like https://api.telegram.org (http or https)")
        if parts.query or parts.fragment:
            raise ValueError("expected a URL without a query or fragment")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        url = value.get_secret_value().strip()
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018  # raises ValueError for a port out of range
        except ValueError as exc:
            raise ValueError(
                "expected a URL like postgresql://govdigest@localhost/govdigest"
            ) from exc
        if parts.scheme not in {"postgresql", "postgres"} or not parts.path.strip("/"):
            raise ValueError(
                "expected a URL like postgresql://govdigest@localhost/govdigest "
                "(postgresql://, with a database name)"
            )
        return SecretStr(url)

    @property
    def database_target(self) -> str:
        """What ``Database.open`` takes: the PostgreSQL URL when set, else the SQLite path."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return self.database_path

    @field_validator("log_level")
    @classmethod
    def _check_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        try:
            parts = urlsplit(value)
            port = parts.port or 443
        except ValueError as exc:
            raise ValueError("expected a URL like https://bot.example.org/telegram") from exc
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError(
                "Telegram delivers webhooks over HTTPS only: expected a URL like "
                "https://bot.example.org/telegram"
            )
        if parts.fragment or parts.username or parts.password:
            raise ValueError("expected a URL without a fragment or credentials")
        if port not in WEBHOOK_PORTS:
            ports = ", ".join(str(p) for p in WEBHOOK_PORTS)
            raise ValueError(f"Telegram delivers webhooks to ports {ports} only, not {port}")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # The value is never quoted back: it is a secret.
        if value is not None and not _WEBHOOK_SECRET.match(value.get_secret_value()):
            raise ValueError(
                "expected 1 to 256 characters A-Z, a-z, 0-9, _ and - "
                "(e.g. the output of `openssl rand -hex 32`)"
            )
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _check_webhook_listen(cls, value: str) -> str:
        value = value.strip()
        _split_host_port(value)
        return value

    @model_validator(mode="after")
    def _check_webhook(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError(
                "WEBHOOK_URL needs WEBHOOK_SECRET: without it anyone who finds the URL could "
                "post updates to the bot"
            )
        return self


def _split_host_port(value: str) -> tuple[str, int]:
    """``host:port`` or ``[v6]:port``; a clear error for anything else."""
    example = "expected host:port, e.g. 127.0.0.1:8080 or [::1]:8080"
    host, sep, port_text = value.rpartition(":")
    if not sep or not host or not port_text.isdigit():
        raise ValueError(example)
    if host.startswith("["):
        if not host.endswith("]") or len(host) < 3:
            raise ValueError(example)
        host = host[1:-1]
    elif ":" in host:
        raise ValueError(example + " (an IPv6 address goes in brackets)")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise ValueError(f"port {port} out of range 1-65535")
    return host, port
