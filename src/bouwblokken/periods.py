"""Calendar arithmetic for pro-rata values and counting limits.

Periods are inclusive at both ends (1 January to 30 June is 181 days), as the primer's example
reads. A set of periods is kept as sorted, disjoint ``(start, end)`` pairs, so proration over a
split period adds up exactly.

How a duration is measured (the catalog's ``time.duration_unit``; catalogs.md §6.4):

- ``days``: inclusive calendar days as a fraction of a year. With ``days_per_year = "actual"``
  (the default) each day counts 1/365 of a year, or 1/366 in a leap year, so a full calendar
  year is exactly one year (2024: 366/366); a catalog may fix the divisor at 365, 366 or 360.
- ``weeks``: completed weeks (days ÷ 7, rounded down, per period) ÷ 52, at most 52 per year.
- ``months`` (the default, the *kalenderdagenmethode* of Dutch payroll): a whole calendar month
  counts 1/12 year; a part of a month counts its calendar days ÷ the days of that month × 1/12.
  Every day of a month weighs the same, so twelve whole months are exactly one year (leap day
  or not) and the measure is exactly additive under any split of a period
  (:func:`calendar_months`). 15 Jan–14 Mar 2025 is 17/31 + 1 + 14/31 = 2 months.

:func:`months_in` (whole months from the start date, anniversary style) stays for contract
durations ("a contract of at least 6 months").
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

__all__ = [
    "MonthCount",
    "Period",
    "add_months",
    "calendar_months",
    "clip",
    "day_text",
    "days_by_year_length",
    "days_in_month",
    "days_inclusive",
    "intersect",
    "limit_end",
    "month_count",
    "months_in",
    "normalise",
    "subtract",
    "total_days",
]

Period = tuple[date, date]
ONE_DAY = timedelta(days=1)


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Days of a calendar month (``calendar.monthrange`` also works out a weekday we do not
    need, and this is on the path of every valuation)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def day_text(day: date, lang: str = "nl") -> str:
    """A date as a trail writes it: ``31-12-2025`` in Dutch, ``2025-12-31`` (ISO) in English."""
    return day.strftime("%d-%m-%Y") if lang == "nl" else day.isoformat()


def days_inclusive(start: date, end: date) -> int:
    """Days from ``start`` to ``end``, both counted; 0 when ``end`` is before ``start``."""
    return max(0, (end - start).days + 1)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    last = days_in_month(year, month0 + 1)
    return date(year, month0 + 1, min(d.day, last))


def limit_end(start: date, months: int) -> date:
    """Last day of a counting limit of ``months`` months that starts on ``start``."""
    return add_months(start, months) - ONE_DAY


def normalise(periods: Iterable[Period]) -> list[Period]:
    """Sorted, merged, non-empty periods."""
    out: list[Period] = []
    for s, e in sorted(p for p in periods if p[1] >= p[0]):
        if out and s <= out[-1][1] + ONE_DAY:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def clip(periods: Sequence[Period], start: date | None, end: date | None) -> list[Period]:
    """The parts of ``periods`` between ``start`` and ``end`` (either may be open)."""
    lo = start or date.min
    hi = end or date.max
    return [(max(s, lo), min(e, hi)) for s, e in periods if min(e, hi) >= max(s, lo)]


def intersect(a: Sequence[Period], b: Sequence[Period]) -> list[Period]:
    out: list[Period] = []
    for s, e in a:
        out.extend(clip(normalise(b), s, e))
    return normalise(out)


def subtract(periods: Sequence[Period], remove: Sequence[Period]) -> list[Period]:
    """``periods`` without the days in ``remove``."""
    out: list[Period] = []
    cuts = normalise(remove)
    for s, e in normalise(periods):
        cur = s
        for rs, re in cuts:
            if re < cur or rs > e:
                continue
            if rs > cur:
                out.append((cur, rs - ONE_DAY))
            cur = max(cur, re + ONE_DAY)
            if cur > e:
                break
        if cur <= e:
            out.append((cur, e))
    return out


def days_by_year_length(periods: Sequence[Period]) -> dict[int, int]:
    """Days of ``periods`` grouped by the length of the calendar year they fall in (365/366)."""
    out: dict[int, int] = {}
    for s, e in normalise(periods):
        for year in range(s.year, e.year + 1):
            lo, hi = max(s, date(year, 1, 1)), min(e, date(year, 12, 31))
            n = 366 if calendar.isleap(year) else 365
            out[n] = out.get(n, 0) + days_inclusive(lo, hi)
    return {n: d for n, d in out.items() if d}


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Counted months of a set of periods by the kalenderdagenmethode, kept in parts so that a
    trail can show them the way a person checks them: ``whole`` calendar months plus the parts
    of months (``days``, ``days of that month``)."""

    whole: int
    parts: tuple[tuple[int, int], ...]

    @property
    def value(self) -> Fraction:
        return self.whole + sum((Fraction(d, n) for d, n in self.parts), Fraction(0))


def month_count(periods: Sequence[Period]) -> MonthCount:
    """Months of ``periods`` by the kalenderdagenmethode (see the module text), in parts."""
    whole = 0
    parts: list[tuple[int, int]] = []

    def add(lo: date, hi: date) -> None:
        nonlocal whole
        n = days_in_month(lo.year, lo.month)
        d = days_inclusive(lo, hi)
        if d == n:
            whole += 1
        elif d:
            parts.append((d, n))

    for s, e in normalise(periods):
        if (s.year, s.month) == (e.year, e.month):
            add(s, e)
            continue
        add(s, date(s.year, s.month, days_in_month(s.year, s.month)))
        whole += (e.year * 12 + e.month) - (s.year * 12 + s.month) - 1
        add(date(e.year, e.month, 1), e)
    return MonthCount(whole, tuple(parts))


_L = 377_580
"""lcm(28, 29, 30, 31): every part of a month is a whole number of 1/_L months."""


def calendar_months(periods: Sequence[Period]) -> Fraction:
    """Months of ``periods`` by the kalenderdagenmethode, as an exact fraction (one Fraction
    built from integers: the hot path of every valuation)."""
    units = 0
    for s, e in normalise(periods) if len(periods) > 1 else periods:
        if e < s:
            continue
        n_s = days_in_month(s.year, s.month)
        if (s.year, s.month) == (e.year, e.month):
            units += (e.day - s.day + 1) * (_L // n_s)
            continue
        n_e = days_in_month(e.year, e.month)
        units += (n_s - s.day + 1) * (_L // n_s) + e.day * (_L // n_e)
        units += ((e.year * 12 + e.month) - (s.year * 12 + s.month) - 1) * _L
    return Fraction(units, _L)


def total_days(periods: Sequence[Period]) -> int:
    return sum(days_inclusive(s, e) for s, e in periods)


def months_in(start: date, end: date) -> Fraction:
    """Months from ``start`` to ``end`` inclusive: whole months plus the fraction of the next."""
    if end < start:
        return Fraction(0)
    whole = 0
    while add_months(start, whole + 1) - ONE_DAY <= end:
        whole += 1
    rest_start = add_months(start, whole)
    span = (add_months(start, whole + 1) - rest_start).days
    rest = days_inclusive(rest_start, end)
    return whole + Fraction(rest, span)
