"""Every code block of the docs site runs, against one sandbox, so examples cannot rot.

Rules for `docs/**/*.md` (enforced here):

- A fenced block is `python` or `bash` (run) or `text` (the exact output of the block before
  it, when that block is marked `output`). Any other language fails the test.
- Blocks of one page run in order in one working directory (a fresh temporary one per page),
  so a later block can read what an earlier one wrote. Python runs in this process, bash as
  `bash -eo pipefail` with the project's `.venv/bin` first on PATH (the `upbit` entry point).
- `http://127.0.0.1:8765` and `ws://127.0.0.1:8765` are the docs' sandbox address: replaced
  by the shared test sandbox's.
- `<!-- docs-test: real-api -->` before a block: written for api.upbit.com and real keys; run
  against the sandbox by substitution, not skipped: `https://api.upbit.com` becomes the
  sandbox URL (for Python also the `kr` region's default host), `UPBIT_BASE_URL` and the key
  variables are set to the sandbox and its demo key.
- `<!-- docs-test: output -->`: the next `text` block must equal what the block printed.
- `<!-- docs-test: background -->`: a server command: started with port 8765 replaced by a
  free port, must answer HTTP there, then is stopped.
- `<!-- docs-test: install -->`: `pip install 'upbit[extras]'` lines; each extra must exist in
  the package metadata and everything it requires be installed here (no network in tests).
- `<!-- docs-test: peers -->`: Python for another client (Upbit's official SDK, ccxt), run by
  the interpreter of `.venv-bench`, built by the benchmarks' harness from the pinned
  `requirements/bench.txt` on first use (the only network a test uses: the package index).
- A bash block whose exact text already passed on another page (the Korean pages repeat the
  English CLI examples) is not run twice; everything else runs once per page.
- `<!-- docs-test: make -->`: `make TARGET` lines; `make -n TARGET` must succeed (the target
  exists and its prerequisites resolve), nothing long-running is started.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
DOCS_URL = "http://127.0.0.1:8765"
DOCS_WS = "ws://127.0.0.1:8765"
REAL_URL = "https://api.upbit.com"

pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")

_FENCE = re.compile(
    r"(?P<marks>(?:<!-- docs-test: [a-z-]+ -->\n)*)^```(?P<lang>[\w-]*)[^\n]*\n(?P<code>.*?)^```$",
    re.S | re.M,
)
RUN_LANGS = {"python", "bash"}
MARKS = {"real-api", "output", "background", "install", "make", "peers"}


@dataclass
class Block:
    page: str
    line: int
    lang: str
    code: str
    marks: set[str]
    output: str | None = None

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def parse(path: Path) -> list[Block]:
    text = path.read_text("utf-8")
    page = str(path.relative_to(DOCS))
    blocks: list[Block] = []
    for match in _FENCE.finditer(text):
        marks = set(re.findall(r"docs-test: ([a-z-]+)", match["marks"]))
        line = text.count("\n", 0, match.start("lang")) + 1
        unknown = marks - MARKS
        assert not unknown, f"{page}:{line}: unknown docs-test mark {unknown}"
        lang = match["lang"]
        if lang == "text":
            before = blocks[-1] if blocks else None
            orphan = f"{page}:{line}: a text block must be the output of a block marked output"
            assert before is not None, orphan
            assert "output" in before.marks, orphan
            assert before.output is None, orphan
            before.output = match["code"]
            continue
        assert lang in RUN_LANGS, f"{page}:{line}: block language {lang!r} is not run by tests"
        blocks.append(Block(page, line, lang, match["code"], marks))
    for block in blocks:
        assert "output" not in block.marks or block.output is not None, (
            f"{block}: marked output but no text block follows"
        )
    return blocks


PAGES = sorted(DOCS.rglob("*.md"))
_PASSED_BASH: set[str] = set()


def test_every_page_is_collected_and_blocks_exist() -> None:
    assert len(PAGES) >= 15
    total = sum(len(parse(p)) for p in PAGES)
    assert total >= 50, total


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from upbit_ext.sandbox import SandboxConfig, serve

    db = tmp_path_factory.mktemp("docs-sandbox") / "sandbox.db"
    with serve(SandboxConfig(db_path=db, history_days=0.2)) as running:
        yield running.url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _substitute(code: str, url: str, real: bool) -> str:
    ws = url.replace("http://", "ws://", 1)
    code = code.replace(DOCS_URL, url).replace(DOCS_WS, ws)
    if real:
        code = code.replace(REAL_URL, url).replace("wss://api.upbit.com", ws)
    return code


def _env(home: Path, url: str, real: bool) -> dict[str, str]:
    from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY

    env = {k: v for k, v in os.environ.items() if not k.startswith("UPBIT_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["HOME"] = str(home)
    env["UPBIT_CONFIG"] = str(home / "profiles.ini")
    env["COLUMNS"] = "160"
    if real:
        env.update(
            UPBIT_BASE_URL=url, UPBIT_ACCESS_KEY=DEMO_ACCESS_KEY, UPBIT_SECRET_KEY=DEMO_SECRET_KEY
        )
    return env


def _run_install(block: Block) -> None:
    provided = set(importlib.metadata.metadata("upbit").get_all("Provides-Extra") or [])
    requires = importlib.metadata.requires("upbit") or []
    lines = [ln for ln in block.code.splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines
    for line in lines:
        match = re.fullmatch(r"pip install '(?:upbit|\.)\[([a-z,]+)\]'", line.strip())
        assert match, f"{block}: not a pip install of upbit extras: {line!r}"
        for extra in match[1].split(","):
            assert extra in provided, f"{block}: no extra {extra!r} (have {sorted(provided)})"
            for req in requires:
                if f'extra == "{extra}"' in req:
                    name = re.split(r"[\[<>=!; ]", req, maxsplit=1)[0]
                    if name == "upbit":
                        continue
                    importlib.metadata.version(name)  # raises when not installed


def _run_make(block: Block) -> None:
    for line in block.code.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"make ([a-z-]+)", line)
        assert match, f"{block}: not a make command: {line!r}"
        done = subprocess.run(
            ["make", "-n", match[1]], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, f"{block}: make -n {match[1]} failed: {done.stderr}"


def _run_background(block: Block, cwd: Path, env: dict[str, str]) -> None:
    port = _free_port()
    code = block.code.replace("8765", str(port))
    proc = subprocess.Popen(
        ["bash", "-c", f"exec {code.strip()}"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, f"{block}: exited {proc.returncode}"
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/market/all", timeout=2)
                assert answer.status_code == 200, f"{block}: {answer.status_code}"
                assert answer.json()[0]["market"]
                return
            except httpx.TransportError:
                assert time.monotonic() < deadline, f"{block}: nothing served on {port}"
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _peer_python() -> Path:
    """`.venv-bench`, the benchmarks' peers venv (built by their harness from the pins)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _harness

    return Path(_harness.bench_python())


