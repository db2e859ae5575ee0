"""The Redis limiter backend's own promises, on real redis-servers (tests/_redis.py): how it is
selected, what it says when the server is wrong or gone (never the password), failing closed
at run time unless `?fallback=local`, and the install hint without the `redis` extra.

The behaviour it shares with the other backends is tested in test_limits.py (`backend`).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from _redis import free_port, redis_server
from _serve import serving
from fake_upbit import FakeUpbit
from test_limits import StrictServer

from upbit_ext import AsyncUpbit, IpBanned, LimiterUnavailable, Upbit, UpbitError
from upbit_ext import _limits as limits_module
from upbit_ext._extras import MissingExtra
from upbit_ext._limits import (
    RATE_LIMIT_DB_ENV,
    RATE_LIMIT_URL_ENV,
    RateLimiter,
    SQLiteBackend,
    backend_from_env,
)
from upbit_ext._limits_redis import RedisBackend, redact_url

PASSWORD = "s3cret-Pa55word"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fake_upbit() -> Iterator[FakeUpbit]:
    with serving(FakeUpbit()) as fake:
        yield fake


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (f"redis://:{PASSWORD}@h:6379/0", "redis://:***@h:6379/0"),
        (f"redis://bot:{PASSWORD}@h/2?fallback=local", "redis://bot:***@h/2?fallback=local"),
        (f"rediss://h:6380/0?password={PASSWORD}", "rediss://h:6380/0?password=***"),
        ("redis://h:6379/0", "redis://h:6379/0"),
        ("unix:///run/redis.sock?db=1", "unix:///run/redis.sock?db=1"),
    ],
)
def test_urls_are_shown_without_their_password(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://127.0.0.1:6379/0",
            r"^url must be a redis://, rediss:// or unix:// URL, got 'http",
        ),
        ("127.0.0.1:6379", r"^url must be a redis://, rediss:// or unix:// URL"),
        ("  ", r"^url must be a redis://, rediss:// or unix:// URL, got an empty value$"),
        (
            f"redis://:{PASSWORD}@127.0.0.1:6379/0?fallback=maybe",
            r"^url redis://:\*\*\*@127\.0\.0\.1:6379/0\?fallback=maybe: fallback must be 'fail' "
            r"or 'local', got 'maybe'$",
        ),
        (f"redis://:{PASSWORD}@127.0.0.1:port/0", r"^url redis://:\*\*\*@127\.0\.0\.1:port/0: "),
        (
            f"redis://:{PASSWORD}@127.0.0.1:6379/0?socket_timeout=soon",
            r"^url redis://:\*\*\*@127\.0\.0\.1:6379/0\?socket_timeout=soon: ValueError: "
            r"Invalid value for 'socket_timeout' in connection URL\.$",
        ),
        (f"redis://:{PASSWORD}@[::1:6379/0", r"^url <unparsable URL>: Invalid IPv6 URL$"),
        (
            "redis://127.0.0.1:6379/zero",
            r"^url redis://127\.0\.0\.1:6379/zero: the database must be a number, as in "
            r"redis://host:6379/0; got 'zero'$",
        ),
    ],
)
def test_a_bad_url_is_refused_by_name_before_connecting(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        RedisBackend(url)
    assert PASSWORD not in str(info.value)


def test_an_unreachable_server_fails_at_start_up_naming_the_url_without_password() -> None:
    url = f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"
    started = time.monotonic()
    with pytest.raises(LimiterUnavailable) as info:
        RedisBackend(url)
    assert time.monotonic() - started < 5
    text = str(info.value)
    assert text.startswith(
        f"the shared rate-limit store redis://:***@127.0.0.1:{url.rsplit(':', 1)[1]} is "
        "unavailable (ConnectionError: "
    ), text
    assert "Nothing was sent" in text
    assert PASSWORD not in text
    assert PASSWORD not in repr(info.value.__reduce__())
    copy = pickle.loads(pickle.dumps(info.value))  # errors cross process boundaries
    assert (type(copy), str(copy), copy.url) == (LimiterUnavailable, text, info.value.url)
    assert isinstance(info.value, UpbitError)


def test_a_wrong_password_fails_at_start_up_and_the_right_one_is_never_shown() -> None:
    with redis_server("--requirepass", PASSWORD) as url:
        wrong = url.replace("redis://", "redis://:not-the-password@")
        with pytest.raises(LimiterUnavailable, match=r"AuthenticationError") as info:
            RedisBackend(wrong)
        assert "not-the-password" not in str(info.value)
        right = RedisBackend(url.replace("redis://", f"redis://:{PASSWORD}@"))
        try:
            limiter = RateLimiter(backend=right)
            limiter.acquire("ticker")
            assert limiter.snapshot()["ticker"]["used"] == 1
            assert PASSWORD not in repr(limiter)
            assert repr(right) == f"RedisBackend('{url.replace('redis://', 'redis://:***@')}')"
        finally:
            right.close()


def test_the_environment_selects_redis_once_per_url(redis_url: str, tmp_path: Path) -> None:
    env = {RATE_LIMIT_URL_ENV: f" {redis_url} "}
    chosen = backend_from_env(env)
    assert isinstance(chosen, RedisBackend)
    assert backend_from_env(env) is chosen
    limiter = RateLimiter.from_env(host="env-redis.invalid", environ=env)
    limiter.acquire("candle")
    elsewhere = RedisBackend(redis_url)  # as a process on another host would
    try:
        assert (
            RateLimiter(host="env-redis.invalid", backend=elsewhere).snapshot()["candle"]["used"]
            == 1
        )
    finally:
        elsewhere.close()
    both = {RATE_LIMIT_URL_ENV: redis_url, RATE_LIMIT_DB_ENV: str(tmp_path / "x.db")}
    with pytest.raises(ValueError, match=r"^UPBIT_RATE_LIMIT_URL and UPBIT_RATE_LIMIT_DB are both"):
        backend_from_env(both)
    with pytest.raises(ValueError, match=r"^UPBIT_RATE_LIMIT_URL must be redis://"):
        backend_from_env({RATE_LIMIT_URL_ENV: "http://127.0.0.1:6379/0"})
    with pytest.raises(ValueError, match=r"^UPBIT_RATE_LIMIT_URL: url redis://.*: the database"):
        backend_from_env({RATE_LIMIT_URL_ENV: "redis://127.0.0.1:6379/zero"})


def test_constructing_a_client_fails_when_the_environment_names_an_unreachable_redis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"
    monkeypatch.setenv(RATE_LIMIT_URL_ENV, url)
    monkeypatch.setattr(limits_module, "_registry", {})
    monkeypatch.setattr(limits_module, "_shared_backends", {})
    with pytest.raises(LimiterUnavailable) as info:
        Upbit(base_url="http://127.0.0.1:1")
    assert PASSWORD not in str(info.value)
    assert "redis://:***@127.0.0.1:" in str(info.value)


def test_without_the_redis_extra_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    with pytest.raises(MissingExtra) as info:
        backend_from_env({RATE_LIMIT_URL_ENV: "redis://127.0.0.1:6379/0"})
    line = str(info.value)
    assert "\n" not in line
    assert line.startswith(
        "the 'redis' extra (redis) is not installed: redis is missing. Install it with: "
    )
    assert shlex.split(line.split("Install it with: ", 1)[1])[-1].endswith("[redis]"), line


def test_a_server_gone_at_run_time_fails_closed_and_nothing_is_sent(
    fake_upbit: FakeUpbit, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Limiters are per process and host:port, and ports are reused: start from none.
    monkeypatch.setattr(limits_module, "_registry", {})
    monkeypatch.setattr(limits_module, "_shared_backends", {})
    with redis_server() as url:
        monkeypatch.setenv(RATE_LIMIT_URL_ENV, url)
        client = Upbit(base_url=fake_upbit.url, cache_ttl=0)
        client.list_trading_pairs()
    sent = len(fake_upbit.requests_to("GET", "/v1/market/all"))
    assert sent == 1
    with pytest.raises(LimiterUnavailable, match=r"is unavailable \(ConnectionError") as info:
        client.list_trading_pairs()
    assert info.value.url == url
    assert len(fake_upbit.requests_to("GET", "/v1/market/all")) == sent
    client.close()


def test_with_fallback_local_a_gone_server_is_replaced_by_a_local_budget_until_it_is_back(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import upbit_ext._limits_redis as module

    monkeypatch.setattr(module, "_LOCAL_SECONDS", 0.2)
    port = free_port()

    def clock() -> float:
        return 1_700_000_000.0

    def take(backend: RedisBackend, times: int) -> list[float | None]:
        return [backend.acquire("g", "ban", 8, 1.0, clock).granted_at for _ in range(times)]

    caplog.set_level(logging.WARNING, logger="upbit_ext.limits")
    with redis_server("--requirepass", PASSWORD, wanted_port=port) as url:
        secret = url.replace("redis://", f"redis://:{PASSWORD}@")
        shown = url.replace("redis://", "redis://:***@") + "?fallback=local"
        backend = RedisBackend(secret + "?fallback=local")
        assert take(backend, 4) == [clock()] * 4
    assert caplog.records == []
    assert take(backend, 6) == [clock()] * 6  # a fresh local budget of 8, not the 4 left
    assert take(backend, 3) == [clock()] * 2 + [None]
    time.sleep(0.3)  # tried again, still down: the same local budget, no second warning
    assert take(backend, 1) == [None]
    [gone] = [r.getMessage() for r in caplog.records]
    assert gone.startswith(f"rate-limit store {shown} unreachable (ConnectionError")
    assert gone.endswith("using a local budget until it is back")
    caplog.clear()
    with redis_server("--requirepass", PASSWORD, wanted_port=port):  # back, empty
        time.sleep(0.3)
        assert take(backend, 3) == [clock()] * 3
        [back] = [r.getMessage() for r in caplog.records]
        assert back == f"rate-limit store {shown} reachable again: shared budget resumed"
        other = RedisBackend(secret)  # another host sees the slots taken after the return
        try:
            assert other.state("g", 1.0, clock).used == 3
        finally:
            other.close()
    backend.close()


def test_a_late_clock_reading_is_stamped_at_the_latest_time_the_server_saw(
    redis_url: str,
) -> None:
    """A reading taken before another process's but arriving after it must not slip into a
    window the server has already moved past: time never runs backwards for a key."""
    now = [1_700_000_000.0]

    def clock() -> float:
        return now[0]

    backend = RedisBackend(redis_url)
    try:
        assert backend.acquire("g", "ban", 2, 1.0, clock).granted_at == now[0]
        now[0] -= 0.5
        assert backend.acquire("g", "ban", 2, 1.0, clock).granted_at == now[0] + 0.5
        now[0] += 1.2  # 1.0 s after the late reading, 0.7 s after both stamps
        assert backend.acquire("g", "ban", 2, 1.0, clock) == (None, pytest.approx(0.3), None)
    finally:
        backend.close()


def test_a_clock_stepped_meanwhile_is_measured_again_and_keeps_its_window(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NTP steps a host's clock 5 s forward: once its offset is measured again, the slots it
    took a moment ago still fill the window instead of looking 5 s old."""
    import upbit_ext._limits_redis as module

    monkeypatch.setattr(module, "_RESYNC_SECONDS", 0.0)
    step = [0.0]

    def clock() -> float:
        return time.time() + step[0]

    backend = RedisBackend(redis_url)
    try:
        assert all(backend.acquire("g", "ban", 2, 1.0, clock).granted_at for _ in range(2))
        step[0] = 5.0
        refused = backend.acquire("g", "ban", 2, 1.0, clock)
        assert refused.granted_at is None
        assert 0.5 < refused.wait <= 1.0
    finally:
        backend.close()


