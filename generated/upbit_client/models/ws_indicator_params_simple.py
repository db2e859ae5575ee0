from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsIndicatorParamsSimple")


@_attrs_define
class WsIndicatorParamsSimple:
    """Indicator parameters, SIMPLE format (abbreviated keys of `WsIndicatorParams`).

    Attributes:
        p (int | Unset): period.
        t (str | Unset): type (SMA or EMA).
        m (float | Unset): multiplier.
        f (int | Unset): fast.
        s (int | Unset): slow.
        sgp (int | Unset): signal_period.
        shp (int | Unset): short_period.
        lop (int | Unset): long_period.
    """

    p: int | Unset = UNSET
    t: str | Unset = UNSET
    m: float | Unset = UNSET
    f: int | Unset = UNSET
    s: int | Unset = UNSET
    sgp: int | Unset = UNSET
    shp: int | Unset = UNSET
    lop: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        p = self.p

        t = self.t

        m = self.m

        f = self.f

        s = self.s

        sgp = self.sgp

        shp = self.shp

        lop = self.lop

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if p is not UNSET:
            field_dict["p"] = p
        if t is not UNSET:
            field_dict["t"] = t
        if m is not UNSET:
            field_dict["m"] = m
        if f is not UNSET:
            field_dict["f"] = f
        if s is not UNSET:
            field_dict["s"] = s
        if sgp is not UNSET:
            field_dict["sgp"] = sgp
        if shp is not UNSET:
            field_dict["shp"] = shp
        if lop is not UNSET:
            field_dict["lop"] = lop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        p = d.pop("p", UNSET)

        t = d.pop("t", UNSET)

        m = d.pop("m", UNSET)

        f = d.pop("f", UNSET)

        s = d.pop("s", UNSET)

        sgp = d.pop("sgp", UNSET)

        shp = d.pop("shp", UNSET)

        lop = d.pop("lop", UNSET)

        ws_indicator_params_simple = cls(
            p=p,
            t=t,
            m=m,
            f=f,
            s=s,
            sgp=sgp,
            shp=shp,
            lop=lop,
        )

        ws_indicator_params_simple.additional_properties = d
        return ws_indicator_params_simple

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
