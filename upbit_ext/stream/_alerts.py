"""Alerts on a stream: price lines, moves within a time window, and the orderbook spread.

Every rule watches one market and fires once per crossing: after it fires it stays quiet until
the value has moved back more than its `band` (hysteresis), so a price bouncing around a line
gives one alert, not hundreds. Prices are compared as `Decimal`s, exactly; ratios (percent
changes, percent spreads) are compared by cross-multiplying, never by rounding a quotient.

Deliveries (console, webhook, command) run in their own tasks behind bounded queues, so a slow
or dead webhook never holds up the stream; what could not be delivered is counted and logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import shlex
import tomllib
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, Literal, Protocol, TypeAlias

import httpx
from upbit_client.models import (
    WsOrderbook,
    WsOrderbookSimple,
    WsTicker,
    WsTickerSimple,
    WsTrade,
    WsTradeSimple,
)

from ._stream import AsyncStream

__all__ = [
    "Alert",
    "AlertEngine",
    "AlertStats",
    "ChangeRule",
    "CommandDelivery",
    "ConsoleDelivery",
    "Delivery",
    "PriceRule",
    "Rule",
    "RuleError",
    "SpreadRule",
    "WebhookDelivery",
    "load_rules",
    "parse_rule",
    "watch",
]

log = logging.getLogger("upbit_ext.stream.alerts")

Source: TypeAlias = Literal["trade", "ticker"]
_HUNDRED: Final = Decimal(100)
_MAX_WINDOW_MS: Final = 24 * 3_600_000
_MARKET: Final = re.compile(r"^[A-Z0-9]+-[A-Z0-9]+$")
_NUMBER: Final = re.compile(r"^\d+(\.\d+)?$")
_WINDOW: Final = re.compile(r"^(\d+)(s|m|h)$")
_UNIT_MS: Final = {"s": 1_000, "m": 60_000, "h": 3_600_000}
_OPS: Final = {">": ">", "above": ">", "<": "<", "below": "<", "crosses": "crosses"}


class RuleError(ValueError):
    """A rule that cannot be parsed or loaded; the message names the rule and what is wrong."""


# -- rules ---------------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    """`150000000`, `0.5`: no exponent, no trailing zeros."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class PriceRule:
    """The last price against a line: `>` and `<` fire while the condition holds (also at the
    first price seen), `crosses` only on a move from one side to the other, either way.

    `band` (in price units) is the hysteresis: `>` re-arms once the price is more than `band`
    below the line; `crosses`, after its first alert, needs the price more than `band` past
    the line the other way before it reports the next crossing."""

    market: str
    op: Literal[">", "<", "crosses"]
    price: Decimal
    band: Decimal
    source: Source = "trade"
    name: str = ""

    def __str__(self) -> str:
        line, band = _plain(self.price), _plain(self.band)
        return f"{self.market} {self.op} {line} band {band} on {self.source}"


@dataclass(frozen=True)
class ChangeRule:
    """A move of at least `percent` % within `window_ms`: the price against the lowest (a rise)
    or highest (a fall) price of the window. `band` is in percentage points: the rule re-arms
    once the move is back below `percent - band`."""

    market: str
    percent: Decimal
    window_ms: int
    direction: Literal["up", "down", "both"]
    band: Decimal
    source: Source = "trade"
    name: str = ""

    def __str__(self) -> str:
        sign = {"up": "+", "down": "-", "both": "±"}[self.direction]
        return (
            f"{self.market} change {sign}{_plain(self.percent)}% {self.window_ms // 1000}s "
            f"band {_plain(self.band)}% on {self.source}"
        )


@dataclass(frozen=True)
class SpreadRule:
    """Best ask minus best bid of the orderbook against `threshold`: in price units, or with
    `percent` in % of the mid price ((ask + bid) / 2). `band` is in the threshold's unit."""

    market: str
    op: Literal[">", "<"]
    threshold: Decimal
    percent: bool
    band: Decimal
    name: str = ""

    def __str__(self) -> str:
        unit = "%" if self.percent else ""
        return (
            f"{self.market} spread {self.op} {_plain(self.threshold)}{unit} "
            f"band {_plain(self.band)}{unit}"
        )


Rule: TypeAlias = PriceRule | ChangeRule | SpreadRule


