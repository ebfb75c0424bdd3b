"""Table-driven tests of the mission rules of round 3 (issue 8): the leader is a person's name,
«помимо» in a delegation's composition, a role written before the leader's name, forum host
cities as destinations.

Every sentence, person and most regions are invented; each row has the shape of a structure
counted in tests/corpus/catalog/missions.md (round 3).
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.doc import Doc, tokenize
from govdigest.extraction.leader_checks import checked_leader, event_city, nominative_place
from govdigest.extraction.models import Extraction, PostInput
from govdigest.extraction.morph import Morph
from govdigest.extraction.nlp import NlpModels
from govdigest.extraction.people import People
from govdigest.extraction.pipeline import Extractor
from govdigest.extraction.text import sentences

PUBLISHED = date(2025, 6, 19)


def run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(PostInput(text=text, published=PUBLISHED, author=None))


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # «помимо X» before the composition verb: X heads the visiting delegation.
        (
            "Визит\nСегодня в Камской Республике с рабочим визитом находится делегация Тавании, в "
            "которую, помимо президента республики Тенгиза Абашидзе, вошли руководитель его "
            "администрации Гурам Квеселава и другие официальные лица.",
            "leader",
            "Тенгиз Абашидзе",
        ),
        # «помимо главы региона вошли X»: X is a member, never the head.
        (
            "Делегация на выставке\nЧлены делегации Кедровской области прилетели в Минск на "
            "выставку. В её состав помимо главы региона вошли председатель областной думы Вера "
            "Локтева и мэр Кедровска Игорь Сабуров.",
            "leader",
            None,
        ),
        # A colloquial region name read as a person is passed over for the person named.
        (
            "Глава Брянщины встретился с послом\nГлава Брянщины Олег Лапин провел встречу с "
            "послом Республики Тавания в Москве. Встреча состоялась 18 сентября.",
            "leader",
            "Олег Лапин",
        ),
        # A region's adjective in a headline is never a leader.
        (
            "Кедровская делегация прилетела на выставку в Минск\nЧлены делегации области "
            "прилетели в Белоруссию на промышленную выставку.",
            "leader",
            None,
        ),
        # A role word and initials in the cue's span: the role is kept, the name completed.
        (
            "Визит делегации\nОфициальная делегация Заболотского края во главе с Губернатором "
            "В.Н.Горбуновым находится в Китае. Виктор Горбунов провёл переговоры в Чанчуне.",
            "leader",
            "Виктор Горбунов",
        ),
        (
            "Визит делегации\nОфициальная делегация Заболотского края во главе с Губернатором "
            "В.Н.Горбуновым находится в Китае. Виктор Горбунов провёл переговоры в Чанчуне.",
            "leader_role",
            "губернатор",
        ),
        # A forum held in one city, no other place named: that city is the destination.
        (
            "ПМЭФ\nГубернатор Тальской области Игорь Ветлугин подписал на Петербургском "
            "международном экономическом форуме шесть соглашений.",
            "destination",
            "Санкт-Петербург",
        ),
        # A federal envoy heads the delegation a governor is part of: the governor leads.
        (
            "Делегация в Китае\n— Делегацию возглавляет полпред Президента России в ПФО Игорь "
            "Корнилов. Завтра покажу партнёрам нашу область, — рассказал губернатор "
            "Верхнекамской области Александр Сурков.",
            "leader",
            "Александр Сурков",
        ),
        # A foreign minister heading an inbound delegation still leads it.
        (
            "Делегация Республики Беларусь во главе с Министром промышленности Андреем Кременем "
            "посещает с визитом Заречную область. Гостей принял губернатор Олег Ставров.",
            "leader",
            "Андрей Кремень",
        ),
        # A venue in one city gives the city; "Дни … Республики" are an event, not a place.
        (
            "Дни республики\nСегодня в рамках Дней Марийской Республики на ВДНХ глава Марийской "
            "Республики Юрий Заварзин и губернатор Кедровской области Алексей Русаков подписали "
            "соглашение.",
            "destination",
            "Москва",
        ),
        # A place read from a person's surname ("Ахтямы" beside "Ахтямов") is no destination.
        (
            "«Не пустая формальность»: Ахтямов и Лыков подписали соглашение о сотрудничестве"
            "\n\nГлава Беловодской Республики Рамиль Ахтямов и губернатор Кременской области "
            "Игорь Лыков подписали обновленное соглашение о межрегиональном сотрудничестве. Итоги "
            "визита делегации соседнего региона в республику Ахтямов назвал важным этапом.",
            "destination",
            None,
        ),
        # A city named in the post wins over the forum's city.
        (
            "Форум\nГубернатор Южноборской области Станислав Ведищев на полях форума в "
            "Ростове-на-Дону подписал соглашение с ООО «Боровской агрокомбинат».",
            "destination",
            "Ростов-на-Дону",
        ),
    ],
)
def test_round3_mission_rules(extractor: Extractor, text: str, field: str, value: object) -> None:
    assert getattr(run(extractor, text).mission, field) == value


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Хамад бин Салем аль-Мансури", "Хамад бин Салем аль-Мансури"),
        ("Губернатор В Н Горбунов", "В. Н. Горбунов"),
        ("Кедровская", None),
        ("Тавания", None),
        ("глава с", None),
        ("Олег Ставров", "Олег Ставров"),
    ],
)
def test_checked_leader(nlp_models: NlpModels, name: str, expected: str | None) -> None:
    doc = Doc(
        text=name,
        sentences=sentences(name),
        words=tokenize(name),
        ner=[],
        morph=Morph(nlp_models.morph_vocab),
        author=None,
    )
    assert checked_leader(doc, People(entities=[], mentions=[]), name) == expected


@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("ПМЭФ-2025", "Санкт-Петербург"),
        ("Восточный экономический форум", "Владивосток"),
        ("выставка «Иннопром. Беларусь»", "Минск"),
        ("Иннопром", "Екатеринбург"),
        ("форум «Арктика»", None),
        (None, None),
    ],
)
def test_event_city(name: str | None, city: str | None) -> None:
    assert event_city(name) == city


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ростове-на-Дону", "Ростов-на-Дону"),
        ("Ростов-на-Дону", "Ростов-на-Дону"),
        ("Минск", "Минск"),
    ],
)
def test_nominative_place(name: str, expected: str) -> None:
    assert nominative_place(name) == expected
