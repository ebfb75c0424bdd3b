"""Merging two mentions of one organisation that the keys keep apart: a company named by its
own name and by the name of its holding ("австрийской компанией «Кронвальд»" … "глава группы
компаний «Кронвальд Холдингс Ист Лимитед»")."""

from __future__ import annotations

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.candidates import Candidate
from govdigest.extraction.resources import word_set


def merge_holding_names(
    doc: Doc, merged: dict[str, list[Candidate]]
) -> dict[str, list[Candidate]]:
    """A key that is another key followed only by holding suffixes joins that key's group.
    Keys are lemmas, so the suffixes are compared as lemmas too ("Ист" → "истый")."""
    words_listed = word_set("holding_suffixes")
    suffixes = words_listed | {doc.morph.lemma(w) for w in words_listed}
    for key in sorted(merged, key=len, reverse=True):
        words = key.split()
        for cut in range(len(words) - 1, 0, -1):
            base = " ".join(words[:cut])
            if all(w in suffixes for w in words[cut:]) and base in merged and key in merged:
                merged[base].extend(merged.pop(key))
                merged[base].sort(key=lambda c: c.start)
                break
    return merged
