"""Candles from collected trades (any sink), with volume bars and the gaps marked.

Marked: intervals inside the chart with no trade at all (grey), the times the collector was
down (between a recorded `stop` and the next `start`, red; their trades were backfilled on
restart, so candles there are complete), and recorded reconnects and stalls (orange lines).
Needs the `chart` extra (matplotlib; Agg backend, no display).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ._collector import EVENTS_FILE
from ._sinks import read_rows

__all__ = ["Candle", "ChartInfo", "candles", "parse_interval", "render_chart"]

_UNITS: Final = {"s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}


@dataclass(frozen=True)
class Candle:
    start_ms: int
    open: float
    high: float
    low: float
    close: float
    volume: float
    trades: int


@dataclass
class ChartInfo:
    """What was drawn: the file, the candles, the empty intervals and the recorded events."""

    path: Path
    trades: int
    candles: list[Candle]
    gaps: list[tuple[int, int]] = field(default_factory=list)
    down: list[tuple[int, int]] = field(default_factory=list)
    reconnects: list[int] = field(default_factory=list)


def parse_interval(text: str) -> int:
    """`1m`, `5m`, `1h`, `10s`... in milliseconds."""
    match = re.fullmatch(r"(\d+)([smhd])", text.strip()) if isinstance(text, str) else None
    if match is None or int(match.group(1)) == 0:
        raise ValueError(f"interval must look like 10s, 1m, 15m, 1h or 1d, got {text!r}")
    return int(match.group(1)) * _UNITS[match.group(2)]


def candles(trades: list[dict[str, Any]], interval_ms: int) -> list[Candle]:
    """OHLCV per interval, from trades in any order (sorted by time, then sequential_id)."""
    ordered = sorted(trades, key=lambda t: (int(t["trade_timestamp"]), int(t["sequential_id"])))
    out: list[Candle] = []
    bucket: list[dict[str, Any]] = []
    start = None
    for trade in [*ordered, None]:
        at = None if trade is None else int(trade["trade_timestamp"]) // interval_ms * interval_ms
        if bucket and at != start:
            prices = [float(t["trade_price"]) for t in bucket]
            out.append(
                Candle(
                    int(start or 0), prices[0], max(prices), min(prices), prices[-1],
                    sum(float(t["trade_volume"]) for t in bucket), len(bucket),
                )
            )  # fmt: skip
            bucket = []
        if trade is not None:
            start = at
            bucket.append(trade)
    return out


def _events(root: Path) -> list[dict[str, Any]]:
    path = root / EVENTS_FILE
    if not path.exists():
        return []
    events = []
    for line in path.read_bytes().split(b"\n")[:-1]:
        try:
            events.append(json.loads(line))
        except ValueError:
            continue
    return events


def render_chart(
    source: str | os.PathLike[str],
    market: str,
    out: str | os.PathLike[str],
    *,
    interval: str = "1m",
) -> ChartInfo:
    """Draw `market`'s candles from the trades collected under `source` into the PNG `out`."""
    step = parse_interval(interval)
    root = Path(source)
    if not root.is_dir():
        raise ValueError(f"from: {str(root)!r} is not a directory")
    trades = list(read_rows(root, "trade", market))
    if not trades:
        raise ValueError(f"from: no trades of {market} under {str(root)!r}")
    bars = candles(trades, step)
    first, last = bars[0].start_ms, bars[-1].start_ms + step
    have = {c.start_ms for c in bars}
    gaps: list[tuple[int, int]] = []
    for at in range(first, last, step):
        if at not in have:
            if gaps and gaps[-1][1] == at:
                gaps[-1] = (gaps[-1][0], at + step)
            else:
                gaps.append((at, at + step))
    events = [e for e in _events(root) if isinstance(e.get("ts"), int)]
    down: list[tuple[int, int]] = []
    reconnects: list[int] = []
    stopped = None
    for i, e in enumerate(events):
        kind, ts = e.get("event"), e["ts"]
        if kind == "stop":
            stopped = ts
        elif kind == "start" and stopped is not None:
            if ts > first and stopped < last:
                down.append((stopped, ts))
            stopped = None
        elif kind in ("reconnect", "stall") or (kind == "start" and i > 0):
            if not first <= ts <= last:
                continue
            reconnects.append(ts)  # a start without a stop before it: a crash, restarted
    info = ChartInfo(Path(out), len(trades), bars, gaps, down, reconnects)
    _draw(info, market, step)
    return info


