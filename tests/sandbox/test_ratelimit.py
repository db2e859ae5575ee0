"""Server-side rate limits: windows, Remaining-Req values, 429, and the 418 block."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from upbit_ext._limits import normalize_group, parse_remaining_req
from upbit_ext.sandbox._ratelimit import (
    GROUP_LIMITS,
    ServerLimiter,
    Verdict,
)

T0 = 1_767_225_600.0  # a whole second (and minute) on the wall clock
IP = "127.0.0.1"


def burst(limiter: ServerLimiter, group: str, unit: str, count: int, start: float) -> list[Verdict]:
    return [limiter.hit(group, unit, start + 0.01 * index) for index in range(count)]


def test_fifteen_requests_in_one_second_give_ten_successes_then_429() -> None:
    limiter = ServerLimiter()
    verdicts = burst(limiter, "candle", IP, 15, T0 + 0.2)

    assert [v.status for v in verdicts] == [200] * 10 + [429] * 5
    assert [v.allowed for v in verdicts] == [True] * 10 + [False] * 5
    assert [v.remaining_sec for v in verdicts] == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0] + [0] * 5
    assert [v.header for v in verdicts[:3]] == [
        "group=candles; min=600; sec=9",
        "group=candles; min=600; sec=8",
        "group=candles; min=600; sec=7",
    ]
    assert verdicts[9].header == "group=candles; min=600; sec=0"
    assert {v.header for v in verdicts[10:]} == {"group=candles; min=600; sec=0"}
    assert all(v.retry_after is None for v in verdicts)

    next_second = limiter.hit("candle", IP, T0 + 1.0)
    assert (next_second.status, next_second.header) == (200, "group=candles; min=600; sec=9")


def test_windows_are_aligned_to_the_wall_second() -> None:
    limiter = ServerLimiter()
    assert all(v.allowed for v in burst(limiter, "ticker", IP, 10, T0 + 0.9))
    assert limiter.hit("ticker", IP, T0 + 0.999).status == 429
    assert limiter.hit("ticker", IP, T0 + 1.0).remaining_sec == 9


def test_min_stays_fixed_as_live_and_never_limits() -> None:
    """Live: `group=default; min=1800; sec=29` on every answer; `min` never counts down."""
    limiter = ServerLimiter()
    for second in range(70):
        verdicts = burst(limiter, "orderbook", IP, 10, T0 + second)
        assert all(v.allowed for v in verdicts)
        assert {v.remaining_min for v in verdicts} == {600}
    assert limiter.hit("default", "pocket", T0).header == "group=default; min=1800; sec=29"


@pytest.mark.parametrize(
    ("group", "first_header"),
    [
        ("market", "group=market; min=600; sec=9"),
        ("trade", "group=crix-trades; min=600; sec=9"),
        ("ticker", "group=ticker; min=600; sec=9"),
        ("orderbook", "group=orderbook; min=600; sec=9"),
        ("default", "group=default; min=1800; sec=29"),
        ("order", "group=order; min=480; sec=11"),
        ("order-test", "group=order-test; min=480; sec=7"),
        ("order-cancel-all", "group=order-cancel-all; min=30; sec=0"),
    ],
)
def test_each_group_reports_its_wire_name_and_budget(group: str, first_header: str) -> None:
    limiter = ServerLimiter()
    assert limiter.hit(group, "pocket-main", T0).header == first_header
    limit, _ = GROUP_LIMITS[group]
    later = [limiter.hit(group, "pocket-main", T0 + 0.5) for _ in range(limit)]
    assert later[-1].status == 429


def test_headers_parse_with_the_clients_parser() -> None:
    verdict = ServerLimiter().hit("trade", IP, T0)
    parsed = parse_remaining_req(verdict.header)
    assert parsed is not None
    assert (normalize_group(parsed.group), parsed.sec, parsed.min) == ("trade", 9, 600)


def test_order_cancel_all_allows_one_per_two_seconds() -> None:
    limiter = ServerLimiter()
    assert limiter.hit("order-cancel-all", "main", T0).allowed
    assert limiter.hit("order-cancel-all", "main", T0 + 1.0).status == 429
    assert limiter.hit("order-cancel-all", "main", T0 + 1.99).status == 429
    assert limiter.hit("order-cancel-all", "main", T0 + 2.0).allowed
    assert limiter.hit("order-cancel-all", "main", T0 + 3.5).status == 429


def test_groups_and_units_are_independent() -> None:
    limiter = ServerLimiter()
    assert all(v.allowed for v in burst(limiter, "candle", IP, 10, T0))
    assert limiter.hit("candle", IP, T0 + 0.5).status == 429
    assert limiter.hit("ticker", IP, T0 + 0.5).header == "group=ticker; min=600; sec=9"
    assert limiter.hit("candle", "10.0.0.2", T0 + 0.5).header == "group=candles; min=600; sec=9"


def test_continued_abuse_is_blocked_with_418_for_the_whole_unit_until_it_expires() -> None:
    limiter = ServerLimiter(ban_after=10, ban_seconds=30.0)
    verdicts = burst(limiter, "candle", IP, 21, T0)
    assert [v.status for v in verdicts] == [200] * 10 + [429] * 10 + [418]
    banned_at = T0 + 0.2
    assert verdicts[-1].retry_after == 30

    during = limiter.hit("ticker", IP, T0 + 5.0)
    assert (during.status, during.allowed, during.retry_after) == (418, False, 26)
    assert during.header == "group=ticker; min=600; sec=0"
    assert limiter.hit("candle", IP, banned_at + 29.999).retry_after == 1
    assert limiter.hit("candle", "10.0.0.2", T0 + 5.0).allowed

    after = limiter.hit("candle", IP, banned_at + 30.0)
    assert (after.status, after.retry_after) == (200, None)


def test_repeated_blocks_grow_and_are_forgiven_after_a_quiet_spell() -> None:
    limiter = ServerLimiter(ban_after=2, ban_seconds=30.0, ban_growth=2.0, forgive_after=600.0)

    def abuse(start: float) -> Verdict:
        verdicts = burst(limiter, "default", "main", 33, start)
        assert [v.status for v in verdicts] == [200] * 30 + [429, 429, 418]
        return verdicts[-1]

    assert abuse(T0).retry_after == 30
    assert abuse(T0 + 40).retry_after == 60
    assert abuse(T0 + 110).retry_after == 120
    assert limiter.hit("default", "main", T0 + 231).allowed
    assert abuse(T0 + 231 + 600).retry_after == 30


def test_a_short_block_starts_the_unit_over_with_a_clean_record() -> None:
    limiter = ServerLimiter(ban_after=2, ban_seconds=2.0, abuse_window=10.0)
    assert burst(limiter, "ticker", IP, 13, T0)[-1].status == 418
    after = burst(limiter, "ticker", IP, 12, T0 + 3.0)
    assert [v.status for v in after] == [200] * 10 + [429, 429]


def test_block_length_is_capped() -> None:
    limiter = ServerLimiter(ban_after=1, ban_seconds=30.0, ban_growth=10.0, max_ban_seconds=100.0)
    start = T0
    expected = [30, 100, 100]
    for seconds in expected:
        verdicts = burst(limiter, "order", "main", 14, start)
        assert verdicts[-1].retry_after == seconds
        start += seconds + 1


def test_429s_spread_beyond_the_abuse_window_never_block() -> None:
    limiter = ServerLimiter(ban_after=3, abuse_window=10.0)
    for second in range(0, 100, 4):
        verdicts = burst(limiter, "ticker", IP, 11, T0 + second)
        assert verdicts[-1].status == 429


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda limiter: limiter.hit("candles", IP, T0), "group must be one of"),
        (lambda limiter: limiter.hit("candle", "", T0), "unit must be"),
        (lambda limiter: limiter.hit("candle", IP, float("nan")), "now must be"),
    ],
)
def test_bad_arguments_are_refused(call: Callable[[ServerLimiter], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(ServerLimiter())


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="limits"):
        ServerLimiter({"x": (0, 1.0)})
    with pytest.raises(ValueError, match="ban_growth"):
        ServerLimiter(ban_growth=0.5)


def test_custom_groups_derive_a_minute_budget() -> None:
    limiter = ServerLimiter({"custom": (5, 1.0)})
    assert limiter.hit("custom", IP, T0).header == "group=custom; min=300; sec=4"
