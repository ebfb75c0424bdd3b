"""govdigest end to end: the real `govdigest run` process, its stock aiohttp session, the
telegram-test-api emulator (behind the shim) and a user who types commands.

One bot process serves the whole module (it loads NLP models and ingests the seed at start-up);
each test chats as a fresh user so that subscriptions do not leak between tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from govdigest.bot.texts.cards import EARLIER, NEWER

from .harness import REPO_ROOT, BotProcess, Reply, TelegramUser, joined
from .shim import BotApiShim

pytestmark = pytest.mark.e2e

MENU_COMMANDS = ("mission", "companies", "quotes", "subscribe", "unsubscribe", "settings")
SEED_COMPANY_COUNT = 12
MISSIONS_DIR = REPO_ROOT / "tests" / "data" / "missions"  # three dated missions
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+\S", re.MULTILINE)


@pytest.fixture(autouse=True)
def telegram_accepts_every_answer(govdigest_bot: BotProcess, shim: BotApiShim) -> Iterator[None]:
    """Every call the bot makes must be one Telegram would accept: valid HTML, at most 4096
    characters, only methods that exist (the shim refuses the rest as Telegram would)."""
    after = shim.last_seq()
    yield
    rejected = [c for c in shim.iter_rejections(govdigest_bot.token) if c.seq > after]
    assert not rejected, "\n".join(
        f"{c.method}: {c.response.get('description')} {dict(c.params)}"[:500] for c in rejected
    )


@pytest.mark.parametrize("command", ["/start", "/help"])
def test_start_and_help_list_every_command(tg_user: TelegramUser, command: str) -> None:
    text = joined(tg_user.send(command))
    missing = [name for name in MENU_COMMANDS if f"/{name}" not in text]
    assert not missing, f"{command} does not mention {missing}:\n{text}"
    assert CYRILLIC.search(text), text


def test_command_menu_is_set_at_start_up(govdigest_bot: BotProcess, shim: BotApiShim) -> None:
    calls = shim.calls_of("setMyCommands", token=govdigest_bot.token)
    assert calls and all(call.ok for call in calls)
    menu = shim.commands_for(govdigest_bot.token)
    names = [command["command"] for command in menu]
    assert set(MENU_COMMANDS) <= set(names), names
    # Russian interface: every description is Russian text.
    assert all(CYRILLIC.search(command["description"]) for command in menu), menu


def test_companies_lists_the_seed_delegation(tg_user: TelegramUser) -> None:
    text = joined(tg_user.send("/companies"))
    numbers = [int(n) for n in NUMBERED.findall(text)]
    assert numbers == list(range(1, SEED_COMPANY_COUNT + 1)), text
    assert "Челябинский завод электрооборудования" in text
    assert "Южноуральский арматурно-изоляторный завод" in text


def test_quotes_name_both_speakers(tg_user: TelegramUser) -> None:
    replies = tg_user.send("/quotes")
    text = joined(replies)
    assert "Алексей Текслер" in text and "Наталья Комарова" in text, text
    # Speakers are in bold.
    html = "\n".join(reply.html for reply in replies)
    assert re.search(r"<b>[^<]*Текслер[^<]*</b>", html), html


def test_mission_card_describes_the_seed_mission(tg_user: TelegramUser) -> None:
    text = joined(tg_user.send("/mission"))
    assert "Текслер" in text and "Утро" in text, text


def test_subscribe_with_a_wrong_time_explains_the_right_form(tg_user: TelegramUser) -> None:
    text = joined(tg_user.send("/subscribe 25:99"))
    assert "/subscribe 09:30" in text, text


def test_unknown_text_gets_a_hint_to_help(tg_user: TelegramUser) -> None:
    text = joined(tg_user.send("как дела?"))
    assert "/help" in text, text


def test_subscription_survives_a_restart(
    govdigest_bot: BotProcess, make_user: Callable[..., TelegramUser]
) -> None:
    user = make_user(govdigest_bot.token, bot=govdigest_bot)
    subscribed = joined(user.send("/subscribe 08:15"))
    assert "08:15" in subscribed, subscribed
    assert "08:15" in settings_text(user.send("/settings"))

    govdigest_bot.restart()

    assert "08:15" in settings_text(user.send("/settings")), govdigest_bot.log_tail()


def settings_text(replies: list[Reply]) -> str:
    return joined(replies)


def test_mission_buttons_page_through_earlier_missions(
    launch_bot: Callable[..., BotProcess],
    new_token: Callable[[str], str],
    make_user: Callable[..., TelegramUser],
    shim: BotApiShim,
) -> None:
    # A second bot on three dated missions: the seed has only one, so no buttons.
    bot = launch_bot(
        new_token("missions"),
        name="govdigest-missions",
        extra_env={"SEEDS_DIR": str(MISSIONS_DIR)},
    )
    try:
        user = make_user(bot.token, bot=bot)
        # The bot polls before its start-up refresh has loaded the missions.
        [card] = user.send_until("/mission", lambda replies: "из 3" in joined(replies))
        assert "Южный мост" in card.text and "из 3" in card.text, card.text
        # The card's own buttons (companies, quotes, the post) come first, paging last.
        assert [button.text for button in card.buttons][-1:] == [EARLIER]

        page = user.press(card, EARLIER)
        assert page.answer is not None and page.answer.ok
        assert page.replies == []  # the card is edited in place
        assert "Восток-Пром" in page.message.text, page.message.text
        assert [button.text for button in page.message.buttons][-2:] == [NEWER, EARLIER]

        last = user.press(page.message, EARLIER)
        assert "Северная ярмарка" in last.message.text, last.message.text
        assert [button.text for button in last.message.buttons][-1:] == [NEWER]
        assert EARLIER not in [button.text for button in last.message.buttons]

        back = user.press(last.message, NEWER)
        assert "Восток-Пром" in back.message.text, back.message.text
        assert list(shim.iter_rejections(bot.token)) == []
    finally:
        bot.stop()
