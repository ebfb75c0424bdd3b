"""Title and an extractive lead summary (lead sentences beat LexRank/TextRank on news)."""

from __future__ import annotations

from govdigest.extraction.text import Sentence

MAX_TITLE_CHARS = 160
# Enough lead to carry the gist; more is no longer a ten-second read.
MAX_SUMMARY_SENTENCES = 3
TARGET_SUMMARY_CHARS = 320


def derive_title(given: str | None, lines: list[str], sentences: list[Sentence]) -> str | None:
    if given and given.strip():
        return given.strip()
    if not lines:
        return None
    first = lines[0]
    if len(first) <= MAX_TITLE_CHARS:
        return first
    head = sentences[0].text if sentences else first
    return head if len(head) <= MAX_TITLE_CHARS else head[: MAX_TITLE_CHARS - 1].rstrip() + "…"


def lead_summary(sentences: list[Sentence], title: str | None) -> str:
    picked: list[str] = []
    total = 0
    norm_title = (title or "").strip().rstrip(".").lower()
    for sent in sentences:
        text = sent.text.strip()
        if not text or text.rstrip(".").lower() == norm_title:
            continue
        if norm_title and sent.line == 0 and norm_title.startswith(text.rstrip(".").lower()):
            continue
        picked.append(text)
        total += len(text)
        if len(picked) >= MAX_SUMMARY_SENTENCES or total >= TARGET_SUMMARY_CHARS:
            break
    if not picked and title:
        return title
    return " ".join(picked)
