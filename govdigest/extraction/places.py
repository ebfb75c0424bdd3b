"""Places of a mission: the delegation's region, the destination, the event."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from govdigest.extraction.doc import Doc
from govdigest.extraction.language.grammar import lemmas_in
from govdigest.extraction.people import People
from govdigest.extraction.quotes.spans import find_spans
from govdigest.extraction.resources import lines, word_set
from govdigest.extraction.roles import adjectival_delegation_region, territory_in_role

# A place after these prepositions is where something happens ("в Югре", "на Алтае").
_DEST_PREPS = frozenset({"в", "во", "на", "под"})
_RUSSIAN_TOPONYM_ENDINGS = (
    "ск",
    "цк",
    "ов",
    "ев",
    "ёв",
    "ин",
    "ын",
    "град",
    "город",
    "поль",
    "бург",
)
_PLACE_NOUNS = frozenset(
    {
        "провинция",
        "область",
        "край",
        "республика",
        "город",
        "штат",
        "округ",
        "район",
        "окрестность",
        "иль",
        "иля",
        "вилайят",
        "воеводство",
        "префектура",
        "столица",  # "в столицу Республики Беларусь": the capital's country after "в"
    }
)
# The delegation's own region follows its head in the genitive, or after "из"/"от имени".
_DELEGATION_HEADS = frozenset({"делегация", "миссия", "бизнес-миссия", "бизнес-делегация"})
_ORIGIN_PREPS = frozenset({"из", "от"})
# Cases a place is in after "в/на" (location or direction), tried first when normalising.
_PLACE_CASES = ("loct", "accs", "datv", "nomn", "gent", "ablt")
# Oblique singular forms that also parse as nominative plurals ("делегация Республики Беларусь").
_GENITIVE_PLACE_NOUNS = frozenset({"республики", "области", "провинции"})
SCORE_TRIP = 3
# Words before "в/на" searched for a trip word ("делегацию Заречной области в Северном крае").
TRIP_LOOKBACK = 3
SCORE_PREP = 1
SCORE_MISSION_SENTENCE = 1
SCORE_LEAD = 1
LEAD_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    stop: int
    name: str
    prep: str  # the word right before the place, lower case ("" at a line start)


def find_places(doc: Doc, people: People) -> list[Place]:
    """LOC spans in the nominative, minus those inside people's roles ("посол … в России")."""
    out: list[Place] = []
    for span in doc.ner:
        if span.type != "LOC":
            continue
        if any(a <= span.start < b for a, b in people.role_spans):
            continue
        before = doc.words_in(max(0, span.start - 60), span.start)
        prep = before[-1].text.lower() if before else ""
        # "в китайскую провинцию Цзянсу", "в окрестностях Белокурихи": a generic place noun
        # (and its adjective) between the preposition and the name.
        k = len(before) - 1
        while (
            k > 0
            and len(before) - k <= 3
            and (
                doc.morph.lemma(before[k].text.lower()) in _PLACE_NOUNS
                or doc.morph.best_pos(before[k].text.lower()) == "ADJF"
            )
        ):
            k -= 1
            if before[k].text.lower() in _DEST_PREPS:
                prep = before[k].text.lower()
                break
        cases = _PLACE_CASES if prep in _DEST_PREPS else ("nomn", "gent", "accs", "loct", "datv")
        # NER may run a title's last word into the next line ("на Алтае\nСегодня"): a place
        # never crosses a line break.
        span_text, span_stop = span.text.split("\n", 1)[0], span.stop
        if span_text != span.text:
            span_stop = span.start + len(span_text)
        words = span_text.split()
        if words and words[0].lower() in _GENITIVE_PLACE_NOUNS:
            cases = ("gent", "loct", "datv", "accs", "ablt")  # "Республики Беларусь" is singular
        name = " ".join(doc.morph.nominative_group(words, cases))
        # An unknown place declines only if it looks Russian ("Новокаменске" → "Новокаменск");
        # foreign ones are indeclinable ("Цзянсу", "Молодечно").
        foreign = len(words) == 1 and not doc.morph.is_known(words[0])
        if foreign and not name.lower().endswith(_RUSSIAN_TOPONYM_ENDINGS):
            name = _ija_nominative(words[0])
        name = _with_place_noun(doc, span_stop, words, name)
        out.append(Place(span.start, span_stop, name, prep))
    return out


