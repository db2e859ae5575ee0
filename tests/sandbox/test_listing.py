"""Paging and filters of the sandbox's list endpoints, over real HTTP with an independent signer.

A cursor paginator (the official SDK's, for one) asks `to=<last uuid>` for the next page of
deposits and withdrawals; the transfer lists filter by state, uuid, direction and time, and
the universal and sub-pocket lists each show only their own transfers.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
import pytest

from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve
from upbit_ext.sandbox._serve import RunningSandbox
from upbit_ext.sandbox._state import ALL_PERMISSIONS, MAIN_POCKET, SUB_POCKET
from upbit_ext.sandbox._verify import ApiKey

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")

SUB_ACCESS = "subPocketAccessKey00000000000000000000000"
SUB_SECRET = "subPocketSecretKey00000000000000000000000"
KEYS = (
    ApiKey(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, ALL_PERMISSIONS, frozenset(), None, MAIN_POCKET),
    ApiKey(SUB_ACCESS, SUB_SECRET, ALL_PERMISSIONS, frozenset(), None, SUB_POCKET),
)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    config = SandboxConfig(db_path=tmp_path / "listing.db", history_days=0.05, keys=KEYS)
    with serve(config) as running:
        yield running


@pytest.fixture
def main(sandbox: RunningSandbox) -> Iterator[Signed]:
    client = Signed(sandbox.url)
    yield client
    client.http.close()


@pytest.fixture
def sub(sandbox: RunningSandbox) -> Iterator[Signed]:
    client = Signed(sandbox.url, SUB_ACCESS, SUB_SECRET)
    yield client
    client.http.close()


class Signed:
    """Requests signed with PyJWT + hashlib (nothing from upbit_ext), as a foreign client."""

    def __init__(self, url: str, access: str = DEMO_ACCESS_KEY, secret: str = DEMO_SECRET_KEY):
        self.http = httpx.Client(base_url=url)
        self.access, self.secret = access, secret

    def _auth(self, signed: str) -> dict[str, str]:
        claims: dict[str, Any] = {"access_key": self.access, "nonce": str(uuid.uuid4())}
        if signed:
            claims["query_hash"] = hashlib.sha512(signed.encode()).hexdigest()
            claims["query_hash_alg"] = "SHA512"
        return {"Authorization": "Bearer " + jwt.encode(claims, self.secret, algorithm="HS512")}

    def get(self, path: str, query: str = "") -> Any:
        answer = self.http.get(f"{path}?{query}" if query else path, headers=self._auth(query))
        assert answer.status_code == 200, answer.text
        return answer.json()

    def post(self, path: str, body: dict[str, str]) -> Any:
        headers = {**self._auth(urlencode(body)), "Content-Type": "application/json"}
        answer = self.http.post(path, content=json.dumps(body), headers=headers)
        assert answer.status_code == 201, answer.text
        return answer.json()


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/v1/deposits", ("/v1/deposits/krw", {"amount": "10000", "two_factor_type": "kakao"})),
        ("/v1/withdraws", ("/v1/withdraws/krw", {"amount": "10000", "two_factor_type": "kakao"})),
    ],
)
def test_uuid_cursors_page_through_every_record_once(
    main: Signed, path: str, make: tuple[str, dict[str, str]]
) -> None:
    client = main
    for _ in range(5):
        client.post(*make)
    everything = [r["uuid"] for r in client.get(path, "limit=100")]
    assert len(everything) >= 5
    seen: list[str] = []
    page = client.get(path, "limit=2")
    while page:  # what the official SDK's cursor paginator does: to=<last uuid of the page>
        assert len(page) <= 2
        seen += [r["uuid"] for r in page]
        page = client.get(path, f"limit=2&to={page[-1]['uuid']}")
        assert len(seen) <= len(everything), "the cursor is ignored: the same page again"
    assert seen == everything  # newest first, contiguous, no duplicates
    oldest_first = everything[::-1]
    after = client.get(path, f"limit=2&order_by=asc&from={oldest_first[0]}")
    assert [r["uuid"] for r in after] == oldest_first[1:3]
    between = client.get(path, f"from={oldest_first[0]}&to={oldest_first[3]}")
    assert [r["uuid"] for r in between] == [oldest_first[2], oldest_first[1]]
    assert client.get(path, f"to={uuid.uuid4()}") == []


def test_transfer_lists_filter_and_keep_their_own_kind(main: Signed, sub: Signed) -> None:
    universal = [
        main.post(
            "/v1/pockets/universal_transfers",
            {"to": SUB_POCKET, "currency": "KRW", "amount": str(amount)},
        )
        for amount in (1000, 2000)
    ]
    out = sub.post("/v1/pockets/transfers", {"to": MAIN_POCKET, "currency": "KRW", "amount": "500"})

    def uuids(rows: list[dict[str, Any]]) -> list[str]:
        return [r["uuid"] for r in rows]

    assert uuids(main.get("/v1/pockets/universal_transfers")) == [
        universal[1]["uuid"],
        universal[0]["uuid"],
    ]
    assert uuids(sub.get("/v1/pockets/transfers")) == [out["uuid"]]
    assert uuids(sub.get("/v1/pockets/transfers", "direction=out")) == [out["uuid"]]
    assert sub.get("/v1/pockets/transfers", "direction=in") == []
    assert sub.get("/v1/pockets/transfers", "states[]=failed") == []
    assert uuids(sub.get("/v1/pockets/transfers", "states[]=done&states[]=failed")) == [out["uuid"]]
    later = int(time.time() * 1000) + 60_000
    assert sub.get("/v1/pockets/transfers", f"start_time={later}") == []
    assert main.get("/v1/pockets/universal_transfers", f"start_time={later}") == []
    one = universal[0]["uuid"]
    assert uuids(main.get("/v1/pockets/universal_transfers", f"uuids[]={one}")) == [one]
    assert len(main.get("/v1/pockets/universal_transfers", f"to={SUB_POCKET}")) == 2
    assert main.get("/v1/pockets/universal_transfers", f"from={SUB_POCKET}") == []
    assert uuids(main.get("/v1/pockets/universal_transfers", "order_by=asc&limit=1")) == [one]
