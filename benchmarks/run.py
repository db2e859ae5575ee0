"""Run the benchmarks and rewrite `results/latest.json`, `README.md` and the charts.

`python benchmarks/run.py [--quick] [--only overhead,signing]` (or `make bench` / `make
bench-quick`). Scripts not present in this checkout are skipped with a note; a script that
fails is reported and the others still run. With `--only`, the rows of the other benchmarks are
kept from the previous `latest.json`.

The benchmarks that time the CPU (`ALONE`) run first, one after another, with nothing else
running. The ones bound by Upbit's rate limits (`LANES`) then run at the same time: each lane
in its own thread, its scripts one after another (they spend their time waiting on the limits,
in subprocesses), so `make bench` takes about the CPU benchmarks, rate_use and the year of
backfill.

The "met" column is worked out from a row's `target` when it reads `<op> <number>[%] [x <client>]`
(`<= 1.15x floor`, `>= 95 %`, `== 1`), compared with ours' median (or ours / that client's).
A row whose target says something else (`zero 429s`) carries its own `"met": true|false`.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import json
import re
import sys
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import _harness

SCRIPTS = [
    "overhead", "signing", "rate_use", "order_safety", "backfill", "ingest", "shared_budget",
    "postgres_sink",
]  # fmt: skip
TITLES = {
    "overhead": "1. Client overhead per request",
    "signing": "2. Signing cost",
    "rate_use": "3. Rate-limit use",
    "order_safety": "4. Order safety under ambiguous failures",
    "backfill": "5. Backfill",
    "ingest": "6. Stream ingest",
    "shared_budget": "7. One rate budget shared by processes (Redis)",
    "postgres_sink": "8. PostgreSQL sink: batch inserts",
}
# CPU-timed: each runs alone, one after another.
ALONE = ["overhead", "signing", "ingest", "postgres_sink"]
# Rate-bound: two phases, each a list of lanes that run at the same time (a lane's parts one
# after another). A part is (script, clients), None meaning the script's own clients. A peer
# without a limiter keeps both cores busy until it is banned, and that slows ours' answers
# (rate_use, ticker group: ours 97-98 % alone, 85-88 % beside pyupbit on a loaded 2-core
# machine); so the peers' runs come first, beside nothing that times ours, and ours' runs of
# the same benchmarks then share the machine only with light, waiting ones.
PEERS = ("upbit-sdk", "pyupbit", "ccxt")
OURS_ONLY = ("upbit_ext",)
Part = tuple[str, tuple[str, ...] | None]
PHASES: list[list[list[Part]]] = [
    [[("rate_use", PEERS)], [("backfill", PEERS)], [("order_safety", None)]],
    [[("backfill", OURS_ONLY)], [("rate_use", OURS_ONLY), ("shared_budget", None)]],
]
APART = (
    "ours measured in a later phase than the peers, beside no peer (a peer without a limiter "
    "keeps the CPU busy until it is banned, which slows ours' answers)"
)
CLIENT_ORDER = ["upbit_ext", "upbit-sdk", "pyupbit", "ccxt", "floor"]
OURS, FLOOR = "upbit_ext", "floor"
DASH, TIMES = "\u2013", "\u00d7"  # the en dash of ranges and the multiplication sign
README = _harness.BENCH_DIR / "README.md"
LATEST = _harness.RESULTS_DIR / "latest.json"

INTRO = """\
# Benchmarks

Ours (`upbit_ext`) side by side with Upbit's official SDK (`upbit-sdk`), `pyupbit` and `ccxt`,
all on loopback: against the project's sandbox exchange, or a minimal fixed-response server
where the sandbox would be the bottleneck (each table's notes say which). Every server runs in
its own process; every client runs in its own worker process, ours from the project's `.venv`,
the peers from `.venv-bench` (built from `requirements/bench.txt`, pinned). The benchmarks that
time the CPU (overhead, signing, ingest, PostgreSQL sink) run one at a time with nothing else
running, clients interleaved in rounds. The ones bound by Upbit's rate limits (rate use, order
safety, backfill, shared budget) spend their time waiting, so they run at the same time as each
other, each client against a sandbox of its own: first the peers' runs (a peer without a
limiter keeps the CPU busy until it is banned), then ours beside only light, waiting runs; each
table's notes say how it was run. Each cell is the median over rounds with the interquartile
range (p25 to p75) in brackets. "floor" is a minimal hand-written loop on the same stack (one
keep-alive `httpx.Client`, PyJWT, hashlib, `json.loads`): the least any client on it can cost.

