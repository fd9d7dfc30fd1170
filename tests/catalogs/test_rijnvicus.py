"""Golden values of Rijnvicus (Alphen aan den Rijn, Kaag en Braassem, Nieuwkoop), undated
edition (catalogs.md §7c).

Every expected amount is copied from the published table (value "op jaarbasis") or worked out by
hand in the comment next to it; none comes from running the library. The page does not state
the full-time week: the catalog assumes 36 hours (unverified). Placements are whole calendar
years at the reference week, so the value is the table amount under any duration convention.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bouwblokken.activity import Activity
from bouwblokken.catalog import Catalog, load_catalog
from bouwblokken.valuation import value_activity

YEAR = (date(2025, 1, 1), date(2025, 12, 31))  # 365 days, 52 completed weeks


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog("rijnvicus", edition="undated")


def full_year(block: str, **extra: Any) -> Activity:
    return Activity(block=block, hours_per_week=36, start=YEAR[0], end=YEAR[1], **extra)


TABLE = {
    "geen_uitkering_zonder_arbeidsbeperking": "5000",
    "geen_uitkering_met_arbeidsbeperking": "10000",
    "bol_stage": "5000",
    "bbl_dienstverband": "25000",
    "pro_vso_dienstverband_na_school": "25000",
    "ww": "10000",
    "wia": "20000",
    "wajong": "25000",
    "participatiewet_korter_dan_2_jaar": "25000",
    "participatiewet_langer_dan_2_jaar": "30000",
    "participatiewet_arbeidsbeperking": "50000",
    "wsw": "50000",
}


@pytest.mark.parametrize(("block", "amount"), TABLE.items())
def test_full_year_is_the_table_value(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=30), cat).amount == Decimal(amount)


def test_every_block_is_covered(cat: Catalog) -> None:
    assert {b.id for b in cat.blocks} == set(TABLE) | {"maatschappelijke_activiteit", "sw_bedrijf"}


@pytest.mark.parametrize(
    ("block", "amount"),
    [
        ("ww", "20000"),  # 10.000 + 55+ 10.000
        ("participatiewet_langer_dan_2_jaar", "40000"),  # 30.000 + 10.000
        ("wsw", "60000"),  # 50.000 + 10.000
    ],
)
def test_55_plus_adds_10000_per_year(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=55), cat).amount == Decimal(amount)


def test_55_plus_is_pro_rata_like_the_base(cat: Catalog) -> None:
    # WW 10.000 + 55+ 10.000, 18 of 36 h, 1 Jan – 30 Jun 2025 = 6 whole months = 6/12 year:
    # (10.000 + 10.000) × 18/36 × 6/12 = 5.000
    v = value_activity(
        Activity(block="ww", hours_per_week=18, start=YEAR[0], end=date(2025, 6, 30), age=58),
        cat,
    )
    assert v.amount == Decimal("5000.00")


def test_bol_internship_full_year_whatever_the_hours(cat: Catalog) -> None:
    # "per jaar, of naar rato in weken": 52 completed weeks ÷ 52 → 5.000, not prorated by hours
    v = value_activity(
        Activity(block="bol_stage", hours_per_week=16, start=YEAR[0], end=YEAR[1]), cat
    )
    assert v.amount == Decimal("5000.00")


def test_community_activity_agreed_at_most_1000_per_day(cat: Catalog) -> None:
    # agreed 1.500 for one day → at most 1.000 that day
    v = value_activity(
        Activity(block="maatschappelijke_activiteit", agreed_amount=Decimal("1500"), days=1), cat
    )
    assert v.amount == Decimal("1000.00")


def test_sw_company_counts_the_paid_invoices(cat: Catalog) -> None:
    v = value_activity(Activity(block="sw_bedrijf", invoice_amount=Decimal("4321.00")), cat)
    assert v.amount == Decimal("4321.00")


def test_identity(cat: Catalog) -> None:
    assert set(cat.members) == {"Alphen aan den Rijn", "Kaag en Braassem", "Nieuwkoop"}
    assert any("general knowledge" in n for n in cat.notes_en)
    assert cat.effective_from is None and cat.verified is False
    assert cat.time.duration_unit == "months"
