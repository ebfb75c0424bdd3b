"""The reading commands through the real dispatcher, real SQLite and the real extractor.

Seed facts (issue 2): the mission card names Текслер and the «Утро» forum, the delegation has 12
companies, the quotes belong to Алексей Текслер and Наталья Комарова.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from aiogram.types import Chat, Message

from govdigest.bot.handlers.mission import MissionPage
from govdigest.bot.local_session import BOT_USER, SentRequest
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as texts
from govdigest.bot.texts.common import ADMIN_COMMANDS, PUBLIC_COMMANDS
from govdigest.extraction.models import Company, Extraction, Mission
from govdigest.sources.models import RawPost
from govdigest.timeutil import utc_now
from tests.bot.conftest import (
    BotEnv,
    assert_telegram_html,
    button_labels,
    callback_update,
    make_user,
    message_update,
    params_of,
    sent_texts,
)
from tests.conftest import ADMIN_ID, DATA_DIR

SEED_COMPANIES = (
    "Челябинский завод электрооборудования",
    "Южноуральский арматурно-изоляторный завод",
)
NUMBERED = re.compile(r"^(\d+)\. (.+)$", re.MULTILINE)
BOLD = re.compile(r"<b>([^<]+)</b>")


def only_text(requests: list) -> str:
    answers = sent_texts(requests)
    assert len(answers) == 1, answers
    return answers[0]


# /start, /help, fallback -------------------------------------------------------------------


async def test_help_lists_every_public_command(bot_env: BotEnv) -> None:
    text = only_text(await bot_env.send("/help"))
    for name, _ in PUBLIC_COMMANDS:
        assert re.search(rf"^/{name} — \S", text, re.MULTILINE), name
    for name, _ in ADMIN_COMMANDS:
        assert f"/{name}" not in text
    assert_telegram_html(text)


async def test_help_for_an_admin_adds_admin_commands(bot_env: BotEnv) -> None:
    text = only_text(await bot_env.send("/help", user=make_user(ADMIN_ID)))
    for name, _ in (*PUBLIC_COMMANDS, *ADMIN_COMMANDS):
        assert f"/{name} — " in text


@pytest.mark.parametrize("text", ["привет", "что нового?"])
async def test_other_text_gets_a_hint_pointing_to_help(bot_env: BotEnv, text: str) -> None:
    answer = only_text(await bot_env.send(text))
    assert answer == texts.FALLBACK
    assert "/help" in answer


async def test_user_markup_is_never_echoed_unescaped(seed_bot_env: BotEnv) -> None:
    hostile = "<script>alert(1)</script> & <b>"
    fallback = only_text(await seed_bot_env.send(hostile))
    assert "<script>" not in fallback
    answer = only_text(await seed_bot_env.send(f"/quotes {hostile}"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in answer
    assert_telegram_html(answer)


# Seed ---------------------------------------------------------------------------------------


async def test_mission_card_for_the_seed(seed_bot_env: BotEnv) -> None:
    requests = await seed_bot_env.send("/mission")
    text = only_text(requests)
    assert text.startswith("<b>Миссия</b>")
    assert "Текслер" in text
    assert "«Утро»" in text
    assert re.search(r"<b>Компании:</b> 12 компаний", text)
    # One mission: nothing to page to; the card's own buttons only.
    assert button_labels(requests[-1]) == [
        cards.BTN_COMPANIES.format(n=12),
        cards.BTN_QUOTES.format(n=8),
        cards.BTN_POST_TEXT,
    ]
    assert_telegram_html(text)


async def test_companies_lists_the_seed_delegation_numbered(seed_bot_env: BotEnv) -> None:
    text = only_text(await seed_bot_env.send("/companies"))
    numbered = NUMBERED.findall(text)
    assert [int(n) for n, _ in numbered] == list(range(1, 13))
    names = [name for _, name in numbered]
    for company in SEED_COMPANIES:
        assert company in names
    # What is shown is what the cache holds for the newest mission.
    (card,) = await seed_bot_env.services.repos.cache.missions(limit=1)
    assert len(card.companies) == 12
    assert_telegram_html(text)


@pytest.mark.parametrize("argument", ["all", "все", "ALL"])
async def test_companies_all_counts_posts_and_mentions(
    seed_bot_env: BotEnv, argument: str
) -> None:
    text = only_text(await seed_bot_env.send(f"/companies {argument}"))
    assert text.startswith("<b>Компании во всех постах</b> (12)")
    rows = NUMBERED.findall(text)
    assert len(rows) == 12
    for _, row in rows:
        assert re.fullmatch(r".+ — 1 пост, \d+ упоминани(е|я|й)", row), row
    listed = " ".join(row for _, row in rows)
    for company in SEED_COMPANIES:
        assert company in listed
    assert_telegram_html(text)


async def test_quotes_attribute_the_seed_quotes_to_both_governors(seed_bot_env: BotEnv) -> None:
    text = only_text(await seed_bot_env.send("/quotes"))
    speakers = set(BOLD.findall(text)) - {cards.QUOTES_TITLE}
    assert "Алексей Текслер" in speakers
    assert "Наталья Комарова" in speakers
    assert "Важно сохранить набранные темпы развития" in text
    assert "Создаем условия для формирования бизнес-сообществ" in text
    # The Комарова quote is hers, not Текслер's: her name is the last bold name before it.
    before = text[: text.index("Создаем условия")]
    assert BOLD.findall(before)[-1] == "Наталья Комарова"
    assert "Источник:" in text
    assert_telegram_html(text)


@pytest.mark.parametrize("name", ["Комарова", "комарова", "КОМАРОВОЙ", "Наталья Комарова"])
async def test_quotes_by_speaker_filters_to_that_speaker(seed_bot_env: BotEnv, name: str) -> None:
    text = only_text(await seed_bot_env.send(f"/quotes {name}"))
    speakers = set(BOLD.findall(text)) - {"Цитаты: Наталья Комарова"}
    assert speakers == {"Наталья Комарова"}
    assert "Создаем условия" in text
    assert "Важно сохранить" not in text
    assert_telegram_html(text)


async def test_quotes_of_an_unknown_speaker_say_so(seed_bot_env: BotEnv) -> None:
    text = only_text(await seed_bot_env.send("/quotes Пупкин"))
    assert text.startswith(cards.QUOTES_NOT_FOUND.format(name="Пупкин"))


async def test_commands_work_in_a_group_with_the_bot_mention(seed_bot_env: BotEnv) -> None:
    group = Chat(id=-100500, type="supergroup", title="Тестовая группа")
    requests = await seed_bot_env.feed(message_update("/mission@govdigest_bot", chat=group))
    (sent,) = params_of(requests, "SendMessage")
    assert sent["chat_id"] == group.id
    assert "Текслер" in sent["text"]


# Empty database -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", ["/mission", "/companies", "/companies all", "/quotes", "/quotes Комарова"]
)
async def test_empty_database_answers_politely(bot_env: BotEnv, command: str) -> None:
    assert await bot_env.services.repos.posts.count() == 0
    assert only_text(await bot_env.send(command)) == texts.NO_POSTS


# Paging over several missions ---------------------------------------------------------------


@pytest.fixture
async def missions_env(bot_env: BotEnv) -> BotEnv:
    report = await bot_env.services.ingestor.refresh([DATA_DIR / "missions"], trigger="test")
    assert (report.new, report.rejected, report.failed) == (3, [], 0)
    # Precondition, not the subject: the extractor must see a mission in each of the posts.
    assert await bot_env.services.repos.cache.mission_count() == 3
    return bot_env


def last_sent_message(env: BotEnv, *, message_id: int) -> Message:
    """The bot's last sent message as the Message a button press would carry."""
    shown = env.session.of("SendMessage")[-1].params
    return Message(
        message_id=message_id,
        date=utc_now(),
        chat=Chat(id=shown["chat_id"], type="private"),
        from_user=BOT_USER,
        text=shown["text"],
    )


