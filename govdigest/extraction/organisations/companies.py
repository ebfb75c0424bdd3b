"""Companies: quoted names with designators, NER organisations, descriptive names, lists."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.nlp import NerSpan
from govdigest.extraction.mission.events import event_names, latin_events
from govdigest.extraction.models import Company, OrgKind
from govdigest.extraction.organisations.abbreviations import base_abbreviation
from govdigest.extraction.organisations.bare_names import bare_name, declined_known_org
from govdigest.extraction.organisations.brands import coined_brands
from govdigest.extraction.organisations.candidates import (
    MAX_NAME_WORDS,
    NAME_START_RE,
    STRENGTH_DESIGNATED,
    STRENGTH_NER,
    STRENGTH_QUOTED,
    Candidate,
    Found,
    candidate_key,
)
from govdigest.extraction.organisations.descriptive import (
    COORDINATION_RE,
    NOT_NAME_START_POS,
    common_word_org,
    coordinated_with_company,
    descriptive_names,
)
from govdigest.extraction.organisations.forms import (
    CAPS_DATELINE_RE,
    adjectives_before,
    declined_compound,
    former_before,
    nominative_before_abbreviation,
    nominative_keeping_place_tails,
    presence_spans,
    project_owner,
    spelled_legal_form,
)
from govdigest.extraction.organisations.institutions import (
    declined_abbreviations,
    federal_agencies,
    head_first,
    partner_context,
    university_abbreviations,
)
from govdigest.extraction.organisations.kinds import (
    is_university_abbreviation,
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
from govdigest.extraction.organisations.plural_chambers import plural_chambers
from govdigest.extraction.organisations.recalled import recalled_news_spans
from govdigest.extraction.organisations.rules import (
    designator_before,
    federal_development_agency,
    is_excluded_name,
    legal_forms,
)
from govdigest.extraction.organisations.surroundings import (
    DATELINE_RE,
    after_government_word,
    crosses_paragraph,
    ner_bounds,
    reported_by,
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


def _designator_nominative(doc: Doc, words: list[str]) -> list[str]:
    # A designator names one organisation: "агрофирмы «…»" is "агрофирма «…»", never the
    # plural nominative that the same form also reads as.
    if len(words) == 1 and not words[0].isupper():
        parses = [p for p in doc.morph.parse(words[0].lower()) if p.tag.POS == "NOUN"]
        return [str(parses[0].normal_form)] if parses else words
    # "группы компаний": the singular genitive before the plural nominative.
    return doc.morph.nominative_group(words, ("gent", "datv", "ablt", "loct", "accs", "nomn"))


def _ner_nominative(doc: Doc, words: list[str]) -> list[str]:
    """The nominative of an NER name. A capitalised head noun first ("Общества … дружбы",
    "Объединения работодателей …") names one organisation: its singular genitive is preferred
    to the plural nominative that the same form also reads as."""
    before_abbreviation = nominative_before_abbreviation(doc, words)
    if before_abbreviation:
        return before_abbreviation  # "Нижнекамского НПЗ" → "Нижнекамский НПЗ"
    out = nominative_keeping_place_tails(doc, words)
    first = words[0]
    if len(words) < 2 or out[0] != first or not first[:1].isupper() or first.isupper():
        return out
    parses = [p for p in doc.morph.parse(first.lower()) if p.tag.POS == "NOUN"]
    plural_nomn = any(p.tag.case == "nomn" and p.tag.number == "plur" for p in parses)
    singular_gent = any(p.tag.case == "gent" and p.tag.number == "sing" for p in parses)
    if plural_nomn and singular_gent:
        return _designator_nominative(doc, words)
    return out


def _after_media_designator(doc: Doc, start: int) -> bool:
    """An unquoted name right after a lower-case media noun ("телеканала", "радиостанции")."""
    words = doc.words_in(max(0, start - 40), start)
    if not words or doc.text[words[-1].stop : start].strip():
        return False
    last = words[-1].text
    heads = word_set("media_designators")
    return last.islower() and (last in heads or doc.morph.lemma(last) in heads)


def _after_event_head(doc: Doc, start: int) -> bool:
    """An NER name right after an event's head ("Съезда", "форума", "конференции")."""
    words = doc.words_in(max(0, start - 40), start)
    if not words or doc.text[words[-1].stop : start].strip():
        return False
    return doc.morph.lemma(words[-1].text.lower()) in lines("event_heads")


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
            head = _designator_nominative(doc, [*(w.text for w in adjectives), *des.words])
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
            name = bare_name(doc, content, span.open)
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
    first = content.split()[0].strip(".,!?")
    if first.lower() in word_set("known_orgs") or not first.isalpha():
        return False
    parses = doc.morph.parse(first.lower())
    return (
        bool(parses)
        and doc.morph.is_known(first.lower())
        and (parses[0].tag.POS in NOT_NAME_START_POS)
    )


