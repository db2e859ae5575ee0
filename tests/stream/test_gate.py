"""`TradeGate` alone: a subscription change before the first trade arrived (a unit test with a
stand-in REST source; the sandbox runs the same path in test_stream.py, but only by chance)."""

from __future__ import annotations

import asyncio

from upbit_client.models import Trade, WsTrade

from upbit_ext.stream._backfill import TradeGate
from upbit_ext.stream._decode import Message, trade_key


def rest_trade(sid: int) -> Trade:
    return Trade.from_dict({
        "market": "KRW-BTC", "trade_date_utc": "2026-11-30", "trade_time_utc": "00:00:00",
        "timestamp": 1764460000000 + sid, "trade_price": 100.0, "trade_volume": 1.0,
        "prev_closing_price": 100.0, "change_price": 0.0, "ask_bid": "BID",
        "sequential_id": sid,
    })  # fmt: skip


def socket_trade(sid: int, stream_type: str) -> WsTrade:
    return WsTrade.from_dict({
        "type": "trade", "code": "KRW-BTC", "trade_price": 100.0, "trade_volume": 1.0,
        "ask_bid": "BID", "trade_timestamp": 1764460000000 + sid,
        "timestamp": 1764460000000 + sid, "sequential_id": sid, "stream_type": stream_type,
    })  # fmt: skip


class Source:
    """What REST has: trades 10 to 14."""

    async def trades_after(self, market: str, after: int) -> list[Trade]:
        return [rest_trade(sid) for sid in range(10, 15) if sid > after]


def test_a_new_request_before_the_first_trade_is_filled_from_rest() -> None:
    gate = TradeGate(Source(), verify=False, simple=lambda: False, decimal=False)

    async def scenario() -> list[Message]:
        out: list[Message] = []
        # A second request goes out before any trade of the first one has arrived.
        gate.resubscribing(["KRW-BTC"])
        out += gate.accept(socket_trade(10, "SNAPSHOT"))  # the first request's snapshot
        # The server restarted its stream for the second request: 11-13 were never sent.
        out += gate.accept(socket_trade(14, "SNAPSHOT"))
        if gate.has_ready:
            out += await gate.sweep(gate.ready(), release_all=True)
        return out

    got = asyncio.run(scenario())
    assert [trade_key(m) for m in got] == [("KRW-BTC", sid) for sid in range(10, 15)]
    assert [m.stream_type for m in got] == [  # type: ignore[union-attr]
        "SNAPSHOT", "BACKFILL", "BACKFILL", "BACKFILL", "SNAPSHOT",
    ]  # fmt: skip
    assert gate.backfilled == 3
