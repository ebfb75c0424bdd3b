"""A person's name put into the nominative, with its gender: given names, patronymics and
surnames, Russian and foreign ("Алексея Веклера" → "Алексей Веклер", "с Майей Лунду" →
"Майя Лунду", "Бесланом Квицинией" → "Беслан Квициния").

Case and gender are read together from the dictionary analyses of every word of the name and
from the word before it (a preposition or a role noun); the forms the dictionary does not know
(indeclinable and suffix-declined surnames, foreign stems, particles) come from ``name_forms``.
``Morph.nominative_name`` is the entry point; this module holds its helpers so that ``morph``
keeps the word look-ups and the adjective + noun groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from govdigest.extraction.language.name_forms import (
    INDECLINABLE_ENDINGS,
    VOWELS,
    foreign_masc_stem,
    gender_of_name,
    indeclinable_surname,
    indeclinable_surnames,
    inflect,
    is_particle,
    match_case,
    surname_by_suffix,
)
from govdigest.extraction.resources import lines

if TYPE_CHECKING:
    from govdigest.extraction.language.morph import Morph

# Preference when a group is ambiguous between cases: names in governors' posts are most often
# in the nominative or genitive ("делегация Челябинского завода"), then the rest.
CASE_ORDER = ("nomn", "gent", "ablt", "datv", "loct", "accs")


@lru_cache(maxsize=1)
def _foreign_given_names() -> frozenset[str]:
    return frozenset(lines("foreign_given_names"))


def is_foreign_given_name(word: str) -> bool:
    """ "Акира": a foreign given name in "-а" that is nominative as written."""
    return word in _foreign_given_names()


class PersonForms:
    """The name readings of one ``Morph`` (its cached dictionary look-ups), with their cache."""

    def __init__(self, morph: Morph) -> None:
        self._morph = morph
        self._name_cache = lru_cache(maxsize=20_000)(self._nominative_name)

    def nominative_name(
        self, words: Sequence[str], hint: frozenset[str] = frozenset()
    ) -> tuple[list[str], str | None]:
        words = tuple(words)
        if words[0] in _foreign_given_names():
            return list(words), "masc"  # "Акира Томосава" is not "Акир Томосав"
        if len(words) > 1 and words[0] in indeclinable_surnames():
            # "с Ли Минцзе": the surname and given names ending in a vowel never decline;
            # "с Чжан Хунвэем" still declines its consonant-final given name.
            declined, declined_gender = self._name_cache(words, hint)
            kept = [
                w if i == 0 or w[-1:].lower() in INDECLINABLE_ENDINGS else o
                for i, (w, o) in enumerate(zip(words, declined, strict=True))
            ]
            return kept, declined_gender
        if len(words) > 1 and any(is_particle(w) for w in words):
            # "Хамадом бин Салемом аль-Мансури": decline each part around the particles.
            parts: list[str] = []
            gender = None
            for w in words:
                if is_particle(w):
                    parts.append(w)
                    continue
                part, part_gender = self._name_cache((w,), hint)
                parts.append(part[0])
                gender = gender or part_gender
            return parts, gender
        out, gender = self._name_cache(words, hint)
        out = list(out)
        last = words[-1]
        if (
            len(words) > 1
            and out[-1] != last
            and last[-1:].lower() in ("у", "ю")
            and not hint & {"datv", "accs"}
            and not self._morph.is_known(last)
        ):
            if not any(self._morph.is_known(w) for w in words):
                # "Хамаути Томиясу": no word of the name is Russian; none declines.
                return list(words), gender
            if out[0] != words[0]:
                return out, gender  # a given name that declined ("Олегу") shows the case
            # "Хамаути Томиясу", "Нику Тырпеску": a foreign surname pymorphy only guesses and
            # reads as a dative of "Томияс" stays as written unless the context asks for a
            # dative or accusative.
            out[-1] = last
        return out, gender

    def _nominative_name(
        self, words: Sequence[str], hint: frozenset[str] = frozenset()
    ) -> tuple[list[str], str | None]:
        """A person's name in the nominative and its gender ("Алексея Веклера" → ...).

        Case and gender are chosen together: "Романа Вершинина" is a man in the genitive or a
        woman in the nominative, and only the context (``hint``: the case the preceding word
        requires) tells which. Foreign or indeclinable parts ("Чан Минь Дыком", "Ондагу") are
        kept as written when they have no form in the chosen case.
        """
        words = list(words)
        fallback_gender = gender_of_name(self._morph, words)
        best = self._name_reading(words, hint, fallback_gender)
        if best is None:
            return self._nominative_name(words) if hint else (words, fallback_gender)
        return best[1], best[2]

    def _name_reading(
        self, words: list[str], hint: frozenset[str], fallback_gender: str | None
    ) -> tuple[tuple[int, float, int], list[str], str | None] | None:
        order = [c for c in CASE_ORDER if c in hint] or list(CASE_ORDER)
        best: tuple[tuple[int, float, int], list[str], str | None] | None = None
        for rank, case in enumerate(order):
            for gender in self._genders_for(words[0], case, fallback_gender):
                scored = [self._scored_name_form(w, case, gender) for w in words]
                if scored[-1] is None and indeclinable_surname(words[-1]):
                    scored[-1] = (words[-1], 0.0)  # "Алексеем Седых", "Петру Шевченко"
                if scored[-1] is None:
                    continue
                support = sum(f is not None for f in scored)
                weight = sum(f[1] for f in scored if f is not None)
                out = [f[0] if f is not None else w for f, w in zip(scored, words, strict=True)]
                # More words that agree, then likelier analyses ("Петра Сидорова" is a man in
                # the genitive far more often than a woman named Петра), then case order.
                key = (support, round(weight, 3), -rank)
                if best is None or key > best[0]:
                    best = (key, out, gender)
        if best is None or best[0][0] < len(words):
            # No reading declines every word: try a surname that ignores the name's gender.
            unagreeing = self._name_with_unagreeing_surname(words, order, fallback_gender)
            best = unagreeing or self._name_with_foreign_surname(words, order) or best
        if (
            best is not None
            and len(words) > 1
            and best[1][0] == words[0]
            and best[1][-1] != words[-1]
            and self._nominative_given_name(words[0])
        ):
            # "Майя Лунду": a given name plainly in the nominative keeps its surname as written
            # (an indeclinable given name read as accusative would turn it into "Лунда").
            return (len(words), 0.0, 0), list(words), best[2]
        return best

    def _nominative_given_name(self, word: str) -> bool:
        # Only "-а/-я" given names: their indeclinable readings lend any case to the name.
        return word[-1:].lower() in ("а", "я") and any(
            "Name" in p.tag and p.tag.case == "nomn" and p.tag.number != "plur"
            for p in self._morph.parse(word)
        )

    def _name_with_foreign_surname(
        self, words: list[str], order: list[str]
    ) -> tuple[tuple[int, float, int], list[str], str | None] | None:
        """A known given name followed by a surname with no form in the given name's case.

        "Майя Лунду", "во главе с Майей Лунду": the given name shows the case, and a foreign
        surname that has no form in it never declines ("Лунду" is not the accusative of
        "Лунда"). Tried only when no reading declines every word.
        """
        if (
            len(words) < 2
            or words[-1][-1:].lower() not in VOWELS
            or not self._morph.is_known(words[0])
        ):
            # A consonant-final man's surname declines ("Ли Вэем"); a given name pymorphy only
            # guesses ("Такахаси") shows no case.
            return None
        for rank, case in enumerate(order):
            for p in self._morph.parse(words[0]):
                if "Name" not in p.tag or p.tag.case != case or p.tag.number == "plur":
                    continue
                gender = p.tag.gender if p.tag.gender in ("masc", "femn") else None
                first = self._scored_name_form(words[0], case, gender)
                if first is None or self._scored_name_form(words[-1], case, gender) is not None:
                    continue
                middle = [self._name_form(w, case, gender) or w for w in words[1:-1]]
                return (len(words), 0.0, -rank), [first[0], *middle, words[-1]], gender
        return None

    def _name_with_unagreeing_surname(
        self, words: list[str], order: list[str], fallback_gender: str | None
    ) -> tuple[tuple[int, float, int], list[str], str | None] | None:
        """Names whose surname does not follow the given name's gender.

        A woman's consonant-final surname never declines ("Виктории Сон", "с Анной Ким"); a
        man's surname in -а/-я declines like a noun of that shape ("Бесланом Квицинией" →
        "Беслан Квициния", "Ивану Арзимбе"). Tried only when no agreeing reading exists.
        """
        if len(words) < 2:
            return None
        last = words[-1]
        for rank, case in enumerate(order):
            for gender in self._genders_for(words[0], case, fallback_gender):
                if fallback_gender is not None and gender != fallback_gender:
                    continue
                first = [self._scored_name_form(w, case, gender) for w in words[:-1]]
                if first[0] is None or first[0][0] == words[0]:
                    continue  # only a given name that visibly declined shows the case
                if gender == "femn" and last[-1:].lower() not in VOWELS:
                    surname = last
                elif gender == "masc":
                    form = self._scored_name_form(last, case, "femn")
                    if form is not None and form[0][-1:].lower() in ("а", "я"):
                        surname = form[0]
                    elif (stem := foreign_masc_stem(last, case)) is not None:
                        surname = stem  # "Батбаяра Ганзорига" → "Батбаяр Ганзориг"
                    else:
                        continue
                else:
                    continue
                out = [f[0] if f is not None else w for f, w in zip(first, words, strict=False)]
                return (len(words), 0.0, -rank), [*out, surname], gender
        return None

    def _genders_for(self, word: str, case: str, fallback: str | None) -> list[str | None]:
        genders: list[str | None] = []
        for p in self._morph.parse(word):
            # One person's given name is singular: "области Валерий …" is not the genitive
            # plural of "Валерия" (nor "Евгений" of "Евгения").
            named = "Name" in p.tag and p.tag.case == case and p.tag.number != "plur"
            if named and p.tag.gender in ("masc", "femn") and p.tag.gender not in genders:
                genders.append(p.tag.gender)
            elif named and "ms-f" in p.tag:
                # "Саши", "Жени": a given name of either gender; the surname decides.
                genders.extend(g for g in ("masc", "femn") if g not in genders)
        return genders or [fallback]

    def _name_form(self, word: str, case: str, gender: str | None) -> str | None:
        scored = self._scored_name_form(word, case, gender)
        return scored[0] if scored is not None else None

    def _scored_name_form(
        self, word: str, case: str, gender: str | None
    ) -> tuple[str, float] | None:
        if "-" in word and word.count("-") == 1 and word[0].isupper():
            # Double-barrelled surnames decline in both halves (or in neither).
            left, right = word.split("-")
            lf, rf = self._name_form(left, case, gender), self._name_form(right, case, gender)
            if lf is not None and rf is not None:
                return f"{lf}-{rf}", 0.5
        if len(word) <= 2 or word.isupper():
            return word, 0.0  # initials, abbreviations
        best = None
        for p in self._morph.parse(word):
            if p.tag.POS != "NOUN" or p.tag.case != case or p.tag.number == "plur":
                continue
            if gender and p.tag.gender not in (gender, None) and "Ms-f" not in p.tag:
                continue
            rank = 0 if ({"Name", "Surn", "Patr"} & set(p.tag.grammemes)) else 1
            if best is None or rank < best[0]:
                best = (rank, p)
        if best is None:
            return surname_by_suffix(word, case, gender)
        score = float(best[1].score) + (0.5 if best[0] == 0 else 0.0)
        if case == "nomn":
            return word, score
        grams = {"nomn", "sing"} | ({gender} if gender else set())
        form = inflect(best[1], grams) or inflect(best[1], {"nomn"})
        return (match_case(word, form.word), score) if form is not None else None
