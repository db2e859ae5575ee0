"""The root `upbit` Typer app: global options and the everyday jobs."""

from __future__ import annotations

import difflib
import os
import re
import sys
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime
from enum import StrEnum
from importlib import metadata
from typing import Annotated, Any

import typer

from upbit_ext._client import RoundingMode
from upbit_ext._errors import _NAMES, _STATUS_HINTS, NoAuthorizationIp, UpbitError, explain
from upbit_ext._extras import explain_missing

from ._core import (
    KEYRING_SERVICE,
    Format,
    config_path,
    enable_debug,
    fail,
    mask,
    os_keyring,
    output,
    resolve_format,
    settings,
    stderr,
    write_profile,
)

__all__ = ["app"]

FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", help="Output format (default: table on a terminal, json when piped)."
    ),
]


class Region(StrEnum):  # the keys of upbit_ext._client.REGIONS (tests/test_cli_mount.py)
    kr = "kr"
    sg = "sg"
    id = "id"
    th = "th"


def _version(value: bool) -> None:
    if value:
        try:
            version = metadata.version("upbit")
        except metadata.PackageNotFoundError:  # pragma: no cover - a source checkout
            version = "unknown"
        sys.stdout.write(f"upbit {version}\n")
        raise typer.Exit()


app = typer.Typer(
    name="upbit",
    help="Upbit from the shell: market data, orders, exports, and every REST operation.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


@app.callback()
def root(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option(envvar="UPBIT_BASE_URL", help="Server URL (a sandbox: http://127.0.0.1:…)."),
    ] = None,
    region: Annotated[
        Region | None, typer.Option(envvar="UPBIT_REGION", help="Upbit region (default kr).")
    ] = None,
    rate_limit_url: Annotated[
        str | None,
        typer.Option(
            help="Rate-limit store shared with other processes: redis://host:6379/0 (every"
            " host), sqlite:///path/limits.db (this machine) or memory://; default"
            " UPBIT_RATE_LIMIT_URL, else this process only.",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            envvar="UPBIT_PROFILE",
            help="Key set from the config file (`upbit configure`); UPBIT_ACCESS_KEY and"
            " UPBIT_SECRET_KEY in the environment still win.",
        ),
    ] = None,
    fmt: FormatOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Log requests and show tracebacks (keys masked).")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = None,
) -> None:
    state = settings(ctx)
    state.base_url, state.profile, state.format, state.debug = base_url, profile, fmt, debug
    state.region = region.value if region is not None else None
    state.rate_limit_url = rate_limit_url
    if ctx.invoked_subcommand:
        state.command = f"upbit {ctx.invoked_subcommand}"
    if debug:
        enable_debug()
    ctx.call_on_close(state.close)


# --- market data ----------------------------------------------------------------------------


