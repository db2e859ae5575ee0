"""The paper exchange: Upbit's order rules and accounting, matched against a simulated market.

Orders are checked as Upbit checks them (same error names), then take liquidity from the
simulated order book at the moment they arrive; a `limit` order's rest waits on the book
and is filled by `advance()` when later simulated trades reach its price. Money is
`Decimal` throughout and every amount moves exactly: balance + locked of each currency
changes only by fills and their fees (and by the deposits, withdrawals and transfers made
through this class).

Accounting (how funds move; all amounts exact):

- A bid locks `total + total * fee` of the quote currency (`total` = price * volume for
  `limit`, the budget `price` for `price` and `best` bids); `reserved_fee` = `total * fee`.
  An ask locks `volume` of the base currency; a `limit` ask reserves `price * volume * fee`
  (taken from the proceeds, never locked), other asks reserve 0 (as Upbit shows).
- A fill of `v` at `p` costs `p * v` plus `fee = p * v * rate`. A `limit` bid releases its
  reservation for `v` (`price * v * (1 + rate)`) and refunds the price improvement at once,
  so a resting bid's `locked` is always `remaining_volume * price * (1 + rate)`.
- When an order closes, what is still locked goes back to the balance; the order itself
  keeps the `locked` and `remaining_fee` it had at that moment, as Upbit's closed orders
  show them (0 for an order that filled completely, e.g. a `done` market ask; the unspent
  reservation for a cancelled one). State `done` if it filled completely, else `cancel` (a
  market buy that leaves dust it cannot spend therefore ends `cancel`, as at Upbit).

Simplifications, on purpose: placement sees the book as the simulator draws it at that
instant and does not consume it (two orders in the same millisecond see the same book);
a resting order is filled by a later simulated trade at or through its price, at its own
price, up to that trade's volume (orders compete in price-time priority); maker and taker
fees are the same rate; self-trades cannot happen, so `smp_type` is only recorded.
`POST /v1/orders` answers as Upbit does, before matching: state `wait`, nothing executed,
also for market and `best` orders. The order is matched by `settle()` (run first by
`advance()`, which the sandbox calls before every exchange request and on the WebSocket's
tick) against the book of its own millisecond, so the fills do not depend on when that
happens and recordings stay deterministic. `DELETE /v1/order` answers with the order as it
was just before the cancel, as Upbit does.

`orders/test` (``place(..., test=True)``) runs every check, including the duplicate
identifier and the funds check, and answers an Order with a fresh uuid, but writes nothing:
no balance moves, and its identifier is NOT burnt (Upbit says a test order creates
nothing; whether it burns the identifier is not documented).
"""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Any, Protocol

from ._errors import SandboxError
from ._store import Balance, FillRow, OrderRow, Store, decimal_text

__all__ = [
    "DEFAULT_RULES",
    "Book",
    "EventHook",
    "Exchange",
    "QuoteRules",
    "TradeLike",
]

EventHook = Callable[[str, dict[str, Any]], None]
"""Called after each committed change with (pocket uuid, myOrder/myAsset DEFAULT message)."""

# Every +, -, * inside the engine must be exact: an inexact result is a bug, not a rounding.
_EXACT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)
# The few places that divide (market-buy volume, average prices) round explicitly.
_ROUNDED = Context(prec=60, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero])
_VOLUME_UNIT = Decimal("0.00000001")
_MAX_DIGITS = 20
_AMOUNT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_KST = timezone(timedelta(hours=9))
_WEEK_MS = 7 * 24 * 60 * 60 * 1000

_SIDES = ("bid", "ask")
_ORDER_TYPES = ("limit", "price", "market", "best")
_TIME_IN_FORCE = ("ioc", "fok", "post_only")
_SMP_TYPES = ("none", "cancel_maker", "cancel_taker", "reduce")
# Since 2026-11-09 an order without `smp_type` gets `cancel_maker` (docs changelog
# "add-smp-type-default"); `none` is how a client asks for no self-match prevention.
_SMP_DEFAULT = "cancel_maker"
_BODY_KEYS = frozenset(
    {"market", "side", "volume", "price", "ord_type", "identifier", "time_in_force", "smp_type"}
)
_NEW_BODY_KEYS = frozenset(
    {
        "prev_order_uuid",
        "prev_order_identifier",
        "new_ord_type",
        "new_volume",
        "new_price",
        "new_identifier",
        "new_time_in_force",
        "new_smp_type",
    }
)
_OPEN = ("wait", "watch")
_CLOSED = ("done", "cancel")
_BID_TYPES = ["best_fok", "best_ioc", "limit", "limit_fok", "limit_ioc", "price"]
_ASK_TYPES = ["best_fok", "best_ioc", "limit", "limit_fok", "limit_ioc", "market"]

_MSG_NOT_FOUND = "주문을 찾지 못했습니다."
_MSG_TIF = "주문조건을 다시 확인해 주세요."
_MSG_PARAM = "잘못된 파라미터"


class TradeLike(Protocol):
    """A simulated trade: when, at what price, how much."""

    @property
    def timestamp_ms(self) -> int: ...
    @property
    def price(self) -> Decimal: ...
    @property
    def volume(self) -> Decimal: ...


class Book(Protocol):
    """What the engine needs from the market simulator."""

    def orderbook_levels(
        self, market: str, now_ms: int
    ) -> tuple[Sequence[tuple[Decimal, Decimal]], Sequence[tuple[Decimal, Decimal]]]:
        """(asks ascending, bids descending), each level (price, size), at `now_ms`."""
        ...

    def trades_between(self, market: str, start_ms: int, end_ms: int) -> Sequence[TradeLike]:
        """Trades with `start_ms <= timestamp_ms < end_ms`, oldest first."""
        ...

    def tick_size(self, market: str, price: Decimal) -> Decimal: ...

    def markets(self) -> Collection[str]: ...


@dataclass(frozen=True)
class QuoteRules:
    """Fee rate, minimum and maximum order total of the markets of one quote currency."""

    fee: Decimal
    min_total: Decimal
    max_total: Decimal


DEFAULT_RULES: Mapping[str, QuoteRules] = {
    # KRW: 0.05 %, 5,000 to 1,000,000,000 KRW (documented). BTC/USDT: 0.25 % and the
    # documented minimums; their maximums are not documented (UNCONFIRMED values).
    "KRW": QuoteRules(Decimal("0.0005"), Decimal("5000"), Decimal("1000000000")),
    "BTC": QuoteRules(Decimal("0.0025"), Decimal("0.00005"), Decimal("1000")),
    "USDT": QuoteRules(Decimal("0.0025"), Decimal("0.5"), Decimal("1000000")),
}


