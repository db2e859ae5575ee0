"""The bugs users fear, against the loopback Upbit look-alike: each test fails if its bug returns.

A write sent twice (a withdrawal, a transfer), an order re-posted after a 400, a cancel whose
lost answer turns into "order not found", a Retry-After ignored, the wrong rate budget spent,
a traceback that starts deep inside httpx.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from _serve import serving
from fake_upbit import ACCESS_KEY, SECRET_KEY, FakeUpbit

import upbit_ext
from upbit_ext import (
    AsyncUpbit,
    BadRequest,
    CancelTooLate,
    IpBanned,
    OrderNotFound,
    OrderStateUnknown,
    ServerError,
    Upbit,
    UpbitConnectionError,
    UpbitError,
)
from upbit_ext._log import ErrorLog
from upbit_ext._operations import OPERATIONS
from upbit_ext._retry import CircuitBreaker, RetryPolicy

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")

PACKAGE = Path(upbit_ext.__file__).parent


@pytest.fixture
def seoul_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A non-UTC local zone, so a naive HTTP date read as local time shows up."""
    monkeypatch.setenv("TZ", "KST-9")
    time.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.fixture
def server() -> Iterator[FakeUpbit]:
    with serving(FakeUpbit()) as fake:
        yield fake


@pytest.fixture
def upbit(server: FakeUpbit) -> Iterator[Upbit]:
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, timeout=5.0) as client:
        client._core.ctx.policy = RetryPolicy(max_retries=2, base_delay=0.01, max_delay=0.02)
        yield client


def _order(client: Upbit, **extra: str) -> Any:
    return client.create_order(
        market="KRW-BTC", side="bid", ord_type="limit", price="10000000", volume="0.0005", **extra
    )


# --- 1. a write that is not an order is never sent twice ---------------------------------------

# Arguments that pass validation, for every write the spec has. An operation added to the spec
# without an entry here fails `test_every_write_is_classified`.
WRITE_ARGS: dict[str, dict[str, Any]] = {
    "withdraw_coin": {
        "currency": "BTC", "net_type": "BTC", "amount": "0.01",
        "address": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    },
    "withdraw_krw": {"amount": "10000", "two_factor_type": "kakao"},
    "deposit_krw": {"amount": "10000", "two_factor_type": "kakao"},
    "create_deposit_address": {"currency": "BTC", "net_type": "BTC"},
    "verify_travel_rule_by_uuid": {
        "deposit_uuid": "00000000-0000-4000-8000-000000000001",
        "vasp_uuid": "00000000-0000-4000-8000-000000000002",
    },
    "verify_travel_rule_by_txid": {
        "vasp_uuid": "00000000-0000-4000-8000-000000000002", "txid": "ab" * 32,
        "currency": "BTC", "net_type": "BTC",
    },
    "create_universal_transfer": {"to": "main", "currency": "KRW", "amount": "10000"},
    "create_pocket_transfer": {"to": "main", "currency": "KRW", "amount": "10000"},
    "cancel_open_orders": {},
}  # fmt: skip
# Writes settled by a look-up after an ambiguous failure (tested below), and the side-effect free
# test order, which is retried like a read.
LOOKED_UP = {
    "create_order", "cancel_and_new_order", "cancel_order", "cancel_orders_by_ids",
    "cancel_withdrawal",
}  # fmt: skip
REPEATABLE = {"test_order"}


def test_every_write_is_classified() -> None:
    writes = {op.id for op in OPERATIONS.values() if op.method != "GET"}
    assert writes == set(WRITE_ARGS) | LOOKED_UP | REPEATABLE


@pytest.mark.parametrize("fault", ["500", "drop"])
@pytest.mark.parametrize("op_id", sorted(WRITE_ARGS))
def test_a_write_that_may_have_arrived_is_never_sent_again(
    upbit: Upbit, server: FakeUpbit, op_id: str, fault: str
) -> None:
    op = OPERATIONS[op_id]
    server.inject(op.method, op.path, fault)
    with pytest.raises((ServerError, UpbitConnectionError)) as info:
        getattr(upbit, op_id)(**WRITE_ARGS[op_id])
    assert len(server.requests_to(op.method, op.path)) == 1
    (note,) = info.value.__notes__
    assert note.startswith(f"{op_id} was not sent again: Upbit may have carried it out.")
    assert note.endswith("Check its state (the matching list or get call) before calling it again.")


