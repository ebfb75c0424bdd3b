"""Table-driven tests of the organisation rules of round 12 (precision on real posts about
forum agreements, business missions and university partnerships): a person's post or an award
read as an organisation, abbreviations of common nouns, a channel's own subscription footer, a
slogan that counts things, truncated or declined forms of unions and chambers, a branch inside
a name, the first item of a list opened by a verb, a quoted name after its designator.

Every sentence, person, region and company here is invented; each row has the shape of a
structure seen in the real posts of the sweep.
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


# Rule: no party to the mission — a person's post that NER tags as an organisation, an award
# in quotes, an abbreviation of a common noun, a medium the post asks to subscribe to, a
# quoted slogan that counts things, a designator group before "по …" and a quoted name.
@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Участники бизнес-миссии компания «Кедрмет» и компания «Тальлес» провели переговоры "
            "с Торговым представителем РФ в Республике Озерстан.",
            "кедрмет",
            "торговый представитель",
        ),
        (
            "Делегацию Тальской области под руководством Заместителя Председателя Правительства "
            "– Министра экономического развития области Ивана Зорина приняли в АО «Озёрмаш».",
            "ао «озёрмаш»",
            "министр экономического развития",
        ),
        (
            "Губернатор Кедровской области Пётр Лисов получил «Почётный знак Союза кедровых "
            "промышленников» и подписал соглашение с ООО «Тальхим».",
            "ооо «тальхим»",
            "почётный знак союза кедровых промышленников",
        ),
        (
            "«Никакие ВКС не заменят живых встреч», — сказала президент палаты. Итогом поездки "
            "стал договор с компанией «Озёрагро».",
            "озёрагро",
            "вкс",
        ),
        (
            "Минэкономики, правительство Тальской области и компания «Кедрпром» подписали "
            "соглашение о защите и поддержке капиталовложений (СЗПК).",
            "кедрпром",
            "сзпк",
        ),
        (
            "Глава округа Иван Зорин подписал соглашение с ООО «Тальстрой». Подробнее о встрече "
            "ОЗЁРСК ЗА НЕДЕЛЮ рассказал Иван Зорин.\n\nПодписаться на ОЗЁРСК ЗА НЕДЕЛЮ",
            "ооо «тальстрой»",
            "озёрск за неделю",
        ),
        (
            'Губернатор встретился с гендиректором ПАО "Кедрнефть". Компания – крупный '
            'налогоплательщик, а бюджет – основа его "10 шагов" к цели, напомнил он.',
            "пао «кедрнефть»",
            "10 шагов",
        ),
        (
            "Совещание по соглашению между Государственной корпорацией по мирному атому "
            "«Кедратом» и правительством Тальской области провёл вице-губернатор.",
            "кедратом",
            "государственная корпорация",
        ),
    ],
)
def test_non_party_is_dropped(extractor: Extractor, text: str, kept: str, dropped: str) -> None:
    got = names(run(extractor, text))
    assert kept in got, got
    assert dropped not in got, got


# Rule: one organisation, one full name — a place after a bracketed alias closes the name, a
# capitalised adjective and a lower-case one before a capitalised head open it, the same
# words around an abbreviation and around its spelled-out name make one entry whose name is
# the spelled-out one, a regional branch is its parent, a quoted name after its designator
# stays nominative, an abbreviation in a list is spelled as written.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "На заседании правления Союза промышленников и предпринимателей (СПП) Тальской "
            "области подписали соглашение с ООО «Кедрхим».",
            {"союз промышленников и предпринимателей тальской области", "ооо «кедрхим»"},
        ),
        (
            "Соглашение будет подписано с Кедровским областным СПП. В заседании примет участие "
            "президент Кедровского областного Союза промышленников и предпринимателей Иван "
            "Зорин, и подписание Соглашения между ООО «Тальлифт» и Кедровским "
            "областным Союзом промышленников и предпринимателей станет главным пунктом.",
            {"кедровский областной союз промышленников и предпринимателей", "ооо «тальлифт»"},
        ),
        (
            "СПП Озёрской области подписал соглашение с ООО «Тальмаш». Подписи поставили "
            "директор Союза промышленников и предпринимателей Озёрской области Пётр Лисов и "
            "директор ООО «Тальмаш».",
            {"союз промышленников и предпринимателей озёрской области", "ооо «тальмаш»"},
        ),
        (
            "В переговорах участвовали президент Тальской ТПП, член Кедровского РО СоюзЛес "
            "Иван Зорин и член совета СоюзЛес Пётр Лисов.",
            {"тальская тпп", "союзлес"},
        ),
        (
            "Делегацию Тальской области приняли в Торгово-промышленной палате РФ, где прошли "
            "переговоры с ООО «Кедрхим».",
            {"торгово-промышленная палата рф", "ооо «кедрхим»"},
        ),
        (
            "В бизнес-миссии участвовали производитель насосов компания «Эрга» и производитель "
            "мебели компания «Кедрвуд».",
            {"эрга", "кедрвуд"},
        ),
        (
            "Подписи поставили руководители вузов. Участниками проекта стали ТОЗГУ, КЕДГУПС и "
            "ОЗГМУ. Кампус будет построен на базе Тальского озёрного госуниверситета.",
            {"тальский озёрный госуниверситет", "кедгупс", "озгму"},
        ),
        (
            "Участниками консорциума стали ТАГУ, КЕДГУПС, ОЗГМУ и ТАЛГИК.",
            {"тагу", "кедгупс", "озгму", "талгик"},
        ),
    ],
)
def test_one_full_name(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert names(run(extractor, text)) == expected


# Rule: an organisation named only in the background of the mission — a project's supporter,
# an owner's plant, a holding's local plant, a fair's general partner — is no party; named as
# a party elsewhere in the post it stays. A board is no organisation.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор Иван Зорин провёл встречу с гендиректором АО «Тальстрой». Новый проект "
            "имеет поддержку ПАО «Кедрогаз» и ПАО «Озёрнефть».",
            {"ао «тальстрой»"},
        ),
        (
            "Губернатор Иван Зорин встретился с генеральным директором ПАО «Кедрнефть» Петром "
            "Лисовым. Как напомнил губернатор, компании принадлежит Тальский НПЗ.",
            {"пао «кедрнефть»"},
        ),
        (
            "Губернатор Иван Зорин подписал соглашение с ООО «Тальагро». Отметим, что ООО "
            "«Тальагро» представлено в Озёрской области предприятием Кедровским молочным "
            "комбинатом.",
            {"ооо «тальагро»"},
        ),
        (
            "Губернатор Иван Зорин посетил АО «Тальмаш». Линия запущена при поддержке ПАО "
            "«Кедрбанк».",
            {"ао «тальмаш»"},
        ),
        (
            "Генеральным партнёром выставки станет ОАО «Озёрнефть». Участие подтвердили "
            "ОАО «Тальмаш» и группа «Кедр».",
            {"оао «тальмаш»", "кедр"},
        ),
        (
            "Губернатор Иван Зорин подписал соглашение с ПАО «Кедрбанк». Линия завода "
            "запущена при поддержке ПАО «Кедрбанк».",
            {"пао «кедрбанк»"},
        ),
        (
            "Решение приняли члены Наблюдательного совета фонда, сообщил директор ООО «Тальпром».",
            {"ооо «тальпром»"},
        ),
    ],
)
def test_background_is_no_party(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert names(run(extractor, text)) == expected


# Rule: universities that conclude agreements after a colon are parties; a university's team
# with the governor is a member; a university named in full with its abbreviation in brackets
# is one entry under its full name; a research university is a university; a launch site in
# quotes is a place.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Встречи завершились подписанием соглашений. С нашей стороны их заключили: "
            "Тальский государственный медицинский университет и Тальская государственная "
            "аграрная академия.",
            {
                "тальский государственный медицинский университет": "university",
                "тальская государственная аграрная академия": "university",
            },
        ),
        (
            "Губернатор Иван Зорин вместе с командой Кедровского государственного университета "
            "защитил программу развития вуза.",
            {"кедровский государственный университет": "university"},
        ),
        (
            "КедрГУ и область будут развивать кампус. Губернатор и ректор подписали соглашение "
            "между правительством региона и Кедровским государственным университетом (КедрГУ).",
            {"кедровский государственный университет": "university"},
        ),
        (
            "Соглашение подписали с Озёрским научно-исследовательским политехническим "
            "университетом.",
            {"озёрский научно-исследовательский политехнический университет": "university"},
        ),
        (
            "ТалГУ подписал договор с ОАО «Кедрмаш». Студенты увидят запуск с космодрома "
            "«Кедровый».",
            {"талгу": "university", "оао «кедрмаш»": "company"},
        ),
    ],
)
def test_university_parties(extractor: Extractor, text: str, expected: dict[str, str]) -> None:
    assert kinds(run(extractor, text)) == expected


# Rule: a well-known organisation declined as a dictionary word ("Сбербанка") is a name, not
# a common noun; a lone common word stays out.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор Иван Зорин встретился с руководством Сбербанка и подписал соглашение с "
            "ООО «Тальлес».",
            {"сбербанк", "ооо «тальлес»"},
        ),
        (
            "В рамках соглашения, подписанного с председателем правления Сбербанка Петром "
            "Лисовым, в Тальске откроется новый офис.",
            {"сбербанк"},
        ),
        (
            "Губернатор Иван Зорин встретился с руководством Промпроизводства и подписал "
            "соглашение с ООО «Тальлес».",
            {"ооо «тальлес»"},
        ),
    ],
)
def test_declined_known_name(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert names(run(extractor, text)) == expected


# Rule: a plant's activity after "по" is part of its name ("завод по обработке …"), a
# circumstance ("по поручению …") is not; a macro-region joined by "и" closes a name.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Губернатор с рабочим визитом посетил предприятия района: Тальский ГОК и Тальский "
            "завод по обработке цветных металлов.",
            {"тальский гок", "тальский завод по обработке цветных металлов"},
        ),
        (
            "Губернатор подписал соглашение с Озёрским комбинатом по переработке льна.",
            {"озёрский комбинат по переработке льна"},
        ),
        (
            "Губернатор посетил Кедровский завод по поручению министра и подписал соглашение "
            "с ООО «Тальлес».",
            {"кедровский завод", "ооо «тальлес»"},
        ),
        (
            "Подписано соглашение между правительством Тальской области и Фондом содействия "
            "Дальнего Востока и Арктики о строительстве порта.",
            {"фонд содействия дальнего востока и арктики"},
        ),
    ],
)
def test_name_tails(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert names(run(extractor, text)) == expected


# Rule: university abbreviations that go on after "ГУ", a medical university's and a state
# academy's abbreviations are universities by kind; a brand in capitals stays a company.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Участниками консорциума стали ТАГУЭП, КЕДГУПС и ОЗГМУ.",
            {"тагуэп": "university", "кедгупс": "university", "озгму": "university"},
        ),
        (
            "Соглашение о сотрудничестве заключили ТГУ и ТГСХА.",
            {"тгу": "university", "тгсха": "university"},
        ),
        (
            "Губернатор подписал соглашение с компанией «ОМЕГА».",
            {"омега": "company"},
        ),
    ],
)
def test_university_abbreviation_kinds(
    extractor: Extractor, text: str, expected: dict[str, str]
) -> None:
    assert kinds(run(extractor, text)) == expected
