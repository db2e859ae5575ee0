"""What every `upbit` command shares: settings, the client, output formats, exit codes."""

from __future__ import annotations

import configparser
import csv
import dataclasses
import io
import json
import logging
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from upbit_ext._client import Upbit
from upbit_ext._errors import (
    CircuitOpenError,
    Forbidden,
    IpBanned,
    NotFound,
    RateLimited,
    TransportError,
    Unauthorized,
)
from upbit_ext._limits import LimiterUnavailable
from upbit_ext._log import logger

__all__ = [
    "EXIT_CODES",
    "CliError",
    "Format",
    "Settings",
    "exit_code_for",
    "fail",
    "output",
    "settings",
]


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"


# Documented in README (CLI section); tests/cli check each class.
EXIT_CODES: dict[str, int] = {
    "ok": 0,
    "error": 1,  # anything else, including a missing optional extra
    "usage": 2,  # bad options or arguments, refused before anything is sent
    "auth": 3,  # no keys, bad keys, key not allowed (401, 403)
    "rate_limit": 4,  # 429, or the 418 block
    "not_found": 5,  # unknown market, order, currency (404)
    "network": 6,  # timeout, connection failure, open circuit breaker, rate-limit store down
    "interrupted": 130,
}


class CliError(Exception):
    """A failure the command explains in one line, with the exit code of its class."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.code = EXIT_CODES[kind]


def fail(message: str, kind: str = "error") -> NoReturn:
    raise CliError(message, kind)


def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, CliError):
        return exc.code
    if isinstance(exc, RateLimited | IpBanned):
        return EXIT_CODES["rate_limit"]
    if isinstance(exc, Unauthorized | Forbidden):
        return EXIT_CODES["auth"]
    if isinstance(exc, NotFound):
        return EXIT_CODES["not_found"]
    if isinstance(exc, TransportError | CircuitOpenError | LimiterUnavailable):
        return EXIT_CODES["network"]
    if isinstance(exc, ValueError | TypeError) and "needs API keys" in str(exc):
        return EXIT_CODES["auth"]
    if isinstance(exc, ValueError | TypeError):
        return EXIT_CODES["usage"]  # the facade refused an argument before sending
    return EXIT_CODES["error"]


# --- settings and profiles ------------------------------------------------------------------


def config_path() -> Path:
    """`$UPBIT_CONFIG`, else `$XDG_CONFIG_HOME/upbit/profiles.ini` (~/.config by default)."""
    if os.environ.get("UPBIT_CONFIG"):
        return Path(os.environ["UPBIT_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "upbit" / "profiles.ini"


def read_profiles(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    if not path.exists():
        return parser
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        fail(
            f"{path} holds API keys but is readable by others (mode {mode:o}):"
            f" run `chmod 600 {path}`",
            "auth",
        )
    parser.read(path, encoding="utf-8")
    return parser


def write_profile(path: Path, name: str, values: Mapping[str, str]) -> None:
    """Add or replace one profile; the file is created (and kept) with mode 0600."""
    parser = read_profiles(path)
    parser[name] = dict(values)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        parser.write(out)


KEYRING_SERVICE = "upbit"  # secret keys in the OS keyring, one entry per access key


def os_keyring() -> ModuleType | None:
    """The `keyring` module when installed (the `keyring` extra) and backed by a real store."""
    try:
        import keyring
    except ModuleNotFoundError:
        return None
    try:
        usable = keyring.get_keyring().priority > 0  # the fail backend has 0, null -1
    except Exception:  # a broken backend is the same as none: the file is used
        return None
    return keyring if usable else None


def profile_secret(name: str, values: Mapping[str, str]) -> str | None:
    """The profile's secret key: from the file, or from the OS keyring when it was put there."""
    if values.get("secret_store") != "keyring":
        return values.get("secret_key")
    access = values.get("access_key", "")
    store = os_keyring()
    if store is None:
        fail(
            f"profile {name!r} keeps its secret key in the OS keyring, which is not available"
            " here (install the 'keyring' extra, or run `upbit configure --no-keyring`)",
            "auth",
        )
    secret = store.get_password(KEYRING_SERVICE, access)
    if not secret:
        fail(
            f"profile {name!r}: no secret key for access key {mask(access)} in the OS keyring:"
            " run `upbit configure` again",
            "auth",
        )
    return str(secret)


