"""The sandbox's HTTP face: one Starlette route per operation of the shipped spec.

Each request goes through the same steps as at Upbit: parameters checked as the spec
declares them, rate limit per IP (quotation) or pocket (exchange), strict JWT checks,
then the market simulator or the paper exchange answers with the wire shapes the spec
describes. Faults can be injected (latency, 5xx, 429 bursts, a dropped connection after
any write — POST or DELETE — was committed) through the admin endpoint `/_sandbox/faults`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute

from ._errors import SandboxError
from ._info import info_routes
from ._params import SpecOperation, load_operations, parse_body, parse_query
from ._state import Sandbox, SandboxConfig
from ._verify import verify_request
from ._websocket import websocket_routes

__all__ = ["Faults", "create_app"]

# The permission each operation needs, by what it touches (upbit-api.md §1.2 "Perm").
_PERMISSIONS: dict[str, str | None] = {
    "get_accounts": "view_account",
    "get_order_chance": "view_order", "get_order": "view_order", "list_orders": "view_order",
    "list_orders_by_ids": "view_order", "list_open_orders": "view_order",
    "list_closed_orders": "view_order",
    "create_order": "place_order", "test_order": "place_order", "cancel_order": "place_order",
    "cancel_orders_by_ids": "place_order", "cancel_open_orders": "place_order",
    "cancel_and_new_order": "place_order",
    "withdraw_coin": "withdraw", "withdraw_krw": "withdraw", "cancel_withdrawal": "withdraw",
    "deposit_krw": "deposit", "verify_travel_rule_by_uuid": "deposit",
    "verify_travel_rule_by_txid": "deposit",
    "create_pocket_transfer": "transfer",
    "get_wallet_status": None, "list_api_keys": None,
}  # fmt: skip
_BY_TAG = {
    "withdrawal": "view_withdraw", "deposit": "view_deposit", "travel-rule": "view_deposit",
    "pocket": "manage_pocket",
}  # fmt: skip


def permission_for(op: SpecOperation) -> str | None:
    if op.id in _PERMISSIONS:
        return _PERMISSIONS[op.id]
    return _BY_TAG.get(op.tag)


@dataclass
class Faults:
    """What to break, and how often. All probabilities are per request, 0..1."""

    latency_ms: int = 0
    error_rate: float = 0.0
    burst_429_rate: float = 0.0
    drop_after_commit_rate: float = 0.0
    ws_disconnect_after: int | None = None
    ws_stall_after: int | None = None
    ws_skip_rate: float = 0.0
    ws_idle_timeout_s: float = 120.0
    seed: int | None = None
    _rng: random.Random = field(default_factory=random.Random, repr=False)

    def __post_init__(self) -> None:
        for name in ("error_rate", "burst_429_rate", "drop_after_commit_rate", "ws_skip_rate"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ValueError(f"{name} must be a probability from 0 to 1, got {value!r}")
        if not isinstance(self.latency_ms, int) or self.latency_ms < 0:
            raise ValueError(f"latency_ms must be an integer >= 0, got {self.latency_ms!r}")
        for name in ("ws_disconnect_after", "ws_stall_after"):
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or value < 1
            ):
                raise ValueError(f"{name} must be None or an integer >= 1, got {value!r}")
        timeout = self.ws_idle_timeout_s
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
            raise ValueError(f"ws_idle_timeout_s must be a number > 0, got {timeout!r}")
        self._rng = random.Random(self.seed)

    def roll(self, rate: float) -> bool:
        return rate > 0 and self._rng.random() < rate


ABORT_KEY = "upbit_sandbox.abort"
# Every write can lose its answer after the commit: orders, cancels, withdrawals, transfers.
_WRITES = frozenset({"POST", "DELETE"})


class Abortable:
    """Outermost ASGI layer under uvicorn: lets a fault close the socket without an answer.

    ASGI has no way to drop a connection; uvicorn's `send` is bound to its connection
    cycle, which holds the transport. Without one (in-process use) the fault answers 500.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        transport = getattr(getattr(send, "__self__", None), "transport", None)
        if scope["type"] == "http" and transport is not None:
            scope[ABORT_KEY] = transport.close
        await self.app(scope, receive, send)


def _json(status: int, payload: Any, headers: Mapping[str, str]) -> Response:
    return JSONResponse(payload, status_code=status, headers=dict(headers))


