"""When to retry, and how an order is never sent twice, written once for sync and async.

The policy is a generator that yields what it needs done (send the request, sleep, look
an order up) and receives the outcome; `run_sync` and `run_async` carry the actions out.
Each attempt goes back through the httpx client, so it is signed again with a new nonce
and spends from the rate-limit budget again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from ._base import Operation
from ._errors import (
    DuplicatedIdentifier,
    HTTPStatusError,
    IpBanned,
    OrderNotFound,
    OrderStateUnknown,
    RateLimited,
    ServerError,
    TransportError,
    UpbitError,
)
from ._log import ErrorLog, logger
from ._retry import CircuitBreaker, RetryPolicy

__all__ = ["CallContext", "FindOrder", "Outcome", "Send", "Sleep", "order_flow", "request_flow"]


@dataclass(frozen=True, slots=True)
class Send:
    """Send the operation's request once more."""


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


@dataclass(frozen=True, slots=True)
class FindOrder:
    """Look the order up by the client identifier it was sent with."""

    identifier: str


@dataclass(frozen=True, slots=True)
class Outcome:
    value: Any = None
    error: UpbitError | None = None


Action = Send | Sleep | FindOrder
Flow = Generator[Action, Outcome, Any]


@dataclass
class CallContext:
    """Per-facade state the flows share: policy, breaker, counters and the error log."""

    policy: RetryPolicy
    breaker: CircuitBreaker
    log: ErrorLog | None = None
    clock: Callable[[], float] = time.monotonic
    errors: Counter[str] = field(default_factory=Counter)

    def note(
        self, op: Operation, error: UpbitError, attempt: int, started: float, then: str
    ) -> None:
        self.errors[type(error).__name__] += 1
        before = self.breaker.state
        if isinstance(error, ServerError | TransportError):
            self.breaker.record_failure()
        elif isinstance(error, HTTPStatusError):
            self.breaker.record_success()  # the host answered; a half-open trial must end
        self.log_breaker(before)
        detail = [
            str(v) for v in (getattr(error, "status", None), getattr(error, "name", None)) if v
        ]
        logger.log(
            logging.DEBUG if then == "raise" else logging.INFO,
            "%s attempt %d failed: %s; %s",
            op.id, attempt + 1, " ".join([type(error).__name__, *detail]), then,
        )  # fmt: skip
        if self.log is not None:
            self.log.write(
                operation=op.id,
                status=getattr(error, "status", None),
                name=getattr(error, "name", None),
                error=type(error).__name__,
                attempt=attempt + 1,
                elapsed=round(self.clock() - started, 4),
                next_action=then,
            )

    def log_breaker(self, before: str) -> None:
        after = self.breaker.state
        if after != before:
            logger.warning("circuit breaker for %s: %s -> %s", self.breaker.host, before, after)


def _retry_delay(ctx: CallContext, error: UpbitError, attempt: int) -> float | None:
    if attempt >= ctx.policy.max_retries:
        return None
    retry_after = error.retry_after if isinstance(error, HTTPStatusError) else None
    return ctx.policy.delay(attempt, retry_after=retry_after)


def _never_reached_upbit(error: UpbitError) -> bool:
    """429 means Upbit counted the request but did not act on it."""
    if isinstance(error, TransportError):
        return not error.may_have_been_sent
    return isinstance(error, RateLimited)


def _may_retry(op: Operation, error: UpbitError) -> bool:
    if isinstance(error, IpBanned):
        return False  # retrying a ban lengthens it
    if _never_reached_upbit(error):
        return True
    # A read that may have arrived, or a cancel, is safe to repeat; any other write is not.
    repeatable = op.method in {"GET", "DELETE"} or op.id == "test_order"
    return repeatable and isinstance(error, TransportError | ServerError)


