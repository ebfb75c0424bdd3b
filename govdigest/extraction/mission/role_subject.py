"""Subjects written without a name: a pronoun before a leader cue, a role word before a trip verb.

Real retellings name the governor once and then write "он возглавляет официальную делегацию"
or "Губернатор принял участие в пленарных заседаниях" (catalogue «Round 4 — the leader»: a role
alone as a back-reference in 14 of 61 posts). The person meant is the one named before with
that gender or that role; when two could be meant, nobody is.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import is_past_singular, verb_lemma
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import word_set
from govdigest.extraction.roles import match_role_at

_PRONOUN_RE = re.compile(r"(?:^|[\s,])(он|она)\s+$", re.IGNORECASE)
_GENDER = {"он": "masc", "она": "femn"}
MAX_PRONOUN_LOOKBACK = 6  # characters before the cue: " он "
_SUBJECT_ROLE_CLASSES = frozenset({"governor", "head", "mayor", "vice_governor", "premier"})


def pronoun_subject(
    doc: Doc, people: People, cue_start: int, senders: frozenset[int]
) -> PersonEntity | None:
    """ "Как сообщили в пресс-службе, он возглавляет официальную делегацию": the nearest person
    named before the pronoun, of its gender."""
    m = _PRONOUN_RE.search(doc.text, max(0, cue_start - MAX_PRONOUN_LOOKBACK), cue_start)
    if m is None:
        return None
    gender = _GENDER[m.group(1).lower()]
    for _start, _stop, index in reversed([p for p in people.mentions if p[1] <= m.start()]):
        entity = people.entities[index]
        if index not in senders and entity.gender in (gender, None):
            return entity
    return None


def role_word_subject(doc: Doc, people: People) -> PersonEntity | None:
    """ "Губернатор принял участие в пленарных заседаниях": a sentence opened by a role alone
    and a trip verb; the one person introduced with that role is its subject."""
    verbs = word_set("trip_verbs") | word_set("author_trip_verbs")
    for sent in doc.sentences:
        if any(sent.start <= p[0] < sent.stop for p in people.mentions):
            continue
        words = doc.words_in(sent.start, sent.stop)
        # "Красноборский губернатор уехал …": one adjective may precede the role
        lead = 1 if words and doc.morph.best_pos(words[0].text.lower()) == "ADJF" else 0
        phrase = match_role_at(doc, words, lead) if len(words) > lead else None
        if phrase is None or phrase.role_class not in _SUBJECT_ROLE_CLASSES:
            continue
        k = lead + len(phrase.lemmas)
        # "Губернатор области принял …": a genitive complement may follow the role
        while k < len(words) and not is_past_singular(doc, words[k].text) and k < 4:
            k += 1
        if k >= len(words) or not is_past_singular(doc, words[k].text):
            continue
        if verb_lemma(doc, words[k].text) not in verbs:
            continue
        holders = {
            e.name: e
            for e in people.entities
            if e.role_class == phrase.role_class
            or (phrase.role_class == "head" and e.role_class == "governor")
        }
        if len(holders) == 1:
            return next(iter(holders.values()))
        named = {e.name for e in people.entities}
        if not holders and len(named) == 1 and people.entities[0].role is None:
            # "Губернатор прибыл в Минск. «…», — сказал Петров.": the one person named
            return people.entities[0]
        return None
    return None


_TRAVEL_LEMMAS = frozenset({"прилететь", "прибыть", "приехать", "отправиться", "выехать"})
_HOME_ROLE_CLASSES = frozenset({"governor", "head", "vice_governor", "premier", "mayor"})
MAX_ROLE_TO_VERB = 5  # words from the role's first word to the travel verb


def role_word_travels(doc: Doc, people: People, outside: tuple[str, ...]) -> bool:
    """ "Губернатор Кедровской области прибыл в Минск" (a title naming no one): the home side
    travels, so the officials met there ("председатель облисполкома") host, not visit.
    ``outside`` are the role words of another territory's officials (провинция, облисполком)."""
    for sent in doc.sentences:
        if any(sent.start <= p[0] < sent.stop for p in people.mentions):
            continue
        words = doc.words_in(sent.start, sent.stop)
        phrase = match_role_at(doc, words, 0) if words else None
        if phrase is None or phrase.role_class not in _HOME_ROLE_CLASSES:
            continue
        for k in range(len(phrase.lemmas), min(len(words), MAX_ROLE_TO_VERB + 1)):
            if not is_past_singular(doc, words[k].text):
                continue
            role_text = " ".join(w.text.lower() for w in words[:k])
            if verb_lemma(doc, words[k].text) in _TRAVEL_LEMMAS and not any(
                o in role_text for o in outside
            ):
                return True
            break
    return False


_COMPANION_BEFORE_RE = re.compile(
    r"\b(?:(?:вместе|совместно)\s+со?|во\s+главе\s+со?)\s+(?:[\w.-]+\s+){0,6}$", re.I
)
MAX_COMPANION_LOOKBACK = 80


