"""The `upbit` command: everyday jobs from the shell, and every REST operation under `upbit api`.

The root is a Typer app (`_app.py`). Commands that live in their own module are listed in
`LAZY_COMMANDS` below and imported only when run, so a missing optional extra (the sandbox's,
say) costs nothing until its command is used, and then ends in one line naming the extra.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Annotated, Any

import typer

from upbit_ext._extras import MissingExtra, explain_missing

from ._api import api
from ._app import app
from ._core import EXIT_CODES, CliError, Settings, exit_code_for

__all__ = ["LAZY_COMMANDS", "main"]

# name -> ("module:attribute", one-line help). The attribute is a Typer app, run with the
# arguments after `upbit [global options] name`; its commands see the global options through
# `_core.settings(ctx)` (the `Settings` is passed down as `ctx.obj`). Add a command: one line.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "sandbox": ("upbit_ext.cli._sandbox:app", "Run the local Upbit-compatible sandbox exchange."),
    "collect": ("upbit_ext.cli._collect:app", "Record market data streams to files."),
    "alert": ("upbit_ext.cli._alert:app", "Alert when a price condition holds."),
    "chart": ("upbit_ext.cli._chart:app", "Draw candles from collected trades to a PNG."),
}

app.add_typer(api, name="api")


def _mount(root: typer.Typer, name: str, target: str, summary: str) -> None:
    """Add `name` to `root`: a stub that imports `target` when run and hands it the arguments."""

    @root.command(
        name, help=summary, add_help_option=False,
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )  # fmt: skip
    def lazy(
        ctx: typer.Context,
        args: Annotated[list[str] | None, typer.Argument(hidden=True)] = None,
    ) -> None:
        module_name, _, attribute = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            raise explain_missing(exc) from exc
        sub: Any = getattr(module, attribute)
        assert isinstance(sub, typer.Typer), target
        command = typer.main.get_command(sub)
        state = ctx.find_root().obj
        code = command.main(
            [*(args or []), *ctx.args], prog_name=f"upbit {name}", standalone_mode=False,
            obj=state,
        )  # fmt: skip
        if isinstance(code, int) and code:
            raise typer.Exit(code)


for _name, (_target, _summary) in LAZY_COMMANDS.items():
    _mount(app, _name, _target, _summary)


def main(argv: list[str] | None = None) -> int:
    """Run `upbit` and return its exit code (classes in `_core.EXIT_CODES`, README)."""
    args = sys.argv[1:] if argv is None else argv
    state = Settings()
    try:
        # Typer reports usage errors itself (exit 2) and raises SystemExit for them.
        typer.main.get_command(app).main(args, prog_name="upbit", obj=state)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        sys.stderr.write(f"{state.command}: interrupted\n")
        return EXIT_CODES["interrupted"]
    except Exception as exc:
        if state.debug:
            traceback.print_exc()
        line = " ".join(str(exc).split()) or type(exc).__name__
        if not isinstance(exc, CliError | MissingExtra) and not state.debug:
            line += "  (--debug shows details)" if exit_code_for(exc) == 1 else ""
        sys.stderr.write(f"{state.command}: {line}\n")
        return exit_code_for(exc)
    return 0
