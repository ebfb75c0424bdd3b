"""The digest's wording: one block per post, everything escaped, valid Telegram HTML."""

from __future__ import annotations

from datetime import date

from govdigest.bot.digests.splitting import POST_SEPARATOR, split_html
from govdigest.bot.texts import digest as texts
from govdigest.bot.texts.digest import (
    FULL_POSTS,
    DigestWindow,
    companies_line,
    key_quotes,
    mission_line,
    render_digest,
)
from govdigest.extraction.models import Company, Extraction, Mission, Quote
from govdigest.storage.cache import DigestItem, PostRef
from tests.bot.conftest import assert_telegram_html
from tests.fakes.digest_env import utc

WINDOW = DigestWindow(since=utc(2024, 5, 1, 6, 0), until=utc(2024, 5, 2, 6, 0), first=False)


def item(n: int, *, url: str | None = "https://t.me/gov/1", **extraction: object) -> DigestItem:
    values: dict[str, object] = {"title": f"Пост {n}", "summary": "Кратко."}
    values.update(extraction)
    return DigestItem(
        post=PostRef(post_id=n, title=None, url=url, channel="gov", published_at=None),
        created_at=utc(2024, 5, 2, 1, 0),
        extraction=Extraction(**values),  # type: ignore[arg-type]
    )


def test_mission_line_is_who_where_when() -> None:
    mission = Mission(
        leader="Алексей Веклер",
        leader_role="губернатор Челябинской области",
        destination="Казахстан",
        date=date(2024, 5, 1),
        event="форум <Иннопром>",
    )
    line = mission_line(mission, "")
    assert line == (
        "🧭 Алексей Веклер, губернатор Челябинской области · 📍 Казахстан · 🗓 1 мая 2024 · "
        "🎯 форум &lt;Иннопром&gt;"
    )
    assert (
        mission_line(Mission(), "Губернатор <открыл> мост.")
        == "📝 Губернатор &lt;открыл&gt; мост."
    )
    assert mission_line(Mission(), " ") is None


def test_companies_top_few_and_the_rest_counted() -> None:
    names = [f"АО «Компания {i}»" for i in range(12)]
    line = companies_line(names)
    assert line is not None
    assert line.startswith("🏢 Компании (12): АО «Компания 0», ") and line.endswith(" и ещё 7")
    assert companies_line(["ООО «A&B»"]) == "🏢 Компании (1): ООО «A&amp;B»"
    assert companies_line([]) is None


def test_key_quotes_prefer_direct_speech_and_different_speakers() -> None:
    quotes = (
        Quote(speaker=None, text="ничья"),
        Quote(speaker="Б", text="косвенная", kind="indirect"),
        Quote(speaker="А", text="прямая"),
        Quote(speaker="А", text="ещё одна от А"),
        Quote(speaker="В", text="прямая от В"),
    )
    assert [q.text for q in key_quotes(quotes)] == ["прямая", "прямая от В"]
    assert [q.text for q in key_quotes(quotes[:4])] == ["прямая", "косвенная"]
    assert [q.text for q in key_quotes(quotes[2:4])] == ["прямая", "ещё одна от А"]


def test_digest_escapes_post_text_and_links() -> None:
    text = render_digest(
        [
            item(
                1,
                title="<script>alert(1)</script> & «Ко»",
                url='https://t.me/gov/1?a="x"&b=<y>',
                quotes=(Quote(speaker="Иван <Петров>", text="Мы <b>открыли</b> & запустили"),),
                companies=(Company(name="ООО <Ромашка>"),),
            ),
            item(2, url="javascript:alert(1)"),
        ],
        WINDOW,
    )
    assert_telegram_html(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; «Ко»" in text
    assert 'href="https://t.me/gov/1?a=&quot;x&quot;&amp;b=&lt;y&gt;"' in text
    assert "<b>Иван &lt;Петров&gt;</b>: «Мы &lt;b&gt;открыли&lt;/b&gt; &amp; запустили»" in text
    assert "javascript" not in text
    assert text.count(POST_SEPARATOR) == 2  # header + two posts


def test_many_posts_split_into_valid_parts_on_post_boundaries() -> None:
    items = [item(i, summary="очень длинное содержание " * 10) for i in range(1, FULL_POSTS + 16)]
    text = render_digest(items, WINDOW)
    assert "Ещё 15 публикаций" in text and "21. " in text
    parts = split_html(text)
    assert len(parts) > 1
    for part in parts:
        assert_telegram_html(part)
        # A part starts with a post's origin line, the header, or the list of the rest.
        assert part.startswith(("🏛 ", "<b>📰", "<b>Ещё")) or part[0].isdigit()


def test_header_and_empty_digests() -> None:
    text = render_digest([item(1)], WINDOW)
    assert text.startswith("<b>📰 Дайджест губернаторских каналов</b>\n1 новая публикация с 1 мая")
    first = DigestWindow(since=WINDOW.since, until=WINDOW.until, first=True)
    assert "за последние сутки" in render_digest([item(1), item(2)], first)
    assert render_digest([], first) == texts.NOTHING_NEW_FIRST
    assert "За последние сутки новых публикаций нет" in texts.NOTHING_NEW_FIRST
    assert render_digest([], WINDOW) == texts.NOTHING_NEW
    assert "/mission" in texts.NOTHING_NEW
