"""Golden values of gemeente Hilversum, undated edition (catalogs.md §7b).

Every expected amount is copied from the published table (value per "jaarcontract fulltime")
or worked out by hand in the comment next to it; none comes from running the library. The page
does not state the full-time week: the catalog assumes 36 hours (unverified). Placements here
are whole calendar years at the reference week, so the value is the table amount under any
duration convention (12 whole months = 12/12 year = 365/365 days).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bouwblokken.activity import Activity
from bouwblokken.catalog import Catalog, load_catalog
from bouwblokken.valuation import value_activity

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog("hilversum", edition="undated")


def full_year(block: str, **extra: Any) -> Activity:
    return Activity(block=block, hours_per_week=36, start=YEAR[0], end=YEAR[1], **extra)


TABLE = {
    "bijstand_korter_dan_2_jaar": "30000",
    "bijstand_langer_dan_2_jaar": "40000",
    "ww_korter_dan_1_jaar": "10000",
    "ww_langer_dan_1_jaar": "15000",
    "wia_wao": "30000",
    "wajong": "35000",
    "bbl_traject": "10000",
    "bol_traject": "5000",
}


@pytest.mark.parametrize(("block", "amount"), TABLE.items())
def test_full_time_full_year_is_the_table_value(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=30), cat).amount == Decimal(amount)


def test_every_block_is_covered() -> None:
    cat = load_catalog("hilversum")
    assert {b.id for b in cat.blocks} == set(TABLE) | {"wsw_diensten", "mvo_activiteiten"}


@pytest.mark.parametrize(
    ("block", "amount"),
    [
        # 55+: 5.000 extra on top of the amount above
        ("bijstand_korter_dan_2_jaar", "35000"),  # 30.000 + 5.000
        ("bijstand_langer_dan_2_jaar", "45000"),  # 40.000 + 5.000
        ("ww_korter_dan_1_jaar", "15000"),  # 10.000 + 5.000
        ("ww_langer_dan_1_jaar", "20000"),  # 15.000 + 5.000
        ("wia_wao", "35000"),  # 30.000 + 5.000
        ("wajong", "40000"),  # 35.000 + 5.000
    ],
)
def test_55_plus_adds_5000(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=55), cat).amount == Decimal(amount)


def test_no_55_plus_bonus_at_54_or_on_learning(cat: Catalog) -> None:
    assert value_activity(full_year("wajong", age=54), cat).amount == Decimal("35000.00")
    assert value_activity(full_year("bbl_traject", age=60), cat).amount == Decimal("10000.00")


def test_wsw_services_count_the_paid_invoices(cat: Catalog) -> None:
    v = value_activity(Activity(block="wsw_diensten", invoice_amount=Decimal("8765.43")), cat)
    assert v.amount == Decimal("8765.43")


def test_csr_activities_100_per_hour(cat: Catalog) -> None:
    # "P.M." (100 per hour spent): 2 employees × 7,5 hours = 15 hours → 15 × 100 = 1.500
    v = value_activity(Activity(block="mvo_activiteiten", hours=15), cat)
    assert v.amount == Decimal("1500.00")
    assert cat.block("mvo_activiteiten").rule.verified is False


def test_identity_undated_unverified_and_months(cat: Catalog) -> None:
    assert cat.effective_from is None and cat.verified is False
    assert cat.time.reference_hours_per_week == 36 and cat.time.verified is False
    assert cat.time.duration_unit == "months"
    assert cat.obligation.percentage is None and cat.obligation.threshold is None
    assert [b.verified for b in cat.bonuses] == [False]
