"""/subscribe's arguments: ``[HH:MM] [zone]`` in either order, or a clear answer why not."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from govdigest.bot.digests.timezones import Zone, parse_zone
from govdigest.bot.texts import subscriptions as texts

# ASCII digits only: int() reads any script's digits, and the time would be stored as typed.
_TIMELIKE = re.compile(r"^([0-9]{1,2})(?:[:.]([0-9]{1,2}))?$")
_BROKEN_TIME = re.compile(r"^[0-9]+[:.]\S*$|^[0-9]{3,}$")  # "9:7x", "930", "123:45"


@dataclass(frozen=True, slots=True)
class SubscribeArgs:
    time: str | None
    zone: Zone | None


class ArgumentError(ValueError):
    def __init__(self, answer: str) -> None:
        super().__init__(answer)
        self.answer = answer


def _parse_time(token: str) -> str:
    match = _TIMELIKE.match(token)
    assert match is not None
    hours, minutes = int(match[1]), match[2]
    if hours > 23 or (minutes is not None and (len(minutes) != 2 or int(minutes) > 59)):
        raise ArgumentError(texts.bad_time(token))
    return f"{hours:02d}:{minutes or '00'}"


def parse_subscribe_args(args: str | None) -> SubscribeArgs:
    """``[HH:MM] [zone]`` in either order; the zone may be several words ("Нижний Новгород").

    Compatibility forms are folded first: a phone keyboard's full-width "７:３０" is 07:30.
    """
    tokens = unicodedata.normalize("NFKC", args or "").split()
    time_text: str | None = None
    if tokens and _TIMELIKE.match(tokens[0]):
        time_text = _parse_time(tokens.pop(0))
    elif len(tokens) > 1 and _TIMELIKE.match(tokens[-1]):
        time_text = _parse_time(tokens.pop())
    elif tokens and _BROKEN_TIME.match(tokens[0]):
        raise ArgumentError(texts.bad_time(tokens[0]))
    zone = None
    if tokens:
        zone = parse_zone(" ".join(tokens))
        if zone is None:
            raise ArgumentError(texts.unknown_zone(" ".join(tokens)))
    return SubscribeArgs(time_text, zone)
