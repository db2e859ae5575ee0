"""The `upbit` command: everyday jobs from the shell. Subcommands wire the library's parts."""

from __future__ import annotations

import sys

__all__ = ["main"]

USAGE = """usage: upbit <command> [options]

commands:
  sandbox    run the local Upbit-compatible sandbox exchange (see `upbit sandbox --help`)
  collect    stream trades, tickers, orderbooks to JSONL/CSV/Parquet/SQLite (`upbit collect --help`)
  chart      draw candles from collected trades as a PNG (`upbit chart --help`)
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help"}:
        sys.stdout.write(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command == "sandbox":
        from upbit_ext.sandbox.__main__ import main as sandbox_main

        return sandbox_main(rest, prog="upbit sandbox")
    if command in {"collect", "chart"}:
        try:
            if command == "collect":
                from upbit_ext.cli._collect import main as run
            else:
                from upbit_ext.cli._chart import main as run
        except ImportError as err:
            extra = "cli,parquet" if command == "collect" else "cli,chart"
            sys.stderr.write(f"upbit {command}: {err}; install pip install 'upbit[{extra}]'\n")
            return 2
        return run(rest, prog=f"upbit {command}")
    sys.stderr.write(f"upbit: unknown command {command!r}\n{USAGE}")
    return 2
