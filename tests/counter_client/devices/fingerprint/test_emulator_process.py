"""The emulator as the demo runs it: its own process, a pty path and a control socket."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_client.devices.fingerprint import NoFinger, SensorUnplugged, ZfmSensor
from counter_client.devices.fingerprint.emulator import send_control


@pytest.fixture
def emulator_process(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    control = tmp_path / "sensor.sock"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "counter_client.devices.fingerprint.emulator",
            "--control",
            str(control),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    port = process.stdout.readline().strip()
    assert process.stdout.readline().strip() == str(control)
    yield port, control
    process.terminate()
    process.wait(timeout=10)


def test_the_demo_places_fingers_through_the_control_socket(
    emulator_process: tuple[str, Path],
) -> None:
    port, control = emulator_process
    with ZfmSensor(port, serial_timeout_s=0.5) as sensor:
        assert send_control(control, "touch ravi 2") == "ok"
        template = sensor.enrol(timeout_s=2)
        assert send_control(control, "place ravi") == "ok"
        assert sensor.verify(template, timeout_s=2).matched
        assert send_control(control, "place asha") == "ok"
        assert not sensor.verify(template, timeout_s=2).matched
        assert send_control(control, "lift") == "ok"
        with pytest.raises(NoFinger):
            sensor.capture(timeout_s=0.2)
        assert send_control(control, "unplug") == "ok"
        with pytest.raises(SensorUnplugged):
            sensor.capture(timeout_s=1)


def test_a_bad_control_command_is_answered_with_an_error(
    emulator_process: tuple[str, Path],
) -> None:
    _, control = emulator_process
    assert send_control(control, "dance").startswith("error: unknown command")
    assert send_control(control, "touch ravi twice").startswith("error:")
