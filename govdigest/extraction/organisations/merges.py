"""Merging mentions of one organisation that the keys keep apart: a company named by its own
name and by the name of its holding ("австрийской компанией «Кронвальд»" … "глава группы
компаний «Кронвальд Холдингс Ист Лимитед»"), declined forms of one name, an abbreviation and
its full name, a name and its bracketed alias."""

from __future__ import annotations

import re

from govdigest.extraction.doc import Doc
from govdigest.extraction.organisations.abbreviations import abbreviates, base_abbreviation
from govdigest.extraction.organisations.candidates import Candidate
from govdigest.extraction.resources import word_set


def merge_holding_names(
    doc: Doc, merged: dict[str, list[Candidate]]
) -> dict[str, list[Candidate]]:
    """A key that is another key followed only by holding suffixes joins that key's group.
    Keys are lemmas, so the suffixes are compared as lemmas too ("Ист" → "истый")."""
    words_listed = word_set("holding_suffixes")
    suffixes = words_listed | {doc.morph.lemma(w) for w in words_listed}
    for key in sorted(merged, key=len, reverse=True):
        words = key.split()
        for cut in range(len(words) - 1, 0, -1):
            base = " ".join(words[:cut])
            if all(w in suffixes for w in words[cut:]) and base in merged and key in merged:
                merged[base].extend(merged.pop(key))
                merged[base].sort(key=lambda c: c.start)
                break
    return merged


# A one-word name the dictionary does not know keeps its case ending in the key
# ("«КурскАгроМолоком»" beside "ООО «КурскАгроМолоко»"): keys differing only by such an
# ending name one company.
_CASE_ENDINGS = ("ом", "ем", "ой", "ей", "ою", "а", "я", "у", "ю", "е", "ы", "и", "м")
MIN_DECLINED_STEM = 5


