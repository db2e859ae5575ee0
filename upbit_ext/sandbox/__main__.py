"""`python -m upbit_ext.sandbox`: run the sandbox exchange in the foreground."""

from __future__ import annotations

import argparse
import sys
import time

from ._app import Faults
from ._serve import serve
from ._state import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig


def main(argv: list[str] | None = None, prog: str = "python -m upbit_ext.sandbox") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="Local Upbit-compatible sandbox exchange (loopback only)."
    )
    parser.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (0 = pick a free one)"
    )
    parser.add_argument(
        "--db", default="upbit-sandbox.db", help="SQLite file with accounts and orders"
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the market simulator")
    parser.add_argument(
        "--origin-ms", type=int, default=None, help="simulated start time (epoch ms)"
    )
    parser.add_argument(
        "--frozen", action="store_true", help="keep the simulated clock at the origin"
    )
    parser.add_argument("--latency-ms", type=int, default=0, help="added latency per request")
    parser.add_argument("--error-rate", type=float, default=0.0, help="probability of a 500")
    parser.add_argument("--burst-429-rate", type=float, default=0.0, help="probability of a 429")
    parser.add_argument(
        "--drop-after-commit-rate", type=float, default=0.0,
        help="probability of dropping the connection after a write (POST or DELETE) committed",
    )  # fmt: skip
    parser.add_argument(
        "--ws-disconnect-after",
        type=int,
        default=None,
        help="close each WebSocket after N data messages",
    )
    parser.add_argument(
        "--ws-stall-after",
        type=int,
        default=None,
        help="stop sending WebSocket data after N messages, socket left open",
    )
    parser.add_argument(
        "--ws-skip-rate",
        type=float,
        default=0.0,
        help="probability of skipping a realtime trade message",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be from 0 to 65535, got {args.port}")
    try:
        faults = Faults(
            latency_ms=args.latency_ms, error_rate=args.error_rate,
            burst_429_rate=args.burst_429_rate, drop_after_commit_rate=args.drop_after_commit_rate,
            ws_disconnect_after=args.ws_disconnect_after, ws_stall_after=args.ws_stall_after,
            ws_skip_rate=args.ws_skip_rate,
        )  # fmt: skip
    except ValueError as exc:
        parser.error(str(exc))
    config = SandboxConfig(
        db_path=args.db, seed=args.seed, origin_ms=args.origin_ms, frozen=args.frozen
    )
    running = serve(config, port=args.port)
    running.app.state.sandbox.faults = faults
    print(f"Upbit sandbox listening on {running.url}", flush=True)
    print(f"  access key: {DEMO_ACCESS_KEY}\n  secret key: {DEMO_SECRET_KEY}", flush=True)
    print(f"  state: {args.db}; stop with Ctrl-C", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
