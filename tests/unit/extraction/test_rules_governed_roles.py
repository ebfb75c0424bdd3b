"""Table-driven tests of roles that govern another role: "пресс-секретарь губернатора",
"заместитель руководителя …", "руководитель администрации главы республики". The person holds the
outer role; the governed one is its complement, never the person's own office (a press secretary
is not a governor, a deputy is not the head). Sentences and people are invented."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text

run = partial(extract_text, published=date(2025, 9, 15))


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # A press secretary in the genitive, quoted with a hyphen-minus attribution.
        (
            "Визит в Таванию\n\nПо словам пресс-секретаря губернатора Ветлужской области Олега "
            'Сизова, губернатор Максим Орлов проведёт в Тавании два дня. "Программа визита очень '
            'плотная", - сказал Сизов.',
            "Олег Сизов",
            "пресс-секретарь губернатора Ветлужской области",
        ),
        # An agency lead: the press secretary reports the governor's trip.
        (
            "Губернатор прибыл в Таванию\n\nТАРСК, 15 сен. Губернатор Ветлужской области Максим "
            "Орлов прибыл с визитом в Таванию, сообщил пресс-секретарь губернатора Олег Сизов.",
            "Олег Сизов",
            "пресс-секретарь губернатора",
        ),
        # Deputies of federal and company heads in a delegation list.
        (
            "Делегация\n\nВ состав делегации вошли заместитель руководителя Федеральной "
            "таможенной службы Пётр Ломов и заместитель генерального директора АО «Кедрмаш» "
            "Ирина Зуева.",
            "Пётр Ломов",
            "заместитель руководителя Федеральной таможенной службы",
        ),
        (
            "Делегация\n\nВ состав делегации вошли заместитель руководителя Федеральной "
            "таможенной службы Пётр Ломов и заместитель генерального директора АО «Кедрмаш» "
            "Ирина Зуева.",
            "Ирина Зуева",
            "заместитель генерального директора АО «Кедрмаш»",
        ),
        # Two genitive words between the outer role and the governed one.
        (
            "Встреча\n\nНа встрече присутствовал руководитель администрации главы республики "
            "Тимур Алиев.",
            "Тимур Алиев",
            "руководитель администрации главы республики",
        ),
        (
            "Встреча\n\nГубернатор обсудил проекты с заместителем председателя Союза "
            "строителей России Андреем Лыковым.",
            "Андрей Лыков",
            "заместитель председателя Союза строителей России",
        ),
        # Controls: a single role keeps its complement as before.
        (
            "Проекты\n\nМинистр экономики Ветлужской области Анна Белова представила проекты.",
            "Анна Белова",
            "министр экономики Ветлужской области",
        ),
        (
            "Визит\n\nГубернатор Ветлужской области Максим Орлов посетил завод.",
            "Максим Орлов",
            "губернатор Ветлужской области",
        ),
        # A role in the nominative after another role's complement is its own person's role.
        (
            "Визит\n\nНа встрече с послом Тавании губернатор Максим Орлов предложил проекты.",
            "Максим Орлов",
            "губернатор",
        ),
    ],
)
def test_the_person_holds_the_outer_role(
    extractor: Extractor, text: str, name: str, role: str
) -> None:
    people = {p.name: p.role for p in run(extractor, text).people}
    assert people.get(name) == role, people
