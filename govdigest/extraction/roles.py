"""Role phrases around a person's name: "губернатор Озёрской области Иван Петров", "Иван Петров,
директор завода …": the dictionary of roles, and the role before or after a name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import place_adjective_lemma
from govdigest.extraction.resources import pairs

# How far before a name a role phrase may stand ("губернатор Кедровской области Олег Дёмин",
# "генеральный директор завода «СпецАгрегат» Иван Петров"): the complement is a short genitive.
MAX_ROLE_GAP_WORDS = 6
# Punctuation that separates a role from a following name (a role never binds across it).
# A dash before a capitalised word joins a double region name ("Кемеровской области — Кузбасса",
# "Ханты-Мансийского автономного округа — Югры") and does not break the role.
_GAP_BREAK_RE = re.compile(r"[,.;:!?()\[\]]|\s[—–-]\s(?![А-ЯЁ])")
# An appositive role after the name: "Иван Петров, директор завода, …" / "Иван Петров (посол …)".
_APPOSITIVE_OPEN_RE = re.compile(r"^\s*(?:,|\(|—|–)\s*")
_APPOSITIVE_END_RE = re.compile(r"[,;.)!?]|\s[—–]\s")
MAX_APPOSITIVE_WORDS = 9
# Words after "глава" that make it a region's head (a governor), not a city's or a company's.
_REGION_WORDS = frozenset({"область", "край", "республика", "регион", "округ", "субъект"})
_CITY_WORDS = frozenset({"город", "район", "муниципалитет", "поселок", "посёлок", "село"})
# Role phrases are looked for this many words left of the first match too (a longer phrase
# such as "заместитель председателя правительства" contains "председатель").
_LONGER_ROLE_LOOKBACK = 4
# How many genitive words may stand between a role and the role it governs
# ("руководитель администрации главы республики").
_GOVERNED_GAP_WORDS = 2


@dataclass(frozen=True, slots=True)
class RolePhrase:
    lemmas: tuple[str, ...]
    canonical: str
    role_class: str


@dataclass(frozen=True, slots=True)
class RoleMatch:
    start: int
    stop: int
    phrase: RolePhrase
    complement: str


@cache
def role_phrases(morph_lemma: object) -> tuple[RolePhrase, ...]:
    """Role phrases from data/roles.txt, lemmatised once, longest first."""
    lemma = morph_lemma  # a callable word -> lemma
    out = [
        RolePhrase(tuple(lemma(w) for w in phrase.split()), phrase, cls)  # type: ignore[operator]
        for phrase, cls in pairs("roles")
    ]
    out.sort(key=lambda r: -len(r.lemmas))
    return tuple(out)


@cache
def roles_by_first_lemma(morph_lemma: object) -> dict[str, tuple[RolePhrase, ...]]:
    index: dict[str, list[RolePhrase]] = {}
    for phrase in role_phrases(morph_lemma):
        index.setdefault(phrase.lemmas[0], []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


def match_role_at(doc: Doc, words: list[Word], i: int) -> RolePhrase | None:
    by_first = roles_by_first_lemma(doc.morph.lemma)
    candidates = [
        p for lemma in doc.morph.lemma_set(words[i].text.lower()) for p in by_first.get(lemma, ())
    ]
    candidates.sort(key=lambda r: -len(r.lemmas))
    for phrase in candidates:
        phrase = _with_place_adjective(doc, words, i, phrase)
        n = len(phrase.lemmas)
        if i + n > len(words):
            continue
        if all(
            phrase.lemmas[k] in doc.morph.lemma_set(words[i + k].text.lower()) for k in range(n)
        ):
            if _is_plural_role(doc, words[i + n - 1].text) and n == 1:
                continue
            if phrase.role_class == "head" and _names_region(doc, words, i + n):
                # "глава Коми", "глава Республики Коми": the head of a region is its governor.
                return RolePhrase(phrase.lemmas, phrase.canonical, "governor")
            return phrase
    return None


# A region's adjective inside a role phrase: "врио пензенского губернатора", "исполняющий
# обязанности кедровского губернатора" (round 11: the adjective broke the phrase, and the bare
# "губернатора" disagreed in case with the name, so the head had no role).
_PLACE_ADJECTIVE_RE = re.compile(r"^[а-яё-]{3,}(?:ск|цк)(?:ого|ой|ому|ий|ая)$")


def _with_place_adjective(doc: Doc, words: list[Word], i: int, phrase: RolePhrase) -> RolePhrase:
    """The phrase with a lower-case place adjective before its last word, when the text has
    one there ("врио" + "пензенского" + "губернатора"); the phrase itself otherwise."""
    n = len(phrase.lemmas)
    k = i + n - 1
    if n < 2 or k + 1 >= len(words) or not _PLACE_ADJECTIVE_RE.match(words[k].text):
        return phrase
    if doc.morph.best_pos(words[k].text) != "ADJF":
        return phrase
    if phrase.lemmas[-1] not in doc.morph.lemma_set(words[k + 1].text.lower()):
        return phrase
    adjective = words[k].text
    canonical = phrase.canonical.split()
    canonical.insert(n - 1, adjective)
    lemmas = (*phrase.lemmas[:-1], doc.morph.lemma(adjective), phrase.lemmas[-1])
    return RolePhrase(lemmas, " ".join(canonical), phrase.role_class)


def _names_region(doc: Doc, words: list[Word], i: int) -> bool:
    if i >= len(words):
        return False
    w = words[i]  # "глава области", "глава Сосновской республики" (an adjective first)
    pair = words[i : i + 1 + w.text[:1].isupper()]
    if {doc.morph.lemma(x.text.lower()) for x in pair} & _REGION_WORDS:
        return True
    return (
        w.text[:1].isupper()
        and any(s.type == "LOC" and s.start <= w.start < s.stop for s in doc.ner)
        and doc.morph.lemma(w.text.lower()) not in _CITY_WORDS
    )


def _is_plural_role(doc: Doc, word: str) -> bool:
    # "главы регионов", "губернаторы" denote several people: never one person's role.
    parses = doc.morph.parse(word.lower())
    return bool(parses) and parses[0].tag.number == "plur" and parses[0].tag.case == "nomn"


def role_before(doc: Doc, start: int) -> RoleMatch | None:
    """A role phrase immediately preceding position ``start`` within its sentence."""
    sent = doc.sentence_at(start)
    sent_start = sent.start if sent else 0
    words = doc.words_in(sent_start, start)
    found: tuple[int, RolePhrase] | None = None
    for i in range(len(words) - 1, max(-1, len(words) - MAX_ROLE_GAP_WORDS - 4), -1):
        phrase = match_role_at(doc, words, i)
        if phrase is not None:
            found = (i, phrase)
            break
    if found is None:
        return None
    i, phrase = found
    end_index = i + len(phrase.lemmas)
    for j in range(i - 1, max(-1, i - _LONGER_ROLE_LOOKBACK - 1), -1):
        longer = match_role_at(doc, words, j)
        if longer is not None and j + len(longer.lemmas) >= end_index:
            i, phrase = j, longer
    while (outer := _role_governing(doc, words, i)) is not None:
        i, phrase = outer
    end = words[i + len(phrase.lemmas) - 1].stop
    gap = doc.text[end:start]
    if _GAP_BREAK_RE.search(gap.replace("«", "").replace("»", "")):
        return None
    if not gap.strip() and _cases_disagree(doc, words[i].text, doc.words_in(start, start + 40)):
        # "заместитель Ивана Петрова Олег Сидоров": a role right before a name in another case
        # is someone else's (the name is its complement), not that name's apposition.
        return None
    if len(words) - (i + len(phrase.lemmas)) > MAX_ROLE_GAP_WORDS:
        return None
    if any(
        doc.morph.best_pos(w.text.lower()) == "VERB" and w.text[:1].islower()
        for w in words[i + len(phrase.lemmas) :]
    ):
        # "Губернатор области встретился с Рустамом Миннибаевым": the role is the subject of a
        # verb, and the name its object; binding them would make the guest "губернатор".
        return None
    return RoleMatch(words[i].start, end, phrase, gap.strip())


def _role_governing(doc: Doc, words: list[Word], i: int) -> tuple[int, RolePhrase] | None:
    """ "пресс-секретарь губернатора Иван Петров", "заместитель генерального директора …",
    "руководитель администрации главы республики …": a role in the genitive that follows another
    role (with at most two genitive words between) is that role's complement, and the person
    holds the outer one; a deputy or a press secretary is never the head they serve."""
    if not _can_be_genitive(doc, words[i].text):
        return None
    for j in range(i - 1, max(-1, i - _GOVERNED_GAP_WORDS - 2), -1):
        outer = match_role_at(doc, words, j)
        if outer is None:
            continue
        between = words[j + len(outer.lemmas) : i]
        if (
            j + len(outer.lemmas) <= i
            and all(w.text[:1].islower() and _can_be_genitive(doc, w.text) for w in between)
            and not _GAP_BREAK_RE.search(doc.text[words[j].stop : words[i].start])
        ):
            return j, outer
        return None
    return None


def _cases_disagree(doc: Doc, role_word: str, name_words: list[Word]) -> bool:
    if not name_words:
        return False
    role_cases = {p.tag.case for p in doc.morph.parse(role_word.lower())}
    name_cases = {p.tag.case for p in doc.morph.parse(name_words[0].text.lower())}
    role_cases.discard(None)
    name_cases.discard(None)
    return bool(role_cases) and bool(name_cases) and not role_cases & name_cases


def _can_be_genitive(doc: Doc, word: str) -> bool:
    return any(p.tag.case == "gent" for p in doc.morph.parse(word.lower()))


def role_after(doc: Doc, stop: int) -> RoleMatch | None:
    """An appositive role right after a name ("Иван Петров, директор завода «Х»,")."""
    opener = _APPOSITIVE_OPEN_RE.match(doc.text, stop)
    if not opener:
        return None
    begin = opener.end()
    sent = doc.sentence_at(begin)
    limit = sent.stop if sent else len(doc.text)
    words = doc.words_in(begin, limit)[: MAX_APPOSITIVE_WORDS + 3]
    if not words or words[0].start != begin:
        return None
    phrase = match_role_at(doc, words, 0)
    if phrase is None:
        return None
    end = words[len(phrase.lemmas) - 1].stop
    tail_match = _APPOSITIVE_END_RE.search(doc.text, end, limit)
    tail_end = tail_match.start() if tail_match else limit
    complement = doc.text[end:tail_end].strip()
    if len(complement.split()) > MAX_APPOSITIVE_WORDS:
        complement = ""
    return RoleMatch(begin, end, phrase, complement)


def role_text(match: RoleMatch) -> str:
    return f"{match.phrase.canonical} {match.complement}".strip()


# A territory in the genitive right after a head's title: "глава Бурятии", "Раис Татарстана",
# "председатель Меджлиса Ирана" (the first geographical word: Бурятия, Татарстан, Иран). Russia
# itself names a federal office, never a delegation's region.
_TERRITORY_SKIP = frozenset({"россия", "рф", "российский"})
MAX_TERRITORY_WORDS = 4


def territory_in_role(doc: Doc, role: str) -> str | None:
    """The region or country a role names by a bare genitive toponym, in the nominative."""
    words = role.split()
    for w in words[1 : 1 + MAX_TERRITORY_WORDS]:
        word = w.strip("«»,()")
        if not word[:1].isupper():
            continue
        geo = [p for p in doc.morph.parse(word.lower()) if "Geox" in p.tag and "gent" in p.tag]
        if not geo:
            continue
        lemma = str(geo[0].normal_form)
        if lemma in _TERRITORY_SKIP:
            return None
        if lemma in _colloquial_regions():
            return _colloquial_regions()[lemma]  # "глава Приморья" → "Приморский край"
        group = doc.morph.nominative_group([word], ("gent",))
        return " ".join(group) if group else lemma.capitalize()
    return None


# "Воронежская делегация прилетела …", "Белорусскую делегацию возглавит …": a place adjective
# (…ский/…цкий) right before "делегация".
_ADJECTIVAL_DELEGATION_RE = re.compile(
    r"\b([А-ЯЁа-яё-]+(?:ск|цк)(?:ая|ой|ую))\s+(?:официальн\w+\s+|бизнес-)?делегаци", re.I
)
_REGION_PHRASE_NOUNS = r"(?:област|кра[яею]|республик|округ)\w*"
STEM_CHARS = 4


@cache
def _colloquial_regions() -> dict[str, str]:
    return dict(pairs("region_colloquial"))


@cache
def _region_adjectives() -> dict[str, str]:
    return dict(pairs("region_adjectives"))


def adjectival_delegation_region(doc: Doc) -> str | None:
    """The region of the first "<place adjective> делегация": a mapped region or country, the
    post's own "<Adjective> области" phrase, or "<Adjective> область" when a toponym of the post
    shares the adjective's stem ("Пензенская делегация … мэр Пензы"); None when unsure."""
    m = _ADJECTIVAL_DELEGATION_RE.search(doc.text)
    if m is None:
        return None
    lemma = place_adjective_lemma(doc, m.group(1))
    if lemma is None:
        return None
    mapped = _region_adjectives().get(lemma)
    if mapped is not None:
        return None if mapped == "-" else mapped
    stem = lemma[:STEM_CHARS]
    phrase = re.search(
        r"\b(" + re.escape(stem.capitalize()) + r"\w*)\s+(" + _REGION_PHRASE_NOUNS + r")",
        doc.text,
    )
    if phrase is not None:
        return " ".join(doc.morph.nominative_group([phrase.group(1), phrase.group(2)]))
    toponym = any(
        w.text[:1].isupper()
        and w.text.lower().startswith(stem)
        and w.start != m.start(1)
        and any("Geox" in p.tag for p in doc.morph.parse(w.text.lower()))
        for w in doc.words_in(0, len(doc.text))
    )
    if not toponym:
        return None
    feminine = lemma[:-2] + "ая"
    return f"{feminine.capitalize()} область"
