"""Schemathesis fuzzes every operation of spec/upbit.yaml against the sandbox ASGI app.

One test item per operation: Hypothesis generates schema-valid and schema-invalid requests
from the hand-written spec, a fresh in-process sandbox answers (own SQLite file, seed 7,
frozen clock), and every check schemathesis 4.32 runs by default judges the answer: no 5xx,
documented status codes, content types, headers and response schemas, invalid data
rejected, valid data accepted, a missing `Authorization` refused, unsupported methods
answered 405 with a correct `Allow`, credentials actually enforced. Exchange operations are
signed per request by an independent signer (PyJWT + hashlib, see _sandbox_contract.py).
One check is added: the sandbox may send no field the spec does not declare, so deleting a
field from the spec without changing the sandbox fails here (see test_spec_mutation.py).

Budget: `UPBIT_FUZZ_EXAMPLES` Hypothesis examples per operation (default 50, derandomized
so CI sees the same cases on every run); `make fuzz` raises it and draws fresh random cases
(`UPBIT_FUZZ_RANDOM=1`). Half of the time, parameters naming a market, a currency or a
pocket get a value the sandbox knows (`KNOWN_VALUES`), so valid requests reach success
answers too. Cases random fuzzing once found are replayed on every run (`FOUND`).

Deviations from the defaults, each for a reason the spec cannot carry:

1. Sandbox rate limits are off (`SandboxConfig(rate_limits=False)`): the clock is frozen,
   so every request lands in the same one-second window, and all but the first ten
   quotation requests would be 429, then 418. No status code is excluded from any check;
   429 and 418 simply cannot happen.
2. `positive_data_acceptance` is replaced by `schema_valid_requests_are_accepted`, which is
   the same check except for three kinds of 400 (and nothing else): a business rule named by
   its `error.name` (`BUSINESS_RULES`: unknown market, funds, tick size, minimum total, what
   each order type needs); a rule the spec can only state in prose, by its exact message
   (`RULE_MESSAGES`: "uuid or identifier", "not both", at most 7 days, amount > 0); and a
   time parameter naming a day that does not exist (a pattern cannot follow the calendar,
   so `2026-02-31` is schema-valid). A schema-valid request the sandbox refuses for any other
   reason (type, missing parameter, pattern, a rule not listed) still fails.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
import yaml
from _sandbox_contract import (
    SPEC,
    CurrentSandbox,
    UpbitSigner,
    every_field_declared,
    sandbox_schema,
    signed_string,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance

from upbit_ext.sandbox import SandboxConfig
from upbit_ext.sandbox._verify import hashed_string

EXAMPLES = int(os.environ.get("UPBIT_FUZZ_EXAMPLES", "50"))
RANDOM = os.environ.get("UPBIT_FUZZ_RANDOM", "") == "1"

# 400s that depend on the account's state or on several fields at once, so no schema can
# steer a generated request clear of them: by `error.name`, with the rule.
BUSINESS_RULES: dict[str, str] = {
    "notfoundmarket": "the market must be listed (a pattern cannot list markets)",
    "duplicated_identifier": "an identifier is single-use forever (Hypothesis repeats values)",
    "create_bid_error": "which of price/volume an order takes depends on ord_type and side",
    "create_ask_error": "which of price/volume an order takes depends on ord_type and side",
    "invalid_time_in_force": "the time_in_force allowed depends on ord_type",
    "invalid_post_only": "post_only cannot be combined with smp_type",
    "invalid_price_bid": "a price must be > 0 and on the market's tick grid",
    "invalid_price_ask": "a price must be > 0 and on the market's tick grid",
    "invalid_volume_bid": "a volume must be > 0 within the market's precision",
    "invalid_volume_ask": "a volume must be > 0 within the market's precision",
    "under_min_total_bid": "the order total must reach the market's minimum",
    "under_min_total_ask": "the order total must reach the market's minimum",
    "over_krw_funds_bid": "the order total must stay under the market's maximum",
    "over_btc_funds_bid": "the order total must stay under the market's maximum",
    "over_usdt_funds_bid": "the order total must stay under the market's maximum",
    "insufficient_funds_bid": "the pocket must hold the quote currency",
    "insufficient_funds_ask": "the pocket must hold the base currency",
}
# 400s with a generic `error.name` (`validation_error`, `invalid_parameter`) enforcing a rule
# the spec states in prose (one of two parameters, not both) or a state rule (funds): the
# exact messages (regular expressions) the sandbox answers them with, per operation.
RULE_MESSAGES: dict[str, tuple[str, ...]] = {
    "get_order": ("uuid or identifier is missing",),
    "cancel_order": ("uuid or identifier is missing",),
    "list_orders_by_ids": (
        "uuids or identifiers is missing",
        "uuids and identifiers cannot be used together",
    ),
    "cancel_orders_by_ids": (
        "uuids or identifiers is missing",
        "uuids and identifiers cannot be used together",
    ),
    "cancel_open_orders": ("pairs and quote_currencies cannot be used together",),
    "list_closed_orders": ("the time window must be at most 7 days",),
    "list_pocket_transfers": ("the time window must be at most 7 days",),
    "list_universal_transfers": ("the time window must be at most 7 days",),
    "cancel_and_new_order": (
        "prev_order_uuid or prev_order_identifier is missing",
        "prev_order_uuid and prev_order_identifier are exclusive",
    ),
    # Amounts must be > 0 with at most 8 decimals, and covered by the balance.
    "withdraw_krw": ("amount does not have a valid value", r"출금 가능 금액\(KRW\)이 부족합니다\."),
    "withdraw_coin": (
        "amount does not have a valid value",
        r"출금 가능 금액\(\w+\)이 부족합니다\.",
    ),
    "deposit_krw": ("amount does not have a valid value",),
}
# Query parameters holding a date and time (their patterns admit the 31st of every month).
TIME_PARAMETERS = ("to", "start_time", "end_time")

# Values the sandbox knows, drawn for these parameters half of the time (random strings the
# other half): without them nearly every valid quotation request is a 404 for an unknown
# market, and the success answers, whose bodies the checks are mostly about, never come.
MARKETS = [market.code for market in SandboxConfig().markets]
CURRENCIES = sorted({code.split("-")[1] for code in MARKETS} | {"KRW"})
BINDINGS = {
    "markets": [
        "query.market",
        "query.markets",
        "query.pairs",
        "query.excluded_pairs",
        "body.market",
    ],
    "currencies": ["query.currency", "body.currency", "query.net_type", "body.net_type"],
    "quotes": ["query.quote_currencies"],
    "pockets": ["query.uuid"],
}
KNOWN_VALUES = {
    "dictionaries": {
        "markets": {"values": MARKETS},
        "currencies": {"values": CURRENCIES},
        "quotes": {"values": sorted({code.split("-")[0] for code in MARKETS})},
        "pockets": {"values": sorted({key.pocket for key in SandboxConfig().keys})},
    },
    "parameters": {
        parameter: {"dictionary": dictionary, "probability": 0.5}
        for dictionary, parameters in BINDINGS.items()
        for parameter in parameters
    },
}

RAW_SPEC: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
SANDBOX = CurrentSandbox()
schema = sandbox_schema(SPEC, SANDBOX, KNOWN_VALUES)
sandbox_declares_every_field = every_field_declared(RAW_SPEC)


@pytest.fixture
def fresh_sandbox(tmp_path: Path) -> Iterator[None]:
    SANDBOX.fresh(tmp_path / "fuzz.db")
    yield
    SANDBOX.app = None


def schema_valid_requests_are_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """`positive_data_acceptance`, except for the 400s listed above."""
    if response.status_code == 400 and _breaks_a_listed_rule(case, response):
        return None
    result: bool | None = positive_data_acceptance(ctx, response, case)
    return result


def _breaks_a_listed_rule(case: Any, response: Any) -> bool:
    try:
        error = response.json()["error"]
        name, message = error["name"], error["message"]
    except (ValueError, KeyError, TypeError):
        return False
    if name in BUSINESS_RULES:
        return True
    rules = RULE_MESSAGES.get(case.operation.definition.raw["operationId"], ())
    if isinstance(message, str) and any(re.fullmatch(rule, message) for rule in rules):
        return True
    query = case.query if isinstance(case.query, dict) else {}
    return any(_not_a_real_day(query.get(name)) for name in TIME_PARAMETERS)


def _not_a_real_day(value: object) -> bool:
    if not isinstance(value, str) or "-" not in value:
        return False
    try:
        datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return True
    return False


@pytest.mark.usefixtures("fresh_sandbox")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_operation_honours_the_spec(case: schemathesis.Case) -> None:
    case.call_and_validate(
        excluded_checks=[positive_data_acceptance],
        additional_checks=[schema_valid_requests_are_accepted, sandbox_declares_every_field],
    )


# What random fuzzing found once, replayed on every run (the coverage phase, which CI runs
# in full, already repeats its own finds: empty values, unsupported methods, `Allow`).
FOUND: list[tuple[str, str, dict[str, Any], int]] = [
    # A page past any SQLite integer was a 500 (OverflowError binding the OFFSET).
    ("/v1/orders", "GET", {"query": {"page": "9223372036854775809"}}, 200),
    # A `null` for a field that is not nullable was read as "not given" and accepted.
    (
        "/v1/orders/test",
        "POST",
        {
            "body": {"market": "KRW-BTC", "side": "ask", "ord_type": "best", "price": None},
            "media_type": "application/json",
        },
        400,
    ),
    # `markets` of only whitespace was schema-valid and answered 400; the spec now has a pattern.
    ("/v1/ticker", "GET", {"query": {"markets": " "}}, 400),
]


@pytest.mark.usefixtures("fresh_sandbox")
@pytest.mark.parametrize(("path", "method", "parts", "status"), FOUND)
def test_what_fuzzing_found_stays_fixed(
    path: str, method: str, parts: dict[str, Any], status: int
) -> None:
    case = schema[path][method].Case(**parts)
    response = case.call_and_validate(
        excluded_checks=[positive_data_acceptance],
        additional_checks=[sandbox_declares_every_field],
        auth=UpbitSigner() if "security" in case.operation.definition.raw else None,
    )
    assert response.status_code == status, response.text


SCALARS = (
    st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
FLAT_BODIES = st.dictionaries(
    st.text(min_size=1, max_size=6), st.none() | SCALARS | st.lists(SCALARS, max_size=3), max_size=4
)


@given(
    query=st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6)), max_size=4),
    body=st.none() | FLAT_BODIES,
)
@settings(max_examples=200, database=None, derandomize=True)
def test_the_fuzz_signer_hashes_what_the_sandbox_verifies(
    query: list[tuple[str, str]], body: dict[str, Any] | None
) -> None:
    """Else a slip in the signer would stop every exchange operation at a 401."""
    raw_query = urlencode(query)
    raw_body = json.dumps(body).encode() if body is not None else b""
    expected = hashed_string(raw_query.encode(), raw_body, "application/json")
    assert signed_string(f"http://testserver/v1/orders?{raw_query}", raw_body) == expected
