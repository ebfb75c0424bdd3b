"""Table-driven tests of quote and speaker rules from the round-6 real-text sweep (issue 8).

Every sentence here is invented; the shapes are those counted in the "Round 6 — quotes and
speakers (sweep)" section of tests/corpus/catalog/quotes.md. A wrong speaker is the worst defect,
so rows also pin where the speaker must stay the right person or stay unresolved (None).
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from govdigest.extraction.pipeline import Extractor
from tests.unit.extraction.posts import extract_text, speaker_of

PUBLISHED = date(2026, 5, 20)

run = partial(extract_text, published=PUBLISHED)


# (text, first words of a quote, its expected speaker)
SPEAKERS = [
    # A bare role bound to nobody goes to the person last named in the NOMINATIVE, not to the
    # one named last in any case (an object of the previous sentence).
    pytest.param(
        "Олег Ветров встретился с министром Тальской республики по физической культуре и "
        "спорту Ильёй Седовым\n"
        "Илья Седов поблагодарил Олега Ветрова за тёплый приём, оказанный делегации.\n"
        "«Каждый приезд к вам — радость, ждём новых встреч», - сказал министр.",
        "Каждый приезд к вам",
        "Илья Седов",
        id="unbound-role-takes-last-nominative-not-object",
    ),
    # A pronoun after a quote never refers to a person named inside the quoted words; after a
    # role-attributed quote it goes on with the person the role was resolved to.
    pytest.param(
        "Олег Ветров встретился с министром Тальской республики по физической культуре и "
        "спорту Ильёй Седовым\n"
        "Илья Седов поблагодарил Олега Ветрова за тёплый приём, оказанный делегации.\n"
        "«Каждый приезд к вам — радость. Глава Тальской республики Марат Юсупов высоко ценит "
        "вашу дружбу», - сказал министр.\n"
        "Он отметил, что между регионами уже подписано соглашение о сотрудничестве.",
        "между регионами уже подписано",
        "Илья Седов",
        id="pronoun-after-role-quote-skips-name-inside-quote",
    ),
    pytest.param(
        "Переговоры в Тальске\nИлья Седов заявил: «Мы благодарны друзьям, Марат Юсупов "
        "поддержал наш проект».\nОн добавил, что первые поставки начнутся осенью.",
        "первые поставки начнутся",
        "Илья Седов",
        id="pronoun-skips-name-inside-colon-quote",
    ),
    pytest.param(
        "Губернатор Кедровской области Павел Журавин провёл встречу с делегацией.\n"
        "«Нас поддерживает министр Игорь Ланской, проект готов», — написал губернатор.\n"
        "Он добавил, что первые поставки начнутся осенью этого года.",
        "первые поставки начнутся",
        "Павел Журавин",
        id="pronoun-after-governor-quote-stays-governor",
    ),
    # …but the name in an attribution that interrupts the quote still counts.
    pytest.param(
        "Губернатор Сосновского края Глеб Мартынов провёл переговоры с министром Тавии "
        "Ильёй Ковалем.\n"
        "«Технику мы знаем, – сказал Глеб Мартынов. – Теперь будем собирать её у себя».\n"
        "Он добавил, что первые 20 машин поступят до конца года.",
        "первые 20 машин",
        "Глеб Мартынов",
        id="pronoun-keeps-name-in-interrupting-attribution",
    ),
    # A person named in the third person inside the quoted words is talked about: never the
    # fallback speaker of a role that is bound to nobody.
    pytest.param(
        "Встреча в столице\nНа рабочей встрече Павла Журавина и Игорь Ланской обсудили связи "
        "региона с зарубежными партнёрами.\n— Игорь Петрович Ланской подчеркнул готовность "
        "министерства помогать региону, и я благодарю его за возможность рассказать о нашем "
        "потенциале, — отметил Губернатор Кедровской области.",
        "Игорь Петрович Ланской подчеркнул",
        None,
        id="role-unbound-not-the-person-talked-about-in-quote",
    ),
    pytest.param(
        "Губернатор Кедровской области провёл два дня в Тавии.\n"
        "Павел Журавин и главы ещё десяти регионов были приглашены на заседание совета. "
        "Здесь же - президенты двух стран Илья Ковалёв и Марат Юсупов.\n"
        "- Илья Ковалёв подчеркнул, что регионы играют ключевую роль в партнёрстве. Марат "
        "Юсупов отметил, что товарооборот вырос вдвое, - подытожил губернатор рабочую поездку.",
        "Илья Ковалёв подчеркнул",
        "Павел Журавин",
        id="dash-retelling-of-presidents-is-the-governors",
    ),
    # A name after a topic preposition (о/об/про …) is what the words are about.
    pytest.param(
        "Губернатор об отставке своего помощника Игоря Ланского:\n"
        "«Рисковать не буду. Решение было непростым, но очевидным»",
        "Рисковать не буду",
        None,
        id="colon-lead-topic-name-is-not-the-speaker",
    ),
    pytest.param(
        "Министр Илья Седов встретился с делегацией Кедровской области.\n"
        "«Это опытный и сильный руководитель», — сказал министр о Павле Журавине.",
        "Это опытный и сильный руководитель",
        "Илья Седов",
        id="name-after-o-in-attribution-is-the-topic",
    ),
    pytest.param(
        "Делегация Тавии прибыла в Кедровск.\n"
        "«Проект уже утверждён, стройка начнётся весной», — сообщил об этом Иван Петров.",
        "Проект уже утверждён",
        "Иван Петров",
        id="ob-etom-keeps-nominative-speaker",
    ),
    # A greeting verb with its object and a place before the name attributes the quote.
    pytest.param(
        "Губернатор Сосновской области Вадим Сомов провёл встречу с консулом Тавии.\n"
        "«У нас большой набор предложений по сотрудничеству», - поприветствовал гостя на "
        "сосновской земле Вадим Сомов.",
        "У нас большой набор предложений",
        "Вадим Сомов",
        id="greeting-verb-with-object-before-name",
    ),
    pytest.param(
        "Глава Тальской республики Марат Юсупов принял делегацию.\n"
        "«Рады видеть друзей в нашей столице», — приветствовал гостей Марат Юсупов.",
        "Рады видеть друзей",
        "Марат Юсупов",
        id="imperfective-greeting-verb",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker"), SPEAKERS)
def test_speaker(extractor: Extractor, text: str, starts: str, speaker: str | None) -> None:
    assert speaker_of(run(extractor, text), starts) == speaker


# (text, first words of a quote, its expected speaker, a role the speaker must NOT carry)
ROLES = [
    # "… с послом Арман Тасыбеков": an instrumental role before a nominative name is somebody
    # else's role (the ambassador met), not the speaker's.
    pytest.param(
        "В Кедровске прошла встреча Романа Ильина с послом Тавии.\n"
        "– Мы готовы к сотрудничеству в машиностроении и химии, – отметил в рамках встречи "
        "с послом Роман Ильин.",
        "Мы готовы к сотрудничеству",
        "Роман Ильин",
        "посол",
        id="instrumental-role-before-nominative-name-not-bound",
    ),
    pytest.param(
        "Губернатор Сосновской области Вадим Сомов встретился с послом Ильёй Ковалем.\n"
        "«Мы открыты для сотрудничества», – сказал посол.",
        "Мы открыты для сотрудничества",
        "Илья Коваль",
        None,
        id="instrumental-role-with-instrumental-name-still-bound",
    ),
]


@pytest.mark.parametrize(("text", "starts", "speaker", "not_role"), ROLES)
def test_speaker_role(
    extractor: Extractor, text: str, starts: str, speaker: str, not_role: str | None
) -> None:
    found = [q for q in run(extractor, text).quotes if q.text.startswith(starts)]
    assert found, "quote not found"
    assert found[0].speaker == speaker
    if not_role is not None:
        assert found[0].speaker_role != not_role
