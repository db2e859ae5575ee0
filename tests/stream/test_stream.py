"""`AsyncStream`/`Stream` against the real sandbox over loopback, with its WebSocket faults.

The sandbox's markets trade fast here (1,000 trades a minute) so seconds are enough. "Exactly
once, in order" is checked against the simulator's own trade list: for each market, every trade
between the first and the last one delivered, with the same `sequential_id`s in the same order.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from upbit_client.models import (
    WsListSubscriptionsResponse,
    WsListSubscriptionsResponseSimple,
    WsMyAsset,
    WsMyOrder,
    WsTrade,
    WsTradeSimple,
)
from websockets.asyncio.server import ServerConnection
from websockets.asyncio.server import serve as serve_ws

from upbit_ext import AsyncUpbit, Upbit
from upbit_ext.sandbox import (
    DEMO_ACCESS_KEY,
    DEMO_SECRET_KEY,
    Faults,
    RunningSandbox,
    SandboxConfig,
    serve,
)
from upbit_ext.sandbox._market import MarketInfo
from upbit_ext.stream import (
    AsyncStream,
    Stream,
    StreamAuthError,
    StreamClosed,
    StreamRateLimited,
    StreamRequestError,
)
from upbit_ext.stream._decode import trade_key

FAST_MARKETS = (
    MarketInfo("KRW-BTC", "비트코인", "Bitcoin", Decimal("103000000"), 0.03, 1000),
    MarketInfo("KRW-ETH", "이더리움", "Ethereum", Decimal("5000000"), 0.04, 1000),
    MarketInfo("KRW-XRP", "리플", "Ripple", Decimal("3000"), 0.04, 1000),
)
MARKETS = ("KRW-BTC", "KRW-ETH", "KRW-XRP")


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    config = SandboxConfig(
        db_path=tmp_path_factory.mktemp("stream") / "s.db", markets=FAST_MARKETS, history_days=0.02
    )
    with serve(config) as server:
        yield server


@pytest.fixture(autouse=True)
def no_faults(running: RunningSandbox) -> Iterator[None]:
    running.app.state.sandbox.faults = Faults()
    yield
    running.app.state.sandbox.faults = Faults()


def set_faults(running: RunningSandbox, **faults: Any) -> None:
    running.app.state.sandbox.faults = Faults(**faults)


def run(coroutine: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coroutine, 30))


async def take(stream: AsyncStream, seconds: float, per_market: int = 0) -> list[Any]:
    """Messages for `seconds`, or until every market has `per_market` trades."""
    out: list[Any] = []
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    counts: dict[str, int] = {}
    while (left := end - loop.time()) > 0:
        try:
            message = await asyncio.wait_for(stream.__anext__(), left)
        except TimeoutError:
            break
        out.append(message)
        key = trade_key(message)
        if key:
            counts[key[0]] = counts.get(key[0], 0) + 1
            if per_market and len(counts) == len(MARKETS) and min(counts.values()) >= per_market:
                break
    return out


def assert_exactly_once_in_order(running: RunningSandbox, messages: list[Any]) -> dict[str, int]:
    """Per market, the delivered ids are exactly the simulator's between first and last."""
    sim = running.app.state.sandbox.market
    by_market: dict[str, list[tuple[int, int]]] = {}
    for message in messages:
        key = trade_key(message)
        if key is None:
            continue
        ts = message.trade_timestamp if isinstance(message, WsTrade) else message.ttms
        by_market.setdefault(key[0], []).append((key[1], ts))
    counts = {}
    for market, got in by_market.items():
        sids = [sid for sid, _ in got]
        first, last = got[0], got[-1]
        expected = [
            t.sequential_id
            for t in sim.trades_between(market, first[1], last[1] + 1)
            if first[0] <= t.sequential_id <= last[0]
        ]
        assert len(sids) == len(set(sids)), f"{market}: duplicates delivered"
        assert sids == expected, f"{market}: {len(sids)} delivered, {len(expected)} traded"
        counts[market] = len(sids)
    return counts


# --------------------------------------------------------------------------- no silent loss


