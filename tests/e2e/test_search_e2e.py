"""Issue 11 end to end: /search and /company through the real `govdigest run` process, its
stock aiohttp session and the telegram-test-api emulator, on the seed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .harness import BotProcess, TelegramUser, joined
from .shim import BotApiShim

pytestmark = pytest.mark.e2e

SEED_COMPANY = "Челябинский завод электрооборудования"


@pytest.fixture(autouse=True)
def telegram_accepts_every_answer(govdigest_bot: BotProcess, shim: BotApiShim) -> Iterator[None]:
    after = shim.last_seq()
    yield
    rejected = [c for c in shim.iter_rejections(govdigest_bot.token) if c.seq > after]
    assert not rejected, "\n".join(
        f"{c.method}: {c.response.get('description')} {dict(c.params)}"[:500] for c in rejected
    )


def test_search_finds_the_seed_in_another_case_form(tg_user: TelegramUser) -> None:
    # The start-up refresh indexes right after extracting: wait for the index, not a clock.
    replies = tg_user.send_until(
        "/search сотрудничеством Челябинская", lambda r: "Найдено" in joined(r), timeout=60.0
    )
    text = joined(replies)
    assert "Найдено: 1 публикация" in text, text
    assert "сотрудничеств" in text.casefold()


def test_search_syntax_and_markup_are_answered_not_failed(tg_user: TelegramUser) -> None:
    text = joined(tg_user.send('/search "NEAR" OR * <b>(((-:'))
    assert "ничего не нашлось" in text or "Найдено" in text, text
    assert joined(tg_user.send("/search")).startswith("Поиск по всем публикациям.")


def test_company_dossier_in_an_oblique_form(tg_user: TelegramUser) -> None:
    text = joined(tg_user.send("/company Челябинским заводом электрооборудования"))
    assert f"Досье: {SEED_COMPANY}" in text, text
    assert "Упоминается в 1 публикации" in text
    assert "Челябинская область" in text
    unknown = joined(tg_user.send("/company Челябинский заовд электрооборудования"))
    assert "в публикациях нет" in unknown and SEED_COMPANY in unknown, unknown


def test_menu_lists_the_new_commands(govdigest_bot: BotProcess, shim: BotApiShim) -> None:
    menu = [c["command"] for c in shim.commands_for(govdigest_bot.token)]
    assert {"search", "company", "region"} <= set(menu), menu
