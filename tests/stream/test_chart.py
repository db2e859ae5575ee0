"""`upbit chart` from collected data: candles equal the sandbox's trades, gaps marked, a PNG."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import matplotlib.image
import pytest

from upbit_ext.sandbox import Faults, RunningSandbox, SandboxConfig, serve
from upbit_ext.sandbox._market import MarketInfo
from upbit_ext.stream import Collector, read_rows
from upbit_ext.stream._chart import parse_interval, render_chart
from upbit_ext.stream._sinks import make_sink

MARKETS = (
    MarketInfo("KRW-BTC", "비트코인", "Bitcoin", Decimal("103000000"), 0.03, 1000),
    MarketInfo("KRW-ETH", "이더리움", "Ethereum", Decimal("5000000"), 0.04, 1000),
)


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningSandbox, Path]]:
    root = tmp_path_factory.mktemp("chart")
    config = SandboxConfig(db_path=root / "s.db", markets=MARKETS, history_days=0.02)
    with serve(config) as server:
        server.app.state.sandbox.faults = Faults(ws_disconnect_after=80)
        collector = Collector(
            root / "out", "KRW-BTC,KRW-ETH", sink="parquet", base_url=server.url,
            flush_seconds=0.5,
        )  # fmt: skip
        asyncio.run(collector.run(duration=6))
        server.app.state.sandbox.faults = Faults()
        yield server, root / "out"


def png_pixels(path: Path) -> tuple[int, int, float]:
    image = matplotlib.image.imread(path)
    return image.shape[0], image.shape[1], float(image[..., :3].std())


def test_candles_are_the_sandbox_trades_of_each_second(
    collected: tuple[RunningSandbox, Path], tmp_path: Path
) -> None:
    running, out = collected
    info = render_chart(out, "KRW-BTC", tmp_path / "btc.png", interval="1s")
    sim = running.app.state.sandbox.market
    inner = info.candles[1:-1]  # the first and last second may be partly outside the window
    assert len(inner) >= 3
    for candle in inner:
        trades = sim.trades_between("KRW-BTC", candle.start_ms, candle.start_ms + 1000)
        if not trades:
            continue
        prices = [float(t.price) for t in trades]
        assert (candle.open, candle.high, candle.low, candle.close) == (
            prices[0], max(prices), min(prices), prices[-1],
        )  # fmt: skip
        assert candle.volume == pytest.approx(float(sum(t.volume for t in trades)))
        assert candle.trades == len(trades)
    assert info.reconnects  # the disconnects were recorded and marked
    height, width, spread = png_pixels(tmp_path / "btc.png")
    assert (height, width) == (700, 1200)
    assert spread > 0.05  # not a blank canvas
    assert (tmp_path / "btc.png").stat().st_size > 10_000


@pytest.mark.parametrize("sink", ["jsonl", "csv", "sqlite"])
def test_every_sink_format_gives_the_same_candles(
    collected: tuple[RunningSandbox, Path], tmp_path: Path, sink: str
) -> None:
    _, out = collected
    rows = list(read_rows(out, "trade", "KRW-ETH"))
    writer = make_sink(sink, tmp_path / sink)
    for day in {r["trade_date"] for r in rows}:
        writer.write("trade", "KRW-ETH", day, [r for r in rows if r["trade_date"] == day])
    writer.close()
    expected = render_chart(out, "KRW-ETH", tmp_path / "a.png", interval="1s").candles
    got = render_chart(tmp_path / sink, "KRW-ETH", tmp_path / "b.png", interval="1s").candles
    assert got == expected


def test_gaps_and_downtime_are_marked(tmp_path: Path) -> None:
    """Trades in minutes 0-1 and 4-5 of an hour; the collector was down from 2:10 to 2:50."""
    base = 1_790_000_040_000 // 3_600_000 * 3_600_000
    times = [base + m * 60_000 + s * 1000 for m in (0, 1, 4, 5) for s in (5, 30)]
    rows = [
        {
            "market": "KRW-BTC", "sequential_id": i, "trade_price": 100.0 + i,
            "trade_volume": 1.0, "ask_bid": "BID", "trade_timestamp": ts, "timestamp": ts,
        }
        for i, ts in enumerate(times)
    ]  # fmt: skip
    make_sink("jsonl", tmp_path).write("trade", "KRW-BTC", "2026-09-21", rows)
    events = [
        {"ts": base - 1000, "event": "start"},
        {"ts": base + 70_000, "event": "reconnect"},
        {"ts": base + 130_000, "event": "stop"},
        {"ts": base + 170_000, "event": "start"},
    ]
    (tmp_path / "_events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    info = render_chart(tmp_path, "KRW-BTC", tmp_path / "c.png", interval="1m")
    assert [c.start_ms for c in info.candles] == [base + m * 60_000 for m in (0, 1, 4, 5)]
    assert info.gaps == [(base + 120_000, base + 240_000)]
    assert info.down == [(base + 130_000, base + 170_000)]
    assert info.reconnects == [base + 70_000]
    assert info.candles[0].open == 100.0
    assert info.candles[0].close == 101.0
    assert info.candles[0].volume == 2.0


def test_the_command_writes_the_png(collected: tuple[RunningSandbox, Path], tmp_path: Path) -> None:
    _, out = collected
    png = tmp_path / "eth.png"
    result = subprocess.run(
        [sys.executable, "-m", "upbit_ext.cli", "chart", "--market", "KRW-ETH", "--from",
         str(out), "--out", str(png), "--interval", "1s"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{png}: " in result.stdout
    assert png.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--market", "KRW-BTC", "--interval", "1x"], "interval must look like 10s, 1m"),
        (["--market", "KRW-DOGE"], "no trades of KRW-DOGE"),
    ],
)
def test_bad_chart_input_is_named(
    collected: tuple[RunningSandbox, Path], tmp_path: Path, args: list[str], message: str
) -> None:
    _, out = collected
    result = subprocess.run(
        [sys.executable, "-m", "upbit_ext.cli", "chart", "--from", str(out),
         "--out", str(tmp_path / "x.png"), *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert "Traceback" not in result.stderr


def test_interval_parsing() -> None:
    assert parse_interval("15m") == 900_000
    assert parse_interval("10s") == 10_000
    with pytest.raises(ValueError, match="interval"):
        parse_interval("0m")
