"""The conveniences over real HTTP on loopback: paging, splitting, ticks, caching, async parity.

The fake exchange (tests/fake_upbit.py) serves 450 one-minute candles, 1200 trades and 20 days of
closed orders that honour Upbit's paging parameters; `ConvenienceFake` below adds what these tests
observe or steer: the raw query strings, published tick sizes, ticker prices, and an opt-in
per-group limit of N requests per sliding second answered with 429 like Upbit does.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import httpx
import pytest
from _serve import serving, settled_count
from _spec import load_examples, operations
from fake_upbit import (
    ACCESS_KEY,
    CANDLES,
    CLOSED_ORDERS_DAYS,
    NOW,
    SECRET_KEY,
    TRADES,
    FakeUpbit,
    Record,
    _Handler,
)

from upbit_ext import AsyncUpbit, InvalidParameter, Upbit
from upbit_ext._paging import MAX_QUERY_CHARS, TTLCache, market_chunks

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")

FIRST_TRADE_ID = 17_732_400_590_950_001  # the fake's newest sequential_id: odd, above 2**53
# Paging logic does not depend on the rate; these tests should not wait for it (the limiter has
# its own tests, and the last test here runs at Upbit's real quotation rate).
FAST = {g: (1000, 1.0) for g in ("market", "candle", "trade", "ticker", "orderbook", "default")}
MINUTE = timedelta(minutes=1)


class _ConvenienceHandler(_Handler):
    server: ConvenienceFake
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        with self.server.lock:
            self.server.raw_queries.append((parts.path, parts.query))
            nth = sum(1 for p, _ in self.server.raw_queries if p == parts.path)
            fault = self.server.nth_faults.pop((parts.path, nth), None)
        if fault is not None:
            self.server.inject(self.command, parts.path, fault)
        if self.server.per_second is None or self._admitted(parts.path):
            super()._handle()

    do_GET = do_POST = do_DELETE = _handle

    def _admitted(self, path: str) -> bool:
        """Upbit's group limit: at most `per_second` requests in any one-second window."""
        assert self.server.per_second is not None
        group = self.server.group_of(self.command, path)
        now = time.monotonic()
        with self.server.lock:
            hits = self.server.hits[group]
            while hits and now - hits[0] >= 1.0:
                hits.popleft()
            if len(hits) < self.server.per_second:
                hits.append(now)
                return True
            self._record = Record(method=self.command, path=path, query="", body=b"", nonce=None)
            self.server.state.records.append(self._record)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(429, "Too many API requests.", text=True)
        return False

    def _route_GET_v1_ticker(self, params: Any, lists: Any, body: bytes, fault: str | None) -> None:
        template = load_examples()["GET /v1/ticker"]["data"][0]
        prices = self.server.prices
        self._send(
            200,
            [
                {**template, "market": m, "trade_price": prices.get(m, template["trade_price"])}
                for m in params["markets"].split(",")
            ],
        )

    def _route_GET_v1_orderbook_instruments(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        ticks = self.server.ticks
        self._send(
            200,
            [
                {
                    "market": m,
                    "quote_currency": m.split("-")[0],
                    "tick_size": ticks[m],
                    "supported_levels": ["0"],
                }
                for m in params["markets"].split(",")
                if m in ticks
            ],
        )


class ConvenienceFake(FakeUpbit):
    request_queue_size = 64  # a gather opens many connections at once; never drop a SYN
    # Limits are shared per host:port for the whole process, and a port is sometimes reused by a
    # later server; an address of its own keeps each test's budget (and its rates) its own.
    _addresses = itertools.cycle(f"127.0.{a}.{b}" for a in range(1, 255) for b in range(2, 255))

    def __init__(self, *, per_second: int | None = None) -> None:
        super().__init__()
        self.RequestHandlerClass = _ConvenienceHandler
        self.per_second = per_second
        self.raw_queries: list[tuple[str, str]] = []
        self.ticks: dict[str, str] = {}  # market -> published tick_size
        self.prices: dict[str, float] = {}  # market -> ticker trade_price
        self.hits: defaultdict[str, deque[float]] = defaultdict(deque)
        self.nth_faults: dict[tuple[str, int], str] = {}  # (path, n) -> fault of the nth request
        self._groups = [
            (
                op.method,
                re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", op.path) + "$"),
                op.definition["x-upbit-rate-group"],
            )
            for op in operations()
        ]

    def server_bind(self) -> None:
        self.server_address = (next(self._addresses), 0)
        super().server_bind()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def group_of(self, method: str, path: str) -> str:
        groups = (g for m, pattern, g in self._groups if m == method and pattern.match(path))
        return next(groups, "default")

    def sent(self, path: str) -> list[dict[str, str]]:
        """Query parameters of every request to `path`, decoded from the raw query string."""
        return [dict(parse_qsl(q)) for p, q in self.raw_queries if p == path]


@pytest.fixture
def server() -> Iterator[ConvenienceFake]:
    fake = ConvenienceFake()
    with serving(fake):
        yield fake


@pytest.fixture
def upbit(server: ConvenienceFake) -> Iterator[Upbit]:
    with Upbit(
        ACCESS_KEY, SECRET_KEY, base_url=server.url, rate_limits=FAST, max_retries=0, timeout=5.0
    ) as client:
        yield client


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def candle_times(candles: list[Any]) -> list[datetime]:
    return [datetime.fromisoformat(c.candle_date_time_utc).replace(tzinfo=UTC) for c in candles]


def wire(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


CANDLE_PATH = "/v1/candles/minutes/1"

# --- iter_candles -----------------------------------------------------------------------


@pytest.mark.parametrize("page_size", [200, 7])
def test_candles_page_back_once_each_newest_first_without_gaps(
    upbit: Upbit, server: ConvenienceFake, page_size: int
) -> None:
    candles = list(upbit.iter_candles("KRW-BTC", "1m", end=NOW, page_size=page_size))
    times = candle_times(candles)
    assert times == [NOW - (i + 1) * MINUTE for i in range(CANDLES)]  # all, once, no gaps
    assert {c.market for c in candles} == {"KRW-BTC"}
    sent = server.sent(CANDLE_PATH)
    assert len(sent) == CANDLES // page_size + 1  # the last page comes back short
    assert [q["count"] for q in sent] == [str(page_size)] * len(sent)
    # each page asks for what lies before the oldest candle seen so far
    expected_to = [NOW] + [times[k * page_size - 1] for k in range(1, len(sent))]
    assert [utc(q["to"]) for q in sent] == expected_to


def test_candles_default_end_sends_no_to(upbit: Upbit, server: ConvenienceFake) -> None:
    candles = list(upbit.iter_candles("KRW-BTC"))
    assert len(candles) == CANDLES
    assert "to" not in server.sent(CANDLE_PATH)[0]


@pytest.mark.parametrize(("page_size", "requests"), [(200, 1), (7, 15)])
def test_candles_stop_at_start_without_asking_further(
    upbit: Upbit, server: ConvenienceFake, page_size: int, requests: int
) -> None:
    start = NOW - 100 * MINUTE
    candles = list(upbit.iter_candles("KRW-BTC", start=start, end=NOW, page_size=page_size))
    assert candle_times(candles) == [NOW - (i + 1) * MINUTE for i in range(100)]
    assert len(server.sent(CANDLE_PATH)) == requests


def test_candles_honour_end_and_accept_offsets(upbit: Upbit, server: ConvenienceFake) -> None:
    # 22:30 KST is 13:30 UTC = NOW - 90 minutes; 23:30 KST = NOW - 30 minutes.
    candles = list(
        upbit.iter_candles(
            "KRW-BTC", start="2026-03-11T22:30:00+09:00", end="2026-03-11T23:30:00+09:00"
        )
    )
    assert candle_times(candles) == [NOW - (30 + i + 1) * MINUTE for i in range(60)]
    assert server.sent(CANDLE_PATH)[0]["to"] == wire(NOW - 30 * MINUTE)


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"start": datetime(2026, 3, 11, 12, 0)}, "start"),
        ({"end": datetime(2026, 3, 11, 12, 0)}, "end"),
        ({"start": "2026-03-11T12:00:00"}, "start"),
        ({"end": "yesterday"}, "end"),
        ({"start": NOW, "end": NOW - MINUTE}, "start"),
        ({"unit": "2m"}, "unit"),
        ({"unit": "1h"}, "unit"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 201}, "page_size"),
    ],
)
def test_candle_arguments_are_checked_before_any_request(
    upbit: Upbit, server: ConvenienceFake, kwargs: dict[str, Any], param: str
) -> None:
    with pytest.raises(ValueError, match=rf"^{param}\b"):
        next(upbit.iter_candles("KRW-BTC", **kwargs))
    assert server.state.records == []


