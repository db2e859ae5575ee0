import sys
from pathlib import Path

import pytest

from upbit_ext import _retry

# Tests import their helpers (tests/_spec.py) and the recorders in scripts/ (which define
# the one call per operation that the cassettes hold) as top-level modules.
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))


@pytest.fixture(autouse=True)
def _fresh_breakers() -> None:
    """Breakers are per host:port for the whole process, and the OS reuses ports: a server of
    an earlier test that failed on purpose must not leave the next one's circuit open."""
    with _retry._breakers_lock:
        _retry._breakers.clear()
