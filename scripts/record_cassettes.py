"""`make record`: one VCR cassette per operation of spec/upbit.yaml, recorded against the sandbox.

Every operation is called through the `Upbit` facade (a fresh client per operation, so no
cache or limiter state leaks between cassettes) against one sandbox started for the run:
fixed seed and origin, a fresh SQLite file, and a simulated clock that moves a fixed step
between operations, so re-recording gives the same bytes. Server-generated uuids are made
deterministic too (see `deterministic_uuids`). Each cassette lands in
`cassettes/sandbox/<operation_id>.yaml`.

What is written (shared with `record_live.py`, which imports this module):
- request URIs keep their path and query; sandbox ones get the host `sandbox.invalid`
  because the sandbox's port changes between runs (replay matches without host and port);
- request headers keep only `accept` and `content-type` (the body matcher needs the latter):
  `authorization`, and with it the JWT and the access key inside it, never reaches the file;
- response headers keep only what the contract is about (`content-type`, `remaining-req`,
  `limit-by-ip`, `retry-after`); compressed bodies are stored decoded;
- a top-level `metadata` mapping, which vcrpy (>= 9.3) loads and saves with the cassette and
  hands out through `Cassette.get_metadata`: `recorded_at` is `sandbox` or `live`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

import vcr
from vcr.request import Request

from upbit_ext import Upbit
from upbit_ext._operations import OPERATIONS
from upbit_ext._transport import OperationRouter
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve

__all__ = [
    "CALLS",
    "MATCH_ON",
    "REQUEST_HEADERS",
    "RESPONSE_HEADERS",
    "SANDBOX_ORIGIN",
    "SANDBOX_SETTINGS",
    "cassette_vcr",
    "keep_request",
    "keep_response",
    "record_sandbox",
]

ROOT = Path(__file__).resolve().parent.parent
SANDBOX_DIR = ROOT / "cassettes" / "sandbox"
SANDBOX_ORIGIN = "http://sandbox.invalid"
# Headers are never matched (every attempt signs a new JWT); a body is, for every method, so
# two orders to the same URL cannot replay each other's answers.
MATCH_ON = ("method", "path", "query", "body")
REQUEST_HEADERS = frozenset({"accept", "content-type"})
RESPONSE_HEADERS = frozenset({"content-type", "remaining-req", "limit-by-ip", "retry-after"})
# List API Keys answers with the caller's access key: never written as it came.
KEY_FIELD = re.compile(rb'("(?:access_key|secret_key)"\s*:\s*")([^"]*)(")')

# 2026-01-01T00:00:00Z. Aligned to an even second, and stepped by 2 s per operation, so every
# operation starts in fresh 1 s and 2 s server windows: `Remaining-Req` does not depend on
# what ran before, and no operation is refused by the sandbox's own rate limits.
SANDBOX_SETTINGS: Mapping[str, Any] = {
    "seed": 7,
    "origin_ms": 1_767_225_600_000,
    "history_days": 3.0,
    "seconds_per_operation": 2,
}
UUID_NAMESPACE = uuid.UUID("6f1d3c2e-5b0a-4c8e-9d7f-2a4b6c8e0f13")


def keep_request(request: Request, origin: str | None = None) -> Request:
    """Strip a request to what a cassette needs; with `origin`, replace scheme, host and port."""
    request.headers = {k: v for k, v in request.headers.items() if k.lower() in REQUEST_HEADERS}
    if origin is not None:
        parts, target = urlsplit(request.uri), urlsplit(origin)
        request.uri = urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))
    return request


def keep_response(response: dict[str, Any]) -> dict[str, Any]:
    """Keep the headers the contract is about, and mask key material in the body."""
    response["headers"] = {
        k.lower(): v for k, v in response["headers"].items() if k.lower() in RESPONSE_HEADERS
    }
    body = response["body"]["string"]
    if isinstance(body, bytes):
        response["body"]["string"] = KEY_FIELD.sub(_mask_key, body)
    return response


def _mask_key(match: re.Match[bytes]) -> bytes:
    """Upbit's own docs show keys as a run of `x`; the length stays, so the shape does too."""
    return match[1] + b"x" * len(match[2]) + match[3]