@pytest.mark.parametrize("fmt", ["DEFAULT", "SIMPLE_LIST"])
def test_disconnects_reconnect_resubscribe_and_backfill_exactly(
    running: RunningSandbox, fmt: str
) -> None:
    set_faults(running, ws_disconnect_after=25)

    async def scenario() -> tuple[list[Any], Any]:
        async with (
            AsyncUpbit(base_url=running.url) as rest,
            AsyncStream(
                url=running.websocket_url,
                backfill=rest,
                backoff_base=0.2,
                format=fmt,  # type: ignore[arg-type]
            ) as stream,
        ):
            await stream.subscribe("trade", list(MARKETS))
            return await take(stream, 8, per_market=40), stream.stats

    messages, stats = run(scenario())
    counts = assert_exactly_once_in_order(running, messages)
    assert min(counts.values()) >= 40, counts
    assert stats.reconnects >= 2  # every reconnect re-sent the whole set: all markets kept coming
    assert stats.backfilled > 0
    assert stats.duplicates > 0  # each resubscription's snapshot is an old trade: dropped
    kind = WsTrade if fmt == "DEFAULT" else WsTradeSimple
    assert all(isinstance(m, kind) for m in messages)  # filled trades in the stream's format
    assert any(getattr(m, "stream_type", getattr(m, "st", "")) == "BACKFILL" for m in messages)


def test_without_backfill_a_disconnect_loses_trades(running: RunningSandbox) -> None:
    """The control for the test above: the same faults without REST lose trades."""
    set_faults(running, ws_disconnect_after=25)

    async def scenario() -> list[Any]:
        async with AsyncStream(url=running.websocket_url, backoff_base=0.3) as stream:
            await stream.subscribe("trade", list(MARKETS))
            return await take(stream, 5, per_market=30)

    with pytest.raises(AssertionError, match="traded"):
        assert_exactly_once_in_order(running, run(scenario()))


def test_skipped_messages_are_found_by_verify_sweeps(running: RunningSandbox) -> None:
    set_faults(running, ws_skip_rate=0.3, seed=5)

    async def scenario() -> tuple[list[Any], Any]:
        async with (
            AsyncUpbit(base_url=running.url) as rest,
            AsyncStream(url=running.websocket_url, backfill=rest, verify=0.3) as stream,
        ):
            await stream.subscribe("trade", list(MARKETS))
            return await take(stream, 8, per_market=30), stream.stats

    messages, stats = run(scenario())
    counts = assert_exactly_once_in_order(running, messages)
    assert min(counts.values()) >= 30
    assert stats.reconnects == 0
    assert stats.backfilled > 0


def test_a_failing_backfill_reconnects_and_fills_later(running: RunningSandbox) -> None:
    """REST answers 500 for a while: the stream goes on and fills the gap once REST is back."""

    async def scenario() -> tuple[list[Any], Any]:
        async with (
            AsyncUpbit(base_url=running.url, max_retries=0) as rest,
            AsyncStream(url=running.websocket_url, backfill=rest, backoff_base=0.1) as stream,
        ):
            await stream.subscribe("trade", ["KRW-BTC"])
            messages = await take(stream, 0.5)
            set_faults(running, ws_disconnect_after=5, error_rate=1.0)
            while not stream.stats.errors:  # one failed fill (the facade's breaker needs 5)
                messages += await take(stream, 0.05)
            set_faults(running)
            messages += await take(stream, 2.0)
            return messages, stream.stats

    messages, stats = run(scenario())
    assert stats.errors >= 1
    # No hole across the failed fills (a short outage may have had nothing to fill).
    assert assert_exactly_once_in_order(running, messages)["KRW-BTC"] >= 10


def test_stall_watchdog_reconnects_and_backfills(running: RunningSandbox) -> None:
    set_faults(running, ws_stall_after=20)

    async def scenario() -> tuple[list[Any], Any]:
        async with (
            AsyncUpbit(base_url=running.url) as rest,
            AsyncStream(
                url=running.websocket_url, backfill=rest, stall_timeout=0.4, backoff_base=0.1
            ) as stream,
        ):
            await stream.subscribe("trade", list(MARKETS))
            return await take(stream, 8, per_market=30), stream.stats

    messages, stats = run(scenario())
    assert stats.stalls >= 1
    assert stats.reconnects >= 1
    assert min(assert_exactly_once_in_order(running, messages).values()) >= 30


