"""Upbit WebSocket streams that stay up and never silently lose a trade.

`AsyncStream` (and `Stream`, its blocking twin) connects to the public, private or info
endpoint, yields typed messages generated from the spec's `Ws*` schemas, reconnects with
backoff, watches for stalls, keeps the connection alive, fills trade gaps from REST through
`AsyncUpbit`/`Upbit`, and hands messages over through a bounded queue. Needs the `stream`
extra (`websockets`). `Collector` writes streams to JSONL/CSV/Parquet/SQLite files that
survive `kill -9`, or into PostgreSQL (`PostgresSink`, the `postgres` extra); `read_rows`
reads the files back whatever the format. `watch` runs alert rules (`parse_rule`,
`load_rules`) on a stream and delivers what fires to the console, a webhook or a command.
"""

from .._extras import require_extra

require_extra("stream")  # one line naming the extra, instead of an error deep in an import

from ._alerts import (  # noqa: E402
    Alert,
    AlertEngine,
    AlertStats,
    ChangeRule,
    CommandDelivery,
    ConsoleDelivery,
    Delivery,
    PriceRule,
    Rule,
    RuleError,
    SpreadRule,
    WebhookDelivery,
    load_rules,
    parse_rule,
    watch,
)
from ._collector import Collector, CollectorStats  # noqa: E402
from ._decode import Message, decode  # noqa: E402
from ._errors import (  # noqa: E402
    StreamAuthError,
    StreamClosed,
    StreamError,
    StreamRateLimited,
    StreamRequestError,
)
from ._sink_postgres import PostgresSink  # noqa: E402
from ._sinks import CsvSink, JsonlSink, ParquetSink, Sink, SinkError, SqliteSink, read_rows  # noqa: E402
from ._stream import DEFAULT_URL, AsyncStream, StreamStats  # noqa: E402
from ._sync import Stream  # noqa: E402

__all__ = [
    "DEFAULT_URL",
    "Alert",
    "AlertEngine",
    "AlertStats",
    "AsyncStream",
    "ChangeRule",
    "Collector",
    "CollectorStats",
    "CommandDelivery",
    "ConsoleDelivery",
    "CsvSink",
    "Delivery",
    "JsonlSink",
    "Message",
    "ParquetSink",
    "PostgresSink",
    "PriceRule",
    "Rule",
    "RuleError",
    "Sink",
    "SinkError",
    "SpreadRule",
    "SqliteSink",
    "Stream",
    "StreamAuthError",
    "StreamClosed",
    "StreamError",
    "StreamRateLimited",
    "StreamRequestError",
    "StreamStats",
    "WebhookDelivery",
    "decode",
    "load_rules",
    "parse_rule",
    "read_rows",
    "watch",
]
