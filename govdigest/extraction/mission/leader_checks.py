"""Last checks of the mission's leader: a leader is a person's name, never a place, an adjective
or a role word with initials; a missing role is read from the words before the leader's name.

A wrong leader shown as fact is worse than none, so a name that does not look like a person's
is dropped (or completed from a full mention of the same surname in the post).
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.person_forms import is_foreign_given_name
from govdigest.extraction.people import People
from govdigest.extraction.resources import pairs, word_set
from govdigest.extraction.roles import match_role_at

# Words that are never part of a person's name: role words people's rules may leave in a span
# ("Губернатор В Н Горбунов").
_ROLE_LEMMAS = frozenset(
    {
        "губернатор",
        "глава",
        "врио",
        "мэр",
        "президент",
        "председатель",
        "премьер",
        "министр",
        "посол",
        "господин",
        "госпожа",
    }
)
# A region, a country or an adjective read as a name: "Тавания", "Кедровская", "Приамурья".
_PLACE_ENDING_RE = re.compile(r"(?:ия|ья|ье|ия|ск|ская|ский|ской|ского|щина|чина)$")
MAX_ROLE_WORDS = 6
_TERRITORY_NOUNS = frozenset({"республика", "область", "край", "округ", "провинция"})


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1 and word[:1].isupper()


def checked_leader(doc: Doc, people: People, name: str | None) -> str | None:
    """The leader's name when it looks like a person's; completed or dropped otherwise."""
    if not name:
        return None
    name = _entity_prefix(people, name) or name
    words = [w for w in name.split() if doc.morph.lemma(w.lower()) not in _ROLE_LEMMAS]
    while (
        len(words) > 2
        and not _initial(words[1])
        and (_place_like(doc, words[0]) or doc.morph.lemma(words[0].lower()) in _TERRITORY_NOUNS)
    ):
        words = words[1:]  # "Тавания Арно Вилар": the ambassador's country run into the name
    particles = word_set("name_particles")
    if not words or any(
        not w[:1].isupper() and w.lower().split("-")[0] not in particles for w in words
    ):
        return None  # "Мухаммед бин Салман" keeps its particle; "глава с" is no name
    initials = [w for w in words if _initial(w)]
    rest = [w for w in words if not _initial(w)]
    if len(rest) == 1:
        full = _full_name(people, rest[0]) or _written_full_name(doc, rest[0])
        if full is not None:
            return full
        if _place_like(doc, rest[0]):
            return None
        if initials:
            return " ".join([*(w.rstrip(".") + "." for w in initials), rest[0]])
    if not rest:
        return None
    nominative = _nominative_name(doc, words)
    if nominative is not None:
        return nominative
    return " ".join(words) if len(words) != len(name.split()) else name


_OBLIQUE = ("gent", "datv", "ablt", "loct", "accs")
_OBLIQUE_END_RE = re.compile(r"(?:ом|ем|ём|ой|ей|ою|ею|ы|и|а|я|у|ю)$")


def _nominative_name(doc: Doc, words: list[str]) -> str | None:
    """ "Вадимом Ставро", "Майи Лунда": a first name with no nominative reading, in an
    oblique case, left so because the surname does not decline; both put in the nominative."""
    if len(words) != 2 or _initial(words[0]) or not _OBLIQUE_END_RE.search(words[0]):
        return None
    if is_foreign_given_name(words[0]):
        return None  # "Акира Мориноки" is nominative as written
    names = [p for p in doc.morph.parse(words[0].lower()) if "Name" in p.tag]
    if not names or any("nomn" in p.tag for p in names):
        return None
    first = names[0]
    if not any(case in first.tag for case in _OBLIQUE):
        return None
    surnames = [p for p in doc.morph.parse(words[1].lower()) if "Surn" in p.tag]
    surname = words[1]
    if surnames:
        same = [p for p in surnames if p.tag.case == first.tag.case]
        if not same:
            return None
        form = same[0].inflect({"Nom"})
        if form is None:
            return None
        surname = form.word.capitalize()
    return f"{first.normal_form.capitalize()} {surname}"


def _entity_prefix(people: People, name: str) -> str | None:
    """ "Ирина Соколова В Кедрогорск" (a title line run into the body) beside the entity "Ирина
    Соколова": the longest other full name that the span starts with."""
    words = name.split()
    found = [
        e.name
        for e in people.entities
        if 2 <= len(e.name.split()) < len(words) and words[: len(e.name.split())] == e.name.split()
    ]
    return max(found, key=len) if found else None


def _full_name(people: People, surname: str) -> str | None:
    """The one entity of two or more words whose last word is ``surname``."""
    matches = {
        e.name for e in people.entities if len(e.name.split()) >= 2 and e.surname == surname
    }
    return matches.pop() if len(matches) == 1 else None


