"""The real pyfingerprint driver against the emulated ZFM sensor: enrol, verify, and each failure
reported with our own error, fast."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from counter_client.devices.fingerprint import (
    DEFAULT_SCORE_THRESHOLD,
    TEMPLATE_BYTES,
    EnrolStep,
    FingerprintSensor,
    NoFinger,
    NoMatch,
    SensorError,
    SensorUnplugged,
    WrongSensorPassword,
    ZfmSensor,
)
from counter_client.devices.fingerprint.emulator import SensorEmulator, finger_characteristics

OpenSensor = Callable[..., ZfmSensor]
RAVI = "ravi-right-index"
ASHA = "asha-right-index"


def test_the_zfm_driver_is_a_fingerprint_sensor(open_sensor: OpenSensor) -> None:
    sensor: FingerprintSensor = open_sensor()
    assert sensor is not None


def enrol(emulator: SensorEmulator, sensor: ZfmSensor, finger: str) -> bytes:
    emulator.touch(finger, times=2)
    return sensor.enrol(timeout_s=2)


def test_enrolment_takes_two_touches_and_downloads_one_template(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    sensor = open_sensor()
    steps: list[EnrolStep] = []
    emulator.touch(RAVI, times=2)
    template = sensor.enrol(timeout_s=2, on_step=steps.append)
    assert len(template) == TEMPLATE_BYTES
    assert steps == [EnrolStep.PLACE, EnrolStep.LIFT, EnrolStep.PLACE_AGAIN]
    # It is Ravi's finger as the sensor saw it: close to, but not exactly, the noise-free one.
    same = sum(a == b for a, b in zip(template, finger_characteristics(RAVI), strict=True))
    assert 0.8 * TEMPLATE_BYTES < same < TEMPLATE_BYTES
    # The commands pyfingerprint really sent, in the protocol's numbering.
    assert emulator.commands[0] == 0x13  # verify password
    assert 0x05 in emulator.commands  # create template
    assert emulator.commands[-1] == 0x08  # download characteristics


def test_the_right_finger_matches_above_the_threshold(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    sensor = open_sensor()
    template = enrol(emulator, sensor, RAVI)
    for _ in range(3):
        emulator.touch(RAVI)
        result = sensor.verify(template, timeout_s=2)
        assert result.matched
        assert result.score >= DEFAULT_SCORE_THRESHOLD
    assert 0x09 in emulator.commands and 0x03 in emulator.commands  # upload, then compare


def test_a_wrong_finger_does_not_match(emulator: SensorEmulator, open_sensor: OpenSensor) -> None:
    sensor = open_sensor()
    template = enrol(emulator, sensor, RAVI)
    emulator.touch(ASHA)
    result = sensor.verify(template, timeout_s=2)
    assert not result.matched
    assert result.score < DEFAULT_SCORE_THRESHOLD


def test_the_score_threshold_is_configurable(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    template = enrol(emulator, open_sensor(), RAVI)
    strict = open_sensor(score_threshold=10_000)
    emulator.touch(RAVI)
    result = strict.verify(template, timeout_s=2)
    assert not result.matched and result.score >= DEFAULT_SCORE_THRESHOLD


def test_enrolling_two_different_fingers_is_refused(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    sensor = open_sensor()
    emulator.touch_each(RAVI, ASHA)
    with pytest.raises(NoMatch, match="not of the same finger"):
        sensor.enrol(timeout_s=2)


def test_no_finger_is_reported_within_the_timeout(open_sensor: OpenSensor) -> None:
    sensor = open_sensor()
    started = time.monotonic()
    with pytest.raises(NoFinger, match="no finger"):
        sensor.capture(timeout_s=0.4)
    assert 0.4 <= time.monotonic() - started < 1.0


def test_a_finger_left_resting_is_not_taken_twice_at_enrolment(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    sensor = open_sensor()
    emulator.place_finger(RAVI)
    with pytest.raises(NoFinger, match="not lifted"):
        sensor.enrol(timeout_s=0.3)


def test_a_silent_sensor_fails_in_about_the_serial_timeout(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    sensor = open_sensor(serial_timeout_s=0.5)
    emulator.touch(RAVI)
    emulator.go_silent()
    started = time.monotonic()
    with pytest.raises(SensorUnplugged, match="does not answer"):
        sensor.capture(timeout_s=10)
    assert time.monotonic() - started < 1.5  # pyfingerprint alone: about 24 s


def test_an_unplugged_sensor_fails_at_once(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    sensor = open_sensor()
    emulator.unplug()
    started = time.monotonic()
    with pytest.raises(SensorUnplugged, match="not connected"):
        sensor.capture(timeout_s=10)
    assert time.monotonic() - started < 1.0


def test_opening_a_missing_port_says_unplugged_quickly(emulator: SensorEmulator) -> None:
    port = emulator.port
    emulator.unplug()
    started = time.monotonic()
    with pytest.raises(SensorUnplugged, match="not connected"):
        ZfmSensor(port, serial_timeout_s=0.5)
    assert time.monotonic() - started < 1.0


def test_a_silent_sensor_at_opening_fails_within_a_second(emulator: SensorEmulator) -> None:
    emulator.go_silent()
    started = time.monotonic()
    with pytest.raises(SensorUnplugged):
        ZfmSensor(emulator.port, serial_timeout_s=0.5)
    assert time.monotonic() - started < 1.5


def test_a_wrong_sensor_password_is_refused_with_its_own_error() -> None:
    with SensorEmulator(password=0x5A5A1234) as emulator:
        with pytest.raises(WrongSensorPassword, match="password"):
            ZfmSensor(emulator.port, password=0x11111111, serial_timeout_s=0.5)
        with ZfmSensor(emulator.port, password=0x5A5A1234, serial_timeout_s=0.5) as sensor:
            emulator.touch(RAVI)
            assert len(sensor.capture(timeout_s=1)) == TEMPLATE_BYTES


def test_a_template_of_the_wrong_size_is_refused_before_touching_the_sensor(
    emulator: SensorEmulator, open_sensor: OpenSensor
) -> None:
    sensor = open_sensor()
    before = len(emulator.commands)
    with pytest.raises(SensorError, match="512 bytes"):
        sensor.verify(b"short", timeout_s=1)
    assert len(emulator.commands) == before


def test_a_closed_sensor_says_so_and_closing_twice_is_harmless(open_sensor: OpenSensor) -> None:
    sensor = open_sensor()
    sensor.close()
    sensor.close()
    with pytest.raises(SensorUnplugged, match="closed"):
        sensor.capture(timeout_s=0.1)
