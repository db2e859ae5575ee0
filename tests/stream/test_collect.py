"""`upbit collect` against the real sandbox over loopback: real processes, real files, faults.

"Exactly" is checked against the simulator's own trade log: for each market, every trade between
the first and the last one stored, same `sequential_id` set, each once.
`UPBIT_COLLECT_SECONDS` sets the length of the faulted acceptance run (20 s here; the issue's 60 s
with `make collect-acceptance`).
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from upbit_ext.sandbox import Faults, RunningSandbox, SandboxConfig, serve
from upbit_ext.sandbox._market import MarketInfo
from upbit_ext.stream import Collector, read_rows

FAST_MARKETS = (
    MarketInfo("KRW-BTC", "비트코인", "Bitcoin", Decimal("103000000"), 0.03, 1000),
    MarketInfo("KRW-ETH", "이더리움", "Ethereum", Decimal("5000000"), 0.04, 1000),
    MarketInfo("KRW-XRP", "리플", "Ripple", Decimal("3000"), 0.04, 1000),
)
MARKETS = ("KRW-BTC", "KRW-ETH", "KRW-XRP")
SECONDS = float(os.environ.get("UPBIT_COLLECT_SECONDS", "20"))
SINKS = ("jsonl", "csv", "parquet", "sqlite")


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    config = SandboxConfig(
        db_path=tmp_path_factory.mktemp("collect") / "s.db",
        markets=FAST_MARKETS,
        history_days=0.02,
    )
    with serve(config) as server:
        yield server


@pytest.fixture(autouse=True)
def no_faults(running: RunningSandbox) -> Iterator[None]:
    running.app.state.sandbox.faults = Faults()
    yield
    running.app.state.sandbox.faults = Faults()


def collect(running: RunningSandbox, out: Path, *args: str) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "upbit_ext.cli", "collect", "--markets", ",".join(MARKETS),
        "--out", str(out), "--base-url", running.url, *args,
    ]  # fmt: skip
    if "--status" not in args:
        command.append("--no-status")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str], timeout: float = 60) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return out


def stored_trades(out: Path) -> dict[str, list[dict[str, Any]]]:
    by_market: dict[str, list[dict[str, Any]]] = {}
    for row in read_rows(out, "trade"):
        by_market.setdefault(str(row["market"]), []).append(row)
    return by_market


def assert_equals_the_trade_log(running: RunningSandbox, out: Path) -> dict[str, int]:
    """Per market: the stored ids are exactly the simulator's between the first and last."""
    sim = running.app.state.sandbox.market
    counts = {}
    for market, rows in stored_trades(out).items():
        sids = [int(r["sequential_id"]) for r in rows]
        duplicates = [sid for sid, n in Counter(sids).items() if n > 1]
        assert not duplicates, f"{market}: {len(duplicates)} stored twice"
        first = min(rows, key=lambda r: int(r["sequential_id"]))
        last = max(rows, key=lambda r: int(r["sequential_id"]))
        expected = {
            t.sequential_id
            for t in sim.trades_between(
                market, int(first["trade_timestamp"]), int(last["trade_timestamp"]) + 1
            )
            if int(first["sequential_id"]) <= t.sequential_id <= int(last["sequential_id"])
        }
        missing, extra = expected - set(sids), set(sids) - expected
        assert (missing, extra) == (set(), set()), (
            f"{market}: {len(missing)} missing, {len(extra)} extra"
        )
        for row in rows:  # every row carries the fields a user needs
            assert row["trade_price"] > 0
            assert row["trade_volume"] > 0
            assert row["ask_bid"] in ("ASK", "BID")
        counts[market] = len(sids)
    assert set(counts) == set(MARKETS)
    return counts


def events(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "_events.jsonl").read_text().splitlines()]


# --------------------------------------------------------------------------- acceptance


