"""Unmarked direct speech laid out by real news sites (issue 8, round 3).

Two layouts counted in tests/corpus/catalog/quotes.md that carry no quotation marks:

- a body line "Имя Фамилия: text" in an interview transcript (a full name, not only initials —
  those are quotes.py's transcript lines); the post's first line is a headline and is left alone;
- a paragraph of speech without an opening mark, closed by its dash attribution:
  "Завод выйдет на мощность к осени, — отметил губернатор."

Each function returns (start, stop, text, speaker) tuples; quotes.py turns them into quotes.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People
from govdigest.extraction.quotes.attribution import attribution_after
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.quotes.speakers import Speaker, has_speech_verb, resolve
from govdigest.extraction.resources import word_set

Found = tuple[int, int, str, Speaker]

# "Игорь Бакланов: В сентябре, подрядчик идёт с опережением графика."
_NAME_COLON_RE = re.compile(r":\s+(?=\S)")
MIN_LINE_SPEECH_WORDS = 3
# "…к осени, — отметил губернатор." / "…кадрами. - Добавил глава региона" is not one.
_CLOSING_ATTR_RE = re.compile(r"([,.!?…])\s+(?:[—–]|-)\s+(?=[а-яё])")
_MARKED_RE = re.compile(r"^\s*[«\"„“—–-]")
MIN_BLOCK_SPEECH_WORDS = 5
MAX_CLOSING_ATTR_CHARS = 120


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        out.append((offset, offset + len(line)))
        offset += len(line) + 1
    return out


def _covered(pos: int, covered: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in covered)


def name_colon_lines(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[Found]:
    """Body lines opened by a person's full name and a colon: that person's words."""
    out: list[Found] = []
    for start, stop in _lines(doc.text)[1:]:
        if _covered(start, covered):
            continue
        mention = next((m for m in people.mentions if m[0] == start), None)
        if mention is None:
            continue
        m = _NAME_COLON_RE.match(doc.text, mention[1], stop)
        if (
            m is None
            or len(people.entities[mention[2]].name.split()) < 2
            or _covered(m.end(), covered)
        ):
            continue  # no colon right after the name, or a transcript line already taken
        body = doc.text[m.end() : stop].strip()
        if len(re.findall(r"\w+", body)) < MIN_LINE_SPEECH_WORDS or body.startswith(("«", '"')):
            continue  # a quotation after the colon is quotes.py's own
        speaker = resolve(doc, people, mention[0], mention[1], start)
        if speaker.name is not None:
            out.append((m.end(), stop, body, speaker))
    return out


def closed_paragraphs(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[Found]:
    """A paragraph of unmarked speech that ends with a dash attribution naming the speaker."""
    out: list[Found] = []
    lines = _lines(doc.text)
    for k, (start, stop) in enumerate(lines[1:], start=1):
        line = doc.text[start:stop]
        if not line.strip() or _MARKED_RE.match(line) or _covered(start, covered):
            continue
        dashes = list(_CLOSING_ATTR_RE.finditer(doc.text, start, stop))
        closing = dashes[-1] if dashes else _attribution_line_below(doc, lines, k)
        if closing is None or closing.end() - stop > MAX_CLOSING_ATTR_CHARS + 4:
            continue
        if dashes and stop - closing.end() > MAX_CLOSING_ATTR_CHARS:
            continue
        a_start, a_stop = closing.end(), max(stop, _line_end(doc.text, closing.end()))
        tail = doc.text[a_start:a_stop].rstrip()
        if not tail.endswith((".", "!", "…")) or not has_speech_verb(doc, a_start, a_stop):
            continue
        body = doc.text[start : closing.start()].strip()
        if len(re.findall(r"\w+", body)) < MIN_BLOCK_SPEECH_WORDS or re.search(r"[«»\"„“]", body):
            continue
        if _person_reports(doc, start, closing.start()) and re.search(r",\s+что\b", body):
            continue  # reported speech already: "X сказал, что …, — добавил он."
        speaker = resolve(doc, people, a_start, a_stop, start)
        if speaker.name is None:
            continue
        mark = closing.group(1)
        text = body + ("" if mark == "," else mark)
        out.append((start, a_stop, text, speaker))
    return out


def _person_reports(doc: Doc, start: int, stop: int) -> bool:
    """A finite verb of saying whose subject may be a person: inside a retold speech a neuter
    one ("Заседание подтвердило, что …") is part of the speech, not a report of it."""
    verbs = word_set("speech_verbs")
    for w in doc.words_in(start, stop):
        low = w.text.lower()
        if doc.morph.lemma(low) not in verbs:
            continue
        parses = [p for p in doc.morph.parse(low) if p.tag.POS == "VERB"]
        # An infinitive or a future ("продолжит работу") reports nothing either.
        if any(("past" in p.tag and "neut" not in p.tag) or "pres" in p.tag for p in parses):
            return True
    return False


# "… будет развивать связи с соседями," ⏎ ⏎ "– подчеркнул губернатор.": the paragraph ends in a
# comma and the dash attribution stands alone on the next non-empty line (a retold post whose
# attribution was set as its own paragraph).
_ALONE_ATTR_RE = re.compile(r"(,)\s*\n\s*[—–-]\s+(?=[а-яё])")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _attribution_line_below(doc: Doc, lines: list[tuple[int, int]], k: int) -> re.Match | None:
    start, stop = lines[k]
    if not doc.text[start:stop].rstrip().endswith(","):
        return None
    m = _ALONE_ATTR_RE.match(doc.text, start + len(doc.text[start:stop].rstrip()) - 1)
    if m is None or _line_end(doc.text, m.end()) - m.end() > MAX_CLOSING_ATTR_CHARS:
        return None
    return m


# An interview without dashes: after a lead-in naming the interviewee ("Игорь Бакланов ответил
# на вопросы корреспондента"), a plain line ending with "?" is a question (no speaker) and the
# plain paragraphs after it, up to the next question, are the answer.
_INTERVIEW_LEAD_RE = re.compile(
    r"ответил\w*\s+на\s+вопрос|в\s+интервью|в\s+беседе\s+с|рассказал\w*\s+корреспондент",
    re.IGNORECASE,
)
MAX_ANSWER_PARAGRAPHS = 3


def plain_interview(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[Found]:
    lines = _lines(doc.text)
    lead = next(
        (
            (i, a, b)
            for i, (a, b) in enumerate(lines[:6])
            if i > 0 and _INTERVIEW_LEAD_RE.search(doc.text, a, b)
        ),
        None,
    )
    if lead is None:
        return []
    i, a, b = lead
    answerer = resolve(doc, people, a, b, a)
    questions = [
        k
        for k, (s, e) in enumerate(lines)
        if k > i and doc.text[s:e].rstrip().endswith("?") and not _MARKED_RE.match(doc.text[s:e])
    ]
    if answerer.name is None or len(questions) < 2:
        return []  # one question is a rhetorical line, not an interview
    out: list[Found] = []
    nobody = Speaker(None, None)
    for n, k in enumerate(questions):
        s, e = lines[k]
        if _covered(s, covered):
            continue
        out.append((s, e, doc.text[s:e].strip(), nobody))
        end = questions[n + 1] if n + 1 < len(questions) else len(lines)
        for s2, e2 in lines[k + 1 : min(end, k + 1 + MAX_ANSWER_PARAGRAPHS)]:
            body = doc.text[s2:e2].strip()
            if not body or _MARKED_RE.match(body) or _covered(s2, covered):
                continue
            if len(re.findall(r"\w+", body)) >= MIN_LINE_SPEECH_WORDS:
                out.append((s2, e2, body, answerer))
    return out


# "…и сегодня — весенние фото.⏎Олег Ранцев, губернатор Сосновской области": a signature line
# under unmarked first-person text (a reposted address) makes that text the signer's words.
_FIRST_PERSON_RE = re.compile(r"\b(?:я|мы|мне|нам|нас|наш\w*|мо[йяеи]\w*)\b", re.IGNORECASE)
MAX_SIGNATURE_WORDS = 10


def signed_paragraphs(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[Found]:
    if doc.first_person:
        return []  # the channel author's own text is not a quote
    lines = [(a, b) for a, b in _lines(doc.text) if doc.text[a:b].strip()]
    if len(lines) < 3:
        return []
    s_start, s_stop = lines[-1]
    signature = doc.text[s_start:s_stop].strip()
    mention = next((m for m in people.mentions if m[0] == s_start), None)
    if (
        mention is None
        or not doc.text[mention[1] : s_stop].startswith(",")
        or len(signature.split()) > MAX_SIGNATURE_WORDS
        or has_speech_verb(doc, s_start, s_stop)
        or signature.endswith((".", "!", "?", ":"))
    ):
        return []
    speaker = resolve(doc, people, mention[0], mention[1], s_start)
    if speaker.name is None:
        return []
    out: list[Found] = []
    for a, b in reversed(lines[1:-1]):
        body = doc.text[a:b].strip()
        if (
            _MARKED_RE.match(body)
            or _covered(a, covered)
            or not _FIRST_PERSON_RE.search(body)
            or len(re.findall(r"\w+", body)) < MIN_BLOCK_SPEECH_WORDS
        ):
            break
        out.append((a, b, body, speaker))
    return out[::-1]


# A dash paragraph with no attribution of its own whose speech runs on into plain paragraphs,
# the next of which closes it: "– Россия и Тавия — давние соседи." ⏎ "Развиваются и
# торговые связи, – заявил Руслан Ковалёв." The closing attribution names the speaker of both.
MAX_RUN_ON_PARAGRAPHS = 1


def closed_below(doc: Doc, people: People, line_stop: int) -> Speaker | None:
    """The speaker named by a closing dash attribution of the next plain paragraph."""
    lines = [(s, e) for s, e in _lines(doc.text) if s > line_stop and doc.text[s:e].strip()]
    for start, stop in lines[:MAX_RUN_ON_PARAGRAPHS]:
        line = doc.text[start:stop]
        if _MARKED_RE.match(line) or re.search(r"[«»\"„“]", line):
            return None
        dashes = list(_CLOSING_ATTR_RE.finditer(doc.text, start, stop))
        closing = dashes[-1] if dashes else None
        if closing is None or stop - closing.end() > MAX_CLOSING_ATTR_CHARS:
            continue
        if not doc.text[closing.end() : stop].rstrip().endswith((".", "!", "…")):
            continue
        if not has_speech_verb(doc, closing.end(), stop):
            continue
        speaker = resolve(doc, people, closing.end(), stop, start)
        return speaker if speaker.name is not None else None
    return None


# "…прошла в прямом эфире. — Планирую ли я идти на выборы? Да, планирую, — сказал Павел
# Журавин. Читайте также …": a dash speech opened after a sentence end inside a paragraph and
# closed by its own dash attribution in the same paragraph. A hyphen glued to the full stop
# ("…компаний.- Позиция такая, - написал X.") opens one too; a dash inside the speech
# ("Задача, — сделать край центром, — сказал X.") is not yet its attribution.
_INLINE_DASH_RE = re.compile(r"(?<=[.!?…»])\s*[—–]\s+(?=[А-ЯЁ])|(?<=[.!?…])-\s+(?=[А-ЯЁ])")
_INLINE_CLOSE_RE = re.compile(r"[,!?…]\s+[—–-]\s+(?=[а-яё])")


def inline_dash_speech(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[Found]:
    out: list[Found] = []
    # Inside a quotation a dash after a full stop is the quoted text's own ("— Прим. ред.").
    quoted = [(q.open, q.close) for q in find_spans(doc.text)]
    for start, stop in _lines(doc.text):
        for m in _INLINE_DASH_RE.finditer(doc.text, start, stop):
            body_start = m.end()
            if not doc.text[start : m.start()].strip() or _covered(body_start, covered + quoted):
                continue  # a paragraph opened by a dash is a dialogue line
            found = _inline_close(doc, body_start, stop)
            if found is None:
                continue
            close, clause = found
            body = doc.text[body_start:close].strip()
            if len(re.findall(r"\w+", body)) < MIN_BLOCK_SPEECH_WORDS:
                continue
            speaker = resolve(doc, people, clause[0], clause[1], body_start)
            if speaker.name is None:
                continue
            mark = doc.text[close]
            out.append((body_start, clause[1], body + ("" if mark == "," else mark), speaker))
    return out


def _inline_close(doc: Doc, body_start: int, stop: int) -> tuple[int, tuple[int, int]] | None:
    """The first dash attribution with a verb of saying after ``body_start`` in its paragraph,
    unless another inline dash speech opens before it."""
    next_open = _INLINE_DASH_RE.search(doc.text, body_start, stop)
    limit = next_open.start() if next_open else stop
    for closing in _INLINE_CLOSE_RE.finditer(doc.text, body_start, limit):
        clause = attribution_after(doc, closing.start())
        if clause is not None:
            return closing.start(), clause
    return None
