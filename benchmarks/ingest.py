"""Stream ingest (issue 12 part 6): messages/s decoded and persisted, and RSS over a long run.

`python benchmarks/ingest.py [--quick]` prints the rows as JSON; `benchmarks/run.py` calls
`run(quick)`. Nothing here is asserted by the tests (tests/test_bench_ingest.py only checks that
a tiny run has the benchmark row shape).

What is measured, on one core: this process is pinned to CPU 0 with `os.sched_setaffinity`
and every server to CPU 1 (when the machine has two or more), so the client's figures are one
core's work and the server does not steal from it. Peers run as subprocesses in `.venv-bench`
(requirements/bench.txt), pinned to CPU 0 too.

1. decode only: `upbit_ext.stream.decode` over pre-rendered trade frames (DEFAULT and SIMPLE,
   float and Decimal), against upbit-sdk's `parse_websocket_message` and pyupbit's `json.loads`.
2. received and decoded: a fixed firehose (benchmarks/_firehose.py, a minimal WebSocket server
   in another process, NOT the sandbox, which trades at an exchange's pace) pushes trade frames
   as fast as the socket takes them; `AsyncStream` (reconnect, watchdog, de-duplication and the
   bounded queue all on) against upbit-sdk's `ws_stream.trade` and pyupbit's `WebSocketManager`.
3. persisted: `Collector` from the same firehose into each sink (Parquet, JSONL, CSV, SQLite),
   batches of 5,000 rows, each batch fsync'd; rows/s until the last row is durable.
4. RSS: one long Collector run to Parquet (1,000,000 messages; quick: 100,000), RSS sampled
   along it, reported at 10 %, 50 % and 100 % of the messages.

Rates are messages per wall-clock second from the first message to the last (median of the
rounds, clients interleaved); `per_cpu_s` is the same count over the process's CPU seconds,
steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import _harness  # noqa: E402
from _firehose import FIRST_SID, MARKETS, templates  # noqa: E402

BENCH = "ingest"
CLIENT_CPU = 0
SERVER_CPU = 1
PEER_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
_with_peers = True  # build(peers=False) for the smoke test


# -- helpers -------------------------------------------------------------------------------


def _cpus() -> set[int]:
    return set(os.sched_getaffinity(0))


@contextlib.contextmanager
def pinned() -> Iterator[bool]:
    """This process on CPU 0 while measuring (when there is a CPU 1 for the server)."""
    before = _cpus()
    pin = len(os.sched_getaffinity(0)) >= 2 and CLIENT_CPU in before
    if pin:
        os.sched_setaffinity(0, {CLIENT_CPU})
    try:
        yield pin
    finally:
        if pin:
            os.sched_setaffinity(0, before)


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def firehose(n: int, fmt: str = "DEFAULT") -> Iterator[str]:
    """A firehose process serving `n` trade frames per connection; yields its ws:// base URL."""
    command = [sys.executable, str(HERE / "_firehose.py"), "--n", str(n), "--format", fmt]
    if len(os.sched_getaffinity(0)) >= 2 or len(_cpus()) >= 2:
        command += ["--cpu", str(SERVER_CPU)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            port = int(process.stdout.readline())
            yield f"ws://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(10)


def frames(fmt: str, n: int) -> list[bytes]:
    parts = templates(fmt)
    return [
        parts[i % len(parts)][0] + str(FIRST_SID + i).encode() + parts[i % len(parts)][1]
        for i in range(n)
    ]


def summary(values: list[float], **extra: Any) -> dict[str, Any]:
    q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return {
        "median": statistics.median(values), "p25": q[0], "p75": q[2], "n": len(values), **extra,
    }  # fmt: skip


def row(case: str, unit: str, better: str, target: str | None, results: dict[str, Any],
        notes: str) -> dict[str, Any]:  # fmt: skip
    return {
        "bench": BENCH, "case": case, "unit": unit, "better": better, "target": target,
        "results": results, "notes": notes,
    }  # fmt: skip


def peer(*args: str, timeout: float = 300) -> dict[str, Any] | None:
    """One peer measurement in `.venv-bench`, pinned to the client core; None if unavailable."""
    if not _with_peers or not PEER_PYTHON.exists():
        return None
    command = [str(PEER_PYTHON), str(HERE / "_ingest_peer.py"), *args]
    if len(_cpus()) >= 2:
        command = ["taskset", "-c", str(CLIENT_CPU), *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        print(f"ingest: peer {args[:2]} failed: {done.stderr[-500:]}", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def ensure_peers() -> str:
    """Build `.venv-bench` from requirements/bench.txt (the shared harness) if it is stale."""
    try:
        _harness.bench_python()
    except (subprocess.SubprocessError, OSError) as err:
        return f"could not build .venv-bench: {err}"
    return "present"


# -- 1. decode only ------------------------------------------------------------------------


def ours_decode(fmt: str, decimal: bool, n: int) -> dict[str, float]:
    from upbit_ext.stream import decode

    payloads = frames(fmt, n)
    decode(payloads[0], decimal=decimal)
    start, cpu = time.perf_counter(), time.process_time()
    for raw in payloads:
        decode(raw, decimal=decimal)
    return {"messages": n, "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}


def rates(samples: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    wall = [s["messages"] / s["seconds"] for s in samples]
    cpu = [s["messages"] / s["cpu"] for s in samples if s.get("cpu")]
    return summary(wall, per_cpu_s=statistics.median(cpu) if cpu else None, **extra)


def decode_rows(n: int, rounds: int) -> list[dict[str, Any]]:
    out = []
    for fmt in ("DEFAULT", "SIMPLE"):
        for decimal in (False, True):
            samples: dict[str, list[dict[str, Any]]] = {}
            for _ in range(rounds):
                samples.setdefault("upbit_ext", []).append(ours_decode(fmt, decimal, n))
                if not decimal:  # the peers have one parse each, whatever the number type
                    for client in ("upbit-sdk", "pyupbit"):
                        if (got := peer("decode", client, fmt, str(n))) is not None:
                            samples.setdefault(client, []).append(got)
            kind = "Decimal" if decimal else "float"
            out.append(
                row(
                    f"decode only: trade frames, {fmt}, {kind} prices",
                    "messages/s",
                    "higher",
                    ">= 50,000/s" if not decimal else None,
                    {k: rates(v) for k, v in samples.items()},
                    f"{n:,} pre-rendered frames per round, {rounds} rounds interleaved, one "
                    "core. Ours: typed attrs models (exact ints; exact Decimal when asked). "
                    "upbit-sdk: parse_websocket_message (typed pydantic). pyupbit: json.loads "
                    "to plain dicts, all its WebSocketManager does.",
                )
            )
    return out


# -- 2. received and decoded from the firehose --------------------------------------------


async def ours_stream(url: str, n: int, fmt: str, decimal: bool) -> dict[str, Any]:
    from upbit_ext.stream import AsyncStream

    got = 0
    start = cpu = 0.0
    async with AsyncStream(
        url=url + "/websocket/v1", format=fmt, decimal=decimal,  # type: ignore[arg-type]
        stall_timeout=30, queue_size=10_000,
    ) as stream:  # fmt: skip
        await stream.subscribe("trade", list(MARKETS))
        async for _message in stream:
            if got == 0:
                start, cpu = time.perf_counter(), time.process_time()
            got += 1
            if got >= n:
                break
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        peak = stream.stats.queue_peak
    return {"messages": got, "seconds": elapsed, "cpu": used, "queue_peak": peak}


def stream_rows(n: int, rounds: int) -> list[dict[str, Any]]:
    out = []
    for fmt, decimal in (("DEFAULT", False), ("SIMPLE", False), ("DEFAULT", True)):
        samples: dict[str, list[dict[str, Any]]] = {}
        for _ in range(rounds):
            with firehose(n, fmt) as url:
                samples.setdefault("upbit_ext", []).append(
                    asyncio.run(ours_stream(url, n, fmt, decimal))
                )
                if not decimal:
                    got = peer("stream", "upbit-sdk", fmt, str(n), url)
                    if got is not None:
                        samples.setdefault("upbit-sdk", []).append(got)
                    if fmt == "DEFAULT":  # pyupbit cannot ask for another format
                        got = peer("stream", "pyupbit", fmt, str(n), url)
                        if got is not None:
                            samples.setdefault("pyupbit", []).append(got)
        kind = "Decimal" if decimal else "float"
        out.append(
            row(
                f"received + decoded from a loopback firehose: trade, {fmt}, {kind} prices",
                "messages/s",
                "higher",
                ">= 50,000/s" if not decimal else None,
                {k: rates(v) for k, v in samples.items()},
                f"fixed firehose (benchmarks/_firehose.py, not the sandbox) in another process "
                f"on another core pushes {n:,} frames per connection; client pinned to one "
                f"core; {rounds} rounds, clients interleaved. Ours: AsyncStream with its "
                "watchdog, de-duplication and bounded queue (block). pyupbit: URL redirected "
                "(it has no option), parsing happens in its child process, so its per_cpu_s "
                "leaves that out.",
            )
        )
    return out


# -- 3 and 4. persisted by the collector; RSS -----------------------------------------------


async def collect(url: str, sink: str, n: int, out: Path, sample_rss: bool) -> dict[str, Any]:
    from upbit_ext.stream import Collector, CollectorStats

    collector = Collector(
        out, list(MARKETS), types=["trade"], sink=sink, base_url="http://127.0.0.1:9",
        ws_url=url + "/websocket/v1", flush_seconds=0.2, batch_rows=5000,
    )  # fmt: skip
    marks = {0.1: None, 0.5: None, 1.0: None}
    rss: dict[float, float | None] = dict(marks)
    peak = rss_mb()
    first: list[float] = []
    last: list[float] = []

    def status(st: CollectorStats) -> None:
        nonlocal peak
        seen = st.messages.get("trade", 0)
        if seen and not first:
            first.append(time.perf_counter())
        if sample_rss:
            now = rss_mb()
            peak = max(peak, now)
            for mark in rss:
                if rss[mark] is None and seen >= mark * n:
                    rss[mark] = now
        if st.rows >= n and not last:
            last.append(time.perf_counter())
            collector.stop()

    start, cpu = time.perf_counter(), time.process_time()
    stats = await collector.run(duration=3600, on_status=status, status_every=0.02)
    used = time.process_time() - cpu
    end = last[0] if last else time.perf_counter()
    result: dict[str, Any] = {
        "messages": stats.rows, "seconds": end - (first[0] if first else start), "cpu": used,
        "bytes_per_row": round(stats.bytes / max(1, stats.rows), 1),
    }  # fmt: skip
    if sample_rss:
        result.update(
            rss_10pct=rss[0.1], rss_50pct=rss[0.5], rss_100pct=rss[1.0], rss_peak=peak,
        )  # fmt: skip
    return result


def persist_rows(n: int, small: int, rounds: int, rss_n: int) -> list[dict[str, Any]]:
    out = []
    sizes = {"parquet": n, "jsonl": n, "csv": small, "sqlite": small}
    samples: dict[str, list[dict[str, Any]]] = {}
    for _ in range(rounds):
        for sink, count in sizes.items():
            with firehose(count) as url, tempfile.TemporaryDirectory() as tmp:
                samples.setdefault(sink, []).append(
                    asyncio.run(collect(url, sink, count, Path(tmp), False))
                )
    for sink, count in sizes.items():
        got = samples[sink]
        out.append(
            row(
                f"persisted by the collector: trade rows to {sink}",
                "rows/s",
                "higher",
                ">= 20,000/s" if sink in ("parquet", "jsonl") else None,
                {"upbit_ext": rates(got, bytes_per_row=got[-1]["bytes_per_row"])},
                f"Collector from the fixed firehose, {count:,} messages per round, {rounds} "
                "rounds, batches of 5,000 rows fsync'd (Parquet: a part per batch, written "
                "and renamed; SQLite: a transaction per batch), timed from the first message "
                "(20 ms status ticks) until the last row is durable; per_cpu_s counts the whole "
                "run with start-up and the writer thread; one core. No peer writes to disk.",
            )
        )
    with firehose(rss_n) as url, tempfile.TemporaryDirectory() as tmp:
        before = rss_mb()
        got1 = asyncio.run(collect(url, "parquet", rss_n, Path(tmp), True))
    flat = got1["rss_100pct"] - got1["rss_10pct"]
    out.append(
        row(
            f"peak RSS over {rss_n:,} messages (collector, Parquet)",
            "MB",
            "lower",
            "flat: RSS at 100 % within 10 MB of RSS at 10 %",
            {
                "upbit_ext": {
                    "median": got1["rss_peak"],
                    "p25": got1["rss_peak"],
                    "p75": got1["rss_peak"],
                    "n": 1,
                    "rss_before": round(before, 1),
                    "rss_10pct": got1["rss_10pct"],
                    "rss_50pct": got1["rss_50pct"],
                    "rss_100pct": got1["rss_100pct"],
                    "growth_10_to_100pct": round(flat, 1),
                    "rows_per_s": got1["messages"] / got1["seconds"],
                }
            },
            "RSS of the benchmark process (stream, queue, collector buffer and sink) read from "
            "/proc/self/status every 20 ms along one run; the process already holds the "
            "earlier cases' imports (rss_before).",
        )
    )
    return out


def run(quick: bool) -> list[dict[str, Any]]:
    """All ingest rows; `quick` shrinks every size (30,000 messages for RSS, one round)."""
    peers = ensure_peers()
    if quick:
        sizes = {"decode": 5_000, "stream": 8_000, "persist": 8_000, "small": 3_000,
                 "rss": 30_000, "rounds": 1}  # fmt: skip
    else:
        sizes = {"decode": 30_000, "stream": 40_000, "persist": 50_000, "small": 20_000,
                 "rss": 1_000_000, "rounds": 3}  # fmt: skip
    return build(sizes, peers)


def build(
    sizes: dict[str, int], peers: str = "present", *, with_peers: bool = True
) -> list[dict[str, Any]]:
    global _with_peers
    _with_peers = with_peers
    rounds = sizes["rounds"]
    with pinned() as pin:
        rows = decode_rows(sizes["decode"], rounds)
        rows += stream_rows(sizes["stream"], rounds)
        rows += persist_rows(sizes["persist"], sizes["small"], rounds, sizes["rss"])
    load = os.getloadavg()
    for r in rows:
        r["notes"] += (
            f" Client pinned to CPU {CLIENT_CPU}: {'yes' if pin else 'no (one core)'}; "
            f"load average at the end {load[0]:.1f} on {os.cpu_count()} cores."
        )
        if peers != "present":
            r["notes"] += f" .venv-bench: {peers}."
    return rows


def profile(n: int = 100_000, top: int = 15) -> str:
    """cProfile of the hot path: the firehose read by `AsyncStream`, and by `Collector` (JSONL)."""
    import cProfile
    import io
    import pstats

    import upbit_ext._client  # noqa: F401 (imported here, not inside the profile)

    ours_decode("DEFAULT", False, 1000)
    out = io.StringIO()
    for name in ("AsyncStream, DEFAULT", "Collector to JSONL"):
        prof = cProfile.Profile()
        with pinned(), firehose(n) as url, tempfile.TemporaryDirectory() as tmp:
            prof.enable()
            if name.startswith("Collector"):
                got = asyncio.run(collect(url, "jsonl", n, Path(tmp), False))
            else:
                got = asyncio.run(ours_stream(url, n, "DEFAULT", False))
            prof.disable()
        out.write(
            f"== {name}: {n:,} messages, {got['messages'] / got['cpu']:,.0f}/CPU-s under the "
            "profiler (event loop thread only; sink writes run in a worker thread)\n"
        )
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None, measure: Callable[[bool], Any] = run) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary instead")
    args = parser.parse_args(argv)
    if args.profile:
        print(profile())
        return
    rows = measure(args.quick)
    text = json.dumps(rows, indent=1)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
