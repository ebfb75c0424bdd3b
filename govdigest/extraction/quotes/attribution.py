"""Attribution clauses around a quotation: after it (", — отметил губернатор"), before it
("Губернатор подчеркнул: «…»"), in the next sentence, in a headline; and the small text
tests they share (the sentence a position is in, a line opened by a quotation mark)."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.people import People
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.quotes.speakers import has_speech_verb, speech_verb_lemmas
from govdigest.extraction.resources import lines, word_set
from govdigest.extraction.roles import match_role_at

# A line "Имя Фамилия:" (or "Губернатор … Имя Фамилия:") introducing a block quote.
MAX_HEADING_WORDS = 10

# "«…», — сказал губернатор." : the attribution follows a comma/!/? and a dash.
# A hyphen glued to the verb ("», -сообщил глава") is typed in aggregator copies too.
AFTER_ATTR_RE = re.compile(r"\s*[,!?…]?\s*(?:[—–-]\s+|(?<=\s)-)(?=[а-яёa-z])")
# "«…», отметил глава республики" (a subheading) or "…, пишет глава региона.": no dash, the
# comma is followed right away by a verb of saying (checked against speech_verbs).
_COMMA_ATTR_RE = re.compile(r",\s+(?=[а-яё]+\s+\S)")
# Where an attribution clause ends: a sentence end, or a dash that resumes the speech.
# An initial ("сказал Е. Котельников"), a one-letter abbreviation ("и.о. руководителя") or a
# domain's dot ("приводит VSE42.RU слова …") does not end the attribution clause; an aside in
# parentheses ("(цитата по пресс-службе Кремля)") does: it names a source, not the speaker.
ATTR_END_RE = re.compile(
    r"(?<!\b[А-ЯЁ])(?<!\b[а-яё]\.[а-яё])\.(?![а-яё]\.|[A-Za-z])|[!?…;]|\s\(|[,.]\s+[—–]\s+|\s[—–]\s+[«\"„“]|:\s*$|:\s+[«\"„“]"
)


def attribution_after(doc: Doc, pos: int) -> tuple[int, int] | None:
    """The clause after a quotation if it attributes it (", — отметил губернатор")."""
    m = AFTER_ATTR_RE.match(doc.text, pos) or comma_attribution(doc, pos) or _next_line(doc, pos)
    if not m:
        return None
    line_end = doc.text.find("\n", m.end())
    line_end = len(doc.text) if line_end < 0 else line_end
    end = ATTR_END_RE.search(doc.text, m.end(), line_end)
    stop = end.start() if end else line_end
    # "«…», – отметил губернатор, подчеркнув, что …": the gerund opens reported speech of its
    # own, so the attribution ends before it and the that-clause is left to indirect speech.
    for g in _GERUND_THAT_RE.finditer(doc.text, m.end(), stop):
        if doc.morph.best_pos(g.group(1).lower()) == "GRND":
            stop = g.start()
            break
    if (
        has_speech_verb(doc, m.end(), stop)
        or _IMPERSONAL_SOURCE_RE.match(doc.text, m.end())
        or (
            "-" in m.group().replace("—", "-").replace("–", "-")
            and _after_quote_verb(doc, m.end(), stop)
        )
    ):
        return m.end(), stop
    return None


# Verbs that attribute words only right after a quotation and its dash ("«…», - отреагировал
# на ответ губернатор", "«…», – привёл биографию политика президент"); as verbs of reported
# speech they would read "то, что" or "привело к тому, что" as a claim.
_AFTER_QUOTE_VERBS = frozenset({"отреагировать", "привести"})


def _after_quote_verb(doc: Doc, start: int, stop: int) -> bool:
    words = doc.words_in(start, stop)
    return bool(words) and doc.morph.lemma(words[0].text.lower()) in _AFTER_QUOTE_VERBS


# "«…», — отмечается в сообщении министерства": an impersonal verb naming the source. Only
# right after a quotation: a sentence opening "Отмечается, что …" is the newsroom's own voice.
_IMPERSONAL_SOURCE_RE = re.compile(
    r"(?:отмечается|сообщается|подчеркивается|подчёркивается|уточняется|указывается)\s+в\s+"
)


# "«…Желаю вам счастья!»" ⏎ "сказал губернатор X.": a quotation that ends its line, then a line
# that opens in lower case with a verb of saying (no dash, no comma).
_NEXT_LINE_ATTR_RE = re.compile(r"[ \t]*\n[ \t]*(?=([а-яё]+)\s)")


def _next_line(doc: Doc, pos: int) -> re.Match[str] | None:
    m = _NEXT_LINE_ATTR_RE.match(doc.text, pos)
    if m is None or doc.morph.best_pos(m.group(1)) != "VERB":
        return None
    return m if doc.morph.lemma(m.group(1)) in speech_verb_lemmas() else None


def comma_attribution(doc: Doc, pos: int) -> re.Match[str] | None:
    """ "«…», отметил глава республики": a comma and a finite verb of saying, no dash."""
    m = _COMMA_ATTR_RE.match(doc.text, pos)
    if not m:
        return None
    verb = doc.text[m.end() :].split(maxsplit=1)[0]
    parses = doc.morph.parse(verb)
    if not parses or parses[0].tag.POS != "VERB":
        return None
    return m if doc.morph.lemma(verb) in word_set("speech_verbs") else None


_GERUND_THAT_RE = re.compile(r",\s+([а-яё]+),\s+что\b")


def attribution_before(doc: Doc, pos: int) -> tuple[int, int] | None:
    """A lead-in clause before a quotation ("Губернатор подчеркнул: «…»", "Как сказал он, «…»").

    A lead-in ending the previous paragraph with a colon also counts (block quotes).
    """
    line_start = doc.text.rfind("\n", 0, pos) + 1
    before = doc.text[line_start:pos].rstrip()
    if not before:
        if line_start == 0:
            return None
        prev_start = doc.text.rfind("\n", 0, line_start - 1) + 1
        prev = doc.text[prev_start : line_start - 1].rstrip()
        if prev.endswith(":"):
            start = clause_start(doc.text, prev_start, prev_start + len(prev) - 1)
            stop = prev_start + len(prev)
            # "Губернатор Астраханской области Роман Ильясов:" heading a block quote.
            short = len(prev.split()) <= MAX_HEADING_WORDS and names_someone(doc, start, stop)
            return (start, stop) if short or has_speech_verb(doc, start, stop) else None
        return None
    if not before.endswith((":", ",")):
        return _that_clause_lead(doc, line_start, before, pos)
    stop = line_start + len(before)
    start = clause_start(doc.text, line_start, stop - 1)
    if (
        before.endswith(":")
        and start == line_start
        and len(before.split()) <= MAX_HEADING_WORDS
        and names_someone(doc, start, stop)
    ):
        return start, stop  # "Андрей Велихов: «…»" — a headline's or a block's attribution
    if has_speech_verb(doc, start, stop) or (before.endswith(":") and _names_it(doc, start, stop)):
        return start, stop
    # "Программа, по словам главы региона, «не формальность…»": a quoted fragment inside
    # reported speech is the speaker's own words.
    according = _ACCORDING_LEAD_RE.search(doc.text, start, stop)
    return (according.start(1), according.end(1)) if according else None


# "Также X отметила, что «губернатор бережно распоряжается наследством»." : a that-clause
# quoted whole, to the end of its sentence, is the speaker's own words.
_THAT_LEAD_RE = re.compile(r",\s+что\s*$")
# A second "что" or an impersonal source before the quoted clause: the words are a document's
# or somebody else's, reported inside the speaker's sentence.
_EMBEDDED_SOURCE_RE = re.compile(
    r"\bчто\b|\b(?:сказано|говорится|указано|отмечается|написано|значится|гласит|прописано)\b",
    re.IGNORECASE,
)
_QUOTE_ENDS_SENTENCE_RE = re.compile(r"[»\"“]\s*(?:[.!?…]|$)", re.MULTILINE)


# "X завершил послание словами «Победа будет за нами!»", "обратился к гостям со словами «…»":
# the words named by "словами" are the clause's subject's own.
_WORDS_LEAD_RE = re.compile(r"\b(?:со\s+)?словами\s*$")


def _that_clause_lead(doc: Doc, line_start: int, before: str, pos: int) -> tuple[int, int] | None:
    words = _WORDS_LEAD_RE.search(before)
    if words is not None:
        stop = line_start + words.start()
        start = clause_start(doc.text, line_start, stop - 1)
        return (start, stop) if names_someone(doc, start, stop) else None
    that = _THAT_LEAD_RE.search(before)
    if that is None:
        return None
    spans = [s for s in find_spans(doc.text) if s.open == pos and s.balanced]
    if not spans or not _QUOTE_ENDS_SENTENCE_RE.match(doc.text, spans[0].close - 1):
        return None
    stop = line_start + that.start()
    start = clause_start(doc.text, line_start, stop - 1)
    if _EMBEDDED_SOURCE_RE.search(before[: that.start()]):
        return None  # "X напомнил, что в указе сказано, что «…»": the decree's words, not X's
    return (start, stop) if has_speech_verb(doc, start, stop) else None


def _names_it(doc: Doc, start: int, stop: int) -> bool:
    """ "X назвал соглашение знаковым: «…»": a verb of naming or characterising before a colon
    leads in the words that explain it (data/colon_lead_verbs.txt)."""
    verbs = word_set("colon_lead_verbs")
    return any(doc.morph.lemma(w.text.lower()) in verbs for w in doc.words_in(start, stop))


_ACCORDING_LEAD_RE = re.compile(r"\b[Пп]о\s+(?:словам|мнению)\s+([^,«»]{2,80}),\s*$")


# An attribution sentence right after a quotation: "«…». Так прокомментировал итоги X."
MAX_NEXT_ATTRIBUTION_CHARS = 160
_NEXT_SENTENCE_RE = re.compile(r"[.!?…]?\s+(?=[А-ЯЁ])")
# The attribution sentence ends at a full stop or a line break; an opening guillemet ends it
# too (a new quotation), unless a short name closes before the stop: "Об этом сообщил глава
# региона в эфире «Кедр-ТВ»." (where it was said; the sentence must still name a person).
_NEXT_SENTENCE_END_RE = re.compile(r"[.!?…\n]|«(?![^«»\n.!?]{1,40}»\s*[.!?…\n])")


def attribution_next_sentence(doc: Doc, pos: int) -> tuple[int, int] | None:
    """ "«Мы справились». Так прокомментировал итоги глава региона.": a sentence made only of
    attribution, opened by a cue from next_sentence_attribution.txt, names the speaker."""
    m = _NEXT_SENTENCE_RE.match(doc.text, pos)
    if not m:
        return None
    start = m.end()
    end = _NEXT_SENTENCE_END_RE.search(doc.text, start)
    stop = end.start() if end else len(doc.text)
    if stop - start > MAX_NEXT_ATTRIBUTION_CHARS or (end and end.group() == "«"):
        return None
    sentence = doc.text[start:stop].lower()
    if not any(
        sentence == cue or sentence.startswith(cue + " ")
        for cue in lines("next_sentence_attribution")
    ):
        return None
    verbs = word_set("next_sentence_verbs")
    words = doc.words_in(start, stop)
    if "«" in sentence and not _names_a_person(doc, words):
        return None  # "Об этом сообщила газета «Кедровская правда».": a medium, never a speaker
    if has_speech_verb(doc, start, stop) or any(
        doc.morph.lemma(w.text.lower()) in verbs for w in words
    ):
        return start, stop
    return None


def _names_a_person(doc: Doc, words: list[Word]) -> bool:
    """A person's name or a role phrase among the words: somebody who can be the speaker."""
    if any(
        s.type == "PER" and words and words[0].start <= s.start < words[-1].stop for s in doc.ner
    ):
        return True
    return any(match_role_at(doc, words, i) is not None for i in range(len(words)))


