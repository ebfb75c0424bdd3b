"""Sentences that recall earlier news: "Ранее сообщалось, что завод «…» признают банкротом",
"Напомним, что ранее ИА … сообщало, что …". An organisation named only there is a story the
post links to, never a party to the mission. A recalled action ("Ранее губернатор подписал
соглашение с …") is no such sentence: only "ранее" with a reporting verb is."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc

_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")
_RECALLED_NEWS_RE = re.compile(
    r"^\s*(?:напомним,?\s+(?:что\s+)?)?(?:как\s+)?(?:уже\s+)?ранее\b[^.!?\n]{0,40}?"
    r"\b(?:сообща\w*|писал\w*|рассказыва\w*|информирова\w*|стало\s+известно|"
    r"сообщил\w*)",
    re.IGNORECASE,
)


def recalled_news_spans(doc: Doc) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in _SENTENCE_RE.finditer(doc.text)
        if _RECALLED_NEWS_RE.match(m.group())
    ]
