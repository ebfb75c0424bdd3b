"""Companies: quoted names with designators, NER organisations, descriptive names, lists."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.mission.events import event_names, latin_events
from govdigest.extraction.models import Company, OrgKind
from govdigest.extraction.organisations.background import background_spans
from govdigest.extraction.organisations.bare_names import bare_name
from govdigest.extraction.organisations.brands import coined_brands
from govdigest.extraction.organisations.candidates import (
    MAX_NAME_WORDS,
    NAME_START_RE,
    STRENGTH_DESIGNATED,
    STRENGTH_QUOTED,
    Candidate,
    Found,
    candidate_key,
)
from govdigest.extraction.organisations.descriptive import (
    COORDINATION_RE,
    NOT_NAME_START_POS,
    coordinated_with_company,
    descriptive_names,
)
from govdigest.extraction.organisations.forms import (
    CAPS_DATELINE_RE,
    adjectives_before,
    former_before,
    presence_spans,
    project_owner,
    spelled_legal_form,
)
from govdigest.extraction.organisations.institutions import (
    declined_abbreviations,
    federal_agencies,
    head_first,
    university_abbreviations,
)
from govdigest.extraction.organisations.kinds import (
    org_kind,
    spelled_out_kind,
    task_centre,
)
from govdigest.extraction.organisations.known_names import known_association
from govdigest.extraction.organisations.lists import complete_lists
from govdigest.extraction.organisations.merges import (
    merge_abbreviations,
    merge_bracket_aliases,
    merge_chamber_aliases,
    merge_chamber_places,
    merge_declined,
    merge_holding_names,
    merge_spelling_variants,
)
from govdigest.extraction.organisations.ner_names import designator_nominative, ner_names
from govdigest.extraction.organisations.plural_chambers import plural_chambers
from govdigest.extraction.organisations.recalled import recalled_news_spans
from govdigest.extraction.organisations.rules import (
    designator_before,
    is_excluded_name,
    legal_forms,
)
from govdigest.extraction.organisations.surroundings import (
    DATELINE_RE,
    reported_by,
    subscribed_names,
    subscribed_to,
)
from govdigest.extraction.organisations.topics import topic_spans
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.resources import lines, word_set

_SENTENCE_PUNCT_IN_NAME_RE = re.compile(r"[!?;:]|\.\s|,\s|\.$")
_FUNCTION_POS = frozenset(
    {"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "VERB", "INFN", "GRND", "PRTS", "INTJ", "PRED"}
)
# A legal form before a quoted name that itself ends in a quoted name.
_NESTED_LEGAL_RE = re.compile(r"\b([А-ЯЁA-Z][А-ЯЁA-Zа-яё]{1,5})\s+«[^«»\n]{1,60}«[^«»\n]{1,60}»»?")
# A sole trader: "ИП Головлёв А. С." (surname and initials, no quotes).
_SOLE_TRADER_RE = re.compile(r"\bИП\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)?")


def _without_latin_suffixes(content: str) -> str:
    """ "Caspian Marine Sdn. Bhd." → "Caspian Marine": a legal suffix's stops end no sentence."""
    for suffix in sorted(lines("latin_legal_suffixes"), key=len, reverse=True):
        if content.endswith(suffix):
            return content[: -len(suffix)].rstrip(" ,")
    return content


def _looks_like_name(content: str) -> bool:
    words = content.split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and bool(NAME_START_RE.match(content))
        and not _SENTENCE_PUNCT_IN_NAME_RE.search(_without_latin_suffixes(content))
    )


def _org_context(doc: Doc, pos: int) -> bool:
    sent = doc.sentence_at(pos)
    if sent is None:
        return False
    cues = word_set("org_cues")
    # "Компания-концессионер – «…»": the first part of a hyphenated cue counts too.
    words = [w.text.lower() for w in doc.words_in(sent.start, sent.stop)]
    return any(doc.morph.lemma(w.split("-")[0]) in cues for w in words) or any(
        doc.morph.lemma(w) in cues for w in words
    )