# --- rate_limit_url=: the store named by the client, over the environment ----------------------


def used_in_store(url: str, host: str, group: str) -> int:
    """How many slots of `group` of `host` the Redis at `url` holds, read as another host would."""
    elsewhere = RedisBackend(url)
    try:
        return int(RateLimiter(host=host, backend=elsewhere).snapshot()[group]["used"] or 0)
    finally:
        elsewhere.close()


# Real time on a shared 2-core machine, as the other loopback tests of the budget.
@pytest.mark.flaky(reruns=2)
def test_clients_in_two_processes_built_with_rate_limit_url_share_one_budget(
    redis_url: str,
) -> None:
    """Two bots, each an `Upbit(rate_limit_url=...)` in its own process, hammer a server that
    answers 429 past 10 candle requests in any sliding second. Sharing the Redis budget, they
    draw no 429 between them; each on its own budget would send twice the rate."""
    with serving(StrictServer(limit=10)) as server:
        counts = _two_bots(server, redis_url)
    assert server.rejected == 0, counts
    assert [c["429"] for c in counts] == [0, 0]
    assert all(c["ok"] >= 3 for c in counts), counts
    assert len(server.accepted) >= 18, counts  # 2.5 s at 10 per second, less the margins


def _two_bots(server: StrictServer, redis_url: str) -> list[dict[str, int]]:
    """Run two `_client_worker.py` bots against `server` for 2.5 s; their counts of answers."""
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    env = {k: v for k, v in os.environ.items() if k not in (RATE_LIMIT_URL_ENV, RATE_LIMIT_DB_ENV)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "generated")])
    command = [sys.executable, str(ROOT / "tests" / "_client_worker.py"), base_url, redis_url]
    bots = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    try:
        for bot in bots:
            assert bot.stdout is not None
            assert bot.stdout.readline().strip() == "ready"
        deadline = time.time() + 2.5
        for bot in bots:
            assert bot.stdin is not None
            bot.stdin.write(f"{deadline!r}\n")
            bot.stdin.close()
        counts = []
        for bot in bots:
            assert bot.stdout is not None
            counts.append(json.loads(bot.stdout.read()))
            assert bot.wait(timeout=20) == 0
    finally:
        for bot in bots:
            if bot.poll() is None:
                bot.kill()
                bot.wait()
            if bot.stdout is not None:
                bot.stdout.close()
    return counts