@app.command()
def markets(
    ctx: typer.Context,
    quote: Annotated[
        str | None, typer.Option(help="Only markets quoted in this currency (KRW, BTC, USDT).")
    ] = None,
    warnings: Annotated[
        bool, typer.Option("--warnings", help="Only markets with a warning or caution flag.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """List the markets (trading pairs)."""
    pairs = settings(ctx).client().list_trading_pairs(is_details=True)
    rows = []
    for pair in pairs:
        data = pair.to_dict()
        event = data.get("market_event") or {}
        flags = [k for k, v in (event.get("caution") or {}).items() if v]
        if event.get("warning"):
            flags.insert(0, "warning")
        if quote and not pair.market.startswith(quote.upper() + "-"):
            continue
        if warnings and not flags:
            continue
        rows.append({**data, "flags": ",".join(flags)})
    output(ctx, rows, fmt, columns=["market", "korean_name", "english_name", "flags"])


@app.command()
def ticker(
    ctx: typer.Context,
    markets: Annotated[list[str], typer.Argument(help="Market codes, e.g. KRW-BTC KRW-ETH.")],
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            "-w",
            help="Keep updating from the WebSocket ticker stream until Ctrl-C (exit 0); a live"
            " table on a terminal, one JSON line per update otherwise. Needs the stream extra.",
        ),
    ] = False,
    ws_url: Annotated[
        str | None,
        typer.Option(help="With --watch: WebSocket URL (default: derived from --base-url)."),
    ] = None,
    count: Annotated[
        int | None, typer.Option(min=1, help="With --watch: stop after this many updates.")
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """Current price and 24-hour change of markets."""
    client = settings(ctx).client()
    tickers = client.list_tickers(markets=markets)  # unknown markets end here (exit 5)
    if watch:
        _watch(ctx, client._core.base_url, ws_url, [t.market for t in tickers], count, fmt)
        return
    columns = ["market", "trade_price", "signed_change_rate", "acc_trade_price_24h"]
    output(ctx, tickers, fmt, columns=columns)


def _watch(
    ctx: typer.Context,
    base_url: str,
    ws_url: str | None,
    markets: list[str],
    count: int | None,
    fmt: Format | None,
) -> None:
    try:  # upbit_ext.stream needs websockets (the stream extra)
        from ._watch import watch_tickers, ws_url_for
    except ModuleNotFoundError as exc:
        raise explain_missing(exc) from exc
    if ws_url is None:
        try:
            ws_url = ws_url_for(base_url)
        except ValueError as exc:
            fail(f"--base-url: {exc}", "usage")
    elif not ws_url.startswith(("ws://", "wss://")):
        fail(f"--ws-url must start with ws:// or wss://, got {ws_url!r}", "usage")
    chosen = resolve_format(ctx, fmt)
    if chosen not in (Format.table, Format.jsonl, Format.json):
        fail(f"--watch prints a table or JSON lines, not {chosen.value}", "usage")
    watch_tickers(ws_url, markets, table=chosen is Format.table, count=count)


@app.command()
def orderbook(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market code, e.g. KRW-BTC.")],
    depth: Annotated[int, typer.Option(min=1, max=30, help="Price levels per side.")] = 15,
    fmt: FormatOption = None,
) -> None:
    """Order book of one market: asks above, bids below."""
    (book,) = settings(ctx).client().list_orderbooks(markets=market, count=depth)
    chosen = resolve_format(ctx, fmt)
    if chosen is not Format.table:
        output(ctx, book, chosen)
        return
    units = [u.to_dict() for u in book.orderbook_units[:depth]]
    rows = [{"side": "ask", "price": u["ask_price"], "size": u["ask_size"]} for u in units]
    rows = rows[::-1] + [
        {"side": "bid", "price": u["bid_price"], "size": u["bid_size"]} for u in units
    ]
    output(ctx, rows, chosen, title=f"{book.market} order book")


@app.command()
def trades(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market code, e.g. KRW-BTC.")],
    count: Annotated[int, typer.Option(min=1, max=500, help="How many recent trades.")] = 20,
    fmt: FormatOption = None,
) -> None:
    """Recent trades of one market, newest first."""
    rows = settings(ctx).client().list_recent_trades(market=market, count=count)
    columns = ["trade_date_utc", "trade_time_utc", "trade_price", "trade_volume", "ask_bid"]
    output(ctx, rows, fmt, columns=columns)


# --- account --------------------------------------------------------------------------------


@app.command()
def balance(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """Balances with their value in KRW at the last trade price."""
    client = settings(ctx).require_keys()
    accounts = client.get_accounts()
    markets = {f"KRW-{a.currency}" for a in accounts if a.currency != "KRW"}
    known = {p.market for p in client.list_trading_pairs()} & markets
    prices = (
        {t.market: Decimal(repr(t.trade_price)) for t in client.list_tickers(markets=sorted(known))}
        if known
        else {}
    )
    rows: list[dict[str, Any]] = []
    total = Decimal(0)
    for account in accounts:
        amount = Decimal(account.balance) + Decimal(account.locked)
        price = Decimal(1) if account.currency == "KRW" else prices.get(f"KRW-{account.currency}")
        value = (amount * price).quantize(Decimal(1)) if price is not None else None
        total += value or 0
        rows.append(
            {
                "currency": account.currency, "balance": account.balance,
                "locked": account.locked, "avg_buy_price": account.avg_buy_price,
                "price_krw": str(price) if price is not None else None,
                "value_krw": str(value) if value is not None else None,
            }
        )  # fmt: skip
    if resolve_format(ctx, fmt) is Format.table:
        rows.append({"currency": "TOTAL", "value_krw": str(total)})
    output(ctx, rows, fmt)


@app.command()
def orders(
    ctx: typer.Context,
    open_: Annotated[bool, typer.Option("--open", help="Open orders (the default).")] = False,
    closed: Annotated[bool, typer.Option("--closed", help="Filled or cancelled orders.")] = False,
    market: Annotated[str | None, typer.Option(help="Only this market.")] = None,
    days: Annotated[
        int | None,
        typer.Option(
            min=1, help="With --closed: how many days back (default: Upbit's last 7 days)."
        ),
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """Your open or closed orders."""
    if open_ and closed:
        fail("--open and --closed exclude each other", "usage")
    client = settings(ctx).require_keys()
    if closed and days is None:  # the server's own last 7 days (its clock, not ours)
        rows: list[Any] = list(client.paginate.list_closed_orders(market=market))
    elif closed:
        start = datetime.now(UTC) - timedelta(days=days or 7)
        rows = list(client.iter_closed_orders(start=start, market=market))
    else:
        rows = list(client.paginate.list_open_orders(market=market))
    columns = [
        "uuid",
        "market",
        "side",
        "ord_type",
        "price",
        "volume",
        "remaining_volume",
        "state",
        "created_at",
    ]
    output(ctx, rows, fmt, columns=columns)


class Side(StrEnum):
    buy = "buy"
    sell = "sell"


class OrdType(StrEnum):
    limit = "limit"
    price = "price"
    market = "market"
    best = "best"


class TimeInForce(StrEnum):
    ioc = "ioc"
    fok = "fok"
    post_only = "post_only"


def _money(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        fail(f"--{name} must be a decimal number, got {value!r}", "usage")
    if not number.is_finite() or number <= 0:
        fail(f"--{name} must be a number > 0, got {value!r}", "usage")
    return format(number.normalize(), "f")


@app.command()
def order(
    ctx: typer.Context,
    side: Annotated[Side, typer.Argument(help="buy or sell.")],
    market: Annotated[str, typer.Argument(help="Market code, e.g. KRW-BTC.")],
    price: Annotated[
        str | None,
        typer.Option(help="Limit price; for a market buy (--type price) the total to spend."),
    ] = None,
    volume: Annotated[str | None, typer.Option(help="Quantity of the base currency.")] = None,
    ord_type: Annotated[
        OrdType | None,
        typer.Option(
            "--type",
            help="limit (price and volume), price (market buy: price is the total), market"
            " (market sell: volume), best (with --time-in-force). Default: limit when both"
            " price and volume are given, else the market order of the side.",
        ),
    ] = None,
    time_in_force: Annotated[
        TimeInForce | None, typer.Option(help="Best orders need ioc or fok.")
    ] = None,
    round_tick: Annotated[
        bool,
        typer.Option(
            "--round-tick",
            help="Put the price on the market's tick grid (buy rounds down, sell up) instead of"
            " letting Upbit refuse it.",
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    test: Annotated[
        bool, typer.Option("--test", help="Send to orders/test: checked by Upbit, never placed.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """Place a buy or sell order: shows exactly what will be sent and asks first."""
    client = settings(ctx).require_keys()
    if not yes and not sys.stdin.isatty():
        fail("not confirmed: stdin is not a terminal; pass --yes to send without asking", "usage")
    wire_side = "bid" if side is Side.buy else "ask"
    price_text, volume_text = _money("price", price), _money("volume", volume)
    if ord_type is None:
        if price_text and volume_text:
            ord_type = OrdType.limit
        else:
            ord_type = OrdType.price if side is Side.buy else OrdType.market
    if round_tick and price_text is not None and ord_type is OrdType.limit:
        mode: RoundingMode = "down" if side is Side.buy else "up"
        price_text = format(client.round_price(market, price_text, mode).normalize(), "f")
    body: dict[str, Any] = {"market": market, "side": wire_side, "ord_type": ord_type.value}
    if price_text is not None:
        body["price"] = price_text
    if volume_text is not None:
        body["volume"] = volume_text
    if time_in_force is not None:
        body["time_in_force"] = time_in_force.value
    body["identifier"] = f"upbit-cli-{uuid.uuid4()}"
    endpoint = "POST /v1/orders/test" if test else "POST /v1/orders"
    err = stderr()
    err.print(
        f"{endpoint} (test: Upbit checks it, nothing is placed)" if test else endpoint,
        markup=False,
        highlight=False,
    )
    for key, value in body.items():
        err.print(f"  {key} = {value}", markup=False, highlight=False)
    if not yes and not typer.confirm("Send this order?", default=False, err=True):
        err.print("Not sent.")
        raise typer.Exit(1)
    result = client.test_order(**body) if test else client.create_order(**body)
    output(ctx, result, fmt)


@app.command()
def cancel(
    ctx: typer.Context,
    order_uuid: Annotated[
        str | None, typer.Argument(metavar="UUID", help="The order to cancel.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Cancel every open order.")] = False,
    market: Annotated[
        str | None, typer.Option(help="With --all: only orders of these pairs (e.g. KRW-BTC).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --all: do not ask.")] = False,
    fmt: FormatOption = None,
) -> None:
    """Cancel one order by UUID, or every open order with --all."""
    if (order_uuid is None) == (not all_):
        fail("give an order UUID or --all (not both)", "usage")
    client = settings(ctx).require_keys()
    if order_uuid is not None:
        output(ctx, client.cancel_order(uuid=order_uuid), fmt)
        return
    if not yes:
        if not sys.stdin.isatty():
            fail(
                "not confirmed: stdin is not a terminal; pass --yes to cancel every order", "usage"
            )
        if not typer.confirm("Cancel every open order?", default=False, err=True):
            raise typer.Exit(1)
    result = client.cancel_open_orders(pairs=market) if market else client.cancel_open_orders()
    output(ctx, result, fmt)


# --- diagnostics ----------------------------------------------------------------------------

_KEY = re.compile(r"^[A-Za-z0-9]{20,64}$")


@app.command()
def doctor(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """Check keys, clock, reachability, key permissions and rate limits (never prints a secret)."""
    state = settings(ctx)
    checks: list[dict[str, str]] = []

    def check(name: str, ok: bool | None, detail: str) -> None:
        checks.append(
            {
                "check": name,
                "status": {True: "ok", False: "FAIL", None: "skip"}[ok],
                "detail": detail,
            }
        )

    client = state.client()
    access = client._core.access_key
    if access is None:
        check(
            "keys",
            None,
            "no keys (quotation only): set UPBIT_ACCESS_KEY/UPBIT_SECRET_KEY or use --profile",
        )
    else:
        source = (
            "environment" if os.environ.get("UPBIT_ACCESS_KEY") else f"profile in {config_path()}"
        )
        well_formed = bool(_KEY.match(access))
        check(
            "keys",
            well_formed,
            f"access key {mask(access)} from {source}"
            + ("" if well_formed else ": not 20-64 letters and digits"),
        )
    try:
        raw = client.with_raw_response.list_tickers(markets="KRW-BTC")
        check("reachability", True, f"{client._core.base_url} answered {raw.status_code}")
        date_header = raw.headers.get("date")
        if date_header:
            skew = (parsedate_to_datetime(date_header) - datetime.now(UTC)).total_seconds()
            check(
                "clock",
                abs(skew) < 30,
                f"server clock {skew:+.1f}s from this machine"
                + (" (JWT nonces tolerate little skew: sync the clock)" if abs(skew) >= 30 else ""),
            )
        else:
            check("clock", None, "the server sent no Date header")
    except UpbitError as exc:
        check("reachability", False, f"{client._core.base_url}: {exc}")
    if access is not None:
        try:
            keys = client.list_api_keys()
            mine = next((k for k in keys if k.access_key == access), None)
            expiry = f", expires {mine.expire_at}" if mine is not None else ""
            check("permissions", True, f"key accepted ({len(keys)} key(s) on the account{expiry})")
            client.get_accounts()
            check("account read", True, "get_accounts allowed")
        except UpbitError as exc:
            hint = (
                " (add this machine's public IP to the key's allowed IPs at upbit.com > Open API)"
                if isinstance(exc, NoAuthorizationIp)
                else ""
            )
            check("permissions", False, f"{exc}{hint}")
    for scope, groups in client.health()["limits"].items():
        blocked = [g for g, v in groups.items() if v.get("blocked_until")]
        used = ", ".join(f"{g} {v['used']}/{v['limit']}" for g, v in groups.items() if v["used"])
        detail = (
            f"blocked: {', '.join(blocked)}"
            if blocked
            else (f"used this window: {used}" if used else "idle")
        )
        check(f"rate limits ({scope})", not blocked, f"{len(groups)} groups; {detail}")
    output(ctx, checks, fmt, columns=["check", "status", "detail"])
    if any(c["status"] == "FAIL" for c in checks):
        raise typer.Exit(1)


@app.command("explain-error")
def explain_error(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="Upbit's error name (insufficient_funds) or an HTTP status."),
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """What an Upbit error means and what to do; without NAME, every known error."""
    if name is None:
        rows = [
            {"name": n, "class": c.__name__, "meaning": h} for n, (c, h) in sorted(_NAMES.items())
        ]
        output(ctx, rows, fmt, columns=["name", "class", "meaning"])
        return
    key: str | int = int(name) if name.isdigit() else name.strip().lower()
    if isinstance(key, int):
        known, cls = key in _STATUS_HINTS or 500 <= key <= 599, ""
    else:
        entry = _NAMES.get(key)
        known, cls = entry is not None, entry[0].__name__ if entry else ""
    if not known:
        near = difflib.get_close_matches(str(key), list(_NAMES), n=3, cutoff=0.6)
        also = f"; did you mean {', '.join(near)}?" if near else ""
        fail(f"unknown Upbit error {name!r} (`upbit explain-error` lists them){also}", "not_found")
    output(ctx, {"name": name, "class": cls, "meaning": explain(key)}, fmt)


@app.command()
def configure(
    ctx: typer.Context,
    access_key: Annotated[str, typer.Option(prompt=True, help="Upbit access key.")],
    secret_key: Annotated[
        str, typer.Option(prompt=True, hide_input=True, help="Upbit secret key.")
    ],
    no_keyring: Annotated[
        bool,
        typer.Option(
            "--no-keyring", help="Keep the secret key in the 0600 file even if a keyring exists."
        ),
    ] = False,
) -> None:
    """Save a key set as a profile: the secret key in the OS keyring when there is one (the
    `keyring` extra), else in the config file, created with mode 0600."""
    state = settings(ctx)
    name = state.profile or "default"
    access, secret = access_key.strip(), secret_key.strip()
    store = None if no_keyring else os_keyring()
    if store is not None:
        store.set_password(KEYRING_SERVICE, access, secret)
        values = {"access_key": access, "secret_store": "keyring"}
        where = f"secret key in the OS keyring ({type(store.get_keyring()).__name__})"
    else:
        values = {"access_key": access, "secret_key": secret}
        where = "secret key in the file"
    if state.base_url:
        values["base_url"] = state.base_url
    if state.region:
        values["region"] = state.region
    path = config_path()
    write_profile(path, name, values)
    stderr().print(
        f"Saved profile {name!r} (access key {mask(access)}) in {path}; {where}", markup=False
    )


from ._candles import candles  # noqa: E402  (its own module: the longest job)

app.command()(candles)
