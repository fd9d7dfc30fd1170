"""Input pydantic would silently convert, refused or converted exactly before validation.

pydantic's lax mode turns ``True`` into ``1``, ``36.0`` into ``36``, ``1735689600`` (and the
string ``"1735689600"``) into a date, and ``1e999999999`` into an integer (which takes
practically forever). Every model of the library runs :func:`check_fields` on its raw input
first, by field kind: whole numbers, dates and booleans. It refuses booleans as numbers, numbers
as dates, fractions as whole numbers, and dates and numbers outside the limits below; it
converts, exactly, what is exact: numpy integers, numpy booleans, a ``datetime`` (or pandas
``Timestamp``) at midnight without a time zone.

Limits (``docs/errors.md``): dates from :data:`MIN_DATE` to :data:`MAX_DATE`; whole numbers of
at most :data:`MAX_INT` in size.
"""

from __future__ import annotations

import operator
import re
import types
import typing
from collections.abc import Hashable, Iterable
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from bouwblokken.errors import BouwblokkenError, pointer_of, shown

__all__ = [
    "MAX_DATE",
    "MAX_INT",
    "MIN_DATE",
    "FieldInputError",
    "as_date",
    "check_fields",
    "repeated",
]

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2199, 12, 31)
"""Dates outside 1900-2199 are refused: far beyond any contract, and date arithmetic (a day
after the end, counting limits) stays inside Python's year 1-9999."""
MAX_INT = 10**15
"""Whole numbers (ages, counts, months) from 10^15 up are refused."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_H = TypeVar("_H", bound=Hashable)


def repeated(items: Iterable[_H]) -> list[_H]:
    """The items that occur more than once, each once, in order of their second occurrence.

    One pass with a set (linear): an id check over a million options or bids must not take
    ``len(ids) ** 2`` steps, as ``[i for i in ids if ids.count(i) > 1]`` does."""
    seen: set[_H] = set()
    found: dict[_H, None] = {}
    for item in items:
        if item in seen:
            found[item] = None
        else:
            seen.add(item)
    return list(found)


class FieldInputError(BouwblokkenError, ValueError):
    """A refused field value: ``field_name`` is the field, ``code`` the machine code."""

    def __init__(self, field_name: str, code: str, message_en: str, message_nl: str) -> None:
        self.field_name = field_name
        self.field = field_name
        self.code = code
        self._en = message_en
        self._nl = message_nl
        self.pointer = pointer_of([field_name])
        super().__init__(f"{field_name}: {message_en}")


def _is_numpy(value: object) -> bool:
    return type(value).__module__ == "numpy"


def as_date(value: object, *, field: str = "date") -> date:
    """``value`` as a date inside the limits, exactly, or :class:`FieldInputError`.

    Accepted: a ``date``; a ``datetime`` or pandas ``Timestamp`` at midnight without a time
    zone; a string ``YYYY-MM-DD``. Refused: numbers and booleans (not Unix time), a time of day.
    """
    if isinstance(value, datetime):
        if (
            value.tzinfo is not None
            or (value.hour, value.minute, value.second) != (0, 0, 0)
            or (value.microsecond or getattr(value, "nanosecond", 0))
        ):
            raise FieldInputError(
                field,
                "input.datetime_with_time",
                f"expected a date, got a date and time {value.isoformat()}; give a date",
                f"verwacht een datum, kreeg een tijdstip {value.isoformat()}; geef een datum",
            )
        value = date(value.year, value.month, value.day)
    elif isinstance(value, bool | int | float | Decimal | Fraction) or _is_numpy(value):
        raise FieldInputError(
            field,
            "input.number_not_date",
            f"expected a date 'YYYY-MM-DD', got the number {shown(value)} "
            "(numbers are not read as dates)",
            f"verwacht een datum 'JJJJ-MM-DD', kreeg het getal {shown(value)} "
            "(een getal is geen datum)",
        )
    elif isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.fullmatch(text):
            given = shown(text, 30)
            raise FieldInputError(
                field,
                "input.date_format",
                f"expected a date 'YYYY-MM-DD', got {given}",
                f"verwacht een datum 'JJJJ-MM-DD', kreeg {given}",
            )
        try:
            value = date.fromisoformat(text)
        except ValueError as exc:
            raise FieldInputError(
                field,
                "input.date_format",
                f"{text!r} is not a calendar date ({exc})",
                f"{text!r} is geen bestaande datum",
            ) from None
    if not isinstance(value, date):
        raise FieldInputError(
            field,
            "input.date_type",
            f"expected a date, got {type(value).__name__}",
            f"verwacht een datum, kreeg {type(value).__name__}",
        )
    if not MIN_DATE <= value <= MAX_DATE:
        raise FieldInputError(
            field,
            "input.date_range",
            f"date {value.isoformat()} is outside {MIN_DATE.isoformat()} .. {MAX_DATE.isoformat()}",
            f"datum {value.isoformat()} ligt buiten {MIN_DATE.isoformat()} .. "
            f"{MAX_DATE.isoformat()}",
        )
    return value


def _as_int(value: object, field: str) -> object:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise FieldInputError(
            field,
            "input.boolean_not_number",
            f"expected a whole number, got the boolean {value!r}",
            f"verwacht een geheel getal, kreeg de ja/nee-waarde {value!r}",
        )
    if isinstance(value, float | Decimal | Fraction) or (
        _is_numpy(value) and not hasattr(value, "__index__")
    ):
        raise FieldInputError(
            field,
            "input.not_whole_number",
            f"expected a whole number (an integer), got {shown(value)}",
            f"verwacht een geheel getal, kreeg {shown(value)}",
        )
    if _is_numpy(value):
        value = operator.index(value)  # type: ignore[arg-type]
    if isinstance(value, str) and len(value.strip()) > 16:
        value = MAX_INT  # refused just below without converting a long text
    if isinstance(value, int) and abs(value) >= MAX_INT:
        raise FieldInputError(
            field,
            "input.number_too_large",
            f"expected a whole number below {MAX_INT:,}",
            f"verwacht een geheel getal kleiner dan {MAX_INT:,}",
        )
    return value


def _as_bool(value: object, field: str) -> object:
    if type(value).__name__ == "bool_" and _is_numpy(value):
        return bool(value)
    if not isinstance(value, bool):
        text = (
            shown(value) if isinstance(value, int | float | Decimal | str) else type(value).__name__
        )
        raise FieldInputError(
            field,
            "input.not_boolean",
            f"expected a valid boolean (true or false), got {text}",
            f"verwacht een ja/nee-waarde (true of false), kreeg {text}",
        )
    return value


def _kind(annotation: object) -> str | None:
    """``int``, ``date`` or ``bool`` for a field annotation (through Optional/Annotated)."""
    found: set[str] = set()
    stack = [annotation]
    while stack:
        a = stack.pop()
        origin = typing.get_origin(a)
        if origin is typing.Annotated:
            stack.append(typing.get_args(a)[0])
        elif origin is typing.Union or origin is types.UnionType:
            stack.extend(typing.get_args(a))
        elif a is bool:
            found.add("bool")
        elif a is int:
            found.add("int")
        elif a is date:
            found.add("date")
        elif a is type(None):
            continue
        else:
            found.add("other")
    return found.pop() if len(found) == 1 and "other" not in found else None


_KINDS: dict[type, dict[str, str]] = {}


def _kinds_of(cls: type) -> dict[str, str]:
    kinds = _KINDS.get(cls)
    if kinds is None:
        fields = getattr(cls, "model_fields", {})
        kinds = {
            name: k for name, info in fields.items() if (k := _kind(info.annotation)) is not None
        }
        _KINDS[cls] = kinds
    return kinds


def check_fields(cls: type, data: Any, *, document: bool = False) -> Any:
    """``data`` for model ``cls`` with whole numbers, dates and booleans checked (see above).

    In a ``document`` (JSON, TOML) a whole number must be a number, not a text (as the JSON
    Schema says); from Python a text such as ``"36"`` is still read."""
    if not isinstance(data, dict):
        return data
    kinds = _kinds_of(cls)
    if not kinds:
        return data
    out: dict[str, Any] | None = None
    for name, kind in kinds.items():
        if name not in data:
            continue
        value = data[name]
        if value is None:
            continue
        if kind == "int":
            if document and isinstance(value, str):
                raise FieldInputError(
                    name,
                    "input.int_type",
                    f"expected a whole number, got a text ({value[:20]!r})",
                    f"verwacht een geheel getal, kreeg een tekst ({value[:20]!r})",
                )
            new = _as_int(value, name)
        elif kind == "date":
            new = as_date(value, field=name)
        else:
            new = _as_bool(value, name)
        if new is not value:
            if out is None:
                out = dict(data)
            out[name] = new
    return data if out is None else out
