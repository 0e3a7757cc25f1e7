"""`make demo`'s machinery without Qt: the child processes and the centre's admin API.

The demo itself is `python -m counter_client.ui.demo` (it needs Qt for the app). This package
starts and stops the processes the counter talks to, each a real component run as it would be
on site: the central service (`python -m central_api.demo`, never imported: the centre and the
counter are separate programs), the fingerprint sensor emulator on a pseudo-terminal and the
network receipt printer emulator. It also holds the in-memory keyring the demo uses in place of
the OS keyring.
"""
