from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsTickerSimple")


@_attrs_define
class WsTickerSimple:
    """`ticker` message, SIMPLE format (abbreviated keys of `WsTicker`).

    Attributes:
        ty (str): type: always `ticker`.
        cd (str): code.
        op (float): opening_price.
        hp (float): high_price.
        lp (float): low_price.
        tp (float): trade_price.
        tms (int): timestamp (ms).
        st (str): stream_type. Known values: SNAPSHOT, REALTIME.
        pcp (float | Unset): prev_closing_price.
        c (str | Unset): change. Known values: RISE, EVEN, FALL.
        cp (float | Unset): change_price.
        scp (float | Unset): signed_change_price.
        cr (float | Unset): change_rate.
        scr (float | Unset): signed_change_rate.
        tv (float | Unset): trade_volume.
        atv (float | Unset): acc_trade_volume.
        atv24h (float | Unset): acc_trade_volume_24h.
        atp (float | Unset): acc_trade_price.
        atp24h (float | Unset): acc_trade_price_24h.
        tdt (str | Unset): trade_date, UTC, `yyyyMMdd`.
        ttm (str | Unset): trade_time, UTC, `HHmmss`.
        ttms (int | Unset): trade_timestamp (ms).
        ab (str | Unset): ask_bid. Known values: ASK, BID.
        aav (float | Unset): acc_ask_volume.
        abv (float | Unset): acc_bid_volume.
        h52wp (float | Unset): highest_52_week_price.
        h52wdt (str | Unset): highest_52_week_date.
        l52wp (float | Unset): lowest_52_week_price.
        l52wdt (str | Unset): lowest_52_week_date.
        ms (str | Unset): market_state. Known values: PREVIEW, ACTIVE, DELISTED.
        its (bool | Unset): is_trading_suspended (deprecated).
        dd (None | str | Unset): delisting_date; null when none.
        mw (str | Unset): market_warning (deprecated). Known values: NONE, CAUTION.
    """

    ty: str
    cd: str
    op: float
    hp: float
    lp: float
    tp: float
    tms: int
    st: str
    pcp: float | Unset = UNSET
    c: str | Unset = UNSET
    cp: float | Unset = UNSET
    scp: float | Unset = UNSET
    cr: float | Unset = UNSET
    scr: float | Unset = UNSET
    tv: float | Unset = UNSET
    atv: float | Unset = UNSET
    atv24h: float | Unset = UNSET
    atp: float | Unset = UNSET
    atp24h: float | Unset = UNSET
    tdt: str | Unset = UNSET
    ttm: str | Unset = UNSET
    ttms: int | Unset = UNSET
    ab: str | Unset = UNSET
    aav: float | Unset = UNSET
    abv: float | Unset = UNSET
    h52wp: float | Unset = UNSET
    h52wdt: str | Unset = UNSET
    l52wp: float | Unset = UNSET
    l52wdt: str | Unset = UNSET
    ms: str | Unset = UNSET
    its: bool | Unset = UNSET
    dd: None | str | Unset = UNSET
    mw: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        cd = self.cd

        op = self.op

        hp = self.hp

        lp = self.lp

        tp = self.tp

        tms = self.tms

        st = self.st

        pcp = self.pcp

        c = self.c

        cp = self.cp

        scp = self.scp

        cr = self.cr

        scr = self.scr

        tv = self.tv

        atv = self.atv

        atv24h = self.atv24h

        atp = self.atp

        atp24h = self.atp24h

        tdt = self.tdt

        ttm = self.ttm

        ttms = self.ttms

        ab = self.ab

        aav = self.aav

        abv = self.abv

        h52wp = self.h52wp

        h52wdt = self.h52wdt

        l52wp = self.l52wp

        l52wdt = self.l52wdt

        ms = self.ms

        its = self.its

        dd: None | str | Unset
        if isinstance(self.dd, Unset):
            dd = UNSET
        else:
            dd = self.dd

        mw = self.mw

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
                "cd": cd,
                "op": op,
                "hp": hp,
                "lp": lp,
                "tp": tp,
                "tms": tms,
                "st": st,
            }
        )
        if pcp is not UNSET:
            field_dict["pcp"] = pcp
        if c is not UNSET:
            field_dict["c"] = c
        if cp is not UNSET:
            field_dict["cp"] = cp
        if scp is not UNSET:
            field_dict["scp"] = scp
        if cr is not UNSET:
            field_dict["cr"] = cr
        if scr is not UNSET:
            field_dict["scr"] = scr
        if tv is not UNSET:
            field_dict["tv"] = tv
        if atv is not UNSET:
            field_dict["atv"] = atv
        if atv24h is not UNSET:
            field_dict["atv24h"] = atv24h
        if atp is not UNSET:
            field_dict["atp"] = atp
        if atp24h is not UNSET:
            field_dict["atp24h"] = atp24h
        if tdt is not UNSET:
            field_dict["tdt"] = tdt
        if ttm is not UNSET:
            field_dict["ttm"] = ttm
        if ttms is not UNSET:
            field_dict["ttms"] = ttms
        if ab is not UNSET:
            field_dict["ab"] = ab
        if aav is not UNSET:
            field_dict["aav"] = aav
        if abv is not UNSET:
            field_dict["abv"] = abv
        if h52wp is not UNSET:
            field_dict["h52wp"] = h52wp
        if h52wdt is not UNSET:
            field_dict["h52wdt"] = h52wdt
        if l52wp is not UNSET:
            field_dict["l52wp"] = l52wp
        if l52wdt is not UNSET:
            field_dict["l52wdt"] = l52wdt
        if ms is not UNSET:
            field_dict["ms"] = ms
        if its is not UNSET:
            field_dict["its"] = its
        if dd is not UNSET:
            field_dict["dd"] = dd
        if mw is not UNSET:
            field_dict["mw"] = mw

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ty = d.pop("ty")

        cd = d.pop("cd")

        op = d.pop("op")

        hp = d.pop("hp")

        lp = d.pop("lp")

        tp = d.pop("tp")

        tms = d.pop("tms")

        st = d.pop("st")

        pcp = d.pop("pcp", UNSET)

        c = d.pop("c", UNSET)

        cp = d.pop("cp", UNSET)

        scp = d.pop("scp", UNSET)

        cr = d.pop("cr", UNSET)

        scr = d.pop("scr", UNSET)

        tv = d.pop("tv", UNSET)

        atv = d.pop("atv", UNSET)

        atv24h = d.pop("atv24h", UNSET)

        atp = d.pop("atp", UNSET)

        atp24h = d.pop("atp24h", UNSET)

        tdt = d.pop("tdt", UNSET)

        ttm = d.pop("ttm", UNSET)

        ttms = d.pop("ttms", UNSET)

        ab = d.pop("ab", UNSET)

        aav = d.pop("aav", UNSET)

        abv = d.pop("abv", UNSET)

        h52wp = d.pop("h52wp", UNSET)

        h52wdt = d.pop("h52wdt", UNSET)

        l52wp = d.pop("l52wp", UNSET)

        l52wdt = d.pop("l52wdt", UNSET)

        ms = d.pop("ms", UNSET)

        its = d.pop("its", UNSET)

        def _parse_dd(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dd = _parse_dd(d.pop("dd", UNSET))

        mw = d.pop("mw", UNSET)

        ws_ticker_simple = cls(
            ty=ty,
            cd=cd,
            op=op,
            hp=hp,
            lp=lp,
            tp=tp,
            tms=tms,
            st=st,
            pcp=pcp,
            c=c,
            cp=cp,
            scp=scp,
            cr=cr,
            scr=scr,
            tv=tv,
            atv=atv,
            atv24h=atv24h,
            atp=atp,
            atp24h=atp24h,
            tdt=tdt,
            ttm=ttm,
            ttms=ttms,
            ab=ab,
            aav=aav,
            abv=abv,
            h52wp=h52wp,
            h52wdt=h52wdt,
            l52wp=l52wp,
            l52wdt=l52wdt,
            ms=ms,
            its=its,
            dd=dd,
            mw=mw,
        )

        ws_ticker_simple.additional_properties = d
        return ws_ticker_simple

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
