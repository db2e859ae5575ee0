"""What a user of Upbit's official SDK expects, over real HTTP on loopback.

Regions, raw responses, auto-paging, logging, per-call options, and the first-use details
(TypeError names, docstrings from the spec, one candle-unit convention, market lists). The
fake exchange (tests/fake_upbit.py) verifies every signature on its own; `PagingFake` below
adds list endpoints that honour Upbit's cursors (deposits `to`, open orders `page`, pocket
transfers `end_time`) and records each request's query and headers.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from _serve import serving, settled_count
from _spec import load_spec, operations, resolve
from fake_upbit import ACCESS_KEY, NOW, SECRET_KEY, FakeUpbit, _Handler, timezone_kst

from upbit_ext import AsyncUpbit, RawResponse, ServerError, Upbit, UpbitTimeout

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")

FAST = {g: (1000, 1.0) for g in ("market", "candle", "trade", "ticker", "orderbook", "default")}
DEPOSITS = [f"d0000000-0000-4000-8000-{i:012d}" for i in range(250)]  # newest first
OPEN_ORDERS = [f"o0000000-0000-4000-8000-{i:012d}" for i in range(130)]
TRANSFERS = 230  # one every 10 minutes before NOW, two sharing each page boundary's second
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")


class _PagingHandler(_Handler):
    server: PagingFake

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        with self.server.lock:
            self.server.seen.append((self.command, parts.path, parts.query, dict(self.headers)))
        if self.server.delay:
            time.sleep(self.server.delay)
        super()._handle()

    do_GET = do_POST = do_DELETE = _handle

    def _deposit(self, i: int) -> dict[str, Any]:
        return {
            "type": "deposit", "uuid": DEPOSITS[i], "currency": "BTC", "net_type": "BTC",
            "txid": f"tx{i}", "state": "ACCEPTED", "created_at": "2025-06-24T13:56:53+09:00",
            "done_at": "2025-06-24T14:20:01+09:00", "amount": "0.1", "fee": "0.0",
            "transaction_type": "default",
        }  # fmt: skip

    def _route_GET_v1_deposits(self, params: Any, lists: Any, body: bytes, fault: Any) -> None:
        """Upbit's `to` cursor: the deposits after (older than) the one named."""
        limit = int(params.get("limit", 100))
        start = 0
        if "to" in params and not self.server.ignore_cursor:
            start = DEPOSITS.index(params["to"]) + 1
        self._send(200, [self._deposit(i) for i in range(start, min(start + limit, 250))])

    def _route_GET_v1_orders_open(self, params: Any, lists: Any, body: bytes, fault: Any) -> None:
        limit, page = int(params.get("limit", 100)), int(params.get("page", 1))
        template = {k: v for k, v in self.server.order_template.items() if k != "trades"}
        chosen = OPEN_ORDERS[(page - 1) * limit : page * limit]
        rows = [{**template, "uuid": u, "state": "wait", "executed_funds": "0"} for u in chosen]
        self._send(200, rows)

    def _route_GET_v1_pockets_transfers(
        self, params: Any, lists: Any, body: bytes, fault: Any
    ) -> None:
        """Newest first, `end_time` inclusive (so a page boundary repeats its item)."""
        limit = int(params.get("limit", 20))
        end = NOW
        if "end_time" in params:
            from datetime import datetime

            end = datetime.fromisoformat(params["end_time"])
        rows = []
        for i in range(TRANSFERS):
            created = NOW - timedelta(minutes=10 * i)
            if created <= end and len(rows) < limit:
                rows.append({
                    "uuid": f"t{i:05d}", "from": "p1", "to": "p2", "state": "done",
                    "currency": "XRP", "amount": "1.0",
                    "created_at": created.astimezone(timezone_kst()).isoformat(),
                })  # fmt: skip
        self._send(200, rows)


class PagingFake(FakeUpbit):
    # Limits and breakers are per host:port for the whole process; an address of its own keeps
    # each test's budget and breaker its own (127.0.x.y belongs to test_conveniences).
    _addresses = itertools.cycle(f"127.3.{a}.{b}" for a in range(1, 255) for b in range(2, 255))

    def __init__(self) -> None:
        super().__init__()
        self.RequestHandlerClass = _PagingHandler
        self.seen: list[tuple[str, str, str, dict[str, str]]] = []
        self.ignore_cursor = False
        self.delay = 0.0

    def server_bind(self) -> None:
        self.server_address = (next(self._addresses), 0)
        super().server_bind()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def queries(self, path: str) -> list[dict[str, str]]:
        return [dict(parse_qsl(q)) for _, p, q, _ in self.seen if p == path]


