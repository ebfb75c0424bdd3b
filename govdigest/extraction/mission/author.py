"""The post's author on the trip: first-person posts ("Провёл переговоры…", "Сегодня работаю
в …"), a "we" that travels with a companion, and the role a channel's card gives its owner."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import (
    has_subject_before,
)
from govdigest.extraction.mission.leader_sides import CHANNEL_CARD_LINES
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import lines, pairs, word_set

_FIRST_PERSON_RE = re.compile(r"(?<![\w-])(?:я|мне|меня|мной|мною)(?![\w-])", re.IGNORECASE)


def is_first_person(doc: Doc, covered: list[tuple[int, int]]) -> bool:
    """Whether the post speaks in the channel author's voice outside quotations.

    "я/мне/меня", a first-person verb ("приглашаю"), or a subjectless past-tense verb opening a
    sentence ("Побывала на…", "Подписали…") — the channel genre's first-person markers.
    """
    if not doc.author:
        return False
    for m in _FIRST_PERSON_RE.finditer(doc.text):
        if not any(a <= m.start() < b for a, b in covered):
            return True
    fronted_word: Word | None = None
    for sent in doc.sentences:
        if any(a <= sent.start < b for a, b in covered):
            continue
        words = doc.words_in(sent.start, sent.stop)
        if _companion_we(doc, words):
            return True
        # "Соглашение об этом сегодня подписал на ПМЭФ": a fronted document noun is the object
        # of the signing verb, not its subject, and pushes the verb further right.
        fronted_object, fronted_word = False, None
        # "В ходе рабочего визита в Москву обсудил …": a fronted prepositional phrase pushes
        # the subjectless verb further right; nouns after its prepositions are no subjects.
        fronted_pp = _opens_with_preposition(doc, words)
        extra = MAX_FRONTED_PP_WORDS if fronted_pp else 0
        for i, w in enumerate(
            words[: MAX_FIRST_PERSON_VERB + 1 + MAX_FRONTED_OBJECT_WORDS + extra]
        ):
            parses = doc.morph.parse(w.text.lower())
            if not parses:
                break
            tag = parses[0].tag
            limit = MAX_FIRST_PERSON_VERB + extra
            limit += MAX_FRONTED_OBJECT_WORDS if fronted_object else 0
            if i > limit:
                break
            if tag.POS == "VERB" and ("1per" in tag or "past" in tag):
                free = [
                    x
                    for k, x in enumerate(words[:i])
                    if x is not fronted_word
                    and not (fronted_pp and _after_preposition(doc, words, k))
                ]
                if not has_subject_before(doc, free) and (
                    i <= MAX_FIRST_PERSON_VERB or _active_verb(doc, words, i)
                ):
                    return True
                break
            if tag.POS in ("NOUN", "NPRO") and tag.case == "nomn":
                if fronted_pp and _after_preposition(doc, words, i):
                    continue  # "в Минск": the place of the fronted phrase
                if i == 0 and _is_document_object(doc, w.text):
                    fronted_object, fronted_word = True, w
                    continue
                break
    return False


MAX_FIRST_PERSON_VERB = 3  # index of the last word where a subjectless verb opens a sentence
MAX_FRONTED_OBJECT_WORDS = 2
MAX_FRONTED_PP_WORDS = 5  # "В ходе рабочего визита в Москву": words a fronted phrase adds


def _opens_with_preposition(doc: Doc, words: list[Word]) -> bool:
    return bool(words) and doc.morph.best_pos(words[0].text.lower()) == "PREP"


def _active_verb(doc: Doc, words: list[Word], i: int) -> bool:
    """ "обсудил", "провели" — not "был затронут вопрос", "обсуждались вопросы", "прошла
    встреча": after a fronted phrase only an active verb without a subject after it tells the
    author's voice."""
    low = words[i].text.lower()
    if low.endswith(("ся", "сь")) or doc.morph.lemma(low) == "быть":
        return False
    if "neut" in doc.morph.parse(low)[0].tag:
        return False
    nxt = doc.morph.parse(words[i + 1].text.lower()) if i + 1 < len(words) else []
    return not (nxt and nxt[0].tag.POS == "NOUN" and nxt[0].tag.case == "nomn")


def _after_preposition(doc: Doc, words: list[Word], i: int) -> bool:
    return i > 0 and doc.morph.best_pos(words[i - 1].text.lower()) == "PREP"


MAX_COMPANION_OPENER = 5  # words before "вместе с" in "Сегодня в Минске вместе с …"
MAX_COMPANION_VERB = 14  # index of the last word where the plural verb may follow it