def test_faulted_run_stores_exactly_the_sandbox_trade_log(
    running: RunningSandbox, tmp_path: Path
) -> None:
    """Disconnects every few seconds with skipped frames, then a stall, then disconnects again:
    the Parquet files hold each trade of the window once, none missing."""
    out = tmp_path / "out"
    sandbox = running.app.state.sandbox
    sandbox.faults = Faults(ws_disconnect_after=150, ws_skip_rate=0.05, seed=3)
    process = collect(
        running, out, "--types", "trade,ticker", "--sink", "parquet",
        "--duration", str(SECONDS), "--verify", "1", "--stall-timeout", "1.5",
    )  # fmt: skip
    started = time.monotonic()

    def phases() -> None:
        time.sleep(SECONDS * 0.4)
        sandbox.faults = Faults(ws_stall_after=60)  # the next connection goes quiet
        time.sleep(min(5.0, SECONDS * 0.25))
        sandbox.faults = Faults(ws_disconnect_after=150, ws_skip_rate=0.05, seed=4)

    switcher = threading.Thread(target=phases, daemon=True)
    switcher.start()
    summary = finish(process, timeout=SECONDS + 60)
    switcher.join()
    elapsed = time.monotonic() - started

    counts = assert_equals_the_trade_log(running, out)
    print(f"stored exactly the trade log: {counts}; {summary.strip()}")
    # The window is the whole run, not a lucky slice.
    for market, rows in stored_trades(out).items():
        times = [int(r["trade_timestamp"]) for r in rows]
        span = (max(times) - min(times)) / 1000
        assert span >= SECONDS * 0.6, (market, len(rows), events(out))
    kinds = Counter(e["event"] for e in events(out))
    assert kinds["reconnect"] + kinds["stall"] >= 3, kinds
    assert kinds["stall"] >= 1, kinds
    stop = events(out)[-1]
    assert stop["event"] == "stop"
    assert stop["gaps_filled"] > 0  # disconnects and skipped frames were filled from REST
    assert "trades backfilled" in summary
    assert elapsed < SECONDS + 20
    # Tickers went to their own partition.
    assert list(out.glob("type=ticker/market=KRW-ETH/date=*/part-*.parquet"))


def test_duckdb_one_liner_reads_the_parquet_files(running: RunningSandbox, tmp_path: Path) -> None:
    """The README's DuckDB line, on files the collector wrote."""
    out = tmp_path / "out"
    process = collect(
        running, out, "--sink", "parquet", "--duration", "3", "--flush-seconds", "0.5", "--status"
    )
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "trade " in err  # the status line: messages/s per type, reconnects, rows, bytes
    assert "gaps filled" in err
    stored = {m: len(rows) for m, rows in stored_trades(out).items()}
    query = (
        f"SELECT market, count(*) AS trades, count(DISTINCT sequential_id) AS ids "
        f"FROM '{out}/type=trade/**/*.parquet' GROUP BY market ORDER BY market"
    )
    result = duckdb.sql(query).fetchall()
    assert result == [(m, stored[m], stored[m]) for m in sorted(stored)]
    assert all(n > 10 for n in stored.values())
    # Hive partition columns come along: the date folder is a column.
    dates = duckdb.sql(f"SELECT DISTINCT date FROM '{out}/type=trade/**/*.parquet'").fetchall()
    assert len(dates) >= 1


# --------------------------------------------------------------------------- crash + resume


def readable(out: Path, sink: str) -> int:
    """Open every file the way a reader would; the number of files."""
    files = [p for p in out.rglob("*") if p.is_file() and p.name != "_events.jsonl"]
    for path in files:
        if sink == "parquet":
            assert path.suffix == ".parquet", path  # no temporary part is visible
            pq.read_table(path)
        elif sink == "jsonl":
            lines = path.read_bytes().split(b"\n")
            for line in lines[:-1]:
                json.loads(line)
        elif sink == "csv":
            with path.open() as f:
                list(csv.DictReader(f))
        elif path.suffix == ".sqlite":
            with sqlite3.connect(path) as db:
                assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return len(files)


