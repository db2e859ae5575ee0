"""The spec describes exactly the operations of the design table, the way the project promises."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from _spec import DATA, Operation, load_spec, operations, resolve

RATE_GROUPS = {
    "market", "candle", "trade", "ticker", "orderbook",
    "default", "order", "order-test", "order-cancel-all",
}  # fmt: skip
TAGS = {"quotation", "order", "withdrawal", "deposit", "travel-rule", "service", "pocket"}
ROW = re.compile(
    r"^\| `(?P<op>\w+)` \| (?P<method>[A-Z]+) (?P<path>/\S+)(?P<dep> \(deprecated\))? \|$"
)


def design_table() -> dict[str, tuple[str, str, bool]]:
    rows: dict[str, tuple[str, str, bool]] = {}
    for line in (DATA / "operations.md").read_text("utf-8").splitlines():
        if m := ROW.match(line):
            rows[m["op"]] = (m["method"], m["path"], bool(m["dep"]))
    return rows


def test_design_table_is_complete() -> None:
    # Guards the parser below: the design lists 52 operations.
    assert len(design_table()) == 52


def test_spec_has_exactly_the_design_operations() -> None:
    want = {op: (method, path) for op, (method, path, _) in design_table().items()}
    have = {op.operation_id: (op.method, op.path) for op in operations()}
    missing = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    moved = sorted(op for op in set(want) & set(have) if want[op] != have[op])
    assert (missing, extra, moved) == ([], [], [])


def test_operation_ids_are_unique() -> None:
    ids = [op.operation_id for op in operations()]
    assert len(ids) == len(set(ids))


def test_deprecated_flags_match_design() -> None:
    want = {op for op, (_, _, dep) in design_table().items() if dep}
    have = {op.operation_id for op in operations() if op.definition.get("deprecated")}
    assert have == want == {"list_orders", "list_orderbook_levels"}


ALL_OPS = list(operations())


@pytest.mark.parametrize("op", ALL_OPS, ids=lambda op: op.operation_id)
def test_operation_metadata(op: Operation) -> None:
    d = op.definition
    assert len(d["tags"]) == 1
    assert d["tags"][0] in TAGS
    assert d.get("summary"), "every operation has a summary"
    assert d.get("x-upbit-rate-group") in RATE_GROUPS
    quotation = op.tag == "quotation"
    if quotation:
        assert "security" not in d
        assert d["x-upbit-rate-group"] in {"market", "candle", "trade", "ticker", "orderbook"}
    else:
        assert d["security"] == [{"bearerAuth": []}]
        assert d["x-upbit-rate-group"] in {"default", "order", "order-test", "order-cancel-all"}


@pytest.mark.parametrize("op", ALL_OPS, ids=lambda op: op.operation_id)
def test_operation_documents_errors(op: Operation) -> None:
    responses = op.definition["responses"]
    errors = {"400", "429", "418", "500"} | (set() if op.tag == "quotation" else {"401", "403"})
    assert errors <= set(responses), f"missing {sorted(errors - set(responses))}"
    prefix = "Quotation" if op.tag == "quotation" else "Exchange"
    for status in ("400", "500"):
        assert responses[status]["$ref"].startswith(f"#/components/responses/{prefix}")
    assert responses["429"]["$ref"] == "#/components/responses/TooManyRequests"
    assert responses["418"]["$ref"] == "#/components/responses/IpBlocked"


@pytest.mark.parametrize("op", ALL_OPS, ids=lambda op: op.operation_id)
def test_success_responses_have_schema_and_example(op: Operation) -> None:
    successes = {s: r for s, r in op.definition["responses"].items() if s.startswith("2")}
    assert successes, "an operation needs a success response"
    for status, response in successes.items():
        media = resolve(response)["content"]["application/json"]
        assert "schema" in media, status
        assert "example" in media or media.get("examples"), f"{status} has no example"


@pytest.mark.parametrize("op", ALL_OPS, ids=lambda op: op.operation_id)
def test_array_parameters_use_bracket_names(op: Operation) -> None:
    for param in op.definition.get("parameters", []):
        param = resolve(param)
        is_array = param["schema"].get("type") == "array"
        assert is_array == param["name"].endswith("[]"), param["name"]
        if is_array:
            assert param["in"] == "query", param["name"]


def test_create_endpoints_with_documented_pairs() -> None:
    by_id = {op.operation_id: op.definition["responses"] for op in ALL_OPS}
    # Live cancel_and_new answered 200 although the docs say 201: both are accepted.
    assert {"200", "201"} <= set(by_id["cancel_and_new_order"])
    # 201 while the address is being created, 200 with the address once it exists.
    assert {"200", "201"} <= set(by_id["create_deposit_address"])
    assert "201" in by_id["create_order"]
    assert "201" in by_id["test_order"]


def _enums_in(node: Any, spec: dict[str, Any], seen: set[str], where: str) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if "$ref" in node:
            ref = node["$ref"]
            if ref not in seen:
                seen.add(ref)
                found += _enums_in(resolve(node, spec), spec, seen, ref)
            return found
        if "enum" in node:
            found.append(where)
        for key, value in node.items():
            found += _enums_in(value, spec, seen, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _enums_in(value, spec, seen, f"{where}/{i}")
    return found


def test_response_schemas_have_no_closed_enums() -> None:
    """A value Upbit adds later (a new order state, say) must never break parsing."""
    spec = load_spec()
    offenders: list[str] = []
    for op in ALL_OPS:
        for status, response in op.definition["responses"].items():
            for media in resolve(response, spec).get("content", {}).values():
                where = f"{op.operation_id} {status}"
                offenders += _enums_in(media["schema"], spec, set(), where)
    assert not offenders


def test_spec_is_plain_json_data() -> None:
    """YAML dates and other non-JSON scalars would change meaning between YAML loaders."""
    import json

    json.dumps(load_spec())


def _vacuous_objects(node: Any, spec: dict[str, Any], seen: set[str], where: str) -> list[str]:
    """Object schemas that declare properties but require none of them (allOf parts merged).

    Such a schema accepts a body in which every declared key is missing: a key Upbit renames
    (`api_keys` → `keys`) validates and parses as "not set", and no test notices.
    """
    if not isinstance(node, dict):
        return []
    if "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            return []
        seen.add(ref)
        return _vacuous_objects(resolve(node, spec), spec, seen, ref.rsplit("/", 1)[-1])
    found: list[str] = []
    children: list[tuple[str, Any]] = []
    if "allOf" in node:
        parts = [resolve(part, spec) for part in node["allOf"]]
        if any(p.get("properties") for p in parts) and not any(p.get("required") for p in parts):
            found.append(where)
        for i, part in enumerate(node["allOf"]):
            if "$ref" in part:
                children.append((where, part))
            else:  # an inline extension is checked merged with its base, above
                children += _schema_children(part, f"{where}/allOf/{i}")
    else:
        if node.get("properties") and not node.get("required"):
            found.append(where)
        children = _schema_children(node, where)
    for child_where, child in children:
        found += _vacuous_objects(child, spec, seen, child_where)
    return found


def _schema_children(node: dict[str, Any], where: str) -> list[tuple[str, Any]]:
    children = [(f"{where}.{name}", sub) for name, sub in node.get("properties", {}).items()]
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            children.append((f"{where}[]", node[key]))
    for key in ("oneOf", "anyOf"):
        children += [(f"{where}/{key}/{i}", sub) for i, sub in enumerate(node.get(key, []))]
    return children


def vacuous_response_objects(spec: dict[str, Any]) -> list[str]:
    """Every response object schema of every operation that requires nothing, by name."""
    offenders: list[str] = []
    for op in operations(spec):
        for status, response in op.definition["responses"].items():
            for media in resolve(response, spec).get("content", {}).values():
                where = f"{op.operation_id} {status}"
                offenders += _vacuous_objects(media["schema"], spec, set(), where)
    return sorted(set(offenders))


def test_response_objects_require_at_least_one_declared_key() -> None:
    """A response object that requires nothing cannot notice a renamed or dropped field.

    The recorded and sandbox bodies are validated with every object closed (an undeclared
    key fails), but a schema with no `required` still accepts a body that lacks every key
    it declares. That is how `list_pocket_api_keys` described `api_keys` while Upbit sends
    `keys`, and every check passed.
    """
    assert vacuous_response_objects(load_spec()) == []


def test_the_vacuity_check_names_a_schema_that_requires_nothing() -> None:
    spec = copy.deepcopy(load_spec())
    del spec["components"]["schemas"]["PocketApiKeys"]["required"]
    assert vacuous_response_objects(spec) == ["PocketApiKeys"]
    spec = copy.deepcopy(load_spec())  # an allOf extension counts with its base
    del spec["components"]["schemas"]["Order"]["required"]
    assert "Order" in vacuous_response_objects(spec)
