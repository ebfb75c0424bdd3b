"""A Bot API session that answers locally: the console chat's transport and the bot tests'.

Every request is recorded; methods that send or edit a message get a well-formed ``Message``
back, boolean methods get ``True``. An optional observer sees each request (the console chat
prints the answers through it). This replaces only the HTTP edge we do not own: dispatcher,
filters, handlers and renderers run for real.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    SendMessage,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, Message, User
from pydantic import BaseModel

from govdigest.timeutil import utc_now

TELEGRAM_TEXT_LIMIT = 4096


def _markup(params: dict[str, Any]) -> Any:
    markup = params.get("reply_markup")
    return markup.model_dump() if isinstance(markup, BaseModel) else markup


BOT_USER = User(id=1, is_bot=True, first_name="govdigest", username="govdigest_bot")


@dataclass
class SentRequest:
    method: TelegramMethod[Any]
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return type(self.method).__name__


class LocalSession(BaseSession):
    def __init__(self, observer: Callable[[SentRequest], None] | None = None) -> None:
        super().__init__()
        self.requests: list[SentRequest] = []
        self._observer = observer
        self._ids = itertools.count(1000)
        # What each message shows now, to refuse a no-op edit as Telegram does.
        self._shown: dict[tuple[Any, Any], tuple[str | None, Any]] = {}

    async def close(self) -> None:
        return None

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        yield b""

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        params = {
            key: bot.default[value.name] if isinstance(value, Default) else value
            for key, value in method.model_dump(exclude_none=False).items()
        }
        self._refuse_like_telegram(method, params)
        request = SentRequest(method=method, params=params)
        self.requests.append(request)
        if self._observer is not None:
            self._observer(request)
        return self._answer(method, params)

    def _refuse_like_telegram(self, method: TelegramMethod[Any], params: dict[str, Any]) -> None:
        """The two refusals handlers must cope with: too long, and an edit that changes nothing."""
        text = params.get("text")
        if isinstance(text, str) and len(text.encode("utf-16-le")) // 2 > TELEGRAM_TEXT_LIMIT:
            raise TelegramBadRequest(method=method, message="Bad Request: message is too long")
        if isinstance(method, EditMessageText | EditMessageReplyMarkup):
            key = (params.get("chat_id"), params.get("message_id"))
            shown = self._shown.get(key)
            new = (text if text is not None else shown[0] if shown else None, _markup(params))
            if shown is not None and shown == new:
                raise TelegramBadRequest(
                    method=method,
                    message="Bad Request: message is not modified: specified new message "
                    "content and reply markup are exactly the same as a current content and "
                    "reply markup of the message",
                )

    def _answer(self, method: TelegramMethod[Any], params: dict[str, Any]) -> Any:
        if isinstance(method, GetMe):
            return BOT_USER
        if isinstance(method, SendMessage | EditMessageText | EditMessageReplyMarkup):
            chat_id = params.get("chat_id") or 0
            message_id = params.get("message_id") or next(self._ids)
            previous = self._shown.get((chat_id, message_id))
            text = params.get("text") if params.get("text") is not None else None
            if text is None and previous is not None:
                text = previous[0]
            self._shown[(chat_id, message_id)] = (text, _markup(params))
            return Message(
                message_id=message_id,
                date=utc_now(),
                chat=Chat(id=int(chat_id), type="private"),
                from_user=BOT_USER,
                text=params.get("text"),
                reply_markup=getattr(method, "reply_markup", None),
            )
        return True

    # Helpers for tests and the console -------------------------------------------------

    def texts(self) -> list[str]:
        return [str(r.params["text"]) for r in self.requests if r.params.get("text")]

    def of(self, name: str) -> list[SentRequest]:
        return [r for r in self.requests if r.name == name]

    def clear(self) -> None:
        self.requests.clear()
