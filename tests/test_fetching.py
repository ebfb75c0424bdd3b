"""Remote sources end to end below the bot: a real local HTTP server serving web-preview pages
and feeds, the real HTTP client, parser, SQLite and extractor. Faults are injected by the
server (404/hidden, 429 with Retry-After, 500 then recovery, garbage, timeout, 5 MB)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiogram.types import Chat, Message

from govdigest.bot.app import Services
from govdigest.bot.messages import post_from_channel_message
from govdigest.fetching import SourceFetcher
from govdigest.sources.http import USER_AGENT, HttpClient
from govdigest.sources.refs import parse_source_ref
from tests.fakes.fake_channels import FakeChannelSite, Fault

PAGES = Path(__file__).resolve().parent / "data" / "preview"
CHAT_ID = -1001720000001
START = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


class RecordingSleep:
    """Sleeps as asked (briefly) and records what was asked."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(min(seconds, 0.01))


_OPEN: list[SourceFetcher] = []


@pytest.fixture(autouse=True)
async def close_fetchers() -> AsyncIterator[None]:
    yield
    while _OPEN:
        await _OPEN.pop().close()


def fetcher_for(
    services: Services, site: FakeChannelSite, *, backfill: int = 50, **http: object
) -> SourceFetcher:
    """A fetcher with fast backoff and no spacing (closed after the test)."""
    options: dict[str, object] = {"spacing": 0.0, "backoff": 0.01, "timeout": 2.0}
    options.update(http)
    fetcher = SourceFetcher(
        services.repos,
        services.ingestor,
        HttpClient(**options),  # type: ignore[arg-type]
        preview_base=site.base_url,
        backfill=backfill,
    )
    _OPEN.append(fetcher)
    return fetcher


async def add(fetcher: SourceFetcher, text: str, **kwargs: object) -> None:
    record, _, probe = await fetcher.add(parse_source_ref(text), origin="cli", **kwargs)  # type: ignore[arg-type]
    assert record is not None, probe


@pytest.fixture
def site(channel_site: FakeChannelSite) -> FakeChannelSite:
    channel_site.add_channel("ozersk_gov", "Губернатор Озёрской области", chat_id=CHAT_ID)
    return channel_site


async def test_first_fetch_pages_back_to_the_backfill_bound(
    services: Services, site: FakeChannelSite
) -> None:
    site.fill("ozersk_gov", 70, start=START, step=timedelta(hours=1))
    fetcher = fetcher_for(services, site)
    await add(fetcher, "@ozersk_gov")
    report = await fetcher.fetch_all()
    [result] = report.sources
    assert (result.status, result.new, result.pages) == ("ok", 50, 3)
    assert site.requests[-3:] == [
        "/s/ozersk_gov",
        "/s/ozersk_gov?before=52",
        "/s/ozersk_gov?before=32",
    ]
    source = await services.repos.sources.get("@ozersk_gov")
    assert source is not None
    assert (source.posts_stored, source.last_item_id, source.chat_id) == (50, "71", CHAT_ID)
    assert source.title == "Губернатор Озёрской области"
    assert source.region == "Озёрской области" and source.region_key == "озерск"
    assert source.last_post_at == START + timedelta(hours=69)
    assert report.extracted == 50
    assert site.user_agents == {USER_AGENT}


async def test_refresh_reads_the_newest_page_and_pages_back_to_the_last_known_id(
    services: Services, site: FakeChannelSite
) -> None:
    site.fill("ozersk_gov", 30, start=START, step=timedelta(hours=1))
    fetcher = fetcher_for(services, site)
    await add(fetcher, "@ozersk_gov")
    await fetcher.fetch_all()
    requests = len(site.requests)

    unchanged = (await fetcher.fetch_all()).sources[0]
    assert (unchanged.new, unchanged.pages) == (0, 1)
    assert site.requests[requests:] == ["/s/ozersk_gov"]

    site.fill("ozersk_gov", 25, start=START + timedelta(days=3), step=timedelta(minutes=5))
    caught_up = (await fetcher.fetch_all()).sources[0]
    assert (caught_up.new, caught_up.pages) == (25, 2)
    assert await services.repos.posts.count() == 55


