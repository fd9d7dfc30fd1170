"""Dutch input (bouwblokken.parse): every form a person types, and what is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bouwblokken import Activity
from bouwblokken.errors import BouwblokkenError, MoneyError
from bouwblokken.money import format_eur, format_number
from bouwblokken.parse import (
    exact_quantity,
    parse_amount,
    parse_date,
    parse_hours,
    parse_number,
    parse_word,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.400.000", "2400000"),
        ("2.400.000,00", "2400000.00"),
        ("2400000.00", "2400000.00"),
        ("2400000", "2400000"),
        ("2400000,00", "2400000.00"),
        ("2,400,000.00", "2400000.00"),
        ("€ 1.234,56", "1234.56"),
        ("€\u00a01.234,56", "1234.56"),
        ("1.234", "1234"),  # one point + three digits groups thousands (Dutch), stated rule 3
        ("1.5", "1.5"),
        ("0,05", "0.05"),
        ("-12,50", "-12.50"),
        (" 215 000 ", "215000"),
    ],
)
def test_amount_forms(text: str, expected: str) -> None:
    got = parse_amount(text)
    assert got == Decimal(expected) and str(got) == expected


@pytest.mark.parametrize(
    "text",
    ["2.4e6", "1,234", "2.40.000", "1.234,5.6", "12,34,5", "abc", "", "1.2345", "€", "--5"],
)
def test_amount_refused(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_amount(text)


def test_money_refuses_floats_hours_take_exact_ones() -> None:
    with pytest.raises(BouwblokkenError, match="float"):
        parse_amount(0.1 + 0.2)
    with pytest.raises(ValueError, match="float"):
        Activity(block="sw_bedrijf", invoice_amount=1234.5)  # type: ignore[arg-type]
    assert parse_hours(22.5) == Decimal("22.5")
    assert exact_quantity(7.6) == Decimal("7.6")  # shortest repr, not 7.5999999999999996447
    assert Activity(block="ww", hours_per_week=22.5).hours_per_week == Decimal("22.5")  # type: ignore[arg-type]
    for bad in (22.123456, 1e-7, 1e20, float("nan")):
        with pytest.raises(BouwblokkenError):
            parse_hours(bad)
    with pytest.raises(ValueError):
        Activity(block="ww", hours_per_week=0.1 + 0.2)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22,5", "22.5"), ("22.5", "22.5"), ("36", "36"), ("0,3333", "0.3333"), ("1.234", "1234")],
)
def test_numbers(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-05-01", date(2025, 5, 1)),
        ("01-05-2025", date(2025, 5, 1)),
        ("1-5-2025", date(2025, 5, 1)),
        ("01.05.2025", date(2025, 5, 1)),
        ("1 mei 2025", date(2025, 5, 1)),
        ("31 December 2025", date(2025, 12, 31)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["01/05/2025", "1-5-25", "31-02-2025", "1 foo 2025", "morgen"])
def test_dates_refused(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_date(text)


def test_dutch_words() -> None:
    assert parse_word("status", "gerealiseerd") == "realised"
    assert parse_word("status", "Gepland") == "planned"
    assert parse_word("category", "leren") == "learning"
    assert parse_word("contract_type", "diensten") == "services"
    assert Activity(block="ww", status="gerealiseerd").status == "realised"  # type: ignore[arg-type]
    assert Activity(block="ww", status="GEPLAND").status == "planned"  # type: ignore[arg-type]
    with pytest.raises(MoneyError, match="gepland"):
        parse_word("status", "misschien")


@given(st.integers(min_value=0, max_value=10**14))
def test_dutch_formatted_amounts_read_back(cents: int) -> None:
    amount = Decimal(cents) / 100
    assert parse_amount(format_eur(amount)) == amount
    assert parse_amount(format_number(amount)) == amount
    assert parse_amount(format_eur(amount, lang="en")) == amount
