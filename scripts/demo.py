"""`make demo`: the client against the embedded sandbox exchange, with no keys and no network.

Starts the sandbox on a free loopback port, then uses `upbit_ext.Upbit` the way a trading
script would: live tickers, a signed limit order placed and cancelled, a market buy that
fills, balances before and after. Then it collects the trade stream for a few seconds into
Parquet (with the sandbox dropping the WebSocket every few seconds, so the gaps are backfilled
from REST), reads the files back with DuckDB and draws a candle chart. Everything is real
HTTP and WebSocket; the sandbox checks every JWT with its own code.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb

from upbit_ext import Upbit
from upbit_ext.sandbox import (
    DEMO_ACCESS_KEY,
    DEMO_SECRET_KEY,
    Faults,
    RunningSandbox,
    SandboxConfig,
    serve,
)
from upbit_ext.sandbox._market import DEFAULT_MARKETS
from upbit_ext.stream import Collector
from upbit_ext.stream._chart import render_chart

MARKETS = "KRW-BTC,KRW-ETH,KRW-XRP,KRW-SOL"
OUTPUT = Path("demo-output")
COLLECT_SECONDS = 6


def show_balances(upbit: Upbit) -> None:
    for account in upbit.get_accounts():
        if account.currency in {"KRW", "BTC"}:
            print(f"  {account.currency:>4}: {account.balance:>18} (locked {account.locked})")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # BTC and ETH busier than the sandbox's default so a few seconds make a chart; an hour
        # of simulated history keeps the start quick.
        busy = tuple(
            replace(m, trades_per_minute=600) if m.code in ("KRW-BTC", "KRW-ETH") else m
            for m in DEFAULT_MARKETS
        )
        config = SandboxConfig(db_path=Path(tmp) / "sandbox.db", markets=busy, history_days=0.05)
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
            collect(sandbox)
    print("\ndone: signed requests over real HTTP, a gap-free stream on disk, no keys, no network")


def collect(running: RunningSandbox) -> None:
    """Stream trades into Parquet while the sandbox drops the socket, then DuckDB and a chart."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
    data = OUTPUT / "data"
    running.app.state.sandbox.faults = Faults(ws_disconnect_after=30)
    print(f"\ncollecting trades of KRW-BTC,KRW-ETH for {COLLECT_SECONDS} s into Parquet")
    print("  (the sandbox drops the WebSocket every 30 messages; gaps come back from REST)")
    collector = Collector(
        data, "KRW-BTC,KRW-ETH", types="trade", sink="parquet",
        base_url=running.url, flush_seconds=1.0,
    )  # fmt: skip
    stats = asyncio.run(collector.run(duration=COLLECT_SECONDS))
    running.app.state.sandbox.faults = Faults()
    print(
        f"  {stats.rows} rows, {stats.reconnects} reconnects, "
        f"{stats.gaps_filled} trades backfilled, {stats.flushes} batches"
    )
    glob = f"{data}/type=trade/**/*.parquet"
    query = (
        "SELECT market, count(*) AS trades, count(DISTINCT sequential_id) AS ids, "
        f"min(trade_price) AS low, max(trade_price) AS high FROM '{glob}' "
        "GROUP BY market ORDER BY market"
    )
    print(f"\nDuckDB: {query}")
    for market, trades, ids, low, high in duckdb.sql(query).fetchall():
        print(f"  {market}: {trades} trades ({ids} distinct ids), {low:,.0f} .. {high:,.0f} KRW")
    chart = render_chart(data, "KRW-BTC", OUTPUT / "KRW-BTC.png", interval="1s")
    print(f"\nfiles:\n  {glob}\n  {data / '_events.jsonl'} (starts, reconnects, stops)")
    print(f"  {chart.path} ({len(chart.candles)} one-second candles, reconnects marked)")


if __name__ == "__main__":
    main()
