"""Dictionaries and small predicates for organisation names (shared by quotes and companies)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from govdigest.extraction.doc import Doc
from govdigest.extraction.resources import lines, pairs, word_set

DesignatorKind = Literal["legal", "kept", "dropped", "non_org"]
# Words before an opening quote that we inspect for a designator ("группы компаний «…»").
MAX_DESIGNATOR_WORDS = 3
_WORD_BEFORE_RE = re.compile(r"([\w-]+)\s*$")


@dataclass(frozen=True, slots=True)
class Designator:
    kind: DesignatorKind
    start: int
    words: tuple[str, ...]


@cache
def legal_forms() -> frozenset[str]:
    return frozenset(lines("legal_forms"))


def _lemma_phrases(doc: Doc, name: str) -> dict[tuple[str, ...], str]:
    return {tuple(doc.morph.lemma(w.lower()) for w in p.split()): p for p in lines(name)}


_PHRASE_CACHE: dict[str, dict[tuple[str, ...], str]] = {}


def _phrases(doc: Doc, name: str) -> dict[tuple[str, ...], str]:
    if name not in _PHRASE_CACHE:
        _PHRASE_CACHE[name] = _lemma_phrases(doc, name)
    return _PHRASE_CACHE[name]


def designator_before(doc: Doc, pos: int) -> Designator | None:
    """The designator standing right before an opening quote at ``pos``, if any."""
    line_start = doc.text.rfind("\n", 0, pos) + 1
    words = doc.words_in(max(line_start, pos - 80), pos)
    if not words or doc.text[words[-1].stop : pos].strip():
        return None
    last = words[-1].text
    if last in legal_forms() or (last.upper() in legal_forms() and last.isupper()):
        return Designator("legal", words[-1].start, (last,))
    index = _designator_index(doc)
    for n in range(min(MAX_DESIGNATOR_WORDS, len(words)), 0, -1):
        chunk = words[-n:]
        if any(doc.text[a.stop : b.start].strip() for a, b in itertools.pairwise(chunk)):
            continue
        options = [_word_lemmas(doc, w.text) for w in chunk]
        # Only phrases of this length ending in one of the last word's lemmas can match; they
        # are tried in table order, so the first table that names the phrase decides.
        candidates = sorted(entry for last in options[-1] for entry in index.get((n, last), ()))
        for _, kind, phrase in candidates:
            if all(p in o for p, o in zip(phrase, options, strict=True)):
                return Designator(kind, chunk[0].start, tuple(w.text for w in chunk))
    return None


_DESIGNATOR_TABLES: tuple[tuple[DesignatorKind, str], ...] = (
    ("kept", "org_designators"),
    ("non_org", "non_org_heads"),
    ("dropped", "org_dropped_designators"),
)
_IndexEntry = tuple[int, DesignatorKind, tuple[str, ...]]
_DESIGNATOR_INDEX: dict[tuple[int, str], tuple[_IndexEntry, ...]] = {}


def _designator_index(doc: Doc) -> dict[tuple[int, str], tuple[_IndexEntry, ...]]:
    """Designator phrases by (word count, last lemma), each with its rank in table order:
    the scan of every phrase for every quote was a tenth of the extraction time."""
    if not _DESIGNATOR_INDEX:
        grouped: dict[tuple[int, str], list[_IndexEntry]] = {}
        rank = 0
        for kind, table in _DESIGNATOR_TABLES:
            for phrase in _phrases(doc, table):
                grouped.setdefault((len(phrase), phrase[-1]), []).append((rank, kind, phrase))
                rank += 1
        _DESIGNATOR_INDEX.update({key: tuple(v) for key, v in grouped.items()})
    return _DESIGNATOR_INDEX


def _word_lemmas(doc: Doc, word: str) -> frozenset[str]:
    low = word.lower()
    out = set(doc.morph.lemma_set(low))
    if "-" in low:
        # "IT-парк", "агро-холдинг": the last part carries the meaning of a compound head.
        out |= doc.morph.lemma_set(low.rsplit("-", 1)[1])
    return frozenset(out)


def is_name_designator_before(doc: Doc, pos: int) -> bool:
    """Whether a quotation at ``pos`` is a name (after "завод", "форум", "ООО", "компания" …)."""
    return designator_before(doc, pos) is not None


@cache
def _ministry_re() -> re.Pattern[str]:
    stems = "|".join(sorted(lines("ministry_stems"), key=len, reverse=True))
    return re.compile(rf"^мин(?:{stems})[а-яё]*$")


def is_ministry_word(word: str) -> bool:
    """A one-word ministry, federal or regional: "Минпромэнерго", "Минсоцразвития"."""
    return bool(_ministry_re().match(word.lower()))


@cache
def government_heads() -> frozenset[str]:
    """Lemmas that make any name a government or legislative body wherever they stand in it."""
    return word_set("government_heads")


@cache
def not_company_lemmas() -> frozenset[str]:
    return word_set("not_companies")


# A web address names a medium or a site: "URA.RU", "59.RU", "ZAR24.RU", "t.me/…".
_DOMAIN_RE = re.compile(r"\w\.(?:ru|рф|su|com|net|org|info|news|tv|me)\b", re.IGNORECASE)


@cache
def _media_outlets() -> frozenset[str]:
    return word_set("media_outlets")


def is_media_name(name: str) -> bool:
    """A news agency, newspaper, aggregator or social network ("ФедералПресс", "URA.RU", "VK")."""
    core = re.sub(r"[«»\"“”„]", "", name).strip().lower().replace("ё", "е")
    return core in _media_outlets() or bool(_DOMAIN_RE.search(core))


@cache
def media_nouns() -> frozenset[str]:
    """Lemmas that name a medium in a citing phrase ("издание", "агентство", "телеканал")."""
    return word_set("source_media_nouns") | word_set("media_designators")


@cache
def _outlet_re() -> re.Pattern[str]:
    outlets = sorted(lines("media_outlets"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, outlets)) + r")(?!\w)")


def mentions_outlet(text: str) -> bool:
    """A known outlet named anywhere in ``text`` (lower-cased), as a whole word."""
    return bool(_outlet_re().search(text))


_NEWS_AGENCY_TAILS = (("агентство", "информации"), ("агентство", "новостей"))


def _media_head(doc: Doc, words: list[str]) -> bool:
    """ "Тихореченские вести", "Озёрская правда": capitalised adjectives + a newspaper head;
    "Известия Тальщины", "Вести Озёрска": a plural newspaper head + a capitalised name;
    "Тальское агентство информации": a news agency spelled out."""
    if len(words) < 2:
        return False
    heads = word_set("media_heads")
    lowered = [w.lower() for w in words]
    if (doc.morph.lemma(lowered[-2]), lowered[-1]) in _NEWS_AGENCY_TAILS:
        return True
    if (
        words[0][:1].isupper()
        and lowered[0] in heads
        and doc.morph.has_pos(lowered[0], frozenset({"NOUN"}), 0.3)
        and all(w[:1].isupper() for w in words[1:])
        and _plural_nominative(doc, lowered[0])
    ):
        return True
    if not words[-1].islower():
        return False
    last = words[-1].lower()
    return last in heads or doc.morph.lemma(last) in heads


# A penal institution by its number ("ИК-27", "СИЗО-1", "ЛИУ-3"): a place of the federal prison
# service, never a party to a mission even when it runs a workshop.
_PENAL_RE = re.compile(r"^(?:ФКУ\s+)?(?:ИК|ИУ|СИЗО|ЛИУ|КП|ВК|ИЦ)[-–]\s?\d+\b")


def is_excluded_name(doc: Doc, name: str, *, quoted: bool = False) -> bool:
    """Government bodies, media, mis-tagged tokens ("IT") are never companies. A ``quoted`` name
    that is one adjective («Заречное», «Передовой») is a farm's or a plant's name unless it only
    names a country or a region («Российский»)."""
    words = re.findall(r"[\w-]+", name)
    if not words or is_media_name(name) or _media_head(doc, words) or _PENAL_RE.match(name):
        return True
    first = doc.morph.lemma(words[0].lower())
    if first in not_company_lemmas() or words[0].lower() in not_company_lemmas():
        return True
    if _declined_unknown(doc, words[0].lower()) in not_company_lemmas():
        return True  # "Совфеда", "Совфеде": a nickname the dictionary lacks, in some case
    if is_ministry_word(words[0]):
        return True  # "Минпромэнерго ЧР": a regional ministry
    if _headed_by(doc, words, "person_role_heads"):
        return True  # "Торговый представитель РФ", "Министр экономического развития": a post
    if quoted and _headed_by(doc, words, "award_heads"):
        return True  # «Почётный знак Торгово-промышленной палаты»: an award
    if len(words) == 1 and words[0] in legal_forms():
        return True  # a bare "СПК" is a designator whose name NER cut off
    if any(doc.morph.lemma(w.lower()) in government_heads() for w in words[1:]):
        return True  # "Минский облисполком", "Тверская городская дума"
    facilities = word_set("facility_heads")
    if any(w.lower() in facilities or doc.morph.lemma(w.lower()) in facilities for w in words):
        return True  # "Северная ТЭЦ", "порт Ольховка", «Баку Экспо»
    if _known_event(name):
        return True
    if _institution_name(doc, words) or _event_edition(name) or _place_name(doc, words):
        return True
    if _truncated_adjectives(doc, words, quoted=quoted):
        return True
    non_org = _phrases(doc, "non_org_heads")
    if len(words) > 1 and tuple(doc.morph.lemma(w.lower()) for w in words) in non_org:
        return True  # «Дорожная карта», «Жилой комплекс»: the head phrase itself, not a name
    return (first,) in non_org and len(words) > 1


def _headed_by(doc: Doc, words: list[str], table: str) -> bool:
    """The name's head noun, its first word or its second after an adjective, is in ``table``
    ("Министр …", "Торговый представитель …", «Почётный знак …»)."""
    heads = word_set(table)
    if doc.morph.lemma(words[0].lower()) in heads or words[0].lower() in heads:
        return True
    return (
        len(words) > 1
        and doc.morph.best_pos(words[0].lower()) == "ADJF"
        and (doc.morph.lemma(words[1].lower()) in heads or words[1].lower() in heads)
    )


# Words that make an agency a news agency ("Агентство городских новостей").
_NEWS_AGENCY_LEMMAS = frozenset({"новость", "информация", "информационный", "медиа", "пресса"})


# A region's name after an agency makes it the region's own body ("Агентство инвестиционного
# развития Тальской области"), part of the government side.
_REGION_AFTER_RE = re.compile(r"\s+[А-ЯЁ][а-яё-]+(?:ой|ого)\s+(?:области|края|округа|республики)")


def federal_development_agency(doc: Doc, start: int, stop: int) -> bool:
    """ "Агентство стратегических инициатив": an agency named by its lower-case task and no
    region, not a news agency ("Агентство городских новостей") nor a region's own agency."""
    words = doc.text[start:stop].split()
    rest = [doc.morph.lemma(w.lower()) for w in words[1:]]
    return (
        len(words) > 1
        and doc.morph.lemma(words[0].lower()) == "агентство"
        and words[0][:1].isupper()
        and all(w.islower() for w in words[1:])
        and not any(lemma in _NEWS_AGENCY_LEMMAS for lemma in rest)
        and not _REGION_AFTER_RE.match(doc.text, stop)
    )


