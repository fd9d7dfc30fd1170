"""A region with features no shipped catalog uses, added as a data file only.

``tests/fixtures/catalogs/newregion/2025-01.toml`` is loaded through a plain
``Registry([folder])``: no code knows about it. Every expected amount is worked out by hand
(arithmetic in the comments) and computed here with Fractions, rounded half up by Decimal,
independently of the library's own rounding.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import (
    Catalog,
    InvoiceRule,
    LimitAlways,
    LimitMonths,
    PerActivityRule,
    PerHourRule,
    PerMonthRule,
    PerPeriodRule,
)
from bouwblokken.catalog.registry import Registry
from bouwblokken.errors import NoEditionInForceError
from bouwblokken.valuation import Valuation, value_activity

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"


def half_up(exact: Fraction) -> Decimal:
    """Round to cents, half up, with Decimal (independent of bouwblokken.money)."""
    with localcontext() as ctx:
        ctx.prec = 60
        d = Decimal(exact.numerator) / Decimal(exact.denominator)
        return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The fixture catalog, found by a plain registry over the fixture folder."""
    return Registry([FIXTURES]).load("newregion", on=date(2025, 6, 1))


def value(catalog: Catalog, **kw: object) -> Valuation:
    return value_activity(Activity(**kw), catalog)  # type: ignore[arg-type]


# --- loading ----------------------------------------------------------------------------------


def test_loads_through_a_plain_registry() -> None:
    reg = Registry([FIXTURES])
    assert "newregion" in reg.ids()
    c = reg.load("newregion", on=date(2025, 1, 1))
    assert c.key == "newregion@2025-01"
    assert c.fingerprint
    assert c.path.endswith("2025-01.toml")
    assert {b.id for b in c.blocks} >= {"werkuren_doelgroep", "jobcoaching"}
    assert [e.key for e in reg.editions("newregion")] == ["newregion@2025-01"]


def test_not_in_force_before_its_date() -> None:
    with pytest.raises(NoEditionInForceError, match="newregion@2025-01 2025-01-01"):
        Registry([FIXTURES]).load("newregion", on=date(2024, 12, 31))


def test_features_are_in_the_data(catalog: Catalog) -> None:
    t = catalog.time
    assert t.reference_hours_per_week == 40
    assert t.min_hours_per_week == 12
    assert t.duration_unit == "months"
    assert isinstance(catalog.block("werkervaringsplaats").rule, PerMonthRule)
    bbl = catalog.block("bbl_leerwerkjaar").rule
    assert isinstance(bbl, PerPeriodRule)
    assert (bbl.period_months, bbl.prorate_duration) == (12, True)
    assert isinstance(catalog.block("inkoop_pso").rule, InvoiceRule)
    gastles = catalog.block("gastles").rule
    assert isinstance(gastles, PerActivityRule)
    assert gastles.max_per_day == Decimal(250)
    assert isinstance(catalog.block("ww_kort").counting_limit, LimitMonths)
    assert isinstance(catalog.block("doelgroepregister").counting_limit, LimitAlways)

    by_id = {b.id: b for b in catalog.bonuses}
    assert by_id["leeftijd_55_plus"].replaces == ("leeftijd_50_plus",)
    assert by_id["leeftijd_50_plus"].amount == Decimal(5000)
    assert by_id["leeftijd_55_plus"].amount == Decimal(7500)

    (cap,) = catalog.share_caps
    assert cap.categories == ("community",)
    assert cap.max_share_percent == Decimal(10)
    assert cap.min_amount_per_item == Decimal(250)

    ob = catalog.obligation
    assert ob.threshold is None
    assert ob.threshold_by_contract_type == {
        "works": Decimal(1_500_000),
        "services": Decimal(150_000),
        "supplies": Decimal(150_000),
    }
    assert ob.threshold_inclusive is False
    assert ob.maximum == Decimal(1_000_000)
    assert ob.min_duration_months == 6
    low, none = ob.labour_share_rules
    assert (low.below_labour_share_percent, low.percentage) == (30, 2)
    assert low.contract_types == ("supplies", "services")
    assert (none.below_labour_share_percent, none.percentage, none.contract_types) == (10, 0, ())
    exempt, half = ob.pso
    assert exempt.exempt and exempt.reduction_percent is None
    assert not half.exempt and half.reduction_percent == Decimal(50)

    el = catalog.eligibility
    assert el.reference_date == "award_date"
    assert (el.prior_start_months, el.ww_no_prior_employment_months) == (12, 6)
    assert el.status_retained_months == 24


