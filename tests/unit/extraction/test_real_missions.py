"""Table-driven tests of the mission rules learned from real governors' posts (issue 8).

Every sentence, person, company and most regions are invented; each row has the shape of a
structure counted in tests/corpus/catalog/missions.md.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.dates import find_dates
from govdigest.extraction.models import PostInput
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 6, 19)  # a Thursday


run = partial(extract_text, published=PUBLISHED)


# --------------------------------------------------------------------------- leader


@pytest.mark.parametrize(
    ("text", "author", "leader"),
    [
        # A governor inside a federal delegation leads; the federal head does not.
        (
            "Губернатор в Монголии\nГубернатор Кедровской области Олег Рябов прилетел в Монголию "
            "в составе российской делегации. Делегацию Российской Федерации возглавил "
            "вице-премьер Правительства России Семён Тарасов.",
            None,
            "Олег Рябов",
        ),
        # "По поручению губернатора …": the sender stays home; the regional official who
        # reports the talks leads, never the foreign host.
        (
            "Делегация края в Китае\nПо поручению губернатора Кедрового края Олега Рябова "
            "представители региона посетят две провинции КНР. В Харбине прошла встреча с "
            "заместителем губернатора провинции Хэйлунцзян Чэнь Ганом. Как сообщил заместитель "
            "председателя правительства края Пётр Сомов, стороны обсудили грузовые перевозки.",
            None,
            "Пётр Сомов",
        ),
        # A cue verb right after a name: that name is its subject.
        (
            "Делегация на форуме\nГубернатор Кедровской области Олег Рябов возглавил делегацию "
            "региона на форуме «Сибирь-2025». Там он проведёт встречу с министром финансов "
            "России Семёном Тарасовым.",
            None,
            "Олег Рябов",
        ),
        # "Возглавлял её <role> <Name>": a company delegation into the region.
        (
            "Встреча с машиностроителями\nГлава Кедрового края Олег Рябов встретился с "
            "руководством завода. Делегация объединения «Кедрмаш» была в крае с рабочей "
            "поездкой. Возглавлял её председатель совета директоров компании Максим Глухов.",
            None,
            "Максим Глухов",
        ),
        # A first-person signing with a fronted document object and no verb of travel.
        (
            "Итоги форума\nС «Кедрсталью» о новом цехе говорили ещё весной. Соглашение об этом "
            "сегодня подписал на ПМЭФ.",
            "Олег Рябов",
            "Олег Рябов",
        ),
        # "О соглашениях … рассказал губернатор X": the governor reporting the forum leads.
        (
            "Итоги ВЭФ\nО соглашениях, заключённых на полях Восточного экономического форума, "
            "рассказал губернатор Кедрового края Олег Рябов.",
            None,
            "Олег Рябов",
        ),
        # A government meeting approves an agreement the governor will sign at a forum.
        (
            "Заседание правительства\nНа заседании правительства Кедровской области одобрили "
            "проект соглашения с Заречной областью. Документ губернатор Кедровской области Олег "
            "Рябов подпишет на «Иннопроме» в Екатеринбурге.",
            None,
            "Олег Рябов",
        ),
        # An ambassador met in another city is not a guest: the governor travelled.
        (
            "Встреча с послом\nГубернатор Кедровской области Олег Рябов встретился в Москве с "
            "Чрезвычайным и Полномочным Послом Киргизской Республики Алмазом Бекировым.",
            None,
            "Олег Рябов",
        ),
        # The host meets a delegation whose members are listed: the first member leads.
        (
            "Совещание\nГубернатор Кедровской области Олег Рябов провёл рабочее совещание с "
            "делегацией Республики Беларусь, прибывшей в регион. В состав делегации вошли "
            "министр промышленности Беларуси Виктор Карпенко и посол Александр Рогов.",
            None,
            "Виктор Карпенко",
        ),
        # Two governors sign together: the first named signer.
        (
            "Соглашение\nГубернаторы Кедровской и Заречной областей Олег Рябов и Пётр Сомов "
            "подписали на полях Восточного экономического форума план мероприятий.",
            None,
            "Олег Рябов",
        ),
        # The President receives the head of a region: the head made the trip.
        (
            "Встреча в Кремле\nПрезидент России Владимир Орлов провёл в Кремле рабочую встречу "
            "с главой Горской Республики Вадимом Тускаевым.",
            None,
            "Вадим Тускаев",
        ),
        # "X вместе с …" with a plural verb: X travels, and the ambassador who meets the
        # delegation there is a host, not a guest.
        (
            "Делегация в Минске\nГубернатор Кедровской области Олег Рябов вместе с "
            "руководителями предприятий прибыли в Минск. Там их встретил посол Иван Дронов.",
            None,
            "Олег Рябов",
        ),
        # The guest's own arrival still makes an inbound visit.
        (
            "Гость из Вьетнама\nВ Кедровск прибыл посол Вьетнама Нгуен Ван Тхань. Губернатор "
            "Олег Рябов встретился с послом.",
            None,
            "Нгуен Ван Тхань",
        ),
        # The receiving sentence names no verb of arrival; a later one says the delegation is
        # here ("находится в регионе"): the outside official met is the guest.
        (
            "Гости из Казахстана\nГубернатор Кедровской области Олег Рябов провёл встречу с "
            "акимом Павлодарской области Асаном Бекмухановым. Делегация Павлодарской области "
            "находится в регионе с рабочим визитом.",
            None,
            "Асан Бекмуханов",
        ),
        # "у нас в гостях" in the author's post: another region's governor is the guest.
        (
            "Гость\nСегодня у нас в гостях губернатор Заречной области Пётр Сомов. Обсудили с "
            "коллегой поставки молока.",
            "Олег Рябов",
            "Пётр Сомов",
        ),
        # A CEO named first at a signing ceremony: the governor still leads.
        (
            "Церемония\nГенеральный директор АО «Кедрсталь» Иван Лапин и губернатор Кедровской "
            "области Олег Рябов подписали соглашение о строительстве цеха.",
            None,
            "Олег Рябов",
        ),
    ],
)
def test_real_leader_rules(
    extractor: Extractor, text: str, author: str | None, leader: str
) -> None:
    assert run(extractor, text, author).mission.leader == leader


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("text", "is_mission"),
    [
        # A consul based in the city met in the governor's office: not a trip.
        (
            "Встреча с консулом\nСегодня губернатор Кедровской области Олег Рябов провёл встречу "
            "с генеральным консулом Республики Казахстан в Кедровске Ерболом Сапаровым.",
            False,
        ),
        # A meeting held in another city is a trip.
        (
            "Встреча с послом\nГубернатор Олег Рябов провёл рабочую встречу с послом Киргизии. "
            "Встреча состоялась 18 июня в Москве.",
            True,
        ),
        # A known forum named by its brand makes a mission post.
        (
            "Документ к подписи\nСоглашение с Заречной областью губернатор Олег Рябов подпишет "
            "на «Иннопроме».",
            True,
        ),
    ],
)
def test_real_mission_detection(extractor: Extractor, text: str, is_mission: bool) -> None:
    mission = run(extractor, text).mission
    assert (mission.leader is not None or mission.destination is not None) is is_mission


# --------------------------------------------------------------------------- event


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Итоги\nСоглашение подписали на ПМЭФ-2025 в Петербурге.", "ПМЭФ-2025"),
        ("Итоги\nГубернатор Олег Рябов подписал на «Иннопроме» два соглашения.", "Иннопром"),
        (
            "Форум\nГубернатор Олег Рябов работал в Гродно на площадке XII Форума регионов "
            "Беларуси и России и подписал соглашение.",
            "Форум регионов Беларуси и России",
        ),
    ],
)
def test_real_event_names(extractor: Extractor, text: str, event: str) -> None:
    assert run(extractor, text).mission.event == event


# --------------------------------------------------------------------------- dates


def _past(word: str) -> bool:
    return word.endswith(("л", "ла", "ли", "лся", "лась", "лись"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Past tense: the last such weekday before the post.
        ("В понедельник губернатор прилетел в Минск.", date(2025, 6, 16)),
        ("в минувшую пятницу подписали соглашение", date(2025, 6, 13)),
        # The published weekday itself or a future clause: no guess.
        ("В четверг губернатор прилетел в Минск.", None),
        ("Во вторник губернатор подпишет соглашение.", None),
    ],
)
def test_weekday_dates(text: str, value: date | None) -> None:
    found = [d for d in find_dates(text, PUBLISHED, _past) if d.value is not None]
    assert (found[0].value if found else None) == value


def test_explicit_date_after_weekday_wins() -> None:
    found = find_dates("во вторник, 17 июня, прошла встреча", PUBLISHED, _past)
    assert [(d.text, d.value) for d in found] == [("17 июня", date(2025, 6, 17))]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Визит\nСегодня губернатор Олег Рябов прибыл в Заречье.", PUBLISHED, PUBLISHED),
        ("Визит\nСегодня губернатор Олег Рябов прибыл в Заречье.", None, None),
    ],
)
def test_relative_words_are_never_date_text(
    extractor: Extractor, text: str, published: date | None, value: date | None
) -> None:
    mission = extractor.extract(PostInput(text=text, published=published)).mission
    assert (mission.date, mission.date_text) == (value, None)


def test_place_never_crosses_a_line_break(extractor: Extractor) -> None:
    # The title's last word and the next line's first word are not one place ("Алтай Сегодня").
    text = (
        "Делегация Заречной области на Алтае\nСегодня, 18 мая, в Кедровскую область прибывает "
        "делегация Заречной области. Возглавляет делегацию первый заместитель губернатора "
        "Константин Строев."
    )
    destination = run(extractor, text).mission.destination or ""
    assert "Сегодня" not in destination


def test_leader_role_from_the_cue(extractor: Extractor) -> None:
    # "во главе с мэром краевого центра" and the name only in the next sentence.
    text = (
        "Делегация в Китае\nДелегация из Кедровска во главе с мэром краевого центра посетила "
        "китайский город Тунцзян.\n\nОлег Рябов принял участие в конференции по рыбной отрасли."
    )
    mission = run(extractor, text).mission
    assert (mission.leader, mission.leader_role) == ("Олег Рябов", "мэр")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # A past modal with the infinitive reports signed documents.
        (
            "Итоги форума\nГубернатор Олег Рябов подвёл итоги участия в форуме. Он отметил, что "
            "делегации удалось подписать восемь соглашений.",
            8,
        ),
        # A plan to sign is not a signing.
        ("Планы\nНа форуме губернатор Олег Рябов планирует подписать три соглашения.", 0),
    ],
)
def test_signed_with_a_past_modal(extractor: Extractor, text: str, count: int) -> None:
    assert len(run(extractor, text).mission.agreements) == count


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # The first stop of a route, named without a trip verb, beats a later stop.
        (
            "Делегация края начала работу\nПо поручению губернатора Кедровского края Олега Рябова "
            "представители края посетят три провинции.\n\nПервой точкой маршрута стал Далянь. "
            "Здесь прошла встреча с вице-мэром города.\n\nРабота делегации продолжится в "
            "провинции Шаньси.",
            "destination",
            "Далянь",
        ),
        # A trip recalled inside a quotation is not the mission's destination.
        (
            "Гости из Заречья\nДелегация Заречного тракторного завода была в Кедровской области "
            "с рабочей поездкой.\n\n«Когда в прошлом году мы были в Армении, нам показали такую "
            "же линию», — сказал губернатор Олег Рябов.",
            "destination",
            "Кедровская область",
        ),
        # A governor inside the federal delegation represents the governor's own region.
        (
            "Губернатор в Монголии\nГубернатор Кедровской области Олег Рябов прилетел в Монголию "
            "в составе российской делегации. Делегацию Российской Федерации возглавил "
            "вице-премьер Правительства России Семён Тарасов.",
            "delegation_region",
            "Кедровская область",
        ),
        # A foreign governor's aimag is the region the guest represents.
        (
            "Гости из Монголии\nПрибывший в Кедровскую область губернатор Сухэ-Баторского "
            "аймака Батын Цэрэн провёл встречу с губернатором Олегом Рябовым.",
            "delegation_region",
            "Сухэ-Баторский аймак",
        ),
    ],
)
def test_real_place_rules(extractor: Extractor, text: str, field: str, value: str | None) -> None:
    assert getattr(run(extractor, text).mission, field) == value


@pytest.mark.parametrize(
    ("text", "author", "leader", "role"),
    [
        # A t.me/s preview: "вместе с … подписали" with no subject is the author's "we", and
        # the channel card's description gives the role.
        (
            "Олег Рябов\n12.4K subscribers\n3.1K photos\nГубернатор Кедровской области\n"
            "Download Telegram\nСегодня в Гродно вместе с председателем облисполкома Павлом "
            "Лисовским подписали план совместных мероприятий на два года.",
            "Олег Рябов",
            "Олег Рябов",
            "губернатор Кедровской области",
        ),
        # Without a channel author, the companion never becomes the leader.
        (
            "Итоги недели\nСегодня в Гродно вместе с председателем облисполкома Павлом "
            "Лисовским подписали план совместных мероприятий на два года.",
            None,
            None,
            None,
        ),
    ],
)
def test_channel_author_leads_with_the_card_role(
    extractor: Extractor, text: str, author: str | None, leader: str | None, role: str | None
) -> None:
    mission = run(extractor, text, author).mission
    assert (mission.leader, mission.leader_role) == (leader, role)


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # The role's "<Adjective> <region noun>" wins over a place span cut to the adjective.
        (
            "Соглашение с Южноморской областью\nГубернатор Белогорской области Роман Сычёв и "
            "губернатор Южноморской области Игорь Лавров подписали соглашение о сотрудничестве.",
            "delegation_region",
            "Белогорская область",
        ),
        # A governor inside the federal delegation leads, and the role named in another
        # sentence without a name is the leader's ("Глава … встретился").
        (
            "Итоги визита\nНа этой неделе Рустам Галеев в составе российской правительственной "
            "делегации посетил Узбекистан. Глава Уральской Республики встретился с президентом "
            "страны.\n\nДелегацию возглавлял первый вице-премьер правительства РФ Олег Мартынов.",
            "leader",
            "Рустам Галеев",
        ),
        (
            "Итоги визита\nНа этой неделе Рустам Галеев в составе российской правительственной "
            "делегации посетил Узбекистан. Глава Уральской Республики встретился с президентом "
            "страны.",
            "leader_role",
            "глава Уральской Республики",
        ),
        # A role-only subject first, the name in the next sentence, "поехал в …".
        (
            "Командировка\nВ очередную рабочую командировку отправился губернатор Городецкой "
            "области. На этот раз Анатолий Щеглов поехал в Китай.",
            "leader_role",
            "губернатор Городецкой области",
        ),
        (
            "Командировка\nВ очередную рабочую командировку отправился губернатор Городецкой "
            "области. На этот раз Анатолий Щеглов поехал в Китай.",
            "destination",
            "Китай",
        ),
        # "подписал с председателем … Андреем Жуком": the instrumental counterpart never signs.
        (
            "Форум регионов\nГубернатор Тарской области Вадим Кольцов и председатель облисполкома "
            "Андрей Жук подписали соглашение.\n\n«В завершение форума подписал с председателем "
            "облисполкома Андреем Жуком соглашение», — написал Вадим Кольцов.",
            "leader",
            "Вадим Кольцов",
        ),
        # An agency dateline with a year dates the report; the body's date wins.
        (
            "Соглашение\nТарск, 13 июня 2025. ТарскNews. Губернатор Вадим Кольцов подписал "
            "соглашение на форуме в минувшую пятницу, 6 июня.",
            "date",
            date(2025, 6, 6),
        ),
        # A site's publication stamp "18.04.2025, 11:20" is not the visit's date.
        (
            "Важное и актуальное, 18.06.2025, 11:20\n\nВ период с 16 по 18 июня делегация края во "
            "главе с губернатором Олегом Рябовым находится в Китае.",
            "date",
            date(2025, 6, 16),
        ),
    ],
)
def test_real_leader_role_and_date_rules(
    extractor: Extractor, text: str, field: str, value: object
) -> None:
    assert getattr(run(extractor, text).mission, field) == value


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # A perfective participle before the documents, and "а также <document>".
        (
            "Итоги визита\nГубернатор Олег Рябов посетил Узбекистан. Итогом стали подписанные "
            "соглашения с Андижанской и Наманганской областями, а также дорожная карта.",
            3,
        ),
        # An earlier agreement named with its year is not a new signing.
        (
            "Итоги визита\nГубернатор Олег Рябов посетил Узбекистан. Стороны обсудили подписанное "
            "в 2021 году соглашение.",
            0,
        ),
        # "меморандум … и план мероприятий": two documents, the first ending before the second.
        (
            "Визит в Китай\nПо итогам переговоров губернатор Олег Рябов и вице-губернатор "
            "провинции подписали меморандум о сотрудничестве и план мероприятий на два года.",
            2,
        ),
        # "побратимство Бобруйска и Вятска": a name after "и" is no further document.
        (
            "Визит\nГубернатор Олег Рябов посетил Беларусь. Подписан договор о побратимстве "
            "Речицы и Кедровска.",
            1,
        ),
        # "Состоялась церемония подписания …" reports a signing.
        (
            "Гости из Тавании\nСегодня в области с визитом находится делегация Тавании. Утром "
            "состоялась церемония подписания Меморандума о намерениях.",
            1,
        ),
    ],
)
def test_real_agreement_counts(extractor: Extractor, text: str, count: int) -> None:
    assert len(run(extractor, text).mission.agreements) == count


def test_motor_show_is_an_event(extractor: Extractor) -> None:
    text = (
        "Командировка\nГубернатор Анатолий Щеглов прилетел в Китай и принимает участие в "
        "Гуанчжоуском международном автосалоне."
    )
    assert run(extractor, text).mission.event == "Гуанчжоуский международный автосалон"
