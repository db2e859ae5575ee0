"""The facades against a loopback Upbit look-alike: retries, order safety, errors, secrets."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from decimal import Decimal

import pytest
from _serve import serving
from fake_upbit import ACCESS_KEY, SECRET_KEY, FakeUpbit

import upbit_ext
from upbit_ext import (
    AsyncUpbit,
    CircuitOpenError,
    IpBanned,
    OrderNotFound,
    RateLimited,
    ResponseTooLarge,
    ServerError,
    Upbit,
    UpbitError,
)

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")


@pytest.fixture
def server() -> Iterator[FakeUpbit]:
    with serving(FakeUpbit()) as fake:
        yield fake


@pytest.fixture
def upbit(server: FakeUpbit) -> Iterator[Upbit]:
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, timeout=5.0) as client:
        yield client


def _order(client: Upbit, **extra: str) -> object:
    return client.create_order(
        market="KRW-BTC", side="bid", ord_type="limit", price="10000000", volume="0.0005", **extra
    )


# --- never send an order twice ----------------------------------------------------------


@pytest.mark.parametrize("fault", ["drop_after_commit", "500_after_commit"])
def test_ambiguous_failure_returns_the_committed_order_once(
    upbit: Upbit, server: FakeUpbit, fault: str
) -> None:
    server.inject("POST", "/v1/orders", fault)
    order = _order(upbit)
    assert len(server.state.orders) == 1  # exactly one order on the exchange
    (stored,) = server.state.orders.values()
    assert order.uuid == stored["uuid"]  # type: ignore[attr-defined]
    assert order.identifier == stored["identifier"]  # type: ignore[attr-defined]
    assert len(server.requests_to("POST", "/v1/orders")) == 1  # looked up, not re-posted
    lookups = server.requests_to("GET", "/v1/order")
    assert [r.query for r in lookups] == [f"identifier={stored['identifier']}"]


def test_order_is_reposted_only_when_upbit_has_none(upbit: Upbit, server: FakeUpbit) -> None:
    server.inject("POST", "/v1/orders", "500")  # failed before committing anything
    order = _order(upbit, identifier="my-order-1")
    posts = server.requests_to("POST", "/v1/orders")
    assert len(posts) == 2
    assert len(server.state.orders) == 1
    assert order.identifier == "my-order-1"  # type: ignore[attr-defined]
    assert posts[0].body == posts[1].body  # same identifier both times
    assert posts[0].nonce != posts[1].nonce  # re-signed


def test_rate_limited_order_is_retried_with_a_new_nonce(upbit: Upbit, server: FakeUpbit) -> None:
    server.inject("POST", "/v1/orders", "429")
    _order(upbit)
    posts = server.requests_to("POST", "/v1/orders")
    assert [p.status for p in posts] == [429, 201]
    assert None not in (posts[0].nonce, posts[1].nonce)
    assert posts[0].nonce != posts[1].nonce
    assert not server.requests_to("GET", "/v1/order")  # a 429 is never ambiguous


def test_identifier_is_attached_when_the_caller_gave_none(upbit: Upbit, server: FakeUpbit) -> None:
    order = _order(upbit)
    body = json.loads(server.requests_to("POST", "/v1/orders")[0].body)
    assert body["identifier"].startswith("upbit-py-")
    assert order.identifier == body["identifier"]  # type: ignore[attr-defined]


def test_order_that_never_arrived_raises_the_last_error(server: FakeUpbit) -> None:
    # Every attempt fails before commit and retries run out: the last error, saying so.
    server.inject("POST", "/v1/orders", "500", "500", "500")
    client = Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, max_retries=2)
    with client, pytest.raises(ServerError) as info:
        _order(client, identifier="lost-1")
    assert "none was placed" in "".join(info.value.__notes__)
    assert not server.state.orders
    assert len(server.requests_to("POST", "/v1/orders")) == 3


def test_failed_lookup_reports_an_unknown_order_state(server: FakeUpbit) -> None:
    server.inject("POST", "/v1/orders", "drop_after_commit")
    server.inject("GET", "/v1/order", "drop", "drop", "drop")
    client = Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, max_retries=2)
    with client, pytest.raises(upbit_ext.OrderStateUnknown) as info:
        _order(client, identifier="unsure-1")
    assert info.value.identifier == "unsure-1"
    assert "get_order(identifier='unsure-1')" in str(info.value)
    assert len(server.state.orders) == 1  # it did arrive; the client did not send it again
    assert len(server.requests_to("POST", "/v1/orders")) == 1


def test_async_ambiguous_order_is_found_not_resent(server: FakeUpbit) -> None:
    server.inject("POST", "/v1/orders", "drop_after_commit")

    async def place() -> object:
        async with AsyncUpbit(ACCESS_KEY, SECRET_KEY, base_url=server.url) as client:
            return await client.create_order(
                market="KRW-BTC", side="ask", ord_type="market", volume=Decimal("0.00009713")
            )

    order = asyncio.run(place())
    assert len(server.state.orders) == 1
    assert order.volume == "0.00009713"  # type: ignore[attr-defined]


# --- retries and errors for reads -------------------------------------------------------


def test_get_is_retried_on_5xx_with_a_fresh_signature(upbit: Upbit, server: FakeUpbit) -> None:
    server.inject("GET", "/v1/accounts", "502_html")
    accounts = upbit.get_accounts()
    assert accounts[0].currency == "KRW"
    attempts = server.requests_to("GET", "/v1/accounts")
    assert [a.status for a in attempts] == [502, 200]
    assert attempts[0].nonce != attempts[1].nonce


def test_errors_are_typed_before_parsing(server: FakeUpbit) -> None:
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, max_retries=0) as client:
        server.inject("GET", "/v1/accounts", "429")
        with pytest.raises(RateLimited) as limited:
            client.get_accounts()
        assert limited.value.message == "Too many API requests."
        server.inject("GET", "/v1/accounts", "502_html")
        with pytest.raises(ServerError) as html:
            client.get_accounts()
        assert html.value.status == 502
        with pytest.raises(OrderNotFound) as missing:
            client.get_order(uuid="no-such-order")
        assert missing.value.message == "주문을 찾지 못했습니다."
        # Typed by Upbit's name and by the status at once, and naming the call that failed.
        assert isinstance(missing.value, upbit_ext.NotFound)
        assert (missing.value.name, missing.value.status) == ("order_not_found", 404)
        assert (missing.value.method, missing.value.path) == ("GET", "/v1/order")


def test_ban_stops_all_requests_to_the_host(server: FakeUpbit) -> None:
    with Upbit(base_url=server.url, max_retries=0) as client:
        server.inject("GET", "/v1/ticker", "418")
        with pytest.raises(IpBanned) as banned:
            client.list_tickers(markets="KRW-BTC")
        assert banned.value.until is not None
        before = len(server.state.records)
        with pytest.raises(IpBanned):
            client.list_trading_pairs()  # another group: blocked locally, nothing sent
        assert len(server.state.records) == before


def test_breaker_opens_after_consecutive_failures(server: FakeUpbit) -> None:
    server.inject("GET", "/v1/accounts", *["500"] * 5)
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, max_retries=0) as client:
        for _ in range(5):
            with pytest.raises(ServerError):
                client.get_accounts()
        sent = len(server.state.records)
        with pytest.raises(CircuitOpenError):
            client.get_accounts()
        assert len(server.state.records) == sent
        assert client.health()["breaker"]["state"] == "open"
        assert client.health()["errors"]["ServerError"] == 5


def test_oversized_response_is_refused(server: FakeUpbit) -> None:
    server.inject("GET", "/v1/market/all", "huge")
    client = Upbit(base_url=server.url, max_retries=0, max_response_bytes=64 * 1024)
    with client, pytest.raises(ResponseTooLarge):
        client.list_trading_pairs()


def test_answer_of_the_wrong_shape_is_a_typed_error(server: FakeUpbit) -> None:
    server.inject("GET", "/v1/ticker", "bad_shape")
    client = Upbit(base_url=server.url, max_retries=0)
    with client, pytest.raises(upbit_ext.UnexpectedResponse) as info:
        client.list_tickers(markets="KRW-BTC")
    assert info.value.path == "/v1/ticker"
    assert "KeyError" in str(info.value)


def test_invalid_arguments_never_reach_the_wire(upbit: Upbit, server: FakeUpbit) -> None:
    cases = [
        lambda: upbit.list_minute_candles(unit=7, market="KRW-BTC"),  # type: ignore[arg-type]
        lambda: upbit.list_day_candles(market="krw-btc"),
        lambda: upbit.list_day_candles(market="KRW-BTC", count=201),
        lambda: upbit.create_order(market="KRW-BTC", side="bid", ord_type="limit", volume="1"),
        lambda: upbit.create_order(
            market="KRW-BTC", side="bid", ord_type="price", price="5000", volume="1"
        ),
        lambda: upbit.get_order(uuid="a", identifier="b"),
        lambda: upbit.list_orders_by_ids(uuids=[f"u{i}" for i in range(101)]),
        lambda: upbit.list_open_orders(state="wait", states=["watch"]),
    ]
    for case in cases:
        with pytest.raises(ValueError):  # noqa: PT011 - each case names its own rule
            case()
    with pytest.raises(TypeError, match="float"):
        upbit.create_order(
            market="KRW-BTC",
            side="bid",
            ord_type="limit",
            price=1.5,
            volume="1",  # type: ignore[arg-type]
        )
    assert server.state.records == []


# --- secrets ----------------------------------------------------------------------------


def test_secrets_never_appear_in_logs_reprs_or_errors(
    server: FakeUpbit, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    log = io.StringIO()
    texts: list[str] = []
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, max_retries=1, error_log=log) as client:
        texts += [repr(client), str(client.health())]
        client.get_accounts()
        server.inject("GET", "/v1/accounts", "500", "500")
        with pytest.raises(UpbitError) as failure:
            client.get_accounts()
        texts += [str(failure.value), repr(failure.value), repr(failure.value.__dict__)]
    tokens = [r.nonce for r in server.state.records if r.nonce]
    assert tokens
    captured = "\n".join([*texts, caplog.text, log.getvalue()])
    assert SECRET_KEY not in captured
    assert ACCESS_KEY not in captured
    assert "Bearer" not in captured
    assert "eyJ" not in captured  # no JWT in any form
    events = [json.loads(line) for line in log.getvalue().splitlines()]
    assert [e["next_action"].split()[0] for e in events] == ["retry", "raise"]
    assert {e["operation"] for e in events} == {"get_accounts"}


# --- shape of the public surface --------------------------------------------------------


def test_sync_and_async_facades_expose_the_same_methods() -> None:
    def public(cls: type) -> set[str]:
        return {n for n in dir(cls) if not n.startswith("_")}

    sync_only = {"close"}
    async_only = {"aclose"}
    assert public(Upbit) - sync_only == public(AsyncUpbit) - async_only
    assert {"create_order", "list_tickers", "iter_candles", "health"} <= public(Upbit)
