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
from govdigest.extraction.resources import pairs, word_set

# Region nouns of a genitive place tail: "… Озёрской области", "… Тальского края".
_REGION_NOUNS = frozenset({"область", "край", "республика", "округ", "район"})
# A country or a republic by its abbreviation closing a name: "Корпорация развития ЧР".
_COUNTRY_ABBREVIATIONS = frozenset(
    {"РФ", "ЧР", "РТ", "РБ", "РД", "РК", "РМ", "РА", "РХ", "УР", "КБР", "КЧР", "ДНР", "ЛНР", "РСО"}
)
# Genitive endings of an unknown town or a colloquial region: "Кедровска", "Озёрья".
_UNKNOWN_PLACE_GENITIVES = ("ска", "ова", "ева", "ина", "ья")
# Academies whose abbreviation completes a research centre's name: "научный центр РАН".
_ACADEMY_ABBREVIATIONS = frozenset({"РАН", "РАО", "РАХ", "НАН", "СО РАН", "УрО РАН", "ДВО РАН"})
MAX_TAIL_WORDS = 3
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


def _is_genitive(doc: Doc, word: str, pos: frozenset[str]) -> bool:
    return any(p.tag.case == "gent" and p.tag.POS in pos for p in doc.morph.parse(word.lower()))


def _adjacent(doc: Doc, k: int) -> bool:
    words = doc.words
    return 0 < k < len(words) and not doc.text[words[k - 1].stop : words[k].start].strip()


# Words that end a genitive complement whatever rare noun reading the dictionary gives them.
_TAIL_STOP_POS = frozenset({"CONJ", "PREP", "PRCL", "NPRO"})


def genitive_tail(doc: Doc, k: int) -> int:
    """End of a lower-case genitive complement: "союз машиностроителей", "фонд развития
    промышленности", "палата туриндустрии"."""
    words = doc.words
    end = k
    for n in range(k, min(k + MAX_TAIL_WORDS, len(words))):
        w = words[n].text
        if not w.islower() or not _adjacent(doc, n) or w in EPONYM_WORDS:
            break
        if doc.morph.best_pos(w) in _TAIL_STOP_POS:
            break  # "Фондом развития промышленности и …": "и" read as a letter's name (a noun)
        if _is_genitive(doc, w, frozenset({"NOUN"})):
            end = n + 1
        elif not _is_genitive(doc, w, frozenset({"ADJF", "PRTF"})):
            break
    if end > k and _abbreviation_complement(doc, end):
        return end + 1  # "Союз участников отраслей ВЭД": the field named by its abbreviation
    return _coordinated_plurals(doc, end) if end > k else end


def _abbreviation_complement(doc: Doc, n: int) -> bool:
    words = doc.words
    return (
        n < len(words)
        and _adjacent(doc, n)
        and 2 <= len(words[n].text) <= 5
        and words[n].text.isupper()
        and words[n].text not in _COUNTRY_ABBREVIATIONS
        and _plural_genitive(doc, words[n - 1].text)
    )


MAX_COORDINATED = 4


def _plural_genitive(doc: Doc, word: str) -> bool:
    return any(
        p.tag.POS == "NOUN" and p.tag.case == "gent" and p.tag.number == "plur"
        for p in doc.morph.parse(word)
    )


def _coordinated_plurals(doc: Doc, end: int) -> int:
    """ "Ассоциации кластеров, технопарков и ОЭЗ России": plural genitives (or abbreviations)
    coordinated after a plural genitive complement belong to the name when an "и" closes the
    enumeration; a singular genitive after a comma ("…, правительства области") is the next
    item of a list."""
    words = doc.words
    if not _plural_genitive(doc, words[end - 1].text):
        return end
    n = end
    for _ in range(MAX_COORDINATED):
        if n + 1 >= len(words):
            break
        gap = doc.text[words[n - 1].stop : words[n].start]
        closing = words[n].text == "и" and not gap.strip()
        if not closing and gap.strip() != ",":
            break
        item = n + 1 if closing else n
        text = words[item].text
        if not (text.islower() and _plural_genitive(doc, text)) and not (
            closing and text.isupper() and len(text) > 1
        ):
            break
        n = item + 1
        if closing:
            return n
    return end


# The academy a research institute belongs to: "Институт химии УрО РАН", "… СО РАН".
_ACADEMIES = frozenset({"РАН", "РАО", "РАМН", "РАСХН"})


def academy_tail(doc: Doc, k: int) -> int:
    words = doc.words
    for n in (k, k + 1):
        text = words[n].text if n < len(words) else ""
        if not _adjacent(doc, n) or sum(ch.isupper() for ch in text) < 2 or not text[:1].isupper():
            return k
        if words[n].text in _ACADEMIES:
            return n + 1
    return k


# "… университет имени Петра Лаптева", "… институт им. Д. И. Лаптева": the eponym is part of the
# name and stays in the genitive as written.
EPONYM_WORDS = frozenset({"имени", "им"})
_EPONYM_GAP_RE = re.compile(r"\.?\s{1,2}")
# Initials glued into one token: "Н.Г. Лаптева".
_GLUED_INITIALS_RE = re.compile(r"[А-ЯЁ](?:\.[А-ЯЁ])+")
MAX_EPONYM_WORDS = 5
_EPONYM_TITLES = frozenset(
    {"профессора", "академика", "адмирала", "генерала", "святого", "императрицы", "императора"}
    | {"маршала", "космонавта", "князя", "святителя", "патриарха"}
)
# A regnal number closes an eponym: "имени императрицы Екатерины II".
_REGNAL_NUMBERS = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII"})


