"""The tariff book the centre bills with, and the tariff files handhelds download with routes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from common.billing import TariffBook, load_tariff_orders


@dataclass(frozen=True)
class TariffFile:
    """One tariff order's file as shipped: the device loads these with common.billing."""

    name: str
    sha256: str
    text: str


@lru_cache(maxsize=4)
def tariff_book(directory: Path) -> TariffBook:
    """Every order in `directory`, loaded and checked once per process."""
    return load_tariff_orders(directory)


@lru_cache(maxsize=4)
def tariff_files(directory: Path) -> tuple[TariffFile, ...]:
    """The files behind the book, in name order, each with its SHA-256."""
    files = []
    for path in sorted(directory.glob("*.toml")):
        raw = path.read_bytes()
        files.append(TariffFile(path.name, hashlib.sha256(raw).hexdigest(), raw.decode("utf-8")))
    return tuple(files)
