"""What the shim adds for files and inline mode, which ``telegram-test-api`` 4.2.1 lacks.

* ``sendDocument`` / ``sendPhoto`` arrive as multipart uploads. The shim keeps each file part
  as an :class:`UploadedFile` (field, file name, content type, bytes) in the recorded call's
  params, checks it as Telegram would (sizes, a photo must be a PNG or JPEG of sane
  dimensions, captions of at most 1024 characters in valid HTML) and answers with a
  Telegram-shaped ``Message`` carrying ``document`` or ``photo``. The caption (or the file name)
  is also posted to the emulator as a plain message, so that the emulator gives the message
  its id and the test user's chat shows it.
* Inline mode: the emulator cannot deliver ``inline_query`` updates, so the shim injects them
  (:meth:`BotApiShim.inject_update`) and answers ``answerInlineQuery`` itself, after checking
  the answer as Telegram would (a known query answered once, at most 50 results with unique ids
  of at most 64 bytes, each article with a title and a valid message text).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # bots may upload documents up to 50 MB
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_SIDES = 10_000  # width + height
MAX_PHOTO_RATIO = 20
MAX_CAPTION_UTF16 = 1024
MAX_INLINE_RESULTS = 50
MAX_RESULT_ID_BYTES = 64


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart request, as the bot sent it."""

    field: str
    filename: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def file_id(self) -> str:
        return "e2e-" + hashlib.sha256(self.data).hexdigest()[:32]

    def __repr__(self) -> str:  # recorded calls are printed in diagnostics: no raw bytes
        return f"UploadedFile({self.field!r}, {self.filename!r}, {self.size} bytes)"


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG (its IHDR) or a JPEG (its first SOF marker); None otherwise."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        at = 2
        while at + 9 < len(data):
            if data[at] != 0xFF:
                return None
            marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[at + 5 : at + 9])
                return int(width), int(height)
            at += 2 + length
    return None


def check_upload(kind: str, upload: Any) -> str | None:
    """Telegram's refusal for this file, or None."""
    if not isinstance(upload, UploadedFile):
        # A file_id or a URL: the emulator stores no files, so none can be reused.
        return "Bad Request: wrong file identifier/HTTP URL specified"
    if upload.size == 0:
        return "Bad Request: file must be non-empty"
    if kind == "document":
        return None if upload.size <= MAX_DOCUMENT_BYTES else "Request Entity Too Large"
    if upload.size > MAX_PHOTO_BYTES:
        return "Bad Request: PHOTO_SAVE_FILE_INVALID"
    size = image_size(upload.data)
    if size is None:
        return "Bad Request: IMAGE_PROCESS_FAILED"
    width, height = size
    if width + height > MAX_PHOTO_SIDES or max(width, height) > MAX_PHOTO_RATIO * min(
        width, height
    ):
        return "Bad Request: PHOTO_INVALID_DIMENSIONS"
    return None


def media_fields(kind: str, upload: UploadedFile) -> dict[str, Any]:
    """The ``document`` or ``photo`` of the Message Telegram returns."""
    unique = upload.file_id[-16:]
    if kind == "document":
        return {
            "document": {
                "file_id": upload.file_id,
                "file_unique_id": unique,
                "file_name": upload.filename,
                "mime_type": upload.content_type or "application/octet-stream",
                "file_size": upload.size,
            }
        }
    width, height = image_size(upload.data) or (0, 0)
    return {
        "photo": [
            {
                "file_id": upload.file_id,
                "file_unique_id": unique,
                "width": width,
                "height": height,
                "file_size": upload.size,
            }
        ]
    }


def check_inline_answer(params: Mapping[str, Any], check_text: Any) -> str | None:
    """Telegram's refusal for this answerInlineQuery, or None (``check_text`` validates a
    message text as sendMessage would)."""
    results = params.get("results")
    if not isinstance(results, list):
        return "Bad Request: can't parse inline query results JSON object"
    if len(results) > MAX_INLINE_RESULTS:
        return "Bad Request: RESULTS_TOO_MUCH"
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, Mapping):
            return "Bad Request: can't parse inline query result"
        result_id = str(result.get("id", ""))
        if not result_id or len(result_id.encode("utf-8")) > MAX_RESULT_ID_BYTES:
            return "Bad Request: RESULT_ID_INVALID"
        if result_id in seen:
            return "Bad Request: RESULT_ID_DUPLICATE"
        seen.add(result_id)
        if result.get("type") == "article":
            if not result.get("title"):
                return "Bad Request: RESULT_TITLE_EMPTY"
            content = result.get("input_message_content")
            if not isinstance(content, Mapping):
                return "Bad Request: can't parse input message content"
            problem = check_text(content.get("message_text"), content.get("parse_mode"))
            if problem:
                return problem
    return None