def truncated_at(doc: Doc, stop: int) -> bool:
    """A name cut off by a preview: followed by "…"/"..." or by the end of the text."""
    after = doc.text[stop : stop + 3]
    return after.startswith(("…", "...")) or not doc.text[stop:].strip()


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


# Parts of speech that never open an organisation's name outside quotes: NER sometimes takes a
# clause that opens with "Это"/"Эта" ("Это головное предприятие группы …") for a name.
_NON_NAME_OPENERS = frozenset({"NPRO", "PRCL", "CONJ", "PREP", "ADVB"})


def _opens_with_function_word(doc: Doc, word: str) -> bool:
    low = word.lower()
    return doc.morph.is_known(low) and doc.morph.best_pos(low) in _NON_NAME_OPENERS


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


def _legal_first(name: str) -> bool:
    """ "ООО «Эталон»" names the party better than "фабрика «Эталон»" of the same group."""
    return name.split(maxsplit=1)[0] in legal_forms()


def _ner(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    for ner_span in doc.ner:
        bounds = ner_bounds(doc, ner_span.start, ner_span.stop) if ner_span.type == "ORG" else None
        if bounds is None or found.overlaps(*bounds):
            continue
        span = NerSpan(bounds[0], bounds[1], "ORG", doc.text[bounds[0] : bounds[1]])
        if any(a < span.stop and span.start < b for a, b in blocked):
            continue
        if any(q in span.text for q in '«»"') or crosses_paragraph(doc, span.start, span.stop):
            continue
        if _after_media_designator(doc, span.start) or (
            span.text.isupper() and reported_by(doc, span.start)
        ):
            continue  # "в эфире телеканала Кедр 24", "сообщил ТКН": the medium, never a party
        if _after_event_head(doc, span.start):
            continue  # "участником Съезда Союза машиностроителей": the event's host, no party
        if doc.text[max(0, span.start - 1) : span.start] == "#":
            continue  # a hashtag ("#ЛесогорскаяОбласть") is never an organisation
        if doc.text[max(0, span.start - 1) : span.start].isalnum():
            continue  # "ТарскNews": NER's span starts inside a word (a byline's brand)
        if truncated_at(doc, span.stop) or span.text.endswith(("…", "...")):
            continue  # "компанией «Озёрн…": the preview cut the name off
        words = span.text.split()
        if not words or common_word_org(doc, words):
            continue
        if is_excluded_name(doc, span.text) and not federal_development_agency(doc, *bounds):
            continue
        if after_government_word(doc, span.start, words):
            continue  # "правительства СК", "администрации ХМАО": the region's own government
        if (
            len(words) == 1
            and is_university_abbreviation(words[0])
            and not partner_context(doc, span.start)
        ):
            continue  # "окончил МГУ": a university outside the mission
        if _opens_with_function_word(doc, words[0]):
            continue  # "Это головное предприятие группы компаний": a clause, not a name
        abbreviation = base_abbreviation(words[0]) if len(words) == 1 else None
        if abbreviation is not None:
            # "КМЗом" → "КМЗ", never a plural "КМЗы"; a stem and capitals ("БелТПП", "ТюмГУ")
            # is spelled as written, never lower-cased into a noun ("Белтппы")
            name = abbreviation
        elif len(words) == 1 and declined_compound(doc, words[0]):
            name = declined_compound(doc, words[0])  # "Кедрбанка" → "Кедрбанк"
        elif len(words) == 1 and declined_known_org(words[0]):
            name = declined_known_org(words[0])  # "Ростеха" → "Ростех", never "Ростёха"
        else:
            name = " ".join(_ner_nominative(doc, words))
        found.add(Candidate(span.start, span.stop, name, candidate_key(doc, name), STRENGTH_NER))


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
    _ner(doc, found, blocked)
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
    out: list[Company] = []
    for group in merged.values():
        if any(c.name.lower().strip('«»"') in events for c in group):
            continue  # an event's own name («Агропромэкспо», Gulfood) is never a company
        if all(any(a <= c.start and c.stop <= b for a, b in present) for c in group):
            continue  # "в присутствии директора …", "Ранее сообщалось, что …": no party
        best = max(group, key=lambda c: (c.strength, _legal_first(c.name), -c.start))
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
