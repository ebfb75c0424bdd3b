"""Balanced quotation spans of every style, with nesting ( «…„…“…», «…«…»…», "…", “…” )."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Characters after which a straight double quote opens rather than closes.
_STRAIGHT_OPEN_AFTER = frozenset(" \t\n(—–-:«„[")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    open: int  # index of the opening mark
    close: int  # index just past the closing mark (or the line end when unbalanced)
    depth: int
    balanced: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close - 1 if self.balanced else self.close


@lru_cache(maxsize=4)
def find_spans(text: str) -> tuple[QuoteSpan, ...]:
    """Quoted spans inside each line; an unclosed opener at a line start runs to the line end.

    Telegram posts are paragraphs, and a quote never legitimately spans two of them without
    reopening (Russian typography repeats « at each paragraph of a block quote). Six rules ask
    for the spans of the same post, so the last few texts' spans are kept (immutable).
    """
    out: list[QuoteSpan] = []
    offset = 0
    starts: list[int] = []
    for line in text.split("\n"):
        starts.append(offset)
        out.extend(_line_spans(line, offset))
        offset += len(line) + 1
    out.extend(_straight_paragraphs(text.split("\n"), starts))
    out.sort(key=lambda s: (s.open, -s.close))
    return tuple(out)


# A straight quote opened at a paragraph start may close a few paragraphs later, right before its
# attribution ('"Город встречает гостей.' … 'приглашаю всех", - написал губернатор.'): news
# sites retelling a multi-paragraph post do not reopen the mark at every paragraph.
# The same with guillemets: '«Рассчитываю на партнёров.' … 'Приятно, что связи растут»- написал
# глава.' — an opener alone on its paragraph, the closer alone on a later one, right before a
# dash attribution; paragraphs between carry no quotation mark at all.
_MAX_JOINED_LINES = 6
_STRAY_CLOSE_RE = {
    '"': re.compile(r'[^\s"]"\s*,?\s*[—–-]'),
    "«": re.compile(r"[^\s«»]»\s*,?\s*[—–-]"),
}


def _straight_paragraphs(lines: list[str], starts: list[int]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    for k, line in enumerate(lines):
        mark = line[:1]
        if mark not in _STRAY_CLOSE_RE or sum(line.count(ch) for ch in '"«»') != 1:
            continue
        for j in range(k + 1, min(len(lines), k + 1 + _MAX_JOINED_LINES)):
            marks = sum(lines[j].count(ch) for ch in '"«»')
            if not marks:
                continue
            closer = _STRAY_CLOSE_RE[mark].search(lines[j])
            if closer is not None and (marks == 1 or _first_mark_closes(lines[j], closer.start())):
                out.append(QuoteSpan(starts[k], starts[j] + closer.start() + 2, 0))
            break
    return out


def _first_mark_closes(line: str, before_closer: int) -> bool:
    """ "…задержаны трое»,– заявил депутат. Он отметил, что «…»": the closing paragraph
    quotes again after its attribution; the stray closer is still its first mark, and the
    marks after it pair up among themselves."""
    closer = before_closer + 1
    if any(ch in '"«»' for ch in line[:closer]):
        return False
    rest = line[closer + 1 :]
    return rest.count("«") == rest.count("»") and rest.count('"') % 2 == 0


def _line_spans(line: str, offset: int) -> list[QuoteSpan]:
    stack: list[tuple[str, int]] = []
    out: list[QuoteSpan] = []
    for i, ch in enumerate(line):
        if ch == "«":
            stack.append((ch, i))
        elif ch == "»":
            _close(stack, out, "«", i, offset)
        elif ch == "„":
            stack.append((ch, i))
        elif ch == "“":
            if stack and stack[-1][0] == "„":
                _close(stack, out, "„", i, offset)
            else:
                stack.append((ch, i))
        elif ch == "”":
            _close(stack, out, "“", i, offset)
        elif ch == '"':
            prev = line[i - 1] if i else " "
            # 'обучение."Слова благодарности…' : a web copy lost the space after a sentence
            # end; a mark between a full stop and a capital letter opens (a closing one is
            # followed by a space, a comma or a dash).
            glued = prev in ".!?…" and line[i + 1 : i + 2].isupper()
            if stack and stack[-1][0] == '"' and prev not in " \t" and not glued:
                _close(stack, out, '"', i, offset)
            elif prev in _STRAIGHT_OPEN_AFTER or glued:
                stack.append((ch, i))
            elif stack and stack[-1][0] == '"':
                _close(stack, out, '"', i, offset)
    # An unclosed opener starting the paragraph (or right after a colon) is a block quote whose
    # closing mark was lost; anything else unbalanced is noise and is dropped.
    if stack:
        mark, pos = stack[0]
        before = line[:pos].rstrip()
        if mark == "«" and (not before or before.endswith((":", "—", "–"))):
            out.append(QuoteSpan(offset + pos, offset + len(line.rstrip()), 0, balanced=False))
    return out


def _close(
    stack: list[tuple[str, int]], out: list[QuoteSpan], mark: str, i: int, offset: int
) -> None:
    # Pop to the matching opener; stray closers (no opener) are ignored.
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == mark:
            pos = stack[depth][1]
            del stack[depth:]
            out.append(QuoteSpan(offset + pos, offset + i + 1, depth))
            return
