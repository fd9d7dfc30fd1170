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

YEAR = (date(2025, 1, 1), date(2025, 12, 31))  # 12 whole months


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
    # "contracts from 215.000 (it follows the EU threshold)": the figure comes by date from
    # catalogs/eu-thresholds.toml, not a fixed amount (issue 8, obligations).
    assert cat.obligation.threshold is None
    assert cat.obligation.threshold_follows_eu == "services_supplies"
    assert cat.obligation.threshold_inclusive is True
    assert cat.eligibility.prior_start_months == 12


def test_primer_example_part_time_half_year(cat: Catalog) -> None:
    # Months as twelfths: 1 Jan – 30 Jun 2025 = 6 whole months = 6/12 year.
    # 40 000 × 24/36 × 6/12 = 13 333,333… → 13 333,33 (was 181/365 days: 13 223,74)
    v = value_activity(
        Activity(block="participatiewet", hours_per_week=24, start=YEAR[0], end=date(2025, 6, 30)),
        cat,
    )
    assert v.exact == Fraction(40000) * Fraction(24, 36) * Fraction(6, 12)
    assert v.amount == Decimal("13333.33")
    assert "€ 40.000,00 × 24/36 uur × 6/12 maanden = € 13.333,33" in v.explain("nl")
    assert "€40,000.00 × 24/36 hours × 6/12 months = €13,333.33" in v.explain("en")


