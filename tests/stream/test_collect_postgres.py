"""Two `upbit collect --sink postgres` processes, one database, the real sandbox with WebSocket
faults on (disconnects, skipped frames): each collector is SIGKILLed at a different moment
(one is restarted), and afterwards the `trade` table equals the sandbox's trade log for the
window, each trade once. The window starts at the first stored trade, so the second collector
starts once the first has written (as a user adds a redundant collector to a running one)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal

import psycopg
import pytest
from _postgres import Server

from upbit_ext.sandbox import Faults, RunningSandbox, SandboxConfig, serve
from upbit_ext.sandbox._market import MarketInfo

MARKETS = ("KRW-BTC", "KRW-ETH", "KRW-XRP")
FAST_MARKETS = (
    MarketInfo("KRW-BTC", "비트코인", "Bitcoin", Decimal("103000000"), 0.03, 1000),
    MarketInfo("KRW-ETH", "이더리움", "Ethereum", Decimal("5000000"), 0.04, 1000),
    MarketInfo("KRW-XRP", "리플", "Ripple", Decimal("3000"), 0.04, 1000),
)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    config = SandboxConfig(
        db_path=tmp_path_factory.mktemp("collect-pg") / "s.db",
        markets=FAST_MARKETS,
        history_days=0.02,
    )
    with serve(config) as server:
        yield server


def collect(running: RunningSandbox, dsn: str, *args: str) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "upbit_ext.cli", "collect", "--markets", ",".join(MARKETS),
        "--sink", "postgres", "--dsn", dsn, "--base-url", running.url, "--no-status",
        "--types", "trade,ticker", "--flush-seconds", "0.3", "--verify", "1",
        "--stall-timeout", "1.5", *args,
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def starts(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        try:
            row = conn.execute("SELECT count(*) FROM collector_event WHERE event = 'start'")
        except psycopg.errors.UndefinedTable:  # not created yet
            return 0
        return int(row.fetchone()[0])  # type: ignore[index]


def trades(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM trade").fetchone()[0])  # type: ignore[index]
        except psycopg.errors.UndefinedTable:
            return 0


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"no {what} within 30 s"
        time.sleep(0.2)


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)


def test_two_collectors_one_killed_and_restarted_store_each_trade_once(
    running: RunningSandbox, postgres: Server
) -> None:
    dsn = postgres.create_database("two_collectors")
    sandbox = running.app.state.sandbox
    sandbox.faults = Faults(ws_disconnect_after=150, ws_skip_rate=0.05, seed=5)
    a = b = None
    try:
        # B first: once it has stored trades, A resumes after them, so the two overlap.
        b = collect(running, dsn)
        wait_for(lambda: trades(dsn) >= 30, "B's first trades")
        a = collect(running, dsn)
        wait_for(lambda: starts(dsn) >= 2, "A's start")
        time.sleep(2)  # both write now
        kill(a)  # mid-run, wherever it is
        a_killed = time.time()
        time.sleep(2)
        again = collect(running, dsn, "--duration", "10")
        time.sleep(5)
        kill(b)  # the other one now: the restarted collector alone carries on
        b_killed = time.time()
        out, err = again.communicate(timeout=60)
        assert again.returncode == 0, err
        assert "resumed 3 market(s)" in out
    finally:
        sandbox.faults = Faults()
        for p in (a, b):
            if p is not None and p.poll() is None:
                kill(p)

    sim = sandbox.market
    with psycopg.connect(dsn) as conn:
        for market in MARKETS:
            rows = conn.execute(
                "SELECT sequential_id, trade_timestamp FROM trade WHERE market = %s", (market,)
            ).fetchall()
            sids = [sid for sid, _ in rows]
            assert len(sids) == len(set(sids)), market
            first, last = min(rows), max(rows)
            expected = {
                t.sequential_id
                for t in sim.trades_between(market, first[1], last[1] + 1)
                if first[0] <= t.sequential_id <= last[0]
            }
            missing, extra = expected - set(sids), set(sids) - expected
            assert (len(missing), len(extra)) == (0, 0), market
            # The window is the whole run: from the first start until after the second kill.
            assert first[1] / 1000 < a_killed - 1, market
            assert last[1] / 1000 > b_killed + 3, market
            assert len(sids) > 100, market
        events = conn.execute("SELECT pid, event FROM collector_event").fetchall()
        tickers = conn.execute("SELECT count(*) FROM ticker").fetchone()
    assert len({pid for pid, event in events if event == "start"}) == 3
    assert [e for _, e in events].count("stop") == 1  # only the restarted one stopped cleanly
    assert tickers is not None
    assert tickers[0] > 0