def edited(requests: list[SentRequest]) -> SentRequest:
    (edit,) = [r for r in requests if r.name == "EditMessageText"]
    return edit


async def test_a_double_tap_on_a_page_button_is_answered_and_harmless(
    missions_env: BotEnv,
) -> None:
    await missions_env.send("/mission")
    message = last_sent_message(missions_env, message_id=77)
    data = MissionPage(offset=1).pack()
    first = await missions_env.feed(callback_update(data, message))
    assert "(2 из 3)" in params_of(first, "EditMessageText")[0]["text"]
    # The second tap would edit the message to what it already shows: Telegram refuses that
    # edit with 400 "message is not modified" (the local session does too). The press is
    # still answered and nothing else is sent.
    second = await missions_env.feed(callback_update(data, message))
    assert len(params_of(second, "AnswerCallbackQuery")) == 1
    assert not params_of(second, "SendMessage")


async def test_mission_pages_newest_first_and_buttons_edit_the_message(
    missions_env: BotEnv,
) -> None:
    first = await missions_env.send("/mission")
    text = only_text(first)
    assert "(1 из 3)" in text and "Южная область" in text
    assert button_labels(first[-1])[-1:] == [cards.EARLIER]

    pressed = await missions_env.press(cards.EARLIER, message_id=4242)
    (edit,) = params_of(pressed, "EditMessageText")
    assert edit["message_id"] == 4242
    assert "(2 из 3)" in edit["text"] and "Восточная республика" in edit["text"]
    assert not params_of(pressed, "SendMessage")  # edited in place, not a new message
    assert len(params_of(pressed, "AnswerCallbackQuery")) == 1
    assert button_labels(edited(pressed))[-2:] == [cards.NEWER, cards.EARLIER]

    last = await missions_env.press(cards.EARLIER)
    (edit,) = params_of(last, "EditMessageText")
    assert "(3 из 3)" in edit["text"] and "Северный край" in edit["text"]
    assert button_labels(edited(last))[-2:] == [cards.BTN_OPEN_POST, cards.NEWER]

    back = await missions_env.press(cards.NEWER)
    (edit,) = params_of(back, "EditMessageText")
    assert "(2 из 3)" in edit["text"]
    for request in (*first, *pressed, *last, *back):
        if request.params.get("text") and request.name != "AnswerCallbackQuery":
            assert_telegram_html(str(request.params["text"]))