def _error(err: SandboxError, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse(err.body(), status_code=err.status, headers=dict(headers or {}))


def _endpoint(sandbox: Sandbox, op: SpecOperation) -> Callable[[Request], Awaitable[Response]]:
    quotation = op.tag == "quotation"

    async def endpoint(request: Request) -> Response:
        faults = sandbox.faults
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        client_ip = request.client.host if request.client else "127.0.0.1"
        body = await request.body()
        now_ms = sandbox.now_ms()
        headers: dict[str, str] = {}
        try:
            if faults.roll(faults.burst_429_rate):
                return PlainTextResponse("Too many API requests.", status_code=429)
            verdict = None
            if quotation:
                if sandbox.limiter is not None:
                    verdict = sandbox.limiter.hit(op.rate_group, f"ip:{client_ip}", now_ms / 1000)
                    headers = {"Remaining-Req": verdict.header, "Limit-By-Ip": "Yes"}
            else:
                key = verify_request(
                    authorization=request.headers.get("authorization"),
                    raw_query=request.scope["query_string"],
                    body=body,
                    content_type=request.headers.get("content-type"),
                    client_ip=client_ip,
                    keys=sandbox.store,
                    nonces=sandbox.nonces,
                    permission=permission_for(op),
                    now_ms=now_ms,
                )
                if sandbox.limiter is not None:
                    unit = f"pocket:{key.pocket}"
                    verdict = sandbox.limiter.hit(op.rate_group, unit, now_ms / 1000)
                    headers = {"Remaining-Req": verdict.header}
            if verdict is not None and verdict.status == 429:
                return PlainTextResponse("Too many API requests.", status_code=429, headers=headers)
            if verdict is not None and verdict.status == 418:
                blocked = {**headers, "Retry-After": str(verdict.retry_after)}
                return PlainTextResponse("I'm a teapot", status_code=418, headers=blocked)
            if faults.roll(faults.error_rate):
                raise SandboxError(500, 500 if quotation else "server_error", "injected fault")
            query = {k: request.query_params.getlist(k) for k in request.query_params}
            params = parse_query(op, query, request.path_params)
            if op.body_schema is not None:
                params.update(parse_body(op, body))
            pocket = None if quotation else key.pocket
            status, payload = sandbox.dispatch(op, params, pocket=pocket, now_ms=now_ms)
            if op.method in _WRITES and faults.roll(faults.drop_after_commit_rate):
                abort = request.scope.get(ABORT_KEY)
                if abort is not None:
                    abort()  # committed, and the client never hears of it
                    return Response(status_code=500)
                raise SandboxError(500, "server_error", "injected fault after commit")
            return _json(status, payload, headers)
        except SandboxError as err:
            return _error(err, headers)

    return endpoint


def _by_method(
    endpoints: Mapping[str, Callable[[Request], Awaitable[Response]]],
) -> Callable[[Request], Awaitable[Response]]:
    """One route per path, so a 405 lists every method the path has in `Allow`."""

    async def endpoint(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await endpoints[method](request)

    return endpoint


def create_app(config: SandboxConfig | None = None) -> Starlette:
    """An ASGI app answering every operation of the spec (and, later, the WebSocket)."""
    sandbox = Sandbox(config or SandboxConfig())
    by_path: dict[str, dict[str, Callable[[Request], Awaitable[Response]]]] = {}
    for op in load_operations():
        by_path.setdefault(op.path, {})[op.method] = _endpoint(sandbox, op)
    routes: list[Route | WebSocketRoute] = [
        Route(path, _by_method(endpoints), methods=list(endpoints))
        for path, endpoints in by_path.items()
    ]

    async def set_faults(request: Request) -> Response:
        try:
            changes = json.loads(await request.body() or b"{}")
            if not isinstance(changes, dict):
                raise ValueError("a JSON object of fault settings is expected")
            sandbox.faults = Faults(**{**_public(sandbox.faults), **changes})
        except (TypeError, ValueError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(_public(sandbox.faults))

    async def get_faults(request: Request) -> Response:
        return JSONResponse(_public(sandbox.faults))

    routes += [
        Route("/_sandbox/faults", get_faults, methods=["GET"]),
        Route("/_sandbox/faults", set_faults, methods=["POST"]),
    ]
    routes += websocket_routes(sandbox)
    routes += info_routes(sandbox)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        sandbox.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.sandbox = sandbox
    return app


def _public(faults: Faults) -> dict[str, Any]:
    return {k: v for k, v in vars(faults).items() if not k.startswith("_")}
