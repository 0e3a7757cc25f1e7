"""The real tariff book, loaded once for the billing tests."""

from __future__ import annotations

import pytest

from common.billing import TariffBook, load_tariff_orders
from tests.common.billing.factories import TARIFFS


@pytest.fixture(scope="session")
def book() -> TariffBook:
    """The tariff orders shipped in resources/tariffs."""
    return load_tariff_orders(TARIFFS)
