"""Frames to typed messages: formats, frame kinds, exact ids and exact prices."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from upbit_client.models import (
    WsError,
    WsIndicator,
    WsListSubscriptionsResponseSimple,
    WsOrderbook,
    WsStatus,
    WsTicker,
    WsTrade,
    WsTradeSimple,
)

from upbit_ext.stream import decode
from upbit_ext.stream._request import make_subscription

BIG_SID = 17_960_540_524_580_001  # above 2**53: a double cannot hold it
TRADE_TEXT = (
    '{"type":"trade","code":"KRW-BTC","timestamp":1764460000123,"trade_date":"2026-11-30",'
    '"trade_time":"00:26:40","trade_timestamp":1764460000000,"trade_price":103000000.5,'
    '"trade_volume":0.00012345678901234567,"ask_bid":"BID","prev_closing_price":102000000,'
    '"change":"RISE","change_price":1000000.5,"sequential_id":' + str(BIG_SID) + ","
    '"stream_type":"REALTIME"}'
)
TRADE_SIMPLE = (
    '{"ty":"trade","cd":"KRW-ETH","tp":5000000.1,"tv":0.1,"ab":"ASK","ttms":1764460000000,'
    '"tms":1764460000001,"sid":' + str(BIG_SID) + ',"st":"SNAPSHOT"}'
)


def test_default_trade_from_binary_frame_keeps_sequential_id_exact() -> None:
    [trade] = decode(TRADE_TEXT.encode("utf-8"))
    assert isinstance(trade, WsTrade)
    assert trade.sequential_id == BIG_SID
    assert isinstance(trade.sequential_id, int)
    assert float(BIG_SID) != BIG_SID  # the point: a float round trip would change it
    assert trade.code == "KRW-BTC"
    assert trade.ask_bid == "BID"


def test_text_frame_and_decimal_prices_are_exact() -> None:
    [trade] = decode(TRADE_TEXT, decimal=True)
    assert isinstance(trade, WsTrade)
    assert trade.trade_price == Decimal("103000000.5")
    assert isinstance(trade.trade_volume, Decimal)
    assert trade.trade_volume == Decimal("0.00012345678901234567")  # float keeps ~17 digits
    [plain] = decode(TRADE_TEXT)
    assert Decimal(plain.trade_volume) != Decimal("0.00012345678901234567")  # type: ignore[union-attr]


def test_simple_and_list_formats() -> None:
    [simple] = decode(TRADE_SIMPLE.encode())
    assert isinstance(simple, WsTradeSimple)
    assert (simple.cd, simple.sid, simple.st) == ("KRW-ETH", BIG_SID, "SNAPSHOT")
    listed = decode(
        ("[" + TRADE_TEXT + "," + TRADE_TEXT.replace("KRW-BTC", "KRW-XRP") + "]").encode()
    )
    assert [type(m) for m in listed] == [WsTrade, WsTrade]
    assert [m.code for m in listed] == ["KRW-BTC", "KRW-XRP"]  # type: ignore[union-attr]
    legacy = json.loads(TRADE_SIMPLE)
    del legacy["ty"], legacy["cd"]
    legacy["mk"] = "KRW-BTC"  # Upbit's old SIMPLE example
    [old] = decode(json.dumps(legacy))
    assert isinstance(old, WsTradeSimple)
    assert old.mk == "KRW-BTC"


def test_other_message_kinds() -> None:
    book = {
        "type": "orderbook", "code": "KRW-BTC", "timestamp": 1, "total_ask_size": 1.5,
        "total_bid_size": 2.5, "stream_type": "REALTIME", "level": 0,
        "orderbook_units": [
            {"ask_price": 2.0, "bid_price": 1.0, "ask_size": 0.5, "bid_size": 0.25}
        ],
    }  # fmt: skip
    ticker = {
        "type": "ticker", "code": "KRW-BTC", "opening_price": 1, "high_price": 2,
        "low_price": 0.5, "trade_price": 1.5, "timestamp": 1, "stream_type": "SNAPSHOT",
    }  # fmt: skip
    indicator = {
        "type": "indicator", "code": "KRW-BTC", "indicator": "rsi", "params": {"period": 14},
        "timeframe": "5m", "value": {"rsi": "55.12345678"},
        "candle_date_time_utc": "2026-11-30T00:25:00", "timestamp": 1, "stream_type": "REALTIME",
    }  # fmt: skip
    error = {"error": {"name": "NO_CODES", "message": "x"}}
    listing = {"mthd": "LIST_SUBSCRIPTIONS", "rslt": [{"ty": "trade", "cds": ["KRW-BTC"]}]}
    frames = [book, ticker, indicator, {"status": "UP"}, error, listing]
    decoded = [decode(json.dumps(f))[0] for f in frames]
    assert [type(m) for m in decoded] == [
        WsOrderbook, WsTicker, WsIndicator, WsStatus, WsError, WsListSubscriptionsResponseSimple,
    ]  # fmt: skip
    assert decoded[0].orderbook_units[0].ask_price == 2.0  # type: ignore[union-attr]
    assert decoded[2].value.rsi == "55.12345678"  # type: ignore[union-attr]
    assert decode('{"type":"newThing","x":1}') == [{"type": "newThing", "x": 1}]
    with pytest.raises(ValueError, match="malformed"):
        decode(b"not json")


@pytest.mark.parametrize(
    ("endpoint", "type_", "codes", "options", "message"),
    [
        ("public", "myOrder", None, {}, "type must be one of"),
        ("public", "trade", ["krw-btc"], {}, "UPPERCASE"),
        ("public", "trade", None, {}, "needs at least one pair code"),
        ("public", "trade", ["KRW-BTC.5"], {}, "only orderbook codes"),
        ("public", "ticker", ["KRW-BTC"], {"level": 10}, "level"),
        ("private", "myAsset", ["KRW-BTC"], {}, "myAsset takes no codes"),
        ("info", "indicator", ["KRW-BTC"], {"timeframe": "2m", "indicators": []}, "timeframe"),
    ],
)
def test_bad_subscriptions_name_the_parameter(
    endpoint: str, type_: str, codes: list[str] | None, options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make_subscription(endpoint, type_, codes, options)  # type: ignore[arg-type]
