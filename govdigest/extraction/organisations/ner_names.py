"""Organisation names that NER finds outside quotes: spans cleaned of what is not a name
(a medium, an event's host, a hashtag, a clause, the region's own government) and put into
the nominative."""

from __future__ import annotations

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.nlp import NerSpan
from govdigest.extraction.organisations.abbreviations import base_abbreviation
from govdigest.extraction.organisations.bare_names import declined_known_org
from govdigest.extraction.organisations.candidates import (
    STRENGTH_NER,
    Candidate,
    Found,
    candidate_key,
)
from govdigest.extraction.organisations.descriptive import (
    common_word_org,
    designates_quoted,
)
from govdigest.extraction.organisations.forms import (
    declined_compound,
    nominative_before_abbreviation,
    nominative_keeping_place_tails,
)
from govdigest.extraction.organisations.institutions import (
    partner_context,
    partner_heads,
)
from govdigest.extraction.organisations.kinds import (
    is_university_abbreviation,
)
from govdigest.extraction.organisations.name_tails import place_tail
from govdigest.extraction.organisations.rules import (
    federal_development_agency,
    is_excluded_name,
)
from govdigest.extraction.organisations.surroundings import (
    after_government_word,
    crosses_paragraph,
    ner_bounds,
    reported_by,
)
from govdigest.extraction.resources import lines, word_set


def designator_nominative(doc: Doc, words: list[str]) -> list[str]:
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
        return designator_nominative(doc, words)
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


def truncated_at(doc: Doc, stop: int) -> bool:
    """A name cut off by a preview: followed by "…"/"..." or by the end of the text."""
    after = doc.text[stop : stop + 3]
    return after.startswith(("…", "...")) or not doc.text[stop:].strip()


# Parts of speech that never open an organisation's name outside quotes: NER sometimes takes a
# clause that opens with "Это"/"Эта" ("Это головное предприятие группы …") for a name.
_NON_NAME_OPENERS = frozenset({"NPRO", "PRCL", "CONJ", "PREP", "ADVB"})


def _opens_with_function_word(doc: Doc, word: str) -> bool:
    low = word.lower()
    return doc.morph.is_known(low) and doc.morph.best_pos(low) in _NON_NAME_OPENERS


def _joined_adjective_spans(doc: Doc) -> list[NerSpan]:
    """ "Тальским областным" + "СПП": NER splits a name's adjectives from its abbreviation or
    head; an ORG span of adjectives only followed by one space and an ORG span is one name."""
    spans = list(doc.ner)
    out: list[NerSpan] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if (
            nxt is not None
            and span.type == nxt.type == "ORG"
            and doc.text[span.stop : nxt.start] == " "
            and all(doc.morph.best_pos(w.lower()) == "ADJF" for w in span.text.split())
        ):
            out.append(NerSpan(span.start, nxt.stop, "ORG", doc.text[span.start : nxt.stop]))
            i += 2
            continue
        out.append(span)
        i += 1
    return out


def _with_place(doc: Doc, stop: int) -> int:
    """ "Торгово-промышленной палаты" + "РФ": NER leaves out the place that closes a name
    whose head is a partner's kind ("палаты", "союза", "ассоциации"); put it back."""
    words = doc.words
    k = next((i for i, w in enumerate(words) if w.start >= stop), len(words))
    if k == 0 or not words[k - 1].text.islower():
        return stop
    if doc.morph.lemma(words[k - 1].text.lower()) not in partner_heads():
        return stop
    end = place_tail(doc, k)
    return words[end - 1].stop if end > k else stop


def ner_names(doc: Doc, found: Found, blocked: list[tuple[int, int]]) -> None:
    for ner_span in _joined_adjective_spans(doc):
        bounds = ner_bounds(doc, ner_span.start, ner_span.stop) if ner_span.type == "ORG" else None
        if bounds is None:
            continue
        bounds = (bounds[0], _with_place(doc, bounds[1]))
        if found.overlaps(*bounds):
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
        if designates_quoted(doc, span.stop):
            continue  # "Государственной корпорацией по атомной энергии «…»": the name's kind
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
