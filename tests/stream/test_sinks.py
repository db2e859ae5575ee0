"""The sinks on real files: midnight rotation, torn tails, idempotent SQLite, readers' views."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from upbit_client.models import WsTrade

from upbit_ext.stream import Collector, read_rows
from upbit_ext.stream._sinks import make_sink

MIDNIGHT_MS = int(datetime(2026, 3, 1, tzinfo=UTC).timestamp() * 1000)


def trade(sid: int, ts: int, market: str = "KRW-BTC") -> WsTrade:
    return WsTrade.from_dict(
        {
            "type": "trade", "code": market, "trade_price": 100.5 + sid, "trade_volume": 0.25,
            "ask_bid": "BID", "trade_timestamp": ts, "timestamp": ts + 3,
            "sequential_id": sid, "stream_type": "REALTIME",
        }
    )  # fmt: skip


def rows(sids_and_times: list[tuple[int, int]]) -> list[dict[str, Any]]:
    return [
        {
            "market": "KRW-BTC", "sequential_id": sid, "trade_price": 1.5, "trade_volume": 2.0,
            "ask_bid": "ASK", "trade_timestamp": ts, "timestamp": ts, "stream_type": "REALTIME",
        }
        for sid, ts in sids_and_times
    ]  # fmt: skip


@pytest.mark.parametrize("sink", ["jsonl", "csv", "parquet", "sqlite"])
def test_rows_go_to_the_file_of_their_utc_day(tmp_path: Path, sink: str) -> None:
    """Two trades one millisecond either side of midnight UTC land in two days' files."""
    collector = Collector(tmp_path, "KRW-BTC", sink=sink, base_url="http://127.0.0.1:9")
    collector._add(trade(10, MIDNIGHT_MS - 1))
    collector._add(trade(11, MIDNIGHT_MS))
    asyncio.run(collector._flush())
    if sink == "sqlite":
        days = sorted(p.name for p in tmp_path.glob("upbit-*.sqlite"))
        assert days == ["upbit-2026-02-28.sqlite", "upbit-2026-03-01.sqlite"]
    else:
        days = sorted(p.name for p in tmp_path.glob("type=trade/market=KRW-BTC/date=*"))
        assert days == ["date=2026-02-28", "date=2026-03-01"]
    stored = list(read_rows(tmp_path, "trade", "KRW-BTC"))
    assert [(r["sequential_id"], r["trade_price"]) for r in stored] == [(10, 110.5), (11, 111.5)]
    assert make_sink(sink, tmp_path).last_trade_ids() == {"KRW-BTC": 11}


@pytest.mark.parametrize("sink", ["jsonl", "csv"])
def test_a_torn_last_line_is_never_read_and_is_trimmed_on_reopen(tmp_path: Path, sink: str) -> None:
    writer = make_sink(sink, tmp_path)
    writer.write("trade", "KRW-BTC", "2026-03-01", rows([(1, MIDNIGHT_MS), (2, MIDNIGHT_MS + 1)]))
    path = next(tmp_path.glob(f"type=trade/market=KRW-BTC/date=2026-03-01/data.{sink}"))
    with path.open("ab") as f:  # a kill in the middle of the next append
        f.write(b'{"market":"KRW-BTC","sequential_id":99' if sink == "jsonl" else b"KRW-BTC,99,1.")
    fresh = make_sink(sink, tmp_path)  # a restarted collector
    assert fresh.last_trade_ids() == {"KRW-BTC": 2}
    assert [r["sequential_id"] for r in read_rows(tmp_path)] == [1, 2]
    fresh.write("trade", "KRW-BTC", "2026-03-01", rows([(3, MIDNIGHT_MS + 2)]))
    assert [r["sequential_id"] for r in read_rows(tmp_path)] == [1, 2, 3]
    assert path.read_bytes().endswith(b"\n")
    assert path.read_bytes().count(b"99") == 0


def test_sqlite_ignores_a_trade_stored_twice(tmp_path: Path) -> None:
    sink = make_sink("sqlite", tmp_path)
    batch = rows([(1, MIDNIGHT_MS), (2, MIDNIGHT_MS + 1)])
    assert sink.write("trade", "KRW-BTC", "2026-03-01", batch)[0] == 2
    assert sink.write("trade", "KRW-BTC", "2026-03-01", [*batch, *rows([(3, MIDNIGHT_MS)])])[0] == 1
    sink.close()
    with sqlite3.connect(tmp_path / "upbit-2026-03-01.sqlite") as db:
        assert db.execute("SELECT sequential_id FROM trade ORDER BY 1").fetchall() == [
            (1,),
            (2,),
            (3,),
        ]


def test_parquet_leftover_temporary_parts_are_invisible_and_removed(tmp_path: Path) -> None:
    sink = make_sink("parquet", tmp_path)
    sink.write("trade", "KRW-BTC", "2026-03-01", rows([(1, MIDNIGHT_MS)]))
    folder = tmp_path / "type=trade/market=KRW-BTC/date=2026-03-01"
    torn = folder / ".part-1-1-000001.parquet.tmp"
    torn.write_bytes(b"PAR1 half a file")
    glob = f"{tmp_path}/type=trade/**/*.parquet"
    assert duckdb.sql(f"SELECT count(*) FROM '{glob}'").fetchall() == [(1,)]
    make_sink("parquet", tmp_path)  # a restart cleans up
    assert not torn.exists()


