"""The one error type for bad input, so every message names what is wrong and where."""

from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be accepted: says which field, and the file and line when known."""

    def __init__(
        self, field: str, message: str, *, line: int | None = None, file: str | None = None
    ) -> None:
        self.field = field
        self.message = message
        self.line = line
        self.file = file
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        elif self.line:
            where = f"line {self.line}: "
        return f"{where}{self.field}: {self.message}"


class RateLimitedError(InputError):
    """Input refused only because its sender went past a rate limit: try again later.

    Kept a kind of ``InputError`` so forms show it like any other refusal; the API answers it
    with 429 and ``Retry-After`` instead of 422.
    """

    def __init__(self, field: str, message: str, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(field, message)
