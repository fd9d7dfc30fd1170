"""periods.py: period sets behave as sets of days; months are counted from the start date."""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bouwblokken.periods import (
    Period,
    add_months,
    clip,
    days_by_year_length,
    days_inclusive,
    intersect,
    limit_end,
    months_in,
    normalise,
    subtract,
    total_days,
)

ORIGIN = date(2024, 2, 20)  # a leap February inside the small range
ONE = timedelta(days=1)


def days_of(periods: Iterable[Period]) -> set[date]:
    """The explicit set of days a list of (inclusive) periods covers."""
    out: set[date] = set()
    for s, e in periods:
        d = s
        while d <= e:
            out.add(d)
            d += ONE
    return out


def assert_canonical(periods: list[Period]) -> None:
    """Sorted, non-empty, disjoint and not touching (touching periods are merged)."""
    for s, e in periods:
        assert s <= e
    for (_, e1), (s2, _) in itertools.pairwise(periods):
        assert e1 + ONE < s2


small_dates = st.integers(min_value=0, max_value=60).map(lambda n: ORIGIN + timedelta(days=n))


@st.composite
def small_period(draw: st.DrawFn) -> Period:
    start = draw(small_dates)
    length = draw(st.integers(min_value=-3, max_value=25))  # negative: an empty period
    return (start, start + timedelta(days=length))


period_lists = st.lists(small_period(), max_size=6)
open_bound = st.none() | small_dates

PROPS = settings(deadline=None, max_examples=150)


@PROPS
@given(period_lists)
def test_normalise_is_the_union(periods: list[Period]) -> None:
    out = normalise(periods)
    assert days_of(out) == days_of(periods)
    assert_canonical(out)
    assert total_days(out) == len(days_of(periods))
    assert normalise(out) == out


@PROPS
@given(period_lists, open_bound, open_bound)
def test_clip_is_intersection_with_a_range(
    periods: list[Period], lo: date | None, hi: date | None
) -> None:
    window = {d for d in days_of(periods) if (lo is None or d >= lo) and (hi is None or d <= hi)}
    out = clip(periods, lo, hi)
    assert days_of(out) == window
    for s, e in out:
        assert s <= e


@PROPS
@given(period_lists, period_lists)
def test_subtract_is_set_difference(a: list[Period], b: list[Period]) -> None:
    out = subtract(a, b)
    assert days_of(out) == days_of(a) - days_of(b)
    assert_canonical(out)


@PROPS
@given(period_lists, period_lists)
def test_intersect_is_set_intersection(a: list[Period], b: list[Period]) -> None:
    out = intersect(a, b)
    assert days_of(out) == days_of(a) & days_of(b)
    assert_canonical(out)


@PROPS
@given(small_dates, small_dates)
def test_days_inclusive_counts_both_ends(a: date, b: date) -> None:
    assert days_inclusive(a, b) == len(days_of([(a, b)]))


@PROPS
@given(st.lists(small_period(), max_size=4), st.integers(0, 3))
def test_days_by_year_length_partitions_the_days(periods: list[Period], shift: int) -> None:
    """Every day is counted once, under the length of its own calendar year."""
    periods = [(add_months(s, 12 * shift + 10), add_months(e, 12 * shift + 10)) for s, e in periods]
    days = days_of(periods)
    expected: dict[int, int] = {}
    for d in days:
        n = 366 if calendar.isleap(d.year) else 365
        expected[n] = expected.get(n, 0) + 1
    assert days_by_year_length(periods) == expected


# --- months --------------------------------------------------------------------------------


def reference_add_months(d: date, months: int) -> date:
    """Independent: step the month one at a time, then clamp the day."""
    y, m = d.year, d.month
    step = 1 if months >= 0 else -1
    for _ in range(abs(months)):
        m += step
        if m == 13:
            y, m = y + 1, 1
        elif m == 0:
            y, m = y - 1, 12
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


any_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
early_day_dates = any_dates.filter(lambda d: d.day <= 28)


@PROPS
@given(any_dates, st.integers(min_value=-60, max_value=60))
def test_add_months_clamps_to_the_last_day(d: date, months: int) -> None:
    got = add_months(d, months)
    assert got == reference_add_months(d, months)
    assert (got.year * 12 + got.month) - (d.year * 12 + d.month) == months
    assert got.day <= d.day
    if got.day < d.day:  # clamped: then it is the month's last day
        assert got.day == calendar.monthrange(got.year, got.month)[1]


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 5, 31), 0, date(2025, 5, 31)),
    ],
)
def test_add_months_examples(d: date, n: int, expected: date) -> None:
    assert add_months(d, n) == expected


@PROPS
@given(any_dates, st.integers(min_value=1, max_value=48))
def test_limit_end_is_exactly_the_limit(start: date, months: int) -> None:
    end = limit_end(start, months)
    assert end == add_months(start, months) - ONE
    assert months_in(start, end) == months
    assert months_in(start, end + ONE) > months


@PROPS
@given(early_day_dates, st.integers(min_value=1, max_value=30), st.integers(0, 400))
def test_months_in_is_additive_over_an_anniversary_split(
    start: date, k: int, extra_days: int
) -> None:
    """Split at the k-th month anniversary of the start: k months before, the rest after.

    Only for start days up to 28: after a clamped anniversary (31 Jan -> 28 Feb) the second
    part counts its months from the 28th, so the parts cannot add up (a property of clamping).
    """
    split = add_months(start, k)
    end = split + timedelta(days=extra_days)
    assert months_in(start, split - ONE) == k
    assert months_in(start, end) == k + months_in(split, end)


@PROPS
@given(any_dates, st.integers(0, 800), st.integers(0, 40))
def test_months_in_is_monotone_and_bounded(start: date, n: int, more: int) -> None:
    end = start + timedelta(days=n)
    m = months_in(start, end)
    assert isinstance(m, Fraction)
    assert 0 < m <= months_in(start, end + timedelta(days=more))
    # A month has 28..31 days.
    days = n + 1
    assert Fraction(days, 31) <= m <= Fraction(days, 28)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 1, 15), date(2025, 3, 14), Fraction(2)),
        (date(2025, 1, 1), date(2025, 12, 31), Fraction(12)),
        (date(2025, 2, 1), date(2025, 2, 28), Fraction(1)),
        (date(2025, 1, 1), date(2025, 1, 16), Fraction(16, 31)),
        (date(2025, 1, 15), date(2025, 4, 20), 3 + Fraction(6, 30)),
        (date(2025, 1, 31), date(2025, 2, 27), Fraction(1)),
        (date(2025, 3, 1), date(2025, 2, 1), Fraction(0)),
    ],
)
def test_months_in_examples(start: date, end: date, expected: Fraction) -> None:
    assert months_in(start, end) == expected