def _run_peer(block: Block, code: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(_peer_python()), "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"{block} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _run_python(block: Block, code: str, real: bool, url: str) -> str:
    import upbit_ext._client as client_module

    regions = dict(client_module.REGIONS)
    if real:
        client_module.REGIONS["kr"] = url
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(block), "exec"), {"__name__": "__docs__"})
    finally:
        client_module.REGIONS.update(regions)
    return out.getvalue()


def _run_bash(block: Block, code: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, (
        f"{block} exited {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    )
    return done.stdout


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_code_blocks_run(
    page: Path,
    sandbox: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocks = parse(page)
    if not blocks:
        return
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("UPBIT_CONFIG", str(home / "profiles.ini"))
    for name in [k for k in os.environ if k.startswith("UPBIT_")]:
        if name not in {"UPBIT_CONFIG"}:
            monkeypatch.delenv(name)
    from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY

    for block in blocks:
        started = time.monotonic()
        real = "real-api" in block.marks
        env = _env(home, sandbox, real)
        code = _substitute(block.code, sandbox, real)
        if "install" in block.marks:
            _run_install(block)
            continue
        if "make" in block.marks:
            _run_make(block)
            continue
        if "background" in block.marks:
            _run_background(block, work, env)
            continue
        with monkeypatch.context() as m:
            if real:
                m.setenv("UPBIT_ACCESS_KEY", DEMO_ACCESS_KEY)
                m.setenv("UPBIT_SECRET_KEY", DEMO_SECRET_KEY)
                m.setenv("UPBIT_BASE_URL", sandbox)
            if block.lang == "bash" and not real and block.code in _PASSED_BASH:
                continue
            if "peers" in block.marks:
                printed = _run_peer(block, code, work, env)
            elif block.lang == "python":
                printed = _run_python(block, code, real, sandbox)
            else:
                printed = _run_bash(block, code, work, env)
                _PASSED_BASH.add(block.code)
        if block.output is not None:
            assert printed == block.output, f"{block}: printed {printed!r}"
        if os.environ.get("DOCS_TEST_TIMING"):
            print(f"{block}: {time.monotonic() - started:.2f}s", file=sys.stderr)