async def test_a_page_that_no_longer_exists_answers_with_an_alert(missions_env: BotEnv) -> None:
    await missions_env.send("/mission")
    # A button of an old message pressed after the cache shrank: offset 7 of 3 missions.
    message = last_sent_message(missions_env, message_id=9)
    requests = await missions_env.feed(callback_update(MissionPage(offset=7).pack(), message))
    assert not params_of(requests, "EditMessageText")
    (answer,) = params_of(requests, "AnswerCallbackQuery")
    assert answer["text"] == texts.MISSION_GONE and answer["show_alert"] is True


async def test_companies_follow_the_newest_mission(missions_env: BotEnv) -> None:
    text = only_text(await missions_env.send("/companies"))
    assert "Южная область" in text  # the September mission's headline
    assert "Заречный шинный завод" in text
    assert "Озёрский литейный завод" not in text  # June's delegation


async def test_companies_group_other_organisations_after_businesses(bot_env: BotEnv) -> None:
    repos = bot_env.services.repos
    raw = RawPost("file", "kinds.txt", "Делегация Кедровской области в Тальске")
    organisations = (
        Company("Кедровский государственный университет", kind="university"),
        Company("ООО «Ветлуга»"),
        Company("Союз машиностроителей России", kind="association"),
        Company("Кедровская торгово-промышленная палата", kind="chamber"),
        Company("АО «Талица»"),
    )
    async with repos.db.transaction():
        _, post_id = await repos.posts.upsert(raw)
        result = Extraction(
            title="Миссия",
            mission=Mission(leader="Иван Сомов", destination="Тальск"),
            companies=organisations,
        )
        await repos.cache.save(post_id, raw.content_hash, "test", result)
    text = only_text(await bot_env.send("/companies"))
    numbered = NUMBERED.findall(text)
    assert [name for _, name in numbered] == [
        "ООО «Ветлуга»",
        "АО «Талица»",
        "Кедровский государственный университет",
        "Кедровская торгово-промышленная палата",
        "Союз машиностроителей России",
    ]
    assert [int(n) for n, _ in numbered] == [1, 2, 3, 4, 5]
    headings = re.findall(r"^<b>([^<]+)</b>$", text, re.MULTILINE)
    assert headings == ["Компании", "Вузы", "Торгово-промышленные палаты", "Ассоциации и союзы"]
    assert text.index("Вузы") < text.index("Торгово-промышленные палаты")
    assert_telegram_html(text)


