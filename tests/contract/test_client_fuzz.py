"""Client-side fuzz: random valid and invalid arguments for every facade method.

The argument rules come from the generated operation table (`OPERATIONS`, read from the
spec) plus the rules Upbit states in prose, modelled here independently of the client.
Valid arguments must arrive at the sandbox exactly as given (same values under the wire
names) and signed so that the sandbox's own verifier accepts them: the sandbox checks the
token before anything else, so any answer other than 401 proves the signature, and a
400/404 business error is fine for random-but-valid arguments. Invalid arguments must be
refused before anything is sent, with a ValueError or TypeError naming the parameter.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from upbit_ext import AsyncUpbit, HTTPStatusError, Upbit
from upbit_ext._limits import DEFAULT_RATES
from upbit_ext._operations import OPERATIONS
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve
from upbit_ext.sandbox._market import DEFAULT_MARKETS

FACADES = ("sync", "async")
# Read by tests/contract/test_coverage_gate.py through the collected test ids.
FUZZED_OPERATIONS = tuple(sorted(OPERATIONS))
VALID_EXAMPLES = {"sync": 8, "async": 3}
INVALID_EXAMPLES = {"sync": 4, "async": 2}
ORIGIN_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z, so every run sees the same market

# --- the argument model --------------------------------------------------------------------

MONEY = frozenset({"price", "volume", "amount", "new_price", "new_volume"})
MARKET_NAMES = frozenset({"market", "prev_market"})
MARKET_LISTS = frozenset({"markets", "pairs", "excluded_pairs"})
# Upbit's prose: at most one of each pair, exactly one when the flag is set.
ONE_OF: dict[str, list[tuple[str, str, bool]]] = {
    "get_order": [("uuid", "identifier", True)],
    "cancel_order": [("uuid", "identifier", True)],
    "list_orders_by_ids": [("uuids", "identifiers", True)],
    "cancel_orders_by_ids": [("uuids", "identifiers", True)],
    "cancel_and_new_order": [("prev_order_uuid", "prev_order_identifier", True)],
    "list_open_orders": [("state", "states", False)],
    "list_closed_orders": [("state", "states", False)],
    "list_orders": [("state", "states", False), ("uuids", "identifiers", False)],
    "cancel_open_orders": [("pairs", "quote_currencies", False)],
    "list_withdrawals": [("uuids", "txids", False)],
    "list_deposits": [("uuids", "txids", False)],
}
ORDER_OPS = frozenset({"create_order", "test_order"})
UNKNOWN = "not_a_parameter"  # a misspelt keyword must not be ignored
AUTO_IDENTIFIER = {"create_order": "identifier", "cancel_and_new_order": "new_identifier"}

KNOWN_MARKETS = [m.code for m in DEFAULT_MARKETS]
QUOTES = ["KRW", "BTC", "USDT"]
text = st.text(st.characters(codec="utf-8"), max_size=24)
market_code = st.one_of(
    st.sampled_from(KNOWN_MARKETS),
    st.builds(
        "{}-{}".format, st.sampled_from(QUOTES), st.from_regex(r"[A-Z0-9]{1,8}", fullmatch=True)
    ),
)
currency_code = st.one_of(
    st.sampled_from(["KRW", "BTC", "ETH", "XRP", "USDT"]),
    st.from_regex(r"[A-Z0-9]{1,20}", fullmatch=True),
)
money_decimal = st.one_of(
    # Amounts an order or a transfer could really carry, so some calls succeed ...
    st.integers(5_000, 1_000_000).map(Decimal),
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(10), places=4),
    # ... and anything the spec allows, down to the client's bounds.
    st.decimals(
        min_value=Decimal("1E-30"),
        max_value=Decimal("1E+30"),
        allow_nan=False,
        allow_infinity=False,
    ),
)


def _as_money(value: Decimal) -> st.SearchStrategy[Any]:
    forms: list[Any] = [value, str(value)]
    if value == value.to_integral_value():
        forms.append(int(value))
    return st.sampled_from(forms)


money = money_decimal.flatmap(_as_money)


def _kinds(rule: Mapping[str, Any]) -> list[str]:
    declared = rule["type"]
    return [k for k in (declared if isinstance(declared, list) else [declared]) if k != "null"]


def _anchored(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


def _string(rule: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    if "enum" in rule:
        return st.sampled_from(rule["enum"])
    if "pattern" in rule:
        return st.from_regex(_anchored(rule["pattern"]), fullmatch=True)
    return st.text(
        st.characters(codec="utf-8"),
        min_size=rule.get("minLength", 0),
        max_size=min(rule.get("maxLength", 24), 24),
    )


def valid_value(name: str, rule: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """Values the spec and Upbit's prose accept for one parameter."""
    kind = _kinds(rule)[0]
    if name in MONEY and rule["in"] == "body":
        return money
    if name in MARKET_NAMES:
        return market_code
    if name in MARKET_LISTS:
        codes = st.lists(market_code, min_size=1, max_size=4)
        # A comma-separated parameter takes the string or a list of its items.
        return (
            st.one_of(codes.map(",".join), codes) if rule.get("comma_list") else codes.map(",".join)
        )
    if name == "currency":
        return currency_code
    if name == "quote_currencies":
        quotes = st.lists(st.sampled_from(QUOTES), min_size=1, max_size=3)
        return st.one_of(quotes.map(",".join), quotes, _string(rule))
    if "aliases" in rule:
        return st.sampled_from([*rule["enum"], *rule["aliases"]])
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        if "enum" in rule:
            return st.sampled_from(rule["enum"])
        return st.integers(rule.get("minimum", 0), rule.get("maximum", 2**53))
    if kind == "array":
        items = rule.get("items", {})
        return st.lists(_string(items), min_size=1, max_size=min(rule.get("maxItems", 5), 5))
    return _string(rule)


