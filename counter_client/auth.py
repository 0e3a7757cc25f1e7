"""Who is at the counter: login by fingerprint or PIN, supervisor approval, lockout.

No Qt and no network: it works offline from the cashiers cached in the counter store.

Public API (every call may block on the sensor or the database: run it off the GUI thread):

- `LoginService(store, roster, sensor_factory, clock, *, max_attempts=5,
  lockout_period=timedelta(minutes=15), finger_timeout_s=10.0)`
- `login_by_finger(user_id) -> Session`, `login_by_pin(user_id, pin) -> Session`
- `approve_by_finger(supervisor_id) -> str`, `approve_by_pin(supervisor_id, pin) -> str`:
  the supervisor's id, only for an active supervisor whose finger or PIN matches.
- `enrol_finger(supervisor_id, user_id, on_step=None) -> bytes`: a supervisor already approved
  enrols a person's finger at this counter; the template is kept (sealed) in the store, and the
  caller sends it to the centre (`SyncClient.upload_fingerprint`).
- `lockout(user_id) -> Lockout`, `recent_attempts(limit) -> list[LoginAttempt]` (for the
  supervisor: wrong fingers, wrong PINs, lockouts).

Refusals are `LoginRefused` subclasses with a message to show: `UnknownUser`, `LockedOut`,
`WrongPin`, `FingerNotMatched`, `NoFingerEnrolled`, `NotSupervisor`. Sensor trouble
(`NoFinger`, `SensorUnplugged`, `WrongSensorPassword`, `SensorError`) passes through unchanged
and is never counted as a wrong attempt: only a wrong finger or a wrong PIN is.

After `max_attempts` wrong attempts in a row (finger and PIN together, login and approval
together) the person is locked out for `lockout_period`; the count and the lockout are kept in
the store (tables `login_attempts`, `login_lockouts`), so restarting the app does not reset them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from common.roles import Role
from counter_client.devices.fingerprint import FingerprintSensor, NoMatch, StepCallback
from counter_client.store.cashiers import Cashier, CashierRoster
from counter_client.store.clock import Clock, iso, parse_iso
from counter_client.store.database import Store
from counter_client.store.schema import login_attempts, login_lockouts

__all__ = [
    "FingerNotMatched",
    "LockedOut",
    "Lockout",
    "LoginAttempt",
    "LoginRefused",
    "LoginService",
    "NoFingerEnrolled",
    "NotSupervisor",
    "SensorFactory",
    "Session",
    "UnknownUser",
    "WrongPin",
]

log = logging.getLogger(__name__)

SensorFactory = Callable[[], FingerprintSensor]
"""Opens the counter's sensor; the service closes it after each use."""


@dataclass(frozen=True)
class Session:
    """A person logged in at this counter."""

    user_id: str
    name: str
    role: Role
    method: str
    started_at: datetime

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR


@dataclass(frozen=True)
class Lockout:
    """A person's standing: wrong attempts in a row, and until when they are locked out."""

    user_id: str
    failures: int
    locked_until: datetime | None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


@dataclass(frozen=True)
class LoginAttempt:
    """One recorded attempt, for the supervisor's view."""

    user_id: str
    at: datetime
    purpose: str
    method: str
    outcome: str
    score: int | None
    detail: str | None


class LoginRefused(Exception):
    """The person may not log in (or approve) now; the message says why."""


class UnknownUser(LoginRefused):
    """Nobody by that id is allowed at this counter."""


