"""Every operation of the spec, through the `Upbit` facade, against the running sandbox.

Real HTTP on loopback: the client signs, the sandbox verifies with its own code, and every
raw response body is validated against the spec's schema for that operation and status.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from _spec import load_spec, operations, resolve
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from upbit_ext import NotFound, Upbit
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve


class Recorder(httpx.HTTPTransport):
    """Keeps every raw answer so it can be checked against the spec, not the parsed model."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[tuple[str, str, int, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        content = response.read()
        body = json.loads(content) if content and response.status_code < 400 else content
        self.answers.append((request.method, request.url.path, response.status_code, body))
        return response


@pytest.fixture(scope="module")
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(scope="module")
def upbit(recorder: Recorder) -> Iterator[Upbit]:
    with tempfile.TemporaryDirectory() as tmp:
        config = SandboxConfig(db_path=Path(tmp) / "e2e.db")
        with (
            serve(config) as sandbox,
            Upbit(
                DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url, transport=recorder
            ) as client,
        ):
            yield client


def _limit_bid(u: Upbit, **extra: Any) -> Any:
    price = u.round_price("KRW-BTC", u.get_current_price("KRW-BTC") * Decimal("0.9"))
    return u.create_order(
        market="KRW-BTC", side="bid", ord_type="limit", price=price, volume="0.001", **extra
    )


CALLS: dict[str, Callable[[Upbit], Any]] = {
    "list_trading_pairs": lambda u: u.list_trading_pairs(is_details=True),
    "list_second_candles": lambda u: u.list_second_candles(market="KRW-BTC", count=5),
    "list_minute_candles": lambda u: u.list_minute_candles(unit=5, market="KRW-ETH", count=3),
    "list_day_candles": lambda u: u.list_day_candles(
        market="KRW-BTC", count=2, converting_price_unit="KRW"
    ),
    "list_week_candles": lambda u: u.list_week_candles(market="KRW-BTC"),
    "list_month_candles": lambda u: u.list_month_candles(market="KRW-BTC"),
    "list_year_candles": lambda u: u.list_year_candles(market="KRW-BTC"),
    "list_recent_trades": lambda u: u.list_recent_trades(market="KRW-BTC", count=50),
    "list_tickers": lambda u: u.list_tickers(markets="KRW-BTC,BTC-ETH,USDT-XRP"),
    "list_quote_tickers": lambda u: u.list_quote_tickers(quote_currencies="KRW,BTC"),
    "list_orderbooks": lambda u: u.list_orderbooks(markets="KRW-BTC,KRW-XRP", count=15),
    "list_orderbook_instruments": lambda u: u.list_orderbook_instruments(markets="KRW-BTC,BTC-ETH"),
    "list_orderbook_levels": lambda u: u.list_orderbook_levels(markets="KRW-BTC"),
    "get_accounts": lambda u: u.get_accounts(),
    "get_order_chance": lambda u: u.get_order_chance(market="KRW-BTC"),
    "create_order": lambda u: _limit_bid(u),
    "test_order": lambda u: u.test_order(
        market="KRW-BTC", side="bid", ord_type="price", price="10000"
    ),
    "get_order": lambda u: u.get_order(uuid=_limit_bid(u).uuid),
    "list_orders_by_ids": lambda u: u.list_orders_by_ids(uuids=[_limit_bid(u).uuid]),
    "list_open_orders": lambda u: u.list_open_orders(market="KRW-BTC", states=["wait", "watch"]),
    "list_closed_orders": lambda u: u.list_closed_orders(market="KRW-BTC", limit=10),
    "cancel_order": lambda u: u.cancel_order(
        identifier=_limit_bid(u, identifier="e2e-c1").identifier
    ),
    "cancel_orders_by_ids": lambda u: u.cancel_orders_by_ids(uuids=[_limit_bid(u).uuid]),
    "cancel_open_orders": lambda u: u.cancel_open_orders(pairs="KRW-BTC", cancel_side="bid"),
    "cancel_and_new_order": lambda u: u.cancel_and_new_order(
        prev_order_uuid=_limit_bid(u).uuid,
        new_ord_type="limit",
        new_price=u.round_price("KRW-BTC", u.get_current_price("KRW-BTC") * Decimal("0.8")),
        new_volume="remain_only",
    ),
    "list_orders": lambda u: u.list_orders(market="KRW-BTC", state="wait"),
    "list_withdrawals": lambda u: u.list_withdrawals(currency="BTC", limit=10),
    "get_withdrawal": lambda u: u.get_withdrawal(
        uuid=u.withdraw_krw(amount="10000", two_factor_type="kakao").uuid
    ),
    "get_withdrawal_chance": lambda u: u.get_withdrawal_chance(currency="BTC", net_type="BTC"),
    "list_withdrawal_addresses": lambda u: u.list_withdrawal_addresses(),
    "withdraw_coin": lambda u: u.withdraw_coin(
        currency="BTC", net_type="BTC", amount="0.001", address="bc1qexampleaddress0000000000"
    ),
    "cancel_withdrawal": lambda u: u.cancel_withdrawal(uuid="00000000-0000-4000-8000-00000000000a"),
    "withdraw_krw": lambda u: u.withdraw_krw(amount="10000", two_factor_type="kakao"),
    "list_deposits": lambda u: u.list_deposits(currency="BTC"),
    "get_deposit": lambda u: u.get_deposit(
        uuid=u.deposit_krw(amount="10000", two_factor_type="naver").uuid
    ),
    "get_deposit_chance": lambda u: u.get_deposit_chance(currency="BTC", net_type="BTC"),
    "create_deposit_address": lambda u: u.create_deposit_address(currency="BTC", net_type="BTC"),
    "get_deposit_address": lambda u: u.get_deposit_address(currency="BTC", net_type="BTC"),
    "list_deposit_addresses": lambda u: u.list_deposit_addresses(),
    "deposit_krw": lambda u: u.deposit_krw(amount="10000", two_factor_type="naver"),
    "list_travel_rule_vasps": lambda u: u.list_travel_rule_vasps(),
    "verify_travel_rule_by_uuid": lambda u: u.verify_travel_rule_by_uuid(
        deposit_uuid=u.list_deposits(currency="BTC")[0].uuid, vasp_uuid="vasp-1"
    ),
    "verify_travel_rule_by_txid": lambda u: u.verify_travel_rule_by_txid(
        vasp_uuid="vasp-1", txid="sandbox-seed-deposit-0001", currency="BTC", net_type="BTC"
    ),
    "get_wallet_status": lambda u: u.get_wallet_status(),
    "list_api_keys": lambda u: u.list_api_keys(),
    "list_pockets": lambda u: u.list_pockets(),
    "list_pocket_api_keys": lambda u: u.list_pocket_api_keys(),
    "get_pocket_assets": lambda u: u.get_pocket_assets(uuid="00000000-0000-4000-8000-000000000001"),
    "create_universal_transfer": lambda u: u.create_universal_transfer(
        to="00000000-0000-4000-8000-000000000002", currency="KRW", amount="1000"
    ),
    "list_universal_transfers": lambda u: u.list_universal_transfers(currency="KRW"),
    "create_pocket_transfer": lambda u: u.create_pocket_transfer(
        to="00000000-0000-4000-8000-000000000002", currency="KRW", amount="1000"
    ),
    "list_pocket_transfers": lambda u: u.list_pocket_transfers(currency="KRW"),
}
OPS = {op.operation_id: op for op in operations()}


