"""Speaker resolution: from an attribution clause to a person, the author, or an organisation.

Order of trust: a named person inside the clause; "я" (the channel's author); a role bound to the
person introduced with it; a pronoun bound to the last person of its gender; an organisation's
press service. Anything else stays unresolved (None) — we never guess.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.quotes.mention_lookup import (
    REGION_ADJECTIVE_RE,
    by_role,
    entity_speaker,
    is_nominative_mention,
    last_mention,
    unbound_subject,
)
from govdigest.extraction.quotes.mentions import (
    WORDS_NOUNS,
    addressed_role,
    ner_organisation,
    not_the_speaker,
)
from govdigest.extraction.quotes.org_speakers import (
    NOBODY,
    PRESS_ROLE,
    Speaker,
    organisation_speaker,
)
from govdigest.extraction.resources import word_set
from govdigest.extraction.roles import match_role_at

_FIRST_PERSON = frozenset({"я", "мною", "мной"})
_PRONOUNS = {"он": "masc", "она": "femn", "его": "masc", "её": "femn", "ее": "femn"}


def speech_verb_lemmas() -> frozenset[str]:
    return word_set("speech_verbs")


def clause_gender(doc: Doc, start: int, stop: int) -> str | None:
    """Gender of the speech verb in a clause ("отметила" → femn)."""
    verbs = speech_verb_lemmas()
    for w in doc.words_in(start, stop):
        low = w.text.lower()
        if doc.morph.lemma(low) in verbs:
            gender = doc.morph.verb_gender(low)
            if gender:
                return gender
    return None


def has_speech_verb(doc: Doc, start: int, stop: int) -> bool:
    verbs = speech_verb_lemmas()
    return any(doc.morph.lemma(w.text.lower()) in verbs for w in doc.words_in(start, stop))


def _verb_is_plural(doc: Doc, start: int, stop: int) -> bool:
    verbs = speech_verb_lemmas()
    for w in doc.words_in(start, stop):
        low = w.text.lower()
        if doc.morph.lemma(low) in verbs:
            parses = doc.morph.parse(low)
            return bool(parses) and parses[0].tag.POS == "VERB" and "plur" in parses[0].tag
    return False


def _subjectless_first_person(doc: Doc, start: int, stop: int) -> bool:
    """ "Подчеркнул, что …", "На сессии говорил о том, что …" in the author's own post: a
    past-tense speech verb of the author's gender with no subject before it is the author's."""
    if not doc.first_person or not doc.author:
        return False
    verbs = speech_verb_lemmas()
    for w in doc.words_in(start, stop):
        low = w.text.lower()
        parses = doc.morph.parse(low)
        if not parses:
            continue
        tag = parses[0].tag
        if doc.morph.lemma(low) in verbs and tag.POS == "VERB":
            gender = doc.morph.verb_gender(low)
            return "1per" in tag or gender is None or gender == doc.author_gender
        if tag.POS in ("NOUN", "NPRO") and tag.case == "nomn":
            return False
    return False


def resolve(doc: Doc, people: People, start: int, stop: int, anchor: int) -> Speaker:
    """Resolve the speaker named in ``doc.text[start:stop]``; ``anchor`` is the quote's start."""
    speaker = _resolve(doc, people, start, stop, anchor)
    if speaker.role == PRESS_ROLE:
        doc.last_org_speaker = speaker
    return speaker