def test_hourly_rules_are_in_the_data(catalog: Catalog) -> None:
    derived = catalog.block("werkuren_doelgroep").rule
    assert isinstance(derived, PerHourRule)
    assert (derived.amount, derived.year_amount, derived.hours_per_year) == (None, 40000, 2080)
    coaching = catalog.block("jobcoaching")
    assert isinstance(coaching.rule, PerHourRule)
    assert coaching.rule.amount == Decimal("62.50")
    assert coaching.max_hours_per_week == 4


# --- 40-hour week, months, 12-hour minimum ---------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "start", "end", "exact"),
    [
        # 40.000 × 20/40 × 6/12 maanden (1 jan-30 jun) = 10.000,00
        (20, date(2025, 1, 1), date(2025, 6, 30), Fraction(40000) * Fraction(20, 40) * 6 / 12),
        # 40.000 × 36/40 × 2/12 (15 jan-14 mrt is exactly 2 months) = 6.000,00
        (36, date(2025, 1, 15), date(2025, 3, 14), Fraction(40000) * Fraction(36, 40) * 2 / 12),
        # 40.000 × 40/40 × 2/12 = 6.666,666… → 6.666,67
        (40, date(2025, 1, 15), date(2025, 3, 14), Fraction(40000) * 2 / 12),
        # 45 h is capped at 40: same 6.666,67
        (45, date(2025, 1, 15), date(2025, 3, 14), Fraction(40000) * 2 / 12),
        # 40.000 × 30/40 × (16/31 of January)/12 = 1.290,3225… → 1.290,32
        (
            30,
            date(2025, 1, 1),
            date(2025, 1, 16),
            Fraction(40000) * Fraction(30, 40) * Fraction(16, 31) / 12,
        ),
        # kalenderdagenmethode: 15 jan-20 apr = 17/31 (15..31 jan) + 1 (feb) + 1 (mrt)
        # + 20/30 (1..20 apr) = 2 + 113/93 = 299/93 months (not the anniversary reading
        # 3 + 6/30 = 3,2): 40.000 × 20/40 × (299/93)/12 = 5.358,422… → 5.358,42
        (
            20,
            date(2025, 1, 15),
            date(2025, 4, 20),
            Fraction(40000) * Fraction(20, 40) * (Fraction(17, 31) + 1 + 1 + Fraction(20, 30)) / 12,
        ),
        # exactly the minimum: 40.000 × 12/40 × 2/12 = 2.000,00
        (12, date(2025, 1, 15), date(2025, 3, 14), Fraction(40000) * Fraction(12, 40) * 2 / 12),
    ],
)
def test_forty_hour_week_in_months(
    catalog: Catalog, hours: int, start: date, end: date, exact: Fraction
) -> None:
    v = value(catalog, block="participatiewet", hours_per_week=hours, start=start, end=end)
    assert v.exact == exact
    assert v.amount == half_up(exact)
    assert f"{min(hours, 40)}/40 uur" in v.lines[0].nl
    assert "/12 maanden" in v.lines[0].nl


def test_hours_above_forty_are_reported(catalog: Catalog) -> None:
    v = value(
        catalog,
        block="participatiewet",
        hours_per_week=45,
        start=date(2025, 1, 15),
        end=date(2025, 3, 14),
    )
    # 40.000 × 5/40 × 2/12 = 833,333… does not count
    (nc,) = v.not_counted
    assert nc.reason == "hours_cap"
    assert nc.exact == Fraction(40000) * Fraction(5, 40) * 2 / 12


