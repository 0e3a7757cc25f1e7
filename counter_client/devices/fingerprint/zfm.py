"""The ZhianTec ZFM/R30x sensor family through `pyfingerprint` over a serial port.

pyfingerprint opens its port with a fixed 2 s timeout and reads a reply one byte at a time,
counting a timed-out read as a byte: a silent or unplugged sensor takes about 24 s to fail. We
shorten the timeout on the instance and make the first empty read fail at once, so a dead sensor
is reported in about `serial_timeout_s`. Its errors are bare `Exception`s; we translate them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pyfingerprint.pyfingerprint import PyFingerprint

from counter_client.devices.fingerprint.errors import (
    FingerprintError,
    NoFinger,
    NoMatch,
    SensorError,
    SensorUnplugged,
    WrongSensorPassword,
)
from counter_client.devices.fingerprint.sensor import (
    DEFAULT_SCORE_THRESHOLD,
    TEMPLATE_BYTES,
    EnrolStep,
    MatchResult,
    StepCallback,
)

__all__ = ["ZfmSensor"]

log = logging.getLogger(__name__)

CHAR_BUFFER_1 = 0x01
CHAR_BUFFER_2 = 0x02
POLL_INTERVAL_S = 0.05
"""Pause between "is there a finger?" polls, so waiting for a finger does not spin a core."""

# pyfingerprint's messages for images the sensor could not use: the finger, not the sensor.
_POOR_IMAGE = ("too messy", "too few feature points", "image is invalid", "Could not read image")


class _SensorSilent(Exception):
    """The sensor sent nothing within the serial timeout."""


class _AnswerOrFail:
    """The library's serial port, but a read that times out fails instead of reading nothing."""

    def __init__(self, port: Any) -> None:
        self._port = port

    def read(self, size: int = 1) -> bytes:
        data: bytes = self._port.read(size)
        if not data:
            raise _SensorSilent
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._port, name)


@contextmanager
def _translated(port: str) -> Iterator[None]:
    """Turn pyfingerprint's and pyserial's errors into ours, each with a message for the user."""
    try:
        yield
    except FingerprintError:
        raise
    except _SensorSilent:
        raise SensorUnplugged(
            f"the fingerprint sensor on {port} does not answer: check its cable"
        ) from None
    except OSError as exc:  # pyserial's SerialException is an OSError
        raise SensorUnplugged(
            f"the fingerprint sensor on {port} is not connected ({exc.strerror or exc})"
        ) from None
    except Exception as exc:
        message = str(exc)
        if any(text in message for text in _POOR_IMAGE):
            raise NoFinger(
                "the finger could not be read: clean the sensor and place the finger flat"
            ) from None
        raise SensorError(f"the fingerprint sensor reported: {message}") from None


