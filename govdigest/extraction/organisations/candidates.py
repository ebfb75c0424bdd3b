"""Organisation candidates shared by the company rules: evidence, merge keys, plural checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from govdigest.extraction.doc import Doc
from govdigest.extraction.resources import lines

# A quoted string is a name only if it is short and has no sentence punctuation.
MAX_NAME_WORDS = 6
NAME_START_RE = re.compile(r"^[A-ZА-ЯЁ0-9]")
# Strength of evidence for a display name: a designator beats a bare quote beats NER.
STRENGTH_DESIGNATED = 3
STRENGTH_QUOTED = 2
STRENGTH_NER = 1


@dataclass
class Candidate:
    start: int
    stop: int
    name: str
    key: str
    strength: int


@dataclass
class Found:
    items: list[Candidate] = field(default_factory=list)

    def overlaps(self, start: int, stop: int) -> bool:
        return any(c.start < stop and start < c.stop for c in self.items)

    def add(self, cand: Candidate) -> None:
        self.items.append(cand)


def candidate_key(doc: Doc, name: str) -> str:
    core = re.findall(r"«([^«»]+)»", name)
    text = core[-1] if core else name
    lemmas = [doc.morph.lemma(w.lower()) for w in re.findall(r"\w+", text)]
    # "ПАО «Банк Северный кредит»" and "банк «Северный кредит»" are one company: a designator
    # inside the quotes does not distinguish names.
    if len(lemmas) > 1 and lemmas[0] in designator_lemmas():
        lemmas = lemmas[1:]
    return " ".join(lemmas)


@cache
def designator_lemmas() -> frozenset[str]:
    words = [
        w for w in lines("org_designators") + lines("org_dropped_designators") if " " not in w
    ]
    return frozenset(w.lower() for w in words)


def plural_common_head(doc: Doc, word: str) -> bool:
    word = word.strip('«»"').lower()
    word = word.rsplit("-", 1)[-1] if "-" in word else word
    nouns = [p for p in doc.morph.parse(word) if p.tag.POS == "NOUN"]
    return bool(nouns) and doc.morph.is_known(word) and all(p.tag.number == "plur" for p in nouns)


def only_plural_adjective(doc: Doc, word: str) -> bool:
    adjs = [p for p in doc.morph.parse(word.lower()) if p.tag.POS == "ADJF"]
    return bool(adjs) and all(p.tag.number == "plur" for p in adjs)
