"""When to retry, and how a write is never carried out twice, written once for sync and async.

Reads are retried; a write that may have reached Upbit is never sent blind again. Orders and
cancels are settled by reading Upbit's state back (`lookup_flow`); any other write raises.
The policy is a generator that yields what it needs done (send the request, sleep, look
the state up) and receives the outcome; `run_sync` and `run_async` carry the actions out.
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
from typing import Any, Final

from ._base import Operation
from ._errors import (
    CancelTooLate,
    HTTPStatusError,
    IpBanned,
    RateLimited,
    ServerError,
    TransportError,
    UpbitError,
)
from ._log import ErrorLog, logger
from ._retry import CircuitBreaker, RetryPolicy

__all__ = [
    "CallContext", "Find", "LookUp", "NotApplied", "Outcome", "Send", "Sleep",
    "lookup_flow", "request_flow",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Send:
    """Send the operation's request once more."""


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


@dataclass(frozen=True, slots=True)
class Find:
    """Read Upbit's state to settle a write that failed ambiguously."""


@dataclass(frozen=True, slots=True)
class Outcome:
    value: Any = None
    error: UpbitError | None = None


class NotApplied(UpbitError):
    """A look-up's answer: Upbit shows that the write did not take effect."""

    def __init__(self, line: str = "the write did not take effect") -> None:
        super().__init__(line)


Action = Send | Sleep | Find
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
    """The wait before retry ``attempt``, or None once retries are used up (see RetryPolicy)."""
    retry_after = error.retry_after if isinstance(error, HTTPStatusError) else None
    return ctx.policy.delay(attempt, retry_after=retry_after)


def _never_reached_upbit(error: UpbitError) -> bool:
    """429 means Upbit counted the request but did not act on it."""
    if isinstance(error, TransportError):
        return not error.may_have_been_sent
    return isinstance(error, RateLimited)


def _ambiguous(error: UpbitError) -> bool:
    """A 5xx, or a transport failure after the request may have left: Upbit may have acted."""
    return isinstance(error, ServerError) or (
        isinstance(error, TransportError) and error.may_have_been_sent
    )


# POSTs without side effects on Upbit: repeating one is as safe as repeating a read.
_SIDE_EFFECT_FREE: Final = frozenset({"test_order"})


def _repeatable(op: Operation) -> bool:
    return op.method == "GET" or op.id in _SIDE_EFFECT_FREE


def _may_retry(op: Operation, error: UpbitError) -> bool:
    if isinstance(error, IpBanned):
        return False  # retrying a ban lengthens it
    if _never_reached_upbit(error):
        return True
    # Only a read may be repeated after Upbit may have acted on it. A write (a withdrawal, a
    # transfer, a deposit address, a cancel) is never sent blind a second time.
    return _repeatable(op) and _ambiguous(error)


_SEND: Final = Send()


def _succeeded(ctx: CallContext) -> None:
    """Tell the circuit breaker of an answered send."""
    # Only a half-open trial's success changes the state: no state read on every request.
    if ctx.breaker.record_success():
        ctx.log_breaker("half_open")


def _attempt(ctx: CallContext) -> Generator[Action, Outcome, Outcome]:
    """One send through the circuit breaker, which hears of every success."""
    ctx.breaker.before_request()
    outcome = yield _SEND
    if outcome.error is None:
        _succeeded(ctx)
    return outcome


def request_flow(op: Operation, ctx: CallContext) -> Flow:
    """Send, retrying what is safe to repeat with capped, jittered backoff."""
    started = ctx.clock()
    attempt = 0
    while True:
        # `_attempt` written out: every read passes here, and a nested generator costs.
        ctx.breaker.before_request()
        outcome = yield _SEND
        if outcome.error is None:
            _succeeded(ctx)
            return outcome.value
        error = outcome.error
        delay = _retry_delay(ctx, error, attempt) if _may_retry(op, error) else None
        ctx.note(
            op, error, attempt, started, "raise" if delay is None else f"retry in {delay:.3f}s"
        )
        if delay is None:
            if _ambiguous(error) and not _repeatable(op):
                error.add_note(
                    f"{op.id} was not sent again: Upbit may have carried it out. Check its"
                    " state (the matching list or get call) before calling it again."
                )
            raise error
        yield Sleep(delay)
        attempt += 1


