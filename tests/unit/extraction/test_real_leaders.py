"""Table-driven tests of the leader rules of round 4 (issue 8, catalogue «Round 4 — the leader»):
the host as the grammatical subject, the guest in an oblique case; a title line run into the
body; the role an arrival sentence names.

Every sentence, person and region is invented; each row has the shape of a structure counted in
tests/corpus/catalog/missions.md (round 4 — the leader).
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.models import PostInput
from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2025, 7, 15)


run = partial(extract_text, published=PUBLISHED)


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A fronted accusative guest, the host governor after the verb: the guest leads.
        (
            "Визит полпреда\nВ аэропорту «Тальск» Петра Волынцева встречал губернатор Тальской "
            "области Игорь Седов. Гость посетит несколько заводов.",
            "Пётр Волынцев",
        ),
        # The host receives a delegation; the head met «с главой республики …» leads.
        (
            "Встреча\nГубернатор Кедровской области Олег Ватутин принял делегацию Луговой "
            "Республики — с главой республики Тимуром Рахимовым он обсудил поставки зерна.",
            "Тимур Рахимов",
        ),
        # The delegation went to the republic; its premier hosts and meets the vice-governor.
        (
            "Дни области\nДелегация нашего региона прибыла в Степную Республику. Сегодня "
            "Председатель Правительства Степной Республики Аслан Тамаев встретился с "
            "вице-губернатором Ильёй Мезенцевым и депутатами областной думы.",
            "Илья Мезенцев",
        ),
        # An outbound governor meets a republic's president: the governor still leads.
        (
            "Поездка\nВ субботу губернатор Ольховской области Семён Рябов в ходе рабочей поездки "
            "в Верхнеозёрск встретился с президентом Раздольной Республики Ринатом Галиевым.",
            "Семён Рябов",
        ),
        # A title line run into the body ("… Анна Лисицына\n\nВ Озёрск …") is cut back to the
        # name the post writes elsewhere.
        (
            "В Озёрск приехала представитель министерства Анна Лисицына\n\nВ Озёрск приехала "
            "представитель Министерства иностранных дел России Анна Лисицына. С дипломатом "
            "встретился губернатор Озёрской области Павел Гуров.",
            "Анна Лисицына",
        ),
        # A trip phrase opens the clause: the governor travels, the ambassador met hosts.
        (
            "Губернатор в Тавграде\nВо время рабочего визита в Тавград губернатор Ставровского "
            "края Илья Вадимов встретился с послом России в Тавании Борисом Гладковым.",
            "Илья Вадимов",
        ),
        # "он возглавляет делегацию": the pronoun's person leads, not the member named after.
        (
            "Губернатор приехал в Тавию\nГубернатор Псковецкой области Михаил Ведерин приехал в "
            "Тавию с рабочим визитом. Как сообщили в пресс-службе, он возглавляет официальную "
            "делегацию, в составе которой председатель областного Собрания Александр Котин.",
            "Михаил Ведерин",
        ),
        # A role alone opens the trip sentence: the one governor named before is its subject.
        (
            "Итоги форума\nВ правительстве области прошла пресс-конференция губернатора Олега "
            "Ковалькова об итогах Петербургского международного экономического форума. "
            "Губернатор принял участие в пленарных заседаниях и провёл переговоры с инвесторами.",
            "Олег Ковальков",
        ),
        # A title naming only a role travels: the облисполком chairman met there hosts.
        (
            "Губернатор Кедровской области прибыл в Тавград\nВетлугин встретился с "
            "председателем Тавградского облисполкома Андреем Кравченко. Иван Ветлугин отметил, "
            "что область готова к поставкам.",
            "Иван Ветлугин",
        ),
        # "вместе с губернатором": the companion never leads over the subject.
        (
            "Визит полпреда\nПолпред Президента в УрФО Артём Лукин вместе с губернатором "
            "Кедровской области Иваном Ветлугиным посетил завод в Кедровске.",
            "Артём Лукин",
        ),
        # A relative clause of staying on a visit names the traveller, whoever is the subject.
        (
            "Переговоры в Тавграде\nПредседатель Тавградского облисполкома Андрей Кравченко "
            "провёл переговоры с губернатором Кедровской области Иваном Ветлугиным, который "
            "находится в Тавграде с рабочим визитом.",
            "Иван Ветлугин",
        ),
        # "Красноборский губернатор уехал …": an adjective before the role word alone.
        (
            "Сосновский губернатор уехал в Москву на коллегию\nГубернатор Сосновской области "
            "Олег Бурцев во вторник выступил на коллегии министерства в Москве.",
            "Олег Бурцев",
        ),
        # "встретился с делегацией …. В её составе — …": the host meets; the listed guest leads.
        (
            "Делегация\nГубернатор Кедровской области Иван Ветлугин встретился с делегацией "
            "провинции Цзилинь. В её составе — заместитель губернатора провинции Ли Вэй.",
            "Ли Вэй",
        ),
        # The meeting's place is not of the subject's territory: he travelled; the provincial
        # governor met there hosts.
        (
            "Визит в Китай\nСегодня глава Кедровской области Иван Ветлугин встретился с "
            "губернатором провинции Хэйлунцзян Ху Чанем в Харбине.",
            "Иван Ветлугин",
        ),
        # An ambassador's country run into the name is dropped.
        (
            "Посол\nПосол Тавании Арно Вилар находится в Кедровской области с рабочим визитом. "
            "Губернатор Иван Ветлугин провёл с ним встречу.",
            "Арно Вилар",
        ),
        # "Подписи под документом поставили губернатор X и генеральный директор Y": the idiom
        # signs like "подписали"; of an official and a company head the official leads.
        (
            "ПМЭФ\nНа ПМЭФ подписано соглашение между правительством Кедровской области и АО "
            "«Луч». Подписи под документом поставили губернатор Иван Ветлугин и генеральный "
            "директор компании Олег Сомов.",
            "Иван Ветлугин",
        ),
        # The role alone travels and the one person named (in an attribution) holds no role.
        (
            "Визит в Тавград\nГубернатор Кедровской области прибыл в Тавград. «Нам есть что "
            "предложить партнёрам», — отметил Иван Ветлугин.",
            "Иван Ветлугин",
        ),
    ],
)
def test_round4_leader(extractor: Extractor, text: str, leader: str) -> None:
    assert run(extractor, text).mission.leader == leader


def test_arrival_sentence_gives_the_guest_role(extractor: Extractor) -> None:
    mission = run(
        extractor,
        "В Тальскую область прибыл полномочный представитель Президента России\n\nВ аэропорту "
        "«Тальск» Петра Волынцева встречал губернатор Тальской области Игорь Седов.",
    ).mission
    assert mission.leader == "Пётр Волынцев"
    assert mission.leader_role == "полномочный представитель Президента России"


def test_appointment_cue_does_not_hide_a_met_guest(extractor: Extractor) -> None:
    mission = run(
        extractor,
        "Полпред в области\nЭто первый приезд в регион нового полпреда, который был назначен "
        "указом Президента 26 июня. В аэропорту Петра Волынцева встречал губернатор Тальской "
        "области Игорь Седов.",
    ).mission
    assert mission.leader == "Пётр Волынцев"


def test_met_person_does_not_lead_without_a_host(extractor: Extractor) -> None:
    # The subject meets someone "с …" but hosts nobody: no delegation came or went.
    mission = run(
        extractor,
        "Совещание\nГубернатор Кедровской области Олег Ватутин встретился с министром "
        "строительства области Ильёй Мезенцевым. Обсудили ремонт дорог.",
    ).mission
    assert mission.leader != "Илья Мезенцев"


def test_plain_appointment_stays_no_mission(extractor: Extractor) -> None:
    mission = run(
        extractor,
        "Назначение\nИгорь Седов назначен министром строительства Тальской области указом "
        "губернатора.",
    ).mission
    assert mission.leader is None


def test_guests_of_the_region_mark_an_inbound_visit(extractor: Extractor) -> None:
    # "Гости нашего региона отправятся …": the ambassador received is a guest and leads.
    mission = run(
        extractor,
        "Посол в области\nГубернатор Кедровской области Александр Бобров провёл рабочую встречу "
        "с Чрезвычайным и Полномочным Послом Республики Тавания в России Яном Ковальским. "
        "Гости нашего региона отправятся на сигарную фабрику.",
    ).mission
    assert mission.leader == "Ян Ковальский"


def test_role_word_subject_needs_one_person(extractor: Extractor) -> None:
    # Two people named, neither with the role: the role word stands for neither.
    mission = run(
        extractor,
        "Визит в Тавград\nГубернатор Кедровской области прибыл в Тавград. «Нам есть что "
        "предложить», — отметил Иван Ветлугин. «Ждём гостей», — добавил Олег Сомов.",
    ).mission
    assert mission.leader not in ("Иван Ветлугин", "Олег Сомов")


def test_role_word_subject_needs_one_holder(extractor: Extractor) -> None:
    # Two governors named: "Губернатор принял участие" may mean either, so neither is chosen
    # by the role word.
    mission = run(
        extractor,
        "Пресс-конференция\nГубернатор Кедровской области Олег Ватутин и губернатор Тальской "
        "области Игорь Седов провели совещание о дорогах. Губернатор принял участие в "
        "обсуждении бюджета.",
    ).mission
    assert mission.leader is None


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # A generic back-reference gives way to the one specific role the post writes.
        (
            "Визит в Тавград\nГлава региона Иван Ветлугин прибыл в Тавград. Губернатор "
            "Кедровской области встретился с председателем облисполкома.",
            "губернатор Кедровской области",
        ),
        # A role word alone standing for the leader ("Кедровский губернатор подписал …").
        (
            "Кедровский губернатор подписал соглашение на ПМЭФ\nИван Ветлугин подписал "
            "соглашение с компанией «Луч».",
            "губернатор",
        ),
        # "во главе с Иваном Ветлугиным" is a cue, never the role "глава с".
        (
            "Делегация в Тавграде\nДелегация Кедровской области во главе с Иваном Ветлугиным "
            "прибыла в Тавград. Губернатор встретился с председателем облисполкома.",
            "губернатор",
        ),
    ],
)
def test_round4_leader_role(extractor: Extractor, text: str, role: str) -> None:
    mission = run(extractor, text).mission
    assert mission.leader == "Иван Ветлугин"
    assert mission.leader_role == role


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A federal minister arriving, told in the host governor's own post: the guest leads.
        (
            "Гость\nВ Кедровск прилетел Министр промышленности РФ Антон Алиев. Вместе посетили "
            "завод «Кедрмаш».",
            "Антон Алиев",
        ),
        # "Прилетели с делегацией в Минск": the author's "we" travels; the host met is no guest.
        (
            "Минск\nПрилетели с делегацией в Минск. Председатель облисполкома Андрей Кравцов "
            "встретил нас в аэропорту.",
            "Иван Ветлугин",
        ),
    ],
)
def test_round4_first_person_leader(extractor: Extractor, text: str, leader: str) -> None:
    post = PostInput(text=text, published=PUBLISHED, author="Иван Ветлугин")
    assert extractor.extract(post).mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # A national office without «РФ» heads the delegation; the governor inside it leads.
        (
            "Визит\nГубернатор Кедровской области Иван Ветлугин в составе делегации Правительства "
            "Российской Федерации посетил Тавград. Делегацию возглавил Председатель "
            "Правительства Михаил Берестов.",
            "Иван Ветлугин",
        ),
        (
            "Визит\nДелегацию возглавил вице-премьер Алексей Остапчин. В её состав вошёл "
            "губернатор Кедровской области Иван Ветлугин. Делегация посетила Тавград.",
            "Иван Ветлугин",
        ),
        # "во главе с Председателем Госдумы …" before the verb is no subject of the trip.
        (
            "Визит\nИван Ветлугин в составе российской делегации во главе с Председателем "
            "Госдумы Вячеславом Гранатовым посетил Тавград.",
            "Иван Ветлугин",
        ),
        # No governor is a member: a federal delegation coming into the region is the guest.
        (
            "Визит\nВ Кедровскую область прибыла делегация во главе с вице-премьером Алексеем "
            "Остапчиным. Гостей встретил губернатор Кедровской области Иван Ветлугин.",
            "Алексей Остапчин",
        ),
    ],
)
def test_round4_governor_inside_national_delegation(
    extractor: Extractor, text: str, leader: str
) -> None:
    assert run(extractor, text).mission.leader == leader


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # An arrival participle in the instrumental after the person met names the traveller.
        (
            "Переговоры\nГубернатор Кедровской области Иван Ветлугин провёл переговоры с главой "
            "Луговой Республики Тимуром Рахимовым, прибывшим в Кедровск с рабочим визитом.",
            "Тимур Рахимов",
        ),
        # Two officials visit a plant in the city of one's territory: the other is the guest.
        (
            "Визит\nГубернатор Кедровской области Иван Ветлугин и глава Луговой Республики Тимур "
            "Рахимов посетили завод «Кедрмаш» в Кедровске.",
            "Тимур Рахимов",
        ),
        # A territory noun run into the name ("Республики Тимур Рахимов") is dropped.
        (
            "Визит\nВ Кедровскую область прибыл глава Луговой Республики Тимур Рахимов. "
            "Губернатор Иван Ветлугин показал гостю новый завод.",
            "Тимур Рахимов",
        ),
    ],
)
def test_round4_guest_beside_host(extractor: Extractor, text: str, leader: str) -> None:
    assert run(extractor, text).mission.leader == leader


@pytest.mark.parametrize(
    "text",
    [
        # Federal and regional signers together: the federal side never leads the region's.
        "ПМЭФ\nМинистр промышленности и торговли РФ Антон Алиев и губернатор Кедровской области "
        "Иван Ветлугин подписали на ПМЭФ соглашение о развитии промышленности.",
        "ПМЭФ\nНа ПМЭФ соглашение подписали вице-премьер Марат Хусаинов и губернатор Кедровской "
        "области Иван Ветлугин.",
        "ВЭФ\nГлава Минвостокразвития Алексей Чекалин и губернатор Кедровской области Иван "
        "Ветлугин подписали на ВЭФ соглашение.",
    ],
)
def test_round4_federal_cosigner_does_not_lead(extractor: Extractor, text: str) -> None:
    assert run(extractor, text).mission.leader == "Иван Ветлугин"


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        # "Каменский губернатор": a region's adjective that is also a surname is no leader.
        (
            "Кедровский губернатор отправился в район\nГубернатор Иван Ветлугин сегодня "
            "отправился с рабочей поездкой в Ольховский район.",
            "Иван Ветлугин",
        ),
        # The governor who reports the signed agreements in his own channel leads.
        (
            "Губернаторы договорились на ПМЭФ\nНа ПМЭФ главы Кедровского края и Тальской области "
            "договорились о партнёрстве. Об этом губернатор Кедровского края, Иван Ветлугин, "
            "сообщил через свой телеграм-канал.",
            "Иван Ветлугин",
        ),
        # "группы компаний, которую возглавляет предприниматель X": a company's head, no cue.
        (
            "Губернатор на фабрике\nГубернатор Кедровской области Иван Ветлугин посетил фабрику "
            "ООО «Эталон». Это головное предприятие группы компаний, которую возглавляет "
            "предприниматель Олег Сомов.",
            "Иван Ветлугин",
        ),
    ],
)
def test_round4_reporter_and_adjective(extractor: Extractor, text: str, leader: str) -> None:
    assert run(extractor, text).mission.leader == leader
