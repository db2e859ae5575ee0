from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsMyOrderSimple")


@_attrs_define
class WsMyOrderSimple:
    """`myOrder` message, SIMPLE format (abbreviated keys of `WsMyOrder`).

    Attributes:
        ty (str): type: always `myOrder`.
        cd (str): code.
        uid (str): uuid (order id).
        ab (str): ask_bid. Known values: ASK, BID.
        ot (str): order_type. Known values: limit, price, market, best.
        s (str): state. Known values: wait, watch, trade, done, cancel, prevented.
        tms (int): timestamp (ms).
        st (str): stream_type. Known values: REALTIME.
        tuid (None | str | Unset): trade_uuid.
        p (float | Unset): price (fill price when state is trade).
        ap (float | Unset): avg_price.
        v (float | Unset): volume (fill volume when state is trade).
        rv (float | Unset): remaining_volume.
        ev (float | Unset): executed_volume.
        tc (int | Unset): trades_count.
        rsf (float | Unset): reserved_fee.
        rmf (float | Unset): remaining_fee.
        pf (float | Unset): paid_fee.
        l (float | Unset): locked.
        ef (float | Unset): executed_funds.
        tif (None | str | Unset): time_in_force. Known values: ioc, fok, post_only.
        tf (float | None | Unset): trade_fee; null unless state is trade.
        im (bool | None | Unset): is_maker; null unless state is trade.
        id (None | str | Unset): identifier.
        smpt (None | str | Unset): smp_type. Known values: none, reduce, cancel_maker, cancel_taker.
        pv (float | None | Unset): prevented_volume.
        pl (float | None | Unset): prevented_locked.
        ttms (int | None | Unset): trade_timestamp (ms).
        otms (int | Unset): order_timestamp (ms).
    """

    ty: str
    cd: str
    uid: str
    ab: str
    ot: str
    s: str
    tms: int
    st: str
    tuid: None | str | Unset = UNSET
    p: float | Unset = UNSET
    ap: float | Unset = UNSET
    v: float | Unset = UNSET
    rv: float | Unset = UNSET
    ev: float | Unset = UNSET
    tc: int | Unset = UNSET
    rsf: float | Unset = UNSET
    rmf: float | Unset = UNSET
    pf: float | Unset = UNSET
    l: float | Unset = UNSET
    ef: float | Unset = UNSET
    tif: None | str | Unset = UNSET
    tf: float | None | Unset = UNSET
    im: bool | None | Unset = UNSET
    id: None | str | Unset = UNSET
    smpt: None | str | Unset = UNSET
    pv: float | None | Unset = UNSET
    pl: float | None | Unset = UNSET
    ttms: int | None | Unset = UNSET
    otms: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        cd = self.cd

        uid = self.uid

        ab = self.ab

        ot = self.ot

        s = self.s

        tms = self.tms

        st = self.st

        tuid: None | str | Unset
        if isinstance(self.tuid, Unset):
            tuid = UNSET
        else:
            tuid = self.tuid

        p = self.p

        ap = self.ap

        v = self.v

        rv = self.rv

        ev = self.ev

        tc = self.tc

        rsf = self.rsf

        rmf = self.rmf

        pf = self.pf

        l = self.l

        ef = self.ef

        tif: None | str | Unset
        if isinstance(self.tif, Unset):
            tif = UNSET
        else:
            tif = self.tif

        tf: float | None | Unset
        if isinstance(self.tf, Unset):
            tf = UNSET
        else:
            tf = self.tf

        im: bool | None | Unset
        if isinstance(self.im, Unset):
            im = UNSET
        else:
            im = self.im

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        smpt: None | str | Unset
        if isinstance(self.smpt, Unset):
            smpt = UNSET
        else:
            smpt = self.smpt

        pv: float | None | Unset
        if isinstance(self.pv, Unset):
            pv = UNSET
        else:
            pv = self.pv

        pl: float | None | Unset
        if isinstance(self.pl, Unset):
            pl = UNSET
        else:
            pl = self.pl

        ttms: int | None | Unset
        if isinstance(self.ttms, Unset):
            ttms = UNSET
        else:
            ttms = self.ttms

        otms = self.otms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
                "cd": cd,
                "uid": uid,
                "ab": ab,
                "ot": ot,
                "s": s,
                "tms": tms,
                "st": st,
            }
        )
        if tuid is not UNSET:
            field_dict["tuid"] = tuid
        if p is not UNSET:
            field_dict["p"] = p
        if ap is not UNSET:
            field_dict["ap"] = ap
        if v is not UNSET:
            field_dict["v"] = v
        if rv is not UNSET:
            field_dict["rv"] = rv
        if ev is not UNSET:
            field_dict["ev"] = ev
        if tc is not UNSET:
            field_dict["tc"] = tc
        if rsf is not UNSET:
            field_dict["rsf"] = rsf
        if rmf is not UNSET:
            field_dict["rmf"] = rmf
        if pf is not UNSET:
            field_dict["pf"] = pf
        if l is not UNSET:
            field_dict["l"] = l
        if ef is not UNSET:
            field_dict["ef"] = ef
        if tif is not UNSET:
            field_dict["tif"] = tif
        if tf is not UNSET:
            field_dict["tf"] = tf
        if im is not UNSET:
            field_dict["im"] = im
        if id is not UNSET:
            field_dict["id"] = id
        if smpt is not UNSET:
            field_dict["smpt"] = smpt
        if pv is not UNSET:
            field_dict["pv"] = pv
        if pl is not UNSET:
            field_dict["pl"] = pl
        if ttms is not UNSET:
            field_dict["ttms"] = ttms
        if otms is not UNSET:
            field_dict["otms"] = otms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ty = d.pop("ty")

        cd = d.pop("cd")

        uid = d.pop("uid")

        ab = d.pop("ab")

        ot = d.pop("ot")

        s = d.pop("s")

        tms = d.pop("tms")

        st = d.pop("st")

        def _parse_tuid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tuid = _parse_tuid(d.pop("tuid", UNSET))

        p = d.pop("p", UNSET)

        ap = d.pop("ap", UNSET)

        v = d.pop("v", UNSET)

        rv = d.pop("rv", UNSET)

        ev = d.pop("ev", UNSET)

        tc = d.pop("tc", UNSET)

        rsf = d.pop("rsf", UNSET)

        rmf = d.pop("rmf", UNSET)

        pf = d.pop("pf", UNSET)

        l = d.pop("l", UNSET)

        ef = d.pop("ef", UNSET)

        def _parse_tif(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tif = _parse_tif(d.pop("tif", UNSET))

        def _parse_tf(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        tf = _parse_tf(d.pop("tf", UNSET))

        def _parse_im(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        im = _parse_im(d.pop("im", UNSET))

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_smpt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        smpt = _parse_smpt(d.pop("smpt", UNSET))

        def _parse_pv(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        pv = _parse_pv(d.pop("pv", UNSET))

        def _parse_pl(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        pl = _parse_pl(d.pop("pl", UNSET))

        def _parse_ttms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ttms = _parse_ttms(d.pop("ttms", UNSET))

        otms = d.pop("otms", UNSET)

        ws_my_order_simple = cls(
            ty=ty,
            cd=cd,
            uid=uid,
            ab=ab,
            ot=ot,
            s=s,
            tms=tms,
            st=st,
            tuid=tuid,
            p=p,
            ap=ap,
            v=v,
            rv=rv,
            ev=ev,
            tc=tc,
            rsf=rsf,
            rmf=rmf,
            pf=pf,
            l=l,
            ef=ef,
            tif=tif,
            tf=tf,
            im=im,
            id=id,
            smpt=smpt,
            pv=pv,
            pl=pl,
            ttms=ttms,
            otms=otms,
        )

        ws_my_order_simple.additional_properties = d
        return ws_my_order_simple

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
