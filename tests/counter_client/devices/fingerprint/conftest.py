"""A ZFM sensor emulator on a pty per test, and the real pyfingerprint driver opened on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from counter_client.devices.fingerprint import ZfmSensor
from counter_client.devices.fingerprint.emulator import SensorEmulator

SERIAL_TIMEOUT_S = 0.5


@pytest.fixture
def emulator() -> Iterator[SensorEmulator]:
    with SensorEmulator(seed=7) as running:
        yield running


@pytest.fixture
def open_sensor(emulator: SensorEmulator) -> Iterator[Callable[..., ZfmSensor]]:
    """Opens ZfmSensor on the emulator's port (closed after the test)."""
    opened: list[ZfmSensor] = []

    def make(**options: object) -> ZfmSensor:
        options.setdefault("serial_timeout_s", SERIAL_TIMEOUT_S)
        sensor = ZfmSensor(emulator.port, **options)  # type: ignore[arg-type]
        opened.append(sensor)
        return sensor

    yield make
    for sensor in opened:
        sensor.close()
