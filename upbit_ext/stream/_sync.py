"""`Stream`: the blocking face of `AsyncStream`, its event loop in a daemon thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Mapping, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

from ._decode import Message
from ._stream import AsyncStream, StreamStats

__all__ = ["Stream"]

T = TypeVar("T")


class Stream:
    """Same arguments and methods as `AsyncStream`, blocking; iterate with `for`.

    ```python
    with Stream(url=..., backfill=Upbit()) as stream:
        stream.subscribe("trade", ["KRW-BTC"])
        for message in stream:
            ...
    ```
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="upbit-stream", daemon=True
        )
        self._thread.start()

        async def build() -> AsyncStream:
            return AsyncStream(*args, **kwargs)

        try:
            self._stream = self._call(build())
        except BaseException:
            self._stop_loop()
            raise

    def _call(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        if not self._thread.is_alive():
            self._loop.close()

    def __repr__(self) -> str:
        return repr(self._stream).replace("AsyncStream", "Stream", 1)

    @property
    def stats(self) -> StreamStats:
        return self._stream.stats

    @property
    def connected(self) -> bool:
        return self._stream.connected

    def subscribe(
        self, type: str, codes: str | Sequence[str] | None = None, **options: Any
    ) -> None:
        self._call(self._stream.subscribe(type, codes, **options))

    def resume(self, last_ids: Mapping[str, int]) -> None:
        async def apply() -> None:
            self._stream.resume(last_ids)

        self._call(apply())

    def unsubscribe(self, type: str, codes: str | Sequence[str] | None = None) -> None:
        self._call(self._stream.unsubscribe(type, codes))

    def list_subscriptions(self, timeout: float = 5.0) -> Message:
        return self._call(self._stream.list_subscriptions(timeout))

    def next(self, timeout: float | None = None) -> Message:
        """The next message; TimeoutError after `timeout` seconds, StopIteration once closed."""

        async def one() -> Message:
            return await asyncio.wait_for(self._stream.__anext__(), timeout)

        try:
            return self._call(one())
        except StopAsyncIteration:
            raise StopIteration from None

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> Message:
        return self.next()

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._call(self._stream.close())
        self._stop_loop()

    def __enter__(self) -> Self:
        async def start() -> None:
            await self._stream.__aenter__()

        self._call(start())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
