"""Golden values of Regio Leiden, edition 2023-09 (catalogs.md §3).

Every expected amount is copied from the published table (value per year) or worked out by hand
in the comment next to it; none comes from running the library. The page does not state the
full-time week: the catalog assumes 36 hours (unverified), so a full-time year is 36 h a week.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from bouwblokken.activity import Activity
from bouwblokken.catalog import Catalog, load_catalog
from bouwblokken.errors import NoEditionInForceError
from bouwblokken.valuation import value_activity

YEAR = (date(2025, 1, 1), date(2025, 12, 31))  # 365 days, 52 completed weeks


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog("leiden", edition="2023-09")


def full_year(block: str, **extra: Any) -> Activity:
    return Activity(block=block, hours_per_week=36, start=YEAR[0], end=YEAR[1], **extra)


TABLE = {
    "geen_uitkering_zonder_arbeidsbeperking": "5000",
    "geen_uitkering_met_arbeidsbeperking": "10000",
    "bol_stage": "10000",
    "bbl_dienstverband": "25000",
    "pro_vso_dienstverband_na_school": "25000",
    "ww": "15000",
    "wia": "40000",
    "wajong": "25000",
    "participatiewet_zonder_arbeidsbeperking": "30000",
    "participatiewet_arbeidsbeperking": "50000",
    "wsw": "50000",
}


@pytest.mark.parametrize(("block", "amount"), TABLE.items())
def test_full_year_is_the_table_value(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=30), cat).amount == Decimal(amount)


def test_identity_dates_and_basis(cat: Catalog) -> None:
    assert cat.effective_from == date(2023, 9, 1)
    assert cat.effective_basis == "publication_date"
    assert set(cat.members) == {"Leiden", "Leiderdorp", "Oegstgeest", "Zoeterwoude"}
    assert cat.time.reference_hours_per_week == 36
    assert cat.time.verified is False
    assert cat.time.note and cat.time.note_en and "36 hours is assumed" in cat.time.note_en
    assert cat.obligation.percentage is None
    assert cat.obligation.note and "PSO" in cat.obligation.note


def test_edition_by_publication_date() -> None:
    assert load_catalog("leiden", on=date(2023, 9, 1)).edition == "2023-09"
    with pytest.raises(NoEditionInForceError):
        load_catalog("leiden", on=date(2023, 8, 31))


def test_bol_internship_pro_rata_by_weeks(cat: Catalog) -> None:
    # 1 Jan .. 31 Mar 2025 = 90 days = 12 completed weeks → 10 000 × 12/52 = 2 307,692… → 2 307,69
    expected = Fraction(10000) * Fraction(12, 52)
    v = value_activity(Activity(block="bol_stage", start=YEAR[0], end=date(2025, 3, 31)), cat)
    assert v.exact == expected
    assert v.amount == Decimal("2307.69")
    # 90 days = 12 weeks + 6 days; the trail says the 6 days do not count
    assert (
        "€ 10.000,00 × 12/52 weken (6 dagen buiten hele weken tellen niet) = € 2.307,69"
        in v.explain("nl")
    )


def test_bol_internship_is_not_prorated_by_hours(cat: Catalog) -> None:
    # "per year, or pro rata by weeks": a whole year counts 10 000 whatever the hours.
    v = value_activity(
        Activity(block="bol_stage", hours_per_week=16, start=YEAR[0], end=YEAR[1]), cat
    )
    assert v.amount == Decimal("10000.00")


def test_pro_rata_by_hours_and_months(cat: Catalog) -> None:
    # Months as twelfths: 1 Mar .. 31 Aug 2025 = 6 whole months = 6/12 year
    # 50 000 × 20/36 × 6/12 = 13 888,888… → 13 888,89 (was 184/365 days: 14 003,04)
    expected = Fraction(50000) * Fraction(20, 36) * Fraction(6, 12)
    v = value_activity(
        Activity(
            block="participatiewet_arbeidsbeperking",
            hours_per_week=20,
            start=date(2025, 3, 1),
            end=date(2025, 8, 31),
        ),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("13888.89")


def test_community_activity_agreed_at_most_1000_per_day(cat: Catalog) -> None:
    # 'maatwerk': the agreed value counts, at most 1 000 a day
    one = value_activity(
        Activity(block="maatschappelijke_activiteit", agreed_amount=Decimal("800.00"), days=1), cat
    )
    assert one.amount == Decimal("800.00")
    # agreed 3 000 for one day: at most 1 000; 2 000 does not count
    crowded = value_activity(
        Activity(block="maatschappelijke_activiteit", agreed_amount=Decimal("3000.00"), days=1),
        cat,
    )
    assert crowded.amount == Decimal("1000.00")
    assert [(nc.reason, nc.amount) for nc in crowded.not_counted] == [
        ("max_per_day", Decimal("2000.00"))
    ]
    # the same 3 000 over three days: all of it
    spread = value_activity(
        Activity(block="maatschappelijke_activiteit", agreed_amount=Decimal("3000.00"), days=3),
        cat,
    )
    assert spread.amount == Decimal("3000.00")
    assert "max. € 1.000,00 per dag × 1 dagen" in crowded.explain("nl")


def test_sw_company_counts_the_invoice(cat: Catalog) -> None:
    v = value_activity(Activity(block="sw_bedrijf", invoice_amount=Decimal("8400.10")), cat)
    assert v.amount == Decimal("8400.10")


def test_bonus_55_plus_is_15000_per_year(cat: Catalog) -> None:
    # WW 15 000 + 55+ 15 000
    assert value_activity(full_year("ww", age=55), cat).amount == Decimal("30000.00")
    assert value_activity(full_year("ww", age=54), cat).amount == Decimal("15000.00")


def test_bonus_55_plus_pro_rata(cat: Catalog) -> None:
    # 1 Jan .. 30 Jun 2025 = 6 whole months = 6/12 year:
    # (30 000 + 15 000) × 24/36 × 6/12 = 15 000,00
    expected = Fraction(45000) * Fraction(24, 36) * Fraction(6, 12)
    v = value_activity(
        Activity(
            block="participatiewet_zonder_arbeidsbeperking",
            hours_per_week=24,
            start=YEAR[0],
            end=date(2025, 6, 30),
            age=57,
        ),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("15000.00")
    assert "bonus Werkzoekende 55+: € 15.000,00 × 24/36 uur × 6/12 maanden" in v.explain()


def test_pro_vso_hired_after_internship_bonus(cat: Catalog) -> None:
    # 25 000 + one-off 10 000 after an internship of at least 6 months
    block = "pro_vso_dienstverband_na_school"
    assert value_activity(full_year(block, internship_months=6), cat).amount == Decimal("35000.00")
    assert value_activity(full_year(block, internship_months=5), cat).amount == Decimal("25000.00")
    # The bonus belongs to the PrO/VSO block only.
    assert value_activity(full_year("ww", internship_months=12), cat).amount == Decimal("15000.00")


def test_bonuses_add_up(cat: Catalog) -> None:
    # 25 000 + 55+ 15 000 + after internship 10 000 = 50 000 (an older PrO/VSO leaver is odd,
    # but the two bonuses have independent conditions and both count)
    v = value_activity(
        full_year("pro_vso_dienstverband_na_school", age=55, internship_months=6), cat
    )
    assert v.amount == Decimal("50000.00")
