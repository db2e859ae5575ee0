from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsDataType")


@_attrs_define
class WsDataType:
    """Data type object: one subscription. Several may be sent in one request message
    (also several `orderbook` objects with different `level`s).

        Attributes:
            type_ (str): Data type to receive. Known values: `ticker`, `trade`, `orderbook`,
                `candle.1s`, `candle.1m`, `candle.3m`, `candle.5m`, `candle.10m`, `candle.15m`,
                `candle.30m`, `candle.60m`, `candle.240m` (public endpoint); `myOrder`, `myAsset`
                (private endpoint, JWT in the handshake); `announcement` (info endpoint
                `/websocket/v1/info`, JWT in the handshake; older documentation puts it on the
                private endpoint). Indicators use `WsIndicatorDataType`. Missing → `NO_TYPE` error.
            codes (list[str] | Unset): Pair codes, UPPERCASE (e.g. `KRW-BTC`). Required for ticker, trade, orderbook and
                candle types (missing → `NO_CODES`); optional for `myOrder` (omitted or empty = all
                markets); must NOT be sent for `myAsset` (→ `WRONG_FORMAT`). For `orderbook` a
                depth may be appended as `{pair}.{unit}` with unit 1, 5, 15 or 30 (server default 30),
                e.g. `KRW-BTC.15`.
            level (float | str | Unset): `orderbook` only: price-grouping unit (KRW markets only; BTC/USDT markets support
                only 0). Server default: 0 (no grouping). Upbit's guide documents it as a string,
                the orderbook page as a double; both are accepted here.
            is_only_snapshot (bool | Unset): Quotation types only. `true` = send only the snapshot, once. Server default
                false.
            is_only_realtime (bool | Unset): Quotation types only. `true` = skip the snapshot, send only realtime updates.
                Server default false.
            categories (list[str] | Unset): `announcement` only: categories to receive. Known values: `notice`, `trade`,
                `wallet`, `maintenance`, `digital_asset`, `nft`, `service`, `event`
                (an unknown value → `INVALID_PARAM`).
            include_body (bool | Unset): `announcement` only: include the Markdown `body`. Server default false.
    """

    type_: str
    codes: list[str] | Unset = UNSET
    level: float | str | Unset = UNSET
    is_only_snapshot: bool | Unset = UNSET
    is_only_realtime: bool | Unset = UNSET
    categories: list[str] | Unset = UNSET
    include_body: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        codes: list[str] | Unset = UNSET
        if not isinstance(self.codes, Unset):
            codes = self.codes

        level: float | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        is_only_snapshot = self.is_only_snapshot

        is_only_realtime = self.is_only_realtime

        categories: list[str] | Unset = UNSET
        if not isinstance(self.categories, Unset):
            categories = self.categories

        include_body = self.include_body

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if codes is not UNSET:
            field_dict["codes"] = codes
        if level is not UNSET:
            field_dict["level"] = level
        if is_only_snapshot is not UNSET:
            field_dict["is_only_snapshot"] = is_only_snapshot
        if is_only_realtime is not UNSET:
            field_dict["is_only_realtime"] = is_only_realtime
        if categories is not UNSET:
            field_dict["categories"] = categories
        if include_body is not UNSET:
            field_dict["include_body"] = include_body

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        codes = cast(list[str], d.pop("codes", UNSET))

        def _parse_level(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        is_only_snapshot = d.pop("is_only_snapshot", UNSET)

        is_only_realtime = d.pop("is_only_realtime", UNSET)

        categories = cast(list[str], d.pop("categories", UNSET))

        include_body = d.pop("include_body", UNSET)

        ws_data_type = cls(
            type_=type_,
            codes=codes,
            level=level,
            is_only_snapshot=is_only_snapshot,
            is_only_realtime=is_only_realtime,
            categories=categories,
            include_body=include_body,
        )

        return ws_data_type
