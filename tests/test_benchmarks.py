# ruff: noqa: RUF001  (the expected Markdown holds en dashes and multiplication signs)
"""The benchmarks run and report what they measured. Nothing timed is asserted here: one tiny run
of the overhead benchmark (ours and the floor only, no peers' environment needed) checks the rows'
shape, and the report writer is checked against Markdown written by hand."""

import importlib
import sys
from pathlib import Path

import pytest

BENCH_DIR = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH_DIR))

overhead = importlib.import_module("overhead")
report = importlib.import_module("run")


def test_overhead_quick_run_gives_rows_of_the_shared_shape() -> None:
    rows = overhead.run(
        True,
        rounds=2,
        requests_per_round=3,
        clients=("upbit_ext", "floor"),
        modes=("sync", "async"),
        cases=("ticker", "create_order"),
    )
    assert [row["case"] for row in rows] == [
        "public ticker GET, sync",
        "signed create_order POST, sync",
        "public ticker GET, async",
        "signed create_order POST, async",
    ]
    for row in rows:
        assert set(row) == {"bench", "case", "unit", "better", "target", "results", "notes"}
        assert row["bench"] == "overhead"
        assert row["better"] == "lower"
        assert row["target"] == "<= 1.15x floor"
        assert "fixed-response server" in row["notes"]
        assert set(row["results"]) == {"upbit_ext", "floor"}
        for entry in row["results"].values():
            assert entry["n"] == 2
            assert entry["requests"] == 6
            assert 0 < entry["p25"] <= entry["median"] <= entry["p75"]


ROWS = [
    {
        "bench": "overhead",
        "case": "ticker, sync",
        "unit": "µs",
        "better": "lower",
        "target": "<= 1.15x floor",
        "results": {
            "floor": {"median": 100.0, "p25": 95.5, "p75": 105.0, "n": 3},
            "ccxt": {"median": 220.0, "p25": 200.0, "p75": 240.0, "n": 3},
            "upbit_ext": {"median": 110.0, "p25": 100.0, "p75": 120.0, "n": 3},
        },
        "notes": "fixed server; 3 rounds",
    },
    {
        "bench": "overhead",
        "case": "accounts, sync",
        "unit": "µs",
        "better": "lower",
        "target": "<= 1.15x floor",
        "results": {
            "upbit_ext": {"median": 130.0, "p25": 130.0, "p75": 130.0, "n": 1},
            "floor": {"median": 100.0, "p25": 100.0, "p75": 100.0, "n": 1},
        },
        "notes": "fixed server; 3 rounds; absent: ccxt",
    },
]


def test_table_has_every_client_in_order_ratios_and_the_verdict() -> None:
    assert report.bench_table(ROWS) == (
        "| case | unit | upbit_ext | ccxt | floor | ratio | target | met |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| ticker, sync | µs (lower is better) | 110 (100–120) | 220 (200–240) | 100 (95.5–105)"
        " | ccxt 2.00×, ours/floor 1.10× | <= 1.15x floor | yes |\n"
        "| accounts, sync | µs (lower is better) | 130 | — | 100"
        " | ours/floor 1.30× | <= 1.15x floor | **no** |"
    )


def test_notes_shared_by_every_row_are_listed_once() -> None:
    assert report.notes_list(ROWS) == ("- fixed server\n- 3 rounds\n- accounts, sync: absent: ccxt")


@pytest.mark.parametrize(
    ("target", "ours", "extra", "met"),
    [
        (">= 95 %", 96.0, {}, True),
        ("≥ 95%", 94.0, {}, False),
        ("== 1", 1.0, {}, True),
        ("<= 1.05x minimum", 104.0, {"minimum": 100.0}, True),
        ("<= 1.05x minimum", 106.0, {"minimum": 100.0}, False),
        ("zero 429s", 0.0, {}, None),
        (None, 1.0, {}, None),
    ],
)
def test_target_verdicts(
    target: str | None, ours: float, extra: dict[str, float], met: object
) -> None:
    results = {"upbit_ext": {"median": ours, "p25": ours, "p75": ours, "n": 1}}
    results |= {k: {"median": v, "p25": v, "p75": v, "n": 1} for k, v in extra.items()}
    row = {"target": target, "results": results}
    assert report.target_met(row) is met


