"""Telegram messages → ``RawPost``: channel posts and forwarded channel posts.

A channel post and a forward of it must become the *same* post (same source, same source id,
same content hash), so that an admin's forward of a post the bot already saw in the channel is
"unchanged" rather than a duplicate. Both therefore go through ``_channel_post`` with the
channel's identity: chat id, message id, title, username, original date and signature.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from aiogram.enums import MessageEntityType
from aiogram.types import Chat, Message, MessageEntity, MessageOriginChannel

from govdigest.sources.models import RawPost
from govdigest.sources.text import normalize_text, split_title, strip_navigation

# Link-like entities. A line made of nothing else ("#Губернатор #Область", "👉 @region_gov",
# a bare URL) is channel navigation, not content, and would only feed the extractor noise.
_LINK_LIKE: frozenset[str] = frozenset(
    t.value
    for t in (
        MessageEntityType.HASHTAG,
        MessageEntityType.CASHTAG,
        MessageEntityType.MENTION,
        MessageEntityType.URL,
        MessageEntityType.EMAIL,
    )
)
# An inline tag reads as its word: "на форуме #Иннопром" → "на форуме Иннопром".
_TAG_SIGNS: dict[str, str] = {
    MessageEntityType.HASHTAG.value: "#",
    MessageEntityType.CASHTAG.value: "$",
}


def message_text(message: Message) -> tuple[str, list[MessageEntity]]:
    """The text or, for media, the caption, with its entities."""
    if message.text is not None:
        return message.text, list(message.entities or [])
    if message.caption is not None:
        return message.caption, list(message.caption_entities or [])
    return "", []


def _utf16_starts(text: str) -> list[int]:
    """UTF-16 offset of every character, plus the total length at the end.

    Telegram counts entity offsets in UTF-16 code units: a character outside the BMP (most
    emoji, every flag half) counts twice, so Python indices drift after the first emoji.
    """
    starts, pos = [], 0
    for ch in text:
        starts.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    starts.append(pos)
    return starts


def _span(starts: list[int], entity: MessageEntity) -> tuple[int, int]:
    # An offset inside a surrogate pair (a malformed entity) snaps to the next character.
    start = bisect_left(starts, entity.offset)
    stop = bisect_left(starts, entity.offset + entity.length)
    return min(start, len(starts) - 1), min(stop, len(starts) - 1)


def plain_text(text: str, entities: Sequence[MessageEntity]) -> str:
    """The text as a reader sees it, for the extractor.

    Formatting (bold, italic, spoilers, quotes, custom emoji) is already plain in ``text``;
    a ``text_link``'s URL is not part of the text and stays out. Only link-like entities
    change the text: navigation lines made of them are dropped, inline tags lose their sign.
    """
    if not entities:
        return text
    starts = _utf16_starts(text)
    link_spans: list[tuple[int, int]] = []
    tag_starts: list[int] = []
    for entity in entities:
        start, stop = _span(starts, entity)
        if entity.type in _LINK_LIKE:
            link_spans.append((start, stop))
        sign = _TAG_SIGNS.get(entity.type)
        if sign and start < stop and text[start] == sign:
            tag_starts.append(start)
    return strip_navigation(text, link_spans, tag_starts)


def channel_url(chat: Chat, message_id: int) -> str | None:
    """Public channels only: a private channel's ``t.me/c/`` link works for members alone."""
    return f"https://t.me/{chat.username}/{message_id}" if chat.username else None


def channel_listed(chat: Chat, listed: frozenset[str]) -> bool:
    """The channel is in an allow-list of usernames (any case, no @) or numeric chat ids."""
    if chat.username and chat.username.casefold() in listed:
        return True
    return str(chat.id) in listed


def channel_allowed(chat: Chat, allowed: frozenset[str]) -> bool:
    """For an admin's forward: CHANNELS when set, else any channel (the admin chose it)."""
    return not allowed or channel_listed(chat, allowed)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class _Origin:
    chat: Chat
    message_id: int
    date: datetime
    author: str | None


def _title_and_body(text: str, entities: Sequence[MessageEntity]) -> tuple[str | None, str] | None:
    """What the extractor reads of a message, with its title line; None when nothing is left."""
    body = normalize_text(plain_text(text, entities))
    return split_title(body) if body else None


def _channel_post(origin: _Origin, text: str, entities: Sequence[MessageEntity]) -> RawPost | None:
    content = _title_and_body(text, entities)
    if content is None:
        return None
    title, body = content
    return RawPost(
        source="channel",
        source_id=f"{origin.chat.id}:{origin.message_id}",
        text=body,
        title=title,
        published=_aware(origin.date),
        url=channel_url(origin.chat, origin.message_id),
        channel=origin.chat.title
        or (f"@{origin.chat.username}" if origin.chat.username else None),
        author=origin.author,
        username=origin.chat.username,
    )


def post_from_channel_message(message: Message) -> RawPost | None:
    """A ``channel_post``/``edited_channel_post``; None when it has no text (album items)."""
    text, entities = message_text(message)
    origin = _Origin(message.chat, message.message_id, message.date, message.author_signature)
    return _channel_post(origin, text, entities)


def forward_origin_channel(message: Message) -> MessageOriginChannel | None:
    origin = message.forward_origin
    return origin if isinstance(origin, MessageOriginChannel) else None


def text_message(messages: Sequence[Message]) -> Message | None:
    """The album item that carries the text (usually only one has a caption)."""
    ordered = sorted(messages, key=lambda m: m.message_id)
    return next((m for m in ordered if message_text(m)[0].strip()), None)


def post_from_forward(message: Message) -> RawPost | None:
    """A forwarded message as a post: the original channel's identity when it has one.

    Forwards of anything but a channel post (a user's message, a group's) keep a local
    identity, ``forward`` + chat and message id; they are analysed, never stored.
    """
    text, entities = message_text(message)
    origin = forward_origin_channel(message)
    if origin is not None:
        return _channel_post(
            _Origin(origin.chat, origin.message_id, origin.date, origin.author_signature),
            text,
            entities,
        )
    content = _title_and_body(text, entities)
    if content is None:
        return None
    title, body = content
    return RawPost(
        source="forward",
        source_id=f"{message.chat.id}:{message.message_id}",
        text=body,
        title=title,
        published=_aware(message.forward_origin.date if message.forward_origin else message.date),
    )
