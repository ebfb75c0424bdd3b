"""Reading post files and Telegram Desktop exports into ``RawPost`` objects.

Supported: ``.txt``/``.md`` (first non-empty line is the title), ``.json`` post files
(``{"text", "date"?, "url"?, "channel"?, "author"?, "title"?}`` or a list of them) and
Telegram Desktop channel exports (``result.json`` with ``messages``). A bad file is reported
with its name and reason and skipped; it never stops the rest.

Every post is validated here, when it is read, so that nothing downstream (the content hash,
storage, the renderers) meets text it cannot handle: sizes are bounded (``MAX_*`` below), dates
must lie in a plausible range, strings must be valid Unicode (JSON can spell a lone surrogate).
A file is the unit: either all its posts are read or the file is rejected with a reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from govdigest.sources.models import RawPost, RejectedFile, printable
from govdigest.sources.text import normalize_text, split_title, strip_navigation

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
# A post file holds one post (Telegram caps a post at 4096 characters); an export holds a
# channel's history, and json.loads needs about 30 times the file's size in memory.
MAX_POST_FILE_BYTES = 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024
# Five times a Telegram post; the extractor reads at most MAX_ANALYSED_CHARS of it anyway.
MAX_TEXT_CHARS = 20_000
MAX_TITLE_CHARS = 300
# A longer link is dropped: no real post link is that long, and one that is cannot be kept
# whole in a 4096-character message.
MAX_URL_CHARS = 1024
MAX_FIELD_CHARS = 300  # channel and author names
MAX_ID_CHARS = 4096  # a post's id: a path from SEEDS_DIR and a message id
# Dates before Telegram or far ahead are typos or junk (year 1 overflows on conversion to UTC).
MIN_YEAR, MAX_YEAR = 2000, 2100
CHANNEL_EXPORT_TYPES = frozenset({"public_channel", "private_channel"})


class BadFile(Exception):
    """A file that cannot be read as posts; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class FilePosts:
    """The posts of one file: stored together or not at all."""

    path: str
    posts: tuple[RawPost, ...]


@dataclass
class ReadResult:
    batches: list[FilePosts] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)
    files: int = 0

    @property
    def posts(self) -> list[RawPost]:
        return [post for batch in self.batches for post in batch.posts]


def read_paths(paths: Iterable[str | Path], *, root: str | Path | None = None) -> ReadResult:
    """Read files and folders (recursively, hidden entries skipped).

    ``root`` is the folder post ids are relative to (``SEEDS_DIR``), see ``file_identity``.
    """
    result = ReadResult()
    root_path = Path(root) if root is not None else None
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                for file in _walk(path):
                    _read_into(result, file, root_path)
            elif path.is_file():
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    result.rejected.append(
                        RejectedFile(str(path), "unsupported file type (use .txt, .md or .json)")
                    )
                    continue
                _read_into(result, path, root_path)
            else:
                result.rejected.append(RejectedFile(str(path), "no such file or folder"))
        except OSError as exc:  # a folder that vanished or cannot be listed
            result.rejected.append(RejectedFile(str(path), f"cannot read: {exc.strerror or exc}"))
    return result


def _walk(root: Path) -> Iterator[Path]:
    for file in sorted(root.rglob("*")):
        rel = file.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if file.is_file() and file.suffix.lower() in SUPPORTED_SUFFIXES:
            yield file


def _read_into(result: ReadResult, file: Path, root: Path | None) -> None:
    result.files += 1
    try:
        posts = read_file(file, source_id=file_identity(file, root), location=display_path(file))
    except BadFile as exc:
        result.rejected.append(RejectedFile(str(file), str(exc)))
    except Exception as exc:
        # A reader bug must cost one file, not the refresh: the file is named, the bug logged.
        log.exception("reading %s failed", file)
        result.rejected.append(RejectedFile(str(file), f"cannot read: {type(exc).__name__}"))
    else:
        result.batches.append(FilePosts(str(file), tuple(_with_former_ids(posts))))


