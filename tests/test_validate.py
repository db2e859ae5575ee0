"""Argument checks before the wire: exact money, the spec's rules and Upbit's prose rules.

Everything runs through the real operation table generated from the spec, so a rule that the
spec loses (or a prose rule that stops firing) shows up here, not as an order Upbit misreads.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upbit_ext._operations import OPERATIONS
from upbit_ext._validate import (
    _PROSE_RULES,
    _check_bounds,
    _check_type,
    _matches,
    _unalias,
    check_currency,
    check_market,
    format_money,
    prepare,
)

PLAIN_DECIMAL = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")


def check(op: str, **params: Any) -> dict[str, Any]:
    return prepare(OPERATIONS[op], params)


def refused(op: str, param: str, exc: type[Exception] = ValueError, **params: Any) -> str:
    """Assert `prepare` refuses `params`, naming the operation and `param`; return the message."""
    with pytest.raises(exc, match=rf"^{op}: .*\b{re.escape(param)}\b") as info:
        check(op, **params)
    return str(info.value)


# --- format_money -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (Decimal("1E-8"), "0.00000001"),
        (Decimal("5E+3"), "5000"),
        (Decimal("1.0E+3"), "1000"),
        (Decimal("1.500"), "1.5"),
        (Decimal("100"), "100"),
        (Decimal("100.000"), "100"),
        (Decimal("0.00010000"), "0.0001"),
        (
            Decimal("12345678901234567890.123456789012345678"),
            "12345678901234567890.123456789012345678",
        ),
        ("103493000.00000000", "103493000"),
        ("0.00009713", "0.00009713"),
        ("1e3", "1000"),
        ("2.5E-7", "0.00000025"),
        (" 42 ", "42"),
        ("+7", "7"),
        (5000, "5000"),
        (10**20, "100000000000000000000"),
        (Decimal("1E+30"), "1" + "0" * 30),
        (Decimal("1E-30"), "0." + "0" * 29 + "1"),
    ],
)
def test_money_is_rendered_exactly_without_exponent(value: object, wire: str) -> None:
    assert format_money("price", value) == wire


@given(
    coefficient=st.integers(min_value=1, max_value=10**25),
    exponent=st.integers(min_value=-30, max_value=5),
    as_text=st.booleans(),
)
def test_any_positive_decimal_renders_plainly_and_keeps_its_value(
    coefficient: int, exponent: int, as_text: bool
) -> None:
    number = Decimal(coefficient).scaleb(exponent)
    wire = format_money("volume", str(number) if as_text else number)
    assert PLAIN_DECIMAL.match(wire), wire
    assert Decimal(wire) == number


@pytest.mark.parametrize(
    ("value", "exc", "rule"),
    [
        (1.5, TypeError, "float"),
        (0.1, TypeError, "float"),
        (100.0, TypeError, "float"),
        (True, TypeError, "bool"),
        (False, TypeError, "bool"),
        (None, TypeError, "NoneType"),
        ([1], TypeError, "list"),
        (b"1", TypeError, "bytes"),
        (Decimal("NaN"), ValueError, "finite"),
        (Decimal("sNaN"), ValueError, "finite"),
        (Decimal("Infinity"), ValueError, "finite"),
        ("Infinity", ValueError, "finite"),
        ("-inf", ValueError, "finite"),
        ("nan", ValueError, "finite"),
        (Decimal("-1"), ValueError, "greater than 0"),
        ("-0.5", ValueError, "greater than 0"),
        (-3, ValueError, "greater than 0"),
        (0, ValueError, "greater than 0"),
        ("0", ValueError, "greater than 0"),
        ("-0", ValueError, "greater than 0"),
        (Decimal("0E-8"), ValueError, "greater than 0"),
        ("abc", ValueError, "decimal number"),
        ("", ValueError, "decimal number"),
        ("1,000", ValueError, "decimal number"),
        ("0x10", ValueError, "decimal number"),
        ("1.2.3", ValueError, "decimal number"),
        ("12 KRW", ValueError, "decimal number"),
        ("remain_only", ValueError, "decimal number"),
        ("1e999999999999999999", ValueError, "between"),
        (Decimal("1E-31"), ValueError, "between"),
    ],
)
def test_bad_money_is_refused_naming_the_parameter(
    value: object, exc: type[Exception], rule: str
) -> None:
    with pytest.raises(exc, match=rf"^price\b.*{rule}"):
        format_money("price", value)


def test_float_error_says_what_to_pass_instead() -> None:
    with pytest.raises(
        TypeError, match=r"^volume must be Decimal, str or int.*pass Decimal or str"
    ):
        format_money("volume", 0.1 + 0.2)


def test_remain_only_is_accepted_for_new_volume_only() -> None:
    assert format_money("new_volume", "remain_only") == "remain_only"
    assert format_money("cancel_and_new_order: new_volume", "remain_only") == "remain_only"
    for name in ("volume", "new_price", "price", "amount"):
        with pytest.raises(ValueError, match=rf"^{name} must be a decimal number"):
            format_money(name, "remain_only")


# --- what prepare returns ---------------------------------------------------------------


def test_prepare_renders_money_drops_none_and_turns_tuples_into_lists() -> None:
    assert check(
        "create_order",
        market="KRW-BTC",
        side="bid",
        ord_type="limit",
        price=Decimal("1.0E+8"),
        volume="0.00050000",
        identifier=None,
        time_in_force=None,
    ) == {
        "market": "KRW-BTC",
        "side": "bid",
        "ord_type": "limit",
        "price": "100000000",
        "volume": "0.0005",
    }
    assert check("list_orders_by_ids", uuids=("a", "b")) == {"uuids": ["a", "b"]}
    assert check("withdraw_krw", amount=10_000, two_factor_type="kakao") == {
        "amount": "10000",
        "two_factor_type": "kakao",
    }


def test_money_errors_through_prepare_name_the_operation() -> None:
    refused(
        "create_order", "price", TypeError,
        market="KRW-BTC", side="bid", ord_type="limit", price=1.5, volume="1",
    )  # fmt: skip
    refused("withdraw_coin", "amount", currency="BTC", net_type="BTC", amount="-1", address="x")


# --- the spec's rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "param", "params"),
    [
        ("create_order", "side", {"market": "KRW-BTC", "side": "buy", "ord_type": "market"}),
        ("create_order", "ord_type", {"market": "KRW-BTC", "side": "bid", "ord_type": "stop"}),
        (
            "create_order",
            "time_in_force",
            {"market": "KRW-BTC", "side": "bid", "ord_type": "limit", "time_in_force": "gtc"},
        ),
        (
            "create_order",
            "smp_type",
            {"market": "KRW-BTC", "side": "bid", "ord_type": "limit", "smp_type": "off"},
        ),
        ("list_minute_candles", "unit", {"unit": 7, "market": "KRW-BTC"}),
        (
            "list_day_candles",
            "converting_price_unit",
            {"market": "BTC-ETH", "converting_price_unit": "USD"},
        ),
        ("cancel_open_orders", "cancel_side", {"cancel_side": "both"}),
        ("list_closed_orders", "order_by", {"order_by": "newest"}),
        ("withdraw_krw", "two_factor_type", {"amount": "10000", "two_factor_type": "sms"}),
        ("list_open_orders", "states", {"states": ["wait", "done"]}),
        ("list_closed_orders", "states", {"states": ["wait"]}),
        ("list_pocket_transfers", "states", {"states": ["pending"]}),
    ],
)
def test_enums_are_enforced(op: str, param: str, params: dict[str, Any]) -> None:
    assert "must be one of" in refused(op, param, **params)


def test_enum_message_lists_the_choices() -> None:
    message = refused("create_order", "ord_type", market="KRW-BTC", side="bid", ord_type="stop")
    assert "'limit', 'price', 'market', 'best'" in message
    message = refused("list_open_orders", "states", states=["wait", "done"])
    assert "states[1]" in message


@pytest.mark.parametrize(
    ("op", "param", "low", "high"),
    [
        ("list_day_candles", "count", 1, 200),
        ("list_minute_candles", "count", 1, 200),
        ("list_second_candles", "count", 1, 200),
        ("list_recent_trades", "count", 1, 500),
        ("list_recent_trades", "days_ago", 1, 7),
        ("list_orderbooks", "count", 1, 30),
        ("list_open_orders", "limit", 1, 100),
        ("list_closed_orders", "limit", 1, 1000),
        ("cancel_open_orders", "count", 1, 300),
        ("list_withdrawals", "limit", 1, 100),
    ],
)
def test_minimum_and_maximum_are_enforced(op: str, param: str, low: int, high: int) -> None:
    base: dict[str, Any] = {"market": "KRW-BTC"} if "market" in OPERATIONS[op].params else {}
    if op == "list_minute_candles":
        base["unit"] = 1
    if op == "list_orderbooks":
        base = {"markets": "KRW-BTC"}
    assert check(op, **base, **{param: low})[param] == low
    assert check(op, **base, **{param: high})[param] == high
    assert ">=" in refused(op, param, **base, **{param: low - 1})
    assert "<=" in refused(op, param, **base, **{param: high + 1})


def test_page_has_a_minimum_and_no_maximum() -> None:
    refused("list_open_orders", "page", page=0)
    assert check("list_open_orders", page=10_000) == {"page": 10_000}


@pytest.mark.parametrize(
    ("op", "param", "most"),
    [
        ("list_orders_by_ids", "uuids", 100),
        ("list_orders_by_ids", "identifiers", 100),
        ("cancel_orders_by_ids", "uuids", 20),
        ("cancel_orders_by_ids", "identifiers", 20),
        ("list_withdrawals", "uuids", 100),
        ("list_withdrawals", "txids", 100),
        ("list_deposits", "txids", 100),
    ],
)
def test_max_items_is_enforced(op: str, param: str, most: int) -> None:
    ids = [f"id-{i}" for i in range(most + 1)]
    assert check(op, **{param: ids[:most]}) == {param: ids[:most]}
    assert f"at most {most} items" in refused(op, param, **{param: ids})


@pytest.mark.parametrize(
    ("op", "extra"),
    [
        ("create_order", {"market": "KRW-BTC", "side": "ask", "ord_type": "market", "volume": "1"}),
        ("test_order", {"market": "KRW-BTC", "side": "ask", "ord_type": "market", "volume": "1"}),
        ("get_order", {}),
        ("cancel_order", {}),
    ],
)
def test_identifier_is_at_most_64_characters(op: str, extra: dict[str, Any]) -> None:
    assert check(op, identifier="x" * 64, **extra)["identifier"] == "x" * 64
    assert "at most 64 characters" in refused(op, "identifier", identifier="x" * 65, **extra)


def test_each_identifier_in_a_list_is_at_most_64_characters() -> None:
    message = refused("list_orders_by_ids", "identifiers", identifiers=["ok", "y" * 65])
    assert "identifiers[1]" in message


@pytest.mark.parametrize(
    ("op", "param", "good", "bad", "extra"),
    [
        (
            "list_recent_trades",
            "to",
            ["12:00:00", "120000"],
            ["12:00", "1200000", "12-00-00", "12:00:00\n", " 120000"],
            {"market": "KRW-BTC"},
        ),
        (
            "list_orderbooks",
            "level",
            ["0", "10000", "0.5"],
            ["1e4", "-1", "10,000", ".5", "10000\n"],
            {"markets": "KRW-BTC"},
        ),
        (
            "create_pocket_transfer",
            "identifier",
            ["transfer_2026-03.11", "a" * 64],
            ["bad id", "한글", "a" * 65, "abc\n", ""],
            {"to": "pocket-1", "currency": "KRW", "amount": "1000"},
        ),
        (
            "create_universal_transfer",
            "identifier",
            ["u-1"],
            ["u/1", "u-1\n"],
            {"to": "pocket-1", "currency": "KRW", "amount": "1000"},
        ),
    ],
)
def test_patterns_are_enforced_as_json_schema_reads_them(
    op: str, param: str, good: list[str], bad: list[str], extra: dict[str, Any]
) -> None:
    for value in good:
        assert check(op, **extra, **{param: value})[param] == value
    for value in bad:
        refused(op, param, **extra, **{param: value})


# --- market codes and currencies --------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "param", "value"),
    [
        ("list_day_candles", "market", "krw-btc"),
        ("list_day_candles", "market", "KRW-btc"),
        ("list_day_candles", "market", "KRW_BTC"),
        ("list_day_candles", "market", "KRWBTC"),
        ("list_day_candles", "market", "KRW-"),
        ("list_day_candles", "market", "KRW-BTC\n"),
        ("list_day_candles", "market", " KRW-BTC"),
        ("list_day_candles", "market", "KRW-BTC,KRW-ETH"),
        ("create_order", "market", "krw-btc"),
        ("get_order_chance", "market", "btc"),
        ("list_tickers", "markets", "KRW-BTC,krw-eth"),
        ("list_tickers", "markets", "KRW-BTC, KRW-ETH"),
        ("list_tickers", "markets", "KRW-BTC,,KRW-ETH"),
        ("list_tickers", "markets", "KRW-BTC,"),
        ("list_tickers", "markets", ""),
        ("list_orderbooks", "markets", "KRW-BTC;KRW-ETH"),
        ("list_orderbook_instruments", "markets", "usdt-btc"),
        ("cancel_open_orders", "pairs", "KRW-BTC,krw-eth"),
        ("cancel_open_orders", "excluded_pairs", "krw-xrp"),
    ],
)
def test_market_codes_must_be_upper_case_quote_dash_base(op: str, param: str, value: str) -> None:
    extra: dict[str, Any] = {}
    if op == "create_order":
        extra = {"side": "ask", "ord_type": "market", "volume": "1"}
    assert "market codes like 'KRW-BTC'" in refused(op, param, **{param: value}, **extra)


@pytest.mark.parametrize(
    ("op", "param", "value"),
    [
        ("list_tickers", "markets", "KRW-BTC,KRW-ETH,BTC-XRP,USDT-SOL"),
        ("list_day_candles", "market", "KRW-1INCH"),
        ("cancel_open_orders", "pairs", "KRW-BTC,KRW-ETH"),
        ("cancel_open_orders", "excluded_pairs", "KRW-XRP"),
    ],
)
def test_well_formed_market_codes_pass(op: str, param: str, value: str) -> None:
    assert check(op, **{param: value}) == {param: value}


@pytest.mark.parametrize("value", ["btc", "Btc", "BTC\n", "BT C", "", "KRW-BTC"])
def test_currency_must_be_an_upper_case_code(value: str) -> None:
    refused("get_withdrawal_chance", "currency", currency=value)
    refused("withdraw_coin", "currency", currency=value, net_type="BTC", amount="1", address="a")


def test_upper_case_currency_passes() -> None:
    assert check("get_withdrawal_chance", currency="BTC", net_type="BTC")["currency"] == "BTC"


# --- Python types -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "param", "value"),
    [
        ("list_open_orders", "states", "wait"),
        ("list_orders_by_ids", "uuids", "a,b"),
        ("list_orders_by_ids", "identifiers", b"id"),
        ("list_withdrawals", "txids", {"tx"}),
        ("list_day_candles", "count", True),
        ("list_day_candles", "count", False),
        ("list_day_candles", "count", "5"),
        ("list_day_candles", "count", 5.0),
        ("list_minute_candles", "unit", True),
        ("list_closed_orders", "limit", False),
        ("get_order", "uuid", 123),
        ("list_day_candles", "market", ["KRW-BTC"]),
        ("create_order", "side", b"bid"),
        ("list_trading_pairs", "is_details", "true"),
        ("list_trading_pairs", "is_details", 1),
    ],
)
def test_wrong_python_types_are_refused(op: str, param: str, value: object) -> None:
    refused(op, param, TypeError, **{param: value})


def test_list_items_must_be_strings() -> None:
    assert "uuids[0]" in refused("list_orders_by_ids", "uuids", TypeError, uuids=[1.5])
    assert "uuids[1]" in refused("list_orders_by_ids", "uuids", TypeError, uuids=["a", True])


def test_booleans_are_accepted_where_the_spec_says_boolean() -> None:
    assert check("list_trading_pairs", is_details=True) == {"is_details": True}
    assert check("list_pocket_api_keys", include_expired=False) == {"include_expired": False}


# --- Upbit's prose rules ----------------------------------------------------------------


def order(side: str, ord_type: str, **rest: str) -> dict[str, Any]:
    return {"market": "KRW-BTC", "side": side, "ord_type": ord_type, **rest}


def renew(new_ord_type: str, **rest: str | None) -> dict[str, Any]:
    """cancel_and_new_order arguments; `prev_order_uuid="u"` unless `rest` says otherwise."""
    return {"prev_order_uuid": "u", "new_ord_type": new_ord_type, **rest}


POST_ONLY = {"time_in_force": "post_only"}

# (operation, parameter the message must name, arguments); together they cover every prose rule.
PROSE_REFUSALS: list[tuple[str, str, dict[str, Any]]] = [
    # a limit order needs price and volume
    ("create_order", "price", order("bid", "limit", volume="1")),
    ("create_order", "volume", order("ask", "limit", price="1000")),
    ("test_order", "price", order("bid", "limit", volume="1")),
    # a 'price' order is a market buy: price only, side bid
    ("create_order", "volume", order("bid", "price", price="5000", volume="1")),
    ("create_order", "price", order("bid", "price")),
    ("create_order", "side", order("ask", "price", price="5000")),
    ("test_order", "side", order("ask", "price", price="5000")),
    # a 'market' order is a market sell: volume only, side ask
    ("create_order", "price", order("ask", "market", volume="1", price="5000")),
    ("create_order", "volume", order("ask", "market")),
    ("create_order", "side", order("bid", "market", volume="1")),
    # 'best' needs ioc/fok, and price for a buy, volume for a sell
    ("create_order", "time_in_force", order("bid", "best", price="1")),
    ("create_order", "time_in_force", order("ask", "best", volume="1", **POST_ONLY)),
    ("create_order", "volume", order("bid", "best", volume="1", time_in_force="ioc")),
    ("create_order", "price", order("bid", "best", time_in_force="fok")),
    ("create_order", "price", order("ask", "best", price="1", time_in_force="ioc")),
    ("create_order", "volume", order("ask", "best", time_in_force="ioc")),
    # post_only: limit orders only, never with an smp_type other than 'none'
    ("create_order", "time_in_force", order("bid", "price", price="1", **POST_ONLY)),
    (
        "create_order",
        "smp_type",
        order("bid", "limit", price="1", volume="1", smp_type="reduce", **POST_ONLY),
    ),
    # one of uuid / identifier
    ("get_order", "identifier", {"uuid": "u", "identifier": "i"}),
    ("get_order", "uuid", {}),
    ("cancel_order", "identifier", {"uuid": "u", "identifier": "i"}),
    ("cancel_order", "uuid", {}),
    # one of uuids / identifiers
    ("list_orders_by_ids", "identifiers", {"uuids": ["u"], "identifiers": ["i"]}),
    ("list_orders_by_ids", "uuids", {}),
    ("cancel_orders_by_ids", "identifiers", {"uuids": ["u"], "identifiers": ["i"]}),
    ("cancel_orders_by_ids", "uuids", {}),
    ("list_orders", "identifiers", {"uuids": ["u"], "identifiers": ["i"]}),
    # state or states, not both
    ("list_open_orders", "states", {"state": "wait", "states": ["watch"]}),
    ("list_closed_orders", "states", {"state": "done", "states": ["cancel"]}),
    ("list_orders", "states", {"state": "done", "states": ["cancel"]}),
    # pairs or quote_currencies, not both
    ("cancel_open_orders", "quote_currencies", {"pairs": "KRW-BTC", "quote_currencies": "KRW"}),
    # uuids or txids, not both
    ("list_withdrawals", "txids", {"uuids": ["u"], "txids": ["t"]}),
    ("list_deposits", "txids", {"uuids": ["u"], "txids": ["t"]}),
    # cancel_and_new: exactly one order to cancel, and what the new order type needs
    (
        "cancel_and_new_order",
        "prev_order_uuid",
        renew("market", new_volume="1", prev_order_uuid=None),
    ),
    (
        "cancel_and_new_order",
        "prev_order_identifier",
        renew("market", new_volume="1", prev_order_identifier="i"),
    ),
    ("cancel_and_new_order", "new_price", renew("limit", new_volume="1")),
    ("cancel_and_new_order", "new_volume", renew("limit", new_price="1")),
    ("cancel_and_new_order", "new_volume", renew("price", new_price="1", new_volume="1")),
    ("cancel_and_new_order", "new_price", renew("market", new_volume="1", new_price="1")),
    ("cancel_and_new_order", "new_time_in_force", renew("best", new_volume="1")),
    (
        "cancel_and_new_order",
        "new_time_in_force",
        renew("market", new_volume="1", new_time_in_force="post_only"),
    ),
    (
        "cancel_and_new_order",
        "new_smp_type",
        renew(
            "limit",
            new_volume="1",
            new_price="1",
            new_time_in_force="post_only",
            new_smp_type="reduce",
        ),
    ),
    ("cancel_and_new_order", "new_volume", renew("price", new_price="1", new_volume="remain_only")),
    # net_type is required for digital assets (docs), not for KRW
    ("get_withdrawal_chance", "net_type", {"currency": "BTC"}),
]


@pytest.mark.parametrize(("op", "param", "params"), PROSE_REFUSALS)
def test_prose_rules_refuse_with_the_parameter_named(
    op: str, param: str, params: dict[str, Any]
) -> None:
    refused(op, param, **params)


def test_every_prose_rule_has_a_refusal_case() -> None:
    assert {op for op, _, _ in PROSE_REFUSALS} == set(_PROSE_RULES)


PROSE_ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("create_order", order("bid", "limit", price="1", volume="1")),
    ("test_order", order("bid", "price", price="5000")),
    ("create_order", order("ask", "market", volume="1")),
    ("create_order", order("bid", "best", price="5000", time_in_force="ioc")),
    ("create_order", order("ask", "best", volume="1", time_in_force="fok")),
    ("create_order", order("ask", "limit", price="1", volume="1", **POST_ONLY)),
    # since 2026-11-09 'none' is the way to keep post_only orders free of self-match prevention
    ("create_order", order("ask", "limit", price="1", volume="1", smp_type="none", **POST_ONLY)),
    (
        "cancel_and_new_order",
        renew(
            "limit",
            new_price="1",
            new_volume="1",
            new_time_in_force="post_only",
            new_smp_type="none",
        ),
    ),
    (
        "create_order",
        order("ask", "limit", price="1", volume="1", time_in_force="ioc", smp_type="reduce"),
    ),
    ("get_order", {"uuid": "u"}),
    ("get_order", {"identifier": "i"}),
    ("cancel_order", {"identifier": "i"}),
    ("list_orders_by_ids", {"identifiers": ["i"]}),
    ("cancel_orders_by_ids", {"uuids": ["u"]}),
    ("list_orders", {}),
    ("list_open_orders", {"states": ["wait", "watch"]}),
    ("list_open_orders", {"state": "watch"}),
    ("list_closed_orders", {}),
    ("cancel_open_orders", {"pairs": "KRW-BTC,KRW-ETH"}),
    ("cancel_open_orders", {"quote_currencies": "KRW,BTC"}),
    ("cancel_open_orders", {}),
    ("list_withdrawals", {"txids": ["t"]}),
    ("list_deposits", {"uuids": ["u"]}),
    ("get_withdrawal_chance", {"currency": "KRW"}),
    ("get_withdrawal_chance", {"currency": "BTC", "net_type": "BTC"}),
    ("cancel_and_new_order", renew("price", new_price="1")),
    (
        "cancel_and_new_order",
        renew(
            "limit", new_price="1", new_volume="1", prev_order_uuid=None, prev_order_identifier="i"
        ),
    ),
    ("cancel_and_new_order", renew("best", new_price="1", new_time_in_force="ioc")),
]


@pytest.mark.parametrize(("op", "params"), PROSE_ACCEPTED)
def test_what_upbit_documents_as_valid_passes(op: str, params: dict[str, Any]) -> None:
    present = {k for k, v in params.items() if v is not None}
    assert check(op, **params).keys() == present


@pytest.mark.parametrize(
    ("new_ord_type", "extra"),
    [
        ("limit", {"new_price": "1000"}),
        ("limit", {"new_price": "1000", "new_time_in_force": "ioc"}),
        ("market", {}),
        ("best", {"new_time_in_force": "fok"}),  # a best sell: remain_only is documented for it
    ],
)
def test_remain_only_reuses_the_remaining_volume(new_ord_type: str, extra: dict[str, str]) -> None:
    prepared = check(
        "cancel_and_new_order",
        prev_order_uuid="u",
        new_ord_type=new_ord_type,
        new_volume="remain_only",
        **extra,
    )
    assert prepared["new_volume"] == "remain_only"


def test_remain_only_is_only_for_new_volume_through_prepare() -> None:
    refused(
        "create_order", "volume",
        market="KRW-BTC", side="ask", ord_type="market", volume="remain_only",
    )  # fmt: skip
    refused(
        "cancel_and_new_order", "new_price",
        prev_order_uuid="u", new_ord_type="limit", new_volume="1", new_price="remain_only",
    )  # fmt: skip


def test_cancel_and_new_renders_new_money_exactly() -> None:
    prepared = check(
        "cancel_and_new_order",
        prev_order_uuid="u",
        new_ord_type="limit",
        new_price=Decimal("1.5E+5"),
        new_volume=Decimal("1E-8"),
    )
    assert (prepared["new_price"], prepared["new_volume"]) == ("150000", "0.00000001")


# --- property: valid orders pass, invalid ones fail with a clear error -------------------

MARKETS = st.from_regex(r"[A-Z0-9]{2,10}-[A-Z0-9]{1,20}", fullmatch=True)
DECIMALS = st.builds(
    lambda c, e: Decimal(c).scaleb(e),
    st.integers(min_value=1, max_value=10**18),
    st.integers(min_value=-20, max_value=6),
)
MONEY = st.one_of(
    DECIMALS,
    DECIMALS.map(str),
    DECIMALS.map(lambda d: f"{d:f}"),
    DECIMALS.map(lambda d: f"{d:e}"),
    st.integers(min_value=1, max_value=10**15),
)
SMP_TYPES = st.sampled_from([None, "none", "cancel_maker", "cancel_taker", "reduce"])


def _is_money(text: str) -> bool:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return False
    return number.is_finite() and number > 0


BAD_MONEY = st.one_of(
    st.floats(),
    st.booleans(),
    st.sampled_from([Decimal("NaN"), Decimal("-Infinity"), Decimal(0), Decimal("-1E-8"), -5]),
    st.text(max_size=20).filter(lambda s: not _is_money(s)),
    st.lists(st.integers(), max_size=2),
)


@st.composite
def valid_orders(draw: st.DrawFn) -> dict[str, Any]:
    ord_type = draw(st.sampled_from(["limit", "price", "market", "best"]))
    side = {"price": "bid", "market": "ask"}.get(ord_type) or draw(st.sampled_from(["bid", "ask"]))
    args: dict[str, Any] = {"market": draw(MARKETS), "side": side, "ord_type": ord_type}
    if ord_type in {"limit", "price"} or (ord_type == "best" and side == "bid"):
        args["price"] = draw(MONEY)
    if ord_type in {"limit", "market"} or (ord_type == "best" and side == "ask"):
        args["volume"] = draw(MONEY)
    if ord_type == "best":
        args["time_in_force"] = draw(st.sampled_from(["ioc", "fok"]))
    elif ord_type == "limit":
        args["time_in_force"] = draw(st.sampled_from([None, "ioc", "fok", "post_only"]))
    if args.get("time_in_force") != "post_only":
        args["smp_type"] = draw(SMP_TYPES)
    else:
        args["smp_type"] = draw(st.sampled_from([None, "none"]))
    args["identifier"] = draw(st.none() | st.text(min_size=1, max_size=64))
    return draw(st.permutations(list(args.items())).map(dict))


@settings(max_examples=300)
@given(op=st.sampled_from(["create_order", "test_order"]), args=valid_orders())
def test_valid_orders_always_pass(op: str, args: dict[str, Any]) -> None:
    prepared = check(op, **args)
    assert prepared.keys() == {k for k, v in args.items() if v is not None}
    for key, value in prepared.items():
        if key in {"price", "volume"}:
            assert PLAIN_DECIMAL.match(value), value
            assert Decimal(value) == Decimal(str(args[key]))
        else:
            assert value == args[key]


@st.composite
def invalid_orders(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A valid order with one thing broken, and the parameter the error must name."""
    args = draw(valid_orders())
    money = [k for k in ("price", "volume") if k in args]
    missing = [k for k in ("price", "volume") if k not in args]
    ord_type = args["ord_type"]
    breakages = ["market", "side", "ord_type", "bad_money", "drop_money", "identifier", "smp"]
    if missing:
        breakages.append("extra_money")
    breakages.append("tif")
    kind = draw(st.sampled_from(breakages))
    if kind == "market":
        bad = st.text(max_size=12).filter(
            lambda s: not re.fullmatch(r"[A-Z0-9]{2,10}-[A-Z0-9]{1,20}", s)
        )
        args["market"] = draw(bad | st.sampled_from(["krw-btc", "KRW-BTC\n", "KRW-BTC,KRW-ETH"]))
        return args, "market"
    if kind == "side":
        args["side"] = draw(st.text(max_size=5).filter(lambda s: s not in {"bid", "ask"}))
        return args, "side"
    if kind == "ord_type":
        ords = {"limit", "price", "market", "best"}
        args["ord_type"] = draw(st.text(max_size=8).filter(lambda s: s not in ords))
        return args, "ord_type"
    if kind == "bad_money":
        field = draw(st.sampled_from(money))
        args[field] = draw(BAD_MONEY)
        return args, field
    if kind == "drop_money":
        field = draw(st.sampled_from(money))
        del args[field]
        return args, field
    if kind == "extra_money":
        field = draw(st.sampled_from(missing))
        args[field] = draw(MONEY)
        return args, field
    if kind == "identifier":
        args["identifier"] = draw(st.text(min_size=65, max_size=80) | st.integers())
        return args, "identifier"
    if kind == "smp":
        if args.get("time_in_force") == "post_only":
            args["smp_type"] = draw(st.sampled_from(["cancel_maker", "cancel_taker", "reduce"]))
        else:
            args["smp_type"] = draw(
                st.text(max_size=12).filter(
                    lambda s: s not in {"none", "cancel_maker", "cancel_taker", "reduce"}
                )
            )
        return args, "smp_type"
    # time_in_force: outside the enum, or not allowed for this order type
    choices = ["gtc", "IOC", ""]
    if ord_type == "best":
        choices += ["post_only"]
        args["time_in_force"] = draw(st.sampled_from([*choices, None]))
    else:
        if ord_type != "limit":
            choices.append("post_only")
        args["time_in_force"] = draw(st.sampled_from(choices))
    if args["time_in_force"] == "post_only":
        args.pop("smp_type", None)
    return args, "time_in_force"