class ZfmSensor:
    """A ZFM/R30x sensor on a serial port (57600 baud by default), 1:1 verification."""

    def __init__(
        self,
        port: str,
        baudrate: int = 57600,
        address: int = 0xFFFFFFFF,
        password: int = 0,
        *,
        score_threshold: int = DEFAULT_SCORE_THRESHOLD,
        serial_timeout_s: float = 1.0,
    ) -> None:
        """Open the port and check the sensor's password (`WrongSensorPassword` if refused)."""
        if score_threshold < 1:
            raise ValueError("score_threshold must be at least 1")
        if serial_timeout_s <= 0:
            raise ValueError("serial_timeout_s must be positive")
        self.port = port
        self.score_threshold = score_threshold
        self._fp: PyFingerprint | None = None
        with _translated(port):
            try:
                fp = PyFingerprint(port, baudrate, address, password)
            except ValueError as exc:
                raise SensorError(f"fingerprint sensor settings: {exc}") from None
            serial_port = fp._PyFingerprint__serial
            serial_port.timeout = serial_timeout_s
            serial_port.reset_input_buffer()
            fp._PyFingerprint__serial = _AnswerOrFail(serial_port)
            self._fp = fp
            try:
                accepted = fp.verifyPassword()
            except BaseException:
                self.close()
                raise
        if not accepted:
            self.close()
            raise WrongSensorPassword(
                f"the fingerprint sensor on {port} refused the sensor password in the settings"
            )

    def _sensor(self) -> PyFingerprint:
        if self._fp is None:
            raise SensorUnplugged(f"the fingerprint sensor on {self.port} was closed")
        return self._fp

    def _image_into(self, buffer: int, deadline: float) -> None:
        """Wait until a finger is imaged, then turn the image into characteristics in `buffer`."""
        fp = self._sensor()
        while not fp.readImage():
            if time.monotonic() >= deadline:
                raise NoFinger("no finger was placed on the sensor in time")
            time.sleep(POLL_INTERVAL_S)
        fp.convertImage(buffer)

    def _wait_for_lift(self, deadline: float) -> None:
        fp = self._sensor()
        while fp.readImage():
            if time.monotonic() >= deadline:
                raise NoFinger("the finger was not lifted from the sensor in time")
            time.sleep(POLL_INTERVAL_S)

    def _download(self, buffer: int) -> bytes:
        characteristics = bytes(self._sensor().downloadCharacteristics(buffer))
        if len(characteristics) != TEMPLATE_BYTES:
            raise SensorError(
                f"the sensor sent {len(characteristics)} bytes of characteristics, "
                f"expected {TEMPLATE_BYTES}"
            )
        return characteristics

    def capture(self, timeout_s: float) -> bytes:
        """Wait for a finger and return its characteristics; `NoFinger` after the timeout."""
        deadline = time.monotonic() + timeout_s
        with _translated(self.port):
            self._image_into(CHAR_BUFFER_1, deadline)
            return self._download(CHAR_BUFFER_1)

    def verify(self, template: bytes, timeout_s: float) -> MatchResult:
        """1:1: upload the stored template, capture a finger, and compare on the sensor."""
        if len(template) != TEMPLATE_BYTES:
            raise SensorError(
                f"a stored template must be {TEMPLATE_BYTES} bytes, this one is {len(template)}"
            )
        deadline = time.monotonic() + timeout_s
        with _translated(self.port):
            fp = self._sensor()
            if not fp.uploadCharacteristics(CHAR_BUFFER_2, list(template)):
                raise SensorError("the sensor did not keep the uploaded template intact")
            self._image_into(CHAR_BUFFER_1, deadline)
            score = int(fp.compareCharacteristics())
        matched = score >= self.score_threshold
        log.info("fingerprint verify on %s: score %d, matched %s", self.port, score, matched)
        return MatchResult(matched=matched, score=score)

    def enrol(self, timeout_s: float, on_step: StepCallback | None = None) -> bytes:
        """Two captures of one finger (lifted in between) combined by the sensor into a template.

        `timeout_s` applies to each wait (first touch, lift, second touch).
        """

        def step(which: EnrolStep) -> None:
            if on_step is not None:
                on_step(which)

        with _translated(self.port):
            step(EnrolStep.PLACE)
            self._image_into(CHAR_BUFFER_1, time.monotonic() + timeout_s)
            step(EnrolStep.LIFT)
            self._wait_for_lift(time.monotonic() + timeout_s)
            step(EnrolStep.PLACE_AGAIN)
            self._image_into(CHAR_BUFFER_2, time.monotonic() + timeout_s)
            if not self._sensor().createTemplate():
                raise NoMatch("the two touches were not of the same finger: start again")
            return self._download(CHAR_BUFFER_1)

    def close(self) -> None:
        """Release the serial port; safe to call twice."""
        fp, self._fp = self._fp, None
        if fp is None:
            return
        try:
            fp._PyFingerprint__serial.close()
        except OSError:
            log.debug("closing the fingerprint port %s failed", self.port, exc_info=True)

    def __enter__(self) -> ZfmSensor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
