"""Sinks survive `kill -9`: every file readable, at most the batch being written lost, and a
restart that writes everything again (as a backfill would) adds no duplicate rows."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _sink_writer import BASE_SID, MARKETS, trade
from upbit_client.models import WsTicker

from upbit_ext.stream._sinks import CsvSink, JsonlSink, SQLiteSink, _columns, row_of

WRITER = Path(__file__).with_name("_sink_writer.py")
TOTAL, BATCH = 1_500, 30


def stored(kind: str, directory: Path) -> dict[str, list[int]]:
    """Every stored trade id per market, in file order; fails on an unreadable file."""
    out: dict[str, list[int]] = {}
    if kind == "jsonl":
        for path in sorted(directory.glob("trade/*/*.jsonl")):
            for line in path.read_text("utf-8").splitlines():
                row = json.loads(line)  # every line is whole
                assert row["market"] == path.parent.name
                out.setdefault(row["market"], []).append(row["sequential_id"])
    elif kind == "csv":
        for path in sorted(directory.glob("trade/*/*.csv")):
            with open(path, newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f, strict=True))
            for row in rows:
                assert row["market"] == path.parent.name
                assert len(row) == len(_columns("trade"))  # no torn row
                out.setdefault(row["market"], []).append(int(row["sequential_id"]))
    else:
        for path in sorted(directory.glob("*.sqlite")):
            with sqlite3.connect(path) as db:
                assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                for market, sid in db.execute(
                    "SELECT market, sequential_id FROM trade ORDER BY sequential_id"
                ):
                    out.setdefault(market, []).append(sid)
    return out


def run_writer(kind: str, directory: Path, kill_after: int | None, delay: float = 0) -> int:
    """Run the writer; SIGKILL it after `kill_after` batches. Returns batches confirmed."""
    with subprocess.Popen(
        [sys.executable, str(WRITER), kind, str(directory), str(TOTAL), str(BATCH)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(WRITER.parent)},
    ) as child:  # fmt: skip
        assert child.stdout is not None
        confirmed = 0
        for line in child.stdout:
            confirmed = int(line.split()[1]) + 1
            if kill_after is not None and confirmed >= kill_after:
                time.sleep(delay)  # land somewhere inside a later batch
                child.send_signal(signal.SIGKILL)
                break
        child.wait(timeout=30)
    return confirmed


@pytest.mark.parametrize("kind", ["jsonl", "csv", "sqlite"])
def test_kill_9_then_restart_leaves_every_trade_once(kind: str, tmp_path: Path) -> None:
    for attempt, delay in enumerate((0, 0.0005, 0.001, 0.002, 0.003, 0.004)):
        confirmed = run_writer(kind, tmp_path, kill_after=3 + 5 * attempt, delay=delay)
        after_kill = stored(kind, tmp_path)  # readable right after the kill
        ids = sorted(sid - BASE_SID for sids in after_kill.values() for sid in sids)
        assert len(ids) == len(set(ids))
        assert set(range(confirmed * BATCH)) <= set(ids)  # nothing confirmed was lost
        whole = len(ids) // BATCH * BATCH
        while not set(range(whole)) <= set(ids):
            whole -= BATCH
        assert set(ids) - set(range(whole)) <= set(range(whole, whole + BATCH))  # one torn batch

    assert run_writer(kind, tmp_path, kill_after=None) == TOTAL // BATCH  # the restart
    final = stored(kind, tmp_path)
    for index, market in enumerate(MARKETS):
        expected = [BASE_SID + i for i in range(index, TOTAL, 3)]
        assert final[market] == expected, market  # in order, no hole, no duplicate
    if kind != "sqlite":  # the files rotated at midnight UTC
        days = {p.stem for p in tmp_path.glob(f"trade/KRW-BTC/*.{kind}")}
        assert days == {"2026-11-30", "2026-12-01"}


@pytest.mark.parametrize("sink_class", [JsonlSink, CsvSink, SQLiteSink])
def test_resume_point_and_duplicates(sink_class: type[JsonlSink], tmp_path: Path) -> None:
    with sink_class(tmp_path) as sink:
        assert sink.last_trade_ids() == {}
        assert sink.write([trade(i) for i in range(9)]) == 9
        assert sink.write([trade(i) for i in range(6, 12)]) == 3  # 6..8 again: skipped
        assert sink.duplicates_skipped == 3
    with sink_class(tmp_path) as again:  # a restart reads where to resume
        assert again.last_trade_ids() == {m: BASE_SID + 9 + k for k, m in enumerate(MARKETS)}
        assert again.write([trade(10), trade(12)]) == 1


def test_a_torn_last_line_is_cut_when_the_file_is_opened(tmp_path: Path) -> None:
    with JsonlSink(tmp_path) as sink:
        sink.write([trade(0), trade(3)])
    [path] = tmp_path.glob("trade/KRW-BTC/*.jsonl")
    with open(path, "ab") as f:
        f.write(b'{"market":"KRW-BTC","sequ')  # power went out mid-line
    with JsonlSink(tmp_path) as sink:
        assert sink.last_trade_ids()["KRW-BTC"] == BASE_SID + 3
        sink.write([trade(6)])
    lines = path.read_text("utf-8").splitlines()
    assert [json.loads(line)["sequential_id"] - BASE_SID for line in lines] == [0, 3, 6]


def test_rows_carry_the_trade_columns() -> None:
    kind, market, day, row = row_of(trade(4)) or ("", "", "", {})
    assert (kind, market, day) == ("trade", "KRW-ETH", "2026-11-30")
    assert {"market", "sequential_id", "trade_price", "trade_volume", "ask_bid",
            "trade_timestamp"} <= set(row)  # fmt: skip
    ticker = WsTicker.from_dict({
        "type": "ticker", "code": "KRW-BTC", "opening_price": 1, "high_price": 1, "low_price": 1,
        "trade_price": 1, "timestamp": 1_796_083_200_000, "stream_type": "REALTIME",
    })  # fmt: skip
    assert row_of(ticker)[:3] == ("ticker", "KRW-BTC", "2026-12-01")  # type: ignore[index]
    assert row_of({"status": "UP"}) is None


def test_csv_rows_read_back_as_written(tmp_path: Path) -> None:
    with CsvSink(tmp_path) as sink:
        sink.write([trade(1)])
    [path] = tmp_path.glob("trade/KRW-ETH/*.csv")
    with open(path, newline="", encoding="utf-8") as f:
        [row] = list(csv.DictReader(f))
    assert row["sequential_id"] == str(BASE_SID + 1)  # exact, not through a float
    assert (row["market"], row["ask_bid"], row["trade_price"]) == ("KRW-ETH", "BID", "101.0")
    assert row["best_ask_price"] == ""  # a field the message did not carry
