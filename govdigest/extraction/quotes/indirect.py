"""Indirect speech: "X отметил, что …", "По словам/мнению X, …", "Как подчеркнул X, …"."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People
from govdigest.extraction.quotes.raw import RawQuote
from govdigest.extraction.quotes.speakers import resolve, speech_verb_lemmas
from govdigest.extraction.resources import lines, word_set
from govdigest.extraction.text import Sentence

# "отметил, что", "сообщила о том, что"; adjectives of conviction behave like speech verbs.
_THAT_RE = re.compile(r"(?:\s+[^,.;:!?«»—]{0,60}?)?(?:\s+о\s+том)?,\s+(?:что|чтобы)(?:\s+|,\s*)")
_ACCORDING_RE = re.compile(
    r"(?:^|[\s(])[Пп]о\s+(?:(?:словам|мнению)\s+(?P<who>[^,]{2,80})"
    r"|(?P<pron>его|её|ее|их)\s+(?:словам|мнению)),\s*"
)
_AS_SAID_RE = re.compile(r"(?:^|\s)[Кк]ак\s+([а-яё]+)\s+([^,]{2,80}),\s*(?=[^«\"„“])")
_CONVICTION = frozenset({"уверен", "уверена", "убеждён", "убежден", "убеждена", "уверены"})
MIN_INDIRECT_WORDS = 3
# First-person plural verbs a newsroom uses to remind or add in its own voice.
_EDITORIAL_VERBS = frozenset({"напомним", "отметим", "добавим", "уточним", "заметим"})


def _inside(pos: int, covered: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in covered)


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
    nouns = word_set("source_media_nouns") | word_set("media_designators")
    if any(doc.morph.lemma(w.text.lower()) in nouns for w in doc.words_in(start, stop)):
        return True
    clause = doc.text[start:stop].lower().strip(' «»"')
    return any(clause.endswith(outlet) for outlet in lines("media_outlets"))


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
        found = None
        m = _ACCORDING_RE.search(s)
        if m:
            who = "who" if m.group("who") else "pron"
            found = (base + m.start(who), base + m.end(who), base + m.end())
        if found is None:
            m2 = _AS_SAID_RE.search(s)
            if (
                m2
                and doc.morph.lemma(m2.group(1).lower()) in verbs
                and not _cited_report(doc, people, base + m2.start(1), base + m2.end(), sent.stop)
            ):
                if _cites_medium(doc, people, base + m2.start(2), base + m2.end(2)):
                    continue  # the newsroom's source, and no speech verb after it
                found = (base + m2.start(1), base + m2.end(2), base + m2.end())
        if found is None:
            for w in doc.words_in(sent.start, sent.stop):
                word = w.text.lower()
                if word in _EDITORIAL_VERBS:
                    break  # "Напомним, что …": the newsroom's own voice, nobody's speech
                if doc.morph.lemma(word) not in verbs and word not in _CONVICTION:
                    continue
                m3 = _THAT_RE.match(doc.text, w.stop, sent.stop)
                if m3:
                    found = (base, m3.start() + m3.end() - m3.start() - 1, m3.end())
                    break
        if found is None:
            continue
        who_start, who_stop, text_start = found
        if _inside(text_start, covered):
            continue
        text = _tidy(doc.text[text_start : sent.stop])
        if len(text.split()) < MIN_INDIRECT_WORDS or text.startswith(("«", '"')):
            continue
        speaker = resolve(doc, people, who_start, who_stop, who_start)
        out.append(RawQuote(sent.start, sent.stop, text, speaker, True))
    return out
