"""What rate_use, order_safety, backfill and shared_budget share, on top of `_harness`.

- `CountedSandbox`: the sandbox in its own process, with Upbit's limits on, counting on the
  server side every rate-limit verdict (200/429/418 per group) and every order it holds, so a
  benchmark reads what really reached the exchange rather than what a client says it saw.
- `drive(client, task, **args)`: runs benchmarks/_driver.py for one client, ours from the
  project's interpreter, the peers from .venv-bench, and returns its JSON answer.
- `concurrently(jobs)` and `sandboxes(n)`: these benchmarks are bound by Upbit's rates, not by
  the CPU, so clients run at the same time, each against a sandbox of its own (one client's
  burst or ban never reaches another's counts) and a run takes the time of its longest client.

Run alone (`python benchmarks/_peers_safety.py serve --dir DIR --count N`) it is the sandbox
process: forks N sandboxes, prints `<index> <url>` for each, serves until terminated.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Hashable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import _harness

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("_driver.py")
CLIENTS = ("upbit_ext", "upbit-sdk", "pyupbit", "ccxt")
PEERS = CLIENTS[1:]
K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def bench_python() -> Path:
    """The benchmark venv's interpreter (built by the shared harness)."""
    return Path(_harness.bench_python())


def versions(clients: tuple[str, ...] = CLIENTS) -> dict[str, str]:
    """Installed versions of the peers among `clients`, from .venv-bench (for a row's notes)."""
    peers = [c for c in clients if c in PEERS]
    if not peers:
        return {}
    code = (
        "import importlib.metadata as m, json;"
        f"print(json.dumps({{n: m.version(n) for n in {peers!r}}}))"
    )
    out = subprocess.run([str(bench_python()), "-c", code], capture_output=True, text=True)
    return dict(json.loads(out.stdout)) if out.returncode == 0 else {}


def drive(
    client: str,
    task: str,
    timeout: float = 900,
    env_extra: dict[str, str] | None = None,
    **args: Any,
) -> dict[str, Any]:
    """One run of `task` by `client` in a subprocess; its JSON answer (or {"error": ...}).

    The caller's UPBIT_* variables are dropped; `env_extra` sets what a run needs (e.g. a
    shared rate-limit backend when several driver processes share one budget).
    """
    python = Path(sys.executable) if client == "upbit_ext" else bench_python()
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPBIT_")}
    env.update(env_extra or {})
    env["PYTHONWARNINGS"] = "ignore"
    try:
        run = subprocess.run(
            [str(python), str(DRIVER), task, client, json.dumps(args)],
            capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"error": f"driver timed out after {timeout:.0f} s"}
    if run.returncode != 0:
        tail = run.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"driver exited {run.returncode}: {tail[0][:300]}"}
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def quartiles(values: list[float]) -> dict[str, float | int]:
    """median, p25, p75 and n of a list (the harness's `summary`)."""
    return _harness.summary(values)


class CountedSandbox:
    """One sandbox of a `sandboxes()` process group, by URL; `stats()` reads its counters."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method="GET" if data is None else "POST"
        )
        request.add_header("content-type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def minutes_with_candles(self, market: str, start_minute: int, end_minute: int) -> int:
        """How many minutes of [start, end) hold a 1-minute candle on the sandbox (the truth)."""
        query = f"?market={market}&start={start_minute}&end={end_minute}"
        return int(self._call("/_bench/candle_minutes" + query)["count"])

    def stats(self) -> dict[str, Any]:
        """{"verdicts": {"<group> <status>": count}, "orders": total orders held}."""
        return dict(self._call("/_bench/stats"))

    def faults(self, **changes: Any) -> None:
        self._call("/_sandbox/faults", changes)

    def blocked_for(self) -> float:
        """Seconds left of the longest 418 block the sandbox holds (0 when none)."""
        return float(self._call("/_bench/blocked")["seconds"])

    def reset_limits(self) -> None:
        """Forget all windows, 429 strikes and 418 blocks: one client's ban never hits the next."""
        self._call("/_bench/reset", {})


