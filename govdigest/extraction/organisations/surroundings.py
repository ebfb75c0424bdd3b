"""What stands around a name and makes it no party to a mission: news datelines, a source
that reports the story ("сообщает ФГБУ «…»", "как сообщает официальный ресурс «…»"), and NER
spans that run over a line break into the next paragraph."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc, Word
from govdigest.extraction.organisations.candidates import designator_lemmas
from govdigest.extraction.resources import word_set

# A news dateline: "КЕДРОВСК, 3 мая, ФедералПресс.", "ТАЛЬСК, 14 июн – РИА Новости.",
# "Озёрский край, 28 февраля 2025. OZ24.RU." and the bracketed form of agency wires
# "(Кедровск, 5 июля, «Кедр-информ»)." — the city and the agency are no organisations.
# The city may be followed by its region: "ОЗЁРСК-ТАЛЬСКИЙ, Тальская область, 4 февраля — «ТИК»."
_REGION_PART = (
    r"(?:,[ \t]*(?:[А-ЯЁ][а-яё-]+[ \t]+(?:область|край|автономный[ \t]+округ)"
    r"|Республика[ \t]+[А-ЯЁ][а-яё-]+))?"
)
DATELINE_RE = re.compile(
    r"^[ \t]*\(?(?:[А-ЯЁ][А-ЯЁ-]{2,}(?:[ -][А-ЯЁ]{2,})*|[А-ЯЁ][а-яё-]+(?: [а-яё]+)?)"
    + _REGION_PART
    + r","
    r"[ \t]*\d{1,2}[ \t]+[а-яё]{3,}\.?(?:[ \t]+\d{4})?[^\n]{0,40}?(?:[.–—-]|»\))",
    re.MULTILINE,
)

# A reporting verb whose subject is the quoted name: the name is the story's source, not a
# party. Between the verb and the name only a source's head noun phrase ("официальный ресурс
# правительства региона", "агентство", "издание") or one abbreviation ("ФГБУ") may stand.
_SOURCE_HEADS = (
    r"(?:ресурс|портал|сайт|издани|агентств|телеканал|газет|журнал|паблик|телеграм-канал)"
)
_REPORTED_SOURCE_RE = re.compile(
    r"(?:сообща(?:ет|ют|л[аи]?)|переда(?:ёт|ет|ют)|пиш(?:ет|ут)|информиру(?:ет|ют))\s+"
    r"(?:(?:[а-яё-]+\s+){0,2}" + _SOURCE_HEADS + r"[а-яё]*(?:\s+[а-яё-]+){0,3}|(?-i:[А-ЯЁ]{2,6}))"
    r"\s*$",
    re.IGNORECASE,
)
_SOURCE_LOOKBACK = 90
# The head of a dateline up to a quoted agency: "(Кедровск, 5 июля, «Кедр-информ»)".
_DATELINE_HEAD_RE = re.compile(
    r"^[ \t]*\(?[А-ЯЁ][А-ЯЁа-яё-]+(?: [А-ЯЁа-яё]+)?"
    + _REGION_PART
    + r",[ \t]*\d{1,2}[ \t]+[а-яё]{3,}\.?"
    r"(?:[ \t]+\d{4})?[ \t]*[,.–—-]?[ \t]*$"
)


def reported_source(doc: Doc, open_pos: int) -> bool:
    """ "сообщает ФГБУ «Центр агроаналитики»", "как сообщает официальный ресурс правительства
    региона «Тарская губерния»": the quoted name reports, it takes no part."""
    line = doc.text[doc.text.rfind("\n", 0, open_pos) + 1 : open_pos]
    if _DATELINE_HEAD_RE.match(line):
        return True
    before = doc.text[max(0, open_pos - _SOURCE_LOOKBACK) : open_pos]
    before = re.split(r"[.!?\n,;:«»]", before)[-1]
    return bool(_REPORTED_SOURCE_RE.search(before))


def crosses_paragraph(doc: Doc, start: int, stop: int) -> bool:
    """ "…в Северогорске\\n\\nСегодня": NER joins a title's last word to the next line."""
    return "\n" in doc.text[start:stop]


# A branch is named by its parent: "Кедровский филиал ПАО «Ростелеком»" is the parent's.
_BRANCH_LEMMAS = frozenset({"филиал", "отделение", "представительство", "подразделение"})
# A branch by its abbreviation inside a name ("Кедровское РО СоюзМаш", "региональное
# отделение"): the parent named after it is the organisation.
_BRANCH_ABBREVIATIONS = frozenset({"РО"})
# A territory is a place whatever NER says: "в Булунском аймаке", "Тальский улус".
_TERRITORY_LEMMAS = frozenset(
    {"аймак", "улус", "сомон", "хошун", "уезд", "волость", "район", "округ", "провинция"}
)
# A domain-like suffix glued to a name: "ВЭБ.РФ", "Кедр.ру".
_DOMAIN_SUFFIX_RE = re.compile(r"\.(?:РФ|рф|ру|RU|ru)\b")


