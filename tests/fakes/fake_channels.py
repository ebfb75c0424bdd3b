"""A local stand-in for t.me's channel web previews and for governors' news feeds.

``FakeChannelSite`` is a real aiohttp server on 127.0.0.1 that renders, from in-memory
channels, pages in the web-preview markup (``tgme_channel_info`` header, one
``tgme_widget_message`` block per message with ``data-post`` and ``data-view``,
``tgme_widget_message_text`` with ``<br>`` line breaks, ``time[datetime]``, views, signature,
"forwarded from", albums, service messages, and a ``tme_messages_more`` link to
``?before=<id>``), and RSS/Atom feeds. A hidden channel or an unknown name redirects to the
``/<username>`` page like t.me does. Faults are queued per path: a status (with Retry-After),
a delay, a garbage body, a huge body.

Usage::

    site = FakeChannelSite(page_size=20)
    await site.start()
    site.add_channel("ozersk_gov", "Губернатор Озёрской области", chat_id=-1001234567)
    site.post("ozersk_gov", "Заголовок\\nТекст поста")
    settings.telegram_preview_base = site.base_url
"""

from __future__ import annotations

import asyncio
import base64
import html
import itertools
import json
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aiohttp import web

PAGE_SIZE = 20


@dataclass
class FakePost:
    message_id: int
    text: str  # plain text; "\n" becomes <br>; "#tag" and "@name" become links
    published: datetime
    views: int = 1200
    author: str | None = None
    forwarded_from: str | None = None
    album: int = 0  # number of photos (0: none)
    service: bool = False


@dataclass
class FakeChannel:
    username: str
    title: str
    chat_id: int
    posts: list[FakePost] = field(default_factory=list)
    hidden: bool = False


@dataclass
class Fault:
    status: int = 200
    retry_after: str | None = None
    delay: float = 0.0
    body: bytes | None = None


