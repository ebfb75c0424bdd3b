"""Universities, institutes, chambers, associations and funds that are members of a delegation
or parties to an agreement: "руководство Озёрского государственного аграрного университета",
"зампред Союза машиностроителей России", "представители торгово-промышленной палаты Кедровска".
"""

from __future__ import annotations

import re
from functools import cache

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.candidates import (
    STRENGTH_NER,
    Candidate,
    Found,
    candidate_key,
)
from govdigest.extraction.organisations.kinds import is_university_abbreviation
from govdigest.extraction.organisations.name_tails import (
    ACADEMY_ABBREVIATIONS,
    academy_tail,
    adjacent,
    eponym_tail,
    genitive_tail,
    place_adjectives_before,
    place_after_alias,
    place_tail,
)
from govdigest.extraction.resources import pairs, word_set

# "торгово-промышленная палата", "торговая палата": a lower-case chamber named by its place.
_CHAMBER_ADJECTIVES = frozenset({"торгово-промышленный", "торговый"})


@cache
def _cues() -> tuple[frozenset[str], frozenset[str]]:
    sentence = frozenset(w for k, w in pairs("org_partner_cues") if k == "sentence")
    before = frozenset(w for k, w in pairs("org_partner_cues") if k == "before")
    return sentence, before


def partner_heads() -> frozenset[str]:
    return word_set("org_partner_heads")


def partner_context(doc: Doc, start: int) -> bool:
    """Whether the organisation named at ``start`` is a member or a counterparty."""
    sentence_cues, before_cues = _cues()
    before = doc.words_in(max(0, start - 40), start)
    if before and doc.morph.lemma(before[-1].text.lower()) in before_cues:
        return True
    sent = doc.sentence_at(start)
    if sent is None:
        return False
    return any(
        doc.morph.lemma(w.text.lower()) in sentence_cues
        for w in doc.words_in(sent.start, sent.stop)
    )


# Business heads that also start a name: "Корпорация развития Кедровской области".
_HEAD_FIRST_ONLY = frozenset({"корпорация", "центр"})


