"""`upbit` commands as a person runs them: real processes against the sandbox on loopback.

Independent read-only commands run concurrently (each is a fresh interpreter), so the file
stays quick on a small machine; order flows run one after the other.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import pty
import select
import shlex
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from itertools import pairwise
from pathlib import Path
from threading import Thread
from typing import Any

import httpx
import pytest
import yaml
from _serve import serving
from fake_upbit import FakeUpbit

from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, serve

ORIGIN_MS = 1_780_000_000_000  # 2026-05-28T20:26:40Z; candles before it are fixed by the seed
KEYS = {"UPBIT_ACCESS_KEY": DEMO_ACCESS_KEY, "UPBIT_SECRET_KEY": DEMO_SECRET_KEY}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("sandbox") / "cli.db"
    with serve(SandboxConfig(db_path=db, origin_ms=ORIGIN_MS)) as sandbox:
        yield sandbox.url


class Run:
    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        self.code, self.out, self.err = done.returncode, done.stdout, done.stderr

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)


# Dozens of fresh interpreters: let them share compiled bytecode in a temporary directory
# (outside the checkout) even where PYTHONDONTWRITEBYTECODE is set.
_PYCACHE = Path(tempfile.mkdtemp(prefix="upbit-cli-pycache-"))


def _env(home: Path, keys: bool, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPBIT_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(HOME=str(home), UPBIT_CONFIG=str(home / "profiles.ini"), COLUMNS="200")
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    env["PATH"] = os.environ.get("PATH", "")
    # Never the real OS keyring of the machine running the tests (`configure` would use it).
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if keys:
        env.update(KEYS)
    env.update(extra or {})
    return env


def upbit(
    url: str | None, home: Path, *args: str, keys: bool = True, env: dict[str, str] | None = None
) -> Run:
    """`upbit [--base-url URL] ARGS` with stdout piped (so JSON unless -f says otherwise)."""
    command = [sys.executable, "-m", "upbit_ext.cli", *(["--base-url", url] if url else []), *args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env=_env(home, keys, env),
    )  # fmt: skip
    return Run(done)


def _one_line_error(run: Run, code: int, *words: str) -> None:
    assert run.code == code, (run.code, run.err)
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert "Traceback" not in run.err
    for word in words:
        assert word in lines[0], lines[0]


# --- read-only commands, run together -------------------------------------------------------

READS: dict[str, tuple[tuple[str, ...], bool]] = {
    "markets": (("markets", "--quote", "KRW"), False),
    "ticker": (("ticker", "KRW-BTC", "KRW-ETH"), False),
    "ticker_jsonl": (("ticker", "KRW-BTC", "KRW-ETH", "-f", "jsonl"), False),
    "ticker_csv": (("ticker", "KRW-BTC", "--format", "csv"), False),
    "ticker_yaml": (("--format", "yaml", "ticker", "KRW-BTC"), False),
    "orderbook": (("orderbook", "KRW-BTC", "--depth", "3"), False),
    "trades": (("trades", "KRW-ETH", "--count", "7"), False),
    "balance": (("balance",), True),
    "doctor": (("doctor",), True),
    "doctor_nokeys": (("doctor",), False),
    "api_tickers": (("api", "list-tickers", "--markets", "KRW-BTC", "--markets", "KRW-XRP"), False),
    "api_minutes": (
        (
            "api",
            "list-minute-candles",
            "--unit",
            "5m",
            "--market",
            "KRW-BTC",
            "--count",
            "3",
            "--to",
            "2026-05-28T00:00:00Z",
        ),
        False,
    ),
    "api_accounts": (("api", "get-accounts"), True),
    "api_closed": (("api", "list-closed-orders", "--states", "done", "--states", "cancel"), True),
    "api_bad_enum": (("api", "list-closed-orders", "--order-by", "sideways"), True),
    "api_help": (("api", "list-closed-orders", "--help"), False),
    "explain": (("explain-error", "insufficient_funds_bid"), False),
    "explain_unknown": (("explain-error", "insufficient_fund"), False),
    "explain_all": (("explain-error",), False),
    "no_keys": (("balance",), False),
    "not_found": (("ticker", "KRW-NOPE"), False),
    "orderbook_table": (("orderbook", "KRW-BTC", "--depth", "2", "-f", "table"), False),
    "balance_table": (("-f", "table", "balance"), True),
    "explain_status": (("explain-error", "429"), False),
    "market_buy": (("order", "buy", "KRW-BTC", "--price", "10000", "--test", "--yes"), True),
    "best_ioc": (
        (
            "order",
            "sell",
            "KRW-BTC",
            "--volume",
            "0.001",
            "--type",
            "best",
            "--time-in-force",
            "ioc",
            "--test",
            "--yes",
        ),
        True,
    ),
    "bad_price": (("order", "buy", "KRW-BTC", "--price", "1e-x", "--volume", "1", "--yes"), True),
    "open_and_closed": (("orders", "--open", "--closed"), True),
    "facade_refusal": (("api", "list-tickers", "--markets", "krw-btc"), False),
    "version": (("--version",), False),
    "completion": (("--show-completion", "bash"), False),
}


@pytest.fixture(scope="module")
def reads(url: str, home: Path) -> dict[str, Run]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            name: pool.submit(upbit, url, home, *args, keys=keys)
            for name, (args, keys) in READS.items()
        }
        return {name: future.result() for name, future in futures.items()}


def _sandbox_ticker(url: str, *markets: str) -> dict[str, Decimal]:
    answer = httpx.get(f"{url}/v1/ticker", params={"markets": ",".join(markets)}, timeout=10)
    return {t["market"]: Decimal(repr(t["trade_price"])) for t in answer.json()}


def test_markets_filter_by_quote(reads: dict[str, Run], url: str) -> None:
    every = {m["market"] for m in httpx.get(f"{url}/v1/market/all", timeout=10).json()}
    krw = {m["market"] for m in reads["markets"].json()}
    assert "KRW-BTC" in krw
    assert krw == {m for m in every if m.startswith("KRW-")}
    assert krw != every  # the sandbox lists other quotes too, which the filter dropped


def test_ticker_in_every_format(reads: dict[str, Run], url: str) -> None:
    as_json = reads["ticker"].json()
    assert [t["market"] for t in as_json] == ["KRW-BTC", "KRW-ETH"]
    lines = reads["ticker_jsonl"].out.splitlines()
    assert [json.loads(line)["market"] for line in lines] == ["KRW-BTC", "KRW-ETH"]
    (row,) = csv.DictReader(io.StringIO(reads["ticker_csv"].out))
    assert row["market"] == "KRW-BTC"
    assert Decimal(row["trade_price"]) > 0
    (item,) = yaml.safe_load(reads["ticker_yaml"].out)
    assert item["market"] == "KRW-BTC"
    assert set(item) == set(as_json[0])  # every field, whatever the format


def test_orderbook_and_trades(reads: dict[str, Run]) -> None:
    book = reads["orderbook"].json()
    assert book["market"] == "KRW-BTC"
    assert len(book["orderbook_units"]) == 3
    trades = reads["trades"].json()
    assert len(trades) == 7
    assert {t["market"] for t in trades} == {"KRW-ETH"}
    stamps = [t["timestamp"] for t in trades]
    assert stamps == sorted(stamps, reverse=True)


def test_balance_is_valued_in_krw(reads: dict[str, Run], url: str) -> None:
    rows = {r["currency"]: r for r in reads["balance"].json()}
    assert rows["KRW"]["value_krw"] == str(Decimal(rows["KRW"]["balance"]).quantize(Decimal(1)))
    prices = _sandbox_ticker(url, "KRW-BTC", "KRW-ETH")
    for coin in ("BTC", "ETH"):
        held = Decimal(rows[coin]["balance"]) + Decimal(rows[coin]["locked"])
        expected = held * prices[f"KRW-{coin}"]
        # The simulated price may move between the command's look-up and ours: within 2 %.
        assert abs(Decimal(rows[coin]["value_krw"]) - expected) <= expected * Decimal("0.02")


def test_doctor_checks_without_showing_the_secret(reads: dict[str, Run]) -> None:
    checks = {c["check"]: c for c in reads["doctor"].json()}
    for name in ("keys", "reachability", "clock", "permissions", "account read"):
        assert checks[name]["status"] == "ok", checks[name]
    assert "rate limits (ip)" in checks
    for run in (reads["doctor"], reads["doctor_nokeys"]):
        assert DEMO_SECRET_KEY not in run.out + run.err
        assert DEMO_ACCESS_KEY not in run.out + run.err
    nokeys = {c["check"]: c for c in reads["doctor_nokeys"].json()}
    assert nokeys["keys"]["status"] == "skip"
    assert "permissions" not in nokeys


def test_generated_api_commands(reads: dict[str, Run]) -> None:
    assert [t["market"] for t in reads["api_tickers"].json()] == ["KRW-BTC", "KRW-XRP"]
    candles = reads["api_minutes"].json()
    assert [c["candle_date_time_utc"] for c in candles] == [
        "2026-05-27T23:55:00", "2026-05-27T23:50:00", "2026-05-27T23:45:00",
    ]  # fmt: skip
    assert {c["unit"] for c in candles} == {5}
    assert {a["currency"] for a in reads["api_accounts"].json()} >= {"KRW", "BTC"}
    assert isinstance(reads["api_closed"].json(), list)
    bad = reads["api_bad_enum"]
    assert bad.code == 2
    assert "sideways" in bad.err
    assert "Traceback" not in bad.err


def test_generated_help_comes_from_the_spec(reads: dict[str, Run]) -> None:
    spec = yaml.safe_load((Path(__file__).parents[1] / "spec/upbit.yaml").read_text("utf-8"))
    op = spec["paths"]["/v1/orders/closed"]["get"]
    text = " ".join(reads["api_help"].out.split())
    assert " ".join(op["description"].split())[:60] in text
    assert "--states" in text
    assert "done" in text
    assert "cancel" in text
    assert "Repeat the option" in text


def test_explain_error(reads: dict[str, Run]) -> None:
    entry = reads["explain"].json()
    assert entry["class"] == "InsufficientFunds"
    assert "funds" in entry["meaning"].lower() or "balance" in entry["meaning"].lower()
    _one_line_error(reads["explain_unknown"], 5, "insufficient_fund", "insufficient_funds_bid")
    names = {row["name"] for row in reads["explain_all"].json()}
    assert {"insufficient_funds_bid", "nonce_used", "jwt_verification"} <= names


def test_errors_are_one_line_with_the_class_exit_code(reads: dict[str, Run]) -> None:
    _one_line_error(reads["no_keys"], 3, "upbit balance:", "UPBIT_ACCESS_KEY")
    _one_line_error(reads["not_found"], 5, "upbit ticker:", "404")


def test_tables_filters_and_refusals(reads: dict[str, Run]) -> None:
    book = reads["orderbook_table"].out
    assert book.count("│ ask ") == 2
    assert book.count("│ bid ") == 2
    assert "TOTAL" in reads["balance_table"].out
    assert reads["explain_status"].json()["meaning"].startswith("Too many requests")
    sent = reads["market_buy"].json()
    assert (sent["ord_type"], sent["price"]) == ("price", "10000")  # a market buy spends 10,000
    best = reads["best_ioc"].json()
    assert (best["ord_type"], best["side"], best["time_in_force"]) == ("best", "ask", "ioc")
    _one_line_error(reads["bad_price"], 2, "--price must be a decimal number")
    _one_line_error(reads["open_and_closed"], 2, "--open and --closed")
    _one_line_error(reads["facade_refusal"], 2, "upbit api list-tickers:", "markets")


def test_version_and_completion(reads: dict[str, Run]) -> None:
    assert reads["version"].out == f"upbit {metadata.version('upbit')}\n"
    assert "_UPBIT_COMPLETE" in reads["completion"].out
    assert reads["completion"].code == 0


# --- failures of the network and the server ------------------------------------------------


class _TooMany(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"Too many requests"
        self.send_response(429)
        self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_network_rate_limit_and_usage_exit_codes(home: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TooMany)
    Thread(target=server.serve_forever, daemon=True).start()
    closed = ThreadingHTTPServer(("127.0.0.1", 0), _TooMany)
    dead = f"http://127.0.0.1:{closed.server_address[1]}"
    closed.server_close()  # nothing listens there now
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            limited = pool.submit(
                upbit, f"http://127.0.0.1:{server.server_address[1]}", home, "ticker", "KRW-BTC"
            )
            network = pool.submit(upbit, dead, home, "ticker", "KRW-BTC")
            debug = pool.submit(upbit, dead, home, "--debug", "balance")
            usage = pool.submit(upbit, dead, home, "orderbook", "KRW-BTC", "--depth", "99")
            _one_line_error(limited.result(), 4, "upbit ticker:", "429")
            _one_line_error(network.result(), 6, "upbit ticker:", "connection")
            run = usage.result()
            assert run.code == 2
            assert "--depth" in run.err
            run = debug.result()
            assert run.code == 6
            assert "Traceback" in run.err  # --debug shows it ...
            assert DEMO_SECRET_KEY not in run.err  # ... and never the keys
            assert DEMO_ACCESS_KEY not in run.err
            assert DEMO_ACCESS_KEY[-4:] in run.err  # the masked key: which one was used
    finally:
        server.shutdown()
        server.server_close()


def test_rate_limit_url_option_chooses_the_store_and_is_checked_by_name(
    url: str, home: Path, tmp_path: Path
) -> None:
    store = tmp_path / "cli-limits.db"
    env = {"UPBIT_RATE_LIMIT_URL": "http://not-a-store"}  # the option wins over the variable
    run = upbit(url, home, "--rate-limit-url", f"sqlite://{store}", "ticker", "KRW-BTC", env=env)
    assert run.json()[0]["market"] == "KRW-BTC"
    with sqlite3.connect(store) as db:
        keys = {key for (key,) in db.execute("SELECT key FROM hits")}
    assert f"{url.removeprefix('http://')}|ip|ticker" in keys
    bad = upbit(url, home, "--rate-limit-url", "http://127.0.0.1:6379", "ticker", "KRW-BTC")
    _one_line_error(bad, 2, "upbit ticker: --rate-limit-url must be redis://", "sqlite:///")
    gone = "redis://:hunter2-secret@127.0.0.1:1/0"
    down = upbit(url, home, "--rate-limit-url", gone, "ticker", "KRW-BTC")
    _one_line_error(down, 6, "redis://:***@127.0.0.1:1/0 is unavailable")
    assert "hunter2-secret" not in down.err


# --- orders --------------------------------------------------------------------------------


def test_order_preview_test_mode_and_tick_rounding(url: str, home: Path) -> None:
    run = upbit(url, home, "order", "buy", "KRW-BTC", "--price", "100000999", "--volume",
                "0.001", "--round-tick", "--test", "--yes")  # fmt: skip
    sent = run.json()
    # KRW-BTC above 2,000,000 KRW trades in 1,000 KRW ticks: a buy rounds down.
    assert sent["price"] == "100000000"
    assert "POST /v1/orders/test" in run.err
    assert "  price = 100000000" in run.err.splitlines()
    preview = dict(line.strip().split(" = ") for line in run.err.splitlines() if " = " in line)
    assert preview["identifier"] == sent["identifier"]  # exactly what was sent
    opened = upbit(url, home, "orders", "--open").json()
    assert sent["uuid"] not in {o["uuid"] for o in opened}  # a test order is never placed
    unrounded = upbit(url, home, "order", "buy", "KRW-BTC", "--price", "100000999",
                      "--volume", "0.001", "--test", "--yes")  # fmt: skip
    assert unrounded.code == 1
    assert "price" in unrounded.err.lower()
    assert "Traceback" not in unrounded.err


def test_order_refuses_to_send_unconfirmed_without_a_terminal(url: str, home: Path) -> None:
    before = {o["uuid"] for o in upbit(url, home, "orders").json()}
    run = upbit(url, home, "order", "sell", "KRW-BTC", "--price", "200000000", "--volume", "0.01")
    _one_line_error(run, 2, "--yes")
    assert {o["uuid"] for o in upbit(url, home, "orders").json()} == before


def _pty_run(args: list[str], env: dict[str, str], answer: bytes) -> tuple[int, str]:
    """Run `upbit` on a pseudo-terminal; answer its first question; return (code, screen)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "upbit_ext.cli", *args], stdin=slave, stdout=slave, stderr=slave,
        env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    screen, answered, deadline = b"", False, time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                screen += chunk
                if not answered and b"Send this order?" in screen:
                    os.write(master, answer)
                    answered = True
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert answered, screen.decode(errors="replace")
    return code, screen.decode().replace("\r\n", "\n")


