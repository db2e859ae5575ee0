"""`upbit chart`: candles from collected trades as a PNG."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, help="Draw candles from collected trades.")


@app.command()
def chart(
    market: Annotated[str, typer.Option(help="Pair code, e.g. KRW-BTC")],
    from_: Annotated[Path, typer.Option("--from", help="Directory written by `upbit collect`")],
    out: Annotated[Path, typer.Option(help="PNG file to write")],
    interval: Annotated[str, typer.Option(help="Candle length: 10s, 1m, 5m, 1h...")] = "1m",
) -> None:
    """Candles, volume bars, empty intervals and recorded reconnects/downtime marked."""
    try:
        from upbit_ext.stream._chart import render_chart
    except ImportError as err:  # pragma: no cover - depends on the installed extras
        raise typer.BadParameter(f"{err}: pip install 'upbit[chart]'") from None
    try:
        info = render_chart(from_, market, out, interval=interval)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    sys.stdout.write(
        f"{info.path}: {len(info.candles)} candles from {info.trades:,} trades, "
        f"{len(info.gaps)} empty interval(s), {len(info.reconnects)} reconnect(s) marked\n"
    )
