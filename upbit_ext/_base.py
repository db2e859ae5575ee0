"""What the generated facade (`_operations.py`) builds on: operation metadata and the call hooks."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import httpx

__all__ = ["AsyncCaller", "AsyncPager", "Operation", "RawResponse", "SyncCaller", "SyncPager"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Operation:
    """One REST operation as the spec describes it.

    `params` maps each Python argument name to its rules from the spec (wire name,
    location, type, enum, bounds), so arguments are checked before anything is sent.
    `paging` is the operation's `x-upbit-paging` (how to fetch the next page), if it pages.
    """

    id: str
    method: str
    path: str
    rate_group: str
    secured: bool
    deprecated: bool
    params: Mapping[str, Mapping[str, Any]]
    paging: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class RawResponse(Generic[T]):
    """One HTTP answer as it arrived: status, headers (`Remaining-Req`...) and body bytes.

    `parse()` gives the typed value the plain method would have returned. After an ambiguous
    order failure the answer is that of the look-up which found the order.
    """

    status_code: int
    headers: httpx.Headers
    content: bytes
    _parsed: T = field(repr=False)

    def parse(self) -> T:
        return self._parsed

    def json(self) -> Any:
        """The body decoded as JSON, untyped."""
        return json.loads(self.content)

    @property
    def remaining_req(self) -> str | None:
        """Upbit's `Remaining-Req` header (`group=default; min=1800; sec=29`), if sent."""
        value: str | None = self.headers.get("remaining-req")
        return value


class SyncCaller:
    """Base of the sync facade: every generated method funnels through `_call`."""

    def _call(
        self,
        op: Operation,
        fn: Callable[..., Any],
        params: dict[str, Any],
        body: type[Any] | None,
    ) -> Any:
        raise NotImplementedError


class AsyncCaller:
    """Base of the async facade: every generated method funnels through `_call`."""

    async def _call(
        self,
        op: Operation,
        fn: Callable[..., Any],
        params: dict[str, Any],
        body: type[Any] | None,
    ) -> Any:
        raise NotImplementedError


class SyncPager:
    """Base of the generated paging view: every method funnels through `_paginate`."""

    def _paginate(self, op: Operation, params: dict[str, Any]) -> Any:
        raise NotImplementedError


class AsyncPager:
    """Base of the generated async paging view: every method funnels through `_paginate`."""

    def _paginate(self, op: Operation, params: dict[str, Any]) -> Any:
        raise NotImplementedError
