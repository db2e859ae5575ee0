"""Every operation of the spec, through the `Upbit` facade, against the running sandbox.

The calls are the cassette recorder's (scripts/record_cassettes.py): one table of valid
arguments per operation serves both.

Real HTTP on loopback: the client signs, the sandbox verifies with its own code, and every
raw response body is validated against the spec's schema for that operation and status.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from _spec import load_spec, operations, resolve
from jsonschema import Draft202012Validator
from record_cassettes import CALLS
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from upbit_ext import NotFound, Upbit
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve


class Recorder(httpx.HTTPTransport):
    """Keeps every raw answer so it can be checked against the spec, not the parsed model."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[tuple[str, str, int, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        content = response.read()
        body = json.loads(content) if content and response.status_code < 400 else content
        self.answers.append((request.method, request.url.path, response.status_code, body))
        return response


@pytest.fixture(scope="module")
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(scope="module")
def upbit(recorder: Recorder) -> Iterator[Upbit]:
    with tempfile.TemporaryDirectory() as tmp:
        config = SandboxConfig(db_path=Path(tmp) / "e2e.db")
        with (
            serve(config) as sandbox,
            Upbit(
                DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url, transport=recorder
            ) as client,
        ):
            yield client


OPS = {op.operation_id: op for op in operations()}


def test_every_operation_has_a_call() -> None:
    assert set(CALLS) == set(OPS)


@cache
def _validator(op_id: str, status: int) -> Draft202012Validator:
    spec = load_spec()
    op = OPS[op_id]
    media = resolve(op.definition["responses"][str(status)], spec)["content"]["application/json"]
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    schema = json.loads(json.dumps(media["schema"]).replace('"#/', '"urn:spec#/'))
    return Draft202012Validator(schema, registry=registry)


@pytest.mark.parametrize("op_id", sorted(CALLS))
def test_operation_answers_as_the_spec_says(op_id: str, upbit: Upbit, recorder: Recorder) -> None:
    op = OPS[op_id]
    start = len(recorder.answers)
    result = CALLS[op_id](upbit)
    assert result is not None
    answers = [a for a in recorder.answers[start:] if (a[0], a[1]) == (op.method, _path(op, a[1]))]
    assert answers, f"{op_id} was not sent"
    _, _, status, body = answers[-1]
    assert str(status) in op.definition["responses"], f"{op_id} answered undocumented {status}"
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator(op_id, status).iter_errors(body)
    ]
    assert not errors, f"{op_id} {status}: {errors[:5]}"


def _path(op: Any, seen: str) -> str:
    return seen if "{" in op.path else op.path


def test_unknown_order_is_a_typed_404(upbit: Upbit) -> None:
    with pytest.raises(NotFound) as missing:
        upbit.get_order(uuid="00000000-0000-4000-8000-0000000000ff")
    assert missing.value.name == "order_not_found"