@settings(max_examples=500)
@given(op=st.sampled_from(["create_order", "test_order"]), case=invalid_orders())
def test_invalid_orders_fail_naming_the_parameter(
    op: str, case: tuple[dict[str, Any], str]
) -> None:
    args, param = case
    with pytest.raises((ValueError, TypeError)) as info:
        check(op, **args)
    message = str(info.value)
    assert message.startswith(f"{op}: "), message
    assert re.search(rf"\b{param}\b", message), (param, message)


def test_empty_id_list_is_refused_before_the_wire() -> None:
    with pytest.raises(ValueError, match="list_orders_by_ids: uuids is empty"):
        prepare(OPERATIONS["list_orders_by_ids"], {"uuids": []})


def test_money_with_underscores_is_refused() -> None:
    with pytest.raises(ValueError, match="price must be a decimal number"):
        format_money("price", "5_000")


# --- every refusal, word for word ----------------------------------------------------------

ORDER = {"market": "KRW-BTC"}
TOO_MANY_IDS = [f"id-{i}" for i in range(21)]
UNITS = "1, 3, 5, 10, 15, 30, 60, 240, '1m', '3m', '5m', '10m', '15m', '30m', '60m', '240m'"


@pytest.mark.parametrize(
    ("op", "params", "exc", "message"),
    [
        ("list_orders_by_ids", {"uuids": "a"}, TypeError, "uuids must be a list, got str"),
        (
            "list_orders_by_ids",
            {"uuids": []},
            ValueError,
            "uuids is empty: give at least one value or leave it out",
        ),
        (
            "list_orders_by_ids",
            {"uuids": ["a", 1.5]},
            TypeError,
            "uuids[1] must be a string, got float",
        ),
        (
            "list_orders_by_ids",
            {"uuids": ["a", True]},
            TypeError,
            "uuids[1] must be a string, got bool",
        ),
        ("list_day_candles", {**ORDER, "count": "5"}, TypeError, "count must be integer, got str"),
        (
            "list_day_candles",
            {**ORDER, "count": True},
            TypeError,
            "count must be integer, got bool",
        ),
        ("list_trading_pairs", {"is_details": 1}, TypeError, "is_details must be boolean, got int"),
        (
            "withdraw_coin",
            {"secondary_address": 5},
            TypeError,
            "secondary_address must be string, got int",
        ),
        (
            "create_order",
            {**ORDER, "side": "buy", "ord_type": "limit"},
            ValueError,
            "side must be one of 'bid', 'ask'; got 'buy'",
        ),
        ("list_day_candles", {**ORDER, "count": 0}, ValueError, "count must be >= 1, got 0"),
        ("list_day_candles", {**ORDER, "count": 201}, ValueError, "count must be <= 200, got 201"),
        (
            "cancel_orders_by_ids",
            {"uuids": TOO_MANY_IDS},
            ValueError,
            "uuids takes at most 20 items, got 21",
        ),
        ("cancel_withdrawal", {"uuid": ""}, ValueError, "uuid must be at least 1 characters"),
        (
            "get_order",
            {"identifier": "x" * 65},
            ValueError,
            "identifier must be at most 64 characters, got 65",
        ),
        (
            "create_pocket_transfer",
            {"identifier": "bad id"},
            ValueError,
            "identifier 'bad id' does not match ^[A-Za-z0-9_.-]{1,64}$",
        ),
        (
            "list_day_candles",
            {"market": "krw-btc"},
            ValueError,
            "market must be market codes like 'KRW-BTC' (quote-base, upper case), got 'krw-btc'",
        ),
        (
            "list_tickers",
            {"markets": "KRW-BTC,krw-eth"},
            ValueError,
            "markets must be market codes like 'KRW-BTC' (quote-base, upper case), got 'krw-eth'",
        ),
        (
            "list_tickers",
            {"markets": []},
            ValueError,
            "markets is empty: give at least one value or leave it out",
        ),
        (
            "list_tickers",
            {"markets": ["KRW-BTC", 5]},
            TypeError,
            "markets[1] must be a string, got int",
        ),
        (
            "list_tickers",
            {"markets": ["KRW-BTC,KRW-ETH"]},
            ValueError,
            "markets[0] must be one code, got 'KRW-BTC,KRW-ETH'",
        ),
        (
            "list_minute_candles",
            {**ORDER, "unit": "7m"},
            ValueError,
            f"unit must be one of {UNITS}; got '7m'",
        ),
        (
            "get_order",
            {"uuid": "a", "identifier": "b"},
            ValueError,
            "pass either uuid or identifier, not both",
        ),
        ("get_order", {}, ValueError, "pass one of uuid or identifier"),
        (
            "create_order",
            {**ORDER, "side": "bid", "ord_type": "limit", "price": "1"},
            ValueError,
            "a limit order needs both price and volume",
        ),
        (
            "create_order",
            {**ORDER, "side": "bid", "ord_type": "price", "price": "1", "volume": "1"},
            ValueError,
            "a 'price' order (market buy) takes price (total to spend) and no volume",
        ),
        (
            "create_order",
            {**ORDER, "side": "ask", "ord_type": "price", "price": "1"},
            ValueError,
            "ord_type 'price' is a market BUY: side must be 'bid'",
        ),
        (
            "create_order",
            {**ORDER, "side": "ask", "ord_type": "market", "price": "1", "volume": "1"},
            ValueError,
            "a 'market' order (market sell) takes volume and no price",
        ),
        (
            "create_order",
            {**ORDER, "side": "bid", "ord_type": "market", "volume": "1"},
            ValueError,
            "ord_type 'market' is a market SELL: side must be 'ask'",
        ),
        (
            "create_order",
            {**ORDER, "side": "bid", "ord_type": "best", "price": "1"},
            ValueError,
            "a 'best' order needs time_in_force 'ioc' or 'fok'",
        ),
        (
            "create_order",
            {**ORDER, "side": "bid", "ord_type": "best", "time_in_force": "ioc", "volume": "1"},
            ValueError,
            "a 'best' buy takes price (total) and no volume",
        ),
        (
            "create_order",
            {**ORDER, "side": "ask", "ord_type": "best", "time_in_force": "fok", "price": "1"},
            ValueError,
            "a 'best' sell takes volume and no price",
        ),
        (
            "create_order",
            {**ORDER, "side": "bid", "ord_type": "price", "price": "1", "time_in_force": "ioc"},
            ValueError,
            "time_in_force 'ioc' is only for limit and best orders",
        ),
        (
            "create_order",
            {**ORDER, "side": "bid", "ord_type": "price", "price": "1", "time_in_force": "fok"},
            ValueError,
            "time_in_force 'fok' is only for limit and best orders",
        ),
        (
            "create_order",
            {
                **ORDER,
                "side": "ask",
                "ord_type": "market",
                "volume": "1",
                "time_in_force": "post_only",
            },
            ValueError,
            "time_in_force 'post_only' is only for limit orders",
        ),
        (
            "create_order",
            {
                **ORDER,
                "side": "bid",
                "ord_type": "limit",
                "price": "1",
                "volume": "1",
                "time_in_force": "post_only",
                "smp_type": "cancel_maker",
            },
            ValueError,
            "time_in_force 'post_only' cannot be combined with smp_type 'cancel_maker'"
            " (only with smp_type 'none')",
        ),
        (
            "cancel_and_new_order",
            {"prev_order_uuid": "u", "new_ord_type": "limit", "new_price": "1"},
            ValueError,
            "a limit order needs both new_price and new_volume",
        ),
        (
            "cancel_and_new_order",
            {
                "prev_order_uuid": "u",
                "new_ord_type": "price",
                "new_price": "1",
                "new_volume": "remain_only",
            },
            ValueError,
            "new_volume 'remain_only' needs a limit, market or best (sell) new order",
        ),
        (
            "get_withdrawal_chance",
            {"currency": "BTC"},
            ValueError,
            "net_type is required for a digital asset (BTC)",
        ),
        (
            "get_withdrawal_chance",
            {"currency": "btc"},
            ValueError,
            "currency must be an upper-case code like 'BTC', got 'btc'",
        ),
        ("get_order_chance", {}, TypeError, "market is required, got None"),
    ],
)
def test_each_refusal_says_exactly_what_is_wrong(
    op: str, params: dict[str, Any], exc: type[Exception], message: str
) -> None:
    with pytest.raises(exc) as info:
        check(op, **params)
    assert type(info.value) is exc
    assert str(info.value) == f"{op}: {message}"


