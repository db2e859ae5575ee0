"""`make record-live`: the public quotation endpoints, recorded from the real Upbit.

For a person with network access; never run by CI or by the tests, which only replay what it
wrote. It sends no keys (the client is built without any, and a request carrying an
`Authorization` header is refused before it leaves), one request at a time, at most five per
second (half of Upbit's smallest quotation limit), and it stops at the first error instead of
retrying. The cassettes replace `cassettes/live/<operation_id>.yaml` only when every operation
was recorded, in the format `record_cassettes.py` writes, with `recorded_at: live`.

`--from-examples` instead converts every REAL entry of tests/data/upbit-examples.json (live
exchanges recorded by github.com/interruping/upbeat in 2026-03) into a replayable cassette under
`cassettes/live/upbeat/`, so real wire bytes are in the suite without any network. `make record`
runs that conversion (it is offline and deterministic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from record_cassettes import cassette_vcr, keep_request, keep_response
from vcr.request import Request
from vcr.serialize import serialize
from vcr.serializers import yamlserializer

from upbit_ext import Upbit, UpbitError
from upbit_ext._operations import OPERATIONS
from upbit_ext._transport import OperationRouter

__all__ = [
    "EXAMPLES_PATH",
    "LIVE_CALLS",
    "MIN_INTERVAL",
    "UPBIT_BASE_URL",
    "CredentialsRefused",
    "Pacer",
    "convert_examples",
    "live_metadata",
    "main",
    "record_live",
    "refuse_credentials",
]

ROOT = Path(__file__).resolve().parent.parent
LIVE_DIR = ROOT / "cassettes" / "live"
UPBEAT_DIR = LIVE_DIR / "upbeat"
EXAMPLES_PATH = ROOT / "tests" / "data" / "upbit-examples.json"
UPBIT_BASE_URL = "https://api.upbit.com"
MIN_INTERVAL = 0.2
# Not kept by the examples; what Upbit answers JSON with.
EXAMPLE_CONTENT_TYPE = "application/json; charset=utf-8"
_ROUTER = OperationRouter(OPERATIONS)

# Every quotation operation, one request each, small answers.
LIVE_CALLS: dict[str, Callable[[Upbit], Any]] = {
    "list_trading_pairs": lambda u: u.list_trading_pairs(is_details=True),
    "list_second_candles": lambda u: u.list_second_candles(market="KRW-BTC", count=3),
    "list_minute_candles": lambda u: u.list_minute_candles(unit=1, market="KRW-BTC", count=3),
    "list_day_candles": lambda u: u.list_day_candles(market="KRW-BTC", count=2),
    "list_week_candles": lambda u: u.list_week_candles(market="KRW-BTC", count=2),
    "list_month_candles": lambda u: u.list_month_candles(market="KRW-BTC", count=2),
    "list_year_candles": lambda u: u.list_year_candles(market="KRW-BTC", count=2),
    "list_recent_trades": lambda u: u.list_recent_trades(market="KRW-BTC", count=5),
    "list_tickers": lambda u: u.list_tickers(markets="KRW-BTC,KRW-ETH"),
    "list_quote_tickers": lambda u: u.list_quote_tickers(quote_currencies="BTC"),
    "list_orderbooks": lambda u: u.list_orderbooks(markets="KRW-BTC"),
    "list_orderbook_instruments": lambda u: u.list_orderbook_instruments(markets="KRW-BTC"),
    "list_orderbook_levels": lambda u: u.list_orderbook_levels(markets="KRW-BTC"),
}


class CredentialsRefused(RuntimeError):
    """A request with credentials reached the live recorder; it was not sent."""


def refuse_credentials(request: Request) -> Request:
    """vcrpy runs this before a request is sent, so raising here keeps it off the network."""
    if any(name.lower() == "authorization" for name in request.headers):
        raise CredentialsRefused(
            f"refusing to send {request.method} {request.path} with an Authorization header: "
            "the live recorder records public quotation endpoints only"
        )
    return keep_request(request)


class Pacer:
    """Spaces calls at least `interval` seconds apart (0.2 s: five per second)."""

    def __init__(
        self,
        interval: float = MIN_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval, self._clock, self._sleep = interval, clock, sleep
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            remaining = self._last + self.interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last = self._clock()


def live_metadata(operation_id: str, base_url: str, day: dt.date) -> dict[str, Any]:
    return {
        "recorded_at": "live",
        "operation_id": operation_id,
        "recorded_on": day.isoformat(),
        "base_url": base_url,
        "recorder": "scripts/record_live.py (make record-live)",
        "normalised": "no credentials sent; transport headers dropped",
    }


def record_live(
    out_dir: Path,
    *,
    base_url: str = UPBIT_BASE_URL,
    pacer: Pacer | None = None,
    today: Callable[[], dt.date] = lambda: dt.datetime.now(dt.UTC).date(),
    calls: Mapping[str, Callable[[Upbit], Any]] = LIVE_CALLS,
) -> list[Path]:
    """Record `calls` into `out_dir`, one cassette per operation and one request per cassette."""
    pacer = pacer or Pacer()
    recorder = cassette_vcr("all", refuse_credentials, filter_headers=())
    written: list[Path] = []
    for operation_id, call in calls.items():
        if OPERATIONS[operation_id].secured:
            raise CredentialsRefused(f"{operation_id} needs keys; only quotation is recorded")
        path = out_dir / f"{operation_id}.yaml"
        path.unlink(missing_ok=True)
        pacer.wait()
        with recorder.use_cassette(str(path)) as cassette:
            for key, value in live_metadata(operation_id, base_url, today()).items():
                cassette.get_metadata(key, value)
            with Upbit(base_url=base_url, max_retries=0) as client:
                call(client)
            if len(cassette.data) != 1:
                raise SystemExit(f"{operation_id}: expected one request, sent {len(cassette.data)}")
        written.append(path)
    return written


# --- the upbeat recordings in tests/data/upbit-examples.json ----------------------------------

_REQUEST_LINE = re.compile(r"^(?P<method>[A-Z]+) (?P<url>\S+)(?:\s+body=(?P<body>.+))?$")


def example_name(key: str, operation_id: str) -> str:
    """`GET /v1/order (limit, wait)` -> `get_order--limit-wait` (the part before any `;`)."""
    variant = re.search(r"\(([^;)]*)", key)
    if variant is None:
        return operation_id
    slug = re.sub(r"[^a-z0-9]+", "-", variant[1].lower()).strip("-")
    return f"{operation_id}--{slug}"


def example_cassette(key: str, entry: Mapping[str, Any]) -> tuple[str, str]:
    """One REAL example as (file name, cassette YAML) in vcrpy's own format."""
    line = _REQUEST_LINE.match(entry["request"])
    if line is None:
        raise ValueError(f"{key}: cannot read the request line {entry['request']!r}")
    url = urlsplit(line["url"])
    op = _ROUTER.find(line["method"], url.path)
    if op is None:
        raise ValueError(f"{key}: {line['method']} {url.path} is not an operation of the spec")
    headers = {"accept": "application/json"}
    body = b""
    if line["body"]:
        body = json.dumps(json.loads(line["body"]), separators=(",", ":")).encode()
        headers["content-type"] = "application/json"
    request = keep_request(Request(line["method"], line["url"], body, headers))
    status = int(entry["http_status"])
    response = keep_response(
        {
            "status": {"code": status, "message": HTTPStatus(status).phrase},
            "headers": {
                "content-type": [EXAMPLE_CONTENT_TYPE],
                **{name.lower(): [value] for name, value in entry["headers"].items()},
            },
            "body": {
                "string": json.dumps(
                    entry["data"], ensure_ascii=False, separators=(",", ":")
                ).encode()
            },
        }
    )
    metadata = {
        "recorded_at": "live",
        "operation_id": op.id,
        "recorded_on": "2026-03",
        "origin": entry["source"],
        "converted_by": "scripts/record_live.py --from-examples (make record)",
        "converted_from": f"tests/data/upbit-examples.json, key {key!r}",
        "conversion_notes": (
            "status, Remaining-Req/Limit-By-Ip headers and body as recorded; content-type not "
            f"kept by the examples, set to {EXAMPLE_CONTENT_TYPE}; the JSON was re-serialised "
            "compactly, so numbers such as 100473000.00000000 read 100473000.0 (same values)"
        ),
    }
    cassette = {"requests": [request], "responses": [response], "metadata": metadata}
    return f"{example_name(key, op.id)}.yaml", serialize(cassette, yamlserializer)


