"""Companies: quoted names with designators, NER organisations, descriptive names, lists."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.nlp import NerSpan
from govdigest.extraction.mission.events import event_names, latin_events
from govdigest.extraction.models import Company
from govdigest.extraction.organisations.abbreviations import abbreviates, base_abbreviation
from govdigest.extraction.organisations.bare_names import bare_name
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
    only_plural_adjective,
    plural_common_head,
)
from govdigest.extraction.organisations.forms import (
    CAPS_DATELINE_RE,
    adjectives_before,
    declined_compound,
    is_generic_adjective,
    is_pronoun_adjective,
    presence_spans,
    project_owner,
    spelled_legal_form,
)
from govdigest.extraction.organisations.institutions import (
    EPONYM_WORDS,
    academy_abbreviation,
    declined_abbreviations,
    eponym_tail,
    federal_agencies,
    head_first,
    partner_context,
    partner_heads,
    place_tail,
    university_abbreviations,
)
from govdigest.extraction.organisations.kinds import is_university_abbreviation, org_kind
from govdigest.extraction.organisations.lists import complete_lists
from govdigest.extraction.organisations.merges import merge_holding_names
from govdigest.extraction.organisations.rules import (
    designator_before,
    is_excluded_name,
    legal_forms,
)
from govdigest.extraction.organisations.surroundings import (
    DATELINE_RE,
    crosses_paragraph,
    ner_bounds,
    reported_source,
)
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.resources import lines, word_set

_SENTENCE_PUNCT_IN_NAME_RE = re.compile(r"[!?;:]|\.\s|,\s|\.$")
# Genitive complement of a descriptive name: "завод бурового оборудования" (adjective + noun).
MAX_TAIL_WORDS = 3
_FUNCTION_POS = frozenset(
    {"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "VERB", "INFN", "GRND", "PRTS", "INTJ", "PRED"}
)
# A legal form before a quoted name that itself ends in a quoted name.
_NESTED_LEGAL_RE = re.compile(r"\b([А-ЯЁA-Z][А-ЯЁA-Zа-яё]{1,5})\s+«[^«»\n]{1,60}«[^«»\n]{1,60}»»?")
# A sole trader: "ИП Головлёв А. С." (surname and initials, no quotes).
_SOLE_TRADER_RE = re.compile(r"\bИП\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)?")
_COORDINATION_RE = re.compile(r"\s*(?:,|и|,\s*а\s+также)\s*")


def _designator_nominative(doc: Doc, words: list[str]) -> list[str]:
    # A designator names one organisation: "агрофирмы «…»" is "агрофирма «…»", never the
    # plural nominative that the same form also reads as.
    if len(words) == 1 and not words[0].isupper():
        parses = [p for p in doc.morph.parse(words[0].lower()) if p.tag.POS == "NOUN"]
        return [str(parses[0].normal_form)] if parses else words
    # "группы компаний": the singular genitive before the plural nominative.
    return doc.morph.nominative_group(words, ("gent", "datv", "ablt", "loct", "accs", "nomn"))


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


_NOT_NAME_START_POS = frozenset(
    {"VERB", "INFN", "GRND", "PRTS", "ADVB", "PREP", "CONJ", "PRCL", "NPRO"}
)


def _coordinated_with_company(doc: Doc, found: Found, pos: int) -> bool:
    # "сетей «Сибирский лабаз» и «Обской гастроном»": a quoted name joined by "и" or a comma
    # to a company is a company too.
    for cand in found.items:
        gap = doc.text[cand.stop : pos]
        if cand.stop <= pos and _COORDINATION_RE.fullmatch(gap):
            return True
    return False


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
        if (des is None or des.kind == "legal") and _reported_by(doc, span.open):
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
                or _coordinated_with_company(doc, found, span.open)
            )
            if is_excluded_name(doc, content) and not spelled_legal_form(doc, des, content):
                continue
            if not evidence:
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
                and _COORDINATION_RE.fullmatch(gap)
            ):
                name = bare_name(doc, content, start)
                found.add(Candidate(start, stop, name, candidate_key(doc, name), STRENGTH_QUOTED))
                break


# Present-tense reporting verbs right before a quoted name make it a media outlet.
_REPORTING_RE = re.compile(
    r"(?:сообщает|сообщают|сообщили|сообщил|рассказали|пишет|пишут|передаёт|передает"
    r"|подпишитесь\s+на|подписывайтесь\s+на|читайте\s+нас\s+в"
    r"|(?:фото|видео|источник|первоисточник)\s*:)\s*$",
    re.IGNORECASE,
)


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
        and (parses[0].tag.POS in _NOT_NAME_START_POS)
    )


def truncated_at(doc: Doc, stop: int) -> bool:
    """A name cut off by a preview: followed by "…"/"..." or by the end of the text."""
    after = doc.text[stop : stop + 3]
    return after.startswith(("…", "...")) or not doc.text[stop:].strip()


def _reported_by(doc: Doc, open_pos: int) -> bool:
    near = _REPORTING_RE.search(doc.text[max(0, open_pos - 20) : open_pos])
    return bool(near) or reported_source(doc, open_pos)


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
        if doc.text[max(0, span.start - 1) : span.start] == "#":
            continue  # a hashtag ("#ЛесогорскаяОбласть") is never an organisation
        if doc.text[max(0, span.start - 1) : span.start].isalnum():
            continue  # "ТарскNews": NER's span starts inside a word (a byline's brand)
        if truncated_at(doc, span.stop) or span.text.endswith(("…", "...")):
            continue  # "компанией «Озёрн…": the preview cut the name off
        words = span.text.split()
        if not words or is_excluded_name(doc, span.text) or _common_word_org(doc, words):
            continue
        if (
            len(words) == 1
            and is_university_abbreviation(words[0])
            and not partner_context(doc, span.start)
        ):
            continue  # "окончил МГУ": a university outside the mission
        abbreviation = base_abbreviation(words[0]) if len(words) == 1 else None
        if abbreviation is not None and abbreviation.isupper():
            name = abbreviation  # "КМЗом" → "КМЗ", never a plural "КМЗы"
        elif len(words) == 1 and declined_compound(doc, words[0]):
            name = declined_compound(doc, words[0])  # "Кедрбанка" → "Кедрбанк"
        else:
            name = " ".join(doc.morph.nominative_group(words))
        found.add(Candidate(span.start, span.stop, name, candidate_key(doc, name), STRENGTH_NER))


# Endings of place names and of adjectives made from them (-ская, -ского, -ье, -ья, -ск).
# Also a region's colloquial name ("Брянщины", "Речитчиной"): "-щина/-чина" declined.
_PLACE_SHAPE_RE = re.compile(
    r"(?:[сц]к(?:ая|ой|ий|ого|ому|ую|ие|их|им|ими|ом|е|а|у)?|ь[еяию]|[щч]ин(?:а|ы|е|у|ой))$"
)


def _common_word_org(doc: Doc, words: list[str]) -> bool:
    """NER's false organisations: a lone common word ("Промпроизводство", "УЗИ"), a plural
    group ("Оренбургские предприятия", "IT-компаний") or a place followed by lower-case words
    ("в Новокаменске завода …")."""
    first = words[0]
    parses = doc.morph.parse(first.lower())
    if parses and parses[0].tag.POS in _NOT_NAME_START_POS:
        return True  # "Осмотрел линию": a verb never starts an organisation's name
    if plural_common_head(doc, words[-1]) or any(
        only_plural_adjective(doc, w) for w in words[:-1]
    ):
        return True
    proper = {"Orgn", "Trad", "Name", "Surn"}
    if len(words) == 1:
        if first.lower() in word_set("known_orgs"):
            return False
        if not doc.morph.is_known(first):
            # "Алтанской", "Тихоречья", "Прииртышск": an unknown word shaped like a place or
            # its adjective is a region NER mistook; a company alone is never written so.
            return bool(_PLACE_SHAPE_RE.search(first)) and first[1:].islower()
        if first[1:].lower() != first[1:] and not first.isupper():
            return False  # internal capitals: "ЭлМетро", "ТрансЛогистик"
        return not any(proper & set(p.tag.grammemes) for p in parses)
    return any("Geox" in p.tag for p in parses[:1]) and words[1].islower()


# Heads that name an organisation only with a genitive complement and as a member or a
# counterparty: "с Северным центром судостроения и судоремонта" (never "Озёрский центр").
_GATED_HEADS = frozenset({"центр"})


def _descriptive(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    """Capitalised adjective group + organisation head ("Челябинский компрессорный завод")."""
    partners = partner_heads()
    heads = word_set("org_heads") | partners | _GATED_HEADS
    words = doc.words
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if not (w.text[:1].isupper() and _singular_name_adjective(doc, w.text)):
            i += 1
            continue
        j = i + 1
        while (
            j < n
            and j - i < 4
            and words[j].text.islower()
            and doc.morph.lemma(words[j].text) not in heads
            and doc.morph.has_pos(words[j].text, frozenset({"ADJF"}))
            and not doc.text[words[j - 1].stop : words[j].start].strip()
        ):
            j += 1
        if (
            j < n
            and words[j].text.islower()
            and doc.morph.lemma(words[j].text) in heads
            and _can_be_singular(doc, words[j].text)
            and not doc.text[words[j - 1].stop : words[j].start].strip()
        ):
            k = _genitive_tail(doc, j + 1)
            partner = doc.morph.lemma(words[j].text) in partners
            if partner:
                # "Региональный союз туриндустрии Озёрской области": the place is the name's.
                k = place_tail(doc, k)
            gated = doc.morph.lemma(words[j].text) in _GATED_HEADS
            k = academy_abbreviation(doc, k) if gated and k == j + 1 else k  # "… центр РАН"
            if gated and k == j + 1:
                i = k
                continue  # "Озёрский центр" alone: a venue or a service, no named party
            eponym_end = eponym_tail(doc, k)
            start, stop = words[i].start, words[eponym_end - 1].stop
            if (
                (partner or gated)
                and not partner_context(doc, start)
                and not _coordinated_with_company(doc, found, start)
            ):
                i = eponym_end
                continue  # a university whose students are met is no party to the mission
            if not found.overlaps(start, stop) and not any(a <= start < b for a, b in blocked):
                group = [x.text for x in words[i:k]]
                name = " ".join(doc.morph.nominative_group(group))
                if eponym_end > k:
                    name += " " + doc.text[words[k].start : stop]
                found.add(Candidate(start, stop, name, candidate_key(doc, name), STRENGTH_NER))
            i = eponym_end
            continue
        i += 1


# A place adjective that pymorphy reads as a surname first ("Тальским", "Озёрским").
_SINGULAR_PLACE_ADJECTIVE_RE = re.compile(r"[сц]к(?:ий|ого|ому|им|ом|ая|ой|ую|ое)$")


def _singular_name_adjective(doc: Doc, word: str) -> bool:
    """A capitalised singular adjective that can start a descriptive name."""
    if is_pronoun_adjective(doc, word) or is_generic_adjective(doc, word):
        return False
    if doc.morph.has_pos(word, frozenset({"ADJF"}), 0.1) and any(
        p.tag.number == "sing" for p in doc.morph.parse(word.lower()) if p.tag.POS == "ADJF"
    ):
        return True
    return bool(_SINGULAR_PLACE_ADJECTIVE_RE.search(word))


def _can_be_singular(doc: Doc, word: str) -> bool:
    # "Оренбургские предприятия" are many organisations, not one named one.
    return any(p.tag.number == "sing" for p in doc.morph.parse(word) if p.tag.POS == "NOUN")


def _genitive_tail(doc: Doc, k: int) -> int:
    """End of a genitive complement: "завод электрооборудования", "завод бурового оборудования"."""
    words = doc.words
    end = k
    for n in range(k, min(k + MAX_TAIL_WORDS, len(words))):
        w = words[n]
        if not w.text.islower() or doc.text[words[n - 1].stop : w.start].strip():
            break
        if w.text in EPONYM_WORDS:
            break  # "университет имени …": the eponym is no genitive complement
        parses = doc.morph.parse(w.text)
        top = parses[0].tag.POS if parses else None
        if top == "NOUN" and parses[0].tag.case == "gent":
            end = n + 1  # "завод электрооборудования"; not "… завода перспективы развития"
        elif w.text == "и" and end == n and _genitive_noun_at(doc, n + 1):
            # "центр судостроения и судоремонта", "завод автоматизации и роботизации": two
            # coordinated genitive nouns both belong to the name.
            continue
        elif top not in ("ADJF", "PRTF") or not any(p.tag.case == "gent" for p in parses):
            break
    return end


def _genitive_noun_at(doc: Doc, n: int) -> bool:
    if n >= len(doc.words) or not doc.words[n].text.islower():
        return False
    parses = doc.morph.parse(doc.words[n].text)
    return bool(parses) and parses[0].tag.POS == "NOUN" and parses[0].tag.case == "gent"


# A one-word name the dictionary does not know keeps its case ending in the key
# ("«КурскАгроМолоком»" beside "ООО «КурскАгроМолоко»"): keys differing only by such an
# ending name one company.
_CASE_ENDINGS = ("ом", "ем", "ой", "ей", "ою", "а", "я", "у", "ю", "е", "ы", "и", "м")
MIN_DECLINED_STEM = 5


def _merge_declined(merged: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    cores: dict[str, str] = {}
    for key, group in merged.items():
        for cand in group:
            inner = re.findall(r"«([^«»]+)»", cand.name)
            core = (inner[-1] if inner else cand.name).strip().lower()
            if " " not in core and len(core) >= MIN_DECLINED_STEM:
                cores.setdefault(core, key)
    for core, key in list(cores.items()):
        for ending in _CASE_ENDINGS:
            base = core[: -len(ending)]
            if not core.endswith(ending) or len(base) < MIN_DECLINED_STEM:
                continue
            target = cores.get(base)
            if target is not None and target != key and key in merged and target in merged:
                merged[target].extend(merged.pop(key))
                merged[target].sort(key=lambda c: c.start)
                break
    return merged


def _merge_abbreviations(merged: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """ "ОЭАЗ" beside "Озёрский электроаппаратный завод" is one organisation: the full name."""
    full_names = {
        key: max(group, key=lambda c: c.strength).name
        for key, group in merged.items()
        if len(group[0].name.split()) > 1
    }
    for key in list(merged):
        names = {c.name for c in merged[key]}
        abbreviation = next(
            (base_abbreviation(n) for n in names if " " not in n and base_abbreviation(n)), None
        )
        if abbreviation is None:
            continue
        target = next(
            (k for k, name in full_names.items() if k != key and abbreviates(abbreviation, name)),
            None,
        )
        if target is not None and target in merged:
            merged[target].extend(merged.pop(key))
            merged[target].sort(key=lambda c: c.start)
    return merged


# "ООО «Озёрная транспортная компания» («Озёртранс»)": a short name in brackets right after a
# company's full name is the same company.
_BRACKET_ALIAS_RE = re.compile(r"\s*\(\s*[«\"]([^()«»\"]{2,40})[»\"]\s*\)")
_LEGAL_PREFIX_RE = re.compile(r"^(?:[А-ЯЁ]{2,4}\s+)?[«\"]?(.*?)[»\"]?$")


def _alias_core(name: str) -> str:
    m = _LEGAL_PREFIX_RE.match(name.strip())
    return (m.group(1) if m else name).casefold().replace("ё", "е")


def _merge_bracket_aliases(
    doc: Doc, merged: dict[str, list[Candidate]]
) -> dict[str, list[Candidate]]:
    for key in list(merged):
        if key not in merged:
            continue
        for cand in list(merged[key]):
            m = _BRACKET_ALIAS_RE.match(doc.text, cand.stop)
            if not m:
                continue
            alias = _alias_core(m.group(1))
            for other in [k for k in merged if k != key]:
                if any(_alias_core(c.name) == alias for c in merged[other]):
                    merged[key].extend(merged.pop(other))
            merged[key].sort(key=lambda c: c.start)
    return merged


def extract_companies(
    doc: Doc, speech_opens: set[int], speech: list[tuple[int, int]]
) -> list[Company]:
    found = Found()
    blocked: list[tuple[int, int]] = []
    _nested_legal(doc, found)
    pending = _quoted(doc, speech_opens, found, blocked)
    _descriptive(doc, found, blocked)
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
    merged = merge_holding_names(doc, _merge_declined(merged))
    merged = _merge_abbreviations(merged)
    merged = _merge_bracket_aliases(doc, merged)
    events = event_names(doc)
    present = presence_spans(doc)
    out: list[Company] = []
    for group in merged.values():
        if any(c.name.lower().strip('«»"') in events for c in group):
            continue  # an event's own name («Агропромэкспо», Gulfood) is never a company
        if all(any(a <= c.start and c.stop <= b for a, b in present) for c in group):
            continue  # "в присутствии директора Госкорпорации «…»": only present, no party
        best = max(group, key=lambda c: (c.strength, -c.start))
        mentions: list[str] = []
        for c in group:
            surface = doc.text[c.start : c.stop]
            if surface not in mentions:
                mentions.append(surface)
        out.append(Company(best.name, tuple(mentions), org_kind(doc, best.name)))
    return out
