"""Table-driven tests of the round-6 leader rules (issue 8), learned from a sweep of real posts
about visits, delegations and forums (tests/corpus/catalog/missions.md, «Round 6 — leaders
(sweep)»): the guest who stays somewhere "с рабочим визитом" leads, not the host he is to meet;
the one who sent an invitation is no member; a national office's holder heading the federal
delegation a governor travels in does not lead the governor's mission; the host met abroad by
a federal delegation with a governor inside is no guest; "X, возглавляющий делегацию" leads.

Every sentence, person and region is invented; each row has the shape of a structure counted in
the catalog.
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 4, 20)


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # The guest staying "с рабочим визитом" leads; the host he is to meet does not.
        (
            "Президент Кедровской Республики Тимур Ахметов находится в Ольховской области с "
            "рабочим визитом. Ожидается, что глава республики примет участие в празднике "
            "урожая, который пройдёт в селе Кленовое. Также в рамках визита запланирована "
            "встреча с губернатором Ольховской области Петром Сомовым, сообщает пресс-служба "
            "президента республики.",
            "Тимур Ахметов",
        ),
        (
            "Губернатор Рябинского края Олег Дёмин находится с официальным визитом в Тавии. "
            "Запланирована встреча с губернатором провинции Лан Мином.",
            "Олег Дёмин",
        ),
        # The one who invited the delegation is not its head.
        (
            "В Тавград прибыла делегация Мирании. Спикер парламента Карим Азади прилетел в "
            "Тавград. Спикер возглавляет парламентскую делегацию, которая получила приглашение "
            "от председателя областной думы Ивана Кротова.",
            "Карим Азади",
        ),
        # A vice-premier heads the federal delegation the governor travels in.
        (
            "Вместе с делегацией Правительства России губернатор Ольховской области Андрей "
            "Чеботарёв прилетел в Тавград для участия в форуме. «Под руководством вице-премьера "
            "Юрия Громова обсудили сотрудничество с партнёрами», - написал Андрей Чеботарёв.",
            "Андрей Чеботарёв",
        ),
        # A federal delegation abroad, a governor inside it: the host met there is no guest.
        (
            "Делегация Совета Федерации с официальным визитом посетила Социалистическую "
            "Республику Тавия. В число российских делегатов вошёл и губернатор Ольховской "
            "области Игорь Лосев. Как пояснили в пресс-службе губернатора, представители "
            "делегации встретились с председателем народного комитета провинции Ланьтхо "
            "Нгуеном Ван Тхи и деловыми кругами.",
            "Игорь Лосев",
        ),
        # "<Name>, возглавляющий делегацию": that name leads the guests.
        (
            "Сегодня вице-губернатор Олег Пестов встретился с делегацией из Тавии. По итогам "
            "визита планируется подписание меморандума. Лан Мин, возглавляющий официальную "
            "тавийскую делегацию, отметил, что визит преследует три цели.",
            "Лан Мин",
        ),
        # The ambassador listed first among the guests accompanies the regional head.
        (
            "30 октября в Кедровск прибыла с официальным визитом делегация из Мирании. Об этом "
            "рассказал губернатор Иван Сомов. Он уточнил, что край посетили чрезвычайный и "
            "полномочный посол Мирании в России Павел Крутов, а также председатель Ланского "
            "областного исполнительного комитета Юрий Шелест.",
            "Юрий Шелест",
        ),
        # Unchanged: the host who receives the ambassador alone; the ordinary cue.
        (
            "Губернатор Кедровской области Иван Сомов принял посла Павла Крутова. Посол "
            "Мирании прибыл в Кедровск с рабочим визитом.",
            "Павел Крутов",
        ),
        (
            "Делегация Рябинского края во главе с губернатором Олегом Дёминым прибыла с "
            "рабочим визитом в Тавград.",
            "Олег Дёмин",
        ),
    ],
)
def test_real_leader(extractor: Extractor, text: str, leader: str) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.leader == leader


# The delegation's region named only by a bare toponym in the leader's title. The rule reads
# the morphology dictionary's toponyms, so these rows name real territories; the people and the
# sentences are invented.
@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "Глава Бурятии Олег Тумэнов прилетел в Монголию в составе российской делегации. "
            "Об этом сообщили в пресс-службе правительства республики. Накануне в городе "
            "Дархан Олег Тумэнов провёл встречу с министром Монголии.",
            "Бурятия",
        ),
        (
            "Соглашение и план действий скрепили подписями Глава Чувашии Пётр Лосев и хоким "
            "области Карим Азимов. Подписание прошло на полях форума межрегионального "
            "сотрудничества в Ташкенте.",
            "Чувашия",
        ),
        (
            "Председатель Меджлиса Ирана Карим Азади прилетел в Москву. Председатель Меджлиса "
            "возглавляет парламентскую делегацию, которая получила приглашение от председателя "
            "Госдумы Ивана Кротова.",
            "Иран",
        ),
        # Russia names a federal office: no region from it.
        (
            "Министр промышленности России Иван Кротов прилетел в Тавград с рабочим визитом.",
            None,
        ),
    ],
)
def test_region_from_role_toponym(extractor: Extractor, text: str, region: str | None) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.delegation_region == region


# "<Place adjective> делегация" names the delegation's region when nothing else does: the
# post's own "<Adjective> области" phrase, a mapped country (data/region_adjectives.txt), or
# nothing for an adjective that is no place's.
@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "Кедровская делегация прилетела в Тавград накануне. 14 февраля Иван Сомов "
            "встретился с главой республики Тимуром Ахметовым. Губернатор Кедровской области "
            "прилетел в Тавград 13 февраля с насыщенной программой.",
            "Кедровская область",
        ),
        (
            "Белорусскую делегацию на промышленной выставке в Тавграде возглавит "
            "премьер-министр страны Пётр Лосев. Об этом рассказал представитель посольства.",
            "Беларусь",
        ),
        (
            "Парламентская делегация во главе с депутатом Петром Лосевым прибыла в Тавград.",
            None,
        ),
    ],
)
def test_region_from_delegation_adjective(
    extractor: Extractor, text: str, region: str | None
) -> None:
    mission = extract_text(extractor, text, published=PUBLISHED).mission
    assert mission is not None
    assert mission.delegation_region == region
