from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_indicator_event_params_simple import WsIndicatorEventParamsSimple
    from ..models.ws_indicator_params_simple import WsIndicatorParamsSimple
    from ..models.ws_indicator_value_simple import WsIndicatorValueSimple


T = TypeVar("T", bound="WsIndicatorSimple")


@_attrs_define
class WsIndicatorSimple:
    """`indicator` / `indicator_signal` message, SIMPLE format (abbreviated keys of `WsIndicator`).

    Attributes:
        ty (str): type: `indicator` or `indicator_signal`.
        cd (str): code.
        ind (str): indicator.
        p (WsIndicatorParamsSimple): Indicator parameters, SIMPLE format (abbreviated keys of `WsIndicatorParams`).
        tf (str): timeframe.
        v (WsIndicatorValueSimple): Indicator values, SIMPLE format (abbreviated keys of `WsIndicatorValue`).
        cdttmu (str): candle_date_time_utc.
        tms (int): timestamp (ms).
        st (str): stream_type. Known values: REALTIME.
        tr (str | Unset): trigger (indicator_signal only).
        ep (WsIndicatorEventParamsSimple | Unset): Trigger condition, SIMPLE format (abbreviated keys of
            `WsIndicatorEventParams`).
    """

    ty: str
    cd: str
    ind: str
    p: WsIndicatorParamsSimple
    tf: str
    v: WsIndicatorValueSimple
    cdttmu: str
    tms: int
    st: str
    tr: str | Unset = UNSET
    ep: WsIndicatorEventParamsSimple | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        cd = self.cd

        ind = self.ind

        p = self.p.to_dict()

        tf = self.tf

        v = self.v.to_dict()

        cdttmu = self.cdttmu

        tms = self.tms

        st = self.st

        tr = self.tr

        ep: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ep, Unset):
            ep = self.ep.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
                "cd": cd,
                "ind": ind,
                "p": p,
                "tf": tf,
                "v": v,
                "cdttmu": cdttmu,
                "tms": tms,
                "st": st,
            }
        )
        if tr is not UNSET:
            field_dict["tr"] = tr
        if ep is not UNSET:
            field_dict["ep"] = ep

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_indicator_event_params_simple import (
            WsIndicatorEventParamsSimple,
        )
        from ..models.ws_indicator_params_simple import WsIndicatorParamsSimple
        from ..models.ws_indicator_value_simple import WsIndicatorValueSimple

        d = dict(src_dict)
        ty = d.pop("ty")

        cd = d.pop("cd")

        ind = d.pop("ind")

        p = WsIndicatorParamsSimple.from_dict(d.pop("p"))

        tf = d.pop("tf")

        v = WsIndicatorValueSimple.from_dict(d.pop("v"))

        cdttmu = d.pop("cdttmu")

        tms = d.pop("tms")

        st = d.pop("st")

        tr = d.pop("tr", UNSET)

        _ep = d.pop("ep", UNSET)
        ep: WsIndicatorEventParamsSimple | Unset
        if isinstance(_ep, Unset):
            ep = UNSET
        else:
            ep = WsIndicatorEventParamsSimple.from_dict(_ep)

        ws_indicator_simple = cls(
            ty=ty,
            cd=cd,
            ind=ind,
            p=p,
            tf=tf,
            v=v,
            cdttmu=cdttmu,
            tms=tms,
            st=st,
            tr=tr,
            ep=ep,
        )

        ws_indicator_simple.additional_properties = d
        return ws_indicator_simple

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
