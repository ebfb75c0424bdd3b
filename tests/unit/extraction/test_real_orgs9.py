"""Table-driven tests of the organisation rules of round 9 (issue 8, the second real-text
sweep): a plant named only as a topic, a customer or a landmark; business communities known by
a name that hides their kind; a university's abbreviation beside its full name with a patron.

Every sentence, person, region and company here is invented; each row has the shape of a
structure counted in tests/corpus/catalog/organisations.md ("Round 9 — organisations, second
sweep").
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text
from tests.unit.extraction.posts import org_kinds as kinds
from tests.unit.extraction.posts import org_names as names

PUBLISHED = date(2025, 6, 10)


run = partial(extract_text, published=PUBLISHED)


# Rule: a plant named only as what was talked about ("вопрос о перспективах работы завода «…»"),
# a customer ("оборудование для ОАО «…»") or a landmark ("мимо … завода") is no party; the
# partner the governor met stays.
@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Губернатор Тальской области Иван Зорин встретился с генеральным директором "
            "корпорации «Кедртех» Петром Лисовым. Отдельно был затронут вопрос о перспективах "
            "работы завода «Озёрный каучук» в посёлке Луговом.",
            "кедртех",
            "озёрный каучук",
        ),
        (
            "Глава региона Иван Зорин провёл переговоры с руководством ПАО «Тальнефть». Вопрос "
            "о закупках продукции ОАО «Кедровский трубный завод» вынесут на совет директоров.",
            "тальнефть",
            "кедровский трубный завод",
        ),
        (
            "Губернатор Иван Зорин посетил ООО «Озёрмаш». Здесь собирают оборудование для "
            "АО «Тальский металлургический комбинат».",
            "озёрмаш",
            "тальский металлургический комбинат",
        ),
        (
            "Делегация Тальской области во главе с губернатором Иваном Зориным посетила "
            "компанию «Кедрострой», а по дороге проехала мимо завода «Озёрсталь».",
            "кедрострой",
            "озёрсталь",
        ),
        (
            "Губернатор Иван Зорин обсудил вопрос о модернизации завода «Лугорезина» с министром "
            "промышленности. Подписано соглашение с компанией «Таль-Агро».",
            "таль-агро",
            "лугорезина",
        ),
    ],
)
def test_plant_named_only_as_topic_is_no_party(
    extractor: Extractor, text: str, kept: str, dropped: str
) -> None:
    got = names(run(extractor, text))
    assert any(kept in name for name in got), got
    assert not any(dropped in name for name in got), got


# The cue keeps its bounds: a partner after "с", a supplier after "оборудование для новой
# линии", a plant named again elsewhere stays.
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Губернатор Иван Зорин обсудил вопрос о сотрудничестве с компанией «Кедрлес».",
            "кедрлес",
        ),
        (
            "Губернатор Иван Зорин открыл новый цех. Оборудование для новой линии поставило "
            "ООО «Озёрстанок».",
            "озёрстанок",
        ),
        (
            "Губернатор Иван Зорин посетил завод «Тальхим». Затронут вопрос о перспективах "
            "работы завода «Тальхим» на внешних рынках.",
            "тальхим",
        ),
    ],
)
def test_topic_cue_keeps_partners(extractor: Extractor, text: str, kept: str) -> None:
    got = names(run(extractor, text))
    assert any(kept in name for name in got), got


# Rule: business communities known by a name that hides their kind are associations, written
# in their own spelling whatever the case or capitals; "… сообщество" is an association too.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Губернатор Тальской области Иван Зорин и региональное отделение «Опоры России» "
            "подписали соглашение о взаимодействии.",
            "опора россии",
        ),
        (
            "Заместитель губернатора Пётр Лисов встретился с руководителями комитетов "
            "Тальского отделения «ОПОРЫ РОССИИ».",
            "опора россии",
        ),
        (
            "Губернатор Тальской области Иван Зорин и крупнейшие бизнес-сообщества региона "
            "«Опора России» и «Деловая Россия» подписали трёхстороннее соглашение.",
            "деловая россия",
        ),
    ],
)
def test_known_business_communities_are_associations(
    extractor: Extractor, text: str, name: str
) -> None:
    got = kinds(run(extractor, text))
    assert got.get(name) == "association", got


# Rule: a patron closing a university's name never enters its abbreviation: "Тальский
# государственный университет имени …" and "ТГУ" are one university.
@pytest.mark.parametrize(
    ("text", "full"),
    [
        (
            "Подписан договор между правительством Тальской области и Тальским государственным "
            "университетом имени А.Б. Кедрова. Документ скрепили губернатор Иван Зорин и "
            "ректор ТГУ Пётр Лисов.",
            "тальский государственный университет имени а.б. кедрова",
        ),
        (
            "Губернатор Иван Зорин подписал соглашение с Озёрским государственным техническим "
            "университетом имени Петра Лугова. Ректор ОГТУ Анна Кедрова показала лаборатории.",
            "озёрский государственный технический университет имени петра лугова",
        ),
    ],
)
def test_abbreviation_beside_patron_name_is_one_university(
    extractor: Extractor, text: str, full: str
) -> None:
    got = kinds(run(extractor, text))
    assert full in got and got[full] == "university", got
    assert len([n for n in got if got[n] == "university"]) == 1, got


# Rule: a dateline may name the region after the city ("ОЗЁРСК-ТАЛЬСКИЙ, Тальская область,
# 4 февраля — «ТИК»."): the agency closing it reports, it takes no part.
@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "ОЗЁРСК-ТАЛЬСКИЙ, Тальская область, 4 февраля — «ТИК». Заместитель губернатора "
            "Пётр Лисов посетил ОАО «Озёрское стекло».",
            "озёрское стекло",
            "тик",
        ),
        (
            "КЕДРОГОРСК, Республика Кедрия, 12 марта — «Кедр-пресс». Глава республики Иван "
            "Зорин побывал на ООО «Кедрмаш».",
            "кедрмаш",
            "кедр-пресс",
        ),
    ],
)
def test_dateline_with_region_names_no_party(
    extractor: Extractor, text: str, kept: str, dropped: str
) -> None:
    got = names(run(extractor, text))
    assert any(kept in name for name in got), got
    assert not any(dropped in name for name in got), got


# Rule: one name written with and without its space or hyphen ("Тальнефть Восток",
# "Тальнефтьвосток") is one organisation.
@pytest.mark.parametrize(
    ("text", "core"),
    [
        (
            "Спонсорами клуба станут компании «Кедрнефть» и «Озёргаз». Документ подписали "
            "губернатор Иван Зорин и генеральный директор ОАО «Кедр нефть» Пётр Лисов.",
            "кедрнефть",
        ),
        (
            "Губернатор Иван Зорин встретился с руководством ООО «Таль-Агро». Компания "
            "«ТальАгро» построит в области новый элеватор.",
            "тальагро",
        ),
    ],
)
def test_spelling_variants_are_one_organisation(
    extractor: Extractor, text: str, core: str
) -> None:
    got = names(run(extractor, text))
    cores = [n for n in got if core in n.replace(" ", "").replace("-", "")]
    assert len(cores) == 1, got
