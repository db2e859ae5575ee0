"""Run a loopback test server in a thread for the length of a `with` block."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
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


def settled_count(count: Callable[[], int], expected: int) -> int:
    """`count()` once it reaches `expected` (or 5 s passed), after a further 0.3 s in which an
    unwanted extra request (a page asked for too early) would arrive too."""
    deadline = time.monotonic() + 5
    while count() < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    return count()
