"""`make demo`: the client against the embedded sandbox exchange, with no keys and no network.

Starts the sandbox on a free loopback port, then uses `upbit_ext.Upbit` the way a trading
script would: live tickers, a signed limit order placed and cancelled, a market buy that
fills, balances before and after. Everything is real HTTP; the sandbox checks every JWT
with its own code.
"""

from __future__ import annotations

import tempfile
import time
from decimal import Decimal
from pathlib import Path

from upbit_ext import Upbit
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve

MARKETS = "KRW-BTC,KRW-ETH,KRW-XRP,KRW-SOL"


def show_balances(upbit: Upbit) -> None:
    for account in upbit.get_accounts():
        if account.currency in {"KRW", "BTC"}:
            print(f"  {account.currency:>4}: {account.balance:>18} (locked {account.locked})")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config = SandboxConfig(db_path=Path(tmp) / "sandbox.db")
        with (
            serve(config) as sandbox,
            Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit,
        ):
            print(f"sandbox exchange running at {sandbox.url} (state in {config.db_path})\n")

            print("live tickers (3 refreshes):")
            for _ in range(3):
                line = "  ".join(
                    f"{t.market} {t.trade_price:>14,.1f} ({t.signed_change_rate:+.2%})"
                    for t in upbit.list_tickers(markets=MARKETS)
                )
                print(f"  {line}")
                time.sleep(1)

            print("\nbalances:")
            show_balances(upbit)

            price = upbit.get_current_price("KRW-BTC")
            bid = upbit.round_price("KRW-BTC", price * Decimal("0.97"))
            order = upbit.create_order(
                market="KRW-BTC", side="bid", ord_type="limit", price=bid, volume="0.001"
            )
            print(
                f"\nplaced limit buy 0.001 BTC @ {bid:,} KRW: {order.state}, locked {order.locked}"
            )
            cancelled = upbit.cancel_order(uuid=order.uuid)
            print(f"cancelled {cancelled.uuid} (identifier {cancelled.identifier})")

            bought = upbit.create_order(
                market="KRW-BTC", side="bid", ord_type="price", price="50000"
            )
            filled = upbit.get_order(uuid=bought.uuid)
            print(
                f"market buy for 50,000 KRW: {filled.state}, got {filled.executed_volume} BTC, "
                f"fee {filled.paid_fee} KRW"
            )

            print("\nbalances after:")
            show_balances(upbit)
            print(
                f"\nclient health: breaker {upbit.health()['breaker']['state']}, "
                f"errors {upbit.health()['errors'] or 'none'}"
            )
    print("\ndone: signed requests over real HTTP, no keys, no network")


if __name__ == "__main__":
    main()
