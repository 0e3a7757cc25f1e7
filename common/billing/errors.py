"""Errors raised by the tariff loader and the bill computation."""

from __future__ import annotations

from pathlib import Path

from common.errors import ValidationProblem

__all__ = ["BillingInputError", "NoTariffInForce", "TariffFileError"]


class TariffFileError(ValidationProblem):
    """A tariff file that cannot be used: names the file, the line and the field."""

    file: Path
    line: int

    def __init__(self, file: Path, line: int, field: str, reason: str) -> None:
        super().__init__(field, reason)
        self.file = file
        self.line = line

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"

    def __reduce__(self) -> tuple[type[TariffFileError], tuple[Path, int, str, str]]:  # type: ignore[override]
        return (type(self), (self.file, self.line, self.field, self.reason))


class BillingInputError(ValidationProblem):
    """Readings or account details that cannot be billed as given (e.g. a reading going back)."""


class NoTariffInForce(ValidationProblem):
    """No tariff order covers the date asked for."""