def test_every_operation_has_a_call() -> None:
    assert set(CALLS) == set(OPS)


@cache
def _validator(op_id: str, status: int) -> Draft202012Validator:
    spec = load_spec()
    op = OPS[op_id]
    media = resolve(op.definition["responses"][str(status)], spec)["content"]["application/json"]
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    schema = json.loads(json.dumps(media["schema"]).replace('"#/', '"urn:spec#/'))
    return Draft202012Validator(schema, registry=registry)


@pytest.mark.parametrize("op_id", sorted(CALLS))
def test_operation_answers_as_the_spec_says(op_id: str, upbit: Upbit, recorder: Recorder) -> None:
    op = OPS[op_id]
    start = len(recorder.answers)
    result = CALLS[op_id](upbit)
    assert result is not None
    answers = [a for a in recorder.answers[start:] if (a[0], a[1]) == (op.method, _path(op, a[1]))]
    assert answers, f"{op_id} was not sent"
    _, _, status, body = answers[-1]
    assert str(status) in op.definition["responses"], f"{op_id} answered undocumented {status}"
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator(op_id, status).iter_errors(body)
    ]
    assert not errors, f"{op_id} {status}: {errors[:5]}"


def _path(op: Any, seen: str) -> str:
    return seen if "{" in op.path else op.path


def test_unknown_order_is_a_typed_404(upbit: Upbit) -> None:
    with pytest.raises(NotFound) as missing:
        upbit.get_order(uuid="00000000-0000-4000-8000-0000000000ff")
    assert missing.value.name == "order_not_found"
