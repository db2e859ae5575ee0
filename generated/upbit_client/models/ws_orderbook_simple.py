from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_orderbook_unit_simple import WsOrderbookUnitSimple


T = TypeVar("T", bound="WsOrderbookSimple")


@_attrs_define
class WsOrderbookSimple:
    """`orderbook` message, SIMPLE format (abbreviated keys of `WsOrderbook`).

    Attributes:
        ty (str): type: always `orderbook`.
        cd (str): code.
        tas (float): total_ask_size.
        tbs (float): total_bid_size.
        obu (list[WsOrderbookUnitSimple]): orderbook_units.
        tms (int): timestamp (ms).
        st (str): stream_type. Known values: SNAPSHOT, REALTIME.
        lv (float | Unset): level.
    """

    ty: str
    cd: str
    tas: float
    tbs: float
    obu: list[WsOrderbookUnitSimple]
    tms: int
    st: str
    lv: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        cd = self.cd

        tas = self.tas

        tbs = self.tbs

        obu = []
        for obu_item_data in self.obu:
            obu_item = obu_item_data.to_dict()
            obu.append(obu_item)

        tms = self.tms

        st = self.st

        lv = self.lv

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
                "cd": cd,
                "tas": tas,
                "tbs": tbs,
                "obu": obu,
                "tms": tms,
                "st": st,
            }
        )
        if lv is not UNSET:
            field_dict["lv"] = lv

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_orderbook_unit_simple import WsOrderbookUnitSimple

        d = dict(src_dict)
        ty = d.pop("ty")

        cd = d.pop("cd")

        tas = d.pop("tas")

        tbs = d.pop("tbs")

        obu = []
        _obu = d.pop("obu")
        for obu_item_data in _obu:
            obu_item = WsOrderbookUnitSimple.from_dict(obu_item_data)

            obu.append(obu_item)

        tms = d.pop("tms")

        st = d.pop("st")

        lv = d.pop("lv", UNSET)

        ws_orderbook_simple = cls(
            ty=ty,
            cd=cd,
            tas=tas,
            tbs=tbs,
            obu=obu,
            tms=tms,
            st=st,
            lv=lv,
        )

        ws_orderbook_simple.additional_properties = d
        return ws_orderbook_simple

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
