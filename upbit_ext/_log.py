"""An optional JSON Lines log of failed attempts, for a person or a log shipper to tail."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

__all__ = ["ErrorLog"]


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