# "в Таванию", "в Тавании", "с Тавией": an unknown country in "-ия" declines like "Индия";
# other foreign names stay as written ("Цзянсу", "Молодечно").
_IJA_OBLIQUE = ("ией", "ию", "ии")
MIN_IJA_NAME = 5


def _ija_nominative(word: str) -> str:
    for ending in _IJA_OBLIQUE:
        if len(word) >= MIN_IJA_NAME and word.endswith(ending):
            return word[: -len(ending)] + "ия"
    return word


def _with_place_noun(doc: Doc, stop: int, words: list[str], name: str) -> str:
    """ "в Кировском и Советском районах" → "Кировский район": an adjective names a district
    only with its place noun, which may follow a coordinated adjective."""
    if len(words) != 1 or doc.morph.best_pos(words[0].lower()) != "ADJF":
        return name
    after = doc.words_in(stop, stop + 60)[:3]
    while len(after) >= 2 and after[0].text == "и" and after[1].text[:1].isupper():
        after = doc.words_in(after[1].stop, after[1].stop + 40)[:3]
    if not after or doc.morph.lemma(after[0].text.lower()) not in _PLACE_NOUNS:
        return name
    noun = doc.morph.lemma(after[0].text.lower())
    noun_parses = doc.morph.parse(noun)
    gender = str(noun_parses[0].tag.gender) if noun_parses else "masc"
    adjective = doc.morph.lemma(words[0].lower())  # masculine nominative: "кировский"
    if gender in _ADJ_ENDINGS and adjective[-2:] in ("ий", "ый", "ой"):
        soft = adjective.endswith("ний")  # "Нижний" → "Нижняя"; "Кировский" → "Кировская"
        adjective = adjective[:-2] + _ADJ_ENDINGS[gender][soft]
    return f"{adjective.capitalize()} {noun}"


# Feminine and neuter adjective endings (hard, soft) from the masculine lemma.
_ADJ_ENDINGS = {"femn": ("ая", "яя"), "neut": ("ое", "ее")}


def _same_place(a: str, b: str) -> bool:
    # "Челябинская область" vs "Челябинской области": compare word stems, not endings.
    wa, wb = a.lower().split(), b.lower().split()
    return len(wa) == len(wb) and all(x[:5] == y[:5] for x, y in zip(wa, wb, strict=True))


# The country's own name: "делегация Российской Федерации" is the federal delegation, and a
# governor inside it still represents the governor's region.
_FEDERAL_PLACES = frozenset({"россия", "российская федерация", "рф"})


def delegation_region(doc: Doc, places: list[Place], leader_role: str | None) -> str | None:
    for place in places:
        if (
            place.name.lower() in _FEDERAL_PLACES
            and leader_role
            and _region_in_role_or_text(doc, places, leader_role)
        ):
            continue
        before = doc.words_in(max(0, place.start - 60), place.start)[-4:]
        # "делегация белорусского Молодечно": skip adjectives standing before the place.
        while before and (
            (before[-1].text.islower() and doc.morph.best_pos(before[-1].text) in ("ADJF", "PRTF"))
            or doc.morph.lemma(before[-1].text.lower()) in _PLACE_NOUNS
        ):
            before = before[:-1]
        lemmas = [doc.morph.lemma(w.text.lower()) for w in before]
        if lemmas and lemmas[-1] in _DELEGATION_HEADS:
            return place.name  # "делегация Челябинской области"
        if len(lemmas) >= 2 and lemmas[-2] in _DELEGATION_HEADS and lemmas[-1] in _ORIGIN_PREPS:
            return place.name  # "делегация из Молодечно"
        if len(lemmas) >= 2 and lemmas[-2] == "от" and lemmas[-1] == "имя":
            return place.name  # "от имени Калужской области"
    role_region = _region_in_role_or_text(doc, places, leader_role) if leader_role else None
    return role_region or adjectival_delegation_region(doc)  # "Воронежская делегация"