# --- iter_candles: the page ahead -------------------------------------------------------


def wait_for_requests(server: ConvenienceFake, path: str, count: int) -> int:
    return settled_count(lambda: len(server.sent(path)), count)


def test_candles_ask_for_the_next_page_while_the_caller_reads_one(
    upbit: Upbit, server: ConvenienceFake
) -> None:
    candles = upbit.iter_candles("KRW-BTC", end=NOW, page_size=7)
    first = next(candles)  # page 1 answered; page 2 is asked for now, page 3 not yet
    assert wait_for_requests(server, CANDLE_PATH, 2) == 2
    assert [utc(q["to"]) for q in server.sent(CANDLE_PATH)] == [NOW, NOW - 7 * MINUTE]
    rest = [next(candles) for _ in range(7)]  # the 8th candle is page 2's first: page 3 goes
    assert wait_for_requests(server, CANDLE_PATH, 3) == 3
    assert candle_times([first, *rest]) == [NOW - (i + 1) * MINUTE for i in range(8)]


@pytest.mark.parametrize("how", ["close", "drop"])
def test_candles_stopped_early_ask_for_one_page_more_at_most(
    upbit: Upbit, server: ConvenienceFake, how: str
) -> None:
    candles = upbit.iter_candles("KRW-BTC", end=NOW, page_size=7)
    assert len(list(itertools.islice(candles, 10))) == 10  # pages 1 and 2 read, 3 asked for
    if how == "close":
        candles.close()
    else:
        del candles  # garbage: the generator is closed by its finaliser
    assert wait_for_requests(server, CANDLE_PATH, 3) == 3


