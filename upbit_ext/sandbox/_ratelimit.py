"""Upbit's rate limits, enforced the way the server does: per group, per unit, per second.

A *unit* is whose budget a request spends: the client IP for quotation groups, the pocket for
exchange groups (the caller decides). Each (unit, group) pair counts requests in fixed windows
aligned to the wall clock (``floor(now / span)``), because Upbit describes ``sec`` as "requests
left in the current second" and tells clients to wait "until the next second boundary" after a
429. The 2-second ``order-cancel-all`` window is aligned the same way (to even seconds). A
client that keeps an exact sliding log, as ``upbit_ext`` does, therefore never trips these
windows; only requests the server accepted use up a window.

``min`` in ``Remaining-Req`` is deprecated and never used for limiting; live answers carry a
fixed value per group (600 quotation, 1800 default, 480 order and order-test, 30
order-cancel-all: ``group=default; min=1800; sec=29``), so it never counts down here either.

Continued abuse blocks the whole unit: an over-limit request arriving when the unit already
got ``ban_after`` 429s within ``abuse_window`` seconds is answered 418 and starts a block of
``ban_seconds``. Until it ends every request of that unit, in every group, gets 418 with the
seconds left in ``retry_after`` (requests during a block do not lengthen it). Each further
block is ``ban_growth`` times longer, up to ``max_ban_seconds``; a unit that stays out of
trouble for ``forgive_after`` seconds after a block starts over at ``ban_seconds``.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

__all__ = [
    "GROUP_LIMITS",
    "MINUTE_BUDGETS",
    "WIRE_GROUP_NAME",
    "ServerLimiter",
    "Verdict",
]

GROUP_LIMITS: Final[Mapping[str, tuple[int, float]]] = MappingProxyType(
    {
        "market": (10, 1.0),
        "candle": (10, 1.0),
        "trade": (10, 1.0),
        "ticker": (10, 1.0),
        "orderbook": (10, 1.0),
        "default": (30, 1.0),
        "order": (12, 1.0),
        "order-test": (8, 1.0),
        "order-cancel-all": (1, 2.0),
    }
)

MINUTE_BUDGETS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "market": 600,
        "candle": 600,
        "trade": 600,
        "ticker": 600,
        "orderbook": 600,
        "default": 1800,
        "order": 480,
        "order-test": 480,
        "order-cancel-all": 30,
    }
)

WIRE_GROUP_NAME: Final[Mapping[str, str]] = MappingProxyType(
    {"candle": "candles", "trade": "crix-trades"}
)


@dataclass(frozen=True)
class Verdict:
    """What the server answers one request: go ahead (200), 429, or 418 while blocked.

    ``retry_after`` is set only for 418: whole seconds until the block ends (at least 1).
    """

    allowed: bool
    status: int
    group: str
    remaining_sec: int
    remaining_min: int
    retry_after: int | None = None

    @property
    def header(self) -> str:
        """The ``Remaining-Req`` value, e.g. ``group=candles; min=600; sec=8``."""
        return f"group={self.group}; min={self.remaining_min}; sec={self.remaining_sec}"


@dataclass
class _Window:
    index: int = -1
    used: int = 0


@dataclass
class _Unit:
    windows: dict[str, _Window] = field(default_factory=dict)
    rejections: deque[float] = field(default_factory=deque)
    blocked_until: float = -math.inf
    last_ban: float = 0.0


class ServerLimiter:
    """Per-group, per-unit request windows with 429 and escalating 418 blocks. Thread-safe.

    ``now`` is wall-clock seconds (``time.time()``) and is passed in, so tests need no sleeps.
    """

    def __init__(
        self,
        limits: Mapping[str, tuple[int, float]] = GROUP_LIMITS,
        *,
        minute_budgets: Mapping[str, int] = MINUTE_BUDGETS,
        ban_after: int = 10,
        abuse_window: float = 10.0,
        ban_seconds: float = 30.0,
        ban_growth: float = 2.0,
        max_ban_seconds: float = 24 * 60 * 60,
        forgive_after: float = 10 * 60,
    ) -> None:
        for group, (limit, span) in limits.items():
            if limit < 1 or not span > 0:
                raise ValueError(f"limits[{group!r}] must be (limit >= 1, span > 0 seconds)")
        if ban_after < 1:
            raise ValueError(f"ban_after must be >= 1, got {ban_after!r}")
        for name, value in (
            ("abuse_window", abuse_window),
            ("ban_seconds", ban_seconds),
            ("max_ban_seconds", max_ban_seconds),
            ("forgive_after", forgive_after),
        ):
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be finite and > 0, got {value!r}")
        if not (math.isfinite(ban_growth) and ban_growth >= 1):
            raise ValueError(f"ban_growth must be finite and >= 1, got {ban_growth!r}")
        self._limits = dict(limits)
        self._minute_budgets = {
            group: minute_budgets.get(group, math.floor(limit * 60 / span))
            for group, (limit, span) in self._limits.items()
        }
        self._ban_after = ban_after
        self._abuse_window = abuse_window
        self._ban_seconds = ban_seconds
        self._ban_growth = ban_growth
        self._max_ban_seconds = max_ban_seconds
        self._forgive_after = forgive_after
        self._units: dict[str, _Unit] = {}
        self._lock = threading.Lock()

    def hit(self, group: str, unit: str, now: float) -> Verdict:
        """Count one request of ``unit`` to ``group`` at ``now`` and say how to answer it."""
        if group not in self._limits:
            raise ValueError(f"group must be one of {sorted(self._limits)}, got {group!r}")
        if not isinstance(unit, str) or not unit:
            raise ValueError("unit must be a non-empty string (client IP or pocket)")
        if not math.isfinite(now):
            raise ValueError(f"now must be finite seconds, got {now!r}")
        limit, span = self._limits[group]
        wire_group = WIRE_GROUP_NAME.get(group, group)
        with self._lock:
            state = self._units.setdefault(unit, _Unit())
            window = state.windows.setdefault(group, _Window())
            _roll(window, now, span)
            minute_left = self._minute_budgets[group]  # fixed, as live

            if now < state.blocked_until:
                return self._blocked(wire_group, minute_left, state, now)
            if window.used < limit:
                window.used += 1
                return Verdict(True, 200, wire_group, limit - window.used, minute_left)

            while state.rejections and state.rejections[0] <= now - self._abuse_window:
                state.rejections.popleft()
            if len(state.rejections) >= self._ban_after:
                self._start_ban(state, now)
                return self._blocked(wire_group, minute_left, state, now)
            state.rejections.append(now)
            return Verdict(False, 429, wire_group, 0, minute_left)

    def _start_ban(self, state: _Unit, now: float) -> None:
        if not state.last_ban or now - state.blocked_until >= self._forgive_after:
            seconds = self._ban_seconds
        else:
            seconds = state.last_ban * self._ban_growth
        state.last_ban = min(seconds, self._max_ban_seconds)
        state.blocked_until = now + state.last_ban
        state.rejections.clear()

    @staticmethod
    def _blocked(group: str, minute_left: int, state: _Unit, now: float) -> Verdict:
        retry_after = max(1, math.ceil(state.blocked_until - now))
        return Verdict(False, 418, group, 0, minute_left, retry_after=retry_after)


def _roll(window: _Window, now: float, span: float) -> None:
    index = math.floor(now / span)
    if index != window.index:
        window.index, window.used = index, 0