def _draw(info: ChartInfo, market: str, step: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    def when(ms: int) -> float:
        moment = datetime.fromtimestamp(ms / 1000, UTC)
        return float(mdates.date2num(moment))  # type: ignore[no-untyped-call]

    width = step / 86_400_000  # matplotlib dates are days
    fig, (top, bottom) = plt.subplots(
        2, 1, sharex=True, figsize=(12, 7), gridspec_kw={"height_ratios": [3, 1]}
    )
    try:
        up_color, down_color = "#d24f45", "#1261c4"  # Upbit: red rises, blue falls
        for c in info.candles:
            x = when(c.start_ms)
            color = up_color if c.close >= c.open else down_color
            mid = x + width / 2
            top.vlines(mid, c.low, c.high, color=color, linewidth=1)
            body = max(abs(c.close - c.open), (c.high - c.low) * 0.01 or c.close * 1e-6)
            top.add_patch(
                Rectangle(
                    (x + width * 0.15, min(c.open, c.close)), width * 0.7, body,
                    facecolor=color, edgecolor=color,
                )
            )  # fmt: skip
            bottom.bar(x + width / 2, c.volume, width=width * 0.7, color=color)
        handles: list[Any] = []
        for a, b in info.gaps:
            for ax in (top, bottom):
                ax.axvspan(when(a), when(b), color="#999999", alpha=0.3, hatch="//")
        if info.gaps:
            handles.append(Patch(color="#999999", alpha=0.3, label="no trades"))
        for a, b in info.down:
            for ax in (top, bottom):
                ax.axvspan(when(a), when(b), color="#e06666", alpha=0.2)
        if info.down:
            handles.append(Patch(color="#e06666", alpha=0.2, label="collector down (backfilled)"))
        for ts in info.reconnects:
            for ax in (top, bottom):
                ax.axvline(when(ts), color="#f39c12", linestyle="--", linewidth=1)
        if info.reconnects:
            handles.append(
                matplotlib.lines.Line2D(
                    [], [], color="#f39c12", linestyle="--", label="reconnect / restart"
                )
            )
        if handles:
            top.legend(handles=handles, loc="upper left", fontsize=8)
        lows = [c.low for c in info.candles]
        highs = [c.high for c in info.candles]
        pad = (max(highs) - min(lows)) * 0.05 or max(highs) * 0.001
        top.set_ylim(min(lows) - pad, max(highs) + pad)
        top.set_xlim(when(info.candles[0].start_ms), when(info.candles[-1].start_ms + step))
        start = datetime.fromtimestamp(info.candles[0].start_ms / 1000, UTC)
        end = datetime.fromtimestamp((info.candles[-1].start_ms + step) / 1000, UTC)
        top.set_title(
            f"{market}: {len(info.candles)} candles of {step // 1000}s from {info.trades:,} "
            f"trades, {start:%Y-%m-%d %H:%M:%S} to {end:%H:%M:%S} UTC"
        )
        top.set_ylabel("price")
        top.ticklabel_format(axis="y", style="plain", useOffset=False)
        top.grid(alpha=0.3)
        bottom.set_ylabel("volume")
        bottom.grid(alpha=0.3)
        every = max(1, len(info.candles) // 10)
        bottom.set_xticks([when(c.start_ms) for c in info.candles[::every]])
        bottom.xaxis.set_major_formatter(
            mdates.DateFormatter("%H:%M:%S", tz=UTC)  # type: ignore[no-untyped-call]
        )
        fig.autofmt_xdate()
        fig.tight_layout()
        info.path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(info.path, dpi=100)
    finally:
        plt.close(fig)