def test_candles_raise_a_failed_page_after_the_pages_before_it(
    upbit: Upbit, server: ConvenienceFake
) -> None:
    server.nth_faults[(CANDLE_PATH, 3)] = "400"
    got: list[Any] = []
    with pytest.raises(InvalidParameter):
        got.extend(candle for candle in upbit.iter_candles("KRW-BTC", end=NOW, page_size=7))
    # pages 1 and 2 reach the caller whole; the error comes where page 3 would begin
    assert candle_times(got) == [NOW - (i + 1) * MINUTE for i in range(14)]
    assert wait_for_requests(server, CANDLE_PATH, 3) == 3


def test_async_candles_page_ahead_stop_early_and_raise_in_place(server: ConvenienceFake) -> None:
    async def scenario() -> dict[str, Any]:
        async with AsyncUpbit(
            ACCESS_KEY, SECRET_KEY, base_url=server.url, rate_limits=FAST, max_retries=0
        ) as client:
            candles = client.iter_candles("KRW-BTC", end=NOW, page_size=7)
            await anext(candles)
            for _ in range(200):  # page 2 is asked for while the caller holds page 1
                if len(server.sent(CANDLE_PATH)) >= 2:
                    break
                await asyncio.sleep(0.01)
            ahead = len(server.sent(CANDLE_PATH))
            await candles.aclose()  # page 2's task is cancelled or done; nothing follows
            await asyncio.sleep(0.3)
            after_close = len(server.sent(CANDLE_PATH))
            server.nth_faults[(CANDLE_PATH, after_close + 3)] = "400"
            got: list[Any] = []
            error = None
            try:
                async for candle in client.iter_candles("KRW-BTC", end=NOW, page_size=7):
                    got.append(candle)
            except InvalidParameter as exc:
                error = exc
            return {"ahead": ahead, "after_close": after_close, "got": got, "error": error}

    seen = asyncio.run(scenario())
    assert seen["ahead"] == 2
    assert seen["after_close"] == 2
    assert isinstance(seen["error"], InvalidParameter)
    assert candle_times(seen["got"]) == [NOW - (i + 1) * MINUTE for i in range(14)]


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_candles_over_a_sparse_sandbox_history_come_once_each_without_holes(
    tmp_path: Any, flavour: str
) -> None:
    from upbit_ext.sandbox import SandboxConfig, serve

    with serve(SandboxConfig(db_path=tmp_path / "candles.db", history_days=0.05)) as running:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        # detailed trades (most minutes) then thin deep history (a trade in ~20 minutes)
        start, end = now - timedelta(hours=30), now - timedelta(minutes=2)
        truth = running.app.state.sandbox.market._get("KRW-ETH")
        lo, hi = int(start.timestamp()) // 60, int(end.timestamp()) // 60
        expected = [m for m in range(hi - 1, lo - 1, -1) if truth.minute(m) is not None]

        def sync() -> list[Any]:
            with Upbit(base_url=running.url) as client:
                return list(client.iter_candles("KRW-ETH", start=start, end=end, page_size=20))

        async def asynchronous() -> list[Any]:
            async with AsyncUpbit(base_url=running.url) as client:
                return [
                    c
                    async for c in client.iter_candles(
                        "KRW-ETH", start=start, end=end, page_size=20
                    )
                ]

        candles = sync() if flavour == "sync" else asyncio.run(asynchronous())
    minutes = [int(t.timestamp()) // 60 for t in candle_times(candles)]
    assert len(expected) > 100  # many pages
    assert hi - lo - len(expected) > 10  # and minutes without trades between them
    assert minutes == expected  # newest first, each minute with trades once, none missing


# --- iter_recent_trades -----------------------------------------------------------------


@pytest.mark.parametrize("page_size", [500, 100])
def test_trades_page_by_cursor_with_exact_ids(
    upbit: Upbit, server: ConvenienceFake, page_size: int
) -> None:
    ids = [t.sequential_id for t in upbit.iter_recent_trades("KRW-BTC", page_size=page_size)]
    assert ids == [FIRST_TRADE_ID - 1000 * i for i in range(TRADES)]
    assert all(type(i) is int and i > 2**53 and i % 2 == 1 for i in ids)
    sent = server.sent("/v1/trades/ticks")
    assert len(sent) == TRADES // page_size + 1
    assert "cursor" not in sent[0]
    # the cursor on the wire is the exact id, not a float's neighbour
    assert [q["cursor"] for q in sent[1:]] == [
        str(ids[k * page_size - 1]) for k in range(1, len(sent))
    ]


# --- iter_closed_orders -----------------------------------------------------------------

ALL_ORDERS = [f"00000000-0000-4000-8000-{i:012d}" for i in range(CLOSED_ORDERS_DAYS * 48)]
SEVEN_DAYS = timedelta(days=7)


def windows(server: ConvenienceFake) -> list[tuple[datetime, datetime]]:
    return [(utc(q["start_time"]), utc(q["end_time"])) for q in server.sent("/v1/orders/closed")]


def test_closed_orders_split_into_seven_day_windows(upbit: Upbit, server: ConvenienceFake) -> None:
    start = NOW - timedelta(days=CLOSED_ORDERS_DAYS)
    orders = list(upbit.iter_closed_orders(start=start, end=NOW))
    assert [o.uuid for o in orders] == ALL_ORDERS  # each once, newest first
    assert windows(server) == [
        (NOW - SEVEN_DAYS, NOW),
        (NOW - 2 * SEVEN_DAYS, NOW - SEVEN_DAYS),
        (start, NOW - 2 * SEVEN_DAYS),
    ]
    assert {q["limit"] for q in server.sent("/v1/orders/closed")} == {"1000"}


def test_full_windows_are_paged_until_nothing_is_lost(
    upbit: Upbit, server: ConvenienceFake
) -> None:
    start = NOW - timedelta(days=CLOSED_ORDERS_DAYS)
    orders = list(upbit.iter_closed_orders(start=start, end=NOW, limit=50))
    uuids = [o.uuid for o in orders]
    assert uuids == ALL_ORDERS  # nothing lost, nothing twice, still newest first
    created = [datetime.fromisoformat(o.created_at) for o in orders]
    assert created == sorted(created, reverse=True)
    seen = windows(server)
    assert all(upper - lower <= SEVEN_DAYS for lower, upper in seen)
    assert all(r.status == 200 for r in server.requests_to("GET", "/v1/orders/closed"))
    # 960 orders, 50 a page: at least 20 requests; a full page asks for what is before it
    assert len(seen) >= len(ALL_ORDERS) // 50
    by_created = {datetime.fromisoformat(o.created_at): o for o in orders}
    for (lower, _upper), (next_lower, next_upper) in itertools.pairwise(seen):
        if next_lower == lower:  # the same 7-day window, next page
            assert next_upper in by_created  # the oldest order of the page before
    assert {q["limit"] for q in server.sent("/v1/orders/closed")} == {"50"}


def test_closed_orders_refuse_naive_times(upbit: Upbit, server: ConvenienceFake) -> None:
    with pytest.raises(ValueError, match=r"^start\b"):
        next(upbit.iter_closed_orders(start=datetime(2026, 3, 1), end=NOW))
    assert server.state.records == []


# --- list_tickers splitting -------------------------------------------------------------


def test_hundreds_of_tickers_are_split_into_requests_that_fit_a_url(
    upbit: Upbit, server: ConvenienceFake
) -> None:
    codes = [f"KRW-C{i:04d}" for i in range(600)]
    tickers = upbit.list_tickers(markets=",".join(codes))
    assert [t.market for t in tickers] == codes
    queries = [q for p, q in server.raw_queries if p == "/v1/ticker"]
    assert len(queries) >= 2
    assert all(len(q) < 4000 for q in queries), [len(q) for q in queries]
    assert sum(len(q["markets"].split(",")) for q in server.sent("/v1/ticker")) == 600


@pytest.mark.parametrize("count", [1, 2, 105, 106, 107, 269, 270, 271, 300, 600])
def test_ticker_chunks_fit_a_url_and_are_as_few_as_possible(count: int) -> None:
    codes = [f"KRW-C{i:05d}" for i in range(count)]  # 10 characters each
    chunks = market_chunks(",".join(codes))
    assert ",".join(chunks).split(",") == codes
    sent = [len(quote(chunk, safe="")) for chunk in chunks]  # as sent: each comma is %2C
    assert all(n <= MAX_QUERY_CHARS for n in sent), sent
    # greedy: the next chunk's first code would not have fitted into the chunk before it
    for chunk, following in itertools.pairwise(chunks):
        assert len(quote(chunk + "," + following.split(",")[0], safe="")) > MAX_QUERY_CHARS


@pytest.mark.parametrize(
    "markets", ["KRW-BTC,KRW-ETH", ["KRW-BTC", "KRW-ETH"], ("KRW-BTC", "KRW-ETH")]
)
def test_a_short_ticker_list_is_one_request(
    upbit: Upbit, server: ConvenienceFake, markets: Any
) -> None:
    tickers = upbit.list_tickers(markets=markets)
    assert [t.market for t in tickers] == ["KRW-BTC", "KRW-ETH"]
    assert server.sent("/v1/ticker") == [{"markets": "KRW-BTC,KRW-ETH"}]


# --- prices and balances ----------------------------------------------------------------


def test_current_price_is_an_exact_decimal(upbit: Upbit, server: ConvenienceFake) -> None:
    server.prices.update({"KRW-SHIB": 0.01234, "USDT-XRP": 1.2345e-05})
    price = upbit.get_current_price("KRW-BTC")
    assert isinstance(price, Decimal)
    assert price == Decimal("103493000")
    assert upbit.get_current_price("KRW-SHIB") == Decimal("0.01234")  # not 0.0123399999…
    assert upbit.get_current_price("USDT-XRP") == Decimal("0.000012345")
    assert server.sent("/v1/ticker")[0] == {"markets": "KRW-BTC"}


def test_balance_comes_from_the_accounts(upbit: Upbit) -> None:
    balance = upbit.get_balance("KRW")
    assert isinstance(balance, Decimal)
    assert balance == Decimal("50000.47088291")
    assert upbit.get_balance("DOGE") == Decimal(0)


# --- round_price ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("market", "price", "mode", "rounded"),
    [
        ("KRW-BTC", "1234567", "down", "1234000"),
        ("KRW-BTC", "1234567", "up", "1235000"),
        ("KRW-BTC", 1234567, "nearest", "1235000"),
        ("KRW-BTC", Decimal("2000000.5"), "down", "2000000"),
        ("KRW-ETH", "999999", "down", "999500"),
        ("KRW-ETH", "999999", "up", "1000000"),
        ("KRW-ETH", "123456", "down", "123400"),
        ("KRW-SOL", 55555, "down", "55550"),
        ("KRW-SOL", 55555, "up", "55600"),
        ("KRW-SOL", 55555, "nearest", "55550"),
        ("KRW-SOL", 55575, "nearest", "55600"),
        ("KRW-ATOM", "12345", "down", "12340"),
        ("KRW-DOT", "5557", "down", "5555"),
        ("KRW-DOT", "1234.9", "down", "1234"),
        ("KRW-ARB", "150.5", "down", "150"),
        ("KRW-XRP", Decimal("9.876"), "down", "9.87"),
        ("KRW-XRP", Decimal("9.876"), "up", "9.88"),
        ("KRW-XRP", "99.99", "down", "99.9"),
        ("KRW-XRP", "9.87", "up", "9.87"),  # already on the grid
        ("KRW-DOGE", "0.12345", "down", "0.123"),
        ("KRW-SHIB", "0.01234567", "down", "0.0123"),
        ("KRW-PEPE", "0.00001234", "down", "0.0000123"),
        ("KRW-PEPE", "0.000001234", "up", "0.00000124"),
        ("USDT-BTC", "70123.456", "down", "70123.45"),
        ("USDT-XRP", "1.23456", "down", "1.234"),
        ("USDT-XRP", "0.123456", "up", "0.1235"),
        ("USDT-DOGE", "0.0123456", "down", "0.01234"),
        ("USDT-SHIB", "0.00012345", "down", "0.0001234"),
        ("BTC-ETH", "0.123456789", "down", "0.12345678"),
        ("BTC-ETH", "0.123456789", "up", "0.12345679"),
        ("BTC-XRP", "0.000001235", "nearest", "0.00000124"),
    ],
)
def test_round_price_follows_the_tick_tables(
    upbit: Upbit, market: str, price: Any, mode: Any, rounded: str
) -> None:
    result = upbit.round_price(market, price, mode)
    assert isinstance(result, Decimal)
    assert str(result) == rounded