@st.composite
def order_shape(draw: st.DrawFn, prefix: str, with_side: bool) -> dict[str, Any]:
    """One of the order forms Upbit documents (what each `ord_type` takes)."""
    ord_type = draw(st.sampled_from(["limit", "price", "market", "best"]))
    side = draw(st.sampled_from(["bid", "ask"])) if with_side else None
    tif: str | None = None
    if ord_type == "price":
        side, has_price, has_volume = "bid", True, False
    elif ord_type == "market":
        side, has_price, has_volume = "ask", False, True
    elif ord_type == "limit":
        has_price = has_volume = True
        tif = draw(st.sampled_from([None, "ioc", "fok", "post_only"]))
    else:
        tif = draw(st.sampled_from(["ioc", "fok"]))
        buys = side == "bid" if side is not None else draw(st.booleans())
        has_price, has_volume = buys, not buys
    shape: dict[str, Any] = {
        f"{prefix}ord_type": ord_type,
        f"{prefix}price": draw(money) if has_price else None,
        f"{prefix}volume": draw(money) if has_volume else None,
        f"{prefix}time_in_force": tif,
    }
    if tif == "post_only":  # with no smp_type, or 'none' (Upbit since 2026-11-09)
        shape[f"{prefix}smp_type"] = draw(st.sampled_from([None, "none"]))
    if with_side:
        shape["side"] = side
    if prefix and has_volume and ord_type != "price" and draw(st.booleans()):
        shape[f"{prefix}volume"] = "remain_only"
    return shape


