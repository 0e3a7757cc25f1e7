"""A meter reader's spot-billing handheld, simulated: downloads a route, reads, bills, uploads."""