def is_companion(doc: Doc, start: int) -> bool:
    """ "Полпред X вместе с губернатором Y посетил завод": Y only accompanies the subject."""
    window = doc.text[max(0, start - MAX_COMPANION_LOOKBACK) : start]
    return bool(_COMPANION_BEFORE_RE.search(window))


# "…с губернатором Y, который находится в Минске с рабочим визитом": the relative clause tells
# who travelled.
_RELATIVE_TRIP_RE = re.compile(
    r"\s*,\s*котор(?:ый|ая)\s+(?:(?:находится|находился|находилась|пребывает)\s+"
    r"[^,.;!?\n]{0,60}?(?:визит|поездк|командировк)|(?:прибыл|приехал|прилетел)а?\s+(?:в|во)\s+"
    r"[А-ЯЁ])|\s*,\s*(?:прибывш|приехавш|прилетевш)\w*\s+(?:\w+\s+)?(?:в|во)\s+[А-ЯЁ]",
    re.IGNORECASE,
)


def relative_traveller(doc: Doc, people: People) -> PersonEntity | None:
    """The person a relative clause of staying or arriving follows, if exactly one is."""
    return _only_person_followed_by(doc, people, _RELATIVE_TRIP_RE)


def _only_person_followed_by(
    doc: Doc, people: People, pattern: re.Pattern[str]
) -> PersonEntity | None:
    """The one person whose mentions ``pattern`` matches right after; None for none or several."""
    found = {
        people.entities[index].name: people.entities[index]
        for _start, stop, index in people.mentions
        if pattern.match(doc.text, stop)
    }
    return next(iter(found.values())) if len(found) == 1 else None


# "Президент Татарстана X находится в Курганской области с рабочим визитом" (or "… находится
# в служебной командировке"): the one staying
# somewhere on a visit travelled, not the host he is to meet there.
_STAYING_TRIP_RE = re.compile(
    r"\s+(?:находится|находился|находилась|пребывает|пребывал|пребывала)\s+"
    r"(?:[^,.;!?\n]{0,60}?\bс\s+(?:\w+\s+){0,2}(?:визитом|поездкой|командировкой)"
    # "X находится в служебной командировке в Кедровском крае"
    r"|(?:в|на)\s+(?:\w+\s+){0,2}(?:командировке|поездке)\b)",
    re.IGNORECASE,
)


def staying_traveller(doc: Doc, people: People) -> PersonEntity | None:
    """The person named right before "находится … с рабочим визитом", if exactly one is."""
    return _only_person_followed_by(doc, people, _STAYING_TRIP_RE)


_BACK_REFERENCE_CLASSES = frozenset({"governor", "head"})


def back_reference_role(doc: Doc, people: People) -> str | None:
    """ "Губернатор встретился с …", "Кедровский губернатор подписал …": the role word that
    stands for the leader in a sentence naming no one (nominative, without the adjective); None
    when two different ones are written."""
    found = set()
    for sent in doc.sentences:
        if any(sent.start <= p[0] < sent.stop for p in people.mentions):
            continue
        words = doc.words_in(sent.start, sent.stop)
        lead = 1 if words and doc.morph.best_pos(words[0].text.lower()) == "ADJF" else 0
        phrase = match_role_at(doc, words, lead) if len(words) > lead + 1 else None
        if phrase is None or phrase.role_class not in _BACK_REFERENCE_CLASSES:
            continue
        n = len(phrase.lemmas)
        if lead + n < len(words) and is_past_singular(doc, words[lead + n].text):
            found.add(
                " ".join(doc.morph.nominative_group([w.text for w in words[lead : lead + n]]))
            )
    return found.pop().lower() if len(found) == 1 else None


# "Об этом губернатор X сообщил через свой телеграм-канал": the governor reports his own mission.
_OWN_CHANNEL_RE = re.compile(
    r"\b(?:сообщил|рассказал|написал)а?\s+(?:в|через)\s+(?:сво[ейё]\w*\s+)"
    r"(?:телеграм|telegram|канал|соцсет|социальн|аккаунт|странице)",
    re.IGNORECASE,
)


def own_channel_reporter(doc: Doc, people: People) -> PersonEntity | None:
    """The official who reports the mission in his own channel, when exactly one does."""
    found = {}
    for m in _OWN_CHANNEL_RE.finditer(doc.text):
        sent = doc.sentence_at(m.start())
        if sent is None:
            continue
        before = [p for p in people.mentions if sent.start <= p[0] and p[1] <= m.start()]
        if before:
            entity = people.entities[before[-1][2]]
            lead_in = doc.text[max(sent.start, before[-1][0] - 40) : before[-1][0]]
            if entity.role_class in _HOME_ROLE_CLASSES or (
                entity.role is None and re.search(r"(?i:губернатор|глава)\w*\s+[^.]*$", lead_in)
            ):  # "губернатор Приамурского края, Денис Дементьев, сообщил …"
                found[entity.name] = entity
    return next(iter(found.values())) if len(found) == 1 else None


