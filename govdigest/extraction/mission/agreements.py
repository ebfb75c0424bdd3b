"""Signed documents: agreements, roadmaps, contracts, memoranda (short descriptions)."""

from __future__ import annotations

import itertools
import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.resources import word_set

AGREEMENT_VERBS = frozenset({"подписать", "заключить", "подписание", "подписывать"})
# "документы о сотрудничестве, в их числе — план …": the generic word yields to a specific one.
_GENERIC_DOCS = frozenset({"документ"})
MAX_AGREEMENT_WORDS = 25
_AGREEMENT_CUT_RE = re.compile(r",\s+(?:который|которая|которое|которые|что|а также)\b|;|\.\s")
# "будут подписаны", "планируется подписать": promises are not agreements.
_FUTURE_MARKERS = frozenset({"будут", "будет", "планируется", "планируют", "намерены", "готовы"})
# "Ещё шесть соглашений подписаны с A, B и C": one document per named counterparty.
_COUNTERPARTIES_RE = re.compile(r"\s(?:с|со)\s+(.+)$")
_PARTY_SPLIT_RE = re.compile(r",\s+(?![^«]*»)|\s+и\s+(?![^«]*»)")
# A list line under "Подписали четыре соглашения:" ("1. С ООО «…» — о …", "• с ПАО «…» — …").
_LIST_MARKER_RE = re.compile(r"^\s*(?:\d{1,2}[.)]|[•·▪●◦*—–-])\s*")
MAX_LIST_LINE_WORDS = 40
_SIGN_VERB_RE = re.compile(
    r"(?<=\w)\s+(?:был[аио]?\s+)?(?:подписа|заключ)\w*(?=\s+(?:с|со|между|о|об)\s)", re.IGNORECASE
)
# A stated total right before the document noun ("подписано шесть документов", "15 соглашений").
NUMBER_WORDS = {
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "тринадцать": 13,
    "четырнадцать": 14,
    "пятнадцать": 15,
    "шестнадцать": 16,
    "семнадцать": 17,
    "восемнадцать": 18,
    "девятнадцать": 19,
    "двадцать": 20,
}
# Totals above this are not padded one entry each (a card would be a wall of placeholders).
MAX_PADDED_TOTAL = 50
# Sentences after the signing within which a "Самые крупные:" heading opens its list.
LIST_HEADING_REACH = 2


def stated_total(doc: Doc, words: list[Word], index: int) -> int | None:
    """The numeral right before the document noun at ``index`` ("шесть соглашений")."""
    if index == 0:
        return None
    prev = words[index - 1].text.lower()
    if prev.isdigit():
        return int(prev)
    return NUMBER_WORDS.get(prev) or NUMBER_WORDS.get(doc.morph.lemma(prev))


def is_past(doc: Doc, word: str, verbs: frozenset[str] = AGREEMENT_VERBS) -> bool:
    return any(
        (p.tag.POS == "VERB" and "past" in p.tag) or (p.tag.POS == "PRTS" and "perf" in p.tag)
        for p in doc.morph.parse(word.lower())
        if doc.morph.lemma(word.lower()) in verbs
    )


# "удалось подписать восемь соглашений": a past modal makes the infinitive a done deed.
_PAST_MODALS = frozenset({"удалось", "смогли", "сумели"})


def _signed(doc: Doc, words: list[Word]) -> bool:
    texts = [w.text.lower() for w in words]
    if _FUTURE_MARKERS & set(texts):
        return False
    if any(is_past(doc, w.text) for w in words):
        return True
    if _signed_attribute(doc, words):
        return True
    if _held_signing(doc, words):
        return True
    return any(
        prev in _PAST_MODALS and doc.morph.lemma(word) in AGREEMENT_VERBS
        for prev, word in itertools.pairwise(texts)
    )


_EARLIER_MARKERS = frozenset({"ранее", "прежде", "раньше", "действующий", "действовать"})


def _signed_attribute(doc: Doc, words: list[Word]) -> bool:
    """ "Итогом стали подписанные соглашения …": a perfective past participle right before the
    document noun reports a signing, unless the sentence points to an earlier one ("ранее
    подписанное соглашение", "соглашение 2021 года")."""
    nouns = word_set("agreement_nouns")
    lemmas = [doc.morph.lemma(w.text.lower()) for w in words]
    if _EARLIER_MARKERS & set(lemmas) or any(
        re.fullmatch(r"(?:19|20)\d\d", w.text) for w in words
    ):
        return False
    for prev, nxt in itertools.pairwise(words):
        if doc.morph.lemma(nxt.text.lower()) not in nouns:
            continue
        if any(
            p.tag.POS == "PRTF" and "perf" in p.tag and "pssv" in p.tag
            for p in doc.morph.parse(prev.text.lower())
            if doc.morph.lemma(prev.text.lower()) in AGREEMENT_VERBS
        ):
            return True
    return False


_HELD_VERBS = frozenset({"состояться", "пройти"})


def _held_signing(doc: Doc, words: list[Word]) -> bool:
    """ "Состоялась церемония подписания Меморандума …": a signing that took place."""
    lemmas = {doc.morph.lemma(w.text.lower()) for w in words}
    return "подписание" in lemmas and any(
        doc.morph.lemma(w.text.lower()) in _HELD_VERBS and is_past(doc, w.text, _HELD_VERBS)
        for w in words
    )