def head_first(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    """Names that start with their head noun: "Союз машиностроителей России", "Фонд развития
    промышленности", "Академия прикладных наук", and lower-case chambers named by a place
    ("торгово-промышленной палаты Кедровска")."""
    heads = partner_heads()
    words = doc.words
    for i, w in enumerate(words):
        lemma = doc.morph.lemma(w.text.lower())
        if lemma not in heads and not (lemma in _HEAD_FIRST_ONLY and w.text[:1].isupper()):
            continue
        start_index = i
        chamber_adjective: str | None = None
        if w.text.isupper() and len(w.text) > 1:
            # "Тальской ТПП", "ТПП Озёрской области", "ТПП республики"
            if (
                i > 0
                and adjacent(doc, i)
                and words[i - 1].text[:1].isupper()
                and doc.morph.has_pos(words[i - 1].text, frozenset({"ADJF"}))
            ):  # "Тальской ТПП", never "Председатель ТПП …" (a role opening the sentence)
                start_index = i - 1
                chamber_adjective = doc.morph.nominative_group([words[i - 1].text, "палаты"])[0]
            stop_index = place_tail(doc, genitive_tail(doc, i + 1))
            if stop_index == i + 1 and chamber_adjective is None:
                continue  # a bare "ТПП" names no chamber in particular
        elif w.text[:1].isupper():
            if i > 0 and adjacent(doc, i) and words[i - 1].text[:1].isupper():
                continue  # "Озёрский университет": the descriptive rule owns it
            start_index = place_adjectives_before(doc, i)
            tail = academy_tail(doc, genitive_tail(doc, i + 1))
            stop_index = place_tail(doc, tail)
            if stop_index == i + 1:
                continue  # a lone capitalised "Союз" names nothing
        elif lemma == "палата" and i > 0 and adjacent(doc, i):
            adjective = doc.morph.lemma(words[i - 1].text.lower())
            if adjective not in _CHAMBER_ADJECTIVES or not words[i - 1].text.islower():
                continue
            start_index = i - 1
            stop_index = place_tail(doc, i + 1)
            if stop_index == i + 1:
                continue  # "торговой палаты" without a place is no name
        else:
            continue
        stop_index = eponym_tail(doc, stop_index)
        place_stop = place_after_alias(doc, stop_index)
        start, stop = words[start_index].start, words[stop_index - 1].stop
        if found.overlaps(start, stop) or any(a < stop and start < b for a, b in blocked):
            continue
        if not partner_context(doc, start):
            continue
        head_end = i + 1
        group = [x.text for x in words[start_index:head_end]]
        rest = doc.text[words[i].stop : stop].strip()
        if chamber_adjective is not None:
            name = " ".join([chamber_adjective, w.text, rest]).strip()
        elif len(group) == 1 and not w.text.isupper():
            # "Ассоциации …", "Фонда …": one organisation, never the plural nominative
            name = " ".join([_agency_nominative(doc, w.text), rest]).strip()
        else:
            name = " ".join([*doc.morph.nominative_group(group), rest]).strip()
        if place_stop is not None:
            # "Союза промышленников и предпринимателей (СПП) Кедровской области": the place
            # after the bracketed alias closes the name
            place = doc.text[words[stop_index + 1].start : words[place_stop - 1].stop]
            name, stop = f"{name} {place}", words[place_stop - 1].stop
        found.add(Candidate(start, stop, name, candidate_key(doc, name), STRENGTH_NER))


def university_abbreviations(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    """A university named only by its abbreviation ("ректор ЗарГУ", "(ТюмГУ)") in a member or
    counterparty context; a bare mention ("выпускник МГУ") is not enough."""
    for w in doc.words:
        if not is_university_abbreviation(w.text) or found.overlaps(w.start, w.stop):
            continue
        if any(a < w.stop and w.start < b for a, b in blocked):
            continue
        if partner_context(doc, w.start):
            found.add(Candidate(w.start, w.stop, w.text, candidate_key(doc, w.text), STRENGTH_NER))


# "с руководством ЧЭАЗа", "гендиректор КМЗ": a company named only by its (declined)
# abbreviation as a member or a party; the capitals are its name.
_DECLINED_ABBR_RE = re.compile(r"^[А-ЯЁ]{3,6}(?:а|у|ом|е)$")


def declined_abbreviations(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    for w in doc.words:
        if not _DECLINED_ABBR_RE.match(w.text) or found.overlaps(w.start, w.stop):
            continue
        if any(a < w.stop and w.start < b for a, b in blocked) or doc.morph.is_known(
            w.text.lower()
        ):
            continue
        before = doc.words_in(max(0, w.start - 30), w.start)
        if before and doc.morph.lemma(before[-1].text.lower()) in _cues()[1]:
            name = w.text.rstrip("аеуом")
            found.add(Candidate(w.start, w.stop, name, candidate_key(doc, name), STRENGTH_NER))


# An agency of the federal government: a federal name ("Росавиация") or "… России/РФ".
_FEDERAL_MARKERS = frozenset({"России", "РФ", "Российской"})
_AGREEMENT_LEMMAS = frozenset({"соглашение", "меморандум", "договор", "подписать", "подписание"})
_PARTY_BEFORE = frozenset({"с", "со", "и", "между"})
_MEMBER_BEFORE = frozenset({"из", "представитель", "коллега", "сотрудник", "специалист"})


def federal_agencies(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    """A federal ministry or agency that is a party to an agreement: "соглашение с
    Минпромторгом России" → "Минпромторг России" (a meeting with it is not enough)."""
    agencies = word_set("federal_agencies")
    words = doc.words
    for i, w in enumerate(words):
        lemma = doc.morph.lemma(w.text.lower())
        if not w.text[:1].isupper() or (lemma not in agencies and w.text.lower() not in agencies):
            continue
        stop_index = i + 1
        if i + 1 < len(words) and adjacent(doc, i + 1) and words[i + 1].text in _FEDERAL_MARKERS:
            stop_index = i + 2
        elif not lemma.startswith("рос"):
            continue  # "Минпромторг" alone may be a region's ministry
        start, stop = w.start, words[stop_index - 1].stop
        if found.overlaps(start, stop) or any(a < stop and start < b for a, b in blocked):
            continue
        sent = doc.sentence_at(start)
        if sent is None:
            continue
        lemmas = {doc.morph.lemma(x.text.lower()) for x in doc.words_in(sent.start, sent.stop)}
        before = doc.words_in(max(sent.start, start - 20), start)
        before_lemma = doc.morph.lemma(before[-1].text.lower()) if before else ""
        party = bool(lemmas & _AGREEMENT_LEMMAS) and (not before or before_lemma in _PARTY_BEFORE)
        # "вместе с коллегами из Минпромторга России", "представители Минпромторга России":
        # people of the agency travel with the delegation (a minister met is not enough).
        member = before_lemma in _MEMBER_BEFORE
        if not party and not member:
            continue
        head = w.text if w.text.isupper() else _agency_nominative(doc, w.text)
        name = " ".join([head, *(x.text for x in words[i + 1 : stop_index])])
        found.add(Candidate(start, stop, name, candidate_key(doc, name), STRENGTH_NER))


def _agency_nominative(doc: Doc, word: str) -> str:
    lemma = doc.morph.lemma(word.lower())
    if lemma != word.lower() and word.lower().startswith(lemma):
        return word[: len(lemma)]  # "Минпромторга" → "Минпромторг", keeping inner capitals
    if lemma == word.lower() or not doc.morph.is_known(word.lower()):
        return word
    return word[:1] + lemma[1:]


def academy_abbreviation(doc: Doc, k: int) -> int:
    """End of an academy's abbreviation right after a name: "Кедровский научный центр РАН"."""
    words = doc.words
    for size in (2, 1):
        if (
            k + size <= len(words)
            and all(adjacent(doc, n) for n in range(k, k + size))
            and " ".join(w.text for w in words[k : k + size]) in ACADEMY_ABBREVIATIONS
        ):
            return k + size
    return k
