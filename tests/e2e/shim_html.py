"""Telegram's HTML subset as the Bot API checks and renders it, for the shim (``shim.py``).

The emulator accepts any text; Telegram rejects malformed HTML, empty text and text over 4096
characters. :func:`check_text` refuses what Telegram refuses and :func:`render_text` turns a
sent text into what the recipient sees (plain text plus entities, offsets in UTF-16 units).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

MAX_TEXT_UTF16 = 4096  # Telegram's limit for a message text after entity parsing.

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
# Telegram supports numeric character references and only these named ones.
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: how Telegram measures text and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


class _TelegramHtmlParser(HTMLParser):
    """Parses Telegram's HTML subset into plain text + entities and notes the first error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.units = 0
        self.stack: list[tuple[str, int, dict[str, str | None]]] = []
        self.entities: list[dict[str, Any]] = []
        self.problem: str | None = None

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self.units += utf16_len(text)

    def _fail(self, problem: str) -> None:
        if self.problem is None:
            self.problem = problem

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag not in _TAG_ENTITY or (tag == "span" and attributes.get("class") != "tg-spoiler"):
            self._fail(f'Unsupported start tag "{tag}"')
            return
        self.stack.append((tag, self.units, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._fail(f'Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            self._fail(f'Unexpected end tag "{tag}"')
            return
        open_tag, start, attributes = self.stack.pop()
        if open_tag != tag:
            self._fail(f'Unmatched end tag "{tag}", expected "</{open_tag}>"')
            return
        if self.units == start:
            return  # Telegram drops empty entities.
        entity: dict[str, Any] = {
            "type": _TAG_ENTITY[tag],
            "offset": start,
            "length": self.units - start,
        }
        if tag == "a":
            entity["url"] = attributes.get("href") or ""
        if tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        # html.parser passes a lone "<" through as data; Telegram refuses it.
        if "<" in data:
            self._fail('Unescaped "<": use &lt;')
        self._emit(data)

    def handle_entityref(self, name: str) -> None:
        # Unknown named entities are kept literally rather than guessed at.
        self._emit(_NAMED_ENTITIES.get(name, f"&{name};"))

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._emit(chr(code))
        except (ValueError, OverflowError):
            self._fail(f'Bad character reference "&#{name};"')

    def handle_comment(self, data: str) -> None:
        self._fail("Comments are not supported")

    def handle_decl(self, decl: str) -> None:
        self._fail("Declarations are not supported")

    def handle_pi(self, data: str) -> None:
        self._fail("Processing instructions are not supported")

    def unknown_decl(self, data: str) -> None:
        self._fail("Declarations are not supported")


@dataclass(frozen=True)
class RenderedText:
    """A message text as the recipient sees it."""

    text: str
    entities: list[dict[str, Any]]
    problem: str | None  # Telegram's reason to refuse the text, if any.


def render_text(text: str, parse_mode: str | None) -> RenderedText:
    """Render ``text`` the way Telegram does for ``parse_mode`` (only HTML is interpreted)."""
    if (parse_mode or "").lower() != "html":
        return RenderedText(text=text, entities=[], problem=None)
    parser = _TelegramHtmlParser()
    parser.feed(text)
    parser.close()
    if parser.stack and parser.problem is None:
        parser.problem = f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"'
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return RenderedText(text="".join(parser.parts), entities=entities, problem=parser.problem)


def check_text(text: str | None, parse_mode: str | None) -> str | None:
    """Telegram's validation of a message text; returns the Bot API error description or None.

    The emulator accepts anything, so without this an e2e test could not notice a handler that
    sends broken HTML or an over-long answer.
    """
    if text is None or not text.strip():
        return "Bad Request: message text is empty"
    rendered = render_text(text, parse_mode)
    if rendered.problem:
        return f"Bad Request: can't parse entities: {rendered.problem}"
    if not rendered.text.strip():
        return "Bad Request: message text is empty"
    if utf16_len(rendered.text.rstrip()) > MAX_TEXT_UTF16:
        return "Bad Request: message is too long"
    return None
