"""Descriptive organisation names without quotes: "завод бурового оборудования", "центр
компетенций …" — a head noun of an organisation kind with its genitive tail, in the nominative."""

from __future__ import annotations

import re
from functools import cache

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.candidates import (
    STRENGTH_NER,
    Candidate,
    Found,
    candidate_key,
    only_plural_adjective,
    plural_common_head,
)
from govdigest.extraction.organisations.forms import (
    former_before,
    is_generic_adjective,
    is_pronoun_adjective,
    nominative_keeping_place_tails,
)
from govdigest.extraction.organisations.institutions import (
    academy_abbreviation,
    partner_context,
    partner_heads,
)
from govdigest.extraction.organisations.name_tails import EPONYM_WORDS, eponym_tail, place_tail
from govdigest.extraction.resources import pairs, word_set

COORDINATION_RE = re.compile(r"\s*(?:,|и|,\s*а\s+также)\s*")


# Genitive complement of a descriptive name: "завод бурового оборудования" (adjective + noun).
MAX_TAIL_WORDS = 3


NOT_NAME_START_POS = frozenset(
    {"VERB", "INFN", "GRND", "PRTS", "ADVB", "PREP", "CONJ", "PRCL", "NPRO"}
)


def coordinated_with_company(doc: Doc, found: Found, pos: int) -> bool:
    # "сетей «Сибирский лабаз» и «Обской гастроном»": a quoted name joined by "и" or a comma
    # to a company is a company too.
    for cand in found.items:
        gap = doc.text[cand.stop : pos]
        if cand.stop <= pos and COORDINATION_RE.fullmatch(gap):
            return True
    return False


# Endings of place names and of adjectives made from them (-ская, -ского, -ье, -ья, -ск).
# Also a region's colloquial name ("Брянщины", "Речитчиной"): "-щина/-чина" declined.
_PLACE_SHAPE_RE = re.compile(
    r"(?:[сц]к(?:ая|ой|ий|ого|ому|ую|ие|их|им|ими|ом|е|а|у)?|ь[еяию]|[щч]ин(?:а|ы|е|у|ой))$"
)


def common_word_org(doc: Doc, words: list[str]) -> bool:
    """NER's false organisations: a lone common word ("Промпроизводство", "УЗИ"), a plural
    group ("Оренбургские предприятия", "IT-компаний") or a place followed by lower-case words
    ("в Новокаменске завода …")."""
    first = words[0]
    parses = doc.morph.parse(first.lower())
    if parses and parses[0].tag.POS in NOT_NAME_START_POS:
        return True  # "Осмотрел линию": a verb never starts an organisation's name
    head_first = (
        len(words) > 1
        and doc.morph.lemma(first.lower()) in _kind_head_lemmas()
        and any(p.tag.POS == "NOUN" and p.tag.number == "sing" for p in parses[:2])
    )
    # "Агентство стратегических инициатив": a plural genitive after a kind's head is its task
    if not head_first and (
        plural_common_head(doc, words[-1])
        or any(only_plural_adjective(doc, w) for w in words[:-1])
    ):
        return True
    proper = {"Orgn", "Trad", "Name", "Surn"}
    if len(words) == 1:
        known = word_set("known_orgs")
        if first.lower() in known or doc.morph.lemma(first.lower()) in known:
            return False  # "с руководством Сбербанка": a well-known name, declined
        if not doc.morph.is_known(first):
            # "Алтанской", "Тихоречья", "Прииртышск": an unknown word shaped like a place or
            # its adjective is a region NER mistook; a company alone is never written so.
            return bool(_PLACE_SHAPE_RE.search(first)) and first[1:].islower()
        if first[1:].lower() != first[1:] and not first.isupper():
            return False  # internal capitals: "ЭлМетро", "ТрансЛогистик"
        return not any(proper & set(p.tag.grammemes) for p in parses)
    return any("Geox" in p.tag for p in parses[:1]) and words[1].islower()


@cache
def _kind_head_lemmas() -> frozenset[str]:
    """One-word heads of ``org_kinds`` ("агентство", "союз", "фонд", "университет")."""
    return frozenset(w.lower() for w, _kind in pairs("org_kinds") if " " not in w)