Everything below this paragraph is written by `benchmarks/run.py`; no figure is typed by hand.

```sh
make bench         # every benchmark, under 10 minutes
make bench-quick   # fewer rounds, under 2 minutes
.venv/bin/python benchmarks/overhead.py --quick     # one benchmark alone, rows as JSON
.venv/bin/python benchmarks/overhead.py --profile create_order   # cProfile of ours
```

Ratio column: peer ÷ ours for each peer (above 1x means ours costs less when lower is
better), and ours ÷ floor. Raw figures, machine and versions: `results/latest.json`.
"""


# --- running ----------------------------------------------------------------------------------


def run_script(
    name: str, quick: bool, clients: tuple[str, ...] | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """Rows of one script (for `clients` only, if given), or a note on why it gave none."""
    if not (_harness.BENCH_DIR / f"{name}.py").exists():
        note = f"{name}: not in this checkout, skipped"
        print(note, flush=True)
        return [], note
    who = "" if clients is None else f", {'/'.join(clients)}"
    print(f"running {name} (quick={quick}{who}) ...", flush=True)
    start = time.monotonic()
    try:
        module = importlib.import_module(name)
        got: list[dict[str, Any]] = (
            module.run(quick) if clients is None else module.run(quick, clients=clients)
        )
    except Exception:
        note = f"{name}{who}: failed\n{traceback.format_exc()}"
        print(note, file=sys.stderr, flush=True)
        return [], note.splitlines()[0] + " (see the run's output)"
    print(f"  {name}{who}: {len(got)} rows in {time.monotonic() - start:.0f} s", flush=True)
    return got, None


def merge_parts(parts: Sequence[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One script's rows from runs for different clients: each row's results together (rows
    match by case), the notes of the first run with a note on how they were run apart."""
    parts = [rows for rows in parts if rows]
    if len(parts) < 2:
        return list(parts[0]) if parts else []
    merged = [{**row, "results": dict(row["results"])} for row in parts[0]]
    by_case = {row["case"]: row for row in merged}
    for rows in parts[1:]:
        for row in rows:
            if row["case"] in by_case:
                by_case[row["case"]]["results"].update(row["results"])
            else:
                merged.append(row)
    for row in merged:
        row["notes"] = f"{row['notes']}; {APART}" if row["notes"] else APART
    return merged


