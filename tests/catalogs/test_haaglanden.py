"""Golden values of Haaglanden + Zuid-Holland Centraal, edition 2023-07 (catalogs.md §2).

Every expected amount is copied from the published table (value per year, 36 hours) or worked
out by hand in the comment next to it; none comes from running the library.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from bouwblokken.activity import Activity
from bouwblokken.catalog import Catalog, load_catalog
from bouwblokken.valuation import value_activity

YEAR = (date(2025, 1, 1), date(2025, 12, 31))  # 365 days


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog("haaglanden", edition="2023-07")


def full_year(block: str, **extra: Any) -> Activity:
    return Activity(block=block, hours_per_week=36, start=YEAR[0], end=YEAR[1], **extra)


# The published table: value per year on the basis of 36 hours.
TABLE = {
    "werkzoekende_zonder_uitkering": "5000",
    "jongere_zonder_startkwalificatie": "10000",
    "stagiair_mbo_hbo": "5000",
    "stagiair_vso_pro": "7500",
    "leerbaan_bbl_niveau_1_2": "25000",
    "leerbaan_bbl_niveau_3_plus": "15000",
    "ww": "20000",
    "wia": "30000",
    "participatiewet": "40000",
    "banenafspraak": "50000",
}


@pytest.mark.parametrize(("block", "amount"), TABLE.items())
def test_full_time_full_year_is_the_table_value(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=30), cat).amount == Decimal(amount)


def test_identity_and_obligation(cat: Catalog) -> None:
    assert cat.effective_from == date(2023, 7, 1)
    assert cat.effective_basis == "contract_date"
    assert len(cat.members) == 11
    assert cat.time.reference_hours_per_week == 36
    assert cat.obligation.percentage == 5
    assert cat.obligation.threshold == 215000
    assert cat.obligation.threshold_inclusive is True
    assert cat.eligibility.prior_start_months == 12


def test_primer_example_part_time_half_year(cat: Catalog) -> None:
    # 40 000 × 24/36 × 181/365 = 13 223,744… → 13 223,74
    v = value_activity(
        Activity(block="participatiewet", hours_per_week=24, start=YEAR[0], end=date(2025, 6, 30)),
        cat,
    )
    assert v.amount == Decimal("13223.74")
    assert "€ 40.000,00 × 24/36 uur × 181/365 dagen = € 13.223,74" in v.explain("nl")
    assert "€40,000.00 × 24/36 hours × 181/365 days = €13,223.74" in v.explain("en")


def test_pro_rata_wia_spring(cat: Catalog) -> None:
    # 30 000 × 20/36 × 92/365 (1 Mar .. 31 May 2025 = 31 + 30 + 31 days)
    expected = Fraction(30000) * Fraction(20, 36) * Fraction(92, 365)
    v = value_activity(
        Activity(block="wia", hours_per_week=20, start=date(2025, 3, 1), end=date(2025, 5, 31)),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("4200.91")  # 4 200,913…


def test_ww_two_years_counts_twelve_months(cat: Catalog) -> None:
    # Counting limit 12 months: 2025 counts (20 000), 2026 does not (20 000 lost).
    v = value_activity(
        Activity(block="ww", hours_per_week=36, start=YEAR[0], end=date(2026, 12, 31)), cat
    )
    assert v.amount == Decimal("20000.00")
    assert [(nc.reason, nc.amount) for nc in v.not_counted] == [
        ("counting_limit", Decimal("20000.00"))
    ]
    assert "geteld t/m 2025-12-31" in v.explain("nl")


def test_participatiewet_three_years_counts_twenty_four_months(cat: Catalog) -> None:
    # 24 months from 1 Jan 2025 end on 31 Dec 2026: 730 days → 40 000 × 730/365 = 80 000
    v = value_activity(
        Activity(block="participatiewet", hours_per_week=36, start=YEAR[0], end=date(2027, 12, 31)),
        cat,
    )
    assert v.amount == Decimal("80000.00")


def test_banenafspraak_always_counts(cat: Catalog) -> None:
    # No limit: 1 Jan 2025 .. 31 Dec 2027 = 1095 days → 50 000 × 1095/365 = 150 000
    v = value_activity(
        Activity(block="banenafspraak", hours_per_week=36, start=YEAR[0], end=date(2027, 12, 31)),
        cat,
    )
    assert v.amount == Decimal("150000.00")
    assert not v.not_counted
    assert "telt altijd mee" in v.explain("nl")


def test_wage_cost_subsidy_counts_while_it_runs(cat: Catalog) -> None:
    # Subsidy ends 30 Jun 2025: 181 of 365 days at 40 000 → 19 835,616… → 19 835,62
    v = value_activity(full_year("loonkostensubsidie", subsidy_end=date(2025, 6, 30)), cat)
    assert v.amount == Decimal("19835.62")


def test_hours_above_36_do_not_count(cat: Catalog) -> None:
    # 40 h a week is capped at 36: 20 000; lost 20 000 × 4/36 = 2 222,22
    v = value_activity(Activity(block="ww", hours_per_week=40, start=YEAR[0], end=YEAR[1]), cat)
    assert v.amount == Decimal("20000.00")
    assert [(nc.reason, nc.amount) for nc in v.not_counted] == [("hours_cap", Decimal("2222.22"))]


def test_bonus_55_plus_per_year(cat: Catalog) -> None:
    # WW 20 000 + 55+ 10 000 (per year, 36 h)
    assert value_activity(full_year("ww", age=55), cat).amount == Decimal("30000.00")
    assert value_activity(full_year("ww", age=54), cat).amount == Decimal("20000.00")


def test_bonus_55_plus_within_the_counting_limit(cat: Catalog) -> None:
    # Two years of WW at 55+: only the 12 counted months carry the bonus: 20 000 + 10 000
    v = value_activity(
        Activity(block="ww", hours_per_week=36, start=YEAR[0], end=date(2026, 12, 31), age=60),
        cat,
    )
    assert v.amount == Decimal("30000.00")


def test_bonus_55_plus_pro_rata(cat: Catalog) -> None:
    # (40 000 + 10 000) × 18/36 × 90/365 (Jan–Mar 2025) = 6 164,383… → 6 164,38
    expected = (Fraction(40000) + Fraction(10000)) * Fraction(18, 36) * Fraction(90, 365)
    v = value_activity(
        Activity(
            block="participatiewet",
            hours_per_week=18,
            start=YEAR[0],
            end=date(2025, 3, 31),
            age=58,
        ),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("6164.38")
    assert "bonus 55+: € 10.000,00 × 18/36 uur × 90/365 dagen" in v.explain("nl")


def test_one_off_bonuses(cat: Catalog) -> None:
    # VSO/PrO pupil hired after >= 6 months internship: + 25 000 once
    pupil = ("pro_vso_pupil",)
    v = value_activity(full_year("participatiewet", internship_months=6, flags=pupil), cat)
    assert v.amount == Decimal("65000.00")
    assert "eenmalig € 25.000,00" in v.explain("nl")
    assert value_activity(
        full_year("participatiewet", internship_months=5, flags=pupil), cat
    ).amount == Decimal("40000.00")
    # ... and only for a PrO/VSO pupil: another person after an internship gets no bonus
    assert value_activity(full_year("ww", internship_months=6), cat).amount == Decimal("20000.00")
    # Employment with a labour disability (incl. IPS): + 10 000 once
    v = value_activity(full_year("banenafspraak", flags=("ips",)), cat)
    assert v.amount == Decimal("60000.00")


def test_bonuses_add_up(cat: Catalog) -> None:
    # 40 000 + 55+ 10 000 + after internship 25 000 + labour disability 10 000 = 85 000
    v = value_activity(
        full_year(
            "participatiewet",
            age=56,
            internship_months=8,
            flags=("labour_disability", "pro_vso_pupil"),
        ),
        cat,
    )
    assert v.amount == Decimal("85000.00")
    assert "vervalt" not in v.explain("nl")


def test_training_and_coaching_costs(cat: Catalog) -> None:
    v = value_activity(Activity(block="opleiding_begeleiding", costs=Decimal("1234.56")), cat)
    assert v.amount == Decimal("1234.56")
    assert "gemaakte kosten € 1.234,56" in v.explain("nl")


def test_unverified_items_are_the_unclear_ones(cat: Catalog) -> None:
    assert not cat.block("loonkostensubsidie").verified
    unverified = {b.id for b in cat.bonuses if not b.verified}
    assert unverified == {"in_dienst_na_stage_vso_pro", "dienstverband_arbeidsbeperking"}
