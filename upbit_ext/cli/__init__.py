"""The `upbit` command: everyday jobs from the shell. Subcommands wire the library's parts."""

from __future__ import annotations

import sys

__all__ = ["main"]

USAGE = """usage: upbit <command> [options]

commands:
  sandbox    run the local Upbit-compatible sandbox exchange (see `upbit sandbox --help`)
  alert      watch the stream and alert when a price, move or spread rule fires
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
    if command == "alert":
        try:
            from upbit_ext.cli._alert import main as alert_main
        except ImportError as exc:  # typer, rich or websockets missing
            sys.stderr.write(f"upbit alert needs the cli extra: pip install 'upbit[cli]' ({exc})\n")
            return 2
        return alert_main(rest)
    sys.stderr.write(f"upbit: unknown command {command!r}\n{USAGE}")
    return 2
