"""benchmarks/ingest.py runs and its rows have the benchmark shape (COMMON: nothing timed is
asserted; sizes are tiny and the peers are left out)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def load() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("ingest", ROOT / "benchmarks" / "ingest.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tiny_run_has_the_row_shape() -> None:
    ingest = load()
    sizes = {"decode": 200, "stream": 300, "persist": 300, "small": 100, "rss": 600, "rounds": 1}
    rows = ingest.build(sizes, with_peers=False)
    cases = [r["case"] for r in rows]
    assert len(cases) == len(set(cases)) == 12
    for row in rows:
        assert set(row) == {"bench", "case", "unit", "better", "target", "results", "notes"}
        assert row["bench"] == "ingest"
        assert row["better"] in ("higher", "lower")
        ours = row["results"]["upbit_ext"]
        assert {"median", "p25", "p75", "n"} <= set(ours)
        assert ours["median"] > 0
    persisted = [r for r in rows if r["case"].startswith("persisted")]
    assert {r["case"].rsplit(" ", 1)[-1] for r in persisted} == {
        "parquet",
        "jsonl",
        "csv",
        "sqlite",
    }
    rss = rows[-1]["results"]["upbit_ext"]
    assert rss["rss_10pct"] <= rss["median"]
    assert rss["rss_100pct"] <= rss["median"]