def eponym_tail(doc: Doc, k: int) -> int:
    """End of an "имени …" tail after a name that ends before word ``k``: initials, then a
    first name and a surname or a surname alone, all capitalised."""
    words = doc.words
    if k >= len(words) or not _adjacent(doc, k) or words[k].text not in EPONYM_WORDS:
        return k
    end = k
    full_words = 0
    for n in range(k + 1, min(k + 1 + MAX_EPONYM_WORDS, len(words))):
        text = words[n].text
        gap = doc.text[words[n - 1].stop : words[n].start]
        if text.lower() in _EPONYM_TITLES and not full_words:
            end = n + 1  # "имени профессора И. П. Павлова", "имени академика …"
            continue
        if full_words and text in _REGNAL_NUMBERS and _EPONYM_GAP_RE.fullmatch(gap):
            end = n + 1
            break
        initials = len(text) == 1 or bool(_GLUED_INITIALS_RE.fullmatch(text))
        if not text[:1].isupper() or (text.isupper() and not initials):
            break
        if not _EPONYM_GAP_RE.fullmatch(gap):
            break
        if not initials:
            if full_words and not _is_genitive(doc, text, frozenset({"NOUN"})):
                break
            full_words += 1
        end = n + 1
        if full_words == 2:
            break
    return end if full_words else k


# A macro-region closing a name: "Северо-Запада", "Юго-Востока" (one hyphenated word) or an
# adjective and a capitalised compass or mountain noun ("Дальнего Востока", "Северного Кавказа").
_COMPASS_COMPOUND_RE = re.compile(r"^(?:Северо|Юго)-(?:[Зз]апад|[Вв]осток)а$")
_MACRO_REGION_NOUNS = frozenset({"восток", "запад", "север", "юг", "кавказ", "урал"})


def place_tail(doc: Doc, k: int) -> int:
    """End of a capitalised genitive place after a name: "России", "РФ", "Кедровска",
    "Озёрской области", "Республики Алтай" is left out (its second word is nominative)."""
    words = doc.words
    if k >= len(words) or not _adjacent(doc, k):
        return k
    w = words[k].text
    if w in _COUNTRY_ABBREVIATIONS:
        return k + 1
    if (
        w == "Республики"
        and k + 1 < len(words)
        and _adjacent(doc, k + 1)
        and words[k + 1].text[:1].isupper()
    ):
        return k + 2  # "палаты Республики Тальской", "Республики Татарстан": kept as written
    if not w[:1].isupper() or w.isupper():
        return k
    if _COMPASS_COMPOUND_RE.match(w):
        return k + 1  # "Ассоциации производителей мебели Северо-Запада"
    if (
        k + 1 < len(words)
        and _adjacent(doc, k + 1)
        and words[k + 1].text[:1].isupper()
        and doc.morph.lemma(words[k + 1].text.lower()) in _MACRO_REGION_NOUNS
        and _is_genitive(doc, w, frozenset({"ADJF"}))
    ):
        return k + 2  # "Ассоциации рыбопромышленников Дальнего Востока", "Северного Кавказа"
    if (
        k + 1 < len(words)
        and _adjacent(doc, k + 1)
        and doc.morph.lemma(words[k + 1].text.lower()) in _REGION_NOUNS
        and words[k + 1].text.islower()
        and _is_genitive(doc, w, frozenset({"ADJF"}))
    ):
        return k + 2
    parses = doc.morph.parse(w.lower())
    if (
        parses
        and parses[0].tag.POS == "NOUN"
        and "Geox" in parses[0].tag
        and any(p.tag.case == "gent" and "Geox" in p.tag for p in parses)
    ):
        return k + 1
    if not doc.morph.is_known(w.lower()) and w.lower().endswith(_UNKNOWN_PLACE_GENITIVES):
        return k + 1  # an unknown town in the genitive: "палаты Кедровска"
    return k


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
                and _adjacent(doc, i)
                and words[i - 1].text[:1].isupper()
                and doc.morph.has_pos(words[i - 1].text, frozenset({"ADJF"}))
            ):  # "Тальской ТПП", never "Председатель ТПП …" (a role opening the sentence)
                start_index = i - 1
                chamber_adjective = doc.morph.nominative_group([words[i - 1].text, "палаты"])[0]
            stop_index = place_tail(doc, genitive_tail(doc, i + 1))
            if stop_index == i + 1 and chamber_adjective is None:
                continue  # a bare "ТПП" names no chamber in particular
        elif w.text[:1].isupper():
            if i > 0 and _adjacent(doc, i) and words[i - 1].text[:1].isupper():
                continue  # "Озёрский университет": the descriptive rule owns it
            tail = academy_tail(doc, genitive_tail(doc, i + 1))
            stop_index = place_tail(doc, tail)
            if stop_index == i + 1:
                continue  # a lone capitalised "Союз" names nothing
        elif lemma == "палата" and i > 0 and _adjacent(doc, i):
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
        if i + 1 < len(words) and _adjacent(doc, i + 1) and words[i + 1].text in _FEDERAL_MARKERS:
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
            and all(_adjacent(doc, n) for n in range(k, k + size))
            and " ".join(w.text for w in words[k : k + size]) in _ACADEMY_ABBREVIATIONS
        ):
            return k + size
    return k
