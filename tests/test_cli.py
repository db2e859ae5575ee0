"""The `upbit` command as a person runs it: a real process, real output, clean exit."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import httpx


def _upbit(*args: str) -> list[str]:
    return [sys.executable, "-m", "upbit_ext.cli", *args]


def test_sandbox_command_serves_until_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    proc = subprocess.Popen(
        _upbit("sandbox", "--port", "0", "--db", str(db)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("Upbit sandbox listening on http://127.0.0.1:"), first
        url = first.split()[-1]
        tickers = httpx.get(f"{url}/v1/ticker", params={"markets": "KRW-BTC"}, timeout=10).json()
        assert tickers[0]["market"] == "KRW-BTC"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()  # never leave a server behind, even when the test fails
            proc.communicate()
            raise
    assert proc.returncode == 0, err
    assert db.exists()  # state is kept for the next start


def test_bad_arguments_are_refused_clearly() -> None:
    done = subprocess.run(_upbit("sandbox", "--error-rate", "2"), capture_output=True, text=True)
    assert done.returncode == 2
    assert "error_rate must be a probability from 0 to 1" in done.stderr
    assert "Traceback" not in done.stderr
    unknown = subprocess.run(_upbit("frobnicate"), capture_output=True, text=True)
    assert unknown.returncode == 2
    assert "unknown command 'frobnicate'" in unknown.stderr
