"""One client doing one benchmark task against a sandbox; prints one JSON line.

    python _driver.py <task> <client> '<json args>'

Runs in the project's .venv for `upbit_ext` and in .venv-bench for the peers (`upbit-sdk`,
`pyupbit`, `ccxt`); only the chosen client is imported. Every client is used the way its docs
show, with its DEFAULT settings (retries, rate limiting), only pointed at the sandbox's URL:
upbit-sdk by `base_url`, ccxt by `urls['api']`, pyupbit (which hard-codes api.upbit.com) by
rewriting the URL inside `requests`.

Tasks:
- `rate`: `workers` threads call one operation of a rate group (`ticker`, `order`) for
  `seconds`; `measure()` is the reusable part (shared_budget runs it in several processes).
- `orders`: `n` order POSTs one after another; per call, the orders the sandbox gained (read
  on its /_bench/stats) and what the caller was told.
- `backfill`: 1-minute candles of `market` for [start, end), at most `max_requests` requests.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

ACCESS = "sandboxAccessKey0000000000000000000demo"
SECRET = "sandboxSecretKey0000000000000000000demo"
MARKET = "KRW-BTC"
# A resting ask far above the simulated price: takes a slot of the "order" group, never fills,
# and 0.0001 BTC per order lets thousands rest on the sandbox's 0.5 BTC.
ASK_PRICE = "300000000"
ASK_VOLUME = "0.0001"


class ReturnedNone(Exception):
    """The client returned None instead of an answer (pyupbit swallows errors so)."""


def outcome(value: Any) -> str:
    """What a caller was told, in a word: the class of the exception, or of the value."""
    if isinstance(value, BaseException):
        return type(value).__name__
    if value is None:
        return "None"
    return "returned " + type(value).__name__


# --- each client, used as its docs show -------------------------------------------------------


class Ours:
    def __init__(self, url: str) -> None:
        from upbit_ext import Upbit

        self.client = Upbit(ACCESS, SECRET, base_url=url)

    def ticker(self) -> Any:
        return self.client.list_tickers(markets=MARKET)

    def ask(self) -> Any:
        return self.client.create_order(
            market=MARKET, side="ask", ord_type="limit", price=ASK_PRICE, volume=ASK_VOLUME
        )

    def candles(
        self, market: str, start: datetime, end: datetime, max_requests: int
    ) -> tuple[list[int], int]:
        seen: list[int] = []
        for candle in self.client.iter_candles(market, "1m", start=start, end=end):
            seen.append(_minute(candle.candle_date_time_utc))
            if len(seen) >= max_requests * 200:
                break
        return seen, -1


class Sdk:
    def __init__(self, url: str) -> None:
        import upbit

        self.client = upbit.Upbit(access_key=ACCESS, secret_key=SECRET, base_url=url)

    def ticker(self) -> Any:
        return self.client.tickers.list_by_trading_pairs(markets=MARKET)

    def ask(self) -> Any:
        return self.client.orders.create(
            market=MARKET, side="ask", ord_type="limit", price=ASK_PRICE, volume=ASK_VOLUME
        )

    def candles(
        self, market: str, start: datetime, end: datetime, max_requests: int
    ) -> tuple[list[int], int]:
        # The SDK has no candle pager: page back with `to` = the oldest candle of the last page.
        seen: list[int] = []
        to = end.strftime("%Y-%m-%dT%H:%M:%SZ")
        requests = 0
        while requests < max_requests:
            page = self.client.candles.list_minutes(1, market=market, count=200, to=to)
            requests += 1
            if not page:
                break
            minutes = [_minute(c.candle_date_time_utc) for c in page]
            seen += [m for m in minutes if m >= _epoch_minute(start)]
            if min(minutes) <= _epoch_minute(start):
                break
            to = page[-1].candle_date_time_utc + "Z"
        return seen, requests


class PyUpbit:
    def __init__(self, url: str) -> None:
        import pyupbit
        import requests

        original = requests.sessions.Session.request

        def request(self: Any, method: str, url_: str, *args: Any, **kwargs: Any) -> Any:
            return original(
                self, method, url_.replace("https://api.upbit.com", url), *args, **kwargs
            )

        def request_kw(self: Any, *args: Any, **kwargs: Any) -> Any:
            if "url" in kwargs:
                kwargs["url"] = kwargs["url"].replace("https://api.upbit.com", url)
                return original(self, *args, **kwargs)
            return request(self, *args, **kwargs)

        request_kw.__wrapped__ = request  # type: ignore[attr-defined]

        requests.sessions.Session.request = request_kw  # type: ignore[method-assign]
        self.pyupbit = pyupbit
        self.client = pyupbit.Upbit(ACCESS, SECRET)

    def ticker(self) -> Any:
        value = self.pyupbit.get_current_price(MARKET)
        if value is None:
            raise RuntimeError("pyupbit returned None")
        return value

    def ask(self) -> Any:
        return self.client.sell_limit_order(MARKET, ASK_PRICE, ASK_VOLUME)

    def candles(
        self, market: str, start: datetime, end: datetime, max_requests: int
    ) -> tuple[list[int], int]:
        minutes = int((end - start).total_seconds() // 60)
        count = min(minutes, max_requests * 200)
        to = end.replace(tzinfo=None)  # pyupbit sends `to` as given, read by Upbit as UTC
        frame = self.pyupbit.get_ohlcv(market, interval="minute1", count=count, to=to)
        if frame is None:
            raise RuntimeError("pyupbit get_ohlcv returned None (it swallows every error)")
        kst = timedelta(hours=9)
        seen = [
            int((ts.to_pydatetime().replace(tzinfo=UTC) - kst).timestamp()) // 60
            for ts in frame.index
        ]
        return seen, -(-count // 200)


class Ccxt:
    def __init__(self, url: str) -> None:
        import ccxt

        self.client = ccxt.upbit({"apiKey": ACCESS, "secret": SECRET})
        self.client.urls["api"] = {"public": url, "private": url}
        self.client.load_markets()

    def ticker(self) -> Any:
        return self.client.fetch_ticker("BTC/KRW")

    def ask(self) -> Any:
        return self.client.create_order(
            "BTC/KRW", "limit", "sell", float(ASK_VOLUME), float(ASK_PRICE)
        )

    def candles(
        self, market: str, start: datetime, end: datetime, max_requests: int
    ) -> tuple[list[int], int]:
        # ccxt's documented way: page forward with `since` = last candle + 1 minute.
        quote, base = market.split("-")
        symbol = f"{base}/{quote}"
        seen: list[int] = []
        since = int(start.timestamp() * 1000)
        stop = int(end.timestamp() * 1000)
        requests = 0
        while since < stop and requests < max_requests:
            page = self.client.fetch_ohlcv(symbol, "1m", since=since, limit=200)
            requests += 1
            if not page:
                break
            seen += [row[0] // 60000 for row in page if row[0] < stop]
            since = page[-1][0] + 60000
        return seen, requests


CLIENTS: dict[str, Callable[[str], Any]] = {
    "upbit_ext": Ours, "upbit-sdk": Sdk, "pyupbit": PyUpbit, "ccxt": Ccxt,
}  # fmt: skip


def _minute(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()) // 60


def _epoch_minute(moment: datetime) -> int:
    return int(moment.timestamp()) // 60


def _stats(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url + "/_bench/stats", timeout=30) as answer:
        return dict(json.loads(answer.read()))


# --- tasks ------------------------------------------------------------------------------------


def measure(call: Callable[[], Any], workers: int, seconds: float) -> dict[str, Any]:
    """`workers` threads calling `call` back to back for `seconds`: client-side tallies.

    Returns ok calls, failures by exception class, the elapsed time and ok calls/s. The
    server-side count (what the exchange accepted, 429s, 418s) is read by the caller.
    """
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def work() -> None:
        while time.perf_counter() < deadline:
            try:
                call()
                kind = "ok"
            except Exception as exc:
                kind = type(exc).__name__
            with lock:
                outcomes[kind] += 1

    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {
        "ok": outcomes.pop("ok", 0), "failed": dict(outcomes), "elapsed": elapsed,
    }  # fmt: skip


def task_rate(client: Any, args: dict[str, Any]) -> dict[str, Any]:
    operation = client.ticker if args["group"] == "ticker" else client.ask

    def call() -> None:
        if operation() is None:  # pyupbit's way of saying it failed
            raise ReturnedNone

    return measure(call, int(args["workers"]), float(args["seconds"]))


def task_orders(client: Any, args: dict[str, Any]) -> dict[str, Any]:
    url = args["url"]
    created: list[int] = []
    told: Counter[str] = Counter()
    for _ in range(int(args["n"])):
        before = _stats(url)["orders"]
        try:
            result: Any = client.ask()
        except Exception as exc:
            result = exc
        told[outcome(result)] += 1
        created.append(_stats(url)["orders"] - before)
    return {"created": created, "told": dict(told)}


def task_backfill(client: Any, args: dict[str, Any]) -> dict[str, Any]:
    end = datetime.fromisoformat(args["end"])
    start = end - timedelta(days=float(args["days"]))
    t0 = time.perf_counter()
    error = None
    try:
        seen, requests = client.candles(args["market"], start, end, int(args["max_requests"]))
    except Exception as exc:
        seen, requests, error = [], -1, f"{type(exc).__name__}: {str(exc)[:200]}"
    wall = time.perf_counter() - t0
    return {"wall": wall, "minutes": seen, "requests": requests, "error": error}


def main() -> None:
    task, name, raw = sys.argv[1], sys.argv[2], sys.argv[3]
    args = json.loads(raw)
    client = CLIENTS[name](args["url"])
    tasks = {"rate": task_rate, "orders": task_orders, "backfill": task_backfill}
    result = tasks[task](client, args)
    sys.stdout.flush()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
