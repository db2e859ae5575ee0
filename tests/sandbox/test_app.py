"""The sandbox over real HTTP: limits, auth, faults and restarts as a client meets them."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import jwt
import pytest

from upbit_ext import AsyncUpbit, MarketNotFound, NotFound, Upbit
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve
from upbit_ext.sandbox._serve import RunningSandbox

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with serve(SandboxConfig(db_path=tmp_path / "app.db", history_days=0.05)) as running:
        yield running


def _token(query: str = "", **claims: object) -> str:
    """An independent signer: PyJWT + hashlib, nothing from upbit_ext."""
    payload: dict[str, object] = {"access_key": DEMO_ACCESS_KEY, "nonce": str(uuid.uuid4())}
    if query:
        payload["query_hash"] = hashlib.sha512(query.encode()).hexdigest()
        payload["query_hash_alg"] = "SHA512"
    payload.update(claims)
    return jwt.encode(payload, DEMO_SECRET_KEY, algorithm="HS512")


def test_fifteen_requests_in_a_second_give_ten_answers_and_429s(sandbox: RunningSandbox) -> None:
    with httpx.Client(base_url=sandbox.url) as raw:
        # Warm the connection and the first ticker's simulation of the day behind it (0.16 s
        # on a quiet machine, over a second on a loaded one): the 15 must fit in one second.
        raw.get("/v1/ticker", params={"markets": "KRW-BTC"})
        time.sleep(1 - time.time() % 1 + 0.02)  # start just after a wall-clock second: a new window
        began = time.time()
        answers = [raw.get("/v1/ticker", params={"markets": "KRW-BTC"}) for _ in range(15)]
        assert time.time() - began < 0.9, "too slow to stay inside one second"
    assert [a.status_code for a in answers] == [200] * 10 + [429] * 5
    counts = [a.headers["remaining-req"] for a in answers[:10]]
    assert counts == [f"group=ticker; min=600; sec={9 - i}" for i in range(10)]
    assert answers[10].text == "Too many API requests."


def test_independently_signed_request_is_accepted(sandbox: RunningSandbox) -> None:
    query = "market=KRW-BTC"
    headers = {"Authorization": f"Bearer {_token(query)}"}
    with httpx.Client(base_url=sandbox.url) as raw:
        r = raw.get(f"/v1/orders/chance?{query}", headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["market"]["id"] == "KRW-BTC"


WRONG: dict[str, Callable[[], str | None]] = {
    "no_authorization_token": lambda: None,
    "jwt_verification": lambda: "Bearer " + jwt.encode(
        {"access_key": DEMO_ACCESS_KEY, "nonce": str(uuid.uuid4()),
         "query_hash": hashlib.sha512(b"market=KRW-BTC").hexdigest()},
        "a-different-secret-of-the-same-length-000", algorithm="HS512",
    ),
    "invalid_access_key": lambda: "Bearer " + _token("market=KRW-BTC", access_key="unknown"),
    "invalid_query_payload": lambda: "Bearer " + _token("market=KRW-ETH"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_requests_get_upbits_auth_errors(sandbox: RunningSandbox, name: str) -> None:
    authorization = WRONG[name]()
    headers = {"Authorization": authorization} if authorization else {}
    with httpx.Client(base_url=sandbox.url) as raw:
        r = raw.get("/v1/orders/chance?market=KRW-BTC", headers=headers)
    assert r.status_code == 401
    assert r.json()["error"]["name"] == name


def test_reused_nonce_is_refused(sandbox: RunningSandbox) -> None:
    token = _token()
    with httpx.Client(base_url=sandbox.url) as raw:
        first = raw.get("/v1/accounts", headers={"Authorization": f"Bearer {token}"})
        second = raw.get("/v1/accounts", headers={"Authorization": f"Bearer {token}"})
    assert first.status_code == 200
    assert second.json()["error"]["name"] == "nonce_used"


def test_dropped_connection_after_commit_leaves_exactly_one_order(sandbox: RunningSandbox) -> None:
    with httpx.Client(base_url=sandbox.url) as admin:
        assert (
            admin.post("/_sandbox/faults", json={"drop_after_commit_rate": 1.0}).status_code == 200
        )
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        order = upbit.create_order(
            market="KRW-BTC", side="bid", ord_type="limit", price="50000000", volume="0.001",
            identifier="drop-1",
        )  # fmt: skip
        assert order.identifier == "drop-1"
        with httpx.Client(base_url=sandbox.url) as admin:
            admin.post("/_sandbox/faults", json={"drop_after_commit_rate": 0.0})
        orders = upbit.list_open_orders(market="KRW-BTC")
    assert [o.identifier for o in orders] == ["drop-1"]
    assert upbit.health()["errors"].get("UpbitConnectionError") == 1


def _signed(
    raw: httpx.Client, method: str, path: str, query: str = "", body: object = None
) -> httpx.Response:
    """One request signed by the independent signer (query hash over the query or the body)."""
    if body is not None:
        content = json.dumps(body).encode()
        token = _token(urllib.parse.urlencode(body))  # type: ignore[arg-type]
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        return raw.request(method, path, content=content, headers=headers)
    headers = {"Authorization": f"Bearer {_token(query)}"}
    return raw.request(method, f"{path}?{query}" if query else path, headers=headers)


@pytest.mark.parametrize("write", ["delete_order", "delete_by_ids", "post_withdraw"])
def test_every_write_can_lose_its_answer_after_the_commit(
    sandbox: RunningSandbox, write: str
) -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        order = upbit.create_order(
            market="KRW-BTC", side="bid", ord_type="limit", price="50000000", volume="0.001"
        )
        krw_before = upbit.get_balance("KRW")
    with httpx.Client(base_url=sandbox.url) as raw:
        raw.post("/_sandbox/faults", json={"drop_after_commit_rate": 1.0})
        if write == "delete_order":
            send = lambda: _signed(raw, "DELETE", "/v1/order", f"uuid={order.uuid}")  # noqa: E731
        elif write == "delete_by_ids":
            send = lambda: _signed(raw, "DELETE", "/v1/orders/uuids", f"uuids[]={order.uuid}")  # noqa: E731
        else:
            body = {"amount": "10000", "two_factor_type": "kakao"}
            send = lambda: _signed(raw, "POST", "/v1/withdraws/krw", body=body)  # noqa: E731
        with pytest.raises(httpx.TransportError):
            send()
    with httpx.Client(base_url=sandbox.url) as raw:
        raw.post("/_sandbox/faults", json={"drop_after_commit_rate": 0.0})
        # a read is never dropped, whatever the rate
        raw.post("/_sandbox/faults", json={"drop_after_commit_rate": 1.0})
        looked_up = _signed(raw, "GET", "/v1/order", f"uuid={order.uuid}")
        raw.post("/_sandbox/faults", json={"drop_after_commit_rate": 0.0})
    assert looked_up.status_code == 200, looked_up.text
    if write == "post_withdraw":
        assert looked_up.json()["state"] == "wait"
        with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
            assert krw_before - upbit.get_balance("KRW") == 10000 + 1000  # committed once
    else:
        assert looked_up.json()["state"] == "cancel"  # committed, though the answer was lost


def test_a_market_order_answers_wait_and_its_fills_show_on_the_next_request(
    sandbox: RunningSandbox,
) -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        krw_before = upbit.get_balance("KRW")
        btc_before = upbit.get_balance("BTC")
        placed = upbit.create_order(market="KRW-BTC", side="bid", ord_type="price", price="50000")
        assert (placed.state, placed.trades_count) == ("wait", 0)
        assert (Decimal(placed.paid_fee), Decimal(placed.executed_volume)) == (0, 0)
        assert Decimal(placed.locked) == Decimal("50025")
        got = upbit.get_order(uuid=placed.uuid)
        krw_after = upbit.get_balance("KRW")
        btc_after = upbit.get_balance("BTC")
    assert got.state in ("done", "cancel")
    assert got.trades_count == len(got.trades) > 0
    assert btc_after - btc_before == Decimal(got.executed_volume) > 0
    spent = sum(Decimal(t.funds) for t in got.trades) + Decimal(got.paid_fee)
    assert krw_before - krw_after == spent


def test_two_hundred_day_candles_from_a_fresh_sandbox(sandbox: RunningSandbox) -> None:
    with httpx.Client(base_url=sandbox.url) as raw:
        days = raw.get("/v1/candles/days", params={"market": "KRW-BTC", "count": 200})
        trades = raw.get(
            "/v1/trades/ticks", params={"market": "KRW-BTC", "count": 5, "days_ago": 7}
        )
    assert days.status_code == 200, days.text
    assert len(days.json()) == 200
    assert len(trades.json()) == 5


def test_orders_and_balances_survive_a_restart(tmp_path: Path) -> None:
    config = SandboxConfig(db_path=tmp_path / "restart.db", history_days=0.05)
    with serve(config) as first, Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=first.url) as u:
        placed = u.create_order(
            market="KRW-BTC", side="bid", ord_type="limit", price="50000000", volume="0.001"
        )
        before = [(a.currency, a.balance, a.locked) for a in u.get_accounts()]
    with serve(config) as second, Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=second.url) as u:
        after = [(a.currency, a.balance, a.locked) for a in u.get_accounts()]
        again = u.get_order(uuid=placed.uuid)
    assert after == before
    assert again.state == "wait"
    assert again.identifier == placed.identifier


def test_a_nonce_spent_before_a_restart_is_still_refused(tmp_path: Path) -> None:
    config = SandboxConfig(db_path=tmp_path / "nonces.db", history_days=0.05)
    token = _token()
    headers = {"Authorization": f"Bearer {token}"}
    with serve(config) as first, httpx.Client(base_url=first.url) as raw:
        assert raw.get("/v1/accounts", headers=headers).status_code == 200
    with serve(config) as second, httpx.Client(base_url=second.url) as raw:
        replayed = raw.get("/v1/accounts", headers=headers)
        fresh = raw.get("/v1/accounts", headers={"Authorization": f"Bearer {_token()}"})
    assert replayed.status_code == 401
    assert replayed.json()["error"]["name"] == "nonce_used"
    assert fresh.status_code == 200


def test_withdrawals_come_from_stored_state(sandbox: RunningSandbox) -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        before = upbit.get_balance("KRW")
        made = upbit.withdraw_krw(amount="20000", two_factor_type="kakao")
        listed = upbit.list_withdrawals(currency="KRW")
        after = upbit.get_balance("KRW")
    assert [w.uuid for w in listed] == [made.uuid]
    assert before - after == 20000 + 1000  # amount plus the KRW withdrawal fee


def test_krw_withdrawal_answers_in_lower_case_and_lists_in_upper_case(
    sandbox: RunningSandbox,
) -> None:
    # Upbit's SDK 1.1.0: WithdrawCreateKrwWithdrawalResponse vs Withdraw
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        made = upbit.withdraw_krw(amount="20000", two_factor_type="kakao")
        (listed,) = upbit.list_withdrawals(currency="KRW")
    assert (made.state, listed.state) == ("done", "DONE")


def test_krw_deposit_carries_a_txid_it_can_be_found_by(sandbox: RunningSandbox) -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        made = upbit.deposit_krw(amount="30000", two_factor_type="naver")
        found = upbit.get_deposit(txid=made.txid)
    assert isinstance(made.txid, str)
    assert made.txid
    assert (found.uuid, found.currency, found.net_type) == (made.uuid, "KRW", None)


def test_pocket_api_keys_are_grouped_per_pocket_with_upbits_permission_names(
    tmp_path: Path,
) -> None:
    from upbit_ext.sandbox._state import ALL_PERMISSIONS, MAIN_POCKET, SUB_POCKET
    from upbit_ext.sandbox._verify import ApiKey

    now_ms = int(time.time() * 1000)
    other = "00000000-0000-4000-8000-00000000000a"
    keys = (
        ApiKey(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, ALL_PERMISSIONS, frozenset(), None, MAIN_POCKET),
        ApiKey("viewerKey", "viewerSecret", frozenset({"view_account", "view_order"}),
               frozenset({"203.0.113.10"}), now_ms + 86_400_000, other),
        ApiKey("expiredKey", "expiredSecret", frozenset({"place_order"}), frozenset(),
               now_ms - 86_400_000, other),
    )  # fmt: skip
    config = SandboxConfig(db_path=tmp_path / "keys.db", history_days=0.05, keys=keys)
    with (
        serve(config) as running,
        Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=running.url) as u,
    ):
        groups = {g.uuid: g for g in u.list_pocket_api_keys()}
        with_expired = u.list_pocket_api_keys(uuids=[other], include_expired=True)
    assert set(groups) == {MAIN_POCKET, SUB_POCKET, other}
    assert groups[SUB_POCKET].keys == []
    (main_key,) = groups[MAIN_POCKET].keys
    assert sorted(main_key.permissions) == [
        "deposit", "make_orders", "manage_pockets", "transfer", "view_account",
        "view_deposits", "view_orders", "view_withdrawals", "withdraw",
    ]  # fmt: skip
    (viewer,) = groups[other].keys  # the expired key is left out by default
    assert (viewer.access_key, viewer.permissions, viewer.allowed_ips) == (
        "viewerKey",
        ["view_account", "view_orders"],
        ["203.0.113.10"],
    )
    assert viewer.expired_at > viewer.created_at
    assert [g.uuid for g in with_expired] == [other]
    assert sorted(k.access_key for k in with_expired[0].keys) == ["expiredKey", "viewerKey"]


# Every quotation method that takes a market code, as a user calls it with one Upbit does not list.
UNKNOWN_MARKET: dict[str, Callable[[Upbit], object]] = {
    "list_tickers": lambda u: u.list_tickers(markets="KRW-BTC,KRW-NOPE"),
    "get_current_price": lambda u: u.get_current_price("KRW-NOPE"),
    "list_orderbooks": lambda u: u.list_orderbooks(markets="KRW-NOPE"),
    "list_orderbook_instruments": lambda u: u.list_orderbook_instruments(markets="KRW-NOPE"),
    "list_orderbook_levels": lambda u: u.list_orderbook_levels(markets="KRW-NOPE"),
    "list_recent_trades": lambda u: u.list_recent_trades(market="KRW-NOPE"),
    "list_minute_candles": lambda u: u.list_minute_candles(unit=1, market="KRW-NOPE"),
    "list_day_candles": lambda u: u.list_day_candles(market="KRW-NOPE"),
    "iter_candles": lambda u: next(iter(u.iter_candles("KRW-NOPE", "1m"))),
}


@pytest.mark.parametrize("call", sorted(UNKNOWN_MARKET))
def test_an_unknown_market_is_market_not_found_everywhere(
    sandbox: RunningSandbox, call: str
) -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        with pytest.raises(MarketNotFound) as ordered:
            upbit.create_order(
                market="KRW-NOPE", side="bid", ord_type="limit", price="1000", volume="1"
            )
        with pytest.raises(MarketNotFound) as quoted:
            UNKNOWN_MARKET[call](upbit)
    assert (ordered.value.status, ordered.value.name) == (400, "notfoundmarket")
    # Upbit's quotation answer: 404 {"error": {"name": 404, "message": "Code not found"}}.
    assert isinstance(quoted.value, NotFound)
    assert (quoted.value.name, quoted.value.message) == (404, "Code not found")
    assert quoted.value.hint == ordered.value.hint


def test_an_unknown_market_is_market_not_found_async(sandbox: RunningSandbox) -> None:
    async def tickers() -> None:
        async with AsyncUpbit(base_url=sandbox.url) as upbit:
            await upbit.list_tickers(markets="KRW-NOPE")

    with pytest.raises(MarketNotFound, match="Code not found"):
        asyncio.run(tickers())
