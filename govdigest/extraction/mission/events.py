"""Events of a mission: forums, exhibitions, congresses named by a head and a quotation, by an
adjective group, by a brand or abbreviation ("ПМЭФ-2025", «Иннопром»), by a Latin name, and (round
4 of issue 8) in lower case ("юбилейный, 10-й по счёту, форум регионов России и Беларуси").
Moved out of places.py; counted in tests/corpus/catalog/missions.md («Round 4»)."""

from __future__ import annotations

import re
from functools import cache

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.rules import designator_before
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.resources import lines, pairs, word_set

# Heads that name an event in lower case when a genitive complement with a proper name follows
# ("форум регионов России и Беларуси"); "сессия", "конференция" are too often not events.
_LOWER_EVENT_HEADS = frozenset({"форум", "конгресс", "саммит", "выставка", "ярмарка"})
MAX_LOWER_COMPLEMENT_WORDS = 5


def lowercase_head_events(doc: Doc, heads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """ "юбилейный, 10-й по счёту, форум регионов России и Беларуси": a lower-case head, a
    lower-case genitive noun and a genitive complement that holds a capitalised name.

    (head rank, start, "форум регионов России и Беларуси"), the head in the nominative."""
    out: list[tuple[int, int, str]] = []
    words = doc.words
    for i, w in enumerate(words[:-2]):
        if not w.text.islower():
            continue
        lemma = doc.morph.lemma(w.text)
        if lemma not in _LOWER_EVENT_HEADS or lemma not in heads:
            continue
        first = words[i + 1]
        if not first.text.islower() or not genitive_noun(doc, first.text):
            continue
        j, proper = i + 2, False
        while j < len(words) and j - i <= MAX_LOWER_COMPLEMENT_WORDS:
            if doc.text[words[j - 1].stop : words[j].start].strip():
                break
            nxt = words[j].text
            if nxt == "и" and j + 1 < len(words) and words[j + 1].text[:1].isupper():
                j += 1
                continue
            if not (nxt[:1].isupper() and genitive_noun(doc, nxt)):
                break
            proper, j = True, j + 1
        if not proper:
            continue
        head = " ".join(doc.morph.nominative_group([w.text]))
        rest = doc.text[first.start : words[j - 1].stop]
        out.append((heads.index(lemma), w.start, f"{head} {rest}"))
    return out


def genitive_noun(doc: Doc, word: str) -> bool:
    """A noun or adjective in the genitive; never a one-letter word or a preposition ("в" is
    also an abbreviation in the genitive)."""
    if len(word) < 2 or doc.morph.best_pos(word.lower()) == "PREP":
        return False
    return any(
        p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF")
        for p in doc.morph.parse(word.lower())
    )


_ABBREVIATION_RE = re.compile(r"[А-ЯЁA-Z]{2,6}(?:-\d{4}|-\d{2})?")
_VENUES = frozenset({"ВДНХ"})


def abbreviation_after_head(doc: Doc, heads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """ "На форуме ЗНФ-2025": an abbreviation (with its year) right after a lower-case head
    names the event. (head rank, start, "ЗНФ-2025")."""
    out: list[tuple[int, int, str]] = []
    words = doc.words
    for i, w in enumerate(words[:-1]):
        if not w.text.islower():
            continue
        lemma = doc.morph.lemma(w.text)
        if lemma not in heads:
            continue
        nxt = words[i + 1]
        if doc.text[w.stop : nxt.start].strip() or nxt.text in _VENUES:
            continue
        m = _ABBREVIATION_RE.fullmatch(nxt.text)
        if m is not None and _organisation_abbreviation(nxt.text):
            # "конференции ТПП", "съезде РСПП": the organiser's abbreviation, not the event's
            out.append((heads.index(lemma), w.start, f"{lemma} {nxt.text}"))
        elif m is not None:
            out.append((heads.index(lemma), nxt.start, nxt.text))
    return out


def _organisation_abbreviation(word: str) -> bool:
    low = word.lower()
    return low in word_set("known_orgs") or any(low == k for k, _kind in pairs("org_kinds"))


def inside_longer_quoted_name(doc: Doc, start: int, heads: tuple[str, ...]) -> bool:
    """ "выставку «Иннопром. Беларусь»": a brand that begins a longer quoted name is not the
    event by itself; the quoted name is."""
    for span in find_spans(doc.text):
        a, b = span.inner
        if not a <= start < b:
            continue
        before = doc.words_in(max(0, span.open - 30), span.open)
        headed = bool(before) and doc.morph.lemma(before[-1].text.lower()) in heads
        return headed and len(doc.text[a:b].split()) > 1
    return False


# Adjectives that tell an event's scope, not which event it is: "Международный форум «Арктика»"
# is named by its quotation; "Международный форум" alone names nothing.
_GENERIC_EVENT_ADJECTIVES = frozenset(
    {
        "международный",
        "всероссийский",
        "общероссийский",
        "межрегиональный",
        "региональный",
        "ежегодный",
        "юбилейный",
        "традиционный",
    }
)


def without_generic(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drops "Международный форум" when another name of an event was found."""
    named = [f for f in found if not _generic_only(f[2])]
    return named or found


def _generic_only(name: str) -> bool:
    words = name.lower().split()
    return len(words) > 1 and all(w in _GENERIC_EVENT_ADJECTIVES for w in words[:-1])


# A Latin event name after its head word: "выставка Foodex Japan 2025", "ярмарке Gulfood".
_LATIN_NAME_RE = re.compile(r"\s+((?:[A-Z][\w&.-]*|\d{4})(?:\s+(?:[A-Z][\w&.-]*|\d{4}))*)")


def latin_events(doc: Doc) -> list[tuple[int, int, int, str]]:
    """(head rank, start, stop, "head Latin Name") for each Latin-named event."""
    heads = lines("event_heads")
    out: list[tuple[int, int, int, str]] = []
    for w in doc.words:
        lemma = doc.morph.lemma(w.text.lower())
        if lemma not in heads or not w.text.islower():
            continue
        m = _LATIN_NAME_RE.match(doc.text, w.stop)
        if not m:
            continue
        head = " ".join(doc.morph.nominative_group([w.text])).lower()
        out.append((heads.index(lemma), m.start(1), m.end(1), f"{head} {m.group(1)}"))
    return out


def event_names(doc: Doc) -> set[str]:
    """The bare names of the post's events («Агропромэкспо», Gulfood), lower case."""
    names = {name.split(" ", 1)[1].lower() for _r, _a, _b, name in latin_events(doc)}
    for span in find_spans(doc.text):
        des = designator_before(doc, span.open)
        if des is None or des.kind != "non_org":
            continue
        if doc.morph.lemma(des.words[-1].lower()) in lines("event_heads"):
            a, b = span.inner
            names.add(doc.text[a:b].strip().lower())
    return names


def event(doc: Doc) -> str | None:
    """The named forum or exhibition; a forum outranks its sessions."""
    heads = lines("event_heads")
    found: list[tuple[int, int, str]] = [(r, a, name) for r, a, _b, name in latin_events(doc)]
    for span in find_spans(doc.text):
        des = designator_before(doc, span.open)
        if des is None or des.kind != "non_org":
            continue
        lemma = doc.morph.lemma(des.words[-1].lower())
        if lemma in heads:
            # The head's lemma: "выставки «Россия»" is one exhibition, not several.
            head = lemma
            found.append(
                (heads.index(lemma), span.open, f"{head} {doc.text[span.open : span.close]}")
            )
    words = doc.words
    for i, w in enumerate(words):
        lemma = doc.morph.lemma(w.text.lower())
        if lemma not in heads or i == 0:
            continue
        j = i
        while j > 0 and i - j < 4 and doc.morph.has_pos(words[j - 1].text, frozenset({"ADJF"})):
            j -= 1
        if j < i and words[j].text[:1].isupper():
            group = [x.text for x in words[j : i + 1]]
            found.append(
                (heads.index(lemma), words[j].start, " ".join(doc.morph.nominative_group(group)))
            )
    found.extend(
        (heads.index("форум"), start, name)
        for start, name in named_events(doc)
        if not inside_longer_quoted_name(doc, start, heads)
    )
    found.extend(abbreviation_after_head(doc, heads))
    found.extend(_capitalised_head_events(doc, heads) + lowercase_head_events(doc, heads))
    found.extend(quoted_after_complement(doc, heads))
    if not found:
        return None
    return min(without_generic(found))[2]


# "ПМЭФ", "ПМЭФ-2025", "Иннопрома", "Иннопроме": a known name, a case ending or a year.
_EVENT_SUFFIX_RE = re.compile(r"(?:|а|е|у|ом|-\d{4}|-\d{2})")


def named_events(doc: Doc) -> list[tuple[int, str]]:
    """Known events named by an abbreviation or a brand (``event_names.txt``), in text order."""
    out: list[tuple[int, str]] = []
    names = lines("event_names")
    openings = _event_openings()
    for w in doc.words:
        # A word can match only a name it starts with (in some case): skip the rest cheaply.
        if w.text[:2].lower() not in openings:
            continue
        for name in names:
            if not w.text.startswith(name) and not (
                name[1:].islower() and w.text.lower().startswith(name.lower())
            ):
                continue
            rest = w.text[len(name) :]
            if _EVENT_SUFFIX_RE.fullmatch(rest):
                year = rest if rest.startswith("-") else ""
                out.append((w.start, name + year))
                break
    return out


@cache
def _event_openings() -> frozenset[str]:
    return frozenset(name[:2].lower() for name in lines("event_names"))


MAX_EVENT_COMPLEMENT_WORDS = 5


def _capitalised_head_events(doc: Doc, heads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """ "XI Форума регионов Беларуси и России": a capitalised head mid-sentence and its genitive
    complement (nouns in the genitive joined by "и"), the head put in the nominative."""
    out: list[tuple[int, int, str]] = []
    starts = {s.start for s in doc.sentences}
    words = doc.words
    for i, w in enumerate(words):
        if not w.text[:1].isupper() or w.start in starts or i == 0:
            continue
        lemma = doc.morph.lemma(w.text.lower())
        if lemma not in heads:
            continue
        j = i + 1
        while j < len(words) and j - i <= MAX_EVENT_COMPLEMENT_WORDS:
            gap = doc.text[words[j - 1].stop : words[j].start]
            if gap.strip():
                break
            nxt = words[j].text
            if nxt.lower() == "и":
                if j + 1 < len(words) and _is_genitive(doc, words[j + 1].text):
                    j += 1
                    continue
                break
            if not _is_genitive(doc, nxt):
                break
            j += 1
        if j == i + 1:
            continue
        head = " ".join(doc.morph.nominative_group([w.text]))
        head = head[:1].upper() + head[1:]
        rest = doc.text[words[i + 1].start : words[j - 1].stop]
        out.append((heads.index(lemma), w.start, f"{head} {rest}"))
    return out


_is_genitive = genitive_noun  # "Форуме регионов … в Уфе": "в" is no genitive complement


MAX_QUOTE_COMPLEMENT_WORDS = 4
# A complement that is an organisation owns the quoted name: in "съезд партии «Кедровый край»",
# "форум ассоциации «…»" the quotation names the party or the association, not the event.
_OWNER_COMPLEMENTS = frozenset({"партия", "ассоциация", "союз", "объединение", "движение"})


def quoted_after_complement(doc: Doc, heads: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """ "на IX Общероссийском форуме стратегического развития «Города Отечества»": the quoted
    name after the head's lower-case genitive complement names the event ("форум «…»")."""
    out: list[tuple[int, int, str]] = []
    spans = {span.open: span for span in find_spans(doc.text)}
    words = doc.words
    for i, w in enumerate(words):
        lemma = doc.morph.lemma(w.text.lower())
        if lemma not in heads:
            continue
        j = i + 1
        while j < len(words) and j - i <= MAX_QUOTE_COMPLEMENT_WORDS + 1:
            gap = doc.text[words[j - 1].stop : words[j].start]
            quote = next((k for k, ch in enumerate(gap) if ch in '«“"„'), None)
            if quote is not None:
                span = spans.get(words[j - 1].stop + quote)
                if j > i + 1 and span is not None and span.balanced:
                    out.append(
                        (
                            heads.index(lemma),
                            w.start,
                            f"{lemma} {doc.text[span.open : span.close]}",
                        )
                    )
                break
            if gap.strip() or not words[j].text.islower() or not genitive_noun(doc, words[j].text):
                break
            if doc.morph.lemma(words[j].text.lower()) in _OWNER_COMPLEMENTS:
                break
            j += 1
    return out