def _plural_nominative(doc: Doc, word: str) -> bool:
    """ "известия", "вести", "ведомости": a plural newspaper head, not "весть" in a sentence."""
    parses = doc.morph.parse(word)
    return any("plur" in p.tag and "nomn" in p.tag for p in parses[:3])


# An edition suffix makes a name an event: "ТНФ-2025", "ПМЭФ-2024", "Иннопром-2025", also
# after several words ("Неделя российского бизнеса-2019").
_EDITION_RE = re.compile(r"^[\w«»\"](?:[\w«»\" ]*[\w«»\"])?[-–]\s?20\d\d»?$")


_EVENT_CASE_ENDING_RE = re.compile(r"(?:а|у|е|ом)$")


def _known_event(name: str) -> bool:
    """ "Иннопром", "ИННОПРОМе", "на ПМЭФ": a forum or an exhibition named by itself."""
    core = re.sub(r"[«»\"]", "", name).strip().lower().replace("ё", "е")
    events = word_set("known_events")
    return core in events or _EVENT_CASE_ENDING_RE.sub("", core) in events


def _event_edition(name: str) -> bool:
    return bool(_EDITION_RE.match(name.strip()))


def _institution_name(doc: Doc, words: list[str]) -> bool:
    """A public institution: a lower-case head noun from ``institution_heads`` after the first
    word ("Тувинский аграрный техникум", "Якутское управление", "Городская больница")."""
    heads = word_set("institution_heads")
    return any(w.islower() and doc.morph.lemma(w) in heads for w in words[1:])


