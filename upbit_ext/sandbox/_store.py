"""The sandbox exchange's state in one SQLite file, so a restarted sandbox carries on.

Keys, pockets, balances, orders, fills, used identifiers and the simple deposit,
withdrawal and transfer records live here. Amounts are stored as decimal TEXT (never
REAL), so what comes back is exactly what went in. Every engine operation writes inside
one `transaction()`: a crash half-way leaves the file as it was before the operation.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from ._verify import ApiKey

__all__ = [
    "PERMISSIONS",
    "ApiKey",
    "Balance",
    "FillRow",
    "OrderRow",
    "Pocket",
    "RecordKind",
    "Seed",
    "Store",
    "decimal_text",
]

PERMISSIONS = frozenset(
    {
        "view_account",
        "view_order",
        "place_order",
        "view_withdraw",
        "withdraw",
        "view_deposit",
        "deposit",
        "manage_pocket",
        "transfer",
    }
)
SCHEMA_VERSION = "1"
_SQLITE_MAX_INTEGER = 2**63 - 1
RecordKind = Literal["withdrawals", "deposits", "transfers", "universal_transfers"]
_RECORD_TABLES: frozenset[str] = frozenset(
    {"withdrawals", "deposits", "transfers", "universal_transfers"}
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pockets (
    uuid TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    access_key TEXT PRIMARY KEY,
    secret_key TEXT NOT NULL,
    pocket TEXT NOT NULL REFERENCES pockets(uuid),
    permissions TEXT NOT NULL,   -- JSON array of permission names
    allowed_ips TEXT NOT NULL,   -- JSON array; empty = any IP
    expires_at_ms INTEGER        -- NULL = never
);
CREATE TABLE IF NOT EXISTS balances (
    pocket TEXT NOT NULL REFERENCES pockets(uuid),
    currency TEXT NOT NULL,
    balance TEXT NOT NULL,
    locked TEXT NOT NULL,
    avg_buy_price TEXT NOT NULL,
    avg_buy_price_modified INTEGER NOT NULL,
    unit_currency TEXT NOT NULL,
    PRIMARY KEY (pocket, currency)
);
CREATE TABLE IF NOT EXISTS identifiers (
    pocket TEXT NOT NULL,
    identifier TEXT NOT NULL,
    used_ms INTEGER NOT NULL,
    order_uuid TEXT,             -- NULL when the order using it failed
    PRIMARY KEY (pocket, identifier)
);
CREATE TABLE IF NOT EXISTS orders (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    pocket TEXT NOT NULL REFERENCES pockets(uuid),
    market TEXT NOT NULL,
    side TEXT NOT NULL,
    ord_type TEXT NOT NULL,
    price TEXT,
    volume TEXT,
    state TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    closed_ms INTEGER,
    time_in_force TEXT,
    identifier TEXT,
    smp_type TEXT,
    fee_rate TEXT NOT NULL,
    remaining_volume TEXT,
    executed_volume TEXT NOT NULL,
    executed_funds TEXT NOT NULL,
    reserved_fee TEXT NOT NULL,
    remaining_fee TEXT NOT NULL,
    paid_fee TEXT NOT NULL,
    locked TEXT NOT NULL,
    prevented_volume TEXT NOT NULL,
    prevented_locked TEXT NOT NULL,
    trades_count INTEGER NOT NULL,
    UNIQUE (pocket, identifier)
);
CREATE INDEX IF NOT EXISTS orders_by_state ON orders (state, market);
CREATE INDEX IF NOT EXISTS orders_by_pocket ON orders (pocket, created_ms);
CREATE TABLE IF NOT EXISTS fills (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    order_uuid TEXT NOT NULL REFERENCES orders(uuid),
    pocket TEXT NOT NULL,
    market TEXT NOT NULL,
    side TEXT NOT NULL,
    price TEXT NOT NULL,
    volume TEXT NOT NULL,
    funds TEXT NOT NULL,
    fee TEXT NOT NULL,
    is_maker INTEGER NOT NULL,
    trend TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS fills_by_order ON fills (order_uuid);
CREATE TABLE IF NOT EXISTS pending (
    order_uuid TEXT PRIMARY KEY REFERENCES orders(uuid)  -- accepted, not yet matched
);
CREATE TABLE IF NOT EXISTS nonces (
    access_key TEXT NOT NULL,
    nonce TEXT NOT NULL,
    used_ms INTEGER NOT NULL,
    PRIMARY KEY (access_key, nonce)
);
CREATE INDEX IF NOT EXISTS nonces_by_time ON nonces (used_ms);
"""
_RECORD_SCHEMA = """
CREATE TABLE IF NOT EXISTS {table} (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    pocket TEXT NOT NULL,
    counterparty TEXT,           -- the other pocket of a transfer
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    txid TEXT,
    identifier TEXT,
    created_ms INTEGER NOT NULL,
    body TEXT NOT NULL,          -- the wire object, JSON
    UNIQUE (pocket, identifier)
);
"""