@st.composite
def valid_arguments(draw: st.DrawFn, op_id: str) -> dict[str, Any]:
    op = OPERATIONS[op_id]
    args: dict[str, Any] = {}
    for name, rule in op.params.items():
        if rule["required"] or draw(st.booleans()):
            args[name] = draw(valid_value(name, rule))
    for a, b, required in ONE_OF.get(op_id, []):
        keep = draw(st.sampled_from([a, b] if required else [a, b, None]))
        for name in (a, b):
            if name != keep:
                args.pop(name, None)
            elif name not in args:
                args[name] = draw(valid_value(name, op.params[name]))
    if op_id in ORDER_OPS:
        args.update(draw(order_shape("", with_side=True)))
    if op_id == "cancel_and_new_order":
        args.update(draw(order_shape("new_", with_side=False)))
    if op_id == "get_withdrawal_chance" and args["currency"] != "KRW":
        # Upbit's prose: net_type is required for digital assets.
        args.setdefault("net_type", draw(valid_value("net_type", op.params["net_type"])))
    return {name: value for name, value in args.items() if value is not None}


def _too_long(limit: int) -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8"), min_size=limit + 1, max_size=limit + 8)


def _wrong_type(kind: str, comma_list: bool = False) -> st.SearchStrategy[Any]:
    # A list of codes is right for a comma-separated parameter; a list of numbers never is.
    listed = (
        st.lists(st.integers(), min_size=1, max_size=2)
        if comma_list
        else st.lists(market_code, min_size=1, max_size=2)
    )
    others: dict[str, st.SearchStrategy[Any]] = {
        "string": st.one_of(
            st.integers(), st.floats(), st.binary(max_size=4), st.booleans(), listed
        ),
        "integer": st.one_of(
            st.floats(), st.booleans(), st.from_regex(r"[0-9]{1,3}", fullmatch=True)
        ),
        "boolean": st.one_of(st.integers(0, 1), st.sampled_from(["true", "false"])),
        "array": st.one_of(text, st.dictionaries(text, text, max_size=2), st.integers()),
    }  # fmt: skip
    return others[kind]


Broken = tuple[str, st.SearchStrategy[Any]]  # which rule is broken, and values that break it


