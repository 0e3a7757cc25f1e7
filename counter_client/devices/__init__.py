"""Devices at the counter: the fingerprint sensor and the receipt printer, with their emulators.

Nothing here imports Qt; every call may block on a device, so the UI runs them off the GUI thread.
The fingerprint interface is `counter_client.devices.fingerprint`.
"""