_HEADLINE_COLON_RE = re.compile(r":\s+(?=[А-ЯЁ])")


def headline_attribution(doc: Doc, pos: int) -> tuple[int, int] | None:
    """ "«Работы много»: Константин Рябинин прокомментировал итоги поездки" — a headline that
    opens with the quotation and names the speaker with a verb of saying after a colon."""
    m = _HEADLINE_COLON_RE.match(doc.text, pos)
    if not m or not opens_line(doc, pos):
        return None
    line_end = doc.text.find("\n", m.end())
    stop = len(doc.text) if line_end < 0 else line_end
    if not names_someone(doc, m.end(), stop) or not has_speech_verb(doc, m.end(), stop):
        return None
    return m.end(), stop


_VERBLESS_DASH_RE = re.compile(r"\s*,?\s*[—–-]\s+(?=[А-ЯЁ])")


def verbless_headline(doc: Doc, people: People, pos: int) -> tuple[int, int] | None:
    """ "«Урожай будет рекордным», – Бакланов": the first line of a post, a quotation, a dash
    and nothing but a person's name (no verb of saying)."""
    m = _VERBLESS_DASH_RE.match(doc.text, pos)
    if not m or not opens_line(doc, pos) or doc.text.rfind("\n", 0, pos) >= 0:
        return None
    line_end = doc.text.find("\n", m.end())
    stop = len(doc.text) if line_end < 0 else line_end
    name = doc.text[m.end() : stop].rstrip(" .")
    mention = next((x for x in people.mentions if x[0] == m.end()), None)
    if mention is None or m.end() + len(name) != mention[1]:
        return None
    return m.end(), stop


def opens_line(doc: Doc, pos: int) -> bool:
    line_start = doc.text.rfind("\n", 0, pos) + 1
    return doc.text[line_start : line_start + 1] in '«"„“'


def names_someone(doc: Doc, start: int, stop: int) -> bool:
    """A named person or organisation, or a role phrase opening the heading ("Аким … области:",
    "Губернатор:"), whose holder the body introduces."""
    if any(s.type in ("PER", "ORG") and start <= s.start < stop for s in doc.ner):
        return True
    words = doc.words_in(start, stop)
    return bool(words) and match_role_at(doc, words, 0) is not None


def clause_start(text: str, floor: int, pos: int) -> int:
    """Start of the sentence containing ``pos`` (after the last . ! ? or closing quote)."""
    best = floor
    for m in re.finditer(r"[.!?…»”“\"]\s+", text[floor:pos]):
        best = floor + m.end()
    return best