# HTML safety with hostile post data ---------------------------------------------------------


async def test_hostile_titles_and_urls_still_render_valid_html(
    bot_env: BotEnv, tmp_path: Path
) -> None:
    post = {
        "title": 'Светлов & <b>партнёры</b> "в гостях"',
        "text": "«Работаем дальше вместе с соседями», — сказал губернатор Заречной области "
        "Игорь Светлов.",
        "url": 'https://example.org/post?a=1&b="2"<x>',
        "date": "2024-11-05T08:00:00+00:00",
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    report = await bot_env.services.ingestor.refresh([path], trigger="test")
    assert report.new == 1 and report.extracted == 1
    assert await bot_env.services.repos.cache.quote_count() >= 1
    text = only_text(await bot_env.send("/quotes"))
    assert_telegram_html(text)
    assert "Светлов &amp; &lt;b&gt;партнёры&lt;/b&gt;" in text


async def test_every_answer_is_valid_telegram_html_and_short_enough(
    seed_bot_env: BotEnv,
) -> None:
    await seed_bot_env.services.ingestor.refresh(
        [DATA_DIR / "missions", DATA_DIR / "posts", DATA_DIR / "export"], trigger="test"
    )
    commands = [
        "/start",
        "/help",
        "/mission",
        "/companies",
        "/companies all",
        "/quotes",
        "/quotes Светлов",
        "/quotes Ковалёва",
        # The longest arguments a user can send (4096 UTF-16 units per message).
        "/quotes " + "Я" * 4088,
        "/quotes " + "👩‍💼" * 817,
        "просто текст",
    ]
    for command in commands:
        requests = await seed_bot_env.send(command)
        assert sent_texts(requests), command
        for text in sent_texts(requests):
            assert_telegram_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "/",
        "/start deep-link-payload",
        "/help@other_bot",
        "/companies all extra words",
        "/companies %",
        "/quotes %_\\",
        "/quotes «Комарова»",
        "/quotes \u200b",
        "/mission 2",
        "/QUOTES",
        "&amp; <i>не тег</i>",
        "/subscribe " + "Москва" * 700,
        "/subscribe 9:" + "9" * 4000,
        "/quotes " + "Комарова" * 600,
    ],
)
async def test_odd_input_gets_one_valid_answer(seed_bot_env: BotEnv, text: str) -> None:
    answer = only_text(await seed_bot_env.send(text))
    assert_telegram_html(answer)


@pytest.mark.parametrize("data", ["mission:-1", "mission:abc", "mission", "other:1"])
async def test_forged_callback_data_changes_nothing(seed_bot_env: BotEnv, data: str) -> None:
    await seed_bot_env.send("/mission")
    message = last_sent_message(seed_bot_env, message_id=9)
    requests = await seed_bot_env.feed(callback_update(data, message))
    assert not params_of(requests, "EditMessageText")
    assert not params_of(requests, "SendMessage")
    # Every press is answered, or the user's client shows a spinner until it times out.
    assert len(params_of(requests, "AnswerCallbackQuery")) == 1


async def test_ordinary_group_messages_get_no_hint(seed_bot_env: BotEnv) -> None:
    group = Chat(id=-500, type="supergroup", title="Обсуждение канала")
    assert await seed_bot_env.feed(message_update("Когда следующий форум?", chat=group)) == []
    commands = await seed_bot_env.feed(message_update("/companies", chat=group))
    assert "Челябинский завод электрооборудования" in sent_texts(commands)[0]


async def test_a_long_company_list_is_split_into_valid_parts(bot_env: BotEnv) -> None:
    repos = bot_env.services.repos
    names = tuple(f"Заречный завод номер {n} имени очень длинного названия" for n in range(150))
    raw = RawPost("file", "many.txt", "Много компаний")
    async with repos.db.transaction():
        _, post_id = await repos.posts.upsert(raw)
        result = Extraction(title="Много", companies=tuple(Company(n, (n,)) for n in names))
        await repos.cache.save(post_id, raw.content_hash, "test", result)
    parts = sent_texts(await bot_env.send("/companies all"))
    assert len(parts) > 1
    for part in parts:
        assert_telegram_html(part)
    listed = [name for part in parts for _, name in NUMBERED.findall(part)]
    assert len(listed) == 150
