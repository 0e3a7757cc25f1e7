"""The one validation error that everything in `common` raises."""

from __future__ import annotations

__all__ = ["ValidationProblem"]


class ValidationProblem(ValueError):
    """A value that cannot be accepted: `field` names it, `reason` says exactly why."""

    field: str
    reason: str

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(field, reason)
        self.field = field
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(field={self.field!r}, reason={self.reason!r})"

    def __reduce__(self) -> tuple[type[ValidationProblem], tuple[str, str]]:
        return (type(self), (self.field, self.reason))