def test_below_twelve_hours_counts_nothing(catalog: Catalog) -> None:
    v = value(
        catalog,
        block="participatiewet",
        hours_per_week=Decimal("11.5"),
        start=date(2025, 1, 15),
        end=date(2025, 3, 14),
    )
    assert v.amount == Decimal("0.00")
    assert v.exact == 0
    (nc,) = v.not_counted
    assert nc.reason == "min_hours"
    # what it would have been: 40.000 × 11,5/40 × 2/12 = 1.916,666…
    assert nc.exact == Fraction(40000) * Fraction(23, 80) * 2 / 12
    assert "minimum is 12" in v.lines[0].nl
    assert "12 uur per week" in nc.nl


# --- bonuses: 55+ replaces 50+ ----------------------------------------------------------------

FULL_YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31), "hours_per_week": 40}


@pytest.mark.parametrize(
    ("age", "exact", "bonus"),
    [
        (49, Fraction(40000), None),
        # 40.000 + 5.000 × 40/40 × 12/12 = 45.000
        (50, Fraction(45000), "50+"),
        (54, Fraction(45000), "50+"),
        # 40.000 + 7.500 = 47.500 (the 50+ bonus is replaced, not added)
        (55, Fraction(47500), "55+"),
        (67, Fraction(47500), "55+"),
    ],
)
def test_age_bonuses(catalog: Catalog, age: int, exact: Fraction, bonus: str | None) -> None:
    v = value(catalog, block="participatiewet", age=age, **FULL_YEAR)
    assert v.exact == exact
    assert v.amount == half_up(exact)
    bonus_lines = [ln.nl for ln in v.lines if ln.kind == "bonus"]
    notes = [ln.nl for ln in v.lines if ln.kind == "note"]
    if bonus is None:
        assert bonus_lines == []
    else:
        assert len(bonus_lines) == 1
        assert bonus_lines[0].startswith(f"bonus {bonus}: ")
    replaced = "bonus 50+ vervalt: vervangen door 55+"
    assert (replaced in notes) == (bonus == "55+")
    if bonus == "55+":
        assert "bonus age 50+ dropped: replaced by age 55+" in v.explain("en")


def test_bonus_is_pro_rata_like_the_base(catalog: Catalog) -> None:
    v = value(
        catalog,
        block="participatiewet",
        age=56,
        hours_per_week=20,
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
    )
    # 40.000 × 20/40 × 6/12 = 10.000 plus 7.500 × 20/40 × 6/12 = 1.875 → 11.875,00
    assert v.exact == 10000 + Fraction(7500) * Fraction(20, 40) * 6 / 12
    assert v.amount == Decimal("11875.00")


def test_counting_limit_in_months(catalog: Catalog) -> None:
    v = value(
        catalog,
        block="ww_kort",
        hours_per_week=40,
        start=date(2025, 1, 1),
        end=date(2026, 6, 30),
    )
    # 12-month limit: 15.000 × 12/12; the 6 months after 31 dec 2025 (7.500) do not count
    assert v.amount == Decimal("15000.00")
    (nc,) = v.not_counted
    assert nc.reason == "counting_limit"
    assert nc.exact == Fraction(15000) * 6 / 12


def test_always_counts(catalog: Catalog) -> None:
    v = value(
        catalog,
        block="doelgroepregister",
        hours_per_week=40,
        start=date(2025, 1, 1),
        end=date(2027, 12, 31),
    )
    assert v.amount == Decimal("135000.00")  # 45.000 × 36/12
    assert v.not_counted == ()


# --- per month and per period ----------------------------------------------------------------


