"""Real Upbit response bodies parse through the generated client and validate against the spec.

`tests/data/upbit-examples.json` holds bodies recorded from the live API (source starts with
REAL) and copied from Upbit's documentation (DOCS). The spec follows the wire, so every body
must validate against its response schema, and a deliberately broken copy must not.
"""

from __future__ import annotations

import copy
import importlib
import json
import pkgutil
import re
from functools import cache
from types import ModuleType
from typing import Any

import httpx
import pytest
import upbit_client.api
from _spec import Operation, load_examples, load_spec, operation_for, resolve
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from upbit_client import Client, models

SPEC_URI = "urn:upbit:spec"
DOCS_BUG = "GET /v1/ticker (docs example; note docs bug)"
# Examples that are not REST responses, and the component schema each one is an instance of.
NON_REST = {
    "ERROR exchange 400 (docs)": "ExchangeError",
    "ERROR exchange 401/403/404 (docs)": "ExchangeError",
    "ERROR quotation 400/404 (docs)": "QuotationError",
    "WS trade DEFAULT (docs)": "WsTrade",
    "WS ticker DEFAULT (docs)": "WsTicker",
    "WS trade SIMPLE (docs, legacy 2018 example; note 'mk' key)": "WsTradeSimple",
    "WS myOrder DEFAULT (docs)": "WsMyOrder",
    "WS announcement DEFAULT (docs)": "WsAnnouncement",
    "WS LIST_SUBSCRIPTIONS response (docs)": "WsListSubscriptionsResponse",
    "WS error (docs)": "WsError",
    "WS keepalive (docs)": "WsStatus",
}
KEY = re.compile(r"^(?P<method>[A-Z]+) (?P<path>/[^\s?]*)")

EXAMPLES = load_examples()
REST_KEYS = sorted(k for k in EXAMPLES if k not in NON_REST)
REAL_KEYS = [k for k in REST_KEYS if EXAMPLES[k]["source"].startswith("REAL")]
# An empty list has no object to break.
BREAKABLE_KEYS = [k for k in REAL_KEYS if EXAMPLES[k]["data"] != []]


def test_every_example_is_classified() -> None:
    for key in REST_KEYS:
        assert KEY.match(key), key
    assert set(NON_REST) <= set(EXAMPLES)
    assert len(REAL_KEYS) >= 15  # the live recordings are the point of this file


def rest_target(key: str) -> tuple[Operation, str]:
    """The operation an example belongs to and the status it was answered with."""
    m = KEY.match(key)
    assert m, key
    op = operation_for(m["method"], m["path"])
    status = str(EXAMPLES[key].get("http_status") or min(
        s for s in op.definition["responses"] if s.startswith("2")
    ))  # fmt: skip
    return op, status


@cache
def validator_for(pointer: str) -> Draft202012Validator:
    spec = load_spec()
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry)


def response_schema_pointer(op: Operation, status: str) -> str:
    response = op.definition["responses"][status]
    if "$ref" in response:
        return response["$ref"].removeprefix("#") + "/content/application~1json/schema"
    path = op.path.replace("~", "~0").replace("/", "~1")
    return f"/paths/{path}/{op.method.lower()}/responses/{status}/content/application~1json/schema"


def schema_pointer(key: str) -> str:
    if key in NON_REST:
        return f"/components/schemas/{NON_REST[key]}"
    return response_schema_pointer(*rest_target(key))


def bodies(key: str) -> list[Any]:
    """Error examples list several bodies; every other example is one body."""
    data = EXAMPLES[key]["data"]
    return list(data) if key.startswith("ERROR") else [data]


@cache
def operation_module(operation_id: str) -> ModuleType:
    for info in pkgutil.walk_packages(upbit_client.api.__path__, "upbit_client.api."):
        if info.name.rsplit(".", 1)[-1] == operation_id:
            return importlib.import_module(info.name)
    raise LookupError(operation_id)


def to_plain(parsed: Any) -> Any:
    return [item.to_dict() for item in parsed] if isinstance(parsed, list) else parsed.to_dict()


# --- parsing through the generated client -------------------------------------------------


@pytest.mark.parametrize("key", REST_KEYS)
def test_rest_example_parses_through_generated_operation(key: str) -> None:
    op, status = rest_target(key)
    module = operation_module(op.operation_id)
    data = EXAMPLES[key]["data"]
    response = httpx.Response(int(status), json=data)
    built = module._build_response(
        client=Client(base_url="https://api.upbit.com"), response=response
    )
    assert built.parsed is not None
    assert not isinstance(built.parsed, str | bytes)
    # Round trip is exact: no float drift, no lost key, decimal strings stay strings.
    assert to_plain(built.parsed) == data


@pytest.mark.parametrize("key", sorted(NON_REST))
def test_non_rest_example_parses_through_generated_model(key: str) -> None:
    model = getattr(models, NON_REST[key])
    for body in bodies(key):
        assert model.from_dict(body).to_dict() == body


