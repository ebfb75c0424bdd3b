"""The bot's outgoing messages through the shim: ``sendMessage``, the edits, ``sendDocument``,
``sendPhoto`` and ``answerInlineQuery``.

Each checks the request as Telegram would (:func:`shim_html.check_text`, the media checks of
``shim_media.py``), lets the emulator number and store the message (``forward``: the shim's
call to the emulator) and answers with the ``Message`` Telegram would return.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .shim_fixes import fix_edited_message, fix_sent_message
from .shim_html import check_text, render_text, utf16_len
from .shim_media import UploadedFile, check_inline_answer, check_upload, media_fields
from .shim_state import BotApiError, BotState, Forward, as_int


async def send_message(forward: Forward, state: BotState, params: Mapping[str, Any]) -> Any:
    problem = check_text(params.get("text"), params.get("parse_mode"))
    if problem:
        raise BotApiError(400, problem)
    result = await forward(state.token, "sendMessage", params)
    chat = state.chats.get(as_int(result.get("chat", {}).get("id")) or 0)
    message = fix_sent_message(result, request=params, bot_user=state.bot_user, chat=chat)
    state.sent[(int(message["chat"]["id"]), message["message_id"])] = message
    return message


async def edit_message(forward: Forward, state: BotState, params: Mapping[str, Any]) -> Any:
    method = "editMessageText" if "text" in params else "editMessageReplyMarkup"
    if params.get("inline_message_id"):
        await forward(state.token, method, params)
        return True
    if "text" in params:
        problem = check_text(params.get("text"), params.get("parse_mode"))
        if problem:
            raise BotApiError(400, problem)
    key = (as_int(params.get("chat_id")) or 0, as_int(params.get("message_id")) or 0)
    original = state.sent.get(key)
    if original is None:
        raise BotApiError(400, "Bad Request: message to edit not found")
    await forward(state.token, method, params)
    edited = fix_edited_message(original, params, edit_date=int(time.time()))
    state.sent[key] = edited
    return edited


async def send_document(forward: Forward, state: BotState, params: Mapping[str, Any]) -> Any:
    return await send_media(forward, state, params, "document")


async def send_photo(forward: Forward, state: BotState, params: Mapping[str, Any]) -> Any:
    return await send_media(forward, state, params, "photo")


async def send_media(
    forward: Forward, state: BotState, params: Mapping[str, Any], kind: str
) -> Any:
    upload = params.get(kind)
    problem = check_upload(kind, upload)
    caption = params.get("caption")
    if problem is None and caption is not None:
        problem = check_text(str(caption), params.get("parse_mode"))
        if problem is None:
            visible = render_text(str(caption), params.get("parse_mode")).text
            if utf16_len(visible) > 1024:
                problem = "Bad Request: message caption is too long"
    if problem:
        raise BotApiError(400, problem)
    assert isinstance(upload, UploadedFile)
    # The emulator stores the caption (or the file name) as a message: it numbers it and
    # the test user's chat shows it.
    shown = {
        "chat_id": params.get("chat_id"),
        "text": caption if caption else f"[{kind}: {upload.filename}]",
    }
    for key in ("parse_mode", "reply_markup"):
        if params.get(key) is not None and caption:
            shown[key] = params[key]
    result = await forward(state.token, "sendMessage", shown)
    chat = state.chats.get(as_int(result.get("chat", {}).get("id")) or 0)
    message = fix_sent_message(result, request={}, bot_user=state.bot_user, chat=chat)
    for key in ("text", "entities", "caption", "parse_mode", "reply_markup"):
        message.pop(key, None)
    if isinstance(params.get("reply_markup"), Mapping):
        message["reply_markup"] = params["reply_markup"]
    if caption:
        rendered = render_text(str(caption), params.get("parse_mode"))
        message["caption"] = rendered.text
        if rendered.entities:
            message["caption_entities"] = rendered.entities
    message.update(media_fields(kind, upload))
    state.sent[(int(message["chat"]["id"]), message["message_id"])] = message
    return message


async def answer_inline_query(forward: Forward, state: BotState, params: Mapping[str, Any]) -> Any:
    query_id = str(params.get("inline_query_id", ""))
    if query_id not in state.inline_queries:
        raise BotApiError(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
        )
    problem = check_inline_answer(params, check_text)
    if problem:
        raise BotApiError(400, problem)
    state.inline_queries.discard(query_id)
    return True
