"""The cassettes under cassettes/: complete, replayable through the facade, true to the spec, clean.

- `cassettes/sandbox/<operation_id>.yaml` (`make record`): every operation of the spec, replayed
  through `Upbit` with recording off, so a request the cassette does not hold fails the test.
- `cassettes/live/` (`make record-live`, and `upbeat/`: the live exchanges recorded by
  github.com/interruping/upbeat, converted by `record_live.py --from-examples`): replayed the
  same way, the call rebuilt from the recorded request.
- Every recorded answer is checked against spec/upbit.yaml: documented status, content type,
  `Remaining-Req` group, and the body against the response schema with every object closed
  (a key the spec does not describe is drift too). A failure names the cassette, the
  operation and the JSON path.
- No cassette holds an Authorization header, a token or a key.

Replay never needs the sandbox or the network: the facade points at a loopback port nothing
listens on, and vcrpy answers from the cassette (host and port are not matched).
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
import re
import socket
import tempfile
from collections.abc import Iterator, Mapping
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, get_args, get_origin, get_type_hints
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import record_cassettes
import record_live
import vcr
from _serve import serving
from _spec import ROOT, load_examples, load_spec, operations, resolve
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.request import Request
from vcr.serialize import deserialize
from vcr.serializers import yamlserializer

from upbit_ext import Upbit
from upbit_ext._operations import OPERATIONS
from upbit_ext._transport import OperationRouter
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve

CASSETTES = ROOT / "cassettes"
SANDBOX_DIR = CASSETTES / "sandbox"
LIVE_DIR = CASSETTES / "live"
SANDBOX_CASSETTES = sorted(SANDBOX_DIR.glob("*.yaml"))
LIVE_CASSETTES = sorted(LIVE_DIR.rglob("*.yaml"))
ALL_CASSETTES = SANDBOX_CASSETTES + LIVE_CASSETTES
ROUTER = OperationRouter(OPERATIONS)
SPEC_URI = "urn:upbit:spec"
# Remaining-Req spells two groups differently from the docs (seen live).
WIRE_GROUPS = {"candles": "candle", "crix-trades": "trade"}
# Ports nothing listens on: each replay gets its own host, so no rate-limit state carries over.
_PORTS = itertools.count(20001)


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(CASSETTES)) for p in paths]


def load_cassette(path: Path) -> tuple[list[Request], list[dict[str, Any]], dict[str, Any]]:
    requests, responses, *rest = deserialize(path.read_text("utf-8"), yamlserializer)
    return requests, responses, rest[0] if rest else {}


def replay_client() -> Upbit:
    return Upbit(
        DEMO_ACCESS_KEY,
        DEMO_SECRET_KEY,
        base_url=f"http://127.0.0.1:{next(_PORTS)}",
        max_retries=0,
    )


def body_json(response: dict[str, Any]) -> Any:
    return json.loads(response["body"]["string"])


def plain(result: Any) -> Any:
    return [item.to_dict() for item in result] if isinstance(result, list) else result.to_dict()


def assert_typed(operation_id: str, result: Any) -> None:
    hint = get_type_hints(getattr(Upbit, operation_id))["return"]
    if get_origin(hint) is list:
        (item,) = get_args(hint)
        assert isinstance(result, list), f"{operation_id} returned {type(result).__name__}"
        assert all(isinstance(x, item) for x in result), f"{operation_id}: {result!r:.200}"
    else:
        assert isinstance(result, hint), f"{operation_id} returned {type(result).__name__}"


def own_interactions(
    operation_id: str, requests: list[Request], responses: list[dict[str, Any]]
) -> list[tuple[Request, dict[str, Any]]]:
    return [
        (req, resp)
        for req, resp in zip(requests, responses, strict=True)
        if (op := ROUTER.find(req.method, req.path)) is not None and op.id == operation_id
    ]


# --- completeness and metadata ----------------------------------------------------------------


def test_every_operation_has_a_sandbox_cassette() -> None:
    spec_ids = {op.operation_id for op in operations()}
    recorded = {p.stem for p in SANDBOX_CASSETTES}
    assert spec_ids - recorded == set(), "run `make record`"
    assert recorded - spec_ids == set(), "cassettes for operations the spec no longer has"
    assert set(record_cassettes.CALLS) == spec_ids


@pytest.mark.parametrize("path", SANDBOX_CASSETTES, ids=_ids(SANDBOX_CASSETTES))
def test_sandbox_cassette_holds_its_operation(path: Path) -> None:
    requests, responses, metadata = load_cassette(path)
    assert metadata["operation_id"] == path.stem
    assert own_interactions(path.stem, requests, responses), f"{path.name} never calls {path.stem}"
    assert {urlsplit(r.uri).netloc for r in requests} == {"sandbox.invalid"}


def test_every_real_example_is_a_live_cassette() -> None:
    real = [k for k, v in load_examples().items() if v["source"].startswith("REAL")]
    upbeat = [p for p in LIVE_CASSETTES if p.parent.name == "upbeat"]
    assert len(upbeat) == len(real) >= 17
    converted = {load_cassette(p)[2]["converted_from"] for p in upbeat}
    assert converted == {f"tests/data/upbit-examples.json, key {k!r}" for k in real}


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=_ids(ALL_CASSETTES))
def test_cassette_says_where_it_was_recorded(path: Path) -> None:
    where = path.relative_to(CASSETTES).parts[0]
    # Loaded by vcrpy itself: the metadata is part of its cassette format, not a side file.
    with record_cassettes.cassette_vcr("none", record_cassettes.keep_request).use_cassette(
        str(path)
    ) as cassette:
        assert cassette.get_metadata("recorded_at", None) == where
        assert cassette.get_metadata("operation_id", None) in OPERATIONS
        assert len(cassette) >= 1


# --- replay through the facade ----------------------------------------------------------------


@pytest.mark.parametrize("operation_id", sorted(record_cassettes.CALLS))
def test_sandbox_cassette_replays_through_the_facade(operation_id: str) -> None:
    path = SANDBOX_DIR / f"{operation_id}.yaml"
    requests, responses, _ = load_cassette(path)
    replayer = record_cassettes.cassette_vcr("none", record_cassettes.keep_request)
    with replayer.use_cassette(str(path)) as cassette, replay_client() as client:
        result = record_cassettes.CALLS[operation_id](client)
        assert cassette.all_played, f"{operation_id}: the call skipped recorded requests"
    assert_typed(operation_id, result)
    _, response = own_interactions(operation_id, requests, responses)[-1]
    assert plain(result) == body_json(response)


def _json_body(request: Request) -> Any:
    raw = request.body
    return json.loads(raw) if raw else None


def body_without_client_identifier(sent: Request, recorded: Request) -> None:
    """Bodies must be equal, except the `identifier` this client adds to every order.

    upbeat sent orders without one; this client always sends one (order de-duplication).
    """
    mine, theirs = _json_body(sent), _json_body(recorded)
    if isinstance(mine, dict) and isinstance(theirs, dict) and "identifier" not in theirs:
        mine = {k: v for k, v in mine.items() if k != "identifier"}
    if mine != theirs:
        raise AssertionError(f"{mine} != {theirs}")


def live_replayer() -> vcr.VCR:
    replayer = record_cassettes.cassette_vcr("none", record_cassettes.keep_request)
    replayer.register_matcher("body_without_client_identifier", body_without_client_identifier)
    replayer.match_on = ("method", "path", "query", "body_without_client_identifier")
    return replayer


def _convert(value: Any, rule: Mapping[str, Any]) -> Any:
    if not isinstance(value, str):
        return value
    if rule["type"] == "integer":
        return int(value)
    if rule["type"] == "boolean":
        return {"true": True, "false": False}[value]
    return value


def facade_call(request: Request) -> tuple[str, dict[str, Any]]:
    """The facade method and arguments that send `request` (wire names are argument names)."""
    op = ROUTER.find(request.method, request.path)
    assert op is not None, f"{request.method} {request.path} is not in the spec"
    by_wire = {rule["wire"]: (name, rule) for name, rule in op.params.items()}
    pairs: list[tuple[str, Any]] = []
    template = re.sub(r"\{([^/}]+)\}", r"(?P<\1>[^/]+)", op.path)
    path_match = re.fullmatch(template, request.path)
    assert path_match is not None
    pairs += path_match.groupdict().items()
    pairs += parse_qsl(urlsplit(request.uri).query, keep_blank_values=True)
    pairs += (_json_body(request) or {}).items()
    kwargs: dict[str, Any] = {}
    for wire, value in pairs:
        name, rule = by_wire[wire]
        if rule["type"] == "array":
            kwargs.setdefault(name, []).append(value)
        else:
            kwargs[name] = _convert(value, rule)
    return op.id, kwargs


def replay_live(path: Path) -> None:
    requests, responses, metadata = load_cassette(path)
    with live_replayer().use_cassette(str(path)) as cassette, replay_client() as client:
        for request, response in zip(requests, responses, strict=True):
            operation_id, kwargs = facade_call(request)
            result = getattr(client, operation_id)(**kwargs)
            assert_typed(operation_id, result)
            assert plain(result) == body_json(response)
        assert cassette.all_played
    assert metadata["operation_id"] == facade_call(requests[0])[0]


@pytest.mark.parametrize("path", LIVE_CASSETTES, ids=_ids(LIVE_CASSETTES))
def test_live_cassette_replays_through_the_facade(path: Path) -> None:
    replay_live(path)


def test_replay_refuses_a_request_the_cassette_does_not_hold() -> None:
    path = SANDBOX_DIR / "list_tickers.yaml"
    replayer = record_cassettes.cassette_vcr("none", record_cassettes.keep_request)
    with (
        replayer.use_cassette(str(path)),
        replay_client() as client,
        pytest.raises(CannotOverwriteExistingCassetteException),
    ):
        client.list_tickers(markets="KRW-ETH")


def test_an_order_with_other_parameters_does_not_replay() -> None:
    path = SANDBOX_DIR / "create_order.yaml"
    requests, responses, _ = load_cassette(path)
    (order, _), *_ = own_interactions("create_order", requests, responses)
    sent = json.loads(order.body)
    replayer = record_cassettes.cassette_vcr("none", record_cassettes.keep_request)
    with (
        replayer.use_cassette(str(path)),
        replay_client() as client,
        pytest.raises(CannotOverwriteExistingCassetteException, match="body"),
    ):
        # Same method, path and query as the recorded order; only the volume differs.
        client.create_order(**{**sent, "volume": "0.002"})


def test_an_upbeat_order_replays_only_for_its_own_body() -> None:
    path = LIVE_DIR / "upbeat" / "create_order--limit-bid.yaml"
    with (
        live_replayer().use_cassette(str(path)),
        replay_client() as client,
        pytest.raises(CannotOverwriteExistingCassetteException),
    ):
        client.create_order(
            market="KRW-BTC", side="bid", ord_type="limit", price="10000000", volume="0.0006"
        )


# --- every recorded answer against the spec ---------------------------------------------------


def closed(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of the spec whose response objects reject keys they do not describe.

    The spec leaves objects open so a new Upbit field never breaks parsing; the contract is
    stricter: a recorded key the spec does not know is drift. `allOf` objects are merged first,
    so closing a part does not reject its siblings' keys.
    """
    strict = copy.deepcopy(spec)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "allOf" in node:
                parts = [resolve(part, strict) for part in node["allOf"]]
                if all(p.get("type") == "object" and "properties" in p for p in parts):
                    node.pop("allOf")
                    node["type"] = "object"
                    node["properties"] = {
                        k: v for p in parts for k, v in p["properties"].items()
                    } | node.get("properties", {})
                    node["required"] = sorted({r for p in parts for r in p.get("required", [])})
            if node.get("type") == "object" and "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(strict)
    return strict