def test_rate_limit_url_overrides_the_environment(
    redis_url: str, fake_upbit: FakeUpbit, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    host = fake_upbit.url.removeprefix("http://")
    # The environment names a server nobody runs: building from it would raise.
    monkeypatch.setenv(RATE_LIMIT_URL_ENV, f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0")
    with Upbit.from_env(env_file=None, base_url=fake_upbit.url, rate_limit_url=redis_url) as bot:
        bot.list_trading_pairs()
    assert used_in_store(redis_url, host, "market") == 1

    limits_module._registry.clear()
    monkeypatch.setenv(RATE_LIMIT_URL_ENV, redis_url)
    with redis.Redis.from_url(redis_url) as store:
        store.flushall()
        alone = AsyncUpbit(base_url=fake_upbit.url, cache_ttl=0, rate_limit_url=" memory:// ")

        async def ask() -> None:
            async with alone:
                await alone.list_trading_pairs()

        import asyncio

        asyncio.run(ask())
        assert alone.health()["limits"]["ip"]["market"]["used"] == 1
        assert store.dbsize() == 0  # nothing went to the environment's Redis

    limits_module._registry.clear()
    monkeypatch.delenv(RATE_LIMIT_URL_ENV)
    monkeypatch.setenv(RATE_LIMIT_DB_ENV, str(tmp_path / "env.db"))
    with Upbit(base_url=fake_upbit.url, rate_limit_url=f"sqlite://{tmp_path}/arg.db") as bot:
        bot.list_trading_pairs()
    on_file = SQLiteBackend(tmp_path / "arg.db")
    try:
        assert RateLimiter(host=host, backend=on_file).snapshot()["market"]["used"] == 1
    finally:
        on_file.close()
    assert not (tmp_path / "env.db").exists()


_FORMS = (
    r"redis://\[:password@\]host:port/db \(or rediss://, unix://; shared across hosts\),"
    r" sqlite:///path/limits\.db \(shared on this machine\) or memory:// \(this process only\)"
)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            f"http://:{PASSWORD}@127.0.0.1/0",
            rf"^rate_limit_url must be {_FORMS}; got 'http://:\*\*\*@127",
        ),
        ("127.0.0.1:6379", rf"^rate_limit_url must be {_FORMS}; got '127\.0\.0\.1:6379'$"),
        ("", rf"^rate_limit_url must be {_FORMS}; got an empty value$"),
        (
            "sqlite://db-host/limits.db",
            r"^rate_limit_url: write sqlite:///path/limits\.db \(a file of this machine: no host\),"
            r" got 'sqlite://db-host/limits\.db'$",
        ),
        ("sqlite://", r"^rate_limit_url: write sqlite:///path/limits\.db"),
        ("memory://here", r"^rate_limit_url: write memory:// with nothing after it, got 'memory"),
        (
            f"redis://:{PASSWORD}@127.0.0.1:6379/zero",
            r"^rate_limit_url: url redis://:\*\*\*@127\.0\.0\.1:6379/zero: the database must be a"
            r" number",
        ),
        (
            f"redis://:{PASSWORD}@127.0.0.1:6379/0?fallback=maybe",
            r"^rate_limit_url: url .*: fallback must be 'fail' or 'local', got 'maybe'$",
        ),
    ],
)
def test_a_bad_rate_limit_url_is_refused_at_construction_by_name(url: str, message: str) -> None:
    for client in (Upbit, AsyncUpbit):
        with pytest.raises(ValueError, match=message) as info:
            client(base_url="http://127.0.0.1:1", rate_limit_url=url)
        assert PASSWORD not in str(info.value)
    assert limits_module._registry == {}  # nothing half-built is left to share
    with pytest.raises(
        TypeError, match=rf"^rate_limit_url must be a URL string, {_FORMS}; got int"
    ):
        Upbit(base_url="http://127.0.0.1:1", rate_limit_url=6379)  # type: ignore[arg-type]


