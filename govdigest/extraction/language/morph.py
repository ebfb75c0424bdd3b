"""pymorphy2 lookups (through natasha's cached MorphVocab): lemmas, agreement, nominative forms.

We do not run natasha's neural morph tagger: case and gender of a short group are recovered by
intersecting the dictionary analyses of its words, which is what a group needs and is far cheaper.
People's names are read by ``person_forms`` over the same cached look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from natasha import MorphVocab

from govdigest.extraction.language.name_forms import inflect, keep_hyphen_prefix, match_case
from govdigest.extraction.language.person_forms import CASE_ORDER, PersonForms

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
        self._person = PersonForms(self)

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
        """A person's name in the nominative and its gender (see ``person_forms``)."""
        return self._person.nominative_name(words, hint)

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
