"""Indirect speech: "X отметил, что …", "По словам/мнению X, …", "Как подчеркнул X, …"."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.rules import is_media_name, media_nouns
from govdigest.extraction.people import People
from govdigest.extraction.quotes.mention_lookup import entity_speaker
from govdigest.extraction.quotes.raw import RawQuote
from govdigest.extraction.quotes.speakers import NOBODY, Speaker, resolve, speech_verb_lemmas
from govdigest.extraction.resources import lines, word_set
from govdigest.extraction.text import Sentence

# "отметил, что", "сообщила о том, что"; adjectives of conviction behave like speech verbs.
# A short quoted name may stand in between: "рассказал изданию «Абирег», что …".
_THAT_RE = re.compile(
    r"(?:\s+(?:[^,.;:!?«»—]|«[^«»,.;:!?]{1,40}»){0,60}?)?"
    r"(?:\s+о\s+том)?,\s+(?:что|чтобы)(?:\s+|,\s*)"
)
_ACCORDING_RE = re.compile(
    r"(?:^|[\s(])[Пп]о\s+(?:(?:словам|мнению)\s+(?P<who>[^,]{2,80})"
    r"|(?P<pron>его|её|ее|их)\s+(?:словам|мнению)),\s*"
)
_AS_SAID_RE = re.compile(r"(?:^|\s)[Кк]ак\s+([а-яё]+)\s+([^,]{2,80}),\s*(?=[^«\"„“])")
_CONVICTION = frozenset({"уверен", "уверена", "убеждён", "убежден", "убеждена", "уверены"})
MIN_INDIRECT_WORDS = 3
# First-person plural verbs a newsroom uses to remind or add in its own voice.
_EDITORIAL_VERBS = frozenset({"напомним", "отметим", "добавим", "уточним", "заметим"})
_EDITORIAL_THAT_RE = re.compile(r"(?:\s+о\s+том)?,?\s+(?:что|чтобы)\b|\s*:")


def _inside(pos: int, covered: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in covered)


_DASH_AFTER_STOP_RE = re.compile(r"[.!?…]\s*[—–-]\s*\Z")


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = text.lstrip(", ").rstrip(" .;")
    return text


# After a direct quote's attribution: "«…», – отметил губернатор, подчеркнув, что …".
_GERUND_TAIL_RE = re.compile(r",\s+([а-яё]+),\s+что\s+")
_ATTRIBUTION_DASH_RE = re.compile(r"[—–]\s+|(?<=\s)-\s+")


def _gerund_tail(
    doc: Doc, people: People, sent: Sentence, covered: list[tuple[int, int]]
) -> RawQuote | None:
    end = max((b for a, b in covered if a <= sent.start < b), default=sent.start)
    m = _GERUND_TAIL_RE.match(doc.text, end, sent.stop)
    if not m or end >= sent.stop:
        return None
    gerund = m.group(1)
    if doc.morph.best_pos(gerund) != "GRND" or doc.morph.lemma(gerund) not in speech_verb_lemmas():
        return None
    text = _tidy(doc.text[m.end() : sent.stop])
    if len(text.split()) < MIN_INDIRECT_WORDS:
        return None
    covering = max(a for a, b in covered if a <= sent.start < b)
    dashes = list(_ATTRIBUTION_DASH_RE.finditer(doc.text, covering, end))
    who_start = dashes[-1].end() if dashes else covering
    speaker = resolve(doc, people, who_start, end, who_start)
    return RawQuote(end, sent.stop, text, speaker, True)


MAX_CITED_SUBJECT_WORDS = 5


def _cited_report(doc: Doc, people: People, lead: int, start: int, stop: int) -> bool:
    """ "Как пишет «Кедр-Информ», глава региона отметил …": the rest of the sentence has a
    subject and a speech verb of its own, so the "как" clause names where the report was read,
    not who spoke. Only a verb among the first words (after its subject) counts: one deep in the
    sentence ("…: консул передал приветствие") belongs to the report itself, and a person
    named in the "как" clause ("Как рассказал глава региона X, он …") is the speaker."""
    if any(lead <= m_start < start for m_start, _, _ in people.mentions):
        return False
    return any(
        doc.morph.lemma(w.text.lower()) in speech_verb_lemmas()
        and doc.morph.best_pos(w.text.lower()) == "VERB"
        for w in doc.words_in(start, stop)[1:MAX_CITED_SUBJECT_WORDS]
    )


def _cites_medium(doc: Doc, people: People, start: int, stop: int) -> bool:
    """ "Как сообщает турецкое издание X, …", "Как пишет ТАСС, …": the "как" clause names a
    medium (a media noun or a known outlet), the newsroom's source, never a speaker. A person
    named in it ("Как рассказал в интервью газете губернатор X, …") still speaks."""
    if any(start <= m_start < stop for m_start, _, _ in people.mentions):
        return False
    nouns = media_nouns()
    if any(doc.morph.lemma(w.text.lower()) in nouns for w in doc.words_in(start, stop)):
        return True
    clause = doc.text[start:stop].lower().strip(' «»"')
    return any(clause.endswith(outlet) for outlet in lines("media_outlets"))


# "По данным пресс-службы, …", "По информации ТАСС, …": where the news came from, a data
# attribution that quotes nobody; a speech verb with its own subject may follow it.
_SOURCE_LEAD_RE = re.compile(
    r"\s*[Пп]о\s+(?:данным|информации|сообщению|сведениям)\s+[^,]{2,80},\s*"
)
# "…, передает ТАСС." closing reported speech: the newsroom's source, not part of the words.
_SOURCE_TAIL_RE = re.compile(
    r",\s+(?:передает|передаёт|сообщает|пишет|информирует)\s+(?P<src>[^,]{2,60})$"
)


# Verbs of reacting to what others said: their object's "о том, что" clause is the report's.
# ("поделился информацией о том, что …" is the speaker's own news: not listed.)
_REACTION_VERBS = frozenset(
    {"прокомментировать", "комментировать", "ответить", "отвечать", "отреагировать"}
)


def _about_a_report(doc: Doc, start: int, stop: int) -> bool:
    """A noun of a report or rumour ("информацию", "слухи", "публикации") as the object
    between the verb and "о том, что"."""
    nouns = word_set("rumour_nouns")
    return any(doc.morph.lemma(w.text.lower()) in nouns for w in doc.words_in(start, stop))


def _that_clause(doc: Doc, start: int, stop: int) -> tuple[int, int, int] | None:
    """The first "<speech verb> …, что" in ``doc.text[start:stop]``: (start, the attribution's
    end, the reported words' start); None when the newsroom speaks ("Напомним, что …")."""
    verbs = speech_verb_lemmas()
    for w in doc.words_in(start, stop):
        word = w.text.lower()
        if word in _EDITORIAL_VERBS:
            if _EDITORIAL_THAT_RE.match(doc.text, w.stop):
                return None  # "Напомним, что …": the newsroom's own voice, nobody's speech
            # "Напомним, представитель МИДа рассказывала, что …": she speaks, and her clause
            # starts after the newsroom's word.
            start = w.stop
            continue
        if doc.morph.lemma(word) not in verbs and word not in _CONVICTION:
            continue
        m = _THAT_RE.match(doc.text, w.stop, stop)
        if (
            m
            and doc.morph.lemma(word) in _REACTION_VERBS
            and _about_a_report(doc, w.stop, m.end())
        ):
            # "прокомментировали информацию о том, что губернатор якобы …": the "что" clause
            # tells what the report or rumour said, not what the speaker claims.
            return None
        if m:
            return (start, m.end() - 1, m.end())
    return None


def _source_clause(doc: Doc, people: People, m: re.Match[str], base: int) -> bool:
    """ "Как сообщает ТАСС, …", "Как передает пресс-служба губернатора, …", "Как сообщили в
    правительстве, …": the "как" clause names no person, and its subject is a medium, a press
    service or an anonymous plural: where the report came from, never one speaker."""
    start, stop = base + m.start(2), base + m.end(2)
    if any(start <= m_start < stop for m_start, _, _ in people.mentions):
        return False
    if _cites_medium(doc, people, start, stop) or "пресс-" in m.group(2).lower():
        return True
    parses = doc.morph.parse(m.group(1).lower())
    return bool(parses) and parses[0].tag.POS == "VERB" and "plur" in parses[0].tag


def _medium_subject(doc: Doc, people: People, start: int, stop: int) -> bool:
    """ "Агентство «Кедр-Информ» сообщило, что …", "ТАСС сообщает, что …": a medium as the
    subject of the verb of saying relays the news; a person named before the verb ("Губернатор
    в интервью ТАСС заявил, что …") still speaks."""
    if any(start <= m_start < stop for m_start, _, _ in people.mentions):
        return False
    words = doc.words_in(start, stop)
    nouns = media_nouns()
    for w in words:
        low = w.text.lower()
        if doc.morph.best_pos(low) in ("ADJF", "PRTF"):
            continue  # "Информационное агентство …"
        cases = {p.tag.case for p in doc.morph.parse(low) if p.tag.POS == "NOUN"}
        if doc.morph.lemma(low) in nouns and "nomn" in cases:
            return True
        break
    head = doc.text[start:stop].lower().strip(' «»"')
    return any(head.startswith(f"{outlet} ") for outlet in lines("media_outlets"))


def _without_source_tail(doc: Doc, text: str) -> str:
    m = _SOURCE_TAIL_RE.search(text)
    if m is None:
        return text
    source = m.group("src")
    nouns = media_nouns()
    if (
        is_media_name(source)
        or "пресс-" in source.lower()
        or any(doc.morph.lemma(w.lower()) in nouns for w in source.split())
    ):
        return text[: m.start()]
    return text


# What a sentence yields when it names where the news came from and quotes nobody.
_QUOTES_NOBODY = (-1, -1, -1)


def _as_said(
    doc: Doc, people: People, sent: Sentence, m: re.Match[str]
) -> tuple[int, int, int] | None:
    """The speech a "как <verb> X," clause leads to: the clause's own (X speaks), the one after
    a cited source ("Как сообщает ТАСС, губернатор X заявил, что …"), ``_QUOTES_NOBODY`` when a
    medium is cited and nobody is quoted after it, None to look for a that-clause instead."""
    base = sent.start
    clause_start, clause_end = base + m.start(), base + m.end()
    if _source_clause(doc, people, m, base):
        after = _that_clause(doc, clause_end, sent.stop)
        if after is not None:
            # The subject stands after the clause, or before it when the clause is put in
            # between: "Глава региона, как сообщает ТАСС, отметил, что …".
            before = doc.text[base:clause_start].strip(" ,")
            if before and not _cites_medium(doc, people, base + m.start(2), base + m.end(2)):
                return _QUOTES_NOBODY  # a press service put in between: whose words is unsure
            return (base if before else clause_end, after[1], after[2])
        if _cites_medium(doc, people, base + m.start(2), base + m.end(2)):
            return _QUOTES_NOBODY  # the newsroom's source, and no speech verb after it
        return (base + m.start(1), base + m.end(2), clause_end)
    if _cited_report(doc, people, base + m.start(1), clause_end, sent.stop):
        return None
    if _cites_medium(doc, people, base + m.start(2), base + m.end(2)):
        return _QUOTES_NOBODY
    return (base + m.start(1), base + m.end(2), clause_end)


def extract_indirect(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
    verbs = speech_verb_lemmas()
    out: list[RawQuote] = []
    for sent in doc.sentences:
        if _inside(sent.start, covered):
            tail = _gerund_tail(doc, people, sent, covered)
            if tail is not None:
                out.append(tail)
            continue
        if "«" in sent.text[:2]:
            continue
        s = sent.text
        base = sent.start
        found: tuple[int, int, int] | None = None
        m = _ACCORDING_RE.search(s)
        if m:
            who = "who" if m.group("who") else "pron"
            found = (base + m.start(who), base + m.end(who), base + m.end())
        if found is None:
            m2 = _AS_SAID_RE.search(s)
            if m2 and doc.morph.lemma(m2.group(1).lower()) in verbs:
                found = _as_said(doc, people, sent, m2)
        if found is None:
            lead = _SOURCE_LEAD_RE.match(s)
            found = _that_clause(doc, base + (lead.end() if lead else 0), sent.stop)
            if found is not None and _medium_subject(doc, people, found[0], found[1]):
                continue  # "Агентство «X» сообщило, что …": the newsroom's source
        if found is None or found is _QUOTES_NOBODY:
            continue
        who_start, who_stop, text_start = found
        if _inside(text_start, covered):
            continue
        # "…добавил, что совещание назначено.- Позиция такая, - написал X": a speech glued to
        # the sentence (a lost space) is its own quote; the reported words end before it.
        stop = min(
            (
                a
                for a, _ in covered
                if text_start < a < sent.stop
                and _DASH_AFTER_STOP_RE.search(doc.text, max(0, a - 4), a)
            ),
            default=sent.stop,
        )
        text = _tidy(doc.text[text_start:stop].rstrip(" -—–"))
        text = _without_source_tail(doc, text)
        if len(text.split()) < MIN_INDIRECT_WORDS or text.startswith(("«", '"')):
            continue
        speaker = _relative_speaker(doc, people, who_start, who_stop)
        if speaker is None:
            speaker = resolve(doc, people, who_start, who_stop, who_start)
        out.append(RawQuote(sent.start, sent.stop, text, speaker, True))
    return out


# "…встретился с послом Тавии Ильёй Седовым, который рассказал, что …": the verb of a relative
# clause belongs to the clause's antecedent, not to the sentence's subject.
_RELATIVE_RE = re.compile(r",\s+(?:который|которая|которое|которые)\s")


def _relative_speaker(doc: Doc, people: People, start: int, stop: int) -> Speaker | None:
    """The person named right before ", который <verb>"; NOBODY when the antecedent is no
    named person ("с послом Тавии, который рассказал"); None when there is no such clause."""
    relatives = list(_RELATIVE_RE.finditer(doc.text, start, stop))
    if not relatives:
        return None
    comma = relatives[-1].start()
    named = [i for _, m_stop, i in people.mentions if m_stop == comma]
    return entity_speaker(people.entities[named[0]]) if named else NOBODY