def mask(secret: str | None) -> str:
    return "(none)" if not secret else f"…{secret[-4:]}" if len(secret) > 8 else "…"


@dataclasses.dataclass
class Settings:
    """The global options, resolved: flags, then environment, then the profile."""

    base_url: str | None = None
    region: str | None = None
    rate_limit_url: str | None = None
    profile: str | None = None
    format: Format | None = None
    debug: bool = False
    command: str = "upbit"  # the subcommand being run, for the one-line error
    _client: Upbit | None = None

    def profile_name(self) -> str:
        return self.profile or os.environ.get("UPBIT_PROFILE") or "default"

    def profile_values(self) -> dict[str, str]:
        name = self.profile_name()
        parser = read_profiles(config_path())
        if name not in parser:
            if self.profile is not None or os.environ.get("UPBIT_PROFILE"):
                fail(f"--profile: no profile {name!r} in {config_path()}", "usage")
            return {}
        return dict(parser[name])

    def client(self) -> Upbit:
        """The one `Upbit` facade of this run (every command calls through it)."""
        if self._client is not None:
            return self._client
        values = self.profile_values()
        kwargs: dict[str, Any] = {}
        base_url = self.base_url or values.get("base_url")
        region = self.region or values.get("region")
        if base_url:
            kwargs["base_url"] = base_url
        if region:
            kwargs["region"] = region
        if self.rate_limit_url is not None:
            kwargs["rate_limit_url"] = self.rate_limit_url
        env_keys = os.environ.get("UPBIT_ACCESS_KEY") or os.environ.get("UPBIT_SECRET_KEY")
        try:
            secret = None if env_keys else profile_secret(self.profile_name(), values)
            if values.get("access_key") and secret:
                self._client = Upbit(values["access_key"], secret, **kwargs)
            else:  # environment keys win over the profile's
                self._client = Upbit.from_env(**kwargs)
        except ValueError as exc:
            message = str(exc)
            if message.startswith("rate_limit_url"):  # named as the user typed it
                message = "--rate-limit-url" + message.removeprefix("rate_limit_url")
            fail(message, "usage")
        if self.debug:
            core = self._client._core
            logger.debug(
                "client base_url=%s region=%s access_key=%s secret_key=%s",
                core.base_url, core.region, mask(core.access_key),
                "(set)" if core.auth is not None else "(none)",
            )  # fmt: skip
        return self._client

    def require_keys(self) -> Upbit:
        client = self.client()
        if client._core.auth is None:
            fail(
                "this command needs API keys: set UPBIT_ACCESS_KEY and UPBIT_SECRET_KEY, or run"
                " `upbit configure` and use --profile",
                "auth",
            )
        return client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def enable_debug() -> None:
    """Log the client's attempts, retries and waits to stderr (the logger never writes keys)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[debug %(name)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


# --- output ---------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """Models, Decimals and datetimes as JSON-ready data."""
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _rows(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [r if isinstance(r, dict) else {"value": r} for r in data]
    if isinstance(data, dict):
        return [data]
    return [{"value": data}]


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def resolve_format(ctx: typer.Context, fmt: Format | None) -> Format:
    chosen = fmt or settings(ctx).format
    if chosen is not None:
        return chosen
    return Format.table if sys.stdout.isatty() else Format.json


def output(
    ctx: typer.Context,
    data: Any,
    fmt: Format | None = None,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print `data` (a list of records or one record) as the chosen format asks.

    `columns` picks and orders the table's columns; json/jsonl/yaml/csv carry every field.
    """
    data = plain(data)
    chosen = resolve_format(ctx, fmt)
    if chosen is Format.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif chosen is Format.jsonl:
        for row in data if isinstance(data, list) else [data]:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif chosen is Format.yaml:
        import yaml

        sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    elif chosen is Format.csv:
        rows = _rows(data)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        names = _columns(rows, None)
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(n)) for n in names])
        sys.stdout.write(buffer.getvalue())
    else:
        rows = _rows(data)
        names = _columns(rows, columns)
        table = Table(title=title, show_lines=False)
        for name in names:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(n)) for n in names))
        Console().print(table)


def stderr() -> Console:
    return Console(stderr=True)
