from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsIndicatorValueSimple")


@_attrs_define
class WsIndicatorValueSimple:
    """Indicator values, SIMPLE format (abbreviated keys of `WsIndicatorValue`).

    Attributes:
        rsi (str | Unset): rsi.
        macd (str | Unset): macd.
        macds (str | Unset): macd_signal.
        hist (str | Unset): histogram.
        bbu (str | Unset): bb_upper.
        bbm (str | Unset): bb_middle.
        bbl (str | Unset): bb_lower.
        value (str | Unset): value (moving_average).
        mas (str | Unset): ma_short.
        mal (str | Unset): ma_long.
        vol (str | Unset): volume.
        av (str | Unset): avg_volume.
        rto (str | Unset): ratio.
    """

    rsi: str | Unset = UNSET
    macd: str | Unset = UNSET
    macds: str | Unset = UNSET
    hist: str | Unset = UNSET
    bbu: str | Unset = UNSET
    bbm: str | Unset = UNSET
    bbl: str | Unset = UNSET
    value: str | Unset = UNSET
    mas: str | Unset = UNSET
    mal: str | Unset = UNSET
    vol: str | Unset = UNSET
    av: str | Unset = UNSET
    rto: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rsi = self.rsi

        macd = self.macd

        macds = self.macds

        hist = self.hist

        bbu = self.bbu

        bbm = self.bbm

        bbl = self.bbl

        value = self.value

        mas = self.mas

        mal = self.mal

        vol = self.vol

        av = self.av

        rto = self.rto

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if rsi is not UNSET:
            field_dict["rsi"] = rsi
        if macd is not UNSET:
            field_dict["macd"] = macd
        if macds is not UNSET:
            field_dict["macds"] = macds
        if hist is not UNSET:
            field_dict["hist"] = hist
        if bbu is not UNSET:
            field_dict["bbu"] = bbu
        if bbm is not UNSET:
            field_dict["bbm"] = bbm
        if bbl is not UNSET:
            field_dict["bbl"] = bbl
        if value is not UNSET:
            field_dict["value"] = value
        if mas is not UNSET:
            field_dict["mas"] = mas
        if mal is not UNSET:
            field_dict["mal"] = mal
        if vol is not UNSET:
            field_dict["vol"] = vol
        if av is not UNSET:
            field_dict["av"] = av
        if rto is not UNSET:
            field_dict["rto"] = rto

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rsi = d.pop("rsi", UNSET)

        macd = d.pop("macd", UNSET)

        macds = d.pop("macds", UNSET)

        hist = d.pop("hist", UNSET)

        bbu = d.pop("bbu", UNSET)

        bbm = d.pop("bbm", UNSET)

        bbl = d.pop("bbl", UNSET)

        value = d.pop("value", UNSET)

        mas = d.pop("mas", UNSET)

        mal = d.pop("mal", UNSET)

        vol = d.pop("vol", UNSET)

        av = d.pop("av", UNSET)

        rto = d.pop("rto", UNSET)

        ws_indicator_value_simple = cls(
            rsi=rsi,
            macd=macd,
            macds=macds,
            hist=hist,
            bbu=bbu,
            bbm=bbm,
            bbl=bbl,
            value=value,
            mas=mas,
            mal=mal,
            vol=vol,
            av=av,
            rto=rto,
        )

        ws_indicator_value_simple.additional_properties = d
        return ws_indicator_value_simple

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
