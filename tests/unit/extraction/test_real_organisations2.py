"""Table-driven tests of the organisation rules of round 3 (issue 8): long descriptive names,
eponyms, spelled-out legal forms, project owners, agencies travelling with a delegation, and
false organisations seen in real retellings.

Every sentence, person, region and organisation here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md (round 3).
"""

from __future__ import annotations

from datetime import date

import pytest

from govdigest.extraction.models import Extraction, PostInput
from govdigest.extraction.pipeline import Extractor

PUBLISHED = date(2025, 6, 10)


def run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(PostInput(text=text, published=PUBLISHED, author=None))


def kinds(extraction: Extraction) -> dict[str, str]:
    return {c.name.lower().replace('"', "«"): c.kind for c in extraction.companies}


# Rules: a descriptive name headed by «центр» with a genitive complement, as a member or a
# party, goes to the nominative; «имени …» tails are kept as written; a head-first name keeps
# an enumeration closed by «и» and a singular head; a full descriptive name before a designator
# is kept; spelled-out legal forms and plural «проектов «…»» name organisations; a federal
# agency whose people travel with the delegation is one.
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Губернатор провёл переговоры с руководством Северного центра судостроения и "
            "судоремонта.",
            "северный центр судостроения и судоремонта",
            "company",
        ),
        (
            "Соглашение подписано с Заречным центром промышленного развития.",
            "заречный центр промышленного развития",
            "company",
        ),
        (
            "Губернатор подписал соглашение с Озёрским государственным университетом имени "
            "Петра Лаптева.",
            "озёрский государственный университет имени петра лаптева",
            "university",
        ),
        (
            "Меморандум подписан с Кедровским химико-технологическим университетом им. Д. И. "
            "Соснина.",
            "кедровский химико-технологический университет им. д. и. соснина",
            "university",
        ),
        (
            "Губернатор и директор Ассоциации кластеров, технопарков и ОЭЗ России Олег Мухин "
            "заключили соглашение.",
            "ассоциация кластеров, технопарков и оэз россии",
            "association",
        ),
        (
            "Делегация Тальского машиностроительного объединения «Кедрмаш» прибыла в край.",
            "тальское машиностроительное объединение «кедрмаш»",
            "company",
        ),
        (
            "Подписано соглашение между правительством области и автономной некоммерческой "
            "организацией «Центр региональной аналитики».",
            "центр региональной аналитики",
            "company",
        ),
        (
            'Губернатор подписал соглашение с некоммерческим партнерством "Центр передачи '
            'технологий".',
            "центр передачи технологий",
            "company",
        ),
        (
            "Инженерные направления будут развиваться на базе проектов «Северонефть» и «Талгаз».",
            "северонефть",
            "company",
        ),
        (
            "В состав делегации вошли представители Минпромторга России и предприятий края.",
            "минпромторг россии",
            "agency",
        ),
        (
            "Губернатор вместе с коллегами из Минэкономразвития России работает на выставке.",
            "минэкономразвития россии",
            "agency",
        ),
        (
            "Губернатор встретился с президентом «Концерна „Талица“» Аланом Дёминым.",
            "концерн «талица»",
            "company",
        ),
        (
            "Накануне правительство подписало соглашение с группой «Лесвис».",
            "лесвис",
            "company",
        ),
        (
            "Губернатор посетил несколько предприятий, в числе которых ТМЗ, Кедрокоммунмаш, "
            "Заречный домостроительный комбинат.",
            "тмз",
            "company",
        ),
        (
            "Документ подписали губернатор и заместитель председателя правления Кедрбанка "
            "Алексей Белов.",
            "кедрбанк",
            "company",
        ),
        (
            "Приехали вместе с руководителями предприятий и вузов: ООО «Тал-Фарм», Прибрежный "
            "технологический университет.",
            "прибрежный технологический университет",
            "university",
        ),
        (
            "В делегацию вошли представители «Криотока», «Ветраля» и «Сеалтека».",
            "сеалтек",
            "company",
        ),
        (
            "Губернатор провёл встречу с руководством ЧЭАЗа и обсудил новые заказы.",
            "чэаз",
            "company",
        ),
        (
            "В присутствии губернатора соглашение подписали АО «Ветлуга» и ООО «Талгаз».",
            "ао «ветлуга»",
            "company",
        ),
        (
            "Соглашение подписали губернатор и генеральный директор Корпорации развития "
            "Кедровской области Иван Рыбин.",
            "корпорация развития кедровской области",
            "company",
        ),
        (
            "Губернатор встретился с ректором Кедровского государственного медицинского "
            "университета имени профессора И. П. Павлова.",
            "кедровский государственный медицинский университет имени профессора и. п. павлова",
            "university",
        ),
    ],
)
def test_round3_organisations(extractor: Extractor, text: str, name: str, kind: str) -> None:
    found = kinds(run(extractor, text))
    assert found.get(name) == kind, found


