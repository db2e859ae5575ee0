"""`upbit sandbox`: the sandbox's own command line, behind the `upbit` root."""

from __future__ import annotations

from typing import Annotated

import typer

from upbit_ext._extras import require_extra

from ._core import fail

__all__ = ["app"]

app = typer.Typer(add_completion=False)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def sandbox(
    ctx: typer.Context, args: Annotated[list[str] | None, typer.Argument(hidden=True)] = None
) -> None:
    """Run the local Upbit-compatible sandbox exchange (see `upbit sandbox --help`)."""
    try:
        require_extra("sandbox")
    except ModuleNotFoundError as exc:
        fail(str(exc))
    from upbit_ext.sandbox.__main__ import main

    code = main([*(args or []), *ctx.args], prog="upbit sandbox")
    if code:
        raise typer.Exit(code)
