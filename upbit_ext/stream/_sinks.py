"""Where messages go to stay: crash-safe sinks, one batch at a time.

A sink takes a batch of messages (`write`), groups them by type, market and UTC day, and makes
the batch durable before returning: a `kill -9` loses at most the batch being written and
never leaves a file another program cannot read. Trades are stored once per
`(market, sequential_id)`, so a restart that backfills from the last stored id
(`last_trade_ids`) adds no duplicate rows.

- `JsonlSink`: `DIR/<type>/<market>/<YYYY-MM-DD>.jsonl`, one JSON object per line. A batch is
  appended with one `write` system call and `fsync`ed; a torn last line (power loss) is cut
  off when the file is opened again.
- `CsvSink`: `DIR/<type>/<market>/<YYYY-MM-DD>.csv`, a header and the message schema's
  fields as columns (nested values as JSON text); written like the JSON Lines files.
- `SQLiteSink`: `DIR/<YYYY-MM-DD>.sqlite`, a table per type (`trade` keyed by market and
  sequential_id), one transaction per batch, WAL journal.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

import attrs
from upbit_client.models import WsCandle, WsOrderbook, WsTicker, WsTrade

__all__ = ["CsvSink", "JsonlSink", "SQLiteSink", "Sink", "row_of"]

_STORED: Final = (WsTrade, WsTicker, WsOrderbook, WsCandle)
_SAFE: Final = re.compile(r"^[A-Za-z0-9._-]+$")


def _day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def row_of(message: object) -> tuple[str, str, str, dict[str, Any]] | None:
    """`(type, market, day, row)` of a DEFAULT-format quotation message, else None.

    The row is the message's fields with `code` renamed `market` (and `type` dropped); the day
    is the UTC day of `trade_timestamp` for trades, of `timestamp` otherwise."""
    if not isinstance(message, _STORED):
        return None
    data = _plain(message.to_dict())
    kind = data.pop("type")
    market = data.pop("code")
    stamp = data["trade_timestamp"] if isinstance(message, WsTrade) else data["timestamp"]
    return kind, market, _day(stamp), {"market": market, **data}


class Sink:
    """Base of the sinks: `write` a batch, `last_trade_ids` to resume, `close`."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.rows_written = 0
        self.duplicates_skipped = 0
        self._last: dict[str, int] | None = None

    def last_trade_ids(self) -> dict[str, int]:
        """The newest stored `sequential_id` per market (where a restart resumes)."""
        if self._last is None:
            self._last = self._scan_last()
        return dict(self._last)

    def write(self, messages: Iterable[object]) -> int:
        """Store one batch durably; returns the rows written (duplicate trades are skipped)."""
        last = self._last if self._last is not None else self.last_trade_ids()
        assert self._last is not None
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for message in messages:
            found = row_of(message)
            if found is None:
                continue
            kind, market, day, row = found
            if kind == "trade":
                sid = row["sequential_id"]
                if sid <= last.get(market, -1):
                    self.duplicates_skipped += 1
                    continue
                last[market] = sid
            groups.setdefault((kind, market, day), []).append(row)
        if groups:
            self._store(groups)
        written = sum(len(rows) for rows in groups.values())
        self.rows_written += written
        return written

    def _scan_last(self) -> dict[str, int]:
        raise NotImplementedError

    def _store(self, groups: Mapping[tuple[str, str, str], list[dict[str, Any]]]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing is buffered between batches; subclasses release files."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _check_name(kind: str, market: str) -> None:
    for part in (kind, market):
        if not _SAFE.match(part):
            raise ValueError(f"refusing to build a file name from {part!r}")


class JsonlSink(Sink):
    """JSON Lines files per type, market and UTC day."""

    def path(self, kind: str, market: str, day: str) -> Path:
        _check_name(kind, market)
        return self.directory / kind / market / f"{day}.jsonl"

    def _store(self, groups: Mapping[tuple[str, str, str], list[dict[str, Any]]]) -> None:
        for (kind, market, day), rows in groups.items():
            path = self.path(kind, market, day)
            data = "".join(
                json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows
            )
            _append(path, data.encode("utf-8"))

    def _scan_last(self) -> dict[str, int]:
        last: dict[str, int] = {}
        root = self.directory / "trade"
        if not root.is_dir():
            return last
        for market_dir in sorted(root.iterdir()):
            for path in sorted(market_dir.glob("*.jsonl"), reverse=True):
                _repair(path)
                line = _last_line(path)
                if line:
                    last[market_dir.name] = int(json.loads(line)["sequential_id"])
                    break
        return last


def _append(path: Path, data: bytes) -> None:
    """Append `data` with one write call, then fsync: all of a batch or (after a kill) none."""
    new = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not new:
        _repair(path)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:  # the directory entry too
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _repair(path: Path) -> None:
    """Cut a torn last line (a write cut short by power loss or a full disk)."""
    with open(path, "rb+") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        if size == 0:
            return
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return
        chunk = 1 << 16
        end = size
        while end > 0:
            start = max(0, end - chunk)
            f.seek(start)
            block = f.read(end - start)
            cut = block.rfind(b"\n")
            if cut >= 0:
                f.truncate(start + cut + 1)
                return
            end = start
        f.truncate(0)


def _last_line(path: Path) -> bytes:
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        end = f.tell()
        pos = max(0, end - (1 << 16))
        f.seek(pos)
        lines = f.read().splitlines()
    return lines[-1] if lines else b""


_MODELS: Final = {"trade": WsTrade, "ticker": WsTicker, "orderbook": WsOrderbook}


def _columns(kind: str) -> list[str]:
    """`market`, then every field of the type's message schema, in the spec's order."""
    model = _MODELS.get(kind, WsCandle)
    names = [f.name.removesuffix("_") for f in attrs.fields(model)]
    return ["market", *(n for n in names if n not in {"type", "code", "additional_properties"})]


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "" if value is None else value


class CsvSink(Sink):
    """CSV files per type, market and UTC day, with a header; nested values as JSON text."""

    def path(self, kind: str, market: str, day: str) -> Path:
        _check_name(kind, market)
        return self.directory / kind / market / f"{day}.csv"

    def _store(self, groups: Mapping[tuple[str, str, str], list[dict[str, Any]]]) -> None:
        for (kind, market, day), rows in groups.items():
            path = self.path(kind, market, day)
            columns = _columns(kind)
            if not path.exists():  # header written aside and renamed: never a headless file
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                tmp.write_bytes(_csv_lines([columns]))
                os.replace(tmp, path)
            data = _csv_lines([[_cell(r.get(c)) for c in columns] for r in rows])
            _append(path, data)

    def _scan_last(self) -> dict[str, int]:
        last: dict[str, int] = {}
        root = self.directory / "trade"
        if not root.is_dir():
            return last
        index = _columns("trade").index("sequential_id")
        for market_dir in sorted(root.iterdir()):
            for path in sorted(market_dir.glob("*.csv"), reverse=True):
                _repair(path)
                line = _last_line(path)
                row = next(csv.reader([line.decode("utf-8")]), [])
                if row and row[index] != "sequential_id":
                    last[market_dir.name] = int(row[index])
                    break
        return last


def _csv_lines(rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


class SQLiteSink(Sink):
    """One SQLite database per UTC day, a table per type; one transaction per batch."""

    _TRADE = (
        "CREATE TABLE IF NOT EXISTS trade (market TEXT NOT NULL, sequential_id INTEGER NOT NULL,"
        " trade_price REAL, trade_volume REAL, ask_bid TEXT, trade_timestamp INTEGER,"
        " stream_type TEXT, data TEXT NOT NULL, PRIMARY KEY (market, sequential_id))"
    )

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        super().__init__(directory)
        self._db: dict[str, sqlite3.Connection] = {}

    def path(self, day: str) -> Path:
        return self.directory / f"{day}.sqlite"

    def _connect(self, day: str) -> sqlite3.Connection:
        db = self._db.get(day)
        if db is None:
            path = self.path(day)
            if not path.exists():  # built aside and renamed: never a file without its table
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                tmp.unlink(missing_ok=True)
                with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as new:
                    new.execute("PRAGMA journal_mode=WAL")
                    new.execute(self._TRADE)
                os.replace(tmp, path)
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA synchronous=FULL")
            self._db[day] = db
        return db

    def _store(self, groups: Mapping[tuple[str, str, str], list[dict[str, Any]]]) -> None:
        by_day: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {}
        for (kind, _market, day), rows in groups.items():
            by_day.setdefault(day, []).append((kind, rows))
        for day, items in by_day.items():
            db = self._connect(day)
            db.execute("BEGIN IMMEDIATE")
            try:
                for kind, rows in items:
                    self._insert(db, kind, rows)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _insert(self, db: sqlite3.Connection, kind: str, rows: list[dict[str, Any]]) -> None:
        if kind == "trade":
            db.executemany(
                "INSERT OR IGNORE INTO trade VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        r["market"], r["sequential_id"], r["trade_price"], r["trade_volume"],
                        r["ask_bid"], r["trade_timestamp"], r.get("stream_type"),
                        json.dumps(r, ensure_ascii=False),
                    )
                    for r in rows
                ],
            )  # fmt: skip
            return
        table = re.sub(r"[^a-z0-9_]", "_", kind)
        db.execute(
            f'CREATE TABLE IF NOT EXISTS "{table}" (market TEXT NOT NULL, timestamp INTEGER,'
            " data TEXT NOT NULL)"
        )
        db.executemany(
            f'INSERT INTO "{table}" VALUES (?, ?, ?)',
            [(r["market"], r.get("timestamp"), json.dumps(r, ensure_ascii=False)) for r in rows],
        )

    def _scan_last(self) -> dict[str, int]:
        last: dict[str, int] = {}
        for path in sorted(self.directory.glob("????-??-??.sqlite")):
            db = self._connect(path.stem)
            for market, sid in db.execute(
                "SELECT market, MAX(sequential_id) FROM trade GROUP BY market"
            ):
                last[market] = max(last.get(market, -1), int(sid))
        return last

    def close(self) -> None:
        for db in self._db.values():
            db.close()
        self._db.clear()
