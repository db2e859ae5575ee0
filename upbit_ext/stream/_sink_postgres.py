"""The PostgreSQL sink: several collectors, one database, each trade stored once.

Tables `trade`, `ticker` and `orderbook` (plus `collector_event`) are created on first use by
numbered, additive migrations recorded in `upbit_schema_version`; a migration never drops or
rewrites a column, so an older collector keeps writing into a newer schema. Migrations run under
an advisory lock, so collectors starting together do not race. Prices and volumes are
`numeric` (exact: the decimal the exchange sent), times `bigint` milliseconds as in the other
sinks plus a generated `timestamptz` column `ts`.

Keys, so that redundant collectors write each fact once (`ON CONFLICT DO NOTHING`):
- trade: `(market, sequential_id)`, Upbit's own identity of a trade.
- ticker: `(market, trade_timestamp, acc_trade_volume)`: a ticker is the market's state after a
  trade; the volume since midnight KST rises with every trade, so two trades in one millisecond
  stay apart, while the same state seen by two collectors (or as a SNAPSHOT after a reconnect)
  is stored once. `timestamp` (when it was sent) is kept as a column.
- orderbook: `(market, timestamp)`: Upbit stamps each book when it publishes it; the first book
  of a millisecond wins.

Each batch is one transaction: from 250 rows `COPY` into a temporary staging table, then
`INSERT ... SELECT ... ON CONFLICT DO NOTHING`; smaller batches (the usual case: a flush a
second) by `executemany` of `INSERT ... ON CONFLICT DO NOTHING`, which psycopg pipelines.
Measured in benchmarks/postgres_sink.py (loopback, 2 shared cores): at 20 rows executemany
stores ~6,600 rows/s and COPY ~1,800 (COPY costs extra round trips and the staging table's
truncate at commit); they cross near 300 rows; at 1,000 rows COPY is ~1.5x faster (~23,000
rows/s), at 5,000 ~2x (~28,000). A batch is committed or not at all, so a `kill -9` loses at
most the unflushed rows, which the next start backfills from REST after the newest stored trade.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal
from urllib.parse import quote

from ._sinks import COLUMNS, Row, SinkError, SinkName

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresSink", "check_dsn", "redact_dsn"]

_TYPES: Final = {"str": "text", "int": "bigint", "float": "numeric", "bool": "boolean"}
_TIME: Final = {"trade": "trade_timestamp", "ticker": "timestamp", "orderbook": "timestamp"}
_KEYS: Final = {
    "trade": ("market", "sequential_id"),
    "ticker": ("market", "trade_timestamp", "acc_trade_volume"),
    "orderbook": ("market", "timestamp"),
}
# Only ever append to this list; each entry is applied once, in order, in one transaction.
_MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    (
        *(
            f"CREATE TABLE IF NOT EXISTS {kind} ("
            + ", ".join(
                f"{name} {'jsonb' if name == 'units' else _TYPES[kind_of]}"
                + (" NOT NULL" if name in _KEYS[kind] or name == _TIME[kind] else "")
                for name, kind_of in columns.items()
            )
            + f", ts timestamptz GENERATED ALWAYS AS (to_timestamp({_TIME[kind]} / 1000.0)) STORED"
            + f", PRIMARY KEY ({', '.join(_KEYS[kind])}))"
            for kind, columns in COLUMNS.items()
        ),
        "CREATE TABLE IF NOT EXISTS collector_event (ts timestamptz NOT NULL DEFAULT now(), "
        "host text NOT NULL, pid integer NOT NULL, event text NOT NULL, detail jsonb)",
    ),
)
SCHEMA_VERSION: Final = len(_MIGRATIONS)
_LOCK: Final = 0x75706269  # pg_advisory_xact_lock key of the migrations ("upbi")
_RETRIES: Final = 3
# Below this many rows a batch goes by executemany (one pipelined round trip), from it on by
# COPY into staging (less work per row, more per batch): benchmarks/postgres_sink.py.
_COPY_FROM: Final = 250


def check_dsn(dsn: object) -> dict[str, str]:
    """The parts of a `postgresql://` URL; ValueError that never repeats the URL (it may hold
    a password)."""
    from psycopg.conninfo import conninfo_to_dict

    rule = "dsn must be a URL like postgresql://user:password@host:5432/database"
    if not isinstance(dsn, str) or not dsn.startswith(("postgresql://", "postgres://")):
        raise ValueError(rule)
    try:
        parts = {k: str(v) for k, v in conninfo_to_dict(dsn).items() if v is not None}
    except Exception:
        raise ValueError(f"{rule} (it could not be parsed)") from None
    port = parts.get("port", "5432")
    if not all(p.isdigit() and 0 < int(p) < 65536 for p in port.split(",")):
        raise ValueError(f"{rule} (the port must be a number from 1 to 65535)")
    return parts


def redact_dsn(dsn: str) -> str:
    """`postgresql://user:***@host:port/database`: safe for logs, reprs and errors."""
    try:
        parts = check_dsn(dsn)
    except ValueError:
        return "postgresql://***"
    user = quote(parts.get("user", ""), safe="")
    secret = ":***" if "password" in parts else ""
    at = f"{user}{secret}@" if user or secret else ""
    host = parts.get("host", "")
    port = f":{parts['port']}" if "port" in parts else ""
    return f"postgresql://{at}{host}{port}/{quote(parts.get('dbname', ''), safe='')}"


def _text(value: Any) -> str | None:
    """A value as COPY text: floats by their shortest repr, so `numeric` keeps the sent decimal."""
    if value is None:
        return None
    if isinstance(value, float):
        return repr(value)
    return str(value)


class PostgresSink:
    """Batches into PostgreSQL over one connection (used by one flush thread at a time)."""

    name: SinkName = "postgres"

    def __init__(
        self,
        dsn: str,
        *,
        method: Literal["auto", "copy", "executemany"] = "auto",
        connect_timeout: float = 10.0,
    ) -> None:
        from .._extras import require_extra

        require_extra("postgres")  # names the pip command when psycopg is missing
        self._parts = check_dsn(dsn)
        self._dsn = dsn
        self.where = redact_dsn(dsn)
        self._method = method
        self._timeout = max(1, round(connect_timeout))
        self._lock = threading.Lock()
        self._host = socket.gethostname()
        self._conn: psycopg.Connection[Any] | None = None
        self._connect()

    def __repr__(self) -> str:
        return f"PostgresSink({self.where!r})"

    def __enter__(self) -> PostgresSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _error(self, doing: str, err: BaseException) -> SinkError:
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        secret = self._parts.get("password")
        if secret:
            message = message.replace(secret, "***")
        return SinkError(f"PostgreSQL at {self.where}: {doing} failed: {message}")

    def _connect(self) -> psycopg.Connection[Any]:
        import psycopg

        if self._conn is not None and not self._conn.closed:
            return self._conn
        try:
            conn = psycopg.connect(
                self._dsn, connect_timeout=self._timeout, application_name="upbit collect"
            )
        except psycopg.Error as err:
            raise self._error("connecting", err) from None
        try:
            self._migrate(conn)
        except psycopg.Error as err:
            conn.close()
            raise self._error("creating the tables", err) from None
        self._conn = conn
        return conn

    def _migrate(self, conn: psycopg.Connection[Any]) -> None:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS upbit_schema_version (version integer PRIMARY KEY,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            row = conn.execute("SELECT coalesce(max(version), 0) FROM upbit_schema_version")
            done = int(row.fetchone()[0])  # type: ignore[index]
            for version, statements in enumerate(_MIGRATIONS[done:], start=done + 1):
                for statement in statements:
                    conn.execute(statement)
                conn.execute("INSERT INTO upbit_schema_version (version) VALUES (%s)", (version,))
        for kind, columns in COLUMNS.items():  # per session, emptied at each commit
            conn.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS stage_{kind} ("
                + ", ".join(
                    f"{n} {'jsonb' if n == 'units' else _TYPES[t]}" for n, t in columns.items()
                )
                + ") ON COMMIT DELETE ROWS"
            )
        conn.commit()

    def _retrying(self, doing: str, work: Any) -> Any:
        """`work(conn)` in a transaction; a broken connection is reopened and the batch retried
        (safe: every insert ignores rows already stored)."""
        import psycopg

        with self._lock:
            for attempt in range(_RETRIES):
                try:
                    conn = self._connect()
                    with conn.transaction():
                        return work(conn)
                except psycopg.OperationalError as err:
                    if self._conn is not None:
                        self._conn.close()
                    self._conn = None
                    if attempt == _RETRIES - 1:
                        raise self._error(doing, err) from None
                    time.sleep(0.5 * 2**attempt)
                except psycopg.Error as err:
                    raise self._error(doing, err) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def write(self, kind: str, market: str, day: str, rows: Sequence[Row]) -> tuple[int, int]:
        if not rows:
            return 0, 0
        names = list(COLUMNS[kind])
        values = [[_text(r.get(n)) for n in names] for r in rows]
        size = sum(len(v) for row in values for v in row if v is not None)
        columns = ", ".join(names)

        def copy(conn: psycopg.Connection[Any]) -> int:
            with conn.cursor() as cur:
                with cur.copy(f"COPY stage_{kind} ({columns}) FROM STDIN") as copier:
                    for row in values:
                        copier.write_row(row)
                cur.execute(
                    f"INSERT INTO {kind} ({columns}) SELECT {columns} FROM stage_{kind}"
                    " ON CONFLICT DO NOTHING"
                )
                return int(cur.rowcount)

        def many(conn: psycopg.Connection[Any]) -> int:
            marks = ", ".join(["%s"] * len(names))
            with conn.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {kind} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING",
                    values,
                    returning=False,
                )
                return int(cur.rowcount)

        method = self._method
        if method == "auto":
            method = "copy" if len(rows) >= _COPY_FROM else "executemany"
        stored = self._retrying("writing", copy if method == "copy" else many)
        return int(stored), size

    def last_trade_ids(self) -> dict[str, int]:
        # A skip scan over the primary key: one index probe per market, not a table scan.
        query = """
            WITH RECURSIVE m AS (
                (SELECT market FROM trade ORDER BY market LIMIT 1)
                UNION ALL
                SELECT (SELECT t.market FROM trade t WHERE t.market > m.market
                        ORDER BY t.market LIMIT 1)
                FROM m WHERE m.market IS NOT NULL
            )
            SELECT market, (SELECT max(sequential_id) FROM trade t WHERE t.market = m.market)
            FROM m WHERE market IS NOT NULL
        """

        def read(conn: psycopg.Connection[Any]) -> dict[str, int]:
            return {str(m): int(s) for m, s in conn.execute(query).fetchall()}

        found: dict[str, int] = self._retrying("reading the newest trades", read)
        return found

    def record_event(self, line: Mapping[str, Any]) -> None:
        """A collector start/stop/reconnect into `collector_event`, tagged with host and pid."""
        detail = {k: v for k, v in line.items() if k not in ("ts", "event")}

        def insert(conn: psycopg.Connection[Any]) -> None:
            conn.execute(
                "INSERT INTO collector_event (ts, host, pid, event, detail)"
                " VALUES (to_timestamp(%s / 1000.0), %s, %s, %s, %s)",
                (line["ts"], self._host, os.getpid(), line["event"], json.dumps(detail)),
            )

        self._retrying("recording an event", insert)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
