"""Chambers of commerce named together in the plural: "торгово-промышленные палаты Тальской
области и Республики Кедрия", "Озёрская и Тальская торгово-промышленные палаты",
"торгово-промышленные палаты Тальской и Озёрской областей". Each place is one chamber; a
count without names ("палаты двух регионов") names none."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.name_forms import inflect, match_case
from govdigest.extraction.organisations.candidates import (
    STRENGTH_NER,
    Candidate,
    Found,
    candidate_key,
)

_CHAMBER = "торгово-промышленная палата"
# The plural of the chamber: "торгово-промышленные палаты", "…ыми палатами", "…ых палат".
# A singular adjective only before a plural noun ("…ной палатами", a slip seen in real posts).
_PLURAL = (
    r"[Тт]оргово-промышленн(?:(?:ые|ых|ым|ыми)\s+палат(?:ы|ам|ами|ах)?"
    r"|(?:ой|ая)\s+палат(?:ам|ами|ах))\b"
)
_ADJ = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?"
# A place in the genitive: "Тальской области", "Республики Кедрия", "Крыма", "ДНР".
_PLACE = (
    rf"(?:{_ADJ}(?:ой|ого)\s+(?:области|края|округа|республики)"
    rf"|Республики\s+{_ADJ}|[А-ЯЁ]{{2,5}}|{_ADJ})"
)
_AFTER_RE = re.compile(rf"{_PLURAL}\s+({_PLACE})\s+и\s+({_PLACE})")
# "Тальской и Озёрской областей": two adjectives sharing one plural region noun.
_SHARED_RE = re.compile(
    rf"{_PLURAL}\s+({_ADJ}(?:ой|ого))\s+и\s+({_ADJ}(?:ой|ого))\s+(областей|краёв|краев|округов)"
)
_BEFORE_RE = re.compile(rf"({_ADJ})\s+и\s+({_ADJ})\s+{_PLURAL}")
_SINGULAR_REGION = {"областей": "области", "краёв": "края", "краев": "края", "округов": "округа"}


def _feminine_nominative(doc: Doc, word: str) -> str | None:
    for parse in doc.morph.parse(word.lower()):
        if parse.tag.POS != "ADJF":
            continue
        form = inflect(parse, {"femn", "sing", "nomn"})
        if form is not None:
            return str(match_case(word, form.word))
    return None


def _add(doc: Doc, found: Found, start: int, stop: int, name: str) -> None:
    if not found.overlaps(start, stop):
        found.add(Candidate(start, stop, name, candidate_key(doc, name), STRENGTH_NER))


def plural_chambers(doc: Doc, found: Found) -> None:
    text = doc.text
    # The first chamber's span opens the phrase and the second's closes it, so that no other
    # rule reads the plural phrase as one name ("Тальская торгово-промышленные палаты").
    head = _CHAMBER.capitalize()
    for m in _SHARED_RE.finditer(text):
        region = _SINGULAR_REGION[m.group(3).lower()]
        _add(doc, found, m.start(), m.end(1), f"{head} {m.group(1)} {region}")
        _add(doc, found, m.start(2), m.end(), f"{head} {m.group(2)} {region}")
    for m in _AFTER_RE.finditer(text):
        _add(doc, found, m.start(), m.end(1), f"{head} {m.group(1)}")
        _add(doc, found, m.start(2), m.end(2), f"{head} {m.group(2)}")
    for m in _BEFORE_RE.finditer(text):
        first = _feminine_nominative(doc, m.group(1))
        second = _feminine_nominative(doc, m.group(2))
        if first is None or second is None:
            continue
        _add(doc, found, m.start(1), m.end(1), f"{first} {_CHAMBER}")
        _add(doc, found, m.start(2), m.end(), f"{second} {_CHAMBER}")
