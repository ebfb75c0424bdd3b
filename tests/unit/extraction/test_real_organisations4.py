"""Table-driven tests of the organisation precision rules of round 4, part 2 (issue 8): regional
and federal legislatures ("Народного Собрания", "Федеральному собранию", "Великого Хурала",
"делегация СФ") and tourist complexes being built are never companies of a mission, while a
real company in the same sentence is still found.

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md ("Round 4 — organisations, precision").
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.organisations.rules import is_ministry_word
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text
from tests.unit.extraction.posts import org_names as names

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


# Rule: a legislature's head word anywhere after the first word of a name ("собрание", "хурал",
# "курултай", "госсовет", "парламент", "сенат"; data/government_heads.txt), the abbreviation
# "СФ" and region abbreviations such as "УР" (data/not_companies.txt) make a government body,
# and so does a one-word ministry ("Минпромэнерго", data/ministry_stems.txt); a tourist
# complex, a municipal body, an investment site and a national park named in quotes
# (data/non_org_heads.txt) are places. The companies beside them stay (second column); no
# company name may contain the third column.
@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "На встрече республику представляли первый заместитель председателя Народного "
            "Собрания Ильдар Мусин и гендиректор АО «Горстекло» Олег Рябов.",
            "ао «горстекло»",
            "собрани",
        ),
        (
            "Губернатор Кедровской области выслушал обращение президента к Федеральному "
            "собранию, а затем подписал соглашение с ООО «Кедрмолоко».",
            "ооо «кедрмолоко»",
            "собрани",
        ),
        (
            "В составе делегации – депутаты Великого Хурала Тавии и директор компании "
            "«Степной бройлер» Артём Ким.",
            "компания «степной бройлер»",
            "хурал",
        ),
        (
            "Делегация СФ во главе с Л. Кравцом и представители ПАО «Ветлугнефть» прибыли в "
            "Озёрск.",
            "пао «ветлугнефть»",
            "сф",
        ),
        (
            "Губернатор подписал соглашение с фирмой «Аэротекс» и соглашение о создании "
            "туристического комплекса «Сосновый бор» в Ольховском районе.",
            "фирма «аэротекс»",
            "сосновый бор",
        ),
        (
            "Во встрече участвовали глава муниципального образования «Берёзовский район» Олег "
            "Рыжов и гендиректор ЗАО «Берёзстекло» Иван Глухов.",
            "зао «берёзстекло»",
            "район",
        ),
        (
            "Делегация осмотрела инвестиционную площадку «Ветлуга», а затем завод АО "
            "«Ветлугахим».",
            "ао «ветлугахим»",
            "ветлуга»",
        ),
        (
            "Гости побывали в национальном парке «Сосновая пуща» и на заводе ООО «Пущалес».",
            "ооо «пущалес»",
            "сосновая",
        ),
        (
            "В Минпромэнерго ЧР провели встречу с представителями АО «Тавиястрой».",
            "ао «тавиястрой»",
            "минпром",
        ),
        (
            "Во встрече участвовали министр экономики УР Олег Заиров и генеральный директор ЗАО "
            "«Усольстекло» Пётр Карин.",
            "зао «усольстекло»",
            "ур",
        ),
    ],
)
def test_bodies_and_objects_are_not_companies(
    extractor: Extractor, text: str, kept: str, dropped: str
) -> None:
    found = names(run(extractor, text))
    assert any(kept in name or name in kept for name in found), found
    assert not any(dropped in name for name in found), found


# The new heads do not swallow businesses whose quoted names merely contain them: a quoted name
# after a legal form is a company whatever its words.
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Соглашение подписано с АО «Парламент-Агро» о поставках зерна.",
            "парламент-агро",
        ),
        (
            "Губернатор встретился с руководством ООО «Курултай» из Тавии.",
            "курултай",
        ),
    ],
)
def test_businesses_resembling_bodies_are_kept(extractor: Extractor, text: str, kept: str) -> None:
    found = names(run(extractor, text))
    assert any(kept in name for name in found), found


# A one-word ministry is "мин" + a stem of data/ministry_stems.txt; businesses whose names start
# with "Мин" stay companies.
@pytest.mark.parametrize(
    ("word", "ministry"),
    [
        ("Минпромэнерго", True),
        ("Минсоцразвития", True),
        ("Минтуризма", True),
        ("минэкологии", True),
        ("Минудобрения", False),
        ("Минеральные", False),
        ("Минскмаш", False),
        ("Миндаль", False),
    ],
)
def test_ministry_words(word: str, ministry: bool) -> None:
    assert is_ministry_word(word) is ministry


# Rule: a hyphenated head role right before a head-first association or union makes it a member
# ("вице-президент Ассоциации …", "сопредседатель Союза …"; data/org_partner_cues.txt).
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "В делегацию вошёл вице-президент Ассоциации стекольщиков России Глеб Ручьёв.",
            "ассоциация стекольщиков россии",
        ),
        (
            "На встрече был вице-председатель Союза мебельщиков России Павел Лыков.",
            "союз мебельщиков россии",
        ),
        (
            "Соглашение обсудили с сопредседателем Ассоциации лесопромышленников России Иваном "
            "Зотовым.",
            "ассоциация лесопромышленников россии",
        ),
    ],
)
def test_hyphenated_roles_before_associations(extractor: Extractor, text: str, name: str) -> None:
    found = {(c.name.lower(), c.kind) for c in run(extractor, text).companies}
    assert (name, "association") in found, found
