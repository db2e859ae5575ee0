from collections.abc import Iterator

import pytest
from _postgres import Server, running_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """One real PostgreSQL server for the session (fails, never skips, when it is missing)."""
    with running_postgres() as server:
        yield server
