"""Order listings and fund movements of the paper exchange, pinned by mutation testing.

Each test here was written for a mutant of `upbit_ext/sandbox/_engine.py` that survived
`tests/sandbox/test_engine.py` (see mutation/engine-lists-and-funds.md). Expected values are
worked out by hand from Upbit's documented rules, never copied from the engine's output.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_engine import MAIN, SEED, SUB, T0, ScriptedBook, limit, place, raises, scripted_book

from upbit_ext.sandbox._engine import Exchange
from upbit_ext.sandbox._errors import SandboxError
from upbit_ext.sandbox._store import Store

DAY = 24 * 60 * 60 * 1000
WEEK = 7 * DAY


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "sandbox.db")
    s.seed(SEED)
    yield s
    s.close()


@pytest.fixture
def book() -> ScriptedBook:
    return scripted_book()


@pytest.fixture
def ex(store: Store, book: ScriptedBook) -> Exchange:
    return Exchange(store, book)


def uuids(listed: list[dict[str, Any]]) -> list[str]:
    return [o["uuid"] for o in listed]


# --------------------------------------------------------------------------- list_orders
def test_the_deprecated_list_defaults_to_wait_orders_newest_first(ex: Exchange) -> None:
    a = place(ex, MAIN, limit("bid", "0.0001", "99000000"), now_ms=T0)
    b = place(ex, MAIN, limit("bid", "0.0001", "98000000"), now_ms=T0 + 1)
    ex.cancel(MAIN, a["uuid"], now_ms=T0 + 2)
    # GET /v1/orders without `state` lists `wait` orders only (the cancelled one is `cancel`).
    assert uuids(ex.list_orders(MAIN)) == [b["uuid"]]
    assert uuids(ex.list_orders(MAIN, states=["wait", "cancel"])) == [b["uuid"], a["uuid"]]
    assert ex.list_orders(SUB) == []


def rest(ex: Exchange, now_ms: int, price: str = "99000000", **extra: str) -> str:
    """A KRW-BTC bid below the book's best ask (100,000,000): it rests in state `wait`."""
    return str(place(ex, MAIN, limit("bid", "0.0001", price, **extra), now_ms=now_ms)["uuid"])


def closed(ex: Exchange, now_ms: int, **extra: str) -> str:
    """A resting bid placed at `now_ms` and cancelled 1 ms later: state `cancel`."""
    uuid = rest(ex, now_ms, **extra)
    ex.cancel(MAIN, uuid, now_ms=now_ms + 1)
    return uuid


def watching(ex: Exchange, store: Store, now_ms: int) -> str:
    """A `watch` order (Upbit's waiting stop-limit; the sandbox never makes one itself)."""
    uuid = rest(ex, now_ms)
    row = store.order(MAIN, uuid)
    assert row is not None
    with store.transaction():
        store.update_order(dataclasses.replace(row, state="watch"))
    return uuid


