"""Order safety under ambiguous failures: does a lost answer turn one order into two?

The sandbox commits every order POST and then drops the connection without an answer (its
drop-after-commit fault at rate 1.0), so each client sees the failure a dead network shows
after the exchange took the order. Each client keeps its DEFAULT retry settings and places
resting limit asks one after another; after each call the sandbox's own order count says how
many orders that one call created (1 = safe, 2 or more = double submission, 0 = lost), and we
record what the caller was told (the exception's class, or the returned value's type, or None).
Each client's calls are cut into batches of at most 25, and every batch of every client runs at
the same time against a sandbox of its own (the per-call count reads that sandbox's order total,
so no two batches may share one): the run takes as long as the slowest batch, the SDK's, whose
blind retries back off for about a second and a half a call.

    python benchmarks/order_safety.py [--quick]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _peers_safety import (
    CLIENTS,
    CountedSandbox,
    concurrently,
    drive,
    quartiles,
    sandboxes,
    versions,
)

BATCH = 25  # calls per batch; every batch has its own sandbox


def run(
    quick: bool, *, calls: int | None = None, clients: tuple[str, ...] = CLIENTS
) -> list[dict[str, Any]]:
    """`calls` per client (default 100, quick 10), in concurrent batches of at most 25."""
    total = calls if calls is not None else (10 if quick else 100)
    count = max(1, -(-total // BATCH))
    sizes = [total // count + (1 if i < total % count else 0) for i in range(count)]
    jobs = [(client, size) for size in sizes for client in clients if size]
    created: dict[str, list[int]] = {c: [] for c in clients}
    told: dict[str, Counter[str]] = {c: Counter() for c in clients}
    errors: dict[str, list[str]] = {c: [] for c in clients}

    def batch(sandbox: CountedSandbox, client: str, size: int) -> dict[str, Any]:
        sandbox.faults(drop_after_commit_rate=1.0)
        return drive(client, "orders", url=sandbox.url, n=size)

    with sandboxes(len(jobs)) as boxes:
        results = concurrently({
            i: lambda box=box, job=job: batch(box, *job)
            for i, (box, job) in enumerate(zip(boxes, jobs, strict=True))
        })  # fmt: skip
    for i, (client, _) in enumerate(jobs):
        seen = results[i]
        if "error" in seen:
            errors[client].append(seen["error"])
            continue
        created[client] += seen["created"]
        told[client].update(seen["told"])
    per_call: dict[str, Any] = {}
    safe: dict[str, Any] = {}
    for client in clients:
        made = created[client]
        if not made:
            continue
        tally = Counter(made)
        extra = {
            "calls": len(made), "orders": sum(made), "exactly_one": tally[1],
            "none": tally[0], "two_or_more": sum(v for k, v in tally.items() if k >= 2),
            "caller_told": dict(told[client].most_common()),
            # the caller holds the order it placed (not an error over an order that exists)
            "answered_with_order": sum(
                v for k, v in told[client].items() if k.startswith("returned ")
            ),
            **({"errors": errors[client]} if errors[client] else {}),
        }  # fmt: skip
        per_call[client] = {**quartiles([float(m) for m in made]), **extra}
        share = 100 * tally[1] / len(made)
        safe[client] = {"median": share, "p25": share, "p75": share, "n": len(made), **extra}
    notes = (
        f"sandbox in another process, drop-after-commit fault on every order POST (committed, "
        f"then the connection closed unanswered); {total} calls per client in {count} "
        f"batch(es); clients and batches run concurrently, each batch against its own sandbox; "
        f"orders counted on that sandbox before/after each call; "
        f"default retry settings; peers {versions(clients)}"
    )
    return [
        {"bench": "order_safety", "case": "orders created per create_order call, answer lost",
         "unit": "orders/call", "better": "lower", "target": "exactly 1 per call (ours)",
         "results": per_call, "notes": notes},
        {"bench": "order_safety", "case": "calls that created exactly one order, answer lost",
         "unit": "% of calls", "better": "higher", "target": "100 % (ours)",
         "results": safe, "notes": notes},
    ]  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=1, ensure_ascii=False))
