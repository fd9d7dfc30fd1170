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

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from bouwblokken.errors import MoneyError

__all__ = [
    "AS_TEXT",
    "CENT",
    "LOCALES",
    "NBSP",
    "Money",
    "NonNegativeMoney",
    "format_day",
    "format_eur",
    "format_number",
    "format_percent",
    "format_quantity",
    "from_cents",
    "locale_of",
    "parse_money",
    "round_cents",
    "to_cents",
]

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 18
"""Amounts and quantities from 10^15 up are refused: far beyond any contract, and it keeps
every product of the library's arithmetic inside Decimal's 28-digit context."""
Lang = Literal["nl", "en"]


def parse_money(
    value: object, *, field: str | None = None, max_decimals: int | None = 2
) -> Decimal:
    """Turn ``value`` into an exact :class:`Decimal`, refusing anything inexact.

    Accepted: ``Decimal``, ``int``, ``Fraction`` with a finite decimal form, and strings such as
    ``"13223.74"``. Refused with :class:`MoneyError`: ``float`` (``1.1 + 2.2`` is not 3.3),
    ``bool``, NaN/infinity, and more than ``max_decimals`` decimals.
    """
    if isinstance(value, bool):
        raise MoneyError(f"expected an amount, got a boolean {value!r}", field=field)
    if isinstance(value, float):
        raise MoneyError(
            f"expected an exact amount (a string such as '{value!r}', an int or a Decimal), "
            f"got the float {value!r}; floats cannot hold euro amounts exactly",
            field=field,
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
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise MoneyError(
                f"expected an amount such as '1234.56', got {value!r}", field=field
            ) from None
    else:
        raise MoneyError(
            f"expected an amount (string, int or Decimal), got {type(value).__name__}", field=field
        )
    if not d.is_finite():
        raise MoneyError(f"expected a finite amount, got {value!r}", field=field)
    if abs(d) >= MAX_AMOUNT:
        raise MoneyError(
            f"expected an amount below {MAX_AMOUNT:,} (no contract is that large), got {value!r}",
            field=field,
        )
    exponent = d.as_tuple().exponent
    if max_decimals is not None and isinstance(exponent, int) and -exponent > max_decimals:
        raise MoneyError(f"expected at most {max_decimals} decimals, got {value!r}", field=field)
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


def round_cents(amount: Fraction | Decimal | int) -> Decimal:
    """Round an exact amount to whole cents, half up (away from zero). The one rounding rule."""
    f = Fraction(amount)
    sign = -1 if f < 0 else 1
    scaled = abs(f) * 100
    cents = scaled.numerator // scaled.denominator
    if (scaled - cents) * 2 >= 1:
        cents += 1
    return (Decimal(sign * cents) / 100).quantize(CENT)


def to_cents(amount: Decimal | Fraction | int) -> int:
    """An amount already in whole cents, as an int (refuses a fraction of a cent)."""
    f = Fraction(amount) * 100
    if f.denominator != 1:
        raise MoneyError(f"{amount} is not a whole number of cents")
    return f.numerator


def from_cents(cents: int) -> Decimal:
    """Whole cents as a euro amount with two decimals (``800000`` → ``Decimal('8000.00')``)."""
    return (Decimal(cents) / 100).quantize(CENT)


NBSP = "\u00a0"
"""The no-break space between ``€`` and its amount (and before ``%`` in Dutch), so neither a
browser, a chart nor a word processor separates a sign from its number."""

LOCALES: dict[str, str] = {"nl": "nl_NL", "en": "en_GB"}
# Numbers take the locale's group and decimal signs from Babel (CLDR) once per language and
# format with Python's exact Decimal formatting: as exact as babel.numbers.format_currency and
# about three times faster, which matters because every valuation trail formats amounts.
"""The Babel locale of each output language. English is British English (``en_GB``): the
library's users work in the EU, with day-month-year dates and the euro; its number format
(``€13,223.74``) is the same as ``en_US``."""


def locale_of(lang: Lang) -> str:
    """The Babel locale used for ``lang`` (``nl_NL`` or ``en_GB``)."""
    return LOCALES[lang]


@cache
def _symbols(lang: Lang) -> dict[int, str]:
    """The locale's group and decimal signs (CLDR data through Babel), as a translation table
    from Python's ``,``/``.`` format (looked up once per language: formatting stays fast)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    loc = locale_of(lang)
    return {ord(","): get_group_symbol(loc), ord("."): get_decimal_symbol(loc)}


def format_number(value: Fraction | Decimal | int, *, lang: Lang = "nl", decimals: int = 2) -> str:
    """Format a number with grouping and exactly ``decimals`` decimals (half up):
    ``40.000,00`` (nl) or ``40,000.00`` (en); the signs are the locale's (Babel, CLDR)."""
    d = Decimal(value) if not isinstance(value, Fraction) else round_cents(value)
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    d = d.quantize(q, rounding=ROUND_HALF_UP)
    return f"{d:,.{decimals}f}".translate(_symbols(lang))


def format_quantity(value: Fraction | Decimal | int, *, lang: Lang = "nl") -> str:
    """An exact quantity (hours, months, a percentage) without trailing zeros: ``22,5`` (nl) /
    ``22.5`` (en), ``24``, ``0,3333`` (at most 4 decimals, half up), ``10.000``."""
    d = Decimal(value) if not isinstance(value, Fraction) else _four(value)
    d = d.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()
    exp = d.as_tuple().exponent
    places = max(0, -exp) if isinstance(exp, int) else 0
    return f"{d:,.{places}f}".translate(_symbols(lang))


def _four(value: Fraction) -> Decimal:
    scaled = value * 10000
    whole = scaled.numerator // scaled.denominator
    if (scaled - whole) * 2 >= 1:
        whole += 1
    return Decimal(whole).scaleb(-4)


def format_eur(amount: Fraction | Decimal | int, *, lang: Lang = "nl") -> str:
    """``€ 13.223,74`` in Dutch, ``€13,223.74`` in English (both with a minus before the sign),
    rounded by :func:`round_cents`. The Dutch space is a no-break space (:data:`NBSP`)."""
    d = round_cents(amount)
    body = format_number(abs(d), lang=lang)
    sign = "-" if d < 0 else ""
    return f"{sign}€{NBSP}{body}" if lang == "nl" else f"{sign}€{body}"


def format_percent(value: Fraction | Decimal | int, *, lang: Lang = "nl", decimals: int = 1) -> str:
    """A percentage given in percent (``91.8`` → ``91,8 %`` in Dutch with a no-break space,
    ``91.8%`` in English), ``decimals`` decimals half up. Used by every view (text, HTML,
    charts, Excel labels), so a percentage reads the same everywhere."""
    body = format_number(value, lang=lang, decimals=decimals)
    return f"{body}{NBSP}%" if lang == "nl" else f"{body}%"


def format_day(day: date, *, lang: Lang = "nl", style: Literal["short", "long"] = "short") -> str:
    """A date: ``01-05-2025`` / ``1 mei 2025`` (nl), ``01/05/2025`` / ``1 May 2025`` (en)."""
    from babel.dates import format_date

    pattern = "dd-MM-y" if lang == "nl" else "dd/MM/y"
    text: str = format_date(
        day, pattern if style == "short" else "d MMMM y", locale=locale_of(lang)
    )
    return text