def test_a_rows_own_verdict_wins_over_the_parsed_target() -> None:
    row = {"target": "<= 10", "met": False, "results": {"upbit_ext": {"median": 1.0}}}
    assert report.target_met(row) is False


def test_report_has_run_facts_sections_and_charts(tmp_path: Path) -> None:
    info = {
        "date": "2026-11-30 12:00 UTC",
        "quick": True,
        "cpu": "Test CPU",
        "cores": 2,
        "os": "Linux",
        "python": "3.11.7",
        "versions": {"upbit_ext": {"upbit": "0.1.0"}, "peers": {"ccxt": "4.5.90"}},
    }
    signing = {**ROWS[0], "bench": "signing", "case": "small query", "target": None}
    charts = report.draw_charts([*ROWS, signing], tmp_path)
    assert charts == {"overhead": "results/overhead.png", "signing": "results/signing.png"}
    for name in ("overhead.png", "signing.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = report.render_markdown(info, [signing, *ROWS], charts, ["ingest: not in this checkout"])
    assert "Last run: 2026-11-30 12:00 UTC, quick; Test CPU, 2 cores, Linux, Python 3.11.7." in text
    assert "Versions: upbit 0.1.0, ccxt 4.5.90." in text
    assert "- ingest: not in this checkout" in text
    # Sections follow the scripts' order, whatever order the rows came in.
    assert text.index("## 1. Client overhead per request") < text.index("## 2. Signing cost")
    assert "![overhead](results/overhead.png)" in text
    assert "| small query | µs (lower is better) | 110 (100–120) |" in text


harness = importlib.import_module("_harness")


def test_summary_gives_median_and_inclusive_quartiles() -> None:
    assert harness.summary([5.0, 1.0, 4.0, 2.0, 3.0], runs=7) == {
        "median": 3.0,
        "p25": 2.0,
        "p75": 4.0,
        "n": 5,
        "runs": 7,
    }
    with pytest.raises(ValueError, match="values"):
        harness.summary([])


def test_rounds_rotate_which_client_goes_first() -> None:
    calls: list[str] = []

    def measure(name: str) -> object:
        return lambda: calls.append(name) or float(len(calls))

    samples = harness.interleaved(3, {"a": measure("a"), "b": measure("b"), "c": measure("c")})
    assert calls == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert samples == {"a": [1.0, 6.0, 8.0], "b": [2.0, 4.0, 9.0], "c": [3.0, 5.0, 7.0]}


def test_sandbox_runs_in_another_process_until_stopped() -> None:
    import os

    import httpx

    with harness.sandbox(seed=3) as server:
        assert server.pid != os.getpid()
        answer = httpx.get(f"{server.url}/v1/ticker", params={"markets": "KRW-BTC"})
        assert answer.status_code == 200
        assert answer.json()[0]["market"] == "KRW-BTC"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/v1/ticker", params={"markets": "KRW-BTC"})


def test_a_failure_inside_a_worker_is_raised_with_its_traceback() -> None:
    with (
        harness.Worker("signing") as worker,
        pytest.raises(harness.WorkerError, match="KeyError: 'nope'"),
    ):
        worker.call("measure", case="nope", n=1)


FAILED_PEER = {
    "bench": "backfill",
    "case": "a year of candles",
    "unit": "x minimum",
    "better": "lower",
    "target": "<= 1.05",
    "results": {
        "upbit_ext": {"median": 1.02, "p25": 1.02, "p75": 1.02, "n": 1},
        "upbit-sdk": {
            "median": None,
            "p25": None,
            "p75": None,
            "n": 0,
            "errors": ["RateLimitPenaltyError: banned after 81 pages"],
        },
    },
    "notes": "",
}


def test_a_client_whose_every_run_failed_is_reported_as_failed_and_left_out_of_ratios(
    tmp_path: Path,
) -> None:
    assert report.bench_table([FAILED_PEER]) == (
        "| case | unit | upbit_ext | upbit-sdk | ratio | target | met |\n"
        "|---|---|---|---|---|---|---|\n"
        "| a year of candles | x minimum (lower is better) | 1.02"
        " | failed: RateLimitPenaltyError: banned after 81 pages | — | <= 1.05 | yes |"
    )
    charts = report.draw_charts([FAILED_PEER], tmp_path)
    assert (tmp_path / "backfill.png").stat().st_size > 0
    assert charts == {"backfill": "results/backfill.png"}


def test_a_target_marked_ours_is_still_judged() -> None:
    row = {**FAILED_PEER, "target": "<= 1.05x (ours)"}
    assert report.target_met(row) is True
    assert report.target_met({**row, "target": "<= 1.01x (ours)"}) is False


def test_notes_keep_a_parenthesised_aside_whole() -> None:
    row = {**FAILED_PEER, "notes": "sandbox; each its own market (6/min; warm); 10/s"}
    assert report.notes_list([row]) == "- sandbox\n- each its own market (6/min; warm)\n- 10/s"


def record_spans(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, object], tuple[float, float]]:
    """Replace each script by a 0.2 s sleep that records when it ran and gives one row per
    client it ran for."""
    import threading
    import time

    spans: dict[tuple[str, object], tuple[float, float]] = {}
    lock = threading.Lock()

    def fake_script(
        name: str, quick: bool, clients: tuple[str, ...] | None = None
    ) -> tuple[list[dict[str, object]], str | None]:
        start = time.monotonic()
        time.sleep(0.2)
        with lock:
            spans[(name, clients)] = (start, time.monotonic())
        who = clients or ("all",)
        row = {"bench": name, "case": "c", "results": {key: {} for key in who}, "notes": name}
        return [row], None

    monkeypatch.setattr(report, "run_script", fake_script)
    return spans


