"""Alerts end to end against the real sandbox over loopback: `watch` on an `AsyncStream`, and
the `upbit alert` command as a process delivering to a loopback webhook and a command.

The simulator's prices are a deterministic function of time, so the test looks ahead at the
trades of the next seconds and draws the line between their lowest and highest price: the
stream is then bound to cross it soon. Trades bounce between bid and ask around the mid, so
the line is crossed many times, which is what the hysteresis must absorb.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from _hooks import SCRIPT, Hook

from upbit_ext import AsyncUpbit
from upbit_ext.sandbox import RunningSandbox, SandboxConfig, serve
from upbit_ext.sandbox._market import MarketInfo, SimTrade
from upbit_ext.stream import Alert, AsyncStream, parse_rule, watch

MARKET = "KRW-BTC"


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    markets = (MarketInfo(MARKET, "비트코인", "Bitcoin", Decimal("103000000"), 0.03, 1000),)
    config = SandboxConfig(
        db_path=tmp_path_factory.mktemp("alerts") / "s.db", markets=markets, history_days=0.02
    )
    with serve(config) as server:
        yield server


@pytest.fixture
def hook() -> Iterator[Hook]:
    server = Hook()
    yield server
    server.close()


def line_ahead(running: RunningSandbox, start_s: float, end_s: float) -> tuple[Decimal, list[Any]]:
    """The median price traded `start_s`..`end_s` s from now, half a won off the tick grid (so
    on no trade's price), and those trades. Trades bounce around it: it is crossed often."""
    sandbox = running.app.state.sandbox
    now = sandbox.now_ms()
    ahead = sandbox.market.trades_between(
        MARKET, now + int(start_s * 1000), now + int(end_s * 1000)
    )
    prices = sorted(t.price for t in ahead)
    assert prices[0] < prices[-1], "the simulator did not move"
    return prices[len(prices) // 2] + Decimal("0.5"), ahead


def sim_trades(running: RunningSandbox, start: int, end: int) -> list[SimTrade]:
    return list(running.app.state.sandbox.market.trades_between(MARKET, start, end))


def assert_real_crossing(running: RunningSandbox, body: dict[str, Any], line: Decimal) -> None:
    """The alert's trade is the simulator's, beyond the line, and the trade before it was on
    the other side: the first trade of a crossing, with its exact price."""
    ts, sid = body["timestamp"], body["sequential_id"]
    trades = sim_trades(running, ts - 60_000, ts + 1)
    index = next(i for i, t in enumerate(trades) if t.sequential_id == sid)
    this, before = trades[index], trades[index - 1]
    assert body["value"] == format(this.price.normalize(), "f")  # exact, as traded
    if body["direction"] == "up":
        assert before.price < line < this.price
    else:
        assert before.price > line > this.price


class Collect:
    def __init__(self) -> None:
        self.alerts: list[Alert] = []

    async def send(self, alert: Alert) -> None:
        self.alerts.append(alert)


def test_watch_fires_once_while_trades_bounce_around_the_line(running: RunningSandbox) -> None:
    line, _ahead = line_ahead(running, 1, 5)
    collect = Collect()
    sandbox = running.app.state.sandbox

    async def scenario() -> tuple[int, int]:
        start = sandbox.now_ms()
        async with (
            AsyncUpbit(base_url=running.url) as rest,
            AsyncStream(url=running.websocket_url, decimal=True, backfill=rest) as stream,
        ):
            rule = parse_rule(f"{MARKET} crosses {line} band 2%")  # far wider than the bounce
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(watch(stream, [rule], [collect]), 7)
        return start, sandbox.now_ms()

    start, end = asyncio.run(scenario())
    seen = sim_trades(running, start, end)
    sides = [t.price > line for t in seen]
    crossings = sum(a != b for a, b in itertools.pairwise(sides))
    assert crossings >= 3, "the line was not crossed back and forth: the test proves nothing"
    assert all(abs(t.price - line) < line / 50 for t in seen)  # all within the band
    assert len(collect.alerts) == 1, [a.message for a in collect.alerts]
    assert_real_crossing(running, collect.alerts[0].to_dict(), line)


def test_alert_command_delivers_to_a_webhook_and_a_command(
    running: RunningSandbox, hook: Hook, tmp_path: Path
) -> None:
    script = tmp_path / "on_alert.py"
    script.write_text(SCRIPT)
    out = tmp_path / "out.jsonl"
    line, _ = line_ahead(running, 3, 15)
    rule = f"{MARKET} crosses {line}"
    done = subprocess.run(
        [
            sys.executable, "-m", "upbit_ext.cli", "alert", "--rule", rule,
            "--base-url", running.url, "--webhook", hook.url,
            "--exec", f"{sys.executable} {script} {out}", "--count", "1", "--timeout", "5",
        ],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (body,) = hook.bodies
    assert body["rule"] == str(parse_rule(rule))
    assert body["market"] == MARKET
    assert body["kind"] == "price"
    assert_real_crossing(running, body, line)
    (written,) = out.read_text().splitlines()
    got = json.loads(written)
    assert got["stdin"] == body
    assert got["env"]["UPBIT_ALERT_SEQUENTIAL_ID"] == str(body["sequential_id"])
    assert got["env"]["UPBIT_ALERT_VALUE"] == body["value"]
    assert body["message"] in done.stdout  # the console line, one line even when piped
    assert "1 alert(s) fired, 3 delivered, 0 failed, 0 dropped" in done.stderr


def test_alert_command_refuses_bad_input_clearly(tmp_path: Path) -> None:
    def upbit(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "upbit_ext.cli", "alert", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    cases = [
        (["--rule", "KRW-BTC > lots"], "price 'lots' is not a number"),
        ([], "give at least one"),
        (["--rules", str(tmp_path / "none.toml")], "cannot be read"),
        (["--rule", "KRW-BTC > 1", "--webhook", "ftp://x"], "webhook url must be an http"),
        (["--rule", "KRW-BTC > 1", "--base-url", "ftp://x"], "must be an http:// or https:// URL"),
        (["--rule", "KRW-BTC > 1", "--count", "0"], "--count"),
        (
            ["--rule", "KRW-BTC > 1", "--ws-url", "http://127.0.0.1:9"],
            "--ws-url: must start with ws://",
        ),
    ]
    for args, expected in cases:
        done = upbit(*args)
        assert done.returncode == 2, (args, done.stderr)
        flat = " ".join(done.stderr.replace("│", " ").split())
        assert expected in flat, (args, flat)
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_alert_command_stops_cleanly_on_a_signal(running: RunningSandbox, sig: int) -> None:
    command = [
        sys.executable, "-m", "upbit_ext.cli", "alert", "--rule", f"{MARKET} > 999999999999",
        "--base-url", running.url,
    ]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        assert "watching 1 rule(s) on ws://127.0.0.1:" in proc.stderr.readline()
        time.sleep(1.0)  # connected and evaluating trades
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "0 alert(s) fired, 0 delivered, 0 failed, 0 dropped" in err
    assert "Traceback" not in err


def test_alert_command_without_the_stream_extra_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['websockets'] = None\n"  # as if websockets were not installed
        "from upbit_ext.cli import main; sys.exit(main(['alert', '--rule', 'KRW-BTC > 1']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(
        "upbit alert: the 'stream' extra (websockets) is not installed: websockets is missing."
        " Install it with: "
    ), line
    assert "Traceback" not in done.stderr
