"""Receivers for alert deliveries: a loopback HTTP server and a small command script."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Hook:
    """A loopback HTTP server: answers with the next of `statuses` (then 200), after `delay`."""

    def __init__(self, statuses: list[int] | None = None, delay: float = 0.0) -> None:
        self.statuses = list(statuses or [])
        self.delay = delay
        self.bodies: list[dict[str, Any]] = []
        self.answers: list[int] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                hook.bodies.append(json.loads(self.rfile.read(length)))
                time.sleep(hook.delay)
                status = hook.statuses.pop(0) if hook.statuses else 200
                hook.answers.append(status)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/secret-token"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# The command of the tests: appends {stdin, env} as one JSON line to argv[1], exits argv[2].
SCRIPT = """\
import json, os, sys
alert = json.load(sys.stdin)
env = {k: v for k, v in os.environ.items() if k.startswith("UPBIT_ALERT_")}
with open(sys.argv[1], "a") as out:
    out.write(json.dumps({"stdin": alert, "env": env}) + "\\n")
sys.exit(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
"""
