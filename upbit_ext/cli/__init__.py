"""The `upbit` command: everyday jobs from the shell. Subcommands wire the library's parts."""

from __future__ import annotations

import sys

from upbit_ext._extras import MissingExtra

__all__ = ["main"]

USAGE = """usage: upbit <command> [options]

commands:
  sandbox    run the local Upbit-compatible sandbox exchange (see `upbit sandbox --help`)
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help"}:
        sys.stdout.write(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command == "sandbox":
        try:
            from upbit_ext.sandbox.__main__ import main as sandbox_main
        except MissingExtra as exc:
            sys.stderr.write(f"upbit sandbox: {exc}\n")
            return 1
        return sandbox_main(rest, prog="upbit sandbox")
    sys.stderr.write(f"upbit: unknown command {command!r}\n{USAGE}")
    return 2
