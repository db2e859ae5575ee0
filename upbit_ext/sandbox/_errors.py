"""The one error type of the sandbox: becomes an Upbit-shaped error response."""

from __future__ import annotations

__all__ = ["SandboxError"]


class SandboxError(Exception):
    """An error Upbit would answer with: status, `error.name`, `error.message`.

    Quotation errors carry the integer status as their name (`name=400`), exchange errors a
    snake_case string, exactly as the real API does.
    """

    def __init__(self, status: int, name: str | int, message: str) -> None:
        super().__init__(f"{status} {name}: {message}")
        self.status = status
        self.name = name
        self.message = message

    def body(self) -> dict[str, dict[str, str | int]]:
        return {"error": {"name": self.name, "message": self.message}}