def _region_in_role_or_text(doc: Doc, places: list[Place], leader_role: str) -> str | None:
    # The role's own "<Adjective> <region noun>" ("губернатор Белогорской области") first: a
    # place span may hold only the adjective and lose the noun ("Белогорской" → "Белогорск").
    from_role = _region_in_role(doc, leader_role)
    if from_role and from_role.split()[-1] in _REGION_NOUNS:
        return from_role
    for place in places:
        if place.name.lower() in _REGION_NOUNS:
            continue  # a span cut to its head ("Республики" of "Алтанской Республики")
        if doc.text[place.start : place.stop] in leader_role:
            return place.name
    # Places inside the role itself ("хоким Самаркандской области", "председатель Гомельского
    # облисполкома"): whom the leader represents.
    return from_role


# "Гомельского облисполкома" → "Гомельская область": an executive committee stands for its unit.
_COMMITTEE_UNITS = {"облисполком": "область", "райисполком": "район", "акимат": "область"}
_REGION_NOUNS = ("область", "край", "республика", "округ", "провинция", "аймак")


def _region_in_role(doc: Doc, role: str) -> str | None:
    words = role.split()
    for i, w in enumerate(words[1:], start=1):
        lemma = doc.morph.lemma(w.lower().strip("«»,"))
        unit = _COMMITTEE_UNITS.get(lemma)
        if unit and words[i - 1][:1].isupper():
            adjective = doc.morph.lemma(words[i - 1].lower())
            if adjective[-2:] in ("ий", "ый", "ой"):
                adjective = adjective[:-2] + _ADJ_ENDINGS["femn"][adjective.endswith("ний")]
            return f"{adjective.capitalize()} {unit}"
        if lemma in _REGION_NOUNS and i + 1 <= len(words) and words[i - 1][:1].isupper():
            group = doc.morph.nominative_group([words[i - 1], w], ("gent", "nomn"))
            return " ".join(group)
        if lemma in _REGION_NOUNS and i + 1 < len(words) and words[i + 1][:1].isupper():
            return f"{lemma} {words[i + 1]}"  # "провинции Цзилинь" → "провинция Цзилинь"
    if doc.morph.lemma(words[0].lower()) in _ENVOY_WORDS or (
        len(words) > 1 and doc.morph.lemma(words[1].lower()) in _ENVOY_WORDS
    ):
        # "генеральный консул Китая в Екатеринбурге": the country right after the title.
        for w in words[1:]:
            if w[:1].isupper():
                return " ".join(doc.morph.nominative_group([w], ("gent",)))
            if w.lower() in ("в", "во"):
                break
    return territory_in_role(doc, role)  # "глава Бурятии", "председатель Меджлиса Ирана"


_ENVOY_WORDS = frozenset({"посол", "консул", "генконсул", "торгпред"})


def home_region(doc: Doc, places: list[Place], where: str | None) -> str | None:
    """The region most named in the post other than the destination (a first-person
    author's or a travelling official's own region: "для Алтайского края …")."""
    counts: dict[str, int] = {}
    for place in places:
        name = place.name
        if not name.lower().split()[-1:] or name.lower().split()[-1] not in _REGION_NOUNS[:3]:
            continue
        if where and (_same_place(name, where) or in_title(doc, place)):
            continue
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda n: counts[n])


@cache
def _role_heads() -> frozenset[str]:
    heads = {line.partition("|")[0].split()[0].lower() for line in lines("roles")}
    return frozenset(heads | {p.split()[0] for p in lines("guest_roles")})


def in_title(doc: Doc, place: Place) -> bool:
    """A place that complements a role noun ("Послом Вьетнама", "Губернатор иля Мерсин").

    It names whom the person represents, never where the mission went.
    """
    before = doc.words_in(max(0, place.start - 60), place.start)[-4:]
    if before and any(ch in doc.text[before[-1].stop : place.start] for ch in ".,;:!?\n"):
        return False
    while before and (
        doc.morph.lemma(before[-1].text.lower()) in _PLACE_NOUNS
        or (before[-1].text.islower() and doc.morph.best_pos(before[-1].text) == "ADJF")
    ):
        before = before[:-1]
    return bool(before) and doc.morph.lemma(before[-1].text.lower()) in _role_heads()


