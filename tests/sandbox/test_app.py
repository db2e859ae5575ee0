"""The sandbox over real HTTP: limits, auth, faults and restarts as a client meets them."""

from __future__ import annotations

import asyncio
import hashlib
import time
import uuid
from collections.abc import Callable, Iterator
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
        raw.get("/v1/market/all")  # warm the connection (another group)
        time.sleep(1 - time.time() % 1 + 0.02)  # start just after a wall-clock second
        began = time.time()
        answers = [raw.get("/v1/ticker", params={"markets": "KRW-BTC"}) for _ in range(15)]
        assert time.time() - began < 0.9, "too slow to stay inside one second"
    assert [a.status_code for a in answers] == [200] * 10 + [429] * 5
    counts = [a.headers["remaining-req"] for a in answers[:10]]
    assert counts == [f"group=ticker; min={599 - i}; sec={9 - i}" for i in range(10)]
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


def test_withdrawals_come_from_stored_state(sandbox: RunningSandbox) -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as upbit:
        before = upbit.get_balance("KRW")
        made = upbit.withdraw_krw(amount="20000", two_factor_type="kakao")
        listed = upbit.list_withdrawals(currency="KRW")
        after = upbit.get_balance("KRW")
    assert [w.uuid for w in listed] == [made.uuid]
    assert before - after == 20000 + 1000  # amount plus the KRW withdrawal fee


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