# --------------------------------------------------------------------------- refusals
WRONG_LIMIT = "limit must be from 1 to 100"
WRONG_PAGE = "page must be >= 1"
WRONG_ORDER_BY = "order_by does not have a valid value"
WRONG_WINDOW = "the time window must be at most 7 days"
LISTING_REFUSALS: list[tuple[str, Callable[[Exchange], Any], int, str, str]] = [
    ("open limit 0", lambda ex: ex.list_open(MAIN, limit=0), 400, "invalid_parameter", WRONG_LIMIT),
    (
        "open limit 101",
        lambda ex: ex.list_open(MAIN, limit=101),
        400,
        "invalid_parameter",
        WRONG_LIMIT,
    ),
    ("open page 0", lambda ex: ex.list_open(MAIN, page=0), 400, "invalid_parameter", WRONG_PAGE),
    (
        "open state done",
        lambda ex: ex.list_open(MAIN, states=["done"]),
        400,
        "invalid_parameter",
        "state must be one of wait, watch",
    ),
    (
        "open upper-case order_by",
        lambda ex: ex.list_open(MAIN, order_by="DESC"),
        400,
        "invalid_parameter",
        WRONG_ORDER_BY,
    ),
    (
        "open unknown market",
        lambda ex: ex.list_open(MAIN, market="KRW-NOPE"),
        400,
        "notfoundmarket",
        "다음 마켓에 없는 종목입니다: KRW-NOPE",
    ),
    (
        "closed limit 0",
        lambda ex: ex.list_closed(MAIN, limit=0, now_ms=T0),
        400,
        "invalid_parameter",
        "limit must be from 1 to 1000",
    ),
    (
        "closed limit 1001",
        lambda ex: ex.list_closed(MAIN, limit=1001, now_ms=T0),
        400,
        "invalid_parameter",
        "limit must be from 1 to 1000",
    ),
    (
        "closed state wait",
        lambda ex: ex.list_closed(MAIN, states=["wait"], now_ms=T0),
        400,
        "invalid_parameter",
        "state must be one of done, cancel",
    ),
    (
        "closed window 7 days + 1 ms",
        lambda ex: ex.list_closed(MAIN, start_ms=T0, end_ms=T0 + WEEK + 1, now_ms=T0),
        400,
        "invalid_parameter",
        WRONG_WINDOW,
    ),
    (
        "closed window ending before it starts",
        lambda ex: ex.list_closed(MAIN, start_ms=T0, end_ms=T0 - 1, now_ms=T0),
        400,
        "invalid_parameter",
        WRONG_WINDOW,
    ),
    (
        "closed order_by asc in capitals",
        lambda ex: ex.list_closed(MAIN, order_by="ASC", now_ms=T0),
        400,
        "invalid_parameter",
        WRONG_ORDER_BY,
    ),
    (
        "closed unknown market",
        lambda ex: ex.list_closed(MAIN, market="BTC-NOPE", now_ms=T0),
        400,
        "notfoundmarket",
        "다음 마켓에 없는 종목입니다: BTC-NOPE",
    ),
    (
        "orders limit 0",
        lambda ex: ex.list_orders(MAIN, limit=0),
        400,
        "invalid_parameter",
        WRONG_LIMIT,
    ),
    (
        "orders limit 101",
        lambda ex: ex.list_orders(MAIN, limit=101),
        400,
        "invalid_parameter",
        WRONG_LIMIT,
    ),
    (
        "orders page 0",
        lambda ex: ex.list_orders(MAIN, page=0),
        400,
        "invalid_parameter",
        WRONG_PAGE,
    ),
    (
        "orders state trade",
        lambda ex: ex.list_orders(MAIN, states=["trade"]),
        400,
        "invalid_parameter",
        "state must be one of wait, watch, done, cancel",
    ),
    (
        "orders order_by newest",
        lambda ex: ex.list_orders(MAIN, order_by="newest"),
        400,
        "invalid_parameter",
        WRONG_ORDER_BY,
    ),
    (
        "orders unknown market",
        lambda ex: ex.list_orders(MAIN, market="KRW-NOPE"),
        400,
        "notfoundmarket",
        "다음 마켓에 없는 종목입니다: KRW-NOPE",
    ),
    (
        "by ids: neither",
        lambda ex: ex.list_by_ids(MAIN),
        400,
        "validation_error",
        "uuids or identifiers is missing",
    ),
    (
        "by ids: empty lists are missing too",
        lambda ex: ex.list_by_ids(MAIN, uuids=[], identifiers=[]),
        400,
        "validation_error",
        "uuids or identifiers is missing",
    ),
    (
        "by ids: both",
        lambda ex: ex.list_by_ids(MAIN, uuids=["x"], identifiers=["y"]),
        400,
        "invalid_parameter",
        "uuids and identifiers cannot be used together",
    ),
    (
        "by ids: 101 uuids",
        lambda ex: ex.list_by_ids(MAIN, uuids=[str(i) for i in range(101)]),
        400,
        "invalid_parameter",
        "at most 100 uuids or identifiers",
    ),
    (
        "by ids: 101 identifiers",
        lambda ex: ex.list_by_ids(MAIN, identifiers=[str(i) for i in range(101)]),
        400,
        "invalid_parameter",
        "at most 100 uuids or identifiers",
    ),
]


@pytest.mark.parametrize(
    ("call", "status", "name", "message"),
    [row[1:] for row in LISTING_REFUSALS],
    ids=[row[0] for row in LISTING_REFUSALS],
)
def test_each_listing_refusal_says_exactly_what_is_wrong(
    ex: Exchange, call: Callable[[Exchange], Any], status: int, name: str, message: str
) -> None:
    with pytest.raises(SandboxError) as caught:
        call(ex)
    assert (caught.value.status, caught.value.name, caught.value.message) == (
        status,
        name,
        message,
    )