@cache
def strict_spec() -> dict[str, Any]:
    return closed(load_spec())


def json_path(parts: Any) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def _pointer(method: str, path: str, status: str, spec: dict[str, Any]) -> str:
    response = spec["paths"][path][method.lower()]["responses"][status]
    if "$ref" in response:
        return str(response["$ref"]).removeprefix("#") + "/content/application~1json/schema"
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"/paths/{escaped}/{method.lower()}/responses/{status}/content/application~1json/schema"


def _name(path: Path) -> str:
    return str(path.relative_to(CASSETTES)) if path.is_relative_to(CASSETTES) else path.name


def contract_violations(path: Path, spec: dict[str, Any]) -> list[str]:
    """Everything in the cassette at `path` that disagrees with `spec`, one line each."""
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    rate_groups = spec["info"]["x-upbit-rate-groups"]
    requests, responses, _ = load_cassette(path)
    problems: list[str] = []
    for index, (request, response) in enumerate(zip(requests, responses, strict=True)):
        op = ROUTER.find(request.method, request.path)
        where = f"{_name(path)} #{index}"
        if op is None:
            problems.append(f"{where}: {request.method} {request.path} is no operation")
            continue
        where += f" {op.id}"
        status = str(response["status"]["code"])
        definition = spec["paths"][op.path][op.method.lower()]
        if status not in definition["responses"]:
            problems.append(f"{where}: status {status} is not documented")
            continue
        documented = resolve(definition["responses"][status], spec).get("content", {})
        headers = {k.lower(): v[0] for k, v in response["headers"].items()}
        media = headers.get("content-type", "").split(";")[0].strip()
        if media not in documented:
            problems.append(f"{where}: content type {media!r} is not one of {sorted(documented)}")
            continue
        remaining = headers.get("remaining-req")
        group = definition["x-upbit-rate-group"]
        fields = dict(
            part.strip().split("=", 1) for part in (remaining or "").split(";") if "=" in part
        )
        wire_group = fields.get("group", "")
        if WIRE_GROUPS.get(wire_group, wire_group) != group:
            problems.append(f"{where}: Remaining-Req {remaining!r} is not group {group!r}")
        elif not 0 <= int(fields.get("sec", -1)) <= rate_groups[group]["limit"]:
            problems.append(f"{where}: Remaining-Req {remaining!r} is out of range")
        if media != "application/json":
            continue
        pointer = _pointer(op.method, op.path, status, spec)
        validator = Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry)
        for error in validator.iter_errors(body_json(response)):
            problems.append(f"{where}: {json_path(error.absolute_path)}: {error.message:.200}")
    return problems


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=_ids(ALL_CASSETTES))
def test_recorded_answers_conform_to_the_spec(path: Path) -> None:
    problems = contract_violations(path, strict_spec())
    assert not problems, "\n".join(problems[:20])