def test_work_experience_per_month(catalog: Catalog) -> None:
    v = value(catalog, block="werkervaringsplaats", start=date(2025, 1, 15), end=date(2025, 3, 14))
    assert v.amount == Decimal("1000.00")  # 500 × 2 months
    # 500 × (16/31 of January) = 258,064… → 258,06
    part = value(
        catalog, block="werkervaringsplaats", start=date(2025, 1, 1), end=date(2025, 1, 16)
    )
    assert part.amount == half_up(Fraction(500 * 16, 31))
    # 6-month limit: 1 jan-31 dec counts 6 × 500 = 3.000; 3.000 does not count
    long = value(
        catalog, block="werkervaringsplaats", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    assert long.amount == Decimal("3000.00")
    assert [(nc.reason, nc.exact) for nc in long.not_counted] == [("counting_limit", 3000)]
    # months as a number, no dates: 500 × 2,5 = 1.250
    assert value(catalog, block="werkervaringsplaats", months="2.5").amount == Decimal("1250.00")


def test_bbl_per_learning_year_pro_rata(catalog: Catalog) -> None:
    v = value(catalog, block="bbl_leerwerkjaar", start=date(2025, 9, 1), end=date(2026, 2, 28))
    assert v.exact == Fraction(12000) * 6 / 12  # 6.000,00
    assert "6/12 maanden" in v.lines[0].nl
    # 3 years, limit 24 months: 12.000 × 24/12 = 24.000 counts, 12.000 does not
    long = value(catalog, block="bbl_leerwerkjaar", start=date(2025, 9, 1), end=date(2028, 8, 31))
    assert long.amount == Decimal("24000.00")
    assert [(nc.reason, nc.exact) for nc in long.not_counted] == [("counting_limit", 12000)]


# --- hourly rates ----------------------------------------------------------------------------


def test_hourly_rate_from_year_value(catalog: Catalog) -> None:
    v = value(catalog, block="werkuren_doelgroep", hours=37)
    # 40.000 ÷ 2.080 × 37 = 711,538… → 711,54 (rounded once; a rounded rate 19,23 × 37
    # would give 711,51)
    exact = Fraction(40000, 2080) * 37
    assert v.exact == exact
    assert v.amount == half_up(exact) == Decimal("711.54")
    assert "€ 40.000,00 ÷ 2.080 uur" in v.lines[0].nl


def test_hourly_rate_with_max_hours_per_week(catalog: Catalog) -> None:
    feb = {"start": date(2025, 2, 1), "end": date(2025, 2, 28)}  # 28 days = 4 weeks
    # at most 4 h × 4 weeks = 16 h: 16 × 62,50 = 1.000,00; 4 × 62,50 = 250,00 does not count
    v = value(catalog, block="jobcoaching", hours=20, **feb)
    assert v.amount == Decimal("1000.00")
    assert [(nc.reason, nc.exact) for nc in v.not_counted] == [("max_hours_per_week", 250)]
    # within the maximum: 10 × 62,50 = 625,00
    within = value(catalog, block="jobcoaching", hours=10, **feb)
    assert within.amount == Decimal("625.00")
    assert within.not_counted == ()


# --- per activity, invoice -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("activities", "days", "counted", "lost"),
    [
        (5, 2, 500, 250),  # 5 × 150 = 750, at most 2 × 250 = 500
        (1, 1, 150, 0),  # 150 ≤ 250
        (2, 1, 250, 50),  # 300, at most 250
        (4, 3, 600, 0),  # 600 ≤ 750
    ],
)
def test_per_activity_with_max_per_day(
    catalog: Catalog, activities: int, days: int, counted: int, lost: int
) -> None:
    v = value(catalog, block="gastles", activities=activities, days=days)
    assert v.exact == counted
    assert v.amount == Decimal(counted).quantize(Decimal("0.01"))
    expected_lost = [("max_per_day", Fraction(lost))] if lost else []
    assert [(nc.reason, nc.exact) for nc in v.not_counted] == expected_lost


@pytest.mark.parametrize(
    ("invoice", "expected"),
    [
        ("12345.67", "3703.70"),  # × 30% = 3.703,701
        ("0.05", "0.02"),  # × 30% = 0,015: half a cent goes up
        ("100000", "30000.00"),
        ("0", "0.00"),
    ],
)
def test_invoice_at_thirty_percent(catalog: Catalog, invoice: str, expected: str) -> None:
    v = value(catalog, block="inkoop_pso", invoice_amount=invoice)
    assert v.exact == Fraction(Decimal(invoice)) * Fraction(30, 100)
    assert v.amount == Decimal(expected) == half_up(v.exact)
    assert "30% × factuurbedrag excl. btw" in v.lines[0].nl
