"""Binding a role phrase to the person named right after or before it (split out of people.py,
round 8): "губернатор Кедровской области Павел Журавин" gives Журавин the role, "Губернатор об
отставке заместителя X" and "Губернатор края на встрече с X" do not."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govdigest.extraction.doc import Doc
from govdigest.extraction.roles import role_after, role_before, role_text

if TYPE_CHECKING:
    from govdigest.extraction.people import PersonEntity


def _complement_lemmas(doc: Doc, complement: str) -> frozenset[str]:
    return frozenset(doc.morph.lemma(w.lower()) for w in re.findall(r"\w+", complement))


def _case_clash(doc: Doc, role_start: int, start: int, stop: int) -> bool:
    """The role word reads only in an oblique case, the name's first word reads best as a
    nominative and its last word shares no case with the role word."""
    role_words = doc.text[role_start:start].split()
    name_words = doc.text[start:stop].split()
    if not role_words or len(name_words) < 2:
        return False
    head = {p.tag.case for p in doc.morph.parse(role_words[0].lower()) if p.tag.case}
    first = doc.morph.parse(name_words[0].lower())
    last = {p.tag.case for p in doc.morph.parse(name_words[-1].lower()) if p.tag.case}
    if not head or "nomn" in head or not first or not last:
        return False
    return first[0].tag.case == "nomn" and not head & last


_TOPIC_PREPOSITIONS = frozenset({"о", "об", "обо", "про"})
_GOVERNING_PREPOSITIONS = frozenset({"с", "со", "к", "ко", "у", "для", "при", "перед", "от"})


def _governed_name(between: str) -> bool:
    words = between.split()
    return len(words) > 1 and words[-1].lower() in _GOVERNING_PREPOSITIONS


def bind_role(
    doc: Doc, entity: PersonEntity, start: int, stop: int, spans: list[tuple[int, int]]
) -> None:
    before = role_before(doc, start)
    match = before or role_after(doc, stop)
    if match is None:
        return
    if match.complement.split()[:1] and match.complement.split()[0].lower() in _TOPIC_PREPOSITIONS:
        # "Губернатор об увольнении своего заместителя Константина Полесова:": the name is
        # what the role-holder talks about, not the role-holder.
        return
    if before is not None and _governed_name(doc.text[before.start : start]):
        # "Губернатор края на встрече с Ласточкиным": a preposition right before the name governs
        # it; the name is whom the role-holder met, not the role-holder.
        return
    if before is not None and _case_clash(doc, before.start, start, stop):
        # "отметил в рамках встречи с послом Арман Тасыбеков": an instrumental role and a
        # nominative name do not agree; the role belongs to somebody else (or nobody).
        return
    if before is not None:
        spans.append((before.start, start))
    else:
        spans.append((match.start, match.stop + len(match.complement) + 2))
    text = role_text(match)
    lemmas = _complement_lemmas(doc, match.complement)
    if entity.role is None:
        entity.role, entity.role_class, entity.role_lemmas = text, match.phrase.role_class, lemmas
        entity.role_phrase = match.phrase.canonical
    elif entity.role_class == match.phrase.role_class:
        # "Губернатор Олег Дёмин" then "Губернатор Кедровской области Олег Дёмин":
        # the fuller statement of the same role wins; region words accumulate for matching.
        if len(text) > len(entity.role):
            entity.role = text
        entity.role_lemmas = entity.role_lemmas | lemmas
