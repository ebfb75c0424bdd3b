"""A public channel's web preview (``https://t.me/s/<username>``) parsed into posts.

The page is HTML meant for browsers; it is read with a real HTML parser (selectolax/Lexbor),
never with regular expressions. What a page holds:

* ``.tgme_channel_info``: the channel's header (title, username) — present on every preview;
* ``.tgme_widget_message[data-post="<username>/<id>"]``: one block per message, oldest first,
  with ``.tgme_widget_message_text`` (text or caption; ``<br>`` line breaks, links, emoji as
  ``<i class="emoji"><b>🙂</b></i>``), ``time[datetime]``, ``.tgme_widget_message_views``,
  ``.tgme_widget_message_from_author`` (the signature), ``.tgme_widget_message_forwarded_from``;
  an album is one block with several ``…_photo_wrap`` links (``/<id>?single``);
  ``service_message`` blocks ("channel created", "photo updated") carry no post;
* ``a.tme_messages_more[data-before]``: the anchor of the older page (``?before=<id>``).

A channel that hides its preview, a user, a bot or a group redirects to ``t.me/<username>``
(a ``tgme_page`` with the name but no messages); a username nobody holds shows the same page
without a name.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode

from govdigest.sources.models import RawPost
from govdigest.sources.text import normalize_text, split_title, strip_navigation

PageKind = Literal["messages", "hidden", "missing", "unrecognised"]

BLOCK_TAGS = frozenset({"div", "p", "blockquote", "pre", "ul", "ol", "li"})
SKIPPED_TAGS = frozenset({"script", "style", "template"})


@dataclass(frozen=True, slots=True)
class PreviewPost:
    message_id: int
    text: str  # normalised, navigation lines dropped; "" for a post without text
    published: datetime | None
    views: int | None = None
    author: str | None = None
    forwarded_from: str | None = None
    media_ids: tuple[int, ...] = ()  # the items of an album (or the one photo/video)


@dataclass(frozen=True, slots=True)
class PreviewPage:
    kind: PageKind
    username: str  # as the page spells it (canonical case) or as requested
    title: str | None = None
    chat_id: int | None = None  # the Bot API id (-100…), when the page reveals it
    posts: tuple[PreviewPost, ...] = ()  # with text, oldest first
    message_ids: tuple[int, ...] = ()  # every message block, text or not
    before: int | None = None  # anchor of the older page, if there is one

    @property
    def newest_id(self) -> int | None:
        return max(self.message_ids) if self.message_ids else None

    @property
    def oldest_id(self) -> int | None:
        return min(self.message_ids) if self.message_ids else None


def parse_preview(html: str | bytes, username: str) -> PreviewPage:
    tree = LexborHTMLParser(html)
    info = tree.css_first(".tgme_channel_info")
    blocks = tree.css(".tgme_widget_message[data-post]")
    if info is None and not blocks:
        return PreviewPage(kind=_page_kind_without_preview(tree), username=username)
    title = _text_of(info.css_first(".tgme_channel_info_header_title")) if info else None
    posts: list[PreviewPost] = []
    ids: list[int] = []
    chat_id: int | None = None
    canonical = username
    for block in blocks:
        parsed = _post_ref(block.attributes.get("data-post"))
        if parsed is None:
            continue
        name, message_id = parsed
        if name.casefold() != username.casefold():
            continue  # an embedded post of another channel
        canonical = name
        ids.append(message_id)
        chat_id = chat_id or _chat_id_from_view(block.attributes.get("data-view"))
        if "service_message" in (block.attributes.get("class") or "").split():
            continue
        post = _parse_block(block, message_id)
        if post.text:
            posts.append(post)
    if not ids:
        return PreviewPage(kind="unrecognised", username=username, title=title)
    more = tree.css_first("a.tme_messages_more[data-before]")
    before = _int(more.attributes.get("data-before")) if more is not None else None
    posts.sort(key=lambda p: p.message_id)
    return PreviewPage(
        kind="messages",
        username=canonical,
        title=title,
        chat_id=chat_id,
        posts=tuple(posts),
        message_ids=tuple(sorted(ids)),
        before=before,
    )


def empty_history(html: str | bytes) -> bool:
    """A preview page with the channel header and no messages at all (``?before=`` past the
    first post): the end of the history, not a broken layout."""
    tree = LexborHTMLParser(html)
    return (
        tree.css_first(".tgme_channel_info") is not None
        and tree.css_first(".tgme_widget_message") is None
    )


def _page_kind_without_preview(tree: LexborHTMLParser) -> PageKind:
    page = tree.css_first(".tgme_page")
    if page is None:
        return "unrecognised"
    name = _text_of(page.css_first(".tgme_page_title"))
    return "hidden" if name else "missing"


def _post_ref(value: str | None) -> tuple[str, int] | None:
    if not value or "/" not in value:
        return None
    name, _, number = value.rpartition("/")
    message_id = _int(number)
    return (name, message_id) if name and message_id else None


def _chat_id_from_view(value: str | None) -> int | None:
    """``data-view`` is base64url JSON whose ``c`` is the channel's id, negated and without
    the ``-100`` prefix of Bot API ids (``-1005640892`` → ``-1001005640892``)."""
    if not value:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    channel = payload.get("c") if isinstance(payload, dict) else None
    if not isinstance(channel, int) or channel == 0:
        return None
    return int(f"-100{abs(channel)}")


def _parse_block(block: LexborNode, message_id: int) -> PreviewPost:
    bubble = block.css_first(".tgme_widget_message_bubble") or block
    text_node = next(
        (
            node
            for node in bubble.css(".tgme_widget_message_text")
            if not _inside(node, bubble, "tgme_widget_message_reply")
        ),
        None,
    )
    text = _message_text(text_node) if text_node is not None else ""
    published = None
    time_node = block.css_first(".tgme_widget_message_date time[datetime]") or block.css_first(
        "time[datetime]"
    )
    if time_node is not None:
        published = _when(time_node.attributes.get("datetime"))
    forwarded = block.css_first(".tgme_widget_message_forwarded_from_name")
    media: list[int] = []
    for link in block.css("a.tgme_widget_message_photo_wrap, a.tgme_widget_message_video_player"):
        ref = _post_ref((link.attributes.get("href") or "").split("?")[0].rstrip("/"))
        if ref is not None:
            media.append(ref[1])
    return PreviewPost(
        message_id=message_id,
        text=text,
        published=published,
        views=_views(_text_of(block.css_first(".tgme_widget_message_views"))),
        author=_text_of(block.css_first(".tgme_widget_message_from_author")),
        forwarded_from=_text_of(forwarded),
        media_ids=tuple(media),
    )


def _inside(node: LexborNode, stop: LexborNode, css_class: str) -> bool:
    parent = node.parent
    while parent is not None and parent != stop:
        if css_class in (parent.attributes.get("class") or "").split():
            return True
        parent = parent.parent
    return False


class _TextBuilder:
    """The visible text of a node, with the spans of link-like anchors and tag positions, so
    that navigation is dropped exactly as for live posts (``strip_navigation``)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.link_spans: list[tuple[int, int]] = []
        self.tag_starts: list[int] = []

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.size += len(text)

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.add("\n")

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.add(child.text_content or "")
            elif tag == "br":
                self.add("\n")
            elif tag in SKIPPED_TAGS or tag == "-comment":
                continue
            elif tag == "a":
                start = self.size
                self.walk(child)
                shown = "".join(self.parts)[start:] if self.size > start else ""
                if _link_like(shown, child.attributes.get("href")):
                    self.link_spans.append((start, self.size))
                if shown[:1] in {"#", "$"}:
                    self.tag_starts.append(start)
            elif tag in BLOCK_TAGS:
                self.newline()
                self.walk(child)
                self.newline()
            else:
                self.walk(child)

    def result(self) -> str:
        text = "".join(self.parts)
        if not self.link_spans and not self.tag_starts:
            return text
        return strip_navigation(text, self.link_spans, self.tag_starts)


