"""Devices at the counter: the fingerprint sensor and the receipt printer, with their emulators."""