@pytest.fixture
def server() -> Iterator[PagingFake]:
    fake = PagingFake()
    with serving(fake):
        yield fake


@pytest.fixture
def upbit(server: PagingFake) -> Iterator[Upbit]:
    with Upbit(
        ACCESS_KEY, SECRET_KEY, base_url=server.url, rate_limits=FAST, max_retries=0, timeout=5.0
    ) as client:
        yield client


def aclient(server: PagingFake, **kwargs: Any) -> AsyncUpbit:
    options: dict[str, Any] = {"rate_limits": FAST, "max_retries": 0, "timeout": 5.0, **kwargs}
    return AsyncUpbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, **options)


# --- regions ---------------------------------------------------------------------------------

# Hosts as Upbit's official SDK (`upbit-sdk` 1.1.0, ENVIRONMENTS) and global-docs name them.
HOSTS = {
    "kr": "https://api.upbit.com",
    "sg": "https://sg-api.upbit.com",
    "id": "https://id-api.upbit.com",
    "th": "https://th-api.upbit.com",
}


@pytest.mark.parametrize("region", list(HOSTS))
def test_region_picks_the_host(region: str) -> None:
    with Upbit(region=region) as client:  # type: ignore[arg-type]
        assert f"base_url={HOSTS[region]!r}" in repr(client)
        assert client.health()["region"] == region


def test_an_unknown_region_is_refused_by_name() -> None:
    with pytest.raises(
        ValueError, match=r"^region must be one of 'kr', 'sg', 'id', 'th'; got 'jp'"
    ):
        Upbit(region="jp")  # type: ignore[arg-type]


def test_base_url_replaces_the_host_and_the_region_keeps_its_tick_tables(
    server: PagingFake,
) -> None:
    """The rule: base_url wins for the host; the region still picks tables and rates."""
    # Examples from global-docs "SGD, IDR, THB Market Order Price Unit" and the SGD change of
    # 2025-12-01 (>= 1,000 SGD: tick 1).
    cases = [
        ("sg", "SGD-BTC", "2100.5", Decimal(2100)),
        ("sg", "SGD-ETH", "150.27", Decimal("150.2")),
        ("id", "IDR-BTC", "110.1", Decimal(110)),
        ("id", "IDR-BTC", "1234567", Decimal(1234500)),
        ("th", "THB-BTC", "1100.1", Decimal(1100)),
        ("th", "THB-BTC", "60013", Decimal(60000)),
    ]
    for region, market, price, expected in cases:
        with Upbit(region=region, base_url=server.url, rate_limits=FAST) as client:  # type: ignore[arg-type]
            assert client.round_price(market, price) == expected, (region, market)
            assert server.seen[-1][1] == "/v1/orderbook/instruments"  # went to base_url
    # Korea has no SGD table: nothing to round with.
    with (
        Upbit(base_url=server.url, rate_limits=FAST) as kr,
        pytest.raises(ValueError, match="no tick size known for 'SGD-BTC'"),
    ):
        kr.round_price("SGD-BTC", "2100.5")


def test_global_regions_keep_the_older_order_rate() -> None:
    """Korea raised `order` to 12/s on 2026-08-21; no global figure is published."""
    with Upbit(ACCESS_KEY, SECRET_KEY, region="th") as th, Upbit(ACCESS_KEY, SECRET_KEY) as kr:
        assert th.health()["limits"]["pocket"]["order"]["limit"] == 8
        assert kr.health()["limits"]["pocket"]["order"]["limit"] == 12


# --- raw responses ---------------------------------------------------------------------------


def test_raw_response_has_status_headers_body_and_parses(upbit: Upbit) -> None:
    raw = upbit.with_raw_response.list_deposit_addresses()
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["remaining-req"] == "group=default; min=1800; sec=29"
    assert raw.remaining_req == "group=default; min=1800; sec=29"
    body = json.loads(raw.content)
    assert raw.json() == body
    parsed = raw.parse()
    assert [a.to_dict() for a in parsed] == body
    assert [a.to_dict() for a in upbit.list_deposit_addresses()] == body

    created = upbit.with_raw_response.create_order(
        market="KRW-BTC", side="bid", ord_type="limit", price="100", volume="1"
    )
    assert created.status_code == 201
    assert created.parse().uuid == json.loads(created.content)["uuid"]


