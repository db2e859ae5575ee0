"""How `collect`, `alert` and `chart` get wired: a Typer app named in `LAZY_COMMANDS`."""

from __future__ import annotations

import sys
import types
from typing import Annotated

import pytest
import typer

from upbit_ext.cli import _mount
from upbit_ext.cli._core import settings


def _plugin() -> types.ModuleType:
    """A module with a thin Typer app, as upbit_ext/cli/_collect.py will have."""
    module = types.ModuleType("upbit_cli_test_plugin")
    sub = typer.Typer()

    @sub.command()
    def collect(
        ctx: typer.Context,
        market: Annotated[str, typer.Argument()],
        seconds: Annotated[int, typer.Option(help="How long.")] = 1,
    ) -> None:
        """Record a stream."""
        state = settings(ctx)
        print(f"{market} {seconds} base_url={state.base_url} format={state.format}")

    module.app = sub  # type: ignore[attr-defined]
    return module


def test_a_mounted_app_gets_its_arguments_and_the_global_options(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from upbit_ext.cli._app import root

    monkeypatch.setitem(sys.modules, "upbit_cli_test_plugin", _plugin())
    app = typer.Typer()
    app.callback()(root)
    _mount(app, "collect", "upbit_cli_test_plugin:app", "Record market data.")
    command = typer.main.get_command(app)

    command.main(["--help"], prog_name="upbit", standalone_mode=False)
    assert "Record market data." in capsys.readouterr().out  # listed without importing it

    args = [
        "--base-url",
        "http://127.0.0.1:9",
        "-f",
        "json",
        "collect",
        "KRW-BTC",
        "--seconds",
        "5",
    ]
    command.main(args, prog_name="upbit", standalone_mode=False)
    assert capsys.readouterr().out == "KRW-BTC 5 base_url=http://127.0.0.1:9 format=json\n"

    command.main(["collect", "--help"], prog_name="upbit", standalone_mode=False)
    assert "How long." in capsys.readouterr().out  # the sub-app's own help


def test_region_choices_are_the_clients_regions() -> None:
    from upbit_ext._client import REGIONS
    from upbit_ext.cli._app import Region

    assert [r.value for r in Region] == list(REGIONS)