def _place_name(doc: Doc, words: list[str]) -> bool:
    """Adjectives + a geographical name is a place: "Центральная Россия", "Южный Урал"."""
    if len(words) < 2:
        return False
    last = doc.morph.parse(words[-1].lower())
    if not last or "Geox" not in last[0].tag:
        return False
    return all(doc.morph.has_pos(w.lower(), frozenset({"ADJF"}), 0.3) for w in words[:-1])


@cache
def _place_adjectives() -> frozenset[str]:
    """Country and region adjectives ("российский", "татарстанский"): region_adjectives.txt."""
    return frozenset(adjective for adjective, _ in pairs("region_adjectives"))


# Case endings stripped from a word the dictionary does not know ("Совфеда" → "совфед").
_UNKNOWN_CASE_ENDING_RE = re.compile(r"(?:ом|ем|а|я|у|ю|е)$")


def _declined_unknown(doc: Doc, low: str) -> str:
    if doc.morph.is_known(low):
        return ""
    return _UNKNOWN_CASE_ENDING_RE.sub("", low)


def _truncated_adjectives(doc: Doc, words: list[str], *, quoted: bool = False) -> bool:
    """Only adjectives ("Российской энергетической"): NER cut a name off before its head noun;
    a lone capitalised adjective ("Татарстанский" in a list) has none either. In quotes a lone
    adjective is a name (колхоз «Передовой», «Заречное») unless it is a country's or a region's
    adjective («Российский»)."""
    if len(words) == 1 and not words[0][1:].islower():
        return False  # "ТОСЭР", "СибГМУ": an abbreviation, not an adjective
    if quoted and len(words) == 1 and doc.morph.lemma(words[0].lower()) not in _place_adjectives():
        return False
    for w in words:
        parses = doc.morph.parse(w.lower())
        if not parses or parses[0].tag.POS != "ADJF" or not doc.morph.is_known(w.lower()):
            return False
        if len(words) == 1 and "Fixd" in parses[0].tag:
            return False  # «Маренго», «Беж»: an indeclinable word is a brand, no cut name
    return True
