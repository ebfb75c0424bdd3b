"""RSS and Atom feeds (a governor's official site) parsed with feedparser into posts."""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
from selectolax.lexbor import LexborHTMLParser

from govdigest.sources.models import RawPost
from govdigest.sources.text import normalize_text


class NotAFeed(Exception):
    """The document is not RSS or Atom; the message says what was found."""


@dataclass(frozen=True, slots=True)
class FeedPage:
    title: str | None
    posts: tuple[RawPost, ...]  # newest first
    entry_ids: tuple[str, ...]


def parse_feed(body: bytes, url: str, *, limit: int | None = None) -> FeedPage:
    parsed = feedparser.parse(body)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {type(problem).__name__}" if problem else ""
        raise NotAFeed(f"not an RSS or Atom document{detail}")
    title = _clean(parsed.feed.get("title"))
    posts: list[tuple[datetime | None, RawPost]] = []
    for entry in parsed.entries:
        post = _entry_post(entry, url, title)
        if post is not None:
            posts.append((post.published, post))
    posts.sort(key=lambda pair: pair[0] or datetime.min.replace(tzinfo=UTC), reverse=True)
    chosen = [post for _, post in posts][: limit if limit is not None else None]
    return FeedPage(
        title=title,
        posts=tuple(chosen),
        entry_ids=tuple(p.source_id.rpartition("#")[2] for p in chosen),
    )


def _entry_post(entry: Any, url: str, feed_title: str | None) -> RawPost | None:
    entry_id = entry.get("id") or entry.get("link")
    if not entry_id:
        return None
    body_html = ""
    if entry.get("content"):
        body_html = "\n".join(part.get("value", "") for part in entry["content"])
    body_html = body_html or entry.get("summary", "")
    body = normalize_text(html_text(body_html)) if body_html else ""
    title = _clean(entry.get("title"))
    if not body and not title:
        return None
    return RawPost(
        source="feed",
        source_id=f"{url}#{entry_id}",
        text=body or title or "",
        title=title,
        published=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=entry.get("link"),
        channel=feed_title,
        author=_clean(entry.get("author")),
    )


def html_text(fragment: str) -> str:
    """Visible text of an HTML fragment with paragraph and line breaks kept."""
    tree = LexborHTMLParser(f"<div>{fragment}</div>")
    root = tree.css_first("div")
    if root is None:
        return ""
    for br in root.css("br"):
        br.replace_with("\n")
    for block in root.css("p, div, li, blockquote, h1, h2, h3, h4"):
        block.insert_after("\n")
    return root.text(deep=True, separator="")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _when(value: object) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
