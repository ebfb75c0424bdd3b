"""Organisations named only in the background of a mission: a supporter of a project ("при
поддержке Фонда …", "проект имеет поддержку ПАО «…»"), an owner's or a group's plant ("компании
принадлежит …", "холдинг представлен в области предприятием …") or a fair's general partner
("Генеральным партнёром выставки станет ОАО «…»"). They back, own or sponsor what the mission
is about; they take no part in it. A name mentioned elsewhere in the post as well keeps its place
(see companies.py)."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc

# The cue, then the name at once (a capital, a quote or a legal form's capitals).
_BACKGROUND_RE = re.compile(
    r"(?:\bпри\s+(?:финансовой\s+)?поддержке\s+"
    r"|\bиме(?:ет|ют)\s+поддержку\s+"
    r"|\b(?:компании|холдингу|группе|корпорации|концерну)\s+(?:также\s+)?принадлеж(?:ит|ат)\s+"
    r"|\bпредставлен[оаы]?\s+(?:в\s+[А-ЯЁа-яё-]+\s+(?:[а-яё-]+\s+)?)?предприяти(?:ем|ями)\s+"
    r"|\b[Гг]енеральн(?:ым|ый)\s+партн[её]р(?:ом)?\s+(?:[а-яё-]+\s+){1,4}"
    r"(?:станет|стал[аио]?|выступ(?:ит|ает|ил[аио]?)|является)\s+)"
    r"(?=(?-i:[A-ZА-ЯЁ])|[«\"])",
)
# A background name runs to the end of its clause; "и" joins a second name of the same kind
# ("поддержку ПАО «…» и ПАО «…»") unless a verb's clause opens after it.
_CLAUSE_END_RE = re.compile(r"[,.;:!?\n]|\s(?:а|но)\s|\sи\s+(?=[а-яё])")


def background_spans(doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _BACKGROUND_RE.finditer(doc.text):
        end = m.end()
        # a quoted name may hold a comma or a full stop of its own only inside its quotes
        closing = re.match(r"[^«»\n]{0,60}«[^«»\n]{0,60}»+", doc.text[end:])
        if closing:
            end += closing.end()
        stop = _CLAUSE_END_RE.search(doc.text, end)
        spans.append((m.start(), stop.start() if stop else len(doc.text)))
    return spans
