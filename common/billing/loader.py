"""Reads and checks the tariff orders in `resources/tariffs/`: the only module here doing I/O."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from common.billing.errors import TariffFileError
from common.billing.tariff import (
    REQUIRED_CATEGORIES,
    TAX_BASE_PARTS,
    Category,
    EnergySlab,
    FuelAdjustment,
    GruhaJyothiRules,
    LoadUnit,
    TariffBook,
    TariffOrder,
    TariffRules,
)
from common.billing.toml_lines import KeyPath, key_lines, line_of

__all__ = ["load_tariff_file", "load_tariff_orders"]

_ALLOWED_KEYS: dict[str, frozenset[str]] = {
    "": frozenset({"order", "rules", "gruha_jyothi", "fuel_adjustment", "categories"}),
    "order": frozenset({"title", "effective_from", "effective_until", "kerc_order_date", "source"}),
    "rules": frozenset(
        {
            "month_days",
            "electricity_tax_percent",
            "electricity_tax_base",
            "interest_percent_per_month",
            "part_load_unit_as_full",
            "pension_surcharge_per_unit",
        }
    ),
    "gruha_jyothi": frozenset({"first_bill_on", "uplift_percent", "cap_units", "categories"}),
    "fuel_adjustment": frozenset({"from", "to", "rate"}),
    "category": frozenset(
        {
            "name_en",
            "name_kn",
            "load_unit",
            "fixed_charge_per_load_unit",
            "energy_slabs",
            "billed_to_government",
        }
    ),
    "slab": frozenset({"up_to", "rate"}),
}
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


class _TariffFile:
    """One file's parsed content with helpers that fail naming the file, line and field."""

    def __init__(self, path: Path) -> None:
        self.path = path
        text = path.read_text(encoding="utf-8")
        try:
            self.data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            position = _TOML_POSITION.search(str(error))
            line = int(position.group(1)) if position else 1
            raise TariffFileError(path, line, "(syntax)", str(error)) from None
        self.lines = key_lines(text)

    def fail(self, path: KeyPath, reason: str) -> TariffFileError:
        """An error for the field at `path`."""
        field = ".".join(f"[{part}]" if isinstance(part, int) else part for part in path)
        return TariffFileError(
            self.path, line_of(self.lines, path), field.replace(".[", "["), reason
        )

    def table(self, value: object, path: KeyPath, kind: str) -> Mapping[str, Any]:
        """`value` as a table whose keys are all known for `kind`."""
        if not isinstance(value, dict):
            raise self.fail(path, f"must be a table, got {_type_name(value)}")
        for key in value:
            if key not in _ALLOWED_KEYS[kind]:
                raise self.fail((*path, key), "unknown field (misspelt?)")
        return value

    def required(self, table: Mapping[str, Any], path: KeyPath, key: str) -> object:
        """The value of `key`, which must be there."""
        if key not in table:
            raise self.fail(path, f"missing required field {key!r}")
        return table[key]

    def text(self, table: Mapping[str, Any], path: KeyPath, key: str) -> str:
        """A required non-empty string."""
        value = self.required(table, path, key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail((*path, key), f"must be non-empty text, got {_type_name(value)}")
        return value

    def day(self, table: Mapping[str, Any], path: KeyPath, key: str) -> date:
        """A required TOML date (not a date-time)."""
        value = self.required(table, path, key)
        if isinstance(value, datetime) or not isinstance(value, date):
            raise self.fail(
                (*path, key), f"must be a date like 2024-04-01, got {_type_name(value)}"
            )
        return value

    def whole(self, table: Mapping[str, Any], path: KeyPath, key: str, minimum: int) -> int:
        """A required integer at least `minimum`."""
        value = self.required(table, path, key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail((*path, key), f"must be a whole number, got {_type_name(value)}")
        if value < minimum:
            raise self.fail((*path, key), f"must be at least {minimum}, got {value}")
        return value

    def flag(self, table: Mapping[str, Any], path: KeyPath, key: str, default: bool) -> bool:
        """An optional true/false."""
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail((*path, key), f"must be true or false, got {_type_name(value)}")
        return value

    def amount(
        self,
        table: Mapping[str, Any],
        path: KeyPath,
        key: str,
        *,
        negative_allowed: bool = False,
        default: Decimal | None = None,
    ) -> Decimal:
        """A rate or percentage written as a string ("5.90") or an integer; never a float."""
        if key not in table and default is not None:
            return default
        value = self.required(table, path, key)
        where = (*path, key)
        if isinstance(value, float):
            raise self.fail(where, f'write money as text, e.g. "{value}", not a float')
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(
                where, f'must be a number written as text like "5.90", got {_type_name(value)}'
            )
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise self.fail(where, f"{value!r} is not a number") from None
        if not number.is_finite():
            raise self.fail(where, f"{value!r} is not a finite number")
        if number < 0 and not negative_allowed:
            raise self.fail(where, f"must not be negative, got {value}")
        return number


def _type_name(value: object) -> str:
    names = {bool: "true/false", str: "text", int: "a whole number", float: "a float"}
    for kind, name in names.items():
        if type(value) is kind:
            return f"{name} ({value!r})"
    if isinstance(value, datetime):
        return f"a date-time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _rules(source: _TariffFile, value: object) -> TariffRules:
    path: KeyPath = ("rules",)
    table = source.table(value, path, "rules")
    base = source.required(table, path, "electricity_tax_base")
    if not isinstance(base, list) or not all(isinstance(part, str) for part in base):
        raise source.fail((*path, "electricity_tax_base"), "must be a list of charge names")
    for index, part in enumerate(base):
        if part not in TAX_BASE_PARTS:
            allowed = ", ".join(sorted(TAX_BASE_PARTS))
            raise source.fail(
                (*path, "electricity_tax_base", index), f"unknown charge {part!r}; use {allowed}"
            )
    return TariffRules(
        month_days=source.whole(table, path, "month_days", 1),
        electricity_tax_percent=source.amount(table, path, "electricity_tax_percent"),
        electricity_tax_base=frozenset(base),
        interest_percent_per_month=source.amount(table, path, "interest_percent_per_month"),
        part_load_unit_as_full=source.flag(table, path, "part_load_unit_as_full", True),
        pension_surcharge_per_unit=source.amount(
            table, path, "pension_surcharge_per_unit", default=Decimal(0)
        ),
    )


def _slabs(source: _TariffFile, value: object, path: KeyPath) -> tuple[EnergySlab, ...]:
    if not isinstance(value, list) or not value:
        raise source.fail(path, 'must be a non-empty list of {up_to = ..., rate = "..."}')
    slabs: list[EnergySlab] = []
    previous_limit = 0
    for index, entry in enumerate(value):
        where = (*path, index)
        table = source.table(entry, where, "slab")
        is_last = index == len(value) - 1
        if is_last and "up_to" in table:
            raise source.fail((*where, "up_to"), "the last slab takes all the remaining units")
        up_to = None if is_last else source.whole(table, where, "up_to", previous_limit + 1)
        slabs.append(EnergySlab(up_to=up_to, rate=source.amount(table, where, "rate")))
        previous_limit = up_to or previous_limit
    return tuple(slabs)


def _category(source: _TariffFile, code: str, value: object) -> Category:
    path: KeyPath = ("categories", code)
    table = source.table(value, path, "category")
    unit_text = source.text(table, path, "load_unit")
    try:
        load_unit = LoadUnit(unit_text)
    except ValueError:
        raise source.fail(
            (*path, "load_unit"), f'must be "kW" or "HP", got {unit_text!r}'
        ) from None
    return Category(
        code=code,
        name_en=source.text(table, path, "name_en"),
        name_kn=source.text(table, path, "name_kn"),
        load_unit=load_unit,
        fixed_charge_per_load_unit=source.amount(table, path, "fixed_charge_per_load_unit"),
        energy_slabs=_slabs(
            source, source.required(table, path, "energy_slabs"), (*path, "energy_slabs")
        ),
        billed_to_government=source.flag(table, path, "billed_to_government", False),
    )


def _categories(source: _TariffFile) -> dict[str, Category]:
    value = source.data.get("categories")
    if value is None:
        raise source.fail(("categories",), "missing: the order must list its tariff categories")
    if not isinstance(value, dict):
        raise source.fail(("categories",), f"must be a table, got {_type_name(value)}")
    table: dict[str, Any] = value
    for code in REQUIRED_CATEGORIES:
        if code not in table:
            raise source.fail(("categories", code), f"missing required category {code}")
    return {code: _category(source, code, entry) for code, entry in table.items()}


def _fuel_adjustments(source: _TariffFile) -> tuple[FuelAdjustment, ...]:
    value = source.data.get("fuel_adjustment", [])
    if not isinstance(value, list):
        raise source.fail(("fuel_adjustment",), "must be written as [[fuel_adjustment]] tables")
    entries: list[FuelAdjustment] = []
    for index, item in enumerate(value):
        path: KeyPath = ("fuel_adjustment", index)
        table = source.table(item, path, "fuel_adjustment")
        entry = FuelAdjustment(
            start=source.day(table, path, "from"),
            end=source.day(table, path, "to"),
            rate=source.amount(table, path, "rate", negative_allowed=True),
        )
        if entry.end < entry.start:
            raise source.fail((*path, "to"), f"{entry.end} is before 'from' {entry.start}")
        for other in entries:
            if entry.start <= other.end and other.start <= entry.end:
                raise source.fail(
                    (*path, "from"), f"overlaps the entry from {other.start} to {other.end}"
                )
        entries.append(entry)
    return tuple(sorted(entries, key=lambda entry: entry.start))


def _gruha_jyothi(
    source: _TariffFile, categories: Mapping[str, Category]
) -> GruhaJyothiRules | None:
    value = source.data.get("gruha_jyothi")
    if value is None:
        return None
    path: KeyPath = ("gruha_jyothi",)
    table = source.table(value, path, "gruha_jyothi")
    codes = source.required(table, path, "categories")
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise source.fail((*path, "categories"), "must be a list of category codes")
    for code in codes:
        if code not in categories:
            raise source.fail((*path, "categories"), f"{code!r} is not a category of this order")
    return GruhaJyothiRules(
        first_bill_on=source.day(table, path, "first_bill_on"),
        uplift_percent=source.amount(table, path, "uplift_percent"),
        cap_units=source.whole(table, path, "cap_units", 1),
        categories=frozenset(codes),
    )


def load_tariff_file(path: Path) -> TariffOrder:
    """Read and check one tariff order file."""
    source = _TariffFile(path)
    source.table(source.data, (), "")
    order_path: KeyPath = ("order",)
    order = source.table(source.required(source.data, (), "order"), order_path, "order")
    effective_from = source.day(order, order_path, "effective_from")
    effective_until = None
    if "effective_until" in order:
        effective_until = source.day(order, order_path, "effective_until")
        if effective_until < effective_from:
            raise source.fail((*order_path, "effective_until"), "is before effective_from")
    if "kerc_order_date" in order:
        source.day(order, order_path, "kerc_order_date")
    categories = _categories(source)
    return TariffOrder(
        title=source.text(order, order_path, "title"),
        source_file=path,
        effective_from=effective_from,
        effective_until=effective_until,
        rules=_rules(source, source.required(source.data, (), "rules")),
        categories=categories,
        fuel_adjustments=_fuel_adjustments(source),
        gruha_jyothi=_gruha_jyothi(source, categories),
    )


def _check_no_overlap(orders: Sequence[TariffOrder]) -> None:
    for earlier, later in zip(orders, orders[1:], strict=False):
        same_start = earlier.effective_from == later.effective_from
        runs_into = (
            earlier.effective_until is not None and earlier.effective_until >= later.effective_from
        )
        if same_start or runs_into:
            until = earlier.effective_until.isoformat() if earlier.effective_until else "open"
            lines = key_lines(later.source_file.read_text(encoding="utf-8"))
            raise TariffFileError(
                later.source_file,
                line_of(lines, ("order", "effective_from")),
                "order.effective_from",
                f"{later.effective_from} overlaps {earlier.source_file.name} "
                f"(in force {earlier.effective_from} to {until})",
            )


def load_tariff_orders(directory: Path) -> TariffBook:
    """Read every `*.toml` in `directory`, check each and check that no two overlap."""
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise TariffFileError(directory, 0, "(files)", "no tariff order files (*.toml) found")
    orders = sorted((load_tariff_file(path) for path in files), key=lambda o: o.effective_from)
    _check_no_overlap(orders)
    return TariffBook(orders=tuple(orders))
