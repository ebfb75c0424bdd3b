"""Text clean-up and segmentation: UI residue, bylines, typographic variants, sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from razdel import sentenize

from govdigest.extraction.resources import lines

# Posts are at most a few thousand characters (Telegram caps a message at 4096 and a caption at
# 1024); anything longer is a paste accident, so heavy NLP only ever sees this much.
MAX_ANALYSED_CHARS = 20_000

# Hyphen look-alikes that Telegram clients and editors insert ("IT‑отрасли" uses U+2011); they
# break lemma lookups and name matching, so they become a plain hyphen.
_HYPHENS = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u00ad": "", "\u200b": "", "\ufeff": "", "\u2060": ""}
)
_SPACES_RE = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a]+")
# Control characters (binary junk) are replaced so offsets and tokenisation stay sane.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# Decorative symbols at line starts (emoji bullets, arrows) carry no text.
_LEAD_SYMBOLS_RE = re.compile(r"^[^\w«\"„“(—–\-]+(?=\w|«|\"|„|“|—|–)")
_HASHTAG_LINE_RE = re.compile(r"^(?:\s*#\w+)+\s*$")
_URL_RE = re.compile(r"https?://\S+|t\.me/\S+")


@cache
def _residue_re() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for p in lines("residue"))
    return re.compile(rf"(?:^|\s)(?:{alternatives})\s*$", re.IGNORECASE)


@cache
def _byline_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lines("bylines"))
    return re.compile(rf"^\(?(?:{words})\s*:", re.IGNORECASE)


# How far back from a line's end a second and later residue is looked for. Residue phrases are
# a few words long; searching the whole line again after each one removed made a line of
# thousands of them ("edited edited …") quadratic.
_RESIDUE_TAIL = 128


def strip_residue_line(line: str) -> str:
    """A line without trailing UI residue ("…текст Показать еще 1 фото" → "…текст").

    Residue is removed from the end, one piece at a time, the leftmost match first. The first
    search covers the whole line (a "this media is not supported…" phrase takes everything
    after it); the later ones only the last ``_RESIDUE_TAIL`` characters before the current
    end, so the work is linear in the line's length whatever it holds.
    """
    pattern = _residue_re()
    line = line.rstrip()
    end, start = len(line), 0
    while True:
        # ``$`` matches at ``endpos``; ``^`` only at the line's real start, never at ``pos``.
        match = pattern.search(line, start, end)
        if match is None:
            return line[:end]
        end = match.start()
        while end and line[end - 1].isspace():
            end -= 1
        start = max(0, end - _RESIDUE_TAIL)


def is_byline(line: str) -> bool:
    return bool(_byline_re().match(line))


def normalise_line(line: str) -> str:
    line = _CONTROL_RE.sub(" ", line.translate(_HYPHENS))
    line = _URL_RE.sub("", line)
    line = _SPACES_RE.sub(" ", line).strip()
    line = _LEAD_SYMBOLS_RE.sub("", line)
    return line.strip()


def clean_lines(text: str) -> list[str]:
    """Content lines of a post: normalised, residue and bylines and hashtag lines dropped."""
    out: list[str] = []
    previous_kept = False
    for raw in text[: MAX_ANALYSED_CHARS * 2].splitlines():
        normal = normalise_line(raw)
        if previous_kept and _SUBSCRIBERS_RE.match(normal):
            # A t.me/s preview header: the line right above "4.12K subscribers" is the
            # channel's name ("Инфоцентр Степногорья-64"), not the post's title.
            out.pop()
        line = strip_residue_line(normal)
        previous_kept = False
        if not line or is_byline(line) or _HASHTAG_LINE_RE.match(line):
            continue
        out.append(line)
        previous_kept = True
    return out


_SUBSCRIBERS_RE = re.compile(r"^\d+(?:[.,]\d+)?[kкKКmM]?\s+subscribers$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    stop: int
    text: str
    line: int


def sentences(text: str) -> list[Sentence]:
    """Sentences that never cross a line break (a post's lines are paragraphs)."""
    out: list[Sentence] = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        for sub in sentenize(line):
            out.append(Sentence(offset + sub.start, offset + sub.stop, sub.text, index))
        offset += len(line) + 1
    return out