async def test_an_edited_post_updates_the_post_and_its_extraction(
    services: Services, site: FakeChannelSite
) -> None:
    post = site.post("ozersk_gov", "Рабочая поездка\nГубернатор посетил Заречный район.")
    fetcher = fetcher_for(services, site)
    await add(fetcher, "@ozersk_gov")
    await fetcher.fetch_all()
    stored = await services.repos.posts.find("channel", f"{CHAT_ID}:{post.message_id}")
    assert stored is not None

    site.edit(
        "ozersk_gov",
        post.message_id,
        "Рабочая поездка\nГубернатор Игорь Веснин посетил Заречный район и завод «Озёрсклес».",
    )
    result = (await fetcher.fetch_all()).sources[0]
    assert (result.new, result.updated) == (0, 1)
    edited = await services.repos.posts.find("channel", f"{CHAT_ID}:{post.message_id}")
    assert edited is not None and edited.id == stored.id
    assert "Озёрсклес" in edited.text
    extraction = await services.repos.cache.get(stored.id)
    assert extraction is not None
    assert any("Озёрсклес" in c.name for c in extraction.companies)


def channel_message(message_id: int, text: str, published: datetime) -> Message:
    chat = Chat(
        id=CHAT_ID, type="channel", title="Губернатор Озёрской области", username="ozersk_gov"
    )
    return Message(message_id=message_id, date=published, chat=chat, text=text)


async def test_a_preview_post_and_the_same_channel_post_are_one_post(
    services: Services, site: FakeChannelSite
) -> None:
    post = site.post("ozersk_gov", "Итоги недели\nПровели три приёма граждан.", published=START)
    fetcher = fetcher_for(services, site)
    await add(fetcher, "@ozersk_gov")
    await fetcher.fetch_all()
    live = post_from_channel_message(channel_message(post.message_id, post.text, START))
    assert live is not None
    report = await services.ingestor.add_posts([live])
    assert (report.new, report.updated, report.unchanged) == (0, 0, 1)
    assert await services.repos.posts.count() == 1


async def test_posts_keyed_by_username_merge_when_the_channel_id_is_learnt(
    services: Services, channel_site: FakeChannelSite
) -> None:
    """A page without ``data-view`` keys posts by ``@username``; the first channel post that
    shows the username with its id re-keys them, so nothing is stored twice."""
    html = (PAGES / "ozersk_gov.html").read_text(encoding="utf-8")
    channel_site.feeds["unused"] = ("text/html", b"")
    fetcher = fetcher_for(services, channel_site)
    no_id = html.replace("data-view=", "data-nothing=")
    channel_site.fail("/s/ozersk_gov", Fault(status=200, body=no_id.encode()))
    channel_site.fail("/s/ozersk_gov", Fault(status=200, body=no_id.encode()))
    await add(fetcher, "@ozersk_gov")
    await fetcher.fetch_all()
    assert await services.repos.posts.find("channel", "@ozersk_gov:102") is not None

    text = (
        "Делегация области в Казани\n\nПровёл встречу с руководством компании «Северный "
        "кабель» на форуме #КамаЭкспо 👥\nПодписали соглашение о поставках. Подробности — на "
        "сайте правительства.\n\n#Озёрскаяобласть #Губернатор"
    )
    live = post_from_channel_message(
        channel_message(102, text, datetime(2026, 11, 30, 9, 15, tzinfo=UTC))
    )
    assert live is not None
    await services.ingestor.add_posts([live])
    assert await services.repos.posts.find("channel", "@ozersk_gov:102") is None
    merged = await services.repos.posts.find("channel", f"{CHAT_ID}:102")
    assert merged is not None
    assert await services.repos.posts.count() == 4  # 102, 103, 105, 108: no twin


# ---- faults -------------------------------------------------------------------------------


async def test_missing_and_hidden_channels_are_refused_with_the_reason(
    services: Services, site: FakeChannelSite
) -> None:
    site.add_channel("lesnoy_glava", "Глава Лесного района", chat_id=-1002, hidden=True)
    fetcher = fetcher_for(services, site)
    for name, status in (("nobody_here_gov", "missing"), ("lesnoy_glava", "hidden")):
        record, created, probe = await fetcher.add(parse_source_ref(f"@{name}"), origin="cli")
        assert record is None and not created
        assert probe is not None and probe.status == status
    site.fail("/s/gone_gov", Fault(status=404))
    probe = await fetcher.probe(parse_source_ref("@gone_gov"))
    assert probe.status == "missing" and "404" in (probe.error or "")
    assert await services.repos.sources.all() == []


