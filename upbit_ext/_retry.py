"""How long to wait before a retry, and whether a host is worth trying at all.

These are the pure building blocks of the call loop. Deciding *whether* a request may be sent
again (never an order twice) belongs to the caller; this module answers *when*, and whether
the host is up at all.
"""

from __future__ import annotations

import math
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

from ._errors import CircuitOpenError

__all__ = [
    "DEFAULT_FAILURE_THRESHOLD",
    "DEFAULT_RESET_TIMEOUT",
    "BreakerState",
    "CircuitBreaker",
    "RetryPolicy",
    "breaker_for",
]

BreakerState = Literal["closed", "open", "half_open"]

DEFAULT_FAILURE_THRESHOLD: Final = 5
DEFAULT_RESET_TIMEOUT: Final = 30.0

# Beyond this exponent every sane base_delay already exceeds max_delay; stopping here keeps the
# arithmetic finite for any attempt number.
_MAX_EXPONENT: Final = 62
_BAD_HOST: Final = re.compile(r"[\s/?#@]")


@dataclass(frozen=True)
class RetryPolicy:
    """How many retries a call may make and how long to wait before each.

    ``max_retries`` counts attempts after the first (0 disables retries). Waits use exponential
    backoff with full jitter, ``uniform(0, min(max_delay, base_delay * 2**attempt))``: clients
    that failed together (one 5xx burst, one exhausted rate-limit second) spread out over the
    whole window instead of returning in lockstep. A server ``Retry-After`` longer than
    ``max_retry_after`` is not waited for: the call gives up rather than appear to hang.
    """

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise TypeError(f"max_retries must be an int, got {type(self.max_retries).__name__}")
        if self.max_retries < 0:
            raise ValueError(
                f"max_retries must be >= 0 (0 disables retries), got {self.max_retries}"
            )
        for name in ("base_delay", "max_delay", "max_retry_after"):
            _check_seconds(name, getattr(self, name), allow_zero=True)
        if self.max_delay < self.base_delay:
            raise ValueError(
                f"max_delay must be >= base_delay, got max_delay={self.max_delay!r}"
                f" < base_delay={self.base_delay!r}"
            )

    def delay(
        self,
        attempt: int,
        *,
        retry_after: float | None = None,
        rng: random.Random | None = None,
    ) -> float | None:
        """Seconds to wait before retry number ``attempt`` (0 is the first retry), or ``None``.

        ``None`` means do not retry: the retries are used up (``attempt >= max_retries``) or the
        server asked for a wait longer than ``max_retry_after``. The server's ``retry_after`` is
        a floor, not a replacement: the wait is ``max(retry_after, jittered backoff)``, so we never
        come back before the server allows, and a server that keeps answering ``Retry-After: 0``
        still sees the backoff grow.
        """
        if isinstance(attempt, bool) or not isinstance(attempt, int):
            raise TypeError(f"attempt must be an int, got {type(attempt).__name__}")
        if attempt < 0:
            raise ValueError(f"attempt must be >= 0 (0 is the first retry), got {attempt}")
        if retry_after is not None:
            if isinstance(retry_after, bool) or not isinstance(retry_after, int | float):
                raise TypeError(
                    f"retry_after must be a number of seconds, got {type(retry_after).__name__}"
                )
            if math.isnan(retry_after) or retry_after < 0:
                raise ValueError(f"retry_after must be >= 0 seconds, got {retry_after!r}")
        if attempt >= self.max_retries:
            return None
        if retry_after is not None and retry_after > self.max_retry_after:
            return None
        cap = min(self.max_delay, self.base_delay * 2.0 ** min(attempt, _MAX_EXPONENT))
        jittered = (rng.uniform if rng is not None else random.uniform)(0.0, cap)
        # uniform() may round a hair past its upper bound.
        jittered = min(max(jittered, 0.0), cap)
        return jittered if retry_after is None else max(float(retry_after), jittered)