def _quoted(
    doc: Doc, speech_opens: set[int], found: Found, blocked: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Quoted names; returns the bare quoted names that lacked evidence (see
    :func:`_coordinated_before_quoted`)."""
    ner_orgs = [(s.start, s.stop) for s in doc.ner if s.type == "ORG"]
    pending: list[tuple[int, int, str]] = []
    for span in find_spans(doc.text):
        if not span.balanced:
            continue
        start, stop = span.inner
        content = doc.text[start:stop].strip()
        if span.open in speech_opens:
            if len(content.split()) <= MAX_CHAIN_NAME_WORDS and _looks_like_name(content):
                # a short quoted name read as speech may still be one of a list of brands
                pending.append((span.open, span.close, content))
            continue
        des = designator_before(doc, span.open)
        if des is not None and des.kind == "non_org" and project_owner(doc, des.words, content):
            name = bare_name(doc, content, span.open)
            found.add(Candidate(span.open, span.close, name, candidate_key(doc, name), 2))
            continue
        if des is not None and des.kind == "non_org":
            blocked.append((des.start, span.close))
            continue
        if not _looks_like_name(content) or found.overlaps(span.open, span.close):
            continue
        if (des is None or des.kind == "legal") and reported_by(doc, span.open):
            blocked.append((span.open, span.close))
            continue  # "сообщает «Лесогорская правда»": a media outlet reporting
        if des is None and _slogan_start(doc, content):
            blocked.append((span.open, span.close))
            continue  # «Не формальность», "Приземлили": a slogan or a scare quote
        if des is not None and des.kind == "legal":
            name = f"{des.words[-1]} «{content}»"
            found.add(Candidate(des.start, span.close, name, candidate_key(doc, name), 3))
        elif des is not None and des.kind == "kept":
            adjectives = adjectives_before(doc, des)
            if former_before(doc, adjectives[0].start if adjectives else des.start):
                blocked.append((des.start, span.close))
                continue  # "перезапуск бывшего завода «Тальмаш»": a site, not a party
            head = designator_nominative(doc, [*(w.text for w in adjectives), *des.words])
            head_text = " ".join(w if w.isupper() else w.lower() for w in head)
            if adjectives and adjectives[0].text[:1].isupper():
                head_text = head_text[:1].upper() + head_text[1:]
            name = f"{head_text} «{content}»"
            begin = adjectives[0].start if adjectives else des.start
            found.add(Candidate(begin, span.close, name, candidate_key(doc, name), 3))
        else:
            evidence = (
                des is not None
                or any(a < stop and start < b for a, b in ner_orgs)
                or _org_context(doc, span.open)
                or coordinated_with_company(doc, found, span.open)
            )
            known = known_association(doc, content)
            if is_excluded_name(doc, content, quoted=True) and not (
                spelled_legal_form(doc, des, content) or known
            ):
                continue
            if not (evidence or known):
                pending.append((span.open, span.close, content))
                continue
            # "компания «Эрга»", "с компанией «Эрга»": the designator declines, the quoted name
            # after it stays in the nominative, never read as "Эрг"
            after_designator = des is not None and len(content.split()) == 1
            name = content if after_designator else bare_name(doc, content, span.open)
            found.add(Candidate(span.open, span.close, name, candidate_key(doc, name), 2))
    return pending


# A quoted name that the quote rules took for speech joins a chain of brands only when short.
MAX_CHAIN_NAME_WORDS = 3


def _coordinated_before_quoted(
    doc: Doc, found: Found, pending: list[tuple[int, int, str]]
) -> None:
    """ "«Тальской лозой», «Кедровой долиной», «Озёр-Вино»": a bare quoted name joined by a
    comma or "и" to a following quoted organisation is one too (right to left, so a chain of
    quoted brands is followed; a programme before an unquoted fund is not)."""
    quotes = ("«", '"')
    for start, stop, content in reversed(pending):
        if found.overlaps(start, stop):
            continue
        for cand in found.items:
            opens = cand.start
            if doc.text[cand.start - 1 : cand.start] in quotes:
                opens -= 1  # NER's span starts inside the quotes
            gap = doc.text[stop:opens]
            if (
                opens >= stop
                and doc.text[opens] in quotes
                and gap.strip()
                and COORDINATION_RE.fullmatch(gap)
            ):
                name = bare_name(doc, content, start)
                found.add(Candidate(start, stop, name, candidate_key(doc, name), STRENGTH_QUOTED))
                break


def _slogan_start(doc: Doc, content: str) -> bool:
    """A quoted text that starts with a verb, a particle or an adverb is speech, a slogan or a
    scare quote ("«Не просто бумага»", "\"Приземлили\""), never an organisation's name."""
    words = content.split()
    first = words[0].strip(".,!?")
    if first.isdigit() and len(words) == 2 and _oblique_plural_noun(doc, words[1]):
        return True  # «10 шагов», «100 дней»: a count of things, a slogan
    if first.lower() in word_set("known_orgs") or not first.isalpha():
        return False
    parses = doc.morph.parse(first.lower())
    return (
        bool(parses)
        and doc.morph.is_known(first.lower())
        and (parses[0].tag.POS in NOT_NAME_START_POS)
    )


def _oblique_plural_noun(doc: Doc, word: str) -> bool:
    parses = doc.morph.parse(word.lower())
    return (
        bool(parses)
        and parses[0].tag.POS == "NOUN"
        and parses[0].tag.number == "plur"
        and parses[0].tag.case != "nomn"
    )


def _nested_legal(doc: Doc, found: Found) -> None:
    """ "ООО «Агрокомплекс «Озёрный»": Russian typography merges the two closing marks, so
    the outer quotation looks unclosed; the name is kept as written."""
    for m in _NESTED_LEGAL_RE.finditer(doc.text):
        if m.group(1) not in legal_forms() or found.overlaps(m.start(), m.end()):
            continue
        name = doc.text[m.start() : m.end()].rstrip("»") + "»"
        found.add(
            Candidate(m.start(), m.end(), name, candidate_key(doc, name), STRENGTH_DESIGNATED)
        )
    for m in _SOLE_TRADER_RE.finditer(doc.text):
        if not found.overlaps(m.start(), m.end()):
            name = m.group().strip()
            found.add(
                Candidate(m.start(), m.end(), name, candidate_key(doc, name), STRENGTH_DESIGNATED)
            )


# Lower-case words right before a quoted name that say its kind: "президент некоммерческого
# партнерства «Центр …»", "ректор университета «…»".
_DESIGNATOR_BEFORE_RE = re.compile(r"((?:[а-яё-]+\s+){0,1}[а-яё-]+)\s*[«\"]?$")
_DESIGNATOR_WINDOW = 60


def _designator_kind(doc: Doc, start: int) -> OrgKind | None:
    """The kind the words right before a quoted mention give it: a legal form's "company", a
    non-business kind word's kind, else None."""
    if doc.text[start : start + 1] not in '«"':
        return None
    before = doc.text[max(0, start - _DESIGNATOR_WINDOW) : start].split()
    if before and before[-1] in legal_forms():
        return "company"  # "АНО «Центр …»": a legal form makes a business entry whatever its name
    m = _DESIGNATOR_BEFORE_RE.search(doc.text[max(0, start - _DESIGNATOR_WINDOW) : start])
    if m is None:
        return None
    kind = org_kind(doc, m.group(1))
    return None if kind == "company" else kind


def _spelled_out(name: str) -> int:
    """ "Союз промышленников и предпринимателей … области" names the party better than the
    "СПП" that the same post also uses (the fullest form used in the post): fewer
    abbreviations is better."""
    return -sum(1 for w in name.split() if w.isalpha() and _abbreviation_like(w))


def _abbreviation_like(word: str) -> bool:
    """ "СПП", "СПбГУ", "ТюмГУ": more capitals than lower-case letters, at least two."""
    upper = sum(1 for c in word if c.isupper())
    return upper >= 2 and sum(1 for c in word if c.islower()) <= upper


def _legal_first(name: str) -> bool:
    """ "ООО «Эталон»" names the party better than "фабрика «Эталон»" of the same group."""
    return name.split(maxsplit=1)[0] in legal_forms()


def extract_companies(
    doc: Doc, speech_opens: set[int], speech: list[tuple[int, int]]
) -> list[Company]:
    found = Found()
    blocked: list[tuple[int, int]] = []
    _nested_legal(doc, found)
    pending = _quoted(doc, speech_opens, found, blocked)
    plural_chambers(doc, found)
    descriptive_names(doc, found, blocked)
    head_first(doc, found, blocked)
    university_abbreviations(doc, found, blocked)
    federal_agencies(doc, found, blocked)
    declined_abbreviations(doc, found, blocked)
    coined_brands(doc, found, blocked, _org_context)
    blocked += [(a, b) for _r, a, b, _name in latin_events(doc)]
    blocked += [(m.start(), m.end()) for m in DATELINE_RE.finditer(doc.text)]
    blocked += [(m.start(), m.end()) for m in CAPS_DATELINE_RE.finditer(doc.text)]
    ner_names(doc, found, blocked)
    complete_lists(doc, found, blocked, speech)
    _coordinated_before_quoted(doc, found, pending)
    merged: dict[str, list[Candidate]] = {}
    for cand in sorted(found.items, key=lambda c: c.start):
        if not cand.key:
            continue
        merged.setdefault(cand.key, []).append(cand)
    merged = merge_holding_names(doc, merge_declined(merged))
    merged = merge_abbreviations(merged)
    merged = merge_chamber_places(merge_chamber_aliases(merged))
    merged = merge_spelling_variants(merge_bracket_aliases(doc, merged), legal_forms())
    events = event_names(doc)
    present = presence_spans(doc) + recalled_news_spans(doc) + topic_spans(doc)
    present += background_spans(doc)
    subscribed = subscribed_names(doc)
    out: list[Company] = []
    for group in merged.values():
        if any(c.name.lower().strip('«»"') in events for c in group):
            continue  # an event's own name («Агропромэкспо», Gulfood) is never a company
        if all(any(a <= c.start and c.stop <= b for a, b in present) for c in group):
            continue  # "в присутствии директора …", "Ранее сообщалось, что …": no party
        if any(
            subscribed_to(doc, c.start) or doc.text[c.start : c.stop].casefold() in subscribed
            for c in group
        ):
            continue  # "Подписаться на КЕРЧЬ СЕГОДНЯ": a channel's own footer names a medium
        best = max(
            group,
            key=lambda c: (c.strength, _legal_first(c.name), _spelled_out(c.name), -c.start),
        )
        mentions: list[str] = []
        for c in group:
            surface = doc.text[c.start : c.stop]
            if surface not in mentions:
                mentions.append(surface)
        designated = next((k for c in group if (k := _designator_kind(doc, c.start))), None)
        kind = designated or org_kind(doc, best.name)
        if kind == "company" and best.name.isupper() and " " not in best.name:
            kind = spelled_out_kind(doc, [c.name for c in group])
        if kind == "company" and task_centre(best.name, mentions):
            kind = "agency"
        if known := known_association(doc, best.name):
            out.append(Company(known, tuple(mentions), "association"))
            continue
        out.append(Company(best.name, tuple(mentions), kind))
    return out