def test_a_write_refused_outright_carries_no_may_have_arrived_note(
    upbit: Upbit, server: FakeUpbit
) -> None:
    server.inject("POST", "/v1/withdraws/krw", "400")
    with pytest.raises(BadRequest) as info:
        upbit.withdraw_krw(amount="10000", two_factor_type="kakao")
    assert not getattr(info.value, "__notes__", [])


def test_a_read_is_tried_exactly_max_retries_plus_one_times(
    upbit: Upbit, server: FakeUpbit
) -> None:
    server.inject("GET", "/v1/accounts", "500", "500", "500")
    with pytest.raises(ServerError):
        upbit.get_accounts()
    assert len(server.requests_to("GET", "/v1/accounts")) == 3


@pytest.mark.parametrize("op_id", sorted(WRITE_ARGS))
def test_a_write_that_never_left_is_sent_again(upbit: Upbit, server: FakeUpbit, op_id: str) -> None:
    # A 429 means Upbit counted the request without acting on it: safe to send again.
    op = OPERATIONS[op_id]
    server.inject(op.method, op.path, "429")
    getattr(upbit, op_id)(**WRITE_ARGS[op_id])
    first, second = (r.status for r in server.requests_to(op.method, op.path))
    assert (first, second // 100) == (429, 2)


def test_the_side_effect_free_test_order_is_retried_like_a_read(
    upbit: Upbit, server: FakeUpbit
) -> None:
    server.inject("POST", "/v1/orders/test", "500")
    upbit.test_order(market="KRW-BTC", side="bid", ord_type="limit", price="10000", volume="1")
    first, second = (r.status for r in server.requests_to("POST", "/v1/orders/test"))
    assert (first, second // 100) == (500, 2)


# --- 2. a look-up that lags behind the order ---------------------------------------------------


def test_lagging_lookup_then_duplicate_ends_in_the_order(upbit: Upbit, server: FakeUpbit) -> None:
    server.inject("POST", "/v1/orders", "drop_after_commit")
    server.inject("GET", "/v1/order", "lag")  # the first look-up misses the committed order
    order = _order(upbit, identifier="lagged-1")
    assert order.identifier == "lagged-1"
    assert len(server.state.orders) == 1
    posts = server.requests_to("POST", "/v1/orders")
    assert [p.status for p in posts] == [-1, 400]  # the re-post met duplicated_identifier
    assert [g.status for g in server.requests_to("GET", "/v1/order")] == [404, 200]


def test_after_a_duplicate_the_order_is_only_looked_up_never_reposted(
    upbit: Upbit, server: FakeUpbit
) -> None:
    server.inject("POST", "/v1/orders", "drop_after_commit")
    server.inject("GET", "/v1/order", "lag", "lag", "lag")
    with pytest.raises(OrderStateUnknown) as info:  # not DuplicatedIdentifier: no new order
        _order(upbit, identifier="lagged-2")
    assert info.value.identifier == "lagged-2"
    assert "none was placed" not in "".join(getattr(info.value, "__notes__", []))
    assert len(server.requests_to("POST", "/v1/orders")) == 2
    assert len(server.requests_to("GET", "/v1/order")) == 3
    assert len(server.state.orders) == 1


# --- 3. Retry-After on 503; no order re-sent after 400 or 418 ----------------------------------


def _retry_waits(server: FakeUpbit, header: str) -> tuple[list[str], UpbitError | None]:
    log = io.StringIO()
    server.inject("GET", "/v1/accounts", f"status 503 Retry-After: {header}")
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, error_log=log) as client:
        # No backoff of its own: the wait logged is the server's Retry-After alone.
        client._core.ctx.policy = RetryPolicy(max_retries=1, base_delay=0.0, max_delay=0.0)
        failure = None
        try:
            client.get_accounts()
        except UpbitError as error:
            failure = error
    return [json.loads(line)["next_action"] for line in log.getvalue().splitlines()], failure


def test_retry_after_on_503_sets_the_wait(server: FakeUpbit) -> None:
    actions, failure = _retry_waits(server, "1")
    assert failure is None
    assert actions == ["retry in 1.000s"]
    assert [r.status for r in server.requests_to("GET", "/v1/accounts")] == [503, 200]


@pytest.mark.parametrize(
    ("header", "wait"),
    [("0", "retry in 0.000s"), ("-3", "retry in 0.000s"), ("soon", "retry in 0.000s")],
)
def test_retry_after_edge_values_through_the_retry_path(
    server: FakeUpbit, header: str, wait: str
) -> None:
    actions, failure = _retry_waits(server, header)
    assert failure is None
    assert actions == [wait]


@pytest.mark.usefixtures("seoul_local_time")
def test_retry_after_date_without_zone_is_gmt_through_the_retry_path(server: FakeUpbit) -> None:
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)
    actions, failure = _retry_waits(server, when.strftime("%a, %d %b %Y %H:%M:%S"))  # no zone
    assert failure is None
    (action,) = actions
    assert 1.0 < float(action.removeprefix("retry in ").removesuffix("s")) <= 3.0


