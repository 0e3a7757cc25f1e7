"""Synthetic CESC-like data for demos, tests and benchmarks: `seed(engine, consumers=N)`."""

from central_api.seed.consumers import TARIFF_MIX, TariffShare
from central_api.seed.run import CREDENTIALS_FILE, SeedRefused, SeedReport, seed, write_credentials

__all__ = [
    "CREDENTIALS_FILE",
    "TARIFF_MIX",
    "SeedRefused",
    "SeedReport",
    "TariffShare",
    "seed",
    "write_credentials",
]
