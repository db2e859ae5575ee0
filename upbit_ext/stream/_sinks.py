"""Where the collector puts rows: JSONL, CSV, Parquet or SQLite, each crash-safe on its own terms
(PostgreSQL: `_sink_postgres`).

Layout (Hive-style, so the later partitioned readers and DuckDB/polars/pyarrow see `type`,
`market` and `date` as columns): ``OUT/type=trade/market=KRW-BTC/date=2026-11-30/`` holds
``data.jsonl``, ``data.csv`` or ``part-*.parquet``; SQLite keeps one database per UTC day,
``OUT/upbit-2026-11-30.sqlite``, with one table per type. A row's day is the UTC day of its
own timestamp (`trade_timestamp` for trades), so files rotate at midnight and a backfilled
trade lands in the file of the day it happened.

What a `kill -9` can do to each:
- JSONL/CSV: every batch is appended and fsync'd; a torn last line is trimmed when the file is
  next opened for writing, and is never read (only lines ending in a newline count).
- Parquet: a file is unreadable until closed, so each flushed batch is its own part, written
  under a hidden temporary name (ignored by pyarrow, DuckDB, polars and Spark), fsync'd, then
  renamed into place atomically; leftovers are deleted on start. As in any Hive dataset, the
  partition columns (`market`, `date`) are in the folder names, not in the files.
- SQLite: one transaction per batch; trades have PRIMARY KEY (market, sequential_id) and
  are inserted with INSERT OR IGNORE.

On restart `last_trade_ids()` reads the newest `sequential_id` of each market back from disk;
the stream drops anything up to it and backfills the rest from REST, so no row is repeated.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import operator
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal, Protocol, TypeAlias

import msgspec
from upbit_client.models import WsTrade
from upbit_client.types import UNSET

__all__ = [
    "COLUMNS",
    "SINKS",
    "Row",
    "Sink",
    "SinkError",
    "SinkName",
    "make_sink",
    "read_rows",
    "row_of",
    "utc_day",
]

Row: TypeAlias = dict[str, Any]
SinkName: TypeAlias = Literal["jsonl", "csv", "parquet", "sqlite", "postgres"]
SINKS: Final = ("jsonl", "csv", "parquet", "sqlite", "postgres")


class SinkError(RuntimeError):
    """A sink's storage cannot be reached or written (a database down, a bad password)."""


# Column name -> type ("str", "int", "float", "bool"). Every trade row has at least market,
# sequential_id, trade_price, trade_volume, ask_bid and trade_timestamp.
COLUMNS: Final[Mapping[str, Mapping[str, str]]] = {
    "trade": {
        "market": "str", "sequential_id": "int", "trade_price": "float",
        "trade_volume": "float", "ask_bid": "str", "trade_timestamp": "int",
        "timestamp": "int", "trade_date": "str", "trade_time": "str",
        "prev_closing_price": "float", "change": "str", "change_price": "float",
        "best_ask_price": "float", "best_ask_size": "float", "best_bid_price": "float",
        "best_bid_size": "float", "stream_type": "str",
    },
    "ticker": {
        "market": "str", "timestamp": "int", "trade_timestamp": "int", "trade_price": "float",
        "opening_price": "float", "high_price": "float", "low_price": "float",
        "prev_closing_price": "float", "change": "str", "change_price": "float",
        "change_rate": "float", "signed_change_rate": "float", "trade_volume": "float",
        "acc_trade_volume": "float", "acc_trade_price": "float",
        "acc_trade_volume_24h": "float", "acc_trade_price_24h": "float",
        "acc_ask_volume": "float", "acc_bid_volume": "float", "ask_bid": "str",
        "market_state": "str", "market_warning": "str", "stream_type": "str",
    },
    # `units`: the book as JSON text, [{ask_price, bid_price, ask_size, bid_size}, ...] best first.
    "orderbook": {
        "market": "str", "timestamp": "int", "total_ask_size": "float",
        "total_bid_size": "float", "level": "float", "units": "str", "stream_type": "str",
    },
}  # fmt: skip
_TIME_COLUMN: Final = {"trade": "trade_timestamp", "ticker": "timestamp", "orderbook": "timestamp"}


_DAY_MS: Final = 86_400_000
_days: dict[int, str] = {}


def utc_day(ms: int) -> str:
    """`YYYY-MM-DD` of a ms timestamp (UTC); remembered per day, as it runs once per row."""
    number = ms // _DAY_MS
    day = _days.get(number)
    if day is None:
        if len(_days) > 1024:
            _days.clear()
        day = _days[number] = datetime.fromtimestamp(number * 86_400, UTC).strftime("%Y-%m-%d")
    return day


_TRADE_ATTRS: Final = tuple(c for c in COLUMNS["trade"] if c != "market")
_trade_values: Final = operator.attrgetter("code", *_TRADE_ATTRS)
_TRADE_NAMES: Final = ("market", *_TRADE_ATTRS)


