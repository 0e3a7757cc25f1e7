"""Tests of the counter's devices: the fingerprint sensor and the receipt printer."""