def _number(word: str, what: str, text: str) -> Decimal:
    cleaned = word.replace(",", "").replace("_", "")
    if not _NUMBER.match(cleaned):
        raise RuleError(f"rule {text!r}: {what} {word!r} is not a number like 150000000 or 0.5")
    value = Decimal(cleaned)
    if not value > 0:
        raise RuleError(f"rule {text!r}: {what} must be greater than 0, got {word!r}")
    return value


def _percent(word: str, what: str, text: str) -> Decimal:
    if not word.endswith("%"):
        raise RuleError(f"rule {text!r}: {what} {word!r} must be a percentage such as 3%")
    return _number(word[:-1], what, text)


def parse_rule(text: str, *, name: str = "") -> Rule:
    """One rule from the command-line syntax; `RuleError` names the part that is wrong.

    ```text
    KRW-BTC > 150,000,000            KRW-BTC < 90000000 band 500000     KRW-BTC crosses 150_000_000
    KRW-BTC change 3% 5m             KRW-BTC change -2% 30s on ticker   (+ rises, - falls)
    KRW-ETH spread > 0.5%            KRW-ETH spread > 5000 band 1000
    ```
    `band` defaults to 0.1 % of a price line and a tenth of a change or spread threshold.
    """
    if not isinstance(text, str) or not text.strip():
        raise RuleError("rule: empty; write e.g. 'KRW-BTC > 150000000'")
    words = re.findall(r"[<>]|[^\s<>]+", text)
    market = words[0].upper()
    if not _MARKET.match(market):
        raise RuleError(
            f"rule {text!r}: market {words[0]!r} is not a pair code like KRW-BTC "
            "(a rule starts with the market)"
        )
    if len(words) < 2:
        raise RuleError(f"rule {text!r}: after the market comes >, <, crosses, change or spread")
    verb, rest = words[1].lower(), words[2:]
    options: dict[str, str] = {}

    def take_options(allowed: tuple[str, ...]) -> None:
        while rest:
            key = rest.pop(0).lower()
            if key not in allowed:
                raise RuleError(
                    f"rule {text!r}: unexpected {key!r}; after the threshold only "
                    + " or ".join(f"'{a} ...'" for a in allowed)
                    + " may follow"
                )
            if not rest:
                raise RuleError(f"rule {text!r}: {key} needs a value")
            if key in options:
                raise RuleError(f"rule {text!r}: {key} given twice")
            options[key] = rest.pop(0)

    def source() -> Source:
        value = options.get("on", "trade").lower()
        if value not in ("trade", "ticker"):
            raise RuleError(f"rule {text!r}: on must be trade or ticker, got {value!r}")
        return "trade" if value == "trade" else "ticker"

    if verb in _OPS:
        if not rest:
            raise RuleError(f"rule {text!r}: {words[1]} needs a price, e.g. 150000000")
        price = _number(rest.pop(0), "price", text)
        take_options(("band", "on"))
        band = price / 1000
        if "band" in options:
            word = options["band"]
            band = (
                _percent(word, "band", text) * price / _HUNDRED
                if word.endswith("%")
                else _number(word, "band", text)
            )
        if band >= price:
            raise RuleError(f"rule {text!r}: band must be smaller than the price")
        op: Literal[">", "<", "crosses"] = (
            ">" if _OPS[verb] == ">" else "<" if _OPS[verb] == "<" else "crosses"
        )
        return PriceRule(market, op, price, band, source(), name or text.strip())
    if verb == "change":
        if not rest:
            raise RuleError(f"rule {text!r}: change needs a percentage and a window: change 3% 5m")
        word = rest.pop(0)
        direction: Literal["up", "down", "both"] = "both"
        if word[:1] in "+-±":
            direction = "up" if word[0] == "+" else "down" if word[0] == "-" else "both"
            word = word[1:]
        percent = _percent(word, "change", text)
        if rest and rest[0].lower() in ("in", "within"):
            rest.pop(0)
        if not rest:
            raise RuleError(f"rule {text!r}: change needs a window such as 30s, 5m or 1h")
        window_word = rest.pop(0)
        match = _WINDOW.match(window_word.lower())
        if not match or int(match[1]) == 0:
            raise RuleError(
                f"rule {text!r}: window {window_word!r} must be a number with s, m or h, like 5m"
            )
        window_ms = int(match[1]) * _UNIT_MS[match[2]]
        if window_ms > _MAX_WINDOW_MS:
            raise RuleError(f"rule {text!r}: window {window_word!r} is longer than 24h")
        take_options(("band", "on"))
        band = percent / 10
        if "band" in options:
            band = _number(options["band"].removesuffix("%"), "band", text)
            if band >= percent:
                raise RuleError(
                    f"rule {text!r}: band must be smaller than the change ({_plain(percent)}%)"
                )
        return ChangeRule(
            market, percent, window_ms, direction, band, source(), name or text.strip()
        )
    if verb == "spread":
        if not rest or rest[0].lower() not in ("<", ">", "above", "below"):
            raise RuleError(f"rule {text!r}: spread needs > or < and a threshold: spread > 0.5%")
        spread_op: Literal[">", "<"] = ">" if _OPS[rest.pop(0).lower()] == ">" else "<"
        if not rest:
            raise RuleError(f"rule {text!r}: spread needs a threshold such as 0.5% or 5000")
        word = rest.pop(0)
        is_percent = word.endswith("%")
        threshold = _number(word.removesuffix("%"), "spread", text)
        take_options(("band",))
        band = threshold / 10
        if "band" in options:
            band_word = options["band"]
            band = _number(band_word.removesuffix("%"), "band", text)
            if band_word.endswith("%") and not is_percent:
                band = band * threshold / _HUNDRED
            if band >= threshold:
                raise RuleError(f"rule {text!r}: band must be smaller than the spread threshold")
        return SpreadRule(market, spread_op, threshold, is_percent, band, name or text.strip())
    raise RuleError(
        f"rule {text!r}: {words[1]!r} is not one of >, <, above, below, crosses, change, spread"
    )


