"""Names inside an attribution clause that are not its speaker (issue 8, round 4).

Two shapes counted in real posts (catalog/quotes.md, round 4):

- a genitive name owned by another noun: "«…», – передал впечатления Антона Силина губернатор
  области" — the impressions are the minister's, the words the governor's (but "передаёт слова
  Сомова агентство", "по словам Игоря Орлова": the words are the named person's);
- a place taken for a surname: "– подчеркнул глава Кедровии" — a role in the nominative, then a
  capitalised word with no nominative reading is the role's complement, not a name in apposition
  ("губернатор Петрова" stays a name: "Петрова" reads as a nominative).
"""

from __future__ import annotations

from typing import Any

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.organisations.rules import is_media_name
from govdigest.extraction.quotes.org_speakers import Speaker
from govdigest.extraction.roles import match_role_at

# Nouns whose genitive is the owner of the words said: "слова X", "цитата X", "мнение X".
_PLACE_ENDINGS = ("ии", "ья", "ьи")
WORDS_NOUNS = frozenset({"слово", "цитата", "мнение", "позиция", "мысль", "высказывание"})


def not_the_speaker(doc: Doc, start: int, stop: int) -> bool:
    """Whether the person mention at ``doc.text[start:stop]`` cannot be the clause's speaker."""
    said = doc.words_in(start, stop)
    before = doc.words_in(max(0, start - 40), start)
    if said and len(said) == 2 and match_role_at(doc, said, 0) is not None:
        # "— подчеркнул Глава Кедровии"
        return _is_place_form(said[1])
    if not said or not before:
        return False
    prev = before[-1]
    if doc.text[prev.stop : start].strip():
        return False  # punctuation in between: not a noun phrase with the name
    if match_role_at(doc, before, len(before) - 1) is not None:
        # "губернатора Ивана Петрова" (apposition), but "глава Кедровии" after a nominative role
        # with a one-word place form is that role's complement, and so is a name in another case
        # ("заместитель Ивана Петрова Олег Сидоров": Петров is the deputy's chief).
        # A nominative name after an object ("— приветствовал гостей Марат Юсупов") speaks.
        if (
            not _has_nominative(doc, said[0])
            and _cases_of(doc, prev)
            and not _cases_of(doc, prev) & _cases_of(doc, said[0])
        ):
            return True
        return len(said) == 1 and _is_nominative_noun(doc, prev) and _is_place_form(said[0])
    if _has_nominative(doc, said[0]):
        return False
    # A lower-case noun (not "Роман" before "Ильясов") owning a first name and surname whose
    # first name reads only as an oblique case ("Антона Силина"); a lone surname is too unsure.
    owner = len(said) >= 2 and prev.text[:1].islower() and _is_noun(doc, prev)
    return owner and doc.morph.lemma(prev.text.lower()) not in WORDS_NOUNS


def _parses(doc: Doc, word: Word) -> tuple[Any, ...]:
    return doc.morph.parse(word.text.lower())  # cached per word form


def _cases_of(doc: Doc, word: Word) -> set[str]:
    return {p.tag.case for p in _parses(doc, word) if p.tag.case}


def _has_nominative(doc: Doc, word: Word) -> bool:
    return any(p.tag.case == "nomn" for p in _parses(doc, word))


def _is_place_form(word: Word) -> bool:
    # The oblique endings of region names (Кедровии, Беловодья), not those of surnames (-ова).
    return word.text.lower().endswith(_PLACE_ENDINGS)


def _is_noun(doc: Doc, word: Word) -> bool:
    parses = _parses(doc, word)
    return bool(parses) and parses[0].tag.POS == "NOUN"


def _is_nominative_noun(doc: Doc, word: Word) -> bool:
    parses = _parses(doc, word)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case == "nomn"


_CHANNEL_WORDS = ("канал", "telegram", "телеграм", "соцсет", "вконтакте")


def ner_organisation(doc: Doc, start: int, stop: int) -> Speaker | None:
    """An organisation tagged inside the clause as the speaker, in the nominative; never a
    news outlet that only relays the words ("— сообщает ТАСС"), nor a channel ("— написал
    сосновский лидер в своём Telegram-канале": where the words were posted)."""
    for span in doc.ner:
        inside = span.type == "ORG" and start <= span.start <= span.stop <= stop
        channel = any(w in span.text.lower() for w in _CHANNEL_WORDS)
        if inside and not channel and not is_media_name(span.text):  # "— сообщает ТАСС"
            return Speaker(" ".join(doc.morph.nominative_group(span.text.split())), None)
    return None


def addressed_role(doc: Doc, word: Word) -> bool:
    """ "— сказал губернатору посол": a role word that reads only as a dative is whom the words
    were said to, never the speaker."""
    cases = {p.tag.case for p in _parses(doc, word)}
    return "datv" in cases and not cases & {"nomn", "accs", "gent"}
