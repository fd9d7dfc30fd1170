"""money.py: exact parsing (no floats), the one rounding rule (half up), nl/en formatting."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bouwblokken.activity import Activity
from bouwblokken.errors import BouwblokkenError, MoneyError
from bouwblokken.money import CENT, format_eur, parse_money, round_cents, to_cents

# --- parse_money: refuses the inexact ---------------------------------------------------------


@pytest.mark.parametrize("value", [1.1, 0.0, 13223.74, float("inf"), -2.5])
def test_parse_money_refuses_floats(value: float) -> None:
    with pytest.raises(MoneyError, match="float"):
        parse_money(value)


@pytest.mark.parametrize("value", [True, False])
def test_parse_money_refuses_bools(value: bool) -> None:
    with pytest.raises(MoneyError, match="boolean"):
        parse_money(value)


@pytest.mark.parametrize(
    "value", ["NaN", "nan", "sNaN", "Infinity", "-inf", Decimal("NaN"), Decimal("-Infinity")]
)
def test_parse_money_refuses_nan_and_infinity(value: object) -> None:
    with pytest.raises(MoneyError, match="finite"):
        parse_money(value)


@pytest.mark.parametrize("value", ["1.001", "0.125", Decimal("13223.745"), "-0.001"])
def test_parse_money_refuses_more_than_two_decimals(value: object) -> None:
    with pytest.raises(MoneyError, match="at most 2 decimals"):
        parse_money(value)


def test_parse_money_max_decimals_is_adjustable() -> None:
    assert parse_money("0.1234", max_decimals=4) == Decimal("0.1234")
    assert parse_money("0.123456", max_decimals=None) == Decimal("0.123456")
    with pytest.raises(MoneyError):
        parse_money("0.12345", max_decimals=4)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13223.74", Decimal("13223.74")),
        (" 40000 ", Decimal("40000")),
        ("40_000.50", Decimal("40000.50")),
        ("-5.5", Decimal("-5.5")),
        (40000, Decimal(40000)),
        (0, Decimal(0)),
        (Decimal("1.10"), Decimal("1.10")),
        (Fraction(1, 4), Decimal("0.25")),
    ],
)
def test_parse_money_accepts_exact_values(value: object, expected: Decimal) -> None:
    got = parse_money(value)
    assert isinstance(got, Decimal)
    assert got == expected


@pytest.mark.parametrize("value", ["12,50", "EUR 5", "", "1.2.3", [1], None, Fraction(1, 3)])
def test_parse_money_refuses_other_input(value: object) -> None:
    with pytest.raises(MoneyError):
        parse_money(value)


def test_money_error_is_ours_and_names_the_field() -> None:
    with pytest.raises(BouwblokkenError) as info:
        parse_money(1.5, field="invoice_amount")
    assert isinstance(info.value, MoneyError)
    assert isinstance(info.value, ValueError)  # so pydantic wraps it, naming the field
    assert info.value.field == "invoice_amount"
    assert str(info.value).startswith("invoice_amount: ")


# --- pydantic Money fields -------------------------------------------------------------------


def test_money_field_refuses_float_with_validation_error() -> None:
    with pytest.raises(ValidationError) as info:
        Activity(block="x", invoice_amount=1.1)  # type: ignore[arg-type]
    (error,) = info.value.errors()
    assert error["loc"] == ("invoice_amount",)
    assert isinstance(error["ctx"]["error"], MoneyError)
    assert "float" in str(error["ctx"]["error"])


@pytest.mark.parametrize(
    ("value", "words"),
    [(True, "boolean"), ("NaN", "finite"), ("1.005", "at most 2 decimals"), (2.5, "float")],
)
def test_money_field_refuses_inexact_values(value: object, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        Activity(block="x", invoice_amount=value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1234.56", Decimal("1234.56")), (1234, Decimal(1234)), (Decimal("0.10"), Decimal("0.10"))],
)
def test_money_field_accepts_exact_values(value: object, expected: Decimal) -> None:
    a = Activity(block="x", invoice_amount=value)  # type: ignore[arg-type]
    assert a.invoice_amount == expected
    assert a.model_dump(mode="json")["invoice_amount"] == format(expected, "f")


def test_money_field_refuses_negative_invoice() -> None:
    with pytest.raises(ValidationError):
        Activity(block="x", invoice_amount="-1")  # type: ignore[arg-type]


# --- round_cents: half up, once ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("exact", "expected"),
    [
        (Fraction(1, 200), "0.01"),  # half a cent goes up
        (Fraction(-1, 200), "-0.01"),  # and away from zero
        (Fraction(1, 201), "0.00"),
        (Decimal("2.675"), "2.68"),  # the float trap: 2.675 is 2.67499... as a float
        (Decimal("2.665"), "2.67"),  # not banker's rounding
        (Fraction(4_820_000, 365), "13205.48"),
        (Fraction(40000 * 24 * 181, 36 * 365), "13223.74"),  # the primer's example
        (0, "0.00"),
        (7, "7.00"),
    ],
)
def test_round_cents_examples(exact: Fraction | Decimal | int, expected: str) -> None:
    got = round_cents(exact)
    assert got == Decimal(expected)
    assert got.as_tuple().exponent == -2


def _reference_half_up(f: Fraction) -> Decimal:
    """Decimal's own ROUND_HALF_UP of the exact value (enough precision for these inputs)."""
    with localcontext() as ctx:
        ctx.prec = 80
        exact = Decimal(f.numerator) / Decimal(f.denominator)
        # A value that ends in exactly half a cent is represented exactly by a finite division;
        # a non-terminating one is never exactly half a cent, so 80 digits decide correctly.
        return exact.quantize(CENT, rounding=ROUND_HALF_UP)


