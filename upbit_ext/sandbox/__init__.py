"""A local Upbit-compatible exchange: the spec's REST operations with strict auth, rate limits,
a deterministic market simulator and a paper matching engine, persisted in SQLite.

Upbit has no testnet; this is what the demo, the contract tests and the benchmarks run
against. Start it with `python -m upbit_ext.sandbox` (or `serve()` in a thread, or mount
`create_app()` as an ASGI app). It only listens on loopback.
"""

from .._extras import require_extra

require_extra("sandbox")

from ._app import Faults, create_app  # noqa: E402
from ._serve import RunningSandbox, serve  # noqa: E402
from ._state import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig  # noqa: E402
from ._verify import ApiKey  # noqa: E402

__all__ = [
    "DEMO_ACCESS_KEY",
    "DEMO_SECRET_KEY",
    "ApiKey",
    "Faults",
    "RunningSandbox",
    "SandboxConfig",
    "create_app",
    "serve",
]