def merge_declined(merged: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
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


def merge_abbreviations(merged: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
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
            _merge_framed_abbreviation(merged, key, full_names)
            continue
        target = next(
            (k for k, name in full_names.items() if k != key and abbreviates(abbreviation, name)),
            None,
        )
        if target is not None and target in merged:
            merged[target].extend(merged.pop(key))
            merged[target].sort(key=lambda c: c.start)
    return merged


def _merge_framed_abbreviation(
    merged: dict[str, list[Candidate]], key: str, full_names: dict[str, str]
) -> None:
    """ "Кедровский областной СПП" beside "Кедровский областной Союз промышленников и
    предпринимателей": the same words around an abbreviation and around the name it stands
    for make one organisation."""
    for cand in merged.get(key, []):
        words = cand.name.split()
        caps = [i for i, w in enumerate(words) if base_abbreviation(w) and w.isupper()]
        if len(words) < 2 or len(caps) != 1:
            continue
        i = caps[0]
        before = " ".join(words[:i]).casefold()
        after = " ".join(words[i + 1 :]).casefold()
        abbreviation = base_abbreviation(words[i]) or ""
        for other, name in full_names.items():
            low = name.casefold()
            if other == key or other not in merged or name.split()[0] == words[0] == words[i]:
                continue
            if not (low.startswith(before) and low.endswith(after)):
                continue
            middle = name[len(before) : len(name) - len(after)].strip()
            if len(middle.split()) > 1 and abbreviates(abbreviation, middle):
                merged[other].extend(merged.pop(key))
                merged[other].sort(key=lambda c: c.start)
                return


# A chamber named twice, spelled out and by its abbreviation after the same adjective
# ("Тальская торгово-промышленная палата" beside "Тальская ТПП") is one organisation.
_CHAMBER_ABBREVIATION_RE = re.compile(r"\bТПП\b")


def _chamber_core(name: str) -> str:
    spelled = _CHAMBER_ABBREVIATION_RE.sub("торгово-промышленная палата", name)
    return spelled.casefold().replace("ё", "е")


# "Тальская ТПП" and "Торгово-промышленная палата Тальской области": one chamber by its place.
_CHAMBER_BY_ADJECTIVE_RE = re.compile(
    r"^([А-ЯЁ][а-яё-]+?)(?:ая)\s+(?:ТПП|торгово-промышленная палата)$", re.IGNORECASE
)
_CHAMBER_BY_REGION_RE = re.compile(
    r"^(?:ТПП|торгово-промышленная палата)\s+([А-ЯЁ][а-яё-]+?)(?:ой)\s+(?:области|края)$",
    re.IGNORECASE,
)


def _chamber_place(name: str) -> str:
    m = _CHAMBER_BY_ADJECTIVE_RE.match(name) or _CHAMBER_BY_REGION_RE.match(name)
    return m.group(1).casefold().replace("ё", "е") if m else ""


def merge_chamber_places(merged: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """ "Тальская ТПП" beside "Торгово-промышленная палата Тальской области": the name with the
    region spelled out."""
    by_region = {
        place: key
        for key, group in merged.items()
        if (name := max(group, key=lambda c: c.strength).name)
        and _CHAMBER_BY_REGION_RE.match(name)
        and (place := _chamber_place(name))
    }
    for key in list(merged):
        name = max(merged[key], key=lambda c: c.strength).name
        if not _CHAMBER_BY_ADJECTIVE_RE.match(name):
            continue
        target = by_region.get(_chamber_place(name))
        if target is not None and target != key and target in merged:
            merged[target].extend(merged.pop(key))
            merged[target].sort(key=lambda c: c.start)
    return merged


def merge_chamber_aliases(merged: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """ "Тальская ТПП" beside "Тальская торгово-промышленная палата": the spelled-out name."""
    spelled = {
        _chamber_core(max(group, key=lambda c: c.strength).name): key
        for key, group in merged.items()
        if "ТПП" not in max(group, key=lambda c: c.strength).name
    }
    for key in list(merged):
        name = max(merged[key], key=lambda c: c.strength).name
        if not _CHAMBER_ABBREVIATION_RE.search(name) or len(name.split()) < 2:
            continue
        target = spelled.get(_chamber_core(name))
        if target is not None and target != key and target in merged:
            merged[target].extend(merged.pop(key))
            merged[target].sort(key=lambda c: c.start)
    return merged


# "ООО «Озёрная транспортная компания» («Озёртранс»)": a short name in brackets right after a
# company's full name is the same company.
_BRACKET_ALIAS_RE = re.compile(
    r"\s*\(\s*(?:[«\"]([^()«»\"]{2,40})[»\"]|([А-ЯЁA-Z][А-ЯЁA-Zа-яё]{1,9}))\s*\)"
)
_LEGAL_PREFIX_RE = re.compile(r"^(?:[А-ЯЁ]{2,4}\s+)?[«\"]?(.*?)[»\"]?$")


def _alias_core(name: str) -> str:
    m = _LEGAL_PREFIX_RE.match(name.strip())
    return (m.group(1) if m else name).casefold().replace("ё", "е")


def merge_bracket_aliases(
    doc: Doc, merged: dict[str, list[Candidate]]
) -> dict[str, list[Candidate]]:
    for key in list(merged):
        if key not in merged:
            continue
        for cand in list(merged[key]):
            m = _BRACKET_ALIAS_RE.match(doc.text, cand.stop)
            if not m:
                continue
            # "Тальским государственным университетом (ТалГУ)": an unquoted abbreviation too
            alias = _alias_core(m.group(1) or m.group(2))
            for other in [k for k in merged if k != key]:
                if any(_alias_core(c.name) == alias for c in merged[other]):
                    merged[key].extend(merged.pop(other))
            merged[key].sort(key=lambda c: c.start)
    return merged


_LEGAL_OR_QUOTE_RE = re.compile(r"[«»\"“”„]")


def _spelling_core(name: str, forms: frozenset[str]) -> str:
    words = [w for w in _LEGAL_OR_QUOTE_RE.sub(" ", name).split() if w not in forms]
    return "".join(words).replace("-", "").casefold().replace("ё", "е")


def merge_spelling_variants(
    merged: dict[str, list[Candidate]], forms: frozenset[str]
) -> dict[str, list[Candidate]]:
    """ "ОАО «Тальнефть Восток»" beside "Тальнефтьвосток": one name written with and without
    its spaces or hyphens (the legal form and the quotes aside) is one organisation."""
    by_core: dict[str, str] = {}
    for key in list(merged):
        best = max(merged[key], key=lambda c: c.strength)
        core = _spelling_core(best.name, forms)
        if len(core) < 4:
            continue
        target = by_core.setdefault(core, key)
        if target != key:
            merged[target].extend(merged.pop(key))
            merged[target].sort(key=lambda c: c.start)
    return merged
