"""Properties of per-year valuations, over the shipped Haaglanden catalog (36 h, months as
twelfths) and the new-region fixture (40 h, months, a 12-hour minimum, 55+ replacing 50+).

Months are counted by the kalenderdagenmethode: each calendar day weighs 1/(12 × the days of its
month) of a year. The tests compute that from the rule (:func:`twelfths`), not with the
library."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import (
    Block,
    Catalog,
    LimitMonths,
    LimitWhileSubsidy,
    PerYearRule,
)
from bouwblokken.catalog.registry import Registry, load_catalog
from bouwblokken.money import format_eur, round_cents
from bouwblokken.periods import add_months
from bouwblokken.valuation import Exclusion, Valuation, value_activity

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"
ONE = timedelta(days=1)
CENT = Fraction(1, 100)


HAAGLANDEN = load_catalog("haaglanden", on=date(2024, 1, 1))
NEWREGION = Registry([FIXTURES]).load("newregion")
CATALOGS = (HAAGLANDEN, NEWREGION)


def year_fraction(start: date, last: date, days_per_year: int | str) -> Fraction:
    """Inclusive days start..last as years: each day 1/365 or 1/366 by its calendar year
    ("actual"), or days ÷ a fixed divisor."""
    if last < start:
        return Fraction(0)
    if days_per_year != "actual":
        return Fraction((last - start).days + 1, int(days_per_year))
    total = Fraction(0)
    for year in range(start.year, last.year + 1):
        lo, hi = max(start, date(year, 1, 1)), min(last, date(year, 12, 31))
        total += Fraction((hi - lo).days + 1, 366 if calendar.isleap(year) else 365)
    return total


def twelfths(start: date, last: date) -> Fraction:
    """Years of start..last by the kalenderdagenmethode, day by day from the rule."""
    total = Fraction(0)
    day = start
    while day <= last:
        total += Fraction(1, 12 * calendar.monthrange(day.year, day.month)[1])
        day += ONE
    return total


def months_limit_end(start: date, months: int) -> date:
    """The last day of a counting limit of ``months`` months of counted time from ``start``
    (no gaps): the last day on which the months counted so far are still at most ``months``."""
    total, day = Fraction(0), start
    while True:
        total += Fraction(1, calendar.monthrange(day.year, day.month)[1])
        if total > months:
            return day - ONE
        day += ONE


def per_year_blocks(catalog: Catalog) -> list[Block]:
    return [b for b in catalog.blocks if isinstance(b.rule, PerYearRule)]


def duration_unit(catalog: Catalog, block: Block) -> str:
    assert isinstance(block.rule, PerYearRule)
    return block.rule.duration_unit or catalog.time.duration_unit


@dataclass(frozen=True)
class Case:
    """One per-year activity, as keyword arguments that tests vary."""

    catalog: Catalog
    block: Block
    kw: dict[str, Any]

    @property
    def ref(self) -> Decimal:
        ref = self.catalog.time.reference_hours_per_week
        assert ref is not None
        return ref

    def cut(self) -> date | None:
        """Last counted day by the counting limit (None: no cut), computed from the data."""
        limit = self.block.counting_limit
        if isinstance(limit, LimitMonths):
            return months_limit_end(self.kw["start"], limit.months)
        if isinstance(limit, LimitWhileSubsidy):
            return self.kw["subsidy_end"]
        return None

    def value(self, *, exclusions: tuple[Exclusion, ...] = (), **changes: Any) -> Valuation:
        activity = Activity(**{**self.kw, **changes})
        return value_activity(activity, self.catalog, exclusions=exclusions)

    def one_off_bonuses(self) -> Fraction:
        """One-off bonuses whose condition holds (they count once per activity, and only with a
        counted day: not at 0 hours, nor below the new region's 12-hour minimum)."""
        total = Fraction(0)
        hours = self.kw["hours_per_week"]
        if hours == 0 or (self.catalog.key == NEWREGION.key and hours < 12):
            return total
        for b in self.catalog.bonuses_for(self.block):
            if b.unit != "one_off":
                continue
            c = b.condition
            if c.kind == "min_age":
                ok = self.kw["age"] is not None and self.kw["age"] >= c.age
            elif c.kind == "age_below":
                ok = self.kw["age"] is not None and self.kw["age"] < c.age
            elif c.kind == "flag":
                ok = any(f in self.kw["flags"] for f in c.any_of)
            else:
                months = self.kw["internship_months"]
                ok = months is not None and months >= c.months
                ok = ok and all(f in self.kw["flags"] for f in c.flags)
            if ok:
                total += Fraction(b.amount)
        return total

    def per_year_bonus_amounts(self) -> Fraction:
        """All per-year bonuses of the block added up (an upper bound, replacements ignored)."""
        return sum(
            (
                Fraction(b.amount)
                for b in self.catalog.bonuses_for(self.block)
                if b.unit == "per_year"
            ),
            Fraction(0),
        )


hours_st = st.integers(min_value=0, max_value=6000).map(lambda c: Decimal(c) / 100)


@st.composite
def cases(
    draw: st.DrawFn,
    catalogs: tuple[Catalog, ...] = CATALOGS,
    *,
    integer_hours: bool = False,
    early_start_day: bool = False,
) -> Case:
    catalog = draw(st.sampled_from(catalogs))
    block = draw(st.sampled_from(per_year_blocks(catalog)))
    start = draw(st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)))
    if early_start_day:
        start = start.replace(day=min(start.day, 28))
    end = start + timedelta(days=draw(st.integers(min_value=0, max_value=4 * 366)))
    hours = draw(st.integers(0, 60).map(Decimal) if integer_hours else hours_st)
    kw: dict[str, Any] = {
        "block": block.id,
        "start": start,
        "end": end,
        "hours_per_week": hours,
        "age": draw(st.none() | st.integers(min_value=16, max_value=70)),
        "flags": tuple(
            draw(
                st.lists(
                    st.sampled_from(["labour_disability", "ips", "permanent_contract"]),
                    unique=True,
                    max_size=2,
                )
            )
        ),
        "internship_months": draw(st.none() | st.integers(min_value=0, max_value=12)),
        "subsidy_end": start + timedelta(days=draw(st.integers(min_value=-30, max_value=900))),
    }
    return Case(catalog, block, kw)


