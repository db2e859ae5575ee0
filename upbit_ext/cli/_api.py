"""`upbit api <operation>`: every operation of the spec, built from the generated table.

The options, their help and allowed values come from spec/upbit.yaml through
`_api_table.py` (`make regenerate`); each command calls the `Upbit` method of its operationId.
Commands are listed by the spec's tag (quotation, order, ...) in `upbit api --help`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from upbit_ext._operations import OPERATIONS

from ._api_table import COMMANDS
from ._core import Format, output, settings

__all__ = ["api"]

_TYPES: dict[str, type] = {"integer": int, "number": float, "string": str, "boolean": bool}

api = typer.Typer(
    name="api",
    help="Every REST operation of Upbit as a command, named by its operationId"
    " (list_tickers -> list-tickers); its options are the operation's parameters.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _annotation(spec: dict[str, Any]) -> Any:
    kind: Any = _TYPES.get(spec["type"], str)
    if "choices" in spec:  # an Enum: Typer shows the values and takes them repeated
        kind = StrEnum(spec["name"], [(c, c) for c in spec["choices"]])  # type: ignore[misc,no-redef]
    if spec["multiple"]:
        kind = list[kind]
    option = typer.Option(spec["flag"], help=spec["help"], show_default=False)
    if not spec["required"]:
        kind = kind | None
    return Annotated[kind, option]


def _value(spec: dict[str, Any], value: Any) -> Any:
    """Choices arrive as text; an integer enum (minute units) goes on as an int."""
    if "choices" not in spec:
        return value

    def convert(v: Any) -> Any:
        text = v.value
        return int(text) if spec["type"] == "integer" and text.isdigit() else text

    return [convert(v) for v in value] if spec["multiple"] else convert(value)


def _command(entry: dict[str, Any]) -> Callable[..., None]:
    op_id: str = entry["operation"]
    specs = {o["name"]: o for o in entry["options"]}

    def run(ctx: typer.Context, **given: Any) -> None:
        fmt = given.pop("output_format")
        kwargs = {
            name: _value(specs[name], value)
            for name, value in given.items()
            if value is not None and value != []
        }
        state = settings(ctx)
        state.command = f"upbit api {entry['name']}"
        client = state.require_keys() if OPERATIONS[op_id].secured else state.client()
        output(ctx, getattr(client, op_id)(**kwargs), fmt)

    keyword = inspect.Parameter.KEYWORD_ONLY
    params = [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    ]
    for spec in entry["options"]:
        default = inspect.Parameter.empty if spec["required"] else None
        params.append(
            inspect.Parameter(spec["name"], keyword, default=default, annotation=_annotation(spec))
        )
    fmt_help = "Output format (default: table on a terminal, json when piped)."
    fmt = Annotated[Format | None, typer.Option("--format", "-f", help=fmt_help)]
    params.append(inspect.Parameter("output_format", keyword, default=None, annotation=fmt))
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    run.__name__ = op_id
    return run


for _entry in COMMANDS:
    api.command(
        _entry["name"], help=_entry["description"], short_help=_entry["summary"],
        rich_help_panel=_entry["group"],
    )(_command(_entry))  # fmt: skip
