"""The bounded hand-over between the socket and the consumer."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Final, Generic, Literal, TypeAlias, TypeVar

__all__ = ["BoundedQueue", "Overflow"]

Overflow: TypeAlias = Literal["block", "drop_oldest"]
OVERFLOWS: Final = ("block", "drop_oldest")
T = TypeVar("T")


class BoundedQueue(Generic[T]):
    """At most `maxsize` items. When full, `block` makes the socket reader wait (the socket
    then back-pressures the server); `drop_oldest` discards the oldest item and counts it."""

    def __init__(self, maxsize: int, overflow: Overflow) -> None:
        if isinstance(maxsize, bool) or not isinstance(maxsize, int) or maxsize < 1:
            raise ValueError(f"queue_size must be an integer >= 1, got {maxsize!r}")
        if overflow not in OVERFLOWS:
            raise ValueError(f"overflow must be one of {', '.join(OVERFLOWS)}, got {overflow!r}")
        self._items: deque[T] = deque()
        self._maxsize = maxsize
        self._overflow = overflow
        self._not_empty = asyncio.Event()
        self._not_full = asyncio.Event()
        self._not_full.set()
        self.dropped = 0
        self.peak = 0

    def __len__(self) -> int:
        return len(self._items)

    async def put(self, item: T) -> None:
        while len(self._items) >= self._maxsize:
            if self._overflow == "drop_oldest":
                self._items.popleft()
                self.dropped += 1
                break
            self._not_full.clear()
            await self._not_full.wait()
        self._items.append(item)
        self.peak = max(self.peak, len(self._items))
        self._not_empty.set()

    def put_now(self, item: T) -> None:
        """Put past the bound (errors and the end marker must never be dropped or wait)."""
        self._items.append(item)
        self._not_empty.set()

    async def get(self) -> T:
        while not self._items:
            self._not_empty.clear()
            await self._not_empty.wait()
        item = self._items.popleft()
        if len(self._items) < self._maxsize:
            self._not_full.set()
        return item
