from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_trade import OrderTrade


T = TypeVar("T", bound="OrderDetail")


@_attrs_define
class OrderDetail:
    """Order as returned by GET /v1/order, with its fills in `trades`.

    Attributes:
        uuid (str): Order UUID assigned by Upbit.
        side (str): Order side. Known values: `bid` (buy), `ask` (sell).
        ord_type (str): Order type. Known values: `limit` (limit order), `price` (market buy by total
            amount), `market` (market sell by volume), `best` (best-price order).
        state (str): Order state. Known values: `wait` (open), `watch` (reserved/stop order waiting),
            `done` (fully filled), `cancel` (cancelled; a fully spent market buy usually ends
            here because the leftover dust is cancelled).
        market (str): Trading pair code, e.g. `KRW-BTC`.
        created_at (str): Creation time in KST, ISO 8601 with offset, e.g. `2026-03-22T21:42:22+09:00`.
        executed_volume (str): Volume filled so far.
        reserved_fee (str): Fee reserved when the order was placed.
        remaining_fee (str): Reserved fee not yet used.
        paid_fee (str): Fee paid on fills so far.
        locked (str): Funds locked by the order (price × volume plus fee for bids, volume for asks).
        prevented_locked (str): Funds released by self-match prevention.
        trades_count (int): Number of fills of this order.
        trades (list[OrderTrade]): Fills of this order (empty when nothing has been filled).
        price (str | Unset): Unit price for `limit` orders; total quote amount to spend for `price` (market
            buy) and `best` bid orders. Absent on `market` (market sell) orders.
        volume (str | Unset): Ordered volume. Absent on `price` (market buy) orders.
        remaining_volume (str | Unset): Volume still to be filled. Absent on `price` (market buy) orders.
        prevented_volume (str | Unset): Volume cancelled by self-match prevention. Absent on `price` (market buy)
            orders.
        time_in_force (str | Unset): Time-in-force condition; present only when set. Known values: `ioc`, `fok`,
            `post_only`.
        identifier (str | Unset): Client-assigned identifier; present only when set (orders created after 2024-10-18).
        smp_type (str | Unset): Self-match prevention mode. Known values: `none`, `cancel_maker`, `cancel_taker`,
            `reduce`. Upbit sends it on every order since 2026-11-09 (`cancel_maker` when the
            order was placed without one); it stays optional here because orders recorded
            before that date (tests/data/upbit-examples.json, cassettes/live/upbeat) lack it.
    """

    uuid: str
    side: str
    ord_type: str
    state: str
    market: str
    created_at: str
    executed_volume: str
    reserved_fee: str
    remaining_fee: str
    paid_fee: str
    locked: str
    prevented_locked: str
    trades_count: int
    trades: list[OrderTrade]
    price: str | Unset = UNSET
    volume: str | Unset = UNSET
    remaining_volume: str | Unset = UNSET
    prevented_volume: str | Unset = UNSET
    time_in_force: str | Unset = UNSET
    identifier: str | Unset = UNSET
    smp_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        side = self.side

        ord_type = self.ord_type

        state = self.state

        market = self.market

        created_at = self.created_at

        executed_volume = self.executed_volume

        reserved_fee = self.reserved_fee

        remaining_fee = self.remaining_fee

        paid_fee = self.paid_fee

        locked = self.locked

        prevented_locked = self.prevented_locked

        trades_count = self.trades_count

        trades = []
        for trades_item_data in self.trades:
            trades_item = trades_item_data.to_dict()
            trades.append(trades_item)

        price = self.price

        volume = self.volume

        remaining_volume = self.remaining_volume

        prevented_volume = self.prevented_volume

        time_in_force = self.time_in_force

        identifier = self.identifier

        smp_type = self.smp_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
                "side": side,
                "ord_type": ord_type,
                "state": state,
                "market": market,
                "created_at": created_at,
                "executed_volume": executed_volume,
                "reserved_fee": reserved_fee,
                "remaining_fee": remaining_fee,
                "paid_fee": paid_fee,
                "locked": locked,
                "prevented_locked": prevented_locked,
                "trades_count": trades_count,
                "trades": trades,
            }
        )
        if price is not UNSET:
            field_dict["price"] = price
        if volume is not UNSET:
            field_dict["volume"] = volume
        if remaining_volume is not UNSET:
            field_dict["remaining_volume"] = remaining_volume
        if prevented_volume is not UNSET:
            field_dict["prevented_volume"] = prevented_volume
        if time_in_force is not UNSET:
            field_dict["time_in_force"] = time_in_force
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if smp_type is not UNSET:
            field_dict["smp_type"] = smp_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_trade import OrderTrade

        d = dict(src_dict)
        uuid = d.pop("uuid")

        side = d.pop("side")

        ord_type = d.pop("ord_type")

        state = d.pop("state")

        market = d.pop("market")

        created_at = d.pop("created_at")

        executed_volume = d.pop("executed_volume")

        reserved_fee = d.pop("reserved_fee")

        remaining_fee = d.pop("remaining_fee")

        paid_fee = d.pop("paid_fee")

        locked = d.pop("locked")

        prevented_locked = d.pop("prevented_locked")

        trades_count = d.pop("trades_count")

        trades = []
        _trades = d.pop("trades")
        for trades_item_data in _trades:
            trades_item = OrderTrade.from_dict(trades_item_data)

            trades.append(trades_item)

        price = d.pop("price", UNSET)

        volume = d.pop("volume", UNSET)

        remaining_volume = d.pop("remaining_volume", UNSET)

        prevented_volume = d.pop("prevented_volume", UNSET)

        time_in_force = d.pop("time_in_force", UNSET)

        identifier = d.pop("identifier", UNSET)

        smp_type = d.pop("smp_type", UNSET)

        order_detail = cls(
            uuid=uuid,
            side=side,
            ord_type=ord_type,
            state=state,
            market=market,
            created_at=created_at,
            executed_volume=executed_volume,
            reserved_fee=reserved_fee,
            remaining_fee=remaining_fee,
            paid_fee=paid_fee,
            locked=locked,
            prevented_locked=prevented_locked,
            trades_count=trades_count,
            trades=trades,
            price=price,
            volume=volume,
            remaining_volume=remaining_volume,
            prevented_volume=prevented_volume,
            time_in_force=time_in_force,
            identifier=identifier,
            smp_type=smp_type,
        )

        order_detail.additional_properties = d
        return order_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
