"""`upbit ticker --watch` as a person sees it: a real terminal (tmux) against the sandbox.

tmux is required, not optional: .ci/run installs it on a fresh CI machine.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from upbit_ext.sandbox import SandboxConfig, serve

MARKETS = ("KRW-BTC", "KRW-ETH")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The simulated clock runs in real time: trades, and so tickers, keep coming.
    with serve(SandboxConfig(db_path=tmp_path_factory.mktemp("sandbox") / "watch.db")) as sandbox:
        yield sandbox.url


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPBIT_")}
    env.update(HOME=str(home), UPBIT_CONFIG=str(home / "profiles.ini"))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never the real keyring
    return env


class Tmux:
    """One detached tmux server of its own (-L), so nothing touches the user's sessions."""

    def __init__(self) -> None:
        tmux = shutil.which("tmux")
        if tmux is None:
            pytest.fail("tmux is not installed: install it (apt-get install -y tmux; .ci/run does)")
        self.base = [tmux, "-L", f"upbit-test-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]

    def __call__(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, timeout=10)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def pane(self) -> str:
        return self("capture-pane", "-p", "-t", "watch")

    def wait_for(self, predicate: re.Pattern[str], seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        screen = ""
        while time.monotonic() < deadline:
            screen = self.pane()
            if predicate.search(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"not on screen after {seconds}s: {predicate.pattern}\n{screen}")

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, timeout=10)


def _rows(screen: str) -> dict[str, tuple[Decimal, str, str]]:
    """market -> (price, change, updated) from the table's body lines."""
    rows = {}
    for line in screen.splitlines():
        cells = [c.strip() for c in re.split(r"[│|]", line) if c.strip()]
        if len(cells) == 5 and cells[0] in MARKETS:
            rows[cells[0]] = (Decimal(cells[1].replace(",", "")), cells[2], cells[4])
    return rows


def _updates(screen: str) -> int:
    match = re.search(r"(\d+) updates · Ctrl-C stops", screen)
    assert match, screen
    return int(match.group(1))


def test_watch_shows_a_live_table_and_ctrl_c_exits(url: str, tmp_path: Path) -> None:
    tmux = Tmux()
    command = [sys.executable, "-m", "upbit_ext.cli", "--base-url", url, "ticker", *MARKETS,
               "--watch"]  # fmt: skip
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in _env(tmp_path).items())
    # The shell reports the exit code, then keeps the pane open for the last capture.
    script = f"env -i {env} {shlex.join(command)}; echo EXIT=$?; sleep 60"
    tmux("new-session", "-d", "-s", "watch", "-x", "120", "-y", "20", script)
    try:
        first = tmux.wait_for(re.compile(r"KRW-ETH\s*│\s*[\d,]+"))
        assert "Upbit tickers (live)" in first
        rows = _rows(first)
        assert set(rows) == set(MARKETS), first
        rest = {
            t["market"]: Decimal(str(t["trade_price"]))
            for t in httpx.get(f"{url}/v1/ticker", params={"markets": ",".join(MARKETS)}).json()
        }
        for market, (price, change, _) in rows.items():
            assert abs(price - rest[market]) / rest[market] < Decimal("0.01"), (market, price)
            assert re.fullmatch(r"[+-]\d+\.\d\d%", change), change
        # It keeps refreshing: more updates, and the rows change (new trade times or prices).
        seen = _updates(first)
        later = first
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
            _updates(later) >= seen + 3 and _rows(later) != rows
        ):
            time.sleep(0.3)
            later = tmux.pane()
        assert _updates(later) >= seen + 3, later
        assert _rows(later) != rows, later
        assert set(_rows(later)) == set(MARKETS), later
        tmux("send-keys", "-t", "watch", "C-c")
        final = tmux.wait_for(re.compile(r"EXIT=\d+"), seconds=15)
        assert "EXIT=0" in final, final
        assert "Traceback" not in final, final
        assert "KRW-BTC" in final  # the last table stays on screen
    finally:
        tmux.kill()


def _upbit(
    url: str, home: Path, *args: str, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *(["-c", code] if code else ["-m", "upbit_ext.cli"])]
    return subprocess.run(
        [*command, "--base-url", url, *args], capture_output=True, text=True, timeout=60,
        env=_env(home), stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_watch_piped_prints_json_lines_and_stops_after_count(url: str, tmp_path: Path) -> None:
    done = _upbit(url, tmp_path, "ticker", *MARKETS, "--watch", "--count", "5")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 5
    assert {m["code"] for m in lines} == set(MARKETS)
    assert {m["type"] for m in lines} == {"ticker"}
    assert any(m["stream_type"] == "REALTIME" for m in lines)


def test_watch_refuses_bad_urls_and_unknown_markets(url: str, tmp_path: Path) -> None:
    bad = _upbit(url, tmp_path, "ticker", "KRW-BTC", "--watch", "--ws-url", "http://x")
    assert bad.returncode == 2, bad.stderr
    assert bad.stderr.strip().splitlines() == [
        "upbit ticker: --ws-url must start with ws:// or wss://, got 'http://x'"
    ]
    unknown = _upbit(url, tmp_path, "ticker", "KRW-NOPE", "--watch")
    assert unknown.returncode == 5, unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1, unknown.stderr


_WITHOUT_WEBSOCKETS = """\
import runpy, sys
from importlib.abc import MetaPathFinder

class Uninstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "websockets":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, Uninstalled())
sys.argv = ["upbit", *sys.argv[1:]]
runpy.run_module("upbit_ext.cli", run_name="__main__")
"""


def test_watch_without_websockets_names_the_stream_extra(url: str, tmp_path: Path) -> None:
    done = _upbit(url, tmp_path, "ticker", "KRW-BTC", "--watch", code=_WITHOUT_WEBSOCKETS)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("upbit ticker: the 'stream' extra (websockets) is not installed")
    assert shlex.split(lines[0].split("Install it with: ", 1)[1])[-1].endswith("[stream]")
    plain = _upbit(url, tmp_path, "ticker", "KRW-BTC", code=_WITHOUT_WEBSOCKETS)
    assert plain.returncode == 0, plain.stderr  # without --watch, no stream needed
    assert json.loads(plain.stdout)[0]["market"] == "KRW-BTC"