def _written_full_name(doc: Doc, surname: str) -> str | None:
    """ "Виктор Горбунов" written in the nominative somewhere in the post: a first name the
    dictionary knows right before the surname."""
    found = set()
    for m in re.finditer(r"\b([А-ЯЁ][а-яё]+)\s+" + re.escape(surname) + r"\b", doc.text):
        first = m.group(1)
        if any("Name" in p.tag and p.tag.case == "nomn" for p in doc.morph.parse(first.lower())):
            found.add(f"{first} {surname}")
    return found.pop() if len(found) == 1 else None


def _place_like(doc: Doc, word: str) -> bool:
    if re.search(rf"\b{re.escape(word)}\s+(?:губернатор|глав[аы]|мэр|премьер)", doc.text):
        return True  # "Каменский губернатор": the region's adjective, though also a surname
    parses = doc.morph.parse(word.lower())
    if parses and (parses[0].tag.POS == "ADJF" or "Geox" in parses[0].tag):
        return True
    surname = doc.morph.is_known(word.lower()) and any(
        "Surn" in p.tag or "Name" in p.tag for p in parses[:3]
    )
    return not surname and bool(_PLACE_ENDING_RE.search(word.lower()))


def role_before_leader(doc: Doc, people: People, leader: str) -> str | None:
    """The role written right before a mention of the leader ("губернатор Кедровской области
    Роман Шестаков", "Глава Камской Республики Александр Ветлугин"), in the nominative."""
    index = people.find(leader)
    if index is None:
        return None
    for start, _stop, entity in people.mentions:
        if entity != index:
            continue
        line_start = doc.text.rfind("\n", 0, start) + 1
        words = doc.words_in(max(line_start, start - 120), start)[-MAX_ROLE_WORDS:]
        for i in range(len(words)):
            phrase = match_role_at(doc, words, i)
            if phrase is None or phrase.role_class not in ("governor", "head", "vice_governor"):
                continue
            role_words = words[i:]
            if doc.text[role_words[-1].stop : start].strip(" ,") or role_words[
                -1
            ].text.lower() in ("с", "со"):
                break  # "во главе с Иваном Петровым": a cue, not a role
            head = doc.morph.nominative_group([role_words[0].text])
            role = " ".join([*head, *(w.text for w in role_words[1:])])
            return role[:1].lower() + role[1:]
    return None


_ROLE_END_RE = re.compile(r"\s(?:с|со|в|во|на|по|при|от|для|и)$")


# "заместитель губернатора господином": an honorific run into the role from the name after it.
_HONORIFIC_TAIL_RE = re.compile(r"\s+(?:господ|госпож)\w*$", re.IGNORECASE)
# "глава с секретарем комитета …" (from "во главе с секретарем …"): the cue, then the real role.
_CUE_HEAD_RE = re.compile(r"^глав\w*\s+со?\s+(\w.+)$", re.IGNORECASE)


def _nominative_head(doc: Doc, role: str) -> str | None:
    """The role's first word put in the nominative ("секретарем комитета" → "секретарь
    комитета"); None when it is no noun in the instrumental."""
    first, _, rest = role.partition(" ")
    for parse in doc.morph.parse(first.lower()):
        if parse.tag.POS == "NOUN" and parse.tag.case == "ablt":
            form = parse.inflect({"Nom"})
            if form is not None:
                return f"{form.word} {rest}".strip()
    return None


def checked_role(doc: Doc, leader: str | None, role: str | None) -> str | None:
    """A role cut after a preposition ("глава с" from "во главе с …") is no role; the role word
    written inside the leader's span ("Губернатор В.Н.Горбунов") is."""
    if role:
        role = _HONORIFIC_TAIL_RE.sub("", role).strip() or None
    cue = _CUE_HEAD_RE.match(role or "")
    if role and cue:
        role = _nominative_head(doc, cue.group(1))
    if role and not _ROLE_END_RE.search(role):
        return role
    for word in (leader or "").split():
        if doc.morph.lemma(word.lower()) in _ROLE_LEMMAS:
            return doc.morph.lemma(word.lower())
    return None


_EDITION_TAIL_RE = re.compile(r"[-–\s]*(?:20\d\d|\d{2})$")
_HYPHEN_CITY_RE = re.compile(r"^([А-ЯЁ][а-яё]+)е-на-([А-ЯЁ][а-яё]+)$")


