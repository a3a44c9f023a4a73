"""Clocks: the real one and a fake one for tests.

Everything that needs "now" gets a clock injected, so timers and minutes can be
tested without sleeping.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the time."""

    def now(self) -> datetime:
        """The current local wall-clock time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards."""


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to; for tests."""

    def __init__(self, start: datetime | None = None) -> None:
        self._start = start or datetime(2026, 12, 3, 14, 0, 0)
        self._elapsed = 0.0

    def now(self) -> datetime:
        return self._start + timedelta(seconds=int(self._elapsed))

    def monotonic(self) -> float:
        return self._elapsed

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        self._elapsed += seconds
