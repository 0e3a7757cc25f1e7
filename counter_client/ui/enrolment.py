"""Enrolling a person's fingerprint at this counter: a supervisor's screen (Ctrl+Shift+E).

The supervisor picks a person from this counter's roster and types their own PIN (checked here
first, then again by the centre, which needs it). The sensor's steps (place, lift, place again)
are shown as they happen; the template is sealed in the counter's store
(`LoginService.enrol_finger`) and then sent to the centre on the network lane.

When the centre cannot be reached, the finger works at this counter at once but is not queued:
nothing keeps the supervisor's PIN for a later retry, so the screen says plainly to enrol again
when the centre is back (then other counters get it after a transfer). A person who already has a
finger enrolled gets a new one only after the supervisor ticks "Replace".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_client.ui.messages import describe
from counter_client.ui.ops import Lane, Ops

if TYPE_CHECKING:
    from counter_client.store import Cashier
    from counter_client.ui.services import Services

__all__ = ["EnrolDialog", "Enrolment", "install"]

SHORTCUT = "Ctrl+Shift+E"
STEPS = 4  # placed, lifted, placed again (template made), sent to the centre
_STEP_DONE = {"place": 0, "lift": 1, "place_again": 2}


def _problem_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet("color: #b71c1c;")
    label.setWordWrap(True)
    return label


class EnrolDialog(QDialog):
    """Pick the person, the supervisor's PIN, then the finger twice: `enrolled(user_id, sent)`."""

    enrolled = Signal(str, bool)  # the person, and whether the centre has the finger now
    _sensor_step = Signal(str)  # emitted on the device worker, delivered on the GUI thread

    def __init__(
        self,
        ops: Ops,
        services: Services,
        supervisor_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrol_dialog")
        self.setWindowTitle(self.tr("Enrol fingerprint"))
        self._ops = ops
        self._services = services
        self._supervisor_id = supervisor_id
        self._has_finger: dict[str, bool] = {}
        self.busy = False
        self.person = QComboBox(self)
        self.person.setObjectName("enrol_person")
        self.person.currentIndexChanged.connect(self._person_changed)
        self.replace = QCheckBox(self.tr("&Replace the finger enrolled before"), self)
        self.replace.setObjectName("enrol_replace")
        self.replace.setVisible(False)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("enrol_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.start)
        self.pin_problem = _problem_label(self, "enrol_pin_problem")
        self.prompt = QLabel(self.tr("Choose the person, type your PIN and press Enter."), self)
        self.prompt.setObjectName("enrol_prompt")
        self.prompt.setWordWrap(True)
        font = self.prompt.font()
        font.setPointSize(font.pointSize() + 4)
        self.prompt.setFont(font)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("enrol_progress")
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Step %v of %m"))
        self.problem = _problem_label(self, "enrol_problem")
        self.start_button = QPushButton(self.tr("Enrol (Enter)"), self)
        self.start_button.setObjectName("enrol_start")
        self.start_button.setAutoDefault(False)  # Enter belongs to the PIN field
        self.start_button.clicked.connect(self.start)
        close = QPushButton(self.tr("Close (Esc)"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Person"), self.person)
        form.addRow("", self.replace)
        form.addRow(self.tr("Your PIN (supervisor)"), self.pin)
        form.addRow("", self.pin_problem)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.prompt)
        box.addWidget(self.progress)
        box.addWidget(self.problem)
        box.addWidget(self.start_button)
        box.addWidget(close)
        self._sensor_step.connect(self.show_step, Qt.ConnectionType.QueuedConnection)
        ops.run(services.roster.active, done=self._people)

    # -- the roster ---------------------------------------------------------------------------

    def _people(self, people: list[Cashier]) -> None:
        for person in people:
            self.person.addItem(f"{person.name} · {person.user_id}", person.user_id)
        self.pin.setFocus()

    def chosen(self) -> str | None:
        data = self.person.currentData()
        return str(data) if data else None

    def choose(self, user_id: str) -> None:
        self.person.setCurrentIndex(self.person.findData(user_id))

    def _person_changed(self, _index: int) -> None:
        user_id = self.chosen()
        self.replace.setChecked(False)
        self.replace.setVisible(False)
        if user_id is None:
            return
        roster = self._services.roster
        self._ops.run(
            lambda: roster.fingerprint_template(user_id) is not None,
            done=lambda has: self._finger_known(user_id, bool(has)),
            failed=lambda exc: self.problem.setText(describe(exc)),
        )

    def _finger_known(self, user_id: str, has: bool) -> None:
        self._has_finger[user_id] = has
        self.replace.setVisible(has and user_id == self.chosen())

    # -- enrolling ------------------------------------------------------------------------------

    def start(self) -> None:
        """Check the form, then the PIN, then the two touches, then send to the centre."""
        if self.busy:
            return
        self.problem.clear()
        self.pin_problem.clear()
        pin = self.pin.text()
        self.pin.clear()  # a PIN never lingers in the field, used or refused
        user_id = self.chosen()
        if user_id is None:
            self.problem.setText(self.tr("Choose the person whose finger to enrol."))
            self.person.setFocus()
            return
        if user_id not in self._has_finger:
            self.problem.setText(self.tr("Still reading the roster: try again in a moment."))
            return
        if self._has_finger[user_id] and not self.replace.isChecked():
            self.problem.setText(
                self.tr(
                    "%1 already has a finger enrolled: tick Replace to enrol a new one."
                ).replace("%1", self.person.currentText())
            )
            self.replace.setFocus()
            return
        if not pin:
            self.pin_problem.setText(self.tr("Type your PIN first."))
            self.pin.setFocus()
            return
        self._set_busy(True)
        self.progress.setValue(0)
        self.prompt.setText(self.tr("Checking your PIN…"))
        login, supervisor = self._services.login, self._supervisor_id
        self._ops.run(
            lambda: login.approve_by_pin(supervisor, pin),
            done=lambda _who: self._capture(user_id, pin),
            failed=self._pin_refused,
        )

    def _capture(self, user_id: str, pin: str) -> None:
        login, supervisor = self._services.login, self._supervisor_id
        self.show_step("place")
        self._ops.run(
            lambda: login.enrol_finger(supervisor, user_id, on_step=self._from_sensor),
            done=lambda template: self._send(user_id, template, pin),
            failed=self._sensor_failed,
            lane=Lane.DEVICE,
        )

    def _from_sensor(self, step: Any) -> None:
        self._sensor_step.emit(str(step))  # on the device worker: cross by the queued signal

    def show_step(self, step: str) -> None:
        """Show what the person at the sensor should do now ("place", "lift", "place_again")."""
        prompts = {
            "place": self.tr("Place the finger on the sensor."),
            "lift": self.tr("Lift the finger."),
            "place_again": self.tr("Place the same finger again."),
        }
        self.prompt.setText(prompts.get(step, step))
        self.progress.setValue(_STEP_DONE.get(step, 0))

    def _send(self, user_id: str, template: bytes, pin: str) -> None:
        self._has_finger[user_id] = True
        self.progress.setValue(STEPS - 1)
        self.prompt.setText(
            self.tr("The finger is kept at this counter. Sending it to the centre…")
        )
        client, supervisor = self._services.engine.client, self._supervisor_id
        self._ops.run(
            lambda: client.upload_fingerprint(
                user_id, template, supervisor=supervisor, supervisor_pin=pin
            ),
            done=lambda _none: self._finished(user_id, True),
            failed=lambda exc: self._upload_failed(user_id, exc),
            lane=Lane.NETWORK,
        )

    def _finished(self, user_id: str, sent: bool) -> None:
        self._set_busy(False)
        self.replace.setChecked(False)
        self.replace.setVisible(True)
        if sent:
            # Pull soon: a pull already under way may bring back the finger enrolled before.
            self._services.engine.wake(force=True)
            self.progress.setValue(STEPS)
            self.prompt.setText(
                self.tr("Enrolled: the finger works here now and at any counter after a sync.")
            )
        self.enrolled.emit(user_id, sent)

    # -- what went wrong ------------------------------------------------------------------------

    def _pin_refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.prompt.clear()
        self.pin_problem.setText(describe(exc))
        self.pin.setFocus()

    def _sensor_failed(self, exc: BaseException) -> None:
        from counter_client.devices.fingerprint import (
            NoFinger,
            NoMatch,
            SensorUnplugged,
            WrongSensorPassword,
        )

        self._set_busy(False)
        self.prompt.clear()
        self.progress.setValue(0)
        if isinstance(exc, NoFinger):
            text = self.tr("No finger was placed on the sensor in time. Nothing was enrolled.")
        elif isinstance(exc, NoMatch):
            text = self.tr("The two touches were not of the same finger. Start again.")
        elif isinstance(exc, SensorUnplugged):
            text = self.tr("The fingerprint sensor is not connected: check its cable.")
        elif isinstance(exc, WrongSensorPassword):
            text = self.tr(
                "The fingerprint sensor refused its password: check the sensor settings."
            )
        else:
            text = describe(exc)
        self.problem.setText(text)
        self.pin.setFocus()

    def _upload_failed(self, user_id: str, exc: BaseException) -> None:
        from counter_client.sync import CentreUnreachable
        from counter_client.sync.client import CentreRefused

        self._finished(user_id, False)
        if isinstance(exc, CentreUnreachable):
            self.prompt.setText(self.tr("The finger works at this counter now."))
            self.problem.setText(
                self.tr(
                    "The centre cannot be reached, so it was not sent: other counters do not "
                    "have it. Enrol it again here when the centre is back online."
                )
            )
            return
        self.prompt.setText(self.tr("The finger works at this counter only."))
        if isinstance(exc, CentreRefused) and exc.about("supervisor_pin"):
            self.pin_problem.setText(
                self.tr("The centre refused your PIN. Enrol again with your PIN at the centre.")
            )
            self.pin.setFocus()
            return
        detail = (
            "; ".join(reason for _field, reason in exc.problems)
            if isinstance(exc, CentreRefused)
            else describe(exc)
        )
        self.problem.setText(self.tr("The centre refused the finger: %1").replace("%1", detail))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.person, self.replace, self.pin, self.start_button):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if self.busy:  # the sensor or the centre is still at work: it ends within its timeout
            self.problem.setText(self.tr("Wait for the sensor and the centre to finish."))
            return
        super().reject()


class Enrolment(QObject):
    """The "Enrol fingerprint" menu entry: shown only to a supervisor who is logged in."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: EnrolDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("enrol_action")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(self.open)
        self._follow_session("")
        window.page_shown.connect(self._follow_session)
        window.installEventFilter(self)
        self.retranslate()

    def allowed(self) -> bool:
        session = self._window.session
        return bool(session is not None and session.is_supervisor and self._window.services)

    def _follow_session(self, _page: str) -> None:
        allowed = self.allowed()
        self.action.setVisible(allowed)
        self.action.setEnabled(allowed)

    def open(self) -> EnrolDialog | None:
        """Open the enrolment dialog (only for a supervisor logged in here)."""
        if not self.allowed():
            return None
        if self.dialog is not None and self.dialog.busy:
            self.dialog.raise_()
            return self.dialog
        window = self._window
        dialog = EnrolDialog(window.ops, window.services, window.session.user_id, window)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: EnrolDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.action.setText(self.tr("Enrol fingerprint…"))


def install(window: Any) -> Enrolment:
    """Add "Enrol fingerprint" (Ctrl+Shift+E) to the Counter menu, before "Log out"."""
    enrolment = Enrolment(window)
    window.menus["counter"].insertAction(window.logout_action, enrolment.action)
    return enrolment