def _resolve(doc: Doc, people: People, start: int, stop: int, anchor: int) -> Speaker:
    gender = clause_gender(doc, start, stop)
    # "Об этом сообщили губернатору Игорю Бакланову", "в приёмной Олега Боса отметили": with a
    # plural verb a named person is the addressee or the owner, never the one speaker.
    plural = _verb_is_plural(doc, start, stop)
    for m_start, m_stop, index in people.mentions:
        if m_start >= start and m_stop <= stop and not plural:
            if (
                _addressee(doc, people, m_start, m_stop, index)
                or _gerund_object(doc, start, m_start)
                or not_the_speaker(doc, m_start, m_stop)
                or _oblique_in_heading(doc, people, (m_start, m_stop, index), start, stop)
            ):
                continue
            return entity_speaker(people.entities[index])
    organisation = organisation_speaker(doc, people, start, stop, anchor, plural)
    if organisation is not None:
        return organisation
    words = doc.words_in(start, stop)
    for i, w in enumerate(words):
        low = w.text.lower()
        if low in _FIRST_PERSON:
            return Speaker(doc.author, None) if doc.author else NOBODY
        role = match_role_at(doc, words, i)
        if role is not None and (
            (i > 0 and words[i - 1].text.lower() in _ADDRESSEE_PREPOSITIONS)
            or addressed_role(doc, w)
            or (i > 0 and _owned_by_object(doc, words[i - 1], w))
        ):
            # "— отметил … с послом Ирана глава области", "— сказал губернатору посол": addressees.
            continue
        if role is not None and role.role_class == "official":
            return _by_official(doc, people, gender, min(start, anchor))
        if role is not None:
            after = words[i + len(role.lemmas) : i + len(role.lemmas) + 3]
            region = {doc.morph.lemma(x.text.lower()) for x in after if x.text[:1].isupper()}
            region |= _region_adjective(doc, words[i - 1] if i > 0 else None)
            found = by_role(people, role, region, gender, min(start, anchor))
            if (
                not region
                and role.role_class == "governor"
                and FOREIGN_ROLE_LEMMAS.isdisjoint(role.lemmas)
                and role.canonical not in HOMONYM_GOVERNOR_PHRASES
            ):
                # "глава региона"/"губернатор" with no region named: the Russian host (or the
                # channel author), never a foreign guest.
                found = _host_governor(doc, people, found, gender, min(start, anchor))
            if found.name is None and gender is not None:
                # "Губернатор Вологодской области напомнила": the role was never bound to a
                # name, but the verb's gender and the nearest person of it still decide.
                found = unbound_subject(
                    doc,
                    people,
                    gender,
                    min(start, anchor),
                    _talked_about(people, anchor, start),
                    sole=bool(region),
                )
            return found
        if low in _PRONOUNS:
            # "— обратился он к Олегу Ранцеву": whom the pronoun addresses is not its referent.
            addressed = {i for s_, e_, i in people.mentions if start <= s_ and e_ <= stop}
            addressed |= _talked_about(people, anchor, start)
            from govdigest.extraction.quotes.pronouns import by_pronoun

            return by_pronoun(doc, people, _PRONOUNS[low], min(start, anchor), addressed)
    organisation = ner_organisation(doc, start, stop)
    if organisation is not None:
        return organisation
    if _subjectless_first_person(doc, start, stop):
        return Speaker(doc.author, None)
    return NOBODY


def _owned_by_object(doc: Doc, prev: Word, role: Word) -> bool:
    """ "— привёл биографию губернатора премьер": a role only in the genitive after the verb's
    object is whose biography or impressions were retold; "слова губернатора" still speaks."""
    if not prev.text.islower() or doc.morph.lemma(prev.text.lower()) in WORDS_NOUNS:
        return False
    role_cases = {p.tag.case for p in doc.morph.parse(role.text.lower())}
    if "gent" not in role_cases or "nomn" in role_cases:
        return False
    prev_parses = [p for p in doc.morph.parse(prev.text.lower()) if p.tag.POS == "NOUN"]
    return bool(prev_parses) and prev_parses[0].tag.case == "accs"


def _addressee(doc: Doc, people: People, start: int, stop: int, index: int) -> bool:
    """ "Как заявил Рябинину губернатор": a name in the dative or instrumental inside an
    attribution is whom the speaker addressed or met, not the speaker."""
    prev = re.search(r"(\w+)\s+$", doc.text[max(0, start - 12) : start])
    if prev and prev.group(1).lower() in _ADDRESSEE_PREPOSITIONS:
        # "— обратился он к Олегу Ранцеву", "— сказал он с Иваном Прониным"; also an
        # indeclinable surname that reads like the nominative ("— обратился он к Черных").
        return True
    if is_nominative_mention(doc, people, start, stop, index):
        return False
    said = doc.text[start:stop].split()
    if not said:
        return False
    cases = {p.tag.case for p in doc.morph.parse(said[-1]) if p.tag.POS == "NOUN"}
    return bool(cases & {"datv", "ablt"}) and "nomn" not in cases


def _gerund_object(doc: Doc, start: int, mention: int) -> bool:
    """ "— добавил он, пожелав Петру Черных успехов": a name after a gerund that follows a comma
    in the attribution, with no comma between them, is the gerund's object or addressee.
    ("— сказал, обращаясь к гостям, Пётр Черных": the comma closes the gerund's phrase.)"""
    comma = doc.text.rfind(",", start, mention)
    if comma < 0:
        return False
    words = doc.words_in(comma, mention)
    return bool(words) and doc.morph.best_pos(words[0].text.lower()) == "GRND"


