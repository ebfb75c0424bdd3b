"""pymorphy2 lookups (through natasha's cached MorphVocab): lemmas, agreement, nominative forms.

We do not run natasha's neural morph tagger: case and gender of a short group are recovered by
intersecting the dictionary analyses of its words, which is what a group needs and is far cheaper.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from natasha import MorphVocab

from govdigest.extraction.language.name_forms import (
    INDECLINABLE_ENDINGS,
    VOWELS,
    foreign_masc_stem,
    gender_of_name,
    indeclinable_surname,
    indeclinable_surnames,
    inflect,
    is_particle,
    keep_hyphen_prefix,
    match_case,
    surname_by_suffix,
)
from govdigest.extraction.resources import lines

# Preference when a group is ambiguous between cases: names in governors' posts are most often
# in the nominative or genitive ("делегация Челябинского завода"), then the rest.
CASE_ORDER = ("nomn", "gent", "ablt", "datv", "loct", "accs")
ADJ_POS = frozenset({"ADJF", "PRTF"})
# Cases governed by prepositions that commonly stand right before a name.
PREPOSITION_CASES: dict[str, frozenset[str]] = {
    "с": frozenset({"ablt"}),
    "со": frozenset({"ablt"}),
    "у": frozenset({"gent"}),
    "для": frozenset({"gent"}),
    "от": frozenset({"gent"}),
    "к": frozenset({"datv"}),
    "ко": frozenset({"datv"}),
    "о": frozenset({"loct"}),
    "об": frozenset({"loct"}),
    "при": frozenset({"loct"}),
}
NOUN_POS = frozenset({"NOUN"})
# Genitive endings of a place adjective → its nominative ending and the noun's gender.
_GUESSED_ADJ_ENDINGS = {
    "ской": ("ская", "femn"),
    "цкой": ("цкая", "femn"),
    "ского": ("ский", "masc"),
    "цкого": ("цкий", "masc"),
}


@lru_cache(maxsize=1)
def _foreign_given_names() -> frozenset[str]:
    return frozenset(lines("foreign_given_names"))


def is_foreign_given_name(word: str) -> bool:
    """ "Акира": a foreign given name in "-а" that is nominative as written."""
    return word in _foreign_given_names()


class Morph:
    """Small façade over MorphVocab with per-word caches."""

    def __init__(self, vocab: MorphVocab) -> None:
        self._vocab = vocab
        self.parse = lru_cache(maxsize=50_000)(self._parse)
        self.lemma = lru_cache(maxsize=50_000)(self._lemma)
        self.lemma_set = lru_cache(maxsize=50_000)(self._lemma_set)
        # Predicates of one word form, asked many times per post by the rules.
        self.has_pos = lru_cache(maxsize=100_000)(self._has_pos)
        self.is_known = lru_cache(maxsize=50_000)(self._is_known)
        self.first_verb_lemma = lru_cache(maxsize=50_000)(self._first_verb_lemma)
        self._group_cache = lru_cache(maxsize=20_000)(self._nominative_group)
        self._name_cache = lru_cache(maxsize=20_000)(self._nominative_name)

    def _parse(self, word: str) -> tuple[Any, ...]:
        try:
            return tuple(self._vocab.parse(word))
        except ValueError:
            # pymorphy2's shape analyser fails on characters without a Unicode name ("𗀀").
            return ()

    def _lemma(self, word: str) -> str:
        parses = self.parse(word)
        return str(parses[0].normal_form) if parses else word.lower()

    def _is_known(self, word: str) -> bool:
        return bool(self._vocab.word_is_known(word.lower()))

    def _lemma_set(self, word: str) -> frozenset[str]:
        """Every dictionary lemma of a word ("парке" is "парк" or "парка")."""
        return frozenset(str(p.normal_form) for p in self.parse(word)) or frozenset({word})

    def lemmas(self, words: Iterable[str]) -> list[str]:
        return [self.lemma(w) for w in words]

    def _has_pos(self, word: str, pos: frozenset[str], min_score: float = 0.0) -> bool:
        return any(p.tag.POS in pos and p.score >= min_score for p in self.parse(word))

    def _first_verb_lemma(self, word: str) -> str | None:
        """The lemma of the word's first verb reading ("прибыли" → "прибыть", not "прибыль")."""
        for p in self.parse(word):
            if p.tag.POS == "VERB":
                return str(p.normal_form)
        return None

    def best_pos(self, word: str) -> str | None:
        parses = self.parse(word)
        return str(parses[0].tag.POS) if parses else None

    def gender_of_first_name(self, word: str) -> str | None:
        for p in self.parse(word):
            # A plural reading ("Цэрэн" guessed as the genitive plural of "Цэрэна") tells
            # nothing about one person's gender.
            if "Name" in p.tag and p.score >= 0.1 and "plur" not in p.tag:
                return "femn" if "femn" in p.tag else "masc" if "masc" in p.tag else None
        return None

    def verb_gender(self, word: str) -> str | None:
        """Gender of a past-tense verb ("отметила" → femn); None for plural or non-past."""
        for p in self.parse(word):
            if p.tag.POS == "VERB" and "past" in p.tag and "sing" in p.tag:
                return "femn" if "femn" in p.tag else "masc" if "masc" in p.tag else None
        return None

    def _forms(self, word: str, pos: frozenset[str]) -> list[Any]:
        return [p for p in self.parse(word) if p.tag.POS in pos]

    def nominative_group(
        self, words: Sequence[str], cases: tuple[str, ...] = CASE_ORDER
    ) -> list[str]:
        """See :meth:`_nominative_group`; ``cases`` orders the cases tried (context first)."""
        return list(self._group_cache(tuple(words), cases))

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
            and not self._is_known(last)
        ):
            if not any(self._is_known(w) for w in words):
                # "Хамаути Томиясу": no word of the name is Russian; none declines.
                return list(words), gender
            if out[0] != words[0]:
                return out, gender  # a given name that declined ("Олегу") shows the case
            # "Хамаути Томиясу", "Нику Тырпеску": a foreign surname pymorphy only guesses and
            # reads as a dative of "Томияс" stays as written unless the context asks for a
            # dative or accusative.
            out[-1] = last
        return out, gender

    def _nominative_group(
        self, words: Sequence[str], cases: tuple[str, ...] = CASE_ORDER
    ) -> list[str]:
        """Adjectives + head noun (+ untouched tail) put into the nominative.

        "Челябинским заводом электрооборудования" → "Челябинский завод электрооборудования":
        the head is the first noun after leading adjectives; the genitive tail stays as it is.
        """
        words = list(words)
        guessed = self._guessed_adjective_group(words)
        if guessed is not None:
            return guessed
        head = 0
        # A word with an adjective reading is an adjective when a noun follows it, even if
        # pymorphy ranks a noun reading first ("Атырауской области" is not "Атырауска").
        while (
            head < len(words)
            and self._forms(words[head], ADJ_POS)
            and (
                (head + 1 < len(words) and bool(self._forms(words[head + 1], NOUN_POS | ADJ_POS)))
                or self.parse(words[head])[0].tag.POS not in NOUN_POS
            )
        ):
            head += 1
        if head >= len(words) or not self._forms(words[head], NOUN_POS):
            return words
        noun_forms = self._forms(words[head], NOUN_POS)
        for case in cases:
            for noun in noun_forms:
                if noun.tag.case != case:
                    continue
                number = noun.tag.number or "sing"
                gender = noun.tag.gender
                adjs = []
                for w in words[:head]:
                    chosen = None
                    for a in self._forms(w, ADJ_POS):
                        if (
                            a.tag.case == case
                            and (a.tag.number == number)
                            and (number == "plur" or a.tag.gender in (gender, None))
                        ):
                            chosen = a
                            break
                    if chosen is None:
                        break
                    adjs.append(chosen)
                if len(adjs) != head:
                    continue
                return self._inflect_group(words, head, noun, adjs, number, gender)
        return words

    def _guessed_adjective_group(self, words: list[str]) -> list[str] | None:
        """ "Рябинской области" → "Рябинская область": a place adjective pymorphy knows only as
        a surname ("Рябинской" as the genitive of "Рябинская") before a genitive noun."""
        if len(words) < 2 or not words[0][:1].isupper() or self._forms(words[0], ADJ_POS):
            return None
        low = words[0].lower()
        ending = next((e for e in _GUESSED_ADJ_ENDINGS if low.endswith(e)), None)
        if ending is None:
            return None
        stem_end, gender = _GUESSED_ADJ_ENDINGS[ending]
        for noun in self._forms(words[1], NOUN_POS):
            if noun.tag.case == "gent" and noun.tag.number == "sing" and noun.tag.gender == gender:
                nominative = inflect(noun, {"nomn", "sing"})
                if nominative is None:
                    return None
                adjective = words[0][: -len(ending)] + stem_end
                return [adjective, match_case(words[1], nominative.word), *words[2:]]
        return None

    def _inflect_group(
        self,
        words: list[str],
        head: int,
        noun: Any,
        adjs: list[Any],
        number: str,
        gender: str | None,
    ) -> list[str]:
        out = list(words)
        target = {"nomn", number}
        noun_nom = inflect(noun, target) or inflect(noun, {"nomn"})
        if noun_nom is not None:
            out[head] = match_case(words[head], keep_hyphen_prefix(words[head], noun_nom.word))
        for i, adj in enumerate(adjs):
            grams = {"nomn", number} if number == "plur" or not gender else {"nomn", gender}
            form = inflect(adj, grams) or inflect(adj, {"nomn"})
            if form is not None:
                out[i] = match_case(words[i], keep_hyphen_prefix(words[i], form.word))
        return out

    def case_hint(self, word: str) -> frozenset[str]:
        """Cases a following name must be in, judged from the word before it.

        "с Послом Вьетнама Чан Минь Дыком": a role noun right before a name agrees with it, and
        an unambiguous one tells the case of names whose own forms are ambiguous.
        """
        low = word.lower()
        if low in PREPOSITION_CASES:
            return PREPOSITION_CASES[low]
        cases = {p.tag.case for p in self.parse(low) if p.tag.POS in NOUN_POS | ADJ_POS}
        return frozenset(c for c in cases if c) if len(cases) == 1 else frozenset()

    def governed_hint(self, word: str) -> frozenset[str]:
        """Case of a name after a non-role word: a preposition's case, or the genitive after a
        noun ("по словам Романа Вершинина", "визит Сергея Лапшина")."""
        low = word.lower()
        if low in PREPOSITION_CASES:
            return PREPOSITION_CASES[low]
        parses = self.parse(low)
        if parses and parses[0].tag.POS == "NOUN" and not word[:1].isupper():
            return frozenset({"gent"})
        return frozenset()

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
        fallback_gender = gender_of_name(self, words)
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
            for p in self.parse(word)
        )

    def _name_with_foreign_surname(
        self, words: list[str], order: list[str]
    ) -> tuple[tuple[int, float, int], list[str], str | None] | None:
        """A known given name followed by a surname with no form in the given name's case.

        "Майя Лунду", "во главе с Майей Лунду": the given name shows the case, and a foreign
        surname that has no form in it never declines ("Лунду" is not the accusative of
        "Лунда"). Tried only when no reading declines every word.
        """
        if len(words) < 2 or words[-1][-1:].lower() not in VOWELS or not self._is_known(words[0]):
            # A consonant-final man's surname declines ("Ли Вэем"); a given name pymorphy only
            # guesses ("Такахаси") shows no case.
            return None
        for rank, case in enumerate(order):
            for p in self.parse(words[0]):
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
        for p in self.parse(word):
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
        for p in self.parse(word):
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
