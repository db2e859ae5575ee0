import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from upbit_ext import _limits, _retry

# Tests import their helpers (tests/_spec.py) and the recorders in scripts/ (which define
# the one call per operation that the cassettes hold) as top-level modules.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))


@pytest.fixture(autouse=True)
def _fresh_breakers() -> None:
    """Breakers are per host:port for the whole process, and the OS reuses ports: a server of
    an earlier test that failed on purpose must not leave the next one's circuit open."""
    with _retry._breakers_lock:
        _retry._breakers.clear()


@pytest.fixture(scope="session")
def redis_server_url() -> Iterator[str]:
    """One real redis-server for the session (tests/_redis.py); fails, never skips, without it."""
    from _redis import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture
def redis_url(redis_server_url: str) -> str:
    """The session's Redis, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server_url) as client:
        client.flushall()
    return redis_server_url


@pytest.fixture(autouse=True)
def _fresh_shared_limiters() -> None:
    """Shared limiters are per host:port and scope for the whole process too: a reused port must
    not hand the next test an earlier server's budget, or refuse its rates as a conflict."""
    with _limits._registry_lock:
        _limits._registry.clear()