def test_raw_response_after_an_ambiguous_order_is_the_lookup(
    upbit: Upbit, server: PagingFake
) -> None:
    server.inject("POST", "/v1/orders", "drop_after_commit")
    raw = upbit.with_options(max_retries=1).with_raw_response.create_order(
        market="KRW-BTC", side="bid", ord_type="limit", price="100", volume="1", identifier="raw-1"
    )
    assert raw.status_code == 200
    assert json.loads(raw.content)["identifier"] == "raw-1"  # the GET /v1/order answer
    assert raw.parse().identifier == "raw-1"
    assert len(server.requests_to("POST", "/v1/orders")) == 1


def test_raw_views_cover_every_operation_sync_and_async(server: PagingFake) -> None:
    spec_ops = {op.operation_id for op in operations()}
    with Upbit() as client:
        names = {n for n in dir(client.with_raw_response) if not n.startswith("_")}
    assert names == spec_ops

    async def run() -> None:
        async with aclient(server) as a:
            raw = await a.with_raw_response.list_tickers(markets="KRW-BTC")
            assert raw.status_code == 200
            assert [t.market for t in raw.parse()] == ["KRW-BTC"]
            assert {n for n in dir(a.with_raw_response) if not n.startswith("_")} == spec_ops

    asyncio.run(run())


# --- auto-paging -----------------------------------------------------------------------------

PAGING_PARAMS = {"page", "cursor", "to", "end_time"}


def test_every_list_operation_that_pages_can_be_paginated() -> None:
    """A list operation with a cursor-like parameter is paged; the view has exactly those."""
    pages = {
        op.operation_id
        for op in operations()
        if op.method == "GET"
        and {p.get("name", "").removesuffix("[]") for p in op.definition.get("parameters", [])}
        & PAGING_PARAMS
    }
    assert {"list_deposits", "list_withdrawals", "list_open_orders", "list_closed_orders",
            "list_pocket_transfers", "list_universal_transfers", "list_recent_trades",
            "list_minute_candles", "list_day_candles"} <= pages  # fmt: skip
    with Upbit() as client:
        assert {n for n in dir(client.paginate) if not n.startswith("_")} == pages


def test_deposits_page_by_uuid_cursor_lazily_through_the_limiter(
    upbit: Upbit, server: PagingFake
) -> None:
    items = upbit.paginate.list_deposits(currency="BTC")
    assert server.queries("/v1/deposits") == []  # nothing sent before iterating
    first = next(items)
    assert first.uuid == DEPOSITS[0]
    # Lazily: page 2 is asked for while the caller reads page 1 (a thread), page 3 not yet.
    assert settled_count(lambda: len(server.queries("/v1/deposits")), 2) == 2
    more = [next(items) for _ in range(99)]  # the rest of page 1: page 3 still not asked for
    assert settled_count(lambda: len(server.queries("/v1/deposits")), 2) == 2
    rest = list(items)
    assert [d.uuid for d in [first, *more, *rest]] == DEPOSITS  # each once, in order
    sent = server.queries("/v1/deposits")
    assert [q.get("to") for q in sent] == [None, DEPOSITS[99], DEPOSITS[199]]
    assert {q["limit"] for q in sent} == {"100"}  # the spec's maximum when not given
    assert {q["currency"] for q in sent} == {"BTC"}
    # Each page went through the facade: signed (the fake checks) and counted by the limiter.
    assert upbit.health()["limits"]["pocket"]["default"]["used"] == 3


def test_a_server_ignoring_the_cursor_cannot_loop_forever(upbit: Upbit, server: PagingFake) -> None:
    server.ignore_cursor = True
    assert [d.uuid for d in upbit.paginate.list_deposits(limit=100)] == DEPOSITS[:100]
    assert len(server.queries("/v1/deposits")) == 2


def test_open_orders_page_by_page_number(upbit: Upbit, server: PagingFake) -> None:
    orders = list(upbit.paginate.list_open_orders(market="KRW-BTC", limit=50))
    assert [o.uuid for o in orders] == OPEN_ORDERS
    assert [q["page"] for q in server.queries("/v1/orders/open")] == ["1", "2", "3"]


def test_transfers_page_back_by_end_time_without_repeats(upbit: Upbit, server: PagingFake) -> None:
    transfers = list(upbit.paginate.list_pocket_transfers())
    assert [t.uuid for t in transfers] == [f"t{i:05d}" for i in range(TRANSFERS)]
    sent = server.queries("/v1/pockets/transfers")
    assert "end_time" not in sent[0]
    # the next window ends at the oldest transfer of the page before
    assert sent[1]["end_time"] == transfers[99].created_at


