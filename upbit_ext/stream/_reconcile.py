"""No silent loss on the private stream: myOrder/myAsset reconciled from REST after a reconnect.

Upbit does not replay private events sent while a socket was down. A private stream given
`backfill=` (an `AsyncUpbit`/`Upbit` holding the same keys) takes a REST baseline when it first
connects (open orders, balances: what it knows without any event), and after every reconnect asks
REST, through the facade and its limiter, what changed meanwhile: the open orders, the orders
created since the last check that are now closed, every order it knew open that is in neither
list (by uuid), and the balances. Each order or balance that differs from what was last delivered
is delivered as a `myOrder`/`myAsset` message with `stream_type == "BACKFILL"` (the orders' own
REST state: `wait`, `watch`, `done` or `cancel`, with their counts and sums; no `trade_uuid`).
A socket event that repeats what a backfilled message already said is dropped, counted in
`stats.duplicates`; `stats.backfilled` counts the messages made here.

An order's progress is `(trades_count, closed)`: it only grows, so an older or equal event after
a backfill is a repeat, and a newer one is delivered.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from upbit_client.models import (
    Account,
    OrderListItem,
    WsMyAsset,
    WsMyAssetSimple,
    WsMyOrder,
    WsMyOrderSimple,
)
from upbit_client.types import Unset

from ._decode import Message

if TYPE_CHECKING:
    from .._client import AsyncUpbit, Upbit

__all__ = ["PrivateReconciler"]

_MARGIN_MS: Final = 5 * 60_000  # closed orders created this long before the last check count too
_KEEP: Final = 10_000  # orders remembered for de-duplication
_BY_IDS: Final = 100  # uuids per /v1/orders/uuids call
_CLOSED: Final = frozenset({"done", "cancel"})
_ZERO: Final = Decimal(0)
_ORDER_SIMPLE: Final = {
    "type": "ty", "code": "cd", "timestamp": "tms", "stream_type": "st", "uuid": "uid",
    "ask_bid": "ab", "order_type": "ot", "state": "s", "trade_uuid": "tuid", "price": "p",
    "avg_price": "ap", "volume": "v", "remaining_volume": "rv", "executed_volume": "ev",
    "trades_count": "tc", "reserved_fee": "rsf", "remaining_fee": "rmf", "paid_fee": "pf",
    "locked": "l", "executed_funds": "ef", "time_in_force": "tif", "identifier": "id",
    "smp_type": "smpt", "prevented_volume": "pv", "prevented_locked": "pl",
    "order_timestamp": "otms",
}  # fmt: skip

_Progress = tuple[int, bool]


def _ms(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp() * 1000)


def _opt(value: object) -> Any:
    return None if isinstance(value, Unset) else value


class _Rest:
    """The four REST reads, from an async or a sync facade (the latter in a thread)."""

    def __init__(self, client: AsyncUpbit | Upbit) -> None:
        from .._client import AsyncUpbit

        self._client = client
        self._async = isinstance(client, AsyncUpbit)

    async def _run(self, sync: Callable[[], Any], coroutine: Callable[[], Any]) -> Any:
        if self._async:
            return await coroutine()
        return await asyncio.to_thread(sync)

    async def open_orders(self) -> list[OrderListItem]:
        client: Any = self._client

        async def collect() -> list[OrderListItem]:
            pages: AsyncIterator[OrderListItem] = client.paginate.list_open_orders(
                states=["wait", "watch"], limit=100
            )
            return [order async for order in pages]

        def collect_sync() -> list[OrderListItem]:
            pages: Iterator[OrderListItem] = client.paginate.list_open_orders(
                states=["wait", "watch"], limit=100
            )
            return list(pages)

        result: list[OrderListItem] = await self._run(collect_sync, collect)
        return result

    async def closed_since(self, since_ms: int) -> list[OrderListItem]:
        client: Any = self._client
        start = datetime.fromtimestamp(since_ms / 1000, UTC)

        async def collect() -> list[OrderListItem]:
            return [order async for order in client.iter_closed_orders(start=start)]

        result: list[OrderListItem] = await self._run(
            lambda: list(client.iter_closed_orders(start=start)), collect
        )
        return result

    async def by_ids(self, uuids: list[str]) -> list[OrderListItem]:
        client: Any = self._client
        found: list[OrderListItem] = []
        for i in range(0, len(uuids), _BY_IDS):
            chunk = uuids[i : i + _BY_IDS]

            async def one(chunk: list[str] = chunk) -> Any:
                return await client.list_orders_by_ids(uuids=chunk)

            def one_sync(chunk: list[str] = chunk) -> Any:
                return client.list_orders_by_ids(uuids=chunk)

            found += await self._run(one_sync, one)
        return found

    async def accounts(self) -> list[Account]:
        client: Any = self._client
        result: list[Account] = await self._run(client.get_accounts, client.get_accounts)
        return result


def _socket_order(message: Message) -> tuple[str, _Progress, str, int] | None:
    """(uuid, progress, state, server ms) of a myOrder message of either format."""
    if isinstance(message, WsMyOrder):
        uuid, state, count, ms = (
            message.uuid,
            message.state,
            message.trades_count,
            message.timestamp,
        )
    elif isinstance(message, WsMyOrderSimple):
        uuid, state, count, ms = message.uid, message.s, message.tc, message.tms
    else:
        return None
    trades = count if isinstance(count, int) else 0
    return uuid, (trades, state in _CLOSED), "wait" if state == "trade" else state, ms


def _socket_assets(message: Message) -> tuple[dict[str, tuple[Decimal, Decimal]], int] | None:
    if isinstance(message, WsMyAsset):
        items = [(a.currency, a.balance, a.locked) for a in message.assets]
        ms = message.timestamp
    elif isinstance(message, WsMyAssetSimple):
        items = [(a.cu, a.b, a.l) for a in message.ast]
        ms = message.tms
    else:
        return None
    return {c: (Decimal(str(b)), Decimal(str(lk))) for c, b, lk in items}, ms


class PrivateReconciler:
    """What the private stream delivered, and what REST says changed since."""

    def __init__(
        self, client: AsyncUpbit | Upbit, *, simple: Callable[[], bool], decimal: bool
    ) -> None:
        self._rest = _Rest(client)
        self._simple = simple
        self._decimal = decimal
        # uuid -> (progress, state, delivered by a backfill)
        self._orders: dict[str, tuple[_Progress, str, bool]] = {}
        self._assets: dict[str, tuple[Decimal, Decimal, bool]] = {}
        self._based: set[str] = set()  # types with a baseline: "myOrder", "myAsset"
        self._checked_ms: int | None = None  # server time of the last check (or event)
        self.backfilled = 0
        self.duplicates = 0

    # -- the socket side -------------------------------------------------------------------

    def accept(self, message: Message) -> list[Message]:
        """What to deliver of one socket message (repeats of a backfill are dropped)."""
        order = _socket_order(message)
        if order is not None:
            uuid, progress, state, ms = order
            self._seen(ms)
            known = self._orders.get(uuid)
            if known is not None and known[2] and progress <= known[0]:
                self.duplicates += 1
                return []
            if known is None or progress >= known[0]:
                self._remember(uuid, (progress, state, False))
            return [message]
        assets = _socket_assets(message)
        if assets is not None:
            changed, ms = assets
            self._seen(ms)
            if changed and all(
                (k := self._assets.get(c)) is not None and k[2] and k[:2] == v
                for c, v in changed.items()
            ):
                self.duplicates += 1
                return []
            for currency, (balance, locked) in changed.items():
                self._assets[currency] = (balance, locked, False)
        return [message]

    def _seen(self, ms: int) -> None:
        if self._checked_ms is None or ms > self._checked_ms:
            self._checked_ms = ms

    def _remember(self, uuid: str, value: tuple[_Progress, str, bool]) -> None:
        self._orders.pop(uuid, None)
        self._orders[uuid] = value
        if len(self._orders) > _KEEP:  # forget the oldest closed orders
            for old in [u for u, v in self._orders.items() if v[0][1]][: len(self._orders) // 10]:
                del self._orders[old]

    # -- the REST side ---------------------------------------------------------------------

    async def connected(self, types: Iterable[str], *, reconcile: bool = True) -> list[Message]:
        """Once a subscription is sent: reconcile the types that have a baseline (after a
        reconnect), then take a baseline of the subscribed ones that have none. Returns the
        messages to deliver."""
        wanted = {t for t in types if t in ("myOrder", "myAsset")}
        started = int(time.time() * 1000)
        out: list[Message] = []
        if reconcile:
            if "myOrder" in self._based:
                out += await self._orders_changed(deliver=True)
            if "myAsset" in self._based:
                out += await self._assets_changed(deliver=True)
        for kind in sorted(wanted - self._based):
            if kind == "myOrder":
                await self._orders_changed(deliver=False)
            else:
                await self._assets_changed(deliver=False)
            self._based.add(kind)
        self._seen(started)
        self.backfilled += len(out)
        return out

    async def _orders_changed(self, *, deliver: bool) -> list[Message]:
        found: dict[str, OrderListItem] = {o.uuid: o for o in await self._rest.open_orders()}
        since = (self._checked_ms or int(time.time() * 1000)) - _MARGIN_MS
        for order in await self._rest.closed_since(since):  # the baseline knows them too
            found.setdefault(order.uuid, order)
        if deliver:
            missing = [u for u, v in self._orders.items() if not v[0][1] and u not in found]
            for order in await self._rest.by_ids(missing) if missing else []:
                found.setdefault(order.uuid, order)
        out: list[Message] = []
        for order in sorted(found.values(), key=lambda o: o.created_at):
            progress = (order.trades_count, order.state in _CLOSED)
            self._seen(_ms(order.created_at))
            known = self._orders.get(order.uuid)
            if known is not None and (
                progress < known[0] or (progress == known[0] and order.state == known[1])
            ):
                continue
            if known is None and not deliver:
                self._remember(order.uuid, (progress, order.state, False))
                continue
            if known is not None and not deliver:
                if progress > known[0]:
                    self._remember(order.uuid, (progress, order.state, known[2]))
                continue
            self._remember(order.uuid, (progress, order.state, True))
            out.append(self._order_message(order))
        return out

    async def _assets_changed(self, *, deliver: bool) -> list[Message]:
        now = {
            a.currency: (Decimal(a.balance), Decimal(a.locked)) for a in await self._rest.accounts()
        }
        changed: dict[str, tuple[Decimal, Decimal]] = {}
        for currency, value in now.items():
            known = self._assets.get(currency)
            if known is None or known[:2] != value:
                changed[currency] = value
        for currency, known in self._assets.items():
            if currency not in now and known[:2] != (_ZERO, _ZERO):  # Upbit lists no empty balance
                changed[currency] = (Decimal(0), Decimal(0))
        if not deliver:
            for currency, (balance, locked) in changed.items():
                self._assets.setdefault(currency, (balance, locked, False))
            return []
        for currency, (balance, locked) in changed.items():
            self._assets[currency] = (balance, locked, True)
        return [self._asset_message(changed)] if changed else []

    # -- messages --------------------------------------------------------------------------

    def _number(self, text: str | Decimal | None) -> Any:
        if text is None:
            return None
        return Decimal(text) if self._decimal else float(text)

    def _order_message(self, order: OrderListItem) -> WsMyOrder | WsMyOrderSimple:
        executed = Decimal(order.executed_volume)
        funds = Decimal(order.executed_funds)
        fields: dict[str, Any] = {
            "type": "myOrder", "code": order.market, "uuid": order.uuid,
            "ask_bid": order.side.upper(), "order_type": order.ord_type, "state": order.state,
            "trade_uuid": None, "price": self._number(_opt(order.price)),
            "avg_price": self._number(funds / executed if executed else Decimal(0)),
            "volume": self._number(_opt(order.volume)),
            "remaining_volume": self._number(_opt(order.remaining_volume)),
            "executed_volume": self._number(order.executed_volume),
            "trades_count": order.trades_count,
            "reserved_fee": self._number(order.reserved_fee),
            "remaining_fee": self._number(order.remaining_fee),
            "paid_fee": self._number(order.paid_fee), "locked": self._number(order.locked),
            "executed_funds": self._number(order.executed_funds),
            "time_in_force": _opt(order.time_in_force), "identifier": _opt(order.identifier),
            "smp_type": _opt(order.smp_type),
            "prevented_volume": self._number(_opt(order.prevented_volume)),
            "prevented_locked": self._number(order.prevented_locked),
            "order_timestamp": _ms(order.created_at), "timestamp": int(time.time() * 1000),
            "stream_type": "BACKFILL",
        }  # fmt: skip
        fields = {k: v for k, v in fields.items() if v is not None or k == "trade_uuid"}
        if self._simple():
            return WsMyOrderSimple.from_dict({_ORDER_SIMPLE[k]: v for k, v in fields.items()})
        return WsMyOrder.from_dict(fields)

    def _asset_message(
        self, changed: dict[str, tuple[Decimal, Decimal]]
    ) -> WsMyAsset | WsMyAssetSimple:
        now = int(time.time() * 1000)
        assets = [
            {"currency": c, "balance": self._number(b), "locked": self._number(lk)}
            for c, (b, lk) in sorted(changed.items())
        ]
        if self._simple():
            return WsMyAssetSimple.from_dict({
                "ty": "myAsset", "ast": [{"cu": a["currency"], "b": a["balance"], "l": a["locked"]}
                                         for a in assets],
                "asttms": now, "tms": now, "st": "BACKFILL",
            })  # fmt: skip
        return WsMyAsset.from_dict({
            "type": "myAsset", "assets": assets, "asset_timestamp": now, "timestamp": now,
            "stream_type": "BACKFILL",
        })  # fmt: skip
