"""A user's script outside the repository gets real types from the development install.

Type checkers and editors cannot follow an editable install done by an import hook (setuptools'
way for two package roots): they saw `Any` for every call. The venv that `make` builds must put
both roots on sys.path with a plain .pth file (pyproject.toml); this runs that venv's mypy on a
script in a temporary directory, as a user would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """\
from upbit_ext import AsyncUpbit, Upbit

with Upbit() as upbit:
    reveal_type(upbit.list_tickers(markets="KRW-BTC"))
    reveal_type(upbit.get_order(uuid="9ca023a5-851b-4fec-9f0a-48cd83c2eaae"))


async def main() -> None:
    async with AsyncUpbit() as aupbit:
        reveal_type(await aupbit.list_tickers(markets="KRW-BTC"))
"""


def test_user_script_outside_the_repository_sees_real_types(tmp_path: Path) -> None:
    assert not tmp_path.resolve().is_relative_to(ROOT)
    (tmp_path / "bot.py").write_text(SCRIPT)
    # Nothing from this checkout or the test run may point mypy at the sources: only the venv.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MYPYPATH", "PYTHONPATH") and not k.startswith("COVERAGE_")
    }
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", ".mypy_cache", "bot.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    assert re.findall(r'Revealed type is "([^"]*)"', output) == [
        "list[upbit_client.models.ticker.Ticker]",
        "upbit_client.models.order_detail.OrderDetail",
        "list[upbit_client.models.ticker.Ticker]",
    ], output
    assert done.returncode == 0, output
