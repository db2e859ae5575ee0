"""What every benchmark shares: the peers' environment, worker processes, servers, statistics.

Our client runs from the project's `.venv`; the peers (upbit-sdk, pyupbit, ccxt) run in
`.venv-bench`, built here from `requirements/bench.txt` and rebuilt when that file changes.
Code under measurement always runs in a `Worker`: a long-lived subprocess that imports one
benchmark module and calls its functions on request (one JSON line each way), so every client
is timed in its own process, with its own interpreter, while the rounds interleave them.
Servers run in other processes too (`sandbox()` and `fixed_server()`), so their CPU never
counts against a client's.

Only the standard library is imported at module level: this file is also imported by the
workers inside `.venv-bench`, where upbit_ext is not installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
REQUIREMENTS = ROOT / "requirements" / "bench.txt"
BENCH_VENV = ROOT / ".venv-bench"
OUR_PYTHON = sys.executable  # run.py and the scripts run from the project's .venv

# Keys for servers that check nothing (the fixed-response server); the sandbox has its own.
ACCESS_KEY = "bench-access-key-0123456789abcdefghijklm"
SECRET_KEY = "bench-secret-key-0123456789abcdefghijklm"

PEER_DISTRIBUTIONS = ("upbit-sdk", "pyupbit", "ccxt", "httpx", "pydantic", "requests", "aiohttp")


# --- the peers' environment ------------------------------------------------------------------


def bench_python() -> str:
    """The interpreter of `.venv-bench`, (re)built when `requirements/bench.txt` changed."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:16]
    python = BENCH_VENV / "bin" / "python"
    stamp = BENCH_VENV / f".installed-{digest}"
    if not stamp.exists() or not python.exists():
        print(f"building {BENCH_VENV.name} from {REQUIREMENTS.relative_to(ROOT)} ...", flush=True)
        for old in BENCH_VENV.glob(".installed-*"):
            old.unlink()
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", "--clear", str(BENCH_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)], check=True
        )
        stamp.touch()
    return str(python)


# --- workers ----------------------------------------------------------------------------------


def end_process(proc: subprocess.Popen[str], *, terminate: bool = False) -> None:
    """Stop a child that exits when its stdin closes (or, with `terminate`, on SIGTERM): wait
    10 s, then kill; close its pipes."""
    if terminate and proc.poll() is None:
        proc.terminate()
    if proc.stdin is not None and not proc.stdin.closed:
        proc.stdin.close()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


class WorkerError(RuntimeError):
    """A function called in a worker raised; the message carries the worker's traceback."""


