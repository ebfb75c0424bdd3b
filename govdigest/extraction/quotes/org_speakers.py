"""Organisations as speakers: press services, a message's owner, institutions, companies.

"— сообщили в пресс-службе правительства края", "— говорится в сообщении министерства",
"как сообщают в областной администрации", "…, уточнили в компании". Split from speakers.py,
which resolves people and re-exports ``Speaker``, ``NOBODY`` and ``PRESS_ROLE`` from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People
from govdigest.extraction.resources import word_set

PRESS_ROLE = "пресс-служба"


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None = None


NOBODY = Speaker(None, None)


# An organisation speaking through its press service: "сообщили в пресс-службе АО «Ромашка»".
_PRESS_RE = re.compile(
    r"пресс-служб\w*((?:\s+(?:[а-яё-]+\s+){0,2}(?:[А-ЯЁA-Z][\w-]*\s+)*«[^«»]+(?:«[^«»]+»)?[^«»]*»)"
    r"|(?:\s+(?:[а-яё-]+|[А-ЯЁ][\w-]+)){1,4})"
)
# "— цитирует губернатора пресс-служба", "приводит слова губернатора": the press service only
# relays the words of the person it quotes.
_QUOTING_RE = re.compile(r"\bцитиру\w*|\bпривод\w*\s+слова|\bпривел\w*\s+слова|\bпривёл\s+слова")
# "— рассказали в пресс-службе.": the bare noun, owner named earlier in the text.
_BARE_PRESS_RE = re.compile(r"пресс-служб\w*\s*(?:[.,;!?]|$)")
# "как сообщили в компании": a plural speech verb with an organisation noun refers back to the
# organisation whose press service spoke last.
_ORG_BACKREF_RE = re.compile(r"\b(?:в|на)\s+(?:компании|предприятии|холдинге|корпорации|заводе)\b")


# "как сообщают в областной администрации", "отметили в министерстве промышленности края": a
# plural verb with a named institution is that institution speaking (heads in a data file).
_INSTITUTION_RE = re.compile(
    r"\b(?:[Вв]|[Вв]о|[Нн]а)\s+((?:[а-яё-]+\s+){0,2}?([а-яё-]+)(?:\s+[А-ЯЁа-яё-]+){0,4})"
)
# "— говорится в сообщении министерства промышленности края": the owner of the message, in
# the genitive after the noun, is the speaker.
_MESSAGE_SOURCE_RE = re.compile(
    r"\b[Вв]\s+(?:сообщении|заявлении|пресс-релизе|релизе|обращении|комментарии)"
    r"(?:\s+((?:[а-яё-]+\s+){0,2}?[а-яё-]+(?:\s+[А-ЯЁа-яё-]+){0,4}))?"
)


# "ООО «Боровской агрокомбинат»", "компания «Кедрснаб»": a company named with its legal form or
# a generic noun and a quoted name.
_NAMED_COMPANY_RE = re.compile(
    r"\b(?P<form>ООО|АО|ПАО|ЗАО|ОАО|НАО|АНО|ГК|компани[яиюей]|предприяти[еяюи]|холдинг[аеуом]*)"
    r"\s+«(?P<name>[^«»]+(?:«[^«»]+»)?[^«»]*)»"
)
# How far back (characters) "уточнили в компании" may look for the company it means: about a
# paragraph; sentences are no measure, as a quoted speech between may hold several.
COMPANY_BACKREF_CHARS = 600


def _named_company_before(doc: Doc, before: int) -> Speaker:
    """ "…, уточнили в компании." with no press service quoted earlier: the company named last in
    the preceding sentences, when exactly one is named there (else nobody)."""
    window = max(0, before - COMPANY_BACKREF_CHARS)
    names: list[str] = []
    for m in _NAMED_COMPANY_RE.finditer(doc.text, window, before):
        form = m.group("form")
        name = f"{form} «{m.group('name')}»" if form.isupper() else m.group("name")
        if name not in names:
            names.append(name)
    return Speaker(names[0], None) if len(names) == 1 else NOBODY


def _institution_speaker(doc: Doc, start: int, stop: int) -> Speaker:
    for m in _INSTITUTION_RE.finditer(doc.text, start, stop):
        return _institution_group(doc, m.group(1).split())
    return NOBODY


def _institution_group(doc: Doc, words: list[str], genitive: bool = False) -> Speaker:
    """An institution's name from the words after its preposition, in the nominative."""
    heads = word_set("speaker_institutions")
    for i, w in enumerate(words):
        if doc.morph.lemma(w.lower()) in heads:
            # Keep the adjectives before the head and a genitive tail after it, up to
            # the next verb ("в областной администрации уточнили" → "областная администрация").
            tail = words[i + 1 :]
            cut = next(
                (
                    k
                    for k, x in enumerate(tail)
                    if doc.morph.best_pos(x.lower()) != "NOUN"
                    and doc.morph.best_pos(x.lower()) not in ("ADJF", "ADJS")
                ),
                len(tail),
            )
            group = doc.morph.nominative_group(words[: i + 1])
            if group[-1] == w:
                # "в приёмной губернатора": a substantivised adjective the grouping leaves
                # as it is; its head lemma is the nominative.
                group[-1] = doc.morph.lemma(w.lower())
            return Speaker(" ".join([*group, *tail[:cut]]), None)
        if genitive and doc.morph.best_pos(w.lower()) not in ("ADJF", "ADJS"):
            break
    return NOBODY