def event_city(event_name: str | None) -> str | None:
    """The host city of a forum held in one place every year ("ПМЭФ-2025" → Санкт-Петербург)."""
    if not event_name:
        return None
    core = re.sub(r"[«»\"]", "", event_name).strip().lower().replace("ё", "е")
    core = _EDITION_TAIL_RE.sub("", core)
    cities = {k.replace("ё", "е"): v for k, v in pairs("event_cities")}
    for prefix in ("", "форум ", "выставка ", "выставке "):
        if core.startswith(prefix) and core[len(prefix) :] in cities:
            return cities[core[len(prefix) :]]
    return None


def nominative_place(name: str | None) -> str | None:
    """ "Ростове-на-Дону" → "Ростов-на-Дону": the first part of such a city declines."""
    if not name:
        return name
    m = _HYPHEN_CITY_RE.match(name)
    return f"{m.group(1)}-на-{m.group(2)}" if m else name


_VENUE_RE = re.compile(r"\b(ВДНХ|Экспоцентр\w*|Крокус\s+Экспо)\b")


def venue_city(text: str) -> str | None:
    """The city of a venue that is in one city ("на ВДНХ" → Москва)."""
    m = _VENUE_RE.search(text)
    return "Москва" if m else None


MIN_PLACE_STEM = 4


def person_derived_place(doc: Doc, people: People, where: str | None) -> bool:
    """ "Ахтямы" read as a place beside the surname "Ахтямов": a word the dictionary does not
    know as a place whose stem starts a person's surname is no destination."""
    if not where or " " in where.strip():
        return False
    parses = doc.morph.parse(where.lower())
    if parses and "Geox" in parses[0].tag and doc.morph.is_known(where.lower()):
        return False
    stem = where.lower().rstrip("аяыиоеу")
    return len(stem) >= MIN_PLACE_STEM and any(
        e.surname.lower().startswith(stem) and e.surname.lower() != where.lower()
        for e in people.entities
    )


def without_implausible(doc: Doc, people: People) -> People | None:
    """The people of the post without the entities whose names are no person's ("Брянщина",
    "Тавания"), or None when every entity looks like a person."""
    keep = [
        i for i, e in enumerate(people.entities) if checked_leader(doc, people, e.name) is not None
    ]
    if len(keep) == len(people.entities):
        return None
    index = {old: new for new, old in enumerate(keep)}
    return People(
        entities=[people.entities[i] for i in keep],
        mentions=[(a, b, index[i]) for a, b, i in people.mentions if i in index],
        role_spans=list(people.role_spans),
    )


_ROLE_ONLY_RE = re.compile(
    r"\b((?i:губернатор\w*|глав(?:а|ы|е|у|ой)|врио\s+губернатора))\s+"
    r"((?:[А-ЯЁ][\w-]+\s+)?(?:[А-ЯЁ][\w-]+(?:ой|ого|его)\s+)?"
    r"(?:области|края|[Рр]еспублики|округа)(?:\s+[А-ЯЁ][\w-]+)?)"
    r"(?!\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+)",
)


def role_only_mention(doc: Doc, people: People) -> str | None:
    """The one head-of-region role the post names without a name ("Глава Уральской Республики
    встретился …", "отправился губернатор Городецкой области"), in the nominative; None when
    there are two different ones or a named person already holds such a role."""
    if any(e.role_class == "governor" and e.role for e in people.entities):
        return None
    found = set()
    for m in _ROLE_ONLY_RE.finditer(doc.text):
        if any(a <= m.start() < b for a, b in people.role_spans):
            continue
        head = doc.morph.lemma(m.group(1).split()[0].lower())
        head = "врио губернатора" if head == "врио" else head
        found.add(f"{head} {m.group(2)}")
    return found.pop() if len(found) == 1 else None


# Roles that name the office without the territory: a back-reference to the one head of region.
_GENERIC_ROLES = frozenset(
    {"глава региона", "глава субъекта", "руководитель региона", "глава области", "глава края"}
)


def specific_role(doc: Doc, role: str | None) -> str | None:
    """ "глава региона" when the post also names "губернатор Кедровской области" without a name
    (a title): the specific one, when exactly one such is written."""
    if role is None or role.lower() not in _GENERIC_ROLES:
        return role
    found = set()
    for m in _ROLE_ONLY_RE.finditer(doc.text):
        head = doc.morph.lemma(m.group(1).split()[0].lower())
        head = "врио губернатора" if head == "врио" else head
        found.add(f"{head} {m.group(2)}")
    return found.pop() if len(found) == 1 else role


def cue_role(doc: Doc, cue_end: int) -> str | None:
    """ "во главе с мэром краевого центра. … Олег Сурков …": the role named by the cue itself,
    when the leader's name comes later without one."""
    sent = doc.sentence_at(cue_end)
    words = doc.words_in(cue_end, sent.stop if sent else len(doc.text))
    phrase = match_role_at(doc, words, 0) if words else None
    return phrase.canonical if phrase is not None else None