def load_rules(path: str | Path) -> list[Rule]:
    """Rules from a TOML or YAML file: a top-level `rules` list whose items are rule strings,
    or tables with `rule` and an optional `name`."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"rules file {str(path)!r}: cannot be read ({exc.strerror})") from None
    data: Any
    try:
        if suffix == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        elif suffix in (".yaml", ".yml"):
            import yaml  # the `cli` extra

            data = yaml.safe_load(raw)
        else:
            raise RuleError(f"rules file {str(path)!r}: must end in .toml, .yaml or .yml")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"rules file {str(path)!r}: not valid TOML ({exc})") from None
    except ImportError:
        raise RuleError("YAML rules files need PyYAML: pip install PyYAML") from None
    except Exception as exc:  # yaml.YAMLError, without importing yaml eagerly
        if isinstance(exc, RuleError):
            raise
        raise RuleError(f"rules file {str(path)!r}: not valid YAML ({exc})") from None
    items = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise RuleError(f"rules file {str(path)!r}: needs a non-empty top-level 'rules' list")
    rules: list[Rule] = []
    for index, item in enumerate(items):
        where = f"rules file {str(path)!r}, rules[{index}]"
        if isinstance(item, str):
            text, name = item, ""
        elif isinstance(item, dict) and isinstance(item.get("rule"), str):
            text, name = item["rule"], item.get("name", "")
            if not isinstance(name, str) or set(item) - {"rule", "name"}:
                raise RuleError(f"{where}: a table takes only 'rule' and 'name' (strings)")
        else:
            raise RuleError(f"{where}: must be a rule string or a table with 'rule'")
        try:
            rules.append(parse_rule(text, name=name))
        except RuleError as exc:
            raise RuleError(f"{where}: {exc}") from None
    return rules


# -- evaluation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Alert:
    """One firing of a rule. `value` is the price, the change in % or the spread that fired it;
    `reference` the window's low/high a change is measured from; `sequential_id` the trade."""

    rule: str
    name: str
    market: str
    kind: Literal["price", "change", "spread"]
    direction: Literal["up", "down"]
    value: Decimal
    threshold: Decimal
    timestamp: int
    message: str
    sequential_id: int | None = None
    reference: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: Decimals as strings (exact), the time also as ISO 8601 UTC."""
        moment = datetime.fromtimestamp(self.timestamp / 1000, UTC)
        return {
            "rule": self.rule,
            "name": self.name,
            "market": self.market,
            "kind": self.kind,
            "direction": self.direction,
            "value": _plain(self.value),
            "threshold": _plain(self.threshold),
            "reference": None if self.reference is None else _plain(self.reference),
            "sequential_id": self.sequential_id,
            "timestamp": self.timestamp,
            "time": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "message": self.message,
        }


def _dec(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest text that reads back as this float
    raise TypeError(f"expected a number, got {value!r}")


def _grouped(value: Decimal) -> str:
    text = _plain(value)
    whole, dot, fraction = text.partition(".")
    return f"{int(whole):,}" + dot + fraction


@dataclass(frozen=True)
class _Observation:
    market: str
    kind: Literal["trade", "ticker", "orderbook"]
    timestamp: int
    price: Decimal = Decimal(0)  # trade, ticker
    ask: Decimal = Decimal(0)  # orderbook
    bid: Decimal = Decimal(0)
    sequential_id: int | None = None


def _observe(message: object) -> _Observation | None:
    """The market, time and prices of a trade, ticker or orderbook message of either format."""
    if isinstance(message, WsTrade):
        return _Observation(
            message.code, "trade", message.trade_timestamp, _dec(message.trade_price),
            sequential_id=message.sequential_id,
        )  # fmt: skip
    if isinstance(message, WsTradeSimple):
        code = message.cd if isinstance(message.cd, str) else message.mk
        if not isinstance(code, str):
            return None
        return _Observation(
            code, "trade", message.ttms, _dec(message.tp), sequential_id=message.sid
        )
    if isinstance(message, WsTicker):
        ts = message.trade_timestamp if isinstance(message.trade_timestamp, int) else None
        return _Observation(
            message.code, "ticker", ts or message.timestamp, _dec(message.trade_price)
        )
    if isinstance(message, WsTickerSimple):
        ts = message.ttms if isinstance(message.ttms, int) else None
        return _Observation(message.cd, "ticker", ts or message.tms, _dec(message.tp))
    if isinstance(message, WsOrderbook) and message.orderbook_units:
        best = message.orderbook_units[0]
        return _Observation(
            message.code, "orderbook", message.timestamp,
            ask=_dec(best.ask_price), bid=_dec(best.bid_price),
        )  # fmt: skip
    if isinstance(message, WsOrderbookSimple) and message.obu:
        top = message.obu[0]
        return _Observation(
            message.cd, "orderbook", message.tms, ask=_dec(top.ap), bid=_dec(top.bp)
        )
    return None


class _Edge:
    """One direction of a threshold with hysteresis on a ratio `num / den` (den > 0): fires when
    the ratio passes `line`, re-arms once it is back more than `band` on the near side."""

    def __init__(self, line: Decimal, band: Decimal, *, upward: bool, inclusive: bool) -> None:
        self.line, self.band, self.upward, self.inclusive = line, band, upward, inclusive
        self.armed = True

    def step(self, num: Decimal, den: Decimal) -> bool:
        if self.upward:
            past = num >= self.line * den if self.inclusive else num > self.line * den
            back = num < (self.line - self.band) * den
        else:
            past = num <= self.line * den if self.inclusive else num < self.line * den
            back = num > (self.line + self.band) * den
        if self.armed and past:
            self.armed = False
            return True
        if not self.armed and back:
            self.armed = True
        return False


class _Cross:
    """`crosses`: remembers the side; after the first alert a crossing must go `band` past."""

    def __init__(self, line: Decimal, band: Decimal) -> None:
        self.line, self.band = line, band
        self.side = 0
        self.fired = False

    def step(self, price: Decimal) -> Literal["up", "down"] | None:
        if self.side == 0:
            self.side = 1 if price > self.line else -1 if price < self.line else 0
            return None
        margin = self.band if self.fired else Decimal(0)
        if self.side < 0 and price > self.line + margin:
            self.side, self.fired = 1, True
            return "up"
        if self.side > 0 and price < self.line - margin:
            self.side, self.fired = -1, True
            return "down"
        return None


class _Window:
    """Lowest and highest price of the last `span_ms` (monotonic deques: amortised O(1))."""

    def __init__(self, span_ms: int) -> None:
        self.span = span_ms
        self.lows: deque[tuple[int, Decimal]] = deque()
        self.highs: deque[tuple[int, Decimal]] = deque()
        self.last = -1

    def add(self, ts: int, price: Decimal) -> tuple[tuple[int, Decimal], tuple[int, Decimal]]:
        ts = max(ts, self.last)  # a clock step back must not reorder the window
        self.last = ts
        while self.lows and self.lows[-1][1] >= price:
            self.lows.pop()
        self.lows.append((ts, price))
        while self.highs and self.highs[-1][1] <= price:
            self.highs.pop()
        self.highs.append((ts, price))
        for side in (self.lows, self.highs):
            while side[0][0] < ts - self.span:
                side.popleft()
        return self.lows[0], self.highs[0]


class _Tracker:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.text = str(rule)
        self.name = rule.name or self.text
        if isinstance(rule, PriceRule):
            self.cross = _Cross(rule.price, rule.band) if rule.op == "crosses" else None
            self.edge = _Edge(rule.price, rule.band, upward=rule.op == ">", inclusive=False)
        elif isinstance(rule, ChangeRule):
            self.window = _Window(rule.window_ms)
            self.rise = _Edge(rule.percent, rule.band, upward=True, inclusive=True)
            # both edges measure a move away from the window's low/high: upward on its size
            self.fall = _Edge(rule.percent, rule.band, upward=True, inclusive=True)
        else:
            self.edge = _Edge(rule.threshold, rule.band, upward=rule.op == ">", inclusive=False)

    def wants(self, seen: _Observation) -> bool:
        rule = self.rule
        if seen.market != rule.market:
            return False
        if isinstance(rule, SpreadRule):
            return seen.kind == "orderbook"
        return seen.kind == rule.source

    def step(self, seen: _Observation) -> list[Alert]:
        rule = self.rule
        if isinstance(rule, PriceRule):
            return self._price(rule, seen)
        if isinstance(rule, ChangeRule):
            return self._change(rule, seen)
        return self._spread(rule, seen)

    def _alert(self, seen: _Observation, **fields: Any) -> Alert:
        return Alert(
            rule=self.text, name=self.name, market=seen.market, timestamp=seen.timestamp,
            sequential_id=seen.sequential_id, **fields,
        )  # fmt: skip

    def _price(self, rule: PriceRule, seen: _Observation) -> list[Alert]:
        price = seen.price
        if self.cross is not None:
            direction = self.cross.step(price)
        else:
            direction = (
                ("up" if rule.op == ">" else "down") if self.edge.step(price, Decimal(1)) else None
            )
        if direction is None:
            return []
        verb = "crossed above" if direction == "up" else "crossed below"
        if rule.op != "crosses":
            verb = "is above" if direction == "up" else "is below"
        return [self._alert(
            seen, kind="price", direction=direction, value=price, threshold=rule.price,
            message=f"{seen.market} {verb} {_grouped(rule.price)}: {_grouped(price)}",
        )]  # fmt: skip

    def _change(self, rule: ChangeRule, seen: _Observation) -> list[Alert]:
        price = seen.price
        (_, low), (_, high) = self.window.add(seen.timestamp, price)
        # A rise: (price - low) / low >= percent / 100, exactly: 100 (price - low) >= percent low.
        rose = self.rise.step(_HUNDRED * (price - low), low) and rule.direction != "down"
        fell = self.fall.step(_HUNDRED * (high - price), high) and rule.direction != "up"
        alerts = []
        for fired, reference in ((rose, low), (fell, high)):
            if not fired:
                continue
            change = (price - reference) * _HUNDRED / reference
            sign = "+" if reference == low else ""
            alerts.append(self._alert(
                seen, kind="change", direction="up" if reference == low else "down",
                value=change.quantize(Decimal("0.0001")), threshold=rule.percent,
                reference=reference,
                message=(
                    f"{seen.market} moved {sign}{change:.2f}% within {rule.window_ms // 1000}s: "
                    f"{_grouped(reference)} -> {_grouped(price)}"
                ),
            ))  # fmt: skip
        return alerts

    def _spread(self, rule: SpreadRule, seen: _Observation) -> list[Alert]:
        gap = seen.ask - seen.bid
        if rule.percent:  # gap / mid * 100 = 200 gap / (ask + bid)
            num, den = 2 * _HUNDRED * gap, seen.ask + seen.bid
            if not den > 0:
                return []
            value = (num / den).quantize(Decimal("0.0001"))
            shown = f"{value}% of the mid price"
        else:
            num, den, value = gap, Decimal(1), gap
            shown = _grouped(gap)
        if not self.edge.step(num, den):
            return []
        word = "above" if rule.op == ">" else "below"
        unit = "%" if rule.percent else ""
        return [self._alert(
            seen, kind="spread", direction="up" if rule.op == ">" else "down", value=value,
            threshold=rule.threshold,
            message=(
                f"{seen.market} spread {shown} is {word} {_plain(rule.threshold)}{unit} "
                f"(ask {_grouped(seen.ask)}, bid {_grouped(seen.bid)})"
            ),
        )]  # fmt: skip


class AlertEngine:
    """Evaluates rules on stream messages; `feed` returns the alerts a message fired."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._trackers = [_Tracker(rule) for rule in rules]
        if not self._trackers:
            raise ValueError("rules must not be empty")

    @property
    def rules(self) -> list[Rule]:
        return [t.rule for t in self._trackers]

    def subscriptions(self) -> dict[str, tuple[str, ...]]:
        """The stream types and markets the rules need: {'trade': ('KRW-BTC',), ...}."""
        wanted: dict[str, dict[str, None]] = {}
        for rule in self.rules:
            kind = "orderbook" if isinstance(rule, SpreadRule) else rule.source
            wanted.setdefault(kind, {})[rule.market] = None
        return {kind: tuple(markets) for kind, markets in wanted.items()}

    def feed(self, message: object) -> list[Alert]:
        seen = _observe(message)
        if seen is None:
            return []
        alerts: list[Alert] = []
        for tracker in self._trackers:
            if tracker.wants(seen):
                alerts += tracker.step(seen)
        return alerts