@pytest.mark.parametrize(
    ("value", "exc", "message"),
    [
        (
            1.5,
            TypeError,
            "price must be Decimal, str or int, not float"
            " (floats lose precision: pass Decimal or str)",
        ),
        (True, TypeError, "price must be Decimal, str or int, not bool"),
        ("abc", ValueError, "price must be a decimal number, got 'abc'"),
        ("5_000", ValueError, "price must be a decimal number, got '5_000'"),
        (Decimal("NaN"), ValueError, "price must be a finite number, got Decimal('NaN')"),
        ("-1", ValueError, "price must be greater than 0, got '-1'"),
        (
            Decimal("1E-31"),
            ValueError,
            "price must be between 1E-30 and 1E+30, got Decimal('1E-31')",
        ),
        ("1E+31", ValueError, "price must be between 1E-30 and 1E+30, got '1E+31'"),
    ],
)
def test_each_money_refusal_says_exactly_what_is_wrong(
    value: object, exc: type[Exception], message: str
) -> None:
    with pytest.raises(exc) as info:
        format_money("price", value)
    assert type(info.value) is exc
    assert str(info.value) == message


def test_single_code_refusals_say_exactly_what_is_wrong() -> None:
    market = "market must be one market code like 'KRW-BTC', got 'krw-btc'"
    with pytest.raises(ValueError, match=rf"^{re.escape(market)}\Z"):
        check_market("market", "krw-btc")
    currency = "currency must be an upper-case currency code like 'BTC', got 'btc'"
    with pytest.raises(ValueError, match=rf"^{re.escape(currency)}\Z"):
        check_currency("currency", "btc")
    assert (check_market("market", "KRW-BTC"), check_currency("c", "BTC")) == ("KRW-BTC", "BTC")