def _describe(doc: Doc, start: int, stop: int) -> str:
    rest = doc.text[start:stop]
    cut = _AGREEMENT_CUT_RE.search(rest)
    phrase = rest[: cut.start()] if cut else rest
    phrase = " ".join(phrase.split()[:MAX_AGREEMENT_WORDS]).rstrip(" .,:")
    # "Соглашение подписали с АО «X»" → "соглашение с АО «X»": the verb is not the document.
    phrase = _SIGN_VERB_RE.sub("", phrase)
    first = phrase.split()
    if not first:
        return ""
    head = doc.morph.nominative_group(first[:3])
    phrase = " ".join(head + first[3:])
    return phrase[:1].lower() + phrase[1:] if first[0].islower() else phrase


def extract_agreements(doc: Doc) -> list[str]:
    nouns = word_set("agreement_nouns")
    out: list[str] = []
    total, total_noun = 0, ""
    since_signed = LIST_HEADING_REACH + 1
    for sent in doc.sentences:
        words = doc.words_in(sent.start, sent.stop)
        lemmas = [doc.morph.lemma(w.text.lower()) for w in words]
        if not AGREEMENT_VERBS & set(lemmas) or not _signed(doc, words):
            # "Подписали 14 соглашений. Самые крупные:" — the list heading follows the total.
            since_signed += 1
            if since_signed <= LIST_HEADING_REACH and sent.text.rstrip().endswith(":"):
                _list_lines(doc, sent.line, out, total_noun or "соглашение")
            continue
        since_signed = 0
        for i, lemma in enumerate(lemmas):
            count = stated_total(doc, words, i) if lemma in nouns else None
            if count and count > total:
                total, total_noun = count, lemma
        index = next(
            (i for i, lemma in enumerate(lemmas) if lemma in nouns and lemma not in _GENERIC_DOCS),
            None,
        )
        if sent.text.rstrip().endswith(":") and _list_lines(
            doc, sent.line, out, total_noun or lemmas[index] if index is not None else "соглашение"
        ):
            continue
        if index is None:
            continue
        doc_word = words[index]
        also = _also_documents(doc, doc_word, sent.stop)
        parties = _counterparties(doc, doc_word, sent.stop)
        if len(parties) > 1:
            noun = doc.morph.lemma(doc_word.text.lower())
            out.extend(f"{noun} с {party}" for party in parties)
        else:
            # The first document ends where the next one of the list begins.
            description = _describe(doc, doc_word.start, also[0][0] if also else sent.stop)
            if description and description not in out:
                out.append(description)
        out.extend(a for _pos, a in also if a not in out)
    # A bare "соглашения" (from a headline) adds nothing next to described documents.
    if len(out) > 1:
        out = [a for a in out if len(a.split()) > 1] or out
    if len(out) < total <= MAX_PADDED_TOTAL:
        out = [a for a in out if len(a.split()) > 1]
        # The text gives a total and details only some: the rest are numbered placeholders.
        out.extend(f"{total_noun} {k} из {total}" for k in range(len(out) + 1, total + 1))
    return out


_ALSO_RE = re.compile(r",\s+а\s+также\s+|\s+и\s+")


def _also_documents(doc: Doc, doc_word: Word, stop: int) -> list[tuple[int, str]]:
    """ "подписанные соглашения …, а также дорожная карта …", "меморандум … и план мероприятий":
    a further document in the list."""
    nouns = word_set("agreement_nouns")
    out = []
    for m in _ALSO_RE.finditer(doc.text, doc_word.stop, stop):
        nxt = doc.words_in(m.end(), stop)[:1]
        if nxt and doc.morph.lemma(nxt[0].text.lower()) in nouns:
            description = _describe(doc, nxt[0].start, stop)
            if description:
                out.append((m.start(), description))
    return out


def _counterparties(doc: Doc, doc_word: Word, stop: int) -> list[str]:
    rest = doc.text[doc_word.stop : stop]
    cut = _AGREEMENT_CUT_RE.search(rest)
    m = _COUNTERPARTIES_RE.search(rest[: cut.start()] if cut else rest)
    if not m:
        return []
    tail = m.group(1).rstrip(" .")
    parts = [p.strip() for p in _PARTY_SPLIT_RE.split(tail) if p and p.strip()]
    return parts if all(p[:1].isupper() or p[:1] == "«" or " «" in p for p in parts) else []


def _list_lines(doc: Doc, line: int, out: list[str], noun: str) -> bool:
    lines = doc.text.split("\n")
    added = False
    for text in lines[line + 1 :]:
        stripped = _LIST_MARKER_RE.sub("", text).strip()
        if not stripped or len(stripped.split()) > MAX_LIST_LINE_WORDS:
            break
        if not (_LIST_MARKER_RE.match(text) or stripped[:1] in "Сс«"):
            break
        item = stripped.rstrip(" .;")
        if item.split()[0] in ("с", "со"):
            item = f"{noun} {item}"  # "— с ТОО «X» — о …" under "подписано шесть соглашений:"
        out.append(item)
        added = True
    return added
