"""Directions of cooperation: canonical labels from sentences about cooperation.

The vocabulary and its lemma prefixes are the data file ``data/directions.txt``; the cue words
that make a sentence one about cooperation are ``data/direction_cues.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.people import People
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.resources import pairs, word_set


@cache
def _direction_table() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Direction rules indexed by their first lemma prefix (one dict probe per prefix)."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for left, label in pairs("directions"):
        prefixes = tuple(left.lower().split())
        table.setdefault(prefixes[0], []).append((prefixes, label))
    return table


def _prefix_match(lemma: str, prefix: str) -> bool:
    # Short prefixes ("it", "ит", "вуз") must match whole lemmas, or "ит" would hit "итог".
    return lemma.startswith(prefix) if len(prefix) > 3 else lemma == prefix


# A money sum: the sentence reports figures ("инвестиции составят 3 млрд рублей"), not a sphere.
_MONEY_RE = re.compile(
    r"\d[\d\s,.]*\s*(?:млрд|млн|тыс\.?|трлн)?\s*(?:рубл|долл|евро|юан|тенге)|\d\s*(?:млрд|млн|трлн)\b",
    re.IGNORECASE,
)
# A quotation this short is a name («Научные приборы»), not speech naming a sphere.
MAX_QUOTED_NAME_WORDS = 4
# Labels a money sentence must not give (the sum is background, not a cooperation sphere).
MONEY_BLIND_LABELS = frozenset({"инвестиции"})
# "о строительстве завода": building one object is not the construction sector; the sector is
# named as "в сфере строительства", "строительная отрасль", "жилищное строительство".
_OBJECT_BUILDING_LEMMA = "строительство"
_SECTOR_WORDS = frozenset({"сфера", "отрасль", "область", "направление", "жилищный", "комплекс"})
# A chamber of commerce is an organisation, not a sphere: "Торгово-промышленная палата" names
# a counterparty and says nothing about trade or industry; it is skipped even where the
# organisation extractor dropped the mention (a plural "торгово-промышленные палаты", a chamber
# "в присутствии" of someone).
_CHAMBER_NAME_RE = re.compile(r"\b[Тт]оргово-промышленн\w*\s+палат\w*")
# A mention shorter than this is an abbreviation ("ТПП", "РЖД") that no direction prefix reads.
MIN_ORG_MENTION_CHARS = 4


def find_directions(doc: Doc, people: People, org_mentions: Iterable[str] = ()) -> list[str]:
    """Canonical directions named in sentences about cooperation (not in any passing word).

    Words inside people's titles ("министр промышленности и торговли"), organisations' names
    ("Торгово-промышленная палата области", ``org_mentions`` as written), hashtags and quoted
    names are skipped; so is "строительство <object>".
    """
    table = _direction_table()
    cues = word_set("direction_cues")
    found: list[str] = []
    skip = (
        list(people.role_spans)
        + [
            (s.open, s.close)
            for s in find_spans(doc.text)
            if len(doc.text[s.open : s.close].split()) <= MAX_QUOTED_NAME_WORDS
        ]
        + _organisation_spans(doc, org_mentions)
    )
    for sent in doc.sentences:
        words = [
            w
            for w in doc.words_in(sent.start, sent.stop)
            if not any(a <= w.start < b for a, b in skip)
            and doc.text[max(0, w.start - 1) : w.start] != "#"
        ]
        lemmas = [doc.morph.lemma(w.text.lower()) for w in words]
        if cues.isdisjoint(lemmas):
            continue
        lemmas = [
            ""
            if lemma == _OBJECT_BUILDING_LEMMA and _builds_object(doc, lemmas, words, i)
            else lemma
            for i, lemma in enumerate(lemmas)
        ]
        before = len(found)
        _match_directions(table, lemmas, found)
        if _MONEY_RE.search(sent.text):
            found[before:] = [d for d in found[before:] if d not in MONEY_BLIND_LABELS]
    return found


def _organisation_spans(doc: Doc, org_mentions: Iterable[str]) -> list[tuple[int, int]]:
    """The kind-naming part of each organisation's mention: its adjectives and head noun
    ("Торгово-промышленная палата", "Озёрский государственный технический университет").
    A complement after the head names what the organisation is for and still counts: "Фонд
    развития промышленности", "союз туристических организаций"."""
    text = doc.text
    spans = [(m.start(), m.end()) for m in _CHAMBER_NAME_RE.finditer(text)]
    for mention in set(org_mentions):
        if len(mention) < MIN_ORG_MENTION_CHARS:
            continue
        head_end = _head_end(doc, mention)
        start = text.find(mention)
        while start >= 0:
            spans.append((start, start + head_end))
            start = text.find(mention, start + 1)
    return spans


def _head_end(doc: Doc, mention: str) -> int:
    """Offset in ``mention`` just after its head noun (the first word that is no adjective)."""
    for m in re.finditer(r"[\w-]+", mention):
        parses = doc.morph.parse(m.group().lower())
        if not parses or parses[0].tag.POS not in ("ADJF", "PRTF"):
            return m.end()
    return len(mention)


def _builds_object(doc: Doc, lemmas: list[str], words: list[Word], i: int) -> bool:
    if i > 0 and lemmas[i - 1] in _SECTOR_WORDS:
        return False
    if i + 1 >= len(words):
        return False
    nxt = doc.morph.parse(words[i + 1].text.lower())
    return bool(nxt) and nxt[0].tag.case == "gent" and nxt[0].tag.POS in ("NOUN", "ADJF")


def _match_directions(
    table: dict[str, list[tuple[tuple[str, ...], str]]], lemmas: list[str], found: list[str]
) -> None:
    for i, lemma in enumerate(lemmas):
        # The longest matching prefix wins: "сельхозмашиностроение" is industry, not farming.
        for n in range(min(len(lemma), 24), 1, -1):
            matched = False
            for prefixes, label in table.get(lemma[:n], ()):
                if i + len(prefixes) > len(lemmas):
                    continue
                if all(_prefix_match(lemmas[i + k], p) for k, p in enumerate(prefixes)):
                    matched = True
                    if label not in found:
                        found.append(label)
            if matched:
                break
