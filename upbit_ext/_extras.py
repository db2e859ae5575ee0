"""Optional extras (pyproject.toml): when one is missing, say the command that installs it."""

from __future__ import annotations

import importlib
import importlib.util
import json
import shlex
import sys
from importlib import metadata
from typing import Final
from urllib.parse import unquote, urlparse

# `explain_missing` names the first extra holding a module: `stream` is the smaller for websockets.
EXTRAS: Final[dict[str, tuple[str, ...]]] = {
    "stream": ("websockets",),
    # uvicorn serves the sandbox's WebSocket routes only when websockets is installed.
    "sandbox": ("starlette", "uvicorn", "websockets"),
    "parquet": ("pyarrow",),
    "chart": ("matplotlib",),
    "redis": ("redis",),
    "postgres": ("psycopg",),
}


class MissingExtra(ModuleNotFoundError):
    """A module of an optional extra is not installed; the message says how to install it."""


def require_extra(extra: str) -> None:
    """Import every module of `extra`, or raise `MissingExtra` with the install command."""
    modules = EXTRAS[extra]
    for module in modules:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is None or exc.name.partition(".")[0] != module:
                raise  # something missing inside an installed module is not ours to explain
            raise MissingExtra(
                f"the {extra!r} extra ({', '.join(modules)}) is not installed: {module} is"
                f" missing. Install it with: {install_command(extra)}",
                name=module,
            ) from exc


def explain_missing(exc: ModuleNotFoundError) -> ModuleNotFoundError:
    """`exc` as a `MissingExtra` naming the extra to install, when one of ours provides it."""
    if isinstance(exc, MissingExtra):
        return exc
    top = (exc.name or "").partition(".")[0]
    for extra, modules in EXTRAS.items():
        if top in modules:
            return MissingExtra(
                f"the {extra!r} extra ({', '.join(modules)}) is not installed: {top} is"
                f" missing. Install it with: {install_command(extra)}",
                name=top,
            )
    return exc


def install_command(extra: str) -> str:
    """The pip (or uv) command that adds `extra` to this interpreter's environment.

    `upbit` is not on PyPI: a copy installed from a source directory is installed again from
    that directory (editable if it was), as its `direct_url.json` records.
    """
    target, editable = "upbit", False
    try:
        direct = json.loads(metadata.distribution("upbit").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        direct = {}
    url = urlparse(str(direct.get("url", "")))
    if url.scheme == "file" and isinstance(direct.get("dir_info"), dict):
        target = unquote(url.path)
        editable = direct["dir_info"].get("editable") is True
    if importlib.util.find_spec("pip") is not None:
        words = [sys.executable, "-m", "pip", "install"]
    else:  # a venv made by uv has no pip
        words = ["uv", "pip", "install", "--python", sys.executable]
    return shlex.join([*words, *(["-e"] if editable else []), f"{target}[{extra}]"])