def _attempt(ctx: CallContext) -> Generator[Action, Outcome, Outcome]:
    """One send through the circuit breaker, which hears of every success."""
    ctx.breaker.before_request()
    outcome = yield Send()
    if outcome.error is None:
        before = ctx.breaker.state
        ctx.breaker.record_success()
        ctx.log_breaker(before)
    return outcome


def request_flow(op: Operation, ctx: CallContext) -> Flow:
    """Send, retrying what is safe to repeat with capped, jittered backoff."""
    started = ctx.clock()
    attempt = 0
    while True:
        outcome = yield from _attempt(ctx)
        if outcome.error is None:
            return outcome.value
        error = outcome.error
        delay = _retry_delay(ctx, error, attempt) if _may_retry(op, error) else None
        ctx.note(
            op, error, attempt, started, "raise" if delay is None else f"retry in {delay:.3f}s"
        )
        if delay is None:
            raise error
        yield Sleep(delay)
        attempt += 1


def order_flow(op: Operation, ctx: CallContext, identifier: str) -> Flow:
    """Place an order at most once.

    After an ambiguous failure (a read timeout, a reset after sending, a 5xx) the order
    is looked up by its identifier and returned if Upbit has it. It is sent again only
    when Upbit says it has no such order, and with the same identifier, which Upbit never
    accepts twice: a late first attempt can therefore never become a second order.
    """
    started = ctx.clock()
    attempt = 0
    while True:
        outcome = yield from _attempt(ctx)
        if outcome.error is None:
            return outcome.value
        error = outcome.error
        ambiguous = attempt > 0 and isinstance(error, DuplicatedIdentifier)
        ambiguous = (
            ambiguous
            or isinstance(error, ServerError)
            or (isinstance(error, TransportError) and error.may_have_been_sent)
        )
        if not ambiguous:
            delay = _retry_delay(ctx, error, attempt) if _never_reached_upbit(error) else None
            ctx.note(
                op, error, attempt, started, "raise" if delay is None else f"retry in {delay:.3f}s"
            )
            if delay is None:
                raise error
            yield Sleep(delay)
            attempt += 1
            continue

        ctx.note(op, error, attempt, started, f"look up order {identifier}")
        found = yield FindOrder(identifier)
        if found.error is None:
            return found.value
        if not isinstance(found.error, OrderNotFound):
            raise OrderStateUnknown(
                identifier=identifier, method=op.method, path=op.path
            ) from error
        delay = _retry_delay(ctx, error, attempt)
        if delay is None:
            error.add_note(f"Upbit has no order with identifier {identifier!r}: none was placed.")
            raise error
        yield Sleep(delay)
        attempt += 1


def run_sync(
    flow: Flow,
    send: Callable[[], Any],
    find: Callable[[str], Any] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """Carry a flow's actions out in this thread."""
    outcome: Outcome | None = None
    while True:
        try:
            action = next(flow) if outcome is None else flow.send(outcome)
        except StopIteration as done:
            return done.value
        if isinstance(action, Sleep):
            sleep(action.seconds)
            outcome = Outcome()
            continue
        try:
            if isinstance(action, FindOrder):
                assert find is not None
                outcome = Outcome(value=find(action.identifier))
            else:
                outcome = Outcome(value=send())
        except UpbitError as error:
            outcome = Outcome(error=error)


async def run_async(
    flow: Flow,
    send: Callable[[], Awaitable[Any]],
    find: Callable[[str], Awaitable[Any]] | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Any:
    """Carry a flow's actions out on the event loop."""
    outcome: Outcome | None = None
    while True:
        try:
            action = next(flow) if outcome is None else flow.send(outcome)
        except StopIteration as done:
            return done.value
        if isinstance(action, Sleep):
            await sleep(action.seconds)
            outcome = Outcome()
            continue
        try:
            if isinstance(action, FindOrder):
                assert find is not None
                outcome = Outcome(value=await find(action.identifier))
            else:
                outcome = Outcome(value=await send())
        except UpbitError as error:
            outcome = Outcome(error=error)