def host_place(
    doc: Doc,
    places: list[Place],
    region: str | None,
    span: tuple[int, int],
    role_spans: list[tuple[int, int]],
) -> str | None:
    """Where a guest is received: a place after "в/во" in the receiving sentence."""
    start, stop = span
    for place in places:
        if not start <= place.start < stop or place.prep not in ("в", "во"):
            continue
        if in_title(doc, place) or (region and _same_place(place.name, region)):
            continue
        return place.name
    words = doc.words_in(start, stop)
    for prev, w in itertools.pairwise(words):
        if prev.text.lower() not in ("в", "во") or not w.text[:1].isupper():
            continue
        if any(a <= w.start < b for a, b in role_spans):
            continue
        name = doc.morph.nominative_group([w.text], ("loct", "accs"))[0]
        if region and _same_place(name, region):
            continue
        return name
    return None


# Words allowed between a place and its trip verb ("Н-скую область с рабочим визитом посетил").
_VISIT_PHRASE_WORDS = frozenset({"с", "рабочий", "официальный", "дружественный", "визит"})


def _trip_verb_after(doc: Doc, stop: int, trip: frozenset[str]) -> bool:
    after = doc.words_in(stop, stop + 60)[:5]
    k = 0
    while k < len(after) - 1 and doc.morph.lemma(after[k].text.lower()) in _VISIT_PHRASE_WORDS:
        k += 1
    after = after[k : k + 2] if k >= 2 else after[:2]
    return (
        any(
            doc.morph.best_pos(w.text.lower()) == "VERB"
            and doc.morph.lemma(w.text.lower()) in trip
            for w in after
        )
        and not any(ch in doc.text[stop : after[0].start] for ch in ".,;:!?\n")
        if after
        else False
    )


def _is_origin(doc: Doc, place: Place) -> bool:
    after = doc.words_in(place.stop, place.stop + 30)[:1]
    if (
        after
        and doc.text[place.stop : after[0].start].strip(" ") == ""
        and doc.morph.lemma(after[0].text.lower()) in _DELEGATION_HEADS
    ):
        return True
    before = doc.words_in(max(0, place.start - 60), place.start)[-4:]
    lemmas = [doc.morph.lemma(w.text.lower()) for w in before]
    return (
        any(lemma in _DELEGATION_HEADS for lemma in lemmas[-3:]) and place.prep not in _DEST_PREPS
    )


def destination(doc: Doc, places: list[Place], region: str | None, least: int = 1) -> str | None:
    trip = word_set("trip_nouns")
    triggers = word_set("mission_triggers")
    recalled = _recalled_spans(doc)
    best: tuple[int, int, str] | None = None
    for place in places:
        if region and _same_place(place.name, region):
            continue
        if place.name.lower() in _REGION_NOUNS:
            continue  # a span cut to its head ("Республики" of "Алтанской Республики")
        if any(a <= place.start < b for a, b in recalled):
            continue  # «Когда в прошлом году мы были в Беларуси, …»: an earlier trip
        if in_title(doc, place):
            continue  # "Губернатор иля Мерсин посетил …": whom the person represents
        if _is_origin(doc, place):
            continue  # "делегация Республики Вьетнам", "Калужская делегация": the guests' home
        if _MISSION_SEAT_RE.search(doc.text, max(0, place.start - 80), place.start):
            continue  # "министр-советник посольства Китая в России": where a mission sits
        if _ranking_scope(doc, place):
            continue  # "заводе — единственном предприятии в России": a ranking, not a trip
        before = doc.words_in(max(0, place.start - 60), place.start)
        score = 0
        if place.prep in _DEST_PREPS:
            score = SCORE_PREP
            # "визит в …", "прибыл в …", "делегацию Заречной области в …"
            if any(
                doc.morph.lemma(w.text.lower()) in trip for w in before[-TRIP_LOOKBACK - 1 : -1]
            ):
                score = SCORE_TRIP
        elif (
            before
            and not doc.text[before[-1].stop : place.start].strip()
            and doc.morph.best_pos(before[-1].text.lower()) == "VERB"
            and doc.morph.lemma(before[-1].text.lower()) in trip
        ):
            score = SCORE_TRIP  # "посетил Алтайский край"
        if not score and _trip_verb_after(doc, place.stop, trip):
            score = SCORE_TRIP  # "Астраханскую область посетила делегация"
        elif score and _trip_verb_after(doc, place.stop, trip):
            score = max(score, SCORE_TRIP)  # "В Пермь приехала делегация"
        sent = doc.sentence_at(place.start)
        if not score and sent is not None and _first_stop(doc, sent.start, place.start):
            score = SCORE_TRIP  # "Первой точкой маршрута стал Харбин"
        if not score:
            continue
        if sent is not None and not word_set("later_stop_cues").isdisjoint(
            lemmas_in(doc, sent.start, sent.stop)
        ):
            score -= SCORE_PREP  # "Работа делегации продолжится в провинции Цзилинь"
        if sent is not None and any(
            doc.morph.lemma(w.text.lower()) in triggers
            for w in doc.words_in(sent.start, sent.stop)
        ):
            score += SCORE_MISSION_SENTENCE
        if doc.sentence_index(place.start) <= LEAD_SENTENCES:
            score += SCORE_LEAD  # the lead says where the mission is; later text looks ahead
        if score >= least and (best is None or score > best[0]):
            best = (score, -place.start, place.name)
    if best is None:
        return None
    return _capital_after(doc, places, -best[1]) or best[2]