def within_limit(case: Case) -> Case:
    """The same case with its end moved inside the counting limit."""
    cut = case.cut()
    if cut is not None and cut < case.kw["end"]:
        assume(cut >= case.kw["start"])
        return Case(case.catalog, case.block, {**case.kw, "end": cut})
    return case


PROPS = settings(deadline=None, max_examples=60)


# --- splitting ------------------------------------------------------------------------------


@PROPS
@given(cases(), st.data())
def test_split_on_any_day_adds_up(case: Case, data: st.DataObject) -> None:
    """Two activities over the two halves of a period count what one over the whole does
    (plus any one-off bonus, which each activity earns once): exactly, since every day weighs
    the same within its month, split on any day; the rounded amounts within a cent."""
    case = within_limit(case)
    assume(duration_unit(case.catalog, case.block) == "months")
    start, end = case.kw["start"], case.kw["end"]
    assume(end > start)
    mid = start + timedelta(days=data.draw(st.integers(0, (end - start).days - 1)))
    whole = case.value()
    first = case.value(end=mid)
    second = case.value(start=mid + ONE)
    one_off = case.one_off_bonuses()
    assert first.exact + second.exact == whole.exact + one_off
    assert abs(Fraction(first.amount + second.amount) - one_off - Fraction(whole.amount)) <= CENT


@PROPS
@given(cases(early_start_day=True), st.integers(1, 30))
def test_split_at_a_month_anniversary_adds_up(case: Case, k: int) -> None:
    """Months unit: a split at the k-th month anniversary of the start adds up."""
    case = within_limit(case)
    start, end = case.kw["start"], case.kw["end"]
    split = add_months(start, k)
    assume(split <= end)
    whole = case.value()
    first = case.value(end=split - ONE)
    second = case.value(start=split)
    one_off = case.one_off_bonuses()
    assert first.exact + second.exact == whole.exact + one_off
    assert abs(Fraction(first.amount + second.amount) - one_off - Fraction(whole.amount)) <= CENT