def ner_bounds(doc: Doc, start: int, stop: int) -> tuple[int, int] | None:
    """A NER organisation's span cleaned of what is not its name: a leading "Представители" or
    "Руководители" (a member word that opens the sentence), a bracketed alias, a glued ".РФ"
    left outside; None for a branch named by its parent."""
    words = doc.words_in(start, stop)
    if not words:  # "ВЭБ" inside the token "ВЭБ.РФ"
        suffix = _DOMAIN_SUFFIX_RE.match(doc.text, stop)
        return start, suffix.end() if suffix else stop
    cues = word_set("org_cues")
    while len(words) > 1 and doc.morph.lemma(words[0].text.lower()) in cues:
        words = words[1:]
    bracket = doc.text.find("(", words[0].stop, words[-1].stop)
    if bracket >= 0:
        # "Торгово-промышленной палаты (ТПП)": the bracketed alias is no part of the name
        words = [w for w in words if w.stop <= bracket]
    if doc.morph.lemma(words[-1].text.lower()) in _BRANCH_LEMMAS | _TERRITORY_LEMMAS:
        return None
    branch = next((i for i, w in enumerate(words[:-1]) if w.text in _BRANCH_ABBREVIATIONS), None)
    if branch is not None:
        words = words[branch + 1 :]  # "Кедровского РО СоюзМаш": the parent's name
    suffix = _DOMAIN_SUFFIX_RE.match(doc.text, words[-1].stop)
    return words[0].start, suffix.end() if suffix else words[-1].stop


# Reporting verbs right before a name make it a media outlet ("пишет «…»", "сообщил ТКН").
REPORTING_RE = re.compile(
    r"(?:сообщает|сообщают|сообщили|сообщила|сообщило|сообщил|рассказали|пишет|пишут|писала?"
    r"|писали|передаёт|передает"
    r"|подпишитесь\s+на|подписывайтесь\s+на|читайте\s+нас\s+в"
    r"|(?:фото|видео|источник|первоисточник)\s*:)\s*$",
    re.IGNORECASE,
)


# A channel's footer asks to subscribe to a medium: "Подписаться на КЕРЧЬ СЕГОДНЯ",
# "Подписывайтесь на «Кедр 24»", "Читайте нас в …".
_SUBSCRIBE_RE = re.compile(
    r"(?:подпи(?:саться|сывайтесь|шитесь|сывайся|шись)\s+на|читайте\s+нас\s+в)\s*[«\"]?\s*$",
    re.IGNORECASE,
)


_SUBSCRIBE_TARGET_RE = re.compile(
    r"(?:подпи(?:саться|сывайтесь|шитесь|сывайся|шись)\s+на|читайте\s+нас\s+в)\s*"
    r"[«\"]?([^\n«»\"!]{2,40})",
    re.IGNORECASE,
)


def subscribed_to(doc: Doc, start: int) -> bool:
    """A name right after a subscription cue is the medium that publishes the post."""
    return bool(_SUBSCRIBE_RE.search(doc.text[max(0, start - 30) : start]))


def subscribed_names(doc: Doc) -> frozenset[str]:
    """Names the post asks to subscribe to ("Подписаться на КЕРЧЬ СЕГОДНЯ"), case-folded: the
    same name elsewhere in the post ("рассказал КЕРЧЬ СЕГОДНЯ") is that medium too."""
    return frozenset(
        m.group(1).strip(' .»"').casefold() for m in _SUBSCRIBE_TARGET_RE.finditer(doc.text)
    )


def reported_by(doc: Doc, open_pos: int) -> bool:
    near = REPORTING_RE.search(doc.text[max(0, open_pos - 20) : open_pos])
    return bool(near) or reported_source(doc, open_pos)


# Heads of a region's executive who, like its government (``government_heads``), are followed
# by the region's abbreviation: "губернатор СК", "глава РТ", "врио главы ХМАО".
_REGION_HEAD_LEMMAS = frozenset({"губернатор", "глава", "врио", "председатель", "правительство"})
MAX_REGION_ABBREVIATION = 6
# Bodies named head first before the region's abbreviation ("департамента … СК"), and how far
# back their head may stand.
_BODY_LEMMAS = frozenset({"министерство", "департамент", "комитет", "управление"})
_MAX_BODY_WORDS = 7
MAX_BODY_REGION_ABBREVIATION = 4
_COORDINATORS = frozenset({"и", "или", "а", "также"})


def after_government_word(doc: Doc, start: int, words: list[str]) -> bool:
    """A lone capitals abbreviation right after a government body or a region's head
    ("правительства СК", "Правительство РТ", "администрации ХМАО") is the region, and the body
    is the regional government itself: no organisation of a mission."""
    if len(words) != 1 or not words[0].isupper() or len(words[0]) > MAX_REGION_ABBREVIATION:
        return False
    before = doc.words_in(max(0, start - 160), start)[-_MAX_BODY_WORDS:]
    if not before or doc.text[before[-1].stop : start].strip():
        return False  # a comma or a quote between: "правительства, СК «…»"
    lemma = doc.morph.lemma(before[-1].text.lower())
    if lemma in _REGION_HEAD_LEMMAS or lemma in word_set("government_heads"):
        return True
    if before[-1].text in _COORDINATORS:
        return False  # "министерства промышленности и ОСК": a second party, not the region
    return len(words[0]) <= MAX_BODY_REGION_ABBREVIATION and _body_named_before(doc, before)


def _body_named_before(doc: Doc, before: list[Word]) -> bool:
    """ "министерства экономического развития и торговли СК": the body's own name, lower-case
    words without punctuation, stands between its head noun and the region's abbreviation; a
    company's head on the way ("министерства и компании РЖД") ends the search."""
    stops = word_set("org_heads") | designator_lemmas()
    bodies = _BODY_LEMMAS | word_set("government_heads")
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if i + 1 < len(before) and doc.text[word.stop : before[i + 1].start].strip():
            return False  # punctuation breaks the body's name
        if not word.text.islower():
            return False
        lemma = doc.morph.lemma(word.text.lower())
        if lemma in bodies:
            return True
        if lemma in stops:
            return False
    return False
