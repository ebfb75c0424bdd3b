"""Explicit lists of organisations: "В составе делегации: A, B, C и D", bullet lines."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.organisations.candidates import (
    MAX_NAME_WORDS,
    NAME_START_RE,
    STRENGTH_NER,
    Candidate,
    Found,
    candidate_key,
    plural_common_head,
)
from govdigest.extraction.organisations.rules import is_excluded_name
from govdigest.extraction.resources import word_set

# List items are separated by commas/semicolons and a final "и"/"а также", outside quotes.
_ITEM_SPLIT_RE = re.compile(r"\s*(?:[,;]|\s(?:и|а также)\s)\s*")
# A list opens after a colon, a dash, or "…, в числе которых / среди которых / в том числе".
_LIST_OPEN_RE = re.compile(
    r":|\s[—–-]\s|,\s+(?:в\s+числе\s+которых|среди\s+(?:которых|них)|в\s+том\s+числе|включая)\s+"
)
_FUNCTION_POS = frozenset(
    {"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "VERB", "INFN", "GRND", "PRTS", "INTJ", "PRED"}
)


MAX_LIST_ABBREVIATION = 6
MIN_KNOWN_ITEMS = 2


def _is_name_item(doc: Doc, text: str, cued: bool) -> bool:
    """Whether a list item can be an organisation name (not "Кроме того", "Наши институты")."""
    words = text.split()
    first = words[0].strip('«»"')
    parses = doc.morph.parse(first)
    if not parses:
        return True
    tag = parses[0].tag
    if first[:1].isdigit() or tag.POS == "NUMR":
        return False  # "15 компаний из Анталии": a count of organisations, not a name
    if len(words) == 1 and first.isupper() and 2 < len(first) <= MAX_LIST_ABBREVIATION:
        return True  # "МАЗ", "БМЗ": an abbreviation, whatever word the dictionary reads in it
    if (tag.POS in _FUNCTION_POS or "Apro" in tag or "Anph" in tag) and (
        doc.morph.is_known(first.lower()) or not cued
    ):
        return False  # a guessed verb ("Озёрстрой" read as "строй!") in a cued list is a name
    if text.startswith("«"):
        return True
    if plural_common_head(doc, words[-1]):
        return False
    if len(words) == 1 and not cued:
        # A lone capitalised dictionary word in running text is rarely a company name.
        proper = {"Name", "Surn", "Geox", "Orgn", "Trad", "Abbr"}
        return not doc.morph.is_known(first) or bool(proper & set(tag.grammemes))
    return True


def complete_lists(
    doc: Doc, found: Found, blocked: list[tuple[int, int]], speech: list[tuple[int, int]]
) -> None:
    """Complete explicit lists: every capitalised item after a cue, or in a list of companies."""
    cues = word_set("list_cues")
    cued_line = -2
    for sent in doc.sentences:
        in_speech = any(a <= sent.start < b for a, b in speech)
        # "Везём с собой 11 предприятий:" then one organisation per (bullet) line.
        in_block = sent.line == cued_line + 1 and len(sent.text.split()) <= MAX_NAME_WORDS + 2
        cued_line = sent.line if in_block else -2
        opener = _LIST_OPEN_RE.search(sent.text)
        body_start = sent.start
        cued = in_block
        if opener:
            lead = doc.words_in(sent.start, sent.start + opener.start())
            if any(doc.morph.lemma(w.text.lower()) in _PLACE_LIST_HEADS for w in lead[-3:]):
                continue  # "посетят три провинции КНР — Хэйлунцзян, Цзилинь и Ляонин"
            lead_cued = any(doc.morph.lemma(w.text.lower()) in cues for w in lead)
            if lead_cued:
                cued = True
                body_start = sent.start + opener.end()
                if not sent.text[opener.end() :].strip():
                    cued_line = sent.line
        if in_speech and not (opener and cued):
            continue  # inside a quote only "Наши партнёры — A, B, C" is a list of organisations
        items = _split_items(doc.text, body_start, sent.stop)
        known = sum(1 for a, b in items if _is_candidate(found, a, b))
        if not cued and known < 2:
            items, cued = _running_list(doc, sent.start, items, cues)
        if not cued and known < 2:
            continue
        # Two items already named as organisations make the list one of organisations: its
        # other bare names ("с Севхимом, Аргентом, Поливинилом и Кедрмашем") are read as cued.
        cued = cued or known >= MIN_KNOWN_ITEMS
        ending = _shared_case_ending(doc, found, items)
        if _list_of_places(doc, items, cues) or (opener and _clause_item(doc, items)):
            continue
        for a, b in items:
            a = _after_inclusion(doc, a, b)
            if found.overlaps(a, b) or any(x < b and a < y for x, y in blocked):
                continue
            raw = doc.text[a:b].strip(" .")
            text = raw.strip('«»"')
            if not text or not NAME_START_RE.match(text) or len(text.split()) > MAX_NAME_WORDS:
                continue
            quoted = raw.startswith("«")
            if (
                not (quoted or _is_name_item(doc, text, cued))
                or is_excluded_name(doc, text)
                or (
                    not quoted
                    and any(s.type in ("PER", "LOC") and s.start <= a < s.stop for s in doc.ner)
                    and not (cued and _coined_word(doc, text))
                )
            ):
                continue
            name = " ".join(doc.morph.nominative_group(text.split()))
            if text.isupper() and " " not in text:
                name = text  # "ТОГУ", never the dative of a dictionary word ("тога")
            if ending and name == text and " " not in text and text.endswith(ending):
                name = text[: -len(ending)]  # "Севхима, Аргента": "Аргент" as "Севхим"
            found.add(Candidate(a, b, name, candidate_key(doc, name), STRENGTH_NER))


# "в числе которых МАЗ, …", "среди них Кедрмаш, …", "в том числе ОЗК": words that open the
# enumeration inside an item; the name is the capitalised rest.
_INCLUSION_WORDS = frozenset(
    {"в", "числе", "число", "которых", "который", "среди", "них", "том", "включая", "например"}
)


_CLAUSE_POS = frozenset({"VERB", "INFN"})


def _clause_item(doc: Doc, items: list[tuple[int, int]]) -> bool:
    """A dash after the cue opens a clause, not a list, when its first item is lower-case prose
    with a verb ("компании «X» – китайские коллеги готовы вложиться …, в Лесогорске")."""
    if not items:
        return False
    text = doc.text[items[0][0] : items[0][1]].strip()
    if not text[:1].islower() or "«" in text:
        return False
    return any(doc.morph.best_pos(w) in _CLAUSE_POS for w in text.split())


def _after_inclusion(doc: Doc, start: int, stop: int) -> int:
    words = doc.words_in(start, stop)
    n = 0
    while n < len(words) and words[n].text.lower() in _INCLUSION_WORDS:
        n += 1
    if n == 0:
        n = _after_verb(doc, words)
    if n == 0 or n >= len(words) or not words[n].text[:1].isupper():
        return start
    return words[n].start


def _after_verb(doc: Doc, words: list[Word]) -> int:
    """ "Участниками проекта стали ТОГУ": the first item of a list that the sentence opens
    with its own subject and verb starts after the verb (0 when no verb stands in it)."""
    for n in range(len(words) - 1, 0, -1):
        low = words[n - 1].text
        if low.islower() and doc.morph.is_known(low) and doc.morph.best_pos(low) == "VERB":
            return n
    return 0


# Words right before a list's dash or colon that say its items are places.
_PLACE_LIST_HEADS = frozenset(
    {"провинция", "область", "регион", "район", "город", "страна", "округ", "аймак", "край"}
)


# A lone first name ("Аргент") is a common coined brand; surnames and places are not.
_PERSON_OR_PLACE = frozenset({"Surn", "Patr", "Geox"})


def _coined_word(doc: Doc, text: str) -> bool:
    """A one-word coined name in a list of organisations ("Севхим", "Поливинил"): NER's person
    or place guess is not trusted unless the dictionary knows the word as a name or a place."""
    words = text.split()
    if len(words) != 1:
        return False
    word = words[0].lower()
    if not doc.morph.is_known(word):
        return True  # "Поливинилстрой": a guessed surname ending (-ой) is no known person
    parses = doc.morph.parse(word)
    return not any(_PERSON_OR_PLACE & set(p.tag.grammemes) for p in parses[:2])


# A running list of bare names ("В делегацию вошли Севхим, Аргент, Поливинил") needs this many
# items, most of them names no dictionary knows.
MIN_RUNNING_ITEMS = 3
MIN_RUNNING_NAMES = 2
_CAPITALISED_TAIL_RE = re.compile(r"(?:[A-ZА-ЯЁ][\w-]*\s*){1,3}$")


def _running_list(
    doc: Doc, sent_start: int, items: list[tuple[int, int]], cues: frozenset[str]
) -> tuple[list[tuple[int, int]], bool]:
    """A comma list of bare names after a cue word with no colon or dash: the first item is cut
    to its capitalised tail ("Также в делегацию вошли Севхим" → "Севхим")."""
    if len(items) < MIN_RUNNING_ITEMS:
        return items, False
    a, b = items[0]
    lead = doc.words_in(sent_start, b)
    if not any(doc.morph.lemma(w.text.lower()) in cues for w in lead):
        return items, False
    tail = _CAPITALISED_TAIL_RE.search(doc.text[a:b])
    if tail is None or tail.start() == 0:
        return items, False
    items = [(a + tail.start(), b), *items[1:]]
    names = 0
    for x, y in items:
        text = doc.text[x:y].strip(' .«»"')
        if not text or not NAME_START_RE.match(text):
            return items, False
        if (
            _is_name_item(doc, text, cued=False)
            and _coined_word(doc, text)
            and not is_excluded_name(doc, text)
        ):
            names += 1
    return items, names >= MIN_RUNNING_NAMES


def _list_of_places(doc: Doc, items: list[tuple[int, int]], cues: frozenset[str]) -> bool:
    """ "Новый Полярск, Тундровый и Ледовский районы": a plural common noun closing the list
    says what its items are (districts, towns), unless it is an organisation word."""
    named = [(a, b) for a, b in items if NAME_START_RE.match(doc.text[a:b].lstrip('«"'))]
    if not named:
        return False
    last_item = doc.text[named[-1][0] : named[-1][1]]
    last_words = last_item.split()
    if len(last_words) < 2 or last_item.lstrip().startswith(("«", '"')):
        return False
    last = last_words[-1].strip('.,«»"')
    return last.islower() and plural_common_head(doc, last) and doc.morph.lemma(last) not in cues


def _shared_case_ending(doc: Doc, found: Found, items: list[tuple[int, int]]) -> str:
    """The case ending every one-word organisation already found in the list drops from its
    surface ("Севхима" → "Севхим": "а"), or "" when they disagree or none drops one."""
    endings: set[str] = set()
    for a, b in items:
        for c in found.items:
            surface = doc.text[c.start : c.stop]
            if c.start >= a - 1 and c.stop <= b + 1 and " " not in c.name:
                if surface != c.name and surface.startswith(c.name):
                    endings.add(surface[len(c.name) :])
                else:
                    return ""
    return endings.pop() if len(endings) == 1 else ""


def _is_candidate(found: Found, start: int, stop: int) -> bool:
    return any(c.start >= start - 1 and c.stop <= stop + 1 for c in found.items)


def _split_items(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Item spans of a list, splitting only outside quotation marks."""
    items: list[tuple[int, int]] = []
    depth = 0
    item_start = start
    i = start
    while i < stop:
        ch = text[i]
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _ITEM_SPLIT_RE.match(text, i, stop)
            if m and m.end() > i and (ch in ",;" or ch == " ") and m.group().strip():
                items.append((item_start, i))
                item_start = m.end()
                i = m.end()
                continue
        i += 1
    items.append((item_start, stop))
    out = []
    for a, b in items:
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.rstrip(" .")
        out.append((a + lead, a + len(chunk)))
    return [(a, b) for a, b in out if b > a]