def _parse(key: str) -> Any:
    op, status = rest_target(key)
    response = httpx.Response(int(status), json=EXAMPLES[key]["data"])
    client = Client(base_url="https://api.upbit.com")
    return (
        operation_module(op.operation_id)._build_response(client=client, response=response).parsed
    )


def test_sequential_id_above_2_pow_53_is_exact() -> None:
    trades = _parse("GET /v1/trades/ticks")
    source = EXAMPLES["GET /v1/trades/ticks"]["data"]
    for trade, raw in zip(trades, source, strict=True):
        assert type(trade.sequential_id) is int
        assert trade.sequential_id == raw["sequential_id"]
    assert any(t.sequential_id > 2**53 for t in trades)


def test_sequential_id_that_a_double_cannot_hold_is_exact() -> None:
    # The recorded ids happen to be even, which a double still represents exactly; an odd id
    # above 2**53 is not, so this catches any float on the parsing path.
    raw = copy.deepcopy(EXAMPLES["GET /v1/trades/ticks"]["data"])
    raw[0]["sequential_id"] = odd = 2**53 + 1
    assert int(float(odd)) != odd
    op, status = rest_target("GET /v1/trades/ticks")
    response = httpx.Response(int(status), content=json.dumps(raw).encode())
    client = Client(base_url="https://api.upbit.com")
    parsed = operation_module(op.operation_id)._build_response(client=client, response=response)
    assert parsed.parsed[0].sequential_id == odd


def test_exchange_amounts_stay_exact_decimal_strings() -> None:
    order = _parse("POST /v1/orders (limit bid)")
    raw = EXAMPLES["POST /v1/orders (limit bid)"]["data"]
    assert order.price == raw["price"] == "10000000"
    assert order.volume == raw["volume"]
    assert isinstance(order.volume, str)
    assert order.locked == raw["locked"]
    accounts = _parse("GET /v1/accounts")
    raw_accounts = EXAMPLES["GET /v1/accounts"]["data"]
    assert [a.balance for a in accounts] == [r["balance"] for r in raw_accounts]


def test_market_buy_without_volume_parses() -> None:
    key = (
        "POST /v1/orders (price = market bid; note volume/remaining_volume/prevented_volume absent)"
    )
    order = _parse(key)
    assert "volume" not in EXAMPLES[key]["data"]
    assert "volume" not in order.to_dict()
    assert order.ord_type == "price"


def test_quotation_prices_are_numbers() -> None:
    ticker = _parse("GET /v1/ticker")[0]
    raw = EXAMPLES["GET /v1/ticker"]["data"][0]
    assert ticker.trade_price == raw["trade_price"]
    assert isinstance(ticker.trade_price, float)
    assert ticker.market == "KRW-BTC"


# --- schema validation --------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(k for k in EXAMPLES if k != DOCS_BUG))
def test_example_validates_against_spec(key: str) -> None:
    validator = validator_for(schema_pointer(key))
    for body in bodies(key):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
        assert not errors


def test_docs_typo_ticker_is_rejected() -> None:
    """The docs example quotes numbers as strings with a trailing comma; the wire never does."""
    validator = validator_for(schema_pointer(DOCS_BUG))
    bad = {tuple(e.absolute_path) for e in validator.iter_errors(EXAMPLES[DOCS_BUG]["data"])}
    assert (0, "trade_price") in bad
    assert not any(path[0] == 1 for path in bad)  # the second element has the real shape


def _first_object(body: Any) -> dict[str, Any]:
    obj = body[0] if isinstance(body, list) else body
    assert isinstance(obj, dict)
    return obj


def _object_schema(pointer: str, body: Any) -> dict[str, Any]:
    spec = load_spec()
    node: Any = spec
    for part in pointer.removeprefix("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    node = resolve(node, spec)
    if isinstance(body, list):
        node = resolve(node["items"], spec)
    return _flatten(node, spec)


def _flatten(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Merge `allOf` parts so `required` covers the whole object."""
    required = list(schema.get("required", []))
    for part in schema.get("allOf", []):
        required += _flatten(resolve(part, spec), spec)["required"]
    return {**schema, "required": required}


@pytest.mark.parametrize("key", BREAKABLE_KEYS)
def test_broken_copies_of_real_examples_are_rejected(key: str) -> None:
    pointer = schema_pointer(key)
    validator = validator_for(pointer)
    body = EXAMPLES[key]["data"]
    schema = _object_schema(pointer, body)
    required = [k for k in schema.get("required", []) if k in _first_object(body)]
    assert required, "a REAL example's schema should require something"

    missing = copy.deepcopy(body)
    del _first_object(missing)[required[0]]
    assert not validator.is_valid(missing), f"dropping {required[0]!r} went unnoticed"

    for key in required:
        wrong = copy.deepcopy(body)
        value = _first_object(wrong)[key]
        _first_object(wrong)[key] = "text" if isinstance(value, dict | list) else {"an": "object"}
        assert not validator.is_valid(wrong), f"a wrong type in {key!r} went unnoticed"
