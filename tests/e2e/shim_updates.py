"""Updates for the bot: Telegram's long polling over the emulator's instant, forgetful one.

The emulator's ``getUpdates`` ignores ``timeout`` and ``offset``: it answers at once and marks
updates read when it hands them out. The shim keeps handed-out updates in
``BotState.pending`` until a later ``offset`` confirms them, numbers them per bot (so that
injected updates, such as ``inline_query``, fit in between), and holds a poll open for up to
``max_hold`` seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

from .shim_fixes import fix_update
from .shim_state import BotState, Forward, as_int


async def pull_updates(forward: Forward, state: BotState) -> None:
    """Move the emulator's unread updates into ``state.pending`` (the emulator forgets them
    as soon as it hands them out, so this runs shielded from cancellation)."""
    async with state.lock:
        updates = await forward(state.token, "getUpdates", {})
        for update in updates or []:
            fixed = fix_update(update)
            fixed["update_id"] = next(state.update_ids)
            for source in (
                fixed.get("message"),
                fixed.get("callback_query", {}).get("message"),
            ):
                if isinstance(source, Mapping) and isinstance(source.get("chat"), Mapping):
                    chat = source["chat"]
                    state.chats[int(chat["id"])] = dict(chat)
            state.pending.append(fixed)


async def inject(state: BotState, update: dict[str, Any]) -> int:
    """Queue an update the emulator cannot make; returns its update id."""
    async with state.lock:
        update["update_id"] = next(state.update_ids)
        query = update.get("inline_query")
        if isinstance(query, Mapping):
            state.inline_queries.add(str(query["id"]))
        state.pending.append(update)
    return int(update["update_id"])


async def get_updates(
    forward: Forward,
    state: BotState,
    params: Mapping[str, Any],
    *,
    max_hold: float,
    poll_interval: float,
) -> Any:
    """Long polling with Telegram's semantics over the emulator's instant, forgetful one."""
    offset = as_int(params.get("offset"))
    limit = as_int(params.get("limit")) or 100
    hold = min(float(as_int(params.get("timeout")) or 0), max_hold)
    if offset is not None:
        # An offset confirms every update below it; a negative one keeps the last -offset.
        if offset < 0:
            state.pending = state.pending[offset:]
        else:
            state.pending = [u for u in state.pending if u["update_id"] >= offset]
    deadline = time.monotonic() + hold
    while True:
        await asyncio.shield(pull_updates(forward, state))
        if state.pending or time.monotonic() >= deadline:
            return state.pending[:limit]
        await asyncio.sleep(poll_interval)
