"""People: NER person spans normalised to nominative full names, merged, with their roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.nlp import NerSpan
from govdigest.extraction.people_roles import bind_role
from govdigest.extraction.roles import (
    role_before,
    roles_by_first_lemma,
)

# Pronoun/third-person references never make an entity of their own.
_NOT_NAMES = frozenset({"Я", "Он", "Она", "Мы", "Они"})


@dataclass
class PersonEntity:
    name: str
    gender: str | None
    role: str | None = None
    role_class: str | None = None
    role_lemmas: frozenset[str] = frozenset()
    role_phrase: str | None = None
    # Introduced as the head of a visiting delegation ("во главе с …"): "гость" refers to them.
    guest: bool = False
    mentions: list[int] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class People:
    entities: list[PersonEntity]
    # (start, stop, entity index), sorted by start
    mentions: list[tuple[int, int, int]]
    # Text covered by role phrases with their complements ("посол Вьетнама в России").
    role_spans: list[tuple[int, int]] = field(default_factory=list)

    def before(self, pos: int) -> list[tuple[int, int, int]]:
        return [m for m in self.mentions if m[1] <= pos]

    def find(self, name: str) -> int | None:
        for i, e in enumerate(self.entities):
            if e.name == name:
                return i
        return None


def _name_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+(?:-\w+)*", text) if w not in _NOT_NAMES]


# "Никольский", "Никольского", "Городецкой": a surname declined as an adjective.
_ADJ_SURNAME_RE = re.compile(r"(\w{3,}?[сц]к)(ий|ого|ому|им|ом|ая|ой|ую)")
_ADJ_FEMININE = frozenset({"ая", "ой", "ую"})

# "Ольховщина", "Белгородчина", "Тамбовщины": a region's colloquial name, never a person.
_REGION_NICKNAME_RE = re.compile(r"\w{3,}(?:[бвгзклмнпрст]щин|[дт]чин)(?:а|ы|е|у|ой)$")


def surname_matches(mention: str, surname: str) -> bool:
    """Two forms of one name part ("Веклера" ~ "Веклер", "Алексеем" ~ "Алексей")."""
    a, b = mention.lower(), surname.lower()
    if a == b:
        return True
    adj_a, adj_b = _ADJ_SURNAME_RE.fullmatch(a), _ADJ_SURNAME_RE.fullmatch(b)
    if adj_a and adj_b:
        # "Никольского" ~ "Никольский": adjectival surnames change their last two or three
        # letters; the stem must agree and so must the gender ("Никольской" is a woman).
        return adj_a.group(1) == adj_b.group(1) and (adj_a.group(2) in _ADJ_FEMININE) == (
            adj_b.group(2) in _ADJ_FEMININE
        )
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    shorter, longer = sorted((len(a), len(b)))
    return common >= 4 and common >= shorter - 1 and longer - common <= 3


def extract_people(doc: Doc) -> People:
    entities: list[PersonEntity] = []
    mentions: list[tuple[int, int, int]] = []
    pending_single: list[tuple[int, int, str]] = []
    pending_patronymic: list[tuple[int, int, list[str]]] = []
    pending_initial: list[tuple[int, int, list[str]]] = []
    role_spans: list[tuple[int, int]] = []
    # First words of the places NER found ("Южноморской области", "Белогорск").
    place_words = {
        words[0]
        for span in doc.ner
        if span.type == "LOC"
        for words in [span.text.split()]
        if words
    }
    for span in _line_spans(doc.ner):
        if span.type != "PER":
            continue
        words = _name_words(span.text)
        if not words:
            continue
        if all(w.isupper() and len(w) > 1 for w in words):
            # "ИВАН ПРОНИН, ГУБЕРНАТОР …:" (a TV caption): the same name in capitals.
            words = ["-".join(part.capitalize() for part in w.split("-")) for w in words]
        if _leading_place_genitive(doc, span.start, words):
            # "мэр Тунцзяна Ван Лэй": NER took the role's genitive place into the name.
            words = words[1:]
            span = type(span)(
                span.start + span.text.index(words[0]), span.stop, span.type, " ".join(words)
            )
        if (
            len(words) >= 2
            and len(words[0]) == 1
            and not re.match(r"\w\.", doc.text[span.start : span.stop])
        ):
            # "В Кедрогорск" (a line's opening preposition): an initial is written with a dot.
            words = words[1:]
            span = type(span)(
                span.start + span.text.index(words[0], 1), span.stop, span.type, " ".join(words)
            )
        if (
            len(words) == 3
            and len(words[0]) > 1
            and len(words[1]) == 1
            and words[1].isupper()
            and len(words[2]) > 1
        ):
            # "в Тавию Н. Ольхин": a Russian name never puts an initial after a full word, so the
            # word before the initial is the preceding place, not a given name.
            words = words[1:]
            span = type(span)(
                span.start + span.text.index(words[0], len(span.text.split()[0])),
                span.stop,
                span.type,
                " ".join(words),
            )
        if len(words) == 1:
            if (
                not _could_be_name(doc, words[0])
                or _is_role_word(doc, words[0])
                or _REGION_NICKNAME_RE.fullmatch(words[0])
                or _adjective_before_role(doc, words[0], span.stop)
                or any(surname_matches(words[0], place) for place in place_words)
            ):
                # "Чрезвычайным" cut off from "… Послом" by NER; "Аким" alone; "главы
                # Ольховщины" (the region's colloquial name); "Южноморск" where NER also
                # found "Южноморской области" (a place's form tagged as a person once)
                continue
            pending_single.append((span.start, span.stop, words[0]))
            continue
        if 2 <= len(words) <= 3 and all(len(w) == 1 and w.isupper() for w in words[:-1]):
            # "Е. Котельников", "И.Ю.Баклушин": resolved against the full names once they are
            # all known; the patronymic's initial only shows in an unresolved name.
            pending_initial.append((span.start, span.stop, words))
            continue
        if len(words) == 2 and _is_patronymic(doc, words[1]):
            # "Василий Николаевич": name and patronymic refer to the person with that first name.
            pending_patronymic.append((span.start, span.stop, words))
            continue
        normal, gender = doc.morph.nominative_name(words, _hint_before(doc, span.start))
        if len(normal) == 3 and _is_patronymic(doc, words[1]):
            # "с мэром Эдуардом Викторовичем Симаковым": names follow "Имя Фамилия".
            normal = [normal[0], normal[2]]
        name = " ".join(normal)
        index = next((i for i, e in enumerate(entities) if e.name == name), None)
        if index is None:
            # "Романа Вершинина" after "Роман Вершинин": an ambiguous inflection of a known name.
            index = next(
                (
                    i
                    for i, e in enumerate(entities)
                    if len(e.name.split()) == len(words)
                    and all(
                        surname_matches(w, n) for w, n in zip(words, e.name.split(), strict=True)
                    )
                ),
                None,
            )
        if index is None:
            index = len(entities)
            entities.append(PersonEntity(name=name, gender=gender))
        bind_role(doc, entities[index], span.start, span.stop, role_spans)
        mentions.append((span.start, span.stop, index))
    for start, stop, words in pending_patronymic:
        first_name = doc.morph.nominative_name([words[0]])[0][0]
        index = next((i for i, e in enumerate(entities) if e.name.split()[0] == first_name), None)
        if index is None:
            normal, gender = doc.morph.nominative_name(words)
            index = len(entities)
            entities.append(PersonEntity(name=" ".join(normal), gender=gender))
        mentions.append((start, stop, index))
    for start, stop, words in pending_initial:
        owners = [
            i
            for i, e in enumerate(entities)
            if len(e.name.split()) >= 2
            and e.name[:1] == words[0]
            and surname_matches(words[-1], e.surname)
        ]
        if len(owners) == 1:
            mentions.append((start, stop, owners[0]))
        else:
            # An initial and a surname nobody introduced in full stay a (partial) name.
            normal, gender = doc.morph.nominative_name(words)
            name = "".join(f"{w}." for w in words[:-1]) + f" {normal[-1]}"
            index = next((i for i, e in enumerate(entities) if e.name == name), None)
            if index is None:
                index = len(entities)
                entities.append(PersonEntity(name=name, gender=gender))
            bind_role(doc, entities[index], start, stop, role_spans)
            mentions.append((start, stop, index))
    for start, stop, word in pending_single:
        index = next((i for i, e in enumerate(entities) if surname_matches(word, e.surname)), None)
        if index is None:
            normal, gender = doc.morph.nominative_name([word])
            name = normal[0]
            if (
                _GENITIVE_LEAD_RE.search(doc.text[max(0, start - 40) : start])
                and _MASC_GENITIVE_SURNAME_RE.search(word)
                and not _HER_AFTER_RE.match(doc.text, stop)
            ):
                # "По словам Смоленцова", "— цитирует Васильева его пресс-служба": after a
                # genitive- or accusative-governing lead-in a surname in -ова is a man's
                # oblique form (a woman's would be "Смоленцовой", "Васильеву").
                name, gender = word[:-1], "masc"
            index = next((i for i, e in enumerate(entities) if e.name == name), None)
            if index is None:
                index = len(entities)
                entities.append(PersonEntity(name=name, gender=gender))
        bind_role(doc, entities[index], start, stop, role_spans)
        mentions.append((start, stop, index))
    mentions.extend(_bare_surname_mentions(doc, entities, mentions))
    mentions.sort()
    for start, _, index in mentions:
        entities[index].mentions.append(start)
    _gender_from_verbs(doc, entities, mentions)
    for m in _GUEST_CUE_RE.finditer(doc.text):
        nxt = [x for x in mentions if m.end() <= x[0] <= m.end() + 120]
        if nxt:
            entities[nxt[0][2]].guest = True
    return People(entities, mentions, role_spans)


_NEXT_WORD_RE = re.compile(r"\s+([а-яё]+)")


def _line_spans(spans: list[NerSpan]) -> list[NerSpan]:
    """ "…сотрудничать с Кравией\nКравия проявляет…": NER ran one name across a line break (a
    headline's last word and the next line's first); a name never crosses lines, so each line's
    part is a span of its own."""
    out: list[NerSpan] = []
    for span in spans:
        if span.type != "PER" or "\n" not in span.text:
            out.append(span)
            continue
        offset = 0
        for part in span.text.split("\n"):
            stripped = part.strip()
            if stripped:
                start = span.start + offset + part.index(stripped)
                out.append(type(span)(start, start + len(stripped), span.type, stripped))
            offset += len(part) + 1
    return out


def _gender_from_verbs(
    doc: Doc, entities: list[PersonEntity], mentions: list[tuple[int, int, int]]
) -> None:
    """ "Посол Чан Ван Хоа посетил завод", "Цэцэг Ариунаа посетила": a name whose gender the
    dictionary does not tell takes it from the past-tense verb right after it (the name is
    that verb's subject); two verbs that disagree leave it unknown."""
    for index, entity in enumerate(entities):
        if entity.gender is not None:
            continue
        seen: set[str] = set()
        for _, stop, i in mentions:
            if i != index:
                continue
            m = _NEXT_WORD_RE.match(doc.text, stop)
            gender = doc.morph.verb_gender(m.group(1)) if m else None
            if gender:
                seen.add(gender)
        if len(seen) == 1:
            entity.gender = seen.pop()


# "Е. Котельников", "А.Пронин": an initial glued or spaced before the surname.
_INITIAL_BEFORE_RE = re.compile(r"(?:^|[\s(])([А-ЯЁ])\.\s?(?:[А-ЯЁ]\.\s?)?$")


def _bare_surname_mentions(
    doc: Doc, entities: list[PersonEntity], mentions: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """ "— сказал Пронин", "пояснил господин Пронин", "Е. Котельников": a bare surname (or one
    after an initial) that NER left untagged refers to the one person introduced with it in full.

    Only a surname shared by exactly one full-name entity counts; an initial must agree with the
    given name, so "А. Котельников" never becomes "Евгений Котельников"."""
    full = [(i, e) for i, e in enumerate(entities) if len(e.name.split()) >= 2]
    if not full:
        return []
    taken = [(s, e) for s, e, _ in mentions]
    out: list[tuple[int, int, int]] = []
    for w in doc.words:
        if not w.text[:1].isupper() or len(w.text) < 4:
            continue
        if any(s <= w.start < e for s, e in taken):
            continue
        if doc.text[max(0, w.start - 1) : w.start] in ("«", '"'):
            continue  # a quoted name ("завод «Пронин»") is not the person
        owners = [i for i, e in full if surname_matches(w.text, e.surname)]
        if len(owners) != 1:
            continue
        initial = _INITIAL_BEFORE_RE.search(doc.text[max(0, w.start - 7) : w.start])
        first_name = entities[owners[0]].name.split()[0]
        if initial and initial.group(1) != first_name[:1]:
            continue
        if not initial and _follows_capitalised_name(doc, w.start):
            continue  # "Мария Пронина" is another person of the family
        start = w.start - len(initial.group(0).lstrip(" (")) if initial else w.start
        out.append((start, w.stop, owners[0]))
    return out


def _follows_capitalised_name(doc: Doc, start: int) -> bool:
    i = doc.word_index_at(start) - 1
    if i < 0:
        return False
    prev = doc.words[i]
    between = doc.text[prev.stop : start]
    return (
        not between.strip()
        and prev.text[:1].isupper()
        and len(prev.text) > 1
        and _could_be_name(doc, prev.text)
    )


_GUEST_CUE_RE = re.compile(r"во\s+главе\s+с|возглавил\w*|возглавля\w*", re.IGNORECASE)


_GENITIVE_LEAD_RE = re.compile(
    r"(?:[Пп]о\s+(?:словам|мнению|данным)|\b[Уу]|\b[Оо]т|\b[Сс]лова(?:ми)?"
    # "цитирует Васильева", "цитирует главу района Петрова": the cited man is the object.
    r"|\b(?:[Цц]итиру|[Пп]роцитирова)\w*(?:\s+[а-яё]+){0,2})\s+$"
)
# "— цитирует Васильева её пресс-служба": "её" makes the surname a woman's after all.
_HER_AFTER_RE = re.compile(r"\s+е[её]\b")
_MASC_GENITIVE_SURNAME_RE = re.compile(r"[а-яё](?:ов|ев|ёв|ин|ын)а$")


# Role heads that take a place in the genitive right before the holder's name.
_PLACE_ROLE_HEADS = frozenset({"мэр", "губернатор", "глава", "посол", "аким", "хоким", "консул"})


def _leading_place_genitive(doc: Doc, start: int, words: list[str]) -> bool:
    if len(words) >= 2 and doc.morph.lemma(words[0].lower()) in _PLACE_ROLE_HEADS:
        return True  # "с Губернатором Р.Н. Хмелёвым": a capitalised role word, not a name
    if len(words) < 3 or _is_patronymic(doc, words[1]) or not words[0].endswith(("а", "я")):
        return False
    if doc.morph.is_known(words[0]):
        return False  # a dictionary given name ("Никита", "Анна") starts the name itself
    i = doc.word_index_at(start) - 1
    if i < 0 or doc.text[doc.words[i].stop : start].strip():
        return False
    return doc.morph.lemma(doc.words[i].text.lower()) in _PLACE_ROLE_HEADS


def _adjective_before_role(doc: Doc, word: str, stop: int) -> bool:
    """ "Ольховский губернатор встретился": a place adjective (capitalised at a sentence's or a
    headline's start) agreeing with the role noun right after it is not a surname."""
    if not _ADJ_SURNAME_RE.fullmatch(word.lower()):
        return False
    m = _NEXT_WORD_RE.match(doc.text, stop)
    return m is not None and _is_role_word(doc, m.group(1))


def _is_role_word(doc: Doc, word: str) -> bool:
    """ "Аким, со своей стороны, заявил": a bare role noun that NER took for a name."""
    by_first = roles_by_first_lemma(doc.morph.lemma)
    return any(lemma in by_first for lemma in doc.morph.lemma_set(word.lower()))


def _could_be_name(doc: Doc, word: str) -> bool:
    if not doc.morph.is_known(word):
        return True
    return any(
        {"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in doc.morph.parse(word.lower())
    )


def _is_patronymic(doc: Doc, word: str) -> bool:
    low = word.lower()
    if not low.endswith(("вич", "вна", "чна", "вича", "вичем", "вичу", "вны", "вной", "вне")):
        return False
    return any("Patr" in p.tag for p in doc.morph.parse(low))


def _hint_before(doc: Doc, start: int) -> frozenset[str]:
    role = role_before(doc, start)
    if role is not None:
        # The role noun agrees with the name; the words between are a genitive complement.
        # "с заместителем губернатора Анной Смирновой": the role's first word is its head; a
        # later word may be its genitive complement ("губернатора"), so it is tried last.
        role_words = doc.text[role.start : role.stop].split()
        for head in (role_words[0], role_words[-1]):
            hint = doc.morph.case_hint(head)
            if hint:
                return hint
    i = doc.word_index_at(start) - 1
    if i < 0 or doc.text[doc.words[i].stop : start].strip():
        return frozenset()
    return doc.morph.governed_hint(doc.words[i].text)