@pytest.mark.parametrize(
    ("sink", "query"),
    [
        ("jsonl", "SELECT max(sequential_id), count(*) FROM '{out}/type=trade/**/*.jsonl'"),
        ("csv", "SELECT max(sequential_id), count(*) FROM '{out}/type=trade/**/*.csv'"),
    ],
)
def test_duckdb_reads_every_format(tmp_path: Path, sink: str, query: str) -> None:
    """The README's one-liners for the other sinks (Parquet's runs on collected data)."""
    writer = make_sink(sink, tmp_path)
    writer.write("trade", "KRW-BTC", "2026-03-01", rows([(5, MIDNIGHT_MS), (7, MIDNIGHT_MS + 1)]))
    writer.close()
    assert duckdb.sql(query.format(out=tmp_path)).fetchall() == [(7, 2)]


def test_parquet_output_is_one_hive_dataset_for_duckdb_and_arrow(tmp_path: Path) -> None:
    """`type=…/market=…/date=…/part-….parquet`, partition columns only in the folder names:
    DuckDB's `read_parquet(..., hive_partitioning=true)` and Arrow's dataset (what pandas,
    polars and Spark-style readers use) each see one table with `market` and `date` columns."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    writer = make_sink("parquet", tmp_path)
    day = 86_400_000
    writer.write(
        "trade", "KRW-BTC", "2026-02-28", rows([(1, MIDNIGHT_MS - 5), (2, MIDNIGHT_MS - 1)])
    )
    writer.write("trade", "KRW-BTC", "2026-03-01", rows([(3, MIDNIGHT_MS)]))
    eth = [{**r, "market": "KRW-ETH"} for r in rows([(9, MIDNIGHT_MS + day)])]
    writer.write("trade", "KRW-ETH", "2026-03-02", eth)
    writer.write("ticker", "KRW-ETH", "2026-03-02", [{"market": "KRW-ETH", "timestamp": 1}])
    parts = sorted(p.relative_to(tmp_path).parts[:3] for p in tmp_path.rglob("part-*.parquet"))
    assert parts == [
        ("type=ticker", "market=KRW-ETH", "date=2026-03-02"),
        ("type=trade", "market=KRW-BTC", "date=2026-02-28"),
        ("type=trade", "market=KRW-BTC", "date=2026-03-01"),
        ("type=trade", "market=KRW-ETH", "date=2026-03-02"),
    ]
    for part in tmp_path.rglob("part-*.parquet"):
        assert not {"type", "market", "date"} & set(pq.read_schema(part).names), part
    query = (
        f"SELECT market, date, count(*), max(sequential_id) FROM read_parquet("
        f"'{tmp_path}/type=trade/*/*/*.parquet', hive_partitioning=true) GROUP BY ALL ORDER BY ALL"
    )
    assert duckdb.sql(query).fetchall() == [
        ("KRW-BTC", date(2026, 2, 28), 2, 2),
        ("KRW-BTC", date(2026, 3, 1), 1, 3),
        ("KRW-ETH", date(2026, 3, 2), 1, 9),
    ]
    table = ds.dataset(tmp_path / "type=trade", partitioning="hive").to_table()
    pairs = zip(table["market"].to_pylist(), table["sequential_id"].to_pylist(), strict=True)
    assert sorted(pairs) == [("KRW-BTC", 1), ("KRW-BTC", 2), ("KRW-BTC", 3), ("KRW-ETH", 9)]
    # The README's line, as written, from the folder above `data`.
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    block = re.search(r"Hive-partitioned dataset.*?```python\n(.*?)```", readme, re.S)
    assert block, "README lost its Parquet dataset one-liners"
    [line] = [
        ast.get_source_segment(block[1], node)
        for node in ast.parse(block[1]).body
        if "hive_partitioning=true" in (ast.get_source_segment(block[1], node) or "")
    ]
    (tmp_path / "data").mkdir()
    (tmp_path / "type=trade").rename(tmp_path / "data" / "type=trade")
    with contextlib.chdir(tmp_path):
        found = eval(line or "", {"duckdb": duckdb}).fetchall()  # the README's one-liner
    assert sorted(found) == [
        ("KRW-BTC", date(2026, 2, 28), 2), ("KRW-BTC", date(2026, 3, 1), 1),
        ("KRW-ETH", date(2026, 3, 2), 1),
    ]  # fmt: skip
    tmp_path = tmp_path / "data"
    # read_rows puts the market back from the folder.
    assert [r["market"] for r in read_rows(tmp_path, "trade", "KRW-ETH")] == ["KRW-ETH"]


def test_bad_sink_and_out_are_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="sink must be one of jsonl, csv, parquet, sqlite"):
        make_sink("xml", tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="out must be a directory"):
        make_sink("jsonl", tmp_path / "file")
    with pytest.raises(ValueError, match="markets: "):
        Collector(tmp_path, "KRW-BTC.5")
    with pytest.raises(ValueError, match="types must be a comma list"):
        Collector(tmp_path, "KRW-BTC", types="trade,myOrder")
    with pytest.raises(ValueError, match="flush_seconds must be a number of seconds > 0"):
        Collector(tmp_path, "KRW-BTC", flush_seconds=0)
    with pytest.raises(ValueError, match="verify must be a number of seconds > 0"):
        Collector(tmp_path, "KRW-BTC", verify=True)
    with pytest.raises(ValueError, match="batch_rows must be an integer >= 1"):
        Collector(tmp_path, "KRW-BTC", batch_rows=0)