# --------------------------------------------------------------------------- list_open
def test_open_listing_shows_wait_by_default_and_watch_when_asked(
    ex: Exchange, store: Store
) -> None:
    waiting = rest(ex, T0)
    watched = watching(ex, store, T0 + 1)
    closed(ex, T0 + 2)
    # GET /v1/orders/open: `states[]` defaults to ["wait"]; `watch` only when asked.
    assert uuids(ex.list_open(MAIN)) == [waiting]
    assert uuids(ex.list_open(MAIN, states=["watch"])) == [watched]
    assert uuids(ex.list_open(MAIN, states=["wait", "watch"])) == [watched, waiting]
    assert ex.list_open(SUB) == []


def test_open_listing_pages_by_limit_and_filters_by_market(ex: Exchange) -> None:
    krw = [rest(ex, T0 + i) for i in range(5)]
    # A BTC-ETH bid at 0.029 BTC below the best ask 0.03 rests too (0.029 BTC >= 0.00005 min).
    eth = str(
        place(
            ex,
            MAIN,
            {
                "market": "BTC-ETH",
                "side": "bid",
                "volume": "1",
                "price": "0.029",
                "ord_type": "limit",
            },
            now_ms=T0 + 10,
        )["uuid"]
    )
    everything = [eth, *reversed(krw)]  # newest first
    assert uuids(ex.list_open(MAIN)) == everything  # page 1, limit 100, desc
    assert uuids(ex.list_open(MAIN, limit=100)) == everything
    assert uuids(ex.list_open(MAIN, limit=1)) == [eth]
    # page n of size 2 starts after (n - 1) * 2 orders.
    assert uuids(ex.list_open(MAIN, limit=2, page=1)) == [eth, krw[4]]
    assert uuids(ex.list_open(MAIN, limit=2, page=2)) == [krw[3], krw[2]]
    assert uuids(ex.list_open(MAIN, limit=2, page=4)) == []
    assert uuids(ex.list_open(MAIN, market="KRW-BTC", limit=2, page=2)) == [krw[2], krw[1]]
    assert uuids(ex.list_open(MAIN, market="BTC-ETH")) == [eth]
    assert uuids(ex.list_open(MAIN, order_by="asc", limit=2)) == krw[:2]
    assert uuids(ex.list_open(MAIN, order_by="desc", limit=2)) == [eth, krw[4]]


def test_open_listing_items_carry_executed_funds(ex: Exchange) -> None:
    # A bid of 0.004 at 100,001,000 takes the asks up to its price (0.001 @ 100,000,000 and
    # 0.002 @ 100,001,000) and rests with 0.001 left: still `wait`, partly executed.
    order = place(ex, MAIN, limit("bid", "0.004", "100001000"), now_ms=T0)
    assert order["state"] == "wait"
    (item,) = ex.list_open(MAIN)
    # executed funds = 0.001 * 100,000,000 + 0.002 * 100,001,000 = 100,000 + 200,002.
    assert (item["uuid"], item["executed_volume"], item["executed_funds"]) == (
        order["uuid"],
        "0.003",
        "300002",
    )


# --------------------------------------------------------------------------- list_closed
def filled(ex: Exchange, now_ms: int) -> str:
    """A bid of 0.001 at the best ask 100,000,000 fills the whole level: state `done`."""
    order = place(ex, MAIN, limit("bid", "0.001", "100000000"), now_ms=now_ms)
    assert order["state"] == "done"
    return str(order["uuid"])


def test_closed_listing_shows_done_and_cancel_by_default(ex: Exchange) -> None:
    done = filled(ex, T0)
    cancelled = closed(ex, T0 + 1)
    rest(ex, T0 + 2)  # still open: never listed as closed
    now = T0 + 10
    assert uuids(ex.list_closed(MAIN, now_ms=now)) == [cancelled, done]
    assert uuids(ex.list_closed(MAIN, states=["done"], now_ms=now)) == [done]
    assert uuids(ex.list_closed(MAIN, states=["cancel"], now_ms=now)) == [cancelled]
    assert uuids(ex.list_closed(MAIN, order_by="asc", now_ms=now)) == [done, cancelled]
    assert ex.list_closed(SUB, now_ms=now) == []
    # executed_funds of the done order: 0.001 * 100,000,000.
    assert [o["executed_funds"] for o in ex.list_closed(MAIN, now_ms=now)] == ["0", "100000"]


