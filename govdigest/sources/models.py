"""What a source yields before storage: one raw post."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SourceKind = Literal["file", "export", "channel", "forward", "feed"]


@dataclass(frozen=True, slots=True)
class RawPost:
    """A post as read from a file, an export or an update, text already normalised.

    ``source``+``source_id`` identify it across re-ingestion: a file's path relative to its root,
    ``<export path>#<message id>`` for a Telegram Desktop export, ``<channel id>:<message id>``
    for channel posts, forwards and web-preview posts (``@<username>:<message id>`` while the
    channel's numeric id is unknown), ``<feed URL>#<entry id>`` for a feed entry.
    """

    source: SourceKind
    source_id: str
    text: str
    title: str | None = None
    published: datetime | None = None  # timezone-aware
    url: str | None = None
    channel: str | None = None
    author: str | None = None
    # Where it was read ("path#message id" for an export), when that differs from source_id.
    location: str | None = None
    # Ids this post was stored under by earlier versions (a file's path from the working
    # directory), so that an existing database renames the post instead of storing it twice.
    former_ids: tuple[str, ...] = ()
    # A public channel's username, when known: storage learns from it that the username and
    # the numeric id in ``source_id`` are one channel. Not part of the content.
    username: str | None = None

    @property
    def content_hash(self) -> str:
        payload = "\x1f".join(
            (
                self.text,
                self.title or "",
                self.published.isoformat() if self.published else "",
                self.url or "",
                self.channel or "",
                self.author or "",
            )
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def printable(text: str) -> str:
    """Text that can be stored and sent: lone surrogates (a file name that is not UTF-8, a
    ``\\ud800`` escape in JSON) written as ``\\udc80`` instead of failing later."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True, slots=True)
class RejectedFile:
    """A file (or a post) that was not stored, and why; both always printable."""

    path: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "reason", printable(self.reason))