def convert_examples(out_dir: Path, examples_path: Path = EXAMPLES_PATH) -> list[Path]:
    examples = json.loads(examples_path.read_text("utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for key, entry in examples.items():
        if key.startswith("_") or not entry["source"].startswith("REAL"):
            continue
        name, text = example_cassette(key, entry)
        path = out_dir / name
        if path in written:
            raise ValueError(f"{key}: a second example would also be written to {name}")
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def _replace_all(fresh: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for stale in target.glob("*.yaml"):
        stale.unlink()
    for path in sorted(fresh.glob("*.yaml")):
        shutil.copyfile(path, target / path.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--from-examples",
        action="store_true",
        help="convert the REAL entries of tests/data/upbit-examples.json (offline)",
    )
    parser.add_argument("--out", type=Path, help="cassette directory")
    parser.add_argument(
        "--base-url",
        default=UPBIT_BASE_URL,
        help="for the offline test of this script only: a loopback stub instead of Upbit",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.from_examples:
            written = convert_examples(Path(tmp))
            target = args.out or UPBEAT_DIR
        else:
            try:
                written = record_live(Path(tmp), base_url=args.base_url)
            except UpbitError as exc:
                print(f"stopped, nothing replaced: {exc}", file=sys.stderr)
                return 1
            target = args.out or LIVE_DIR
        _replace_all(Path(tmp), target)
    print(f"wrote {len(written)} live cassettes into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