def concurrently(jobs: Mapping[K, Callable[[], T]]) -> dict[K, T]:
    """Every job at once, each in a thread (each mostly waits on its own subprocess)."""
    if not jobs:
        return {}
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {key: pool.submit(job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


@contextlib.contextmanager
def sandboxes(
    count: int, *, history_days: float = 0.05, trades_per_minute: float = 0
) -> Iterator[list[CountedSandbox]]:
    """`count` sandboxes, limits on, each in a process of its own (its own GIL and CPU): one
    process imports the sandbox once and forks one child per sandbox, which is much cheaper than
    `count` interpreters importing it. All stopped when the block ends."""
    tmp = tempfile.TemporaryDirectory(prefix="bench-sandbox-")
    errors = Path(tmp.name) / "stderr.txt"
    with errors.open("w") as stderr:  # read back if a server does not start
        proc = subprocess.Popen(
            [sys.executable, __file__, "serve", "--dir", tmp.name, "--count", str(count),
             "--history-days", str(history_days), "--trades-per-minute", str(trades_per_minute)],
            stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=ROOT,
        )  # fmt: skip
    try:
        assert proc.stdout is not None
        urls: dict[int, str] = {}
        for _ in range(count):
            index, _, url = proc.stdout.readline().strip().partition(" ")
            if not url.startswith("http://"):
                tail = errors.read_text(errors="replace")[-2000:]
                raise RuntimeError(
                    f"a benchmark sandbox did not start: {index!r} {url!r}, exit code "
                    f"{proc.poll()}, stderr:\n{tail}"
                )
            urls[int(index)] = url
        yield [CountedSandbox(urls[i]) for i in range(count)]
    finally:
        _harness.end_process(proc, terminate=True)
        tmp.cleanup()


def counted_delta(before: dict[str, Any], after: dict[str, Any], group: str) -> dict[str, int]:
    """Server-side 200/429/418 for `group` between two `stats()` readings."""

    def get(stats: dict[str, Any], status: int) -> int:
        return int(stats["verdicts"].get(f"{group} {status}", 0))

    return {str(s): get(after, s) - get(before, s) for s in (200, 429, 418)}


def _serve_many(workdir: str, count: int, history_days: float, trades_per_minute: float) -> None:
    """Import the sandbox once, fork `count` children each serving one (`<index> <url>` on
    stdout); on SIGTERM, or when the benchmark that started it is gone, stop them all."""
    import signal

    import starlette.routing  # noqa: F401  (imported before forking: each child inherits it)

    import upbit_ext.sandbox  # noqa: F401

    parent = os.getpid()
    children = []
    for index in range(count):
        pid = os.fork()
        if pid == 0:
            try:
                _serve(str(Path(workdir) / f"sandbox-{index}.db"), history_days,
                       trades_per_minute, index, parent)  # fmt: skip
            finally:
                os._exit(0)
        children.append(pid)

    def stop(*_: Any) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    benchmark = os.getppid()
    while os.getppid() == benchmark:  # the benchmark died without stopping us: stop too
        time.sleep(1)
    stop()


def _serve(db: str, history_days: float, trades_per_minute: float, index: int, parent: int) -> None:
    """One sandbox: counts the limiter's verdicts and exposes them on /_bench/*; ends with its
    parent."""
    import threading
    from collections import Counter

    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from upbit_ext.sandbox import SandboxConfig, serve

    # Room for thousands of resting orders per client.
    balances = {"KRW": "10000000000", "BTC": "100", "ETH": "5", "XRP": "10000", "USDT": "1000"}
    from dataclasses import replace

    from upbit_ext.sandbox._market import DEFAULT_MARKETS

    markets = DEFAULT_MARKETS
    if trades_per_minute:
        # Every market equally busy, so each client can backfill its own market at equal cost.
        markets = tuple(replace(m, trades_per_minute=trades_per_minute) for m in markets)
    config = SandboxConfig(
        db_path=db, history_days=history_days, balances=balances, markets=markets
    )
    running = serve(config)
    sandbox = running.app.state.sandbox
    limiter = sandbox.limiter
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    hit = limiter.hit

    def counted_hit(group: str, unit: str, now: float) -> Any:
        verdict = hit(group, unit, now)
        with lock:
            counts[f"{group} {verdict.status}"] += 1
        return verdict

    limiter.hit = counted_hit

    def orders_held() -> int:
        return int(sandbox.store._read("SELECT COUNT(*) FROM orders")[0][0])

    async def stats(request: Request) -> JSONResponse:
        with lock:
            verdicts = dict(counts)
        return JSONResponse({"verdicts": verdicts, "orders": orders_held()})

    async def blocked(request: Request) -> JSONResponse:
        now = sandbox.now_ms() / 1000
        units = getattr(limiter, "_units", {})
        left = max([u.blocked_until - now for u in units.values()] + [0.0])
        return JSONResponse({"seconds": left})

    async def reset(request: Request) -> JSONResponse:
        # A fresh start for the next client: no 418 block or 429 strikes carried over.
        with limiter._lock:
            limiter._units.clear()
        return JSONResponse({})

    async def candle_minutes(request: Request) -> JSONResponse:
        series = sandbox.market._get(request.query_params["market"])
        start, end = int(request.query_params["start"]), int(request.query_params["end"])
        with sandbox.market._lock:
            count = sum(1 for m in range(start, end) if series.minute(m) is not None)
        return JSONResponse({"count": count})

    running.app.router.routes[:0] = [
        Route("/_bench/candle_minutes", candle_minutes, methods=["GET"]),
        Route("/_bench/stats", stats, methods=["GET"]),
        Route("/_bench/reset", reset, methods=["POST"]),
        Route("/_bench/blocked", blocked, methods=["GET"]),
    ]
    print(f"{index} {running.url}", flush=True)
    while os.getppid() == parent:  # never outlive the group's parent, however it ended
        time.sleep(1)
    running.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["serve", "venv"])
    parser.add_argument("--dir", default=".")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--history-days", type=float, default=0.05)
    parser.add_argument("--trades-per-minute", type=float, default=0)
    cli = parser.parse_args()
    if cli.command == "venv":
        print(bench_python())
    else:
        _serve_many(cli.dir, cli.count, cli.history_days, cli.trades_per_minute)
