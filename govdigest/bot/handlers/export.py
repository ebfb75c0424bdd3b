"""/export [csv] [период] [регион]: the cache's missions, organisations and quotes as a file."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from govdigest.bot.reader import reader_zone
from govdigest.bot.texts import reports as texts
from govdigest.config import Settings
from govdigest.reports.build import export_file
from govdigest.reports.query import BadExportArgs, parse_export_args
from govdigest.storage import Repos

log = logging.getLogger(__name__)


async def cmd_export(
    message: Message, command: CommandObject, repos: Repos, settings: Settings
) -> None:
    try:
        query = parse_export_args(command.args)
    except BadExportArgs as error:
        await message.answer(texts.bad_export_args(error))
        return
    if await repos.posts.count() == 0:
        await message.answer(texts.EXPORT_EMPTY_CACHE)
        return
    tz = await reader_zone(repos, settings, message.chat.id)
    result = await export_file(repos, query, tz, texts.EXPORT_LABELS)
    scope = texts.export_scope(query)
    if result is None:
        await message.answer(texts.EXPORT_NOTHING.format(scope=scope))
        return
    caption = texts.EXPORT_CAPTION.format(
        scope=scope,
        missions=result.missions,
        organisations=result.organisations,
        quotes=result.quotes,
        what=texts.EXPORT_WHAT_CSV if query.fmt == "csv" else texts.EXPORT_WHAT_XLSX,
    )
    document = BufferedInputFile(result.content, filename=texts.export_file_name(query))
    try:
        await message.answer_document(document, caption=caption)
    except (TelegramAPIError, TelegramNetworkError) as exc:
        # Logged and told: a refused upload must not look like silence.
        log.warning("export to chat %s not sent: %s", message.chat.id, exc)
        await message.answer(texts.EXPORT_FAILED)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_export, Command("export"))
    return router
