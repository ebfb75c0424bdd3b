"""Tails that close an organisation's name after its head: a genitive complement ("Союза
машиностроителей"), coordinated plural genitives, an academy, an eponym ("имени …") and a
genitive place ("… Озёрской области", "… России")."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc

# Region nouns of a genitive place tail: "… Озёрской области", "… Тальского края".
_REGION_NOUNS = frozenset({"область", "край", "республика", "округ", "район"})
# A country or a republic by its abbreviation closing a name: "Корпорация развития ЧР".
_COUNTRY_ABBREVIATIONS = frozenset(
    {"РФ", "ЧР", "РТ", "РБ", "РД", "РК", "РМ", "РА", "РХ", "УР", "КБР", "КЧР", "ДНР", "ЛНР", "РСО"}
)
# Genitive endings of an unknown town or a colloquial region: "Кедровска", "Озёрья".
_UNKNOWN_PLACE_GENITIVES = ("ска", "ова", "ева", "ина", "ья")
# Academies whose abbreviation completes a research centre's name: "научный центр РАН".
ACADEMY_ABBREVIATIONS = frozenset({"РАН", "РАО", "РАХ", "НАН", "СО РАН", "УрО РАН", "ДВО РАН"})
MAX_TAIL_WORDS = 3


def _is_genitive(doc: Doc, word: str, pos: frozenset[str]) -> bool:
    return any(p.tag.case == "gent" and p.tag.POS in pos for p in doc.morph.parse(word.lower()))


def adjacent(doc: Doc, k: int) -> bool:
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
        if not w.islower() or not adjacent(doc, n) or w in EPONYM_WORDS:
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
        and adjacent(doc, n)
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
        if not adjacent(doc, n) or sum(ch.isupper() for ch in text) < 2 or not text[:1].isupper():
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
    if k >= len(words) or not adjacent(doc, k) or words[k].text not in EPONYM_WORDS:
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


def place_tail(doc: Doc, k: int, *, after_alias: bool = False) -> int:
    """End of a capitalised genitive place after a name: "России", "РФ", "Кедровска",
    "Озёрской области", "Республики Алтай" is left out (its second word is nominative).
    ``after_alias``: a bracketed alias stands before the place ("(СПП) Озёрской области")."""
    words = doc.words
    if k >= len(words) or not (after_alias or adjacent(doc, k)):
        return k
    w = words[k].text
    if w in _COUNTRY_ABBREVIATIONS:
        return k + 1
    if (
        w == "Республики"
        and k + 1 < len(words)
        and adjacent(doc, k + 1)
        and words[k + 1].text[:1].isupper()
    ):
        return k + 2  # "палаты Республики Тальской", "Республики Татарстан": kept as written
    if not w[:1].isupper() or w.isupper():
        return k
    if _COMPASS_COMPOUND_RE.match(w):
        return k + 1  # "Ассоциации производителей мебели Северо-Запада"
    if (
        k + 1 < len(words)
        and adjacent(doc, k + 1)
        and words[k + 1].text[:1].isupper()
        and doc.morph.lemma(words[k + 1].text.lower()) in _MACRO_REGION_NOUNS
        and _is_genitive(doc, w, frozenset({"ADJF"}))
    ):
        if (
            k + 3 < len(words)
            and words[k + 2].text == "и"
            and adjacent(doc, k + 2)
            and adjacent(doc, k + 3)
            and words[k + 3].text[1:].islower()
            and any(
                "Geox" in p.tag and p.tag.case == "gent"
                for p in doc.morph.parse(words[k + 3].text.lower())
            )
        ):
            return k + 4  # "Корпорации развития Дальнего Востока и Арктики"
        return k + 2  # "Ассоциации рыбопромышленников Дальнего Востока", "Северного Кавказа"
    if (
        k + 1 < len(words)
        and adjacent(doc, k + 1)
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


def place_adjectives_before(doc: Doc, i: int) -> int:
    """ "Кедровским областным Союзом …": a capitalised adjective and lower-case adjectives
    right before a capitalised head open its name; else the head itself does."""
    words = doc.words
    k = i
    while k > 0 and i - k < 2 and adjacent(doc, k) and words[k - 1].text.islower():
        if not doc.morph.has_pos(words[k - 1].text, frozenset({"ADJF"})):
            break
        k -= 1
    if k == i or k == 0 or not adjacent(doc, k):
        return i
    first = words[k - 1].text
    if (
        first[:1].isupper()
        and first[1:].islower()
        and doc.morph.has_pos(first, frozenset({"ADJF"}))
    ):
        return k - 1
    return i


def place_after_alias(doc: Doc, k: int) -> int | None:
    """The end of a genitive place after a bracketed abbreviation that follows word ``k - 1``
    ("Союза … (СПП) Кедровской области"), or None."""
    words = doc.words
    if k + 1 >= len(words) or not words[k].text.isupper():
        return None
    opens = doc.text[words[k - 1].stop : words[k].start]
    closes = doc.text[words[k].stop : words[k + 1].start]
    if opens.strip() != "(" or closes.strip() != ")":
        return None
    end = place_tail(doc, k + 1, after_alias=True)
    return end if end > k + 1 else None
