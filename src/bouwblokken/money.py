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

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    ValidationInfo,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from bouwblokken.errors import MoneyError, shown

__all__ = [
    "AS_TEXT",
    "CENT",
    "DOCUMENT",
    "LANGS",
    "LOCALES",
    "NBSP",
    "ExactSchema",
    "Money",
    "NonNegativeMoney",
    "format_day",
    "format_eur",
    "format_exact",
    "format_number",
    "format_percent",
    "format_quantity",
    "format_share_up",
    "from_cents",
    "locale_of",
    "parse_exact",
    "parse_money",
    "round_cents",
    "to_cents",
]

CENT = Decimal("0.01")
ZERO_CENTS = Decimal("0.00")
_EXACT_CONTEXT = Context(prec=60)
MAX_AMOUNT = Decimal(10) ** 18
"""Amounts and quantities from 10^15 up are refused: far beyond any contract, and it keeps
every product of the library's arithmetic inside Decimal's 28-digit context."""
MAX_TEXT = 40
"""An amount given as text has at most 40 characters (checked before converting)."""
_ROUNDABLE = 10**24
""":func:`round_cents` refuses amounts from 10^24 up (checked before converting, so a
``Decimal('1E+99999999')`` cannot make it run practically forever)."""
Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")
"""The languages of every text: Dutch first, English on request."""


def _short(value: object) -> str:
    return shown(value)


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
            f"expected an amount, got a boolean {value!r}",
            field=field,
            code="money.boolean",
            nl=f"verwacht een bedrag, kreeg de ja/nee-waarde {value!r}",
        )
    if isinstance(value, float):
        raise MoneyError(
            f"expected an exact amount (a string such as '{value!r}', an int or a Decimal), "
            f"got the float {value!r}; floats cannot hold euro amounts exactly",
            field=field,
            code="money.float",
            nl=f"verwacht een exact bedrag (een tekst zoals '{value!r}', een geheel getal of een "
            f"Decimal), kreeg de float {value!r}; een float kan een bedrag niet exact bevatten",
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
                f"expected an amount such as '1234.56', got {shown(value)}",
                field=field,
                code="money.syntax",
                nl=f"verwacht een bedrag zoals '1234.56', kreeg {shown(value)}",
            ) from None
    else:
        raise MoneyError(
            f"expected an amount (string, int or Decimal), got {type(value).__name__}",
            field=field,
            code="money.type",
        )
    if not d.is_finite():
        raise MoneyError(
            f"expected a finite amount, got {shown(value)}", field=field, code="money.not_finite"
        )
    if d.copy_abs() >= MAX_AMOUNT:  # copy_abs: no context, so 1E+999999999 cannot overflow
        raise MoneyError(
            f"expected an amount below {MAX_AMOUNT:,} (no contract is that large), "
            f"got {_short(value)}",
            field=field,
            code="money.too_large",
            nl=f"verwacht een bedrag onder {MAX_AMOUNT:,}, kreeg {_short(value)}",
        )
    exponent = d.as_tuple().exponent
    if max_decimals is not None and isinstance(exponent, int) and -exponent > max_decimals:
        raise MoneyError(
            f"expected at most {max_decimals} decimals, got {_short(value)}",
            field=field,
            code="money.too_many_decimals",
            nl=f"verwacht hoogstens {max_decimals} decimalen, kreeg {_short(value)}",
        )
    return d


AS_TEXT = PlainSerializer(lambda d: format(d, "f"), return_type=str, when_used="json")
"""Exact numbers are written to JSON as strings (``"13223.74"``), never as floats."""

DOCUMENT = "document"
"""Validation context key: ``model_validate(data, context={DOCUMENT: True})`` reads a JSON or
TOML document under its schema's grammar (see :class:`ExactSchema`)."""

_CANONICAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def in_document(info: ValidationInfo | None) -> bool:
    """Whether a validation reads a document (its context says so)."""
    return bool(info is not None and isinstance(info.context, dict) and info.context.get(DOCUMENT))


def parse_exact(value: Any, info: ValidationInfo | None, *, max_decimals: int) -> Decimal:
    """:func:`parse_money` for a model field. In a document, a string must be canonical
    (``-?(0|[1-9][0-9]*)(.[0-9]+)?``, what the JSON Schema says) and a JSON number's trailing
    zeros do not count as decimals (``1.500`` is a multiple of 0.01, as the schema says)."""
    if in_document(info):
        if isinstance(value, str) and not _CANONICAL.fullmatch(value):
            shown = repr(value) if len(value) <= 40 else f"a text of {len(value)} characters"
            raise MoneyError(
                f"expected an amount or a number written as '1234.56' (digits, at most one point, "
                f"no spaces, no exponent), "
                f"got {shown}",
                code="money.syntax",
                nl=f"verwacht een getal geschreven als '1234.56' (cijfers, één punt, geen "
                f"spaties), kreeg {shown}",
            )
        if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) < 30:
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > max_decimals:
                value = value.normalize()  # 1.500 -> 1.5; 1.505 stays three decimals
            new_exponent = value.as_tuple().exponent
            if isinstance(new_exponent, int) and new_exponent > 0:
                value = value.quantize(Decimal(1))  # 1E+2 -> 100
    return parse_money(value, max_decimals=max_decimals)