def decimal_text(value: Decimal) -> str:
    """`value` as Upbit writes amounts: no exponent, no trailing zeros ("5000", "0.0005")."""
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class Pocket:
    """A pocket: `main` or a user sub-pocket (`user_spot_trading`)."""

    uuid: str
    name: str
    type: str = "main"


@dataclass(frozen=True)
class Seed:
    """What a fresh sandbox starts with: pockets, keys and each pocket's starting balances.

    `balances` maps pocket uuid → currency → amount; `avg_buy_prices` (same shape, in KRW)
    gives seeded holdings a cost, 0 otherwise. Balances are applied only the first time a
    pocket is created, so restarting with the same seed never resets an account.
    """

    pockets: Sequence[Pocket]
    keys: Sequence[ApiKey] = ()
    balances: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    avg_buy_prices: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)


@dataclass
class Balance:
    pocket: str
    currency: str
    balance: Decimal = Decimal(0)
    locked: Decimal = Decimal(0)
    avg_buy_price: Decimal = Decimal(0)
    avg_buy_price_modified: bool = False
    unit_currency: str = "KRW"


@dataclass
class OrderRow:
    """One order with every Upbit field; `price`/`volume` are None where Upbit omits them."""

    uuid: str
    pocket: str
    market: str
    side: str
    ord_type: str
    price: Decimal | None
    volume: Decimal | None
    state: str
    created_ms: int
    time_in_force: str | None
    identifier: str | None
    smp_type: str | None
    fee_rate: Decimal
    remaining_volume: Decimal | None
    executed_volume: Decimal = Decimal(0)
    executed_funds: Decimal = Decimal(0)
    reserved_fee: Decimal = Decimal(0)
    remaining_fee: Decimal = Decimal(0)
    paid_fee: Decimal = Decimal(0)
    locked: Decimal = Decimal(0)
    prevented_volume: Decimal = Decimal(0)
    prevented_locked: Decimal = Decimal(0)
    trades_count: int = 0
    closed_ms: int | None = None
    seq: int = 0


@dataclass(frozen=True)
class FillRow:
    uuid: str
    order_uuid: str
    pocket: str
    market: str
    side: str
    price: Decimal
    volume: Decimal
    funds: Decimal
    fee: Decimal
    is_maker: bool
    trend: str
    created_ms: int


_ORDER_COLUMNS = (
    "uuid, pocket, market, side, ord_type, price, volume, state, created_ms, closed_ms, "
    "time_in_force, identifier, smp_type, fee_rate, remaining_volume, executed_volume, "
    "executed_funds, reserved_fee, remaining_fee, paid_fee, locked, prevented_volume, "
    "prevented_locked, trades_count"
)
_ORDER_FIELDS = tuple(c.strip() for c in _ORDER_COLUMNS.split(","))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _order_values(order: OrderRow) -> tuple[Any, ...]:
    values: list[Any] = []
    for name in _ORDER_FIELDS:
        value = getattr(order, name)
        values.append(_text(value) if isinstance(value, Decimal) else value)
    return tuple(values)


def _order_from(row: sqlite3.Row) -> OrderRow:
    def d(name: str) -> Decimal:
        return Decimal(row[name])

    return OrderRow(
        uuid=row["uuid"],
        pocket=row["pocket"],
        market=row["market"],
        side=row["side"],
        ord_type=row["ord_type"],
        price=_dec(row["price"]),
        volume=_dec(row["volume"]),
        state=row["state"],
        created_ms=row["created_ms"],
        closed_ms=row["closed_ms"],
        time_in_force=row["time_in_force"],
        identifier=row["identifier"],
        smp_type=row["smp_type"],
        fee_rate=d("fee_rate"),
        remaining_volume=_dec(row["remaining_volume"]),
        executed_volume=d("executed_volume"),
        executed_funds=d("executed_funds"),
        reserved_fee=d("reserved_fee"),
        remaining_fee=d("remaining_fee"),
        paid_fee=d("paid_fee"),
        locked=d("locked"),
        prevented_volume=d("prevented_volume"),
        prevented_locked=d("prevented_locked"),
        trades_count=row["trades_count"],
        seq=row["seq"],
    )


