"""The shim's stand-ins for files and inline mode refuse what Telegram refuses (no emulator
needed: these are the checks themselves)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from .shim import check_text
from .shim_media import UploadedFile, check_inline_answer, check_upload, image_size, media_fields


def picture(width: int, height: int, fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format=fmt)
    return buffer.getvalue()


def upload(data: bytes, name: str = "chart.png") -> UploadedFile:
    return UploadedFile("photo", name, "image/png", data)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_image_size_of_png_and_jpeg(fmt: str) -> None:
    assert image_size(picture(321, 123, fmt)) == (321, 123)


CASES = [
    ("photo", upload(picture(1200, 700, "PNG")), None),
    ("photo", upload(picture(2100, 100, "PNG")), "Bad Request: PHOTO_INVALID_DIMENSIONS"),
    ("photo", upload(b"not an image"), "Bad Request: IMAGE_PROCESS_FAILED"),
    ("photo", upload(b""), "Bad Request: file must be non-empty"),
    ("photo", "AgACAgIAAxkBAAI", "Bad Request: wrong file identifier/HTTP URL specified"),
    ("document", upload(b"PK\x03\x04 zip", "a.zip"), None),
]


@pytest.mark.parametrize(("kind", "file", "problem"), CASES)
def test_uploads_checked_like_telegram(kind: str, file: Any, problem: str | None) -> None:
    assert check_upload(kind, file) == problem


def test_media_fields_describe_the_file() -> None:
    png = upload(picture(40, 30, "PNG"))
    assert media_fields("photo", png)["photo"][0] | {"file_id": ""} == {
        "file_id": "",
        "file_unique_id": png.file_id[-16:],
        "width": 40,
        "height": 30,
        "file_size": png.size,
    }
    doc = media_fields("document", UploadedFile("document", "x.xlsx", "", b"abc"))["document"]
    assert (doc["file_name"], doc["file_size"]) == ("x.xlsx", 3)


def article(result_id: str, text: str = "<b>Миссия</b>", title: str = "Т") -> dict[str, Any]:
    return {
        "type": "article",
        "id": result_id,
        "title": title,
        "input_message_content": {"message_text": text, "parse_mode": "HTML"},
    }


INLINE = [
    ([article("m1"), article("q1")], None),
    ([article("m1"), article("m1")], "Bad Request: RESULT_ID_DUPLICATE"),
    ([article("x" * 65)], "Bad Request: RESULT_ID_INVALID"),
    ([article(str(i)) for i in range(51)], "Bad Request: RESULTS_TOO_MUCH"),
    ([article("m1", title="")], "Bad Request: RESULT_TITLE_EMPTY"),
    ([article("m1", text="<b>открыт")], "can't parse entities"),
]


@pytest.mark.parametrize(("results", "problem"), INLINE)
def test_inline_answers_checked_like_telegram(
    results: list[dict[str, Any]], problem: str | None
) -> None:
    found = check_inline_answer({"results": results}, check_text)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found
