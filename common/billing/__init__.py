"""The tariff engine: tariff orders as data and the itemised bill, for the centre and handhelds.

Pure computation with `Decimal` rates and integer paise; only `loader` reads files. A month is
30 days (`month_days` in each order) for prorating fixed charges, slab limits and interest.
"""

from common.billing.bill import Bill, BillLine, LineCode
from common.billing.compute import compute_bill
from common.billing.errors import BillingInputError, NoTariffInForce, TariffFileError
from common.billing.gruha_jyothi import entitlement_units
from common.billing.inputs import BillInputs, MeterChange, MeterStatus
from common.billing.loader import load_tariff_file, load_tariff_orders
from common.billing.tariff import Category, LoadUnit, TariffBook, TariffOrder

__all__ = [
    "Bill",
    "BillInputs",
    "BillLine",
    "BillingInputError",
    "Category",
    "LineCode",
    "LoadUnit",
    "MeterChange",
    "MeterStatus",
    "NoTariffInForce",
    "TariffBook",
    "TariffFileError",
    "TariffOrder",
    "compute_bill",
    "entitlement_units",
    "load_tariff_file",
    "load_tariff_orders",
]