def test_retry_after_beyond_the_limit_gives_up_instead_of_hanging(server: FakeUpbit) -> None:
    actions, failure = _retry_waits(server, "600")
    assert isinstance(failure, ServerError)
    assert failure.retry_after == 600.0
    assert actions == ["raise"]
    assert len(server.requests_to("GET", "/v1/accounts")) == 1


@pytest.mark.parametrize(("fault", "error"), [("400", BadRequest), ("418", IpBanned)])
def test_an_order_is_never_resent_after_a_400_or_418(
    upbit: Upbit, server: FakeUpbit, fault: str, error: type[UpbitError]
) -> None:
    server.inject("POST", "/v1/orders", fault)
    log = io.StringIO()
    upbit._core.ctx.log = ErrorLog(log)
    with pytest.raises(error):
        _order(upbit)
    assert len(server.requests_to("POST", "/v1/orders")) == 1
    # The flow itself gives up (after a 418 the limiter would also refuse to send).
    assert [json.loads(line)["next_action"] for line in log.getvalue().splitlines()] == ["raise"]
    assert not server.requests_to("GET", "/v1/order")  # nothing ambiguous to look up either


# --- 4. signed calls spend the pocket's budget, quotation the IP's -----------------------------


def test_signed_calls_spend_the_pocket_budget_and_quotation_the_ip_budget(
    server: FakeUpbit,
) -> None:
    long_windows = {"default": (30, 60.0), "ticker": (10, 60.0)}
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, rate_limits=long_windows) as client:
        client.get_accounts()
        client.list_tickers(markets="KRW-BTC")
        limits = client.health()["limits"]
    assert limits["pocket"]["default"]["used"] == 1
    assert limits["ip"]["default"]["used"] == 0
    assert limits["ip"]["ticker"]["used"] == 1
    assert limits["pocket"]["ticker"]["used"] == 0


# --- 6. a cancel whose answer is lost after Upbit committed it ---------------------------------


@pytest.mark.parametrize("fault", ["drop_after_commit", "500_after_commit"])
def test_ambiguous_cancel_returns_the_cancelled_order(
    upbit: Upbit, server: FakeUpbit, fault: str
) -> None:
    placed = server.add_order(identifier="to-cancel-1")
    server.inject("DELETE", "/v1/order", fault)
    cancelled = upbit.cancel_order(uuid=placed["uuid"])
    assert (cancelled.uuid, cancelled.state) == (placed["uuid"], "cancel")
    assert len(server.requests_to("DELETE", "/v1/order")) == 1
    assert [r.query for r in server.requests_to("GET", "/v1/order")] == [f"uuid={placed['uuid']}"]


