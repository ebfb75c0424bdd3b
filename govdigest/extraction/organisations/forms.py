"""Forms of organisation names written in real retellings (issue 8, round 3): spelled-out legal
forms, project owners, adjectives before a designator, declined quoted names governed by a noun,
declined one-word brands, organisations only present at a signing, datelines in capitals."""

from __future__ import annotations

import re
from functools import cache

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.name_forms import inflect, match_case
from govdigest.extraction.organisations.rules import Designator, is_media_name
from govdigest.extraction.resources import pairs, word_set

CAMEL_RE = re.compile(r"[а-яёa-z][А-ЯЁA-Z]")


# "в присутствии директора Госкорпорации «Севератом» Екатерины Ворониной": whoever is named
# up to the next clause ("с …", "и …", a comma) only attends.
_PRESENCE_RE = re.compile(r"\bв\s+присутствии\s", re.IGNORECASE)
MAX_PRESENCE_WORDS = 10
_PRESENCE_STOP_POS = frozenset({"VERB", "INFN", "PRTS", "GRND", "PREP", "CONJ"})


def presence_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = []
    for m in _PRESENCE_RE.finditer(doc.text):
        end = m.end()
        for w in doc.words_in(m.end(), min(len(doc.text), m.end() + 200))[:MAX_PRESENCE_WORDS]:
            if re.search(r"[.,;:\n]", doc.text[end : w.start]):
                break
            parses = doc.morph.parse(w.text.lower())
            if w.text.lower() != "по" and parses and parses[0].tag.POS in _PRESENCE_STOP_POS:
                break  # "директора по развитию …" is one role
            end = w.stop
        end = doc.text.find("»", end - 1) + 1 if doc.text[end : end + 1] == "»" else end
        spans.append((m.start(), end))
    return spans


# A dateline in capitals: "КЕДРОВСК. КЕДР-ИНФОРМ." — the city and the agency.
CAPS_DATELINE_RE = re.compile(
    r"^[ \t]*[А-ЯЁ][А-ЯЁ-]{2,}\.[ \t]+[А-ЯЁA-Z][А-ЯЁA-Z-]+\.", re.MULTILINE
)


def keep_spelling(word: str, lemma: str) -> str:
    """The lemma spelled as the text spells the shared stem ("Сеалтека" → "Сеалтек", never
    the dictionary's "ё" or lower case)."""
    a, b = word.lower().replace("ё", "е"), lemma.replace("ё", "е")
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return word[:n] + lemma[n:]


# Nouns that put the organisation after them into the genitive: "представители «…»".
_GENITIVE_GOVERNORS = frozenset(
    {
        "представитель",
        "руководство",
        "руководитель",
        "директор",
        "гендиректор",
        "делегация",
        "сотрудник",
        "специалист",
        "продукция",
        "акционер",
        # heads of the organisation: "с главой «Тальхима»", "председателем «Кедрбанка»"
        "глава",
        "председатель",
        "президент",
    }
)
_QUOTED_ITEM_TAIL_RE = re.compile(r"(?:«[^«»]{1,40}»\s*(?:,|и)\s*)*$")


def genitive_governed(doc: Doc, open_pos: int) -> bool:
    """Whether the quoted name opening at ``open_pos`` (or the list of quoted names it ends)
    follows a noun that governs the genitive."""
    head = doc.text[max(0, open_pos - 200) : open_pos]
    m = _QUOTED_ITEM_TAIL_RE.search(head)
    rest = head[: m.start()] if m else head
    words = doc.words_in(open_pos - len(head), open_pos - len(head) + len(rest))
    return bool(words) and doc.morph.lemma(words[-1].text.lower()) in _GENITIVE_GOVERNORS


# A legal form written out ("автономной некоммерческой организацией «Центр …»", "некоммерческим
# партнерством "Центр …"", "Акционерным обществом «…»"): whatever the quoted name starts with,
# it names an organisation.
_SPELLED_LEGAL_HEADS = frozenset({"организация", "партнерство", "партнёрство", "общество"})
_SPELLED_LEGAL_ADJECTIVES = frozenset({"некоммерческий", "акционерный", "автономный"})


def spelled_legal_form(doc: Doc, des: Designator | None, content: str) -> bool:
    if des is None or len(des.words) < 2:
        return False
    lemmas = [doc.morph.lemma(w.lower()) for w in des.words]
    return (
        lemmas[-1] in _SPELLED_LEGAL_HEADS
        and lemmas[-2] in _SPELLED_LEGAL_ADJECTIVES
        and not is_media_name(content)
    )


MAX_DESIGNATOR_ADJECTIVES = 3