async def test_a_channel_that_turns_hidden_keeps_its_posts_and_others_go_on(
    services: Services, site: FakeChannelSite
) -> None:
    site.add_channel("lesnoy_kray", "Губернатор Лесного края", chat_id=-1003)
    site.fill("ozersk_gov", 5, start=START, step=timedelta(hours=1))
    site.fill("lesnoy_kray", 5, start=START, step=timedelta(hours=1))
    fetcher = fetcher_for(services, site)
    await add(fetcher, "@ozersk_gov")
    await add(fetcher, "@lesnoy_kray")
    await fetcher.fetch_all()
    site.channels["ozersk_gov"].hidden = True
    site.post("lesnoy_kray", "Новая новость\nОткрыли мост через реку Лесную.")

    report = await fetcher.fetch_all()
    by_key = {r.key: r for r in report.sources}
    assert by_key["@ozersk_gov"].status == "hidden"
    assert (by_key["@lesnoy_kray"].status, by_key["@lesnoy_kray"].new) == ("ok", 1)
    hidden = await services.repos.sources.get("@ozersk_gov")
    assert hidden is not None
    assert (hidden.status, hidden.posts_stored) == ("hidden", 5)
    assert "no public web preview" in (hidden.last_error or "")
    assert await services.repos.posts.count() == 11
    errors = await services.repos.ops.recent_errors()
    assert any("@ozersk_gov" in e.message and "hidden" in e.message for e in errors)


async def test_429_waits_for_retry_after_then_succeeds(
    services: Services, site: FakeChannelSite
) -> None:
    site.fill("ozersk_gov", 3, start=START, step=timedelta(hours=1))
    sleep = RecordingSleep()
    fetcher = fetcher_for(services, site, sleep=sleep)
    await add(fetcher, "@ozersk_gov")
    site.fail("/s/ozersk_gov", Fault(status=429, retry_after="7"))
    result = (await fetcher.fetch_all()).sources[0]
    assert (result.status, result.new) == ("ok", 3)
    assert 7.0 in sleep.waits


async def test_a_429_longer_than_the_bound_gives_up_until_the_next_refresh(
    services: Services, site: FakeChannelSite
) -> None:
    sleep = RecordingSleep()
    fetcher = fetcher_for(services, site, sleep=sleep, max_retry_after=30.0)
    await add(fetcher, "@ozersk_gov")
    site.fail("/s/ozersk_gov", Fault(status=429, retry_after="3600"))
    result = (await fetcher.fetch_all()).sources[0]
    assert result.status == "rate_limited"
    assert 3600.0 not in sleep.waits


async def test_500_then_recovery_with_backoff(services: Services, site: FakeChannelSite) -> None:
    site.fill("ozersk_gov", 2, start=START, step=timedelta(hours=1))
    sleep = RecordingSleep()
    fetcher = fetcher_for(services, site, sleep=sleep, backoff=0.5)
    await add(fetcher, "@ozersk_gov")
    site.fail("/s/ozersk_gov", Fault(status=500), Fault(status=503))
    result = (await fetcher.fetch_all()).sources[0]
    assert (result.status, result.new) == ("ok", 2)
    assert sleep.waits[:2] == [0.5, 1.0]  # exponential backoff


async def test_5xx_every_time_is_bounded_and_reported(
    services: Services, site: FakeChannelSite
) -> None:
    fetcher = fetcher_for(services, site, max_attempts=3)
    await add(fetcher, "@ozersk_gov")
    before = len(site.requests)
    site.fail("/s/ozersk_gov", *[Fault(status=502)] * 5)
    result = (await fetcher.fetch_all()).sources[0]
    assert result.status == "error" and "502" in (result.error or "")
    assert len(site.requests) - before == 3


