"""Reading post files and Telegram Desktop exports into ``RawPost`` objects.

Supported: ``.txt``/``.md`` (first non-empty line is the title), ``.json`` post files
(``{"text", "date"?, "url"?, "channel"?, "author"?, "title"?}`` or a list of them) and
Telegram Desktop channel exports (``result.json`` with ``messages``). A bad file is reported
with its name and reason and skipped; it never stops the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from govdigest.sources.models import RawPost, RejectedFile
from govdigest.sources.text import normalize_text, split_title, strip_navigation

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
MAX_FILE_BYTES = 50 * 1024 * 1024
CHANNEL_EXPORT_TYPES = frozenset({"public_channel", "private_channel"})


class BadFile(Exception):
    """A file that cannot be read as posts; the message is the reason shown to the user."""


@dataclass
class ReadResult:
    posts: list[RawPost] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)
    files: int = 0


def read_paths(paths: Iterable[str | Path]) -> ReadResult:
    """Read files and folders (recursively, hidden entries skipped)."""
    result = ReadResult()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                _read_into(result, file)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                result.rejected.append(
                    RejectedFile(str(path), "unsupported file type (use .txt, .md or .json)")
                )
                continue
            _read_into(result, path)
        else:
            result.rejected.append(RejectedFile(str(path), "no such file or folder"))
    return result


def _walk(root: Path) -> Iterator[Path]:
    for file in sorted(root.rglob("*")):
        rel = file.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if file.is_file() and file.suffix.lower() in SUPPORTED_SUFFIXES:
            yield file


def _read_into(result: ReadResult, file: Path) -> None:
    result.files += 1
    try:
        result.posts.extend(read_file(file, source_id=file_identity(file)))
    except BadFile as exc:
        result.rejected.append(RejectedFile(str(file), str(exc)))


def file_identity(file: Path) -> str:
    """A file post's id: its path relative to the working directory, else absolute.

    Relative to the folder that was scanned would be shorter, but two folders both holding
    ``result.json`` (every Telegram Desktop export is called that) would then overwrite each
    other, and ingesting a folder or its parent would give one post two ids.
    """
    resolved = file.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def read_file(file: Path, *, source_id: str | None = None) -> list[RawPost]:
    """All posts in one file, or ``BadFile`` with a reason."""
    sid = source_id or file.name
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise BadFile(f"too large ({size} bytes; limit {MAX_FILE_BYTES})")
    try:
        raw = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadFile(f"not UTF-8 text (bad byte at offset {exc.start})") from exc
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise BadFile("empty file")
    if file.suffix.lower() in JSON_SUFFIXES:
        return _read_json(raw, sid)
    return [_text_post(raw, sid)]


def _text_post(raw: str, sid: str) -> RawPost:
    text = normalize_text(raw)
    if not text:
        raise BadFile("no text after removing interface residue")
    title, text = split_title(text)
    return RawPost(source="file", source_id=sid, text=text, title=title)


def _read_json(raw: str, sid: str) -> list[RawPost]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadFile(f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return _read_export(data, sid)
    items = data if isinstance(data, list) else [data]
    posts = []
    for index, item in enumerate(items):
        item_sid = sid if len(items) == 1 else f"{sid}#{index}"
        posts.append(_json_post(item, item_sid))
    if not posts:
        raise BadFile("no posts in the JSON file")
    return posts


def _json_post(item: Any, sid: str) -> RawPost:
    if not isinstance(item, dict):
        raise BadFile("expected a JSON object with a 'text' field")
    text_value = item.get("text")
    if not isinstance(text_value, str | list):
        raise BadFile("missing 'text' field (a string)")
    text = normalize_text(flatten_export_text(text_value))
    if not text:
        raise BadFile("the 'text' field is empty")
    title = item.get("title") if isinstance(item.get("title"), str) else None
    if title is None:
        title, text = split_title(text)
    return RawPost(
        source="file",
        source_id=sid,
        text=text,
        title=title,
        published=_parse_when(item.get("date")),
        url=_str_or_none(item.get("url")),
        channel=_str_or_none(item.get("channel")),
        author=_str_or_none(item.get("author")),
    )


def _read_export(data: dict[str, Any], sid: str) -> list[RawPost]:
    channel = _str_or_none(data.get("name"))
    username = _str_or_none(data.get("username"))
    channel_id = data.get("id") if data.get("type") in CHANNEL_EXPORT_TYPES else None
    posts = []
    for message in data["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        text = normalize_text(flatten_export_text(message.get("text", "")))
        if not text:
            continue  # photos of an album without a caption, stickers, polls
        msg_id = message.get("id")
        title, text = split_title(text)
        published = _parse_unix(message.get("date_unixtime")) or _parse_when(message.get("date"))
        # A channel's messages are keyed like live channel posts (Bot API chat id -100…), so
        # an export and the posts the bot saw in that channel are the same posts, not twins.
        keyed_by_channel = isinstance(channel_id, int) and isinstance(msg_id, int)
        posts.append(
            RawPost(
                source="channel" if keyed_by_channel else "export",
                source_id=f"-100{channel_id}:{msg_id}" if keyed_by_channel else f"{sid}#{msg_id}",
                location=f"{sid}#{msg_id}",
                text=text,
                title=title,
                published=published,
                url=f"https://t.me/{username}/{msg_id}" if username and msg_id else None,
                channel=channel,
                # A channel export's "from" is the channel itself; only a signature is an author.
                author=_str_or_none(message.get("author"))
                or (None if keyed_by_channel else _str_or_none(message.get("from"))),
                username=username if keyed_by_channel else None,
            )
        )
    if not posts and not data["messages"]:
        raise BadFile("the export has no messages")
    return posts


# Entity types of a Desktop export that are navigation when a line holds nothing else.
EXPORT_LINK_LIKE = frozenset({"hashtag", "cashtag", "mention", "link", "email"})
EXPORT_TAGS = frozenset({"hashtag", "cashtag"})


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


def _parse_when(value: Any) -> datetime | None:
    """ISO date or datetime; a naive one is taken as UTC (exports carry no zone)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), time(), tzinfo=UTC)
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