def row_of(message: object) -> tuple[str, Row] | None:
    """`(type, row)` for a trade, ticker or orderbook message in DEFAULT format, else None."""
    if type(message) is WsTrade:  # the bulk of a feed: straight from the attributes
        values = _trade_values(message)
        if UNSET in values:
            values = tuple(None if v is UNSET else v for v in values)
        return "trade", dict(zip(_TRADE_NAMES, values, strict=True))
    to_dict = getattr(message, "to_dict", None)
    if to_dict is None:
        return None
    data: dict[str, Any] = to_dict()
    kind = data.get("type")
    columns = COLUMNS.get(kind) if isinstance(kind, str) else None
    if columns is None or not isinstance(kind, str):
        return None
    data["market"] = data.get("code")
    if kind == "orderbook":
        data["units"] = json.dumps(data.get("orderbook_units", []), separators=(",", ":"))
    return kind, {name: data.get(name) for name in columns}


def _partition(root: Path, kind: str, market: str, day: str) -> Path:
    return root / f"type={kind}" / f"market={market}" / f"date={day}"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mkdirs(path: Path) -> None:
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        for parent in (path, path.parent, path.parent.parent):
            _fsync_dir(parent.parent)


def _convert(value: str, kind: str) -> Any:
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return value == "True"
    return value


class Sink(Protocol):
    """Durable storage of batches of rows of one type, market and UTC day."""

    name: SinkName

    def write(self, kind: str, market: str, day: str, rows: Sequence[Row]) -> tuple[int, int]:
        """Store `rows` durably; returns (rows stored, bytes written)."""
        ...

    def last_trade_ids(self) -> dict[str, int]:
        """The newest stored `sequential_id` of every market with trades."""
        ...

    def close(self) -> None: ...


class _LineSink:
    """JSONL and CSV: one append-only file per partition, a whole line per row."""

    name: SinkName
    suffix: str

    def __init__(self, root: Path) -> None:
        self.root = root
        self._repaired: set[Path] = set()

    def _file(self, kind: str, market: str, day: str) -> Path:
        return _partition(self.root, kind, market, day) / f"data.{self.suffix}"

    def _encode(self, kind: str, rows: Sequence[Row], header: bool) -> bytes:
        raise NotImplementedError

    def _repair(self, path: Path) -> int:
        """Trim a torn last line (a crash mid-append); the file's size afterwards."""
        if not path.exists():
            return 0
        with path.open("rb+") as f:
            size = f.seek(0, os.SEEK_END)
            if size == 0:
                return 0
            f.seek(max(0, size - 1))
            if f.read(1) == b"\n":
                return size
            keep = 0
            pos = size
            while pos > 0:  # look back in blocks for the last newline
                start = max(0, pos - 65536)
                f.seek(start)
                block = f.read(pos - start)
                i = block.rfind(b"\n")
                if i >= 0:
                    keep = start + i + 1
                    break
                pos = start
            f.truncate(keep)
            f.flush()
            os.fsync(f.fileno())
            return keep

    def write(self, kind: str, market: str, day: str, rows: Sequence[Row]) -> tuple[int, int]:
        if not rows:
            return 0, 0
        path = self._file(kind, market, day)
        _mkdirs(path.parent)
        if path not in self._repaired:
            self._repair(path)
            self._repaired.add(path)
        new = not path.exists() or path.stat().st_size == 0
        data = self._encode(kind, rows, header=new)
        with path.open("ab") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if new:
            _fsync_dir(path.parent)
        return len(rows), len(data)

    def _read_lines(self, path: Path, tail: int | None = None) -> list[bytes]:
        """Complete lines only: a torn last line is never read."""
        with path.open("rb") as f:
            size = f.seek(0, os.SEEK_END)
            start = 0 if tail is None else max(0, size - tail)
            f.seek(start)
            data = f.read()
        lines = data.split(b"\n")[:-1]  # the piece after the last newline is torn or empty
        if start > 0 and lines:
            lines = lines[1:]  # may begin mid-line
        return lines

    def rows(self, path: Path, kind: str, tail: int | None = None) -> list[Row]:
        raise NotImplementedError

    def last_trade_ids(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for market_dir in sorted((self.root / "type=trade").glob("market=*")):
            market = market_dir.name.removeprefix("market=")
            for day_dir in sorted(market_dir.glob("date=*"), reverse=True):
                path = day_dir / f"data.{self.suffix}"
                if not path.exists():
                    continue
                sids = [r["sequential_id"] for r in self.rows(path, "trade", tail=1 << 20)]
                if not sids:
                    sids = [r["sequential_id"] for r in self.rows(path, "trade")]
                if sids:
                    found[market] = max(sids)
                    break
        return found

    def close(self) -> None:
        pass


# One compact JSON object per line, UTF-8; a Decimal (decimal=True streams) as a JSON number.
_JSONL: Final = msgspec.json.Encoder(decimal_format="number")


class JsonlSink(_LineSink):
    name: SinkName = "jsonl"
    suffix = "jsonl"

    def _encode(self, kind: str, rows: Sequence[Row], header: bool) -> bytes:
        return _JSONL.encode_lines(rows)

    def rows(self, path: Path, kind: str, tail: int | None = None) -> list[Row]:
        out = []
        for line in self._read_lines(path, tail):
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
        return out


class CsvSink(_LineSink):
    name: SinkName = "csv"
    suffix = "csv"

    def _encode(self, kind: str, rows: Sequence[Row], header: bool) -> bytes:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS[kind]), lineterminator="\n")
        if header:
            writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode()

    def rows(self, path: Path, kind: str, tail: int | None = None) -> list[Row]:
        columns = COLUMNS[kind]
        names = list(columns)
        out = []
        lines = [line.decode() for line in self._read_lines(path, tail)]
        for values in csv.reader(lines):
            if values == names or len(values) != len(names):
                continue
            with contextlib.suppress(ValueError):
                out.append({n: _convert(v, columns[n]) for n, v in zip(names, values, strict=True)})
        return out