def _ticker_schema(spec: dict[str, Any]) -> dict[str, Any]:
    items = resolve(
        spec["paths"]["/v1/ticker"]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ],
        spec,
    )["items"]
    schema: dict[str, Any] = resolve(items, spec)
    return schema


@pytest.mark.parametrize("cassette", ["sandbox/list_tickers.yaml", "live/upbeat/list_tickers.yaml"])
def test_a_spec_edited_without_the_server_fails_the_contract(cassette: str) -> None:
    path = CASSETTES / cassette
    assert contract_violations(path, strict_spec()) == []

    retyped = copy.deepcopy(load_spec())
    _ticker_schema(retyped)["properties"]["trade_price"] = {"type": "string"}
    problems = contract_violations(path, closed(retyped))
    assert problems
    assert all("list_tickers" in p and "$[0].trade_price" in p for p in problems[:1])

    deleted = copy.deepcopy(load_spec())
    ticker = _ticker_schema(deleted)
    del ticker["properties"]["acc_trade_volume_24h"]
    ticker["required"] = [k for k in ticker.get("required", []) if k != "acc_trade_volume_24h"]
    problems = contract_violations(path, closed(deleted))
    assert any("$[0]" in p and "acc_trade_volume_24h" in p for p in problems), problems


# --- no secrets -------------------------------------------------------------------------------

JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")


def _key_material() -> set[str]:
    keys = SandboxConfig().keys
    return (
        {DEMO_ACCESS_KEY, DEMO_SECRET_KEY}
        | {k.access_key for k in keys}
        | {k.secret_key for k in keys}
    )


def secrets_in(text: str) -> list[str]:
    found = [f"key {key[:6]}…" for key in _key_material() if key in text]
    if re.search(r"^\s*authorization:", text, re.IGNORECASE | re.MULTILINE):
        found.append("an authorization header")
    if re.search(r"bearer\s", text, re.IGNORECASE):
        found.append("a Bearer token")
    if JWT.search(text):
        found.append("a JWT")
    return found


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=_ids(ALL_CASSETTES))
def test_cassette_holds_no_secrets(path: Path) -> None:
    assert secrets_in(path.read_text("utf-8")) == []


def test_the_secret_scan_finds_what_it_looks_for() -> None:
    token = "eyJhbGciOiJIUzUxMiJ9.eyJhY2Nlc3Nfa2V5Ijoia2V5In0.c2ln"
    assert secrets_in(f"    authorization:\n    - Bearer {token}\n") == [
        "an authorization header",
        "a Bearer token",
        "a JWT",
    ]
    assert secrets_in(json.dumps({"access_key": DEMO_ACCESS_KEY})) != []
    assert secrets_in("access_key: xxxxxxxx") == []