def _fill_from(row: sqlite3.Row) -> FillRow:
    return FillRow(
        uuid=row["uuid"],
        order_uuid=row["order_uuid"],
        pocket=row["pocket"],
        market=row["market"],
        side=row["side"],
        price=Decimal(row["price"]),
        volume=Decimal(row["volume"]),
        funds=Decimal(row["funds"]),
        fee=Decimal(row["fee"]),
        is_maker=bool(row["is_maker"]),
        trend=row["trend"],
        created_ms=row["created_ms"],
    )


def _balance_from(row: sqlite3.Row) -> Balance:
    return Balance(
        pocket=row["pocket"],
        currency=row["currency"],
        balance=Decimal(row["balance"]),
        locked=Decimal(row["locked"]),
        avg_buy_price=Decimal(row["avg_buy_price"]),
        avg_buy_price_modified=bool(row["avg_buy_price_modified"]),
        unit_currency=row["unit_currency"],
    )


def _key_from(row: sqlite3.Row) -> ApiKey:
    return ApiKey(
        access_key=row["access_key"],
        secret_key=row["secret_key"],
        permissions=frozenset(json.loads(row["permissions"])),
        allowed_ips=frozenset(json.loads(row["allowed_ips"])),
        expires_at_ms=row["expires_at_ms"],
        pocket=row["pocket"],
    )


