"""Part 1: client CPU per request, ours against the peers and a hand-written floor.

Each client runs in its own worker process (ours and the floor from the project's `.venv`, the
peers from `.venv-bench`) and sends its requests one after another to the fixed-response server
(another process, see `_harness.fixed_server`): the sandbox would spend far more time per
request than any client and only add noise. `time.process_time()` around N requests in the
client's process gives its CPU per request: building, signing, sending, reading, parsing.
Client-side rate limiters are off for all: ccxt `enableRateLimit=False`; upbit-sdk and pyupbit
have none; ours has no off switch, so it gets `rate_limits=` of 10^9 per second for every group
(its bookkeeping still runs and is counted).

`python benchmarks/overhead.py [--quick]` prints the rows as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid as _uuid
from collections.abc import Awaitable, Callable
from typing import Any

import _harness

BENCH = "overhead"
TARGET = "<= 1.15x floor"
MARKET = "KRW-BTC"
ORDER_UUID = "ef6fe48e-57e4-5ece-aa79-4cdedafda65d"
UUIDS = [str(_uuid.UUID(int=i + 1)) for i in range(50)]
PRICE, VOLUME = "92667000", "0.001"

CASES = {
    "ticker": "public ticker GET",
    "accounts": "signed accounts GET",
    "get_order": "signed get_order GET",
    "create_order": "signed create_order POST",
    "uuids": "signed array query GET (50 uuids)",
}
# Which client runs in which environment, and in which modes it can run.
CLIENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "upbit_ext": ("ours", ("sync", "async")),
    "upbit-sdk": ("peer", ("sync", "async")),
    "pyupbit": ("peer", ("sync",)),
    "ccxt": ("peer", ("sync", "async")),
    "floor": ("ours", ("sync", "async")),
}
CANNOT = {
    ("pyupbit", "uuids"): "pyupbit has no list-by-uuids call",
    ("ccxt", "uuids"): "ccxt's urlencode (doseq=False) cannot repeat uuids[]",
}


# --- inside a worker process ------------------------------------------------------------------

_calls: dict[str, Callable[[], Any]] = {}
_async_calls: dict[str, Callable[[], Awaitable[Any]]] = {}
_loop: asyncio.AbstractEventLoop | None = None
_closers: list[Callable[[], Any]] = []


def finish() -> None:
    """Close what `prepare` opened (ccxt's async client warns at exit otherwise)."""
    for close in _closers:
        result = close()
        if _loop is not None and asyncio.iscoroutine(result):
            _loop.run_until_complete(result)


def prepare(client: str, mode: str, url: str, warmup: int = 20) -> list[str]:
    """Build `client` against `url` and warm every case up; returns the cases it can run."""
    global _loop
    if mode == "async":
        _loop = asyncio.new_event_loop()
        calls = _loop.run_until_complete(_ASYNC_BUILDERS[client](url))
        _async_calls.update(calls)
        for call in calls.values():
            for _ in range(warmup):
                _loop.run_until_complete(call())
    else:
        _calls.update(_SYNC_BUILDERS[client](url))
        for call in _calls.values():
            for _ in range(warmup):
                call()
    return sorted(_async_calls if mode == "async" else _calls)


def measure(case: str, n: int) -> dict[str, float]:
    """CPU and wall µs per request over `n` sequential requests of `case`."""
    if _loop is not None:
        call = _async_calls[case]

        async def many() -> None:
            for _ in range(n):
                await call()

        cpu, wall = time.process_time(), time.perf_counter()
        _loop.run_until_complete(many())
    else:
        sync_call = _calls[case]
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(n):
            sync_call()
    return {
        "cpu_us": (time.process_time() - cpu) / n * 1e6,
        "wall_us": (time.perf_counter() - wall) / n * 1e6,
    }


def profile(case: str, n: int, path: str) -> None:
    """cProfile `n` requests of `case` into `path` (a pstats text summary)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    if _loop is not None:
        call = _async_calls[case]

        async def many() -> None:
            for _ in range(n):
                await call()

        _loop.run_until_complete(many())
    else:
        for _ in range(n):
            _calls[case]()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"cProfile (CPU time) of {n} requests, case {case!r}\n{out.getvalue()}")


def _ours_sync(url: str) -> dict[str, Callable[[], Any]]:
    from upbit_ext import Upbit
    from upbit_ext._limits import DEFAULT_RATES

    unlimited = {group: (10**9, 1.0) for group in DEFAULT_RATES}
    up = Upbit(_harness.ACCESS_KEY, _harness.SECRET_KEY, base_url=url, rate_limits=unlimited)
    return {
        "ticker": lambda: up.list_tickers(markets=MARKET),
        "accounts": up.get_accounts,
        "get_order": lambda: up.get_order(uuid=ORDER_UUID),
        "create_order": lambda: up.create_order(
            market=MARKET, side="bid", ord_type="limit", price=PRICE, volume=VOLUME
        ),
        "uuids": lambda: up.list_orders_by_ids(uuids=UUIDS),
    }


async def _ours_async(url: str) -> dict[str, Callable[[], Awaitable[Any]]]:
    from upbit_ext import AsyncUpbit
    from upbit_ext._limits import DEFAULT_RATES

    unlimited = {group: (10**9, 1.0) for group in DEFAULT_RATES}
    up = AsyncUpbit(_harness.ACCESS_KEY, _harness.SECRET_KEY, base_url=url, rate_limits=unlimited)
    return {
        "ticker": lambda: up.list_tickers(markets=MARKET),
        "accounts": up.get_accounts,
        "get_order": lambda: up.get_order(uuid=ORDER_UUID),
        "create_order": lambda: up.create_order(
            market=MARKET, side="bid", ord_type="limit", price=PRICE, volume=VOLUME
        ),
        "uuids": lambda: up.list_orders_by_ids(uuids=UUIDS),
    }


def _sdk_sync(url: str) -> dict[str, Callable[[], Any]]:
    import upbit

    sdk = upbit.Upbit(access_key=_harness.ACCESS_KEY, secret_key=_harness.SECRET_KEY, base_url=url)
    return {
        "ticker": lambda: sdk.tickers.list_by_trading_pairs(markets=MARKET),
        "accounts": sdk.accounts.list,
        "get_order": lambda: sdk.orders.retrieve(uuid=ORDER_UUID),
        "create_order": lambda: sdk.orders.create(
            market=MARKET, side="bid", ord_type="limit", price=PRICE, volume=VOLUME
        ),
        "uuids": lambda: sdk.orders.list_by_uuids(uuids=UUIDS),
    }


async def _sdk_async(url: str) -> dict[str, Callable[[], Awaitable[Any]]]:
    import upbit

    sdk = upbit.AsyncUpbit(
        access_key=_harness.ACCESS_KEY, secret_key=_harness.SECRET_KEY, base_url=url
    )
    return {
        "ticker": lambda: sdk.tickers.list_by_trading_pairs(markets=MARKET),
        "accounts": sdk.accounts.list,
        "get_order": lambda: sdk.orders.retrieve(uuid=ORDER_UUID),
        "create_order": lambda: sdk.orders.create(
            market=MARKET, side="bid", ord_type="limit", price=PRICE, volume=VOLUME
        ),
        "uuids": lambda: sdk.orders.list_by_uuids(uuids=UUIDS),
    }


def _redirect_requests(base: str) -> None:
    """pyupbit hard-codes https://api.upbit.com in every call and sends through `requests`'
    module functions; rewrite the prefix where every request passes, in this worker only."""
    import requests

    original = requests.Session.request

    def request(self: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return original(
            self, method, url.replace("https://api.upbit.com", base, 1), *args, **kwargs
        )

    requests.Session.request = request  # type: ignore[method-assign]


def _pyupbit_sync(url: str) -> dict[str, Callable[[], Any]]:
    _redirect_requests(url)
    import pyupbit

    up = pyupbit.Upbit(_harness.ACCESS_KEY, _harness.SECRET_KEY)

    def checked(value: Any) -> Any:
        # pyupbit prints and returns None on errors; a silent None must not pass as a result.
        if value is None:
            raise RuntimeError("pyupbit returned None (an error it swallowed)")
        return value

    return {
        "ticker": lambda: checked(pyupbit.get_current_price(MARKET)),
        "accounts": lambda: checked(up.get_balances()),
        "get_order": lambda: checked(up.get_individual_order(ORDER_UUID)),
        "create_order": lambda: checked(up.buy_limit_order(MARKET, PRICE, VOLUME)),
    }


def _ccxt_options(url: str) -> dict[str, Any]:
    return {
        "apiKey": _harness.ACCESS_KEY,
        "secret": _harness.SECRET_KEY,
        "enableRateLimit": False,
        "urls": {"api": {"public": url, "private": url}},
    }


def _ccxt_sync(url: str) -> dict[str, Callable[[], Any]]:
    import ccxt

    ex = ccxt.upbit(_ccxt_options(url))
    ex.urls["api"] = {"public": url, "private": url}
    ex.load_markets()
    return {
        "ticker": lambda: ex.fetch_ticker("BTC/KRW"),
        "accounts": ex.fetch_balance,
        "get_order": lambda: ex.fetch_order(ORDER_UUID),
        "create_order": lambda: ex.create_order("BTC/KRW", "limit", "buy", 0.001, 92667000),
    }


async def _ccxt_async(url: str) -> dict[str, Callable[[], Awaitable[Any]]]:
    import ccxt.async_support as accxt

    ex = accxt.upbit(_ccxt_options(url))
    ex.urls["api"] = {"public": url, "private": url}
    await ex.load_markets()
    _closers.append(ex.close)
    return {
        "ticker": lambda: ex.fetch_ticker("BTC/KRW"),
        "accounts": ex.fetch_balance,
        "get_order": lambda: ex.fetch_order(ORDER_UUID),
        "create_order": lambda: ex.create_order("BTC/KRW", "limit", "buy", 0.001, 92667000),
    }


# The floor: what any client on this stack must at least do. One keep-alive httpx client,
# urlencode + unquote + SHA-512 for query_hash, PyJWT (HS256, as Upbit's examples), json.loads.
def _floor_token(params: list[tuple[str, str]] | None) -> dict[str, str]:
    import hashlib
    from urllib.parse import unquote, urlencode

    import jwt

    claims = {"access_key": _harness.ACCESS_KEY, "nonce": str(_uuid.uuid4())}
    if params:
        claims["query_hash"] = hashlib.sha512(unquote(urlencode(params)).encode()).hexdigest()
        claims["query_hash_alg"] = "SHA512"
    return {"Authorization": "Bearer " + jwt.encode(claims, _harness.SECRET_KEY, "HS256")}


_ORDER = [("market", MARKET), ("side", "bid"), ("ord_type", "limit"), ("price", PRICE),
          ("volume", VOLUME)]  # fmt: skip
_UUID_PARAMS = [("uuids[]", u) for u in UUIDS]


def _floor_requests() -> dict[str, tuple[str, str, list[tuple[str, str]] | None, bool]]:
    # case -> (method, path, params, signed)
    return {
        "ticker": ("GET", "/v1/ticker", [("markets", MARKET)], False),
        "accounts": ("GET", "/v1/accounts", None, True),
        "get_order": ("GET", "/v1/order", [("uuid", ORDER_UUID)], True),
        "create_order": ("POST", "/v1/orders", _ORDER, True),
        "uuids": ("GET", "/v1/orders/uuids", _UUID_PARAMS, True),
    }


def _floor_parts(
    method: str, params: list[tuple[str, str]] | None, signed: bool
) -> tuple[dict[str, str], Any, bytes | None]:
    import json as _json

    headers = _floor_token(params) if signed else {}
    if method == "POST":
        headers["Content-Type"] = "application/json"
        return headers, None, _json.dumps(dict(params or [])).encode()
    return headers, params, None


def _floor_sync(url: str) -> dict[str, Callable[[], Any]]:
    import json as _json

    import httpx

    client = httpx.Client(base_url=url)

    def make(method: str, path: str, params: Any, signed: bool) -> Callable[[], Any]:
        def call() -> Any:
            headers, query, body = _floor_parts(method, params, signed)
            response = client.request(method, path, params=query, content=body, headers=headers)
            if response.status_code >= 400:
                raise RuntimeError(f"floor: HTTP {response.status_code}")
            return _json.loads(response.content)

        return call

    return {case: make(*spec) for case, spec in _floor_requests().items()}


async def _floor_async(url: str) -> dict[str, Callable[[], Awaitable[Any]]]:
    import json as _json

    import httpx

    client = httpx.AsyncClient(base_url=url)

    def make(method: str, path: str, params: Any, signed: bool) -> Callable[[], Awaitable[Any]]:
        async def call() -> Any:
            headers, query, body = _floor_parts(method, params, signed)
            response = await client.request(
                method, path, params=query, content=body, headers=headers
            )
            if response.status_code >= 400:
                raise RuntimeError(f"floor: HTTP {response.status_code}")
            return _json.loads(response.content)

        return call

    return {case: make(*spec) for case, spec in _floor_requests().items()}


_SYNC_BUILDERS: dict[str, Callable[[str], dict[str, Callable[[], Any]]]] = {
    "upbit_ext": _ours_sync, "upbit-sdk": _sdk_sync, "pyupbit": _pyupbit_sync,
    "ccxt": _ccxt_sync, "floor": _floor_sync,
}  # fmt: skip
_ASYNC_BUILDERS: dict[str, Callable[[str], Awaitable[dict[str, Callable[[], Awaitable[Any]]]]]] = {
    "upbit_ext": _ours_async, "upbit-sdk": _sdk_async, "ccxt": _ccxt_async, "floor": _floor_async,
}  # fmt: skip


# --- in the parent ----------------------------------------------------------------------------


def run(
    quick: bool,
    *,
    rounds: int | None = None,
    requests_per_round: int | None = None,
    clients: tuple[str, ...] = tuple(CLIENTS),
    modes: tuple[str, ...] = ("sync", "async"),
    cases: tuple[str, ...] = tuple(CASES),
) -> list[dict[str, Any]]:
    """Rows of CPU µs per request for every case and mode; rounds interleave the clients."""
    rounds = rounds or (3 if quick else 8)
    n = requests_per_round or (20 if quick else 60)
    warmup = 5 if quick else 30
    rows: list[dict[str, Any]] = []
    peer_python = _harness.bench_python() if any(CLIENTS[c][0] == "peer" for c in clients) else ""
    with _harness.fixed_server() as server:
        for mode in modes:
            workers: dict[str, _harness.Worker] = {}
            try:
                supported: dict[str, set[str]] = {}
                for name in clients:
                    env, modes_of = CLIENTS[name]
                    if mode not in modes_of:
                        continue
                    python = peer_python if env == "peer" else _harness.OUR_PYTHON
                    workers[name] = _harness.Worker(BENCH, python, label=f"{name} {mode}")
                    supported[name] = set(
                        workers[name].call(
                            "prepare", client=name, mode=mode, url=server.url, warmup=warmup
                        )
                    )
                for case in cases:
                    walls: dict[str, list[float]] = {}

                    def measurer(
                        name: str,
                        case: str = case,
                        workers: dict[str, _harness.Worker] = workers,
                        walls: dict[str, list[float]] = walls,
                    ) -> Callable[[], float]:
                        def one() -> float:
                            got = workers[name].call("measure", case=case, n=n)
                            walls.setdefault(name, []).append(got["wall_us"])
                            return float(got["cpu_us"])

                        return one

                    able = [name for name in workers if case in supported[name]]
                    samples = _harness.interleaved(rounds, {name: measurer(name) for name in able})
                    results = {
                        name: _harness.summary(
                            samples[name],
                            requests=n * rounds,
                            wall_us_median=round(sorted(walls[name])[len(walls[name]) // 2], 1),
                        )
                        for name in able
                    }
                    missing = [f"{c}: {why}" for (c, k), why in CANNOT.items() if k == case]
                    rows.append(
                        _harness.row(
                            BENCH,
                            f"{CASES[case]}, {mode}",
                            results,
                            unit="µs CPU/request",
                            target=TARGET,
                            notes=(
                                f"fixed-response server (recorded sandbox answers) in another "
                                f"process; {rounds} rounds x {n} sequential requests per client, "
                                "client CPU by time.process_time; limiters off (ours: 10^9/s); "
                                "cProfile of ours: overhead.py --profile CASE "
                                "(results/profile-*.txt)"
                                + (f"; absent: {', '.join(missing)}" if missing else "")
                            ),
                        )
                    )
            finally:
                for worker in workers.values():
                    worker.call("finish")
                    worker.close()
    return rows


def profile_ours(case: str, mode: str, n: int, path: str) -> None:
    """Write a cProfile summary of our client on `case` to `path`."""
    with _harness.fixed_server() as server, _harness.Worker(BENCH) as worker:
        worker.call("prepare", client="upbit_ext", mode=mode, url=server.url)
        worker.call("profile", case=case, n=n, path=path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--profile", metavar="CASE", help="cProfile ours on CASE instead")
    parser.add_argument("--mode", default="sync", choices=("sync", "async"))
    args = parser.parse_args()
    if args.profile:
        out = _harness.RESULTS_DIR / f"profile-{args.profile}-{args.mode}.txt"
        _harness.RESULTS_DIR.mkdir(exist_ok=True)
        profile_ours(args.profile, args.mode, 2000, str(out))
        print(f"wrote {out}")
        return
    print(json.dumps(run(args.quick), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