class LockedOut(LoginRefused):
    """Too many wrong attempts: locked until `until`."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class WrongPin(LoginRefused):
    """The PIN does not match; `attempts_left` before the lockout."""

    def __init__(self, message: str, attempts_left: int) -> None:
        super().__init__(message)
        self.attempts_left = attempts_left


class FingerNotMatched(LoginRefused):
    """The finger does not match the enrolled one; `attempts_left` before the lockout."""

    def __init__(self, message: str, attempts_left: int, score: int) -> None:
        super().__init__(message)
        self.attempts_left = attempts_left
        self.score = score


class NoFingerEnrolled(LoginRefused):
    """The person has no fingerprint enrolled: use the PIN (and ask a supervisor to enrol)."""


class NotSupervisor(LoginRefused):
    """Approval needs a supervisor and this person is not one."""


LOGIN = "login"
APPROVAL = "approval"
FINGER = "finger"
PIN = "pin"


class LoginService:
    """Login and supervisor approval at one counter, with a lockout that survives restarts."""

    def __init__(
        self,
        store: Store,
        roster: CashierRoster,
        sensor_factory: SensorFactory,
        clock: Clock,
        *,
        max_attempts: int = 5,
        lockout_period: timedelta = timedelta(minutes=15),
        finger_timeout_s: float = 10.0,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if lockout_period <= timedelta(0):
            raise ValueError("lockout_period must be positive")
        self._store = store
        self._roster = roster
        self._sensor_factory = sensor_factory
        self._clock = clock
        self.max_attempts = max_attempts
        self.lockout_period = lockout_period
        self.finger_timeout_s = finger_timeout_s

    # -- the public calls -------------------------------------------------------------------

    def login_by_finger(self, user_id: str) -> Session:
        """Log in by matching the person's finger against their enrolled template."""
        person = self._check_finger(user_id, LOGIN)
        return self._session(person, FINGER)

    def login_by_pin(self, user_id: str, pin: str) -> Session:
        """Log in by PIN (the fallback when the finger will not do)."""
        person = self._check_pin(user_id, pin, LOGIN)
        return self._session(person, PIN)

    def approve_by_finger(self, supervisor_id: str) -> str:
        """The supervisor's id if this supervisor's finger matches (for cancellations)."""
        self._require_supervisor(supervisor_id)
        return self._check_finger(supervisor_id, APPROVAL).user_id

    def approve_by_pin(self, supervisor_id: str, pin: str) -> str:
        """The supervisor's id if this supervisor's PIN matches."""
        self._require_supervisor(supervisor_id)
        return self._check_pin(supervisor_id, pin, APPROVAL).user_id

    def enrol_finger(
        self, supervisor_id: str, user_id: str, on_step: StepCallback | None = None
    ) -> bytes:
        """Enrol `user_id`'s finger (two touches); keep it sealed here and return the template.

        The caller has already approved `supervisor_id` (finger or PIN); send the returned
        template to the centre so that the person can log in at any counter.
        """
        supervisor = self._roster.get(supervisor_id)
        if supervisor is None or not supervisor.active or not supervisor.is_supervisor:
            raise NotSupervisor(f"{supervisor_id} is not a supervisor at this counter")
        person = self._known(user_id)
        sensor = self._sensor_factory()
        try:
            try:
                template = sensor.enrol(self.finger_timeout_s, on_step)
            except NoMatch:
                log.warning("enrolment of %s: the two touches did not match", user_id)
                raise
        finally:
            sensor.close()
        self._roster.keep_template(person.user_id, template)
        log.info("fingerprint of %s enrolled by %s", person.user_id, supervisor_id)
        return template

    def lockout(self, user_id: str) -> Lockout:
        """The person's wrong attempts in a row and lockout, as stored."""
        with self._store.read() as conn:
            return _read_lockout(conn, user_id)

    def recent_attempts(self, limit: int = 100) -> list[LoginAttempt]:
        """The latest recorded attempts, newest first (wrong ones, lockouts and successes)."""
        query = select(login_attempts).order_by(login_attempts.c.id.desc()).limit(limit)
        with self._store.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            LoginAttempt(
                user_id=r["user_id"],
                at=parse_iso(r["at"]),
                purpose=r["purpose"],
                method=r["method"],
                outcome=r["outcome"],
                score=r["score"],
                detail=r["detail"],
            )
            for r in rows
        ]

    # -- the checks ---------------------------------------------------------------------------

    def _known(self, user_id: str) -> Cashier:
        person = self._roster.get(user_id)
        if person is None or not person.active:
            raise UnknownUser(f"{user_id} is not allowed at this counter")
        return person

    def _require_supervisor(self, supervisor_id: str) -> None:
        person = self._known(supervisor_id)
        if not person.is_supervisor:
            raise NotSupervisor(f"{person.name} is not a supervisor; a supervisor must approve")

    def _refuse_if_locked(self, user_id: str, purpose: str, method: str) -> None:
        now = self._clock()
        with self._store.write() as conn:
            standing = _read_lockout(conn, user_id)
            if not standing.locked_at(now):
                return
            _record(conn, user_id, now, purpose, method, "refused_locked", None, None)
        assert standing.locked_until is not None
        raise LockedOut(
            f"{user_id} is locked out after {self.max_attempts} wrong attempts until "
            f"{standing.locked_until:%H:%M}",
            standing.locked_until,
        )

    def _check_finger(self, user_id: str, purpose: str) -> Cashier:
        person = self._known(user_id)
        self._refuse_if_locked(user_id, purpose, FINGER)
        template = self._roster.fingerprint_template(user_id)
        if template is None:
            raise NoFingerEnrolled(f"{person.name} has no fingerprint enrolled: use the PIN")
        sensor = self._sensor_factory()
        try:
            result = sensor.verify(template, self.finger_timeout_s)
        finally:
            sensor.close()
        if not result.matched:
            left = self._wrong(user_id, purpose, FINGER, result.score)
            raise FingerNotMatched(
                f"the finger does not match {person.name}'s ({left} attempts left)",
                left,
                result.score,
            )
        self._right(user_id, purpose, FINGER, result.score)
        return person

    def _check_pin(self, user_id: str, pin: str, purpose: str) -> Cashier:
        person = self._known(user_id)
        self._refuse_if_locked(user_id, purpose, PIN)
        if not self._roster.verify_pin(user_id, pin):
            left = self._wrong(user_id, purpose, PIN, None)
            raise WrongPin(f"wrong PIN for {person.name} ({left} attempts left)", left)
        self._right(user_id, purpose, PIN, None)
        return person

    def _wrong(self, user_id: str, purpose: str, method: str, score: int | None) -> int:
        """Count a wrong attempt; lock the person out at the limit. Returns attempts left."""
        now = self._clock()
        with self._store.write() as conn:
            standing = _read_lockout(conn, user_id)
            failures = standing.failures + 1
            _record(conn, user_id, now, purpose, method, "wrong", score, None)
            log.warning("wrong %s for %s (%s), %d in a row", method, user_id, purpose, failures)
            if failures < self.max_attempts:
                _write_lockout(conn, user_id, failures, None)
                return self.max_attempts - failures
            until = now + self.lockout_period
            _write_lockout(conn, user_id, 0, until)
            _record(conn, user_id, now, purpose, method, "locked_out", None, f"until {iso(until)}")
        log.warning("%s locked out until %s after %d wrong attempts", user_id, until, failures)
        raise LockedOut(
            f"{user_id} is locked out after {self.max_attempts} wrong attempts until {until:%H:%M}",
            until,
        )

    def _right(self, user_id: str, purpose: str, method: str, score: int | None) -> None:
        now = self._clock()
        with self._store.write() as conn:
            _record(conn, user_id, now, purpose, method, "ok", score, None)
            _write_lockout(conn, user_id, 0, None)
        log.info("%s by %s for %s", purpose, method, user_id)

    def _session(self, person: Cashier, method: str) -> Session:
        return Session(
            user_id=person.user_id,
            name=person.name,
            role=person.role,
            method=method,
            started_at=self._clock(),
        )


def _read_lockout(conn: Connection, user_id: str) -> Lockout:
    row = conn.execute(
        select(login_lockouts.c.failures, login_lockouts.c.locked_until).where(
            login_lockouts.c.user_id == user_id
        )
    ).first()
    if row is None:
        return Lockout(user_id=user_id, failures=0, locked_until=None)
    until = parse_iso(row.locked_until) if row.locked_until is not None else None
    return Lockout(user_id=user_id, failures=row.failures, locked_until=until)


def _write_lockout(
    conn: Connection, user_id: str, failures: int, locked_until: datetime | None
) -> None:
    values = {
        "failures": failures,
        "locked_until": iso(locked_until) if locked_until is not None else None,
    }
    stmt = sqlite_insert(login_lockouts).values(user_id=user_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_=values))


def _record(
    conn: Connection,
    user_id: str,
    at: datetime,
    purpose: str,
    method: str,
    outcome: str,
    score: int | None,
    detail: str | None,
) -> None:
    conn.execute(
        insert(login_attempts).values(
            user_id=user_id,
            at=iso(at),
            purpose=purpose,
            method=method,
            outcome=outcome,
            score=score,
            detail=detail,
        )
    )