# "посольства Китая в России", "представитель МИД России в Воронеже": the seat of a diplomatic
# mission or an office named in someone's role, not a place anyone travelled to.
_MISSION_SEAT_RE = re.compile(
    r"(?:посольств|представительств|консульств|генконсульств|представител)\w*"
    r"\s+(?:[А-ЯЁ][\w-]*\s+){1,3}во?\s+$"
)
SCOPE_LOOKBACK = 4  # words between "единственном" and "в России"


def _ranking_scope(doc: Doc, place: Place) -> bool:
    """ "единственном предприятии в России", "крупнейший в стране и в России": the country after a
    ranking word in the same phrase is the ranking's scope."""
    if place.name.lower() not in _FEDERAL_PLACES:
        return False
    before = doc.words_in(max(0, place.start - 60), place.start)[-SCOPE_LOOKBACK:]
    stems = lines("scope_superlatives")
    for word in reversed(before):
        if re.search(r"[.!?;:\n]", doc.text[word.stop : place.start]):
            return False
        if word.text.lower().startswith(stems):
            return True
    return False


# "в столицу Республики Беларусь - город Минск": the city in apposition is the destination.
_CITY_APPOSITION_RE = re.compile(r"\s*(?:[-–—,]\s*)?(?:город|г\.)\s*", re.IGNORECASE)


def _capital_after(doc: Doc, places: list[Place], start: int) -> str | None:
    place = next((p for p in places if p.start == start), None)
    if place is None:
        return None
    before = doc.text[max(0, place.start - 30) : place.start].lower()
    if "столиц" not in before:
        return None
    m = _CITY_APPOSITION_RE.match(doc.text, place.stop)
    if m is None:
        return None
    return next((p.name for p in places if p.start == m.end()), None)


MAX_FIRST_STOP_GAP = 40  # characters between "Первой точкой маршрута стал" and the place


def _first_stop(doc: Doc, sent_start: int, place_start: int) -> bool:
    head = doc.text[max(sent_start, place_start - MAX_FIRST_STOP_GAP) : place_start].lower()
    return any(cue in head for cue in lines("first_stop_cues"))


def _recalled_spans(doc: Doc) -> list[tuple[int, int]]:
    """Quotations that recall an earlier trip ("в прошлом году мы были в …") and sentences that
    open as backstory ("Ранее весной делегация совершила визит в …")."""
    cues = lines("recalled_trip_cues")
    out = []
    for span in find_spans(doc.text):
        a, b = span.inner
        if any(cue in doc.text[a:b].lower() for cue in cues):
            out.append((a, b))
    openers = lines("recalled_sentence_openers")
    for sent in doc.sentences:
        head = doc.text[sent.start : sent.stop].lstrip(" \t\n-–—•").lower()
        if any(head.startswith(o) and not head[len(o) : len(o) + 1].isalpha() for o in openers):
            out.append((sent.start, sent.stop))
    return out
