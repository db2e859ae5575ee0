"""Argument checks that run before anything is sent.

Two layers: the rules the spec states for each parameter (type, enum, bounds, pattern),
read from the generated operation table, and the rules Upbit documents in prose (one of
`uuid`/`identifier`, what each `ord_type` needs, ...), written here by hand. A mistake is a
`ValueError` or `TypeError` naming the operation, the parameter and the rule, so no
request leaves with arguments Upbit would reject, or worse, misread.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from ._base import Operation

__all__ = ["check_currency", "check_market", "format_money", "prepare"]

MONEY_FIELDS = frozenset({"price", "volume", "amount", "new_price", "new_volume"})
MONEY_RANGE = (Decimal("1E-30"), Decimal("1E+30"))
MARKET = re.compile(r"^[A-Z0-9]{2,10}-[A-Z0-9]{1,20}\Z")
CURRENCY = re.compile(r"^[A-Z0-9]{1,20}\Z")
# Type tuples for isinstance, built once: `str | list` builds a new union on every call.
_MONEY_INPUT = (Decimal, str, int)
_TEXT = (str, bytes)
_SEQUENCE = (list, tuple)
_ITEM = (str, int)
_SIZED = (str, list, tuple)
_NO_RULE: Mapping[str, Any] = MappingProxyType({})
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float, Decimal),
    "boolean": (bool,),
}


# A positive decimal already in its plain rendering and within MONEY_RANGE: no leading zeros,
# no trailing fractional zeros, at most 30 digits either side of the point.
_CANONICAL_MONEY = re.compile(r"(?:[1-9][0-9]{0,29}(?:\.[0-9]{0,29}[1-9])?|0\.[0-9]{0,29}[1-9])")


def format_money(name: str, value: object) -> str:
    """Render a price/volume/amount as a plain decimal string, exactly.

    Floats are refused: `0.1 + 0.2` is not a price anyone meant, and `1e-05` is not a
    string Upbit parses.
    """
    if isinstance(value, bool) or not isinstance(value, _MONEY_INPUT):
        kind = type(value).__name__
        hint = " (floats lose precision: pass Decimal or str)" if isinstance(value, float) else ""
        raise TypeError(f"{name} must be Decimal, str or int, not {kind}{hint}")
    if isinstance(value, str):
        if _CANONICAL_MONEY.fullmatch(value):  # already what the checks below would render
            return value
        if name.split(": ")[-1] == "new_volume" and value == "remain_only":
            return value
        try:
            if "_" in value:  # Decimal reads "5_000"; Upbit would not
                raise InvalidOperation
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{name} must be a decimal number, got {value!r}") from None
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if number <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value!r}")
    if not MONEY_RANGE[0] <= number <= MONEY_RANGE[1]:
        # "1e999999999999999999" is a valid Decimal whose plain rendering exhausts memory.
        raise ValueError(f"{name} must be between 1E-30 and 1E+30, got {value!r}")
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def check_market(name: str, value: object) -> str:
    """One market code such as 'KRW-BTC' (for conveniences that take a single market)."""
    if not isinstance(value, str) or not MARKET.match(value):
        raise ValueError(f"{name} must be one market code like 'KRW-BTC', got {value!r}")
    return value


def check_currency(name: str, value: object) -> str:
    if not isinstance(value, str) or not CURRENCY.match(value):
        raise ValueError(f"{name} must be an upper-case currency code like 'BTC', got {value!r}")
    return value


@functools.lru_cache(maxsize=64)
def _kinds(expected: str | tuple[str, ...]) -> tuple[tuple[str, ...], tuple[type, ...]]:
    """A schema `type` (one name or several) as its non-null names and the Python types;
    worked out once per distinct `type`, not on every call."""
    declared = expected if isinstance(expected, tuple) else (expected,)
    kinds = tuple(k for k in declared if k != "null")
    return kinds, tuple(t for k in kinds for t in _JSON_TYPES.get(k, ()))


def _check_type(op: str, name: str, value: object, rule: Mapping[str, Any]) -> None:
    expected = rule.get("type")
    kinds, allowed = _kinds(tuple(expected) if isinstance(expected, list) else str(expected))
    if "array" in kinds:
        if isinstance(value, _TEXT) or not isinstance(value, _SEQUENCE):
            raise TypeError(f"{op}: {name} must be a list, got {type(value).__name__}")
        if not value:
            raise ValueError(f"{op}: {name} is empty: give at least one value or leave it out")
        item_rule = rule.get("items", {})
        for i, item in enumerate(value):
            if not isinstance(item, _ITEM) or isinstance(item, bool):
                raise TypeError(f"{op}: {name}[{i}] must be a string, got {type(item).__name__}")
            _check_bounds(op, f"{name}[{i}]", item, item_rule)
        return
    bad_bool = isinstance(value, bool) and "boolean" not in kinds
    if allowed and (not isinstance(value, allowed) or bad_bool):
        raise TypeError(f"{op}: {name} must be {' or '.join(kinds)}, got {type(value).__name__}")


def _check_bounds(op: str, name: str, value: Any, rule: Mapping[str, Any]) -> None:
    if "enum" in rule and value not in rule["enum"]:
        choices = ", ".join(repr(v) for v in rule["enum"])
        raise ValueError(f"{op}: {name} must be one of {choices}; got {value!r}")
    if "minimum" in rule and value < rule["minimum"]:
        raise ValueError(f"{op}: {name} must be >= {rule['minimum']}, got {value!r}")
    if "maximum" in rule and value > rule["maximum"]:
        raise ValueError(f"{op}: {name} must be <= {rule['maximum']}, got {value!r}")
    if isinstance(value, _SIZED):
        if "minItems" in rule and len(value) < rule["minItems"]:
            raise ValueError(f"{op}: {name} needs at least {rule['minItems']} items")
        if "maxItems" in rule and len(value) > rule["maxItems"]:
            raise ValueError(
                f"{op}: {name} takes at most {rule['maxItems']} items, got {len(value)}"
            )
        if "minLength" in rule and len(value) < rule["minLength"]:
            raise ValueError(f"{op}: {name} must be at least {rule['minLength']} characters")
        if "maxLength" in rule and len(value) > rule["maxLength"]:
            raise ValueError(
                f"{op}: {name} must be at most {rule['maxLength']} characters, got {len(value)}"
            )
    if "pattern" in rule and isinstance(value, str) and not _matches(rule["pattern"], value):
        raise ValueError(f"{op}: {name} {value!r} does not match {rule['pattern']}")


def _matches(pattern: str, value: str) -> bool:
    """Match as JSON Schema (ECMA-262) does: `$` ends the string, never before a final newline."""
    return _schema_regex(pattern).search(value) is not None


@functools.lru_cache(maxsize=256)
def _schema_regex(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _check_codes(op: str, name: str, value: Any) -> None:
    if name in {"market", "prev_market"}:
        codes = [value]
    elif name in {"markets", "pairs", "excluded_pairs"}:
        codes = value.split(",") if isinstance(value, str) else list(value)
    else:
        return
    for code in codes:
        if not isinstance(code, str) or not MARKET.match(code):
            raise ValueError(
                f"{op}: {name} must be market codes like 'KRW-BTC' (quote-base, upper case), "
                f"got {code!r}"
            )


def _join_codes(op: str, name: str, values: list[Any] | tuple[Any, ...]) -> str:
    """A list for a comma-separated parameter (`markets=["KRW-BTC", "KRW-ETH"]`)."""
    if not values:
        raise ValueError(f"{op}: {name} is empty: give at least one value or leave it out")
    for i, item in enumerate(values):
        if not isinstance(item, str):
            raise TypeError(f"{op}: {name}[{i}] must be a string, got {type(item).__name__}")
        if "," in item:
            raise ValueError(f"{op}: {name}[{i}] must be one code, got {item!r}")
    return ",".join(values)


def _unalias(op: str, name: str, value: str, rule: Mapping[str, Any]) -> Any:
    """Another spelling the spec allows (`unit="5m"` for `unit=5`)."""
    aliases: Mapping[str, Any] = rule["aliases"]
    if value in aliases:
        return aliases[value]
    choices = ", ".join(repr(v) for v in [*rule.get("enum", []), *aliases])
    raise ValueError(f"{op}: {name} must be one of {choices}; got {value!r}")


def _one_of(op: str, params: Mapping[str, Any], a: str, b: str, *, required: bool) -> None:
    given = [n for n in (a, b) if params.get(n) is not None]
    if len(given) == 2:
        raise ValueError(f"{op}: pass either {a} or {b}, not both")
    if required and not given:
        raise ValueError(f"{op}: pass one of {a} or {b}")


def _order_shape(op: str, p: Mapping[str, Any], prefix: str = "") -> None:
    """What each order type needs, as Upbit documents it (upbit-api.md E3/E12)."""
    ord_type = p.get(f"{prefix}ord_type")
    side = p.get("side")
    price, volume = f"{prefix}price", f"{prefix}volume"
    tif, smp = f"{prefix}time_in_force", f"{prefix}smp_type"
    has_price, has_volume = p.get(price) is not None, p.get(volume) is not None
    if ord_type == "limit" and not (has_price and has_volume):
        raise ValueError(f"{op}: a limit order needs both {price} and {volume}")
    if ord_type == "price":
        if not has_price or has_volume:
            raise ValueError(
                f"{op}: a 'price' order (market buy) takes {price} (total to spend) and no {volume}"
            )
        if side == "ask":
            raise ValueError(f"{op}: ord_type 'price' is a market BUY: side must be 'bid'")
    if ord_type == "market":
        if not has_volume or has_price:
            raise ValueError(f"{op}: a 'market' order (market sell) takes {volume} and no {price}")
        if side == "bid":
            raise ValueError(f"{op}: ord_type 'market' is a market SELL: side must be 'ask'")
    if ord_type == "best":
        if p.get(tif) not in {"ioc", "fok"}:
            raise ValueError(f"{op}: a 'best' order needs {tif} 'ioc' or 'fok'")
        if side == "bid" and (not has_price or has_volume):
            raise ValueError(f"{op}: a 'best' buy takes {price} (total) and no {volume}")
        if side == "ask" and (not has_volume or has_price):
            raise ValueError(f"{op}: a 'best' sell takes {volume} and no {price}")
    if p.get(tif) in {"ioc", "fok"} and ord_type not in {"limit", "best"}:
        raise ValueError(f"{op}: {tif} {p.get(tif)!r} is only for limit and best orders")
    if p.get(tif) == "post_only":
        if ord_type != "limit":
            raise ValueError(f"{op}: {tif} 'post_only' is only for limit orders")
        if p.get(smp) not in (None, "none"):
            raise ValueError(
                f"{op}: {tif} 'post_only' cannot be combined with {smp} {p.get(smp)!r}"
                f" (only with {smp} 'none')"
            )


def _orders(op: str, p: Mapping[str, Any]) -> None:
    _order_shape(op, p)


def _cancel_and_new(op: str, p: Mapping[str, Any]) -> None:
    _one_of(op, p, "prev_order_uuid", "prev_order_identifier", required=True)
    reuses_remainder = {"limit", "market", "best"}  # Upbit: limit, market sell, best sell
    if p.get("new_volume") == "remain_only" and p.get("new_ord_type") not in reuses_remainder:
        raise ValueError(
            f"{op}: new_volume 'remain_only' needs a limit, market or best (sell) new order"
        )
    _order_shape(op, p, prefix="new_")


def _net_type_for_coins(op: str, p: Mapping[str, Any]) -> None:
    # The docs: net_type is "required for digital assets"; KRW has no network.
    if p.get("currency") not in (None, "KRW") and p.get("net_type") is None:
        raise ValueError(f"{op}: net_type is required for a digital asset ({p['currency']})")


_PROSE_RULES: dict[str, list[Callable[[str, Mapping[str, Any]], None]]] = {
    "create_order": [_orders],
    "test_order": [_orders],
    "cancel_and_new_order": [_cancel_and_new],
    "get_order": [lambda op, p: _one_of(op, p, "uuid", "identifier", required=True)],
    "cancel_order": [lambda op, p: _one_of(op, p, "uuid", "identifier", required=True)],
    "list_orders_by_ids": [lambda op, p: _one_of(op, p, "uuids", "identifiers", required=True)],
    "cancel_orders_by_ids": [lambda op, p: _one_of(op, p, "uuids", "identifiers", required=True)],
    "list_open_orders": [lambda op, p: _one_of(op, p, "state", "states", required=False)],
    "list_closed_orders": [lambda op, p: _one_of(op, p, "state", "states", required=False)],
    "list_orders": [
        lambda op, p: _one_of(op, p, "state", "states", required=False),
        lambda op, p: _one_of(op, p, "uuids", "identifiers", required=False),
    ],
    "cancel_open_orders": [
        lambda op, p: _one_of(op, p, "pairs", "quote_currencies", required=False)
    ],
    "list_withdrawals": [lambda op, p: _one_of(op, p, "uuids", "txids", required=False)],
    "list_deposits": [lambda op, p: _one_of(op, p, "uuids", "txids", required=False)],
    "get_withdrawal_chance": [_net_type_for_coins],
}


def prepare(op: Operation, params: Mapping[str, Any]) -> dict[str, Any]:
    """Check arguments against the spec and Upbit's rules; return what the generated call takes.

    `None` means "not given" and is dropped; money is rendered exactly; sequences become lists.
    """
    given = {name: value for name, value in params.items() if value is not None}
    prepared: dict[str, Any] = {}
    for name, value in given.items():
        rule = op.params.get(name, _NO_RULE)
        if name in MONEY_FIELDS and rule.get("in") == "body":
            prepared[name] = format_money(f"{op.id}: {name}", value)
            continue
        if rule.get("comma_list") and isinstance(value, _SEQUENCE):
            value = _join_codes(op.id, name, value)
        if "aliases" in rule and isinstance(value, str):
            value = _unalias(op.id, name, value, rule)
        _check_type(op.id, name, value, rule)
        if isinstance(value, tuple):
            value = list(value)
        _check_codes(op.id, name, value)
        _check_bounds(op.id, name, value, rule)
        if name == "currency" and isinstance(value, str) and not CURRENCY.match(value):
            raise ValueError(
                f"{op.id}: currency must be an upper-case code like 'BTC', got {value!r}"
            )
        prepared[name] = value
    for name, rule in op.params.items():
        # Before the prose rules, which would otherwise blame a neighbour of the missing one.
        if rule.get("required") and name not in given:
            raise TypeError(f"{op.id}: {name} is required, got None")
    for check in _PROSE_RULES.get(op.id, []):
        check(op.id, prepared)
    return prepared