def test_down_never_exceeds_the_price_however_many_digits(upbit: Upbit) -> None:
    price = "9.99999999999999999999999999999"  # 30 significant digits
    assert upbit.round_price("KRW-XRP", price, "down") == Decimal("9.99")
    assert upbit.round_price("KRW-XRP", price, "up") == Decimal("10.00")


def test_a_coarser_published_tick_wins(upbit: Upbit, server: ConvenienceFake) -> None:
    server.ticks.update({"KRW-USDT": "10", "KRW-BTC": "1", "ETH-FOO": "0.5"})
    assert upbit.round_price("KRW-USDT", "1234", "down") == Decimal(1230)  # table says 1
    assert upbit.round_price("KRW-USDT", "1234", "up") == Decimal(1240)
    assert upbit.round_price("KRW-BTC", "1234567") == Decimal(1234000)  # table's 1000 is coarser
    assert str(upbit.round_price("ETH-FOO", "12.34")) == "12.0"  # no table: published only
    assert upbit.round_price("KRW-USDT", "1239", "nearest") == Decimal(1240)
    requests = server.sent("/v1/orderbook/instruments")
    assert [q["markets"] for q in requests] == ["KRW-USDT", "KRW-BTC", "ETH-FOO"]  # cached


def test_unknown_tick_is_an_error_not_a_guess(upbit: Upbit) -> None:
    with pytest.raises(ValueError, match="no tick size known for 'ETH-BAR'"):
        upbit.round_price("ETH-BAR", "1")