def test_cpu_timed_scripts_run_alone_and_peers_never_beside_ours_timed_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spans = record_spans(monkeypatch)
    rows, notes = report.run_scripts(report.SCRIPTS, quick=False)
    assert [r["bench"] for r in rows] == report.SCRIPTS  # in table order, one row per script
    assert notes == []

    def overlap(a: tuple[str, object], b: tuple[str, object]) -> bool:
        return spans[a][0] < spans[b][1] and spans[b][0] < spans[a][1]

    for name in report.ALONE:  # a CPU-timed script shares the machine with nothing
        assert not any(overlap((name, None), other) for other in spans if other != (name, None))
    peers = [part for part in spans if part[1] == report.PEERS]
    ours = [part for part in spans if part[1] == report.OURS_ONLY]
    assert peers
    assert ours
    assert not any(overlap(p, o) for p in peers for o in ours)  # peers apart from ours' timing
    assert overlap(("backfill", report.OURS_ONLY), ("rate_use", report.OURS_ONLY))  # lanes
    assert spans[("rate_use", report.OURS_ONLY)][1] <= spans[("shared_budget", None)][0]
    # a script run in parts gives one row holding every part's clients, saying how it was run
    (backfill,) = [r for r in rows if r["bench"] == "backfill"]
    assert set(backfill["results"]) == {*report.PEERS, *report.OURS_ONLY}
    assert backfill["notes"].endswith(report.APART)


def test_a_quick_run_runs_each_phase_s_parts_all_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    spans = record_spans(monkeypatch)
    report.run_scripts(report.SCRIPTS, quick=True)
    for phase in report.PHASES:
        parts = [part for lane in phase for part in lane]
        latest_start = max(spans[p][0] for p in parts)
        assert all(spans[p][1] > latest_start for p in parts)  # all running at one moment
