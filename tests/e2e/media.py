"""Test-user helpers for what the emulator cannot show: the files the bot uploaded and the
answers to inline queries (see ``shim_media.py``)."""

from __future__ import annotations

import itertools
import time
from typing import Any

from .harness import E2EError, TelegramUser
from .shim import ApiCall
from .shim_media import UploadedFile

_query_ids = itertools.count(1)


def uploads(user: TelegramUser, method: str, *, after: int) -> list[tuple[ApiCall, UploadedFile]]:
    """Successful ``sendDocument``/``sendPhoto`` calls to the user's chat since ``after``."""
    field = "document" if method.lower() == "senddocument" else "photo"
    found = []
    for call in user.shim.calls_of(method, token=user.token, after=after):
        upload = call.params.get(field)
        if call.ok and str(call.params.get("chat_id")) == str(user.user_id):
            assert isinstance(upload, UploadedFile), call.params
            found.append((call, upload))
    return found


def wait_upload(
    user: TelegramUser, method: str, *, after: int, timeout: float = 30.0
) -> tuple[ApiCall, UploadedFile]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = uploads(user, method, after=after)
        if found:
            return found[0]
        time.sleep(0.05)
    raise E2EError(f"no {method} to the user within {timeout:.0f} s\n{user._diagnostics()}")


def ask_inline(user: TelegramUser, query: str, *, timeout: float = 15.0) -> ApiCall:
    """Type ``@bot query`` as the user; return the bot's ``answerInlineQuery`` call."""
    query_id = f"e2e-iq-{user.user_id}-{next(_query_ids)}"
    after = user.shim.last_seq()
    update: dict[str, Any] = {
        "inline_query": {
            "id": query_id,
            "from": user.user,
            "query": query,
            "offset": "",
            "chat_type": "sender",
        }
    }
    user.shim.inject_update(user.token, update)
    call = user.shim.wait_for_call(
        "answerInlineQuery",
        token=user.token,
        after=after,
        timeout=timeout,
        predicate=lambda c: c.params.get("inline_query_id") == query_id,
    )
    if call is None:
        raise E2EError(f"no answer to the inline query {query!r}\n{user._diagnostics()}")
    return call
