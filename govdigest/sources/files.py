"""Reading post files and Telegram Desktop exports into ``RawPost`` objects.

Supported: ``.txt``/``.md`` (first non-empty line is the title), ``.json`` post files
(``{"text", "date"?, "url"?, "channel"?, "author"?, "title"?}`` or a list of them) and
Telegram Desktop channel exports (``result.json`` with ``messages``, see ``desktop_export``).
A bad file is reported with its name and reason and skipped; it never stops the rest.

Every post is validated when it is read (``validation``). A file is the unit: either all its
posts are read or the file is rejected with a reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govdigest.sources.desktop_export import flatten_export_text, read_export
from govdigest.sources.models import RawPost, RejectedFile, printable
from govdigest.sources.text import normalize_text, split_title
from govdigest.sources.validation import (
    MAX_FIELD_CHARS,
    BadFile,
    check_unicode,
    parse_when,
    str_or_none,
    title_line,
    validated,
)

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES
# A post file holds one post (Telegram caps a post at 4096 characters); an export holds a
# channel's history, and json.loads needs about 30 times the file's size in memory.
MAX_POST_FILE_BYTES = 1024 * 1024
MAX_FILE_BYTES = 20 * 1024 * 1024


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
    check_unicode(raw, "the text")
    text = normalize_text(raw)
    if not text:
        raise BadFile("no text after removing interface residue")
    title, text = split_title(text)
    return validated(
        RawPost(source="file", source_id=sid, text=text, title=title_line(title), location=where)
    )


def _read_json(raw: str, sid: str, where: str) -> list[RawPost]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadFile(f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise BadFile("JSON nested too deeply") from exc
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return read_export(data, sid, where)
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
    title = str_or_none(item.get("title"))
    if title is None:
        first_line, text = split_title(text)
        title = title_line(first_line)
    return validated(
        RawPost(
            source="file",
            source_id=sid,
            text=text,
            title=title,
            published=parse_when(item.get("date")),
            url=str_or_none(item.get("url")),
            channel=str_or_none(item.get("channel")),
            author=str_or_none(item.get("author")),
            location=where,
        )
    )
