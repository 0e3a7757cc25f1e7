"""Settings of billing and spot billing, from TRM_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TARIFF_DIR = Path(__file__).resolve().parents[2] / "resources" / "tariffs"


@dataclass(frozen=True)
class BillingSettings:
    """Limits and thresholds for readings, photos and uploads."""

    tariff_dir: Path = DEFAULT_TARIFF_DIR
    # A reading whose units exceed this many times the consumer's normal monthly average
    # (prorated by days, and never below `absurd_floor_units`) goes to the review queue.
    absurd_factor: int = 5
    absurd_floor_units: int = 100
    photo_max_bytes: int = 512 * 1024
    upload_max_readings: int = 50

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> BillingSettings:
        env = dict(os.environ if environ is None else environ)
        defaults = cls()
        return cls(
            tariff_dir=Path(env.get("TRM_TARIFF_DIR") or defaults.tariff_dir),
            absurd_factor=int(env.get("TRM_ABSURD_READING_FACTOR", defaults.absurd_factor)),
            absurd_floor_units=int(env.get("TRM_ABSURD_FLOOR_UNITS", defaults.absurd_floor_units)),
            photo_max_bytes=int(env.get("TRM_PHOTO_MAX_BYTES", defaults.photo_max_bytes)),
            upload_max_readings=int(
                env.get("TRM_UPLOAD_MAX_READINGS", defaults.upload_max_readings)
            ),
        )
