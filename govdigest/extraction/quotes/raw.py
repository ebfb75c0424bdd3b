"""A direct quotation as the quote rules find it, and the small pieces they all share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govdigest.extraction.quotes.speakers import Speaker

# Inside one quotation: "первая часть, — сказал глава региона, — вторая часть".
# Real posts type the speech dash as an em dash, an en dash or a spaced hyphen-minus
# ("«…, - сказал он. - …»"); a hyphen counts only with spaces on both sides.
SPEECH_DASH = r"(?:[—–]|(?<=\s)-(?=\s))"

# Words in a quotation below which it is a name («Интрафит», форум «Утро»), unless attributed.
MIN_SPEECH_WORDS = 3


@dataclass(frozen=True, slots=True)
class RawQuote:
    start: int
    stop: int
    text: str
    speaker: Speaker
    attributed: bool


def clean_quote_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    # «– Тихая область …»: a dialogue dash kept inside the quotation marks is not speech.
    text = re.sub(r"^[—–-]\s+", "", text)
    return text.strip(" ,").strip()