def _validate_money(value: Any, info: ValidationInfo) -> Decimal:
    return parse_exact(value, info, max_decimals=2)


def _below(n: int) -> str:
    """A regex for the canonical integers ``0 <= x < n`` (``n >= 1``, no leading zeros)."""
    s = str(n)
    k = len(s)
    if k == 1:
        return "0" if n == 1 else f"[0-{n - 1}]"
    alts = ["0", f"[1-9][0-9]{{0,{k - 2}}}" if k > 2 else "[1-9]"]
    for i in range(k):
        lo = 1 if i == 0 else 0
        hi = int(s[i]) - 1
        if hi >= lo:
            rest = k - i - 1
            alts.append(s[:i] + f"[{lo}-{hi}]" + (f"[0-9]{{{rest}}}" if rest else ""))
    return "(" + "|".join(alts) + ")"


def _bound(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    d = Decimal(str(value))
    if d != d.to_integral_value():
        raise TypeError(f"ExactSchema supports whole-number bounds only, got {value}")
    return int(d)


class ExactSchema:
    """The JSON Schema of an exact number field, built from the field's own bounds, so the
    schema says exactly what the reader accepts (issue 11, "one contract"):

    - a canonical string (``"1234.56"``) with at most ``decimals`` decimals, bounded by regex;
    - or an integer, bounded;
    - or a JSON number that is a multiple of ``10^-decimals``, bounded.

    Every value is also below :data:`MAX_AMOUNT` in size (the reader refuses larger)."""

    def __init__(self, decimals: int, description: str) -> None:
        self.decimals = decimals
        self.description = description

    def __get_pydantic_json_schema__(
        self, core: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        default = handler(core)
        cap = int(MAX_AMOUNT)
        ge, gt = _bound(default.get("ge")), _bound(default.get("gt"))
        le, lt = _bound(default.get("le")), _bound(default.get("lt"))
        low_incl = -cap + 1 if ge is None and gt is None else (ge if ge is not None else None)
        low_excl = gt
        if ge is not None and gt is not None:  # both given: keep the stricter
            low_incl, low_excl = (None, gt) if gt >= ge else (ge, None)
        high_incl = le if le is not None and le < cap else None
        high_excl = lt if lt is not None and lt <= cap else (None if high_incl is not None else cap)
        d = self.decimals
        frac = f"(\\.[0-9]{{1,{d}}})?" if d else ""
        zeros = f"(\\.0{{1,{d}}})?" if d else ""
        # the non-negative magnitudes up to the upper bound
        if high_incl is not None:
            positive = f"({_below(high_incl)}{frac}|{high_incl}{zeros})"
        else:
            assert high_excl is not None
            positive = f"{_below(high_excl)}{frac}"
        signed = (low_incl is not None and low_incl < 0) or (low_excl is not None and low_excl < 0)
        pattern = f"^{'-?' if signed else ''}{positive}$"
        string: dict[str, Any] = {"type": "string", "pattern": pattern}
        if low_excl == 0:
            string["not"] = {"pattern": f"^0{zeros}$"}
        limits: dict[str, Any] = {}
        if low_incl is not None:
            limits["minimum"] = low_incl
        if low_excl is not None:
            limits["exclusiveMinimum"] = low_excl
        if high_incl is not None:
            limits["maximum"] = high_incl
        if high_excl is not None:
            limits["exclusiveMaximum"] = high_excl
        step = float(Decimal(1).scaleb(-d))  # float-ok: a JSON Schema keyword, not money
        number: dict[str, Any] = {"type": "number", "multipleOf": step}
        return {
            "anyOf": [string, {"type": "integer", **limits}, {**number, **limits}],
            "description": self.description,
        }


Money = Annotated[
    Decimal,
    BeforeValidator(_validate_money),
    AS_TEXT,
    ExactSchema(
        2,
        'Euro amount, exact: a string such as "1234.56", an integer, or a JSON '
        "number with at most two decimals.",
    ),
]
"""A pydantic field type for euro amounts: refuses floats, at most two decimals, JSON as string."""

NonNegativeMoney = Annotated[
    Decimal,
    BeforeValidator(_validate_money),
    Field(ge=0),
    AS_TEXT,
    ExactSchema(
        2,
        'Euro amount >= 0, exact: a string such as "1234.56", an integer, or a '
        "JSON number with at most two decimals.",
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
        if amount and not -40 <= amount.adjusted() < 24:
            raise MoneyError(
                f"amount {_short(amount)} is outside what can be rounded to cents",
                code="money.too_large",
            )
        return Fraction(amount)
    f = amount if type(amount) is Fraction else Fraction(amount)  # a Fraction is immutable
    if abs(f.numerator) >= _ROUNDABLE * f.denominator or f.denominator.bit_length() > 400:
        raise MoneyError(
            f"amount {_short(amount)} is outside what can be rounded to cents",
            code="money.too_large",
        )
    return f


def round_cents(amount: Fraction | Decimal | int) -> Decimal:
    """Round an exact amount to whole cents, half up (away from zero). The one rounding rule.

    Refuses floats, NaN, infinity and amounts from 10^24 up with :class:`MoneyError`."""
    if type(amount) is Decimal and amount.is_finite() and -40 <= amount.adjusted() < 24:
        # The common case (amounts read from documents, trail totals): Decimal's own half-up
        # quantize, in a fixed context (a caller's precision or rounding cannot change it).
        q = amount.quantize(CENT, rounding=ROUND_HALF_UP, context=_EXACT_CONTEXT)
        return q if q else ZERO_CENTS
    f = _exact(amount)
    # Integer arithmetic on the exact fraction (no intermediate Fraction objects): this is the
    # hot path of every valuation.
    n, d = f.numerator, f.denominator
    cents, rest = divmod(abs(n) * 100, d)
    if rest * 2 >= d:
        cents += 1
    return Decimal(-cents if n < 0 else cents).scaleb(-2)


def to_cents(amount: Decimal | Fraction | int) -> int:
    """An amount already in whole cents, as an int (refuses a fraction of a cent)."""
    f = _exact(amount) * 100
    if f.denominator != 1:
        raise MoneyError(f"{amount} is not a whole number of cents", code="money.not_whole_cents")
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


def format_exact(value: Fraction | Decimal | int, lang: Lang = "nl") -> str:
    """A number in a trail, as a person writes it and checks it by hand: ``24``, ``22,5``, or
    an exact fraction ``15/31`` / ``2 6/31`` where a decimal would have to be cut off."""
    f = Fraction(value)
    if f.denominator == 1:
        return format_number(f.numerator, lang=lang, decimals=0)
    d = Decimal(f.numerator) / Decimal(f.denominator)
    if Fraction(d) == f and len(str(d)) <= 10:
        text = format(d.normalize(), "f")
        return text.replace(".", ",") if lang == "nl" else text
    whole, rest = divmod(f.numerator, f.denominator)
    return f"{whole} {rest}/{f.denominator}" if whole else f"{rest}/{f.denominator}"


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
    # d has exactly two decimals: Python's exact Decimal formatting, the locale's signs.
    body = f"{-d if d < 0 else d:,.2f}".translate(_symbols(lang))
    sign = "-" if d < 0 else ""
    return f"{sign}€{NBSP}{body}" if lang == "nl" else f"{sign}€{body}"


def format_percent(value: Fraction | Decimal | int, *, lang: Lang = "nl", decimals: int = 1) -> str:
    """A percentage given in percent (``91.8`` → ``91,8 %`` in Dutch with a no-break space,
    ``91.8%`` in English), ``decimals`` decimals half up. Used by every view (text, HTML,
    charts, Excel labels), so a percentage reads the same everywhere."""
    body = format_number(value, lang=lang, decimals=decimals)
    return f"{body}{NBSP}%" if lang == "nl" else f"{body}%"


def format_share_up(share: Fraction | Decimal, *, lang: Lang = "nl") -> str:
    """A share (``0.000631``) as a percentage with two decimals rounded *up* (``0,07 %``):
    for a proven "at most", never smaller than it is."""
    hundredths = math.ceil(Fraction(share) * 10_000)
    return format_percent(Fraction(hundredths, 100), lang=lang, decimals=2)


def format_day(day: date, *, lang: Lang = "nl", style: Literal["short", "long"] = "short") -> str:
    """A date: ``01-05-2025`` / ``1 mei 2025`` (nl), ``01/05/2025`` / ``1 May 2025`` (en)."""
    from babel.dates import format_date

    pattern = "dd-MM-y" if lang == "nl" else "dd/MM/y"
    text: str = format_date(
        day, pattern if style == "short" else "d MMMM y", locale=locale_of(lang)
    )
    return text