def test_table_is_used_when_instruments_fail(upbit: Upbit, server: ConvenienceFake) -> None:
    server.ticks["KRW-USDT"] = "10"
    server.inject("GET", "/v1/orderbook/instruments", "500")
    assert upbit.round_price("KRW-USDT", "1234") == Decimal(1234)


@pytest.mark.parametrize(
    ("price", "mode", "exc", "match"),
    [
        (1234.5, "down", TypeError, "^price.*float"),
        ("0", "down", ValueError, "^price"),
        ("-5", "down", ValueError, "^price"),
        ("abc", "down", ValueError, "^price"),
        ("1234", "sideways", ValueError, "^mode"),
    ],
)
def test_round_price_refuses_bad_input(
    upbit: Upbit, price: Any, mode: Any, exc: type[Exception], match: str
) -> None:
    with pytest.raises(exc, match=match):
        upbit.round_price("KRW-BTC", price, mode)


# --- TTL cache --------------------------------------------------------------------------


def test_trading_pairs_are_cached_within_the_ttl(upbit: Upbit, server: ConvenienceFake) -> None:
    first = upbit.list_trading_pairs()
    second = upbit.list_trading_pairs()
    assert first == second
    assert first
    assert len(server.requests_to("GET", "/v1/market/all")) == 1
    second.clear()  # callers get a copy: the cache is not theirs to change
    assert upbit.list_trading_pairs() == first
    upbit.list_trading_pairs(is_details=True)  # another question, another request
    assert len(server.requests_to("GET", "/v1/market/all")) == 2


