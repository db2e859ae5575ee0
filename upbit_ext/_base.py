"""What the generated facade (`_operations.py`) builds on: operation metadata and the call hook."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["AsyncCaller", "Operation", "SyncCaller"]


@dataclass(frozen=True, slots=True)
class Operation:
    """One REST operation as the spec describes it.

    `params` maps each Python argument name to its rules from the spec (wire name,
    location, type, enum, bounds), so arguments are checked before anything is sent.
    """

    id: str
    method: str
    path: str
    rate_group: str
    secured: bool
    deprecated: bool
    params: Mapping[str, Mapping[str, Any]]


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
