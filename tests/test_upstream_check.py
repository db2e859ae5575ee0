"""The comparison behind `make upstream-check`, on tiny hand-made surfaces (no network).

The SDK side is written here as the introspection reports it (JSON data), so these tests
never install or import Upbit's SDK.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from upstream_check import compare, triage

SPEC: dict[str, Any] = {
    "paths": {
        "/v1/pockets/api_keys": {
            "get": {
                "operationId": "list_pocket_api_keys",
                "parameters": [
                    {"name": "uuids[]", "in": "query", "schema": {"type": "array"}},
                    {"name": "include_expired", "in": "query", "schema": {"type": "boolean"}},
                ],
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Group"},
                                }
                            }
                        }
                    }
                },
            }
        },
        "/v1/candles/minutes/{unit}": {
            "get": {
                "operationId": "list_minute_candles",
                "parameters": [
                    {
                        "name": "unit",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "enum": [1, 3]},
                    },
                    {
                        "name": "market",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {"200": {"content": {"application/json": {"schema": {}}}}},
            }
        },
        "/v1/orders": {
            "post": {
                "operationId": "create_order",
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["market"],
                                "properties": {
                                    "market": {"type": "string"},
                                    "smp_type": {"type": "string", "enum": ["none", "reduce"]},
                                },
                            }
                        }
                    }
                },
                "responses": {"201": {"content": {"application/json": {"schema": {}}}}},
            }
        },
    },
    "components": {
        "schemas": {
            "Group": {
                "type": "object",
                "required": ["uuid", "keys"],
                "properties": {
                    "uuid": {"type": "string"},
                    "keys": {"type": "array", "items": {"$ref": "#/components/schemas/Key"}},
                },
            },
            "Key": {
                "type": "object",
                "required": ["access_key"],
                "properties": {"access_key": {"type": "string"}},
            },
        }
    },
}


def param(where: str, required: bool = False, values: list[Any] | None = None) -> dict[str, Any]:
    return {"in": where, "required": required, "values": values}


SDK: dict[str, Any] = {
    "version": "9.9.9",
    "operations": [
        {
            "sdk": "pockets.list_api_keys",
            "method": "GET",
            "path": "/v1/pockets/api_keys",
            "params": {"uuids[]": param("query"), "include_expired": param("query")},
            "response": {"uuid": True, "keys": True, "keys[].access_key": True},
        },
        {
            "sdk": "candles.list_minutes",
            "method": "GET",
            "path": "/v1/candles/minutes/1",
            "params": {"unit": param("path", True, [1, 3]), "market": param("query", True)},
            "response": {},
        },
        {
            "sdk": "orders.create",
            "method": "POST",
            "path": "/v1/orders",
            "params": {
                "market": param("body", True),
                "smp_type": param("body", False, ["none", "reduce"]),
            },
            "response": {},
        },
    ],
}


def test_identical_surfaces_have_no_difference() -> None:
    assert compare(SDK, SPEC) == []


def test_a_renamed_response_field_is_reported_on_both_sides() -> None:
    spec = copy.deepcopy(SPEC)
    group = spec["components"]["schemas"]["Group"]
    group["properties"]["api_keys"] = group["properties"].pop("keys")
    group["required"] = ["uuid", "api_keys"]
    assert compare(SDK, spec) == [
        "list_pocket_api_keys response field api_keys: in the spec, not in the SDK",
        # the nested `keys[].access_key` is not repeated: its missing parent is the difference
        "list_pocket_api_keys response field keys: in the SDK, not in the spec",
    ]


def test_required_ness_of_response_fields_and_parameters_is_compared() -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["Key"]["required"] = []
    spec["paths"]["/v1/orders"]["post"]["requestBody"]["content"]["application/json"]["schema"][
        "required"
    ] = ["market", "smp_type"]
    assert compare(SDK, spec) == [
        "create_order parameter smp_type: optional in the SDK, required in the spec",
        "list_pocket_api_keys response field keys[].access_key:"
        " required in the SDK, optional in the spec",
    ]


def test_allowed_values_are_compared() -> None:
    sdk = copy.deepcopy(SDK)
    sdk["operations"][2]["params"]["smp_type"]["values"] = ["reduce"]
    sdk["operations"][1]["params"]["market"]["values"] = ["KRW-BTC"]
    assert compare(sdk, SPEC) == [
        "create_order parameter smp_type: allowed values differ,"
        " SDK only [], spec only ['\"none\"']",
        "list_minute_candles parameter market: the SDK allows only ['\"KRW-BTC\"'],"
        " the spec any value",
    ]


def test_operations_match_by_method_and_path_template() -> None:
    sdk = copy.deepcopy(SDK)
    sdk["operations"][1]["path"] = "/v1/candles/minute/1"
    sdk["operations"].append(
        {"sdk": "orders.test_create", "method": "POST", "path": "/v1/orders/test",
         "params": {}, "response": {}}
    )  # fmt: skip
    assert compare(sdk, SPEC) == [
        "operation GET /v1/candles/minute/1 (candles.list_minutes): in the SDK, not in the spec",
        "operation GET /v1/candles/minutes/{unit} (list_minute_candles):"
        " in the spec, not in the SDK",
        "operation POST /v1/orders/test (orders.test_create): in the SDK, not in the spec",
    ]


def test_parameter_names_are_compared_on_the_wire() -> None:
    sdk = copy.deepcopy(SDK)
    sdk["operations"][0]["params"]["uuids"] = sdk["operations"][0]["params"].pop("uuids[]")
    assert compare(sdk, SPEC) == [
        "list_pocket_api_keys parameter uuids: in the SDK, not in the spec",
        "list_pocket_api_keys parameter uuids[]: in the spec, not in the SDK",
    ]


def test_allow_list_patterns_explain_differences_and_stale_entries_are_reported() -> None:
    differences = [
        "create_order parameter smp_type: allowed values differ, SDK only [], spec only ['x']",
        "get_order response field trades[].price: optional in the SDK, required in the spec",
        "list_deposits response field net_type: optional in the SDK, required in the spec",
    ]
    allowed = [
        {"difference": "* parameter *smp_type: allowed values differ, SDK only [], *",
         "reason": "docs changelog"},
        {"difference": "get_order response field trades[].*: optional in the SDK, *",
         "reason": "recorded live"},
        {"difference": "operation GET /v1/orders (list_orders): in the spec, not in the SDK",
         "reason": "deprecated"},
    ]  # fmt: skip
    left, stale = triage(differences, allowed)
    assert left == [differences[2]]
    assert stale == [allowed[2]["difference"]]
    # `[` and `]` are plain text, not a character class
    assert triage(["a[].b"], [{"difference": "a[]*", "reason": "r"}]) == ([], [])
    assert triage(["ab"], [{"difference": "a[b]", "reason": "r"}]) == (["ab"], ["a[b]"])


def test_an_allow_list_entry_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="reason"):
        triage([], [{"difference": "x", "reason": " "}])