def test_closed_listing_windows_include_both_ends(ex: Exchange) -> None:
    """Windows of at most 7 days, both ends included (created_at within [start, end])."""
    start = T0 + DAY
    before, first, last, after = (
        closed(ex, start - 1),
        closed(ex, start),
        closed(ex, start + WEEK),
        closed(ex, start + WEEK + 1),
    )
    # Only start: the 7 days after it.
    assert uuids(ex.list_closed(MAIN, start_ms=start, now_ms=T0)) == [last, first]
    # Only end: the 7 days before it.
    assert uuids(ex.list_closed(MAIN, end_ms=start + WEEK, now_ms=T0)) == [last, first]
    # Neither: the 7 days before now.
    assert uuids(ex.list_closed(MAIN, now_ms=start + WEEK)) == [last, first]
    assert uuids(ex.list_closed(MAIN, now_ms=start + WEEK + 1)) == [after, last]
    # A window of exactly 7 days is allowed, and so is one of a single millisecond.
    assert uuids(ex.list_closed(MAIN, start_ms=start - 1, end_ms=start - 1 + WEEK, now_ms=T0)) == [
        first,
        before,
    ]
    assert uuids(ex.list_closed(MAIN, start_ms=start, end_ms=start, now_ms=T0)) == [first]
    assert uuids(ex.list_closed(MAIN, market="KRW-BTC", start_ms=start, now_ms=T0)) == [
        last,
        first,
    ]
    assert ex.list_closed(MAIN, market="BTC-ETH", start_ms=start, now_ms=T0) == []


def test_closed_listing_cuts_at_the_limit_100_by_default(ex: Exchange) -> None:
    made = [closed(ex, T0 + 2 * i) for i in range(101)]
    now = T0 + 1000
    newest_first = list(reversed(made))
    assert uuids(ex.list_closed(MAIN, now_ms=now)) == newest_first[:100]
    assert uuids(ex.list_closed(MAIN, limit=1000, now_ms=now)) == newest_first
    assert uuids(ex.list_closed(MAIN, limit=1, now_ms=now)) == newest_first[:1]


# --------------------------------------------------------------------------- list_orders
def test_the_deprecated_list_filters_and_pages(ex: Exchange, store: Store) -> None:
    a = rest(ex, T0, identifier="a")
    b = rest(ex, T0 + 1, identifier="b")
    c = rest(ex, T0 + 2, identifier="c")
    watched = watching(ex, store, T0 + 3)
    done = filled(ex, T0 + 4)
    assert uuids(ex.list_orders(MAIN)) == [c, b, a]  # state `wait` only by default
    assert uuids(ex.list_orders(MAIN, limit=100)) == [c, b, a]
    assert uuids(ex.list_orders(MAIN, limit=1, page=2)) == [b]
    assert uuids(ex.list_orders(MAIN, limit=2, page=2)) == [a]
    assert uuids(ex.list_orders(MAIN, order_by="asc", limit=1)) == [a]
    assert uuids(ex.list_orders(MAIN, states=["watch", "done"])) == [done, watched]
    assert uuids(ex.list_orders(MAIN, uuids=[a, c])) == [c, a]
    assert uuids(ex.list_orders(MAIN, identifiers=["b"])) == [b]
    assert uuids(ex.list_orders(MAIN, market="KRW-BTC", identifiers=["a", "b"])) == [b, a]
    assert ex.list_orders(MAIN, market="BTC-ETH") == []
    # The deprecated list's items have no `executed_funds` (Upbit's old Order shape).
    assert all("executed_funds" not in item for item in ex.list_orders(MAIN))


# --------------------------------------------------------------------------- by ids
def test_up_to_100_identifiers_may_be_asked_for(ex: Exchange) -> None:
    a = rest(ex, T0, identifier="a")
    b = rest(ex, T0 + 1, identifier="b")
    other = [f"none-{i}" for i in range(99)]
    assert uuids(ex.list_by_ids(MAIN, uuids=[a, *other])) == [a]
    assert uuids(ex.list_by_ids(MAIN, identifiers=["b", *other])) == [b]
    assert uuids(ex.list_by_ids(MAIN, identifiers=["a", "b"])) == [b, a]
    assert uuids(ex.list_by_ids(MAIN, uuids=[a, b], identifiers=[])) == [b, a]
    assert uuids(ex.list_by_ids(MAIN, uuids=[], identifiers=["a"])) == [a]