def test_cache_ttl_zero_always_asks(server: ConvenienceFake) -> None:
    with Upbit(base_url=server.url, cache_ttl=0, rate_limits=FAST) as client:
        client.list_trading_pairs()
        client.list_trading_pairs()
    assert len(server.requests_to("GET", "/v1/market/all")) == 2


def test_ttl_cache_expires_by_its_clock() -> None:
    now = [100.0]
    cache = TTLCache(10, lambda: now[0])
    cache.put("pairs", ["KRW-BTC"])
    now[0] = 109.9
    assert cache.get("pairs") == ["KRW-BTC"]
    now[0] = 110.0
    assert cache.get("pairs") is None
    frozen = TTLCache(0, lambda: 5.0)  # a coarse clock that did not tick between put and get
    frozen.put("pairs", ["KRW-BTC"])
    assert frozen.get("pairs") is None


# --- async parity -----------------------------------------------------------------------


def test_async_conveniences_match_the_sync_ones(upbit: Upbit, server: ConvenienceFake) -> None:
    codes = ",".join(f"KRW-C{i:04d}" for i in range(600))
    start = NOW - 100 * MINUTE

    async def collect() -> dict[str, Any]:
        async with AsyncUpbit(
            ACCESS_KEY, SECRET_KEY, base_url=server.url, rate_limits=FAST, max_retries=0
        ) as client:
            return {
                "candles": [
                    c.to_dict()
                    async for c in client.iter_candles("KRW-BTC", start=start, end=NOW, page_size=7)
                ],
                "trades": [t.sequential_id async for t in client.iter_recent_trades("KRW-BTC")],
                "orders": [
                    o.uuid
                    async for o in client.iter_closed_orders(
                        start=NOW - timedelta(days=CLOSED_ORDERS_DAYS), end=NOW, limit=50
                    )
                ],
                "tickers": [t.market for t in await client.list_tickers(markets=codes)],
                "price": await client.get_current_price("KRW-BTC"),
                "balance": await client.get_balance("KRW"),
                "rounded": await client.round_price("KRW-SOL", 55555, "up"),
                "pairs": [p.to_dict() for p in await client.list_trading_pairs()]
                + [p.to_dict() for p in await client.list_trading_pairs()],
            }

    got = asyncio.run(collect())
    assert len(server.sent(CANDLE_PATH)) == 15
    assert len([q for p, q in server.raw_queries if p == "/v1/ticker"]) >= 3  # 2+ chunks, 1 price
    assert len(server.requests_to("GET", "/v1/market/all")) == 1  # cached
    pairs = [p.to_dict() for p in upbit.list_trading_pairs()]
    assert got == {
        "candles": [
            c.to_dict() for c in upbit.iter_candles("KRW-BTC", start=start, end=NOW, page_size=7)
        ],
        "trades": [FIRST_TRADE_ID - 1000 * i for i in range(TRADES)],
        "orders": ALL_ORDERS,
        "tickers": codes.split(","),
        "price": Decimal("103493000"),
        "balance": Decimal("50000.47088291"),
        "rounded": Decimal("55600"),
        "pairs": pairs + pairs,
    }
    assert isinstance(got["price"], Decimal)
    assert isinstance(got["balance"], Decimal)