def _broken_money() -> list[Broken]:
    return [
        ("float money", st.floats()),  # floats lose precision: refused whatever their value
        ("wrong type", st.one_of(st.booleans(), st.lists(st.integers(1, 9), max_size=2))),
        ("not a positive number", st.sampled_from(
            ["0", "-1", "NaN", "Infinity", "", "one", "1e31", "1e-31", "0.0", "1,000"]
        )),
        ("not positive", st.one_of(
            st.decimals(max_value=0, allow_nan=False), st.integers(max_value=0)
        )),
        ("not finite", st.sampled_from([Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN")])),
        ("out of range", st.sampled_from([Decimal("1E+31"), Decimal("1E-31"), 10**31])),
    ]  # fmt: skip


def _broken_array(rule: Mapping[str, Any]) -> list[Broken]:
    items = rule.get("items", {})
    broken: list[Broken] = [
        ("item of wrong type", st.lists(
            st.one_of(st.floats(), st.none(), st.booleans(), st.binary()), min_size=1, max_size=3
        )),
    ]  # fmt: skip
    if "maxItems" in rule:
        most = rule["maxItems"]
        broken.append(
            ("too many items", st.lists(st.just("x"), min_size=most + 1, max_size=most + 3))
        )
    if "enum" in items:
        outside = text.filter(lambda v: v not in items["enum"])
        broken.append(("item out of enum", st.lists(outside, min_size=1, max_size=2)))
    if "maxLength" in items:
        broken.append(
            ("item too long", st.lists(_too_long(items["maxLength"]), min_size=1, max_size=2))
        )
    return broken


def broken_values(name: str, rule: Mapping[str, Any]) -> list[Broken]:
    """Every rule of the parameter (type, enum, bounds, length, format), each broken."""
    kind = _kinds(rule)[0]
    if name in MONEY and rule["in"] == "body":
        return _broken_money()
    broken: list[Broken] = [("wrong type", _wrong_type(kind, bool(rule.get("comma_list"))))]
    if name in MARKET_NAMES:
        bad_market = st.from_regex(
            r"[a-z]{2,5}-[a-z]{1,5}|[A-Z]{3,8}|[A-Z]{11,14}-[A-Z]{2}", fullmatch=True
        )
        broken.append(("bad market format", bad_market))
    if name in MARKET_LISTS:
        bad = st.sampled_from(["krw-btc", "KRW_BTC", "BTC", "K-BTC", "KRW-BTC-ETH"])
        broken.append(("bad market format", st.builds("{},{}".format, market_code, bad)))
    if name == "currency":
        broken.append(
            ("bad currency format", st.from_regex(r"[a-z]{1,5}|[A-Z]{2,4}-", fullmatch=True))
        )
    if "enum" in rule:
        enum = rule["enum"]
        outside = st.integers() if kind == "integer" else text
        broken.append(("out of enum", outside.filter(lambda v: v not in enum)))
    if kind == "integer" and "minimum" in rule:
        broken.append(("under minimum", st.integers(max_value=rule["minimum"] - 1)))
    if kind == "integer" and "maximum" in rule:
        broken.append(("over maximum", st.integers(min_value=rule["maximum"] + 1)))
    if "maxLength" in rule:
        broken.append(("too long", _too_long(rule["maxLength"])))
    if "pattern" in rule:
        core = _anchored(rule["pattern"])
        mismatch = st.one_of(st.just("123456\n"), st.just(""), text)
        broken.append(("pattern", mismatch.filter(lambda v: re.fullmatch(core, v) is None)))
    if kind == "array":
        broken += _broken_array(rule)
    return broken


def invalid_cases(op_id: str) -> list[tuple[str, str, st.SearchStrategy[Any]]]:
    """(parameter, rule broken, values): each parameter's rules, required ones left out, and an
    unknown keyword (a misspelt argument must not be silently dropped)."""
    cases: list[tuple[str, str, st.SearchStrategy[Any]]] = [(UNKNOWN, "unknown argument", text)]
    for name, rule in OPERATIONS[op_id].params.items():
        if rule["required"]:
            cases.append((name, "required but None", st.none()))
        cases += [(name, broken, values) for broken, values in broken_values(name, rule)]
    return cases


# --- the wire -----------------------------------------------------------------------------


@dataclass
class Exchange:
    request: httpx.Request
    body: bytes
    status: int


class Recorder(httpx.HTTPTransport):
    """Keeps each request as it left the client and the status it got."""

    def __init__(self, log: list[Exchange]) -> None:
        super().__init__()
        self.log = log

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        response.read()
        self.log.append(Exchange(request, request.content, response.status_code))
        return response


class AsyncRecorder(httpx.AsyncHTTPTransport):
    def __init__(self, log: list[Exchange]) -> None:
        super().__init__()
        self.log = log

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        await response.aread()
        self.log.append(Exchange(request, request.content, response.status_code))
        return response


def client_options(url: str) -> dict[str, Any]:
    # The sandbox runs without server limits, so the client may go as fast as it can; no
    # retries and no cache, so every call is exactly one request.
    return {
        "base_url": url,
        "max_retries": 0,
        "cache_ttl": 0,
        "rate_limits": {group: (1000, 1.0) for group in DEFAULT_RATES},
    }


@dataclass
class Wire:
    url: str
    log: list[Exchange]
    client: Upbit

    def call(self, facade: str, op_id: str, args: dict[str, Any]) -> Any:
        if facade == "sync":
            return getattr(self.client, op_id)(**args)

        async def run() -> Any:
            transport = AsyncRecorder(self.log)
            async with AsyncUpbit(
                DEMO_ACCESS_KEY, DEMO_SECRET_KEY, transport=transport, **client_options(self.url)
            ) as client:
                return await getattr(client, op_id)(**args)

        return asyncio.run(run())


@pytest.fixture(scope="module")
def wire() -> Iterator[Wire]:
    with tempfile.TemporaryDirectory() as tmp:
        config = SandboxConfig(
            db_path=Path(tmp) / "fuzz.db", seed=7, origin_ms=ORIGIN_MS, frozen=True,
            history_days=1.0, rate_limits=False,
        )  # fmt: skip
        log: list[Exchange] = []
        with (
            serve(config) as sandbox,
            Upbit(
                DEMO_ACCESS_KEY, DEMO_SECRET_KEY, transport=Recorder(log),
                **client_options(sandbox.url),
            ) as client,
        ):  # fmt: skip
            yield Wire(sandbox.url, log, client)


def _rendered(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_arrived(op_id: str, args: Mapping[str, Any], sent: Exchange) -> None:
    """The request carries exactly the given arguments, under their wire names, signed."""
    op = OPERATIONS[op_id]
    path, query, body = op.path, [], {}
    for name, value in args.items():
        rule = op.params[name]
        if rule.get("comma_list") and isinstance(value, list):
            value = ",".join(value)
        if "aliases" in rule:
            value = rule["aliases"].get(value, value)
        if rule["in"] == "path":
            path = path.replace("{" + rule["wire"] + "}", _rendered(value))
        elif rule["in"] == "query":
            items = value if isinstance(value, list | tuple) else [value]
            query += [(rule["wire"], _rendered(item)) for item in items]
        else:
            body[rule["wire"]] = value
    request = sent.request
    assert (request.method, request.url.path) == (op.method, path)
    sent_query = parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True)
    assert sorted(sent_query) == sorted(query)
    if op.method == "POST":
        sent_body = json.loads(sent.body)
        auto = AUTO_IDENTIFIER.get(op_id)
        if auto is not None and auto not in body:
            assert sent_body.pop(auto).startswith("upbit-py-")
        assert sent_body.keys() == body.keys()
        for key, given in body.items():
            if key in MONEY and given != "remain_only":
                assert isinstance(sent_body[key], str)
                assert Decimal(sent_body[key]) == Decimal(given), key
            else:
                assert sent_body[key] == given, key
    else:
        assert not sent.body
    token = request.headers.get("authorization")
    if op.secured:
        assert token is not None
        assert token.startswith("Bearer ")
        assert sent.status != 401, f"the sandbox refused the signature of {op_id}"
    else:
        assert token is None, "quotation requests carry no token"
    assert sent.status < 500, f"the sandbox failed ({sent.status}) on {op_id} {args!r}"


FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    # A failure names the operation, parameter and broken rule; shrinking the whole walk over
    # every rule would cost minutes for little gain.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.parametrize("op_id", FUZZED_OPERATIONS)
@pytest.mark.parametrize("facade", FACADES)
def test_valid_arguments_reach_the_wire_signed(facade: str, op_id: str, wire: Wire) -> None:
    @settings(FUZZ, max_examples=VALID_EXAMPLES[facade])
    @given(args=valid_arguments(op_id))
    def run(args: dict[str, Any]) -> None:
        start = len(wire.log)
        with contextlib.suppress(HTTPStatusError):  # a business error; its status is checked below
            wire.call(facade, op_id, args)
        sent = wire.log[start:]
        assert sent, f"{op_id}({args!r}) sent nothing"
        _check_arrived(op_id, args, sent[0])

    run()


@pytest.mark.parametrize("op_id", FUZZED_OPERATIONS)
@pytest.mark.parametrize("facade", FACADES)
def test_invalid_arguments_are_refused_before_sending(facade: str, op_id: str, wire: Wire) -> None:
    """Each example breaks every rule of every parameter in turn, one at a time."""
    cases = invalid_cases(op_id)

    @settings(FUZZ, max_examples=INVALID_EXAMPLES[facade])
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        for name, broken, values in cases:
            args = data.draw(valid_arguments(op_id))
            args[name] = data.draw(values, label=f"{name} ({broken})")
            start = len(wire.log)
            with pytest.raises((ValueError, TypeError)) as refused:
                wire.call(facade, op_id, args)
            assert re.search(rf"\b{re.escape(name)}\b", str(refused.value)), (
                f"{op_id}: the error for {name} ({broken}) does not name it: {refused.value!r}"
            )
            assert len(wire.log) == start, f"{op_id} sent a request with {name} ({broken})"

    run()