def cassette_vcr(
    record_mode: str,
    before_record_request: Callable[[Request], Request | None],
    *,
    filter_headers: tuple[str, ...] = ("authorization",),
) -> vcr.VCR:
    """The VCR every recorder and the replay tests share: same filters, same matching.

    `filter_headers` runs before `before_record_request`; the live recorder turns it off so
    its hook still sees an `Authorization` header, and refuses the request.
    """
    return vcr.VCR(
        serializer="yaml",
        record_mode=record_mode,
        match_on=MATCH_ON,
        filter_headers=list(filter_headers),
        before_record_request=before_record_request,
        before_record_response=keep_response,
        decode_compressed_response=True,
    )


def _limit_bid(u: Upbit, identifier: str) -> Any:
    price = u.round_price("KRW-BTC", u.get_current_price("KRW-BTC") * Decimal("0.9"))
    return u.create_order(
        market="KRW-BTC", side="bid", ord_type="limit", price=price, volume="0.001",
        identifier=identifier,
    )  # fmt: skip


# One call per operation, with every order identifier spelled out: the facade would otherwise
# add a random one to the body, and bodies are matched on replay.
CALLS: dict[str, Callable[[Upbit], Any]] = {
    "list_trading_pairs": lambda u: u.list_trading_pairs(is_details=True),
    "list_second_candles": lambda u: u.list_second_candles(market="KRW-BTC", count=5),
    "list_minute_candles": lambda u: u.list_minute_candles(unit=5, market="KRW-ETH", count=3),
    "list_day_candles": lambda u: u.list_day_candles(
        market="KRW-BTC", count=2, converting_price_unit="KRW"
    ),
    "list_week_candles": lambda u: u.list_week_candles(market="KRW-BTC"),
    "list_month_candles": lambda u: u.list_month_candles(market="KRW-BTC"),
    "list_year_candles": lambda u: u.list_year_candles(market="KRW-BTC"),
    "list_recent_trades": lambda u: u.list_recent_trades(market="KRW-BTC", count=5),
    "list_tickers": lambda u: u.list_tickers(markets="KRW-BTC,BTC-ETH,USDT-XRP"),
    "list_quote_tickers": lambda u: u.list_quote_tickers(quote_currencies="KRW,BTC"),
    "list_orderbooks": lambda u: u.list_orderbooks(markets="KRW-BTC,KRW-XRP", count=5),
    "list_orderbook_instruments": lambda u: u.list_orderbook_instruments(markets="KRW-BTC,BTC-ETH"),
    "list_orderbook_levels": lambda u: u.list_orderbook_levels(markets="KRW-BTC"),
    "get_accounts": lambda u: u.get_accounts(),
    "get_order_chance": lambda u: u.get_order_chance(market="KRW-BTC"),
    "list_orders": lambda u: u.list_orders(market="KRW-BTC", state="wait"),
    "create_order": lambda u: _limit_bid(u, "contract-create-order"),
    "test_order": lambda u: u.test_order(
        market="KRW-BTC", side="bid", ord_type="price", price="10000", identifier="contract-test"
    ),
    "get_order": lambda u: u.get_order(uuid=_limit_bid(u, "contract-get-order").uuid),
    "cancel_order": lambda u: u.cancel_order(
        identifier=_limit_bid(u, "contract-cancel-order").identifier
    ),
    "list_orders_by_ids": lambda u: u.list_orders_by_ids(
        uuids=[_limit_bid(u, "contract-list-orders-by-ids").uuid]
    ),
    "cancel_orders_by_ids": lambda u: u.cancel_orders_by_ids(
        uuids=[_limit_bid(u, "contract-cancel-orders-by-ids").uuid]
    ),
    "list_open_orders": lambda u: u.list_open_orders(market="KRW-BTC", states=["wait", "watch"]),
    "cancel_open_orders": lambda u: (
        _limit_bid(u, "contract-cancel-open-orders"),
        u.cancel_open_orders(pairs="KRW-BTC", cancel_side="bid"),
    )[1],
    "list_closed_orders": lambda u: u.list_closed_orders(market="KRW-BTC", limit=10),
    "cancel_and_new_order": lambda u: u.cancel_and_new_order(
        prev_order_uuid=_limit_bid(u, "contract-cancel-and-new-prev").uuid,
        new_ord_type="limit",
        new_price=u.round_price("KRW-BTC", u.get_current_price("KRW-BTC") * Decimal("0.8")),
        new_volume="remain_only",
        new_identifier="contract-cancel-and-new-next",
    ),
    "list_withdrawals": lambda u: u.list_withdrawals(currency="BTC", limit=10),
    "get_withdrawal": lambda u: u.get_withdrawal(
        uuid=u.withdraw_krw(amount="10000", two_factor_type="kakao").uuid
    ),
    "get_withdrawal_chance": lambda u: u.get_withdrawal_chance(currency="BTC", net_type="BTC"),
    "list_withdrawal_addresses": lambda u: u.list_withdrawal_addresses(),
    "withdraw_coin": lambda u: u.withdraw_coin(
        currency="BTC", net_type="BTC", amount="0.001", address="bc1qexampleaddress0000000000"
    ),
    "cancel_withdrawal": lambda u: u.cancel_withdrawal(uuid="00000000-0000-4000-8000-00000000000a"),
    "withdraw_krw": lambda u: u.withdraw_krw(amount="10000", two_factor_type="kakao"),
    "list_deposits": lambda u: u.list_deposits(currency="BTC"),
    "get_deposit": lambda u: u.get_deposit(
        uuid=u.deposit_krw(amount="10000", two_factor_type="naver").uuid
    ),
    "get_deposit_chance": lambda u: u.get_deposit_chance(currency="BTC", net_type="BTC"),
    "create_deposit_address": lambda u: u.create_deposit_address(currency="BTC", net_type="BTC"),
    "get_deposit_address": lambda u: u.get_deposit_address(currency="BTC", net_type="BTC"),
    "list_deposit_addresses": lambda u: u.list_deposit_addresses(),
    "deposit_krw": lambda u: u.deposit_krw(amount="10000", two_factor_type="naver"),
    "list_travel_rule_vasps": lambda u: u.list_travel_rule_vasps(),
    "verify_travel_rule_by_uuid": lambda u: u.verify_travel_rule_by_uuid(
        deposit_uuid=u.list_deposits(currency="BTC")[0].uuid, vasp_uuid="vasp-1"
    ),
    "verify_travel_rule_by_txid": lambda u: u.verify_travel_rule_by_txid(
        vasp_uuid="vasp-1", txid="sandbox-seed-deposit-0001", currency="BTC", net_type="BTC"
    ),
    "get_wallet_status": lambda u: u.get_wallet_status(),
    "list_api_keys": lambda u: u.list_api_keys(),
    "list_pockets": lambda u: u.list_pockets(),
    "list_pocket_api_keys": lambda u: u.list_pocket_api_keys(),
    "get_pocket_assets": lambda u: u.get_pocket_assets(uuid="00000000-0000-4000-8000-000000000001"),
    "list_universal_transfers": lambda u: u.list_universal_transfers(currency="KRW"),
    "create_universal_transfer": lambda u: u.create_universal_transfer(
        to="00000000-0000-4000-8000-000000000002", currency="KRW", amount="1000"
    ),
    "list_pocket_transfers": lambda u: u.list_pocket_transfers(currency="KRW"),
    "create_pocket_transfer": lambda u: u.create_pocket_transfer(
        to="00000000-0000-4000-8000-000000000002", currency="KRW", amount="1000"
    ),
}


