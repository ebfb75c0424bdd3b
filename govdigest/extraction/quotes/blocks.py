"""Direct speech without quotation marks: dash dialogue and interview lines, a block under a
speaker's heading, transcripts, and unquoted speech closed by ", сказал …"."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People
from govdigest.extraction.quotes.attribution import (
    MAX_HEADING_WORDS,
    attribution_after,
    attribution_before,
    clause_start,
    comma_attribution,
)
from govdigest.extraction.quotes.layouts import closed_below
from govdigest.extraction.quotes.raw import (
    MIN_SPEECH_WORDS,
    SPEECH_DASH,
    RawQuote,
    clean_quote_text,
)
from govdigest.extraction.quotes.speakers import NOBODY, Speaker, has_speech_verb, resolve
from govdigest.extraction.resources import word_set
from govdigest.extraction.roles import match_role_at

# A dialogue line: "— Мы обсудили…, — сказал глава региона. — Продолжение."
DIALOGUE_RE = re.compile(r"^[—–-]\s+(?=\S)")
# "-Сегодня действуют соглашения…, - сказал он.": a hyphen glued to the first word opens the
# speech only when the same paragraph closes it with a dash attribution (a bullet list item
# "-Поставки зерна;" does not).
_GLUED_DIALOGUE_RE = re.compile(r"^-(?=[А-ЯЁ«][^\n]*[,!?…]\s+[—–-]\s*[а-яё])")

_DIALOGUE_ATTR_RE = re.compile(rf"([,!?…])\s+(?:{SPEECH_DASH}\s+|-(?=[а-яё]))(?=[а-яё])")

TRAILING_ATTR_RE = re.compile(r",\s+([а-яё]+)\s+([^,.!?…«»\n]{2,80}?)\s*[.!…]?\s*$")

# An interview: a run of at least this many dash lines, at least one of them a question.
MIN_INTERVIEW_LINES = 2

# Lines before an interview run searched for its lead-in ("ответил на вопросы корреспондента").
MAX_INTERVIEW_LEAD_LINES = 3

_INTERVIEW_CUE_RE = re.compile(
    r"ответил\w*\s+на\s+вопрос|интервью|в\s+беседе\s+с|рассказал\w*\s+корреспондент"
    r"|ответ\w*\s+на\s+вопрос",
    re.IGNORECASE,
)


def trim_unbalanced(doc: Doc, start: int, stop: int) -> int:
    # «Мы работаем с «Интрафитом», — сказал он: Russian typography often merges the outer and
    # inner closing marks, leaving the outer one "unbalanced"; the attribution ends the quote.
    for m in re.finditer(r"»", doc.text[start:stop]):
        pos = start + m.end()
        if attribution_after(doc, pos):
            return pos
    return stop


def _interview_lines(doc: Doc, people: People) -> dict[int, Speaker]:
    """Dash lines of an interview: line start → speaker (null for the journalist's questions).

    A run of consecutive dash lines with a question among them is a dialogue when the post has
    no author (a third-person story) or when a lead-in such as "ответил на вопросы" stands
    right before it; the answers belong to the person named in the lead-in.
    """
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in doc.text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    out: dict[int, Speaker] = {}
    i = 0
    while i < len(lines):
        if not DIALOGUE_RE.match(lines[i][1]):
            i += 1
            continue
        j = i
        while j < len(lines) and DIALOGUE_RE.match(lines[j][1]):
            j += 1
        run = lines[i:j]
        questions = [s for s, line in run if line.rstrip().endswith("?")]
        if len(run) >= MIN_INTERVIEW_LINES and questions:
            lead = [
                (s, line)
                for s, line in lines[max(0, i - MAX_INTERVIEW_LEAD_LINES) : i]
                if line.strip() and _INTERVIEW_CUE_RE.search(line)
            ]
            if lead or not doc.author:
                answerer = NOBODY
                if lead:
                    s, line = lead[-1]
                    answerer = resolve(doc, people, s, s + len(line), run[0][0])
                for s, _line in run:
                    out[s] = NOBODY if s in questions else answerer
        i = j
    return out


def dialogue_lines(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
    out: list[RawQuote] = []
    interview = _interview_lines(doc, people)
    offset = 0
    for line in doc.text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        m = DIALOGUE_RE.match(line)
        glued = _GLUED_DIALOGUE_RE.match(line) if m is None else None
        m = m or glued
        if not m or any(a <= line_start < b for a, b in covered):
            continue
        body_start = line_start + m.end()
        body = doc.text[body_start : line_start + len(line)]
        attr = _DIALOGUE_ATTR_RE.search(body)
        speaker, attributed = NOBODY, False
        text = body
        tail = None if attr else TRAILING_ATTR_RE.search(body)
        if tail and comma_attribution(doc, body_start + tail.start()):
            # "— … Скорбим, пишет глава региона.": the paragraph's last clause attributes it.
            a_start, a_stop = body_start + tail.start(1), body_start + tail.end(2)
            speaker = resolve(doc, people, a_start, a_stop, line_start)
            attributed = True
            text = body[: tail.start()] + "."
        if attr:
            a_start = body_start + attr.end()
            end = re.search(rf"[,.]\s+{SPEECH_DASH}\s+|[.!?…]\s*$", body[attr.end() :])
            a_stop = a_start + (end.start() if end else len(body) - attr.end())
            if has_speech_verb(doc, a_start, a_stop) or _signed(doc, people, a_start, a_stop):
                speaker = resolve(doc, people, a_start, a_stop, line_start)
                attributed = True
                first = body[: attr.start()] + (attr.group(1) if attr.group(1) != "," else "")
                rest = body[attr.end() + (end.end() if end else len(body)) :]
                if end and end.group().strip().startswith("."):
                    first = first + ("" if first.endswith(("!", "?", "…")) else ".")
                elif rest:
                    first = first + ","
                text = f"{first} {rest}".strip()
        if glued and not attributed:
            continue
        if not attributed and line_start in interview:
            speaker, attributed = interview[line_start], True
        continued = False
        if not attributed:
            closer = closed_below(doc, people, line_start + len(line))
            if closer is not None and len(re.findall(r"\w+", body)) >= MIN_SPEECH_WORDS:
                speaker, attributed = closer, True
        if not attributed:
            lead = attribution_before(doc, line_start) or _lead_sentence(doc, people, line_start)
            words = re.findall(r"\w+", body)
            if lead is None or len(words) < MIN_SPEECH_WORDS or body.rstrip().endswith(";"):
                continue
            speaker = resolve(doc, people, lead[0], lead[1], line_start)
            attributed = continued = True
        out.append(
            RawQuote(line_start, line_start + len(line), clean_quote_text(text), speaker, True)
        )
        if continued and speaker.name:
            out.extend(continued_paragraphs(doc, people, offset, speaker))
    return out


def _signed(doc: Doc, people: People, start: int, stop: int) -> bool:
    """ "– Гордимся вами, – врио губернатора Кедровской области Олег Дёмин.": a TV story's
    caption closes a dash paragraph with the speaker's role and full name and no verb."""
    end = start + len(doc.text[start:stop].rstrip(" ."))
    line_end = doc.text.find("\n", end)
    if doc.text[end : len(doc.text) if line_end < 0 else line_end].strip() != ".":
        return False
    named = [m for m in people.mentions if start <= m[0] and m[1] == end]
    if len(named) != 1 or len(doc.text[named[0][0] : end].split()) < 2:
        return False
    words = doc.words_in(start, named[0][0])
    if not words:
        return True
    role = match_role_at(doc, words, 0)
    return role is not None and doc.text[named[0][0] : end].split()[-1] == (
        people.entities[named[0][2]].surname
    )


def continued_paragraphs(doc: Doc, people: People, start: int, speaker: Speaker) -> list[RawQuote]:
    """Plain paragraphs after a lead-attributed dash paragraph that go on in the first person
    ("Мы продолжим поддерживать завод: …") are the same speech without its marks."""
    out: list[RawQuote] = []
    pos = start
    for _ in range(MAX_BLOCK_PARAGRAPHS - 1):
        if pos >= len(doc.text):
            break
        end = doc.text.find("\n", pos)
        end = len(doc.text) if end < 0 else end
        body = doc.text[pos:end]
        if (
            _MARKED_START_RE.match(body)
            or not _FIRST_PERSON_RE.search(body)
            or _reports_speech(doc, pos, end)
            or any(pos <= m_start < end for m_start, _, _ in people.mentions)
            or len(re.findall(r"\w+", body)) < MIN_SPEECH_WORDS
        ):
            break
        out.append(RawQuote(pos, end, clean_quote_text(body), speaker, True))
        pos = end + 1
    return out


def _reports_speech(doc: Doc, start: int, stop: int) -> bool:
    """A past-tense verb of saying ("отметил", "рассказала"): narrative, not the speech itself."""
    verbs = word_set("speech_verbs")
    for w in doc.words_in(start, stop):
        low = w.text.lower()
        if doc.morph.lemma(low) in verbs and doc.morph.verb_gender(low) is not None:
            return True
        parses = doc.morph.parse(low)
        if doc.morph.lemma(low) in verbs and parses and "past" in parses[0].tag:
            return True
    return False


def _lead_sentence(doc: Doc, people: People, line_start: int) -> tuple[int, int] | None:
    """ "Губернатор X поздравил коллектив завода." then a lone dash paragraph: X's address.

    Only in third-person posts, only for a single dash paragraph (a run of dash lines is a list
    or an interview), and only when the lead's last sentence names a person and uses a verb of
    addressing (data/speech_lead_verbs.txt)."""
    if doc.first_person or line_start == 0:
        return None
    prev_start = doc.text.rfind("\n", 0, line_start - 1) + 1
    if DIALOGUE_RE.match(doc.text[prev_start:line_start]):
        return None
    next_end = doc.text.find("\n", line_start)
    if next_end >= 0 and DIALOGUE_RE.match(doc.text[next_end + 1 : next_end + 3]):
        return None
    prev = doc.text[prev_start : line_start - 1].rstrip()
    if not prev.endswith("."):
        return None
    stop = prev_start + len(prev)
    sentence = doc.sentence_at(stop - 1)
    start = max(prev_start, sentence.start) if sentence else prev_start
    verbs = word_set("speech_lead_verbs")
    if not any(start <= m_start < stop for m_start, _, _ in people.mentions):
        return None
    if not any(doc.morph.lemma(w.text.lower()) in verbs for w in doc.words_in(start, stop)):
        return None
    return start, stop


# Interview layout: "Андрей Карпинский, губернатор Сосновской области:" alone on a line, then the
# speech as plain paragraphs without quote marks. Later paragraphs continue the speech only while
# they speak in the first person ("мы", "наш", "я").
MAX_BLOCK_PARAGRAPHS = 3
_FIRST_PERSON_RE = re.compile(r"\b(?:я|мы|мне|нам|нас|наш\w*|мо[йяеи]\w*)\b", re.IGNORECASE)
_MARKED_START_RE = re.compile(r"^[«\"„“—–-]")
_LONE_MARKS = frozenset({"«", '"', "„", "“"})


def heading_blocks(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
    out: list[RawQuote] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in doc.text.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    for i, (start, stop) in enumerate(spans[:-1]):
        heading = doc.text[start:stop].rstrip()
        if not heading.endswith(":"):
            continue
        if has_speech_verb(doc, start, stop):
            # "Губернатор X написал в своём телеграм-канале:" ⏎ the post's own paragraphs.
            clause = _speech_lead(doc, start, start + len(heading))
            if clause is None:
                continue
            speaker = resolve(doc, people, clause[0], clause[1], clause[1])
        elif len(heading.split()) > MAX_HEADING_WORDS or not _is_name_heading(
            doc, people, start, stop
        ):
            continue
        else:
            speaker = resolve(doc, people, start, stop, start)
        if speaker.name is None:
            continue
        first = i + 1
        if doc.text[spans[first][0] : spans[first][1]].strip() in _LONE_MARKS and first + 1 < len(
            spans
        ):
            first += 1  # "Имя Фамилия:" ⏎ "«" ⏎ the speech: a lone opening mark on its own line
        for j in range(first, min(first + MAX_BLOCK_PARAGRAPHS, len(spans))):
            p_start, p_stop = spans[j]
            body = doc.text[p_start:p_stop]
            if (
                _MARKED_START_RE.match(body)
                or any(a <= p_start < b for a, b in covered)
                or len(re.findall(r"\w+", body)) < MIN_SPEECH_WORDS
                or (j > first and not _FIRST_PERSON_RE.search(body))
                or any(p_start <= m_start < p_stop for m_start, _, _ in people.mentions)
            ):
                break
            out.append(RawQuote(p_start, p_stop, clean_quote_text(body), speaker, True))
    return out


# A transcript line: "В.Ранцев: Добрый день, коллеги!", "И. Пронин: Уборка идёт по графику."
_TRANSCRIPT_RE = re.compile(
    r"^((?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?):\s+(?=\S)", re.MULTILINE
)
MIN_TRANSCRIPT_WORDS = 2


def transcript_lines(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
    out: list[RawQuote] = []
    for m in _TRANSCRIPT_RE.finditer(doc.text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        stop = doc.text.find("\n", m.end())
        stop = len(doc.text) if stop < 0 else stop
        body = doc.text[m.end() : stop]
        if len(re.findall(r"\w+", body)) < MIN_TRANSCRIPT_WORDS:
            continue
        speaker = resolve(doc, people, m.start(1), m.end(1), m.start())
        out.append(RawQuote(m.end(), stop, clean_quote_text(body), speaker, True))
    return out


def _speech_lead(doc: Doc, start: int, stop: int) -> tuple[int, int] | None:
    """The last sentence of a line ending "…написал в телеграм-канале:" when it holds the verb
    of saying itself (not "Губернатор сказал, что в программе:" or a bare list heading)."""
    first = clause_start(doc.text, start, stop - 1)
    if not has_speech_verb(doc, first, stop) or "что" in doc.text[first:stop].split():
        return None
    return first, stop


def _is_name_heading(doc: Doc, people: People, start: int, stop: int) -> bool:
    """ "Имя Фамилия:" or "Имя Фамилия, должность …:": the line opens with a person's name."""
    return any(m_start == start and m_stop <= stop for m_start, m_stop, _ in people.mentions)


# Unquoted speech closed by its attribution: "Область нарастит экспорт, заявил губернатор X." The
# verb is finite and right after the comma; a "что" after it makes it reported speech instead.
_UNQUOTED_ATTR_RE = re.compile(r",\s+(?=[а-яё]+\s+[^,]{3,160}$)")
_NOT_SPEECH_OPENERS = ("по словам", "по мнению", "как ", "по данным", "об этом", "о ")
MIN_UNQUOTED_SPEECH_WORDS = 5
# Verbs of writing close unquoted speech only when a person (a governor's channel) wrote it.
_WRITE_VERBS = frozenset({"написать", "писать"})


# "ТАРСК, 15 сен - РИА Новости.": an agency dateline opens the paragraph, not the speech.
_DATELINE_RE = re.compile(r"[А-ЯЁ][А-ЯЁ-]{2,}\b")
# "Кедровск. 17 августа. KEDRNEWS.RU - В лесах идёт тушение, сообщил глава": an agency's
# dateline and tag before the opening sentence of its item are the byline, not the speech.
_AGENCY_TAG_RE = re.compile(
    r"^(?:[А-ЯЁ][\w-]*(?:\s[А-ЯЁ][\w-]*)?[.,]\s+\d{1,2}\s+[а-яё]+[.,]?\s+)?"
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]+(?:\.[A-ZА-ЯЁ]{2,})?\s+[—–-]\s+(?=[А-ЯЁ])"
)


def _names_a_role(doc: Doc, start: int, stop: int) -> bool:
    words = doc.words_in(start, stop)
    return any(match_role_at(doc, words, i) is not None for i in range(len(words)))


def _paragraph_lead(doc: Doc, people: People, covered: list[tuple[int, int]], start: int) -> int:
    """ "Южноморск — город с историей. Такие поездки полезны, написал глава региона.": the
    closing attribution covers its whole paragraph when the sentences before it in that
    paragraph name nobody, report no speech and quote nothing; otherwise only its sentence."""
    para = doc.text.rfind("\n", 0, start) + 1
    lead = doc.text[para:start]
    if (
        not lead.strip()
        or any(para < b and a < start for a, b in covered)
        or any(para <= m_start < start for m_start, _, _ in people.mentions)
        or re.search(r"[«»\"„“:]", lead)
        or _DATELINE_RE.match(lead)
        or DIALOGUE_RE.match(lead)
        or has_speech_verb(doc, para, start)
    ):
        return start
    return para


def unquoted_speech(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
    verbs = word_set("unquoted_speech_verbs")
    out: list[RawQuote] = []
    for sent in doc.sentences:
        text = sent.text.rstrip()
        if (
            any(a <= sent.start < b or a < sent.stop <= b for a, b in covered)
            or not text[:1].isupper()
            or text.lower().startswith(_NOT_SPEECH_OPENERS)
            or not text.endswith((".", "!", "…"))
        ):
            continue
        for m in _UNQUOTED_ATTR_RE.finditer(text, 0, len(text) - 1):
            verb = text[m.end() :].split(maxsplit=1)[0]
            parse = doc.morph.parse(verb)
            if not parse or parse[0].tag.POS != "VERB" or doc.morph.lemma(verb) not in verbs:
                continue
            body = text[: m.start()]
            if len(re.findall(r"\w+", body)) < MIN_UNQUOTED_SPEECH_WORDS or re.search(
                r"[«»\"„“]", body
            ):
                break
            a_start = sent.start + m.end()
            if has_speech_verb(doc, sent.start, sent.start + m.start()):
                break  # "X сообщил, что …, заявил Y": nested reporting is not one speech
            if any("plur" in p.tag for p in parse[:1]):
                # "Встреча состоялась в Москве, сообщили в пресс-службе": an impersonal plural
                # names the source of a reported fact, not a speaker's own words.
                break
            speaker = resolve(doc, people, a_start, sent.start + len(text), a_start)
            if doc.morph.lemma(verb) in _WRITE_VERBS and (
                people.find(speaker.name or "") is None
                or any(sent.start <= m < a_start for m, _, _ in people.mentions)
                or _names_a_role(doc, sent.start, sent.start + m.start())
            ):
                # "…, написал «Вестник»": a medium writes a report; "Губернатор посетил завод,
                # написал он": a post retold in the third person is the writer's report.
                break
            if speaker.name is not None:
                start = _paragraph_lead(doc, people, covered, sent.start)
                body = _AGENCY_TAG_RE.sub("", doc.text[start : sent.start] + body)
                out.append(RawQuote(start, sent.stop, clean_quote_text(body), speaker, True))
            break
    return out