def test_adding_a_market_keeps_the_others_flowing(running: RunningSandbox) -> None:
    async def scenario() -> tuple[list[Any], list[Any], Any, Any]:
        async with (
            AsyncUpbit(base_url=running.url) as rest,
            AsyncStream(url=running.websocket_url, backfill=rest) as stream,
        ):
            await stream.subscribe("trade", ["KRW-BTC"])
            await stream.subscribe("ticker", ["KRW-BTC"])
            before = await take(stream, 1.0)
            for _ in range(3):  # each new request restarts the server's streams
                await stream.subscribe("orderbook", ["KRW-XRP"])
                before += await take(stream, 0.3)
                await stream.unsubscribe("orderbook")
                before += await take(stream, 0.3)
            await stream.subscribe("trade", ["KRW-ETH"])
            listing = await stream.list_subscriptions()
            after = await take(stream, 1.5)
            return before, after, listing, stream.stats

    before, after, listing, stats = run(scenario())
    assert isinstance(listing, WsListSubscriptionsResponse)
    listed = {item.type_: sorted(item.codes) for item in listing.result}
    assert listed == {"trade": ["KRW-BTC", "KRW-ETH"], "ticker": ["KRW-BTC"]}
    assert stats.connects == 1
    assert stats.reconnects == 0
    markets_after = {trade_key(m)[0] for m in after if trade_key(m)}
    assert markets_after == {"KRW-BTC", "KRW-ETH"}
    assert any(getattr(m, "type_", "") == "ticker" for m in after)  # the whole set was re-sent
    btc = [m for m in before + after if trade_key(m) and trade_key(m)[0] == "KRW-BTC"]
    assert_exactly_once_in_order(running, btc)  # no BTC trade lost or repeated across requests


def test_unsubscribe_sends_the_rest(running: RunningSandbox) -> None:
    async def scenario() -> Any:
        async with AsyncStream(url=running.websocket_url) as stream:
            await stream.subscribe("trade", ["KRW-BTC", "KRW-ETH"])
            await stream.subscribe("orderbook", ["KRW-BTC.5"], level=0)
            await stream.unsubscribe("trade", ["KRW-ETH"])
            return await stream.list_subscriptions()

    listing = run(scenario())
    listed = {item.type_: item.codes for item in listing.result}
    assert listed == {"trade": ["KRW-BTC"], "orderbook": ["KRW-BTC.5"]}


# Real time against a server in this process: on a loaded 2-core machine the server may read
# requests late and in bunches. Rerun, never skipped: a real pacing bug fails every run.
@pytest.mark.flaky(reruns=2)
def test_request_messages_respect_the_rate_limit(running: RunningSandbox) -> None:
    """Nine subscription changes in a row: the sandbox refuses a 6th request within a second."""

    async def scenario() -> tuple[float, list[Any], Any]:
        async with AsyncStream(url=running.websocket_url) as stream:
            # Snapshots only: a quiet server reads requests when they arrive.
            await stream.subscribe("candle.240m", ["KRW-BTC"], is_only_snapshot=True)
            await stream.list_subscriptions()
            start = time.monotonic()
            for _ in range(4):
                for market in MARKETS[1:]:
                    await stream.subscribe("ticker", [market], is_only_snapshot=True)
                    await stream.unsubscribe("ticker", [market])
            elapsed = time.monotonic() - start
            errors: list[Any] = []
            try:
                await take(stream, 0.5)
            except StreamRateLimited as err:
                errors.append(err)
            return elapsed, errors, stream.stats

    elapsed, errors, stats = run(scenario())
    assert errors == []
    assert stats.errors == 0
    assert elapsed >= 1.0  # 16 requests at 5 a second


def test_keepalive_ping_beats_the_idle_timeout(running: RunningSandbox) -> None:
    set_faults(running, ws_idle_timeout_s=1.0)

    async def scenario(ping: float) -> Any:
        async with AsyncStream(
            url=running.websocket_url, ping_interval=ping, stall_timeout=None, backoff_base=0.1
        ) as stream:
            await stream.subscribe("ticker", ["KRW-BTC"], is_only_snapshot=True)
            await take(stream, 2.5)
            return stream.stats

    assert run(scenario(0.3)).connects == 1
    assert run(scenario(30)).connects >= 2  # the control: without PINGs the server hangs up


# --------------------------------------------------------------------------- back-pressure