def _file_columns(kind: str) -> dict[str, str]:
    """A Parquet part's columns: `market` lives in the folder name only (as Hive and Spark
    write it), so Arrow, pandas, polars, DuckDB and Spark all read one dataset without a clash
    between a file column and a partition column."""
    return {n: t for n, t in COLUMNS[kind].items() if n != "market"}


class ParquetSink:
    """One Parquet part per flushed batch, renamed into place when complete."""

    name: SinkName = "parquet"

    def __init__(self, root: Path) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:  # pragma: no cover - depends on the installed extras
            raise ImportError(
                "the parquet sink needs pyarrow: pip install 'upbit[parquet]'"
            ) from None
        self.root = root
        self._counter = itertools.count()
        for leftover in root.glob("type=*/market=*/date=*/.part-*.tmp"):
            leftover.unlink(missing_ok=True)

    def _schema(self, kind: str) -> Any:
        import pyarrow as pa

        types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
        return pa.schema([pa.field(n, types[t]) for n, t in _file_columns(kind).items()])

    def write(self, kind: str, market: str, day: str, rows: Sequence[Row]) -> tuple[int, int]:
        if not rows:
            return 0, 0
        import pyarrow as pa
        import pyarrow.parquet as pq

        folder = _partition(self.root, kind, market, day)
        _mkdirs(folder)
        schema = self._schema(kind)
        table = pa.table(
            {
                n: pa.array([r.get(n) for r in rows], type=schema.field(n).type)
                for n in schema.names
            },
            schema=schema,
        )
        first = rows[0].get(_TIME_COLUMN[kind]) or int(time.time() * 1000)
        name = f"part-{first:013d}-{os.getpid()}-{next(self._counter):06d}.parquet"
        temp = folder / f".{name}.tmp"
        with temp.open("wb") as f:
            pq.write_table(table, f, compression="zstd")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, folder / name)
        _fsync_dir(folder)
        return len(rows), (folder / name).stat().st_size

    def last_trade_ids(self) -> dict[str, int]:
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        found: dict[str, int] = {}
        for market_dir in sorted((self.root / "type=trade").glob("market=*")):
            market = market_dir.name.removeprefix("market=")
            for day_dir in sorted(market_dir.glob("date=*"), reverse=True):
                best = None
                for part in day_dir.glob("part-*.parquet"):
                    column = pq.read_table(part, columns=["sequential_id"])["sequential_id"]
                    top = pc.max(column).as_py()
                    if top is not None and (best is None or top > best):
                        best = top
                if best is not None:
                    found[market] = int(best)
                    break
        return found

    def close(self) -> None:
        pass


_SQL_TYPES: Final = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER"}