# --------------------------------------------------------------------------- funds in and out
# T0 = 1,774,000,000,000 ms = 2026-03-20 09:46:40 UTC = 18:46:40 in Korea (UTC+9); Upbit
# writes times as KST with the offset, whole seconds (the milliseconds are cut, not rounded).
T0_KST = "2026-03-20T18:46:40+09:00"
Events = list[tuple[str, dict[str, Any]]]


@pytest.fixture
def events() -> Events:
    return []


@pytest.fixture
def numbered(store: Store, book: ScriptedBook, events: Events) -> Exchange:
    """An exchange whose new uuids are u-1, u-2, ... and whose events are recorded."""
    counter = iter(range(1, 1000))
    return Exchange(
        store,
        book,
        on_event=lambda p, m: events.append((p, m)),
        new_uuid=lambda: f"u-{next(counter)}",
    )


def balances(ex: Exchange, pocket: str = MAIN) -> dict[str, tuple[str, str]]:
    return {row["currency"]: (row["balance"], row["locked"]) for row in ex.accounts(pocket)}


def assets(events: Events) -> list[tuple[str, int, list[tuple[str, float, float]]]]:
    """(pocket, timestamp, [(currency, balance, locked)]) of each myAsset message."""
    return [
        (
            pocket,
            message["timestamp"],
            [(a["currency"], a["balance"], a["locked"]) for a in message["assets"]],
        )
        for pocket, message in events
        if message["type"] == "myAsset"
    ]


def test_a_deposit_is_credited_at_once_and_answers_upbits_deposit(
    numbered: Exchange, store: Store, events: Events
) -> None:
    answer = numbered.deposit(MAIN, "KRW", "1000", now_ms=T0 + 999)
    expected = {
        "type": "deposit",
        "uuid": "u-1",
        "currency": "KRW",
        "net_type": None,
        "txid": "u-1",  # a KRW deposit has no chain txid: its uuid stands in (SDK: txid: str)
        "state": "ACCEPTED",
        "created_at": T0_KST,
        "done_at": T0_KST,
        "amount": "1000",
        "fee": "0",
        "transaction_type": "default",
    }
    assert answer == expected
    assert store.timed_records("deposits", MAIN) == [(T0 + 999, expected)]
    assert balances(numbered)["KRW"] == ("10001000", "0")
    assert assets(events) == [(MAIN, T0 + 999, [("KRW", 10_001_000.0, 0.0)])]


def test_a_coin_deposit_keeps_its_network_txid_and_kind(numbered: Exchange, store: Store) -> None:
    answer = numbered.deposit(
        SUB, "BTC", 2, now_ms=T0, net_type="BTC", txid="tx-9", transaction_type="internal"
    )
    assert (answer["uuid"], answer["txid"], answer["net_type"], answer["amount"]) == (
        "u-1",
        "tx-9",
        "BTC",
        "2",
    )
    assert (answer["transaction_type"], answer["currency"]) == ("internal", "BTC")
    assert store.records("deposits", SUB) == [answer]
    assert store.records("deposits", MAIN) == []
    assert balances(numbered, SUB)["BTC"] == ("2", "0")


def test_a_withdrawal_debits_amount_plus_fee_and_answers_upbits_withdraw(
    numbered: Exchange, store: Store, events: Events
) -> None:
    # 0.1 BTC held: 0.0995 + 0.0005 fee is exactly all of it.
    answer = numbered.withdraw(
        MAIN, "BTC", "0.0995", fee=Decimal("0.0005"), net_type="BTC", now_ms=T0 + 1
    )
    expected = {
        "type": "withdraw",
        "uuid": "u-1",
        "currency": "BTC",
        "net_type": "BTC",
        "txid": None,
        "state": "DONE",
        "created_at": T0_KST,
        "done_at": T0_KST,
        "amount": "0.0995",
        "fee": "0.0005",
        "transaction_type": "default",
        "is_cancelable": False,
    }
    assert answer == expected
    assert store.timed_records("withdrawals", MAIN) == [(T0 + 1, expected)]
    assert "BTC" not in balances(numbered)  # nothing left, so not listed
    assert assets(events) == [(MAIN, T0 + 1, [("BTC", 0.0, 0.0)])]