class FakeChannelSite:
    def __init__(self, *, page_size: int = PAGE_SIZE) -> None:
        self.page_size = page_size
        self.channels: dict[str, FakeChannel] = {}
        self.feeds: dict[str, tuple[str, bytes]] = {}  # path → (content type, body)
        self.faults: dict[str, deque[Fault]] = defaultdict(deque)
        self.requests: list[str] = []  # path?query of every request
        self.user_agents: set[str] = set()
        self.in_flight = 0
        self.max_in_flight = 0
        self._ids: dict[str, itertools.count[int]] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/s/{name}", self._preview)
        app.router.add_get("/feeds/{name}", self._feed)
        app.router.add_get("/{name}", self._channel_page)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- content ------------------------------------------------------------------------

    def add_channel(
        self, username: str, title: str, *, chat_id: int, hidden: bool = False
    ) -> FakeChannel:
        channel = FakeChannel(username, title, chat_id, hidden=hidden)
        self.channels[username.casefold()] = channel
        self._ids[username.casefold()] = itertools.count(1)
        # Every real channel starts with the service message "Channel created".
        self.post(username, "", service=True, published=datetime(2022, 1, 1, tzinfo=UTC))
        return channel

    def post(
        self,
        username: str,
        text: str,
        *,
        published: datetime | None = None,
        **kwargs: object,
    ) -> FakePost:
        channel = self.channels[username.casefold()]
        message_id = next(self._ids[username.casefold()])
        post = FakePost(
            message_id=message_id,
            text=text,
            published=published or datetime.now(UTC).replace(microsecond=0),
            **kwargs,  # type: ignore[arg-type]
        )
        channel.posts.append(post)
        if post.album > 1:
            # The other items of an album take ids too, like in Telegram.
            for _ in range(post.album - 1):
                next(self._ids[username.casefold()])
        return post

    def edit(self, username: str, message_id: int, text: str) -> None:
        channel = self.channels[username.casefold()]
        for post in channel.posts:
            if post.message_id == message_id:
                post.text = text

    def fill(self, username: str, count: int, *, start: datetime, step: timedelta) -> None:
        for n in range(count):
            self.post(
                username,
                f"Новость номер {n + 1}\nГубернатор провёл рабочую встречу номер {n + 1}.",
                published=start + step * n,
            )

    def add_feed(self, name: str, body: str | bytes, content_type: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.feeds[name] = (content_type, data)
        return f"{self.base_url}/feeds/{name}"

    def fail(self, path: str, *faults: Fault) -> None:
        """Queue faults for the next requests of ``path`` (e.g. "/s/ozersk_gov")."""
        self.faults[path].extend(faults)

    # ---- handlers -----------------------------------------------------------------------

    async def _guard(self, request: web.Request) -> web.StreamResponse | None:
        self.requests.append(request.path_qs)
        self.user_agents.add(request.headers.get("User-Agent", ""))
        queue = self.faults.get(request.path)
        if not queue:
            return None
        fault = queue.popleft()
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status != 200 or fault.body is not None:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else None
            return web.Response(
                status=fault.status,
                body=fault.body if fault.body is not None else b"error",
                headers=headers,
                content_type="text/html",
            )
        return None

    async def _preview(self, request: web.Request) -> web.StreamResponse:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            faulty = await self._guard(request)
            if faulty is not None:
                return faulty
            name = request.match_info["name"]
            channel = self.channels.get(name.casefold())
            if channel is None or channel.hidden:
                raise web.HTTPFound(f"/{name}")
            before = request.query.get("before")
            posts = channel.posts
            if before is not None and before.isdigit():
                posts = [p for p in posts if p.message_id < int(before)]
            page = posts[-self.page_size :]
            return web.Response(text=render_preview(channel, page), content_type="text/html")
        finally:
            self.in_flight -= 1

    async def _channel_page(self, request: web.Request) -> web.StreamResponse:
        faulty = await self._guard(request)
        if faulty is not None:
            return faulty
        channel = self.channels.get(request.match_info["name"].casefold())
        return web.Response(
            text=render_channel_page(channel.title if channel else None), content_type="text/html"
        )

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        faulty = await self._guard(request)
        if faulty is not None:
            return faulty
        found = self.feeds.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        content_type, body = found
        return web.Response(body=body, headers={"Content-Type": content_type})


# ---- markup ---------------------------------------------------------------------------------


def data_view(chat_id: int, message_id: int) -> str:
    """t.me's ``data-view``: base64url JSON, ``c`` the channel id negated without ``-100``."""
    plain = int(str(chat_id).removeprefix("-100"))
    payload = json.dumps({"c": -plain, "p": message_id, "t": 1700000000, "h": "0f0f"})
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _text_html(text: str) -> str:
    out_lines = []
    for line in text.split("\n"):
        words = []
        for word in line.split(" "):
            if word.startswith("#") and len(word) > 1:
                words.append(f'<a href="?q=%23{html.escape(word[1:])}">{html.escape(word)}</a>')
            elif word.startswith("@") and len(word) > 1:
                words.append(
                    f'<a href="https://t.me/{html.escape(word[1:])}">{html.escape(word)}</a>'
                )
            else:
                words.append(html.escape(word))
        out_lines.append(" ".join(words))
    return "<br/>".join(out_lines)


def render_message(channel: FakeChannel, post: FakePost) -> str:
    ref = f"{channel.username}/{post.message_id}"
    view = data_view(channel.chat_id, post.message_id)
    if post.service:
        return (
            '<div class="tgme_widget_message_wrap js-widget_message_wrap">'
            f'<div class="tgme_widget_message service_message js-widget_message" '
            f'data-post="{ref}" data-view="{view}"><div class="tgme_widget_message_bubble">'
            '<div class="message_media_not_supported_wrap"></div>'
            '<div class="tgme_widget_message_service_date_wrap"></div>'
            '<div class="tgme_widget_message_text js-message_text">Channel created</div>'
            "</div></div></div>"
        )
    parts = [
        '<div class="tgme_widget_message_wrap js-widget_message_wrap">',
        f'<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
        f'data-post="{ref}" data-view="{view}">',
        '<div class="tgme_widget_message_user"><a href="https://t.me/'
        f'{channel.username}"><i class="tgme_widget_message_user_photo"></i></a></div>',
        '<div class="tgme_widget_message_bubble">',
        '<div class="tgme_widget_message_author accent_color">'
        f'<a class="tgme_widget_message_owner_name" href="https://t.me/{channel.username}">'
        f'<span dir="auto">{html.escape(channel.title)}</span></a></div>',
    ]
    if post.forwarded_from:
        parts.append(
            '<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from '
            '<a class="tgme_widget_message_forwarded_from_name" href="https://t.me/other/1">'
            f'<span dir="auto">{html.escape(post.forwarded_from)}</span></a></div>'
        )
    if post.album:
        parts.append('<div class="tgme_widget_message_grouped_wrap js-message_grouped_wrap">')
        for n in range(post.album):
            parts.append(
                '<a class="tgme_widget_message_photo_wrap grouped_media_wrap" '
                f'href="https://t.me/{channel.username}/{post.message_id + n}?single" '
                "style=\"background-image:url('https://cdn.example/p.jpg')\"></a>"
            )
        parts.append("</div>")
    if post.text:
        parts.append(
            f'<div class="tgme_widget_message_text js-message_text" dir="auto">'
            f"{_text_html(post.text)}</div>"
        )
    author = (
        f'<span class="tgme_widget_message_from_author" dir="auto">'
        f"{html.escape(post.author)}</span>&nbsp;"
        if post.author
        else ""
    )
    parts.append(
        '<div class="tgme_widget_message_footer compact js-message_footer">'
        '<div class="tgme_widget_message_info short js-message_info">'
        f'<span class="tgme_widget_message_views">{_views(post.views)}</span>'
        f'<span class="copyonclick">&nbsp;</span><span class="tgme_widget_message_meta">'
        f'{author}<a class="tgme_widget_message_date" href="https://t.me/{ref}">'
        f'<time datetime="{post.published.isoformat()}" class="time">'
        f"{post.published:%H:%M}</time></a></span></div></div>"
    )
    parts.append("</div></div></div>")
    return "".join(parts)


def _views(n: int) -> str:
    return f"{n / 1000:.1f}K" if n >= 1000 else str(n)


def render_preview(channel: FakeChannel, page: list[FakePost]) -> str:
    more = ""
    if page and page[0].message_id > 1:
        first = page[0].message_id
        more = (
            '<div class="tme_messages_more_wrap"><a class="tme_messages_more js-messages_more" '
            f'data-before="{first}" href="/s/{channel.username}?before={first}"></a></div>'
        )
    messages = "".join(render_message(channel, post) for post in page)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(channel.title)} – Telegram</title></head>"
        '<body class="widget_frame_base tgme_webpreview_body"><header class="tgme_header">'
        '<div class="tgme_channel_info"><div class="tgme_channel_info_header">'
        '<div class="tgme_channel_info_header_title">'
        f'<span dir="auto">{html.escape(channel.title)}</span></div>'
        '<div class="tgme_channel_info_header_username">'
        f'<a href="https://t.me/{channel.username}">@{channel.username}</a></div></div>'
        "</div></header><main>"
        f'<section class="tgme_channel_history js-message_history">{more}{messages}</section>'
        "</main></body></html>"
    )