class SqliteSink:
    """One database per UTC day, a table per type; a transaction per batch."""

    name: SinkName = "sqlite"

    def __init__(self, root: Path) -> None:
        self.root = root
        self._dbs: dict[str, sqlite3.Connection] = {}

    def _db(self, day: str) -> sqlite3.Connection:
        db = self._dbs.get(day)
        if db is None:
            self.root.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(  # used from one flush thread at a time
                self.root / f"upbit-{day}.sqlite", isolation_level=None, check_same_thread=False
            )
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            for kind, columns in COLUMNS.items():
                cols = ", ".join(f"{n} {_SQL_TYPES[t]}" for n, t in columns.items())
                key = ", PRIMARY KEY (market, sequential_id)" if kind == "trade" else ""
                db.execute(f"CREATE TABLE IF NOT EXISTS {kind} ({cols}{key})")
            if len(self._dbs) >= 3:  # days long past are done with
                oldest = min(self._dbs)
                self._dbs.pop(oldest).close()
            self._dbs[day] = db
        return db

    def write(self, kind: str, market: str, day: str, rows: Sequence[Row]) -> tuple[int, int]:
        if not rows:
            return 0, 0
        db = self._db(day)
        names = list(COLUMNS[kind])
        verb = "INSERT OR IGNORE" if kind == "trade" else "INSERT"
        sql = f"{verb} INTO {kind} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        before = db.total_changes
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(sql, ([r.get(n) for n in names] for r in rows))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        stored = db.total_changes - before
        size = sum(len(json.dumps(r, separators=(",", ":"))) for r in rows[:stored])
        return stored, size

    def _files(self) -> list[Path]:
        return sorted(self.root.glob("upbit-*.sqlite"), reverse=True)

    def last_trade_ids(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for path in self._files():
            with contextlib.closing(sqlite3.connect(path)) as db:
                try:
                    result = db.execute(
                        "SELECT market, MAX(sequential_id) FROM trade GROUP BY market"
                    ).fetchall()
                except sqlite3.OperationalError:
                    continue
            for market, sid in result:
                found.setdefault(market, int(sid))
        return found

    def rows(self, path: Path, kind: str, market: str | None = None) -> list[Row]:
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.row_factory = sqlite3.Row
            where = " WHERE market = ?" if market else ""
            try:
                cursor = db.execute(f"SELECT * FROM {kind}{where}", (market,) if market else ())
            except sqlite3.OperationalError:
                return []
            return [dict(r) for r in cursor]

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()


def _parquet_rows(path: Path) -> list[Row]:
    import pyarrow.parquet as pq

    market = path.parent.parent.name.removeprefix("market=")
    return [{"market": market, **row} for row in pq.read_table(path).to_pylist()]


def make_sink(name: str, root: str | os.PathLike[str] | None, *, dsn: str | None = None) -> Sink:
    """The sink called `name` writing under `root` (or into the database at `dsn` for
    postgres); ValueError names the rule, SinkError says why the database is unusable."""
    sinks: dict[str, type[Any]] = {
        "jsonl": JsonlSink, "csv": CsvSink, "parquet": ParquetSink, "sqlite": SqliteSink,
    }  # fmt: skip
    if name not in SINKS:
        raise ValueError(f"sink must be one of {', '.join(SINKS)}, got {name!r}")
    if name == "postgres":
        if dsn is None:
            raise ValueError("dsn: the postgres sink needs --dsn postgresql://user@host/database")
        if root is not None:
            raise ValueError("out: the postgres sink writes into the database; give --dsn only")
        from ._sink_postgres import PostgresSink

        return PostgresSink(dsn)
    if dsn is not None:
        raise ValueError(f"dsn is only for the postgres sink, not {name}")
    if root is None:
        raise ValueError(f"out: the {name} sink needs a directory to write into")
    path = Path(root)
    if path.exists() and not path.is_dir():
        raise ValueError(f"out must be a directory, got the file {str(path)!r}")
    sink: Sink = sinks[name](path)
    return sink


def detect(root: Path) -> SinkName | None:
    """Which sink wrote `root` (the first found)."""
    if any(root.glob("upbit-*.sqlite")):
        return "sqlite"
    for name, pattern in (
        ("parquet", "part-*.parquet"),
        ("jsonl", "data.jsonl"),
        ("csv", "data.csv"),
    ):
        if any(root.glob(f"type=*/market=*/date=*/{pattern}")):
            return name  # type: ignore[return-value]
    return None


def read_rows(
    root: str | os.PathLike[str], kind: str = "trade", market: str | None = None
) -> Iterator[Row]:
    """Every stored row of `kind` (and `market`) under `root`, whatever sink wrote it, in file
    order: by day, then as written."""
    path = Path(root)
    name = detect(path)
    if name is None:
        return
    if kind not in COLUMNS:
        raise ValueError(f"kind must be one of {', '.join(COLUMNS)}, got {kind!r}")
    if name == "sqlite":
        sqlite = SqliteSink(path)
        for db in sorted(path.glob("upbit-*.sqlite")):
            yield from sqlite.rows(db, kind, market)
        return
    markets = f"market={market}" if market else "market=*"
    if name == "parquet":
        for part in sorted(path.glob(f"type={kind}/{markets}/date=*/part-*.parquet")):
            yield from _parquet_rows(part)
        return
    lines: _LineSink = JsonlSink(path) if name == "jsonl" else CsvSink(path)
    for file in sorted(path.glob(f"type={kind}/{markets}/date=*/data.{lines.suffix}")):
        yield from lines.rows(file, kind)