# -- delivery ------------------------------------------------------------------------------


class Delivery(Protocol):
    """Something that takes an alert somewhere; raising counts as a failed delivery."""

    async def send(self, alert: Alert) -> None: ...


class ConsoleDelivery:
    """One Rich line per alert on stdout (or the `console` given)."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console  # the `cli` extra

        self._console = console if console is not None else Console(highlight=False, soft_wrap=True)

    def __repr__(self) -> str:
        return "ConsoleDelivery()"

    async def send(self, alert: Alert) -> None:
        from rich.markup import escape

        color = "green" if alert.direction == "up" else "red"
        arrow = "▲" if alert.direction == "up" else "▼"
        stamp = alert.to_dict()["time"]
        self._console.print(
            f"[dim]{stamp}[/] [bold {color}]{arrow} {escape(alert.message)}[/] "
            f"[dim]({escape(alert.name)})[/]"
        )


def _positive(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a number of seconds > 0, got {value!r}")
    return float(value)


class WebhookDelivery:
    """POSTs the alert's JSON (`Alert.to_dict`) to `url`. Retries connection errors, timeouts,
    429 and 5xx answers `retries` times with doubling pauses; other answers are final."""

    def __init__(
        self, url: str, *, timeout: float = 5.0, retries: int = 2, backoff: float = 0.5
    ) -> None:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError):
            raise ValueError(
                f"webhook url must be an http:// or https:// URL, got {url!r}"
            ) from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise ValueError("webhook url must be an http:// or https:// URL with a host")
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise ValueError(f"retries must be an int >= 0, got {retries!r}")
        self._url = parsed
        self._timeout = _positive("timeout", timeout)
        self._backoff = _positive("backoff", backoff)
        self._retries = retries
        self._client: httpx.AsyncClient | None = None

    def __repr__(self) -> str:  # the path of a webhook URL is often its secret
        return f"WebhookDelivery({self._url.scheme}://{self._url.netloc.decode()}/...)"

    async def send(self, alert: Alert) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout)
        body = alert.to_dict()
        problem = ""
        for attempt in range(self._retries + 1):
            if attempt:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
            try:
                answer = await self._client.post(self._url, json=body)
            except httpx.TransportError as exc:
                problem = type(exc).__name__
                continue
            if answer.status_code < 300:
                return
            problem = f"HTTP {answer.status_code}"
            if answer.status_code != 429 and answer.status_code < 500:
                break
        raise RuntimeError(f"{self!r}: {problem}")

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


class CommandDelivery:
    """Runs `command` (an argv list, or a string split like a shell would) once per alert,
    with the alert's JSON on stdin and its fields as `UPBIT_ALERT_*` environment variables;
    killed after `timeout` seconds. A non-zero exit status counts as a failed delivery."""

    def __init__(self, command: str | Sequence[str], *, timeout: float = 10.0) -> None:
        argv = shlex.split(command) if isinstance(command, str) else list(command)
        if not argv or not all(isinstance(a, str) and a for a in argv):
            raise ValueError(f"command must name a program, got {command!r}")
        self._argv = argv
        self._timeout = _positive("timeout", timeout)

    def __repr__(self) -> str:
        return f"CommandDelivery({self._argv[0]!r})"

    async def send(self, alert: Alert) -> None:
        body = alert.to_dict()
        env = dict(os.environ)
        for key, value in body.items():
            env[f"UPBIT_ALERT_{key.upper()}"] = "" if value is None else str(value)
        process = await asyncio.create_subprocess_exec(
            *self._argv, stdin=asyncio.subprocess.PIPE, env=env
        )
        try:
            await asyncio.wait_for(process.communicate(json.dumps(body).encode()), self._timeout)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise RuntimeError(
                f"{self!r}: still running after {self._timeout:g} s, killed"
            ) from None
        if process.returncode != 0:
            raise RuntimeError(f"{self!r}: exited with status {process.returncode}")


# -- running -------------------------------------------------------------------------------


@dataclass
class AlertStats:
    """Counters of one `watch`: alerts fired; deliveries done, failed, dropped (queue full)."""

    fired: int = 0
    delivered: int = 0
    failed: int = 0
    dropped: int = 0
    last_error: str = ""
    by_rule: dict[str, int] = field(default_factory=dict)


class _Outbox:
    """One delivery's worker behind a bounded queue: `put` never waits."""

    def __init__(self, delivery: Delivery, stats: AlertStats, size: int) -> None:
        self.delivery = delivery
        self.stats = stats
        self.queue: asyncio.Queue[Alert] = asyncio.Queue(size)
        self.task = asyncio.create_task(self._work(), name=f"alert-{delivery!r}")

    def put(self, alert: Alert) -> None:
        try:
            self.queue.put_nowait(alert)
        except asyncio.QueueFull:
            self.stats.dropped += 1
            log.warning("alert for %s dropped: %r is %d behind", alert.market, self.delivery,
                        self.queue.qsize())  # fmt: skip

    async def _work(self) -> None:
        while True:
            alert = await self.queue.get()
            try:
                await self.delivery.send(alert)
                self.stats.delivered += 1
            except Exception as exc:
                self.stats.failed += 1
                self.stats.last_error = str(exc)
                log.warning("alert for %s not delivered: %s", alert.market, exc)
            finally:
                self.queue.task_done()

    async def close(self, within: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.queue.join(), within)
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        closer = getattr(self.delivery, "aclose", None)
        if closer is not None:
            await closer()