def _companion_we(doc: Doc, words: list[Word]) -> bool:
    """ "Сегодня в Минске вместе с председателем облисполкома подписали …": a subjectless
    plural past verb after "вместе с …" is the author's "we"."""
    head = words[: MAX_COMPANION_VERB + 1]
    opener = next(
        (
            i
            for i, w in enumerate(head[: MAX_COMPANION_OPENER + 1])
            if w.text.lower() in ("вместе", "совместно")
            and i + 1 < len(head)
            and head[i + 1].text.lower() in ("с", "со")
        ),
        None,
    )
    if opener is None:
        return False
    for i in range(opener + 2, len(head)):
        parses = doc.morph.parse(head[i].text.lower())
        if parses and parses[0].tag.POS == "VERB":
            tag = parses[0].tag
            # "в Гродно": an indeclinable place after its preposition is no subject.
            free = [
                w
                for k, w in enumerate(head[:i])
                if not (k and doc.morph.best_pos(head[k - 1].text.lower()) == "PREP")
            ]
            return "past" in tag and "plur" in tag and not has_subject_before(doc, free)
    return False


def _is_document_object(doc: Doc, word: str) -> bool:
    """An inanimate document noun that can be an accusative object ("Соглашение … подписал")."""
    lemma = doc.morph.lemma(word.lower())
    return lemma in word_set("agreement_nouns") and any(
        p.tag.case == "accs" for p in doc.morph.parse(word.lower())
    )


def author_presence(doc: Doc) -> int | None:
    """A verbless first-person trip: "Сегодня работаю в … округе", "На этой неделе — в Москве"."""
    if not doc.author:
        return None
    cues = "|".join(r"\s+".join(map(re.escape, c.split())) for c in lines("author_presence_cues"))
    times = "|".join(r"\s+".join(map(re.escape, c.split())) for c in lines("time_openers"))
    pattern = re.compile(
        rf"(?:^|[.!?\n]\s*)(?:(?:{times})\s*,?\s*)?(?:(?:{cues})\s+(?:в|во|на|по)"
        rf"|(?<=[^\W\d_])\s*—\s*(?:в|во|на))\s+[А-ЯЁ«]",
        re.IGNORECASE,
    )
    for m in pattern.finditer(doc.text):
        text = m.group(0)
        if "—" in text and not re.search(times, text, re.IGNORECASE):
            continue  # "X — в Москве" without a time opener may be anything
        return m.end() - 1  # where the place starts
    return None


MAX_CHANNEL_ROLE_WORDS = 7
_CHANNEL_ROLE_CLASSES = frozenset({"governor", "head", "premier", "mayor", "vice_governor"})


def channel_role(doc: Doc) -> str | None:
    """The channel's own description ("Губернатор Приладожской области" under the name in a
    web preview's card): the first-person author's role when the post names none."""
    heads = {
        phrase.split()[0]
        for phrase, cls in pairs("roles")
        if cls in _CHANNEL_ROLE_CLASSES and phrase.split()
    }
    for line in [x.strip() for x in doc.text.splitlines() if x.strip()][:CHANNEL_CARD_LINES]:
        words = line.split()
        if len(words) > MAX_CHANNEL_ROLE_WORDS * 2:
            break  # the post's body has begun
        if (
            len(words) <= MAX_CHANNEL_ROLE_WORDS
            and words[0].lower() in heads
            and any(w[:1].isupper() for w in words[1:])
            and not line.endswith((".", "!", "?", ":"))
            and not any(p.tag.POS == "VERB" for w in words for p in doc.morph.parse(w.lower())[:1])
        ):
            return line[0].lower() + line[1:]
    return None


# "Сегодня к нам с рабочим визитом приехал полпред …", "К нам в гости приехала делегация во
# главе с …": someone came to the author, who hosts.
_TO_US_RE = re.compile(r"(?<![\w-])(?:к\s+нам|у\s+нас)(?![\w-])", re.IGNORECASE)
_TO_US_ARRIVALS = frozenset({"приехать", "прибыть", "прилететь"})


def visitor_to_author(doc: Doc, people: People) -> PersonEntity | None:
    """The person named right after an arrival verb in a sentence saying someone came "к нам"."""
    for m in _TO_US_RE.finditer(doc.text):
        sent = doc.sentence_at(m.start())
        if sent is None:
            continue
        for w in doc.words_in(m.end(), sent.stop):
            if doc.morph.lemma(w.text.lower()) not in _TO_US_ARRIVALS:
                continue
            after = [p for p in people.mentions if w.stop <= p[0] < sent.stop]
            if not after:
                break
            entity = people.entities[after[0][2]]
            if doc.author and entity.name == doc.author:
                break
            if re.search(r"[,;:.!?]", doc.text[w.stop : after[0][0]]):
                break  # the arriving one is named in another clause
            return entity
    return None
