"""`upbit alert`: watch the stream and deliver alerts when rules fire (needs the `cli` extra)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler

from upbit_ext import AsyncUpbit
from upbit_ext.stream import (
    AlertStats,
    AsyncStream,
    CommandDelivery,
    ConsoleDelivery,
    Delivery,
    Rule,
    RuleError,
    WebhookDelivery,
    load_rules,
    parse_rule,
    watch,
)
from upbit_ext.stream._collector import ws_url_for as collector_ws_url_for

__all__ = ["app", "ws_url_for"]

DEFAULT_BASE_URL = "https://api.upbit.com"

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def ws_url_for(base_url: str) -> str:
    """The WebSocket endpoint of a REST host, or a usage error naming `--base-url`."""
    try:
        return collector_ws_url_for(base_url)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--base-url") from None


@app.command(
    help=(
        "Watch Upbit's stream and alert when a rule fires, once per crossing.\n\n"
        "Rules: 'KRW-BTC > 150000000', 'KRW-BTC < 90,000,000', 'KRW-BTC crosses 150000000', "
        "'KRW-BTC change 3% 5m' (+3% rises only, -3% falls only), 'KRW-ETH spread > 0.5%'; "
        "options 'band X' (hysteresis) and 'on ticker'. See README, Alerts."
    )
)
def alert(
    rule: Annotated[
        list[str] | None,
        typer.Option("--rule", "-r", metavar="RULE", help="a rule; repeat for more"),
    ] = None,
    rules_file: Annotated[
        Path | None,
        typer.Option("--rules", metavar="FILE", help="a TOML or YAML file with a 'rules' list"),
    ] = None,
    webhook: Annotated[
        list[str] | None,
        typer.Option(metavar="URL", help="POST each alert as JSON to this URL; repeatable"),
    ] = None,
    exec_: Annotated[
        list[str] | None,
        typer.Option(
            "--exec",
            metavar="COMMAND",
            help="run this command per alert (JSON on stdin, UPBIT_ALERT_* variables); repeatable",
        ),
    ] = None,
    console: Annotated[bool, typer.Option(help="print alerts on the terminal")] = True,
    count: Annotated[
        int | None,
        typer.Option(min=1, help="stop after this many alerts (default: run until Ctrl-C)"),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="seconds a webhook or command may take per alert")
    ] = 10.0,
    base_url: Annotated[
        str, typer.Option(help="REST host, for filling trade gaps after a reconnect")
    ] = DEFAULT_BASE_URL,
    ws_url: Annotated[
        str | None, typer.Option(help="WebSocket URL (default: derived from --base-url)")
    ] = None,
) -> None:
    rules: list[Rule] = []
    try:
        rules += load_rules(rules_file) if rules_file is not None else []
    except RuleError as exc:
        raise typer.BadParameter(str(exc), param_hint="--rules") from None
    try:
        rules += [parse_rule(text) for text in rule or ()]
    except RuleError as exc:
        raise typer.BadParameter(str(exc), param_hint="--rule") from None
    if not rules:
        raise typer.BadParameter(
            "give at least one, e.g. --rule 'KRW-BTC > 150000000'", param_hint="--rule"
        )
    stream_url = ws_url or ws_url_for(base_url)
    if not stream_url.startswith(("ws://", "wss://")):
        raise typer.BadParameter(
            f"must start with ws:// or wss://, got {stream_url!r}", param_hint="--ws-url"
        )
    deliveries: list[Delivery] = []
    out = Console(highlight=False, soft_wrap=True)
    if console:
        deliveries.append(ConsoleDelivery(out))
    try:
        deliveries += [WebhookDelivery(url, timeout=timeout) for url in webhook or ()]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--webhook") from None
    try:
        deliveries += [CommandDelivery(command, timeout=timeout) for command in exec_ or ()]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--exec") from None
    logging.basicConfig(
        level=logging.WARNING, format="%(message)s",
        handlers=[RichHandler(console=Console(stderr=True), show_path=False)],
    )  # fmt: skip
    err = Console(stderr=True, highlight=False)
    err.print(f"[dim]watching {len(rules)} rule(s) on {stream_url}; Ctrl-C stops[/]")
    for item in rules:
        err.print(f"[dim]  {item}[/]")
    stats = AlertStats()
    try:
        asyncio.run(_run(stream_url, base_url, rules, deliveries, count, stats))
    except (KeyboardInterrupt, asyncio.CancelledError):  # Ctrl-C, SIGTERM: pending alerts went out
        pass
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    err.print(
        f"[dim]{stats.fired} alert(s) fired, {stats.delivered} delivered, "
        f"{stats.failed} failed, {stats.dropped} dropped[/]"
    )


async def _run(
    stream_url: str,
    base_url: str,
    rules: list[Rule],
    deliveries: list[Delivery],
    count: int | None,
    stats: AlertStats,
) -> None:
    task = asyncio.current_task()
    if task is not None:
        with contextlib.suppress(NotImplementedError):  # Windows has no SIGTERM handlers
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    async with (
        AsyncUpbit(base_url=base_url) as rest,
        AsyncStream(url=stream_url, decimal=True, backfill=rest) as stream,
    ):
        await watch(stream, rules, deliveries, max_alerts=count, stats=stats)
