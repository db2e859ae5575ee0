"""Safe, typed access to the Upbit exchange API on top of the generated client."""

__all__: list[str] = []
