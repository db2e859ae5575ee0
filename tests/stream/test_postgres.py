"""The PostgreSQL sink against a real server: schema and migrations, exact numbers, idempotent
batches (COPY and executemany), resume points, reconnects, and clear start-up errors."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest
from _postgres import PASSWORD, Server

from upbit_ext.stream import Collector, _sink_postgres
from upbit_ext.stream._sink_postgres import PostgresSink, redact_dsn
from upbit_ext.stream._sinks import SinkError, make_sink

_names = itertools.count()


@pytest.fixture
def dsn(postgres: Server) -> str:
    """A fresh, empty database per test."""
    return postgres.create_database(f"t{next(_names)}")


def trades(*sids: int, market: str = "KRW-BTC", price: float = 1.5) -> list[dict[str, Any]]:
    return [
        {
            "market": market, "sequential_id": sid, "trade_price": price, "trade_volume": 0.25,
            "ask_bid": "ASK", "trade_timestamp": 1_764_000_000_000 + sid, "timestamp": 1,
            "stream_type": "REALTIME",
        }
        for sid in sids
    ]  # fmt: skip


def query(dsn: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, args).fetchall()  # type: ignore[arg-type]


def test_first_run_creates_the_tables_with_exact_types_and_keys(dsn: str) -> None:
    PostgresSink(dsn).close()
    PostgresSink(dsn).close()  # a second start applies nothing again
    assert query(dsn, "SELECT version FROM upbit_schema_version") == [(1,)]
    types = dict(
        query(
            dsn,
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = 'public'",
        )
    )
    for column in ("trade.trade_price", "trade.trade_volume", "ticker.acc_trade_volume",
                   "orderbook.total_ask_size"):  # fmt: skip
        assert types[column] == "numeric", column
    assert types["trade.sequential_id"] == "bigint"
    assert types["trade.ts"] == "timestamp with time zone"
    assert types["orderbook.units"] == "jsonb"
    keys = dict(
        query(
            dsn,
            "SELECT c.relname, pg_get_constraintdef(k.oid) FROM pg_constraint k"
            " JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'p'",
        )
    )
    assert keys["trade"] == "PRIMARY KEY (market, sequential_id)"
    assert keys["ticker"] == "PRIMARY KEY (market, trade_timestamp, acc_trade_volume)"
    assert keys["orderbook"] == 'PRIMARY KEY (market, "timestamp")'


def test_collectors_starting_together_migrate_once(dsn: str) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def start() -> None:
        barrier.wait()
        try:
            PostgresSink(dsn).close()
        except BaseException as err:
            errors.append(err)

    workers = [threading.Thread(target=start) for _ in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert errors == []
    assert query(dsn, "SELECT count(*) FROM upbit_schema_version") == [(1,)]
    # The migrations wait for the lock another starting collector holds.
    with psycopg.connect(dsn, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", (_sink_postgres._LOCK,))
        waiting = threading.Thread(target=lambda: PostgresSink(dsn).close())
        waiting.start()
        waiting.join(1.5)
        assert waiting.is_alive()
        other.execute("SELECT pg_advisory_unlock(%s)", (_sink_postgres._LOCK,))
        waiting.join(30)
        assert not waiting.is_alive()


def test_a_later_migration_is_added_to_a_database_with_rows(
    dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with PostgresSink(dsn) as sink:
        sink.write("trade", "KRW-BTC", "d", trades(1, 2))
    later = (*_sink_postgres._MIGRATIONS, ("ALTER TABLE trade ADD COLUMN IF NOT EXISTS note text",))
    monkeypatch.setattr(_sink_postgres, "_MIGRATIONS", later)
    with PostgresSink(dsn) as sink:
        assert sink.write("trade", "KRW-BTC", "d", trades(2, 3))[0] == 1
    assert query(dsn, "SELECT version FROM upbit_schema_version ORDER BY 1") == [(1,), (2,)]
    assert query(dsn, "SELECT sequential_id, note FROM trade ORDER BY 1") == [
        (1, None), (2, None), (3, None)
    ]  # fmt: skip


@pytest.mark.parametrize("method", ["copy", "executemany"])
def test_batches_store_each_trade_once_with_exact_decimals(dsn: str, method: Any) -> None:
    sink = PostgresSink(dsn, method=method)
    try:
        first = trades(1, 2, 3, price=103000000.0) + trades(2, 5, market="KRW-ETH", price=1e-05)
        assert sink.write("trade", "KRW-BTC", "d", first)[0] == 5
        again = trades(3, 4, price=103000000.0) + trades(3, 4)  # overlap, and twice in a batch
        assert sink.write("trade", "KRW-BTC", "d", again)[0] == 1  # only 4 is new
        assert sink.last_trade_ids() == {"KRW-BTC": 4, "KRW-ETH": 5}
    finally:
        sink.close()
    stored = query(dsn, "SELECT market, sequential_id, trade_price, trade_volume FROM trade"
                        " ORDER BY 1, 2")  # fmt: skip
    assert stored == [
        ("KRW-BTC", 1, Decimal("103000000.0"), Decimal("0.25")),
        ("KRW-BTC", 2, Decimal("103000000.0"), Decimal("0.25")),
        ("KRW-BTC", 3, Decimal("103000000.0"), Decimal("0.25")),
        ("KRW-BTC", 4, Decimal("103000000.0"), Decimal("0.25")),
        ("KRW-ETH", 2, Decimal("0.00001"), Decimal("0.25")),
        ("KRW-ETH", 5, Decimal("0.00001"), Decimal("0.25")),
    ]
    [(when,)] = query(dsn, "SELECT ts FROM trade WHERE market = 'KRW-BTC' AND sequential_id = 1")
    assert int(when.timestamp() * 1000) == 1_764_000_000_001


def test_tickers_and_orderbooks_are_keyed_by_the_state_they_describe(dsn: str) -> None:
    ticker = {"market": "KRW-BTC", "timestamp": 10, "trade_timestamp": 7, "trade_price": 5.0,
              "acc_trade_volume": 12.5, "stream_type": "REALTIME"}  # fmt: skip
    snapshot = {**ticker, "timestamp": 99, "stream_type": "SNAPSHOT"}  # the same state, resent
    next_trade = {**ticker, "acc_trade_volume": 12.75}  # another trade in the same millisecond
    book = {"market": "KRW-BTC", "timestamp": 10, "total_ask_size": 1.0, "total_bid_size": 2.0,
            "level": 0.0, "units": '[{"ask_price":5.5,"bid_price":5.0}]',
            "stream_type": "REALTIME"}  # fmt: skip
    with PostgresSink(dsn) as sink:
        assert sink.write("ticker", "KRW-BTC", "d", [ticker, snapshot, next_trade])[0] == 2
        assert sink.write("orderbook", "KRW-BTC", "d", [book, {**book, "level": 1.0}])[0] == 1
        assert sink.write("orderbook", "KRW-BTC", "d", [{**book, "timestamp": 11}])[0] == 1
    assert query(dsn, "SELECT acc_trade_volume, stream_type FROM ticker ORDER BY 1") == [
        (Decimal("12.5"), "REALTIME"), (Decimal("12.75"), "REALTIME")
    ]  # fmt: skip
    assert query(dsn, "SELECT units -> 0 ->> 'ask_price' FROM orderbook") == [("5.5",), ("5.5",)]


def test_a_dropped_connection_is_reopened_and_the_batch_retried(dsn: str) -> None:
    with PostgresSink(dsn) as sink:
        sink.write("trade", "KRW-BTC", "d", trades(1))
        query(dsn, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                   " WHERE application_name = 'upbit collect'")  # fmt: skip
        assert sink.write("trade", "KRW-BTC", "d", trades(1, 2))[0] == 1
        assert sink.last_trade_ids() == {"KRW-BTC": 2}


# --------------------------------------------------------------------------- start-up errors


def test_a_wrong_password_or_no_server_is_a_clear_error_without_the_password(
    postgres: Server,
) -> None:
    wrong = postgres.dsn(password="hunter2-wrong")
    with pytest.raises(SinkError) as caught:
        PostgresSink(wrong)
    message = str(caught.value)
    assert "password authentication failed" in message
    assert f"postgresql://upbit:***@127.0.0.1:{postgres.port}/upbit" in message
    assert "hunter2" not in message
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__

    # Should a server ever echo it, the password is masked in the message too.
    with PostgresSink(postgres.dsn()) as sink:
        error = sink._error("writing", RuntimeError(f"bad login {PASSWORD} here\nmore"))
    assert str(error) == (
        f"PostgreSQL at postgresql://upbit:***@127.0.0.1:{postgres.port}/upbit: writing failed:"
        " bad login *** here"
    )

    closed = Server("127.0.0.1", 1, postgres.directory).dsn()
    with pytest.raises(SinkError, match=r"connecting failed: .*(refused|failed)") as caught:
        PostgresSink(closed)
    assert PASSWORD not in str(caught.value)


@pytest.mark.parametrize(
    "dsn",
    ["mysql://u:pw@h/db", "postgresql://u:pw@h:99999/db", "postgresql://u:pw@h:port/db", 5432],
)
def test_a_bad_dsn_names_the_rule_and_never_echoes_it(dsn: Any) -> None:
    with pytest.raises(ValueError, match="dsn must be a URL like postgresql://") as caught:
        make_sink("postgres", None, dsn=dsn)
    assert "pw" not in str(caught.value)


def test_reprs_and_logs_hide_the_password(dsn: str) -> None:
    collector = Collector(None, "KRW-BTC", sink="postgres", dsn=dsn, base_url="http://127.0.0.1:9")
    assert PASSWORD not in repr(collector)
    assert "postgresql://upbit:***@127.0.0.1:" in repr(collector)
    collector._sink.close()
    assert redact_dsn("postgresql://a%40b:p%3Aw@h/db%2F1") == "postgresql://a%40b:***@h/db%2F1"
    assert redact_dsn("postgresql:///db") == "postgresql:///db"


def run_collect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "upbit_ext.cli", "collect", "--markets", "KRW-BTC",
         "--base-url", "http://127.0.0.1:9", "--no-status", *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_the_command_fails_at_start_with_a_clear_message(postgres: Server, tmp_path: Any) -> None:
    down = run_collect("--sink", "postgres", "--dsn", Server("127.0.0.1", 1, tmp_path).dsn())
    assert down.returncode == 1
    assert "upbit collect: PostgreSQL at postgresql://upbit:***@127.0.0.1:1/upbit" in down.stderr
    assert PASSWORD not in down.stderr + down.stdout
    assert "Traceback" not in down.stderr
    wrong = run_collect("--sink", "postgres", "--dsn", postgres.dsn(password="hunter2-wrong"))
    assert wrong.returncode == 1
    assert "password authentication failed" in wrong.stderr
    assert "hunter2" not in wrong.stderr + wrong.stdout
    bad = run_collect("--sink", "postgres", "--dsn", "pg://u:hunter2@h/db")
    assert bad.returncode == 2
    assert "dsn must be a URL like" in " ".join(bad.stderr.replace("│", " ").split())
    assert "hunter2" not in bad.stderr
    assert "Traceback" not in bad.stderr


def test_sink_and_dsn_and_out_must_agree(postgres: Server, tmp_path: Any) -> None:
    for sink, out, dsn, message in [
        ("postgres", None, None, "dsn: the postgres sink needs --dsn"),
        ("jsonl", tmp_path, postgres.dsn(), "dsn is only for the postgres sink"),
        ("jsonl", None, None, "out: the jsonl sink needs a directory"),
        ("postgres", tmp_path, postgres.dsn(), "out: the postgres sink writes into the database"),
    ]:
        with pytest.raises(ValueError, match=message) as caught:
            Collector(out, "KRW-BTC", sink=sink, dsn=dsn, base_url="http://127.0.0.1:9")
        assert PASSWORD not in str(caught.value)


def test_the_readme_sql_runs_on_collected_rows(dsn: str) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    match = re.search(r"### Into PostgreSQL.*?```sql\n(.*?)```", readme, re.S)
    assert match, "README lost its PostgreSQL one-liners"
    statements = [s for s in match[1].split(";\n") if s.strip()]
    assert len(statements) == 6
    book = {"market": "KRW-BTC", "timestamp": 1_764_000_000_100, "total_ask_size": 1.0,
            "total_bid_size": 2.0, "level": 0.0, "units": '[{"ask_price":5.5,"bid_price":5.0}]',
            "stream_type": "REALTIME"}  # fmt: skip
    with PostgresSink(dsn) as sink:
        sink.write("trade", "KRW-BTC", "d", trades(1, 2, 3, price=100.5))
        sink.write("orderbook", "KRW-BTC", "d", [book])
        sink.record_event({"ts": 1_764_000_000_000, "event": "start", "resumed": {}})
    with psycopg.connect(dsn) as conn:
        results = [conn.execute(s).fetchall() for s in statements]  # type: ignore[call-overload]
    hours, candles, _vwap, quotes, newest, events = results
    assert [(m, n) for m, _, n, _ in hours] == [("KRW-BTC", 3)]
    assert [row[1:] for row in candles] == [
        (Decimal("100.5"), Decimal("100.5"), Decimal("100.5"), Decimal("100.5"), Decimal("0.75"))
    ]
    assert [q[2:] for q in quotes] == [("5.0", "5.5")]
    assert newest == [("KRW-BTC", 3)]
    assert [e[3] for e in events] == ["start"]