@pytest.mark.parametrize("overflow", ["drop_oldest", "block", "spill"])
def test_slow_consumer_memory_is_bounded(running: RunningSandbox, overflow: str) -> None:
    async def scenario() -> tuple[list[Any], Any]:
        async with (
            AsyncUpbit(base_url=running.url) as rest,
            AsyncStream(
                url=running.websocket_url,
                backfill=rest,
                queue_size=8,
                overflow=overflow,  # type: ignore[arg-type]
            ) as stream,
        ):
            await stream.subscribe("trade", list(MARKETS))
            await stream.subscribe("orderbook", list(MARKETS))
            await asyncio.sleep(1.5)  # the consumer is busy
            return await take(stream, 1.0), stream.stats

    messages, stats = run(scenario())
    assert stats.queue_peak <= 8
    if overflow == "drop_oldest":
        assert stats.dropped > 0
    else:
        assert stats.dropped == 0
        assert_exactly_once_in_order(running, messages)  # blocking and spilling lose nothing
    assert (stats.spilled > 0) is (overflow == "spill")


# --------------------------------------------------------------------------- formats


def test_simple_format_with_decimal_prices(running: RunningSandbox) -> None:
    async def scenario() -> list[Any]:
        async with AsyncStream(url=running.websocket_url, format="SIMPLE_LIST", decimal=True) as s:
            await s.subscribe("trade", ["KRW-XRP", "KRW-BTC"])
            listing = await s.list_subscriptions()
            return [listing, *await take(s, 2.0)]

    listing, *messages = run(scenario())
    assert isinstance(listing, WsListSubscriptionsResponseSimple)
    assert [(r.ty, r.cds) for r in listing.rslt] == [("trade", ["KRW-XRP", "KRW-BTC"])]
    trades = [m for m in messages if isinstance(m, WsTradeSimple)]
    assert len(trades) >= 5
    sim = running.app.state.sandbox.market
    for trade in trades:
        [match] = [
            t
            for t in sim.trades_between(trade.cd, trade.ttms, trade.ttms + 1)
            if t.sequential_id == trade.sid
        ]
        assert isinstance(trade.tp, Decimal)
        assert trade.tp == match.price
        assert trade.tv == match.volume


# --------------------------------------------------------------------------- private


def test_private_stream_reconnects_with_a_fresh_token_and_sees_an_order_fill(
    running: RunningSandbox,
) -> None:
    async def scenario() -> tuple[str, list[Any], Any]:
        set_faults(running, ws_idle_timeout_s=0.3)  # the server hangs up quiet sockets
        async with (
            AsyncUpbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=running.url) as rest,
            AsyncStream(
                "private", url=running.websocket_url, access_key=DEMO_ACCESS_KEY,
                secret_key=DEMO_SECRET_KEY, backoff_base=0.1, ping_interval=30,
            ) as stream,
        ):  # fmt: skip
            await stream.subscribe("myOrder")
            await stream.subscribe("myAsset")
            while stream.stats.reconnects < 2:  # noqa: ASYNC110 (a counter, not an event)
                await asyncio.sleep(0.05)
            set_faults(running)
            await stream.list_subscriptions()  # the set is back on the new connection
            order = await rest.create_order(
                market="KRW-ETH", side="bid", ord_type="price", price="10000"
            )
            events: list[Any] = []
            loop = asyncio.get_running_loop()
            end = loop.time() + 10
            while loop.time() < end:
                events += await take(stream, 0.3)
                mine = [e for e in events if isinstance(e, WsMyOrder) and e.uuid == order.uuid]
                if any(e.state in ("done", "cancel") for e in mine) and any(
                    isinstance(e, WsMyAsset) for e in events
                ):
                    break
            return order.uuid, events, stream.stats

    uuid, events, stats = run(scenario())
    states = [e.state for e in events if isinstance(e, WsMyOrder) and e.uuid == uuid]
    # The fill, however late; a market buy by price ends `cancel` when change is left over.
    assert "trade" in states, states
    assert states[-1] in ("done", "cancel"), states
    assets = [e for e in events if isinstance(e, WsMyAsset)]
    assert any(a.currency == "ETH" for e in assets for a in e.assets)
    assert stats.reconnects >= 2  # each handshake signed anew: the sandbox refuses a used nonce


def balances_from(events: list[Any]) -> dict[str, Decimal]:
    """The last balance each myAsset event said, currency by currency."""
    found: dict[str, Decimal] = {}
    for event in events:
        if isinstance(event, WsMyAsset):
            found.update({a.currency: Decimal(str(a.balance)) for a in event.assets})
    return found


