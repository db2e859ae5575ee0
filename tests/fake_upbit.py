"""A small Upbit look-alike on loopback for the facade tests.

It verifies every signed request on its own (PyJWT + hashlib, no code shared with
`upbit_ext`), keeps orders by uuid and identifier, serves synthetic candles, trades and
closed orders that honour Upbit's paging parameters, answers everything else with the
spec's example, and injects scripted faults (drop the connection after committing an
order, 5xx after commit, text 429, 418, oversized bodies). It is test scaffolding, not the
sandbox exchange.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import jwt
from _spec import load_examples, load_spec, operations, resolve

ACCESS_KEY = "fAkEaCcEsSkEy0123456789abcdefghijklmnopq"
SECRET_KEY = "fAkEsEcReTkEy0123456789abcdefghijklmnopq"
NOW = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)
CANDLES = 450  # one-minute candles ending at NOW
TRADES = 1200
CLOSED_ORDERS_DAYS = 20
KST = timedelta(hours=9)


@dataclass
class Record:
    method: str
    path: str
    query: str
    body: bytes
    nonce: str | None
    status: int = 0


@dataclass
class Fault:
    method: str
    path: str
    # drop | drop_after_commit | 500_after_commit | 500 | 502_html | 429 | 418 | 400 | huge
    # | lag (a look-up misses once) | "status <code> [<Header>: <value>]"
    kind: str


@dataclass
class State:
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    withdrawals: dict[str, dict[str, Any]] = field(default_factory=dict)
    identifiers: set[str] = field(default_factory=set)
    nonces: set[str] = field(default_factory=set)
    records: list[Record] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)


def _render_body(raw: bytes) -> str:
    pairs = json.loads(raw.decode("utf-8"), object_pairs_hook=list)
    return "&".join(f"{k}={json.dumps(v) if isinstance(v, bool) else v}" for k, v in pairs)


class FakeUpbit(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.RLock()
        self.state = State()
        spec = load_spec()
        self.secured = {(op.method, op.path) for op in operations(spec) if op.tag != "quotation"}
        self.examples: list[tuple[str, re.Pattern[str], int, Any]] = []
        for op in operations(spec):
            status = min(s for s in op.definition["responses"] if s.startswith("2"))
            media = resolve(op.definition["responses"][status], spec)["content"]["application/json"]
            body = media.get("example")
            if body is None:
                body = next(iter(media["examples"].values()))["value"]
            pattern = re.compile("^" + re.sub(r"\{[^/]+\}", "[^/]+", op.path) + "$")
            self.examples.append((op.method, pattern, int(status), body))
        self.order_template = load_examples()["GET /v1/order (limit, wait)"]["data"]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up mid-answer are part of the fault tests, not a server failure."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def inject(self, method: str, path: str, *kinds: str) -> None:
        with self.lock:
            self.state.faults.extend(Fault(method, path, k) for k in kinds)

    def add_order(self, state: str = "wait", identifier: str | None = None) -> dict[str, Any]:
        """An order already on the book (or closed), as if placed earlier."""
        order = {**self.order_template, "uuid": str(uuid.uuid4()), "state": state, "trades": []}
        if identifier is not None:
            order["identifier"] = identifier
            self.state.identifiers.add(identifier)
        else:
            order.pop("identifier", None)
        self.state.orders[order["uuid"]] = order
        return order

    def add_withdrawal(self, state: str = "WAITING") -> dict[str, Any]:
        withdrawal = {
            "type": "withdraw", "uuid": str(uuid.uuid4()), "currency": "BTC", "net_type": "BTC",
            "txid": None, "state": state, "created_at": "2026-03-11T15:00:00+09:00",
            "done_at": None, "amount": "0.01", "fee": "0.0005", "transaction_type": "default",
            "is_cancelable": state == "WAITING",
        }  # fmt: skip
        self.state.withdrawals[withdrawal["uuid"]] = withdrawal
        return withdrawal

    def requests_to(self, method: str, path: str) -> list[Record]:
        return [r for r in self.state.records if r.method == method and r.path == path]


class _Handler(BaseHTTPRequestHandler):
    server: FakeUpbit
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # --- plumbing ---------------------------------------------------------------------------

    def _send(
        self, status: int, body: Any, *, text: bool = False, headers: dict[str, str] | None = None
    ) -> None:
        payload = body.encode() if text else json.dumps(body, ensure_ascii=False).encode()
        self._record.status = status  # before the client can see the answer
        self.send_response(status)
        self.send_header(
            "Content-Type", "text/plain" if text else "application/json; charset=utf-8"
        )
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)

    def _error(self, status: int, name: str, message: str) -> None:
        self._send(status, {"error": {"name": name, "message": message}})

    def _drop(self) -> None:
        self.close_connection = True
        self._record.status = -1

    def _verify(self, body: bytes) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            self._error(401, "no_authorization_token", "Authorization header missing")
            return False
        try:
            claims = jwt.decode(header[7:], SECRET_KEY, algorithms=["HS512", "HS256"])
        except jwt.InvalidTokenError:
            self._error(401, "jwt_verification", "JWT verification failed")
            return False
        query = unquote(urlsplit(self.path).query)
        signed = query or (_render_body(body) if body else "")
        if claims.get("access_key") != ACCESS_KEY:
            self._error(401, "invalid_access_key", "unknown access key")
            return False
        expected = hashlib.sha512(signed.encode()).hexdigest() if signed else None
        if claims.get("query_hash") != expected:
            self._error(401, "invalid_query_payload", "query_hash mismatch")
            return False
        with self.server.lock:
            if claims["nonce"] in self.server.state.nonces:
                self._error(401, "nonce_used", "nonce reused")
                return False
            self.server.state.nonces.add(claims["nonce"])
        self._record.nonce = claims["nonce"]
        return True

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._record = Record(self.command, parts.path, unquote(parts.query), body, None)
        with self.server.lock:
            self.server.state.records.append(self._record)
        if (self.command, parts.path) in self.server.secured and not self._verify(body):
            return
        fault = self._take_fault(parts.path)
        params = dict(parse_qsl(parts.query))
        lists = {k: [v for kk, v in parse_qsl(parts.query) if kk == k] for k in params}
        if fault in {"drop", "500", "502_html", "429", "418", "huge", "bad_shape", "400"} or (
            fault or ""
        ).startswith("status "):
            return self._fault_before(fault)
        handler = getattr(
            self, f"_route_{self.command}_{parts.path.strip('/').replace('/', '_')}", None
        )
        if handler is not None:
            return handler(params, lists, body, fault)
        for method, pattern, status, example in self.server.examples:
            if method == self.command and pattern.match(parts.path):
                return self._send(
                    status, example, headers={"Remaining-Req": "group=default; min=1800; sec=29"}
                )
        self._error(404, "not_found", "no route")

    do_GET = do_POST = do_DELETE = _handle

    def _take_fault(self, path: str) -> str | None:
        with self.server.lock:
            faults = self.server.state.faults
            for fault in list(faults):
                if fault.method == self.command and fault.path == path:
                    faults.remove(fault)
                    return fault.kind
        return None

    def _fault_before(self, kind: str) -> None:
        if kind.startswith("status "):  # "status 503 Retry-After: 1": that status and header
            _, status, *header = kind.split(" ", 2)
            name, _, value = (header or [""])[0].partition(": ")
            body = {"error": {"name": "server_error", "message": f"status {status}"}}
            return self._send(int(status), body, headers={name: value} if name else None)
        if kind == "400":
            return self._error(400, "invalid_parameter", "잘못된 파라미터입니다.")
        if kind == "drop":
            return self._drop()
        if kind == "500":
            return self._error(500, "server_error", "internal error")
        if kind == "502_html":
            return self._send(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", text=True)
        if kind == "429":
            return self._send(429, "Too many API requests.", text=True)
        if kind == "418":
            return self._send(418, "I'm a teapot", text=True, headers={"Retry-After": "30"})
        if kind == "bad_shape":
            return self._send(200, [{"market": "KRW-BTC"}])  # required fields missing
        if kind == "huge":
            return self._send(200, [{"x": "y" * 1000}] * 3000)
        raise AssertionError(kind)

    # --- orders -----------------------------------------------------------------------------

    def _commit_order(self, fields: dict[str, Any]) -> dict[str, Any] | None:
        with self.server.lock:
            identifier = fields.get("identifier")
            if identifier in self.server.state.identifiers:
                self._error(400, "duplicated_identifier", "identifier already used")
                return None
            order = {
                **self.server.order_template,
                "uuid": str(uuid.uuid4()),
                "market": fields["market"],
                "side": fields["side"],
                "ord_type": fields["ord_type"],
                "trades": [],
            }
            for key in ("price", "volume"):
                if key in fields:
                    order[key] = fields[key]
            if identifier:
                order["identifier"] = identifier
                self.server.state.identifiers.add(identifier)
            self.server.state.orders[order["uuid"]] = order
            return order

    def _route_POST_v1_orders(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        order = self._commit_order(json.loads(body))
        if order is None:
            return None
        if fault == "drop_after_commit":
            return self._drop()
        if fault == "500_after_commit":
            return self._error(500, "server_error", "internal error after commit")
        created = {k: v for k, v in order.items() if k != "trades"}
        return self._send(201, created, headers={"Remaining-Req": "group=order; min=480; sec=11"})

    def _find(self, params: dict[str, str]) -> dict[str, Any] | None:
        with self.server.lock:
            for order in self.server.state.orders.values():
                if params.get("uuid") == order["uuid"] or (
                    params.get("identifier") and params.get("identifier") == order.get("identifier")
                ):
                    return order
        return None

    def _route_GET_v1_order(self, params: Any, lists: Any, body: bytes, fault: str | None) -> None:
        order = self._find(params)
        if order is None or fault == "lag":  # lag: the read replica has not seen it yet
            return self._error(404, "order_not_found", "주문을 찾지 못했습니다.")
        return self._send(200, order)

    def _after_commit(self, fault: str | None, status: int, body: Any) -> None:
        if fault == "drop_after_commit":
            return self._drop()
        if fault == "500_after_commit":
            return self._error(500, "server_error", "internal error after commit")
        return self._send(status, body)

    def _route_DELETE_v1_order(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        with self.server.lock:
            order = self._find(params)
            if order is not None and fault == "fill_and_drop":  # filled just before the cancel
                order["state"] = "done"
                return self._drop()
            if order is None or order["state"] not in {"wait", "watch"}:
                return self._error(404, "order_not_found", "주문을 찾지 못했습니다.")
            before = {k: v for k, v in order.items() if k != "trades"}
            order["state"] = "cancel"
        return self._after_commit(fault, 200, before)

    def _listed(self, lists: dict[str, list[str]]) -> list[dict[str, Any]]:
        uuids, idents = lists.get("uuids[]", []), lists.get("identifiers[]", [])
        return [
            o
            for o in self.server.state.orders.values()
            if o["uuid"] in uuids or o.get("identifier", object()) in idents
        ]

    def _route_GET_v1_orders_uuids(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        with self.server.lock:
            found = [
                {**{k: v for k, v in o.items() if k != "trades"}, "executed_funds": "0"}
                for o in self._listed(lists)
            ]
        return self._send(200, found)

    def _route_DELETE_v1_orders_uuids(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        success: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        with self.server.lock:
            for order in self._listed(lists):
                item = {"uuid": order["uuid"], "market": order["market"]}
                if order["state"] in {"wait", "watch"}:
                    order["state"] = "cancel"
                    success.append(item)
                else:
                    failed.append(item)
        result = {
            "success": {"count": len(success), "orders": success},
            "failed": {"count": len(failed), "orders": failed},
        }
        return self._after_commit(fault, 200, result)

    def _route_GET_v1_withdraw(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        found = self.server.state.withdrawals.get(params.get("uuid", ""))
        if found is None:
            return self._error(404, "withdraw_not_found", "출금 내역을 찾지 못했습니다.")
        return self._send(200, found)

    def _route_DELETE_v1_withdraws_coin(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        with self.server.lock:
            found = self.server.state.withdrawals.get(params.get("uuid", ""))
            if found is None:
                return self._error(404, "withdraw_not_found", "출금 내역을 찾지 못했습니다.")
            if fault == "process_and_drop":  # the withdrawal left before the cancel arrived
                found.update(state="PROCESSING", is_cancelable=False)
                return self._drop()
            if found["state"] != "WAITING":
                return self._error(400, "invalid_parameter", "취소할 수 없는 출금입니다.")
            found.update(state="CANCELLED", is_cancelable=False)
            answer = dict(found)
        return self._after_commit(fault, 200, answer)

    # --- paging data ------------------------------------------------------------------------

    def _route_GET_v1_candles_minutes_1(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        to = datetime.fromisoformat(params["to"].replace("Z", "+00:00")) if "to" in params else NOW
        count = int(params.get("count", 1))
        candles = []
        for i in range(CANDLES):
            start = NOW - timedelta(minutes=i + 1)
            if start < to and len(candles) < count:
                candles.append({
                    "market": params["market"], "unit": 1,
                    "candle_date_time_utc": start.strftime("%Y-%m-%dT%H:%M:%S"),
                    "candle_date_time_kst": (start + KST).strftime("%Y-%m-%dT%H:%M:%S"),
                    "opening_price": 100.0 + i, "high_price": 101.0 + i, "low_price": 99.0 + i,
                    "trade_price": 100.5 + i, "timestamp": int(start.timestamp() * 1000) + 59_000,
                    "candle_acc_trade_price": 1000.0, "candle_acc_trade_volume": 10.0,
                })  # fmt: skip
        self._send(200, candles)

    def _route_GET_v1_trades_ticks(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        count = int(params.get("count", 1))
        cursor = int(params["cursor"]) if "cursor" in params else None
        base = 17_732_400_590_950_001  # odd and above 2**53: exactness matters
        trades = []
        for i in range(TRADES):
            sid = base - i * 1000
            if (cursor is None or sid < cursor) and len(trades) < count:
                trades.append({
                    "market": params["market"], "trade_date_utc": "2026-03-11",
                    "trade_time_utc": "14:40:58", "timestamp": 1773240058930 - i,
                    "trade_price": 103493000.0, "trade_volume": 0.001,
                    "prev_closing_price": 102417000.0, "change_price": 1076000.0,
                    "ask_bid": "BID", "sequential_id": sid,
                })  # fmt: skip
        self._send(200, trades)

    def _route_GET_v1_orders_closed(
        self, params: Any, lists: Any, body: bytes, fault: str | None
    ) -> None:
        start = datetime.fromisoformat(params["start_time"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(params["end_time"].replace("Z", "+00:00"))
        if end - start > timedelta(days=7):
            return self._error(400, "invalid_parameter", "window over 7 days")
        limit = int(params.get("limit", 100))
        found = []
        for i in range(CLOSED_ORDERS_DAYS * 24 * 2):  # one order every 30 minutes
            created = NOW - timedelta(minutes=30 * i + 7)
            if start <= created < end:
                found.append({
                    **{k: v for k, v in self.server.order_template.items() if k != "trades"},
                    "uuid": f"00000000-0000-4000-8000-{i:012d}", "state": "done",
                    "created_at": created.astimezone(timezone_kst()).isoformat(),
                    "executed_funds": "5000",
                })  # fmt: skip
        self._send(200, found[:limit])

    def _route_GET_v1_ticker(self, params: Any, lists: Any, body: bytes, fault: str | None) -> None:
        template = load_examples()["GET /v1/ticker"]["data"][0]
        self._send(200, [{**template, "market": m} for m in params["markets"].split(",")])


def timezone_kst() -> Any:
    from datetime import timezone

    return timezone(timedelta(hours=9))
