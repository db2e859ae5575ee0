from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsTradeSimple")


@_attrs_define
class WsTradeSimple:
    """`trade` message, SIMPLE format (abbreviated keys of `WsTrade`). The pair code is `cd`;
    Upbit's legacy example uses `mk` instead and has no `ty`, so neither `ty`, `cd` nor `mk`
    is required — read `cd`, falling back to `mk`.

        Attributes:
            tp (float): trade_price.
            tv (float): trade_volume.
            ab (str): ask_bid. Known values: ASK, BID.
            ttms (int): trade_timestamp (ms).
            tms (int): timestamp (ms).
            sid (int): sequential_id; exceeds 2^53, parse as an integer.
            st (str): stream_type. Known values: SNAPSHOT, REALTIME.
            ty (str | Unset): type: always `trade`.
            cd (str | Unset): code (current key).
            mk (str | Unset): code under its legacy key (old example); prefer `cd`.
            pcp (float | Unset): prev_closing_price.
            c (str | Unset): change. Known values: RISE, EVEN, FALL.
            cp (float | Unset): change_price.
            td (str | Unset): trade_date, UTC, `yyyy-MM-dd`.
            ttm (str | Unset): trade_time, UTC, `HH:mm:ss`.
            bap (float | Unset): best_ask_price.
            bas (float | Unset): best_ask_size.
            bbp (float | Unset): best_bid_price.
            bbs (float | Unset): best_bid_size.
    """

    tp: float
    tv: float
    ab: str
    ttms: int
    tms: int
    sid: int
    st: str
    ty: str | Unset = UNSET
    cd: str | Unset = UNSET
    mk: str | Unset = UNSET
    pcp: float | Unset = UNSET
    c: str | Unset = UNSET
    cp: float | Unset = UNSET
    td: str | Unset = UNSET
    ttm: str | Unset = UNSET
    bap: float | Unset = UNSET
    bas: float | Unset = UNSET
    bbp: float | Unset = UNSET
    bbs: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tp = self.tp

        tv = self.tv

        ab = self.ab

        ttms = self.ttms

        tms = self.tms

        sid = self.sid

        st = self.st

        ty = self.ty

        cd = self.cd

        mk = self.mk

        pcp = self.pcp

        c = self.c

        cp = self.cp

        td = self.td

        ttm = self.ttm

        bap = self.bap

        bas = self.bas

        bbp = self.bbp

        bbs = self.bbs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tp": tp,
                "tv": tv,
                "ab": ab,
                "ttms": ttms,
                "tms": tms,
                "sid": sid,
                "st": st,
            }
        )
        if ty is not UNSET:
            field_dict["ty"] = ty
        if cd is not UNSET:
            field_dict["cd"] = cd
        if mk is not UNSET:
            field_dict["mk"] = mk
        if pcp is not UNSET:
            field_dict["pcp"] = pcp
        if c is not UNSET:
            field_dict["c"] = c
        if cp is not UNSET:
            field_dict["cp"] = cp
        if td is not UNSET:
            field_dict["td"] = td
        if ttm is not UNSET:
            field_dict["ttm"] = ttm
        if bap is not UNSET:
            field_dict["bap"] = bap
        if bas is not UNSET:
            field_dict["bas"] = bas
        if bbp is not UNSET:
            field_dict["bbp"] = bbp
        if bbs is not UNSET:
            field_dict["bbs"] = bbs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tp = d.pop("tp")

        tv = d.pop("tv")

        ab = d.pop("ab")

        ttms = d.pop("ttms")

        tms = d.pop("tms")

        sid = d.pop("sid")

        st = d.pop("st")

        ty = d.pop("ty", UNSET)

        cd = d.pop("cd", UNSET)

        mk = d.pop("mk", UNSET)

        pcp = d.pop("pcp", UNSET)

        c = d.pop("c", UNSET)

        cp = d.pop("cp", UNSET)

        td = d.pop("td", UNSET)

        ttm = d.pop("ttm", UNSET)

        bap = d.pop("bap", UNSET)

        bas = d.pop("bas", UNSET)

        bbp = d.pop("bbp", UNSET)

        bbs = d.pop("bbs", UNSET)

        ws_trade_simple = cls(
            tp=tp,
            tv=tv,
            ab=ab,
            ttms=ttms,
            tms=tms,
            sid=sid,
            st=st,
            ty=ty,
            cd=cd,
            mk=mk,
            pcp=pcp,
            c=c,
            cp=cp,
            td=td,
            ttm=ttm,
            bap=bap,
            bas=bas,
            bbp=bbp,
            bbs=bbs,
        )

        ws_trade_simple.additional_properties = d
        return ws_trade_simple

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
