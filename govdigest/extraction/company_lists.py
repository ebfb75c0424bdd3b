"""Explicit lists of organisations: "В составе делегации: A, B, C и D", bullet lines."""

from __future__ import annotations

import re

from govdigest.extraction.companies_rules import is_excluded_name
from govdigest.extraction.company_candidates import (
    MAX_NAME_WORDS,
    NAME_START_RE,
    STRENGTH_NER,
    Candidate,
    Found,
    candidate_key,
    plural_common_head,
)
from govdigest.extraction.doc import Doc
from govdigest.extraction.resources import word_set

# List items are separated by commas/semicolons and a final "и"/"а также", outside quotes.
_ITEM_SPLIT_RE = re.compile(r"\s*(?:[,;]|\s(?:и|а также)\s)\s*")
_LIST_OPEN_RE = re.compile(r":|\s[—–]\s")
_FUNCTION_POS = frozenset(
    {"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "VERB", "INFN", "GRND", "PRTS", "INTJ", "PRED"}
)


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
    if tag.POS in _FUNCTION_POS or "Apro" in tag or "Anph" in tag:
        return False
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
        if any(a <= sent.start < b for a, b in speech):
            continue
        # "Везём с собой 11 предприятий:" then one organisation per (bullet) line.
        in_block = sent.line == cued_line + 1 and len(sent.text.split()) <= MAX_NAME_WORDS + 2
        cued_line = sent.line if in_block else -2
        opener = _LIST_OPEN_RE.search(sent.text)
        body_start = sent.start
        cued = in_block
        if opener:
            lead = doc.words_in(sent.start, sent.start + opener.start())
            lead_cued = any(doc.morph.lemma(w.text.lower()) in cues for w in lead)
            if lead_cued:
                cued = True
                body_start = sent.start + opener.end()
                if not sent.text[opener.end() :].strip():
                    cued_line = sent.line
        items = _split_items(doc.text, body_start, sent.stop)
        known = sum(1 for a, b in items if _is_candidate(found, a, b))
        if not cued and known < 2:
            continue
        for a, b in items:
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
                )
            ):
                continue
            name = " ".join(doc.morph.nominative_group(text.split()))
            found.add(Candidate(a, b, name, candidate_key(doc, name), STRENGTH_NER))


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
