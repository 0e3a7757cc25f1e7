"""Billing on the centre: the bill run, spot billing from handhelds, the review queue."""