def test_async_candle_arguments_are_checked(server: ConvenienceFake) -> None:
    async def first() -> Any:
        async with AsyncUpbit(base_url=server.url, rate_limits=FAST) as client:
            return await anext(client.iter_candles("KRW-BTC", start=datetime(2026, 3, 1)))

    with pytest.raises(ValueError, match=r"^start\b"):
        asyncio.run(first())
    assert server.state.records == []


# Real time against a server in this process: on a loaded 2-core machine the server may read
# requests late and in bunches. Rerun, never skipped: a real pacing bug fails every run.
@pytest.mark.flaky(reruns=2)
def test_gathered_quotation_calls_never_earn_a_429() -> None:
    fake = ConvenienceFake(per_second=10)
    with serving(fake):
        # The fake does enforce the limit: a raw burst in another group gets refused.
        with httpx.Client(base_url=fake.url) as raw:
            burst = [raw.get("/v1/market/all").status_code for _ in range(12)]
        assert burst[:10] == [200] * 10
        assert 429 in burst[10:]

        async def gather() -> list[Decimal]:
            async with AsyncUpbit(base_url=fake.url, max_retries=0) as client:
                calls = (client.get_current_price("KRW-BTC") for _ in range(25))
                return list(await asyncio.gather(*calls))

        began = time.monotonic()
        prices = asyncio.run(gather())
        elapsed = time.monotonic() - began

    assert prices == [Decimal("103493000")] * 25
    tickers = fake.requests_to("GET", "/v1/ticker")
    assert [r.status for r in tickers] == [200] * 25  # zero 429s
    # 25 calls at 10 per second need two full seconds; much faster would mean no limiting.
    assert 2.0 <= elapsed < 4.0, elapsed


def test_remain_only_reaches_the_wire_signed(upbit: Upbit, server: ConvenienceFake) -> None:
    upbit.cancel_and_new_order(
        prev_order_uuid="u",
        new_ord_type="limit",
        new_price=Decimal("1E+3"),
        new_volume="remain_only",
    )
    (post,) = server.requests_to("POST", "/v1/orders/cancel_and_new")
    assert post.status == 200  # the fake checked the signature over this body
    body = json.loads(post.body)
    assert (body["new_volume"], body["new_price"]) == ("remain_only", "1000")
