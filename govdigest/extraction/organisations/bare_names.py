"""The nominative of a bare quoted name that the text declined ("с «Интрафитом»" →
"Интрафит"), and the checks that keep an undeclined brand as written ("«Озёрхим»")."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.forms import CAMEL_RE, genitive_governed, keep_spelling
from govdigest.extraction.resources import word_set

_PREPOSITIONS = frozenset(
    [
        "с",
        "со",
        "в",
        "во",
        "на",
        "о",
        "об",
        "обо",
        "для",
        "от",
        "до",
        "у",
        "из",
        "к",
        "ко",
        "по",
        "при",
        "за",
        "над",
        "под",
        "между",
        "перед",
        "через",
    ]
)

# A code after a name's hyphen: "Синергия-К", "Кедрсталь-2", "Озёр-М5".
_SHORT_CODE_RE = re.compile(r"[A-ZА-ЯЁ0-9]{1,2}\d{0,2}")
# Case endings of a declined one-word name outside a prepositional phrase: genitive -а/-я/-ы/-и,
# dative -у/-ю/-е, instrumental -ом/-ем/-ой/-ей. A name ending otherwise ("Озёрхим", "Кедрлес")
# is in the nominative whatever pymorphy guesses for an unknown word.
_DECLINED_ENDING_RE = re.compile(r"(?:[аяыиуюе]|[оеё]м|[оеё]й)$", re.IGNORECASE)

_OBLIQUE_CASES = ("gent", "datv", "accs", "ablt", "loct")
_INNER_QUOTED_RE = re.compile(r"([А-ЯЁа-яё]+)\s+[„“\"«]([^„“”\"«»]{2,40})[“”\"»]")


def bare_name(doc: Doc, content: str, open_pos: int) -> str:
    """The nominative of a bare quoted name that the text declined.

    "с «Интрафитом»", "продукцию «Гомсельмаша»": a one-word name with no nominative reading is
    put into its lemma; "«Ульяновского автомобильного завода»" (a descriptive name in quotes)
    goes to the nominative like any adjective + organisation-head group.
    """
    words = content.split()
    if len(words) == 1 and declined_known_org(content):
        return declined_known_org(content)  # "с главой «Ростеха»": a well-known name, declined
    if len(words) == 1:
        if CAMEL_RE.search(content) or (content.isupper() and len(content) > 2):
            # "ЮгАгроЛогистик", "ЭлМетро", "с «ТАЛЬМАШ»": brand and capital spellings never decline
            return content
        head, sep, last = content.rpartition("-")
        if sep and _SHORT_CODE_RE.fullmatch(last):
            # "с «Синергией-К»", "«Кедрсталью-2»": a code after the hyphen never declines.
            return bare_name(doc, head, open_pos) + sep + last
        if sep:
            # "на «Сухона-Лесе»": only the last part of a hyphenated name declines.
            return head + sep + bare_name(doc, last, open_pos) if last else content
        nouns = [p for p in doc.morph.parse(content) if p.tag.POS == "NOUN"]
        before = doc.words_in(max(0, open_pos - 12), open_pos)
        after_prep = bool(before) and before[-1].text.lower() in _PREPOSITIONS
        governed = genitive_governed(doc, open_pos)
        if governed and not doc.morph.is_known(content.lower()):
            # "представители «Криотока», «Ветраля»": a genitive after a governing noun
            for p in nouns:
                lemma = str(p.normal_form)
                if (
                    p.tag.case == "gent"
                    and lemma != content.lower()
                    and lemma[:3] == content[:3].lower()
                ):
                    return keep_spelling(content, lemma)
        if not after_prep and not _DECLINED_ENDING_RE.search(content):
            return content  # "компаний «Кедрлес», «Озёрхим»": no case ending, no declension
        if nouns and (after_prep or all(p.tag.case != "nomn" for p in nouns)):
            best = nouns[0]
            if best.tag.case != "nomn":
                lemma = str(best.normal_form)
                if lemma[:3] == content[:3].lower():
                    return content[:1] + lemma[1:]
        return content
    foreign = _foreign_genitive(doc, words, open_pos)
    if foreign:
        return foreign
    inner = _INNER_QUOTED_RE.fullmatch(content)
    if inner and doc.morph.lemma(inner.group(1).lower()) in word_set("org_designators"):
        # "«Концерна „Кедр“»": a designator declined inside the outer quotes
        return f"{doc.morph.lemma(inner.group(1).lower())} «{inner.group(2)}»"
    # Inside quotes a generic head ("«Амурской рыбной компанией»") is part of the name and
    # declines with it, like a designator such as "завод".
    heads = word_set("org_heads") | word_set("org_dropped_designators")
    if words[0][:1].isupper() and any(doc.morph.lemma(w.lower()) in heads for w in words[1:]):
        return " ".join(doc.morph.nominative_group(words))
    if len(words) == 2 and _declined_adjective_pair(doc, words):
        return " ".join(doc.morph.nominative_group(words))  # «Кедровой долиной»
    if len(words) > 2 and _declined_head_group(doc, words):
        # «Кедровским союзом промышленников и предпринимателей», «Тальскими железными
        # дорогами»: the head group declines, a genitive tail stays
        return " ".join(doc.morph.nominative_group(words))
    return content


# A transliterated foreign head in the genitive: "гендиректор «Кедралии Ру»" → "Кедралия Ру".
_FOREIGN_GENITIVE_RE = re.compile(r"^([А-ЯЁ][а-яё]{2,})ии$")


def _foreign_genitive(doc: Doc, words: list[str], open_pos: int) -> str:
    """ "«Марчелии Рус»" after a noun that governs the genitive: an unknown first word in "-ии"
    before foreign tails (unknown words or holding suffixes) takes "-ия"."""
    m = _FOREIGN_GENITIVE_RE.match(words[0])
    if not m or doc.morph.is_known(words[0].lower()) or not genitive_governed(doc, open_pos):
        return ""
    tails = word_set("holding_suffixes")
    if not all(w.lower() in tails or not doc.morph.is_known(w.lower()) for w in words[1:]):
        return ""
    return " ".join([m.group(1) + "ия", *words[1:]])


def _declined_adjective_pair(doc: Doc, words: list[str]) -> bool:
    """ "Тальской лозой", "«Деловой России»": a capitalised adjective and a noun (lower case
    or capitalised, never all capitals), neither nominative."""
    first, second = words
    if not first[:1].isupper() or not (second.islower() or second.istitle()):
        return False
    adj = [p for p in doc.morph.parse(first.lower()) if p.tag.POS == "ADJF"]
    noun = [p for p in doc.morph.parse(second.lower()) if p.tag.POS == "NOUN"]

    def agree(case: str) -> bool:
        return any(
            a.tag.case == case == n.tag.case
            and a.tag.number == n.tag.number
            and (a.tag.number == "plur" or a.tag.gender == n.tag.gender)
            for a in adj
            for n in noun
        )

    # Declined when the two agree in some oblique case and never in the nominative.
    return not agree("nomn") and any(agree(c) for c in _OBLIQUE_CASES)


def _declined_head_group(doc: Doc, words: list[str]) -> bool:
    """One or two capitalised-first adjectives and their noun, declined together (see
    :func:`_declined_adjective_pair`), then only a genitive complement ("промышленников и
    предпринимателей", "Урала"): each word has a genitive reading or is a conjunction."""
    for noun_at in (1, 2):
        adjectives = words[:noun_at]
        if not words[0][:1].isupper() or any(w[:1].isupper() for w in adjectives[1:]):
            continue
        if not all(
            _declined_adjective_pair(doc, [a.capitalize(), words[noun_at]]) for a in adjectives
        ):
            continue
        return all(
            w.lower() in _TAIL_LINKS
            or any(p.tag.case == "gent" for p in doc.morph.parse(w.lower()))
            for w in words[noun_at + 1 :]
        )
    return False


_TAIL_LINKS = frozenset({"и", "имени", "им."})


# Case endings a well-known one-word organisation takes in running text ("Росатома", "РЖД").
_KNOWN_ORG_ENDINGS = ("ом", "у", "а", "е")


def declined_known_org(word: str) -> str:
    """ "Ростеха", "Росатомом" → "Ростех", "Росатом": a well-known organisation (``known_orgs``)
    in an oblique case is put back as written, not read as an unrelated dictionary noun."""
    if not word[:1].isupper() or word.isupper():
        return ""
    low = word.lower().replace("ё", "е")
    known = word_set("known_orgs")
    if low in known:
        return word  # "корпорации Ростех": already the name, never read as a plural genitive
    for ending in _KNOWN_ORG_ENDINGS:
        if low.endswith(ending) and low[: -len(ending)] in known:
            return word[: -len(ending)]
    return ""
