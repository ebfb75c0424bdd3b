"""The pacing parts of the throttle: the overall budget (urgent requests first) and the
per-chat token buckets (see ``throttle``)."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
from collections import deque


class SendBudget:
    """At most ``limit`` requests in any ``window`` seconds, urgent ones served first.

    A request holds its place from the moment it is let through until ``window`` seconds
    after its answer came back. Telegram counted it at some instant in between, so however
    late or early a request travels, no window of Telegram's ever holds more than ``limit``:
    no headroom for jitter is needed, and none is wasted.
    """

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._in_flight = 0
        self._expiries: deque[float] = deque()
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = math.inf
        self.paused_until = 0.0

    @classmethod
    def per_second(cls, rate: float) -> SendBudget:
        limit = max(1, math.floor(rate))
        return cls(limit, limit / rate)

    async def acquire(self, *, urgent: bool) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (0 if urgent else 1, next(self._order), future))
        self._grant()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # let through just as it was cancelled
            raise

    def release(self) -> None:
        """The request let through is answered (or failed): its place frees after the window."""
        self._in_flight -= 1
        self._expiries.append(asyncio.get_running_loop().time() + self.window)
        self._grant()

    def pause_until(self, deadline: float) -> None:
        if deadline > self.paused_until:
            self.paused_until = deadline
            self._grant()

    def _grant(self) -> None:
        now = asyncio.get_running_loop().time()
        while self._expiries and self._expiries[0] <= now:
            self._expiries.popleft()
        wake = math.inf
        while self._waiting:
            future = self._waiting[0][2]
            if future.done():
                heapq.heappop(self._waiting)
                continue
            if now < self.paused_until:
                wake = self.paused_until
                break
            if self._in_flight + len(self._expiries) >= self.limit:
                if self._expiries:
                    wake = self._expiries[0]
                break  # else a release wakes us
            heapq.heappop(self._waiting)
            self._in_flight += 1
            future.set_result(None)
        self._wake_at(wake)

    def _wake_at(self, when: float) -> None:
        if when == self._timer_at:
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._timer_at = when
        if when != math.inf:
            self._timer = asyncio.get_running_loop().call_at(when, self._on_timer)

    def _on_timer(self) -> None:
        self._timer, self._timer_at = None, math.inf
        self._grant()


class Pacer:
    """A token bucket by virtual scheduling (GCRA): one send per ``interval``, up to
    ``burst`` at once after a quiet spell. ``reserve`` books the next slot and says when it is;
    bookings are first come, first served."""

    def __init__(self, interval: float, burst: int = 1) -> None:
        self.interval = interval
        self.tolerance = max(0, burst - 1) * interval
        self.next_at = -math.inf  # the theoretical time of the next send

    def reserve(self, now: float, *, burst: bool = True, not_before: float = 0.0) -> float:
        slack = self.tolerance if burst else 0.0
        at = max(now, not_before, self.next_at - slack)
        self.next_at = max(self.next_at, at) + self.interval
        return at

    def take_now(self, now: float) -> None:
        """Send at once whatever the bucket says; later sends pay for it."""
        self.next_at = max(self.next_at, now) + self.interval

    def idle(self, now: float) -> bool:
        return self.next_at <= now
