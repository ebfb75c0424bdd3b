"""Organisations named only as a topic, a customer or a landmark: "затронут вопрос о
перспективах работы завода «…»", "вопрос о закупках продукции ОАО «…»", "оборудование для
ОАО «…»", "проехали мимо Тальского алюминиевого завода". The plant is what was talked about
or passed by, never a party to the mission; a name mentioned elsewhere in the post as well
keeps its place (see companies.py)."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc

# A topic noun with "о/об" and up to three lower-case words of the topic ("о перспективах
# работы"); no preposition "с" may stand in between: "вопрос о сотрудничестве с компанией «…»"
# names a partner, not a topic. A customer ("оборудование для ОАО «…»") or a landmark ("мимо
# Тальского завода") follows its cue at once: "Оборудование для новой линии поставило ООО «…»"
# names the supplier.
_NAME_AHEAD = r"(?=(?-i:[A-ZА-ЯЁ])|[«\"]|(?:завод|комбинат|фабрик|предприяти|компани)\w*\s)"
_TOPIC_RE = re.compile(
    r"\b(?:(?:вопрос\w*|тем[аеуы]|судьб\w*)\s+(?:о|об|по)\s+"
    r"(?:(?!с\b|со\b)[а-яё-]+\s+){0,3}"
    r"|(?:оборудовани\w*|продукци\w*|техник\w*|комплектующ\w*)\s+для\s+"
    r"|мимо\s+)" + _NAME_AHEAD,
    re.IGNORECASE,
)
# The name ends at the first clause break after its closing quote (or after the cue when it
# is unquoted: "мимо Тальского алюминиевого завода, где …").
_CLAUSE_END_RE = re.compile(r"[,.;:!?\n]|\s(?:и|а|но)\s")
_QUOTE_LOOKAHEAD = 80


def topic_spans(doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _TOPIC_RE.finditer(doc.text):
        if re.search(r"\bс(?:о)?\s+\S*$", doc.text[m.start() : m.end()], re.IGNORECASE):
            continue
        end = m.end()
        close = doc.text.find("»", end, end + _QUOTE_LOOKAHEAD)
        quote_open = doc.text.find("«", end, end + _QUOTE_LOOKAHEAD)
        if quote_open != -1 and close != -1:
            end = close + 1
            while doc.text.startswith("»", end):
                end += 1
        stop = _CLAUSE_END_RE.search(doc.text, end)
        spans.append((m.start(), stop.start() if stop else len(doc.text)))
    return spans
