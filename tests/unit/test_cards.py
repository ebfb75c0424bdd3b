"""Card renderers: bounded, valid, and safe whatever a post contains."""

from __future__ import annotations

import pytest

from govdigest.bot.texts import cards
from govdigest.bot.texts.common import clip
from govdigest.extraction.models import Company, Mission
from govdigest.storage.cache import MissionCard, PostRef
from tests.bot.conftest import assert_telegram_html, utf16_len


def ref(url: str | None, title: str = "Пост") -> PostRef:
    return PostRef(post_id=1, title=title, url=url, channel=None, published_at=None)


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://t.me/zarechny_gov/7", True),
        ("javascript:alert(1)", False),
        ("t.me/zarechny_gov/7", False),
        ('https://t.me/x"><b>', True),
        (None, False),
    ],
)
def test_source_links_only_with_a_scheme_telegram_accepts(url: str | None, linked: bool) -> None:
    line = cards.source_line(ref(url))
    assert ("<a href=" in line) is linked
    assert_telegram_html(line)


def test_a_mission_card_stays_one_valid_message_however_long_the_post() -> None:
    huge = "очень длинное описание соглашения " * 200
    mission = Mission(
        leader="Игорь Светлов " * 50,
        leader_role="губернатор " * 100,
        delegation_region="Заречная область " * 100,
        destination="Северный край " * 100,
        event="форум «Северная ярмарка» " * 100,
        agreements=tuple(f"{i}. {huge}" for i in range(40)),
        directions=("промышленность", "IT", "туризм") * 50,
    )
    card = MissionCard(
        post=ref("https://t.me/zarechny_gov/7", title="Заголовок " * 100),
        mission=mission,
        companies=tuple(Company(name=f"Завод {i}") for i in range(300)),
    )
    text = cards.mission_card(card, index=0, total=3)
    assert utf16_len(text) <= 4096
    assert "• и ещё 35" in text
    assert_telegram_html(text)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Коротко", 64, "Коротко"),
        ("слово " * 30, 20, "слово слово слово…"),
        ("а\n\nб   в", 64, "а б в"),
        ("Сплошнойтекстбезпробелов", 10, "Сплошнойт…"),
    ],
)
def test_clip_cuts_at_a_word_and_keeps_the_limit(text: str, limit: int, expected: str) -> None:
    assert clip(text, limit) == expected
    assert len(clip(text, limit)) <= limit