# --- monotone -------------------------------------------------------------------------------


@PROPS
@given(cases(), st.integers(1, 36), st.integers(0, 30))
def test_whole_months_count_twelfths_exactly(case: Case, n: int, hours_step: int) -> None:
    """From the first of a month, n whole calendar months count exactly n/12 of the year value
    (February as much as March, a leap year as much as any), prorated by hours."""
    first = case.kw["start"].replace(day=1)
    last = add_months(first, n) - ONE
    cut = Case(case.catalog, case.block, {**case.kw, "start": first}).cut()
    assume(cut is None or last <= cut)
    hours = Decimal(min(hours_step * 2, int(case.ref)))
    if case.catalog.key == NEWREGION.key:
        assume(hours >= 12)  # the new region's 12-hour minimum
    v = case.value(start=first, end=last, hours_per_week=hours, age=30, flags=())
    assert twelfths(first, last) == Fraction(n, 12)
    base = Fraction(case.block.rule.amount)  # type: ignore[union-attr]
    assert v.exact == base * Fraction(hours) / Fraction(case.ref) * Fraction(n, 12)
    assert v.amount == round_cents(v.exact)


@PROPS
@given(cases(), hours_st)
def test_more_hours_never_count_less(case: Case, more: Decimal) -> None:
    h = case.kw["hours_per_week"]
    assert case.value(hours_per_week=h + more).exact >= case.value().exact


@PROPS
@given(cases(), st.integers(min_value=1, max_value=800))
def test_a_later_end_never_counts_less(case: Case, extra: int) -> None:
    later = case.kw["end"] + timedelta(days=extra)
    assert case.value(end=later).exact >= case.value().exact


# --- caps -----------------------------------------------------------------------------------


@PROPS
@given(cases(), st.integers(min_value=0, max_value=12800).map(lambda c: Decimal(c) / 100))
def test_hours_above_the_reference_add_nothing(case: Case, above: Decimal) -> None:
    at_ref = case.value(hours_per_week=case.ref)
    over = case.value(hours_per_week=min(case.ref + above, Decimal(168)))
    assert over.exact == at_ref.exact
    assert over.amount == at_ref.amount


@PROPS
@given(cases())
def test_value_is_at_most_the_full_time_value_of_the_counted_time(case: Case) -> None:
    start, end = case.kw["start"], case.kw["end"]
    cut = case.cut()
    last = end if cut is None else min(end, cut)
    if duration_unit(case.catalog, case.block) == "days":
        years = year_fraction(start, last, case.catalog.time.days_per_year)
    else:
        years = twelfths(start, last)
    block_amount = Fraction(case.block.rule.amount)  # type: ignore[union-attr]
    bound = (block_amount + case.per_year_bonus_amounts()) * years + case.one_off_bonuses()
    v = case.value()
    assert 0 <= v.exact <= bound


@PROPS
@given(cases(), st.integers(min_value=0, max_value=800))
def test_counting_limit_stops_the_value(case: Case, beyond: int) -> None:
    cut = case.cut()
    assume(cut is not None and cut >= case.kw["start"])
    assert cut is not None
    at_limit = case.value(end=cut)
    later = case.value(end=cut + timedelta(days=beyond))
    assert later.exact == at_limit.exact
    assert later.amount == at_limit.amount


# --- determinism, rounding, trail -----------------------------------------------------------


@PROPS
@given(cases())
def test_deterministic_and_rounded_once(case: Case) -> None:
    a, b = case.value(), case.value()
    assert a == b
    assert a.explain("nl") == b.explain("nl")
    assert a.explain("en") == b.explain("en")
    assert a._repr_html_() == b._repr_html_()
    assert a.amount.as_tuple().exponent == -2
    assert a.amount == round_cents(a.exact)
    assert a.catalog == case.catalog.key
    assert a.fingerprint == case.catalog.fingerprint != ""


