"""The `upbit` command as a person runs it: a real process, real output, clean exit."""

from __future__ import annotations

import importlib.util
import shlex
import signal
import subprocess
import sys
from importlib import metadata
from importlib.machinery import ModuleSpec
from pathlib import Path

import httpx
import pytest

from upbit_ext._extras import install_command

ROOT = Path(__file__).resolve().parents[1]


def _upbit(*args: str) -> list[str]:
    return [sys.executable, "-m", "upbit_ext.cli", *args]


def test_sandbox_command_serves_until_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    proc = subprocess.Popen(
        _upbit("sandbox", "--port", "0", "--db", str(db)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("Upbit sandbox listening on http://127.0.0.1:"), first
        url = first.split()[-1]
        tickers = httpx.get(f"{url}/v1/ticker", params={"markets": "KRW-BTC"}, timeout=10).json()
        assert tickers[0]["market"] == "KRW-BTC"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()  # never leave a server behind, even when the test fails
            proc.communicate()
            raise
    assert proc.returncode == 0, err
    assert db.exists()  # state is kept for the next start


def test_bad_arguments_are_refused_clearly() -> None:
    done = subprocess.run(_upbit("sandbox", "--error-rate", "2"), capture_output=True, text=True)
    assert done.returncode == 2
    assert "error_rate must be a probability from 0 to 1" in done.stderr
    assert "Traceback" not in done.stderr
    unknown = subprocess.run(_upbit("frobnicate"), capture_output=True, text=True)
    assert unknown.returncode == 2
    assert "No such command 'frobnicate'" in unknown.stderr
    assert "Traceback" not in unknown.stderr


# Runs `upbit` as `python -m upbit_ext.cli` would, with one module of the extra uninstallable.
_WITHOUT = """\
import runpy, sys
from importlib.abc import MetaPathFinder

class Uninstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == {module!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)

sys.meta_path.insert(0, Uninstalled())
sys.argv = ["upbit", "sandbox", "--port", "0"]
runpy.run_module("upbit_ext.cli", run_name="__main__")
"""


@pytest.mark.parametrize("module", ["starlette", "uvicorn", "websockets"])
def test_sandbox_without_its_extra_prints_the_install_command(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT.format(module=module)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    line, *more = done.stderr.splitlines()
    assert more == [], done.stderr
    assert line.startswith(
        "upbit sandbox: the 'sandbox' extra (starlette, uvicorn, websockets) is not installed:"
        f" {module} is missing. Install it with: "
    ), line
    # The tests run from `make`'s editable install of this checkout: the command reinstalls it.
    command = shlex.split(line.split("Install it with: ", 1)[1])
    assert command in (
        [sys.executable, "-m", "pip", "install", "-e", f"{ROOT}[sandbox]"],
        ["uv", "pip", "install", "--python", sys.executable, "-e", f"{ROOT}[sandbox]"],  # no pip
    )


@pytest.mark.parametrize("has_pip", [True, False])
def test_install_command_without_a_source_directory_names_the_package(
    monkeypatch: pytest.MonkeyPatch, has_pip: bool
) -> None:
    def not_installed(name: str) -> metadata.Distribution:
        raise metadata.PackageNotFoundError(name)

    real_find_spec = importlib.util.find_spec

    def find_spec(name: str) -> object:
        if name == "pip":  # whether pip is installed here: as the case says
            return ModuleSpec("pip", None) if has_pip else None
        return real_find_spec(name)

    monkeypatch.setattr(metadata, "distribution", not_installed)
    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    expected = (
        [sys.executable, "-m", "pip", "install", "upbit[sandbox]"]
        if has_pip
        else ["uv", "pip", "install", "--python", sys.executable, "upbit[sandbox]"]
    )
    assert shlex.split(install_command("sandbox")) == expected