def test_ambiguous_cancel_of_an_order_that_filled_first_says_so(
    upbit: Upbit, server: FakeUpbit
) -> None:
    placed = server.add_order()
    server.inject("DELETE", "/v1/order", "fill_and_drop")
    with pytest.raises(CancelTooLate) as info:
        upbit.cancel_order(uuid=placed["uuid"])
    assert (info.value.uuid, info.value.state) == (placed["uuid"], "done")
    assert "filled" in str(info.value)
    assert len(server.requests_to("DELETE", "/v1/order")) == 1


def test_cancel_lost_before_upbit_acted_is_sent_again(upbit: Upbit, server: FakeUpbit) -> None:
    placed = server.add_order(identifier="to-cancel-2")
    server.inject("DELETE", "/v1/order", "drop")  # dropped before the cancel was committed
    cancelled = upbit.cancel_order(identifier="to-cancel-2")
    assert cancelled.uuid == placed["uuid"]
    assert server.state.orders[placed["uuid"]]["state"] == "cancel"
    assert [r.status for r in server.requests_to("DELETE", "/v1/order")] == [-1, 200]


def test_a_plain_cancel_of_a_closed_order_is_still_order_not_found(
    upbit: Upbit, server: FakeUpbit
) -> None:
    placed = server.add_order(state="cancel")
    with pytest.raises(OrderNotFound):
        upbit.cancel_order(uuid=placed["uuid"])
    assert not server.requests_to("GET", "/v1/order")  # nothing was ambiguous


def test_async_ambiguous_cancel_returns_the_cancelled_order(server: FakeUpbit) -> None:
    placed = server.add_order()
    server.inject("DELETE", "/v1/order", "drop_after_commit")

    async def cancel() -> Any:
        async with AsyncUpbit(ACCESS_KEY, SECRET_KEY, base_url=server.url) as client:
            return await client.cancel_order(uuid=placed["uuid"])

    cancelled = asyncio.run(cancel())
    assert cancelled.state == "cancel"
    assert len(server.requests_to("DELETE", "/v1/order")) == 1


@pytest.mark.parametrize("fault", ["drop_after_commit", "500_after_commit"])
def test_ambiguous_batch_cancel_reports_what_upbit_cancelled(
    upbit: Upbit, server: FakeUpbit, fault: str
) -> None:
    open_orders = [server.add_order() for _ in range(2)]
    filled = server.add_order(state="done")
    asked = [o["uuid"] for o in [*open_orders, filled]] + ["00000000-0000-4000-8000-00000000dead"]
    server.inject("DELETE", "/v1/orders/uuids", fault)
    result = upbit.cancel_orders_by_ids(uuids=asked)
    assert {o.uuid for o in result.success.orders} == {o["uuid"] for o in open_orders}
    assert {o.uuid for o in result.failed.orders} == {filled["uuid"], asked[-1]}
    assert (result.success.count, result.failed.count) == (2, 2)
    assert len(server.requests_to("DELETE", "/v1/orders/uuids")) == 1


def test_batch_cancel_lost_before_upbit_acted_cancels_the_rest(
    upbit: Upbit, server: FakeUpbit
) -> None:
    open_orders = [server.add_order() for _ in range(3)]
    server.inject("DELETE", "/v1/orders/uuids", "drop")
    result = upbit.cancel_orders_by_ids(uuids=[o["uuid"] for o in open_orders])
    assert {o.uuid for o in result.success.orders} == {o["uuid"] for o in open_orders}
    assert result.failed.count == 0
    assert {o["state"] for o in server.state.orders.values()} == {"cancel"}