async def test_garbage_html_is_an_unrecognised_layout(
    services: Services, site: FakeChannelSite
) -> None:
    site.fill("ozersk_gov", 2, start=START, step=timedelta(hours=1))
    fetcher = fetcher_for(services, site)
    await add(fetcher, "@ozersk_gov")
    await fetcher.fetch_all()
    for fixture in ("garbage.html", "header_only.html"):
        site.fail("/s/ozersk_gov", Fault(status=200, body=(PAGES / fixture).read_bytes()))
        result = (await fetcher.fetch_all()).sources[0]
        assert result.status == "unrecognised", fixture
    assert await services.repos.posts.count() == 2


async def test_a_timeout_fails_that_source_only(services: Services, site: FakeChannelSite) -> None:
    site.add_channel("lesnoy_kray", "Губернатор Лесного края", chat_id=-1003)
    site.fill("lesnoy_kray", 2, start=START, step=timedelta(hours=1))
    fetcher = fetcher_for(services, site, timeout=0.3, max_attempts=2)
    await add(fetcher, "@ozersk_gov")
    await add(fetcher, "@lesnoy_kray")
    site.fail("/s/ozersk_gov", Fault(delay=1.0), Fault(delay=1.0))
    report = await fetcher.fetch_all()
    by_key = {r.key: r for r in report.sources}
    assert by_key["@ozersk_gov"].status == "error"
    assert "Timeout" in (by_key["@ozersk_gov"].error or "")
    assert (by_key["@lesnoy_kray"].status, by_key["@lesnoy_kray"].new) == ("ok", 2)


async def test_a_page_over_5_mb_is_refused_unread(
    services: Services, site: FakeChannelSite
) -> None:
    fetcher = fetcher_for(services, site)
    await add(fetcher, "@ozersk_gov")
    huge = b"<html><body>" + b"<p>x</p>" * (5 * 1024 * 1024 // 8 + 10) + b"</body></html>"
    site.fail("/s/ozersk_gov", Fault(status=200, body=huge))
    result = (await fetcher.fetch_all()).sources[0]
    assert result.status == "error" and "limit" in (result.error or "")


async def test_at_most_two_requests_at_a_time_to_one_host(
    services: Services, site: FakeChannelSite
) -> None:
    fetcher = fetcher_for(services, site)
    for n in range(8):
        name = f"region_{n}_gov"
        site.add_channel(name, f"Губернатор {n}", chat_id=-1000 - n)
        site.post(name, f"Новость {n}\nТекст новости.")
        await add(fetcher, f"@{name}")
        site.fail(f"/s/{name}", Fault(delay=0.05))
    await fetcher.fetch_all()
    assert site.max_in_flight == 2


# ---- feeds ----------------------------------------------------------------------------------


async def test_feeds_are_fetched_and_a_non_feed_gets_a_status(
    services: Services, site: FakeChannelSite
) -> None:
    rss = site.add_feed(
        "rss.xml", (PAGES / "governor_rss.xml").read_bytes(), "application/rss+xml"
    )
    atom = site.add_feed(
        "atom.xml", (PAGES / "governor_atom.xml").read_bytes(), "application/atom+xml"
    )
    fetcher = fetcher_for(services, site)
    await add(fetcher, rss)
    await add(fetcher, atom)
    site.add_feed("broken.xml", (PAGES / "hidden.html").read_bytes(), "text/html")
    record, _, probe = await fetcher.add(
        parse_source_ref(f"{site.base_url}/feeds/broken.xml"), origin="cli"
    )
    assert record is None and probe is not None and probe.status == "not_feed"

    report = await fetcher.fetch_all()
    assert {(r.key, r.status, r.new) for r in report.sources} == {(rss, "ok", 2), (atom, "ok", 2)}
    source = await services.repos.sources.get(rss)
    assert source is not None and source.last_item_id == "news-201" and source.posts_stored == 2
    again = await fetcher.fetch_all()
    assert again.new == 0 and again.unchanged == 4

    site.feeds["rss.xml"] = ("text/html", b"<html><body>maintenance</body></html>")
    broken = {r.key: r for r in (await fetcher.fetch_all()).sources}[rss]
    assert broken.status == "not_feed"
    assert await services.repos.posts.count() == 4
