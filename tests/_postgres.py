"""A real PostgreSQL server for the tests: `initdb` into a temporary directory, `postgres` on a
free loopback port with its socket in that directory, stopped afterwards.

The binaries come from PATH or /usr/lib/postgresql/*/bin (`.ci/run` installs the distribution's
package where it is missing). PostgreSQL refuses to run as root, so as root the server runs as
the `postgres` system user (or `nobody`), in a directory it owns. A missing server is a failure
with a message, never a skip.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "s3cret-pg-pw"  # scram over TCP, so a wrong password is a real refusal
USER = "upbit"


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for path in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return path
    raise RuntimeError(
        f"PostgreSQL's {name} is not installed (looked in PATH and /usr/lib/postgresql/*/bin):"
        " the PostgreSQL tests need a real server. Install it, e.g. apt-get install postgresql"
        " (`.ci/run` does this as root)"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    host: str
    port: int
    directory: Path
    version: str = ""

    def dsn(self, database: str = "upbit", password: str = PASSWORD) -> str:
        return f"postgresql://{USER}:{password}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.dsn(name)


@contextlib.contextmanager
def running_postgres() -> Iterator[Server]:
    initdb, postgres = _binary("initdb"), _binary("postgres")
    user: str | None = None
    if os.geteuid() == 0:
        for candidate in ("postgres", "nobody"):
            with contextlib.suppress(KeyError):
                pwd.getpwnam(candidate)
                user = candidate
                break
        if user is None:
            raise RuntimeError("running as root without a postgres or nobody user to run initdb")
    base = Path(tempfile.mkdtemp(prefix="upbit-pg-"))
    data, sockets = base / "data", base / "sock"
    sockets.mkdir()
    (base / "pw").write_text(PASSWORD + "\n")
    if user is not None:
        entry = pwd.getpwnam(user)
        for path in (base, sockets, base / "pw"):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    as_user: dict[str, object] = {} if user is None else {"user": user, "extra_groups": []}
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
    done = subprocess.run(
        [
            initdb, "-D", str(data), "-U", USER, "--pwfile", str(base / "pw"),
            "--auth-local", "trust", "--auth-host", "scram-sha-256", "-E", "UTF8",
            "--no-locale", "--no-sync",
        ],
        capture_output=True, text=True, env=env, cwd=base, timeout=120, **as_user,  # type: ignore[call-overload]
    )  # fmt: skip
    if done.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"initdb failed:\n{done.stdout}\n{done.stderr}")
    port = _free_port()
    log = (base / "server.log").open("w")
    server = subprocess.Popen(
        [
            postgres, "-D", str(data), "-p", str(port), "-k", str(sockets),
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
            "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "shared_buffers=32MB", "-c", "max_connections=40",
        ],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=base, **as_user,  # type: ignore[call-overload]
    )  # fmt: skip
    try:
        found = Server("127.0.0.1", port, base)
        _wait_ready(found, server, base / "server.log")
        found.version = (data / "PG_VERSION").read_text().strip()
        found.create_database("upbit")
        yield found
    finally:
        server.send_signal(signal.SIGQUIT)  # "immediate": the data is thrown away anyway
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
        log.close()
        shutil.rmtree(base, ignore_errors=True)


def _wait_ready(server: Server, process: subprocess.Popen[bytes], log: Path) -> None:
    import psycopg

    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"postgres exited with {process.returncode}:\n{log.read_text()}")
        try:
            with psycopg.connect(server.dsn("postgres"), connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"postgres did not start in 60 s:\n{log.read_text()}") from None
            time.sleep(0.1)
