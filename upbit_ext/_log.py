"""Logging: the `upbit_ext` logger, and an optional JSON Lines log of failed attempts.

The logger records attempts, retries, rate-limit waits and circuit-breaker changes through
the standard `logging` module. Messages carry operation names, paths, statuses and error
names only: never a query string, header, token or key. `UPBIT_LOG=info|debug` attaches a
stderr handler, as `OPENAI_LOG` does for the openai SDK; otherwise the application's own
logging configuration decides.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

__all__ = ["ErrorLog", "logger", "setup_logging"]

logger = logging.getLogger("upbit_ext")
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_HANDLER_NAME = "upbit_ext:UPBIT_LOG"


def setup_logging(environ: dict[str, str] | None = None) -> None:
    """Honour `UPBIT_LOG=info|debug`: a stderr handler on the `upbit_ext` logger at that level."""
    value = (os.environ if environ is None else environ).get("UPBIT_LOG", "").strip().lower()
    level = _LEVELS.get(value)
    if level is None:
        if value:
            logger.warning("UPBIT_LOG must be 'info' or 'debug', got %r: ignored", value)
        return
    if not any(h.get_name() == _HANDLER_NAME for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(
            logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s", "%H:%M:%S")
        )
        logger.addHandler(handler)
    logger.setLevel(level)


class ErrorLog:
    """Appends one JSON object per failed attempt: what failed and what the client does next.

    Only the fields passed to `write` are recorded (operation, status, Upbit's error name,
    attempt, elapsed, next action): never a URL query, header, token or key.
    """

    def __init__(self, target: str | os.PathLike[str] | IO[str]) -> None:
        self._lock = threading.Lock()
        if isinstance(target, str | os.PathLike):
            path = Path(target)
            if path.is_dir():
                raise ValueError(f"error_log must be a file path, {str(path)!r} is a directory")
            self._stream: IO[str] = path.open("a", encoding="utf-8")
            self._owned = True
        elif hasattr(target, "write"):
            self._stream, self._owned = target, False
        else:
            raise TypeError(
                f"error_log must be a path or a text stream, not {type(target).__name__}"
            )

    def write(self, **fields: Any) -> None:
        record = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), **fields}
        line = json.dumps(record, ensure_ascii=False, default=str)
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()

    def close(self) -> None:
        if self._owned:
            self._stream.close()