class SteppedClock:
    """The sandbox's clock: stands still while one operation runs, moves between operations."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def deterministic_uuids(operation_id: str) -> Callable[[], str]:
    """uuid5 of (operation, ordinal): the same uuids on every run, distinct across operations."""
    counter = iter(range(1, 1_000_000))
    return lambda: str(uuid.uuid5(UUID_NAMESPACE, f"{operation_id}/{next(counter)}"))


def sandbox_metadata(operation_id: str) -> dict[str, Any]:
    return {
        "recorded_at": "sandbox",
        "operation_id": operation_id,
        "recorder": "scripts/record_cassettes.py (make record)",
        "sandbox": dict(SANDBOX_SETTINGS),
        "normalised": (
            f"request host rewritten to {SANDBOX_ORIGIN} (the sandbox port changes per run); "
            "authorization and transport headers dropped; server uuids made deterministic"
        ),
    }


@contextmanager
def _sandbox(db_dir: Path, clock: SteppedClock) -> Iterator[Any]:
    config = SandboxConfig(
        db_path=db_dir / "sandbox.db",
        seed=SANDBOX_SETTINGS["seed"],
        origin_ms=SANDBOX_SETTINGS["origin_ms"],
        history_days=SANDBOX_SETTINGS["history_days"],
        clock=clock,
    )
    # The sandbox seeds one deposit while it is built, before `_new_uuid` can be swapped:
    # give that one a fixed uuid too. Nothing else runs in this process at that moment.
    seeded = deterministic_uuids("sandbox-seed")
    with mock.patch("uuid.uuid4", side_effect=lambda: uuid.UUID(seeded())):
        running = serve(config)
    with running:
        yield running


def _exchange_of(running: Any) -> Any:
    exchange = running.app.state.sandbox.exchange
    if not callable(getattr(exchange, "_new_uuid", None)):
        raise SystemExit(
            "the sandbox engine no longer has the `_new_uuid` hook this recorder uses to make "
            "order uuids deterministic; update scripts/record_cassettes.py"
        )
    return exchange


def record_sandbox(out_dir: Path, operation_ids: list[str]) -> list[Path]:
    """Record `operation_ids` in this order into `out_dir`; returns the files written."""
    router = OperationRouter(OPERATIONS)
    written: list[Path] = []
    recorder = cassette_vcr("all", lambda request: keep_request(request, SANDBOX_ORIGIN))
    clock = SteppedClock()
    with tempfile.TemporaryDirectory() as tmp, _sandbox(Path(tmp), clock) as running:
        exchange = _exchange_of(running)
        for step, operation_id in enumerate(operation_ids, start=1):
            clock.now = float(step * SANDBOX_SETTINGS["seconds_per_operation"])
            exchange._new_uuid = deterministic_uuids(operation_id)
            path = out_dir / f"{operation_id}.yaml"
            path.unlink(missing_ok=True)

            with recorder.use_cassette(str(path)) as cassette:
                for key, value in sandbox_metadata(operation_id).items():
                    cassette.get_metadata(key, value)
                # The first ticker listing computes 52-week figures from a year of deep history
                # (seconds on a loaded machine): no read timeout of a real network here.
                with Upbit(
                    DEMO_ACCESS_KEY,
                    DEMO_SECRET_KEY,
                    base_url=running.url,
                    max_retries=0,
                    timeout=120.0,
                ) as client:
                    CALLS[operation_id](client)
                own = [
                    req
                    for req, _ in cassette.data
                    if (op := router.find(req.method, req.path)) is not None
                    and op.id == operation_id
                ]
                if not own:
                    raise SystemExit(f"{operation_id}: the call sent no request of its own")
                failed = [
                    (req, resp) for req, resp in cassette.data if resp["status"]["code"] >= 400
                ]
                if failed:
                    raise SystemExit(f"{operation_id}: an error was recorded: {failed[0]}")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "operations", nargs="*", help="record only these (default: every operation of the spec)"
    )
    parser.add_argument("--out", type=Path, default=SANDBOX_DIR, help="cassette directory")
    args = parser.parse_args(argv)
    every = list(OPERATIONS)
    missing = sorted(set(every) - set(CALLS))
    if missing:
        parser.error(f"no call for operations {missing}: add them to CALLS")
    unknown = sorted(set(args.operations) - set(every))
    if unknown:
        parser.error(f"unknown operations {unknown}")
    chosen = set(args.operations or every)
    # Always the full run in spec order: later operations see the state earlier ones left.
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        record_sandbox(fresh, every)
        args.out.mkdir(parents=True, exist_ok=True)
        if not args.operations:
            for stale in args.out.glob("*.yaml"):
                stale.unlink()
        for name in sorted(chosen):
            shutil.copyfile(fresh / f"{name}.yaml", args.out / f"{name}.yaml")
    print(f"recorded {len(chosen)} sandbox cassettes into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