async def watch(
    stream: AsyncStream,
    rules: Sequence[Rule],
    deliveries: Sequence[Delivery] = (),
    *,
    max_alerts: int | None = None,
    queue_size: int = 100,
    drain: float = 30.0,
    stats: AlertStats | None = None,
) -> AlertStats:
    """Subscribe `stream` to what `rules` need and deliver their alerts until `max_alerts`
    have fired (forever without it); then wait up to `drain` seconds for pending deliveries.

    Each delivery has its own queue of `queue_size` alerts; when it is full the alert is
    dropped for that delivery (counted), so deliveries never slow the stream down.
    """
    engine = AlertEngine(rules)
    if max_alerts is not None and (isinstance(max_alerts, bool) or max_alerts < 1):
        raise ValueError(f"max_alerts must be None or an int >= 1, got {max_alerts!r}")
    stats = stats if stats is not None else AlertStats()
    outboxes = [_Outbox(d, stats, queue_size) for d in deliveries]
    try:
        for kind, markets in engine.subscriptions().items():
            await stream.subscribe(kind, list(markets))
        async for message in stream:
            for alert in engine.feed(message):
                stats.fired += 1
                stats.by_rule[alert.name] = stats.by_rule.get(alert.name, 0) + 1
                for outbox in outboxes:
                    outbox.put(alert)
                if max_alerts is not None and stats.fired >= max_alerts:
                    return stats
        return stats
    finally:
        await asyncio.gather(*(o.close(drain) for o in outboxes))
