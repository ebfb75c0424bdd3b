"""Which side of a meeting or a signing leads the mission (issue 8, error classes 1 and 2).

* Two officials of different territories sign and the post says where ("подписали … в
  Тальске", "визит делегации соседнего региона в республику"): the host is the one whose
  territory that is; the guest leads.
* "Документ подписали губернатор X и генеральный директор Y": signers named after the verb;
  of a governor and a company's head the official leads (``plural_signer``).
* A person who only attended a signing ceremony ("принял участие в церемонии подписания") never
  leads over the one who signed.
* Mission detection: "открыл канал в мессенджере" and a meeting with a federal official (no
  place, no forum) are no missions; a signing ceremony ("участие в церемонии", an agreement
  named in the same or the next sentence) is one.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.language.grammar import lemmas_in, role_has
from govdigest.extraction.mission.agreements import AGREEMENT_VERBS
from govdigest.extraction.mission.federal_side import FEDERAL_ROLE_RE, federal_side
from govdigest.extraction.people import People, PersonEntity
from govdigest.extraction.resources import lines, word_set
from govdigest.extraction.text import Sentence

# The territory of a role ("глава Беловодской Республики" → "беловодск", "республик").
_TERRITORY_RE = re.compile(
    r"\b([А-ЯЁ][а-яё-]+?)(?:ой|ей|ого|его|ая|ий)\s+((?i:республик|област|кра|округ))\w*"
)
# "визит(а) делегации соседнего региона в республику": the visit's destination by its noun.
_VISIT_INTO_RE = re.compile(
    r"\bвизит\w*\s+(?:\w+\s+){0,4}?в\s+(республик|област|кра|округ)\w*\b", re.IGNORECASE
)
MIN_STEM = 4


def _territory(role: str | None) -> tuple[str, str] | None:
    """The adjective stem and the noun of the territory a role names ("тальск", "республик")."""
    m = _TERRITORY_RE.search(role or "")
    if m is None or len(m.group(1)) < MIN_STEM:
        return None
    return m.group(1).lower(), m.group(2).lower()


# Role classes that may lead a mission, most senior first (the fallback ranks by it).
LEADER_ROLE_RANK = (
    "governor",
    "premier",
    "president",
    "vice_governor",
    "minister",
    "envoy",
    "ambassador",
    "mayor",
    "head",
    "speaker",
    "chairman",
    "senator",
    "deputy",
)


def guest_of_signers(
    doc: Doc, people: People, signers: list[int], sent: tuple[int, int]
) -> int | None:
    """Of two signers from different territories, the guest — when the post says whose
    territory the signing or the visit is in; None when it does not say."""
    if len(signers) != 2:
        return None
    # "глава Луговой Республики Тимур Рахимов" may leave the territory inside the name's span
    places = [
        _territory(people.entities[i].role)
        or next(
            (t for a, b, k in people.mentions if k == i for t in [_territory(doc.text[a:b])] if t),
            None,
        )
        for i in signers
    ]
    if places[0] is None or places[1] is None or places[0][0] == places[1][0]:
        return None
    hosts: set[int] = set()
    # "подписали … в Тальске": a place in a signing sentence built on one signer's stem.
    signing = [sent] + [
        (x.start, x.stop)
        for x in doc.sentences
        if not AGREEMENT_VERBS.isdisjoint(lemmas_in(doc, x.start, x.stop))
    ]
    for start, stop in dict.fromkeys(signing):
        for m in re.finditer(r"\b(?:в|во)\s+([А-ЯЁ][а-яё-]+)", doc.text[start:stop]):
            word = m.group(1).lower()
            if any(a <= start + m.start() < b for a, b in people.role_spans):
                continue
            hosts |= {k for k, p in enumerate(places) if p and word.startswith(p[0])}
    for m in _VISIT_INTO_RE.finditer(doc.text):
        noun = m.group(1).lower()
        hosts |= {k for k, p in enumerate(places) if p and p[1] == noun}
    if len(hosts) != 1:
        return None
    return signers[1 - hosts.pop()]


def inverted_signers(
    doc: Doc, people: People, senders: frozenset[int]
) -> tuple[list[int], tuple[int, int]] | None:
    """ "Документ подписали губернатор X и генеральный директор Y": two or more people named
    right after a plural past signing verb that opens its clause."""
    for sent in doc.sentences:
        for w in doc.words_in(sent.start, sent.stop):
            if not _plural_signing(doc, w):
                continue
            if any(sent.start <= m[0] and m[1] <= w.start for m in people.mentions):
                break
            after = [
                m[2] for m in people.mentions if w.stop <= m[0] < sent.stop and m[2] not in senders
            ]
            signers = list(dict.fromkeys(after))
            if len(signers) >= 2 and not re.search(
                r"\bс(?:о)?\s*$", doc.text[w.stop : w.stop + 4]
            ):
                return signers, (sent.start, sent.stop)
            break
    return None


# "Подписи под документом поставили губернатор X и генеральный директор Y": the idiom signs.
_SIGNATURES_PUT_RE = re.compile(r"\bподпис\w*\s+(?:[\w«»-]+\s+){0,3}$", re.IGNORECASE)


def _plural_signing(doc: Doc, w: Word) -> bool:
    lemma = doc.morph.lemma(w.text.lower())
    signs = lemma in AGREEMENT_VERBS or (
        lemma == "поставить"
        and bool(_SIGNATURES_PUT_RE.search(doc.text, max(0, w.start - 40), w.start))
    )
    return signs and any(
        p.tag.POS == "VERB" and "past" in p.tag and "plur" in p.tag
        for p in doc.morph.parse(w.text.lower())
    )


def attended_only(doc: Doc, people: People, entity: PersonEntity) -> bool:
    """Every sentence naming the person has them take part ("принял участие") in a ceremony or
    a signing, not sign or travel."""
    index = next((i for i, e in enumerate(people.entities) if e is entity), None)
    sents = [doc.sentence_at(m[0]) for m in people.mentions if m[2] == index]
    found = False
    for sent in sents:
        if sent is None:
            continue
        lemmas = lemmas_in(doc, sent.start, sent.stop)
        if "участие" in lemmas and ("церемония" in lemmas or "подписание" in lemmas):
            found = True
        elif not AGREEMENT_VERBS.isdisjoint(lemmas):
            return False
    return found


def opens_medium(doc: Doc, words: list[Word], k: int) -> bool:
    """ "открыл личный канал в мессенджере": the object of "открыть" is a medium, no place."""
    media = word_set("opened_media")
    return any(doc.morph.lemma(w.text.lower()) in media for w in words[k + 1 : k + 4])


def federal_counterpart(doc: Doc, people: People, words: list[Word], k: int) -> bool:
    """ "встретился с заместителем председателя правительства РФ Александром Рудневым": the one
    met is a federal official (no trip is told by this verb)."""
    if k + 1 >= len(words) or words[k + 1].text.lower() not in ("с", "со"):
        return False
    after = [m for m in people.mentions if words[k].stop <= m[0] <= words[k].stop + 120]
    if not after:
        return False
    names = {w for w in people.entities[after[0][2]].name.split() if not w.isupper()}
    between = doc.text[words[k].stop : after[0][0]]
    # the same person's fuller mention elsewhere may carry the federal role
    roles = [e.role or "" for e in people.entities if names & set(e.name.split())]
    return not re.search(r"[.!?;\n]", between) and bool(
        any(FEDERAL_ROLE_RE.search(r) for r in roles) or FEDERAL_ROLE_RE.search(between)
    )


def signing_ceremony(doc: Doc) -> bool:
    """ "Участие в торжественной церемонии приняли …", "В подписании принимают участие …", an
    agreement named in that sentence or a neighbour: a signing."""
    nouns = word_set("agreement_nouns")
    sents = doc.sentences
    for k, sent in enumerate(sents):
        lemmas = lemmas_in(doc, sent.start, sent.stop)
        if "участие" not in lemmas or not ("церемония" in lemmas or "подписание" in lemmas):
            continue
        near = set(lemmas)
        for x in sents[max(0, k - 1) : k + 2]:
            near |= set(lemmas_in(doc, x.start, x.stop))
        if not nouns.isdisjoint(near):
            return True
    return False


# "Посол прибыл в Озёрск для участия в форуме": a guest named by a role word alone.
_ROLE_ARRIVAL_RE = re.compile(
    r"(?:^|[.!?\n]\s*)((?i:посол|консул|генконсул|генеральный\s+консул))\s+"
    r"(?:прибыл|приехал|прилетел)а?\s+(?:в|во)\s+[А-ЯЁ]"
)


def role_arrival_guest(doc: Doc, people: People) -> tuple[PersonEntity, int, int] | None:
    """The one person whose role the arriving role word names (the guest), with the arrival
    sentence; None when no one or several hold such a role."""
    for m in _ROLE_ARRIVAL_RE.finditer(doc.text):
        head = m.group(1).lower().split()[-1]
        # a full name only: "посла Тавании" may leave the country read as a surname
        holders = [
            e
            for e in people.entities
            if e.role and e.role.lower().split()[:1] == [head] and len(e.name.split()) > 1
        ]
        sent = doc.sentence_at(m.start(1))
        if len({e.name for e in holders}) == 1 and sent is not None:
            return holders[0], sent.start, sent.stop
    return None


# "рассказал о визите делегации Гродненской области": a delegation of a territory that no
# named person's role belongs to, while named officials are of another one.
_DELEGATION_OF_RE = re.compile(
    r"\bделегаци\w*\s+([А-ЯЁ][а-яё-]+?)(?:ой|ей|ого|его)\s+((?i:республик|област|кра|округ))"
)


def unnamed_guest_delegation(doc: Doc, people: People) -> bool:
    """The delegation the post is about is of a territory none of the named people belong to,
    and every named official with a territory is of another one: its head is not named."""
    found = {
        (m.group(1).lower(), m.group(2).lower()) for m in _DELEGATION_OF_RE.finditer(doc.text)
    }
    if len(found) != 1:
        return False
    stem, _noun = found.pop()
    if any(stem in (e.role or "").lower() for e in people.entities):
        return False  # "председатель Гродненского облисполкома": the guests' head is named
    known = [t for t in (_territory(e.role) for e in people.entities) if t is not None]
    return bool(known)


_ROLE_TERRITORY_RE = re.compile(r"\b([А-ЯЁ][а-яё-]+)\s+((?i:области|края|республики|округа))\b")


def hosts_territory(doc: Doc, people: People) -> str | None:
    """The one territory named officials belong to, in the nominative ("Озёрская область"):
    the hosts' region when a guest delegation's head is not named."""
    found = {
        tuple(doc.morph.nominative_group([m.group(1), m.group(2)]))
        for e in people.entities
        for m in _ROLE_TERRITORY_RE.finditer(e.role or "")
    }
    if len(found) != 1:
        return None
    words = list(found.pop())
    return " ".join([words[0][:1].upper() + words[0][1:], words[1].lower()])


# A web preview's channel description: "Официальный канал губернатора Кедровского края."
_CHANNEL_OF_RE = re.compile(
    r"^(?:(?:Официальный|Личный)\s+)?(?:телеграм-|telegram-)?канал\s+"
    r"(губернатора|главы|мэра|врио\s+губернатора)\s+([А-ЯЁ][^.!?\n]{2,60}?)\.?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_CHANNEL_HEADS = {"губернатора": "губернатор", "главы": "глава", "мэра": "мэр"}
CHANNEL_CARD_LINES = 10  # a t.me/s preview's channel card: name, counters, description


def channel_description_role(raw_text: str) -> str | None:
    """The author's role from the channel card's description line ("Официальный канал
    губернатора Кедровского края." → "губернатор Кедровского края"), read from the raw post
    (the card is residue the cleaning drops)."""
    card = "\n".join([x.strip() for x in raw_text.splitlines() if x.strip()][:CHANNEL_CARD_LINES])
    m = _CHANNEL_OF_RE.search(card)
    if m is None:
        return None
    head = m.group(1).lower()
    return f"{_CHANNEL_HEADS.get(head, head)} {m.group(2).strip()}"


def plural_signer(
    doc: Doc, people: People, senders: frozenset[int] = frozenset()
) -> PersonEntity | None:
    """ "Губернаторы … Олег Рябов и Пётр Сомов подписали …": the first named signer.

    Only named people before a plural signing verb in its own sentence count, so "Стороны
    подписали" or "правительство и компания подписали" name nobody.
    """
    for sent in doc.sentences:
        for w in doc.words_in(sent.start, sent.stop):
            if doc.morph.lemma(w.text.lower()) not in AGREEMENT_VERBS or not any(
                p.tag.POS == "VERB" and "past" in p.tag and "plur" in p.tag
                for p in doc.morph.parse(w.text.lower())
            ):
                continue
            before = [
                m
                for m in people.mentions
                if sent.start <= m[0] and m[1] <= w.start and m[2] not in senders
            ]
            signers = list(dict.fromkeys(m[2] for m in before))
            if len(signers) >= 2:
                return _signer_side(doc, people, signers, (sent.start, sent.stop))
    inverted = inverted_signers(doc, people, senders)
    if inverted is not None:
        return _signer_side(doc, people, *inverted)
    return None


def _signer_side(
    doc: Doc, people: People, signers: list[int], sent: tuple[int, int]
) -> PersonEntity:
    """The guest of two signers when the post says who hosts; else the first official
    ("Генеральный директор … и губернатор … подписали": the official leads)."""
    guest = guest_of_signers(doc, people, signers, sent)
    if guest is not None:
        return people.entities[guest]
    # "Министр … РФ X и губернатор Y подписали": the federal side never leads the region's
    pool = [i for i in signers if not federal_side(people.entities[i])] or signers
    # "Подписали председатель Гомельского облисполкома X и губернатор Y": with no host named,
    # the foreign side (облисполком, провинция, хоким) is the counterpart; the home head leads.
    pool = [
        i for i in pool if not role_has(doc, people.entities[i].role, lines("guest_roles"))
    ] or pool
    officials = [i for i in pool if people.entities[i].role_class in LEADER_ROLE_RANK]
    return people.entities[(officials or pool)[0]]


# "встретился с делегацией провинции Юньлин" right before a leader cue: the cue names the head
# of the delegation met.
_MET_DELEGATION_RE = re.compile(
    r"\bвстрети\w*\s+(?:\w+\s+){0,3}?с\s+(?:\w+\s+){0,2}?делегаци\w*\b[^.!?\n]*$", re.IGNORECASE
)


def met_delegation_subject(doc: Doc, people: People, cue_start: int, sent: Sentence) -> int | None:
    """The named subject of "встретился с делегацией … <cue>" at a forum (a forum or a named
    event in the sentence): the met delegation's head never leads the subject's trip."""
    start, stop = sent.start, sent.stop
    m = _MET_DELEGATION_RE.search(doc.text, start, cue_start)
    if m is None or "форум" not in lemmas_in(doc, start, stop):
        return None
    before = [p for p in people.mentions if start <= p[0] and p[1] <= m.start()]
    return before[-1][2] if before else None