def test_a_withdrawal_without_a_fee_and_with_a_txid(numbered: Exchange) -> None:
    answer = numbered.withdraw(
        MAIN, "KRW", 10_000, txid="tx-1", transaction_type="internal", now_ms=T0
    )
    assert (answer["fee"], answer["txid"], answer["transaction_type"], answer["net_type"]) == (
        "0",
        "tx-1",
        "internal",
        None,
    )
    assert balances(numbered)["KRW"] == ("9990000", "0")


def test_a_withdrawal_needs_amount_plus_fee_available(numbered: Exchange, store: Store) -> None:
    for amount, fee in (("0.1", Decimal("0.0005")), ("0.09950001", Decimal("0.0005"))):
        with pytest.raises(SandboxError) as caught:
            numbered.withdraw(MAIN, "BTC", amount, fee=fee, now_ms=T0)
        assert (caught.value.status, caught.value.name, caught.value.message) == (
            400,
            "invalid_parameter",
            "출금 가능 금액(BTC)이 부족합니다.",
        )
    # Locked funds are not available: an ask locks 0.05 of the 0.1 BTC.
    place(numbered, MAIN, limit("ask", "0.05", "200000000"), now_ms=T0)
    with raises("invalid_parameter"):
        numbered.withdraw(MAIN, "BTC", "0.05000001", now_ms=T0 + 1)
    numbered.withdraw(MAIN, "BTC", "0.05", now_ms=T0 + 1)
    assert balances(numbered)["BTC"] == ("0", "0.05")
    assert len(store.records("withdrawals", MAIN)) == 1


def test_a_transfer_moves_funds_between_pockets_and_answers_upbits_pocket_transfer(
    numbered: Exchange, store: Store, events: Events
) -> None:
    answer = numbered.transfer(MAIN, SUB, "KRW", "1001", identifier="t.1", now_ms=T0 + 5)
    expected = {
        "uuid": "u-1",
        "identifier": "t.1",
        "from": MAIN,
        "to": SUB,
        "state": "done",
        "currency": "KRW",
        "amount": "1001",
        "created_at": T0_KST,
    }
    assert answer == expected
    assert balances(numbered)["KRW"] == ("9998999", "0")
    assert balances(numbered, SUB)["KRW"] == ("51001", "0")
    # Stored as the sender's transfer with the receiver as counterparty, as a sub-pocket one.
    assert store.timed_records("transfers", MAIN) == [(T0 + 5, expected)]
    assert store.records("transfers", SUB) == []
    assert store.records("transfers", SUB, include_counterparty=True) == [expected]
    assert store.records("universal_transfers", MAIN) == []
    assert assets(events) == [
        (MAIN, T0 + 5, [("KRW", 9_998_999.0, 0.0)]),
        (SUB, T0 + 5, [("KRW", 51_001.0, 0.0)]),
    ]


def test_a_universal_transfer_is_kept_apart_and_may_move_everything(
    numbered: Exchange, store: Store
) -> None:
    # All 50,000 KRW of the sub-pocket: exactly what is available may be moved.
    answer = numbered.transfer(SUB, MAIN, "KRW", 50_000, now_ms=T0, universal=True)
    assert (answer["identifier"], answer["from"], answer["to"], answer["amount"]) == (
        None,
        SUB,
        MAIN,
        "50000",
    )
    assert store.records("universal_transfers", SUB) == [answer]
    assert store.records("transfers", SUB, include_counterparty=True) == []
    assert balances(numbered, SUB)["KRW"] == ("0", "0")
    assert balances(numbered)["KRW"] == ("10050000", "0")


def test_locked_funds_cannot_be_transferred_but_the_rest_can(numbered: Exchange) -> None:
    # An ask of 0.05 BTC locks half of MAIN's 0.1 BTC: balance 0.05, locked 0.05.
    place(numbered, MAIN, limit("ask", "0.05", "200000000"), now_ms=T0)
    with pytest.raises(SandboxError) as caught:
        numbered.transfer(MAIN, SUB, "BTC", "0.05000001", now_ms=T0 + 1)
    assert (caught.value.status, caught.value.name, caught.value.message) == (
        400,
        "invalid_parameter",
        "이체 가능 금액(BTC)이 부족합니다.",
    )
    numbered.transfer(MAIN, SUB, "BTC", "0.05", now_ms=T0 + 1)
    assert balances(numbered)["BTC"] == ("0", "0.05")
    # Everything available is gone, but the currency is still held (locked): not "not found".
    with raises("invalid_parameter"):
        numbered.transfer(MAIN, SUB, "BTC", "0.00000001", now_ms=T0 + 2)
    assert balances(numbered, SUB)["BTC"] == ("0.05", "0")