def test_a_list_for_a_comma_separated_parameter_is_joined() -> None:
    assert check("list_tickers", markets=["KRW-BTC", "KRW-ETH"]) == {"markets": "KRW-BTC,KRW-ETH"}
    assert check("list_tickers", markets=("KRW-BTC",)) == {"markets": "KRW-BTC"}


def test_rules_the_spec_does_not_use_yet_still_work() -> None:
    """minItems, aliases without an enum, several types, patterns without `$`: unused today."""
    _check_bounds("op", "ids", ["a", "b"], {"minItems": 2})
    with pytest.raises(ValueError, match=r"^op: ids needs at least 2 items$"):
        _check_bounds("op", "ids", ["a"], {"minItems": 2})
    assert _unalias("op", "unit", "1m", {"aliases": {"1m": 1}}) == 1
    with pytest.raises(ValueError, match=r"^op: unit must be one of '1m'; got '2m'$"):
        _unalias("op", "unit", "2m", {"aliases": {"1m": 1}})
    _check_type("op", "x", {"any": 1}, {})  # no type stated: nothing to check
    with pytest.raises(TypeError, match=r"^op: x must be string or integer, got float$"):
        _check_type("op", "x", 1.5, {"type": ["string", "integer", "null"]})
    assert _matches("b", "abc")  # unanchored, as JSON Schema patterns are
    assert _matches(r"^a\$", "a$")  # an escaped `$` is a dollar sign, not the end
    assert not _matches(r"^a\$", "a")