def test_pro_rata_wia_spring(cat: Catalog) -> None:
    # 1 Mar .. 31 May 2025 = 3 whole months = 3/12 year:
    # 30 000 × 20/36 × 3/12 = 4 166,666… → 4 166,67
    expected = Fraction(30000) * Fraction(20, 36) * Fraction(3, 12)
    v = value_activity(
        Activity(block="wia", hours_per_week=20, start=date(2025, 3, 1), end=date(2025, 5, 31)),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("4166.67")


def test_ww_two_years_counts_twelve_months(cat: Catalog) -> None:
    # Counting limit 12 months: 2025 counts (20 000), 2026 does not (20 000 lost).
    v = value_activity(
        Activity(block="ww", hours_per_week=36, start=YEAR[0], end=date(2026, 12, 31)), cat
    )
    assert v.amount == Decimal("20000.00")
    assert [(nc.reason, nc.amount) for nc in v.not_counted] == [
        ("counting_limit", Decimal("20000.00"))
    ]
    assert "geteld t/m 31-12-2025" in v.explain("nl")


def test_participatiewet_three_years_counts_twenty_four_months(cat: Catalog) -> None:
    # 24 months from 1 Jan 2025 end on 31 Dec 2026: 40 000 × 24/12 = 80 000
    v = value_activity(
        Activity(block="participatiewet", hours_per_week=36, start=YEAR[0], end=date(2027, 12, 31)),
        cat,
    )
    assert v.amount == Decimal("80000.00")


def test_banenafspraak_always_counts(cat: Catalog) -> None:
    # No limit: 1 Jan 2025 .. 31 Dec 2027 = 36 months → 50 000 × 36/12 = 150 000
    v = value_activity(
        Activity(block="banenafspraak", hours_per_week=36, start=YEAR[0], end=date(2027, 12, 31)),
        cat,
    )
    assert v.amount == Decimal("150000.00")
    assert not v.not_counted
    assert "telt altijd mee" in v.explain("nl")


def test_wage_cost_subsidy_counts_while_it_runs(cat: Catalog) -> None:
    # Subsidy ends 30 Jun 2025: 1 Jan – 30 Jun = 6/12 year at 40 000 → 20 000,00
    v = value_activity(full_year("loonkostensubsidie", subsidy_end=date(2025, 6, 30)), cat)
    assert v.amount == Decimal("20000.00")


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
    # Jan–Mar 2025 = 3 whole months = 3/12 year:
    # (40 000 + 10 000) × 18/36 × 3/12 = 6 250,00
    expected = (Fraction(40000) + Fraction(10000)) * Fraction(18, 36) * Fraction(3, 12)
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
    assert v.amount == Decimal("6250.00")
    assert "bonus 55+: € 10.000,00 × 18/36 uur × 3/12 maanden" in v.explain("nl")


def test_one_off_bonuses(cat: Catalog) -> None:
    # VSO/PrO pupil hired after >= 6 months internship: + 25 000 once
    pupil = ("pro_vso_pupil",)
    v = value_activity(full_year("participatiewet", internship_months=6, flags=pupil), cat)
    assert v.amount == Decimal("65000.00")
    assert "eenmalig € 25.000,00" in v.explain("nl")
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
    assert "gemaakte kosten € 1.234,56" in v.explain("nl")


def test_unverified_items_are_the_unclear_ones(cat: Catalog) -> None:
    assert not cat.block("loonkostensubsidie").verified
    unverified = {b.id for b in cat.bonuses if not b.verified}
    # 55+ is a reading chosen for issue 8 (no unit on the page); the other two read as one-off.
    assert unverified == {
        "leeftijd_55_plus",
        "in_dienst_na_stage_vso_pro",
        "dienstverband_arbeidsbeperking",
    }


# --- Readings chosen (issue 8), each verified = false with a note --------------------------------


@pytest.mark.parametrize(
    ("block", "months"), [("leerbaan_bbl_niveau_1_2", 24), ("leerbaan_bbl_niveau_3_plus", 36)]
)
def test_bbl_learning_jobs_count_their_own_maximum(cat: Catalog, block: str, months: int) -> None:
    # Reading: the row's "dienstverband max. 24/36 maanden" is the counting limit (the footnote's
    # general 12 months does not cut it). Marked unverified with the reason.
    b = cat.block(block)
    assert b.counting_limit.kind == "months" and b.counting_limit.months == months  # type: ignore[union-attr]
    assert not b.verified and b.note and "Gekozen lezing" in b.note and "voetnoot" in b.note
    assert b.note_en and "Reading chosen" in b.note_en and "footnote" in b.note_en


def test_bbl_level_1_2_thirty_months_counts_24(cat: Catalog) -> None:
    # 36 h, 1 Jan 2024 – 30 Jun 2026 (30 months); the limit of 24 months ends 31 Dec 2025:
    # 25.000 × 24/12 = 50.000 counted (the footnote's 12 months would give 25.000);
    # 25.000 × 6/12 = 12.500 not counted.
    v = value_activity(
        Activity(
            block="leerbaan_bbl_niveau_1_2",
            hours_per_week=36,
            start=date(2024, 1, 1),
            end=date(2026, 6, 30),
        ),
        cat,
    )
    assert v.amount == Decimal("50000.00")
    assert [(nc.reason, nc.amount) for nc in v.not_counted] == [
        ("counting_limit", Decimal("12500.00"))
    ]


def test_bbl_level_3_plus_three_years_counts_whole(cat: Catalog) -> None:
    # 36 h, 1 Jan 2024 – 31 Dec 2026 = 36 months, the whole limit: 15.000 × 3 = 45.000
    v = value_activity(
        Activity(
            block="leerbaan_bbl_niveau_3_plus",
            hours_per_week=36,
            start=date(2024, 1, 1),
            end=date(2026, 12, 31),
        ),
        cat,
    )
    assert v.amount == Decimal("45000.00")
    assert not v.not_counted


def test_55_plus_bonus_read_per_year_pro_rata(cat: Catalog) -> None:
    # Reading: 10.000 per year, pro rata like the base. Participatiewet 24 of 36 h,
    # 1 Jan – 30 Jun 2025 = 6 whole months = 6/12 year:
    #   40.000 × 24/36 × 6/12 = 13.333,333…; 55+ 10.000 × 24/36 × 6/12 = 3.333,333…
    #   together (40.000 + 10.000) × 24/36 × 6/12 = 16.666,666… → 16.666,67
    v = value_activity(
        Activity(
            block="participatiewet",
            hours_per_week=24,
            start=date(2025, 1, 1),
            end=date(2025, 6, 30),
            age=58,
        ),
        cat,
    )
    assert v.amount == Decimal("16666.67")
    bonus = next(b for b in cat.bonuses if b.id == "leeftijd_55_plus")
    assert bonus.unit == "per_year" and not bonus.verified
    assert bonus.note and "Gekozen lezing" in bonus.note
    assert bonus.note_en and "Reading chosen" in bonus.note_en


# --- Months as twelfths (kalenderdagenmethode), issue 8 "12 months is not a year" ------------
# Each calendar day d weighs 1/(12 × days in d's month) of a year; 12 whole months = 1 year,
# leap day or not. The catalog says duration_unit = "months" with its reason.


def test_catalog_says_months_with_a_reason(cat: Catalog) -> None:
    assert cat.time.duration_unit == "months"
    assert cat.time.note and "per jaar, naar rato" in cat.time.note


def test_readme_example_twelve_months_across_a_leap_day(cat: Catalog) -> None:
    # Participatiewet, 24 h, 55+, 1 March 2024 – 28 Feb 2025 = 12 whole months = 12/12 year:
    # 40 000 × 24/36 + 10 000 × 24/36 = 26 666,666… + 6 666,666… = 33 333,333… → 33 333,33
    # (days: 59/365 + 306/366 gave 33 256,98)
    v = value_activity(
        Activity(
            block="participatiewet",
            hours_per_week=24,
            start=date(2024, 3, 1),
            end=date(2025, 2, 28),
            age=57,
        ),
        cat,
    )
    assert v.exact == (Fraction(40000) + Fraction(10000)) * Fraction(24, 36)
    assert v.amount == Decimal("33333.33")


def test_july_to_june_at_20_hours_is_one_year(cat: Catalog) -> None:
    # 1 July 2023 – 30 June 2024 = 12 whole months: 40 000 × 20/36 × 12/12 = 22 222,22
    # (days counted 1,0014 years: 22 252,83)
    v = value_activity(
        Activity(
            block="participatiewet",
            hours_per_week=20,
            start=date(2023, 7, 1),
            end=date(2024, 6, 30),
        ),
        cat,
    )
    assert v.amount == Decimal("22222.22")


def test_mid_month_to_mid_month_is_two_months(cat: Catalog) -> None:
    # 15 Jan – 14 Mar 2025 = 17/31 (Jan) + 1 (Feb) + 14/31 (Mar) = 2 months = 2/12 year:
    # WW 20 000 × 36/36 × 2/12 = 3 333,333… → 3 333,33
    v = value_activity(
        Activity(block="ww", hours_per_week=36, start=date(2025, 1, 15), end=date(2025, 3, 14)),
        cat,
    )
    assert v.exact == Fraction(20000) * Fraction(2, 12)
    assert v.amount == Decimal("3333.33")


def test_part_months_count_their_days_of_that_month(cat: Catalog) -> None:
    # 10 Jan – 20 Feb 2025: January 10..31 = 22 of 31 days, February 1..20 = 20 of 28 days:
    # months = 22/31 + 20/28 = 22/31 + 5/7 = (154 + 155)/217 = 309/217
    # Participatiewet 40 000 × 36/36 × (309/217)/12 = 40 000 × 309/2604 = 12 360 000/2604
    #   = 4 746,543… → 4 746,54
    # (months counted from the start date, 10 Jan – 9 Feb + 11/28, would give 39/28 months.)
    v = value_activity(
        Activity(
            block="participatiewet",
            hours_per_week=36,
            start=date(2025, 1, 10),
            end=date(2025, 2, 20),
        ),
        cat,
    )
    assert v.exact == Fraction(40000) * (Fraction(22, 31) + Fraction(20, 28)) / 12
    assert v.amount == Decimal("4746.54")
