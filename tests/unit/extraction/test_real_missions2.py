"""Table-driven tests of the mission rules of round 3 (issue 8): the leader is a person's name,
«помимо» in a delegation's composition, a role written before the leader's name, forum host
cities as destinations.

Every sentence, person and most regions are invented; each row has the shape of a structure
counted in tests/corpus/catalog/missions.md (round 3).
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.doc import Doc, tokenize
from govdigest.extraction.language.morph import Morph
from govdigest.extraction.language.nlp import NlpModels
from govdigest.extraction.mission.leader_checks import (
    checked_leader,
    event_city,
    nominative_place,
)
from govdigest.extraction.models import Mission, PostInput
from govdigest.extraction.people import People
from govdigest.extraction.pipeline import Extractor
from govdigest.extraction.text import sentences
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 19)


run = partial(extract_text, published=PUBLISHED)


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
        # A place read from a person's surname ("Ахтямы" beside "Ахтямов") is no destination;
        # the host head's region is.
        (
            "«Не пустая формальность»: Ахтямов и Лыков подписали соглашение о сотрудничестве"
            "\n\nГлава Беловодской Республики Рамиль Ахтямов и губернатор Кременской области "
            "Игорь Лыков подписали обновленное соглашение о межрегиональном сотрудничестве. Итоги "
            "визита делегации соседнего региона в республику Ахтямов назвал важным этапом.",
            "destination",
            "Беловодская Республика",  # the other head's region (round 5), never "Ахтямы"
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


# --- Round 4 (issue 8, error classes 1 and 2): which side leads, and what is no mission. ---
# Every sentence, person and territory below is invented.
_ROUND4_LEADER = [
    # Two signers of different territories, the signing place built on one's name: the other
    # (the guest) leads.
    (
        "Соглашение подписано\nГлава Вербской Республики Тагир Сабитов и губернатор Ольховской "
        "области Пётр Гуляев подписали соглашение о сотрудничестве в Вербске.",
        "Пётр Гуляев",
    ),
    # The same with the visit's destination named by its noun ("в республику").
    (
        "Соглашение подписано\nГлава Вербской Республики Тагир Сабитов и губернатор Ольховской "
        "области Пётр Гуляев подписали соглашение. Итоги визита делегации соседнего региона в "
        "республику Сабитов назвал важными.",
        "Пётр Гуляев",
    ),
    # No place told: the first official signer, as before.
    (
        "Соглашение подписано\nГлава Вербской Республики Тагир Сабитов и губернатор Ольховской "
        "области Пётр Гуляев подписали соглашение о сотрудничестве.",
        "Тагир Сабитов",
    ),
    # A person who only attended the ceremony never leads over the one who signed; signers
    # named after a plural verb are found.
    (
        "Церемония\nСпикер областной думы Аркадий Мельник принял участие в церемонии подписания "
        "соглашения с ООО «Ольхатранс». Документ подписали губернатор Ольховской области Пётр "
        "Гуляев и генеральный директор ООО «Ольхатранс» Иван Сизов.",
        "Пётр Гуляев",
    ),
    # Plural participation in a signing ceremony: the official among them.
    (
        "Участие в торжественной церемонии приняли директор ООО «Ольхагаз» Иван Сизов и "
        "губернатор Ольховской области Пётр Гуляев. Соглашение дополнено новыми пунктами.",
        "Пётр Гуляев",
    ),
    # A host meets a foreign province's delegation: the province's official, not the host.
    (
        "Экспорт\nГубернатор Ольховской области Пётр Гуляев заявил это на встрече с делегацией "
        "провинции Юньлин. Он говорил во время переговоров с вице-губернатором провинции Чжан "
        "Вэем.",
        "Чжан Вэй",
    ),
    # "принял X, прибывшего в …": the one received and arriving is the guest.
    (
        "Встреча премьеров\nПремьер-министр Верхней Ольхии Марк Тишин принял главу правительства "
        "Нижней Ольхии Олега Ручьёва, прибывшего сегодня в Ольхоград для заседания комиссии.",
        "Олег Ручьёв",
    ),
]


_ROUND4_LEADER += [
    # At a forum the governor meets a foreign delegation «во главе с» its official: the cue
    # names the head of the delegation met, the governor leads his own.
    (
        "На полях Восточного экономического форума губернатор Ольховской области Пётр Гуляев "
        "встретился с делегацией провинции Юньлин во главе с вице-губернатором провинции Чжан "
        "Вэем.",
        "Пётр Гуляев",
    ),
    # Without a forum the same meeting is the guests' visit: their head leads (unchanged).
    (
        "Губернатор Ольховской области Пётр Гуляев встретился с делегацией провинции Юньлин во "
        "главе с вице-губернатором провинции Чжан Вэем. Гости посетили завод в Ольхограде.",
        "Чжан Вэй",
    ),
    # A signing announced with its participants ("В подписании принимают участие …"): a
    # mission, the official leads over the company's head.
    (
        "В правительстве области состоится подписание соглашения с ПАО «Вербгаз». В подписании "
        "принимают участие председатель правления ПАО «Вербгаз» Игорь Сомов и губернатор "
        "Ольховской области Пётр Гуляев.",
        "Пётр Гуляев",
    ),
    # "вылетел в Москву": a trip like "прилетел".
    (
        "Губернатор в Москве\nГубернатор Ольховской области Пётр Гуляев вчера вечером вылетел в "
        "Москву. В столице глава региона встретился с руководством ПАО «Вербгаз».",
        "Пётр Гуляев",
    ),
    # The country in a headline "Посол Тавании …" read as a person is never the guest: the
    # ambassador named in the body is.
    (
        "Посол Тавании посетил Ольховскую область\nЧрезвычайный и полномочный посол Тавании в "
        "России Рамин Ашрафи прибыл в Ольховскую область с официальным визитом.",
        "Рамин Ашрафи",
    ),
    # "Посол прибыл в …": the role word alone names the one ambassador of the post (a guest).
    (
        "Встреча с послом\nТемой встречи губернатора Ольховской области Петра Гуляева и посла "
        "Тавании в России Рамина Ашрафи стал транспорт. Посол прибыл в Ольхоград на медиафорум.",
        "Рамин Ашрафи",
    ),
]


@pytest.mark.parametrize(("text", "leader"), _ROUND4_LEADER)
def test_round4_leader_side(extractor: Extractor, text: str, leader: str) -> None:
    assert run(extractor, text).mission.leader == leader


_ROUND4_NO_MISSION = [
    # "открыл канал": a medium, no place and no trip.
    "Новый канал\nГубернатор Ольховской области Пётр Гуляев открыл личный канал в мессенджере.",
    # A meeting with a federal official, no place, no forum: no mission.
    "Встреча\nГубернатор Ольховской области Пётр Гуляев встретился с заместителем председателя "
    "правительства РФ Андреем Сомовым. Говорили о газификации.",
]


@pytest.mark.parametrize("text", _ROUND4_NO_MISSION)
def test_round4_no_mission(extractor: Extractor, text: str) -> None:
    assert run(extractor, text).mission == Mission()


_ROUND4_MISSION = [
    # A signing ceremony with the agreement named in the next sentence is a mission.
    "Участие в торжественной церемонии приняли директор ООО «Ольхагаз» Иван Сизов и губернатор "
    "Ольховской области Пётр Гуляев. Соглашение дополнено новыми пунктами.",
    # Opening a plant in person is still a trigger ("открыл" with no medium after it).
    "Новый завод\nГубернатор Ольховской области Пётр Гуляев открыл завод в Ольхограде.",
    # A meeting with a regional official stays a trigger.
    "Встреча\nГубернатор Ольховской области Пётр Гуляев встретился с главой Вербской "
    "Республики Тагиром Сабитовым.",
]


@pytest.mark.parametrize("text", _ROUND4_MISSION)
def test_round4_mission_detected(extractor: Extractor, text: str) -> None:
    assert run(extractor, text).mission.leader == "Пётр Гуляев"


# A delegation of a territory no named person belongs to, told by its hosts: its head is not
# named (null leader, never a host official who took part); the hosts' region is the destination.
_UNNAMED_GUESTS = (
    "Итоги визита\nГубернатор Ольховской области Пётр Гуляев рассказал депутатам о визите "
    "делегации Вербской области. В переговорах от областной торгово-промышленной палаты принял "
    "участие её председатель Игорь Сомов."
)


@pytest.mark.parametrize(
    ("field", "value"), [("leader", None), ("destination", "Ольховская область")]
)
def test_round4_unnamed_guest_delegation(extractor: Extractor, field: str, value: object) -> None:
    assert getattr(run(extractor, _UNNAMED_GUESTS).mission, field) == value


def test_round4_named_guest_head_kept(extractor: Extractor) -> None:
    # The guests' head named with their territory's word ("Вербского облисполкома") is kept.
    text = (
        "Визит\nВ Ольхограде побывала делегация Вербской области во главе с председателем "
        "Вербского облисполкома Юрием Кравцом. Гостей принял губернатор Ольховской области Пётр "
        "Гуляев."
    )
    assert run(extractor, text).mission.leader == "Юрий Кравец"


_CARD = (
    "Олег Ветров\n12.1K subscribers\n{description}\nДелегация Ольховской области завершила "
    "работу на ПМЭФ! Подписали соглашение с ООО «Ольхалес» о строительстве комбината."
)


@pytest.mark.parametrize(
    ("description", "role"),
    [
        # A web preview's channel description names the first-person author's role.
        ("Официальный канал губернатора Ольховской области.", "губернатор Ольховской области"),
        ("Канал главы Вербской Республики", "глава Вербской Республики"),
        # A description that is no role leaves the role empty (never guessed).
        ("Новости, фото и видео с мест событий.", None),
    ],
)
def test_round4_channel_card_role(
    extractor: Extractor, description: str, role: str | None
) -> None:
    text = _CARD.format(description=description)
    mission = extractor.extract(
        PostInput(text=text, published=PUBLISHED, author="Олег Ветров")
    ).mission
    assert (mission.leader, mission.leader_role) == ("Олег Ветров", role)