def test_order_confirmation_on_a_terminal(url: str, home: Path) -> None:
    env = _env(home, keys=True)
    args = ["--base-url", url, "-f", "json", "order", "buy", "KRW-ETH",
            "--price", "4000000", "--volume", "0.01"]  # fmt: skip
    code, screen = _pty_run(args, env, b"n\n")
    assert code == 1, screen
    assert "Not sent." in screen
    assert "  ord_type = limit" in screen
    code, screen = _pty_run(args, env, b"y\n")
    assert code == 0, screen
    placed = json.loads(screen[screen.index("{") :])
    assert (placed["market"], placed["side"], placed["price"]) == ("KRW-ETH", "bid", "4000000")
    opened = {o["uuid"]: o for o in upbit(url, home, "orders", "--open").json()}
    assert placed["uuid"] in opened
    # one order, not two: the refused one was never sent
    assert sum(o["price"] == "4000000" and o["market"] == "KRW-ETH" for o in opened.values()) == 1


def test_order_and_cancel_round_trip(url: str, home: Path) -> None:
    placed = upbit(url, home, "order", "buy", "KRW-XRP", "--price", "1000", "--volume", "10",
                   "--yes").json()  # fmt: skip
    assert (placed["ord_type"], placed["state"]) == ("limit", "wait")
    cancelled = upbit(url, home, "cancel", placed["uuid"]).json()
    assert cancelled["uuid"] == placed["uuid"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        state = upbit(url, home, "api", "get-order", "--uuid", placed["uuid"]).json()["state"]
        if state == "cancel":
            break
        time.sleep(0.2)
    assert state == "cancel"
    closed = upbit(url, home, "orders", "--closed").json()
    assert placed["uuid"] in {o["uuid"] for o in closed}
    upbit(url, home, "order", "buy", "KRW-XRP", "--price", "1001", "--volume", "10", "--yes").json()
    assert upbit(url, home, "orders", "--open").json()
    everything = upbit(url, home, "cancel", "--all", "--yes").json()
    assert everything["success"]["count"] >= 1
    neither = upbit(url, home, "cancel")
    _one_line_error(neither, 2, "UUID", "--all")


# --- profiles ------------------------------------------------------------------------------


def test_profiles_file_mode_and_environment_keys_win(url: str, tmp_path: Path) -> None:
    config = tmp_path / "profiles.ini"
    saved = upbit(url, tmp_path, "--profile", "demo", "configure", "--access-key",
                  DEMO_ACCESS_KEY, "--secret-key", DEMO_SECRET_KEY, keys=False)  # fmt: skip
    assert saved.code == 0, saved.err
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert DEMO_SECRET_KEY not in saved.out + saved.err
    with_profile = upbit(url, tmp_path, "--profile", "demo", "balance", keys=False)
    assert {r["currency"] for r in with_profile.json()} >= {"KRW", "BTC"}
    wrong = {"UPBIT_ACCESS_KEY": "x" * 40, "UPBIT_SECRET_KEY": "y" * 40}
    env_wins = upbit(url, tmp_path, "--profile", "demo", "balance", keys=False, env=wrong)
    _one_line_error(env_wins, 3, "upbit balance:")
    missing = upbit(url, tmp_path, "--profile", "nope", "balance", keys=False)
    _one_line_error(missing, 2, "nope")
    config.chmod(0o644)
    loose = upbit(url, tmp_path, "--profile", "demo", "balance", keys=False)
    _one_line_error(loose, 3, "chmod 600")


def test_profiles_keep_the_secret_in_the_os_keyring(url: str, tmp_path: Path) -> None:
    config, store = tmp_path / "profiles.ini", tmp_path / "keyring.json"
    tests = str(Path(__file__).parent)
    keyring_env = {"PYTHON_KEYRING_BACKEND": "_keyring_file.FileKeyring", "PYTHONPATH": tests,
                   "UPBIT_TEST_KEYRING": str(store)}  # fmt: skip
    saved = upbit(url, tmp_path, "--profile", "ring", "configure", "--access-key",
                  DEMO_ACCESS_KEY, "--secret-key", DEMO_SECRET_KEY, keys=False,
                  env=keyring_env)  # fmt: skip
    assert saved.code == 0, saved.err
    assert "OS keyring (FileKeyring)" in saved.err
    assert DEMO_SECRET_KEY not in config.read_text("utf-8")
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert json.loads(store.read_text("utf-8")) == {f"upbit/{DEMO_ACCESS_KEY}": DEMO_SECRET_KEY}
    with_ring = upbit(url, tmp_path, "--profile", "ring", "balance", keys=False, env=keyring_env)
    assert {r["currency"] for r in with_ring.json()} >= {"KRW", "BTC"}
    wrong = {"UPBIT_ACCESS_KEY": "x" * 40, "UPBIT_SECRET_KEY": "y" * 40}
    env_wins = upbit(url, tmp_path, "--profile", "ring", "balance", keys=False,
                     env={**keyring_env, **wrong})  # fmt: skip
    _one_line_error(env_wins, 3, "upbit balance:")
    # The keyring gone (no usable backend): one line saying where the secret is.
    gone = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    no_ring = upbit(url, tmp_path, "--profile", "ring", "balance", keys=False, env=gone)
    _one_line_error(no_ring, 3, "'ring'", "OS keyring", "--no-keyring")
    store.write_text("{}", "utf-8")
    emptied = upbit(url, tmp_path, "--profile", "ring", "balance", keys=False, env=keyring_env)
    _one_line_error(emptied, 3, "'ring'", "no secret key", "upbit configure")
    # Without a keyring (or with --no-keyring) the secret goes to the 0600 file, as before.
    for flag, env in (((), gone), (("--no-keyring",), keyring_env)):
        again = upbit(url, tmp_path, "--profile", "ring", "configure", *flag, "--access-key",
                      DEMO_ACCESS_KEY, "--secret-key", DEMO_SECRET_KEY, keys=False,
                      env=env)  # fmt: skip
        assert again.code == 0, again.err
        assert "secret key in the file" in again.err
        assert f"secret_key = {DEMO_SECRET_KEY}" in config.read_text("utf-8")
        assert "secret_store" not in config.read_text("utf-8")
        assert upbit(url, tmp_path, "--profile", "ring", "balance", keys=False, env=env).json()
    assert json.loads(store.read_text("utf-8")) == {}


# --- candles -------------------------------------------------------------------------------

START, END = datetime(2026, 5, 26, 12, tzinfo=UTC), datetime(2026, 5, 28, tzinfo=UTC)
EXPECTED = int((END - START).total_seconds() // 60)  # a trade every few seconds: every minute


def _read_candles(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _interrupt(command: list[str], home: Path, part: Path, lines: int) -> str:
    """Start the export, press Ctrl-C once `part` has more than `lines` lines; its stderr."""
    proc = subprocess.Popen(
        command, env=_env(home, keys=False), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            if part.exists() and part.read_text(encoding="utf-8").count("\n") > lines:
                proc.send_signal(signal.SIGINT)
                break
            time.sleep(0.02)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    return " ".join(err.split())


def test_candles_export_resumes_after_interruption(url: str, home: Path, tmp_path: Path) -> None:
    assert EXPECTED > 2000
    out = tmp_path / "btc.csv"
    part = tmp_path / "btc.csv.part.csv"
    command = [sys.executable, "-m", "upbit_ext.cli", "--base-url", url, "candles", "KRW-BTC",
               "--unit", "1m", "--from", "2026-05-26T21:00:00+09:00", "--to", "2026-05-28",
               "--out", str(out)]  # fmt: skip
    # Ctrl-C after two pages; then, as if killed in the middle of writing a line, a torn line;
    # then Ctrl-C again two pages later (the torn line must not spoil what follows it).
    err = _interrupt(command, home, part, lines=401)
    assert "run the same command to resume" in err
    assert not out.exists()
    kept = _read_candles(part)
    assert 400 <= len(kept) < EXPECTED
    with part.open("a", encoding="utf-8") as torn:
        torn.write("KRW-BTC,1m,2026-05-26T1")
    err = _interrupt(command, home, part, lines=len(kept) + 401)
    oldest = min(r["time_utc"] for r in kept)
    assert f"Resuming: {len(kept)} candles in {part}, continuing before {oldest}" in err
    kept = _read_candles(part)
    assert len(kept) > 800

    done = subprocess.run(command, env=_env(home, keys=False), capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "at 10 req/1s" in done.stderr  # the candle group's limit bounds the ETA
    oldest = min(r["time_utc"] for r in kept)
    assert f"Resuming: {len(kept)} candles in {part}, continuing before {oldest}" in " ".join(
        done.stderr.split()
    )
    rows = _read_candles(out)
    times = [datetime.fromisoformat(r["time_utc"].replace("Z", "+00:00")) for r in rows]
    assert len(rows) == EXPECTED
    assert len(set(times)) == EXPECTED
    assert times[0] == START
    assert times[-1] == END - timedelta(minutes=1)
    assert all(b - a == timedelta(minutes=1) for a, b in pairwise(times))
    first = rows[0]
    assert first["time_kst"] == "2026-05-26T21:00:00+09:00"
    assert float(first["low"]) <= float(first["close"]) <= float(first["high"])
    assert not part.exists()
    again = subprocess.run(command, env=_env(home, keys=False), capture_output=True, text=True)
    _one_line_error(Run(again), 2, "--overwrite")


def test_candles_parquet_export(url: str, home: Path, tmp_path: Path) -> None:
    out = tmp_path / "btc.parquet"
    args = ("candles", "KRW-BTC", "--unit", "1m", "--from", "2026-05-26T21:00:00+09:00",
            "--to", "2026-05-28")  # fmt: skip
    done = upbit(url, home, *args, "--out", str(out), keys=False)
    assert done.code == 0, done.err
    assert f"Wrote {EXPECTED} candles to {out}" in " ".join(done.err.split())
    assert not out.with_name(out.name + ".part.csv").exists()

    import duckdb
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.column_names == ["market", "unit", "time_utc", "time_kst", "open", "high",
                                  "low", "close", "volume", "value"]  # fmt: skip
    assert table.num_rows == EXPECTED
    rows = table.to_pylist()
    times = [datetime.fromisoformat(r["time_utc"].replace("Z", "+00:00")) for r in rows]
    assert len(set(times)) == EXPECTED
    assert times[0] == START
    assert times[-1] == END - timedelta(minutes=1)
    assert all(b - a == timedelta(minutes=1) for a, b in pairwise(times))
    for row, at in zip(rows, times, strict=True):
        kst = datetime.fromisoformat(row["time_kst"])
        assert kst == at
        assert kst.utcoffset() == timedelta(hours=9)
    assert rows[0]["time_kst"] == "2026-05-26T21:00:00+09:00"
    assert all(isinstance(rows[0][c], float) for c in ("open", "high", "low", "close", "volume"))
    assert all(r["low"] <= min(r["open"], r["close"]) <= max(r["open"], r["close"]) <= r["high"]
               for r in rows)  # fmt: skip
    # The same candles as the CSV export of the range (the sandbox's history is seeded).
    csv_out = tmp_path / "btc.csv"
    assert upbit(url, home, *args, "--out", str(csv_out), keys=False).code == 0
    from_csv = _read_candles(csv_out)
    assert [r["time_utc"] for r in from_csv] == [r["time_utc"] for r in rows]
    assert [float(r["close"]) for r in from_csv] == [r["close"] for r in rows]
    # Other readers agree: duckdb counts the same rows and timestamps.
    path = str(out).replace("'", "''")
    summary = duckdb.sql(
        f"SELECT count(*), count(DISTINCT time_utc), min(time_utc) FROM '{path}'"
    ).fetchall()
    assert summary == [(EXPECTED, EXPECTED, "2026-05-26T12:00:00Z")]
    again = upbit(url, home, *args, "--out", str(out), keys=False)
    _one_line_error(again, 2, "--overwrite")


_WITHOUT_PYARROW = """\
import runpy, sys
from importlib.abc import MetaPathFinder

class Uninstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "pyarrow":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, Uninstalled())
sys.argv = ["upbit", *sys.argv[1:]]
runpy.run_module("upbit_ext.cli", run_name="__main__")
"""


def test_candles_parquet_without_pyarrow_names_the_extra(
    url: str, home: Path, tmp_path: Path
) -> None:
    args = ["--base-url", url, "candles", "KRW-BTC", "--from", "2026-05-27", "--to",
            "2026-05-28", "--out", str(tmp_path / "x.parquet")]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_PYARROW, *args], capture_output=True, text=True,
        env=_env(home, keys=False), timeout=120,
    )  # fmt: skip
    _one_line_error(Run(done), 1, "upbit candles:", "'parquet' extra", "pyarrow", "[parquet]")
    command = shlex.split(done.stderr.split("Install it with: ", 1)[1])  # ends the line
    assert command[-1].endswith("[parquet]")
    assert list(tmp_path.iterdir()) == []  # refused before fetching or writing anything


def test_doctor_hints_at_the_allowed_ip_list(home: Path, tmp_path: Path) -> None:
    (key,) = SandboxConfig().keys
    fenced = dataclasses.replace(key, allowed_ips=frozenset({"10.9.8.7"}))
    with serve(SandboxConfig(db_path=tmp_path / "ip.db", keys=(fenced,))) as sandbox:
        run = upbit(sandbox.url, home, "doctor")
    assert run.code == 1, run.err
    checks = {c["check"]: c for c in json.loads(run.out)}
    assert checks["reachability"]["status"] == "ok"
    assert checks["permissions"]["status"] == "FAIL"
    assert "allowed IPs" in checks["permissions"]["detail"]


def test_markets_warnings_lists_the_flagged_markets(home: Path) -> None:
    spec = yaml.safe_load((Path(__file__).parents[1] / "spec/upbit.yaml").read_text("utf-8"))
    answer = spec["paths"]["/v1/market/all"]["get"]["responses"]["200"]["content"]
    example = answer["application/json"]["example"]
    flagged = {
        m["market"]
        for m in example
        if m["market_event"]["warning"] or any(m["market_event"]["caution"].values())
    }
    assert flagged  # the example has a market with a warning
    with serving(FakeUpbit()) as fake:
        run = upbit(fake.url, home, "--region", "sg", "markets", "--warnings")
    rows = run.json()
    assert {m["market"] for m in rows} == flagged
    assert all(m["flags"] for m in rows)
