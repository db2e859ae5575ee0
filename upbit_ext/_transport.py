"""The transport under every facade: rate limits on each real send, and a cap on response size.

Limits live here, not at call level, so every attempt (retries and order look-ups
included) spends from the group's budget, and every response, error or not, teaches the
limiter what the server counted. Each slot is settled when its send ends: Upbit counts a request
when it arrives, which may be long after the slot was granted.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping

import httpx

from ._base import Operation
from ._errors import ResponseTooLarge
from ._limits import RateLimiter
from ._log import logger

__all__ = ["AsyncUpbitTransport", "OperationRouter", "TransportGuard", "UpbitTransport"]

DEFAULT_GROUP = "default"


class OperationRouter:
    """Finds the operation of a request from its method and path, as the spec lists them."""

    def __init__(self, operations: Mapping[str, Operation]) -> None:
        self._exact: dict[tuple[str, str], Operation] = {}
        self._templated: list[tuple[str, re.Pattern[str], Operation]] = []
        for op in operations.values():
            if "{" in op.path:
                pattern = re.compile("^" + re.sub(r"\{[^/}]+\}", "[^/]+", op.path) + "$")
                self._templated.append((op.method, pattern, op))
            else:
                self._exact[(op.method, op.path)] = op

    def find(self, method: str, path: str) -> Operation | None:
        op = self._exact.get((method, path))
        if op is not None:
            return op
        for m, pattern, candidate in self._templated:
            if m == method and pattern.match(path):
                return candidate
        return None


def _log_send(request: httpx.Request, group: str, waited: float) -> None:
    """Paths only: a query may hold an order's parameters, and headers hold the token."""
    if waited >= 0.001:
        logger.debug("waited %.3fs for rate-limit group %s", waited, group)
    logger.debug("sending %s %s (group %s)", request.method, request.url.path, group)


def _log_answer(request: httpx.Request, response: httpx.Response) -> None:
    logger.debug("%s %s answered %d", request.method, request.url.path, response.status_code)


class TransportGuard:
    """What the sync and async transports share: which limiter and group, and the size cap."""

    def __init__(
        self,
        router: OperationRouter,
        limiter_for: Callable[[Operation | None], RateLimiter],
        max_response_bytes: int,
    ) -> None:
        self.router = router
        self.limiter_for = limiter_for
        self.max_response_bytes = max_response_bytes

    def route(self, request: httpx.Request) -> tuple[RateLimiter, str]:
        op = self.router.find(request.method, request.url.path)
        return self.limiter_for(op), op.rate_group if op else DEFAULT_GROUP

    def check_length(self, response: httpx.Response, request: httpx.Request) -> bool:
        """Refuse a declared length over the cap; True if a length within it was declared."""
        declared = response.headers.get("content-length", "")
        if not declared.isdigit():
            return False
        if int(declared) > self.max_response_bytes:
            raise self.too_large(request)
        return True

    def too_large(self, request: httpx.Request) -> ResponseTooLarge:
        return ResponseTooLarge(
            limit=self.max_response_bytes, method=request.method, path=request.url.path
        )


class _CappedStream(httpx.SyncByteStream):
    def __init__(
        self, inner: httpx.SyncByteStream, guard: TransportGuard, request: httpx.Request
    ) -> None:
        self._inner, self._guard, self._request = inner, guard, request

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for chunk in self._inner:
            received += len(chunk)
            if received > self._guard.max_response_bytes:
                raise self._guard.too_large(self._request)
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _AsyncCappedStream(httpx.AsyncByteStream):
    def __init__(
        self, inner: httpx.AsyncByteStream, guard: TransportGuard, request: httpx.Request
    ) -> None:
        self._inner, self._guard, self._request = inner, guard, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        received = 0
        async for chunk in self._inner:
            received += len(chunk)
            if received > self._guard.max_response_bytes:
                raise self._guard.too_large(self._request)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class UpbitTransport(httpx.BaseTransport):
    """Waits for the request's rate-limit group, sends, and reports the response back."""

    def __init__(
        self, inner: httpx.BaseTransport, guard: TransportGuard, *, stock_http11: bool = False
    ) -> None:
        self._inner, self._guard = inner, guard
        # httpx's own HTTP/1.1 transport (h11) never reads past a declared Content-Length,
        # so a declared length within the cap needs no byte counting on the way.
        self._stock_http11 = stock_http11

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        limiter, group = self._guard.route(request)
        debug = logger.isEnabledFor(logging.DEBUG)  # once per request, not per message
        started = time.monotonic() if debug else 0.0
        granted_at = limiter.acquire(group)
        if debug:
            _log_send(request, group, time.monotonic() - started)
        try:
            response = self._inner.handle_request(request)
        finally:  # answered, failed or cancelled: it may have been counted until now
            limiter.settle(group, granted_at)
        if debug:
            _log_answer(request, response)
        limiter.update(group, response.status_code, response.headers)
        try:
            declared = self._guard.check_length(response, request)
        except ResponseTooLarge:
            response.close()
            raise
        if declared and self._stock_http11:
            return response
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _CappedStream(response.stream, self._guard, request)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncUpbitTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of `UpbitTransport`; waiting never blocks the event loop."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, guard: TransportGuard, *, stock_http11: bool = False
    ) -> None:
        self._inner, self._guard = inner, guard
        # httpx's own HTTP/1.1 transport (h11) never reads past a declared Content-Length,
        # so a declared length within the cap needs no byte counting on the way.
        self._stock_http11 = stock_http11

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        limiter, group = self._guard.route(request)
        debug = logger.isEnabledFor(logging.DEBUG)  # once per request, not per message
        started = time.monotonic() if debug else 0.0
        granted_at = await limiter.acquire_async(group)
        if debug:
            _log_send(request, group, time.monotonic() - started)
        try:
            response = await self._inner.handle_async_request(request)
        finally:  # answered, failed or cancelled: it may have been counted until now
            limiter.settle(group, granted_at)
        if debug:
            _log_answer(request, response)
        limiter.update(group, response.status_code, response.headers)
        try:
            declared = self._guard.check_length(response, request)
        except ResponseTooLarge:
            await response.aclose()
            raise
        if declared and self._stock_http11:
            return response
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _AsyncCappedStream(response.stream, self._guard, request)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
