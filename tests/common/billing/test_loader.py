"""Loader: bad tariff files are refused with the file, the line and the field named."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from common.billing import NoTariffInForce, TariffFileError, load_tariff_orders
from tests.common.billing.factories import TARIFFS

GOOD = TARIFFS / "cesc-2024-04-01.toml"


def line_number(text: str, fragment: str) -> int:
    """The 1-based line of the first line containing `fragment`."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def write_order(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(directory: Path) -> TariffFileError:
    with pytest.raises(TariffFileError) as caught:
        load_tariff_orders(directory)
    return caught.value


def test_shipped_orders_load_in_date_order_and_pick_by_date() -> None:
    book = load_tariff_orders(TARIFFS)
    assert [order.effective_from for order in book.orders] == [
        date(2023, 4, 1),
        date(2024, 4, 1),
        date(2025, 4, 1),
    ]
    assert book.order_for(date(2024, 3, 31)).effective_from == date(2023, 4, 1)
    assert book.order_for(date(2024, 4, 1)).effective_from == date(2024, 4, 1)
    assert book.order_for(date(2030, 1, 1)).effective_from == date(2025, 4, 1)
    assert book.order_for(date(2024, 6, 1)).category("LT-1").energy_slabs[0].rate == Decimal("5.90")


def test_date_before_first_order_has_no_tariff() -> None:
    with pytest.raises(NoTariffInForce):
        load_tariff_orders(TARIFFS).order_for(date(2023, 3, 31))


def test_two_orders_on_same_date_overlap(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "a.toml")
    text = GOOD.read_text(encoding="utf-8")
    later = write_order(tmp_path, "b.toml", text)
    error = refused(tmp_path)
    assert error.file == later
    assert error.field == "order.effective_from"
    assert error.line == line_number(text, "effective_from =")
    assert "a.toml" in error.reason
    assert str(error).startswith(f"{later}:{error.line}: order.effective_from:")


def test_effective_until_running_into_next_order_overlaps(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    first = text.replace(
        "effective_from = 2024-04-01", "effective_from = 2024-04-01\neffective_until = 2025-06-30"
    )
    write_order(tmp_path, "first.toml", first)
    second = text.replace("effective_from = 2024-04-01", "effective_from = 2025-04-01")
    path = write_order(tmp_path, "second.toml", second)
    error = refused(tmp_path)
    assert (error.file, error.field) == (path, "order.effective_from")
    assert error.line == line_number(second, "effective_from =")


def test_missing_category_named_with_line_of_categories(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    start = text.index("[categories.LT-5]")
    end = text.index("[categories.LT-6a]")
    path = write_order(tmp_path, "order.toml", text[:start] + text[end:])
    error = refused(tmp_path)
    assert (error.file, error.field) == (path, "categories.LT-5")
    assert error.line == line_number(text, "[categories.LT-1]")
    assert "missing required category LT-5" in error.reason


def test_float_rate_refused_naming_slab_line(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8").replace('{ rate = "5.90" }', "{ rate = 5.90 }")
    path = write_order(tmp_path, "order.toml", text)
    error = refused(tmp_path)
    assert (error.file, error.field) == (path, "categories.LT-1.energy_slabs[0].rate")
    assert error.line == line_number(text, "{ rate = 5.90 }")
    assert "not a float" in error.reason


def test_text_where_number_expected_named(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8").replace("month_days = 30", 'month_days = "30"')
    write_order(tmp_path, "order.toml", text)
    error = refused(tmp_path)
    assert error.field == "rules.month_days"
    assert error.line == line_number(text, "month_days =")


def test_misspelt_field_refused(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8").replace("uplift_percent", "uplift_pct")
    write_order(tmp_path, "order.toml", text)
    error = refused(tmp_path)
    assert error.field == "gruha_jyothi.uplift_pct"
    assert error.line == line_number(text, "uplift_pct")


def test_slab_limits_must_rise(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8").replace(
        '{ rate = "9.00" }', '{ up_to = 40, rate = "9.00" },\n    { rate = "9.50" }'
    )
    write_order(tmp_path, "order.toml", text)
    error = refused(tmp_path)
    assert error.field == "categories.LT-3.energy_slabs[1].up_to"
    assert error.line == line_number(text, "up_to = 40")


def test_overlapping_fuel_adjustments_refused(tmp_path: Path) -> None:
    extra = '\n[[fuel_adjustment]]\nfrom = 2024-04-01\nto = 2024-06-30\nrate = "0.10"\n'
    text = GOOD.read_text(encoding="utf-8").replace(
        "[categories.LT-1]", extra * 2 + "\n[categories.LT-1]", 1
    )
    write_order(tmp_path, "order.toml", text)
    error = refused(tmp_path)
    assert error.field == "fuel_adjustment[1].from"
    entries = [n for n, line in enumerate(text.splitlines(), start=1) if "[[fuel" in line]
    assert error.line == entries[1] + 1  # the "from =" line of the second entry


def test_syntax_error_reports_its_line(tmp_path: Path) -> None:
    text = GOOD.read_text(encoding="utf-8").replace("cap_units = 200", "cap_units = = 200")
    write_order(tmp_path, "order.toml", text)
    error = refused(tmp_path)
    assert error.field == "(syntax)"
    assert error.line == line_number(text, "cap_units = = 200")


def test_empty_directory_refused(tmp_path: Path) -> None:
    assert "no tariff order files" in refused(tmp_path).reason