NO_POCKET = (404, "pocket_not_found", "포켓을 찾지 못했습니다.")
NO_CURRENCY = (404, "currency_not_found", "통화를 찾지 못했습니다.")
BAD_AMOUNT = (400, "invalid_parameter", "amount does not have a valid value")
BAD_IDENTIFIER = (400, "invalid_parameter", "identifier does not have a valid value")
TRANSFER_REFUSALS: list[tuple[str, dict[str, Any], tuple[int, str, str]]] = [
    ("unknown receiver", {"to_pocket": "no-such-pocket"}, NO_POCKET),
    ("unknown sender", {"from_pocket": "no-such-pocket"}, NO_POCKET),
    (
        "same pocket",
        {"to_pocket": MAIN},
        (400, "invalid_parameter", "from and to must be different pockets"),
    ),
    ("currency never held", {"currency": "ETH"}, NO_CURRENCY),
    ("currency in lower case", {"currency": "krw"}, NO_CURRENCY),
    ("currency of 16 characters", {"currency": "K" * 16}, NO_CURRENCY),
    ("currency empty", {"currency": ""}, NO_CURRENCY),
    ("currency not a string", {"currency": 1}, NO_CURRENCY),
    ("amount 0", {"amount": "0"}, BAD_AMOUNT),
    ("amount negative", {"amount": "-1"}, BAD_AMOUNT),
    ("amount of 9 decimals", {"amount": "0.000000001"}, BAD_AMOUNT),
    ("amount of 21 digits", {"amount": "1234567890123.12345678"}, BAD_AMOUNT),
    ("amount a float", {"amount": 1.5}, BAD_AMOUNT),
    ("amount a bool", {"amount": True}, BAD_AMOUNT),
    ("amount in exponent form", {"amount": "1e3"}, BAD_AMOUNT),
    ("amount with a leading dot", {"amount": ".5"}, BAD_AMOUNT),
    ("identifier empty", {"identifier": ""}, BAD_IDENTIFIER),
    ("identifier of 65 characters", {"identifier": "a" * 65}, BAD_IDENTIFIER),
    ("identifier with a space", {"identifier": "a b"}, BAD_IDENTIFIER),
    ("identifier with a slash", {"identifier": "a/b"}, BAD_IDENTIFIER),
    ("identifier not a string", {"identifier": 7}, BAD_IDENTIFIER),
]


@pytest.mark.parametrize(
    ("change", "error"),
    [row[1:] for row in TRANSFER_REFUSALS],
    ids=[row[0] for row in TRANSFER_REFUSALS],
)
def test_each_transfer_refusal_says_exactly_what_is_wrong(
    numbered: Exchange, store: Store, change: dict[str, Any], error: tuple[int, str, str]
) -> None:
    call: dict[str, Any] = {
        "from_pocket": MAIN,
        "to_pocket": SUB,
        "currency": "KRW",
        "amount": "1",
        **change,
    }
    with pytest.raises(SandboxError) as caught:
        numbered.transfer(**call, now_ms=T0)
    assert (caught.value.status, caught.value.name, caught.value.message) == error
    assert balances(numbered)["KRW"] == ("10000000", "0")
    assert balances(numbered, SUB)["KRW"] == ("50000", "0")
    assert store.records("transfers", MAIN) == []


def test_amounts_of_every_allowed_form_are_accepted(numbered: Exchange) -> None:
    """Amounts as order amounts are read: positive, at most 8 decimals and 20 significant
    digits (a round number's trailing zeros do not count), text or integer, blanks trimmed."""
    moved = [
        numbered.transfer(MAIN, SUB, "KRW", amount, now_ms=T0)["amount"]
        for amount in ("0.00000001", "1", 2, " 3 ", "4.50000000")
    ]
    assert moved == ["0.00000001", "1", "2", "3", "4.5"]
    twenty = numbered.deposit(MAIN, "BTC", "123456789012.12345678", now_ms=T0)
    assert twenty["amount"] == "123456789012.12345678"
    huge = numbered.deposit(MAIN, "XRP", "1" + "0" * 24, now_ms=T0)  # 10^24: 1 digit
    assert huge["amount"] == "1" + "0" * 24
    assert balances(numbered)["XRP"] == ("1" + "0" * 24, "0")


