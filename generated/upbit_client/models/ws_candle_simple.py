from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsCandleSimple")


@_attrs_define
class WsCandleSimple:
    """`candle.*` message, SIMPLE format (abbreviated keys of `WsCandle`).

    Attributes:
        ty (str): type, e.g. `candle.1m`.
        cd (str): code.
        cdttmu (str): candle_date_time_utc.
        cdttmk (str): candle_date_time_kst.
        op (float): opening_price.
        hp (float): high_price.
        lp (float): low_price.
        tp (float): trade_price.
        tms (int): timestamp (ms).
        st (str): stream_type. Known values: SNAPSHOT, REALTIME.
        catv (float | Unset): candle_acc_trade_volume.
        catp (float | Unset): candle_acc_trade_price.
    """

    ty: str
    cd: str
    cdttmu: str
    cdttmk: str
    op: float
    hp: float
    lp: float
    tp: float
    tms: int
    st: str
    catv: float | Unset = UNSET
    catp: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        cd = self.cd

        cdttmu = self.cdttmu

        cdttmk = self.cdttmk

        op = self.op

        hp = self.hp

        lp = self.lp

        tp = self.tp

        tms = self.tms

        st = self.st

        catv = self.catv

        catp = self.catp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
                "cd": cd,
                "cdttmu": cdttmu,
                "cdttmk": cdttmk,
                "op": op,
                "hp": hp,
                "lp": lp,
                "tp": tp,
                "tms": tms,
                "st": st,
            }
        )
        if catv is not UNSET:
            field_dict["catv"] = catv
        if catp is not UNSET:
            field_dict["catp"] = catp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ty = d.pop("ty")

        cd = d.pop("cd")

        cdttmu = d.pop("cdttmu")

        cdttmk = d.pop("cdttmk")

        op = d.pop("op")

        hp = d.pop("hp")

        lp = d.pop("lp")

        tp = d.pop("tp")

        tms = d.pop("tms")

        st = d.pop("st")

        catv = d.pop("catv", UNSET)

        catp = d.pop("catp", UNSET)

        ws_candle_simple = cls(
            ty=ty,
            cd=cd,
            cdttmu=cdttmu,
            cdttmk=cdttmk,
            op=op,
            hp=hp,
            lp=lp,
            tp=tp,
            tms=tms,
            st=st,
            catv=catv,
            catp=catp,
        )

        ws_candle_simple.additional_properties = d
        return ws_candle_simple

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