def test_bad_paging_arguments_fail_at_the_call_not_at_iteration(
    upbit: Upbit, server: PagingFake
) -> None:
    with pytest.raises(ValueError, match=r"list_deposits: limit must be <= 100"):
        upbit.paginate.list_deposits(limit=500)
    assert server.seen == []


def test_async_paging(server: PagingFake) -> None:
    async def run() -> list[str]:
        async with aclient(server) as a:
            return [d.uuid async for d in a.paginate.list_deposits(currency="BTC")]

    assert asyncio.run(run()) == DEPOSITS
    assert [q.get("to") for q in server.queries("/v1/deposits")] == [
        None, DEPOSITS[99], DEPOSITS[199]
    ]  # fmt: skip


# --- logging ---------------------------------------------------------------------------------


def test_logs_attempts_retries_waits_and_breaker_without_secrets(
    server: PagingFake, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: upbit_ext, httpx, httpcore
    slow = {**FAST, "default": (1, 0.3)}
    with Upbit(ACCESS_KEY, SECRET_KEY, base_url=server.url, rate_limits=slow) as client:
        server.inject("GET", "/v1/accounts", "500")
        client.get_accounts()  # a 500, a retry, then the answer
        client.get_accounts()  # waits for the 1-per-0.3s budget
        server.inject("GET", "/v1/accounts", *["500"] * 5)
        with pytest.raises(ServerError):
            client.with_options(max_retries=4).get_accounts()
    text = "\n".join(r.getMessage() for r in caplog.records)
    mine = [r for r in caplog.records if r.name == "upbit_ext"]
    messages = [r.getMessage() for r in mine]
    assert any(m.startswith("sending GET /v1/accounts") for m in messages)
    assert "GET /v1/accounts answered 500" in messages
    assert "GET /v1/accounts answered 200" in messages
    assert re.search(r"get_accounts attempt 1 failed: ServerError 500 server_error; retry in", text)
    assert any(re.match(r"waited 0\.\d+s for rate-limit group default", m) for m in messages)
    host = server.url.removeprefix("http://")
    assert f"circuit breaker for {host}: closed -> open" in messages
    assert any(r.levelno == logging.WARNING for r in mine)
    for record in caplog.records:
        line = record.getMessage() + repr(record.args)
        assert SECRET_KEY not in line
        assert ACCESS_KEY not in line
        assert not JWT.search(line), line


@pytest.mark.parametrize(
    ("value", "shown"), [("debug", True), ("info", False), ("", False), ("loud", False)]
)
def test_upbit_log_switches_a_stderr_handler(value: str, shown: bool) -> None:
    code = (
        "import logging, upbit_ext\n"
        "log = logging.getLogger('upbit_ext')\n"
        "log.debug('a debug line'); log.info('an info line')\n"
    )
    env = {**os.environ, "UPBIT_LOG": value}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert ("a debug line" in result.stderr) is shown
    assert ("an info line" in result.stderr) is (value in {"debug", "info"})
    assert ("UPBIT_LOG must be 'info' or 'debug', got 'loud'" in result.stderr) is (value == "loud")


# --- per-call options ------------------------------------------------------------------------


def test_extra_query_and_headers_are_sent_and_signed(upbit: Upbit, server: PagingFake) -> None:
    view = upbit.with_options(extra_query={"new_flag": "1"}, extra_headers={"X-Trace": "abc"})
    view.list_deposits(currency="BTC")  # the fake refuses a query_hash that misses new_flag
    view.list_tickers(markets="KRW-BTC")  # quotation: sent, unsigned
    (_, _, deposits_query, headers), (_, _, ticker_query, ticker_headers) = server.seen[-2:]
    assert dict(parse_qsl(deposits_query)) == {"currency": "BTC", "new_flag": "1"}
    assert headers["X-Trace"] == "abc"
    assert dict(parse_qsl(ticker_query)) == {"markets": "KRW-BTC", "new_flag": "1"}
    assert ticker_headers["X-Trace"] == "abc"
    assert "Authorization" not in ticker_headers
    upbit.list_deposits(currency="BTC")  # the client itself is unchanged
    assert dict(parse_qsl(server.seen[-1][2])) == {"currency": "BTC"}
    assert "X-Trace" not in server.seen[-1][3]


def test_extra_query_is_refused_for_a_body_operation(upbit: Upbit, server: PagingFake) -> None:
    view = upbit.with_options(extra_query={"x": "1"})
    with pytest.raises(ValueError, match="extra_query cannot be sent with create_order"):
        view.create_order(market="KRW-BTC", side="bid", ord_type="limit", price="1", volume="1")
    assert server.seen == []


def test_timeout_and_retries_for_one_view_share_the_pool(upbit: Upbit, server: PagingFake) -> None:
    server.delay = 0.5
    started = time.monotonic()
    with pytest.raises(UpbitTimeout):
        upbit.with_options(timeout=0.1).list_deposit_addresses()
    assert time.monotonic() - started < 0.45
    assert len(upbit.list_deposit_addresses()) >= 1  # the client's own 5 s timeout
    server.delay = 0.0

    server.inject("GET", "/v1/accounts", "500", "500", "500")
    with pytest.raises(ServerError):
        upbit.with_options(max_retries=1).get_accounts()
    assert len(server.requests_to("GET", "/v1/accounts")) == 2  # the client itself retries 0
    view = upbit.with_options(max_retries=2)
    assert view.get_accounts() is not None  # the third 500, then an answer
    assert upbit.health()["errors"]["ServerError"] == 3  # counted on the shared client
    view.close()  # a view owns nothing: the client still works
    assert upbit.get_accounts() is not None


def test_options_are_checked(upbit: Upbit) -> None:
    with pytest.raises(ValueError, match=r"timeout must be a number of seconds > 0"):
        upbit.with_options(timeout=0)
    with pytest.raises(ValueError, match=r"max_retries must be an integer >= 0"):
        upbit.with_options(max_retries=-1)
    with pytest.raises(TypeError, match=r"extra_query\['a'\] must be str or int, got list"):
        upbit.with_options(extra_query={"a": [1]})  # type: ignore[dict-item]


def test_async_options(server: PagingFake) -> None:
    async def run() -> None:
        async with aclient(server) as a:
            await a.with_options(extra_query={"new_flag": "2"}).list_deposits(currency="BTC")

    asyncio.run(run())
    assert server.queries("/v1/deposits") == [{"currency": "BTC", "new_flag": "2"}]


# --- first use -------------------------------------------------------------------------------


def test_type_errors_name_the_class_users_call() -> None:
    with Upbit() as client, pytest.raises(TypeError, match=r"^Upbit\.create_order\(\) got an"):
        client.create_order(markte="KRW-BTC")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"^AsyncUpbit\.get_order\(\) got an"):
        AsyncUpbit().get_order(uuidd="x")  # type: ignore[call-arg]


