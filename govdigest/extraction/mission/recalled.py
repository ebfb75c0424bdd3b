"""Backstory sentences: a trip told with an earlier time is not the post's trip."""

from __future__ import annotations

import re

from govdigest.extraction.resources import lines

_MONTHS_IN = (
    r"(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
    r"|прошлом|позапрошлом|минувшем)"
)
# "Напомним, что в июле губернатор X посетил …": a trip told as backstory with its earlier time.
_RECAP_RE = re.compile(
    r"^\s*(?:напомним|как\s+сообщалось|как\s+уже\s+сообщалось)\s*,?\s*(?:что\s+)?"
    r"(?:ещё\s+|еще\s+)?во?\s+" + _MONTHS_IN + r"\b",
    re.IGNORECASE,
)


def recalls_earlier_trip(sentence: str) -> bool:
    """A backstory sentence: "Ранее …", "В прошлом году …" (data/recalled_sentence_openers.txt),
    or "Напомним, что в июле …" with an earlier time; its trip is not the post's."""
    low = sentence.lstrip(' \n\t«"').lower()
    if _RECAP_RE.match(low):
        return True
    return any(
        low.startswith(opener) and not low[len(opener) : len(opener) + 1].isalpha()
        for opener in lines("recalled_sentence_openers")
    )
