"""What a running sandbox holds, and which part answers which operation."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._engine import Exchange
from ._errors import SandboxError
from ._funds import FUNDS
from ._market import DEFAULT_MARKETS, MarketInfo, MarketSimulator, SimTrade, tick_size
from ._params import SpecOperation
from ._quotation import Quotation
from ._ratelimit import ServerLimiter
from ._store import Pocket, Seed, Store
from ._verify import ApiKey, NonceStore

if TYPE_CHECKING:
    from ._app import Faults

__all__ = ["DEMO_ACCESS_KEY", "DEMO_SECRET_KEY", "Sandbox", "SandboxConfig"]

DEMO_ACCESS_KEY = "sandboxAccessKey0000000000000000000demo"
DEMO_SECRET_KEY = "sandboxSecretKey0000000000000000000demo"
MAIN_POCKET = "00000000-0000-4000-8000-000000000001"
SUB_POCKET = "00000000-0000-4000-8000-000000000002"
SEED_DEPOSIT_TXID = "sandbox-seed-deposit-0001"
ALL_PERMISSIONS = frozenset({
    "view_account", "view_order", "place_order", "view_withdraw", "withdraw",
    "view_deposit", "deposit", "manage_pocket", "transfer",
})  # fmt: skip
DEFAULT_BALANCES = {"KRW": "10000000", "BTC": "0.5", "ETH": "5", "XRP": "10000", "USDT": "1000"}


def _default_keys() -> tuple[ApiKey, ...]:
    return (
        ApiKey(
            access_key=DEMO_ACCESS_KEY,
            secret_key=DEMO_SECRET_KEY,
            permissions=ALL_PERMISSIONS,
            allowed_ips=frozenset(),
            expires_at_ms=None,
            pocket=MAIN_POCKET,
        ),
    )


@dataclass(frozen=True)
class SandboxConfig:
    """How a sandbox starts. State lives in `db_path` (SQLite) and survives restarts.

    Market history: `history_days` of detailed trades before the origin (the simulated rate),
    and before them `deep_history_days` more UTC days of thin trades (one in 20 minutes), so
    candles of every unit and trades reach more than a year back. Both are computed on first
    query, never at start-up; candles are always exactly the trades in them.

    `origin_ms` fixes the simulated clock's start (default: now) and `frozen` stops it there,
    so two runs with the same seed, origin and `frozen=True` answer byte for byte alike.
    `rate_limits=False` turns off the server-side 429/418 answers (and the `Remaining-Req`
    header that reports them), for fuzzers and load tests that measure the sandbox itself;
    with a frozen clock every request falls in the same one-second window.
    """

    db_path: str | Path = ":memory:"
    seed: int = 7
    origin_ms: int | None = None
    frozen: bool = False
    markets: Sequence[MarketInfo] = DEFAULT_MARKETS
    keys: Sequence[ApiKey] = field(default_factory=_default_keys)
    balances: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_BALANCES))
    history_days: float = 3.0
    deep_history_days: int = 400
    rate_limits: bool = True
    clock: Callable[[], float] = time.time


class _BookAdapter:
    """The market simulator seen as the order book the matching engine trades against."""

    def __init__(self, market: MarketSimulator) -> None:
        self._market = market

    def orderbook_levels(
        self, market: str, now_ms: int
    ) -> tuple[list[tuple[Decimal, Decimal]], list[tuple[Decimal, Decimal]]]:
        book = self._market.orderbook(market, now_ms)
        return list(book.asks), list(book.bids)

    def trades_between(self, market: str, start_ms: int, end_ms: int) -> Sequence[SimTrade]:
        return self._market.trades_between(market, start_ms, end_ms)

    def tick_size(self, market: str, price: Decimal) -> Decimal:
        return tick_size(market, price)

    def markets(self) -> Collection[str]:
        return self._market.markets.keys()


_WEEK_MS = 7 * 24 * 60 * 60 * 1000
WITHDRAW_FEES: dict[str, Decimal] = {"KRW": Decimal(1000), "BTC": Decimal("0.0005")}
ExchangeCall = Callable[[Exchange, str, dict[str, Any], int], Any]


def _ms(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise SandboxError(400, "invalid_parameter", f"invalid time: {value}") from None
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp() * 1000)


def _lower_state(record: dict[str, Any]) -> dict[str, Any]:
    # POST /v1/withdraws/krw spells its state in lower case (Upbit's SDK 1.1.0
    # WithdrawCreateKrwWithdrawalResponse); the stored record and the lists keep upper case.
    return {**record, "state": record["state"].lower()}


def _states(p: dict[str, Any]) -> list[str] | None:
    return p.get("states") or ([p["state"]] if "state" in p else None)


_EXCHANGE: dict[str, ExchangeCall] = {
    "get_accounts": lambda ex, pocket, p, now: ex.accounts(pocket),
    "get_order_chance": lambda ex, pocket, p, now: ex.order_chance(pocket, p["market"]),
    "create_order": lambda ex, pocket, p, now: ex.place(pocket, p, now_ms=now),
    "test_order": lambda ex, pocket, p, now: ex.place(pocket, p, now_ms=now, test=True),
    "get_order": lambda ex, pocket, p, now: ex.get(pocket, p.get("uuid"), p.get("identifier")),
    "cancel_order": lambda ex, pocket, p, now: ex.cancel(
        pocket, p.get("uuid"), p.get("identifier"), now_ms=now
    ),
    "list_orders_by_ids": lambda ex, pocket, p, now: ex.list_by_ids(
        pocket, p.get("uuids"), p.get("identifiers"), p.get("market"), p.get("order_by", "desc")
    ),
    "list_open_orders": lambda ex, pocket, p, now: ex.list_open(
        pocket,
        p.get("market"),
        _states(p),
        p.get("page", 1),
        p.get("limit", 100),
        p.get("order_by", "desc"),
    ),
    "list_closed_orders": lambda ex, pocket, p, now: ex.list_closed(
        pocket,
        p.get("market"),
        _states(p),
        _ms(p.get("start_time")),
        _ms(p.get("end_time")),
        p.get("limit", 100),
        p.get("order_by", "desc"),
        now_ms=now,
    ),
    "list_orders": lambda ex, pocket, p, now: ex.list_orders(
        pocket,
        p.get("market"),
        p.get("uuids"),
        p.get("identifiers"),
        _states(p),
        p.get("page", 1),
        p.get("limit", 100),
        p.get("order_by", "desc"),
    ),
    "cancel_orders_by_ids": lambda ex, pocket, p, now: ex.cancel_by_ids(
        pocket, p.get("uuids"), p.get("identifiers"), now_ms=now
    ),
    "cancel_open_orders": lambda ex, pocket, p, now: ex.cancel_open(
        pocket,
        p.get("quote_currencies"),
        p.get("pairs"),
        p.get("excluded_pairs"),
        p.get("cancel_side", "all"),
        p.get("count", 20),
        p.get("order_by", "desc"),
        now_ms=now,
    ),
    "cancel_and_new_order": lambda ex, pocket, p, now: ex.cancel_and_new(pocket, p, now_ms=now),
    "withdraw_coin": lambda ex, pocket, p, now: ex.withdraw(
        pocket,
        p["currency"],
        p["amount"],
        now_ms=now,
        net_type=p["net_type"],
        fee=WITHDRAW_FEES.get(p["currency"], Decimal(0)),
        transaction_type=p.get("transaction_type", "default"),
    ),
    "withdraw_krw": lambda ex, pocket, p, now: _lower_state(
        ex.withdraw(pocket, "KRW", p["amount"], now_ms=now, fee=WITHDRAW_FEES["KRW"])
    ),
    "deposit_krw": lambda ex, pocket, p, now: ex.deposit(pocket, "KRW", p["amount"], now_ms=now),
    "list_withdrawals": lambda ex, pocket, p, now: _listing(ex, "withdrawals", pocket, p),
    "get_withdrawal": lambda ex, pocket, p, now: _one(ex, "withdrawals", pocket, p),
    "list_deposits": lambda ex, pocket, p, now: _listing(ex, "deposits", pocket, p),
    "get_deposit": lambda ex, pocket, p, now: _one(ex, "deposits", pocket, p),
    "list_pocket_transfers": lambda ex, pocket, p, now: _transfers(
        ex, pocket, p, now, universal=False
    ),
    "list_universal_transfers": lambda ex, pocket, p, now: _transfers(
        ex, pocket, p, now, universal=True
    ),
}
_EXCHANGE.update(FUNDS)


def _window(p: dict[str, Any], now: int) -> tuple[int, int]:
    """The 7-day window of the transfer lists: neither bound → the 7 days before now."""
    start, end = _ms(p.get("start_time")), _ms(p.get("end_time"))
    if start is None and end is None:
        end = now
    if start is None:
        assert end is not None
        start = end - _WEEK_MS
    if end is None:
        end = start + _WEEK_MS
    if end < start or end - start > _WEEK_MS:
        raise SandboxError(400, "invalid_parameter", "the time window must be at most 7 days")
    return start, end


def _transfers(
    ex: Exchange, pocket: str, p: dict[str, Any], now: int, *, universal: bool
) -> list[dict[str, Any]]:
    """Transfers of one kind, filtered as Upbit's two transfer lists document.

    Sub-pocket list: the key's pocket's transfers, `direction` in (to it), out (from it) or
    all. Universal list (main-pocket key): every pocket's universal transfers, `from`/`to`
    naming the sending/receiving pocket.
    """
    start, end = _window(p, now)
    if universal:
        rows = ex.store.timed_records("universal_transfers", None)
    else:
        rows = ex.store.timed_records("transfers", pocket, include_counterparty=True)
    found: list[dict[str, Any]] = []
    direction = p.get("direction", "all")
    for created_ms, row in rows:
        if not start <= created_ms <= end:
            continue
        if "currency" in p and row["currency"] != p["currency"]:
            continue
        if p.get("states") and row["state"] not in p["states"]:
            continue
        if p.get("uuids") and row["uuid"] not in p["uuids"]:
            continue
        if p.get("identifiers") and row.get("identifier") not in p["identifiers"]:
            continue
        if universal and any(k in p and row[k] != p[k] for k in ("from", "to")):
            continue
        wanted = {"in": row["to"], "out": row["from"]}.get(direction, pocket)
        if wanted != pocket:
            continue
        found.append(row)
    if p.get("order_by", "desc") == "desc":
        found.reverse()
    return found[: p.get("limit", 20)]


def _listing(ex: Exchange, kind: str, pocket: str, p: dict[str, Any]) -> list[dict[str, Any]]:
    """Stored withdrawals or deposits, filtered and paged as Upbit's list endpoints are.

    `from`/`to` are uuid cursors (exclusive): the records made after / before that one;
    an unknown cursor gives an empty page. Then `order_by`, `page` and `limit` apply.
    """
    rows = ex.store.records(kind, pocket)  # type: ignore[arg-type]
    for key in ("to", "from"):
        if key in p:
            at = next((i for i, r in enumerate(rows) if r["uuid"] == p[key]), None)
            if at is None:
                return []
            rows = rows[:at] if key == "to" else rows[at + 1 :]
    for key in ("currency", "state"):
        if key in p:
            rows = [r for r in rows if r[key] == p[key]]
    if "uuids" in p:
        rows = [r for r in rows if r["uuid"] in p["uuids"]]
    if "txids" in p:
        rows = [r for r in rows if r.get("txid") in p["txids"]]
    if p.get("order_by", "desc") == "desc":
        rows.reverse()
    limit, page = p.get("limit", 100), p.get("page", 1)
    return rows[(page - 1) * limit : page * limit]


def _one(ex: Exchange, kind: str, pocket: str, p: dict[str, Any]) -> dict[str, Any]:
    rows = _listing(ex, kind, pocket, {k: v for k, v in p.items() if k == "currency"})
    for row in rows:
        if p.get("uuid") in (None, row["uuid"]) and p.get("txid") in (None, row.get("txid")):
            return row
    name = "withdraw_not_found" if kind == "withdrawals" else "deposit_not_found"
    raise SandboxError(404, name, "내역을 찾지 못했습니다.")


class Sandbox:
    """The simulator, the stored accounts, the limits and the faults of one running sandbox."""

    def __init__(self, config: SandboxConfig) -> None:
        from ._app import Faults

        self.config = config
        self._started = config.clock()
        self.origin_ms = config.origin_ms or int(self._started * 1000)
        self.market = MarketSimulator(
            config.markets, seed=config.seed, origin_ms=self.origin_ms,
            history_days=config.history_days, deep_history_days=config.deep_history_days,
        )  # fmt: skip
        self.store = Store.open(config.db_path)
        pockets = sorted({k.pocket for k in config.keys})
        self.store.seed(
            Seed(
                pockets=[
                    *(Pocket(uuid=p, name="main" if p == MAIN_POCKET else p) for p in pockets),
                    Pocket(uuid=SUB_POCKET, name="sub-1", type="user_spot_trading"),
                ],
                keys=list(config.keys),
                balances={p: {c: Decimal(v) for c, v in config.balances.items()} for p in pockets},
            )
        )
        self.exchange = Exchange(self.store, _BookAdapter(self.market))
        if MAIN_POCKET in pockets and not self.store.records("deposits", MAIN_POCKET):
            # One coin deposit on record, so deposit look-ups and travel-rule checks have
            # something real to find on a fresh sandbox.
            self.exchange.deposit(
                MAIN_POCKET, "BTC", "0.01", now_ms=self.origin_ms, net_type="BTC",
                txid=SEED_DEPOSIT_TXID,
            )  # fmt: skip
        self.quotation = Quotation(self.market)
        self.limiter = ServerLimiter() if config.rate_limits else None
        self.nonces = NonceStore(clock_ms=self.now_ms, journal=self.store)
        self.faults: Faults = Faults()

    def now_ms(self) -> int:
        if self.config.frozen:
            return self.origin_ms
        return self.origin_ms + int((self.config.clock() - self._started) * 1000)

    def dispatch(
        self, op: SpecOperation, params: dict[str, Any], *, pocket: str | None, now_ms: int
    ) -> tuple[int, Any]:
        if pocket is None:
            return op.success_status, self.quotation.handler(op.id)(params, now_ms)
        call = _EXCHANGE.get(op.id)
        if call is None:
            # Deposits, withdrawals, travel rule and pockets: the spec's documented answer.
            return op.success_status, op.examples[op.success_status]
        self.exchange.advance(now_ms)
        return op.success_status, call(self.exchange, pocket, params, now_ms)

    def close(self) -> None:
        self.store.close()
