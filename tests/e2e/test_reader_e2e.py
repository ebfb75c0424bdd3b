"""Issue 13 end to end: the buttons and deep links a reader uses, through the real
`govdigest run` process, its stock aiohttp session and the telegram-test-api emulator.

One bot serves the module, on the seed, the three dated missions and the issue's reader posts.
A name new with the issue is imported inside its test, so the module also runs against the
code before the issue (each test fails there on behaviour).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from govdigest.bot.texts.cards import EARLIER

from .harness import REPO_ROOT, BotProcess, TelegramUser, joined
from .shim import BotApiShim

pytestmark = pytest.mark.e2e

DATA = REPO_ROOT / "tests" / "data"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(scope="module")
def reader_bot(
    launch_bot: Callable[..., BotProcess],
    new_token: Callable[[str], str],
    make_user: Callable[..., TelegramUser],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[BotProcess]:
    seeds: Path = tmp_path_factory.mktemp("reader-seeds")
    shutil.copytree(REPO_ROOT / "seeds", seeds / "seed")
    shutil.copytree(DATA / "missions", seeds / "missions")
    shutil.copytree(DATA / "reader", seeds / "reader")
    bot = launch_bot(
        new_token("reader"), name="govdigest-reader", extra_env={"SEEDS_DIR": str(seeds)}
    )
    # Ready once the start-up refresh has loaded all seven missions.
    make_user(bot.token, bot=bot).send_until(
        "/mission", lambda replies: "из 7" in joined(replies), timeout=120.0
    )
    yield bot
    bot.stop()


@pytest.fixture
def user(reader_bot: BotProcess, make_user: Callable[..., TelegramUser]) -> TelegramUser:
    return make_user(reader_bot.token, bot=reader_bot)


@pytest.fixture(autouse=True)
def telegram_accepts_every_answer(reader_bot: BotProcess, shim: BotApiShim) -> Iterator[None]:
    after = shim.last_seq()
    yield
    rejected = [c for c in shim.iter_rejections(reader_bot.token) if c.seq > after]
    assert not rejected, "\n".join(
        f"{c.method}: {c.response.get('description')} {dict(c.params)}"[:500] for c in rejected
    )


def test_1_a_paged_card_opens_its_own_companies_and_quotes(user: TelegramUser) -> None:
    [card] = user.send("/mission")
    page = user.press(card, EARLIER)
    shown = page.message
    assert "(2 из 7)" in shown.text, shown.text
    companies = joined(user.press(shown, "🏢").replies)
    quotes = joined(user.press(shown, "💬").replies)
    # Whatever mission page 2 is, its buttons open that mission, not the newest one.
    first_company = re.search(r"Компании: (\d+)", shown.text)
    assert first_company is not None
    numbered = re.findall(r"^\d+\. ", companies, re.MULTILINE)
    assert len(numbered) == int(first_company.group(1)), companies
    title = shown.text.rsplit("Источник: ", 1)[1].split(",")[0]
    assert title in companies and title in quotes, (title, companies, quotes)
    assert any(b.url for b in shown.buttons) or "📄" in " ".join(b.text for b in shown.buttons)


def test_6_bare_subscribe_offers_zones_and_times_as_buttons(user: TelegramUser) -> None:
    [picker] = user.send("/subscribe")
    labels = [b.text.removeprefix("✓ ") for b in picker.buttons]
    assert ["МСК", *(f"МСК+{n}" for n in range(1, 10))] == labels[:10], labels
    chosen = user.press(picker, "МСК+7").message
    from govdigest.bot.texts.subscriptions import btn_confirm

    done = user.press(chosen, btn_confirm("09:00", "МСК+7"))
    assert "Владивосток (МСК+7)" in done.message.text, done.message.text
    assert "Владивосток (МСК+7)" in joined(user.send("/settings"))


def test_8_quotes_show_a_few_and_more_behind_a_button(user: TelegramUser) -> None:
    [first] = user.send("/quotes")
    more = next(b for b in first.buttons if b.text.startswith("Ещё"))
    rest = int(more.text.split()[-1])
    pressed = user.press(first, more.text)
    assert pressed.answer is not None and pressed.answer.ok
    assert pressed.replies and f"и ещё {rest}" in first.text


def test_9_deep_links_and_greeting(user: TelegramUser, reader_bot: BotProcess) -> None:
    greeting = joined(user.send("/start"))
    assert "Здравствуйте" in greeting and "Губернатор Хабаровского края" in greeting
    assert "Данные на" in greeting

    [picker] = user.send("/start subscribe")
    assert "МСК+9" in [b.text.removeprefix("✓ ") for b in picker.buttons]

    [card] = user.send("/mission Хабаровск")
    data = next(b.callback_data for b in card.buttons if b.text.startswith("🏢"))
    assert data is not None
    post_id = data.split(":")[1]
    [linked] = user.send(f"/start mission_{post_id}")
    assert "Восточный мост" in linked.text, linked.text


def test_9_descriptions_are_set_at_start_up(reader_bot: BotProcess, shim: BotApiShim) -> None:
    for method, field in (
        ("setMyDescription", "description"),
        ("setMyShortDescription", "short_description"),
    ):
        calls = shim.calls_of(method, token=reader_bot.token)
        assert calls and all(call.ok for call in calls), method
        assert CYRILLIC.search(str(calls[-1].params.get(field))), calls[-1].params