@dataclass(frozen=True)
class _Request:
    market: str
    quote: str
    base: str
    side: str
    ord_type: str
    price: Decimal | None
    volume: Decimal | None
    time_in_force: str | None
    smp_type: str | None
    identifier: str | None


def _error(name: str, message: str = _MSG_PARAM, status: int = 400) -> SandboxError:
    return SandboxError(status, name, message)


def _kst(ms: int) -> str:
    return datetime.fromtimestamp(ms // 1000, _KST).strftime("%Y-%m-%dT%H:%M:%S+09:00")


def _floor_volume(funds: Decimal, price: Decimal) -> Decimal:
    """The most volume `funds` buys at `price`, in whole volume units (8 decimals)."""
    with localcontext(_ROUNDED):
        volume = (funds / price).quantize(_VOLUME_UNIT, rounding=ROUND_DOWN)
    while volume > 0 and volume * price > funds:
        volume -= _VOLUME_UNIT
    return volume


def _split_list(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [v for v in (p.strip() for p in value.split(",")) if v]
    return list(value)


class _Op:
    """One engine operation: balances read once, written once at the end, events queued."""

    def __init__(self, store: Store, now_ms: int) -> None:
        self.store = store
        self.now_ms = now_ms
        self.events: list[tuple[str, dict[str, Any]]] = []
        self._balances: dict[tuple[str, str], Balance] = {}
        self._changed: list[tuple[str, str]] = []

    def balance(self, pocket: str, currency: str) -> Balance:
        key = (pocket, currency)
        if key not in self._balances:
            self._balances[key] = self.store.balance(pocket, currency)
        return self._balances[key]

    def _touch(self, pocket: str, currency: str) -> Balance:
        if (pocket, currency) not in self._changed:
            self._changed.append((pocket, currency))
        return self.balance(pocket, currency)

    def lock(self, pocket: str, currency: str, amount: Decimal) -> None:
        b = self._touch(pocket, currency)
        b.balance -= amount
        b.locked += amount

    def unlock(self, pocket: str, currency: str, amount: Decimal) -> None:
        b = self._touch(pocket, currency)
        b.locked -= amount
        b.balance += amount

    def spend_locked(self, pocket: str, currency: str, amount: Decimal) -> None:
        self._touch(pocket, currency).locked -= amount

    def credit(self, pocket: str, currency: str, amount: Decimal) -> None:
        self._touch(pocket, currency).balance += amount

    def buy(self, pocket: str, currency: str, volume: Decimal, funds: Decimal, unit: str) -> None:
        """Credit bought volume and move its volume-weighted average buy price (no fees).

        The average is kept in one quote currency (`unit_currency`, set by the first buy
        into an empty holding); buys in another quote leave it unchanged. Seeded holdings
        weigh in at their seeded average (0 unless configured).
        """
        b = self._touch(pocket, currency)
        held = b.balance + b.locked
        if held == 0:
            b.unit_currency = unit
        if b.unit_currency == unit:
            with localcontext(_ROUNDED):
                b.avg_buy_price = ((b.avg_buy_price * held + funds) / (held + volume)).quantize(
                    _VOLUME_UNIT
                )
        b.balance += volume

    def flush(self) -> None:
        by_pocket: dict[str, list[Balance]] = {}
        for pocket, currency in self._changed:
            b = self._balances[(pocket, currency)]
            if b.balance + b.locked == 0:
                b.avg_buy_price = Decimal(0)
            self.store.put_balance(b)
            by_pocket.setdefault(pocket, []).append(b)
        for pocket, changed in by_pocket.items():
            self.events.append((pocket, _my_asset(changed, self.now_ms)))
        self._changed.clear()


def _my_asset(balances: Sequence[Balance], now_ms: int) -> dict[str, Any]:
    return {
        "type": "myAsset",
        "asset_uuid": str(uuid_module.uuid4()),
        "assets": [
            {"currency": b.currency, "balance": float(b.balance), "locked": float(b.locked)}
            for b in balances
        ],
        "asset_timestamp": now_ms,
        "timestamp": now_ms,
        "stream_type": "REALTIME",
    }


def _my_order(order: OrderRow, fill: FillRow | None, now_ms: int) -> dict[str, Any]:
    message: dict[str, Any] = {
        "type": "myOrder",
        "code": order.market,
        "uuid": order.uuid,
        "ask_bid": order.side.upper(),
        "order_type": order.ord_type,
        "state": "trade" if fill else order.state,
        "trade_uuid": fill.uuid if fill else None,
    }
    price = fill.price if fill else order.price
    if price is not None:
        message["price"] = float(price)
    avg = Decimal(0)
    if order.executed_volume:
        with localcontext(_ROUNDED):
            avg = order.executed_funds / order.executed_volume
    message["avg_price"] = float(avg)
    volume = fill.volume if fill else order.volume
    if volume is not None:
        message["volume"] = float(volume)
    if order.remaining_volume is not None:
        message["remaining_volume"] = float(order.remaining_volume)
    message.update(
        executed_volume=float(order.executed_volume),
        trades_count=order.trades_count,
        reserved_fee=float(order.reserved_fee),
        remaining_fee=float(order.remaining_fee),
        paid_fee=float(order.paid_fee),
        locked=float(order.locked),
        executed_funds=float(order.executed_funds),
        time_in_force=order.time_in_force,
        trade_fee=float(fill.fee) if fill else None,
        is_maker=fill.is_maker if fill else None,
        identifier=order.identifier,
        smp_type=order.smp_type,
        prevented_volume=float(order.prevented_volume),
        prevented_locked=float(order.prevented_locked),
        trade_timestamp=fill.created_ms if fill else None,
        order_timestamp=order.created_ms,
        timestamp=now_ms,
        stream_type="REALTIME",
    )
    return message


def _account(b: Balance) -> dict[str, Any]:
    return {
        "currency": b.currency,
        "balance": decimal_text(b.balance),
        "locked": decimal_text(b.locked),
        "avg_buy_price": decimal_text(b.avg_buy_price),
        "avg_buy_price_modified": b.avg_buy_price_modified,
        "unit_currency": b.unit_currency,
    }


class Exchange:
    """Upbit's exchange operations on the stored accounts; answers are Upbit wire dicts.

    Every method takes the caller's pocket uuid (from its API key) and, when time matters,
    `now_ms`. Errors are `SandboxError`s with Upbit's names. Writes of one call commit in
    one SQLite transaction; `on_event(pocket, message)` is called after the commit.
    """

    def __init__(
        self,
        store: Store,
        book: Book,
        *,
        rules: Mapping[str, QuoteRules] = DEFAULT_RULES,
        fee_rates: Mapping[str, Decimal] | None = None,
        on_event: EventHook | None = None,
        new_uuid: Callable[[], str] | None = None,
    ) -> None:
        self.store = store
        self.book = book
        self.rules = dict(rules)
        self.fee_rates = dict(fee_rates or {})
        self.on_event = on_event
        self._new_uuid = new_uuid or (lambda: str(uuid_module.uuid4()))

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _operation(self, now_ms: int) -> Iterator[_Op]:
        op = _Op(self.store, now_ms)
        with localcontext(_EXACT), self.store.transaction():
            yield op
            op.flush()
        if self.on_event is not None:
            for pocket, message in op.events:
                self.on_event(pocket, message)

    def _market(self, market: object) -> tuple[str, str, str]:
        if not isinstance(market, str) or not market:
            raise _error("validation_error", "market is missing")
        quote, _, base = market.partition("-")
        if not base or quote not in self.rules or market not in self.book.markets():
            raise _error("notfoundmarket", f"다음 마켓에 없는 종목입니다: {market}")
        return market, quote, base

    def fee_rate(self, market: str) -> Decimal:
        """The fee rate of a market: its override, else its quote currency's rate."""
        _, quote, _ = self._market(market)
        return self.fee_rates.get(market, self.rules[quote].fee)

    def _find(self, pocket: str, uuid: str | None, identifier: str | None) -> OrderRow:
        if uuid is None and identifier is None:
            raise _error("validation_error", "uuid or identifier is missing")
        if uuid is not None:
            found = self.store.order(pocket, uuid)
        else:
            assert identifier is not None
            found = self.store.order_by_identifier(pocket, identifier)
        if found is None:
            raise _error("order_not_found", _MSG_NOT_FOUND, 404)
        return found

    def _wire(self, o: OrderRow, *, funds: bool = False, trades: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"uuid": o.uuid, "side": o.side, "ord_type": o.ord_type}
        if o.price is not None:
            d["price"] = decimal_text(o.price)
        d["state"] = o.state
        d["market"] = o.market
        d["created_at"] = _kst(o.created_ms)
        if o.volume is not None:
            d["volume"] = decimal_text(o.volume)
        if o.remaining_volume is not None:
            d["remaining_volume"] = decimal_text(o.remaining_volume)
            d["prevented_volume"] = decimal_text(o.prevented_volume)
        d["reserved_fee"] = decimal_text(o.reserved_fee)
        d["remaining_fee"] = decimal_text(o.remaining_fee)
        d["paid_fee"] = decimal_text(o.paid_fee)
        d["locked"] = decimal_text(o.locked)
        d["prevented_locked"] = decimal_text(o.prevented_locked)
        d["executed_volume"] = decimal_text(o.executed_volume)
        if funds:
            d["executed_funds"] = decimal_text(o.executed_funds)
        d["trades_count"] = o.trades_count
        if o.time_in_force is not None:
            d["time_in_force"] = o.time_in_force
        if o.identifier is not None:
            d["identifier"] = o.identifier
        d["smp_type"] = o.smp_type or "none"  # always sent; orders stored before SMP had none
        if trades:
            d["trades"] = [
                {
                    "market": f.market,
                    "uuid": f.uuid,
                    "price": decimal_text(f.price),
                    "volume": decimal_text(f.volume),
                    "funds": decimal_text(f.funds),
                    "trend": f.trend,
                    "created_at": _kst(f.created_ms),
                    "side": f.side,
                }
                for f in self.store.fills(o.uuid)
            ]
        return d

    # ------------------------------------------------------------------ accounts
    def accounts(self, pocket: str) -> list[dict[str, Any]]:
        """GET /v1/accounts: currencies held or locked (KRW always listed once it exists)."""
        return [
            _account(b)
            for b in self.store.balances(pocket)
            if b.currency == "KRW" or b.balance or b.locked
        ]

    def order_chance(self, pocket: str, market: str) -> dict[str, Any]:
        """GET /v1/orders/chance."""
        market, quote, base = self._market(market)
        rules = self.rules[quote]
        fee = decimal_text(self.fee_rate(market))
        return {
            "bid_fee": fee,
            "ask_fee": fee,
            "maker_bid_fee": fee,
            "maker_ask_fee": fee,
            "market": {
                "id": market,
                "name": f"{base}/{quote}",
                "order_types": ["limit"],
                "order_sides": ["ask", "bid"],
                "bid_types": list(_BID_TYPES),
                "ask_types": list(_ASK_TYPES),
                "bid": {"currency": quote, "min_total": decimal_text(rules.min_total)},
                "ask": {"currency": base, "min_total": decimal_text(rules.min_total)},
                "max_total": decimal_text(rules.max_total),
                "state": "active",
            },
            "bid_account": _account(self.store.balance(pocket, quote)),
            "ask_account": _account(self.store.balance(pocket, base)),
        }

    # ------------------------------------------------------------------ placing
    def place(
        self, pocket: str, body: Mapping[str, Any], *, now_ms: int, test: bool = False
    ) -> dict[str, Any]:
        """POST /v1/orders (or /v1/orders/test with `test=True`): an Order dict.

        A failed order still burns its identifier (Upbit: an identifier can never be
        reused, even when its order failed); a test order never does.
        """
        try:
            with self._operation(now_ms) as op:
                order = self._place(op, pocket, body, test=test)
                return self._wire(order)
        except SandboxError as err:
            if not test:
                self._burn(pocket, body, "identifier", err, now_ms)
            raise

    def _burn(self, pocket: str, body: object, key: str, err: SandboxError, now_ms: int) -> None:
        if err.name in {"duplicated_identifier"} or not isinstance(body, Mapping):
            return
        identifier = body.get(key)
        if not isinstance(identifier, str) or not 1 <= len(identifier) <= 64:
            return
        with self.store.transaction():
            if not self.store.identifier_used(pocket, identifier):
                self.store.use_identifier(pocket, identifier, now_ms)

    def _amount(self, body: Mapping[str, Any], key: str, side: str) -> Decimal | None:
        raw = body.get(key)
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise _error("validation_error", f"{key} does not have a valid value")
        text = repr(raw) if isinstance(raw, float) else str(raw).strip()
        if not _AMOUNT.fullmatch(text):
            raise _error("validation_error", f"{key} does not have a valid value")
        value = Decimal(text)
        kind = "price" if key == "price" else "volume"
        digits = len(value.normalize(_ROUNDED).as_tuple().digits)
        if value <= 0 or digits > _MAX_DIGITS:
            raise _error(f"invalid_{kind}_{side}", _invalid_message(kind))
        return value

    def _parse(self, pocket: str, body: Mapping[str, Any]) -> _Request:
        if not isinstance(body, Mapping):
            raise _error("validation_error", "the body must be a JSON object")
        for key in body:
            if key not in _BODY_KEYS:
                raise _error("validation_error", f"{key} is not a parameter of this request")
        for key in ("market", "side", "ord_type"):
            if body.get(key) is None:
                raise _error("validation_error", f"{key} is missing")
        side, ord_type = body["side"], body["ord_type"]
        if side not in _SIDES:
            raise _error("validation_error", "side does not have a valid value")
        if ord_type not in _ORDER_TYPES:
            raise _error("validation_error", "ord_type does not have a valid value")
        identifier = body.get("identifier")
        if identifier is not None:
            if not isinstance(identifier, str) or not 1 <= len(identifier) <= 64:
                raise _error("validation_error", "identifier does not have a valid value")
            if self.store.identifier_used(pocket, identifier):
                raise _error("duplicated_identifier", "identifier가 이미 사용되었습니다.")
        market, quote, base = self._market(body["market"])
        tif, smp = body.get("time_in_force"), body.get("smp_type")
        if tif is not None and tif not in _TIME_IN_FORCE:
            raise _error("invalid_time_in_force", _MSG_TIF)
        if smp is not None and smp not in _SMP_TYPES:
            raise _error("validation_error", "smp_type does not have a valid value")
        if tif == "post_only" and smp not in (None, "none"):
            raise _error("invalid_post_only", "post_only 주문은 smp_type과 함께 쓸 수 없습니다.")
        price = self._amount(body, "price", side)
        volume = self._amount(body, "volume", side)
        create_error = _error(f"create_{side}_error", "주문 요청 정보가 올바르지 않습니다.")
        if ord_type == "limit":
            if price is None or volume is None:
                raise create_error
        elif ord_type == "price":
            if side != "bid" or price is None or volume is not None:
                raise create_error
            if tif is not None:
                raise _error("invalid_time_in_force", _MSG_TIF)
        elif ord_type == "market":
            if side != "ask" or volume is None or price is not None:
                raise create_error
            if tif is not None:
                raise _error("invalid_time_in_force", _MSG_TIF)
        else:
            if tif not in ("ioc", "fok"):
                raise _error("invalid_time_in_force", _MSG_TIF)
            if (
                (price is None or volume is not None)
                if side == "bid"
                else (volume is None or price is not None)
            ):
                raise create_error
        if volume is not None and volume != volume.quantize(_VOLUME_UNIT, context=_ROUNDED):
            raise _error(f"invalid_volume_{side}", _invalid_message("volume"))
        if price is not None:
            if ord_type == "limit":
                tick = self.book.tick_size(market, price)
                if price % tick != 0:
                    raise _error(f"invalid_price_{side}", _invalid_message("price"))
            elif price != price.quantize(_VOLUME_UNIT, context=_ROUNDED):
                raise _error(f"invalid_price_{side}", _invalid_message("price"))
        if smp is None:  # post_only never combines with an SMP mode (Upbit is silent on this case)
            smp = "none" if tif == "post_only" else _SMP_DEFAULT
        return _Request(market, quote, base, side, ord_type, price, volume, tif, smp, identifier)

    def _place(self, op: _Op, pocket: str, body: Mapping[str, Any], *, test: bool) -> OrderRow:
        req = self._parse(pocket, body)
        rules = self.rules[req.quote]
        rate = self.fee_rate(req.market)
        side = req.side
        total: Decimal | None
        if req.ord_type == "limit":
            assert req.price is not None
            assert req.volume is not None
            total = req.price * req.volume
        elif side == "bid":
            total = req.price
        else:
            _, bids = self.book.orderbook_levels(req.market, op.now_ms)
            assert req.volume is not None
            total = req.volume * bids[0][0] if bids else None
        if total is not None and total < rules.min_total:
            minimum = f"{decimal_text(rules.min_total)} {req.quote}"
            raise _error(
                f"under_min_total_{side}", f"최소주문금액 이상으로 주문해주세요. ({minimum})"
            )
        if side == "bid" and total is not None and total > rules.max_total:
            raise _error(
                f"over_{req.quote.lower()}_funds_bid",
                f"최대 주문 가능 금액 {decimal_text(rules.max_total)} {req.quote} "
                "보다 작은 주문을 입력해 주세요.",
            )
        if side == "bid":
            assert total is not None
            reserved_fee = total * rate
            lock, lock_currency = total + reserved_fee, req.quote
            if op.balance(pocket, lock_currency).balance < lock:
                raise _error(
                    "insufficient_funds_bid", f"주문 가능한 금액({req.quote})이 부족합니다."
                )
        else:
            assert req.volume is not None
            reserved_fee = total * rate if req.ord_type == "limit" and total else Decimal(0)
            lock, lock_currency = req.volume, req.base
            if op.balance(pocket, lock_currency).balance < lock:
                raise _error(
                    "insufficient_funds_ask", f"매도 가능한 잔고({req.base})가 부족합니다."
                )
        by_volume = req.volume is not None
        order = OrderRow(
            uuid=self._new_uuid(),
            pocket=pocket,
            market=req.market,
            side=side,
            ord_type=req.ord_type,
            price=req.price,
            volume=req.volume,
            state="wait",
            created_ms=op.now_ms,
            time_in_force=req.time_in_force,
            identifier=req.identifier,
            smp_type=req.smp_type,
            fee_rate=rate,
            remaining_volume=req.volume if by_volume else None,
            reserved_fee=reserved_fee,
            remaining_fee=reserved_fee,
            locked=lock,
        )
        if test:
            return order
        op.lock(pocket, lock_currency, lock)
        self.store.insert_order(order)
        if req.identifier is not None:
            self.store.use_identifier(pocket, req.identifier, op.now_ms, order.uuid)
        op.events.append((pocket, _my_order(order, None, op.now_ms)))
        self.store.add_pending(order.uuid)
        return order

    def settle(self, now_ms: int) -> int:
        """Match the accepted orders not matched yet, oldest first; how many there were.

        Each takes liquidity from the book as it stood in the order's own millisecond, so
        the outcome does not depend on when the settling happens, only the answers' timing
        does: `POST /v1/orders` answers `wait` with nothing executed (as Upbit does, its
        engine runs after the answer) and the fills are there for the next request.
        """
        if not self.store.has_pending():
            return 0  # the usual case: no transaction needed
        with self._operation(now_ms) as op:
            pending = self.store.take_pending()
            for order in pending:
                if order.state != "wait":
                    continue  # cancelled before it was matched
                op.now_ms = order.created_ms
                self._take(op, order)
                self.store.update_order(order)
            op.now_ms = now_ms
        return len(pending)

    # ------------------------------------------------------------------ matching
    def _take(self, op: _Op, order: OrderRow) -> None:
        """Match a new order against the book as taker, then rest or close what is left."""
        asks, bids = self.book.orderbook_levels(order.market, op.now_ms)
        levels = list(asks if order.side == "bid" else bids)
        if order.ord_type == "limit":
            assert order.price is not None
            limit = order.price
            levels = [
                (p, s) for p, s in levels if (p <= limit if order.side == "bid" else p >= limit)
            ]
        elif order.ord_type == "best":
            levels = levels[:1]
        if order.time_in_force == "post_only":
            if levels:
                self._close(op, order)
            return
        plan: list[tuple[Decimal, Decimal]] = []
        if order.remaining_volume is None:
            assert order.price is not None
            funds = order.price - order.executed_funds
            complete = False
            for price, size in levels:
                affordable = _floor_volume(funds, price)
                volume = min(size, affordable)
                if volume > 0:
                    plan.append((price, volume))
                    funds -= price * volume
                if volume == affordable:
                    complete = True
                    break
        else:
            left = order.remaining_volume
            for price, size in levels:
                volume = min(size, left)
                if volume > 0:
                    plan.append((price, volume))
                    left -= volume
                if left == 0:
                    break
            complete = left == 0
        if order.time_in_force == "fok" and not complete:
            plan = []
        for price, volume in plan:
            self._fill(op, order, price, volume, is_maker=False)
        rests = order.ord_type == "limit" and order.time_in_force is None
        if complete or not rests:
            self._close(op, order)

    def _fill(
        self, op: _Op, order: OrderRow, price: Decimal, volume: Decimal, *, is_maker: bool
    ) -> None:
        quote, _, base = order.market.partition("-")
        rate = order.fee_rate
        funds = price * volume
        fee = funds * rate
        pocket = order.pocket
        if order.side == "bid":
            if order.ord_type == "limit":
                assert order.price is not None
                reserve = order.price * volume + order.price * volume * rate
            else:
                reserve = funds + fee
            op.spend_locked(pocket, quote, reserve)
            op.credit(pocket, quote, reserve - funds - fee)
            op.buy(pocket, base, volume, funds, quote)
            order.locked -= reserve
        else:
            op.spend_locked(pocket, base, volume)
            op.credit(pocket, quote, funds - fee)
            order.locked -= volume
        order.executed_volume += volume
        order.executed_funds += funds
        order.paid_fee += fee
        order.trades_count += 1
        if order.remaining_volume is not None:
            order.remaining_volume -= volume
        if order.ord_type == "limit":
            assert order.price is not None
            assert order.remaining_volume is not None
            order.remaining_fee = order.remaining_volume * order.price * rate
        elif order.side == "bid":
            assert order.price is not None
            order.remaining_fee = (order.price - order.executed_funds) * rate
        taker_side = order.side if not is_maker else ("ask" if order.side == "bid" else "bid")
        fill = FillRow(
            uuid=self._new_uuid(),
            order_uuid=order.uuid,
            pocket=pocket,
            market=order.market,
            side=order.side,
            price=price,
            volume=volume,
            funds=funds,
            fee=fee,
            is_maker=is_maker,
            trend="up" if taker_side == "bid" else "down",
            created_ms=op.now_ms,
        )
        self.store.insert_fill(fill)
        op.events.append((pocket, _my_order(order, fill, op.now_ms)))

    def _close(self, op: _Op, order: OrderRow) -> None:
        """End an order: give back what it still locks; `done` if it filled completely."""
        quote, _, base = order.market.partition("-")
        if order.remaining_volume is not None:
            filled = order.remaining_volume == 0
        else:
            filled = order.executed_funds == order.price
        if order.locked:
            op.unlock(order.pocket, quote if order.side == "bid" else base, order.locked)
        order.state = "done" if filled else "cancel"
        order.closed_ms = op.now_ms
        op.events.append((order.pocket, _my_order(order, None, op.now_ms)))

    def advance(self, now_ms: int) -> int:
        """Fill resting orders with the simulated trades since the last call; the fill count.

        A trade at or through an order's price fills it at the order's price (maker), up to
        the trade's volume, best price then oldest order first; only trades after the order
        was placed count. The time reached is stored, so a restart does not refill.
        """
        self.settle(now_ms)
        filled = 0
        with self._operation(now_ms) as op:
            last = self.store.meta("last_advance_ms")
            start = int(last) if last is not None else now_ms
            if now_ms <= start:
                if last is None:
                    self.store.set_meta("last_advance_ms", str(now_ms))
                return 0
            queues: dict[str, list[OrderRow]] = {}
            for order in self.store.open_orders():
                if order.state == "wait" and order.ord_type == "limit":
                    queues.setdefault(order.market, []).append(order)
            for market, queue in queues.items():
                filled += self._match_trades(op, market, queue, start, now_ms)
            self.store.set_meta("last_advance_ms", str(now_ms))
        return filled

    def _match_trades(
        self, op: _Op, market: str, queue: list[OrderRow], start: int, end: int
    ) -> int:
        def price_of(o: OrderRow) -> Decimal:
            assert o.price is not None
            return o.price

        bids = sorted((o for o in queue if o.side == "bid"), key=lambda o: (-price_of(o), o.seq))
        asks = sorted((o for o in queue if o.side == "ask"), key=lambda o: (price_of(o), o.seq))
        window = self.book.trades_between(market, start, end)
        trades = sorted(
            (t for t in window if start <= t.timestamp_ms < end), key=lambda t: t.timestamp_ms
        )
        touched: dict[str, OrderRow] = {}
        count = 0
        for trade in trades:
            for book_side, is_bid in ((bids, True), (asks, False)):
                available = trade.volume
                for order in book_side:
                    price = price_of(order)
                    if available <= 0 or (price < trade.price if is_bid else price > trade.price):
                        break
                    if order.state != "wait" or order.created_ms >= trade.timestamp_ms:
                        continue
                    assert order.remaining_volume is not None
                    volume = min(order.remaining_volume, available)
                    available -= volume
                    op.now_ms = trade.timestamp_ms
                    self._fill(op, order, price, volume, is_maker=True)
                    count += 1
                    if order.remaining_volume == 0:
                        self._close(op, order)
                    touched[order.uuid] = order
                book_side[:] = [o for o in book_side if o.state == "wait"]
        op.now_ms = end
        for order in touched.values():
            self.store.update_order(order)
        return count

    # ------------------------------------------------------------------ queries
    def get(
        self, pocket: str, uuid: str | None = None, identifier: str | None = None
    ) -> dict[str, Any]:
        """GET /v1/order: OrderDetail with its fills (uuid wins over identifier)."""
        return self._wire(self._find(pocket, uuid, identifier), trades=True)

    @staticmethod
    def _order_by(order_by: str) -> bool:
        if order_by not in ("asc", "desc"):
            raise _error("invalid_parameter", "order_by does not have a valid value")
        return order_by == "desc"

    @staticmethod
    def _ids(
        uuids: Sequence[str] | None, identifiers: Sequence[str] | None, most: int
    ) -> tuple[list[str] | None, list[str] | None]:
        if not uuids and not identifiers:
            raise _error("validation_error", "uuids or identifiers is missing")
        if uuids and identifiers:
            raise _error("invalid_parameter", "uuids and identifiers cannot be used together")
        given = uuids or identifiers or []
        if len(given) > most:
            raise _error("invalid_parameter", f"at most {most} uuids or identifiers")
        return (list(uuids) if uuids else None), (list(identifiers) if identifiers else None)

    @staticmethod
    def _states(states: Sequence[str] | None, allowed: tuple[str, ...]) -> list[str]:
        chosen = list(states) if states else list(allowed[:1] if allowed == _OPEN else allowed)
        for state in chosen:
            if state not in allowed:
                raise _error("invalid_parameter", f"state must be one of {', '.join(allowed)}")
        return chosen

    def list_by_ids(
        self,
        pocket: str,
        uuids: Sequence[str] | None = None,
        identifiers: Sequence[str] | None = None,
        market: str | None = None,
        order_by: str = "desc",
    ) -> list[dict[str, Any]]:
        """GET /v1/orders/uuids: up to 100 orders named by uuid or identifier."""
        ids, idents = self._ids(uuids, identifiers, 100)
        if market is not None:
            self._market(market)
        orders = self.store.find_orders(
            pocket,
            market=market,
            uuids=ids,
            identifiers=idents,
            descending=self._order_by(order_by),
        )
        return [self._wire(o, funds=True) for o in orders]

    def list_open(
        self,
        pocket: str,
        market: str | None = None,
        states: Sequence[str] | None = None,
        page: int = 1,
        limit: int = 100,
        order_by: str = "desc",
    ) -> list[dict[str, Any]]:
        """GET /v1/orders/open: `wait` (default) and/or `watch` orders, paged."""
        chosen = self._states(states, _OPEN)
        if not 1 <= limit <= 100:
            raise _error("invalid_parameter", "limit must be from 1 to 100")
        if page < 1:
            raise _error("invalid_parameter", "page must be >= 1")
        if market is not None:
            self._market(market)
        orders = self.store.find_orders(
            pocket,
            market=market,
            states=chosen,
            descending=self._order_by(order_by),
            limit=limit,
            offset=(page - 1) * limit,
        )
        return [self._wire(o, funds=True) for o in orders]

    def list_closed(
        self,
        pocket: str,
        market: str | None = None,
        states: Sequence[str] | None = None,
        start_ms: int | None = None,
        end_ms: int | None = None,
        limit: int = 100,
        order_by: str = "desc",
        *,
        now_ms: int,
    ) -> list[dict[str, Any]]:
        """GET /v1/orders/closed: orders created in a window of at most 7 days.

        Only start → the 7 days after it; only end → the 7 days before it; neither → the
        last 7 days. More than `limit` orders in the window are silently cut, as at Upbit.
        """
        chosen = self._states(states, _CLOSED)
        if not 1 <= limit <= 1000:
            raise _error("invalid_parameter", "limit must be from 1 to 1000")
        if start_ms is None and end_ms is None:
            end_ms = now_ms
        if start_ms is None:
            assert end_ms is not None
            start_ms = end_ms - _WEEK_MS
        if end_ms is None:
            end_ms = start_ms + _WEEK_MS
        if end_ms < start_ms or end_ms - start_ms > _WEEK_MS:
            raise _error("invalid_parameter", "the time window must be at most 7 days")
        if market is not None:
            self._market(market)
        orders = self.store.find_orders(
            pocket,
            market=market,
            states=chosen,
            created_from_ms=start_ms,
            created_to_ms=end_ms,
            descending=self._order_by(order_by),
            limit=limit,
        )
        return [self._wire(o, funds=True) for o in orders]

    def list_orders(
        self,
        pocket: str,
        market: str | None = None,
        uuids: Sequence[str] | None = None,
        identifiers: Sequence[str] | None = None,
        states: Sequence[str] | None = None,
        page: int = 1,
        limit: int = 100,
        order_by: str = "desc",
    ) -> list[dict[str, Any]]:
        """GET /v1/orders (deprecated): every filter optional, state `wait` by default."""
        chosen = self._states(states or ["wait"], _OPEN + _CLOSED)
        if not 1 <= limit <= 100:
            raise _error("invalid_parameter", "limit must be from 1 to 100")
        if page < 1:
            raise _error("invalid_parameter", "page must be >= 1")
        if market is not None:
            self._market(market)
        orders = self.store.find_orders(
            pocket,
            market=market,
            states=chosen,
            uuids=list(uuids) if uuids else None,
            identifiers=list(identifiers) if identifiers else None,
            descending=self._order_by(order_by),
            limit=limit,
            offset=(page - 1) * limit,
        )
        return [self._wire(o) for o in orders]  # the deprecated list carries no executed_funds

    # ------------------------------------------------------------------ cancelling
    def cancel(
        self,
        pocket: str,
        uuid: str | None = None,
        identifier: str | None = None,
        *,
        now_ms: int,
    ) -> dict[str, Any]:
        """DELETE /v1/order: the order as it was just before the cancel.

        An order that is already `done` or `cancel` answers 404 `order_not_found`.
        """
        with self._operation(now_ms) as op:
            order = self._find(pocket, uuid, identifier)
            before = self._wire(order)
            self._cancel(op, order)
            return before

    def _cancel(self, op: _Op, order: OrderRow) -> None:
        if order.state not in _OPEN:
            raise _error("order_not_found", _MSG_NOT_FOUND, 404)
        self._close(op, order)
        order.state = "cancel"
        self.store.update_order(order)

    @staticmethod
    def _batch_item(order: OrderRow) -> dict[str, Any]:
        item: dict[str, Any] = {"uuid": order.uuid, "market": order.market}
        if order.identifier is not None:
            item["identifier"] = order.identifier
        return item

    @staticmethod
    def _batch(success: list[dict[str, Any]], failed: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "success": {"count": len(success), "orders": success},
            "failed": {"count": len(failed), "orders": failed},
        }

    def cancel_by_ids(
        self,
        pocket: str,
        uuids: Sequence[str] | None = None,
        identifiers: Sequence[str] | None = None,
        *,
        now_ms: int,
    ) -> dict[str, Any]:
        """DELETE /v1/orders/uuids: up to 20 orders; unknown or closed ones land in `failed`.

        An unknown id is reported with the given uuid (or "" when named by identifier),
        `market` "" and the given identifier.
        """
        ids, idents = self._ids(uuids, identifiers, 20)
        success: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        with self._operation(now_ms) as op:
            for value in ids or idents or []:
                order = (
                    self.store.order(pocket, value)
                    if ids
                    else self.store.order_by_identifier(pocket, value)
                )
                if order is None:
                    missing = {"uuid": value, "market": ""} if ids else {
                        "uuid": "", "market": "", "identifier": value
                    }  # fmt: skip
                    failed.append(missing)
                elif order.state not in _OPEN:
                    failed.append(self._batch_item(order))
                else:
                    self._cancel(op, order)
                    success.append(self._batch_item(order))
        return self._batch(success, failed)

    def cancel_open(
        self,
        pocket: str,
        quote_currencies: str | Sequence[str] | None = None,
        pairs: str | Sequence[str] | None = None,
        excluded_pairs: str | Sequence[str] | None = None,
        cancel_side: str = "all",
        count: int = 20,
        order_by: str = "desc",
        *,
        now_ms: int,
    ) -> dict[str, Any]:
        """DELETE /v1/orders/open: cancel up to `count` (≤ 300) `wait` orders.

        Comma lists or sequences; `pairs` and `quote_currencies` are exclusive, each list
        holds at most 20 entries, exclusion wins over inclusion.
        """
        quotes, included, excluded = (
            _split_list(quote_currencies),
            _split_list(pairs),
            _split_list(excluded_pairs),
        )
        if quotes and included:
            raise _error("invalid_parameter", "pairs and quote_currencies cannot be used together")
        for name, listed in (("pairs", included), ("excluded_pairs", excluded)):
            if listed is not None and len(listed) > 20:
                raise _error("invalid_parameter", f"{name} takes at most 20 pairs")
        if cancel_side not in ("all", "ask", "bid"):
            raise _error("invalid_parameter", "cancel_side does not have a valid value")
        if not 1 <= count <= 300:
            raise _error("invalid_parameter", "count must be from 1 to 300")
        descending = self._order_by(order_by)
        markets = included
        if quotes:
            markets = [m for m in self.book.markets() if m.partition("-")[0] in quotes]
        success: list[dict[str, Any]] = []
        with self._operation(now_ms) as op:
            orders = self.store.find_orders(
                pocket,
                states=["wait"],
                markets=markets,
                exclude_markets=excluded or None,
                side=None if cancel_side == "all" else cancel_side,
                descending=descending,
                limit=count,
            )
            for order in orders:
                self._cancel(op, order)
                success.append(self._batch_item(order))
        return self._batch(success, [])

    def cancel_and_new(
        self, pocket: str, body: Mapping[str, Any], *, now_ms: int
    ) -> dict[str, Any]:
        """POST /v1/orders/cancel_and_new: cancel, then place on the same market and side.

        Both happen in one transaction: if the new order is refused (bad parameters,
        insufficient funds, ...), the old order is not cancelled either. `new_volume`
        `remain_only` reuses the old order's remaining volume (not for `price`/`best` bids).
        """
        try:
            with self._operation(now_ms) as op:
                return self._cancel_and_new(op, pocket, body)
        except SandboxError as err:
            self._burn(pocket, body, "new_identifier", err, now_ms)
            raise

    def _cancel_and_new(self, op: _Op, pocket: str, body: Mapping[str, Any]) -> dict[str, Any]:
        if not isinstance(body, Mapping):
            raise _error("validation_error", "the body must be a JSON object")
        for key in body:
            if key not in _NEW_BODY_KEYS:
                raise _error("validation_error", f"{key} is not a parameter of this request")
        prev_uuid, prev_ident = body.get("prev_order_uuid"), body.get("prev_order_identifier")
        if prev_uuid is None and prev_ident is None:
            raise _error("validation_error", "prev_order_uuid or prev_order_identifier is missing")
        if prev_uuid is not None and prev_ident is not None:
            raise _error(
                "invalid_parameter", "prev_order_uuid and prev_order_identifier are exclusive"
            )
        if body.get("new_ord_type") is None:
            raise _error("validation_error", "new_ord_type is missing")
        old = self._find(pocket, prev_uuid, prev_ident)
        if old.state not in _OPEN:
            raise _error("order_not_found", _MSG_NOT_FOUND, 404)
        new_body: dict[str, Any] = {
            "market": old.market,
            "side": old.side,
            "ord_type": body["new_ord_type"],
        }
        volume = body.get("new_volume")
        if volume == "remain_only":
            if old.remaining_volume is None or (
                body["new_ord_type"] in ("price", "best") and old.side == "bid"
            ):
                raise _error(f"create_{old.side}_error", "remain_only를 쓸 수 없는 주문입니다.")
            volume = decimal_text(old.remaining_volume)
        for key, value in (
            ("volume", volume),
            ("price", body.get("new_price")),
            ("identifier", body.get("new_identifier")),
            ("time_in_force", body.get("new_time_in_force")),
            ("smp_type", body.get("new_smp_type")),
        ):
            if value is not None:
                new_body[key] = value
        before = self._wire(old)
        self._cancel(op, old)
        new = self._place(op, pocket, new_body, test=False)
        result = dict(before)
        result["new_order_uuid"] = new.uuid
        if new.identifier is not None:
            result["new_order_identifier"] = new.identifier
        return result

    # ------------------------------------------------------------------ funds in and out
    def _funds_amount(self, amount: object) -> Decimal:
        text = amount if isinstance(amount, str) else str(amount) if isinstance(amount, int) else ""
        if isinstance(amount, bool) or not _AMOUNT.fullmatch(text.strip()):
            raise _error("invalid_parameter", "amount does not have a valid value")
        value = Decimal(text.strip())
        digits = len(value.normalize(_ROUNDED).as_tuple().digits)
        if (
            value <= 0
            or digits > _MAX_DIGITS
            or value != value.quantize(_VOLUME_UNIT, context=_ROUNDED)
        ):
            raise _error("invalid_parameter", "amount does not have a valid value")
        return value

    @staticmethod
    def _currency(currency: object) -> str:
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Z0-9]{1,15}", currency):
            raise _error("currency_not_found", "통화를 찾지 못했습니다.", 404)
        return currency

    def deposit(
        self,
        pocket: str,
        currency: str,
        amount: str | int,
        *,
        now_ms: int,
        net_type: str | None = None,
        txid: str | None = None,
        transaction_type: str = "default",
    ) -> dict[str, Any]:
        """Credit a deposit at once (state ACCEPTED) and store it: a `Deposit` dict.

        Every deposit has a `txid`, KRW ones too (Upbit's SDK types it as a plain string);
        without one given, the deposit's uuid stands in.
        """
        currency, value = self._currency(currency), self._funds_amount(amount)
        with self._operation(now_ms) as op:
            op.credit(pocket, currency, value)
            uuid = self._new_uuid()
            txid = uuid if txid is None else txid
            record: dict[str, Any] = {
                "type": "deposit",
                "uuid": uuid,
                "currency": currency,
                "net_type": net_type,
                "txid": txid,
                "state": "ACCEPTED",
                "created_at": _kst(now_ms),
                "done_at": _kst(now_ms),
                "amount": decimal_text(value),
                "fee": "0",
                "transaction_type": transaction_type,
            }
            self.store.put_record(
                "deposits",
                uuid=record["uuid"],
                pocket=pocket,
                currency=currency,
                state="ACCEPTED",
                created_ms=now_ms,
                body=record,
                txid=txid,
            )
            return record

    def withdraw(
        self,
        pocket: str,
        currency: str,
        amount: str | int,
        *,
        now_ms: int,
        fee: Decimal = Decimal(0),
        net_type: str | None = None,
        txid: str | None = None,
        transaction_type: str = "default",
    ) -> dict[str, Any]:
        """Debit `amount + fee` at once (state DONE, not cancelable): a `Withdrawal` dict.

        Not enough balance answers 400 `invalid_parameter` (Upbit's name is undocumented).
        """
        currency, value = self._currency(currency), self._funds_amount(amount)
        with self._operation(now_ms) as op:
            if op.balance(pocket, currency).balance < value + fee:
                raise _error("invalid_parameter", f"출금 가능 금액({currency})이 부족합니다.")
            op.credit(pocket, currency, -(value + fee))
            record: dict[str, Any] = {
                "type": "withdraw",
                "uuid": self._new_uuid(),
                "currency": currency,
                "net_type": net_type,
                "txid": txid,
                "state": "DONE",
                "created_at": _kst(now_ms),
                "done_at": _kst(now_ms),
                "amount": decimal_text(value),
                "fee": decimal_text(fee),
                "transaction_type": transaction_type,
                "is_cancelable": False,
            }
            self.store.put_record(
                "withdrawals",
                uuid=record["uuid"],
                pocket=pocket,
                currency=currency,
                state="DONE",
                created_ms=now_ms,
                body=record,
                txid=txid,
            )
            return record

    def transfer(
        self,
        from_pocket: str,
        to_pocket: str,
        currency: str,
        amount: str | int,
        *,
        now_ms: int,
        identifier: str | None = None,
        universal: bool = False,
    ) -> dict[str, Any]:
        """Move available funds between two pockets at once: a `PocketTransfer` dict.

        `universal` transfers (a main-pocket key's, POST /v1/pockets/universal_transfers) and
        sub-pocket transfers are kept apart: each list endpoint shows only its own kind.

        Errors as documented: 404 `pocket_not_found`, 404 `currency_not_found`, 400
        `duplicated_identifier` (single use, burnt even by a failed transfer; a namespace
        of its own, apart from order identifiers), 400 `invalid_parameter` (bad amount,
        same pocket, not enough available balance).
        """
        if identifier is not None and not (
            isinstance(identifier, str) and re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", identifier)
        ):
            raise _error("invalid_parameter", "identifier does not have a valid value")
        burn = f"transfer:{identifier}" if identifier is not None else None
        if burn is not None and self.store.identifier_used(from_pocket, burn):
            raise _error("duplicated_identifier", "identifier가 이미 사용되었습니다.")
        try:
            for pocket in (from_pocket, to_pocket):
                if self.store.pocket(pocket) is None:
                    raise _error("pocket_not_found", "포켓을 찾지 못했습니다.", 404)
            if from_pocket == to_pocket:
                raise _error("invalid_parameter", "from and to must be different pockets")
            currency, value = self._currency(currency), self._funds_amount(amount)
            with self._operation(now_ms) as op:
                held = op.balance(from_pocket, currency)
                if held.balance + held.locked == 0:
                    raise _error("currency_not_found", "통화를 찾지 못했습니다.", 404)
                if held.balance < value:
                    raise _error("invalid_parameter", f"이체 가능 금액({currency})이 부족합니다.")
                op.credit(from_pocket, currency, -value)
                op.credit(to_pocket, currency, value)
                record: dict[str, Any] = {
                    "uuid": self._new_uuid(),
                    "identifier": identifier,
                    "from": from_pocket,
                    "to": to_pocket,
                    "state": "done",
                    "currency": currency,
                    "amount": decimal_text(value),
                    "created_at": _kst(now_ms),
                }
                self.store.put_record(
                    "universal_transfers" if universal else "transfers",
                    uuid=record["uuid"],
                    pocket=from_pocket,
                    counterparty=to_pocket,
                    currency=currency,
                    state="done",
                    created_ms=now_ms,
                    body=record,
                    identifier=identifier,
                )
                if burn is not None:
                    self.store.use_identifier(from_pocket, burn, now_ms)
                return record
        except SandboxError:
            if burn is not None:
                with self.store.transaction():
                    if not self.store.identifier_used(from_pocket, burn):
                        self.store.use_identifier(from_pocket, burn, now_ms)
            raise


def _invalid_message(kind: str) -> str:
    what = "주문가격" if kind == "price" else "주문수량"
    return f"{what} 단위를 잘못 입력하셨습니다. 확인 후 시도해주세요."
