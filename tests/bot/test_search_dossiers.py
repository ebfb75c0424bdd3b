"""/search, /company and /region through the real dispatcher, real SQLite and the recording
session, on the small corpus with known answers (tests/search_corpus.py)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from aiogram.types import Chat, Message

from govdigest.bot.handlers.search import PAGE_SIZE, SearchPageCb
from govdigest.bot.local_session import BOT_USER
from govdigest.bot.texts import dossiers as dossier_texts
from govdigest.bot.texts import search as search_texts
from govdigest.bot.texts.common import PUBLIC_COMMANDS
from govdigest.timeutil import utc_now
from tests.bot.conftest import (
    DEFAULT_USER_ID,
    BotEnv,
    assert_telegram_html,
    button_labels,
    callback_update,
    make_user,
    params_of,
    sent_texts,
)
from tests.search_corpus import GOVERNOR_QUOTE, load_corpus, raw_post

NUMBERED = re.compile(r"^(\d+)\. <b>", re.MULTILINE)


@pytest.fixture
async def env(bot_env: BotEnv) -> BotEnv:
    await load_corpus(bot_env.services.repos)
    return bot_env


def only_text(requests: list) -> str:
    answers = sent_texts(requests)
    assert len(answers) == 1, answers
    assert_telegram_html(answers[0])
    return answers[0]


def test_the_new_commands_are_in_the_menu_and_help() -> None:
    names = [name for name, _ in PUBLIC_COMMANDS]
    assert {"search", "company", "region"} <= set(names)


async def test_search_without_words_shows_how(env: BotEnv) -> None:
    text = only_text(await env.send("/search"))
    assert text == search_texts.USAGE
    assert "<code>/search " in text


async def test_search_finds_every_case_form_and_highlights_it(env: BotEnv) -> None:
    text = only_text(await env.send("/search соглашения"))
    assert "Найдено: 3 публикации" in text
    assert [int(n) for n in NUMBERED.findall(text)] == [1, 2, 3]
    assert "<b>соглашения</b>" in text  # the post's own form, highlighted
    assert "<b>соглашение</b>" in text.replace("<b>Соглашение</b>", "<b>соглашение</b>")
    assert '<a href="https://t.me/test_channel/1">' in text  # the post's link
    assert "<b>5 марта 2026</b>" in text  # the post's date


async def test_search_escapes_post_text_and_query(env: BotEnv) -> None:
    hostile = replace(
        raw_post("steel", "Соглашение <b>не</b> & <script>alert(1)</script> подписано."),
        source_id="hostile.txt",
    )
    await env.services.ingestor.add_posts([hostile])
    text = only_text(await env.send("/search соглашение <script>"))
    assert "<script>" not in text
    # The post's markup is text; the query's word is highlighted inside it.
    assert "&lt;b&gt;не&lt;/b&gt; &amp; &lt;<b>script</b>&gt;alert(1)" in text


@pytest.mark.parametrize(
    "query", ['"', "* NEAR OR", "((((", "body:соглашение", "-", "a" * 4000, "!!! ???"]
)
async def test_search_syntax_is_never_an_error(env: BotEnv, query: str) -> None:
    text = only_text(await env.send(f"/search {query}"))
    assert text == search_texts.USAGE or "ничего не нашлось" in text or "Найдено" in text


async def test_search_filters_and_their_mistakes(env: BotEnv) -> None:
    text = only_text(await env.send("/search делегация регион:Челябинской с:01.04.2026"))
    assert "Найдено: 1 публикация" in text
    assert "регион Челябинской, с 1 апреля 2026" in text
    bad = only_text(await env.send("/search делегация с:31.02.2026"))
    assert bad == search_texts.BAD_DATE.format(value="31.02.2026")
    assert "<code>с:01.03.2026</code>" in bad


async def test_search_pages_with_buttons(env: BotEnv) -> None:
    posts = [
        replace(raw_post("school", f"Соглашение номер {i} подписано."), source_id=f"n{i}.txt")
        for i in range(11)
    ]
    await env.services.ingestor.add_posts(posts)
    first = await env.send("/search соглашение")
    text = only_text(first)
    assert "Найдено: 14 публикаций, страница 1 из 3" in text
    assert [int(n) for n in NUMBERED.findall(text)] == list(range(1, PAGE_SIZE + 1))
    assert button_labels(first[-1]) == [search_texts.BTN_NEXT]
    second = await env.press(search_texts.BTN_NEXT)
    edited = params_of(second, "EditMessageText")
    assert len(edited) == 1 and len(params_of(second, "AnswerCallbackQuery")) == 1
    assert "страница 2 из 3" in edited[0]["text"]
    assert [int(n) for n in NUMBERED.findall(edited[0]["text"])] == [6, 7, 8, 9, 10]
    assert button_labels(second[-1]) == [search_texts.BTN_PREV, search_texts.BTN_NEXT]
    third = await env.press(search_texts.BTN_NEXT)
    assert [int(n) for n in NUMBERED.findall(sent_texts(third)[0])] == [11, 12, 13, 14]
    assert button_labels(third[-1]) == [search_texts.BTN_PREV]


async def test_a_search_button_of_another_chat_is_refused(env: BotEnv) -> None:
    await env.send("/search соглашение")
    row = await env.services.repos.db.fetchone("SELECT MAX(id) FROM saved_searches")
    assert row is not None
    stranger = make_user(4242)
    message = Message(
        message_id=1,
        date=utc_now(),
        chat=Chat(id=stranger.id, type="private"),
        from_user=BOT_USER,
        text="Поиск",
    )
    data = SearchPageCb(search_id=int(row[0]), offset=PAGE_SIZE).pack()
    requests = await env.feed(callback_update(data, message, user=stranger))
    (answer,) = params_of(requests, "AnswerCallbackQuery")
    assert answer["text"] == search_texts.SEARCH_GONE and answer["show_alert"] is True
    assert not params_of(requests, "EditMessageText")


async def test_company_dossier_in_any_case_form(env: BotEnv) -> None:
    text = only_text(await env.send("/company Уралхиммашем"))
    assert text.startswith("<b>Досье: Уралхиммаш</b>")
    assert "Упоминается в 2 публикациях" in text
    for fact in ("Челябинская область", "Пермский край", "Казахстан", "Китай"):
        assert fact in text
    assert "АО «Метран»" in text and "агрохолдинг «Прикамье»" in text
    assert GOVERNOR_QUOTE in text
    assert "Мы рады сотрудничеству" not in text  # a quote of its post that does not name it


async def test_unknown_company_gets_the_closest_names(env: BotEnv) -> None:
    text = only_text(await env.send("/company Уралхимаш"))
    assert "Компании «Уралхимаш» в публикациях нет." in text
    assert "«Уралхиммаш»" in text
    assert only_text(await env.send("/company")) == dossier_texts.COMPANY_USAGE


async def test_region_dossier(env: BotEnv) -> None:
    text = only_text(await env.send("/region Челябинской"))
    assert text.startswith("<b>Досье: Челябинская область</b>")
    assert "<b>Страны-партнёры:</b> Казахстан" in text
    assert "<b>Регионы-партнёры:</b> Свердловская область" in text
    assert "Уралхиммаш" in text and GOVERNOR_QUOTE in text
    unknown = only_text(await env.send("/region Челябинкая"))
    assert "«Челябинская область»" in unknown
    assert only_text(await env.send("/region")) == dossier_texts.REGION_USAGE


async def test_a_page_past_the_end_shows_the_last_one(env: BotEnv) -> None:
    await env.send("/search соглашение")
    row = await env.services.repos.db.fetchone("SELECT MAX(id) FROM saved_searches")
    assert row is not None
    message = Message(
        message_id=1,
        date=utc_now(),
        chat=Chat(id=DEFAULT_USER_ID, type="private"),
        from_user=BOT_USER,
        text="x",
    )
    data = SearchPageCb(search_id=int(row[0]), offset=50).pack()
    requests = await env.feed(callback_update(data, message))
    (edited,) = params_of(requests, "EditMessageText")
    assert "Найдено: 3 публикации" in edited["text"]
    assert [int(n) for n in NUMBERED.findall(edited["text"])] == [1, 2, 3]
