"""Issue 13, a reader's experience: one test (or a few) per finding, through the real
dispatcher, real SQLite and, where the posts are ingested, the real extractor.

``tests/data/reader`` holds four posts written for these findings: a mission dated
"сегодня" published at 01:30 Moscow time on 3 December (22:30 UTC on the 2nd), a Khabarovsk
mission published at 09:10 local time on 3 December (23:10 UTC on the 2nd), a one-paragraph
non-mission post, and a mission in Minsk whose agreements the extractor lists as "соглашение с
меморандум с ОАО «Гомсельмаш»" and whose only quote is reported speech ("По её словам").

New names are imported inside the tests, so that the module also runs against the code
before the issue and each test fails there on behaviour, not on an import.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiogram.types import InlineKeyboardMarkup

from govdigest.bot.app import Services, open_services
from govdigest.bot.console import run_console
from govdigest.bot.local_session import SentRequest
from govdigest.bot.texts import cards
from govdigest.bot.texts import common as common_texts
from govdigest.bot.texts import subscriptions as sub_texts
from govdigest.config import Settings
from govdigest.extraction.models import Company, Extraction, Quote
from govdigest.extraction.pipeline import NlpModels
from govdigest.sources.models import RawPost
from tests.bot.conftest import (
    BotEnv,
    assert_telegram_html,
    button_labels,
    make_user,
    reply_markup_of,
    sent_texts,
)
from tests.conftest import DATA_DIR

READER_DIR = DATA_DIR / "reader"
# Digests list posts published in their window (issue 9); the reader posts are dated 1–3
# December 2026, so the bot's clock stands still on that morning (whatever day tests run).
READER_NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
async def services(settings: Settings, nlp_models: NlpModels) -> AsyncIterator[Services]:
    opened = await open_services(settings, models=nlp_models, clock=lambda: READER_NOW)
    try:
        yield opened
    finally:
        await opened.close()


BOLD = re.compile(r"<b>([^<]+)</b>")


def one(requests: list[SentRequest]) -> str:
    (text,) = sent_texts(requests)
    assert_telegram_html(text)
    return text


def markup(requests: list[SentRequest]) -> InlineKeyboardMarkup:
    shown = [reply_markup_of(r) for r in requests if reply_markup_of(r) is not None]
    assert shown, "no keyboard"
    found = shown[-1]
    assert found is not None
    return found


def button(requests: list[SentRequest], prefix: str) -> tuple[str, str | None, str | None]:
    for row in markup(requests).inline_keyboard:
        for b in row:
            if b.text.startswith(prefix):
                return b.text, b.callback_data, b.url
    raise AssertionError(f"no button starting {prefix!r} in {button_labels(requests[-1])}")


@pytest.fixture
async def missions_env(bot_env: BotEnv) -> BotEnv:
    report = await bot_env.services.ingestor.refresh([DATA_DIR / "missions"], trigger="test")
    assert report.new == 3 and await bot_env.services.repos.cache.mission_count() == 3
    return bot_env


@pytest.fixture
async def reader_env(bot_env: BotEnv) -> BotEnv:
    report = await bot_env.services.ingestor.refresh([READER_DIR], trigger="test")
    assert (report.new, report.rejected, report.failed) == (4, [], 0)
    # Past the second the posts became ready in: the digest-window rounding has its own test
    # (test_9_piped_digest…), these tests are about what the digest says.
    await asyncio.sleep(1.05)
    return bot_env


async def post_id_of(env: BotEnv, url: str) -> int:
    async with env.services.db.conn.execute("SELECT id FROM posts WHERE url = ?", (url,)) as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def save(env: BotEnv, name: str, extraction: Extraction) -> int:
    """A post with a given extraction, stored as ingestion stores it."""
    repos = env.services.repos
    raw = RawPost("file", name, extraction.title or name, title=extraction.title)
    async with repos.db.transaction():
        _, post_id = await repos.posts.upsert(raw)
        await repos.cache.save(post_id, raw.content_hash, "test", extraction)
    return post_id


# 1. A card's buttons open that card's companies and quotes ----------------------------------


async def test_1_card_buttons_open_the_companies_and_quotes_of_the_card_being_read(
    missions_env: BotEnv,
) -> None:
    first = await missions_env.send("/mission")
    assert "Южная область" in one(first)
    page = await missions_env.press(cards.EARLIER)
    (card,) = sent_texts(page)
    assert "(2 из 3)" in card and "Восточная республика" in card
    june = await post_id_of(missions_env, "https://t.me/zarechny_gov/260")

    label, data, _ = button(page, "🏢")
    from govdigest.bot.callbacks import PostCompanies, PostQuotes

    assert data is not None and PostCompanies.unpack(data).post_id == june
    companies = one(await missions_env.press(label))
    assert "Озёрский литейный завод" in companies and "Заречная мебель" in companies
    assert "Заречный шинный завод" not in companies  # the newest mission's delegation

    label, data, _ = button(page, "💬")
    assert data is not None and PostQuotes.unpack(data).post_id == june
    quotes = one(await missions_env.press(label))
    assert "Кооперация с Восточной республикой" in quotes
    assert "Мы открыты для совместных проектов" not in quotes

    _, _, url = button(page, cards.BTN_OPEN_POST)
    assert url == "https://t.me/zarechny_gov/260"

    # Without an argument /companies still means the latest mission.
    assert "Заречный шинный завод" in one(await missions_env.send("/companies"))


# 2. A digest item says whose post it is and when --------------------------------------------


async def test_2_digest_items_say_whose_post_and_when_missions_first_no_repeats(
    reader_env: BotEnv,
) -> None:
    text = one(await reader_env.send("/digest"))
    blocks = text.split("\n\n")[1:]
    firsts = [block.split("\n", 1)[0] for block in blocks]
    # Region (or the channel's title), channel and the local time (Yekaterinburg by default);
    # a post without a public link names its channel by title.
    # (The year is shown only when it is not the current one.)
    expected = (
        "🏛 Заречная область · Губернатор Заречной области · 1 декабря{year}, 14:00",
        "🏛 Заречная область · @zarechny_gov · 3 декабря{year}, 03:30",
        "🏛 Хабаровский край · @khabarovsk_gov · 3 декабря{year}, 04:10",
    )
    for first, line in zip(firsts, expected, strict=False):
        assert first in {line.format(year=""), line.format(year=" 2026")}, first
    # Missions first in publication order; the one non-mission post last.
    assert [b.split("\n")[1].split(".")[0] for b in blocks] == ["<b>1", "<b>2", "<b>3", "<b>4"]
    titles = [b.split("\n")[1] for b in blocks]
    assert "Беларусь" in titles[0]  # published 1 December
    assert "Северным краем" in titles[1]
    assert "Приморье" in titles[2]
    assert "паводку" in titles[3] and "Губернатор Озёрской области · @ozerskaya_gov" in blocks[3]
    # A one-paragraph post shows its sentence once, not as a title and again as a summary.
    assert blocks[3].count("все службы должны быть готовы") == 1


# 3. Dates: relative words resolved against the post's local date ----------------------------


async def test_3_relative_dates_are_resolved_and_post_dates_are_local(
    reader_env: BotEnv,
) -> None:
    digest = one(await reader_env.send("/digest"))
    north = next(b for b in digest.split("\n\n") if "Северным краем" in b)
    assert "🗓 3 декабря 2026" in north  # "Сегодня" in a post of 3 December, Moscow time
    assert "сегодня" not in north.casefold()

    card = one(await reader_env.send("/mission Северный"))
    assert "<b>Когда:</b> 3 декабря 2026" in card
    # Published 09:10 in Khabarovsk on 3 December (23:10 UTC on the 2nd).
    khabarovsk = one(await reader_env.send("/mission Хабаровск"))
    assert "3 декабря 2026" in khabarovsk.rsplit("Источник:", 1)[1]
    assert "2 декабря" not in khabarovsk


# 4. Reported speech always marked; no speaker shown as none; agreement line ------------------


async def test_4_reported_speech_is_marked_everywhere_and_agreements_read_right(
    reader_env: BotEnv,
) -> None:
    digest = one(await reader_env.send("/digest"))
    minsk = next(b for b in digest.split("\n\n") if "Беларусь" in b)
    assert "💬 <b>Ольга Белова</b>, в пересказе: уже в первом квартале" in minsk
    quotes = one(await reader_env.send("/quotes Белова"))
    assert "<b>Ольга Белова</b> (заместитель губернатора), в пересказе:" in quotes

    card = one(await reader_env.send("/mission Минск"))
    assert "• меморандум с ОАО «Гомсельмаш»" in card
    assert "соглашение с меморандум" not in card


async def test_4_a_quote_without_a_speaker_names_nobody(bot_env: BotEnv) -> None:
    await save(
        bot_env,
        "anon.txt",
        Extraction(
            title="Без автора",
            quotes=(Quote(speaker=None, text="Работы завершат к лету", kind="indirect"),),
        ),
    )
    text = one(await bot_env.send("/quotes"))
    assert "<i>без указания автора</i>, в пересказе:" in text
    assert BOLD.findall(text) == [cards.QUOTES_TITLE]  # no name in bold: nobody is named


# 5. One organisation, one entry -------------------------------------------------------------


async def test_5_one_organisation_one_entry_sorted_by_name(bot_env: BotEnv) -> None:
    first = ("АО «Уралхимпласт»", "СибТехМаш", "агрохолдинг «Прикамье»", "«Яблоко»")
    await save(bot_env, "a.txt", Extraction(title="A", companies=tuple(Company(n) for n in first)))
    second = ("Уралхимпласт", "СибТехМаша")
    await save(
        bot_env, "b.txt", Extraction(title="B", companies=tuple(Company(n) for n in second))
    )
    text = one(await bot_env.send("/companies all"))
    rows = re.findall(r"^\d+\. (.+)$", text, re.MULTILINE)
    assert len(rows) == 4, rows
    assert rows[0].startswith("СибТехМаш — 2 поста") and "также: СибТехМаша" in rows[0]
    assert rows[1].startswith("АО «Уралхимпласт» — 2 поста") and "также: Уралхимпласт" in rows[1]
    # Then by the name, not by the designator in front of it.
    assert rows[2].startswith("агрохолдинг «Прикамье»") and rows[3].startswith("«Яблоко»")
    assert await bot_env.services.repos.cache.company_count() == 4
    # The extractor's per-post names stay as they were.
    post_b = await bot_env.services.repos.cache.mission_of_post(2)
    assert post_b is not None and [c.name for c in post_b.companies] == list(second)


# 6. Subscribing -----------------------------------------------------------------------------


async def test_6_bare_subscribe_asks_with_buttons_and_a_repeat_says_what_changed(
    bot_env: BotEnv,
) -> None:
    repos = bot_env.services.repos
    asked = await bot_env.send("/subscribe")
    labels = button_labels(asked[-1])
    assert ["МСК", *(f"МСК+{n}" for n in range(1, 10))] == [
        label.removeprefix("✓ ") for label in labels[:10]
    ]
    assert {"07:00", "08:00", "12:00"} <= {label.removeprefix("✓ ") for label in labels}
    assert await repos.subscribers.get(777) is None  # nothing decided for the reader yet

    await bot_env.press("МСК+7")
    await bot_env.press("08:00")
    done = await bot_env.press(sub_texts.btn_confirm("08:00", "МСК+7"))
    (confirmed,) = sent_texts(done)
    sub = await repos.subscribers.get(777)
    assert sub is not None and (sub.digest_time, sub.tz) == ("08:00", "Asia/Vladivostok")
    assert "Владивосток (МСК+7)" in confirmed and "Asia/" not in confirmed

    again = one(await bot_env.send("/subscribe 07:30"))
    assert "Подписка обновлена" in again and "08:00 → <b>07:30</b>" in again
    same = one(await bot_env.send("/subscribe 07:30"))
    assert "ничего не изменилось" in same and "Подписка оформлена" not in same

    await bot_env.send("/settings")
    await bot_env.press(sub_texts.BTN_ZONE_MENU)
    await bot_env.press("МСК")
    sub = await repos.subscribers.get(777)
    assert sub is not None and (sub.digest_time, sub.tz) == ("07:30", "Europe/Moscow")
    assert "Москва (МСК)" in one(await bot_env.send("/settings"))


# 7. Arguments honoured or explained ---------------------------------------------------------


async def test_7_arguments_are_honoured_or_said_to_be_not_understood(
    missions_env: BotEnv,
) -> None:
    company = one(await missions_env.send("/companies ТеплоСталь"))
    assert "ТеплоСталь" in company and "Заречный шинный завод" not in company
    assert "Заречная область представила" in company  # the post that names it

    region = one(await missions_env.send("/companies Восточная"))
    assert "Заречная мебель" in region and "Заречный шинный завод" not in region

    mission = one(await missions_env.send("/mission Северный край"))
    assert "Северная ярмарка" in mission and "Южный мост" not in mission

    unknown = one(await missions_env.send("/mission Пермь"))
    assert "Пермь" in unknown and "Южный мост" not in unknown
    assert "«Пермь»" in one(await missions_env.send("/companies Пермь"))

    digest = sent_texts(await missions_env.send("/digest вчера"))
    assert "«вчера»" in digest[0] and "Не понял" in digest[0]

    foo = one(await missions_env.send("/foo"))
    assert foo == common_texts.unknown_command("/foo") and foo != common_texts.FALLBACK
    # A command addressed to another bot is not called unknown.
    assert one(await missions_env.send("/help@other_bot")) == common_texts.FALLBACK


# 8. /quotes without dead ends ---------------------------------------------------------------


async def test_8_quotes_come_a_few_at_a_time_with_more_behind_a_button(
    seed_bot_env: BotEnv,
) -> None:
    first = await seed_bot_env.send("/quotes")
    text = one(first)
    assert 3 <= len(BOLD.findall(text)) - 1 <= 5
    assert len(text) < 2000
    label, _, _ = button(first, "Ещё")
    from govdigest.bot.handlers.quotes import PAGE

    rest = int(label.split()[-1])
    assert rest == 8 - PAGE and f"и ещё {rest}" in text
    more = one(await seed_bot_env.press(label))
    assert len(BOLD.findall(more)) - 1 == rest


async def test_8_names_in_any_form_and_speakers_as_buttons(seed_bot_env: BotEnv) -> None:
    by_case = one(await seed_bot_env.send("/quotes комарову"))
    assert by_case.startswith("<b>Цитаты: Наталья Комарова</b>")
    by_initial = one(await seed_bot_env.send("/quotes Н. Комарова"))
    assert "Создаем условия" in by_initial
    assert "не нашлось" in one(await seed_bot_env.send("/quotes А. Комарова"))

    missing = await seed_bot_env.send("/quotes Пупкин")
    assert "Комарова" not in one(missing).split("\n")[0]  # no hint that finds nothing
    assert {"Алексей Текслер", "Наталья Комарова"} <= set(button_labels(missing[-1]))
    hers = one(await seed_bot_env.press("Наталья Комарова"))
    assert hers.startswith("<b>Цитаты: Наталья Комарова</b>") and "Создаем условия" in hers


# 9. First run -------------------------------------------------------------------------------


async def test_9_start_greets_says_what_is_followed_and_how_fresh(reader_env: BotEnv) -> None:
    start = one(await reader_env.send("/start"))
    assert start != one(await reader_env.send("/help"))
    assert "Здравствуйте" in start
    assert "Губернатор Заречной области" in start and "Губернатор Хабаровского края" in start
    assert "Данные на" in start


async def test_9_deep_links_open_a_mission_and_the_subscription(reader_env: BotEnv) -> None:
    post_id = await post_id_of(reader_env, "https://t.me/khabarovsk_gov/77")
    card = await reader_env.send(f"/start mission_{post_id}")
    assert "Восточный мост" in one(card)
    from govdigest.bot.callbacks import PostCompanies

    assert button(card, "🏢")[1] == PostCompanies(post_id=post_id).pack()
    picker = await reader_env.send("/start subscribe")
    assert "МСК+9" in " ".join(button_labels(picker[-1]))


@pytest.mark.parametrize("command", ["/mission", "/companies", "/quotes"])
async def test_9_empty_states_speak_to_readers(bot_env: BotEnv, command: str) -> None:
    text = one(await bot_env.send(command, user=make_user(31337)))
    assert "seeds" not in text and "Загрузите" not in text


async def test_9_piped_digest_on_a_fresh_database_shows_the_post(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A post published just now (the undated seed is not news in a digest: issue 9).
    seeds = tmp_path / "fresh_seeds"
    seeds.mkdir()
    post = {
        "text": "Губернатор открыл мост через Уй\nДвижение по мосту открыто сегодня.",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (seeds / "today.json").write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    settings.seeds_dir = str(seeds)
    out = io.StringIO()
    await run_console(settings, stdin=io.StringIO("/digest\n/mission\n"), out=out)
    answers = out.getvalue()
    assert "новых публикаций нет" not in answers
    assert "1 новая публикация" in answers and "мост через Уй" in answers