@pytest.mark.parametrize("fault", ["drop_after_commit", "500_after_commit"])
def test_ambiguous_withdrawal_cancel_returns_the_cancelled_withdrawal(
    upbit: Upbit, server: FakeUpbit, fault: str
) -> None:
    withdrawal = server.add_withdrawal()
    server.inject("DELETE", "/v1/withdraws/coin", fault)
    cancelled = upbit.cancel_withdrawal(uuid=withdrawal["uuid"])
    assert (cancelled.uuid, cancelled.state) == (withdrawal["uuid"], "CANCELLED")
    assert len(server.requests_to("DELETE", "/v1/withdraws/coin")) == 1


def test_ambiguous_withdrawal_cancel_after_it_left_says_so(upbit: Upbit, server: FakeUpbit) -> None:
    withdrawal = server.add_withdrawal()
    server.inject("DELETE", "/v1/withdraws/coin", "process_and_drop")
    with pytest.raises(CancelTooLate) as info:
        upbit.cancel_withdrawal(uuid=withdrawal["uuid"])
    assert info.value.state == "PROCESSING"
    assert len(server.requests_to("DELETE", "/v1/withdraws/coin")) == 1


def test_cancel_whose_state_cannot_be_read_is_unknown_not_resent(
    upbit: Upbit, server: FakeUpbit
) -> None:
    placed = server.add_order()
    server.inject("DELETE", "/v1/order", "drop_after_commit")
    server.inject("GET", "/v1/order", "drop", "drop", "drop")
    with pytest.raises(OrderStateUnknown) as info:
        upbit.cancel_order(uuid=placed["uuid"])
    assert f"get_order(uuid='{placed['uuid']}')" in str(info.value)
    assert "cancelled" in str(info.value)
    assert len(server.requests_to("DELETE", "/v1/order")) == 1


# --- 8. short tracebacks -----------------------------------------------------------------------


def _frames(error: BaseException) -> list[traceback.FrameSummary]:
    # Frames of mutmut's trampolines (`make mutate`) are not the client's.
    frames = traceback.extract_tb(error.__traceback__)
    return [f for f in frames if f"{os.sep}mutmut{os.sep}" not in f.filename]


def _assert_short(error: BaseException, test: Callable[..., Any]) -> None:
    frames = _frames(error)
    files = [Path(f.filename) for f in frames]
    assert frames[0].name == test.__name__
    assert all(PACKAGE in f.parents for f in files[1:]), files  # nothing from httpx or upbit_client
    assert len(frames) <= 4, [f"{f.filename}:{f.name}" for f in frames]


def test_an_api_error_is_raised_from_the_facade_call(upbit: Upbit) -> None:
    with pytest.raises(OrderNotFound) as info:
        upbit.get_order(uuid="no-such-order")
    _assert_short(info.value, test_an_api_error_is_raised_from_the_facade_call)
    assert _frames(info.value)[1].name == "get_order"


def test_a_transport_error_is_short_and_keeps_its_cause(server: FakeUpbit) -> None:
    server.inject("POST", "/v1/withdraws/krw", "drop")
    with (
        Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url) as client,
        pytest.raises(UpbitConnectionError) as info,
    ):
        client.withdraw_krw(amount="10000", two_factor_type="kakao")
    _assert_short(info.value, test_a_transport_error_is_short_and_keeps_its_cause)
    assert isinstance(info.value.__cause__, httpx.TransportError)


def test_an_unknown_order_state_is_short_and_chains_the_failure(
    upbit: Upbit, server: FakeUpbit
) -> None:
    server.inject("POST", "/v1/orders", "500_after_commit")
    server.inject("GET", "/v1/order", "drop", "drop", "drop")
    with pytest.raises(OrderStateUnknown) as info:
        upbit.create_order(market="KRW-BTC", side="ask", ord_type="market", volume="0.001")
    _assert_short(info.value, test_an_unknown_order_state_is_short_and_chains_the_failure)
    cause = info.value.__cause__
    assert isinstance(cause, ServerError)
    assert all(PACKAGE in Path(f.filename).parents for f in _frames(cause))


