"""The bounded hand-over between the socket and the consumer."""

from __future__ import annotations

import asyncio
import pickle
import struct
import tempfile
from collections import deque
from typing import IO, Final, Generic, Literal, TypeAlias, TypeVar

__all__ = ["BoundedQueue", "Overflow"]

Overflow: TypeAlias = Literal["block", "drop_oldest", "spill"]
OVERFLOWS: Final = ("block", "drop_oldest", "spill")
T = TypeVar("T")
_LENGTH: Final = struct.Struct("<I")


class _Spill(Generic[T]):
    """A FIFO of pickled items in an anonymous temporary file (deleted when closed)."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (lives with the queue)
        self._read_at = 0
        self._write_at = 0
        self.count = 0

    def push(self, item: T) -> None:
        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._write_at)
        self._file.write(_LENGTH.pack(len(data)) + data)
        self._write_at = self._file.tell()
        self.count += 1

    def pop(self) -> T:
        self._file.seek(self._read_at)
        (size,) = _LENGTH.unpack(self._file.read(_LENGTH.size))
        item: T = pickle.loads(self._file.read(size))  # only what this process wrote
        self._read_at = self._file.tell()
        self.count -= 1
        if self.count == 0:  # drained: start the file over
            self._file.seek(0)
            self._file.truncate()
            self._read_at = self._write_at = 0
        return item

    def close(self) -> None:
        self._file.close()


class BoundedQueue(Generic[T]):
    """At most `maxsize` items in memory. When full, `block` makes the socket reader wait (the
    socket then back-pressures the server), `drop_oldest` discards the oldest item and counts
    it, `spill` writes the overflow to a temporary file, read back in order."""

    def __init__(self, maxsize: int, overflow: Overflow) -> None:
        if isinstance(maxsize, bool) or not isinstance(maxsize, int) or maxsize < 1:
            raise ValueError(f"queue_size must be an integer >= 1, got {maxsize!r}")
        if overflow not in OVERFLOWS:
            raise ValueError(f"overflow must be one of {', '.join(OVERFLOWS)}, got {overflow!r}")
        self._items: deque[T] = deque()
        self._maxsize = maxsize
        self._overflow = overflow
        self._spill: _Spill[T] | None = None
        self._not_empty = asyncio.Event()
        self._not_full = asyncio.Event()
        self._not_full.set()
        self.dropped = 0
        self.spilled = 0
        self.peak = 0

    def __len__(self) -> int:
        return len(self._items) + (self._spill.count if self._spill else 0)

    async def put(self, item: T) -> None:
        if self._spill is not None and self._spill.count:  # keep the order: behind the spill
            self._spill.push(item)
            self.spilled += 1
            return
        while len(self._items) >= self._maxsize:
            if self._overflow == "drop_oldest":
                self._items.popleft()
                self.dropped += 1
                break
            if self._overflow == "spill":
                self._spill = self._spill or _Spill()
                self._spill.push(item)
                self.spilled += 1
                return
            self._not_full.clear()
            await self._not_full.wait()
        self._items.append(item)
        self.peak = max(self.peak, len(self._items))
        self._not_empty.set()

    def put_now(self, item: T) -> None:
        """Put past the bound (errors and the end marker must never be dropped or wait)."""
        if self._spill is not None and self._spill.count:
            self._spill.push(item)
            return
        self._items.append(item)
        self._not_empty.set()

    async def get(self) -> T:
        while not self._items:
            if self._spill is not None and self._spill.count:
                while self._spill.count and len(self._items) < self._maxsize:
                    self._items.append(self._spill.pop())
                break
            self._not_empty.clear()
            await self._not_empty.wait()
        item = self._items.popleft()
        if len(self._items) < self._maxsize:
            self._not_full.set()
        return item

    def close(self) -> None:
        """Discard the spill file (and what is still in it)."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None
