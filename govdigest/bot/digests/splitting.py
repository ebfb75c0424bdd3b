"""Splitting long HTML answers into Telegram-sized parts.

Telegram refuses a message over 4096 characters, counted in UTF-16 code units (an emoji
outside the BMP counts twice). Parts are cut, in order of preference, at a post boundary (a
blank line, ``POST_SEPARATOR``), at a line break, at a space, and only then between any two
characters. A cut never falls inside a tag, an entity (``&amp;``) or a surrogate pair, and
tags open across a cut are closed at the end of one part and re-opened at the start of the
next, so every part is valid Telegram HTML on its own. The budget counts the HTML source, a
safe upper bound of what Telegram counts after parsing.
"""

from __future__ import annotations

import re
import unicodedata

TELEGRAM_LIMIT = 4096
POST_SEPARATOR = "\n\n"

_TOKEN = re.compile(
    r"<(/?)([A-Za-z][\w-]*)[^<>]*>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]\w{1,31});"
)
_CHAR, _ENTITY, _OPEN, _CLOSE = 0, 1, 2, 3
_SPACES = frozenset(" \t\r\n")
# Characters that belong to the one before them: never start a part with one.
_JOINERS = frozenset("\u200d\ufe0f\ufe0e")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Atoms:
    """The text as indivisible pieces: single characters, entities and tags."""

    def __init__(self, text: str) -> None:
        self.texts: list[str] = []
        self.kinds: list[int] = []
        self.names: list[str] = []
        pos = 0
        for match in _TOKEN.finditer(text):
            self._chars(text[pos : match.start()])
            token = match.group(0)
            if token.startswith("&"):
                self._add(token, _ENTITY, "")
            else:
                self._add(token, _CLOSE if match.group(1) else _OPEN, match.group(2).lower())
            pos = match.end()
        self._chars(text[pos:])
        self.widths = [utf16_len(t) for t in self.texts]
        self.run_level = self._runs()

    def _add(self, text: str, kind: int, name: str) -> None:
        self.texts.append(text)
        self.kinds.append(kind)
        self.names.append(name)

    def _chars(self, chunk: str) -> None:
        for ch in chunk:
            self._add(ch, _CHAR, "")

    def is_space(self, k: int) -> bool:
        return self.kinds[k] == _CHAR and self.texts[k] in _SPACES

    def _runs(self) -> list[int]:
        """At the first atom of each whitespace run: 3 blank line, 2 line break, 1 space."""
        levels = [0] * len(self.texts)
        k, n = 0, len(self.texts)
        while k < n:
            if not self.is_space(k):
                k += 1
                continue
            start = k
            newlines = 0
            while k < n and self.is_space(k):
                newlines += self.texts[k] == "\n"
                k += 1
            levels[start] = 3 if newlines >= 2 else 2 if newlines else 1
        return levels

    def visible(self, start: int, end: int) -> bool:
        return any(
            self.kinds[k] == _ENTITY or (self.kinds[k] == _CHAR and not self.is_space(k))
            for k in range(start, end)
        )


def _closing(atoms: _Atoms, stack: list[int] | tuple[int, ...]) -> str:
    return "".join(f"</{atoms.names[k]}>" for k in reversed(stack))


def _apply(atoms: _Atoms, stack: list[int], k: int) -> None:
    kind = atoms.kinds[k]
    if kind == _OPEN:
        stack.append(k)
    elif kind == _CLOSE:
        name = atoms.names[k]
        for depth in range(len(stack) - 1, -1, -1):
            if atoms.names[stack[depth]] == name:
                del stack[depth:]
                break


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Cut ``text`` into valid HTML parts of at most ``limit`` UTF-16 units each."""
    if utf16_len(text) <= limit:
        return [text]
    atoms = _Atoms(text)
    parts: list[str] = []
    n = len(atoms.texts)
    start = 0  # first atom of the part
    carried: list[int] = []  # the tags open at it
    while start < n:
        prefix = "".join(atoms.texts[k] for k in carried)
        used = utf16_len(prefix)
        closing = utf16_len(_closing(atoms, carried))
        stack = list(carried)
        best: dict[int, tuple[int, tuple[int, ...]]] = {}
        j = start
        while j < n:
            if atoms.run_level[j] and j > start:
                best[atoms.run_level[j]] = (j, tuple(stack))
            if atoms.kinds[j] in (_OPEN, _CLOSE):
                trial = list(stack)
                _apply(atoms, trial, j)
                trial_closing = utf16_len(_closing(atoms, trial))
            else:
                trial, trial_closing = stack, closing
            if used + atoms.widths[j] + trial_closing > limit:
                break
            used += atoms.widths[j]
            closing, stack = trial_closing, trial
            j += 1
        if j == n:
            end, end_stack = n, tuple(stack)
        else:
            end, end_stack = _choose_cut(atoms, start, j, tuple(stack), best)
        if atoms.visible(start, end):
            parts.append(prefix + "".join(atoms.texts[start:end]) + _closing(atoms, end_stack))
        start, carried = end, list(end_stack)
        while start < n and atoms.is_space(start):
            start += 1
    return parts or [text[:0]]


def _choose_cut(
    atoms: _Atoms,
    start: int,
    hard: int,
    hard_stack: tuple[int, ...],
    best: dict[int, tuple[int, tuple[int, ...]]],
) -> tuple[int, tuple[int, ...]]:
    """The best cut in [start, hard]: blank line, line break, space, else the last atom."""
    for level in (3, 2, 1):
        if level in best:
            end, stack = _trim_open_tags(atoms, start, *best[level])
            if atoms.visible(start, end):
                return end, stack
    end, stack = _trim_open_tags(atoms, start, hard, hard_stack)
    # Keep a combining mark, ZWJ or variation selector with the character it modifies.
    while end > start + 1 and _modifies_previous(atoms, end) and atoms.kinds[end - 1] == _CHAR:
        end -= 1
    if not atoms.visible(start, end):
        end, stack = hard, hard_stack
    if end == start:
        raise ValueError("limit too small for the markup open at a cut")
    return end, stack


def _modifies_previous(atoms: _Atoms, k: int) -> bool:
    ch = atoms.texts[k]
    return atoms.kinds[k] == _CHAR and (ch in _JOINERS or bool(unicodedata.combining(ch)))


def _trim_open_tags(
    atoms: _Atoms, start: int, end: int, stack: tuple[int, ...]
) -> tuple[int, tuple[int, ...]]:
    """Do not end a part with tags that open nothing: move them to the next part."""
    while end > start and atoms.kinds[end - 1] == _OPEN and stack and stack[-1] == end - 1:
        end -= 1
        stack = stack[:-1]
    return end, stack