class CircuitBreaker:
    """Stops requests to a host that keeps failing, then probes it with one trial request.

    The caller reports each finished request: ``record_failure()`` for transport errors and
    5xx, ``record_success()`` for every other HTTP response. A 4xx counts as a success because
    the breaker judges the host, and a host that answers 400 or 429 is up; reporting nothing
    for it would also leave a half-open trial undecided. Retries and rate limits deal with 4xx.

    After ``failure_threshold`` consecutive failures the breaker opens and ``before_request()``
    raises ``CircuitOpenError`` for ``reset_timeout`` seconds. Then it half-opens: exactly one
    caller is let through as a trial while the others are still refused. The trial's success
    closes the breaker; its failure opens it for another ``reset_timeout``. A trial never
    reported (a cancelled task) is given up after ``reset_timeout`` and another is let through.
    Reports arriving while the breaker is open and no trial is out come from requests sent
    before it opened and are ignored.

    Every method holds a lock for a few operations and never waits, so one breaker serves
    threads and event loops alike.
    """

    def __init__(
        self,
        host: str,
        *,
        failure_threshold: int = DEFAULT_FAILURE_THRESHOLD,
        reset_timeout: float = DEFAULT_RESET_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(host, str) or not host.strip():
            raise ValueError(f"host must be a non-empty host name, got {host!r}")
        if isinstance(failure_threshold, bool) or not isinstance(failure_threshold, int):
            raise TypeError(
                f"failure_threshold must be an int, got {type(failure_threshold).__name__}"
            )
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be >= 1, got {failure_threshold}")
        _check_seconds("reset_timeout", reset_timeout, allow_zero=False)
        if not callable(clock):
            raise TypeError(f"clock must be callable, got {type(clock).__name__}")
        self._host = host
        self._failure_threshold = failure_threshold
        self._reset_timeout = float(reset_timeout)
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_started: float | None = None

    def __repr__(self) -> str:
        return f"CircuitBreaker(host={self._host!r}, state={self.state!r})"

    @property
    def host(self) -> str:
        return self._host

    @property
    def failure_threshold(self) -> int:
        return self._failure_threshold

    @property
    def reset_timeout(self) -> float:
        return self._reset_timeout

    @property
    def clock(self) -> Callable[[], float]:
        return self._clock

    @property
    def state(self) -> BreakerState:
        with self._lock:
            return self._state(self._clock())

    def before_request(self) -> None:
        """Return if a request may be sent now; raise ``CircuitOpenError`` if not.

        The error's ``retry_after`` is the number of seconds until a request will be let through
        (the half-open time, or the end of a silent trial's allowance).
        """
        with self._lock:
            if self._opened_at is None:
                return
            now = self._clock()
            start = self._opened_at if self._trial_started is None else self._trial_started
            ready_at = start + self._reset_timeout
            if now < ready_at:
                raise CircuitOpenError(host=self._host, retry_after=ready_at - now)
            self._trial_started = now

    def record_success(self) -> bool:
        """Report an answered request; True if it closed the breaker (a half-open trial's
        success, the only change a success makes), so the caller can log that."""
        with self._lock:
            if self._opened_at is None:
                self._failures = 0
            elif self._trial_started is not None:
                self._failures = 0
                self._opened_at = None
                self._trial_started = None
                return True
            return False

    def record_failure(self) -> None:
        with self._lock:
            if self._opened_at is None:
                self._failures += 1
                if self._failures >= self._failure_threshold:
                    self._opened_at = self._clock()
            elif self._trial_started is not None:
                self._failures += 1
                self._opened_at = self._clock()
                self._trial_started = None

    def snapshot(self) -> dict[str, object]:
        """The breaker's state for a ``health()`` report; times are readings of ``clock``."""
        with self._lock:
            now = self._clock()
            opened = self._opened_at
            return {
                "host": self._host,
                "state": self._state(now),
                "consecutive_failures": self._failures,
                "failure_threshold": self._failure_threshold,
                "reset_timeout": self._reset_timeout,
                "opened_at": opened,
                "half_open_at": None if opened is None else opened + self._reset_timeout,
                "trial_in_flight": self._trial_started is not None,
            }

    def _state(self, now: float) -> BreakerState:
        if self._opened_at is None:
            return "closed"
        if self._trial_started is not None or now >= self._opened_at + self._reset_timeout:
            return "half_open"
        return "open"


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(
    host: str,
    *,
    failure_threshold: int | None = None,
    reset_timeout: float | None = None,
    clock: Callable[[], float] | None = None,
) -> CircuitBreaker:
    """The process-wide breaker for ``host`` (``name`` or ``name:port``), created on first use.

    Shared because the host is what fails: when it goes down, every client in the process should
    stop together instead of each spending its own run of failures to find out. Settings left
    out keep the existing breaker's; settings that differ from it raise ``ValueError``, since
    silently ignoring them would hide a misconfiguration.
    """
    if not isinstance(host, str):
        raise TypeError(f"host must be a str, got {type(host).__name__}")
    key = host.strip().lower()
    if not key or _BAD_HOST.search(key):
        raise ValueError(f"host must be a bare host name such as 'api.upbit.com', got {host!r}")
    wanted: dict[str, object] = {
        name: value
        for name, value in (
            ("failure_threshold", failure_threshold),
            ("reset_timeout", reset_timeout),
            ("clock", clock),
        )
        if value is not None
    }
    with _breakers_lock:
        breaker = _breakers.get(key)
        if breaker is None:
            breaker = CircuitBreaker(
                key,
                failure_threshold=(
                    DEFAULT_FAILURE_THRESHOLD if failure_threshold is None else failure_threshold
                ),
                reset_timeout=DEFAULT_RESET_TIMEOUT if reset_timeout is None else reset_timeout,
                clock=time.monotonic if clock is None else clock,
            )
            _breakers[key] = breaker
            return breaker
    for name, value in wanted.items():
        if getattr(breaker, name) != value:
            raise ValueError(
                f"{name}: the shared breaker for {key!r} already uses"
                f" {getattr(breaker, name)!r}; pass the same setting everywhere or none"
            )
    return breaker


def _check_seconds(name: str, value: object, *, allow_zero: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        rule = "finite and >= 0" if allow_zero else "finite and > 0"
        raise ValueError(f"{name} must be {rule} seconds, got {value!r}")