# Rules: council titles, bylines glued to a city, Telegram accounts, pavilions, ВДНХ,
# colloquial region names, lists of provinces, venues called «центр» without a complement and
# programmes in the plural are never organisations; a descriptive name's complement never runs
# into the next phrase.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "В присутствии Председателя Совета Федерации губернатор подписал соглашение с "
            "ООО «Северлес».",
            "председатель совета",
        ),
        (
            "Тарск, 13 сентября 2025. ТарскNews. Губернатор подписал соглашение с АО «Ветлуга».",
            "news",
        ),
        (
            "«Подписано соглашение», — написал губернатор в своём Telegram-аккаунте. Партнёр — "
            "АО «Ветлуга».",
            "telegram-аккаунт",
        ),
        (
            "Дорожную карту подписали в павильоне «Тавания» на ВДНХ с АО «Ветлуга».",
            "тавания",
        ),
        (
            "Подписи поставили губернатор и глава Заречины Олег Дубов, а также АО «Ветлуга».",
            "заречины",
        ),
        (
            "Представители региона посетят три провинции КНР — Хэйлунцзян, Цзилинь и Ляонин.",
            "цзилинь",
        ),
        (
            "Соглашение с АО «Ветлуга» подписали в Озёрском выставочном центре.",
            "озёрский выставочный центр",
        ),
        (
            "КОЛЫМСК. КОЛЫМА-ПРЕСС. Губернатор подписал меморандум с АО «Ветлуга».",
            "колымск",
        ),
        (
            'Гости подпишут соглашение с АО «Ветлуга», сообщили "Севинформу" в пресс-службе.',
            "севинформ",
        ),
        (
            "Меморандум подписали губернатор и президент NORDLINE Аркадий Шубин в присутствии "
            "директора по развитию Госкорпорации «Севератом» Екатерины Ворониной.",
            "госкорпорация «севератом»",
        ),
        (
            "Губернатор подписал соглашение с АО «Ветлуга». Фото: «Кедровская Губерния».",
            "кедровская губерния",
        ),
        ("Губернатор подписал соглашение с АО «Ветлуга». Видео: «Сейм»", "сейм"),
        (
            "Область участвует в соглашении о реализации проектов «Демография» и «Экология».",
            "демография",
        ),
        (
            "Губернатор обсудил с руководителем Тальского сахарного завода перспективы "
            "развития завода и подписал соглашение.",
            "тальский сахарный завод перспективы развития завода",
        ),
    ],
)
def test_round3_not_organisations(extractor: Extractor, text: str, absent: str) -> None:
    assert absent not in kinds(run(extractor, text))


# Rule: a lone adjective before a designator stays outside the name ("новый завод «…»").
def test_plain_adjective_before_designator_is_dropped(extractor: Extractor) -> None:
    found = kinds(run(extractor, "Губернатор посетил новый завод «Талица» и холдинг «Кедрагро»."))
    assert "завод «талица»" in found and "холдинг «кедрагро»" in found, found
