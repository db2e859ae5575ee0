"""Part 2: CPU per signed request (JWT with nonce and query_hash), without any network.

Each signer runs in its own worker process, timed with `time.process_time()` over many calls,
rounds interleaving the signers. What each call does:

- upbit_ext: `UpbitAuth` on a built `httpx.Request` (ours hashes the final, encoded request;
  the request is built once, as every httpx client builds it to send it anyway). The cost
  with the request built each time is in the extra key `incl_request_build`.
- floor: `urlencode` + `unquote` + SHA-512 + `jwt.encode` (PyJWT, HS256).
- upbit-sdk: `upbit.lib.jwt_auth.create_jwt_token` with the client's bracket query string.
- pyupbit: `Upbit._request_headers(query)`.
- ccxt: `upbit.sign(...)` for a private GET (it builds the URL and headers).

`python benchmarks/signing.py [--quick]` prints the rows as JSON.
"""

from __future__ import annotations

import argparse
import json
import time
import uuid as _uuid
from collections.abc import Callable
from typing import Any

import _harness

BENCH = "signing"
ORDER_UUID = "ef6fe48e-57e4-5ece-aa79-4cdedafda65d"
UUIDS = [str(_uuid.UUID(int=i + 1)) for i in range(100)]
CASES = {
    "small": "small query (uuid=…, 1 parameter)",
    "hundred": "100-parameter query (uuids[] x 100)",
}
CLIENTS = {"upbit_ext": "ours", "upbit-sdk": "peer", "pyupbit": "peer", "ccxt": "peer",
           "floor": "ours"}  # fmt: skip
CANNOT = {("ccxt", "hundred"): "ccxt's urlencode (doseq=False) cannot repeat uuids[]"}

_signers: dict[str, Callable[[], Any]] = {}


def _ours() -> dict[str, Callable[[], Any]]:
    import httpx

    from upbit_ext._auth import UpbitAuth

    auth = UpbitAuth(_harness.ACCESS_KEY, _harness.SECRET_KEY)
    url = "https://api.upbit.com/v1/orders/uuids"

    def make(params: list[tuple[str, str]]) -> Callable[[], Any]:
        request = httpx.Request("GET", url, params=params)
        return lambda: next(auth.auth_flow(request))

    def make_built(params: list[tuple[str, str]]) -> Callable[[], Any]:
        return lambda: next(auth.auth_flow(httpx.Request("GET", url, params=params)))

    small, hundred = [("uuid", ORDER_UUID)], [("uuids[]", u) for u in UUIDS]
    return {
        "small": make(small),
        "hundred": make(hundred),
        "small+build": make_built(small),
        "hundred+build": make_built(hundred),
    }


def _floor() -> dict[str, Callable[[], Any]]:
    import hashlib
    from urllib.parse import unquote, urlencode

    import jwt

    def make(params: list[tuple[str, str]]) -> Callable[[], Any]:
        def sign() -> Any:
            claims = {"access_key": _harness.ACCESS_KEY, "nonce": str(_uuid.uuid4())}
            claims["query_hash"] = hashlib.sha512(unquote(urlencode(params)).encode()).hexdigest()
            claims["query_hash_alg"] = "SHA512"
            return jwt.encode(claims, _harness.SECRET_KEY, "HS256")

        return sign

    return {
        "small": make([("uuid", ORDER_UUID)]),
        "hundred": make([("uuids[]", u) for u in UUIDS]),
    }


def _sdk() -> dict[str, Callable[[], Any]]:
    from upbit._qs import Querystring
    from upbit.lib.jwt_auth import create_jwt_token

    qs = Querystring(array_format="brackets")  # what upbit.Upbit.qs answers

    def make(params: dict[str, Any]) -> Callable[[], Any]:
        return lambda: create_jwt_token(_harness.ACCESS_KEY, _harness.SECRET_KEY, params, qs=qs)

    return {"small": make({"uuid": ORDER_UUID}), "hundred": make({"uuids": UUIDS})}


def _pyupbit() -> dict[str, Callable[[], Any]]:
    import pyupbit

    up = pyupbit.Upbit(_harness.ACCESS_KEY, _harness.SECRET_KEY)
    return {
        "small": lambda: up._request_headers({"uuid": ORDER_UUID}),
        "hundred": lambda: up._request_headers({"uuids[]": UUIDS}),
    }


def _ccxt() -> dict[str, Callable[[], Any]]:
    import ccxt

    ex = ccxt.upbit({"apiKey": _harness.ACCESS_KEY, "secret": _harness.SECRET_KEY})
    return {"small": lambda: ex.sign("order", ["private"], "GET", {"uuid": ORDER_UUID})}


_BUILDERS: dict[str, Callable[[], dict[str, Callable[[], Any]]]] = {
    "upbit_ext": _ours, "floor": _floor, "upbit-sdk": _sdk, "pyupbit": _pyupbit, "ccxt": _ccxt,
}  # fmt: skip


def prepare(client: str) -> list[str]:
    """Build `client`'s signers and warm them up; returns the cases it can sign."""
    _signers.update(_BUILDERS[client]())
    for sign in _signers.values():
        for _ in range(200):
            sign()
    return sorted(_signers)


def measure(case: str, n: int) -> float:
    """CPU µs per signature over `n` signatures."""
    sign = _signers[case]
    start = time.process_time()
    for _ in range(n):
        sign()
    return (time.process_time() - start) / n * 1e6


def run(quick: bool, *, rounds: int | None = None, n: int | None = None) -> list[dict[str, Any]]:
    rounds = rounds or (3 if quick else 8)
    n = n or (200 if quick else 500)
    peer_python = _harness.bench_python()
    workers: dict[str, _harness.Worker] = {}
    supported: dict[str, list[str]] = {}
    rows = []
    try:
        for name, env in CLIENTS.items():
            python = peer_python if env == "peer" else _harness.OUR_PYTHON
            workers[name] = _harness.Worker(BENCH, python, label=f"{name} signing")
            supported[name] = workers[name].call("prepare", client=name)
        for case, label in CASES.items():
            able = [name for name in workers if case in supported[name]]
            measure = {
                name: (
                    lambda name=name, case=case: float(
                        workers[name].call("measure", case=case, n=n)
                    )
                )
                for name in able
            }
            measure["upbit_ext+build"] = lambda case=case: float(
                workers["upbit_ext"].call("measure", case=f"{case}+build", n=n)
            )
            samples = _harness.interleaved(rounds, measure)
            results = {
                name: _harness.summary(samples[name], signatures=n * rounds) for name in able
            }
            built = _harness.summary(samples["upbit_ext+build"])
            results["upbit_ext"]["incl_request_build"] = round(built["median"], 1)
            missing = [f"{c}: {why}" for (c, k), why in CANNOT.items() if k == case]
            rows.append(
                _harness.row(
                    BENCH,
                    label,
                    results,
                    unit="µs CPU/signature",
                    notes=(
                        f"no network; {rounds} rounds x {n} signatures per signer; ours signs a "
                        "built httpx.Request (HS512), with its building in incl_request_build; "
                        "floor is urlencode+unquote+SHA-512+PyJWT HS256"
                        + (f"; absent: {', '.join(missing)}" if missing else "")
                    ),
                )
            )
    finally:
        for worker in workers.values():
            worker.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
