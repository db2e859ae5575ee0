"""Rate-limit use: how much of Upbit's allowed rate each client gets, and how often it is refused.

4 worker threads share one client and call one operation back to back: `list_tickers` (the
"ticker" quotation group, 10/s per IP) or a resting limit order (the "order" group, 12/s per
pocket). The sandbox enforces Upbit's limits in another process and counts, on the server side,
every request of the group it accepted (200), refused (429) or refused while blocking the IP or
pocket (418, after 10 429s within 10 s; 30 s, doubling on repeat). Each client keeps its DEFAULT
settings: ours its rate limiter; upbit-sdk retries 429 (2 retries) with no limiter; ccxt its
throttle (`enableRateLimit`); pyupbit nothing.

Figure: accepted requests/s as a share of the allowed rate (server count / (limit x seconds)).
Every client and group has a sandbox of its own, so runs can share the clock without sharing a
budget: in each round a client runs both groups at once, ours beside the peers, which run one
after another (rotated each round); the sandbox's limiter state is cleared before each run (a
block inside a run is the client's own and counts). `make bench` runs ours and the peers in
separate phases (benchmarks/run.py says why).

    python benchmarks/rate_use.py [--quick]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _peers_safety import (
    CLIENTS,
    CountedSandbox,
    concurrently,
    counted_delta,
    drive,
    quartiles,
    sandboxes,
    versions,
)

WORKERS = 4
# (rounds, seconds per run of ours, seconds per run of a peer) by quick. Ours gets the issue's
# 60 s per group (3 x 20 s); a peer without a limiter is blocked (418) within its first seconds,
# so shorter peer runs show the same; the three peers' runs fit in ours' window.
SIZES = {True: (1, 4.0, 2.0), False: (3, 20.0, 5.0)}
GROUPS = {"ticker": 10, "order": 12}  # group -> allowed requests per second (Upbit, sandbox)
WHAT = {"ticker": "list_tickers (quotation group 'ticker', 10/s)",
        "order": "create_order, resting limit ask (group 'order', 12/s)"}  # fmt: skip


def run_one(sandbox: CountedSandbox, client: str, group: str, seconds: float) -> dict[str, Any]:
    """One client, one group, `seconds` of `WORKERS` threads: server and client figures."""
    sandbox.reset_limits()
    before = sandbox.stats()
    seen = drive(client, "rate", url=sandbox.url, group=group, workers=WORKERS, seconds=seconds)
    after = sandbox.stats()
    counts = counted_delta(before, after, group)
    if "error" in seen:
        return {"error": seen["error"], **counts}
    elapsed = float(seen["elapsed"])
    return {
        "share": 100 * counts["200"] / (GROUPS[group] * elapsed),
        "accepted_per_s": counts["200"] / elapsed,
        "429": counts["429"], "418": counts["418"], "blocked_for_s": sandbox.blocked_for(),
        "client_ok": seen["ok"], "client_failures": seen["failed"],
    }  # fmt: skip


def run(
    quick: bool, *, clients: tuple[str, ...] = CLIENTS, seconds: float | None = None
) -> list[dict[str, Any]]:
    """Full: 3 rounds of 20 s for ours (60 s per group), 5 s for a peer; quick: one round."""
    rounds, ours_seconds, peer_seconds = SIZES[quick]
    if seconds is not None:
        ours_seconds = peer_seconds = seconds
    pairs = [(group, client) for client in clients for group in GROUPS]
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {(g, c): [] for g, c in pairs}
    peers = [c for c in clients if c != "upbit_ext"]
    with sandboxes(len(pairs)) as boxes:
        box = dict(zip(pairs, boxes, strict=True))

        def one(group: str, client: str) -> dict[str, Any]:
            length = ours_seconds if client == "upbit_ext" else peer_seconds
            return run_one(box[(group, client)], client, group, length)

        def both_groups(client: str) -> dict[tuple[str, str], dict[str, Any]]:
            return concurrently({(g, client): lambda g=g: one(g, client) for g in GROUPS})

        def peers_in_turn(order: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
            done: dict[tuple[str, str], dict[str, Any]] = {}
            for client in order:
                done.update(both_groups(client))
            return done

        for round_ in range(rounds):
            order = peers[round_ % len(peers) :] + peers[: round_ % len(peers)] if peers else []
            jobs = {"peers": lambda order=order: peers_in_turn(order)}
            if "upbit_ext" in clients:
                jobs["ours"] = lambda: both_groups("upbit_ext")
            for done in concurrently(jobs).values():
                for pair, result in done.items():
                    runs[pair].append(result)
    peer_versions = versions(clients)
    rows: list[dict[str, Any]] = []
    for group in GROUPS:
        share: dict[str, Any] = {}
        refused: dict[str, Any] = {}
        for client in clients:
            done = [r for r in runs[(group, client)] if "share" in r]
            errors = [r["error"] for r in runs[(group, client)] if "error" in r]
            if not done:
                share[client] = {"median": None, "p25": None, "p75": None, "n": 0, "errors": errors}
                continue
            n429 = sum(r["429"] for r in done)
            n418 = sum(r["418"] for r in done)
            failures: dict[str, int] = {}
            for r in done:
                for kind, count in r["client_failures"].items():
                    failures[kind] = failures.get(kind, 0) + count
            share[client] = {
                **quartiles([r["share"] for r in done]),
                "accepted_per_s": round(sum(r["accepted_per_s"] for r in done) / len(done), 2),
                "429": n429, "418": n418, "client_failures": failures,
                **({"errors": errors} if errors else {}),
            }  # fmt: skip
            refused[client] = {**quartiles([float(r["429"] + r["418"]) for r in done]),
                               "429": n429, "418": n418}  # fmt: skip
        notes = (
            f"sandbox in another process enforcing Upbit's limits (fixed 1-s windows, 418 after 10 "
            f"429s in 10 s), one per client and group; {WORKERS} threads on one client for "
            f"{ours_seconds:.0f} s per run (peers {peer_seconds:.0f} s), {rounds} round(s); "
            f"each client against its own sandbox, its two groups at the same time, the peers "
            f"one after another (rotated each round); server-side counts; "
            f"share = accepted / (limit x elapsed), so a client "
            f"bursting at window edges can pass 100 %; default settings for all; "
            f"peers {peer_versions}"
        )
        rows.append({
            "bench": "rate_use", "case": f"{WHAT[group]}: accepted rate, {WORKERS} threads",
            "unit": "% of allowed rate", "better": "higher", "target": ">= 95 % (ours)",
            "results": share, "notes": notes,
        })  # fmt: skip
        rows.append({
            "bench": "rate_use", "case": f"{WHAT[group]}: 429 + 418 answers per run",
            "unit": "responses", "better": "lower", "target": "0 429s (ours)",
            "results": refused, "notes": notes,
        })  # fmt: skip
    return rows


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=1, ensure_ascii=False))
