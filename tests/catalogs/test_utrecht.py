"""Golden values of gemeente Utrecht, undated edition (catalogs.md §1, primer example).

Every expected amount is copied from the published table (value per full-time year of 36 hours)
or worked out by hand in the comment next to it; none comes from running the library.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from bouwblokken.activity import Activity
from bouwblokken.catalog import Catalog, load_catalog
from bouwblokken.catalog.registry import default_registry
from bouwblokken.valuation import value_activity

YEAR = (date(2025, 1, 1), date(2025, 12, 31))  # 12 whole months


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog("utrecht", edition="undated")


def full_year(block: str, **extra: Any) -> Activity:
    return Activity(block=block, hours_per_week=36, start=YEAR[0], end=YEAR[1], **extra)


# Jobs and learning places: value per full-time year (36 h).
TABLE = {
    "participatiewet": "40000",
    "doelgroepregister": "50000",
    "leerwerkplek_pro_vso_entree": "35000",
    "wia_wao": "40000",
    "ww": "20000",
    "bbl_niveau_2_3_4": "35000",
    "bol_niveau_2_3_4": "20000",
    "geen_recht_op_uitkering": "10000",
}


@pytest.mark.parametrize(("block", "amount"), TABLE.items())
def test_full_time_full_year_is_the_table_value(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=30), cat).amount == Decimal(amount)


def test_identity_undated_and_unverified(cat: Catalog) -> None:
    assert cat.effective_from is None
    assert cat.verified is False
    assert any("no date" in n for n in cat.notes_en)
    assert any("effective_basis" in n for n in cat.notes_en)
    assert cat.time.reference_hours_per_week == 36
    # "a percentage of the contract sum": neither percentage nor threshold is published.
    assert cat.obligation.percentage is None
    assert cat.obligation.threshold is None
    assert cat.obligation.note


def test_primer_golden_example(cat: Catalog) -> None:
    # Participatiewet 40 000, 24 of 36 h, 1 Jan .. 30 Jun 2025 = 6 whole months = 6/12 year:
    # 40 000 × 24/36 × 6/12 = 13 333,333… → € 13.333,33 (was 181/365 days: € 13.223,74)
    expected = Fraction(40000) * Fraction(24, 36) * Fraction(6, 12)
    v = value_activity(
        Activity(block="participatiewet", hours_per_week=24, start=YEAR[0], end=date(2025, 6, 30)),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("13333.33")
    assert "Participatiewet: € 40.000,00 × 24/36 uur × 6/12 maanden = € 13.333,33" in v.explain()


def test_counting_limit_not_stated_cuts_nothing(cat: Catalog) -> None:
    # Two years of WW: 20 000 × 24/12 = 40 000, nothing cut, and the trail says why.
    v = value_activity(
        Activity(block="ww", hours_per_week=36, start=YEAR[0], end=date(2026, 12, 31)), cat
    )
    assert v.amount == Decimal("40000.00")
    assert not v.not_counted
    assert "duur van meetellen niet vermeld in de bron" in v.explain("nl")


def test_hours_above_36_are_capped(cat: Catalog) -> None:
    # 40 h counts as 36: 40 000; lost 40 000 × 4/36 = 4 444,44
    v = value_activity(
        Activity(block="wia_wao", hours_per_week=40, start=YEAR[0], end=YEAR[1]), cat
    )
    assert v.amount == Decimal("40000.00")
    assert [(nc.reason, nc.amount) for nc in v.not_counted] == [("hours_cap", Decimal("4444.44"))]


@pytest.mark.parametrize(
    "extra",
    [
        {"age": 50},
        {"age": 64},
        {"flags": ("statushouder",)},
        {"flags": ("language_deficit",)},
        {"flags": ("permanent_contract",)},
    ],
)
def test_each_bonus_is_10000_per_year(cat: Catalog, extra: dict[str, Any]) -> None:
    # Participatiewet 40 000 + one bonus 10 000
    assert value_activity(full_year("participatiewet", **extra), cat).amount == Decimal("50000.00")


def test_no_bonus_below_50(cat: Catalog) -> None:
    assert value_activity(full_year("ww", age=49), cat).amount == Decimal("20000.00")


def test_bonuses_add_up(cat: Catalog) -> None:
    # BBL 35 000 + 50+ 10 000 + statushouder 10 000 + permanent contract 10 000 = 65 000
    v = value_activity(
        full_year("bbl_niveau_2_3_4", age=52, flags=("statushouder", "permanent_contract")), cat
    )
    assert v.amount == Decimal("65000.00")
    assert v.explain("nl").count("bonus ") == 3


def test_statushouder_and_language_deficit_is_one_bonus(cat: Catalog) -> None:
    # One condition "statushouder or language deficit": both flags still give 10 000 once.
    v = value_activity(full_year("ww", flags=("statushouder", "language_deficit")), cat)
    assert v.amount == Decimal("30000.00")


def test_bonus_pro_rata(cat: Catalog) -> None:
    # Jan–Mar 2025 = 3 whole months = 3/12 year:
    # (10 000 + 10 000) × 18/36 × 3/12 = 2 500,00
    expected = (Fraction(10000) + Fraction(10000)) * Fraction(18, 36) * Fraction(3, 12)
    v = value_activity(
        Activity(
            block="geen_recht_op_uitkering",
            hours_per_week=18,
            start=YEAR[0],
            end=date(2025, 3, 31),
            age=51,
        ),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("2500.00")
    assert "bonus Ouder dan 50 jaar: € 10.000,00 × 18/36 uur × 3/12 maanden" in v.explain()


def test_buying_from_social_enterprises(cat: Catalog) -> None:
    v = value_activity(
        Activity(block="inkoop_sociale_onderneming", invoice_amount=Decimal("12345.67")), cat
    )
    assert v.amount == Decimal("12345.67")
    assert "factuurbedrag excl. btw € 12.345,67" in v.explain()


@pytest.mark.parametrize(
    ("costs_block", "hours_block"),
    [
        ("opleiding_kennis_middelen_kosten", "opleiding_kennis_middelen_uren"),
        ("maatschappelijk_project_kosten", "maatschappelijk_project_uren"),
    ],
)
def test_costs_or_100_per_employee_per_hour(
    cat: Catalog, costs_block: str, hours_block: str
) -> None:
    v = value_activity(Activity(block=costs_block, costs=Decimal("2500.00")), cat)
    assert v.amount == Decimal("2500.00")
    # 100 per employee per hour: 3 employees × 4 hours = 12 hours → 1 200
    v = value_activity(Activity(block=hours_block, hours=12), cat)
    assert v.amount == Decimal("1200.00")
    assert "€ 100,00 × 12 uur = € 1.200,00" in v.explain("nl")


@pytest.mark.parametrize("block", ["opleiden_sr_medewerkers", "begeleiding_naar_werk"])
def test_in_consultation_takes_the_agreed_amount(cat: Catalog, block: str) -> None:
    assert cat.block(block).rule.kind == "agreed"
    v = value_activity(Activity(block=block, agreed_amount=Decimal("3750.50")), cat)
    assert v.amount == Decimal("3750.50")
    assert "in overleg vastgesteld bedrag € 3.750,50" in v.explain("nl")


def test_bonuses_are_marked_unverified(cat: Catalog) -> None:
    assert {b.id: b.verified for b in cat.bonuses} == {
        "ouder_dan_50": False,
        "statushouder_taalachterstand": False,
        "vast_dienstverband": False,
    }
    assert all(b.unit == "per_year" for b in cat.bonuses)


# --- The older Utrecht edition (catalogs.md §7a) ------------------------------------------------
# Whole calendar years at 36 h: the value is the table amount under any duration convention.

OLDER_TABLE = {
    "participatiewet_korter_dan_2_jaar": "30000",
    "participatiewet_langer_dan_2_jaar": "40000",
    "ww_korter_dan_1_jaar": "15000",
    "ww_langer_dan_1_jaar": "20000",
    "wia_wao": "30000",
    "banenafspraak": "35000",
    "bbl_traject": "15000",
    "bol_traject": "10000",
    "geen_uitkering": "10000",
}


@pytest.fixture(scope="module")
def older() -> Catalog:
    return load_catalog("utrecht@older")


@pytest.mark.parametrize(("block", "amount"), OLDER_TABLE.items())
def test_older_full_time_full_year_is_the_table_value(
    older: Catalog, block: str, amount: str
) -> None:
    assert value_activity(full_year(block, age=30), older).amount == Decimal(amount)


def test_older_every_block_is_covered(older: Catalog) -> None:
    others = {"wsw_diensten", "maatschappelijk_uren", "maatschappelijk_factuur"}
    assert {b.id for b in older.blocks} == set(OLDER_TABLE) | others


@pytest.mark.parametrize(
    ("block", "extra", "amount"),
    [
        ("participatiewet_korter_dan_2_jaar", {"flags": ("permanent_contract",)}, "40000"),
        # 30.000 + permanent contract 10.000 = 40.000
        ("ww_langer_dan_1_jaar", {"age": 50}, "25000"),  # 20.000 + 50+ 5.000
        # 35.000 + 10.000 + 5.000 = 50.000
        ("banenafspraak", {"age": 61, "flags": ("permanent_contract",)}, "50000"),
        # "on top of the amounts above": the jobseeker without benefit (last row) gets none
        ("geen_uitkering", {"age": 61, "flags": ("permanent_contract",)}, "10000"),
    ],
)
def test_older_bonuses_on_top(
    older: Catalog, block: str, extra: dict[str, Any], amount: str
) -> None:
    assert value_activity(full_year(block, **extra), older).amount == Decimal(amount)


def test_older_community_100_per_employee_per_hour_or_invoice(older: Catalog) -> None:
    # 4 employees × 3 hours = 12 hours × 100 = 1.200
    assert value_activity(
        Activity(block="maatschappelijk_uren", hours=12), older
    ).amount == Decimal("1200.00")
    assert value_activity(
        Activity(block="maatschappelijk_factuur", invoice_amount=Decimal("950.00")), older
    ).amount == Decimal("950.00")
    assert value_activity(
        Activity(block="wsw_diensten", invoice_amount=Decimal("3000.00")), older
    ).amount == Decimal("3000.00")


def test_editions_ordered_explicitly_older_first() -> None:
    # Neither edition states a date: edition_order (1, 2) orders them, not their labels, and
    # the current edition is the default; the older one is pinned.
    editions = default_registry().editions("utrecht")
    assert [(c.edition, c.edition_order) for c in editions] == [("older", 1), ("undated", 2)]
    assert load_catalog("utrecht").edition == "undated"
    assert load_catalog("utrecht", on=date(2025, 1, 1)).edition == "undated"
    older = load_catalog("utrecht@older")
    assert older.effective_from is None and older.verified is False
    assert any("no date" in n or "states no date" in n for n in older.notes_en)
    assert older.time.reference_hours_per_week == 36
