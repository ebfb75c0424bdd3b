"""Direct speech: quoted spans, dash dialogue, interrupted quotes, and their attributions."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.rules import is_name_designator_before
from govdigest.extraction.people import People
from govdigest.extraction.quotes.attribution import (
    MAX_HEADING_WORDS,
    attribution_after,
    attribution_before,
    attribution_next_sentence,
    clause_start,
    comma_attribution,
    headline_attribution,
    verbless_headline,
)
from govdigest.extraction.quotes.continuation import carry_speakers, is_attributed
from govdigest.extraction.quotes.layouts import (
    closed_paragraphs,
    name_colon_lines,
    plain_interview,
    signed_paragraphs,
)
from govdigest.extraction.quotes.spans import QuoteSpan, find_spans
from govdigest.extraction.quotes.speakers import NOBODY, Speaker, has_speech_verb, resolve
from govdigest.extraction.resources import word_set

# Inside one quotation: "первая часть, — сказал глава региона, — вторая часть".
# Real posts type the speech dash as an em dash, an en dash or a spaced hyphen-minus
# ("«…, - сказал он. - …»"); a hyphen counts only with spaces on both sides.
_SPEECH_DASH = r"(?:[—–]|(?<=\s)-(?=\s))"
_INTERRUPT_RE = re.compile(
    rf"([,.!?…])\s+{_SPEECH_DASH}\s+([а-яё][^—–]{{2,160}}?)([,.])\s+{_SPEECH_DASH}\s+"
)
# A dialogue line: "— Мы обсудили…, — сказал глава региона. — Продолжение."
_DIALOGUE_RE = re.compile(r"^[—–-]\s+(?=\S)")
_DIALOGUE_ATTR_RE = re.compile(rf"([,!?…])\s+(?:{_SPEECH_DASH}\s+|-(?=[а-яё]))(?=[а-яё])")
_TRAILING_ATTR_RE = re.compile(r",\s+([а-яё]+)\s+([^,.!?…«»\n]{2,80}?)\s*[.!…]?\s*$")
_SENTENCE_PUNCT_RE = re.compile(r"[.!?…](?:\s+[А-ЯЁ«]|\s*$)")
# Words in a quotation below which it is a name («Интрафит», форум «Утро»), unless attributed.
MIN_SPEECH_WORDS = 3
# Long quotations are speech even without a full stop (headline-style statements).
MIN_UNPUNCTUATED_SPEECH_WORDS = 8
# Text between two quotes of one speaker, within which the second inherits the speaker.
MAX_CONTINUATION_GAP = 160
# An interview: a run of at least this many dash lines, at least one of them a question.
MIN_INTERVIEW_LINES = 2
# Lines before an interview run searched for its lead-in ("ответил на вопросы корреспондента").
MAX_INTERVIEW_LEAD_LINES = 3
_INTERVIEW_CUE_RE = re.compile(
    r"ответил\w*\s+на\s+вопрос|интервью|в\s+беседе\s+с|рассказал\w*\s+корреспондент"
    r"|ответ\w*\s+на\s+вопрос",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class RawQuote:
    start: int
    stop: int
    text: str
    speaker: Speaker
    attributed: bool


def _clean_quote_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    # «– Тихая область …»: a dialogue dash kept inside the quotation marks is not speech.
    text = re.sub(r"^[—–-]\s+", "", text)
    return text.strip(" ,").strip()


def _is_speech(doc: Doc, span: QuoteSpan, content: str, attributed: bool) -> bool:
    if not content.strip():
        return False
    if is_name_designator_before(doc, span.open):
        return False
    words = re.findall(r"\w+", content)
    if attributed and _is_quoted_name(doc, span, words):
        return False  # "Напомним, «Баку Экспо» принимает форум …": a name the verb follows
    if attributed:
        return len(words) >= 1
    if len(words) < MIN_SPEECH_WORDS:
        return False
    if _SENTENCE_PUNCT_RE.search(content):
        return True
    return len(words) >= MIN_UNPUNCTUATED_SPEECH_WORDS


# A quoted name: at most this many words, each capitalised, with a verb right after the quote.
MAX_QUOTED_NAME_WORDS = 2


def _is_quoted_name(doc: Doc, span: QuoteSpan, words: list[str]) -> bool:
    if not 1 <= len(words) <= MAX_QUOTED_NAME_WORDS or not all(w[:1].isupper() for w in words):
        return False
    after = doc.words_in(span.close, span.close + 40)[:1]
    if not after or doc.text[span.close : after[0].start].strip():
        return False  # punctuation after the quote: «Спасибо», — сказал он.
    return after[0].text.islower() and doc.morph.best_pos(after[0].text) == "VERB"


def _split_interrupted(
    doc: Doc, people: People, start: int, stop: int
) -> tuple[str, Speaker | None]:
    """Cut "…, — сказал X, — …" out of a quotation; return the joined text and X."""
    content = doc.text[start:stop]
    m = _INTERRUPT_RE.search(content)
    if not m or not has_speech_verb(doc, start + m.start(2), start + m.end(2)):
        return content, None
    speaker = resolve(doc, people, start + m.start(2), start + m.end(2), start)
    first = content[: m.start()] + (m.group(1) if m.group(1) in "!?…" else "")
    if m.group(3) == ".":
        first = first.rstrip(",") + ("" if first.endswith(("!", "?", "…")) else ".")
    else:
        first = first + ","
    return f"{first} {content[m.end() :]}", speaker


def extract_direct(doc: Doc, people: People) -> tuple[list[RawQuote], list[tuple[int, int]]]:
    """Direct quotes in text order, plus the covered spans (for indirect speech and companies)."""
    found: list[RawQuote] = []
    covered: list[tuple[int, int]] = []
    # Dialogue lines first: a name quoted inside one («Электросила-Калуга») is not a quote.
    for quote in _dialogue_lines(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    for quote in _heading_blocks(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    for quote in _transcript_lines(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    for start, stop, text, speaker in plain_interview(doc, people, covered):
        found.append(RawQuote(start, stop, _clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    for start, stop, text, speaker in name_colon_lines(doc, people, covered):
        found.append(RawQuote(start, stop, _clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    spans = find_spans(doc.text)
    listed = _listed_names(doc, spans)
    for span in spans:
        if span.depth != 0 or any(a <= span.open < b for a, b in covered):
            continue
        if span.open in listed:
            continue
        inner_start, inner_stop = span.inner
        if not span.balanced:
            inner_stop = _trim_unbalanced(doc, inner_start, inner_stop)
        close = inner_stop + 1 if span.balanced else inner_stop
        after = attribution_after(doc, close)
        if (
            after is not None
            and not re.search(r"[—–-]", doc.text[close : after[0]])
            and len(re.findall(r"\w+", doc.text[inner_start:inner_stop])) < MIN_SPEECH_WORDS
        ):
            # "Продукцию «Кедровой долины», сообщил губернатор, …": a short quoted name before
            # a comma-only attribution is a name, not the words said.
            after = None
        before = None if after else attribution_before(doc, span.open)
        if after is None and before is None:
            after = (
                attribution_next_sentence(doc, close)
                or headline_attribution(doc, close)
                or verbless_headline(doc, people, close)
            )
        content = doc.text[inner_start:inner_stop]
        if not _is_speech(doc, span, content, after is not None or before is not None):
            continue
        text, inner_speaker = _split_interrupted(doc, people, inner_start, inner_stop)
        clause = after or before
        speaker = NOBODY
        if inner_speaker is not None:
            speaker = inner_speaker
        elif clause is not None:
            speaker = resolve(doc, people, clause[0], clause[1], span.open)
        stop = after[1] if after else close
        found.append(
            RawQuote(
                span.open,
                stop,
                _clean_quote_text(text),
                speaker,
                is_attributed(doc, clause, speaker) or inner_speaker is not None,
            )
        )
        covered.append((span.open, stop))
        if after is not None and speaker.name and not doc.first_person:
            # "«…», — сказал X." ⏎ "Мы продолжим помогать заводу…": a first-person paragraph
            # right after goes on with the same speech, without marks of its own.
            line_end = doc.text.find("\n", stop)
            if line_end >= 0 and not doc.text[stop:line_end].strip(" .!…"):
                for quote in _continuation(doc, people, line_end + 1, speaker):
                    found.append(quote)
                    covered.append((quote.start, quote.stop))
    for start, stop, text, speaker in signed_paragraphs(doc, people, covered):
        found.append(RawQuote(start, stop, _clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    for start, stop, text, speaker in closed_paragraphs(doc, people, covered):
        found.append(RawQuote(start, stop, _clean_quote_text(text), speaker, True))
        covered.append((start, stop))
    for quote in _unquoted_speech(doc, people, covered):
        found.append(quote)
        covered.append((quote.start, quote.stop))
    headline = _repeated_headline_quote(doc, found, covered)
    if headline is not None:
        found.append(headline)
        covered.append((headline.start, headline.stop))
    found.sort(key=lambda q: q.start)
    return carry_speakers(doc, people, _inherit_speakers(doc, found)), covered


# A headline that opens with a quotation and a colon: "«Не пустая формальность»: А и Б …".
_HEADLINE_QUOTE_RE = re.compile(r"«([^«»\n]{3,120})»\s*:")


def _repeated_headline_quote(
    doc: Doc, found: list[RawQuote], covered: list[tuple[int, int]]
) -> RawQuote | None:
    """The headline quotes words the body attributes ("Документ, по словам главы, «не пустая
    формальность»"): the headline is its own quote, by the body's speaker."""
    m = _HEADLINE_QUOTE_RE.match(doc.text)
    if not m or any(a <= m.start() < b for a, b in covered):
        return None
    key = _quote_key(m.group(1))
    for quote in found:
        if quote.start > m.end() and quote.speaker.name and _quote_key(quote.text) == key:
            return RawQuote(m.start(), m.end(), _clean_quote_text(m.group(1)), quote.speaker, True)
    return None


def _quote_key(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold().replace("ё", "е"))


# "«Тальской лозой», «Кедровой долиной», «Озёр-Вино»": short quotations joined only by commas
# or "и" are a list of names, never speech.
_LIST_JOINER_RE = re.compile(r"\s*(?:,|\s+и)\s*$")
MAX_LISTED_NAME_WORDS = 4


def _listed_names(doc: Doc, spans: Sequence[QuoteSpan]) -> set[int]:
    top = [sp for sp in spans if sp.depth == 0 and sp.balanced]
    out: set[int] = set()
    for a, b in itertools.pairwise(top):
        if not _LIST_JOINER_RE.fullmatch(doc.text[a.close : b.open]):
            continue
        words_a = doc.text[a.open + 1 : a.close - 1].split()
        words_b = doc.text[b.open + 1 : b.close - 1].split()
        if len(words_a) <= MAX_LISTED_NAME_WORDS and len(words_b) <= MAX_LISTED_NAME_WORDS:
            out |= {a.open, b.open}
    return out


def _trim_unbalanced(doc: Doc, start: int, stop: int) -> int:
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
        if not _DIALOGUE_RE.match(lines[i][1]):
            i += 1
            continue
        j = i
        while j < len(lines) and _DIALOGUE_RE.match(lines[j][1]):
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


def _dialogue_lines(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
    out: list[RawQuote] = []
    interview = _interview_lines(doc, people)
    offset = 0
    for line in doc.text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        m = _DIALOGUE_RE.match(line)
        if not m or any(a <= line_start < b for a, b in covered):
            continue
        body_start = line_start + m.end()
        body = doc.text[body_start : line_start + len(line)]
        attr = _DIALOGUE_ATTR_RE.search(body)
        speaker, attributed = NOBODY, False
        text = body
        tail = None if attr else _TRAILING_ATTR_RE.search(body)
        if tail and comma_attribution(doc, body_start + tail.start()):
            # "— … Скорбим, пишет глава региона.": the paragraph's last clause attributes it.
            a_start, a_stop = body_start + tail.start(1), body_start + tail.end(2)
            speaker = resolve(doc, people, a_start, a_stop, line_start)
            attributed = True
            text = body[: tail.start()] + "."
        if attr:
            a_start = body_start + attr.end()
            end = re.search(rf"[,.]\s+{_SPEECH_DASH}\s+|[.!?…]\s*$", body[attr.end() :])
            a_stop = a_start + (end.start() if end else len(body) - attr.end())
            if has_speech_verb(doc, a_start, a_stop):
                speaker = resolve(doc, people, a_start, a_stop, line_start)
                attributed = True
                first = body[: attr.start()] + (attr.group(1) if attr.group(1) != "," else "")
                rest = body[attr.end() + (end.end() if end else len(body)) :]
                if end and end.group().strip().startswith("."):
                    first = first + ("" if first.endswith(("!", "?", "…")) else ".")
                elif rest:
                    first = first + ","
                text = f"{first} {rest}".strip()
        if not attributed and line_start in interview:
            speaker, attributed = interview[line_start], True
        continued = False
        if not attributed:
            lead = attribution_before(doc, line_start) or _lead_sentence(doc, people, line_start)
            words = re.findall(r"\w+", body)
            if lead is None or len(words) < MIN_SPEECH_WORDS or body.rstrip().endswith(";"):
                continue
            speaker = resolve(doc, people, lead[0], lead[1], line_start)
            attributed = continued = True
        out.append(
            RawQuote(line_start, line_start + len(line), _clean_quote_text(text), speaker, True)
        )
        if continued and speaker.name:
            out.extend(_continuation(doc, people, offset, speaker))
    return out


def _continuation(doc: Doc, people: People, start: int, speaker: Speaker) -> list[RawQuote]:
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
        out.append(RawQuote(pos, end, _clean_quote_text(body), speaker, True))
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
    if _DIALOGUE_RE.match(doc.text[prev_start:line_start]):
        return None
    next_end = doc.text.find("\n", line_start)
    if next_end >= 0 and _DIALOGUE_RE.match(doc.text[next_end + 1 : next_end + 3]):
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


def _heading_blocks(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
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
            out.append(RawQuote(p_start, p_stop, _clean_quote_text(body), speaker, True))
    return out


# A transcript line: "В.Ранцев: Добрый день, коллеги!", "И. Пронин: Уборка идёт по графику."
_TRANSCRIPT_RE = re.compile(
    r"^((?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?):\s+(?=\S)", re.MULTILINE
)
MIN_TRANSCRIPT_WORDS = 2


def _transcript_lines(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
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
        out.append(RawQuote(m.end(), stop, _clean_quote_text(body), speaker, True))
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


def _unquoted_speech(doc: Doc, people: People, covered: list[tuple[int, int]]) -> list[RawQuote]:
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
            speaker = resolve(doc, people, a_start, sent.start + len(text), a_start)
            if speaker.name is not None:
                out.append(RawQuote(sent.start, sent.stop, _clean_quote_text(body), speaker, True))
            break
    return out


def _inherit_speakers(doc: Doc, quotes: list[RawQuote]) -> list[RawQuote]:
    # A quotation that follows another one closely with no attribution of its own continues the
    # same speaker ("«…», — сказал он. «…»"), unless someone else is named in between.
    out: list[RawQuote] = []
    for q in quotes:
        if not q.attributed and out and out[-1].speaker.name:
            prev = out[-1]
            gap = doc.text[prev.stop : q.start]
            if len(gap) <= MAX_CONTINUATION_GAP and not re.search(r"[А-ЯЁ]\w+\s+[А-ЯЁ]\w+", gap):
                q = RawQuote(q.start, q.stop, q.text, prev.speaker, False)
        out.append(q)
    return out


def continue_indirect_speakers(
    doc: Doc, direct: list[RawQuote], indirect: list[RawQuote]
) -> list[RawQuote]:
    """ "Алан Гобеев рассказал, что …  «Мы упёрлись в номерной фонд…»": an unattributed
    quotation right after someone's reported speech continues the same speaker, under the same
    conditions as after a direct quotation (close by, nobody else named in between); one
    inside the reported speech is that speaker's too, and one with nothing before it takes the
    speaker of the reported speech in the very next sentence."""
    out: list[RawQuote] = []
    for q in direct:
        if q.attributed or q.speaker.name is not None:
            out.append(q)
            continue
        holder = next((p for p in indirect if p.start <= q.start < p.stop), None)
        # "Он отметил, что церемония «не только формальность, но и символ»": a quoted fragment
        # inside reported speech is the reporter's speaker's own words.
        speaker = (
            holder.speaker if holder is not None else _reported_before(doc, q, direct, indirect)
        )
        # "«Не удаётся вылечиться на ногах». Губернатор X сообщил, что уходит на больничный.":
        # the next sentence reports the same person's speech.
        speaker = speaker or _reported_next(doc, q, indirect)
        out.append(RawQuote(q.start, q.stop, q.text, speaker, False) if speaker else q)
    return out


def _reported_before(
    doc: Doc, q: RawQuote, direct: list[RawQuote], indirect: list[RawQuote]
) -> Speaker | None:
    before = [p for p in (*direct, *indirect) if p.stop <= q.start]
    prev = max(before, key=lambda p: p.stop, default=None)
    if prev is None or prev not in indirect or not prev.speaker.name:
        return None
    gap = doc.text[prev.stop : q.start]
    if len(gap) <= MAX_CONTINUATION_GAP and not re.search(r"[А-ЯЁ]\w+\s+[А-ЯЁ]\w+", gap):
        return prev.speaker
    return None


# The text between an unattributed quotation and the reported speech of the sentence right after
# it: the quotation's own full stop, then the next sentence's subject and verb ("Губернатор
# Озёрской области X сообщил, что").
_NEXT_REPORT_GAP_RE = re.compile(r"[.!?…]?\s+(?:[А-ЯЁ][^.!?…«»\n]{0,100})?")


def _reported_next(doc: Doc, quote: RawQuote, indirect: list[RawQuote]) -> Speaker | None:
    nxt = min((p for p in indirect if p.start >= quote.stop), key=lambda p: p.start, default=None)
    if nxt is None or nxt.speaker.name is None:
        return None
    return nxt.speaker if _NEXT_REPORT_GAP_RE.fullmatch(doc.text, quote.stop, nxt.start) else None
