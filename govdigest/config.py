"""Settings from the environment and ``.env`` (pydantic-settings), created once at start-up."""

from __future__ import annotations

import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


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
    seeds_dir: str = "seeds"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    channels: Annotated[frozenset[str], NoDecode] = frozenset()
    refresh_interval_minutes: int = Field(default=30, ge=1, le=24 * 60)
    digest_default_time: str = "09:00"
    digest_default_tz: str = "Asia/Yekaterinburg"
    digest_send_empty: bool = False
    rate_limit_global: float = Field(default=30.0, gt=0)
    rate_limit_per_chat: float = Field(default=1.0, gt=0)
    # Messages that may go to one chat at once before RATE_LIMIT_PER_CHAT spaces them.
    rate_limit_chat_burst: int = Field(default=3, ge=1, le=20)
    rate_limit_group_per_minute: float = Field(default=20.0, gt=0)
    # A digest claim belongs to a running instance: it beats every INSTANCE_HEARTBEAT_SECONDS,
    # and the claims of one silent for INSTANCE_LEASE_SECONDS are free for another.
    instance_heartbeat_seconds: float = Field(default=15.0, gt=0)
    instance_lease_seconds: float = Field(default=60.0, gt=0)
    throttle_rate: float = Field(default=3.0, gt=0)
    log_level: str = "INFO"

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
        return value

    @field_validator("telegram_api_base")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("log_level")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()