# "по словам X", "слова X", "цитата X": an oblique name that still owns the words.
_OWNER_LEAD_RE = re.compile(r"(?:слов\w*|мнени\w*|цитат\w*|цитиру\w*)\s+(?:\w+\s+){0,2}$", re.I)


def _oblique_in_heading(
    doc: Doc, people: People, mention: tuple[int, int, int], start: int, stop: int
) -> bool:
    """ "Губернатор об увольнении своего заместителя Константина Полежаева: «…»": in a colon
    heading with no verb of saying, a person named in an oblique case is what the heading is
    about, not who speaks."""
    m_start, m_stop, index = mention
    if not doc.text[start:stop].rstrip().endswith(":") or has_speech_verb(doc, start, stop):
        return False
    if is_nominative_mention(doc, people, m_start, m_stop, index):
        return False
    return not _OWNER_LEAD_RE.search(doc.text, max(start, m_start - 40), m_start)


# A name after one of these inside an attribution clause is an addressee or a companion.
_ADDRESSEE_PREPOSITIONS = frozenset({"к", "ко", "с", "со", "перед", "для", "при", "у"})


def _region_adjective(doc: Doc, word: Word | None) -> set[str]:
    """ "курский губернатор", "нижегородского главы": a place adjective right before the role
    word names the role's region, as "губернатор Курской области" does after it."""
    if word is None or not REGION_ADJECTIVE_RE.fullmatch(word.text):
        return set()
    return {doc.morph.lemma(word.text.lower())}


def _by_official(doc: Doc, people: People, gender: str | None, before: int) -> Speaker:
    """ "— пояснил чиновник": a hypernym of any state office means the official named last
    before the quote, unless another official was named in that same sentence."""
    officials = {
        i
        for i, e in enumerate(people.entities)
        if e.role_class in OFFICIAL_CLASSES and (gender is None or e.gender in (gender, None))
    }
    last = last_mention(people, officials, before)
    if last is None:
        return NOBODY
    last_start = max(s for s, _, i in people.mentions if i == last and s < before)
    sentence = doc.sentence_at(last_start)
    lo, hi = (sentence.start, sentence.stop) if sentence else (last_start, last_start + 1)
    others = {i for s, _, i in people.mentions if lo <= s < hi and i in officials} - {last}
    return NOBODY if others else entity_speaker(people.entities[last])


# Role classes of state officials, whom "чиновник" may refer back to.
OFFICIAL_CLASSES = frozenset(
    {"governor", "vice_governor", "premier", "minister", "mayor", "envoy", "chief", "head"}
)
# A bare "губернатор" also titles foreign governors ("губернатор провинции …, — отметил
# губернатор"); only "глава региона"-style phrases mean the Russian host.
HOMONYM_GOVERNOR_PHRASES = frozenset({"губернатор"})
# Role-complement lemmas of a foreign governor-class official (провинции, иля, аким, хоким…).
FOREIGN_ROLE_LEMMAS = frozenset(
    {
        "провинция",
        "штат",
        "иль",
        "иля",
        "префектура",
        "вилайят",
        "воеводство",
        "аймак",
        "хоким",
        "аким",
        "облисполком",
    }
)


def _is_foreign_guest(doc: Doc, entity: PersonEntity) -> bool:
    role = entity.role or ""
    return any(doc.morph.lemma(w.lower()) in FOREIGN_ROLE_LEMMAS for w in role.split())


def _host_governor(
    doc: Doc, people: People, found: Speaker, gender: str | None, before: int
) -> Speaker:
    if found.name is None:
        return found
    entity_index = people.find(found.name)
    if entity_index is None or not _is_foreign_guest(doc, people.entities[entity_index]):
        return found
    hosts = {
        i
        for i, e in enumerate(people.entities)
        if e.role_class == "governor"
        and not _is_foreign_guest(doc, e)
        and (gender is None or e.gender in (gender, None))
    }
    last = last_mention(people, hosts, before)
    if last is None:
        hosts_any = sorted(hosts)
        last = hosts_any[0] if hosts_any else None
    if last is not None:
        return entity_speaker(people.entities[last])
    return Speaker(doc.author, None) if doc.author and doc.first_person else found


def _talked_about(people: People, anchor: int, start: int) -> set[int]:
    """ "— Сергей Ладогин подчеркнул готовность помочь, и я его благодарю, — отметил губернатор":
    a person named in the third person inside the quoted words is talked about, not talking."""
    if anchor >= start:
        return set()
    return {i for s, e, i in people.mentions if anchor <= s and e <= start}
