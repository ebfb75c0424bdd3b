"""Organisations known by a name that hides their kind: "Опора России", "Деловая Россия" are
business associations, whatever case or capitals the post writes them in ("ОПОРЫ РОССИИ",
"«Деловой России»")."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.resources import lines

_WORD_RE = re.compile(r"[А-ЯЁа-яёA-Za-z-]+")


def _lemmas(doc: Doc, name: str) -> tuple[str, ...]:
    return tuple(doc.morph.lemma(w.lower()).replace("ё", "е") for w in _WORD_RE.findall(name))


def known_association(doc: Doc, name: str) -> str:
    """The canonical spelling of a known association named by ``name``, or ""."""
    core = re.sub(r"[«»\"“”„]", " ", name)
    found = _lemmas(doc, core)
    for canonical in lines("known_associations"):
        if found and found == _lemmas(doc, canonical):
            return canonical
    return ""
