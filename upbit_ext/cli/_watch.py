"""`upbit ticker --watch`: a live table fed by the WebSocket ticker stream (the `stream` extra).

Imported only when `--watch` is given, so plain `upbit ticker` never needs `websockets`.
Ctrl-C is the way to stop watching, not a failure: the last table stays on screen, exit 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.table import Table
from upbit_client.models import WsTicker

from upbit_ext.stream import AsyncStream
from upbit_ext.stream._collector import ws_url_for

from ._core import plain

__all__ = ["watch_tickers", "ws_url_for"]


def _number(value: Any, places: int | None = None) -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    if places is not None:
        number = round(number, places)
    return f"{number.normalize():,f}"


def _table(markets: Sequence[str], rows: dict[str, dict[str, Any]], updates: int) -> Table:
    table = Table(
        title="Upbit tickers (live)",
        caption=f"{updates} updates · Ctrl-C stops",
    )
    for name, justify in (
        ("market", "left"), ("price", "right"), ("change", "right"),
        ("24h value", "right"), ("updated (UTC)", "left"),
    ):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for market in markets:
        row = rows.get(market)
        if row is None:
            table.add_row(market, "…", "", "", "")
            continue
        rate = Decimal(str(row.get("signed_change_rate") or 0)) * 100
        style = "green" if rate > 0 else "red" if rate < 0 else ""
        stamp = datetime.fromtimestamp(int(row["timestamp"]) / 1000, UTC)
        table.add_row(
            market,
            _number(row["trade_price"]),
            f"[{style}]{rate:+.2f}%[/]" if style else f"{rate:+.2f}%",
            _number(row.get("acc_trade_price_24h"), 0),
            stamp.strftime("%H:%M:%S.%f")[:-3],
        )
    return table


async def _run(url: str, markets: list[str], table: bool, count: int | None) -> None:
    task = asyncio.current_task()
    if task is not None:  # SIGTERM stops like Ctrl-C
        with contextlib.suppress(NotImplementedError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    rows: dict[str, dict[str, Any]] = {}
    updates = 0
    live = Live(_table(markets, rows, 0), console=Console(), auto_refresh=False) if table else None
    with live or contextlib.nullcontext():
        async with AsyncStream(url=url, decimal=True) as stream:
            await stream.subscribe("ticker", markets)
            async for message in stream:
                if not isinstance(message, WsTicker):
                    continue
                updates += 1
                data = plain(message)
                if live is not None:
                    rows[message.code] = data
                    live.update(_table(markets, rows, updates), refresh=True)
                else:
                    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                if count is not None and updates >= count:
                    return


def watch_tickers(url: str, markets: list[str], *, table: bool, count: int | None) -> None:
    """Show `markets`' tickers from the stream at `url` until Ctrl-C (or `count` updates).

    `table`: a Rich live table; otherwise one JSON line per ticker message (for pipes).
    """
    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
        asyncio.run(_run(url, markets, table, count))
