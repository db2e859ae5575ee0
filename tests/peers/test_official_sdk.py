"""Upbit's official SDK, pinned in requirements/peers.txt, completes its flows against the sandbox.

The SDK lives in its own virtual environment (.venv-peers, built here with pip on first use
and rebuilt when the pins change), and runs tests/peers/sdk_driver.py as a subprocess against
a sandbox on a loopback port, exactly as a user of that SDK would point it at a base URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve
from upbit_ext.sandbox._serve import RunningSandbox

ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "requirements" / "peers.txt"
VENV = ROOT / ".venv-peers"
DRIVER = Path(__file__).with_name("sdk_driver.py")


def _peer_python() -> Path:
    """The peers venv's interpreter, (re)built when requirements/peers.txt changed."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".pins-sha256"
    wanted = hashlib.sha256(PINS.read_bytes()).hexdigest()
    if not python.exists() or not stamp.exists() or stamp.read_text() != wanted:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", str(PINS)],
            check=True, timeout=600,
        )  # fmt: skip
        stamp.write_text(wanted)
    return python


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with serve(SandboxConfig(db_path=tmp_path / "sdk.db", history_days=0.05)) as running:
        yield running


def test_the_official_sdk_completes_its_flows(sandbox: RunningSandbox) -> None:
    python = _peer_python()
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPBIT_")}
    run = subprocess.run(
        [str(python), str(DRIVER), sandbox.url, DEMO_ACCESS_KEY, DEMO_SECRET_KEY],
        capture_output=True, text=True, timeout=180, env=env, cwd=DRIVER.parent,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-4000:]
    report: dict[str, Any] = json.loads(run.stdout)

    quotation = report["quotation"]
    assert quotation["tickers"] == ["KRW-BTC", "KRW-ETH"]
    assert quotation["pairs"] > 0
    assert quotation["best_ask"] > 0
    assert quotation["trades"] == quotation["minute_candles"] == 5

    orders = report["orders"]
    assert orders["resting_state"] == "wait"
    assert orders["open_has_resting"]
    assert orders["cancel_answer_state"] == "wait"  # the order as it was before the cancel
    assert (orders["market_answer_state"], orders["market_answer_trades_count"]) == ("wait", 0)
    assert orders["market_filled_state"] in ("done", "cancel")
    assert float(orders["market_filled_volume"]) > 0
    assert orders["closed"] == orders["expected_closed"]

    for flow in ("deposits", "withdrawals"):
        seen = report[flow]
        assert seen["paged"] == seen["made"], f"{flow}: the SDK's cursor paging went wrong"
        assert seen["retrieved"]
    assert report["withdrawals"]["chance_currency"] == "BTC"
    assert report["withdrawals"]["coin_withdrawal"] == ["BTC", "0.001"]
    assert report["deposits"]["chance_currency"] == "BTC"
