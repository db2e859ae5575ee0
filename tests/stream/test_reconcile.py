"""`PrivateReconciler` alone: what a reconnect delivers from REST, and which socket repeats it
drops. A small stand-in for the sync facade (four reads) keeps it a unit test; the sandbox test
with a real disconnect is in test_stream.py."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from upbit_client.models import Account, OrderListItem, WsMyAsset, WsMyOrder

from upbit_ext.stream._reconcile import PrivateReconciler


def order(uuid: str, state: str, trades: int, executed: str = "0") -> OrderListItem:
    return OrderListItem.from_dict({
        "uuid": uuid, "side": "bid", "ord_type": "limit", "state": state, "market": "KRW-ETH",
        "created_at": "2026-11-30T10:00:00+09:00", "executed_volume": executed,
        "reserved_fee": "0", "remaining_fee": "0", "paid_fee": "0", "locked": "0",
        "prevented_locked": "0", "trades_count": trades, "executed_funds": "0",
        "price": "5000000", "volume": "0.002",
    })  # fmt: skip


def account(currency: str, balance: str) -> Account:
    return Account.from_dict({
        "currency": currency, "balance": balance, "locked": "0", "avg_buy_price": "0",
        "avg_buy_price_modified": False, "unit_currency": "KRW",
    })  # fmt: skip


class _Pages:
    def __init__(self, rest: FakeRest) -> None:
        self._rest = rest

    def list_open_orders(self, **_: Any) -> Iterator[OrderListItem]:
        return iter(self._rest.open)


class FakeRest:
    """What Upbit answers now; `calls` records what was asked."""

    def __init__(self) -> None:
        self.open: list[OrderListItem] = []
        self.closed: list[OrderListItem] = []
        self.everything: dict[str, OrderListItem] = {}
        self.accounts: list[Account] = []
        self.calls: list[str] = []
        self.paginate = _Pages(self)

    def iter_closed_orders(self, *, start: Any) -> Iterator[OrderListItem]:
        self.calls.append("closed")
        return iter(self.closed)

    def list_orders_by_ids(self, *, uuids: list[str]) -> list[OrderListItem]:
        self.calls.append(f"ids:{','.join(uuids)}")
        return [self.everything[u] for u in uuids if u in self.everything]

    def get_accounts(self) -> list[Account]:
        return self.accounts


def socket_order(uuid: str, state: str, trades: int) -> WsMyOrder:
    return WsMyOrder.from_dict({
        "type": "myOrder", "code": "KRW-ETH", "uuid": uuid, "ask_bid": "BID",
        "order_type": "limit", "state": state, "trades_count": trades,
        "timestamp": 1764464400000, "stream_type": "REALTIME",
    })  # fmt: skip


def socket_assets(**balances: str) -> WsMyAsset:
    return WsMyAsset.from_dict({
        "type": "myAsset", "timestamp": 1764464400000, "stream_type": "REALTIME",
        "assets": [{"currency": c, "balance": float(b), "locked": 0.0}
                   for c, b in balances.items()],
    })  # fmt: skip


def test_reconnect_delivers_changes_once_and_drops_the_socket_repeats() -> None:
    rest = FakeRest()
    rest.open = [order("A", "wait", 0)]
    rest.accounts = [account("KRW", "100")]
    reconciler = PrivateReconciler(rest, simple=lambda: False, decimal=True)  # type: ignore[arg-type]

    async def scenario() -> None:
        # First connect: a baseline, nothing delivered.
        assert await reconciler.connected(["myOrder", "myAsset"]) == []
        assert reconciler.accept(socket_order("A", "wait", 0))  # the socket's own event
        # While down: A filled (in neither list: found by uuid), B came and went, balances moved.
        rest.open = []
        rest.closed = [order("B", "cancel", 0)]
        rest.everything = {"A": order("A", "done", 1, executed="0.002")}
        rest.accounts = [account("KRW", "90"), account("ETH", "0.002")]
        rest.calls.clear()
        got = await reconciler.connected(["myOrder", "myAsset"])
        assert "ids:A" in rest.calls
        orders = [(m.uuid, m.state, m.trades_count, m.stream_type) for m in got[:-1]]  # type: ignore[union-attr]
        assert sorted(orders) == [("A", "done", 1, "BACKFILL"), ("B", "cancel", 0, "BACKFILL")]
        assert got[0].executed_volume == Decimal("0.002") or got[1].executed_volume == Decimal(  # type: ignore[union-attr]
            "0.002"
        )
        assets = got[-1]
        assert isinstance(assets, WsMyAsset)
        assert assets.stream_type == "BACKFILL"
        assert {a.currency: a.balance for a in assets.assets} == {
            "ETH": Decimal("0.002"), "KRW": Decimal("90"),
        }  # fmt: skip
        assert reconciler.backfilled == 3
        # Late socket events saying the same: dropped. Something new: delivered.
        assert reconciler.accept(socket_order("A", "trade", 1)) == []
        assert reconciler.accept(socket_order("A", "done", 1)) == []
        assert reconciler.accept(socket_assets(KRW="90", ETH="0.002")) == []
        assert reconciler.duplicates == 3
        assert reconciler.accept(socket_assets(KRW="80"))
        assert reconciler.accept(socket_order("C", "wait", 0))
        # Nothing changed since: a reconnect delivers nothing.
        rest.open = [order("C", "wait", 0)]
        rest.accounts = [account("KRW", "80"), account("ETH", "0.002")]
        assert await reconciler.connected(["myOrder", "myAsset"]) == []

    asyncio.run(scenario())


def test_an_emptied_balance_is_reported_as_zero() -> None:
    rest = FakeRest()
    rest.accounts = [account("KRW", "100"), account("XRP", "5")]
    reconciler = PrivateReconciler(rest, simple=lambda: True, decimal=False)  # type: ignore[arg-type]

    async def scenario() -> list[Any]:
        await reconciler.connected(["myAsset"])
        rest.accounts = [account("KRW", "100")]  # Upbit lists no empty balance
        return await reconciler.connected(["myAsset"])

    [message] = asyncio.run(scenario())
    assert message.st == "BACKFILL"
    assert [(a.cu, a.b, a.l) for a in message.ast] == [("XRP", 0.0, 0.0)]