def adjectives_before(doc: Doc, des: Designator) -> list[Word]:
    """ "Могилёвского машиностроительного объединения «Днепромаш»": adjectives agreeing with a
    one-word designator belong to the name; a capitalised one (the place) is the first."""
    if len(des.words) != 1 or des.words[0].isupper():
        return []
    cases = {
        (p.tag.case, p.tag.number)
        for p in doc.morph.parse(des.words[0].lower())
        if p.tag.POS == "NOUN"
    }
    before = doc.words_in(max(0, des.start - 120), des.start)
    out: list[Word] = []
    edge = des.start
    for w in reversed(before[-MAX_DESIGNATOR_ADJECTIVES:]):
        if doc.text[w.stop : edge].strip() or is_pronoun_adjective(doc, w.text):
            break
        parses = [p for p in doc.morph.parse(w.text.lower()) if p.tag.POS == "ADJF"]
        if not parses or not any((p.tag.case, p.tag.number) in cases for p in parses):
            break
        if doc.morph.parse(w.text.lower())[0].tag.POS != "ADJF":
            break
        out.insert(0, w)
        edge = w.start
        if w.text[:1].isupper():
            break
    # Only a full descriptive name: a capitalised place adjective, then lower-case ones
    # ("новый завод «…»", "Озёрский завод «…»" keep the bare designator).
    if len(out) < 2 or not out[0].text[:1].isupper():
        return []
    return out


def project_owner(doc: Doc, designator: tuple[str, ...], content: str) -> bool:
    """ "на базе проектов «Заречнефть» и «Кедр-Газ»": projects in the plural named by one coined
    word are named by their owners; a programme's name is a common word («Демография»)."""
    word = designator[-1].lower()
    if len(designator) != 1 or doc.morph.lemma(word) != "проект" or len(content.split()) != 1:
        return False
    if not any(p.tag.number == "plur" for p in doc.morph.parse(word) if p.tag.POS == "NOUN"):
        return False
    return not doc.morph.is_known(content.lower().split("-")[0]) or bool(CAMEL_RE.search(content))


# Heads of compound brand names that decline like the common noun ("Кедрбанка", "Озёрнефти").
_COMPOUND_HEADS = ("банк", "нефть", "газ", "маш", "пром", "хим", "строй", "энерго")


def declined_compound(doc: Doc, word: str) -> str:
    """The nominative of an unknown one-word brand ending in a declined common noun, or ""."""
    if doc.morph.is_known(word.lower()) or CAMEL_RE.search(word):
        return ""
    for p in doc.morph.parse(word.lower()):
        lemma = str(p.normal_form)
        if (
            p.tag.POS == "NOUN"
            and p.tag.case != "nomn"
            and lemma.endswith(_COMPOUND_HEADS)
            and word.lower().startswith(lemma[:-1])
            and lemma != word.lower()
        ):
            return word[: len(lemma)] if word.lower().startswith(lemma) else word[:1] + lemma[1:]
    return ""


def is_generic_adjective(doc: Doc, word: str) -> bool:
    """ "Новый завод …", "Крупнейший комбинат …": a description, never the start of a name."""
    return doc.morph.lemma(word.lower()) in word_set("generic_adjectives")


def is_pronoun_adjective(doc: Doc, word: str) -> bool:
    # "Наши предприятия", "Эти заводы": pronoun adjectives never start a name.
    parses = doc.morph.parse(word.lower())
    return bool(parses) and ("Apro" in parses[0].tag or "Anph" in parses[0].tag)


# A place compound's prepositional tail ("Комсомольский-на-Амуре", "Ростовский-на-Дону"):
# only the adjective before it declines, the tail is written as the text has it.
_PLACE_TAIL_RE = re.compile(r"^(\w+)(-(?:на|над|под|у)-\w+)$", re.IGNORECASE)


def nominative_keeping_place_tails(doc: Doc, group: list[str]) -> list[str]:
    tails = [_PLACE_TAIL_RE.match(w) for w in group]
    heads = [m.group(1) if m else w for m, w in zip(tails, group, strict=True)]
    out = doc.morph.nominative_group(heads)
    return [o + m.group(2) if m else o for o, m in zip(out, tails, strict=True)]


def former_before(doc: Doc, pos: int) -> bool:
    """Whether the word right before ``pos`` marks a defunct organisation ("бывшего завода
    «…»", "бывшего Озёрского кирпичного завода"): a site, never a party to the mission."""
    before = doc.words_in(max(0, pos - 40), pos)
    if not before or doc.text[before[-1].stop : pos].strip():
        return False
    return doc.morph.lemma(before[-1].text.lower()) in word_set("former_org_adjectives")


_OBLIQUE_ADJECTIVE_CASES = frozenset({"gent", "datv", "ablt", "loct"})


@cache
def _abbreviation_genders() -> dict[str, str]:
    return dict(pairs("abbreviation_genders"))


def nominative_before_abbreviation(doc: Doc, words: list[str]) -> list[str] | None:
    """ "Нижнекамского НПЗ" → "Нижнекамский НПЗ": adjectives declined before a plant's or a
    station's abbreviation (``abbreviation_genders``) take the nominative of its head's gender;
    None when the name is not such a group or is already nominative."""
    genders = _abbreviation_genders()
    if len(words) < 2 or words[-1] not in genders:
        return None
    out: list[str] = []
    for word in words[:-1]:
        adjectives = [p for p in doc.morph.parse(word.lower()) if p.tag.POS == "ADJF"]
        parses = [p for p in adjectives if p.tag.case in _OBLIQUE_ADJECTIVE_CASES]
        if not parses or any(p.tag.case == "nomn" for p in adjectives):
            return None
        form = inflect(parses[0], {"nomn", genders[words[-1]]})
        if form is None:
            return None
        out.append(match_case(word, form.word))
    return [*out, words[-1]]
