"""The federal side of a post: officials of Russia and national offices, who never lead a
region's mission (issue 8, error class 2).

* "Министр промышленности и торговли РФ X и губернатор Y подписали": Y leads.
* "Делегацию возглавил вице-премьер X. В её состав вошёл губернатор Y": Y leads.
"""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.people import People, PersonEntity

# "полпред Президента в ПФО", "помощник Президента": the President meant is Russia's unless a
# territory follows ("Президента Республики Абхазия"); roles may come lower-cased.
FEDERAL_ROLE_RE = re.compile(
    r"\b(?:России|Российской\s+Федерации|РФ)\b|\bпрезидента\b(?=\s+(?:в|во|по)\b|\s*$)",
    re.IGNORECASE,
)


def is_federal(entity: PersonEntity) -> bool:
    """A federal official: a role of Russia's ("президент России", "министр финансов РФ")."""
    return bool(entity.role and FEDERAL_ROLE_RE.search(entity.role))


# A national office named without a territory ("вице-премьер", "Председатель Правительства",
# "Председатель Совета Федерации"): its holder heads a federal delegation, never a region's.
_NATIONAL_HEAD_RE = re.compile(
    r"^(?:перв\w+\s+)?(?:вице-премьер|заместител\w*\s+председател\w*\s+правительства"
    r"|председател\w*\s+(?:правительства|совета\s+федерации|государственной\s+думы|госдумы)"
    r"|спикер\w*\s+(?:совета\s+федерации|сф|госдумы)|полпред|полномочн\w*\s+представител"
    r"|министр)",
    re.IGNORECASE,
)
# A territory in the role ("… Кедровской области", "… Республики Кедрия"): a regional office.
_REGIONAL_RE = re.compile(
    r"(?:ой|ей|ого|его)\s+(?:област|кра|республик|округ)|\b(?:Республики|области|края)\s+[А-ЯЁ]"
)
# "в составе делегации", "вошёл в состав", "включая", "сопровождает": a member, not the head.
_MEMBER_CUE_RE = re.compile(r"\bв\s+(?:её\s+|ее\s+)?состав|\bвош[её]л|\bвошли|\bвключая", re.I)


def national_head(entity: PersonEntity) -> bool:
    """A holder of a national office without a territory (see ``_NATIONAL_HEAD_RE``)."""
    role = entity.role or ""
    return (
        entity.role_class != "ambassador"
        and bool(_NATIONAL_HEAD_RE.search(role))
        and not _REGIONAL_RE.search(role)
    )


def member_governor(doc: Doc, people: People, head: int) -> PersonEntity | None:
    """The one governor named as a member of the delegation ``head`` leads: a membership cue in
    a sentence naming the governor."""
    found = {}
    for start, _stop, index in people.mentions:
        entity = people.entities[index]
        if index == head or entity.role_class != "governor":
            continue
        sent = doc.sentence_at(start)
        if sent is not None and _MEMBER_CUE_RE.search(doc.text, sent.start, sent.stop):
            found[entity.name] = entity
    return next(iter(found.values())) if len(found) == 1 else None


_FEDERAL_MINISTRY_RE = re.compile(r"\bМин[а-яё]{4,}")


def federal_side(entity: PersonEntity) -> bool:
    """A federal official by role: of Russia, a national office, or a ministry named by its short
    form without a territory ("глава Минвостокразвития")."""
    role = entity.role or ""
    return (
        is_federal(entity)
        or national_head(entity)
        or bool(_FEDERAL_MINISTRY_RE.search(role) and not _REGIONAL_RE.search(role))
    )