def test_recording_masks_keys_in_answers() -> None:
    body = json.dumps([{"access_key": DEMO_ACCESS_KEY, "expire_at": "2027"}]).encode()
    response = {"headers": {"Date": ["now"], "Content-Type": ["x"]}, "body": {"string": body}}
    kept = record_cassettes.keep_response(response)
    assert kept["headers"] == {"content-type": ["x"]}
    assert json.loads(kept["body"]["string"]) == [
        {"access_key": "x" * len(DEMO_ACCESS_KEY), "expire_at": "2027"}
    ]


# --- the recorders ------------------------------------------------------------------------------


def test_make_record_is_reproducible() -> None:
    """Re-recording gives the committed bytes: the cassettes are what the sandbox answers now."""
    with tempfile.TemporaryDirectory() as tmp:
        record_cassettes.record_sandbox(Path(tmp), list(OPERATIONS))
        stale = [
            p.name
            for p in SANDBOX_CASSETTES
            if (Path(tmp) / p.name).read_text("utf-8") != p.read_text("utf-8")
        ]
    assert stale == [], "the sandbox answers differently now: run `make record`"


def test_upbeat_cassettes_are_generated_from_the_examples() -> None:
    committed = {p.name: p.read_text("utf-8") for p in (LIVE_DIR / "upbeat").glob("*.yaml")}
    with tempfile.TemporaryDirectory() as tmp:
        written = record_live.convert_examples(Path(tmp))
        fresh = {p.name: p.read_text("utf-8") for p in written}
    assert fresh == committed, "run `make record`"


class _Stub(BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def stub_url() -> Iterator[str]:
    _Stub.seen = []
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), _Stub)) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


def test_live_recorder_refuses_a_request_with_credentials(stub_url: str, tmp_path: Path) -> None:
    recorder = record_cassettes.cassette_vcr(
        "all", record_live.refuse_credentials, filter_headers=()
    )
    with recorder.use_cassette(str(tmp_path / "x.yaml")), httpx.Client() as http:
        http.get(f"{stub_url}/v1/ticker?markets=KRW-BTC")
        with pytest.raises(record_live.CredentialsRefused):
            http.get(f"{stub_url}/v1/ticker?markets=KRW-BTC", headers={"Authorization": "Bearer t"})
    assert _Stub.seen == ["/v1/ticker?markets=KRW-BTC"]  # the signed one never left


def test_live_recorder_refuses_exchange_operations(stub_url: str, tmp_path: Path) -> None:
    with pytest.raises(record_live.CredentialsRefused):
        record_live.record_live(
            tmp_path, base_url=stub_url, calls={"get_accounts": lambda u: u.get_accounts()}
        )
    assert _Stub.seen == []


def test_record_live_replaces_nothing_when_a_request_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "list_tickers.yaml"
    kept.write_text("recorded earlier")
    closed_port = socket.socket()
    closed_port.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{closed_port.getsockname()[1]}"
    closed_port.close()
    assert record_live.main(["--base-url", url, "--out", str(tmp_path)]) == 1
    assert "nothing replaced" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["list_tickers.yaml"]
    assert kept.read_text() == "recorded earlier"


def test_pacer_keeps_five_requests_per_second() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = record_live.Pacer(clock=lambda: now[0], sleep=sleep)
    starts = []
    for spent in (0.0, 0.05, 0.5, 0.0):
        pacer.wait()
        starts.append(now[0])
        now[0] += spent
    assert all(b - a >= 0.2 - 1e-9 for a, b in itertools.pairwise(starts))
    assert slept == pytest.approx([0.2, 0.15])