def test_private_stream_reconciles_what_a_disconnect_lost_from_rest(
    running: RunningSandbox,
) -> None:
    """Every connection drops after its first event while an order fills, so most of its events
    are lost on the socket: after each reconnect REST fills in the order's state and the new
    balances, marked BACKFILL, each change once."""

    async def scenario() -> tuple[str, list[Any], Any, Any, list[Any]]:
        async with (
            AsyncUpbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=running.url) as rest,
            AsyncStream(
                "private", url=running.websocket_url, access_key=DEMO_ACCESS_KEY,
                secret_key=DEMO_SECRET_KEY, backfill=rest, backoff_base=0.2, ping_interval=30,
            ) as stream,
        ):  # fmt: skip
            await stream.subscribe("myOrder")
            await stream.subscribe("myAsset")
            await stream.list_subscriptions()  # connected: the REST baseline is taken
            set_faults(running, ws_disconnect_after=1)
            order = await rest.create_order(
                market="KRW-ETH", side="bid", ord_type="price", price="10000"
            )
            events: list[Any] = []
            loop = asyncio.get_running_loop()
            end = loop.time() + 15
            while loop.time() < end:
                events += await take(stream, 0.3)
                detail = await rest.get_order(uuid=order.uuid)
                if detail.state not in ("done", "cancel"):
                    continue
                if running.app.state.sandbox.faults.ws_disconnect_after is not None:
                    # The fill's events (trade, done/cancel, myAsset) came in one burst: give
                    # the connection time to send one and drop; only then let the stream settle.
                    events += await take(stream, 1.0)
                    set_faults(running)
                mine = [e for e in events if isinstance(e, WsMyOrder) and e.uuid == order.uuid]
                accounts = await rest.get_accounts()
                rest_balances = {a.currency: Decimal(a.balance) for a in accounts}
                got = balances_from(events)
                if (
                    mine
                    and mine[-1].state == detail.state
                    and all(got.get(c) == rest_balances[c] for c in ("KRW", "ETH"))
                ):
                    break
            events += await take(stream, 0.5)  # nothing more should come: no repeats
            return order.uuid, events, stream.stats, detail, accounts

    uuid, events, stats, detail, accounts = run(scenario())
    mine = [e for e in events if isinstance(e, WsMyOrder) and e.uuid == uuid]
    assert stats.reconnects >= 1
    assert mine[-1].state == detail.state  # the final state, however it came
    assert Decimal(str(mine[-1].executed_volume)) == Decimal(detail.executed_volume)
    progress = [(e.trades_count, e.state) for e in mine]
    assert len(progress) == len(set(progress)), progress  # each change delivered once
    balances = balances_from(events)
    assert {c: balances[c] for c in ("KRW", "ETH")} == {
        a.currency: Decimal(a.balance) for a in accounts if a.currency in ("KRW", "ETH")
    }
    backfilled = [e for e in events if e.stream_type == "BACKFILL"]
    assert backfilled, "the socket lost events: some must have come from REST"
    assert stats.backfilled == len(backfilled)


def test_invalid_auth_is_not_retried_forever(running: RunningSandbox) -> None:
    async def scenario() -> tuple[float, Any]:
        start = time.monotonic()
        async with AsyncStream(
            "private", url=running.websocket_url, access_key=DEMO_ACCESS_KEY,
            secret_key="wrong" + DEMO_SECRET_KEY[5:], backoff_base=0.1,
        ) as stream:  # fmt: skip
            await stream.subscribe("myOrder")
            with pytest.raises(StreamAuthError, match="INVALID_AUTH"):
                await take(stream, 10)
            with pytest.raises(StopAsyncIteration):
                await stream.__anext__()
            return time.monotonic() - start, stream.stats

    elapsed, stats = run(scenario())
    assert stats.connects == 2  # one retry with a fresh token, then the error
    assert elapsed < 5


# --------------------------------------------------------------------------- sync


