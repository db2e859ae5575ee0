"""Running the sandbox on loopback: in a background thread (demo, tests) or in the foreground."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Self

import uvicorn

from ._app import Abortable, create_app
from ._state import SandboxConfig

__all__ = ["RunningSandbox", "serve"]


class RunningSandbox:
    """A sandbox serving on a loopback port in a daemon thread; stop it with `stop()` or `with`."""

    def __init__(self, config: SandboxConfig, host: str, port: int) -> None:
        if host not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError(f"the sandbox only listens on loopback, not {host!r}")
        self.app = create_app(config)
        self._server = uvicorn.Server(
            uvicorn.Config(
                Abortable(self.app),
                host=host,
                port=port,
                log_level="warning",
                lifespan="on",
                ws="websockets-sansio",
            )
        )
        self._thread = threading.Thread(target=self._server.run, name="upbit-sandbox", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox did not start on {host}:{port}")
            time.sleep(0.01)
        sock = self._server.servers[0].sockets[0]
        bound_port = sock.getsockname()[1]
        self.url = f"http://{host if ':' not in host else f'[{host}]'}:{bound_port}"
        self.websocket_url = self.url.replace("http://", "ws://", 1) + "/websocket/v1"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    config: SandboxConfig | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> RunningSandbox:
    """Start a sandbox in the background; port 0 picks a free one (see `.url`)."""
    return RunningSandbox(config or SandboxConfig(), host, port)
