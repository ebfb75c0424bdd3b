"""Speakers carried over from another quotation (issue 8, round 4).

"Особо Баев отметил: «…».  И напомнил: «…»": the second lead-in is a bare speech verb whose
subject is the one of the sentence before. Such a quote counts as unattributed, so the speaker
of the quotation right before it (close by, nobody else named in between) carries over; a
lead-in with any noun, pronoun or name in it is left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People
from govdigest.extraction.quotes.speakers import (
    Speaker,
    has_speech_verb,
    resolve,
    speech_verb_lemmas,
)

if TYPE_CHECKING:
    from govdigest.extraction.quotes.raw import RawQuote

# Words that may stand around the bare verb: links and adverbs of sequence or emphasis.
_LINK_WORDS = frozenset(
    {"и", "а", "также", "ещё", "еще", "затем", "потом", "особо", "вновь", "снова", "тут", "же"}
)
_SKIPPED_POS = frozenset({"ADVB", "CONJ", "PRCL"})
# A repeated quotation must be at least this long (letters and digits) to lend its speaker.
MIN_REPEAT_CHARS = 20


def bare_speech_verb(doc: Doc, start: int, stop: int) -> bool:
    """True when ``doc.text[start:stop]`` is only a singular past speech verb with links and
    adverbs ("И напомнил", "Также добавила"): no subject, no object, no addressee."""
    verbs = speech_verb_lemmas()
    seen_verb = False
    for word in doc.words_in(start, stop):
        low = word.text.lower()
        if low in _LINK_WORDS:
            continue
        parses = doc.morph.parse(low)
        tag = parses[0].tag if parses else None
        if tag is None:
            return False
        if (
            not seen_verb
            and tag.POS == "VERB"
            and "past" in tag
            and "sing" in tag
            and doc.morph.lemma(low) in verbs
        ):
            seen_verb = True
            continue
        if tag.POS not in _SKIPPED_POS:
            return False
    return seen_verb


def is_attributed(doc: Doc, clause: tuple[int, int] | None, speaker: Speaker) -> bool:
    """Whether a quote's attribution clause names its speaker, for the carry-over of speakers:
    a bare speech verb that resolved to nobody does not."""
    if clause is None:
        return False
    return speaker.name is not None or not bare_speech_verb(doc, clause[0], clause[1])


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold().replace("ё", "е") if ch.isalnum())


def repeated_speakers(quotes: list[RawQuote]) -> list[RawQuote]:
    """ "\\"Для нас большая честь\\"" as a headline, then the body's "\\"Для нас большая честь\\",
    - отметил губернатор X": a quotation with no speaker whose words are those of an attributed
    quotation elsewhere in the post takes that quotation's speaker (only when all such
    repetitions agree on one speaker)."""
    said: dict[str, set[Speaker]] = {}
    for q in quotes:
        if q.speaker.name is not None and len(_key(q.text)) >= MIN_REPEAT_CHARS:
            said.setdefault(_key(q.text), set()).add(q.speaker)
    out: list[RawQuote] = []
    for q in quotes:
        speakers = said.get(_key(q.text), set()) if q.speaker.name is None else set()
        out.append(replace(q, speaker=next(iter(speakers))) if len(speakers) == 1 else q)
    return out


# A lead sentence that names where the words were posted: "Губернатор X рассказал в своём
# телеграм-канале о поездке." ⏎ «Провели переговоры …» (no attribution of the quote's own).
# A broadcast or a press event names the setting the same way: "Об этом рассказал губернатор X,
# подводя итоги года в программе «…» на радио." ⏎ «Если говорить честно, …».
_CHANNEL_LEAD_RE = re.compile(
    r"канал|telegram|телеграм|соцсет|блог|\bэфир|\bпрограмм[еыу]|\bинтервью|пресс-конференц"
    r"|\bподкаст|\bрадио|\bпрям\w+\s+лини|\bбрифинг",
    re.IGNORECASE,
)
MAX_LEAD_GAP = 3  # whitespace (a line break) between the lead sentence and the quotation


def carry_speakers(doc: Doc, people: People, quotes: list[RawQuote]) -> list[RawQuote]:
    """Speakers carried over from a repeated quotation, then from a channel lead sentence."""
    out: list[RawQuote] = []
    for q in repeated_speakers(quotes):
        if q.speaker.name is None and not q.attributed:
            lead = _channel_lead(doc, people, q.start)
            q = replace(q, speaker=lead) if lead is not None else q
        out.append(q)
    return out


def _channel_lead(doc: Doc, people: People, start: int) -> Speaker | None:
    sentence = doc.sentence_at(max(0, start - 1))
    while sentence is not None and sentence.stop > start:
        sentence = doc.sentence_at(sentence.start - 1) if sentence.start else None
    if sentence is None or len(doc.text[sentence.stop : start].strip()) > 0:
        return None
    if start - sentence.stop > MAX_LEAD_GAP or not _CHANNEL_LEAD_RE.search(sentence.text):
        return None
    if not has_speech_verb(doc, sentence.start, sentence.stop):
        return None
    named = {i for s, e, i in people.mentions if sentence.start <= s and e <= sentence.stop}
    if len(named) != 1:
        return None  # nobody, or a host and a guest: not sure whose words follow
    speaker = resolve(doc, people, sentence.start, sentence.stop, start)
    return speaker if speaker.name is not None else None
