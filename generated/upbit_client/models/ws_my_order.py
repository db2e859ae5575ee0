from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsMyOrder")


@_attrs_define
class WsMyOrder:
    """`myOrder` message (DEFAULT format, private endpoint): an order or trade event of the
    key's account. Unlike REST, amounts here are JSON numbers. Realtime only.

        Attributes:
            type_ (str): Always `myOrder`.
            code (str): Pair code, e.g. KRW-BTC.
            uuid (str): Order id.
            ask_bid (str): Known values: ASK (sell), BID (buy).
            order_type (str): Known values: limit, price (market buy), market (market sell), best (best-price limit).
            state (str): Known values: wait, watch (reserved order waiting), trade (a fill happened),
                done, cancel, prevented (self-match prevention).
            timestamp (int): Message time (ms since epoch).
            stream_type (str): Known values: REALTIME.
            trade_uuid (None | str | Unset): Trade id; set when `state` is trade.
            price (float | Unset): Order price, or the fill price when `state` is trade.
            avg_price (float | Unset): Average fill price.
            volume (float | Unset): Order volume, or the fill volume when `state` is trade.
            remaining_volume (float | Unset): Remaining volume after the fill.
            executed_volume (float | Unset): Executed volume.
            trades_count (int | Unset): Number of fills of the order.
            reserved_fee (float | Unset): Fee reserved for the order.
            remaining_fee (float | Unset): Remaining reserved fee.
            paid_fee (float | Unset): Fee paid so far.
            locked (float | Unset): Amount locked by the order.
            executed_funds (float | Unset): Executed value.
            time_in_force (None | str | Unset): Known values: ioc, fok, post_only; null when not set.
            trade_fee (float | None | Unset): Fee of this fill; null unless `state` is trade.
            is_maker (bool | None | Unset): Whether this fill was maker; null unless `state` is trade.
            identifier (None | str | Unset): Client-given order identifier.
            smp_type (None | str | Unset): Self-match prevention type. Known values: none, reduce, cancel_maker,
                cancel_taker.
            prevented_volume (float | None | Unset): Volume cancelled by self-match prevention.
            prevented_locked (float | None | Unset): Amount (buy) or volume (sell) released by self-match prevention.
            trade_timestamp (int | None | Unset): Fill time (ms since epoch); set when `state` is trade.
            order_timestamp (int | Unset): Order time (ms since epoch).
    """

    type_: str
    code: str
    uuid: str
    ask_bid: str
    order_type: str
    state: str
    timestamp: int
    stream_type: str
    trade_uuid: None | str | Unset = UNSET
    price: float | Unset = UNSET
    avg_price: float | Unset = UNSET
    volume: float | Unset = UNSET
    remaining_volume: float | Unset = UNSET
    executed_volume: float | Unset = UNSET
    trades_count: int | Unset = UNSET
    reserved_fee: float | Unset = UNSET
    remaining_fee: float | Unset = UNSET
    paid_fee: float | Unset = UNSET
    locked: float | Unset = UNSET
    executed_funds: float | Unset = UNSET
    time_in_force: None | str | Unset = UNSET
    trade_fee: float | None | Unset = UNSET
    is_maker: bool | None | Unset = UNSET
    identifier: None | str | Unset = UNSET
    smp_type: None | str | Unset = UNSET
    prevented_volume: float | None | Unset = UNSET
    prevented_locked: float | None | Unset = UNSET
    trade_timestamp: int | None | Unset = UNSET
    order_timestamp: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        uuid = self.uuid

        ask_bid = self.ask_bid

        order_type = self.order_type

        state = self.state

        timestamp = self.timestamp

        stream_type = self.stream_type

        trade_uuid: None | str | Unset
        if isinstance(self.trade_uuid, Unset):
            trade_uuid = UNSET
        else:
            trade_uuid = self.trade_uuid

        price = self.price

        avg_price = self.avg_price

        volume = self.volume

        remaining_volume = self.remaining_volume

        executed_volume = self.executed_volume

        trades_count = self.trades_count

        reserved_fee = self.reserved_fee

        remaining_fee = self.remaining_fee

        paid_fee = self.paid_fee

        locked = self.locked

        executed_funds = self.executed_funds

        time_in_force: None | str | Unset
        if isinstance(self.time_in_force, Unset):
            time_in_force = UNSET
        else:
            time_in_force = self.time_in_force

        trade_fee: float | None | Unset
        if isinstance(self.trade_fee, Unset):
            trade_fee = UNSET
        else:
            trade_fee = self.trade_fee

        is_maker: bool | None | Unset
        if isinstance(self.is_maker, Unset):
            is_maker = UNSET
        else:
            is_maker = self.is_maker

        identifier: None | str | Unset
        if isinstance(self.identifier, Unset):
            identifier = UNSET
        else:
            identifier = self.identifier

        smp_type: None | str | Unset
        if isinstance(self.smp_type, Unset):
            smp_type = UNSET
        else:
            smp_type = self.smp_type

        prevented_volume: float | None | Unset
        if isinstance(self.prevented_volume, Unset):
            prevented_volume = UNSET
        else:
            prevented_volume = self.prevented_volume

        prevented_locked: float | None | Unset
        if isinstance(self.prevented_locked, Unset):
            prevented_locked = UNSET
        else:
            prevented_locked = self.prevented_locked

        trade_timestamp: int | None | Unset
        if isinstance(self.trade_timestamp, Unset):
            trade_timestamp = UNSET
        else:
            trade_timestamp = self.trade_timestamp

        order_timestamp = self.order_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "uuid": uuid,
                "ask_bid": ask_bid,
                "order_type": order_type,
                "state": state,
                "timestamp": timestamp,
                "stream_type": stream_type,
            }
        )
        if trade_uuid is not UNSET:
            field_dict["trade_uuid"] = trade_uuid
        if price is not UNSET:
            field_dict["price"] = price
        if avg_price is not UNSET:
            field_dict["avg_price"] = avg_price
        if volume is not UNSET:
            field_dict["volume"] = volume
        if remaining_volume is not UNSET:
            field_dict["remaining_volume"] = remaining_volume
        if executed_volume is not UNSET:
            field_dict["executed_volume"] = executed_volume
        if trades_count is not UNSET:
            field_dict["trades_count"] = trades_count
        if reserved_fee is not UNSET:
            field_dict["reserved_fee"] = reserved_fee
        if remaining_fee is not UNSET:
            field_dict["remaining_fee"] = remaining_fee
        if paid_fee is not UNSET:
            field_dict["paid_fee"] = paid_fee
        if locked is not UNSET:
            field_dict["locked"] = locked
        if executed_funds is not UNSET:
            field_dict["executed_funds"] = executed_funds
        if time_in_force is not UNSET:
            field_dict["time_in_force"] = time_in_force
        if trade_fee is not UNSET:
            field_dict["trade_fee"] = trade_fee
        if is_maker is not UNSET:
            field_dict["is_maker"] = is_maker
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if smp_type is not UNSET:
            field_dict["smp_type"] = smp_type
        if prevented_volume is not UNSET:
            field_dict["prevented_volume"] = prevented_volume
        if prevented_locked is not UNSET:
            field_dict["prevented_locked"] = prevented_locked
        if trade_timestamp is not UNSET:
            field_dict["trade_timestamp"] = trade_timestamp
        if order_timestamp is not UNSET:
            field_dict["order_timestamp"] = order_timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        code = d.pop("code")

        uuid = d.pop("uuid")

        ask_bid = d.pop("ask_bid")

        order_type = d.pop("order_type")

        state = d.pop("state")

        timestamp = d.pop("timestamp")

        stream_type = d.pop("stream_type")

        def _parse_trade_uuid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trade_uuid = _parse_trade_uuid(d.pop("trade_uuid", UNSET))

        price = d.pop("price", UNSET)

        avg_price = d.pop("avg_price", UNSET)

        volume = d.pop("volume", UNSET)

        remaining_volume = d.pop("remaining_volume", UNSET)

        executed_volume = d.pop("executed_volume", UNSET)

        trades_count = d.pop("trades_count", UNSET)

        reserved_fee = d.pop("reserved_fee", UNSET)

        remaining_fee = d.pop("remaining_fee", UNSET)

        paid_fee = d.pop("paid_fee", UNSET)

        locked = d.pop("locked", UNSET)

        executed_funds = d.pop("executed_funds", UNSET)

        def _parse_time_in_force(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_in_force = _parse_time_in_force(d.pop("time_in_force", UNSET))

        def _parse_trade_fee(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        trade_fee = _parse_trade_fee(d.pop("trade_fee", UNSET))

        def _parse_is_maker(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_maker = _parse_is_maker(d.pop("is_maker", UNSET))

        def _parse_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identifier = _parse_identifier(d.pop("identifier", UNSET))

        def _parse_smp_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        smp_type = _parse_smp_type(d.pop("smp_type", UNSET))

        def _parse_prevented_volume(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        prevented_volume = _parse_prevented_volume(d.pop("prevented_volume", UNSET))

        def _parse_prevented_locked(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        prevented_locked = _parse_prevented_locked(d.pop("prevented_locked", UNSET))

        def _parse_trade_timestamp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        trade_timestamp = _parse_trade_timestamp(d.pop("trade_timestamp", UNSET))

        order_timestamp = d.pop("order_timestamp", UNSET)

        ws_my_order = cls(
            type_=type_,
            code=code,
            uuid=uuid,
            ask_bid=ask_bid,
            order_type=order_type,
            state=state,
            timestamp=timestamp,
            stream_type=stream_type,
            trade_uuid=trade_uuid,
            price=price,
            avg_price=avg_price,
            volume=volume,
            remaining_volume=remaining_volume,
            executed_volume=executed_volume,
            trades_count=trades_count,
            reserved_fee=reserved_fee,
            remaining_fee=remaining_fee,
            paid_fee=paid_fee,
            locked=locked,
            executed_funds=executed_funds,
            time_in_force=time_in_force,
            trade_fee=trade_fee,
            is_maker=is_maker,
            identifier=identifier,
            smp_type=smp_type,
            prevented_volume=prevented_volume,
            prevented_locked=prevented_locked,
            trade_timestamp=trade_timestamp,
            order_timestamp=order_timestamp,
        )

        ws_my_order.additional_properties = d
        return ws_my_order

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