class Store:
    """SQLite persistence of the paper exchange. Thread-safe: one writer at a time.

    Open with `Store.open(path)` (":memory:" works for throw-away state). Writes must
    happen inside `with store.transaction():`; nested blocks join the outer transaction.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None

    @classmethod
    def open(cls, path: str | Path) -> Store:
        db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        store = cls(db)
        store._create_schema()
        return store

    def _create_schema(self) -> None:
        # executescript commits implicitly, so it runs outside transaction(); every
        # statement is idempotent (IF NOT EXISTS).
        with self._lock:
            script = _SCHEMA + "".join(
                _RECORD_SCHEMA.format(table=t) for t in sorted(_RECORD_TABLES)
            )
            self._db.executescript(script)
            version = self.meta("schema_version")
            if version is None:
                with self.transaction():
                    self.set_meta("schema_version", SCHEMA_VERSION)
            elif version != SCHEMA_VERSION:
                raise ValueError(
                    f"the sandbox database has schema version {version}, "
                    f"this sandbox reads version {SCHEMA_VERSION}"
                )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (rollback on any exception)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._depth, self._owner = 1, threading.get_ident()
            try:
                yield
            except BaseException:
                self._depth, self._owner = 0, None
                self._db.execute("ROLLBACK")
                raise
            self._depth, self._owner = 0, None
            self._db.execute("COMMIT")

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        if not self._depth or self._owner != threading.get_ident():
            raise RuntimeError("sandbox store writes must run inside store.transaction()")
        return self._db.execute(sql, params)

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # ------------------------------------------------------------------ meta, seed
    def meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._write("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def seed(self, seed: Seed) -> None:
        """Insert the configured pockets and keys; a new pocket also gets its balances.

        Keys already stored are updated to the configuration (so permissions or IPs can be
        changed by restarting with a new config); balances of existing pockets are kept.
        """
        with self.transaction():
            for pocket in seed.pockets:
                exists = self._read("SELECT 1 FROM pockets WHERE uuid = ?", (pocket.uuid,))
                self._write(
                    "INSERT OR REPLACE INTO pockets (uuid, name, type) VALUES (?, ?, ?)",
                    (pocket.uuid, pocket.name, pocket.type),
                )
                if exists:
                    continue
                costs = seed.avg_buy_prices.get(pocket.uuid, {})
                for currency, amount in seed.balances.get(pocket.uuid, {}).items():
                    if amount < 0:
                        raise ValueError(f"starting balance of {currency} must be >= 0")
                    cost = costs.get(currency, Decimal(0)) if amount else Decimal(0)
                    self.put_balance(
                        Balance(pocket.uuid, currency, balance=amount, avg_buy_price=cost)
                    )
            for key in seed.keys:
                unknown = key.permissions - PERMISSIONS
                if unknown:
                    raise ValueError(f"unknown permissions for a key: {sorted(unknown)}")
                self._write(
                    "INSERT OR REPLACE INTO api_keys (access_key, secret_key, pocket, "
                    "permissions, allowed_ips, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        key.access_key,
                        key.secret_key,
                        key.pocket,
                        json.dumps(sorted(key.permissions)),
                        json.dumps(sorted(key.allowed_ips)),
                        key.expires_at_ms,
                    ),
                )

    # ------------------------------------------------------------------ keys, pockets
    def get(self, access_key: str, /) -> ApiKey | None:
        """The key with this access key (makes the store usable as the auth key ring)."""
        rows = self._read("SELECT * FROM api_keys WHERE access_key = ?", (access_key,))
        return _key_from(rows[0]) if rows else None

    def api_keys(self, pocket: str | None = None) -> list[ApiKey]:
        if pocket is None:
            rows = self._read("SELECT * FROM api_keys ORDER BY rowid")
        else:
            rows = self._read("SELECT * FROM api_keys WHERE pocket = ? ORDER BY rowid", (pocket,))
        return [_key_from(r) for r in rows]

    def pockets(self) -> list[Pocket]:
        rows = self._read("SELECT * FROM pockets ORDER BY rowid")
        return [Pocket(r["uuid"], r["name"], r["type"]) for r in rows]

    def pocket(self, uuid: str) -> Pocket | None:
        rows = self._read("SELECT * FROM pockets WHERE uuid = ?", (uuid,))
        return Pocket(rows[0]["uuid"], rows[0]["name"], rows[0]["type"]) if rows else None

    # ------------------------------------------------------------------ balances
    def balances(self, pocket: str) -> list[Balance]:
        rows = self._read("SELECT * FROM balances WHERE pocket = ? ORDER BY rowid", (pocket,))
        return [_balance_from(r) for r in rows]

    def balance(self, pocket: str, currency: str) -> Balance:
        """The balance row, or an all-zero one (not stored until `put_balance`)."""
        rows = self._read(
            "SELECT * FROM balances WHERE pocket = ? AND currency = ?", (pocket, currency)
        )
        return _balance_from(rows[0]) if rows else Balance(pocket, currency)

    def put_balance(self, balance: Balance) -> None:
        if balance.balance < 0 or balance.locked < 0:
            raise ValueError(
                f"balance of {balance.currency} would become negative: "
                f"balance={balance.balance} locked={balance.locked}"
            )
        self._write(
            "INSERT INTO balances (pocket, currency, balance, locked, avg_buy_price, "
            "avg_buy_price_modified, unit_currency) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (pocket, currency) DO UPDATE SET balance = excluded.balance, "
            "locked = excluded.locked, avg_buy_price = excluded.avg_buy_price, "
            "avg_buy_price_modified = excluded.avg_buy_price_modified, "
            "unit_currency = excluded.unit_currency",
            (
                balance.pocket,
                balance.currency,
                decimal_text(balance.balance),
                decimal_text(balance.locked),
                decimal_text(balance.avg_buy_price),
                int(balance.avg_buy_price_modified),
                balance.unit_currency,
            ),
        )

    # ------------------------------------------------------------------ identifiers
    def identifier_used(self, pocket: str, identifier: str) -> bool:
        rows = self._read(
            "SELECT 1 FROM identifiers WHERE pocket = ? AND identifier = ?", (pocket, identifier)
        )
        return bool(rows)

    def use_identifier(
        self, pocket: str, identifier: str, now_ms: int, order_uuid: str | None = None
    ) -> None:
        """Burn an identifier forever (fails with sqlite3.IntegrityError if already burnt)."""
        self._write(
            "INSERT INTO identifiers (pocket, identifier, used_ms, order_uuid) VALUES (?, ?, ?, ?)",
            (pocket, identifier, now_ms, order_uuid),
        )

    # ------------------------------------------------------------------ orders, fills
    def insert_order(self, order: OrderRow) -> None:
        marks = ", ".join("?" for _ in _ORDER_FIELDS)
        cursor = self._write(
            f"INSERT INTO orders ({_ORDER_COLUMNS}) VALUES ({marks})", _order_values(order)
        )
        order.seq = int(cursor.lastrowid or 0)

    def update_order(self, order: OrderRow) -> None:
        sets = ", ".join(f"{name} = ?" for name in _ORDER_FIELDS[1:])
        self._write(
            f"UPDATE orders SET {sets} WHERE uuid = ?", (*_order_values(order)[1:], order.uuid)
        )

    def order(self, pocket: str, uuid: str) -> OrderRow | None:
        rows = self._read("SELECT * FROM orders WHERE pocket = ? AND uuid = ?", (pocket, uuid))
        return _order_from(rows[0]) if rows else None

    def order_by_identifier(self, pocket: str, identifier: str) -> OrderRow | None:
        rows = self._read(
            "SELECT * FROM orders WHERE pocket = ? AND identifier = ?", (pocket, identifier)
        )
        return _order_from(rows[0]) if rows else None

    def add_pending(self, order_uuid: str) -> None:
        self._write("INSERT INTO pending (order_uuid) VALUES (?)", (order_uuid,))

    def has_pending(self) -> bool:
        return bool(self._read("SELECT 1 FROM pending LIMIT 1"))

    def take_pending(self) -> list[OrderRow]:
        """Accepted orders not yet matched, oldest first; they leave the pending list."""
        rows = self._read(
            "SELECT orders.* FROM orders JOIN pending ON orders.uuid = pending.order_uuid "
            "ORDER BY orders.seq"
        )
        if rows:
            self._write("DELETE FROM pending")
        return [_order_from(r) for r in rows]

    # ------------------------------------------------------------------ nonces
    def record_nonce(
        self, access_key: str, nonce: str, used_ms: int, forget_before_ms: int
    ) -> None:
        """Remember a spent nonce; nonces used before `forget_before_ms` are dropped."""
        with self.transaction():
            self._write("DELETE FROM nonces WHERE used_ms < ?", (forget_before_ms,))
            self._write(
                "INSERT OR REPLACE INTO nonces (access_key, nonce, used_ms) VALUES (?, ?, ?)",
                (access_key, nonce, used_ms),
            )

    def load_nonces(self, since_ms: int, most: int) -> list[tuple[str, str, int]]:
        """The newest `most` nonces used since `since_ms`, oldest first; the rest are dropped."""
        with self.transaction():
            self._write(
                "DELETE FROM nonces WHERE used_ms < ? OR rowid NOT IN "
                "(SELECT rowid FROM nonces ORDER BY used_ms DESC, rowid DESC LIMIT ?)",
                (since_ms, most),
            )
        rows = self._read("SELECT * FROM nonces ORDER BY used_ms, rowid")
        return [(r["access_key"], r["nonce"], r["used_ms"]) for r in rows]

    def open_orders(self, market: str | None = None) -> list[OrderRow]:
        """Resting orders of every pocket, oldest first (the matcher's queue)."""
        if market is None:
            rows = self._read("SELECT * FROM orders WHERE state IN ('wait', 'watch') ORDER BY seq")
        else:
            rows = self._read(
                "SELECT * FROM orders WHERE state IN ('wait', 'watch') AND market = ? ORDER BY seq",
                (market,),
            )
        return [_order_from(r) for r in rows]

    def find_orders(
        self,
        pocket: str,
        *,
        market: str | None = None,
        states: Iterable[str] | None = None,
        uuids: Sequence[str] | None = None,
        identifiers: Sequence[str] | None = None,
        created_from_ms: int | None = None,
        created_to_ms: int | None = None,
        side: str | None = None,
        markets: Iterable[str] | None = None,
        exclude_markets: Iterable[str] | None = None,
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[OrderRow]:
        """Orders of a pocket matching every given filter, by creation (then insertion) order."""
        where = ["pocket = ?"]
        params: list[Any] = [pocket]

        def among(column: str, values: Iterable[str], negate: bool = False) -> None:
            listed = list(values)
            if not listed:
                where.append("1 = 1" if negate else "0 = 1")
                return
            marks = ", ".join("?" for _ in listed)
            where.append(f"{column} {'NOT IN' if negate else 'IN'} ({marks})")
            params.extend(listed)

        if market is not None:
            where.append("market = ?")
            params.append(market)
        if side is not None:
            where.append("side = ?")
            params.append(side)
        if states is not None:
            among("state", states)
        if uuids is not None:
            among("uuid", uuids)
        if identifiers is not None:
            among("identifier", identifiers)
        if markets is not None:
            among("market", markets)
        if exclude_markets is not None:
            among("market", exclude_markets, negate=True)
        if created_from_ms is not None:
            where.append("created_ms >= ?")
            params.append(created_from_ms)
        if created_to_ms is not None:
            where.append("created_ms <= ?")
            params.append(created_to_ms)
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT * FROM orders WHERE {' AND '.join(where)} "
            f"ORDER BY created_ms {direction}, seq {direction}"
        )
        if limit is not None:
            if offset > _SQLITE_MAX_INTEGER:
                return []  # a page past any row SQLite can hold (it cannot bind the offset)
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        return [_order_from(r) for r in self._read(sql, params)]

    def insert_fill(self, fill: FillRow) -> None:
        self._write(
            "INSERT INTO fills (uuid, order_uuid, pocket, market, side, price, volume, funds, "
            "fee, is_maker, trend, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                fill.uuid,
                fill.order_uuid,
                fill.pocket,
                fill.market,
                fill.side,
                decimal_text(fill.price),
                decimal_text(fill.volume),
                decimal_text(fill.funds),
                decimal_text(fill.fee),
                int(fill.is_maker),
                fill.trend,
                fill.created_ms,
            ),
        )

    def fills(self, order_uuid: str) -> list[FillRow]:
        rows = self._read("SELECT * FROM fills WHERE order_uuid = ? ORDER BY seq", (order_uuid,))
        return [_fill_from(r) for r in rows]

    # ------------------------------------------------------------------ records
    def put_record(
        self,
        kind: RecordKind,
        *,
        uuid: str,
        pocket: str,
        currency: str,
        state: str,
        created_ms: int,
        body: Mapping[str, Any],
        counterparty: str | None = None,
        txid: str | None = None,
        identifier: str | None = None,
    ) -> None:
        """Insert or replace a withdrawal, deposit or transfer; `body` is its wire object."""
        table = _record_table(kind)
        self._write(
            f"INSERT INTO {table} (uuid, pocket, counterparty, currency, state, txid, "
            "identifier, created_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (uuid) DO UPDATE SET state = excluded.state, txid = excluded.txid, "
            "body = excluded.body",
            (
                uuid,
                pocket,
                counterparty,
                currency,
                state,
                txid,
                identifier,
                created_ms,
                json.dumps(dict(body), ensure_ascii=False),
            ),
        )

    def records(
        self, kind: RecordKind, pocket: str, *, include_counterparty: bool = False
    ) -> list[dict[str, Any]]:
        """Wire objects of a pocket's records, oldest first (also as counterparty if asked)."""
        table = _record_table(kind)
        if include_counterparty:
            rows = self._read(
                f"SELECT body FROM {table} WHERE pocket = ? OR counterparty = ? ORDER BY seq",
                (pocket, pocket),
            )
        else:
            rows = self._read(f"SELECT body FROM {table} WHERE pocket = ? ORDER BY seq", (pocket,))
        return [json.loads(r["body"]) for r in rows]

    def timed_records(
        self, kind: RecordKind, pocket: str | None, *, include_counterparty: bool = False
    ) -> list[tuple[int, dict[str, Any]]]:
        """(created ms, wire object) of a pocket's records (None: every pocket's), oldest first."""
        table = _record_table(kind)
        if pocket is None:
            rows = self._read(f"SELECT created_ms, body FROM {table} ORDER BY seq")
        elif include_counterparty:
            rows = self._read(
                f"SELECT created_ms, body FROM {table} WHERE pocket = ? OR counterparty = ? "
                "ORDER BY seq",
                (pocket, pocket),
            )
        else:
            rows = self._read(
                f"SELECT created_ms, body FROM {table} WHERE pocket = ? ORDER BY seq", (pocket,)
            )
        return [(r["created_ms"], json.loads(r["body"])) for r in rows]


def _record_table(kind: str) -> str:
    if kind not in _RECORD_TABLES:
        raise ValueError(f"kind must be one of {sorted(_RECORD_TABLES)}, got {kind!r}")
    return kind
