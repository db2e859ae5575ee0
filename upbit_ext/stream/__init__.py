"""Upbit WebSocket streams that stay up and never silently lose a trade.

`AsyncStream` (and `Stream`, its blocking twin) connects to the public, private or info
endpoint, yields typed messages generated from the spec's `Ws*` schemas, reconnects with
backoff, watches for stalls, keeps the connection alive, fills trade gaps from REST through
`AsyncUpbit`/`Upbit`, and hands messages over through a bounded queue. Needs the `stream`
extra (`websockets`).

`watch` runs alert rules (`parse_rule`, `load_rules`) on a stream and delivers what fires to
the console, a webhook or a command (Rich for the console: the `cli` extra).
"""

from ._alerts import (
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
from ._decode import Message, decode
from ._errors import (
    StreamAuthError,
    StreamClosed,
    StreamError,
    StreamRateLimited,
    StreamRequestError,
)
from ._stream import DEFAULT_URL, AsyncStream, StreamStats
from ._sync import Stream

__all__ = [
    "DEFAULT_URL",
    "Alert",
    "AlertEngine",
    "AlertStats",
    "AsyncStream",
    "ChangeRule",
    "CommandDelivery",
    "ConsoleDelivery",
    "Delivery",
    "Message",
    "PriceRule",
    "Rule",
    "RuleError",
    "SpreadRule",
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
    "watch",
]