def _link_like(shown: str, href: str | None) -> bool:
    """A hashtag, a mention or a bare URL; a text link ("подробнее") is content."""
    shown = shown.strip()
    if not shown:
        return False
    if shown[0] in "#$@":
        return True
    bare = shown.removeprefix("https://").removeprefix("http://").rstrip("/")
    target = (href or "").removeprefix("https://").removeprefix("http://").rstrip("/")
    return bool(target) and (bare == target or shown.startswith(("http://", "https://")))


def _message_text(node: LexborNode) -> str:
    builder = _TextBuilder()
    builder.walk(node)
    return normalize_text(builder.result())


def to_raw_post(page: PreviewPage, post: PreviewPost) -> RawPost:
    """The post under the same key as the bot's ``channel_post`` for it: ``<chat id>:<id>``.

    When the page did not reveal the numeric id the key is ``@<username>:<id>`` until the
    channel's id is learnt (storage re-keys it then).
    """
    title, body = split_title(post.text)
    owner = str(page.chat_id) if page.chat_id is not None else "@" + page.username.casefold()
    return RawPost(
        source="channel",
        source_id=f"{owner}:{post.message_id}",
        text=body,
        title=title,
        published=post.published,
        url=f"https://t.me/{page.username}/{post.message_id}",
        channel=page.title or f"@{page.username}",
        author=post.author,
        username=page.username,
    )


def _text_of(node: LexborNode | None) -> str | None:
    if node is None:
        return None
    text = " ".join((node.text(deep=True) or "").split())
    return text or None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _views(value: str | None) -> int | None:
    """ "1.2K" → 1200, "3M" → 3000000, "845" → 845."""
    if not value:
        return None
    text = value.strip().upper().replace(",", ".").replace(" ", "")
    scale = 1
    if text[-1:] in {"K", "M"}:
        scale = 1000 if text[-1] == "K" else 1_000_000
        text = text[:-1]
    try:
        return round(float(text) * scale)
    except ValueError:
        return None


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None