def test_async_api_error_is_raised_from_the_facade_call(server: FakeUpbit) -> None:
    async def call() -> None:
        async with AsyncUpbit(ACCESS_KEY, SECRET_KEY, base_url=server.url) as client:
            await client.get_order(uuid="no-such-order")

    with pytest.raises(OrderNotFound) as info:
        asyncio.run(call())
    names = [f.name for f in _frames(info.value)]
    assert "get_order" in names
    internal = [
        f for f in _frames(info.value) if "httpx" in f.filename or "upbit_client" in f.filename
    ]
    assert not internal


# --- mutation-found gaps (mutation/REPORT.md) --------------------------------------------------


def test_a_rate_limited_order_waits_for_retry_after_and_is_counted(
    upbit: Upbit, server: FakeUpbit
) -> None:
    log = io.StringIO()
    upbit._core.ctx.log = ErrorLog(log)
    upbit._core.ctx.policy = RetryPolicy(max_retries=1, base_delay=0.0, max_delay=0.0)
    server.inject("POST", "/v1/orders", "status 429 Retry-After: 1")
    _order(upbit)
    assert [json.loads(line)["next_action"] for line in log.getvalue().splitlines()] == [
        "retry in 1.000s"
    ]
    assert upbit.health()["errors"] == {"RateLimited": 1}
    assert [p.status for p in server.requests_to("POST", "/v1/orders")] == [429, 201]


def test_async_reads_are_retried_after_a_wait(server: FakeUpbit) -> None:
    server.inject("GET", "/v1/accounts", "status 503 Retry-After: 1")
    log = io.StringIO()

    async def call() -> Any:
        async with AsyncUpbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, error_log=log) as c:
            c._core.ctx.policy = RetryPolicy(max_retries=1, base_delay=0.0, max_delay=0.0)
            started = time.monotonic()
            accounts = await c.get_accounts()
            return accounts, time.monotonic() - started

    accounts, elapsed = asyncio.run(call())
    assert accounts[0].currency == "KRW"
    assert elapsed >= 1.0  # the wait really happened, on the event loop
    assert [json.loads(line)["next_action"] for line in log.getvalue().splitlines()] == [
        "retry in 1.000s"
    ]


def test_an_order_refused_with_429_is_retried_exactly_max_retries_times(
    upbit: Upbit, server: FakeUpbit
) -> None:
    server.inject("POST", "/v1/orders", "429", "429", "429")
    with pytest.raises(upbit_ext.RateLimited):
        _order(upbit)  # max_retries=2: three attempts, then the 429 itself
    assert [p.status for p in server.requests_to("POST", "/v1/orders")] == [429, 429, 429]
    assert not server.state.orders


def test_an_ambiguous_order_failure_is_logged_as_a_look_up(upbit: Upbit, server: FakeUpbit) -> None:
    log = io.StringIO()
    upbit._core.ctx.log = ErrorLog(log)
    server.inject("POST", "/v1/orders", "500_after_commit")
    _order(upbit)
    (event,) = [json.loads(line) for line in log.getvalue().splitlines()]
    fields = ("operation", "status", "name", "error", "attempt", "next_action")
    assert {k: event[k] for k in fields} == {
        "operation": "create_order", "status": 500, "name": "server_error",
        "error": "ServerError", "attempt": 1, "next_action": "look up",
    }  # fmt: skip
    assert 0 <= event["elapsed"] < 5


def test_an_order_that_never_arrived_is_reposted_after_retry_after(
    upbit: Upbit, server: FakeUpbit
) -> None:
    upbit._core.ctx.policy = RetryPolicy(max_retries=1, base_delay=0.0, max_delay=0.0)
    server.inject("POST", "/v1/orders", "status 503 Retry-After: 1")  # refused before commit
    started = time.monotonic()
    _order(upbit, identifier="late-1")
    assert time.monotonic() - started >= 1.0  # looked up, then waited as asked, then re-posted
    assert [p.status for p in server.requests_to("POST", "/v1/orders")] == [503, 201]
    assert len(server.requests_to("GET", "/v1/order")) == 1