def test_docstrings_carry_the_spec() -> None:
    spec = load_spec()
    for op in operations(spec):
        # A convenience that overrides an operation keeps its docstring and adds a note.
        doc = getattr(Upbit, op.operation_id).__doc__ or ""
        flat = " ".join(doc.split())
        assert op.definition["summary"].rstrip(".") in doc, op.operation_id
        assert " ".join(op.definition["description"].split())[:60] in flat, op.operation_id
        url = op.definition.get("externalDocs", {}).get("url")
        if op.operation_id != "list_orders":  # deprecated; Upbit no longer documents it
            assert url, op.operation_id
            assert url.startswith("https://docs.upbit.com/kr/reference/"), url
            assert f"Upbit docs: {url}" in doc
        for param in op.definition.get("parameters", []):
            param = resolve(param, spec)
            name = param["name"].removesuffix("[]")
            assert re.search(rf"\n\s+{name}_?\b.*:", doc), (op.operation_id, name)
            assert " ".join(param.get("description", "").split())[:40] in flat
            for value in param["schema"].get("enum", []):
                assert repr(value) in flat, (op.operation_id, name, value)
    doc = " ".join((Upbit.list_deposits.__doc__ or "").split())
    assert "limit: Number of deposits per request. Server default: 100. From 1 to 100." in doc
    assert "order_by: Sort order: `desc` (newest first) or `asc`." in doc


def test_candle_units_take_both_forms(upbit: Upbit, server: PagingFake) -> None:
    by_int = upbit.list_minute_candles(unit=1, market="KRW-BTC", count=3)
    by_text = upbit.list_minute_candles(unit="1m", market="KRW-BTC", count=3)
    assert [c.candle_date_time_utc for c in by_int] == [c.candle_date_time_utc for c in by_text]
    assert [p for _, p, _, _ in server.seen] == ["/v1/candles/minutes/1"] * 2
    a = [c.candle_date_time_utc for c in itertools.islice(upbit.iter_candles("KRW-BTC", 1), 5)]
    b = [c.candle_date_time_utc for c in itertools.islice(upbit.iter_candles("KRW-BTC", "1m"), 5)]
    assert a == b == [c.candle_date_time_utc for c in by_int] + a[3:]
    with pytest.raises(ValueError, match=r"list_minute_candles: unit must be one of 1, 3, .*'1m'"):
        upbit.list_minute_candles(unit="2m", market="KRW-BTC")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"unit must be one of 1s, 1m, .*minutes as an int"):
        upbit.iter_candles("KRW-BTC", 2)


