"""The info endpoint: the sandbox serves indicators and announcements, the stream decodes them.

The sandbox's clock is frozen here, so candles do not move and each indicator can be checked
against the candles REST serves, computed again by the test.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

import httpx
import pytest
from _spec import load_spec
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from upbit_client.models import WsAnnouncement, WsIndicator, WsIndicatorSimple
from websockets.asyncio.client import connect

from upbit_ext import Upbit, websocket_token
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, RunningSandbox, SandboxConfig, serve
from upbit_ext.sandbox._info import _Indicator, fired
from upbit_ext.stream import AsyncStream, StreamRequestError

INDICATORS = [
    {"type": "moving_average", "params": {"period": 3, "type": "SMA"}},
    {"type": "bollinger_bands", "params": {"period": 10, "multiplier": 2}},
    {"type": "volume", "params": {"period": 5}},
    {"type": "rsi", "params": {"period": 14}},
    {"type": "macd", "params": {"fast": 12, "slow": 26, "signal_period": 9}},
    {"type": "ma_crossover", "params": {"short_period": 5, "long_period": 20, "type": "EMA"}},
]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    config = SandboxConfig(
        db_path=tmp_path_factory.mktemp("info") / "i.db",
        frozen=True,
        origin_ms=1_764_460_000_000,
        history_days=1,
    )
    with serve(config) as server:
        yield server


@cache
def validator(name: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(load_spec(), default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": f"urn:spec#/components/schemas/{name}"}, registry=registry)


def closes_and_volumes(server: RunningSandbox, count: int) -> tuple[list[Decimal], list[Decimal]]:
    with Upbit(base_url=server.url) as rest:
        candles = rest.list_minute_candles(unit=5, market="KRW-BTC", count=count)[::-1]
    closes = [Decimal(repr(c.trade_price)) for c in candles]
    volumes = [Decimal(repr(c.candle_acc_trade_volume)) for c in candles]
    return closes, volumes


def test_indicator_frames_follow_the_spec_in_both_formats(frozen: RunningSandbox) -> None:
    url = frozen.websocket_url + "/info"

    async def frames(fmt: str) -> list[Any]:
        headers = {"Authorization": f"Bearer {websocket_token(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)}"}
        async with connect(url, additional_headers=headers) as ws:
            request = [
                {"ticket": "t"},
                {"type": "indicator", "codes": ["KRW-BTC"], "timeframe": "5m",
                 "indicators": INDICATORS},
                {"format": fmt},
            ]  # fmt: skip
            await ws.send(json.dumps(request))
            return [json.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in INDICATORS]

    for fmt, name in (("DEFAULT", "WsIndicator"), ("SIMPLE", "WsIndicatorSimple")):
        got = asyncio.run(frames(fmt))
        for frame in got:
            validator(name).validate(frame)
            properties = load_spec()["components"]["schemas"][name]["properties"]
            assert set(frame) <= set(properties)
        kinds = {f["indicator" if fmt == "DEFAULT" else "ind"] for f in got}
        assert kinds == {i["type"] for i in INDICATORS}


def test_indicators_decode_and_match_the_candles(frozen: RunningSandbox) -> None:
    async def scenario() -> list[Any]:
        async with AsyncStream(
            "info", url=frozen.websocket_url, access_key=DEMO_ACCESS_KEY,
            secret_key=DEMO_SECRET_KEY,
        ) as stream:  # fmt: skip
            await stream.subscribe("indicator", ["KRW-BTC"], timeframe="5m", indicators=INDICATORS)
            return [await asyncio.wait_for(stream.__anext__(), 5) for _ in INDICATORS]

    messages = asyncio.run(scenario())
    assert all(isinstance(m, WsIndicator) for m in messages)
    by_kind = {m.indicator: m for m in messages}
    closes, volumes = closes_and_volumes(frozen, 10)
    sma3 = sum(closes[-3:]) / 3
    assert Decimal(by_kind["moving_average"].value.value) == sma3.quantize(Decimal("1e-8"))
    bb = by_kind["bollinger_bands"].value
    mid = sum(closes) / 10
    assert Decimal(bb.bb_middle) == mid.quantize(Decimal("1e-8"))
    assert Decimal(bb.bb_lower) < Decimal(bb.bb_middle) < Decimal(bb.bb_upper)
    vol = by_kind["volume"].value
    assert Decimal(vol.volume) == volumes[-1].quantize(Decimal("1e-8"))
    assert Decimal(vol.avg_volume) == (sum(volumes[-6:-1]) / 5).quantize(Decimal("1e-8"))
    assert 0 <= Decimal(by_kind["rsi"].value.rsi) <= 100
    assert by_kind["macd"].value.histogram is not None
    assert by_kind["ma_crossover"].params.short_period == 5


def test_simple_indicator_and_bad_request_errors(frozen: RunningSandbox) -> None:
    async def scenario() -> tuple[Any, Any]:
        async with AsyncStream(
            "info", url=frozen.websocket_url, access_key=DEMO_ACCESS_KEY,
            secret_key=DEMO_SECRET_KEY, format="SIMPLE",
        ) as stream:  # fmt: skip
            await stream.subscribe(
                "indicator", ["KRW-BTC"], timeframe="5m",
                indicators=[{"type": "rsi", "params": {"period": 15}}],  # not offered
            )  # fmt: skip
            with pytest.raises(StreamRequestError, match="INVALID_PARAM") as err:
                await asyncio.wait_for(stream.__anext__(), 5)
            await stream.unsubscribe("indicator")
            await stream.subscribe(
                "indicator", ["KRW-BTC"], timeframe="5m", indicators=INDICATORS[:1]
            )
            return err.value, await asyncio.wait_for(stream.__anext__(), 5)

    error, message = asyncio.run(scenario())
    assert error.name == "INVALID_PARAM"
    assert "period" in error.message
    assert isinstance(message, WsIndicatorSimple)
    assert message.ind == "moving_average"
    assert message.p.p == 3


def test_announcements_reach_subscribers_of_their_category(frozen: RunningSandbox) -> None:
    async def scenario() -> list[Any]:
        async with AsyncStream(
            "info", url=frozen.websocket_url, access_key=DEMO_ACCESS_KEY,
            secret_key=DEMO_SECRET_KEY,
        ) as stream:  # fmt: skip
            await stream.subscribe("announcement", categories=["trade"], include_body=True)
            await stream.list_subscriptions()
            async with httpx.AsyncClient(base_url=frozen.url) as admin:
                for title, category in (("wallet news", "wallet"), ("new market", "trade")):
                    answer = await admin.post(
                        "/_sandbox/announcements",
                        json={"title": title, "category": category, "body": "# hi"},
                    )
                    answer.raise_for_status()
            return [await asyncio.wait_for(stream.__anext__(), 5)]

    [notice] = asyncio.run(scenario())
    assert isinstance(notice, WsAnnouncement)
    assert (notice.title, notice.category, notice.body) == ("new market", "trade", "# hi")
    assert notice.first_listed_at.endswith("+09:00")


@pytest.mark.parametrize(
    ("trigger", "before", "now", "fires"),
    [
        ("golden_cross", {"macd": -1, "macd_signal": 0}, {"macd": 1, "macd_signal": 0}, True),
        ("golden_cross", {"macd": 1, "macd_signal": 0}, {"macd": 2, "macd_signal": 0}, False),
        ("dead_cross", {"macd": 1, "macd_signal": 0}, {"macd": -1, "macd_signal": 0}, True),
        ("zero_cross_below", {"macd": 1, "macd_signal": 0}, {"macd": -1, "macd_signal": 0}, True),
    ],
)
def test_signal_triggers_fire_on_a_crossing_only(
    trigger: str, before: dict[str, int], now: dict[str, int], fires: bool
) -> None:
    macd = _Indicator("macd", (("fast", 12), ("slow", 26), ("signal_period", 9)), trigger)
    as_dec = lambda d: {k: Decimal(v) for k, v in d.items()}  # noqa: E731
    assert fired(macd, as_dec(before), as_dec(now), (Decimal(0), Decimal(0))) is fires


def _raw(server: RunningSandbox, *frames: Any) -> list[Any]:
    """Send each frame on one info connection; the answer to each (or None after 1 s)."""

    async def scenario() -> list[Any]:
        auth = websocket_token(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
        answers: list[Any] = []
        async with connect(
            server.websocket_url + "/info", additional_headers={"Authorization": f"Bearer {auth}"}
        ) as ws:
            for frame in frames:
                await ws.send(frame if isinstance(frame, str) else json.dumps(frame))
                try:
                    answers.append(json.loads(await asyncio.wait_for(ws.recv(), 1.0)))
                except TimeoutError:
                    answers.append(None)
        return answers

    return asyncio.run(scenario())


RSI = {"type": "rsi", "params": {"period": 14}}


@pytest.mark.parametrize(
    ("request_", "name"),
    [
        ("not json", "WRONG_FORMAT"),
        ([{"type": "indicator"}], "NO_TICKET"),
        ([{"ticket": "t"}, {"codes": ["KRW-BTC"]}], "NO_TYPE"),
        ([{"ticket": "t"}, {"type": "ticker", "codes": ["KRW-BTC"]}], "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "indicator", "timeframe": "5m", "indicators": [RSI]}],
         "NO_CODES"),
        ([{"ticket": "t"}, {"type": "indicator", "codes": ["BTC-ETH"], "timeframe": "5m",
                            "indicators": [RSI]}], "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "indicator", "codes": ["KRW-BTC"], "timeframe": "3m",
                            "indicators": [RSI]}], "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "indicator", "codes": ["KRW-BTC"], "timeframe": "5m",
                            "indicators": [{"type": "stoch", "params": {}}]}], "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "indicator", "codes": ["KRW-BTC"], "timeframe": "5m",
                            "indicators": [{"type": "macd", "params": {"fast": 1}}]}],
         "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "indicator_signal", "codes": ["KRW-BTC"], "timeframe": "5m",
                            "indicators": [{**RSI, "trigger": "golden_cross"}]}], "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "indicator_signal", "codes": ["KRW-BTC"], "timeframe": "5m",
                            "indicators": [{**RSI, "trigger": "overbought",
                                            "event_params": {"threshold": 75}}]}],
         "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "announcement", "categories": ["gossip"]}], "INVALID_PARAM"),
        ([{"ticket": "t"}, {"type": "announcement", "include_body": "yes"}], "WRONG_FORMAT"),
        ([{"ticket": "t"}, {"type": "announcement"}, {"format": "XML"}], "WRONG_FORMAT"),
    ],
)  # fmt: skip
def test_bad_info_requests_get_upbits_error_names(
    frozen: RunningSandbox, request_: Any, name: str
) -> None:
    [answer] = _raw(frozen, request_)
    validator("WsError").validate(answer)
    assert answer["error"]["name"] == name


def test_info_ping_listing_signals_and_auth(frozen: RunningSandbox) -> None:
    signal = {
        "type": "indicator_signal", "codes": ["KRW-BTC"], "timeframe": "15m",
        "indicators": [
            {**RSI, "trigger": "oversold", "event_params": {"threshold": 30}},
            {"type": "volume", "params": {"period": 10}, "trigger": "volume_spike",
             "event_params": {"multiplier": 3}},
            {"type": "ma_crossover", "trigger": "dead_cross",
             "params": {"short_period": 20, "long_period": 60, "type": "SMA"}},
            {"type": "bollinger_bands", "params": {"period": 20, "multiplier": 2},
             "trigger": "price_cross_below"},
        ],
    }  # fmt: skip
    status, quiet, listing = _raw(
        frozen,
        "PING",
        [{"ticket": "t"}, signal],  # a frozen market crosses nothing: no signal
        [{"ticket": "t"}, {"method": "LIST_SUBSCRIPTIONS"}, {"format": "SIMPLE"}],
    )
    assert status == {"status": "UP"}
    assert quiet is None
    validator("WsListSubscriptionsResponseSimple").validate(listing)
    assert listing["rslt"] == [{"ty": "indicator_signal", "cds": ["KRW-BTC"]}]

    async def refused() -> Any:
        token = websocket_token(DEMO_ACCESS_KEY, "x" * 40)  # signed with the wrong secret
        headers = {"Authorization": f"Bearer {token}"}
        async with connect(frozen.websocket_url + "/info", additional_headers=headers) as ws:
            return json.loads(await asyncio.wait_for(ws.recv(), 2))

    assert asyncio.run(refused())["error"]["name"] == "INVALID_AUTH"


D = Decimal


@pytest.mark.parametrize(
    ("kind", "params", "trigger", "event", "before", "now", "close", "fires"),
    [
        ("rsi", (("period", 14),), "overbought", (("threshold", 70),),
         {"rsi": D(69)}, {"rsi": D(71)}, (D(0), D(0)), True),
        ("rsi", (("period", 14),), "oversold", (("threshold", 30),),
         {"rsi": D(31)}, {"rsi": D(29)}, (D(0), D(0)), True),
        ("rsi", (("period", 14),), "oversold", (("threshold", 30),),
         {"rsi": D(29)}, {"rsi": D(28)}, (D(0), D(0)), False),
        ("volume", (("period", 10),), "volume_spike", (("multiplier", 3),),
         {"ratio": D(2)}, {"ratio": D(3)}, (D(0), D(0)), True),
        ("ma_crossover", (), "golden_cross", (),
         {"ma_short": D(1), "ma_long": D(2)}, {"ma_short": D(3), "ma_long": D(2)},
         (D(0), D(0)), True),
        ("ma_crossover", (), "dead_cross", (),
         {"ma_short": D(3), "ma_long": D(2)}, {"ma_short": D(1), "ma_long": D(2)},
         (D(0), D(0)), True),
        ("moving_average", (), "price_cross_above", (),
         {"value": D(10)}, {"value": D(10)}, (D(9), D(11)), True),
        ("moving_average", (), "price_cross_below", (),
         {"value": D(10)}, {"value": D(10)}, (D(11), D(9)), True),
        ("bollinger_bands", (), "price_cross_above", (),
         {"bb_upper": D(10), "bb_lower": D(5)}, {"bb_upper": D(10), "bb_lower": D(5)},
         (D(9), D(9.5)), False),
        ("macd", (), "zero_cross_above", (),
         {"macd": D(-1), "macd_signal": D(0)}, {"macd": D(1), "macd_signal": D(0)},
         (D(0), D(0)), True),
    ],
)  # fmt: skip
def test_every_trigger_fires_on_its_crossing(
    kind: str, params: Any, trigger: str, event: Any, before: Any, now: Any, close: Any,
    fires: bool,
) -> None:  # fmt: skip
    assert fired(_Indicator(kind, params, trigger, event), before, now, close) is fires


def test_too_few_candles_compute_nothing() -> None:
    from upbit_ext.sandbox._info import compute

    few = [Decimal(i) for i in range(1, 5)]
    for indicator in INDICATORS:
        ind = _Indicator(indicator["type"], tuple(indicator["params"].items()))
        if indicator["type"] == "moving_average":
            assert compute(ind, few, few) is not None  # 3 candles suffice for SMA 3
        else:
            assert compute(ind, few, few) is None, indicator["type"]
    rsi = compute(_Indicator("rsi", (("period", 2),)), [D(1), D(2), D(3)], [D(1)] * 3)
    assert rsi == {"rsi": Decimal(100)}  # only gains
