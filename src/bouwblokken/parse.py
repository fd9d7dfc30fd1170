"""What a person types, read exactly: Dutch (and plain) amounts, numbers, hours, dates and words.

Used by the command line, the Excel reader and any program that takes input from people
(``from bouwblokken.parse import parse_amount``). Documents for programs (JSON) keep their
strict machine format (``"2400000.00"``); these rules are for people.

**Numbers and amounts** (:func:`parse_amount`, :func:`parse_number`). Spaces, ``€``, a no-break
space and ``_`` are ignored; a sign may lead; no exponents (``2.4e6`` is refused).

1. Both ``.`` and ``,`` present: the *last* one is the decimal sign, the other groups
   thousands in groups of three: ``2.400.000,00`` (Dutch) and ``2,400,000.00`` (English) are
   both 2400000.00.
2. Only commas: one comma is the decimal sign (``22,5``, ``2400000,00``); several commas group
   thousands (``2,400,000``).
3. Only points: several points group thousands (``2.400.000``); **one point followed by exactly
   three digits groups thousands too** (``1.234`` is 1234, as a Dutch person writes it); any
   other single point is the decimal sign (``2400000.00``, ``22.5``, ``1.5``). Write ``1,234``
   for one point two three four.
4. Grouped thousands must be groups of three digits (``2.40.000`` is refused).

Amounts have at most two decimals (a third is refused, never rounded); numbers (hours, days,
percentages) at most four.

**Floats** (from Python or a spreadsheet cell). Money refuses every float: ``0.1 + 0.2`` is not
0.3. Hours, days and other quantities take a float by its shortest repr when that repr has at
most four decimals and no exponent (``22.5`` → ``Decimal("22.5")``, ``7.6`` → ``7.6``);
``22.123456`` or ``1e-7`` are refused (no exact reading is certain).

**Dates** (:func:`parse_date`): ISO ``2025-05-01``; Dutch ``01-05-2025`` / ``1-5-2025`` /
``01.05.2025`` (day first); ``1 mei 2025`` (Dutch or English month names). Two-digit years and
``01/05/2025`` (day or month first?) are refused.

**Words** (:func:`parse_word`): codes or their Dutch or English words, any case:
``gerealiseerd``/``realised`` → ``realised``, ``gepland`` → ``planned``, ``werk`` → ``work``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from bouwblokken.errors import BouwblokkenError, MoneyError
from bouwblokken.i18n import DUTCH_WORDS, WORDS
from bouwblokken.money import MAX_AMOUNT

__all__ = [
    "ParseError",
    "exact_quantity",
    "parse_amount",
    "parse_date",
    "parse_hours",
    "parse_number",
    "parse_word",
]


class ParseError(MoneyError):
    """Input a person typed that cannot be read exactly (names the field when given). The
    message is Dutch: these are the words a person who typed Dutch input reads."""

    def __init__(
        self, message: str, *, field: str | None = None, code: str = "money", nl: str | None = None
    ) -> None:
        super().__init__(message, field=field, code=code, nl=message if nl is None else nl)


_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "maart": 3, "mrt": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip


def _grouped(body: str, sep: str) -> bool:
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", body) is not None


def _plain(text: str, what: str, field: str | None) -> str:
    """The digits of ``text`` with ``.`` as the decimal sign (rules 1-4 of the module)."""
    t = text.strip()
    for ch in ("€", "\u00a0", "\u202f", " ", "_"):
        t = t.replace(ch, "")
    sign = ""
    if t and t[0] in "+-":
        sign, t = ("-" if t[0] == "-" else ""), t[1:]
    bad = ParseError(
        f"verwacht {what} zoals 2.400.000,00 of 2400000.00, kreeg {text!r}", field=field
    )
    if not t or not re.fullmatch(r"[0-9.,]+", t):
        raise bad
    if "." in t and "," in t:
        dec = "." if t.rfind(".") > t.rfind(",") else ","
        grp = "," if dec == "." else "."
        whole, _, frac = t.rpartition(dec)
        if dec in whole or not _grouped(whole, grp) or not frac.isdigit():
            raise bad
        return sign + whole.replace(grp, "") + "." + frac
    if "," in t:
        if t.count(",") == 1:
            whole, frac = t.split(",")
            if not whole.isdigit() or not frac.isdigit():
                raise bad
            return f"{sign}{whole}.{frac}"
        if not _grouped(t, ","):
            raise bad
        return sign + t.replace(",", "")
    if "." in t:
        if t.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", t):
            if not _grouped(t, "."):
                raise bad
            return sign + t.replace(".", "")
        whole, frac = t.split(".")
        if not whole.isdigit() or not frac.isdigit():
            raise bad
        return f"{sign}{whole}.{frac}"
    return sign + t


def _checked(d: Decimal, original: object, decimals: int, what: str, field: str | None) -> Decimal:
    if abs(d) >= MAX_AMOUNT:
        raise ParseError(f"verwacht {what} onder 10^18, kreeg {original!r}", field=field)
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and -exp > decimals:
        raise ParseError(
            f"verwacht {what} met hoogstens {decimals} decimalen, kreeg {original!r}", field=field
        )
    return d


def parse_amount(value: object, *, field: str | None = None) -> Decimal:
    """A euro amount a person typed: ``2.400.000``, ``2.400.000,00``, ``2400000.00``,
    ``2400000``, ``€ 1.234,56``; an ``int`` or ``Decimal`` as it is. Floats are refused."""
    if isinstance(value, bool | float):
        raise ParseError(
            f"verwacht een exact bedrag (tekst zoals '2.400.000,00', een int of een Decimal), "
            f"kreeg de float {value!r}: een float bevat eurobedragen niet exact",
            field=field,
        )
    if isinstance(value, int):
        return _checked(Decimal(value), value, 2, "een bedrag", field)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ParseError(f"verwacht een eindig bedrag, kreeg {value!r}", field=field)
        return _checked(value, value, 2, "een bedrag", field)
    if not isinstance(value, str):
        raise ParseError(f"verwacht een bedrag, kreeg {type(value).__name__}", field=field)
    return _checked(Decimal(_plain(value, "een bedrag", field)), value, 2, "een bedrag", field)


def exact_quantity(
    value: float,  # float-ok: hours typed as a float, taken exactly or refused
    *,
    field: str | None = None,
    decimals: int = 4,
) -> Decimal:
    """A float taken by its shortest repr, if that has at most ``decimals`` decimals and no
    exponent (``22.5`` → ``Decimal("22.5")``); otherwise :class:`ParseError`."""
    text = repr(value)
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ParseError(
            f"verwacht een exact getal, kreeg de float {value!r}; geef het als tekst ('22,5')",
            field=field,
        )
    d = Decimal(text)
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and -exp > decimals:
        raise ParseError(
            f"de float {value!r} heeft meer dan {decimals} decimalen en is misschien niet wat "
            f"bedoeld is; geef het als tekst",
            field=field,
        )
    return d


def parse_number(value: object, *, field: str | None = None, decimals: int = 4) -> Decimal:
    """An exact quantity a person typed (``22,5``, ``22.5``, ``1.234`` = 1234, ``36``); a float
    by :func:`exact_quantity`. At most ``decimals`` decimals."""
    if isinstance(value, bool):
        raise ParseError(f"verwacht een getal, kreeg {value!r}", field=field)
    if isinstance(value, float):
        return exact_quantity(value, field=field, decimals=decimals)
    if isinstance(value, int):
        return _checked(Decimal(value), value, decimals, "een getal", field)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ParseError(f"verwacht een eindig getal, kreeg {value!r}", field=field)
        return _checked(value, value, decimals, "een getal", field)
    if not isinstance(value, str):
        raise ParseError(f"verwacht een getal, kreeg {type(value).__name__}", field=field)
    try:
        d = Decimal(_plain(value, "een getal", field))
    except InvalidOperation:  # pragma: no cover - _plain only returns digits
        raise ParseError(f"verwacht een getal, kreeg {value!r}", field=field) from None
    return _checked(d, value, decimals, "een getal", field)


def parse_hours(value: object, *, field: str | None = None) -> Decimal:
    """Hours (per week, or in total): :func:`parse_number`, not negative."""
    d = parse_number(value, field=field)
    if d < 0:
        raise ParseError(f"verwacht minstens 0 uur, kreeg {value!r}", field=field)
    return d


def parse_date(value: object, *, field: str | None = None) -> date:
    """A date a person typed: ``2025-05-01``, ``01-05-2025``, ``1-5-2025``, ``01.05.2025``,
    ``1 mei 2025``; a ``date`` (or a spreadsheet ``datetime`` at midnight) as it is."""
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise ParseError(f"verwacht een datum zonder tijd, kreeg {value!r}", field=field)
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ParseError(f"verwacht een datum, kreeg {type(value).__name__}", field=field)
    t = value.strip().lower()
    bad = ParseError(
        f"verwacht een datum zoals 01-05-2025, 1 mei 2025 of 2025-05-01, kreeg {value!r}",
        field=field,
    )
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[-.](\d{1,2})[-.](\d{4})", t):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", t):
            month = _MONTHS.get(m[2])
            if month is None:
                raise bad
            return date(int(m[3]), month, int(m[1]))
    except ValueError:
        raise ParseError(f"die dag bestaat niet: {value!r}", field=field) from None
    raise bad


def parse_word(kind: str, value: object, *, field: str | None = None) -> str:
    """The code for a word a person typed: ``parse_word("status", "gerealiseerd")`` →
    ``"realised"``. ``kind`` is a kind of :data:`bouwblokken.i18n.WORDS`."""
    if kind not in WORDS:
        raise BouwblokkenError(f"unknown kind of word {kind!r}")
    if not isinstance(value, str):
        raise ParseError(f"verwacht een woord, kreeg {type(value).__name__}", field=field)
    code = DUTCH_WORDS[kind].get(value.strip().lower())
    if code is None:
        options = ", ".join(nl for nl, _ in WORDS[kind].values())
        raise ParseError(f"verwacht een van: {options}; kreeg {value!r}", field=field)
    return code