def _press_named_before(doc: Doc, before: int) -> Speaker:
    """The press service named with its owner last before ``before``, when exactly one owner
    is named in the text before it (else nobody: "пресс-служба" alone names no one)."""
    if doc.last_org_speaker is not None:
        return doc.last_org_speaker
    names: list[str] = []
    for m in _PRESS_RE.finditer(doc.text, 0, before):
        name = _press_name(doc, m.group(1))
        if name != PRESS_ROLE and name not in names:
            names.append(name)
    return Speaker(names[0], PRESS_ROLE) if len(names) == 1 else NOBODY


def _press_name(doc: Doc, raw: str) -> str:
    words = raw.split()
    # "в пресс-службе правительства края сообщили": the verb is not part of the name.
    while words and doc.morph.best_pos(words[-1].lower()) in ("VERB", "PREP", "CONJ"):
        words.pop()
    # "пресс-службе правительства края" → "пресс-служба правительства края".
    return " ".join(["пресс-служба", *words]).strip()


def organisation_speaker(
    doc: Doc, people: People, start: int, stop: int, anchor: int, plural: bool
) -> Speaker | None:
    """An organisation speaking in the clause: a press service, a message's owner, an institution
    with a plural verb. None when the clause is not an organisation's (a person may still be)."""
    # "— цитирует губернатора пресс-служба": the press service only relays the words of the
    # person (or role) it quotes, who is resolved below.
    quoting = bool(_QUOTING_RE.search(doc.text, start, stop))
    press = None if quoting else _PRESS_RE.search(doc.text, start, stop)
    if press:
        name = _press_name(doc, press.group(1))
        if name == PRESS_ROLE:
            # "— рассказали в пресс-службе." after "Об этом сообщили в пресс-службе
            # правительства республики": the bare noun refers back to the one named earlier.
            return _press_named_before(doc, min(start, anchor))
        return Speaker(name, PRESS_ROLE)
    if not quoting and _BARE_PRESS_RE.search(doc.text, start, stop):
        return _press_named_before(doc, min(start, anchor))
    message = _MESSAGE_SOURCE_RE.search(doc.text, start, stop)
    if message and not any(start <= m[0] < stop for m in people.mentions):
        if message.group(1) is None:
            # "— отмечается в сообщении." after a press service was named: its message.
            return _press_named_before(doc, min(start, anchor))
        source = _institution_group(doc, message.group(1).split(), genitive=True)
        if source.name is not None:
            return source
    if plural:
        # "уточнили у мэра журналисты", "рассказали местные жители": anonymous plural speakers.
        if _ORG_BACKREF_RE.search(doc.text, start, stop):
            if doc.last_org_speaker is not None:
                return doc.last_org_speaker
            return _named_company_before(doc, min(start, anchor))
        return _institution_speaker(doc, start, stop)
    return None
