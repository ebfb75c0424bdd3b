"""Telegram Desktop channel exports (``result.json`` with ``messages``) into ``RawPost``s.

A channel's messages are keyed like live channel posts, and their text is read as the bot
reads a live post's, so an exported post and the same post seen in the channel are one post.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from govdigest.sources.models import RawPost
from govdigest.sources.text import normalize_text, split_title, strip_navigation
from govdigest.sources.validation import BadFile, parse_when, str_or_none, title_line, validated

CHANNEL_EXPORT_TYPES = frozenset({"public_channel", "private_channel"})
# Entity types of a Desktop export that are navigation when a line holds nothing else.
EXPORT_LINK_LIKE = frozenset({"hashtag", "cashtag", "mention", "link", "email"})
EXPORT_TAGS = frozenset({"hashtag", "cashtag"})


def read_export(data: dict[str, Any], sid: str, where: str) -> list[RawPost]:
    """The text messages of one export, validated; ``BadFile`` names the message at fault."""
    channel = str_or_none(data.get("name"))
    username = str_or_none(data.get("username"))
    channel_id = data.get("id") if data.get("type") in CHANNEL_EXPORT_TYPES else None
    if isinstance(channel_id, bool):
        channel_id = None
    posts: dict[str, RawPost] = {}
    for message in data["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        text = normalize_text(flatten_export_text(message.get("text", "")))
        if not text:
            continue  # photos of an album without a caption, stickers, polls
        msg_id = message.get("id")
        if isinstance(msg_id, bool) or not isinstance(msg_id, int | str):
            # No usable id: the text is the message's identity.
            msg_id = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        title, text = split_title(text)
        published = _parse_unix(message.get("date_unixtime")) or parse_when(message.get("date"))
        # A channel's messages are keyed like live channel posts (Bot API chat id -100…), so
        # an export and the posts the bot saw in that channel are the same posts, not twins.
        keyed_by_channel = isinstance(channel_id, int) and isinstance(msg_id, int)
        post = RawPost(
            source="channel" if keyed_by_channel else "export",
            source_id=f"-100{channel_id}:{msg_id}" if keyed_by_channel else f"{sid}#{msg_id}",
            location=f"{where}#{msg_id}",
            text=text,
            title=title_line(title),
            published=published,
            url=f"https://t.me/{username}/{msg_id}" if username and msg_id else None,
            channel=channel,
            # A channel export's "from" is the channel itself; only a signature is an author.
            author=str_or_none(message.get("author"))
            or (None if keyed_by_channel else str_or_none(message.get("from"))),
            username=username if keyed_by_channel else None,
        )
        try:
            post = validated(post)
        except BadFile as exc:
            raise BadFile(f"message {msg_id}: {exc}") from exc
        # A message id repeated in one export (an export stitched from two) is one post: the
        # later copy wins, instead of the two overwriting each other on every refresh.
        posts.pop(post.source_id, None)
        posts[post.source_id] = post
    if not posts and not data["messages"]:
        raise BadFile("the export has no messages")
    return list(posts.values())


def flatten_export_text(value: Any) -> str:
    """Telegram Desktop writes ``text`` as a string or a list of strings and entity objects.

    Entities are read as the bot reads a live post's (``strip_navigation``), so an exported
    post and the same post received from the channel are the same text.
    """
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts: list[str] = []
    link_spans: list[tuple[int, int]] = []
    tag_starts: list[int] = []
    pos = 0
    for piece in value:
        if isinstance(piece, str):
            text, kind = piece, None
        elif isinstance(piece, dict) and isinstance(piece.get("text"), str):
            text, kind = piece["text"], piece.get("type")
        else:
            continue
        if kind in EXPORT_LINK_LIKE:
            link_spans.append((pos, pos + len(text)))
        if kind in EXPORT_TAGS and text[:1] in {"#", "$"}:
            tag_starts.append(pos)
        parts.append(text)
        pos += len(text)
    return strip_navigation("".join(parts), link_spans, tag_starts)


def _parse_unix(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
