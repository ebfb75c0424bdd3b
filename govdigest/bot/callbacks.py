"""Callback data of the buttons that lead from one answer to another (a card's companies,
its quotes, the post itself; a speaker's quotes; more quotes). Each carries the post id or
a quote id, so a button always opens what belongs to the card it is under."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class PostCompanies(CallbackData, prefix="pc"):
    post_id: int


class PostQuotes(CallbackData, prefix="pq"):
    post_id: int
    offset: int = 0


class PostText(CallbackData, prefix="pt"):
    post_id: int


class SpeakerQuotes(CallbackData, prefix="sq"):
    quote_id: int  # one quote of the speaker: a short handle for a name of any length
    offset: int = 0