def _with_former_ids(posts: list[RawPost]) -> Iterator[RawPost]:
    # Until version 10 a file post's id was where it was read from the working directory.
    for post in posts:
        if post.source != "channel" and post.location and post.location != post.source_id:
            post = replace(post, former_ids=(post.location,))
        yield post


def file_identity(file: Path, root: Path | None = None) -> str:
    """A file post's id: its path relative to ``root`` (``SEEDS_DIR``), else absolute.

    Neither depends on the working directory, so ingesting the same folder from two places
    gives the same ids. Relative to ``root`` rather than to the folder scanned: two folders
    both holding ``result.json`` (every Telegram Desktop export is called that) must not
    overwrite each other, and ingesting a folder or its parent must not give a post two ids.
    """
    resolved = file.resolve()
    if root is not None:
        try:
            return printable(resolved.relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return printable(resolved.as_posix())


def display_path(file: Path) -> str:
    """Where a file is, for people: relative to the working directory, else absolute."""
    resolved = file.resolve()
    try:
        return printable(resolved.relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return printable(resolved.as_posix())


def read_file(
    file: Path, *, source_id: str | None = None, location: str | None = None
) -> list[RawPost]:
    """All posts in one file, validated, or ``BadFile`` with a reason."""
    sid = source_id or file.name
    where = location or sid
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror or exc}") from exc
    is_json = file.suffix.lower() in JSON_SUFFIXES
    limit = MAX_FILE_BYTES if is_json else MAX_POST_FILE_BYTES
    if size > limit:
        raise BadFile(f"too large ({size} bytes; limit {limit})")
    try:
        with file.open("rb") as stream:
            data = stream.read(limit + 1)  # a file that grew since stat() is still bounded
        if len(data) > limit:
            raise BadFile(f"too large (over {limit} bytes)")
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadFile(f"not UTF-8 text (bad byte at offset {exc.start})") from exc
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise BadFile("empty file")
    if is_json:
        return _read_json(raw, sid, where)
    return [_text_post(raw, sid, where)]


def _text_post(raw: str, sid: str, where: str) -> RawPost:
    _check_unicode(raw, "the text")
    text = normalize_text(raw)
    if not text:
        raise BadFile("no text after removing interface residue")
    title, text = split_title(text)
    return validated(
        RawPost(source="file", source_id=sid, text=text, title=_title_line(title), location=where)
    )


def _read_json(raw: str, sid: str, where: str) -> list[RawPost]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadFile(f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise BadFile("JSON nested too deeply") from exc
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return _read_export(data, sid, where)
    if isinstance(data, list):
        posts: dict[str, RawPost] = {}
        for index, item in enumerate(data):
            try:
                post = _json_post(item, sid, where)
            except BadFile as exc:
                raise BadFile(f"item {index}: {exc}") from exc
            # Keyed by the item's own id or content, never by its position: deleting one
            # item of a list must not shift the others onto each other's posts.
            key = f"{sid}#{_item_key(item, post)}"
            posts[key] = replace(post, source_id=key, location=f"{where}#{index}")
        if not posts:
            raise BadFile("no posts in the JSON file")
        return list(posts.values())
    return [_json_post(data, sid, where)]


def _item_key(item: dict[str, Any], post: RawPost) -> str:
    """A list item's id: its ``id`` field, else its link, else a digest of its text."""
    own = item.get("id")
    if isinstance(own, str) and own.strip() and len(own) <= MAX_FIELD_CHARS:
        return own.strip()
    if isinstance(own, int) and not isinstance(own, bool):
        return str(own)
    if post.url:
        return post.url
    return hashlib.sha256(post.text.encode("utf-8")).hexdigest()[:16]


def _json_post(item: Any, sid: str, where: str) -> RawPost:
    if not isinstance(item, dict):
        raise BadFile("expected a JSON object with a 'text' field")
    text_value = item.get("text")
    if not isinstance(text_value, str | list):
        raise BadFile("missing 'text' field (a string)")
    text = normalize_text(flatten_export_text(text_value))
    if not text:
        raise BadFile("the 'text' field is empty")
    title = _str_or_none(item.get("title"))
    if title is None:
        first_line, text = split_title(text)
        title = _title_line(first_line)
    return validated(
        RawPost(
            source="file",
            source_id=sid,
            text=text,
            title=title,
            published=_parse_when(item.get("date")),
            url=_str_or_none(item.get("url")),
            channel=_str_or_none(item.get("channel")),
            author=_str_or_none(item.get("author")),
            location=where,
        )
    )


def _read_export(data: dict[str, Any], sid: str, where: str) -> list[RawPost]:
    channel = _str_or_none(data.get("name"))
    username = _str_or_none(data.get("username"))
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
        published = _parse_unix(message.get("date_unixtime")) or _parse_when(message.get("date"))
        # A channel's messages are keyed like live channel posts (Bot API chat id -100…), so
        # an export and the posts the bot saw in that channel are the same posts, not twins.
        keyed_by_channel = isinstance(channel_id, int) and isinstance(msg_id, int)
        post = RawPost(
            source="channel" if keyed_by_channel else "export",
            source_id=f"-100{channel_id}:{msg_id}" if keyed_by_channel else f"{sid}#{msg_id}",
            location=f"{where}#{msg_id}",
            text=text,
            title=_title_line(title),
            published=published,
            url=f"https://t.me/{username}/{msg_id}" if username and msg_id else None,
            channel=channel,
            # A channel export's "from" is the channel itself; only a signature is an author.
            author=_str_or_none(message.get("author"))
            or (None if keyed_by_channel else _str_or_none(message.get("from"))),
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


def _title_line(title: str | None) -> str | None:
    """A title taken from the first line of the text, cut to ``MAX_TITLE_CHARS`` at a word."""
    if title is None or len(title) <= MAX_TITLE_CHARS:
        return title
    cut = title[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] or title[: MAX_TITLE_CHARS - 1]
    return cut.rstrip(" ,.;:—-") + "…"


def _check_unicode(value: str, what: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadFile(
            f"{what} is not valid Unicode (character U+{ord(value[exc.start]):04X} at {exc.start})"
        ) from exc


def validated(post: RawPost) -> RawPost:
    """The post if every field is within bounds; an over-long link is dropped; else BadFile."""
    fields = {
        "the id": post.source_id,
        "the text": post.text,
        "the title": post.title,
        "the link": post.url,
        "the channel": post.channel,
        "the author": post.author,
    }
    for what, value in fields.items():
        if value is not None:
            _check_unicode(value, what)
    if len(post.source_id) > MAX_ID_CHARS:
        raise BadFile(f"id too long ({len(post.source_id)} characters; limit {MAX_ID_CHARS})")
    if len(post.text) > MAX_TEXT_CHARS:
        raise BadFile(f"text too long ({len(post.text)} characters; limit {MAX_TEXT_CHARS})")
    if post.title is not None and len(post.title) > MAX_TITLE_CHARS:
        raise BadFile(f"title too long ({len(post.title)} characters; limit {MAX_TITLE_CHARS})")
    for what, value in (("channel", post.channel), ("author", post.author)):
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise BadFile(f"{what} too long ({len(value)} characters; limit {MAX_FIELD_CHARS})")
    if post.published is not None and not MIN_YEAR <= post.published.year <= MAX_YEAR:
        raise BadFile(f"date out of range ({post.published.date()}; {MIN_YEAR}–{MAX_YEAR})")
    if post.published is not None:
        try:
            post.published.astimezone(UTC)
        except OverflowError as exc:
            raise BadFile(f"date out of range ({post.published.isoformat()})") from exc
    if post.url is not None and len(post.url) > MAX_URL_CHARS:
        log.info("dropped a %d-character link of %s", len(post.url), post.location)
        post = replace(post, url=None)
    return post


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
