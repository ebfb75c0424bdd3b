"""Text normalisation shared by every source: Unicode clean-up and UI residue removal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Lines that Telegram's web preview, Desktop exports and copy-paste from the app leave behind.
# Matched against a whole line (after trimming), case-insensitively.
UI_RESIDUE = re.compile(
    r"""^(?:
        показать\s+(?:ещ[её]|больше)(?:\s+\d+)?(?:\s+(?:фото|видео|файл\w*|медиа))?
      | (?:view|open)\s+in\s+telegram
      | media\s+is\s+too\s+big
      | (?:photo|video|фото|видео)(?:\s+\d+)?
      | подписаться(?:\s+на\s+канал)?
      | читать\s+(?:далее|полностью|продолжение)\S*
      | please\s+open\s+telegram\s+to\s+view\s+this\s+post
      | this\s+post\s+is\s+not\s+supported.*
      | \d+(?:[.,]\d+)?[kкmм]?\s+(?:views|просмотр\w*)
      | (?:edited|изменено)
    )[.:!…]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "…Читать далее" glued to the last sentence of a truncated post.
TRAILING_MORE = re.compile(r"\s*(?:…|\.\.\.)?\s*читать\s+(?:далее|полностью)\s*$", re.IGNORECASE)
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def normalize_text(raw: str) -> str:
    """NFC, unified newlines and spaces, residue lines dropped, blank runs collapsed."""
    # Invisible characters go first: one between a letter and its combining mark would keep
    # NFC from composing them, and a second pass would then give a different text.
    text = unicodedata.normalize("NFC", raw.translate(ZERO_WIDTH))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    for line in text.split("\n"):
        line = SPACES.sub(" ", line).strip()
        if line:
            # "Фото… Читать далее" is residue once its tail is gone: check both forms.
            trimmed = TRAILING_MORE.sub("", line).strip()
            if not trimmed or UI_RESIDUE.match(line) or UI_RESIDUE.match(trimmed):
                continue
            line = trimmed
        elif not lines or not lines[-1]:
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def split_title(text: str) -> tuple[str | None, str]:
    """The first non-empty line is the title (Markdown heading marks removed)."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip().lstrip("#").strip() or None, text
    return None, text


def strip_navigation(
    text: str, link_spans: Iterable[tuple[int, int]], tag_starts: Iterable[int]
) -> str:
    """Drop channel navigation, given where the link-like entities are (character indices).

    A line made of nothing but hashtags, mentions and bare links ("#Губернатор #Область",
    "👉 @region_gov") is navigation, not content, and only feeds the extractor noise; an inline
    tag reads as its word ("на форуме #Иннопром" → "на форуме Иннопром"). Live posts and
    Telegram Desktop exports both come through here, so one post reads the same either way.
    """
    linky = [False] * len(text)
    for start, stop in link_spans:
        linky[start:stop] = [True] * (stop - start)
    removed = set(tag_starts)
    line_start = 0
    for line in text.split("\n"):
        line_stop = line_start + len(line)
        if any(linky[line_start:line_stop]):
            rest = (ch for i, ch in enumerate(line, line_start) if not linky[i])
            if not any(ch.isalnum() for ch in rest):
                removed.update(range(line_start, line_stop))
        line_start = line_stop + 1
    return "".join(ch for i, ch in enumerate(text) if i not in removed)