EXPECTED_LIVE_REQUESTS = {
    "list_trading_pairs": ("/v1/market/all", {"is_details": "true"}),
    "list_second_candles": ("/v1/candles/seconds", {"market": "KRW-BTC", "count": "3"}),
    "list_minute_candles": ("/v1/candles/minutes/1", {"market": "KRW-BTC", "count": "3"}),
    "list_day_candles": ("/v1/candles/days", {"market": "KRW-BTC", "count": "2"}),
    "list_week_candles": ("/v1/candles/weeks", {"market": "KRW-BTC", "count": "2"}),
    "list_month_candles": ("/v1/candles/months", {"market": "KRW-BTC", "count": "2"}),
    "list_year_candles": ("/v1/candles/years", {"market": "KRW-BTC", "count": "2"}),
    "list_recent_trades": ("/v1/trades/ticks", {"market": "KRW-BTC", "count": "5"}),
    "list_tickers": ("/v1/ticker", {"markets": "KRW-BTC,KRW-ETH"}),
    "list_quote_tickers": ("/v1/ticker/all", {"quote_currencies": "BTC"}),
    "list_orderbooks": ("/v1/orderbook", {"markets": "KRW-BTC"}),
    "list_orderbook_instruments": ("/v1/orderbook/instruments", {"markets": "KRW-BTC"}),
    "list_orderbook_levels": ("/v1/orderbook/supported_levels", {"markets": "KRW-BTC"}),
}


def test_record_live_writes_replayable_cassettes(tmp_path: Path) -> None:
    """The live recorder, pointed at the sandbox on loopback instead of api.upbit.com."""
    assert record_live.UPBIT_BASE_URL == "https://api.upbit.com"
    quotation = {op.id for op in OPERATIONS.values() if not op.secured}
    assert set(record_live.LIVE_CALLS) == quotation == set(EXPECTED_LIVE_REQUESTS)

    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    config = SandboxConfig(db_path=tmp_path / "stub.db", origin_ms=1_767_225_600_000, frozen=True)
    with serve(config) as sandbox:
        written = record_live.record_live(
            tmp_path,
            base_url=sandbox.url,
            pacer=record_live.Pacer(clock=lambda: now[0], sleep=sleep),
            today=lambda: dt.date(2026, 4, 1),
        )
    assert slept == pytest.approx([record_live.MIN_INTERVAL] * (len(written) - 1))
    assert sorted(p.stem for p in written) == sorted(EXPECTED_LIVE_REQUESTS)
    for path in written:
        requests, responses, metadata = load_cassette(path)
        assert metadata == record_live.live_metadata(path.stem, sandbox.url, dt.date(2026, 4, 1))
        (request,) = requests
        url = urlsplit(request.uri)
        assert f"{url.scheme}://{url.netloc}" == sandbox.url
        assert (url.path, dict(parse_qsl(url.query))) == EXPECTED_LIVE_REQUESTS[path.stem]
        assert set(request.headers) <= record_cassettes.REQUEST_HEADERS
        assert set(responses[0]["headers"]) <= record_cassettes.RESPONSE_HEADERS
        assert secrets_in(path.read_text("utf-8")) == []
        assert layout(path) == CASSETTE_LAYOUT
        assert contract_violations(path, strict_spec()) == []
        replay_live(path)


CASSETTE_LAYOUT = (
    ("interactions", "metadata", "version"),
    ("body", "headers", "method", "uri"),
    ("body", "headers", "status"),
    ("string",),
)


def layout(path: Path) -> tuple[tuple[str, ...], ...]:
    raw = yamlserializer.deserialize(path.read_text("utf-8"))
    interaction = raw["interactions"][0]
    return (
        tuple(sorted(raw)),
        tuple(sorted(interaction["request"])),
        tuple(sorted(interaction["response"])),
        tuple(sorted(interaction["response"]["body"])),
    )


def test_live_and_sandbox_cassettes_share_one_format() -> None:
    assert {layout(path) for path in ALL_CASSETTES} == {CASSETTE_LAYOUT}
