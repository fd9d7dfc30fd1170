"""The exact euro: parsing without floats, the one rounding rule, Dutch and English formatting.

Amounts are :class:`decimal.Decimal` at the edges and :class:`fractions.Fraction` inside a
calculation (a pro-rata factor such as 24/36 has no finite decimal expansion). A calculation is
rounded exactly once, at its end, by :func:`round_cents`.

**The rounding rule** (catalogs publish none, see primer): *round half up to whole cents*
(``ROUND_HALF_UP``, "rekenkundig afronden": 0,5 cent and more goes up, away from zero), applied
once to the exact result of one valuation or one obligation. Never truncate (users.md pain 5:
calculators that truncate decimals).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from bouwblokken.errors import MoneyError

__all__ = [
    "AS_TEXT",
    "CENT",
    "Money",
    "NonNegativeMoney",
    "format_eur",
    "format_number",
    "from_cents",
    "parse_money",
    "round_cents",
    "to_cents",
]

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 18
"""Amounts and quantities from 10^15 up are refused: far beyond any contract, and it keeps
every product of the library's arithmetic inside Decimal's 28-digit context."""
MAX_TEXT = 40
"""An amount given as text has at most 40 characters (checked before converting)."""
_ROUNDABLE = 10**30
""":func:`round_cents` refuses amounts from 10^30 up (checked before converting, so a
``Decimal('1E+99999999')`` cannot make it run practically forever)."""
Lang = Literal["nl", "en"]


def _short(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else f"a number of {len(shown)} characters"


def parse_money(
    value: object, *, field: str | None = None, max_decimals: int | None = 2
) -> Decimal:
    """Turn ``value`` into an exact :class:`Decimal`, refusing anything inexact.

    Accepted: ``Decimal``, ``int``, ``Fraction`` with a finite decimal form, and strings such as
    ``"13223.74"``. Refused with :class:`MoneyError`: ``float`` (``1.1 + 2.2`` is not 3.3),
    ``bool``, NaN/infinity, and more than ``max_decimals`` decimals.
    """
    if isinstance(value, bool):
        raise MoneyError(
            f"expected an amount, got a boolean {value!r}", field=field, code="money.boolean"
        )
    if isinstance(value, float):
        raise MoneyError(
            f"expected an exact amount (a string such as '{value!r}', an int or a Decimal), "
            f"got the float {value!r}; floats cannot hold euro amounts exactly",
            field=field,
            code="money.float",
        )
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, int):
        d = Decimal(value)
    elif isinstance(value, Fraction):
        d = Decimal(value.numerator) / Decimal(value.denominator)
        if Fraction(d) != value:
            raise MoneyError(f"{value} has no exact decimal form", field=field)
    elif isinstance(value, str):
        text = value.strip().replace("_", "")
        if len(text) > MAX_TEXT:
            raise MoneyError(
                f"expected an amount such as '1234.56', got a text of {len(text)} characters "
                f"(at most {MAX_TEXT})",
                field=field,
                code="money.too_large",
            )
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise MoneyError(
                f"expected an amount such as '1234.56', got {value!r}",
                field=field,
                code="money.syntax",
            ) from None
    else:
        raise MoneyError(
            f"expected an amount (string, int or Decimal), got {type(value).__name__}",
            field=field,
            code="money.type",
        )
    if not d.is_finite():
        raise MoneyError(
            f"expected a finite amount, got {value!r}", field=field, code="money.not_finite"
        )
    if abs(d) >= MAX_AMOUNT:
        raise MoneyError(
            f"expected an amount below {MAX_AMOUNT:,} (no contract is that large), "
            f"got {_short(value)}",
            field=field,
            code="money.too_large",
        )
    exponent = d.as_tuple().exponent
    if max_decimals is not None and isinstance(exponent, int) and -exponent > max_decimals:
        raise MoneyError(
            f"expected at most {max_decimals} decimals, got {_short(value)}",
            field=field,
            code="money.too_many_decimals",
        )
    return d


AS_TEXT = PlainSerializer(lambda d: format(d, "f"), return_type=str, when_used="json")
"""Exact numbers are written to JSON as strings (``"13223.74"``), never as floats."""


def _validate_money(value: Any) -> Decimal:
    return parse_money(value)


Money = Annotated[
    Decimal,
    BeforeValidator(_validate_money),
    AS_TEXT,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^-?\d+(\.\d{1,2})?$"},
                {"type": "integer"},
            ],
            "description": "Euro amount, exact: a string with at most two decimals (or an int).",
        }
    ),
]
"""A pydantic field type for euro amounts: refuses floats, at most two decimals, JSON as string."""

NonNegativeMoney = Annotated[
    Decimal,
    BeforeValidator(_validate_money),
    Field(ge=0),
    AS_TEXT,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$"},
                {"type": "integer", "minimum": 0},
            ],
            "description": "Euro amount >= 0, exact: a string with at most two decimals "
            "(or an int).",
        }
    ),
]
"""A euro amount that cannot be negative (catalog values, invoices, contract values)."""


def _exact(amount: object) -> Fraction:
    """``amount`` as an exact Fraction of bounded size, or :class:`MoneyError` (floats refused:
    ``round_cents(2.675)`` would round the binary 2.67499999... down)."""
    if isinstance(amount, bool) or not isinstance(amount, Fraction | Decimal | int):
        code = "money.float" if isinstance(amount, float) else "money.type"
        raise MoneyError(
            f"expected an exact amount (Decimal, Fraction or int), got {type(amount).__name__} "
            f"{_short(amount)}; floats cannot hold euro amounts exactly",
            code=code,
        )
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise MoneyError(f"expected a finite amount, got {amount}", code="money.not_finite")
        if amount and not -40 <= amount.adjusted() < 30:
            raise MoneyError(
                f"amount {_short(amount)} is outside what can be rounded to cents",
                code="money.too_large",
            )
        return Fraction(amount)
    f = Fraction(amount)
    if abs(f.numerator) >= _ROUNDABLE * f.denominator or f.denominator.bit_length() > 400:
        raise MoneyError(
            f"amount {_short(amount)} is outside what can be rounded to cents",
            code="money.too_large",
        )
    return f


def round_cents(amount: Fraction | Decimal | int) -> Decimal:
    """Round an exact amount to whole cents, half up (away from zero). The one rounding rule.

    Refuses floats, NaN, infinity and amounts from 10^30 up with :class:`MoneyError`."""
    f = _exact(amount)
    sign = -1 if f < 0 else 1
    scaled = abs(f) * 100
    cents = scaled.numerator // scaled.denominator
    if (scaled - cents) * 2 >= 1:
        cents += 1
    return (Decimal(sign * cents) / 100).quantize(CENT)


def to_cents(amount: Decimal | Fraction | int) -> int:
    """An amount already in whole cents, as an int (refuses a fraction of a cent)."""
    f = _exact(amount) * 100
    if f.denominator != 1:
        raise MoneyError(f"{amount} is not a whole number of cents", code="money.not_whole_cents")
    return f.numerator


def from_cents(cents: int) -> Decimal:
    """Whole cents as a euro amount with two decimals (``800000`` → ``Decimal('8000.00')``)."""
    return (Decimal(cents) / 100).quantize(CENT)


def format_number(value: Fraction | Decimal | int, *, lang: Lang = "nl", decimals: int = 2) -> str:
    """Format a number with grouping: ``40.000,00`` (nl) or ``40,000.00`` (en)."""
    d = Decimal(value) if not isinstance(value, Fraction) else round_cents(value)
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    text = f"{d.quantize(q, rounding=ROUND_HALF_UP):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_eur(amount: Fraction | Decimal | int, *, lang: Lang = "nl") -> str:
    """``€ 13.223,74`` in Dutch, ``€13,223.74`` in English (both with a minus before the sign)."""
    d = round_cents(amount)
    body = format_number(abs(d), lang=lang)
    sign = "-" if d < 0 else ""
    return f"{sign}€ {body}" if lang == "nl" else f"{sign}€{body}"