fractions_bounded = st.builds(
    Fraction,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=1, max_value=100_000),
)


@settings(deadline=None, max_examples=400)
@given(fractions_bounded)
def test_round_cents_is_half_up_of_the_exact_value(f: Fraction) -> None:
    got = round_cents(f)
    assert got == _reference_half_up(f)
    assert got.as_tuple().exponent == -2
    assert abs(Fraction(got) - f) <= Fraction(1, 200)


@settings(deadline=None, max_examples=200)
@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_round_cents_half_cent_boundaries(cents_times_2: int) -> None:
    """Every odd multiple of half a cent rounds away from zero."""
    f = Fraction(cents_times_2, 200)
    got = round_cents(f)
    if cents_times_2 % 2:
        assert abs(Fraction(got)) == abs(f) + Fraction(1, 200)
    else:
        assert Fraction(got) == f


def test_to_cents() -> None:
    assert to_cents(Decimal("13223.74")) == 1_322_374
    assert to_cents(Fraction(-1, 4)) == -25
    with pytest.raises(MoneyError):
        to_cents(Fraction(1, 3))


# --- format_eur ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        (Decimal("13223.74"), "€ 13.223,74", "€13,223.74"),
        (Decimal("-13223.74"), "-€ 13.223,74", "-€13,223.74"),
        (0, "€ 0,00", "€0.00"),
        (Decimal("-0.00"), "€ 0,00", "€0.00"),
        (Decimal("0.5"), "€ 0,50", "€0.50"),
        (Decimal("1234567.89"), "€ 1.234.567,89", "€1,234,567.89"),
        (12_000_000, "€ 12.000.000,00", "€12,000,000.00"),
        (Decimal("999.995"), "€ 1.000,00", "€1,000.00"),
        (Fraction(40000 * 24 * 181, 36 * 365), "€ 13.223,74", "€13,223.74"),
        (Fraction(-1, 200), "-€ 0,01", "-€0.01"),
    ],
)
def test_format_eur(amount: Fraction | Decimal | int, nl: str, en: str) -> None:
    assert format_eur(amount) == nl
    assert format_eur(amount, lang="nl") == nl
    assert format_eur(amount, lang="en") == en


@settings(deadline=None, max_examples=200)
@given(st.integers(min_value=-(10**11), max_value=10**11))
def test_format_eur_round_trips(cents: int) -> None:
    amount = Decimal(cents) / 100
    nl = format_eur(amount)
    en = format_eur(amount, lang="en")
    back_nl = Decimal(nl.replace("€ ", "").replace(".", "").replace(",", "."))
    back_en = Decimal(en.replace("€", "").replace(",", ""))
    assert back_nl == amount
    assert back_en == amount
