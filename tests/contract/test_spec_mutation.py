"""Changing spec/upbit.yaml without changing the sandbox makes the contract checks fail.

A copy of the spec is mutated in a temporary directory, then the checks the fuzz test runs
(schemathesis' default checks plus "the sandbox sends no undeclared field") judge real
sandbox answers against it: a field whose type changed and a field deleted from the spec
must each fail, naming the operation and the field; the unchanged spec must pass.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from _sandbox_contract import (
    SPEC,
    CurrentSandbox,
    UpbitSigner,
    every_field_declared,
    sandbox_schema,
)
from schemathesis.checks import positive_data_acceptance
from schemathesis.errors import FailureGroup

Spec = dict[str, Any]


def _ticker_price_becomes_a_string(spec: Spec) -> None:
    spec["components"]["schemas"]["Ticker"]["properties"]["trade_price"]["type"] = "string"


def _account_loses_avg_buy_price_modified(spec: Spec) -> None:
    account = spec["components"]["schemas"]["Account"]
    del account["properties"]["avg_buy_price_modified"]
    account["required"].remove("avg_buy_price_modified")


@pytest.fixture
def sandbox(tmp_path: Path) -> CurrentSandbox:
    app = CurrentSandbox()
    app.fresh(tmp_path / "mutation.db")
    return app


def _check_against(
    tmp_path: Path, sandbox: CurrentSandbox, mutate: Callable[[Spec], None] | None, op: str
) -> None:
    """One valid call of `op`, judged by the fuzz test's checks against a (mutated) spec copy."""
    copy = tmp_path / "upbit.yaml"
    shutil.copyfile(SPEC, copy)
    spec: Spec = yaml.safe_load(copy.read_text(encoding="utf-8"))
    if mutate is not None:
        mutate(spec)
        copy.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    spec = yaml.safe_load(copy.read_text(encoding="utf-8"))
    schema = sandbox_schema(copy, sandbox)
    if op == "list_tickers":
        case, auth = schema["/v1/ticker"]["GET"].Case(query={"markets": "KRW-BTC"}), None
    else:  # a hand-made case gets no auth from the provider: sign it here
        case, auth = schema["/v1/accounts"]["GET"].Case(), UpbitSigner()
    response = case.call_and_validate(
        excluded_checks=[positive_data_acceptance],
        additional_checks=[every_field_declared(spec)],
        auth=auth,
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("op", ["list_tickers", "get_accounts"])
def test_the_unchanged_spec_passes(op: str, tmp_path: Path, sandbox: CurrentSandbox) -> None:
    _check_against(tmp_path, sandbox, None, op)


def test_a_field_whose_type_changed_fails(tmp_path: Path, sandbox: CurrentSandbox) -> None:
    with pytest.raises(FailureGroup) as failed:
        _check_against(tmp_path, sandbox, _ticker_price_becomes_a_string, "list_tickers")
    found = [(f.operation, f.title) for f in failed.value.exceptions]
    assert found == [("GET /v1/ticker", "Response violates schema")]
    report = str(failed.value)
    assert "Schema at /components/schemas/Ticker/properties/trade_price" in report
    assert 'is not of type "string"' in report


def test_a_field_deleted_from_the_spec_fails(tmp_path: Path, sandbox: CurrentSandbox) -> None:
    with pytest.raises(FailureGroup) as failed:
        _check_against(tmp_path, sandbox, _account_loses_avg_buy_price_modified, "get_accounts")
    assert len(failed.value.exceptions) == 1
    assert str(failed.value.exceptions[0].message).startswith(
        "GET /v1/accounts answered 200 with fields the spec does not declare: "
        "$[0].avg_buy_price_modified"
    )
