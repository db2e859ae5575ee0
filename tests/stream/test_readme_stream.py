"""The README's streaming example runs as written, against the sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from upbit_ext.sandbox import SandboxConfig, serve

README = Path(__file__).resolve().parents[2] / "README.md"


def test_streaming_example_runs_against_the_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    match = re.search(r"## Streaming\n.*?```python\n(.*?)```", README.read_text("utf-8"), re.S)
    assert match, "README lost its streaming example"
    with serve(SandboxConfig(history_days=0.02)) as server:
        code = match[1].replace("AsyncUpbit()", f"AsyncUpbit(base_url={server.url!r})")
        code = code.replace(
            "AsyncStream(backfill=rest)",
            f"AsyncStream(url={server.websocket_url!r}, backfill=rest)",
        )
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "WsOrderbook KRW-BTC" in out
    assert "WsTrade KRW-" in out
    assert "StreamStats(" in out
