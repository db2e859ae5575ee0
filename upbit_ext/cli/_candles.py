"""`upbit candles`: export a range of candles to CSV or Parquet, resumably.

Pages are fetched newest first (`Upbit.iter_candles`, which asks each page for the candles
before the oldest one seen: no hole, no repeat at page boundaries) and appended to
`<out>.part.csv` after each page. An interrupted export leaves that file; the same command
then continues before its oldest candle. At the end the rows are sorted oldest first, checked
for duplicates, and written to `out`.
"""

from __future__ import annotations

import csv
import math
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from upbit_ext._extras import require_extra
from upbit_ext._operations import OPERATIONS
from upbit_ext._paging import CANDLE_UNITS, candle_time

from ._core import fail, settings, stderr

__all__ = ["candles"]

KST = timezone(timedelta(hours=9), "KST")
COLUMNS = [
    "market", "unit", "time_utc", "time_kst", "open", "high", "low", "close", "volume", "value",
]  # fmt: skip
PAGE = 200
_SECONDS = {"s": 1, "m": 60, "d": 86400, "w": 7 * 86400, "M": 31 * 86400, "y": 366 * 86400}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_time(option: str, text: str) -> datetime:
    """A date (UTC midnight) or an ISO 8601 time; without an offset it is UTC."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(
            f"{option}: {text!r} is not a date (2026-01-01) or ISO time (2026-01-01T09:00+09:00)",
            "usage",
        )
    if value.tzinfo is None or _DATE.match(text):
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _iso(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _row(market: str, unit: str, candle: Any) -> dict[str, str]:
    start = candle_time(candle)
    return {
        "market": market, "unit": unit,
        "time_utc": start.isoformat().replace("+00:00", "Z"),
        "time_kst": start.astimezone(KST).isoformat(),
        "open": repr(candle.opening_price), "high": repr(candle.high_price),
        "low": repr(candle.low_price), "close": repr(candle.trade_price),
        "volume": repr(candle.candle_acc_trade_volume),
        "value": repr(candle.candle_acc_trade_price),
    }  # fmt: skip


def _read_part(part: Path) -> dict[str, dict[str, str]]:
    """Rows already saved, by UTC time; a line cut by a hard kill is dropped."""
    if not part.exists():
        return {}
    text = part.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text = text[: text.rfind("\n") + 1]
        part.write_text(text, encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return {r["time_utc"]: r for r in rows if r.get("value")}


def candles(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market code, e.g. KRW-BTC.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output file: .csv, or .parquet (needs pyarrow).")
    ],
    unit: Annotated[
        str, typer.Option(help="1s, 1m, 3m, 5m, 10m, 15m, 30m, 60m, 240m, 1d, 1w, 1M or 1y.")
    ] = "1m",
    start: Annotated[
        str,
        typer.Option("--from", help="First candle (inclusive): 2026-01-01 (UTC) or an ISO time."),
    ] = "",
    end: Annotated[str | None, typer.Option("--to", help="End (exclusive); default now.")] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing output file.")
    ] = False,
) -> None:
    """Export candles of a time range to a file: progress bar, resumable, UTC and KST columns."""
    if unit not in CANDLE_UNITS:
        fail(f"--unit must be one of {', '.join(CANDLE_UNITS)}, got {unit!r}", "usage")
    if not start:
        fail("--from is required (the first candle's date or time)", "usage")
    begin = parse_time("--from", start)
    finish = parse_time("--to", end) if end else datetime.now(UTC)
    if begin >= finish:
        fail(
            f"--from ({_iso(begin)}) must be before --to ({_iso(finish)})",
            "usage",
        )
    suffix = out.suffix.lower()
    if suffix not in {".csv", ".parquet"}:
        fail(f"--out must end in .csv or .parquet, got {out.name!r}", "usage")
    if suffix == ".parquet":
        require_extra("parquet")  # before fetching anything
    part = out.with_name(out.name + ".part.csv")
    if out.exists() and not part.exists() and not overwrite:
        fail(f"{out} exists: pass --overwrite to replace it", "usage")

    saved = _read_part(part)
    resume_at = min((candle_time_of(r) for r in saved.values()), default=finish)
    if saved:
        stderr().print(
            f"Resuming: {len(saved)} candles in {part}, continuing before {_iso(resume_at)}",
            markup=False,
        )
    seconds = int(unit[:-1]) * _SECONDS[unit[-1]]
    pages = max(1, math.ceil((resume_at - begin).total_seconds() / seconds / PAGE))

    client = settings(ctx).client()
    fresh = not part.exists()
    with part.open("a", encoding="utf-8", newline="") as sink, Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("pages"), TimeRemainingColumn(), console=stderr(), transient=False,
    ) as progress:  # fmt: skip
        writer = csv.DictWriter(sink, COLUMNS, lineterminator="\n")
        if fresh:
            writer.writeheader()
            sink.flush()
        task = progress.add_task(f"{market} {unit} {_floor_eta(client, unit, pages)}", total=pages)
        batch: list[dict[str, str]] = []

        def flush() -> None:
            writer.writerows(batch)
            sink.flush()
            batch.clear()
            progress.advance(task)

        try:
            if resume_at > begin:
                for candle in client.iter_candles(
                    market, unit, start=begin, end=resume_at, page_size=PAGE
                ):
                    row = _row(market, unit, candle)
                    if row["time_utc"] in saved:
                        continue
                    saved[row["time_utc"]] = row
                    batch.append(row)
                    if len(batch) == PAGE:
                        flush()
                if batch:
                    flush()
        except BaseException:
            progress.stop()
            stderr().print(
                f"Stopped: {len(saved)} candles kept in {part}; run the same command to resume.",
                markup=False,
            )
            raise
        progress.update(task, completed=pages)

    rows = [saved[k] for k in sorted(saved)]
    times = [r["time_utc"] for r in rows]
    assert len(set(times)) == len(times)
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        floats = set(COLUMNS[4:])
        table = pa.table({c: [float(r[c]) if c in floats else r[c] for r in rows] for c in COLUMNS})
        pq.write_table(table, out)
    else:
        tmp = out.with_name(out.name + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as final:
            writer = csv.DictWriter(final, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        tmp.replace(out)
    part.unlink()
    stderr().print(f"Wrote {len(rows)} candles to {out}", markup=False)


def _floor_eta(client: Any, unit: str, pages: int) -> str:
    """The least time the pages can take at the candle group's rate limit (one page a request)."""
    group = OPERATIONS[CANDLE_UNITS[unit][0]].rate_group
    rate = client.health()["limits"]["ip"].get(group)
    if not rate:
        return ""
    seconds = pages * rate["window"] / rate["limit"]
    return f"(≥{seconds:.0f}s at {rate['limit']} req/{rate['window']:g}s)"


def candle_time_of(row: dict[str, str]) -> datetime:
    return datetime.fromisoformat(row["time_utc"].replace("Z", "+00:00"))
