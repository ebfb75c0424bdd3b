"""Looking people up by their mentions: shared by speakers.py and pronouns.py.

A role phrase bound to the person introduced with it, the nearest person of a verb's gender
named in the nominative, the person mentioned last before a quote. Moved out of speakers.py so
that pronouns.py need not import that module's private helpers; round 11 then taught the bare
role to skip people named inside a reported «что» clause and a place-naming role to pick only a
holder of that place.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.quotes.org_speakers import NOBODY, Speaker
from govdigest.extraction.quotes.role_regions import role_holders, stem_overlap
from govdigest.extraction.resources import word_set
from govdigest.extraction.roles import RolePhrase

# A place adjective: "курский", "нижегородского", "Кедровской".
REGION_ADJECTIVE_RE = re.compile(r"[а-яё]{3,}(?:ск|цк)(?:ий|ая|ой|ого|ую|ом|ому|ей)$")


def entity_speaker(entity: PersonEntity) -> Speaker:
    """The speaker an entity stands for: its full name and the role it was introduced with."""
    return Speaker(entity.name, entity.role)


def is_nominative_mention(doc: Doc, people: People, start: int, stop: int, index: int) -> bool:
    """Whether the mention at ``doc.text[start:stop]`` ends with the entity's surname as it
    stands in the entity (the nominative), not in an oblique form ("Рустама Миннибаева")."""
    said = doc.text[start:stop].split()
    name = people.entities[index].name.split()
    if not said or said[-1].casefold() != name[-1].casefold():
        return False
    # "Петру Черных", "с Игорем Живаго": an indeclinable surname tells no case, the first name
    # before it does (an initial or a shortened form tells nothing).
    first, own = said[0], name[0]
    if len(said) < 2 or len(name) < 2 or not first.isalpha() or len(first) < 3:
        return True
    return _plain(first) == _plain(own)


def _plain(word: str) -> str:
    return word.casefold().replace("ё", "е")


def last_mention(people: People, candidates: set[int], before: int) -> int | None:
    """The candidate mentioned last (in any case) before ``before``."""
    best: int | None = None
    for m_start, _, index in people.mentions:
        if m_start >= before:
            break
        if index in candidates:
            best = index
    return best


def unbound_subject(
    doc: Doc,
    people: People,
    gender: str,
    before: int,
    excluded: set[int] | None = None,
    sole: bool = False,
) -> Speaker:
    """The nearest person of the verb's gender with no role of their own who was named at least
    once in the nominative: a person only ever mentioned as an object ("встретился с Рустамом
    Миннибаевым") is somebody the role-holder met, not the role-holder."""
    candidates = {
        i
        for i, e in enumerate(people.entities)
        if e.gender == gender
        and not e.role_class
        and i not in (excluded or set())
        and any(
            idx == i
            and is_nominative_mention(doc, people, s, e_, i)
            and not _in_reported_clause(doc, s)
            for s, e_, idx in people.mentions
        )
    }
    if sole and len(candidates) > 1:
        # "Губернатор Кедровской области рассказал …" after "Павел Журавин: …" and "Илья Седов
        # обратился к жителям": a role naming its region, yet bound to nobody, may be either
        # of them; nobody rather than a guess.
        return NOBODY
    # The subject is the one last named in the nominative: "Ахмед Валиев поблагодарил Рустама
    # Зарипова … — сказал министр" means Valiev, though Zaripov was named after him.
    last = last_nominative_mention(doc, people, candidates, before)
    return entity_speaker(people.entities[last]) if last is not None else NOBODY


# "Глава региона отметил, что Николай Токарев передал …": the "что" clause after a verb of
# saying is what somebody said; a person named in it is talked about there.
_THAT_BEFORE_RE = re.compile(r",\s+что\s")


def _in_reported_clause(doc: Doc, pos: int) -> bool:
    """Whether ``pos`` stands in a "что" clause that a verb of saying in its sentence opens."""
    sentence = doc.sentence_at(pos)
    if sentence is None:
        return False
    that = list(_THAT_BEFORE_RE.finditer(doc.text, sentence.start, pos))
    if not that:
        return False
    verbs = word_set("speech_verbs")
    return any(
        doc.morph.lemma(w.text.lower()) in verbs
        for w in doc.words_in(sentence.start, that[-1].start())
    )


def last_nominative_mention(
    doc: Doc, people: People, candidates: set[int], before: int
) -> int | None:
    """The candidate named last in the nominative before ``before``."""
    best: int | None = None
    for m_start, m_stop, index in people.mentions:
        if m_start >= before:
            break
        if index in candidates and is_nominative_mention(doc, people, m_start, m_stop, index):
            best = index
    return best


def by_role(
    people: People, role: RolePhrase, region: set[str], gender: str | None, before: int
) -> Speaker:
    """The person a role phrase ("глава региона", "губернатор Кедровской области") refers to:
    the one holder introduced with it, narrowed by the region words after it and the verb's
    gender; among several holders, the one mentioned last before ``before``; else nobody."""
    if len(role.lemmas) > 1 and role.role_class != "guest":
        # "по словам главы республики" after "Глава Тальской Республики X и губернатор
        # Кедровской области Y": the role's head and complement pick the one person introduced
        # with both, whatever class the fuller introduction gave them.
        kind = set(role.lemmas[1:])
        exact = [
            e
            for e in people.entities
            if e.role_phrase is not None
            and e.role_phrase.split()[0] == role.lemmas[0]
            and kind & e.role_lemmas
            and (gender is None or e.gender in (gender, None))
        ]
        if len(exact) == 1:
            return entity_speaker(exact[0])
    holders = role_holders(people.entities, role.role_class, region, gender)
    if not holders and not region:
        # "— сказал глава." after "глава Сосновской республики Айдар Ноев" (a governor):
        # the one person introduced with that very phrase, whatever class the place gave him;
        # nobody when another one is the head of something else ("глава района X").
        introduced = [
            e
            for e in people.entities
            if e.role_phrase == role.canonical and (gender is None or e.gender in (gender, None))
        ]
        longer = any(
            (e.role_phrase or "").startswith(role.canonical + " ") for e in people.entities
        )
        return entity_speaker(introduced[0]) if len(introduced) == 1 and not longer else NOBODY
    if not holders:
        return NOBODY
    if region:
        matching = [(i, e) for i, e in holders if region & e.role_lemmas]
        if len(matching) > 1:
            # "глава кабмина Южной Осетии" between the premiers of South and North Ossetia:
            # the one whose role shares the most of the complement.
            most = max(len(region & e.role_lemmas) for _, e in matching)
            matching = [(i, e) for i, e in matching if len(region & e.role_lemmas) == most]
        if len(matching) == 1:
            return entity_speaker(matching[0][1])
        if matching:
            holders = matching
        else:
            # "— заключил курский губернатор" when the only governor introduced is "губернатор
            # Запорожской области Y": a holder whose role names another region is not meant.
            holders = [(i, e) for i, e in holders if not _elsewhere(region, e.role_lemmas)]
            if not holders:
                return NOBODY
            stemmed = [(i, e) for i, e in holders if stem_overlap(region, e.role_lemmas)]
            if len(stemmed) == 1:
                # "— сказал глава Чукотки" for "губернатор Чукотского автономного округа".
                return entity_speaker(stemmed[0][1])
            if len(holders) > 1 and any(_other_place(region, e.role) for _, e in holders):
                # "— отметил мэр Москвы" after "мэр города X" and "мэр Севастополя Y": the place
                # matches neither role as written (a colloquial name, "Прикамье", may still be
                # the same region); the nearest holder is a guess, nobody is safer.
                return NOBODY
    if len(holders) > 1:
        # "глава республики" names the holder introduced with that very phrase, not the
        # governor of the other region.
        same = [(i, e) for i, e in holders if e.role_phrase == role.canonical]
        if same:
            holders = same
    if len(holders) == 1:
        return entity_speaker(holders[0][1])
    # Several holders (two governors): the nearest one mentioned before the quote.
    last = last_mention(people, {i for i, _ in holders}, before)
    return entity_speaker(people.entities[last]) if last is not None else NOBODY


def _other_place(region: set[str], role: str | None) -> bool:
    """Whether a holder's role names a place by a capitalised word that shares no stem with
    the place the attribution names ("мэр Севастополя" for "мэр Москвы")."""
    if any(len(r) < MIN_PLACE_CHARS for r in region):
        return False  # "мэр НСО", "глава ХМАО": an abbreviation shares no stem with its name
    places = [w.strip('«»()"').lower() for w in (role or "").split()[1:] if w[:1].isupper()]
    return bool(places) and stem_overlap(region, places) == 0


MIN_PLACE_CHARS = 5


def _elsewhere(region: set[str], lemmas: frozenset[str]) -> bool:
    """Both name a region by a place adjective, and the two share no stem."""
    named = {x for x in region if REGION_ADJECTIVE_RE.fullmatch(x)}
    places = {x for x in lemmas if REGION_ADJECTIVE_RE.fullmatch(x)}
    return bool(named and places) and stem_overlap(named, places) == 0
