"""Upbit WebSocket streams that stay up and never silently lose a trade.

`AsyncStream` (and `Stream`, its blocking twin) connects to the public, private or info
endpoint, yields typed messages generated from the spec's `Ws*` schemas, reconnects with
backoff, watches for stalls, keeps the connection alive, fills trade gaps from REST through
`AsyncUpbit`/`Upbit`, and hands messages over through a bounded queue. Needs the `stream`
extra (`websockets`). `Collector` writes streams to JSONL/CSV/Parquet/SQLite files that
survive `kill -9`; `read_rows` reads them back whatever the format.
"""

try:
    import websockets  # noqa: F401
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ImportError(
        "upbit_ext.stream needs the websockets package: pip install 'upbit[stream]'"
    ) from exc

from ._collector import Collector, CollectorStats
from ._decode import Message, decode
from ._errors import (
    StreamAuthError,
    StreamClosed,
    StreamError,
    StreamRateLimited,
    StreamRequestError,
)
from ._sinks import CsvSink, JsonlSink, ParquetSink, Sink, SqliteSink, read_rows
from ._stream import DEFAULT_URL, AsyncStream, StreamStats
from ._sync import Stream

__all__ = [
    "DEFAULT_URL",
    "AsyncStream",
    "Collector",
    "CollectorStats",
    "CsvSink",
    "JsonlSink",
    "Message",
    "ParquetSink",
    "SqliteSink",
    "Sink",
    "Stream",
    "StreamAuthError",
    "StreamClosed",
    "StreamError",
    "StreamRateLimited",
    "StreamRequestError",
    "StreamStats",
    "decode",
    "read_rows",
]
