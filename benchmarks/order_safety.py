"""Order safety under ambiguous failures: does a lost answer turn one order into two?

The sandbox commits every order POST and then drops the connection without an answer (its
drop-after-commit fault at rate 1.0), so each client sees the failure a dead network shows
after the exchange took the order. Each client keeps its DEFAULT retry settings and places
resting limit asks one after another; after each call the sandbox's own order count says how
many orders that one call created (1 = safe, 2 or more = double submission, 0 = lost), and we
record what the caller was told (the exception's class, or the returned value's type, or None).

    python benchmarks/order_safety.py [--quick]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _peers_safety import CLIENTS, CountedSandbox, drive, quartiles, versions


def run(
    quick: bool, *, calls: int | None = None, clients: tuple[str, ...] = CLIENTS
) -> list[dict[str, Any]]:
    """`calls` per client (default 100, quick 20), in interleaved rounds of at most 25."""
    total = calls if calls is not None else (20 if quick else 100)
    rounds = max(1, -(-total // 25)) if total >= 2 else 1
    sizes = [total // rounds + (1 if i < total % rounds else 0) for i in range(rounds)]
    created: dict[str, list[int]] = {c: [] for c in clients}
    told: dict[str, Counter[str]] = {c: Counter() for c in clients}
    errors: dict[str, list[str]] = {c: [] for c in clients}
    with CountedSandbox() as sandbox:
        sandbox.faults(drop_after_commit_rate=1.0)
        for size in sizes:
            for client in clients:
                sandbox.reset_limits()
                seen = drive(client, "orders", url=sandbox.url, n=size)
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
        f"then the connection closed unanswered); {total} calls per client in {rounds} "
        f"interleaved round(s); orders counted on the sandbox before/after each call; "
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