def test_an_unreachable_rate_limit_url_fails_at_construction_without_its_password() -> None:
    url = f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"
    with pytest.raises(LimiterUnavailable) as info:
        AsyncUpbit(base_url="http://127.0.0.1:1", rate_limit_url=url)
    assert str(info.value).startswith(
        f"the shared rate-limit store {url.replace(PASSWORD, '***')} is unavailable"
    )
    assert PASSWORD not in str(info.value)


def test_clients_of_a_process_keep_one_store_per_host(
    redis_url: str, fake_upbit: FakeUpbit, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(RATE_LIMIT_URL_ENV, raising=False)
    monkeypatch.delenv(RATE_LIMIT_DB_ENV, raising=False)
    host = fake_upbit.url.removeprefix("http://")
    first = Upbit(base_url=fake_upbit.url, cache_ttl=0, rate_limit_url=redis_url)
    same = Upbit(base_url=fake_upbit.url, cache_ttl=0, rate_limit_url=f" {redis_url}")
    unnamed = Upbit(base_url=fake_upbit.url, cache_ttl=0)  # joins the host's store
    keyed = Upbit("access", "secret", base_url=fake_upbit.url, cache_ttl=0)  # a new scope: too
    for client in (first, same, unnamed, keyed):
        client.list_trading_pairs()
    assert used_in_store(redis_url, host, "market") == 4
    assert first.health()["limits"]["ip"]["market"]["used"] == 4
    pocket = keyed._core.pocket_limiter
    assert pocket is not None
    pocket.ban(time.time() + 60)  # a 418 in the pocket scope stops the host's quotation too
    with pytest.raises(IpBanned):
        first.list_trading_pairs()

    sqlite = tmp_path / "x.db"
    for other, shown in [
        ("memory://", "memory://"),
        (f"{redis_url}?fallback=local", f"{redis_url}?fallback=local"),
        (f"sqlite:///{sqlite}", f"sqlite://{sqlite}"),
    ]:
        with pytest.raises(ValueError, match=r"^rate_limit_url: ") as info:
            Upbit("access", "secret", base_url=fake_upbit.url, rate_limit_url=other)
        assert str(info.value) == (
            f"rate_limit_url: the clients of this process already draw the budget of {host!r}"
            f" from {redis_url}, not {shown}; a process keeps one store per host: pass the same"
            " rate_limit_url to every client (or none), or set UPBIT_RATE_LIMIT_URL before the"
            " first one is built"
        )
    assert not (tmp_path / "x.db").exists()  # refused before anything was opened
    # Another host is another budget: its own store.
    with Upbit(base_url="http://127.0.0.1:1", rate_limit_url="memory://") as elsewhere:
        assert elsewhere._core.ip_limiter is not first._core.ip_limiter
    for client in (first, same, unnamed, keyed):
        client.close()


def test_one_sqlite_file_is_one_store_however_it_is_spelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "limits.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(RATE_LIMIT_URL_ENV, raising=False)
    monkeypatch.setenv(RATE_LIMIT_DB_ENV, str(path))
    first = Upbit(base_url="http://127.0.0.1:1")  # from the variable
    spellings = [f"sqlite://{path}", f"sqlite:///{path}", "sqlite:limits.db"]
    for url in spellings:
        with Upbit(base_url="http://127.0.0.1:1", rate_limit_url=url) as again:
            assert again._core.ip_limiter is first._core.ip_limiter
    assert backend_from_env({RATE_LIMIT_URL_ENV: f"sqlite://{path}"}) is backend_from_env(
        {RATE_LIMIT_DB_ENV: str(path)}
    )
    first.close()
