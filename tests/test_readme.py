"""The README's usage example runs as written (against the loopback look-alike)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from _serve import serving
from fake_upbit import ACCESS_KEY, SECRET_KEY, FakeUpbit

README = Path(__file__).resolve().parent.parent / "README.md"
pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")


@pytest.fixture
def server() -> Iterator[FakeUpbit]:
    with serving(FakeUpbit()) as fake:
        yield fake


def test_usage_example_places_one_order_on_the_tick_grid(
    server: FakeUpbit, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("UPBIT_ACCESS_KEY", ACCESS_KEY)
    monkeypatch.setenv("UPBIT_SECRET_KEY", SECRET_KEY)
    match = re.search(r"## Usage\n\n```python\n(.*?)```", README.read_text("utf-8"), re.S)
    assert match, "README lost its usage example"
    code = match[1].replace("Upbit.from_env()", f"Upbit.from_env(base_url={server.url!r})")
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    (order,) = server.state.orders.values()
    assert order["price"] == "93143000"  # 90 % of 103,493,000 rounded down to the 1,000 tick
    assert "KRW-ETH" in capsys.readouterr().out
