"""A keyring backend for tests: a JSON file at $UPBIT_TEST_KEYRING (no OS keyring here).

CLI subprocesses load it with PYTHON_KEYRING_BACKEND=_keyring_file.FileKeyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _load(self) -> dict[str, str]:
        path = Path(os.environ["UPBIT_TEST_KEYRING"])
        return json.loads(path.read_text("utf-8")) if path.exists() else {}

    def _save(self, data: dict[str, str]) -> None:
        Path(os.environ["UPBIT_TEST_KEYRING"]).write_text(json.dumps(data), "utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._save({**self._load(), f"{service}/{username}": password})

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)