def render_channel_page(title: str | None) -> str:
    """``t.me/<username>``: with the name for an existing chat, without one for nobody's."""
    name = (
        f'<div class="tgme_page_title"><span dir="auto">{html.escape(title)}</span></div>'
        '<div class="tgme_page_extra">12 345 subscribers</div>'
        if title
        else ""
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Telegram</title></head>'
        '<body class="no_transition"><div class="tgme_page_wrap"><div class="tgme_page">'
        f'<div class="tgme_page_photo"></div>{name}'
        '<div class="tgme_page_action"><a class="tgme_action_button_new" '
        'href="tg://resolve">Open in Telegram</a></div></div></div></body></html>'
    )


# Two fictional governors' mission posts (our own words), for bot, e2e and benchmark tests.
OZERSK_MISSION = (
    "Делегация Озёрской области работает в Казани\n"
    "В Казани 1 декабря 2026 года начала работу бизнес-миссия Озёрской области. Мероприятие "
    "проходит в рамках выставки «КамаЭкспо». Губернатор Озёрской области Игорь Веснин провёл "
    "переговоры с руководством Татарстана.\n"
    "В составе деловой делегации: «Озёрсклес», «Агро-Заречье», Озёрский вагонный завод.\n"
    "«Казань — наш давний партнёр», — сказал Игорь Веснин."
)
LESNOY_MISSION = (
    "Делегация Лесного края работает в Минске\n"
    "В Минске 2 декабря 2026 года начала работу бизнес-миссия Лесного края. Мероприятие "
    "проходит в рамках форума «Белпром». Губернатор Лесного края Анна Соколова провела "
    "переговоры с руководством Минской области.\n"
    "В составе деловой делегации: «Лесная мебель», «Агро-Бор», Лесной фанерный комбинат.\n"
    "«Белоруссия — ключевой партнёр края», — сказала Анна Соколова."
)
