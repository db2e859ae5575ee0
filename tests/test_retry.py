"""Backoff timing, Retry-After parsing and the per-host circuit breaker, on a fake clock."""

from __future__ import annotations

import asyncio
import functools
import math
import os
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upbit_ext._errors import CircuitOpenError, UpbitError, parse_retry_after
from upbit_ext._retry import (
    DEFAULT_FAILURE_THRESHOLD,
    DEFAULT_RESET_TIMEOUT,
    CircuitBreaker,
    RetryPolicy,
    breaker_for,
)

T = TypeVar("T")


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class YieldingClock(FakeClock):
    """Gives other threads the GIL on every reading, to widen any check-then-act race."""

    def __call__(self) -> float:
        os.sched_yield()
        return self.now


class Extreme(random.Random):
    """Draws the top (or bottom) of every range, exposing the backoff cap itself."""

    def __init__(self, top: bool = True) -> None:
        super().__init__(0)
        self.top = top
        self.calls: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.calls.append((a, b))
        return b if self.top else a


@pytest.fixture
def seoul_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with a non-UTC local zone, so a naive HTTP date read as local time shows up."""
    monkeypatch.setenv("TZ", "KST-9")
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.fixture
def fast_switching() -> Iterator[None]:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


_host_counter = iter(range(1_000_000))


def fresh_host() -> str:
    return f"test-{next(_host_counter)}.example"


def run_together(threads: int, action: Callable[[], T]) -> list[T | BaseException]:
    """Start ``action`` on many threads at once; collect each result or exception."""
    barrier = threading.Barrier(threads)
    results: list[T | BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        barrier.wait()
        try:
            outcome: T | BaseException = action()
        except BaseException as exc:
            outcome = exc
        with lock:
            results.append(outcome)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


# --- RetryPolicy ------------------------------------------------------------------------------


def test_defaults_match_the_documented_policy() -> None:
    policy = RetryPolicy()
    assert (policy.max_retries, policy.base_delay, policy.max_delay, policy.max_retry_after) == (
        2,
        0.5,
        8.0,
        60.0,
    )


def test_cap_grows_exponentially_then_saturates() -> None:
    policy = RetryPolicy(max_retries=10, base_delay=0.5, max_delay=8.0)
    caps = [policy.delay(n, rng=Extreme()) for n in range(10)]
    assert caps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0]


def test_jitter_is_full_down_to_zero() -> None:
    rng = Extreme(top=False)
    policy = RetryPolicy(max_retries=5)
    assert [policy.delay(n, rng=rng) for n in range(5)] == [0.0] * 5
    assert rng.calls == [(0.0, 0.5), (0.0, 1.0), (0.0, 2.0), (0.0, 4.0), (0.0, 8.0)]


def test_delays_stay_within_zero_and_cap_with_a_seeded_rng() -> None:
    rng = random.Random(1234)
    policy = RetryPolicy(max_retries=8, base_delay=0.25, max_delay=3.0)
    for attempt in range(8):
        cap = min(3.0, 0.25 * 2**attempt)
        for _ in range(200):
            delay = policy.delay(attempt, rng=rng)
            assert delay is not None
            assert 0.0 <= delay <= cap


def test_full_jitter_actually_varies_and_uses_the_whole_window() -> None:
    rng = random.Random(7)
    policy = RetryPolicy(max_retries=5, max_delay=8.0)
    samples = [policy.delay(4, rng=rng) for _ in range(500)]
    assert all(s is not None for s in samples)
    values = [s for s in samples if s is not None]
    assert len(set(values)) == len(values)
    assert min(values) < 1.0
    assert max(values) > 7.0


def test_same_seed_gives_the_same_delays() -> None:
    policy = RetryPolicy(max_retries=3)
    first = [policy.delay(n, rng=random.Random(42)) for n in range(3)]
    second = [policy.delay(n, rng=random.Random(42)) for n in range(3)]
    assert first == second


def test_default_rng_is_used_when_none_given() -> None:
    random.seed(99)
    a = RetryPolicy().delay(1)
    random.seed(99)
    b = RetryPolicy().delay(1)
    assert a == b
    assert a is not None
    assert 0.0 <= a <= 1.0


def test_no_delay_once_retries_are_used_up() -> None:
    policy = RetryPolicy(max_retries=2)
    assert policy.delay(0, rng=Extreme()) is not None
    assert policy.delay(1, rng=Extreme()) is not None
    assert policy.delay(2, rng=Extreme()) is None
    assert policy.delay(50, rng=Extreme()) is None


def test_zero_max_retries_disables_retrying() -> None:
    assert RetryPolicy(max_retries=0).delay(0) is None


def test_huge_attempt_numbers_do_not_overflow() -> None:
    policy = RetryPolicy(max_retries=10**9, max_delay=8.0)
    assert policy.delay(10**8, rng=Extreme()) == 8.0


def test_retry_after_is_a_floor() -> None:
    policy = RetryPolicy(max_retries=5)
    assert policy.delay(0, retry_after=3.0, rng=Extreme()) == 3.0
    assert policy.delay(0, retry_after=3.0, rng=Extreme(top=False)) == 3.0


def test_retry_after_zero_keeps_the_backoff() -> None:
    policy = RetryPolicy(max_retries=5)
    assert policy.delay(3, retry_after=0.0, rng=Extreme()) == 4.0


def test_retry_after_beyond_the_limit_means_give_up() -> None:
    policy = RetryPolicy(max_retry_after=60.0)
    assert policy.delay(0, retry_after=60.0, rng=Extreme()) == 60.0
    assert policy.delay(0, retry_after=60.001, rng=Extreme()) is None
    assert policy.delay(0, retry_after=math.inf, rng=Extreme()) is None


def test_retry_after_may_exceed_max_delay() -> None:
    assert RetryPolicy(max_delay=8.0).delay(0, retry_after=20, rng=Extreme()) == 20.0


@pytest.mark.parametrize(
    ("kwargs", "exc", "field"),
    [
        ({"max_retries": -1}, ValueError, "max_retries"),
        ({"max_retries": 1.5}, TypeError, "max_retries"),
        ({"max_retries": True}, TypeError, "max_retries"),
        ({"base_delay": -0.1}, ValueError, "base_delay"),
        ({"base_delay": math.nan}, ValueError, "base_delay"),
        ({"base_delay": "1"}, TypeError, "base_delay"),
        ({"max_delay": -1.0}, ValueError, "max_delay"),
        ({"max_delay": math.inf}, ValueError, "max_delay"),
        ({"base_delay": 2.0, "max_delay": 1.0}, ValueError, "max_delay must be >= base_delay"),
        ({"max_retry_after": -5}, ValueError, "max_retry_after"),
    ],
)
def test_policy_validation_names_the_field(
    kwargs: dict[str, object], exc: type[Exception], field: str
) -> None:
    with pytest.raises(exc, match=field):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


def test_delay_type_errors_name_the_type_given() -> None:
    with pytest.raises(TypeError, match="attempt must be an int, got str"):
        RetryPolicy().delay("1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="retry_after must be a number of seconds, got str"):
        RetryPolicy().delay(0, retry_after="1")  # type: ignore[arg-type]


def test_zero_delays_are_allowed() -> None:
    assert RetryPolicy(base_delay=0.0, max_delay=0.0).delay(1) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "exc", "field"),
    [
        ({"attempt": -1}, ValueError, "attempt"),
        ({"attempt": 1.0}, TypeError, "attempt"),
        ({"attempt": 0, "retry_after": -1.0}, ValueError, "retry_after"),
        ({"attempt": 0, "retry_after": math.nan}, ValueError, "retry_after"),
        ({"attempt": 0, "retry_after": "5"}, TypeError, "retry_after"),
    ],
)
def test_delay_validates_its_arguments(
    kwargs: dict[str, object], exc: type[Exception], field: str
) -> None:
    with pytest.raises(exc, match=field):
        RetryPolicy().delay(**kwargs)  # type: ignore[arg-type]


@given(
    max_retries=st.integers(0, 20),
    base=st.floats(0, 100, allow_nan=False),
    extra=st.floats(0, 1000, allow_nan=False),
    attempt=st.integers(0, 10_000),
    retry_after=st.none() | st.floats(0, 200, allow_nan=False),
    seed=st.integers(0, 2**32),
)
def test_delay_bounds_property(
    max_retries: int,
    base: float,
    extra: float,
    attempt: int,
    retry_after: float | None,
    seed: int,
) -> None:
    policy = RetryPolicy(
        max_retries=max_retries, base_delay=base, max_delay=base + extra, max_retry_after=60.0
    )
    delay = policy.delay(attempt, retry_after=retry_after, rng=random.Random(seed))
    if attempt >= max_retries or (retry_after is not None and retry_after > 60.0):
        assert delay is None
        return
    assert delay is not None
    cap = min(policy.max_delay, base * 2.0 ** min(attempt, 62))
    floor = retry_after or 0.0
    assert floor <= delay <= max(floor, cap)
    assert math.isfinite(delay)


# --- parse_retry_after ------------------------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("1", 1.0),
        ("120", 120.0),
        (" 7 ", 7.0),
        ("1.5", 1.5),
        ("0.25", 0.25),
    ],
)
def test_parse_seconds(value: str, expected: float) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_parse_future_http_date() -> None:
    assert parse_retry_after("Sun, 01 Mar 2026 12:00:30 GMT", now=NOW) == 30.0


def test_parse_past_http_date_means_now() -> None:
    assert parse_retry_after("Sun, 01 Mar 2026 11:59:00 GMT", now=NOW) == 0.0


@pytest.mark.usefixtures("seoul_local_time")
def test_parse_http_date_with_minus_zero_zone_is_utc() -> None:
    assert parse_retry_after("Sun, 01 Mar 2026 12:01:00 -0000", now=NOW) == 60.0


@pytest.mark.usefixtures("seoul_local_time")
def test_parse_obsolete_http_date_forms() -> None:
    assert parse_retry_after("Sunday, 01-Mar-26 12:00:10 GMT", now=NOW) == 10.0
    assert parse_retry_after("Sun Mar  1 12:00:05 2026", now=NOW) == 5.0


def test_parse_http_date_defaults_to_the_wall_clock() -> None:
    later = datetime.fromtimestamp(datetime.now(UTC).timestamp() + 3600, UTC)
    seconds = parse_retry_after(format_datetime(later, usegmt=True))
    assert seconds is not None
    assert 3590 < seconds <= 3600


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "-1", "-0.5", "abc", "1,5", "5s", "1e3", "inf", "nan", "٣", "Sun, 99 Foo"],
)
def test_parse_garbage_is_none(value: str | None) -> None:
    assert parse_retry_after(value, now=NOW) is None


def test_parse_http_date_without_a_zone_is_gmt() -> None:
    # Every HTTP date is GMT; a server that leaves the zone out still means GMT.
    assert parse_retry_after("Sun, 01 Mar 2026 12:00:30", now=NOW) == 30.0


def test_parse_absurdly_large_number_is_two_to_the_31_and_not_waited_for() -> None:
    seconds = parse_retry_after("9" * 400, now=NOW)
    assert seconds == 2.0**31  # RFC 9111 1.2.2: an overflowing delta-seconds is 2**31
    assert RetryPolicy().delay(0, retry_after=seconds) is None


def test_parse_rejects_wrong_types() -> None:
    with pytest.raises(TypeError, match=r"^value must be a str or None, got int$"):
        parse_retry_after(5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="now"):
        parse_retry_after("1", now=math.nan)
    with pytest.raises(ValueError, match=r"^now must be a finite Unix time, got True$"):
        parse_retry_after("1", now=True)


# --- CircuitBreaker ---------------------------------------------------------------------------


def make(threshold: int = 3, timeout: float = 30.0) -> tuple[CircuitBreaker, FakeClock]:
    clock = FakeClock()
    return CircuitBreaker(
        "api.example", failure_threshold=threshold, reset_timeout=timeout, clock=clock
    ), clock


def test_defaults() -> None:
    breaker = CircuitBreaker("api.example")
    assert breaker.failure_threshold == DEFAULT_FAILURE_THRESHOLD == 5
    assert breaker.reset_timeout == DEFAULT_RESET_TIMEOUT == 30.0
    assert breaker.state == "closed"


def test_opens_exactly_at_the_threshold() -> None:
    breaker, _ = make(threshold=3)
    for _ in range(2):
        breaker.record_failure()
        assert breaker.state == "closed"
        breaker.before_request()
    breaker.record_failure()
    assert breaker.state == "open"
    with pytest.raises(CircuitOpenError):
        breaker.before_request()


def test_a_success_resets_the_consecutive_count() -> None:
    breaker, _ = make(threshold=3)
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()
    assert breaker.snapshot()["consecutive_failures"] == 0
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.state == "closed"
    breaker.record_failure()
    assert breaker.state == "open"


def test_open_rejects_with_the_time_until_half_open() -> None:
    breaker, clock = make(threshold=1, timeout=30.0)
    breaker.record_failure()
    clock.advance(12.5)
    with pytest.raises(CircuitOpenError) as info:
        breaker.before_request()
    error = info.value
    assert isinstance(error, UpbitError)
    assert error.host == "api.example"
    assert error.retry_after == pytest.approx(17.5)
    assert "api.example" in str(error)


def test_still_open_just_before_the_timeout() -> None:
    breaker, clock = make(threshold=1, timeout=30.0)
    breaker.record_failure()
    clock.advance(29.999)
    assert breaker.state == "open"
    with pytest.raises(CircuitOpenError):
        breaker.before_request()


def test_half_open_lets_exactly_one_trial_through() -> None:
    breaker, clock = make(threshold=1, timeout=30.0)
    breaker.record_failure()
    clock.advance(30.0)
    assert breaker.state == "half_open"
    breaker.before_request()
    assert breaker.state == "half_open"
    assert breaker.snapshot()["trial_in_flight"] is True
    clock.advance(2.0)
    with pytest.raises(CircuitOpenError) as info:
        breaker.before_request()
    assert info.value.retry_after == pytest.approx(28.0)


def test_trial_success_closes() -> None:
    breaker, clock = make(threshold=2)
    breaker.record_failure()
    breaker.record_failure()
    clock.advance(30.0)
    breaker.before_request()
    breaker.record_success()
    assert breaker.state == "closed"
    assert breaker.snapshot()["consecutive_failures"] == 0
    breaker.before_request()
    breaker.before_request()
    breaker.record_failure()
    assert breaker.state == "closed"


def test_record_success_says_only_when_it_closed_the_breaker() -> None:
    breaker, clock = make(threshold=2, timeout=30.0)
    assert breaker.record_success() is False  # closed stays closed
    breaker.record_failure()
    assert breaker.record_success() is False  # closed, count reset
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.record_success() is False  # open, no trial out: stale, ignored
    clock.advance(30.0)
    assert breaker.record_success() is False  # half-open by time, no trial out
    assert breaker.state == "half_open"
    breaker.before_request()
    assert breaker.record_success() is True  # the trial's success closes it
    assert breaker.state == "closed"


def test_a_flow_logs_the_trial_that_closes_the_breaker(caplog: pytest.LogCaptureFixture) -> None:
    from upbit_ext._base import Operation
    from upbit_ext._flow import CallContext, request_flow, run_sync

    breaker, clock = make(threshold=1, timeout=30.0)
    ctx = CallContext(policy=RetryPolicy(max_retries=0), breaker=breaker)
    op = Operation(
        id="get_accounts", method="GET", path="/v1/accounts", rate_group="default",
        secured=True, deprecated=False, params={}, paging=None,
    )  # fmt: skip
    caplog.set_level("WARNING", logger="upbit_ext")
    assert run_sync(request_flow(op, ctx), lambda: "ok") == "ok"
    assert caplog.messages == []  # a success on a closed breaker changes nothing
    breaker.record_failure()
    clock.advance(30.0)
    assert run_sync(request_flow(op, ctx), lambda: "ok") == "ok"
    assert caplog.messages == ["circuit breaker for api.example: half_open -> closed"]


def test_trial_failure_reopens_for_another_timeout() -> None:
    breaker, clock = make(threshold=1, timeout=30.0)
    breaker.record_failure()
    clock.advance(31.0)
    breaker.before_request()
    breaker.record_failure()
    assert breaker.state == "open"
    clock.advance(29.0)
    with pytest.raises(CircuitOpenError) as info:
        breaker.before_request()
    assert info.value.retry_after == pytest.approx(1.0)
    clock.advance(1.0)
    breaker.before_request()
    assert breaker.state == "half_open"


def test_a_failed_trial_adds_to_the_consecutive_count() -> None:
    breaker, clock = make(threshold=2, timeout=30.0)
    breaker.record_failure()
    breaker.record_failure()
    clock.advance(30.0)
    breaker.before_request()
    breaker.record_failure()
    assert breaker.snapshot()["consecutive_failures"] == 3


def test_a_breaker_closed_by_a_trial_opens_again_like_a_new_one() -> None:
    breaker, clock = make(threshold=1, timeout=30.0)
    breaker.record_failure()
    clock.advance(30.0)
    breaker.before_request()
    breaker.record_success()
    breaker.record_failure()  # opens again at clock 30
    clock.advance(10.0)
    with pytest.raises(CircuitOpenError) as info:
        breaker.before_request()
    assert info.value.retry_after == pytest.approx(20.0)
    assert breaker.snapshot()["trial_in_flight"] is False


def test_reports_while_open_are_stale_and_ignored() -> None:
    breaker, clock = make(threshold=1, timeout=30.0)
    breaker.record_failure()
    clock.advance(10.0)
    breaker.record_success()
    assert breaker.state == "open"
    breaker.record_failure()
    clock.advance(20.0)
    assert breaker.state == "half_open"
    breaker.before_request()


def test_an_unreported_trial_is_given_up_after_the_timeout() -> None:
    breaker, clock = make(threshold=1, timeout=30.0)
    breaker.record_failure()
    clock.advance(30.0)
    breaker.before_request()
    clock.advance(29.0)
    with pytest.raises(CircuitOpenError):
        breaker.before_request()
    clock.advance(1.0)
    breaker.before_request()
    with pytest.raises(CircuitOpenError):
        breaker.before_request()


def test_snapshot_reports_what_health_needs() -> None:
    breaker, _ = make(threshold=2, timeout=30.0)
    assert breaker.snapshot() == {
        "host": "api.example",
        "state": "closed",
        "consecutive_failures": 0,
        "failure_threshold": 2,
        "reset_timeout": 30.0,
        "opened_at": None,
        "half_open_at": None,
        "trial_in_flight": False,
    }
    breaker.record_failure()
    breaker.record_failure()
    snap = breaker.snapshot()
    assert snap["state"] == "open"
    assert snap["consecutive_failures"] == 2
    assert snap["opened_at"] == 1000.0
    assert snap["half_open_at"] == 1030.0
    assert "open" in repr(breaker)


@pytest.mark.parametrize(
    ("kwargs", "exc", "field"),
    [
        ({"host": ""}, ValueError, "host"),
        ({"failure_threshold": 0}, ValueError, "failure_threshold"),
        ({"failure_threshold": 2.0}, TypeError, "failure_threshold"),
        ({"reset_timeout": 0}, ValueError, "reset_timeout"),
        ({"reset_timeout": -1.0}, ValueError, "reset_timeout"),
        ({"reset_timeout": math.inf}, ValueError, "reset_timeout"),
        ({"clock": 3.0}, TypeError, "clock"),
    ],
)
def test_breaker_validation_names_the_field(
    kwargs: dict[str, object], exc: type[Exception], field: str
) -> None:
    arguments: dict[str, object] = {"host": "api.example", **kwargs}
    with pytest.raises(exc, match=field):
        CircuitBreaker(**arguments)  # type: ignore[arg-type]


@pytest.mark.usefixtures("fast_switching")
def test_many_threads_recording_failures_lose_no_count() -> None:
    breaker = CircuitBreaker("api.example", failure_threshold=10**9, clock=YieldingClock())

    def hammer() -> None:
        for _ in range(500):
            breaker.record_failure()

    assert run_together(16, hammer) == [None] * 16
    assert breaker.snapshot()["consecutive_failures"] == 16 * 500
    assert breaker.state == "closed"


@pytest.mark.usefixtures("fast_switching")
def test_concurrent_callers_get_exactly_one_trial() -> None:
    for _ in range(20):
        clock = YieldingClock()
        breaker = CircuitBreaker("api.example", failure_threshold=1, clock=clock)
        breaker.record_failure()
        clock.advance(30.0)
        outcomes = run_together(16, breaker.before_request)
        assert outcomes.count(None) == 1
        assert sum(isinstance(o, CircuitOpenError) for o in outcomes) == 15


def test_usable_from_asyncio_tasks() -> None:
    breaker, clock = make(threshold=1)
    breaker.record_failure()
    clock.advance(30.0)

    async def attempt() -> bool:
        await asyncio.sleep(0)
        try:
            breaker.before_request()
        except CircuitOpenError:
            return False
        return True

    async def main() -> list[bool]:
        return await asyncio.gather(*(attempt() for _ in range(10)))

    assert sorted(asyncio.run(main())) == [False] * 9 + [True]


# --- registry ---------------------------------------------------------------------------------


def test_registry_shares_one_breaker_per_host() -> None:
    host = fresh_host()
    first = breaker_for(host)
    assert breaker_for(host) is first
    assert breaker_for(f"  {host.upper()} ") is first
    assert breaker_for(fresh_host()) is not first


def test_registry_shared_state_is_visible_to_every_client() -> None:
    host = fresh_host()
    clock = FakeClock()
    breaker_for(host, failure_threshold=1, clock=clock).record_failure()
    with pytest.raises(CircuitOpenError):
        breaker_for(host).before_request()


def test_registry_ports_are_separate_hosts() -> None:
    host = fresh_host()
    assert breaker_for(f"{host}:8080") is not breaker_for(f"{host}:8081")


def test_registry_applies_settings_on_creation() -> None:
    clock = FakeClock()
    breaker = breaker_for(fresh_host(), failure_threshold=7, reset_timeout=5.0, clock=clock)
    assert (breaker.failure_threshold, breaker.reset_timeout, breaker.clock) == (7, 5.0, clock)


def test_registry_refuses_conflicting_settings() -> None:
    host = fresh_host()
    breaker_for(host, failure_threshold=3)
    assert breaker_for(host, failure_threshold=3).failure_threshold == 3
    with pytest.raises(ValueError, match="failure_threshold"):
        breaker_for(host, failure_threshold=4)
    with pytest.raises(ValueError, match="reset_timeout"):
        breaker_for(host, reset_timeout=1.0)


def test_registry_refuses_a_different_clock_by_name() -> None:
    host = fresh_host()
    clock = FakeClock()
    assert breaker_for(host, clock=clock) is breaker_for(host, clock=clock)
    with pytest.raises(ValueError, match="clock: the shared breaker"):
        breaker_for(host, clock=FakeClock())


def test_registry_keys_and_names_a_host_in_lower_case() -> None:
    host = fresh_host()
    assert breaker_for(host.upper()).host == host.lower()
    assert breaker_for(host.upper()) is breaker_for(host.lower())


def test_type_and_value_errors_name_the_setting_and_the_type_given() -> None:
    with pytest.raises(TypeError, match="max_retries must be an int, got str"):
        RetryPolicy(max_retries="2")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="failure_threshold must be an int, got str"):
        CircuitBreaker("h", failure_threshold="5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reset_timeout must be finite and > 0"):
        CircuitBreaker("h", reset_timeout=0)
    with pytest.raises(TypeError, match="host must be a str, got int"):
        breaker_for(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="clock must be callable, got int"):
        CircuitBreaker("h", clock=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="base_delay must be a number of seconds, got str"):
        RetryPolicy(base_delay="1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="base_delay must be finite and >= 0 seconds"):
        RetryPolicy(base_delay=-1)


@pytest.mark.parametrize("host", ["", "  ", "https://api.upbit.com", "api.upbit.com/v1", "a b"])
def test_registry_wants_a_bare_host(host: str) -> None:
    with pytest.raises(ValueError, match="host"):
        breaker_for(host)


@pytest.mark.usefixtures("fast_switching")
def test_registry_is_thread_safe_on_first_use() -> None:
    for _ in range(30):
        host = fresh_host()
        seen = run_together(8, functools.partial(breaker_for, host))
        assert all(isinstance(b, CircuitBreaker) for b in seen)
        assert len({id(b) for b in seen}) == 1