EUR_NL = r"€ [0-9.]+,\d\d"
EUR_EN = r"€[0-9,]+\.\d\d"
# Days per calendar-year length ("actual"): "181/365 dagen", or "364/365 + 1/366 dagen".
DAYS = r"\d+/\d+( \+ \d+/\d+)*"
BASE_DAYS_NL = re.compile(rf"^.+: € [0-9.]+,00 × \d+/\d+ uur × {DAYS} dagen = {EUR_NL}$")
BASE_DAYS_EN = re.compile(rf"^.+: €[0-9,]+\.00 × \d+/\d+ hours × {DAYS} days = {EUR_EN}$")
# Months (kalenderdagenmethode) are written as whole months before "/12", or in brackets as
# whole months plus the parts of months, each as days/days of that month: "2/12",
# "(2 + 6/31)/12 maanden", "(17/31 + 10/28)/12", or "(15/31)/12" for part of one month.
PARTS = r"\d+/\d+( \+ \d+/\d+)*"
MONTHS = rf"(\d+|\(\d+ \+ {PARTS}\)|\({PARTS}\))/12"
BASE_MONTHS_NL = re.compile(rf"^.+: € [0-9.]+,00 × \d+/(36|40) uur × {MONTHS} maanden = {EUR_NL}$")
BASE_MONTHS_EN = re.compile(rf"^.+: €[0-9,]+\.00 × \d+/(36|40) hours × {MONTHS} months = {EUR_EN}$")
BASE_MIN_HOURS_NL = re.compile(r"^.+: \d+ uur per week, minimum is 12: € 0,00$")


@PROPS
@given(cases(integer_hours=True))
def test_trail_base_line_and_amount(case: Case) -> None:
    v = case.value()
    base = [ln for ln in v.lines if ln.kind == "base"]
    assert len(base) == 1
    if duration_unit(case.catalog, case.block) == "days":
        assert BASE_DAYS_NL.match(base[0].nl), base[0].nl
        assert BASE_DAYS_EN.match(base[0].en), base[0].en
    elif case.catalog.key == NEWREGION.key and case.kw["hours_per_week"] < 12:
        assert BASE_MIN_HOURS_NL.match(base[0].nl), base[0].nl
        assert [nc.reason for nc in v.not_counted] in ([], ["min_hours"])
    elif v.exact == 0 and base[0].nl.endswith(" × 0 = € 0,00"):
        # nothing left to count (e.g. a wage-cost subsidy that ended before the start): the
        # base line says × 0 and a limit line says why
        assert any(ln.kind == "limit" for ln in v.lines), v.lines
    else:
        assert BASE_MONTHS_NL.match(base[0].nl), base[0].nl
        assert BASE_MONTHS_EN.match(base[0].en), base[0].en
    assert format_eur(v.amount) in v.explain("nl")
    assert format_eur(v.amount, lang="en") in v.explain("en")
    # The trail's contributions add up to the exact value.
    parts = [ln.amount for ln in v.lines if ln.kind in ("base", "bonus") and ln.amount is not None]
    assert sum(parts, Fraction(0)) == v.exact


def test_trail_primer_example() -> None:
    a = Activity(
        block="participatiewet",
        hours_per_week=24,
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
    )
    # The primer's reading in days, on the capregion fixture (days ÷ 365):
    # 40.000 × 24/36 × 181/365 = 13.223,744… → 13.223,74
    v = value_activity(a, Registry([FIXTURES]).load("capregion"))
    assert v.exact == 40000 * Fraction(24, 36) * Fraction(181, 365)
    assert v.amount == Decimal("13223.74")
    assert v.lines[0].nl == (
        "Participatiewet: € 40.000,00 × 24/36 uur × 181/365 dagen = € 13.223,74"
    )
    # Haaglanden counts months: January–June = 6 whole months:
    # 40.000 × 24/36 × 6/12 = 13.333,333… → 13.333,33
    v = value_activity(a, HAAGLANDEN)
    assert v.exact == 40000 * Fraction(24, 36) * Fraction(6, 12)
    assert v.amount == Decimal("13333.33")
    assert v.lines[0].nl == (
        "Participatiewet: € 40.000,00 × 24/36 uur × 6/12 maanden = € 13.333,33"
    )