def test_sync_stream_with_a_sync_backfill_client(running: RunningSandbox) -> None:
    set_faults(running, ws_disconnect_after=20)
    with (
        Upbit(base_url=running.url) as rest,
        Stream(url=running.websocket_url, backfill=rest, backoff_base=0.1) as stream,
    ):
        stream.subscribe("trade", ["KRW-BTC"])
        stream.subscribe("ticker", ["KRW-ETH"])
        stream.unsubscribe("ticker")
        assert repr(stream).startswith("Stream('public'")
        messages = []
        deadline = time.monotonic() + 8
        assert iter(stream) is stream
        # A ticker of KRW-ETH may come before the unsubscribe lands: count the trades.
        while sum(map(bool, map(trade_key, messages))) < 60 and time.monotonic() < deadline:
            messages.append(stream.next(timeout=5))  # bounded; `for m in stream` waits forever
        while not stream.connected:
            time.sleep(0.01)
        listing = stream.list_subscriptions()
        stats = stream.stats
    assert [(r.type_, r.codes) for r in listing.result] == [("trade", ["KRW-BTC"])]
    assert stats.reconnects >= 1
    assert assert_exactly_once_in_order(running, messages)["KRW-BTC"] >= 60


def test_sandbox_faults_endpoint_reaches_the_stream(running: RunningSandbox) -> None:
    """Faults set over HTTP (as a separate process would) act on the stream's connection."""
    httpx.post(
        f"{running.url}/_sandbox/faults", json={"ws_disconnect_after": 10}
    ).raise_for_status()

    async def scenario() -> Any:
        async with AsyncStream(url=running.websocket_url, backoff_base=0.1) as stream:
            await stream.subscribe("trade", ["KRW-ETH"])
            await take(stream, 2.0)
            return stream.stats

    assert run(scenario()).reconnects >= 1


def test_handshakes_are_rate_limited() -> None:
    """A server that hangs up at once: reconnects still come at most 5 a second (Upbit's limit)."""

    async def hang_up(ws: ServerConnection) -> None:
        await ws.recv()
        await ws.send(b'{"status":"UP"}')

    async def scenario() -> Any:
        async with serve_ws(hang_up, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            url = f"ws://127.0.0.1:{port}/websocket/v1"
            async with AsyncStream(url=url, backoff_base=0.001, backoff_cap=0.001) as stream:
                await stream.subscribe("trade", ["KRW-BTC"])
                await asyncio.sleep(2.0)
                return stream.stats

    stats = run(scenario())
    assert 5 <= stats.connects <= 5 * 2 + 1


def test_private_backfill_without_keys_is_refused_up_front() -> None:
    with (
        Upbit(base_url="http://127.0.0.1:9") as keyless,
        pytest.raises(ValueError, match=r"^backfill: the private stream .* needs the same"),
    ):
        AsyncStream(
            "private", access_key=DEMO_ACCESS_KEY, secret_key=DEMO_SECRET_KEY, backfill=keyless
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"endpoint": "private"}, "access_key and secret_key are required"),
        ({"endpoint": "web"}, "endpoint must be"),
        ({"url": "https://api.upbit.com"}, "url must start with ws:// or wss://"),
        ({"format": "XML"}, "format must be one of"),
        ({"queue_size": 0}, "queue_size must be an integer >= 1"),
        ({"overflow": "grow"}, "overflow must be one of"),
        ({"verify": 1.0}, "verify needs backfill"),
        ({"stall_timeout": -1}, "stall_timeout must be"),
        ({"max_reconnects": -1}, "max_reconnects must be"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Stream(**kwargs)


def test_error_frames_are_raised_and_the_stream_goes_on(running: RunningSandbox) -> None:
    async def scenario() -> tuple[Any, list[Any]]:
        async with AsyncStream(url=running.websocket_url) as stream:
            await stream.subscribe("trade", ["KRW-DOGE"])  # not a market of this exchange
            with pytest.raises(StreamRequestError) as err:
                await take(stream, 3)
            await stream.unsubscribe("trade")
            await stream.subscribe("trade", ["KRW-BTC"])
            return err.value, await take(stream, 1.0)

    error, after = run(scenario())
    assert error.name == "INVALID_PARAM"
    assert "KRW-DOGE" in error.message
    assert any(trade_key(m) for m in after)


def test_reconnect_off_ends_the_stream_with_streamclosed(running: RunningSandbox) -> None:
    set_faults(running, ws_disconnect_after=3)

    async def scenario() -> tuple[list[Any], BaseException | None]:
        got: list[Any] = []
        async with AsyncStream(url=running.websocket_url, reconnect=False) as stream:
            await stream.subscribe("trade", ["KRW-BTC"])
            try:
                while True:
                    got.append(await asyncio.wait_for(stream.__anext__(), 5))
            except StreamClosed as exc:
                return got, exc
        return got, None

    got, error = run(scenario())
    assert len(got) == 3
    assert isinstance(error, StreamClosed)
