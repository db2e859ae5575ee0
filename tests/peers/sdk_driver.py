"""Upbit's official SDK (`upbit-sdk`) driven against a sandbox, as a user of that SDK would.

Runs in its own virtual environment (.venv-peers, built from requirements/peers.txt): nothing
here imports upbit_ext, and upbit_ext never imports the SDK. Usage:

    python sdk_driver.py <sandbox base url> <access key> <secret key>

Prints one JSON object of what each flow saw and exits 0; any failure is a traceback, exit 1.
"""

from __future__ import annotations

import json
import sys
import uuid
from decimal import Decimal
from itertools import islice
from typing import Any

import upbit


def quotation(client: upbit.Upbit) -> dict[str, Any]:
    pairs = client.trading_pairs.list()
    ticker = client.tickers.list_by_trading_pairs(markets="KRW-BTC,KRW-ETH")
    book = client.orderbooks.list(markets="KRW-BTC")
    trades = client.trades.list(market="KRW-BTC", count=5)
    minutes = client.candles.list_minutes(1, market="KRW-BTC", count=5)
    days = client.candles.list_days(market="KRW-BTC", count=3)
    return {
        "pairs": len(pairs),
        "tickers": [t.market for t in ticker],
        "best_ask": float(book[0].orderbook_units[0].ask_price),
        "trades": len(trades),
        "minute_candles": len(minutes),
        "day_candles": len(days),
    }


def orders(client: upbit.Upbit) -> dict[str, Any]:
    chance = client.orders.retrieve_chance(market="KRW-BTC")
    price = Decimal(str(client.tickers.list_by_trading_pairs(markets="KRW-BTC")[0].trade_price))
    bid = int(price * Decimal("0.8")) // 1000 * 1000  # on the KRW-BTC tick grid
    resting = client.orders.create(
        market="KRW-BTC", side="bid", ord_type="limit", price=str(bid), volume="0.001",
        identifier=f"sdk-{uuid.uuid4()}",
    )  # fmt: skip
    looked_up = client.orders.retrieve(uuid=resting.uuid)
    open_orders = list(client.orders.list_open(market="KRW-BTC"))
    cancelled = client.orders.cancel(uuid=resting.uuid)
    bought = client.orders.create(market="KRW-BTC", side="bid", ord_type="price", price="10000")
    filled = client.orders.retrieve(uuid=bought.uuid)
    closed = client.orders.list_closed(market="KRW-BTC")
    accounts = client.accounts.list()
    return {
        "bid_fee": chance.bid_fee,
        "resting_state": resting.state,
        "looked_up_identifier": looked_up.identifier,
        "open_has_resting": resting.uuid in [o.uuid for o in open_orders],
        "cancel_answer_state": cancelled.state,
        "market_answer_state": bought.state,
        "market_answer_trades_count": bought.trades_count,
        "market_filled_state": filled.state,
        "market_filled_volume": filled.executed_volume,
        "closed": sorted({o.uuid for o in closed} & {resting.uuid, bought.uuid}),
        "expected_closed": sorted({resting.uuid, bought.uuid}),
        "currencies": sorted(a.currency for a in accounts),
    }


def deposits(client: upbit.Upbit) -> dict[str, Any]:
    made = [client.deposits.deposit_krw(amount="10000", two_factor_type="kakao") for _ in range(5)]
    # the SDK pages on by itself (to=<last uuid>); a cursor the server ignored would never end
    paged = [d.uuid for d in islice(client.deposits.list(currency="KRW", limit=2), 50)]
    one = client.deposits.retrieve(uuid=made[0].uuid)
    chance = client.deposits.retrieve_chance(currency="BTC", net_type="BTC")
    return {
        "chance_currency": chance.currency,
        "made": [d.uuid for d in reversed(made)],
        "paged": paged,
        "retrieved": one.uuid == made[0].uuid,
    }


def withdrawals(client: upbit.Upbit) -> dict[str, Any]:
    chance = client.withdraws.retrieve_chance(currency="BTC", net_type="BTC")
    made = [
        client.withdraws.create_krw_withdrawal(amount="10000", two_factor_type="kakao")
        for _ in range(3)
    ]
    paged = [w.uuid for w in islice(client.withdraws.list(currency="KRW", limit=2), 50)]
    one = client.withdraws.retrieve(uuid=made[-1].uuid)
    coin = client.withdraws.create_withdrawal(
        currency="BTC", net_type="BTC", amount="0.001", address="sandbox-address-1"
    )
    return {
        "coin_withdrawal": [coin.currency, coin.amount],
        "chance_currency": chance.currency.code,
        "made": [w.uuid for w in reversed(made)],
        "paged": paged,
        "retrieved": one.uuid == made[-1].uuid,
    }


def main(base_url: str, access_key: str, secret_key: str) -> None:
    with upbit.Upbit(
        access_key=access_key, secret_key=secret_key, base_url=base_url, max_retries=0
    ) as client:
        report = {
            "quotation": quotation(client),
            "orders": orders(client),
            "deposits": deposits(client),
            "withdrawals": withdrawals(client),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main(*sys.argv[1:4])