@pytest.mark.parametrize("sink", SINKS)
def test_sigkill_then_restart_has_no_duplicates_and_no_hole(
    running: RunningSandbox, tmp_path: Path, sink: str
) -> None:
    out = tmp_path / "out"
    running.app.state.sandbox.faults = Faults(ws_disconnect_after=200)
    first = collect(running, out, "--sink", sink, "--flush-seconds", "0.3")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and sum(len(r) for r in stored_trades(out).values()) < 60:
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=10)  # closes its pipes
    before = stored_trades(out)
    assert sum(len(r) for r in before.values()) >= 60
    assert readable(out, sink)
    # What a kill in the middle of a write leaves: half a line, a half-written part.
    if sink in ("jsonl", "csv"):
        path = next(out.glob(f"type=trade/market=KRW-BTC/date=*/data.{sink}"))
        with path.open("ab") as f:
            f.write(b'{"market":"KRW-BTC","sequential_id":1' if sink == "jsonl" else b"KRW-BTC,1")
    if sink == "parquet":
        folder = next(out.glob("type=trade/market=KRW-BTC/date=*"))
        (folder / ".part-0-0-000000.parquet.tmp").write_bytes(b"PAR1 torn")
    time.sleep(2.0)  # trades happen while the collector is down

    summary = finish(collect(running, out, "--sink", sink, "--duration", "4"))
    assert "resumed 3 market(s)" in summary
    assert readable(out, sink)
    counts = assert_equals_the_trade_log(running, out)  # the downtime was backfilled
    after = stored_trades(out)
    for market, rows in before.items():
        newest_before = max(int(r["sequential_id"]) for r in rows)
        assert max(int(r["sequential_id"]) for r in after[market]) > newest_before
        assert counts[market] > len(rows) + 20  # 2 s down + 4 s up at ~16 trades/s
    assert any(r["stream_type"] == "BACKFILL" for rows in after.values() for r in rows)
    start = [e for e in events(out) if e["event"] == "start"][-1]
    assert set(start["resumed"]) == set(MARKETS)


def test_sigterm_flushes_what_was_buffered(running: RunningSandbox, tmp_path: Path) -> None:
    """Nothing is due by time or size (60 s, 100k rows); SIGTERM still writes it all."""
    out = tmp_path / "out"
    process = collect(
        running, out, "--sink", "jsonl", "--flush-seconds", "60", "--batch-rows", "100000"
    )
    time.sleep(4)
    assert not list(out.glob("type=trade/**/data.jsonl"))  # still buffered
    process.send_signal(signal.SIGTERM)
    summary = finish(process, timeout=20)
    counts = assert_equals_the_trade_log(running, out)
    # Every market had buffered rows (how many depends on how fast the collector started).
    assert set(counts) == set(MARKETS), counts
    assert all(counts.values()), counts
    assert f"collected {sum(counts.values()):,} rows" in summary
    assert events(out)[-1]["event"] == "stop"


def test_library_collector_flushes_by_size_and_stops_from_another_thread(
    running: RunningSandbox, tmp_path: Path
) -> None:
    """`Collector` as Python users call it: `batch_rows` triggers writes long before
    `flush_seconds`; `stop()` from another thread flushes the rest and returns."""
    collector = Collector(
        tmp_path, MARKETS, types="trade", sink="csv", base_url=running.url,
        flush_seconds=60, batch_rows=10,
    )  # fmt: skip
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(collector.run())))
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and collector.stats.flushes < 3:
            time.sleep(0.1)
        written_before_stop = collector.stats.rows
    finally:
        collector.stop()
        worker.join(20)
    assert not worker.is_alive()
    assert written_before_stop >= 20  # by size: nothing was due by time
    [stats] = result
    assert stats.rows == sum(assert_equals_the_trade_log(running, tmp_path).values())
    assert events(tmp_path)[-1]["event"] == "stop"
    assert "sink='csv'" in repr(collector)


# --------------------------------------------------------------------------- the command


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "upbit_ext.cli", *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--markets", "krw-btc"], "markets: 'krw-btc' is not an UPPERCASE pair code"),
        (["--markets", "KRW-BTC", "--sink", "xml"], "sink must be one of jsonl, csv, parquet"),
        (["--markets", "KRW-BTC", "--types", "trade,candles"], "types must be a comma list"),
        (["--markets", "KRW-BTC", "--base-url", "ftp://x"], "must be an http:// or https:// URL"),
        (["--markets", "KRW-BTC", "--flush-seconds", "0"], "flush-seconds"),
    ],
)
def test_bad_input_is_named_without_a_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli("collect", "--out", str(tmp_path / "o"), *args)
    assert result.returncode == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert "Traceback" not in result.stderr


def test_help_lists_collect_and_chart() -> None:
    result = run_cli("--help")
    assert "collect" in result.stdout
    assert "chart" in result.stdout
    assert "--ws-url" in run_cli("collect", "--help").stdout