def test_markets_take_a_list_or_a_comma_string(upbit: Upbit, server: PagingFake) -> None:
    listed = upbit.list_tickers(markets=["KRW-BTC", "KRW-ETH"])
    joined = upbit.list_tickers(markets="KRW-BTC,KRW-ETH")
    assert [t.market for t in listed] == [t.market for t in joined] == ["KRW-BTC", "KRW-ETH"]
    upbit.list_orderbooks(markets=("KRW-BTC", "KRW-XRP"))
    upbit.list_quote_tickers(quote_currencies=["KRW", "BTC"])
    assert [dict(parse_qsl(q)) for _, _, q, _ in server.seen] == [
        {"markets": "KRW-BTC,KRW-ETH"},
        {"markets": "KRW-BTC,KRW-ETH"},
        {"markets": "KRW-BTC,KRW-XRP"},
        {"quote_currencies": "KRW,BTC"},
    ]
    upbit.cancel_open_orders(pairs=["KRW-BTC", "KRW-ETH"])
    assert dict(parse_qsl(server.seen[-1][2])) == {"pairs": "KRW-BTC,KRW-ETH"}
    with pytest.raises(ValueError, match=r"list_orderbooks: markets\[1\] must be one code"):
        upbit.list_orderbooks(markets=["KRW-BTC", "KRW-ETH,KRW-XRP"])


def test_readme_example_runs(
    server: PagingFake, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    match = re.search(r"### Regions, raw responses.*?\n```python\n(.*?)```", readme, re.S)
    assert match, "README lost its regions/raw/paging example"
    monkeypatch.setenv("UPBIT_ACCESS_KEY", ACCESS_KEY)
    monkeypatch.setenv("UPBIT_SECRET_KEY", SECRET_KEY)
    code = match[1].replace(
        'Upbit.from_env(region="kr")', f"Upbit.from_env(base_url={server.url!r}, rate_limits=FAST)"
    )
    exec(compile(code, "README.md", "exec"), {"FAST": FAST})
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("200 group=default; min=1800; sec=29 ")
    assert len(out) == 1 + len(DEPOSITS) + 1
    assert out[-1] == "['KRW-BTC', 'KRW-ETH']"
    assert dict(parse_qsl(server.seen[-1][2])) == {"markets": "KRW-BTC,KRW-ETH", "new_flag": "true"}


def test_async_raw_response_after_an_ambiguous_order(server: PagingFake) -> None:
    server.inject("POST", "/v1/orders", "drop_after_commit")

    async def run() -> RawResponse[Any]:
        async with aclient(server, max_retries=1) as a:
            return await a.with_raw_response.create_order(
                market="KRW-BTC", side="ask", ord_type="limit", price="100", volume="1",
                identifier="raw-async",
            )  # fmt: skip

    raw = asyncio.run(run())
    assert raw.status_code == 200
    assert raw.parse().identifier == "raw-async"
    assert len(server.requests_to("POST", "/v1/orders")) == 1


def test_paging_against_the_sandbox_sync_and_async() -> None:
    from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve

    with (
        serve(SandboxConfig(seed=3)) as sandbox,
        Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as client,
    ):
        candles = list(
            itertools.islice(client.paginate.list_minute_candles(unit="1m", market="KRW-BTC"), 450)
        )
        starts = [c.candle_date_time_utc for c in candles]
        assert len(set(starts)) == 450  # three pages of 200, none repeated
        assert starts == sorted(starts, reverse=True)
        trades = list(itertools.islice(client.paginate.list_recent_trades(market="KRW-ETH"), 700))
        ids = [t.sequential_id for t in trades]
        assert len(set(ids)) == 700
        assert ids == sorted(ids, reverse=True)

        async def run() -> list[str]:
            async with AsyncUpbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as a:
                pages = a.paginate.list_minute_candles(unit=1, market="KRW-BTC")
                return [c.candle_date_time_utc async for c in pages][:450]

        assert asyncio.run(run()) == starts
