"""/follow, /unfollow, /following: the channels and regions a reader's answers default to."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from govdigest.bot.texts import follows as texts
from govdigest.sources.refs import BadSourceRef, SourceRef, parse_source_ref
from govdigest.sources.regions import region_key
from govdigest.storage import Repos
from govdigest.storage.follows import FollowKind


def _target(text: str) -> SourceRef | None:
    """A channel or feed when the text reads as one; otherwise it is a region name."""
    first = text.split()[0]
    if len(text.split()) == 1 and (first.startswith("@") or "/" in first or first.isascii()):
        try:
            return parse_source_ref(first)
        except BadSourceRef:
            return None
    return None


async def _known_region(repos: Repos, key: str) -> str | None:
    """The label of a region some source or mission has, else None."""
    for source in await repos.sources.all():
        if source.region_key == key and source.region:
            return source.region
    return await repos.cache.delegation_region_named(key, region_key)


async def cmd_follow(message: Message, command: CommandObject, repos: Repos) -> None:
    text = (command.args or "").strip()
    if not text:
        await message.answer(texts.FOLLOW_USAGE)
        return
    chat_id = message.chat.id
    ref = _target(text)
    kind: FollowKind
    if ref is not None:
        kind, key, label = "channel", ref.key, ref.label
        source = await repos.sources.get(ref.key)
        if source is not None:
            label = source.label
    else:
        key_or_none = region_key(text)
        known = await _known_region(repos, key_or_none) if key_or_none else None
        if key_or_none is None or known is None:
            await message.answer(texts.unknown_region(text))
            return
        kind, key, label = "region", key_or_none, known
    async with repos.db.transaction():
        added = await repos.follows.add(chat_id, kind, key, label)
    await message.answer(texts.followed(label) if added else texts.already(label))


async def cmd_unfollow(message: Message, command: CommandObject, repos: Repos) -> None:
    text = (command.args or "").strip()
    if not text:
        await message.answer(texts.UNFOLLOW_USAGE)
        return
    chat_id = message.chat.id
    if text.casefold() in texts.ALL_WORDS:
        async with repos.db.transaction():
            for follow in await repos.follows.of(chat_id):
                await repos.follows.remove(chat_id, follow.kind, follow.key)
        await message.answer(texts.UNFOLLOWED_ALL)
        return
    ref = _target(text)
    kind: FollowKind = "channel" if ref is not None else "region"
    key = ref.key if ref is not None else region_key(text)
    label = next(
        (f.label for f in await repos.follows.of(chat_id) if f.kind == kind and f.key == key),
        None,
    )
    if key is None or label is None:
        await message.answer(texts.not_followed(text))
        return
    async with repos.db.transaction():
        await repos.follows.remove(chat_id, kind, key)
    await message.answer(texts.unfollowed(label))


async def cmd_following(message: Message, repos: Repos) -> None:
    await message.answer(texts.following(await repos.follows.of(message.chat.id)))


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_follow, Command("follow"))
    router.message.register(cmd_unfollow, Command("unfollow"))
    router.message.register(cmd_following, Command("following"))
    return router
