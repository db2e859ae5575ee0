"""The safety benchmarks (rate_use, order_safety, backfill) run, at tiny sizes, and say the truth.

Nothing timed is asserted: benchmarks are not tests. What is asserted is what the rows are for:
their shape (the benchmarks interface), our client's safety figures (one order per call under
lost answers, no 429, no duplicate or missing candle), and that the measuring sees a double
submission when one happens (Upbit's official SDK, which retries an order POST blind, is the
witness; it runs in .venv-bench, built from requirements/bench.txt on first use).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import backfill  # noqa: E402
import order_safety  # noqa: E402
import rate_use  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")


def check_shape(rows: list[dict[str, Any]], bench: str, clients: set[str]) -> None:
    assert rows
    for row in rows:
        assert set(row) == {"bench", "case", "unit", "better", "target", "results", "notes"}
        assert row["bench"] == bench
        assert row["better"] in {"lower", "higher"}
        assert isinstance(row["case"], str)
        assert isinstance(row["notes"], str)
        assert set(row["results"]) == clients
        for figures in row["results"].values():
            assert {"median", "p25", "p75", "n"} <= set(figures)
            assert figures["n"] >= 1
            assert figures["p25"] <= figures["median"] <= figures["p75"]


def test_order_safety_ours_makes_one_order_per_call_and_a_blind_retry_shows_as_two() -> None:
    rows = order_safety.run(True, calls=3, clients=("upbit_ext", "upbit-sdk"))
    check_shape(rows, "order_safety", {"upbit_ext", "upbit-sdk"})
    per_call = rows[0]["results"]
    ours = per_call["upbit_ext"]
    assert (ours["calls"], ours["orders"], ours["exactly_one"]) == (3, 3, 3)
    assert ours["caller_told"] == {"returned Order": 3}
    # The SDK retries an unanswered POST: each call placed the order more than once.
    assert per_call["upbit-sdk"]["two_or_more"] == 3
    assert per_call["upbit-sdk"]["orders"] > 3
    assert rows[1]["results"]["upbit_ext"]["median"] == 100.0


def test_rate_use_ours_gets_no_429_or_418() -> None:
    rows = rate_use.run(True, clients=("upbit_ext",), seconds=1.5)
    check_shape(rows, "rate_use", {"upbit_ext"})
    for row in rows:
        ours = row["results"]["upbit_ext"]
        assert (ours["429"], ours["418"]) == (0, 0)
    shares = [r["results"]["upbit_ext"] for r in rows if r["unit"] == "% of allowed rate"]
    assert len(shares) == 2
    assert all(s["median"] > 0 for s in shares)


def test_backfill_ours_has_every_candle_once() -> None:
    rows = backfill.run(True, days=0.5, clients=("upbit_ext",))
    check_shape(rows, "backfill", {"upbit_ext"})
    ours = rows[0]["results"]["upbit_ext"]
    # the sandbox's own count of minutes with trades in half a day (a few are empty)
    assert 600 < ours["expected"] <= 720
    assert (ours["candles"], ours["duplicates"], ours["holes"]) == (ours["expected"], 0, 0)
    assert rows[1]["results"]["upbit_ext"]["median"] == 0.0
