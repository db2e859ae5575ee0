"""Subscriptions and the request frames that carry them.

Upbit keeps only the last request of a connection, so every request carries the whole
current set: adding or removing one code re-sends everything.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeAlias

__all__ = [
    "Endpoint",
    "Format",
    "Subscription",
    "Subscriptions",
    "endpoint_url",
    "list_request",
    "make_subscription",
    "parse_codes",
]

Endpoint: TypeAlias = Literal["public", "private", "info"]
Format: TypeAlias = Literal["DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST"]
FORMATS: Final = ("DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST")

_CANDLES: Final = frozenset(
    f"candle.{u}" for u in ("1s", "1m", "3m", "5m", "10m", "15m", "30m", "60m", "240m")
)
_QUOTATION: Final = frozenset({"ticker", "trade", "orderbook"}) | _CANDLES
_TYPES: Final[Mapping[Endpoint, frozenset[str]]] = {
    "public": _QUOTATION,
    "private": frozenset({"myOrder", "myAsset", "announcement"}),
    "info": frozenset({"announcement", "indicator", "indicator_signal"}),
}
_PATHS: Final[Mapping[Endpoint, str]] = {"public": "", "private": "/private", "info": "/info"}
_CODE: Final = re.compile(r"^[A-Z0-9]+-[A-Z0-9]+(\.(1|5|15|30))?$")
_TIMEFRAMES: Final = ("5m", "15m", "60m", "240m", "1d")


def endpoint_url(url: str, endpoint: Endpoint) -> str:
    """`wss://host/websocket/v1` plus the endpoint's suffix."""
    if not isinstance(url, str) or not url.startswith(("ws://", "wss://")):
        raise ValueError(f"url must start with ws:// or wss://, got {url!r}")
    base = url.rstrip("/")
    for suffix in ("/private", "/info"):
        base = base.removesuffix(suffix)
    return base + _PATHS[endpoint]


@dataclass(frozen=True)
class Subscription:
    """One data type object. `key` identifies it in the set: the type, and `level` for books."""

    type: str
    codes: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return self.type, json.dumps(dict(self.options).get("level"))

    def wire(self) -> dict[str, Any]:
        item: dict[str, Any] = {"type": self.type}
        optional = {"myOrder", "myAsset", "announcement"}
        if (self.codes or self.type not in optional) and self.type != "myAsset":
            item["codes"] = list(self.codes)
        item.update(self.options)
        return item

    @property
    def markets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(code.partition(".")[0] for code in self.codes))


def parse_codes(codes: str | Sequence[str] | None) -> tuple[str, ...]:
    if codes is None:
        return ()
    if isinstance(codes, str):
        codes = [c.strip() for c in codes.split(",") if c.strip()]
    if not isinstance(codes, Sequence) or not all(isinstance(c, str) for c in codes):
        raise TypeError("codes must be a list of pair codes such as ['KRW-BTC']")
    for code in codes:
        if not _CODE.match(code):
            raise ValueError(
                f"codes: {code!r} is not an UPPERCASE pair code like KRW-BTC "
                "(orderbook codes may end in .1, .5, .15 or .30)"
            )
    return tuple(dict.fromkeys(codes))


def make_subscription(
    endpoint: Endpoint, type: str, codes: str | Sequence[str] | None, options: Mapping[str, Any]
) -> Subscription:
    """A checked subscription, or ValueError/TypeError naming the parameter and the rule."""
    allowed = _TYPES[endpoint]
    if not isinstance(type, str) or type not in allowed:
        raise ValueError(
            f"type must be one of {', '.join(sorted(allowed))} on the {endpoint} endpoint, "
            f"got {type!r}"
        )
    parsed = parse_codes(codes)
    if (type in _QUOTATION or type.startswith("indicator")) and not parsed:
        raise ValueError(f"codes: {type} needs at least one pair code")
    if type == "myAsset" and parsed:
        raise ValueError("codes: myAsset takes no codes (Upbit answers WRONG_FORMAT)")
    if any("." in c for c in parsed) and type != "orderbook":
        raise ValueError("codes: only orderbook codes take a .N depth")
    opts = {k: v for k, v in options.items() if v is not None}
    if "level" in opts and type != "orderbook":
        raise ValueError("level: only orderbook subscriptions take a level")
    if type.startswith("indicator"):
        if opts.get("timeframe") not in _TIMEFRAMES:
            raise ValueError(f"timeframe must be one of {', '.join(_TIMEFRAMES)}")
        indicators = opts.get("indicators")
        if not isinstance(indicators, list) or not indicators:
            raise ValueError("indicators must be a non-empty list of {'type': ..., 'params': ...}")
    elif "timeframe" in opts or "indicators" in opts:
        raise ValueError("timeframe/indicators: only indicator subscriptions take them")
    if type != "announcement" and ("categories" in opts or "include_body" in opts):
        raise ValueError("categories/include_body: only announcement subscriptions take them")
    for flag in ("is_only_snapshot", "is_only_realtime"):
        if flag in opts and (not isinstance(opts[flag], bool) or type not in _QUOTATION):
            raise ValueError(f"{flag} must be a bool, and only for quotation types")
    return Subscription(type, parsed, tuple(sorted(opts.items())))


@dataclass
class Subscriptions:
    """The current set, in the order it was built."""

    items: dict[tuple[str, str], Subscription] = field(default_factory=dict)

    def add(self, sub: Subscription) -> None:
        old = self.items.get(sub.key)
        codes = (old.codes if old else ()) + sub.codes
        self.items[sub.key] = Subscription(sub.type, tuple(dict.fromkeys(codes)), sub.options)

    def discard(self, type: str, codes: tuple[str, ...]) -> bool:
        """Drop `codes` (all without codes) from every subscription of `type`."""
        changed = False
        for key, old in list(self.items.items()):
            if old.type != type:
                continue
            kept = tuple(c for c in old.codes if c not in codes) if codes else ()
            if codes and kept == old.codes:
                continue
            changed = True
            if kept:
                self.items[key] = Subscription(old.type, kept, old.options)
            else:
                del self.items[key]
        return changed

    def __bool__(self) -> bool:
        return bool(self.items)

    def types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.type for s in self.items.values()))

    def trade_markets(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(m for s in self.items.values() if s.type == "trade" for m in s.markets)
        )

    def snapshot_trade_markets(self) -> tuple[str, ...]:
        """Trade markets a new request answers with a SNAPSHOT (not `is_only_realtime`)."""
        return tuple(
            dict.fromkeys(
                m
                for s in self.items.values()
                if s.type == "trade" and not dict(s.options).get("is_only_realtime")
                for m in s.markets
            )
        )

    def request(self, fmt: str, ticket: str | None = None) -> str:
        """The whole set as one request frame."""
        items: list[dict[str, Any]] = [{"ticket": ticket or str(uuid.uuid4())}]
        items += [s.wire() for s in self.items.values()]
        items.append({"format": fmt})
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def list_request(ticket: str, fmt: str) -> str:
    items: Iterable[dict[str, str]] = (
        {"ticket": ticket},
        {"method": "LIST_SUBSCRIPTIONS"},
        {"format": fmt},
    )
    return json.dumps(list(items), separators=(",", ":"))