@dataclass(frozen=True, slots=True)
class LookUp:
    """How a write that failed ambiguously is settled by reading Upbit's state.

    The client's look-up returns the call's result if the write took effect, raises
    `NotApplied` if Upbit shows it did not, or raises a final answer (`CancelTooLate`).
    ``conflict`` is the error a repeated send gets when the first one did take effect
    (`DuplicatedIdentifier` for an order, `OrderNotFound` for a cancel); ``unknown``
    builds the error raised when the state cannot be read.
    """

    conflict: tuple[type[UpbitError], ...]
    unknown: Callable[[], UpbitError]
    not_applied: str


def lookup_flow(op: Operation, ctx: CallContext, plan: LookUp) -> Flow:
    """Carry a write out at most once.

    After an ambiguous failure (a read timeout, a reset after sending, a 5xx) Upbit's state
    is looked up and the result returned if the write took effect. It is sent again only when
    Upbit shows it did not, and an order only with the same identifier, which Upbit never
    accepts twice: a late first attempt can therefore never become a second order. Once a
    repeated send meets ``plan.conflict``, the write is known to exist and is only looked up
    again (a look-up may lag behind the write), never sent.
    """
    started = ctx.clock()
    attempt = 0
    exists = False
    error: UpbitError | None = None
    while True:
        if not exists:
            outcome = yield from _attempt(ctx)
            if outcome.error is None:
                return outcome.value
            error = outcome.error
            exists = attempt > 0 and isinstance(error, plan.conflict)
            if not (exists or _ambiguous(error)):
                delay = _retry_delay(ctx, error, attempt) if _never_reached_upbit(error) else None
                ctx.note(
                    op, error, attempt, started,
                    "raise" if delay is None else f"retry in {delay:.3f}s",
                )  # fmt: skip
                if delay is None:
                    raise error
                yield Sleep(delay)
                attempt += 1
                continue
            ctx.note(op, error, attempt, started, "look up")
        assert error is not None
        found = yield Find()
        if found.error is None:
            return found.value
        if isinstance(found.error, CancelTooLate):
            raise found.error
        if not isinstance(found.error, NotApplied):
            raise plan.unknown() from error
        delay = _retry_delay(ctx, error, attempt)
        if delay is None:
            if exists:
                raise plan.unknown() from error
            error.add_note(plan.not_applied)
            raise error
        yield Sleep(delay)
        attempt += 1


def run_sync(
    flow: Flow,
    send: Callable[[], Any],
    find: Callable[[], Any] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """Carry a flow's actions out in this thread."""
    outcome: Outcome | None = None
    while True:
        try:
            action = next(flow) if outcome is None else flow.send(outcome)
        except StopIteration as done:
            return done.value
        except UpbitError as error:
            raise _short(error) from error.__cause__
        if isinstance(action, Sleep):
            sleep(action.seconds)
            outcome = Outcome()
            continue
        try:
            if isinstance(action, Find):
                assert find is not None
                outcome = Outcome(value=find())
            else:
                outcome = Outcome(value=send())
        except UpbitError as error:
            outcome = Outcome(error=_short(error))


async def run_async(
    flow: Flow,
    send: Callable[[], Awaitable[Any]],
    find: Callable[[], Awaitable[Any]] | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Any:
    """Carry a flow's actions out on the event loop."""
    outcome: Outcome | None = None
    while True:
        try:
            action = next(flow) if outcome is None else flow.send(outcome)
        except StopIteration as done:
            return done.value
        except UpbitError as error:
            raise _short(error) from error.__cause__
        if isinstance(action, Sleep):
            await sleep(action.seconds)
            outcome = Outcome()
            continue
        try:
            if isinstance(action, Find):
                assert find is not None
                outcome = Outcome(value=await find())
            else:
                outcome = Outcome(value=await send())
        except UpbitError as error:
            outcome = Outcome(error=_short(error))


def _short(error: UpbitError) -> UpbitError:
    """Drop the frames inside httpx and the flow, so the error reads as raised by the facade.

    Where it came from inside httpx's hooks says nothing to a user; what caused it (an httpx
    timeout, the failure that made an order's state unknown) stays chained as ``__cause__``.
    """
    return error.with_traceback(None)