class Worker:
    """A subprocess running `python _harness.py worker <module>` that calls functions of it.

    `call(name, **kwargs)` sends one JSON line and returns the function's JSON-able result.
    Functions may be coroutines; they are run with `asyncio.run`. State a function keeps in
    module globals (a client, a connection pool) survives between calls: warm-up happens once.
    """

    def __init__(self, module: str, python: str = OUR_PYTHON, label: str = "") -> None:
        self.label = label or module
        env = {**os.environ, "PYTHONPATH": str(BENCH_DIR), "PYTHONHASHSEED": "0"}
        env.pop("UPBIT_RATE_LIMIT_DB", None)
        self._proc = subprocess.Popen(
            [python, "-u", str(Path(__file__)), "worker", module],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=str(BENCH_DIR),
            env=env,
            text=True,
        )

    def call(self, name: str, /, **kwargs: Any) -> Any:
        assert self._proc.stdin is not None
        assert self._proc.stdout is not None
        self._proc.stdin.write(json.dumps({"call": name, "kwargs": kwargs}) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise WorkerError(f"{self.label}: worker exited (code {self._proc.wait()})")
        answer = json.loads(line)
        if "error" in answer:
            raise WorkerError(f"{self.label}: {name} failed in the worker:\n{answer['error']}")
        return answer["result"]

    def close(self) -> None:
        end_process(self._proc)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _worker_main(module_name: str) -> None:
    """The worker's loop: one JSON request per stdin line, one JSON answer per stdout line."""
    # The function's own prints must not corrupt the protocol: answers go to the real stdout.
    out = sys.stdout
    sys.stdout = sys.stderr
    module = importlib.import_module(module_name)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            result = getattr(module, request["call"])(**request["kwargs"])
            if asyncio.iscoroutine(result):
                result = asyncio.run(result)
            answer: dict[str, Any] = {"result": result}
        except BaseException:  # reported to the parent, which raises it
            answer = {"error": traceback.format_exc()}
        out.write(json.dumps(answer) + "\n")
        out.flush()


# --- servers in other processes ---------------------------------------------------------------


class Server:
    """A server process; `url` is its base URL. Stopping closes its stdin, which ends it."""

    def __init__(self, argv: Sequence[str]) -> None:
        env = {**os.environ, "PYTHONPATH": str(BENCH_DIR)}
        self._proc = subprocess.Popen(
            [OUR_PYTHON, "-u", str(Path(__file__)), *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=str(BENCH_DIR),
            env=env,
            text=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline().strip()
        if not line.startswith("http://"):
            self.stop()
            raise RuntimeError(f"server {argv[0]} did not start: {line!r}")
        self.url = line
        self.pid = self._proc.pid

    def stop(self) -> None:
        end_process(self._proc)


@contextlib.contextmanager
def sandbox(*, faults: Mapping[str, Any] | None = None, **config: Any) -> Iterator[Server]:
    """The project's sandbox exchange in another process, as `make demo` and the tests start it
    (`upbit_ext.sandbox.serve`), with `SandboxConfig(**config)` (rate limits enforced unless
    `rate_limits=False`; an in-memory database unless `db_path=`) and `Faults(**faults)`.
    Keys: `upbit_ext.sandbox.DEMO_ACCESS_KEY` / `DEMO_SECRET_KEY`.
    """
    server = Server(["sandbox", json.dumps({"config": config, "faults": faults or {}})])
    try:
        yield server
    finally:
        server.stop()


def _sandbox_main(spec: str) -> None:
    from upbit_ext.sandbox import SandboxConfig, serve
    from upbit_ext.sandbox._app import Faults

    options = json.loads(spec)
    running = serve(SandboxConfig(**options["config"]))
    running.app.state.sandbox.faults = Faults(**options["faults"])
    print(running.url, flush=True)
    sys.stdin.read()  # until the parent closes the pipe or dies
    running.stop()


@contextlib.contextmanager
def fixed_server() -> Iterator[Server]:
    """A minimal HTTP/1.1 keep-alive server in another process that answers each route with
    the same bytes: the sandbox's own recorded answers (`cassettes/sandbox`). Used where the
    sandbox (a full exchange on SQLite) would be the bottleneck. Every answer carries a
    `Remaining-Req` header (pyupbit fails without one) naming a group no client limits, so it
    is parsed but feeds no limiter.
    """
    server = Server(["fixed-server"])
    try:
        yield server
    finally:
        server.stop()


# (method, path) -> (cassette file, status). Bodies are taken from the recordings at start-up.
FIXED_ROUTES: dict[tuple[str, str], tuple[str, int]] = {
    ("GET", "/v1/ticker"): ("list_tickers", 200),
    ("GET", "/v1/market/all"): ("list_trading_pairs", 200),
    ("GET", "/v1/accounts"): ("get_accounts", 200),
    ("GET", "/v1/order"): ("get_order", 200),
    ("POST", "/v1/orders"): ("create_order", 201),
    ("GET", "/v1/orders/uuids"): ("list_orders_by_ids", 200),
}


def fixed_bodies() -> dict[tuple[str, str], tuple[int, bytes]]:
    """Each route's recorded body: the last answer to that method and path in its cassette."""
    import yaml  # the project's .venv has PyYAML (a base dependency)

    bodies: dict[tuple[str, str], tuple[int, bytes]] = {}
    for (method, path), (cassette, status) in FIXED_ROUTES.items():
        data = yaml.safe_load((ROOT / "cassettes" / "sandbox" / f"{cassette}.yaml").read_text())
        for interaction in data["interactions"]:
            request, response = interaction["request"], interaction["response"]
            uri_path = "/" + request["uri"].split("://", 1)[1].split("/", 1)[1].split("?")[0]
            if request["method"] == method and uri_path == path:
                bodies[(method, path)] = (status, response["body"]["string"].encode())
        if (method, path) not in bodies:
            raise RuntimeError(f"no recorded {method} {path} in cassettes/sandbox/{cassette}")
    return bodies


class _FixedProtocol(asyncio.Protocol):
    def __init__(self, answers: Mapping[tuple[bytes, bytes], bytes]) -> None:
        self._answers = answers
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self._buffer[:end]
            length = 0
            for header in head.split(b"\r\n")[1:]:
                name, _, value = header.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self._buffer) < end + 4 + length:
                return
            self._buffer = self._buffer[end + 4 + length :]
            method, target = head.split(b" ", 2)[:2]
            answer = self._answers.get((method, target.split(b"?", 1)[0]))
            assert self._transport is not None
            self._transport.write(answer or _http(404, b'{"error":{"name":"not_found"}}'))


def _http(status: int, body: bytes) -> bytes:
    reason = {200: b"OK", 201: b"Created", 404: b"Not Found"}[status]
    return (
        b"HTTP/1.1 %d %s\r\ncontent-type: application/json; charset=utf-8\r\n"
        b"remaining-req: group=bench; min=1800; sec=29\r\ncontent-length: %d\r\n\r\n%s"
        % (status, reason, len(body), body)
    )


def _fixed_server_main() -> None:
    answers = {
        (method.encode(), path.encode()): _http(status, body)
        for (method, path), (status, body) in fixed_bodies().items()
    }

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _FixedProtocol(answers), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        print(f"http://127.0.0.1:{port}", flush=True)
        await loop.run_in_executor(None, sys.stdin.read)
        server.close()

    asyncio.run(main())


# --- statistics and rounds --------------------------------------------------------------------


def summary(values: Sequence[float], **extra: Any) -> dict[str, Any]:
    """Median, quartiles (inclusive method) and count of `values`, plus any extra keys."""
    if not values:
        raise ValueError("values must not be empty")
    if len(values) == 1:
        p25 = p75 = float(values[0])
    else:
        p25, _, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return {
        "median": float(statistics.median(values)),
        "p25": float(p25),
        "p75": float(p75),
        "n": len(values),
        **extra,
    }


def interleaved(rounds: int, measure: Mapping[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Call each client's `measure()` once per round, in an order rotated every round, so slow
    drift of the machine (other load, thermal state) falls on every client alike."""
    names = list(measure)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(measure[name]())
    return samples


def row(
    bench: str,
    case: str,
    results: Mapping[str, Mapping[str, Any]],
    *,
    unit: str,
    better: str = "lower",
    target: str | None = None,
    notes: str = "",
) -> dict[str, Any]:
    """One result row in the shape every benchmark shares (see benchmarks/README.md)."""
    if better not in ("lower", "higher"):
        raise ValueError(f"better must be 'lower' or 'higher', got {better!r}")
    return {
        "bench": bench,
        "case": case,
        "unit": unit,
        "better": better,
        "target": target,
        "results": {name: dict(entry) for name, entry in results.items()},
        "notes": notes,
    }


def print_rows(rows: Sequence[Mapping[str, Any]]) -> None:
    print(json.dumps(list(rows), indent=2, ensure_ascii=False))


# --- machine and versions ---------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _versions(python: str, names: Sequence[str]) -> dict[str, str | None]:
    code = (
        "import importlib.metadata as m, json, sys\n"
        "def v(n):\n"
        "    try: return m.version(n)\n"
        "    except m.PackageNotFoundError: return None\n"
        "print(json.dumps({n: v(n) for n in sys.argv[1:]}))"
    )
    out = subprocess.run([python, "-c", code, *names], check=True, capture_output=True, text=True)
    versions: dict[str, str | None] = json.loads(out.stdout)
    return versions


def machine_info(*, peers: bool = True) -> dict[str, Any]:
    """CPU, cores, OS, Python and the version of every client and the HTTP stack under it."""
    ours = _versions(OUR_PYTHON, ["upbit", "httpx", "attrs", "PyJWT"])
    info: dict[str, Any] = {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "versions": {"upbit_ext": ours},
    }
    if peers:
        info["versions"]["peers"] = _versions(bench_python(), PEER_DISTRIBUTIONS)
    return info


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "worker":
        _worker_main(sys.argv[2])
    elif command == "sandbox":
        _sandbox_main(sys.argv[2])
    elif command == "fixed-server":
        _fixed_server_main()
    else:
        sys.exit("usage: _harness.py worker MODULE | sandbox JSON | fixed-server")
