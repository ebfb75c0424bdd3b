"""split_html: properties over generated Telegram HTML (hypothesis), plus the plain cases."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdigest.bot.digests.splitting import POST_SEPARATOR, split_html, utf16_len
from tests.fakes.fake_bot_api import html_error

TAG = re.compile(r"<(/?)([a-z-]+)[^<>]*>")
ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);")
OPENERS = ("b", "i", "u", "s", "code", "blockquote", 'a href="https://example.org/?a=1&amp;b=2"')
# Cyrillic, Latin, spaces, line breaks, characters that need escaping, astral emoji (two
# UTF-16 units each), a skin-tone modifier, a combining accent and a ZWJ sequence.
ALPHABET = [*"абвгдеёжзАБВ xyzXYZ019.,—«»", "\n", "\n", " ", " ", "<", ">", "&", '"']
ALPHABET += ["😀", "👍🏽", "𝔘", "е\u0301", "👨\u200d👩\u200d👧"]


def _element(pair: tuple[str, list[str]]) -> str:
    opener, children = pair
    name = opener.split()[0]
    return f"<{opener}>{''.join(children)}</{name}>"


SINGLE = "".join(ch for ch in ALPHABET if len(ch) == 1)
CLUSTERS = [ch for ch in ALPHABET if len(ch) > 1]
leaf = st.one_of(
    st.text(alphabet=SINGLE, max_size=30), st.sampled_from(CLUSTERS), st.just("😀 \n")
).map(html.escape)
tree = st.recursive(
    leaf,
    lambda children: st.tuples(st.sampled_from(OPENERS), st.lists(children, max_size=4)).map(
        _element
    ),
    max_leaves=15,
)
documents = st.lists(tree, max_size=10).map("".join)


def _nesting_cost(text: str) -> int:
    """The largest open+close markup along any nesting path (what a part must carry)."""
    stack: list[int] = []
    worst = 0
    for match in TAG.finditer(text):
        if match.group(1):
            stack.pop()
        else:
            stack.append(len(match.group(0)) + len(match.group(2)) + 3)
            worst = max(worst, sum(stack))
    return worst


def _styled(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each visible non-space character or entity with the tags around it."""
    out: list[tuple[str, tuple[str, ...]]] = []
    stack: list[str] = []
    pos = 0
    for match in re.finditer(TAG.pattern + "|" + ENTITY.pattern, text):
        out += [(ch, tuple(stack)) for ch in text[pos : match.start()] if not ch.isspace()]
        token = match.group(0)
        if token.startswith("&"):
            out.append((token, tuple(stack)))
        elif match.group(1):
            stack.pop()
        else:
            stack.append(token)
        pos = match.end()
    out += [(ch, tuple(stack)) for ch in text[pos:] if not ch.isspace()]
    return out


def _check(text: str, parts: list[str], limit: int) -> None:
    for part in parts:
        assert utf16_len(part) <= limit, (part, limit)
        assert html_error(part) is None, part
        assert part.strip(), "an empty part"
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in part)
        # Every '&' starts a whole entity: none was cut in two.
        assert all(ENTITY.match(part, m.start()) for m in re.finditer("&", part)), part
    styled_parts = [item for part in parts for item in _styled(part)]
    assert styled_parts == _styled(text)


@settings(max_examples=120, deadline=None)
@given(documents, st.integers(min_value=0, max_value=300))
def test_parts_fit_are_valid_and_lose_nothing(text: str, slack: int) -> None:
    limit = _nesting_cost(text) + 8 + slack
    parts = split_html(text, limit)
    if not _styled(text):  # nothing visible: nothing to keep
        return
    _check(text, parts, limit)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(tree, min_size=1, max_size=3).map("".join), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=200),
)
def test_whole_posts_stay_together_when_each_fits(posts: list[str], slack: int) -> None:
    posts = [p.replace("\n", " ").strip() for p in posts]
    posts = [p for p in posts if _styled(p)]
    if not posts:
        return
    limit = max(utf16_len(p) for p in posts) + slack
    text = POST_SEPARATOR.join(posts)
    parts = split_html(text, limit)
    _check(text, parts, limit)
    assert [post for part in parts for post in part.split(POST_SEPARATOR)] == posts


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(tree, min_size=1, max_size=2).map("".join), min_size=1, max_size=10),
    st.integers(min_value=0, max_value=100),
)
def test_lines_stay_whole_when_each_fits(lines: list[str], slack: int) -> None:
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if _styled(line)]
    if not lines:
        return
    limit = max(utf16_len(line) for line in lines) + slack
    text = "\n".join(lines)
    parts = split_html(text, limit)
    _check(text, parts, limit)
    assert [line for part in parts for line in part.split("\n")] == lines


def test_short_text_is_returned_unchanged() -> None:
    assert split_html("<b>привет</b> &amp; пока") == ["<b>привет</b> &amp; пока"]


def test_astral_characters_count_twice() -> None:
    parts = split_html("😀" * 3000)
    assert [utf16_len(p) for p in parts] == [4096, 1904]
    assert "".join(parts) == "😀" * 3000


def test_tags_are_closed_and_reopened_across_a_cut() -> None:
    text = '<b>жирный <a href="https://x.org/">' + "слово " * 30 + "</a></b> конец"
    parts = split_html(text, 80)
    assert all(p.startswith('<b><a href="https://x.org/">') for p in parts[1:-1])
    assert all(p.endswith("</a></b>") for p in parts[:-1])
    _check(text, parts, 80)


def test_prefers_post_boundary_over_line_and_space() -> None:
    text = "<b>Пост один</b>\nстрока\n\n<b>Пост два</b>\nещё строка"
    assert split_html(text, 40) == ["<b>Пост один</b>\nстрока", "<b>Пост два</b>\nещё строка"]


def test_an_entity_is_never_cut() -> None:
    text = "a" * 8 + "&amp;" + "b" * 8
    for limit in range(9, 14):
        for part in split_html(text, limit):
            assert "&" not in part or "&amp;" in part


def test_impossible_limit_is_an_error_not_a_loop() -> None:
    with pytest.raises(ValueError, match="limit"):
        split_html('<a href="https://example.org/very/long/address">текст</a> ещё', 30)