# "…группы компаний, которую возглавляет предприниматель X": the cue heads an organisation.
_COMPANY_CLAUSE_RE = re.compile(
    r"(?:компани\w*|предприяти\w*|холдинг\w*|завод\w*|фабрик\w*|корпораци\w*|банк\w*)"
    r"\s*,\s*(?:котор\w+|возглавляем\w+)\s*$",
    re.IGNORECASE,
)
MAX_COMPANY_CLAUSE = 40


def heads_a_company(doc: Doc, cue_start: int) -> bool:
    """Whether a leader cue opens a relative clause about a company, not a delegation."""
    window = doc.text[max(0, cue_start - MAX_COMPANY_CLAUSE) : cue_start]
    return bool(_COMPANY_CLAUSE_RE.search(window))


# "Делегация … начала работу на форуме. Об этом (в соцсетях) сообщил губернатор региона X": the
# official who reports the delegation's work right after "Об этом … сообщил" leads it.
_REPORTED_BY_RE = re.compile(
    r"\bОб\s+этом\s+(?:[\w-]+\s+){0,4}?(?:сообщил|рассказал|написал|заявил)а?\s+",
    re.IGNORECASE,
)
MAX_REPORTER_GAP = 60
# The reported delegation is the home one: "Делегация Ольховской области", "делегация региона".
_OWN_DELEGATION_RE = re.compile(
    r"\b(?i:делегаци)\w*\s+(?:(?i:из\s+)?[А-ЯЁ][а-яё-]+(?:ой|ей|ого|его)\s+"
    r"(?i:област|кра|республик|округ|район)|(?i:(?:нашего\s+)?(?:региона|области|края|республики)))"
)
# "В Ольховскую область прибыла делегация …": a delegation arriving into a region, told by its
# hosts; the reporting host does not lead it.
_ARRIVING_INTO_RE = re.compile(
    r"\bв(?:о)?\s+(?:[А-ЯЁ][а-яё-]+(?:ую|ий)\s+(?:область|край|республику|округ)|регион|"
    r"республику|область|край)\s+(?:\w+\s+){0,3}?(?:прибыл|приехал|прилетел|прибывает|"
    r"приезжает)\w*\s+(?:\w+\s+){0,2}?делегаци",
    re.IGNORECASE,
)


def reporting_official(doc: Doc, people: People) -> PersonEntity | None:
    """The one home official named right after "Об этом … сообщил", in a single sentence, in a
    post about the home region's own delegation."""
    if not _OWN_DELEGATION_RE.search(doc.text) or _ARRIVING_INTO_RE.search(doc.text):
        return None
    found = {}
    for m in _REPORTED_BY_RE.finditer(doc.text):
        nxt = [p for p in people.mentions if m.end() <= p[0] <= m.end() + MAX_REPORTER_GAP]
        if not nxt or re.search(r"[.!?\n,;:«]", doc.text[m.end() : nxt[0][0]]):
            continue
        entity = people.entities[nxt[0][2]]
        if entity.role_class in _HOME_ROLE_CLASSES:
            found[entity.name] = entity
    return next(iter(found.values())) if len(found) == 1 else None


# A heading line of a round-up: "Кедровская область (губернатор Пётр Власов)" before that
# region's list of agreements.
_REGION_HEADING_RE = re.compile(
    r"^[ \t]*[А-ЯЁ][а-яё-]+(?:ая|ий|ой)\s+(?:область|край|республика|округ)[ \t]*"
    r"\(([^()\n]{3,80})\)[ \t]*$",
    re.MULTILINE,
)


def region_heading_head(doc: Doc, people: People) -> PersonEntity | None:
    """The head named in the one region heading "<Region> (губернатор X)" of the post."""
    headings = list(_REGION_HEADING_RE.finditer(doc.text))
    if len(headings) != 1:
        return None  # several regions: none of their heads leads the post's mission alone
    start, stop = headings[0].span(1)
    inside = [p for p in people.mentions if start <= p[0] and p[1] <= stop]
    if len(inside) != 1:
        return None
    entity = people.entities[inside[0][2]]
    return entity if entity.role_class in _SUBJECT_ROLE_CLASSES else None


_NOT_HEADLINE_PREFIX = frozenset({"с", "со", "у", "к", "для", "о", "об", "от", "при"})


def headline_trip_subject(doc: Doc, people: People) -> PersonEntity | None:
    """A verbless sentence "<role> <Name> в Москве на РЭН-2025": that person travels."""
    verbs = frozenset({"VERB", "INFN"})
    for sent in doc.sentences:
        words = doc.words_in(sent.start, sent.stop)
        if any(doc.morph.has_pos(w.text.lower(), verbs, 0.3) for w in words):
            continue
        for start, stop, index in people.mentions:
            if not sent.start <= start < sent.stop:
                continue
            prefix = doc.text[sent.start : start]
            if "," in prefix or any(
                w.text.lower() in _NOT_HEADLINE_PREFIX for w in doc.words_in(sent.start, start)
            ):
                break
            if re.match(r"\s*(?:—\s*)?(?:в|во|на)\s+[А-ЯЁ«]", doc.text[stop : sent.stop]):
                return people.entities[index]
            break
    return None