def test_trail_part_months() -> None:
    # 15 January – 10 February 2025: 17/31 (15..31 January) + 10/28 (1..10 February) months:
    # 40.000 × 24/36 × (17/31 + 10/28)/12 = 2.012,288… → 2.012,29
    a = Activity(
        block="participatiewet",
        hours_per_week=24,
        start=date(2025, 1, 15),
        end=date(2025, 2, 10),
    )
    v = value_activity(a, HAAGLANDEN)
    assert v.exact == 40000 * Fraction(24, 36) * (Fraction(17, 31) + Fraction(10, 28)) / 12
    assert v.amount == Decimal("2012.29")
    assert v.lines[0].nl == (
        "Participatiewet: € 40.000,00 × 24/36 uur × (17/31 + 10/28)/12 maanden = € 2.012,29"
    )
    # part of one month: 15..29 January = 15/31: 40.000 × 24/36 × (15/31)/12 = 1.075,268… →
    # 1.075,27
    v = value_activity(a.model_copy(update={"end": date(2025, 1, 29)}), HAAGLANDEN)
    assert v.amount == Decimal("1075.27")
    assert v.lines[0].nl == (
        "Participatiewet: € 40.000,00 × 24/36 uur × (15/31)/12 maanden = € 1.075,27"
    )


# --- exclusions -----------------------------------------------------------------------------

REASONS = ("elders_geteld", "buiten_looptijd")


@st.composite
def exclusions_for(draw: st.DrawFn, case: Case) -> tuple[Exclusion, ...]:
    start, end = case.kw["start"], case.kw["end"]
    span = (end - start).days
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        s = start + timedelta(days=draw(st.integers(-40, span + 40)))
        e = s + timedelta(days=draw(st.integers(0, 400)))
        reason = draw(st.sampled_from(REASONS))
        out.append(Exclusion(s, e, reason, f"uitgesloten: {reason}", f"excluded: {reason}"))
    return tuple(out)


@PROPS
@given(st.data())
def test_exclusions_account_for_every_euro(data: st.DataObject) -> None:
    case = data.draw(cases())
    # Without flags: a one-off bonus lost with its last counted day has no reason yet (see
    # test_a_one_off_bonus_lost_with_every_day_has_a_reason).
    case = Case(case.catalog, case.block, {**case.kw, "flags": (), "internship_months": None})
    exclusions = data.draw(exclusions_for(case))
    plain = case.value()
    excluded = case.value(exclusions=exclusions)
    lost = sum((nc.exact for nc in excluded.not_counted if nc.reason in REASONS), Fraction(0))
    assert lost >= 0
    # Every euro of the full value has a reason, with or without exclusions.
    full = plain.exact + sum((nc.exact for nc in plain.not_counted), Fraction(0))
    assert excluded.exact + sum((nc.exact for nc in excluded.not_counted), Fraction(0)) == full
    inside = within_limit(case)
    if inside is case:
        # Within the counting limit the excluded days are exactly what is lost. (Past the
        # limit an excluded day uses no limit, so a later day may count instead: the limit
        # runs on counted time.)
        assert excluded.exact + lost == plain.exact
        assert abs(Fraction(excluded.amount + round_cents(lost)) - Fraction(plain.amount)) <= CENT
    # Counted periods never include an excluded day.
    for s, e in excluded.counted_periods:
        for ex in exclusions:
            assert e < ex.start or s > ex.end


def test_a_one_off_bonus_lost_with_every_day_has_a_reason() -> None:
    # WIA, 36 h, January 2025, with a labour disability (one-off bonus € 10.000). Alone:
    # 30.000 × 36/36 × 1/12 = 2.500,00 + 10.000,00 = 12.500,00. With every day taken out
    # (outside the contract, say) nothing counts, and all 12.500,00 should have a reason.
    a = Activity(
        block="wia",
        hours_per_week=36,
        start=date(2025, 1, 1),
        end=date(2025, 1, 31),
        flags=("labour_disability",),
    )
    alone = value_activity(a, HAAGLANDEN)
    assert alone.amount == Decimal("12500.00")
    out = Exclusion(date(2025, 1, 1), date(2025, 1, 31), "outside_contract", "buiten", "outside")
    v = value_activity(a, HAAGLANDEN, exclusions=(out,))
    assert v.amount == Decimal("0.00")
    assert sum((nc.amount for nc in v.not_counted), Decimal("0.00")) == Decimal("12500.00")
