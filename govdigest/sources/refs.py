"""Source references as people type them: ``@username``, ``t.me/username`` links, feed URLs.

A reference is parsed once into a :class:`SourceRef` whose ``key`` identifies the source in the
database: ``@username`` (lower case) for a channel, the URL for a feed, so that ``@Chel_Gov``,
``https://t.me/chel_gov`` and ``t.me/s/chel_gov`` are one source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

RemoteKind = Literal["telegram", "feed"]

# Telegram usernames: 5–32 characters, letters, digits and underscores, starting with a letter.
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
TELEGRAM_HOSTS = frozenset({"t.me", "telegram.me", "www.t.me", "www.telegram.me"})
# Paths of t.me that are not channels.
RESERVED = frozenset({"s", "c", "joinchat", "addstickers", "share", "proxy", "iv", "login"})


class BadSourceRef(ValueError):
    """The text is not a channel or a feed; the message says why (English, for logs)."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    kind: RemoteKind
    key: str  # "@username" lower case, or the feed URL
    username: str | None = None  # as typed, without "@"
    url: str | None = None  # feeds only

    @property
    def label(self) -> str:
        return f"@{self.username}" if self.username else self.url or self.key


def parse_source_ref(text: str) -> SourceRef:
    raw = text.strip().strip("<>")
    if not raw:
        raise BadSourceRef("empty source")
    if raw.startswith("@"):
        return _channel(raw[1:])
    lowered = raw.casefold()
    if lowered.startswith(("t.me/", "telegram.me/", "www.t.me/")):
        raw, lowered = "https://" + raw, "https://" + lowered
    if lowered.startswith(("http://", "https://")):
        parts = urlsplit(raw)
        host = (parts.hostname or "").casefold()
        if host in TELEGRAM_HOSTS:
            segments = [s for s in parts.path.split("/") if s]
            if segments and segments[0] == "s":
                segments = segments[1:]
            if not segments or segments[0].casefold() in RESERVED:
                raise BadSourceRef(f"not a public channel link: {raw}")
            return _channel(segments[0])
        if not host:
            raise BadSourceRef(f"no host in {raw}")
        return SourceRef(kind="feed", key=raw, url=raw)
    if USERNAME.match(raw):
        return _channel(raw)
    raise BadSourceRef(f"not a channel or a feed URL: {raw}")


def _channel(name: str) -> SourceRef:
    if not USERNAME.match(name):
        raise BadSourceRef(f"not a valid channel username: {name}")
    return SourceRef(kind="telegram", key="@" + name.casefold(), username=name)


def parse_source_list(value: str) -> list[SourceRef]:
    """``SOURCES``: comma- or whitespace-separated references; a bad one raises."""
    return [parse_source_ref(part) for part in re.split(r"[,\s]+", value) if part]
