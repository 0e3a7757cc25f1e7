"""`make demo`: a centre, a registered counter with its sensor and printer, and the app.

    python -m counter_client.ui.demo [--scripted] [--data DIR] [--port 8443] [--consumers N]

1. starts the central service on SQLite (seeded on the first run) over HTTPS with a local CA,
   kept in DIR/demo-centre (DIR: TRM_DEMO_DIR, default ./data);
2. starts the fingerprint sensor emulator (a pty) and the network printer emulator;
3. adds a counter for this run at the demo cashier's location and registers it the way the
   app's first-run screen does (the device secret goes to the keyring: here an in-memory one,
   `counter_client.demo.memory_keyring`, as a headless box has no OS keyring);
4. enrols the demo cashier's finger if the centre has none: the supervisor approves at the
   counter, two touches on the sensor, the template is sent to the centre;
5. with a display (DISPLAY or WAYLAND_DISPLAY), opens the app; without one (or --scripted), runs
   `counter_client.ui.demo_flow` on the real app offscreen and prints a one-line summary.

Every child process is stopped on exit, Ctrl-C or failure. Each run's files (screenshots,
receipt previews, logs, the counter's folder) go to DIR/demo-<time>/.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from counter_client.demo.console import catch_interrupts, say
from counter_client.demo.memory_keyring import BACKEND
from counter_client.demo.processes import DemoError
from counter_client.demo.stack import DEFAULT_PORT, DemoCounter, DemoFolders, DemoStack

__all__ = ["DEMO_SYNC", "main", "prepare_counter"]

DEMO_SYNC: dict[str, Any] = {
    "connect_timeout_s": 2.0,
    "read_timeout_s": 30.0,
    "backoff_base_s": 0.2,
    "backoff_cap_s": 2.0,
    "interval_s": 2.0,
}
"""Sync settings for the demo: notice the centre leaving and coming back within seconds."""


def prepare_counter(stack: DemoStack) -> DemoCounter:
    """Add and register this run's counter, then enrol the cashier's finger if needed."""
    from counter_client.devices.printer import PrinterSettings
    from counter_client.ui.home import CounterSettings, SensorChoice
    from counter_client.ui.services import RegistrationRequest, register_counter

    known = stack.credentials()
    with stack.admin() as admin:
        location = admin.location_of(known["cashier"])
        code = admin.add_counter(location)
    printer = PrinterSettings.from_dict(
        {"connection": "network", "host": "127.0.0.1", "port": stack.printer_port}
    )
    settings = CounterSettings(
        centre_urls=(stack.url,),
        ca_file=stack.ca_file,
        counter_code=code,
        device_code=f"PC-{code}",
        printer=printer.to_dict(),
        sensor=SensorChoice(port=stack.sensor_port),
        office=f"Demo counter {code}",
    )
    home = stack.folders.counter_home
    request = RegistrationRequest(
        admin_username=known["admin"],
        admin_password=known["password"],
        settings=settings,
        location_code=location,
    )
    register_counter(request, home)
    say(f"counter {code} registered at {location}; its device secret is in the keyring")
    counter = DemoCounter(
        home=home,
        counter_code=code,
        cashier=known["cashier"],
        supervisor=known["supervisor"],
        pin=known["pin"],
        finger=f"{known['cashier']}-right-index",
        enrolled_now=False,
    )
    enrolled = enrol_if_needed(stack, counter, settings)
    return DemoCounter(**{**counter.__dict__, "enrolled_now": enrolled})


def enrol_if_needed(stack: DemoStack, counter: DemoCounter, settings: Any) -> bool:
    """The supervisor enrols the cashier's finger at this counter and sends it to the centre."""
    from counter_client.ui.services import Services

    services = Services.open(counter.home, settings, **DEMO_SYNC)
    try:
        report = services.engine.sync_once(attempts=3)
        if not report.online:
            raise DemoError(f"the counter's first sync failed: {report.offline_reason}")
        if services.roster.get(counter.cashier) is None:
            raise DemoError(f"the centre sent no cashier {counter.cashier} to this counter")
        if services.roster.fingerprint_template(counter.cashier) is not None:
            say(f"{counter.cashier}'s finger is already enrolled at the centre")
            return False
        services.login.approve_by_pin(counter.supervisor, counter.pin)
        stack.sensor_says(f"touch {counter.finger} 2")
        template = services.login.enrol_finger(counter.supervisor, counter.cashier)
        services.engine.client.upload_fingerprint(
            counter.cashier, template, supervisor=counter.supervisor, supervisor_pin=counter.pin
        )
        say(
            f"{counter.supervisor} enrolled {counter.cashier}'s finger at the counter; "
            "the template went to the centre"
        )
        return True
    finally:
        services.close()


def _has_display() -> bool:
    shown = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return shown and os.environ.get("QT_QPA_PLATFORM") != "offscreen"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m counter_client.ui.demo", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--scripted", action="store_true", help="run the scripted flow offscreen")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("TRM_DEMO_DIR", "data")))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0: any free port")
    parser.add_argument(
        "--consumers", type=int, default=int(os.environ.get("TRM_DEMO_CONSUMERS", "20000"))
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ["PYTHON_KEYRING_BACKEND"] = BACKEND  # set before anything opens the keyring
    scripted = args.scripted or not _has_display()
    if scripted:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    catch_interrupts()
    folders = DemoFolders.under(args.data)
    stack = DemoStack(folders, port=args.port, consumers=args.consumers)
    say(f"demo process {os.getpid()}; this run's folder: {folders.run}")
    say(f"the centre's folder: {folders.centre} (database, local CA, demo sign-in details)")
    summary_line = ""
    try:
        if not (folders.centre / "trm-central.db").exists():
            say(f"first run: the centre seeds {args.consumers:,} consumers (progress in its log)")
        say(f"starting the centre on {stack.url} and the sensor and printer emulators")
        stack.start()
        counter = prepare_counter(stack)
        say(
            "note: the demo keeps secrets in an in-memory keyring that ends with it; "
            "a real counter keeps them in the OS keyring"
        )
        from counter_client.ui.demo_flow import open_app, run_scripted

        if not scripted:
            return open_app(stack, counter, DEMO_SYNC)
        summary = run_scripted(stack, counter, DEMO_SYNC)
        say(f"receipt previews (what the printer emulator received): {folders.receipts}")
        say(f"logs of the centre and the emulators: {folders.logs}")
        summary_line = summary.line
        return 0 if summary.ok else 1
    except KeyboardInterrupt:
        say("stopped (Ctrl-C)")
        return 130
    except DemoError as error:
        say(f"failed: {error}")
        say(f"logs of the centre and the emulators: {folders.logs}")
        return 1
    except Exception as error:  # a bug or a refusal we did not expect: say it, keep the trace
        traceback.print_exc()
        say(f"failed: {type(error).__name__}: {error}")
        say(f"logs of the centre and the emulators: {folders.logs}")
        return 1
    finally:
        stack.close()
        say("every process the demo started is stopped")
        if summary_line:
            print(summary_line, flush=True)  # noqa: T201  (the last line: the summary)


if __name__ == "__main__":
    sys.exit(main())