def test_a_read_banned_with_418_is_not_retried(upbit: Upbit, server: FakeUpbit) -> None:
    log = io.StringIO()
    upbit._core.ctx.log = ErrorLog(log)
    server.inject("GET", "/v1/accounts", "418")
    with pytest.raises(IpBanned):
        upbit.get_accounts()
    assert [json.loads(line)["next_action"] for line in log.getvalue().splitlines()] == ["raise"]
    assert len(server.requests_to("GET", "/v1/accounts")) == 1


def test_a_transport_failure_is_logged_without_status_or_name(
    upbit: Upbit, server: FakeUpbit
) -> None:
    log = io.StringIO()
    upbit._core.ctx.log = ErrorLog(log)
    server.inject("GET", "/v1/accounts", "drop")
    upbit.get_accounts()
    (event,) = [json.loads(line) for line in log.getvalue().splitlines()]
    assert (event["status"], event["name"], event["error"]) == (None, None, "UpbitConnectionError")
    assert event["attempt"] == 1
    assert isinstance(event["elapsed"], float)
    assert event["elapsed"] == round(event["elapsed"], 4)
    assert event["next_action"].startswith("retry in ")


def test_each_failed_attempt_is_logged_in_one_line(
    upbit: Upbit, server: FakeUpbit, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="upbit_ext")
    upbit._core.ctx.policy = RetryPolicy(max_retries=1, base_delay=0.0, max_delay=0.0)
    server.inject("GET", "/v1/accounts", "500", "drop")
    with pytest.raises(upbit_ext.UpbitConnectionError):
        upbit.get_accounts()
    lines = [
        (r.levelno, r.getMessage())
        for r in caplog.records
        if r.name == "upbit_ext" and ("failed" in r.getMessage() or "circuit" in r.getMessage())
    ]
    assert lines == [
        (
            logging.INFO,
            "get_accounts attempt 1 failed: ServerError 500 server_error; retry in 0.000s",
        ),
        (logging.DEBUG, "get_accounts attempt 2 failed: UpbitConnectionError; raise"),
    ]  # no breaker line: two failures leave it closed


def test_breaker_changes_are_logged_as_warnings_naming_the_host(
    upbit: Upbit, server: FakeUpbit, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="upbit_ext")
    now = [0.0]
    upbit._core.ctx.breaker = CircuitBreaker(
        "api.test", failure_threshold=1, reset_timeout=5.0, clock=lambda: now[0]
    )
    upbit._core.ctx.policy = RetryPolicy(max_retries=0)
    server.inject("GET", "/v1/accounts", "500")
    with pytest.raises(upbit_ext.ServerError):
        upbit.get_accounts()
    now[0] = 6.0  # past the cool-down: the next call is the half-open trial
    upbit.get_accounts()
    assert [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "upbit_ext"] == [
        (logging.WARNING, "circuit breaker for api.test: closed -> open"),
        (logging.WARNING, "circuit breaker for api.test: half_open -> closed"),
    ]


def test_an_order_that_succeeds_as_the_half_open_trial_closes_the_breaker(
    upbit: Upbit, server: FakeUpbit, caplog: pytest.LogCaptureFixture
) -> None:
    """Writes go through `lookup_flow`, which must report its successes to the breaker too."""
    caplog.set_level(logging.WARNING, logger="upbit_ext")
    now = [0.0]
    breaker = CircuitBreaker(
        "api.test", failure_threshold=1, reset_timeout=5.0, clock=lambda: now[0]
    )
    upbit._core.ctx.breaker = breaker
    upbit._core.ctx.policy = RetryPolicy(max_retries=0)
    server.inject("GET", "/v1/accounts", "500")
    with pytest.raises(upbit_ext.ServerError):
        upbit.get_accounts()
    now[0] = 6.0  # past the cool-down: the order is the half-open trial
    _order(upbit, identifier="trial-1")
    assert breaker.state == "closed"
    assert [r.getMessage() for r in caplog.records if r.name == "upbit_ext"][-1] == (
        "circuit breaker for api.test: half_open -> closed"
    )
    upbit.get_accounts()  # and further calls are let through, not refused as a second trial