def run_scripts(names: Sequence[str], quick: bool) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of every script in `names` that exists here, and the notes on those that did not run.

    `ALONE` scripts run first, in turn; then the `PHASES`, each phase's lanes at the same time
    (with `quick`, each part in a lane of its own: quick runs are mostly start-up); scripts in
    neither run alone, last. Rows come back in `names` order whatever order parts finished in.
    """
    alone = [n for n in names if n in ALONE]
    phased = {name for phase in PHASES for lane in phase for name, _ in lane}
    rest = [n for n in names if n not in alone and n not in phased]
    done: dict[str, list[tuple[list[dict[str, Any]], str | None]]] = {n: [] for n in names}
    lock = threading.Lock()

    def run_lane(lane: list[Part]) -> None:
        for name, clients in lane:
            result = run_script(name, quick, clients)
            with lock:
                done[name].append(result)

    for name in alone:
        run_lane([(name, None)])
    for phase in PHASES:
        lanes = [[part for part in lane if part[0] in names] for lane in phase]
        if quick:
            lanes = [[part] for lane in lanes for part in lane]
        threads = [threading.Thread(target=run_lane, args=(lane,)) for lane in lanes if lane]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for name in rest:
        run_lane([(name, None)])
    rows = [row for name in names for row in merge_parts([got for got, _ in done[name]])]
    notes = [note for name in names for _, note in done[name] if note is not None]
    return rows, list(dict.fromkeys(notes))


# --- the report -------------------------------------------------------------------------------


def fmt(value: float) -> str:
    """A figure with as many digits as it deserves: 1234, 123, 12.3, 1.23, 0.123."""
    magnitude = abs(value)
    if magnitude >= 100 or value == int(value):
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def cell(entry: Mapping[str, Any] | None) -> str:
    if entry is None:
        return "—"
    if entry.get("median") is None:  # every run of this client failed: say how
        errors = entry.get("errors") or ["no run finished"]
        return f"failed: {errors[0]}"
    median, p25, p75 = entry["median"], entry["p25"], entry["p75"]
    if p25 == p75 == median:
        return fmt(median)
    return f"{fmt(median)} ({fmt(p25)}{DASH}{fmt(p75)})"


def ratios(row: Mapping[str, Any]) -> str:
    results = row["results"]
    ours = results.get(OURS)
    if ours is None or not ours["median"]:
        return "—"
    parts = [
        f"{name} {results[name]['median'] / ours['median']:.2f}{TIMES}"
        for name in _clients([row])
        if name not in (OURS, FLOOR) and results[name].get("median") is not None
    ]
    floor = results.get(FLOOR)
    if floor is not None and floor["median"]:
        parts.append(f"ours/floor {ours['median'] / floor['median']:.2f}{TIMES}")
    return ", ".join(parts) or "—"


_TARGET = re.compile(
    r"^\s*(?P<op><=|>=|≤|≥|==|=|<|>)\s*(?P<value>[0-9.]+)\s*(?P<pct>%)?\s*"
    r"(?:x|\u00d7)?\s*(?P<ref>[\w-]+)?\s*$"
)


def target_met(row: Mapping[str, Any]) -> bool | None:
    """Whether ours meets the row's target. A row's own boolean `met` wins; otherwise targets
    of the form `<op> <number>[%] [x <client>]` are checked against ours (or ours ÷ client)."""
    if isinstance(row.get("met"), bool):
        return bool(row["met"])
    target, results = row.get("target"), row["results"]
    match = _TARGET.match(re.sub(r"\s*\(ours\)\s*$", "", target or ""))
    if match is None or OURS not in results:
        return None
    value = results[OURS]["median"]
    ref = match["ref"]
    if ref is not None:
        if ref not in results or not results[ref]["median"]:
            return None
        value = value / results[ref]["median"]
    bound = float(match["value"])
    op = match["op"]
    return {
        "<=": value <= bound, "≤": value <= bound, ">=": value >= bound, "≥": value >= bound,
        "<": value < bound, ">": value > bound, "==": value == bound, "=": value == bound,
    }[op]  # fmt: skip


def _clients(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    seen = {name for row in rows for name in row["results"]}
    return [c for c in CLIENT_ORDER if c in seen] + sorted(seen - set(CLIENT_ORDER))


def bench_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The Markdown table of one benchmark's rows."""
    clients = _clients(rows)
    header = ["case", "unit", *clients, "ratio", "target", "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        met = target_met(row)
        unit = f"{row['unit']} ({row['better']} is better)"
        cells = [row["case"], unit, *(cell(row["results"].get(c)) for c in clients)]
        cells += [
            ratios(row),
            row.get("target") or "—",
            {True: "yes", False: "**no**"}.get(met, "—"),
        ]  # type: ignore[call-overload]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def _split_notes(notes: str) -> list[str]:
    """`notes` split at "; " outside parentheses (a parenthesised aside stays whole)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(notes):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and notes.startswith("; ", i):
            parts.append(notes[start:i])
            start = i + 2
    return [*parts, notes[start:]]


def notes_list(rows: Sequence[Mapping[str, Any]]) -> str:
    """The rows' notes as a list: parts (split on "; ") every row has once, the others with the
    case they belong to."""
    parts = [[p.strip() for p in _split_notes(row.get("notes") or "") if p.strip()] for row in rows]
    common = [p for p in dict.fromkeys(parts[0] if parts else []) if all(p in ps for ps in parts)]
    lines = [f"- {p}" for p in common]
    for row, row_parts in zip(rows, parts, strict=True):
        lines += [f"- {row['case']}: {p}" for p in row_parts if p not in common]
    return "\n".join(lines)


def render_markdown(
    info: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    charts: Mapping[str, str],
    skipped: Sequence[str] = (),
) -> str:
    """The whole README: intro, run facts, then one section per benchmark (table, notes, chart)."""
    versions = info.get("versions", {})
    ours = versions.get("upbit_ext", {})
    peers = versions.get("peers", {})
    out = [INTRO]
    out.append(
        f"Last run: {info.get('date', '?')}, {'quick' if info.get('quick') else 'full'}; "
        f"{info.get('cpu', '?')}, {info.get('cores', '?')} cores, {info.get('os', '?')}, "
        f"Python {info.get('python', '?')}."
    )
    listed = ", ".join(f"{k} {v}" for k, v in {**ours, **peers}.items() if v)
    if listed:
        out.append(f"Versions: {listed}.")
    if skipped:
        out.append("\n".join(f"- {note}" for note in skipped))
    benches = list(dict.fromkeys(row["bench"] for row in rows))
    order = [b for b in SCRIPTS if b in benches] + [b for b in benches if b not in SCRIPTS]
    for bench in order:
        bench_rows = [row for row in rows if row["bench"] == bench]
        out.append(f"## {TITLES.get(bench, bench)}")
        out.append(bench_table(bench_rows))
        out.append(notes_list(bench_rows))
        if bench in charts:
            out.append(f"![{bench}]({charts[bench]})")
    return "\n\n".join(part for part in out if part) + "\n"


def draw_charts(rows: Sequence[Mapping[str, Any]], out_dir: Path) -> dict[str, str]:
    """One PNG per benchmark: a horizontal bar per client and case, whiskers p25 to p75."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    charts: dict[str, str] = {}
    benches = list(dict.fromkeys(row["bench"] for row in rows))
    colors = {"upbit_ext": "#1f6feb", "upbit-sdk": "#d29922", "pyupbit": "#8957e5",
              "ccxt": "#2da44e", "floor": "#8c959f"}  # fmt: skip
    for bench in benches:
        bench_rows = [row for row in rows if row["bench"] == bench]
        units = list(dict.fromkeys(row["unit"] for row in bench_rows))
        clients = _clients(bench_rows)
        height = 0.8 / len(clients)
        fig, axes = plt.subplots(
            len(units), 1, figsize=(10, 1.5 + 0.55 * len(bench_rows) * (len(clients) + 1) / 3),
            squeeze=False,
        )  # fmt: skip
        for ax, unit in zip(axes[:, 0], units, strict=True):
            unit_rows = [row for row in bench_rows if row["unit"] == unit][::-1]
            for i, client in enumerate(clients[::-1]):
                ys, medians, lows, highs = [], [], [], []
                for y, row in enumerate(unit_rows):
                    entry = row["results"].get(client)
                    if entry is None or entry.get("median") is None:  # absent, or no run finished
                        continue
                    ys.append(y + (i - (len(clients) - 1) / 2) * height)
                    medians.append(entry["median"])
                    lows.append(entry["median"] - entry["p25"])
                    highs.append(entry["p75"] - entry["median"])
                ax.barh(ys, medians, height=height, xerr=[lows, highs], capsize=2,
                        color=colors.get(client), label=client)  # fmt: skip
            ax.set_yticks(range(len(unit_rows)), [row["case"] for row in unit_rows], fontsize=8)
            better = unit_rows[0]["better"]
            ax.set_xlabel(f"{unit} ({better} is better; whiskers p25{DASH}p75)")
            ax.grid(axis="x", alpha=0.3)
            handles, labels = ax.get_legend_handles_labels()
            ax.legend(handles[::-1], labels[::-1], fontsize=8, loc="best")
        fig.suptitle(TITLES.get(bench, bench))
        fig.tight_layout()
        path = out_dir / f"{bench}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        charts[bench] = f"results/{path.name}"
    return charts


def write_all(info: dict[str, Any], rows: list[dict[str, Any]], skipped: list[str]) -> None:
    _harness.RESULTS_DIR.mkdir(exist_ok=True)
    LATEST.write_text(
        json.dumps({**info, "skipped": skipped, "rows": rows}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    charts = draw_charts(rows, _harness.RESULTS_DIR)
    README.write_text(render_markdown(info, rows, charts, skipped), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (under 2 minutes)")
    parser.add_argument("--only", help="comma-separated script names (default: all)")
    parser.add_argument(
        "--report", action="store_true", help="only rewrite README and charts from latest.json"
    )
    args = parser.parse_args()
    if args.report:
        saved = json.loads(LATEST.read_text(encoding="utf-8"))
        rows, skipped = saved.pop("rows"), saved.pop("skipped", [])
        write_all(saved, rows, skipped)
        return
    names = args.only.split(",") if args.only else SCRIPTS
    unknown = [n for n in names if n not in SCRIPTS]
    if unknown:
        parser.error(f"--only: unknown script(s) {', '.join(unknown)}; known: {', '.join(SCRIPTS)}")
    start = time.monotonic()
    rows, skipped = run_scripts(names, args.quick)
    if args.only and LATEST.exists():
        previous = json.loads(LATEST.read_text(encoding="utf-8"))
        kept = [row for row in previous.get("rows", []) if row["bench"] not in names]
        rows = [*rows, *kept]
    info = _harness.machine_info()
    info["date"] = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    info["quick"] = args.quick
    info["seconds"] = round(time.monotonic() - start)
    write_all(info, rows, skipped)
    print(f"wrote {LATEST.relative_to(_harness.ROOT)}, {README.relative_to(_harness.ROOT)} and "
          f"charts in {info['seconds']} s")  # fmt: skip


if __name__ == "__main__":
    main()
