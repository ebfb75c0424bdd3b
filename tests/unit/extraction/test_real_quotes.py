"""Table-driven tests of the quote and speaker rules for real-post typography (issue 8, 13).

Every sentence here is invented; the shapes are those counted in tests/corpus/catalog/quotes.md.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.models import Extraction
from govdigest.extraction.pipeline import Extractor
from govdigest.extraction.text import clean_lines, strip_residue_line
from tests.unit.extraction.posts import extract_text

PUBLISHED = date(2026, 3, 14)


run = partial(extract_text, published=PUBLISHED)


def _direct(result: Extraction) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in result.quotes if q.kind == "direct"]


# (text, speaker, first words of the one direct quote expected)
SPEECH_SHAPES = [
    pytest.param(
        "Визит на завод\nГубернатор Озёрской области Иван Пронин побывал на заводе.\n"
        "- Мы помним о каждом работнике, - подчеркнул Иван Пронин.",
        "Иван Пронин",
        "Мы помним о каждом работнике",
        id="hyphen-minus-paragraph",
    ),
    pytest.param(
        "Верфь\nГлава Устьлужской области Пётр Сомов открыл цех.\n"
        "«Здесь был пустырь, - сказал Пётр Сомов. - Теперь здесь 300 рабочих мест».",
        "Пётр Сомов",
        "Здесь был пустырь. Теперь здесь 300",
        id="hyphen-minus-interrupted",
    ),
    pytest.param(
        "Итоги выставки\nДелегацию возглавил губернатор Олег Ранцев.\n"
        "Олег Ранцев, губернатор Сосновской области:\n"
        "Для нас это новый рынок, и мы хотим видеть первые заказы уже летом.",
        "Олег Ранцев",
        "Для нас это новый рынок",
        id="interview-layout-heading",
    ),
    pytest.param(
        "Экспорт\nОбласть удвоит поставки зерна в Египет, заявил губернатор Кедровской области "
        "Роман Валиев.",
        "Роман Валиев",
        "Область удвоит поставки зерна",
        id="unquoted-speech-zayavil",
    ),
    pytest.param(
        "Программа\nГубернатор Верховской области Тимур Ахмедов утвердил программу. Документ, по "
        "словам главы региона, «не формальность, а обязательство перед заводами».",
        "Тимур Ахмедов",
        "не формальность, а обязательство",
        id="fragment-after-po-slovam",
    ),
    pytest.param(
        '"Задачи ясные": Игорь Лыков прокомментировал поездку в Казань\n'
        "Губернатор Игорь Лыков вернулся из Казани.",
        "Игорь Лыков",
        "Задачи ясные",
        id="straight-headline-colon-commented",
    ),
    pytest.param(
        "Юбилей завода\nГубернатор Холмской области Вадим Рощин поздравил коллектив завода.\n"
        "- Дорогие друзья, за сорок лет завод ни разу не остановил конвейер.",
        "Вадим Рощин",
        "Дорогие друзья, за сорок лет",
        id="dash-paragraph-after-lead-sentence",
    ),
    pytest.param(
        "Итоги недели\nОлег Сомов:\n«\nПлюс один новый завод в экономической зоне и новые "
        "врачи в районах.",
        "Олег Сомов",
        "Плюс один новый завод",
        id="heading-then-lone-opening-mark",
    ),
    pytest.param(
        "Поздравление\nС праздником бизнес поздравил губернатор Тихой области Игорь Лесков.\n"
        "«– Тихая область славится предприимчивыми людьми»,\n– отмечено в поздравлении главы "
        "региона.",
        "Игорь Лесков",
        "Тихая область славится",
        id="dash-inside-marks-attribution-next-line",
    ),
    pytest.param(
        "Коллегия\nГубернатор Светлой области Олег Мухин выступит на коллегии.\n"
        "«Губернатор доложит о посевной и об элеваторах», — говорится в сообщении пресс-службы "
        "областной администрации.",
        "пресс-служба областной администрации",
        "Губернатор доложит о посевной",
        id="press-service-govoritsya",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "starts"), SPEECH_SHAPES)
def test_direct_speech_on_real_typography(
    extractor: Extractor, text: str, speaker: str, starts: str
) -> None:
    quotes = _direct(run(extractor, text))
    assert any(s == speaker and t.startswith(starts) for s, t in quotes), quotes


# Shapes that must NOT become direct quotes.
NOT_SPEECH = [
    pytest.param(
        "Ремонт\nПодрядчик обновил покрытие на трёх улицах города, сообщили журналистам.",
        id="anonymous-plural-unquoted",
    ),
    pytest.param(
        "Итоги\nПо словам губернатора, область выполнила план, заявил Иван Пронин.",
        id="po-slovam-opener-not-unquoted-speech",
    ),
    pytest.param(
        "Совещание\nГубернатор Ольга Ветрова провела совещание.\n"
        "- ремонт дорог;\n- закупка автобусов;\n- новые школы.",
        id="dash-list-after-lead",
    ),
    pytest.param(
        "Вино\nГубернатор Тальского края Вениамин Горюнов расскажет о виноделии, которое "
        "представлено в регионе «Тальской лозой», «Кедровой долиной», «Озёр-Вино».",
        id="comma-list-of-quoted-brand-names",
    ),
]


@pytest.mark.parametrize("text", NOT_SPEECH)
def test_not_direct_speech(extractor: Extractor, text: str) -> None:
    assert _direct(run(extractor, text)) == []


# (text, the quote's first words, expected speaker: None where attribution is uncertain)
ATTRIBUTION_CONFIDENCE = [
    pytest.param(
        "Переговоры\nГубернатор Лесной области Сергей Ковров заявил, что экспорт вырастет. "
        "Об этом он сказал на переговорах с министром Павлом Рудаковым. По его словам, "
        "стороны откроют торговый дом в Харбине.",
        "стороны откроют торговый дом",
        "Сергей Ковров",
        id="pronoun-nearest-is-object-rival-subject",
    ),
    pytest.param(
        "Встреча\nГубернатор Мирной области Анна Ветлугина встретилась с инвесторами.\n"
        "«Регион нам интересен», — сказал вице-президент компании Халид Аль-Мансури.\n"
        "«Ждём вас в июне», — отметила она.",
        "Ждём вас в июне",
        "Анна Ветлугина",
        id="pronoun-skips-other-gender-first-name",
    ),
    pytest.param(
        "Встреча\nГубернатор Ельцовской области Глеб Сотников встретился с мэром Антоном "
        "Лапиным, и, по его словам, город получит новый мост.",
        "город получит новый мост",
        None,
        id="pronoun-two-candidates-same-sentence",
    ),
    pytest.param(
        "Визит\nГубернатор Озёрской области встретился с Рустамом Миннибаевым.\n"
        "«Поставки начнём весной», — отметил губернатор.",
        "Поставки начнём весной",
        None,
        id="role-subject-of-verb-not-bound-to-object-name",
    ),
    pytest.param(
        "Завод\nГубернатор Светлой области Игорь Бакланов посетил завод. На предприятии "
        "сообщили губернатору Игорю Бакланову, что завод нарастит выпуск эмалей.",
        "завод нарастит выпуск эмалей",
        None,
        id="plural-verb-person-is-addressee",
    ),
    pytest.param(
        "Визит\nГлава Красной области Марат Исаев посетил Москву. Как сообщают в областной "
        "администрации, губернатор встретится с руководством банка.",
        "губернатор встретится с руководством",
        "областная администрация",
        id="plural-verb-named-institution",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), ATTRIBUTION_CONFIDENCE)
def test_attribution_confidence(
    extractor: Extractor, text: str, starts: str, speaker: str | None
) -> None:
    quotes = [q for q in run(extractor, text).quotes if q.text.startswith(starts)]
    assert quotes, run(extractor, text).quotes
    assert quotes[0].speaker == speaker


# (text, first words of the reported speech, its speaker)
GERUND_REPORTED_SPEECH = [
    pytest.param(
        "Ферма\nГубернатор Лиственной области Павел Суров осмотрел ферму.\n"
        "«Ферма построена за год», – отметил губернатор, подчеркнув, что область продолжит "
        "субсидировать покупку скота.",
        "область продолжит субсидировать",
        "Павел Суров",
        id="en-dash-attribution-then-gerund-that",
    ),
    pytest.param(
        "Верфь\nГлава Устьлужской области Пётр Сомов открыл цех.\n"
        "«Цех готов», - сказал Пётр Сомов, добавив, что заказы расписаны до 2030 года.",
        "заказы расписаны до 2030 года",
        "Пётр Сомов",
        id="hyphen-attribution-then-gerund-that",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), GERUND_REPORTED_SPEECH)
def test_gerund_that_clause_after_attribution(
    extractor: Extractor, text: str, starts: str, speaker: str
) -> None:
    result = run(extractor, text)
    indirect = [q for q in result.quotes if q.kind == "indirect" and q.text.startswith(starts)]
    assert [q.speaker for q in indirect] == [speaker], result.quotes
    direct = [q for q in result.quotes if q.kind == "direct"]
    assert len(direct) == 1 and starts not in direct[0].text


# (text, first words of the quote, expected speaker)
SURNAME_AND_ADDRESSEE = [
    pytest.param(
        "Благоустройство\nНа благоустройство направят 2 млрд рублей. По словам Лаврентьева, "
        "в городах появятся новые скверы.",
        "в городах появятся новые скверы",
        "Лаврентьев",
        id="surname-only-genitive-after-po-slovam",
    ),
    pytest.param(
        "Мост\nГубернатор Ельской области Сергей Ковалёв осмотрел мост. Как заявил "
        "Сергею Ковалёву подрядчик Олег Мартынов, работы завершат к осени.",
        "работы завершат к осени",
        "Олег Мартынов",
        id="dative-addressee-skipped",
    ),
    pytest.param(
        "Встреча\nГубернатор Сосновской области Олег Ранцев встретился с послом.\n"
        "«Большие перспективы видим в сфере сельского хозяйства», — отметил Ранцев.",
        "Большие перспективы видим",
        "Олег Ранцев",
        id="bare-surname-untagged-by-ner-resolves-to-full-name",
    ),
    pytest.param(
        "Выставка\nЧлены делегации прилетели на выставку, сообщил губернатор Олег Ранцев.\n"
        "«Три дня бизнес будет вести переговоры»,— пояснил господин Ранцев.",
        "Три дня бизнес",
        "Олег Ранцев",
        id="gospodin-surname-newspaper-style",
    ),
    pytest.param(
        "Завод\nГубернатор Озёрской области Евгений Котельников посетил завод.\n"
        "«Завод выйдет на мощность к осени», — сказал Е. Котельников.",
        "Завод выйдет на мощность",
        "Евгений Котельников",
        id="initial-and-surname-resolves-to-full-name",
    ),
    pytest.param(
        "Завод\nГубернатор Озёрской области Евгений Котельников посетил завод.\n"
        "«Завод выйдет на мощность к осени», — сказал А. Котельников.",
        "Завод выйдет на мощность",
        "А. Котельников",
        id="initial-disagreeing-with-given-name-is-another-person",
    ),
    pytest.param(
        "Мощности\nГубернатор Сосновской области Олег Ранцев встретился с министром.\n"
        "«Сегодня у нас уже 40 предприятий»,— уточнил губернатор (цитата по пресс-службе "
        "Кремля).",
        "Сегодня у нас уже 40",
        "Олег Ранцев",
        id="parenthesised-source-is-not-the-speaker",
    ),
    pytest.param(
        "Визит\nГубернатор Олег Ранцев встретился с мэром города Конья Угуром Алтаем.\n"
        "«Уверен, ваш визит придаст импульс торговле», – обратился он к Олегу Ранцеву.",
        "Уверен, ваш визит",
        "Угур Алтай",
        id="addressee-after-k-is-not-the-speaker",
    ),
    pytest.param(
        "Соглашение\nГлава компании Алла Кирсанова и губернатор Олег Ранцев подписали "
        "соглашение.\n«Проект даст области 600 рабочих мест», — сказала Алла Кирсанова.",
        "Проект даст области",
        "Алла Кирсанова",
        id="feminine-surname-known-only-as-a-place-keeps-its-gender",
    ),
    pytest.param(
        "Юбилей\nГубернатору Олегу Ранцеву исполнилось 60 лет.\n«Желаю вам сибирского "
        "здоровья», — поздравляет губернатора мэр Кедровска Руслан Болотов.",
        "Желаю вам сибирского",
        "Руслан Болотов",
        id="imperfective-present-pozdravlyaet",
    ),
    pytest.param(
        "Дорога\nЖители пожаловались на яму. В приёмной губернатора отметили, что ремонт "
        "начнётся весной.",
        "ремонт начнётся весной",
        "приёмная губернатора",
        id="capitalised-v-priyomnoy-institution",
    ),
    pytest.param(
        "Склад\nАО «Кедрснаб» построит склад в Озёрске. «Комплекс запустят в 2028 году», — "
        "уточнили в компании.",
        "Комплекс запустят",
        "АО «Кедрснаб»",
        id="v-kompanii-backref-to-the-one-named-company",
    ),
    pytest.param(
        "Склад\nАО «Кедрснаб» и ООО «Озёрснаб» построят склад. «Комплекс запустят в 2028 "
        "году», — уточнили в компании.",
        "Комплекс запустят",
        None,
        id="v-kompanii-two-companies-no-guess",
    ),
    pytest.param(
        "Визит\nГлава Озёрской Республики Ильдар Гарипов встретился с мэром города Эрзин "
        "Мехметом Озтюрком. Глава района Руслан Ахметов отметил, что район готов к кооперации. "
        "Мэр поддержал это предложение. «Уверен, ваш визит придаст импульс торговле», – "
        "обратился он к Ильдару Гарипову.",
        "Уверен, ваш визит",
        "Мехмет Озтюрк",
        id="pronoun-after-a-bare-role-subject-sentence",
    ),
    pytest.param(
        "Комбинат\nГубернатор Заволжской области Олег Брагин подписал соглашение с АО «Волжский "
        "агрокомплекс».\n«Это 900 рабочих мест. Для нас это важно. Работы мало», – цитирует "
        "Олега Брагина пресс-служба губернатора.\n«Первую очередь запустим в 2028 году», — "
        "уточнили в компании.",
        "Первую очередь запустим",
        "АО «Волжский агрокомплекс»",
        id="v-kompanii-backref-across-a-long-quote",
    ),
    pytest.param(
        "Совещание\nГубернатор Сосновской области Вадим Ранцев провёл совещание с главой района "
        "Игорем Прониным.\nВ.Ранцев: Добрый день, коллеги! Начнём с уборочной.\n"
        "И. Пронин: Уборка идёт по графику.",
        "Уборка идёт по графику",
        "Игорь Пронин",
        id="transcript-line-initial-surname-colon",
    ),
    pytest.param(
        "Совещание\nПрошло совещание по уборке.\nВ.Ранцев: Добрый день, коллеги! Начнём.",
        "Добрый день, коллеги",
        "В. Ранцев",
        id="transcript-line-initials-only-keep-the-initial",
    ),
    pytest.param(
        "Рыба\nГубернатор Северогорской области Павел Ложкин встретился с гостями.\n«Рыба из "
        "Северогорска хорошо известна нашим покупателям», – отметил мэр Тунцзяна Ван Лэй.",
        "Рыба из Северогорска",
        "Ван Лэй",
        id="role-genitive-place-not-part-of-the-name",
    ),
    pytest.param(
        "Соглашение\nГлава Тальской Республики Ринат Гиреев и губернатор Кедровской области "
        "Алексей Ласточкин подписали соглашение в Тальске. Документ, по словам главы "
        "республики, «не формальность».",
        "не формальность",
        "Ринат Гиреев",
        id="role-with-complement-picks-the-holder-introduced-with-it",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SURNAME_AND_ADDRESSEE)
def test_surname_and_addressee(
    extractor: Extractor, text: str, starts: str, speaker: str | None
) -> None:
    quotes = [q for q in run(extractor, text).quotes if q.text.startswith(starts)]
    assert [q.speaker for q in quotes] == [speaker], run(extractor, text).quotes


def test_lead_paragraph_continues_in_first_person(extractor: Extractor) -> None:
    text = (
        "Юбилей\nГубернатор Холмской области Вадим Рощин поздравил коллектив завода.\n"
        "- Дорогие друзья, за сорок лет завод ни разу не остановил конвейер.\n"
        "Мы продолжим помогать заводу с оборудованием и обучением молодых рабочих.\n"
        "Директор завода Юрий Котов рассказал, что в цехах открыли музей."
    )
    quotes = _direct(run(extractor, text))
    assert [s for s, _ in quotes] == ["Вадим Рощин", "Вадим Рощин"], quotes
    assert quotes[1][1].startswith("Мы продолжим помогать")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Лента новостей", ""),
        ("Популярные новости за сутки", ""),
        ("Читайте также: В области открыли цех", ""),
        ("Опубликовано 14.08.2026 в 10:12, просмотров 532", ""),
        ("Просмотров: 1 248", ""),
        ("24.1K subscribers", ""),
        ("Download Telegram", ""),
        ("Реклама", ""),
        ("Наружная реклама", "Наружная реклама"),
        ("Подписывайтесь на наш канал", ""),
        ("Читать дальше »", ""),
        ("Губернатор провёл совещание. — Озёрские вести.", "Губернатор провёл совещание."),
        (
            "а «Техпром» — со Смолевским заводом металлоконструкций.",
            "а «Техпром» — со Смолевским заводом металлоконструкций.",
        ),
        ("«Мы справились», — сказал Иван Петров.", "«Мы справились», — сказал Иван Петров."),
    ],
)
def test_web_residue_lines(line: str, expected: str) -> None:
    assert strip_residue_line(line) == expected


@pytest.mark.parametrize(
    "credit",
    ["© Фото: пресс-служба правительства", "Первоисточник: Telegram-канал «Вести»"],
)
def test_credit_lines_are_dropped(credit: str) -> None:
    assert clean_lines(f"Заголовок\n{credit}\nТекст поста.") == ["Заголовок", "Текст поста."]


def test_tme_preview_header_is_dropped() -> None:
    text = (
        "Инфоцентр Степногорья-64\n4.12K subscribers\n21.3K photos\n"
        "Официальный канал пресс-службы губернатора Степногорской области\n"
        "Регистрация в РКН: clck.ru/abc\nDownload Telegram\nГубернатор посетил завод."
    )
    assert clean_lines(text) == ["Губернатор посетил завод."]


def test_newsroom_reminder_is_not_reported_speech(extractor: Extractor) -> None:
    text = (
        "Встреча\nГубернатор Кедрового края Михаил Котов встретился с вице-премьером.\n"
        "Напомним, что в прошлом году оргкомитет провёл заседание в Кедровске."
    )
    assert [q for q in run(extractor, text).quotes if q.kind == "indirect"] == []


def test_headline_quote_repeated_in_the_body_takes_the_body_speaker(extractor: Extractor) -> None:
    text = (
        "«Не пустая формальность»: Ахтямов и Лыков подписали соглашение\n"
        "Глава Беловодской Республики Рамиль Ахтямов и губернатор Кременской области Игорь Лыков "
        "подписали соглашение. Документ, по словам главы Беловодья, «не пустая формальность»."
    )
    quotes = _direct(run(extractor, text))
    assert [s for s, _ in quotes] == ["Рамиль Ахтямов", "Рамиль Ахтямов"], quotes


def test_patronymic_dropped_from_a_full_name(extractor: Extractor) -> None:
    text = "Поездка\nВместе с мэром города Эдуардом Викторовичем Симаковым возложили цветы."
    assert [p.name for p in run(extractor, text).people] == ["Эдуард Симаков"]


# Round 3 (issue 8): shapes counted in catalog/quotes.md, round 3. (text, kind, the quote's
# first words, expected speaker — None where the text names nobody for certain).
ROUND3_SPEAKERS = [
    pytest.param(
        "Встреча с послом\nТорговлю обсудили губернатор Озёрской области Игорь Бакланов и посол "
        "Ирана в России Карл Остер.\n"
        '"Иран входит в число наших ключевых партнёров", - отметил на встрече с послом Ирана '
        "глава Озёрской области.",
        "direct",
        "Иран входит в число",
        "Игорь Бакланов",
        id="role-after-s-is-the-addressee-not-the-speaker",
    ),
    pytest.param(
        "Фестиваль\nВ республике работает делегация аймака.\n"
        "- Провели с коллегами совещание по фестивалю, обсудили состав команд, -сообщил глава "
        "Озёрской Республики Иван Дорохов.",
        "direct",
        "Провели с коллегами совещание",
        "Иван Дорохов",
        id="hyphen-glued-to-the-verb",
    ),
    pytest.param(
        "Консул\n«С соседями у нас впереди только расширение связей», отметил глава республики\n"
        "Глава Озёрской Республики Иван Дорохов встретился с новым консулом.",
        "direct",
        "С соседями у нас впереди",
        "Иван Дорохов",
        id="comma-attribution-without-dash",
    ),
    pytest.param(
        "Соболезнования\nГубернатор Холмской области Вадим Рощин опубликовал пост в соцсети.\n"
        "— Это общая беда для всех нас. Выражаем поддержку семьям. Скорбим, пишет глава "
        "региона.",
        "direct",
        "Это общая беда для всех нас",
        "Вадим Рощин",
        id="dash-paragraph-closed-by-comma-pishet",
    ),
    pytest.param(
        "Поздравление\nПрезидент Андрей Волин поздравил избранных губернаторов.\n"
        "— Поздравляю вас с избранием, впереди большая работа, — сказал глава государства.",
        "direct",
        "Поздравляю вас с избранием",
        "Андрей Волин",
        id="glava-gosudarstva-is-the-president",
    ),
    pytest.param(
        "Командировка\nГлава Озёрской Республики Иван Дорохов прилетел в Дархан. Об этом "
        "сообщили в пресс-службе правительства республики.\n"
        "«Накануне состоялась встреча с министром энергетики», - рассказали в пресс-службе.",
        "direct",
        "Накануне состоялась встреча",
        "пресс-служба правительства республики",
        id="bare-press-service-refers-back",
    ),
    pytest.param(
        "Командировка\n«Накануне состоялась встреча с министром энергетики», - рассказали в "
        "пресс-службе.",
        "direct",
        "Накануне состоялась встреча",
        None,
        id="bare-press-service-nobody-named",
    ),
    pytest.param(
        "Завод\n«Завод выйдет на проектную мощность к осени», — говорится в сообщении "
        "министерства промышленности Озёрской области.",
        "direct",
        "Завод выйдет на проектную",
        "министерство промышленности Озёрской области",
        id="govoritsya-v-soobshchenii-ministerstva",
    ),
    pytest.param(
        "Завод\n«Завод выйдет на проектную мощность к осени», — сообщили в министерстве "
        "промышленности Озёрской области.",
        "direct",
        "Завод выйдет на проектную",
        "министерство промышленности Озёрской области",
        id="institution-keeps-its-region",
    ),
    pytest.param(
        "Приём\nГубернатор Иван Дорохов провёл приём граждан. В приёмной Ивана Дорохова "
        "отметили, что обращений стало меньше.",
        "indirect",
        "обращений стало меньше",
        "приёмная Ивана Дорохова",
        id="priyomnaya-of-a-named-person",
    ),
    pytest.param(
        "Завод\nГлава Озёрской области Иван Дорохов посетил завод. Об этом сообщили в "
        "пресс-службе правительства области. «Цех откроют к осени», — отмечается в сообщении.",
        "direct",
        "Цех откроют к осени",
        "пресс-служба правительства области",
        id="otmechaetsya-v-soobshchenii-after-press-service",
    ),
    pytest.param(
        "Завод\nГубернатор Озёрской области Игорь Бакланов посетил завод. «Завод выйдет на "
        "проектную мощность к осени», — сказал И.Ю.Бакланов.",
        "direct",
        "Завод выйдет на проектную",
        "Игорь Бакланов",
        id="two-glued-initials-resolve-to-the-full-name",
    ),
    pytest.param(
        "Завод\nГубернатор Г.Ю.Филин посетил завод. «Завод выйдет на проектную мощность к "
        "осени», — сказал Г.Ю.Филин.",
        "direct",
        "Завод выйдет на проектную",
        "Г.Ю. Филин",
        id="initials-only-keep-both-initials",
    ),
    pytest.param(
        "Праздник\nОб этом сообщил и.о. руководителя администрации главы республики Сергей "
        "Смолин.\n«Многие события не были освещены в районах», - уточнил и.о. руководителя "
        "администрации главы Озёрской Республики Сергей Смолин.",
        "direct",
        "Многие события не были",
        "Сергей Смолин",
        id="io-abbreviation-does-not-end-the-attribution",
    ),
    pytest.param(
        "Консул\nГенеральный консул Тальмарии Карл Остер вручил копию экзекватуры главе "
        "Озёрской Республики Ивану Дорохову. Он отметил, что церемония «не только формальность, "
        "но и символ давней дружбы».",
        "direct",
        "не только формальность",
        "Карл Остер",
        id="fragment-inside-reported-speech-of-the-nominative-subject",
    ),
    pytest.param(
        "Визит в Гродно\nГубернатор Озёрской области Игорь Бакланов написал в своём "
        "телеграм-канале:\nПровели переговоры с руководством облисполкома. Договорились о "
        "поставках техники и о совместной сборке.",
        "direct",
        "Провели переговоры с руководством",
        "Игорь Бакланов",
        id="post-quoted-whole-after-napisal-colon",
    ),
    pytest.param(
        "Больничный\n«Не удаётся вылечиться на ногах, придётся взять паузу». Губернатор "
        "Озёрской области Игорь Бакланов сообщил, что уходит на больничный.",
        "direct",
        "Не удаётся вылечиться",
        "Игорь Бакланов",
        id="quote-then-next-sentence-reports-the-speaker",
    ),
    pytest.param(
        "«Урожай в этом году будет рекордным», – Бакланов\nГубернатор Озёрской области Игорь "
        "Бакланов провёл совещание с аграриями.",
        "direct",
        "Урожай в этом году",
        "Игорь Бакланов",
        id="verbless-headline-quote-dash-surname",
    ),
    pytest.param(
        "Курилы\nВрио губернатора Озёрской области Валерий Гончаренко прокомментировал планы "
        "соседей. По его словам, жители против.\n«Этот вопрос в повестке не стоит», — отметил "
        "он.",
        "direct",
        "Этот вопрос в повестке",
        "Валерий Гончаренко",
        id="valeriy-after-a-genitive-is-a-man",
    ),
    pytest.param(
        "Премьеры\nПремьер-министр Южной Тальмарии Эрик Пухов принял главу правительства "
        "Северной Тальмарии Тимура Тускова.\n«Мы всегда рады принять вас», - сказал глава "
        "кабмина Южной Тальмарии.",
        "direct",
        "Мы всегда рады принять",
        "Эрик Пухов",
        id="role-complement-overlap-picks-the-holder",
    ),
    pytest.param(
        "Завод\nЗаместитель губернатора Пётр Лунин посетил завод. «Цех откроют к осени», — "
        "пояснил чиновник.",
        "direct",
        "Цех откроют к осени",
        "Пётр Лунин",
        id="chinovnik-the-one-official",
    ),
    pytest.param(
        "Завод\nЗаместитель губернатора Пётр Лунин и министр Олег Рябов посетили завод. «Цех "
        "откроют к осени», — пояснил чиновник.",
        "direct",
        "Цех откроют к осени",
        None,
        id="chinovnik-two-officials-nobody",
    ),
    pytest.param(
        "Пожар\nГубернатор Холмской области Вадим Бадаев выразил соболезнования. На месте "
        "работает заместитель губернатора Олег Жаров.\n«Семьи получат выплаты на этой неделе», "
        "— пояснил чиновник.",
        "direct",
        "Семьи получат выплаты",
        "Олег Жаров",
        id="chinovnik-the-official-named-last",
    ),
    pytest.param(
        "Консул\nГенеральный консул Монголии Цэрэн Ганболд вручил копию экзекватуры главе "
        "Саянской Республики Алдару Монгушеву. Он отметил, что церемония — знак дружбы.",
        "indirect",
        "церемония",
        "Цэрэн Ганболд",
        id="pronoun-foreign-subject-not-the-dative-host",
    ),
    pytest.param(
        "Урожай\n«Хозяйства получили льготные кредиты», — говорится в сообщении министерства "
        "сельского хозяйства Заречной области.",
        "direct",
        "Хозяйства получили льготные",
        "министерство сельского хозяйства Заречной области",
        id="ministry-with-a-long-genitive-tail",
    ),
    pytest.param(
        "Визит\nПосол Вьетнама Чан Ван Хоа посетил завод. «Мы готовы закупать технику», — "
        "сказал он.",
        "direct",
        "Мы готовы закупать технику",
        "Чан Ван Хоа",
        id="foreign-name-gender-from-its-verb",
    ),
    pytest.param(
        "Визит\nГубернатор Озёрской области Игорь Бакланов встретился с послом Вьетнама Чан Ван "
        "Хоа. «Мы готовы закупать технику», — сказал посол. Он добавил, что делегация приедет "
        "летом.",
        "indirect",
        "делегация приедет летом",
        "Чан Ван Хоа",
        id="pronoun-continues-the-role-that-just-spoke",
    ),
    pytest.param(
        "Завод\nГубернатор Озёрской области Игорь Бакланов посетил завод.\n«Цех откроют к "
        "осени», — цитирует губернатора пресс-служба.",
        "direct",
        "Цех откроют к осени",
        "Игорь Бакланов",
        id="press-service-quotes-the-governor-by-role",
    ),
    pytest.param(
        "Завод\nГубернатор Озёрской области Игорь Бакланов посетил завод.\n«Цех откроют к "
        "осени», — уверен глава региона.",
        "direct",
        "Цех откроют к осени",
        "Игорь Бакланов",
        id="uveren-glava-regiona",
    ),
    pytest.param(
        "Завод\nГубернатор Озёрской области Игорь Бакланов посетил завод.\n«Цех откроют к "
        "осени», — оценил губернатор.",
        "direct",
        "Цех откроют к осени",
        "Игорь Бакланов",
        id="otsenil-gubernator",
    ),
    pytest.param(
        "Визит\nГубернатор Кедровского края Игорь Бакланов посетил завод.\nЗавод выйдет на "
        "проектную мощность к осени, мы поможем ему с кредитами, — отметил губернатор.",
        "direct",
        "Завод выйдет на проектную мощность",
        "Игорь Бакланов",
        id="unmarked-paragraph-closed-by-dash-attribution",
    ),
    pytest.param(
        "Интервью\nКорреспондент: Когда откроют новый мост?\nИгорь Бакланов: В сентябре, "
        "подрядчик идёт с опережением графика.",
        "direct",
        "В сентябре, подрядчик",
        "Игорь Бакланов",
        id="interview-line-full-name-colon",
    ),
    pytest.param(
        "Визит полпреда\nГубернатор так прокомментировал визит полпреда:\nИВАН ПРОНИН, "
        "ГУБЕРНАТОР ОЗЁРСКОЙ ОБЛАСТИ: «Цель визита — знакомство с регионом. Думаю, мы эту задачу "
        "выполнили».",
        "direct",
        "Цель визита",
        "Иван Пронин",
        id="capitals-caption-name",
    ),
    pytest.param(
        "Визит\nГубернатор Кедровского края Игорь Бакланов посетил завод.\n«Завод выйдет на "
        "проектную мощность к осени», — сказал Бакланов.\nМы поможем предприятию с кредитами и "
        "с подготовкой кадров.",
        "direct",
        "Мы поможем предприятию",
        "Игорь Бакланов",
        id="first-person-paragraph-continues-an-attributed-quote",
    ),
    pytest.param(
        "Завод\nВ области построят новый цех. «Работы начнутся весной и закончатся к зиме», "
        "уточнили в компании.",
        "direct",
        "Работы начнутся весной",
        None,
        id="utochnili-v-kompanii-no-company-named",
    ),
    pytest.param(
        "Интервью\nГубернатор Кедровского края Игорь Бакланов ответил на вопросы нашего "
        "корреспондента.\nКогда откроют новый мост?\nВ сентябре, подрядчик идёт с опережением "
        "графика.\nА что с заводом?\nЗавод выйдет на проектную мощность к осени.",
        "direct",
        "Завод выйдет на проектную",
        "Игорь Бакланов",
        id="plain-interview-answer",
    ),
    pytest.param(
        "Интервью\nГубернатор Кедровского края Игорь Бакланов ответил на вопросы нашего "
        "корреспондента.\nКогда откроют новый мост?\nВ сентябре, подрядчик идёт с опережением "
        "графика.\nА что с заводом?\nЗавод выйдет на проектную мощность к осени.",
        "direct",
        "А что с заводом",
        None,
        id="plain-interview-question-has-no-speaker",
    ),
    pytest.param(
        "Весна\nСегодня в области начался сев. Мы поможем аграриям топливом и семенами, работы "
        "много.\nИгорь Бакланов, губернатор Кедровского края",
        "direct",
        "Сегодня в области начался сев",
        "Игорь Бакланов",
        id="signature-line-under-first-person-text",
    ),
]


# Unmarked lines that stay narrative.
NOT_SPEECH_ROUND3 = [
    pytest.param(
        "Игорь Бакланов: урожай в области будет рекордным\nГубернатор Кедровского края Игорь "
        "Бакланов провёл совещание с аграриями.",
        id="headline-surname-colon-unquoted-is-a-title",
    ),
    pytest.param(
        "Совещание\nГубернатор Игорь Бакланов сказал, что урожай будет рекордным, — сообщает "
        "пресс-служба.",
        id="reported-speech-closed-by-a-dash-is-not-direct",
    ),
    pytest.param(
        "Визит\nГубернатор Кедровского края Игорь Бакланов посетил завод.\n«Завод выйдет на "
        "проектную мощность к осени», — сказал Бакланов.\nПредприятие основано в 1962 году и "
        "выпускает насосы.",
        id="third-person-paragraph-after-a-quote-is-narrative",
    ),
    pytest.param(
        "Вино\nПродукцию «Кедровой долины», сообщил губернатор Иван Пронин, начнут поставлять "
        "в Москву.",
        id="short-quoted-name-before-a-comma-attribution",
    ),
    pytest.param(
        "Мост\nКогда откроют новый мост? Этот вопрос задают многие.\nПодрядчик идёт с "
        "опережением графика, работы закончат в сентябре.",
        id="a-rhetorical-question-without-an-interview-lead",
    ),
    pytest.param(
        "Весна\nВ области начался сев. Аграриям выделят топливо и семена по льготной цене.\n"
        "Игорь Бакланов, губернатор Кедровского края",
        id="signature-under-third-person-text-is-not-speech",
    ),
]


@pytest.mark.parametrize("text", NOT_SPEECH_ROUND3)
def test_round3_not_direct_speech(extractor: Extractor, text: str) -> None:
    assert not [t for _, t in _direct(run(extractor, text)) if not t.startswith("Завод выйдет")]


@pytest.mark.parametrize(("text", "kind", "starts", "speaker"), ROUND3_SPEAKERS)
def test_round3_speakers(
    extractor: Extractor, text: str, kind: str, starts: str, speaker: str | None
) -> None:
    result = run(extractor, text)
    quotes = [q for q in result.quotes if q.kind == kind and q.text.startswith(starts)]
    assert len(quotes) == 1, result.quotes
    assert quotes[0].speaker == speaker


def test_newsroom_otmechaetsya_is_not_reported_speech(extractor: Extractor) -> None:
    text = "Завод\nГубернатор Иван Дорохов посетил завод. Отмечается, что цех откроют к осени."
    assert list(run(extractor, text).quotes) == []
