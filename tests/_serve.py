"""Run a loopback test server in a thread for the length of a `with` block."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import BaseServer
from typing import TypeVar

S = TypeVar("S", bound=BaseServer)


@contextmanager
def serving(server: S) -> Iterator[S]:
    """Serve `server` until the block ends, then stop it, close its socket and join the thread.

    One place for the start/stop sequence, so no test leaves a listening socket or a polling
    thread behind (a short poll interval keeps shutdown quick).
    """
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
