"""`upbit collect`: the library's `Collector` with a live Rich status line and clean signals."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.live import Live
from rich.text import Text

from upbit_ext.stream._collector import DEFAULT_BASE_URL, Collector, CollectorStats
from upbit_ext.stream._errors import StreamError
from upbit_ext.stream._sinks import SinkError

app = typer.Typer(add_completion=False, help="Collect Upbit streams to files or PostgreSQL.")


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"  # pragma: no cover


def status_line(stats: CollectorStats) -> Text:
    rates = "  ".join(f"{k} {v:,.1f}/s" for k, v in stats.rates.items())
    return Text(
        f"{rates}  | reconnects {stats.reconnects}  stalls {stats.stalls}  "
        f"gaps filled {stats.gaps_filled}  | rows {stats.rows:,}  {_size(stats.bytes)}"
    )


@app.command()
def collect(
    markets: Annotated[str, typer.Option(help="Comma list of pair codes, e.g. KRW-BTC,KRW-ETH")],
    out: Annotated[
        Path | None, typer.Option(help="Directory to write into (created if missing)")
    ] = None,
    types: Annotated[str, typer.Option(help="Comma list of trade, ticker, orderbook")] = "trade",
    sink: Annotated[str, typer.Option(help="jsonl, csv, parquet, sqlite or postgres")] = "jsonl",
    dsn: Annotated[
        str | None,
        typer.Option(
            help="postgres sink: postgresql://user@host:5432/database (a password is better"
            " kept in PGPASSWORD or ~/.pgpass than on the command line)"
        ),
    ] = None,
    base_url: Annotated[str, typer.Option(help="REST host for backfill")] = DEFAULT_BASE_URL,
    ws_url: Annotated[
        str | None, typer.Option(help="WebSocket URL (default: from --base-url)")
    ] = None,
    flush_seconds: Annotated[
        float, typer.Option(help="Write at least this often", min=0.001)
    ] = 1.0,
    batch_rows: Annotated[int, typer.Option(help="Write when this many rows wait", min=1)] = 5000,
    verify: Annotated[
        float | None,
        typer.Option(help="Also confirm every trade against REST every N seconds", min=0.001),
    ] = None,
    stall_timeout: Annotated[
        float,
        typer.Option(help="Reconnect after N seconds without data on an open socket", min=0.001),
    ] = 30.0,
    duration: Annotated[
        float | None, typer.Option(help="Stop after N seconds (default: until Ctrl-C)", min=0.001)
    ] = None,
    status: Annotated[
        bool | None, typer.Option("--status/--no-status", help="Live status (default: on a tty)")
    ] = None,
) -> None:
    """Stream MARKETS into OUT (or the database at DSN) in batches; Ctrl-C or SIGTERM flushes
    and stops. A restart resumes after the newest stored trade of each market and backfills
    the gap from REST."""
    console = Console(stderr=True)
    try:
        collector = Collector(
            out, markets, types=types, sink=sink, base_url=base_url, ws_url=ws_url,
            flush_seconds=flush_seconds, batch_rows=batch_rows, verify=verify,
            stream_options={"stall_timeout": stall_timeout}, dsn=dsn,
        )  # fmt: skip
    except (ValueError, ImportError) as err:
        raise typer.BadParameter(str(err)) from None
    except SinkError as err:
        console.print(f"upbit collect: {err}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    show = console.is_terminal if status is None else status

    async def main() -> CollectorStats:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, collector.stop)
        if not show:
            return await collector.run(duration)
        with Live(Text("connecting..."), console=console, refresh_per_second=4) as live:
            return await collector.run(duration, on_status=lambda s: live.update(status_line(s)))

    try:
        stats = asyncio.run(main())
    except StreamError as err:
        console.print(f"upbit collect: the stream gave up: {err}")
        raise typer.Exit(1) from None
    except SinkError as err:
        console.print(f"upbit collect: {err}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    resumed = f", resumed {len(stats.resumed)} market(s)" if stats.resumed else ""
    sys.stdout.write(
        f"collected {stats.rows:,} rows ({_size(stats.bytes)}) into {collector.where}: "
        f"{stats.reconnects} reconnects, {stats.gaps_filled} trades backfilled{resumed}\n"
    )