def test_currencies_are_upper_case_letters_and_digits_up_to_15(numbered: Exchange) -> None:
    for currency in ("A", "1INCH", "ABCDEFGHIJKLMNO"):
        assert numbered.deposit(MAIN, currency, "1", now_ms=T0)["currency"] == currency
    for currency in ("ABCDEFGHIJKLMNOP", "btc", "", "BTC ", None):
        with pytest.raises(SandboxError) as caught:
            numbered.deposit(MAIN, currency, "1", now_ms=T0)  # type: ignore[arg-type]
        assert (caught.value.status, caught.value.name, caught.value.message) == NO_CURRENCY
        with pytest.raises(SandboxError) as caught:
            numbered.withdraw(MAIN, currency, "1", now_ms=T0)  # type: ignore[arg-type]
        assert (caught.value.status, caught.value.name, caught.value.message) == NO_CURRENCY


def test_deposit_and_withdrawal_amounts_are_checked_like_transfers(numbered: Exchange) -> None:
    for amount in ("0", "-5", "0.000000001", 1.5, True, "1,000", ""):
        for call in (numbered.deposit, numbered.withdraw):
            with pytest.raises(SandboxError) as caught:
                call(MAIN, "KRW", amount, now_ms=T0)  # type: ignore[arg-type]
            assert (caught.value.status, caught.value.name, caught.value.message) == BAD_AMOUNT
    assert balances(numbered)["KRW"] == ("10000000", "0")


def test_transfer_identifiers_are_single_use_per_sending_pocket(
    numbered: Exchange, store: Store
) -> None:
    longest = "Az09_.-" + "x" * 57  # 64 characters of every allowed kind
    numbered.transfer(MAIN, SUB, "KRW", "1", identifier=longest, now_ms=T0)
    with pytest.raises(SandboxError) as caught:
        numbered.transfer(MAIN, SUB, "KRW", "1", identifier=longest, now_ms=T0 + 1)
    assert (caught.value.status, caught.value.name, caught.value.message) == (
        400,
        "duplicated_identifier",
        "identifier가 이미 사용되었습니다.",
    )
    # Identifiers belong to the pocket that sends (its API key's), like order identifiers.
    numbered.transfer(SUB, MAIN, "KRW", "1", identifier=longest, now_ms=T0 + 2)
    # A failed transfer burns its identifier in the sending pocket only.
    with raises("invalid_parameter"):
        numbered.transfer(SUB, MAIN, "KRW", "50001", identifier="f", now_ms=T0 + 3)
    with raises("duplicated_identifier"):
        numbered.transfer(SUB, MAIN, "KRW", "1", identifier="f", now_ms=T0 + 4)
    numbered.transfer(MAIN, SUB, "KRW", "1", identifier="f", now_ms=T0 + 5)
    # Transfer identifiers are apart from order identifiers, both ways.
    place(numbered, MAIN, limit("bid", "0.0001", "99000000", identifier="f"), now_ms=T0 + 6)
    place(numbered, MAIN, limit("bid", "0.0001", "99000000", identifier="o"), now_ms=T0 + 7)
    numbered.transfer(MAIN, SUB, "KRW", "1", identifier="o", now_ms=T0 + 8)
    assert [r["identifier"] for r in store.records("transfers", MAIN)] == [longest, "f", "o"]


def test_a_hook_failing_after_a_committed_transfer_leaves_its_identifier_burnt_once(
    store: Store, book: ScriptedBook
) -> None:
    """The event hook runs after the commit; if it raises, the transfer has happened and its
    identifier is already burnt: the error passes through (not a second burn's IntegrityError)."""

    def failing_hook(pocket: str, message: dict[str, Any]) -> None:
        raise SandboxError(500, "server_error", "hook failed")

    ex = Exchange(store, book, on_event=failing_hook)
    with pytest.raises(SandboxError) as caught:
        ex.transfer(MAIN, SUB, "KRW", "1", identifier="once", now_ms=T0)
    assert (caught.value.status, caught.value.name) == (500, "server_error")
    assert balances(ex, SUB)["KRW"] == ("50001", "0")  # committed before the hook ran
    with raises("duplicated_identifier"):
        ex.transfer(MAIN, SUB, "KRW", "1", identifier="once", now_ms=T0 + 1)