# Heads that name an organisation only with a genitive complement and as a member or a
# counterparty: "с Северным центром судостроения и судоремонта" (never "Озёрский центр").
_GATED_HEADS = frozenset({"центр"})


# A descriptive group followed by a lower-case "по …" complement and a quoted name is that
# name's designator: "Государственная корпорация по атомной энергии «Росатом»".
_DESIGNATES_QUOTED_RE = re.compile(r"\s+по(?:\s+[а-яё-]+){1,4}\s*[«\"]")


def designates_quoted(doc: Doc, stop: int) -> bool:
    """Whether a group ending at ``stop`` is the designator of the quoted name after it."""
    return bool(_DESIGNATES_QUOTED_RE.match(doc.text, stop))


def descriptive_names(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    """Capitalised adjective group + organisation head ("Челябинский компрессорный завод")."""
    partners = partner_heads()
    heads = word_set("org_heads") | partners | _GATED_HEADS
    words = doc.words
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if not (w.text[:1].isupper() and _singular_name_adjective(doc, w.text)):
            i += 1
            continue
        j = i + 1
        while (
            j < n
            and j - i < 4
            and words[j].text.islower()
            and doc.morph.lemma(words[j].text) not in heads
            and doc.morph.has_pos(words[j].text, frozenset({"ADJF"}))
            and not doc.text[words[j - 1].stop : words[j].start].strip()
        ):
            j += 1
        if (
            j < n
            and (words[j].text.islower() or _title_case_name(doc, i, j))
            and doc.morph.lemma(words[j].text.lower()) in heads
            and _can_be_singular(doc, words[j].text.lower())
            and not doc.text[words[j - 1].stop : words[j].start].strip()
        ):
            k = _genitive_tail(doc, j + 1)
            partner = doc.morph.lemma(words[j].text.lower()) in partners
            if partner:
                # "Региональный союз туриндустрии Озёрской области": the place is the name's.
                k = place_tail(doc, k)
            gated = doc.morph.lemma(words[j].text.lower()) in _GATED_HEADS
            k = academy_abbreviation(doc, k) if gated and k == j + 1 else k  # "… центр РАН"
            if gated and k == j + 1:
                i = k
                continue  # "Озёрский центр" alone: a venue or a service, no named party
            eponym_end = eponym_tail(doc, k)
            start, stop = words[i].start, words[eponym_end - 1].stop
            if former_before(doc, start):
                blocked.append((start, stop))
                i = eponym_end
                continue  # "на площадке бывшего Озёрского кирпичного завода": a site
            if (
                (partner or gated)
                and not partner_context(doc, start)
                and not coordinated_with_company(doc, found, start)
            ):
                i = eponym_end
                continue  # a university whose students are met is no party to the mission
            if designates_quoted(doc, stop):
                i = eponym_end
                continue  # "Государственной корпорацией по атомной энергии «Росатом»": a kind
            if not found.overlaps(start, stop) and not any(a <= start < b for a, b in blocked):
                group = [x.text for x in words[i:k]]
                name = " ".join(nominative_keeping_place_tails(doc, group))
                if eponym_end > k:
                    name += " " + doc.text[words[k].start : stop]
                found.add(Candidate(start, stop, name, candidate_key(doc, name), STRENGTH_NER))
            i = eponym_end
            continue
        i += 1


# A place adjective that pymorphy reads as a surname first ("Тальским", "Озёрским").
_SINGULAR_PLACE_ADJECTIVE_RE = re.compile(r"[сц]к(?:ий|ого|ому|им|ом|ая|ой|ую|ое)$")


def _singular_name_adjective(doc: Doc, word: str) -> bool:
    """A capitalised singular adjective that can start a descriptive name."""
    if is_pronoun_adjective(doc, word) or is_generic_adjective(doc, word):
        return False
    if doc.morph.is_known(word.lower()) and doc.morph.best_pos(word.lower()) in NOT_NAME_START_POS:
        return False  # "Это головное предприятие …": a particle read as the adjective "это"
    if doc.morph.has_pos(word, frozenset({"ADJF"}), 0.1) and any(
        p.tag.number == "sing" for p in doc.morph.parse(word.lower()) if p.tag.POS == "ADJF"
    ):
        return True
    return bool(_SINGULAR_PLACE_ADJECTIVE_RE.search(word))


def _title_case_name(doc: Doc, i: int, j: int) -> bool:
    """ "Торгово-Промышленной Палаты …": a name written in title case, its head capitalised
    right after a capitalised adjective."""
    head = doc.words[j].text
    return j == i + 1 and head[:1].isupper() and head[1:].islower() and "-" in doc.words[i].text


def _can_be_singular(doc: Doc, word: str) -> bool:
    # "Оренбургские предприятия" are many organisations, not one named one.
    return any(p.tag.number == "sing" for p in doc.morph.parse(word) if p.tag.POS == "NOUN")


def _genitive_tail(doc: Doc, k: int) -> int:
    """End of a genitive complement: "завод электрооборудования", "завод бурового оборудования"."""
    words = doc.words
    end = k
    for n in range(k, min(k + MAX_TAIL_WORDS, len(words))):
        w = words[n]
        if not w.text.islower() or doc.text[words[n - 1].stop : w.start].strip():
            break
        if w.text in EPONYM_WORDS:
            break  # "университет имени …": the eponym is no genitive complement
        parses = doc.morph.parse(w.text)
        top = parses[0].tag.POS if parses else None
        if _title_before_name(doc, n):
            break  # "главы Тальской митрополии митрополита Исидора": the person's title
        if top == "NOUN" and parses[0].tag.case == "gent":
            end = n + 1  # "завод электрооборудования"; not "… завода перспективы развития"
        elif (
            w.text == "и"
            and end == n
            and _genitive_noun_at(doc, n + 1)
            and not _government_at(doc, n + 1)
        ):
            # "центр судостроения и судоремонта", "завод автоматизации и роботизации": two
            # coordinated genitive nouns both belong to the name.
            continue
        elif n == k and w.text == "по" and _activity_noun_at(doc, n + 1):
            # "Гайский завод по обработке цветных металлов": the plant's activity is its name's
            end = _genitive_tail(doc, n + 2) if n + 2 < len(words) else n + 2
            return max(end, n + 2)
        elif top not in ("ADJF", "PRTF") or not any(p.tag.case == "gent" for p in parses):
            break
    return end


# Nominalised activities after "по" in a plant's name: "по обработке", "по производству",
# "по переработке", "по выпуску" (never "по итогам", "по словам").
_ACTIVITY_SUFFIXES = ("ка", "ство", "ние", "ция", "пуск", "монт")
# "по сравнению с", "по поручению", "по приглашению": a circumstance, never an activity.
_NOT_ACTIVITIES = frozenset(
    {
        "сравнение",
        "отношение",
        "поручение",
        "приглашение",
        "решение",
        "направление",
        "мнение",
        "заявление",
        "предложение",
        "указание",
        "согласование",
        "окончание",
        "завершение",
        "состояние",
        "оценка",
    }
)


def _activity_noun_at(doc: Doc, n: int) -> bool:
    words = doc.words
    if n >= len(words) or not words[n].text.islower():
        return False
    if doc.text[words[n - 1].stop : words[n].start].strip():
        return False
    parses = doc.morph.parse(words[n].text)
    return any(
        p.tag.POS == "NOUN"
        and p.tag.case == "datv"
        and p.tag.number == "sing"
        and str(p.normal_form).endswith(_ACTIVITY_SUFFIXES)
        and str(p.normal_form) not in _NOT_ACTIVITIES
        for p in parses[:3]
    )


def _title_before_name(doc: Doc, n: int) -> bool:
    """A singular animate noun followed by a capitalised word: a person's title ("митрополита
    Тальского Исидора", "директора Петрова"), never the complement of a name."""
    words = doc.words
    if n + 1 >= len(words) or not words[n + 1].text[:1].isupper():
        return False
    parses = doc.morph.parse(words[n].text)
    return (
        bool(parses)
        and parses[0].tag.POS == "NOUN"
        and {"anim", "sing"} <= set(parses[0].tag.grammemes)
    )


def _government_at(doc: Doc, n: int) -> bool:
    """ "палаты и правительства области": the coordinated body is another party, not the name's
    complement."""
    return doc.morph.lemma(doc.words[n].text.lower()) in word_set("government_heads")


def _genitive_noun_at(doc: Doc, n: int) -> bool:
    if n >= len(doc.words) or not doc.words[n].text.islower():
        return False
    parses = doc.morph.parse(doc.words[n].text)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case == "gent"
