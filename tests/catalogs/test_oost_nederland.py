"""Golden values of the Oost-Nederland uniform model, V05 April 2023 (catalogs.md §4).

Every expected amount is copied from the published table or worked out by hand in the comment
next to it; none comes from running the library. The full-time week is not readable in the
source (the catalog's 36 is an unverified placeholder), so a full-time year is 36 h a week.
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
    return load_catalog("oost_nederland", edition="V05-2023-04")


def full_year(block: str, **extra: Any) -> Activity:
    return Activity(block=block, hours_per_week=36, start=YEAR[0], end=YEAR[1], **extra)


PER_YEAR = {
    "participatiewet_korter_dan_2_jaar": "30000",
    "participatiewet_langer_dan_2_jaar": "40000",
    "doelgroepregister_wia_wao_wsw_beschut": "40000",
    "ww_korter_dan_1_jaar": "10000",
    "ww_langer_dan_1_jaar": "15000",
    "nug": "10000",
}

PER_PERIOD = {
    "bol_niveau_1_2": "7500",  # per internship period (D)
    "bol_niveau_3_4": "5000",  # per internship period (D)
    "stage_hbo_wo": "5000",  # per internship period (D)
    "pro_vso_leerling": "5000",  # per internship period (D)
}

# The rows catalogs.md marks D: unverified in the catalog.
D_BLOCKS = {
    "bbl_niveau_3_4",
    "bol_niveau_1_2",
    "bol_niveau_3_4",
    "stage_hbo_wo",
    "pro_vso_leerling",
    "baan_na_vso_pro",
    "wsw_detachering_beschut_inkoop",
    "inkoop_pso_trede_1",
    "inkoop_pso_trede_2",
    "inkoop_pso_trede_3_30_plus",
    "mvo_activiteit_uren",
    "mvo_activiteit_factuur",
}


@pytest.mark.parametrize(("block", "amount"), PER_YEAR.items())
def test_full_time_full_year_is_the_table_value(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(full_year(block, age=30), cat).amount == Decimal(amount)


@pytest.mark.parametrize(("block", "amount"), PER_PERIOD.items())
def test_one_period_is_the_table_value(cat: Catalog, block: str, amount: str) -> None:
    assert value_activity(Activity(block=block, periods=1), cat).amount == Decimal(amount)


def test_two_internship_periods(cat: Catalog) -> None:
    # 2 × 7 500
    v = value_activity(Activity(block="bol_niveau_1_2", periods=2), cat)
    assert v.amount == Decimal("15000.00")
    assert "€ 7.500,00 × 2 stageperiode = € 15.000,00" in v.explain("nl")


def test_bbl_level_3_4_per_learning_work_year_pro_rata(cat: Catalog) -> None:
    # A whole year: 15 000; 1 Jan .. 30 Jun 2025 = 6 months: 15 000 × 6/12 = 7 500
    assert value_activity(full_year("bbl_niveau_3_4"), cat).amount == Decimal("15000.00")
    v = value_activity(Activity(block="bbl_niveau_3_4", start=YEAR[0], end=date(2025, 6, 30)), cat)
    assert v.amount == Decimal("7500.00")
    assert "€ 15.000,00 × 6/12 maanden = € 7.500,00" in v.explain("nl")


def test_work_experience_place_750_per_month(cat: Catalog) -> None:
    one = value_activity(
        Activity(block="werkervaringsplaats", start=date(2025, 2, 1), end=date(2025, 2, 28)), cat
    )
    assert one.amount == Decimal("750.00")
    # 1 Jan .. 15 Apr 2025: 3 months + 15/30 of the next → 750 × 3,5 = 2 625
    v = value_activity(
        Activity(block="werkervaringsplaats", start=YEAR[0], end=date(2025, 4, 15)), cat
    )
    assert v.amount == Decimal("2625.00")
    # A number of months without dates: 750 × 4
    v = value_activity(Activity(block="werkervaringsplaats", months=4), cat)
    assert v.amount == Decimal("3000.00")


def test_job_after_vso_pro_one_off(cat: Catalog) -> None:
    assert value_activity(Activity(block="baan_na_vso_pro"), cat).amount == Decimal("25000.00")


@pytest.mark.parametrize(
    ("block", "expected", "text"),
    [
        # invoice 1 000 excl. VAT × 100% / 10% / 20% / 30%
        ("wsw_detachering_beschut_inkoop", "1000.00", "factuurbedrag excl. btw € 1.000,00"),
        ("inkoop_pso_trede_1", "100.00", "10% × factuurbedrag excl. btw € 1.000,00 = € 100,00"),
        ("inkoop_pso_trede_2", "200.00", "20% × factuurbedrag excl. btw € 1.000,00 = € 200,00"),
        (
            "inkoop_pso_trede_3_30_plus",
            "300.00",
            "30% × factuurbedrag excl. btw € 1.000,00 = € 300,00",
        ),
        ("mvo_activiteit_factuur", "1000.00", "factuurbedrag excl. btw € 1.000,00"),
    ],
)
def test_invoice_blocks(cat: Catalog, block: str, expected: str, text: str) -> None:
    v = value_activity(Activity(block=block, invoice_amount=Decimal("1000.00")), cat)
    assert v.amount == Decimal(expected)
    assert text in v.explain("nl")


def test_pso_percentage_keeps_cents_exact(cat: Catalog) -> None:
    # 10% of 1 234,55 = 123,455 → half up → 123,46
    v = value_activity(Activity(block="inkoop_pso_trede_1", invoice_amount=Decimal("1234.55")), cat)
    assert v.exact == Fraction(123455, 1000)
    assert v.amount == Decimal("123.46")


def test_csr_activity_100_per_hour(cat: Catalog) -> None:
    # 100 × 6 hours
    v = value_activity(Activity(block="mvo_activiteit_uren", hours=6), cat)
    assert v.amount == Decimal("600.00")


def test_participatiewet_counts_two_years(cat: Catalog) -> None:
    # Three years on the job, 2 years count: 30 000 × 24/12 = 60 000; 2027 (12 months) lost
    v = value_activity(
        Activity(
            block="participatiewet_korter_dan_2_jaar",
            hours_per_week=36,
            start=YEAR[0],
            end=date(2027, 12, 31),
        ),
        cat,
    )
    assert v.amount == Decimal("60000.00")
    assert [(nc.reason, nc.amount) for nc in v.not_counted] == [
        ("counting_limit", Decimal("30000.00"))
    ]


def test_ww_counts_one_year(cat: Catalog) -> None:
    # 18 months of WW > 1 year: only 12 months count → 15 000
    v = value_activity(
        Activity(
            block="ww_langer_dan_1_jaar", hours_per_week=36, start=YEAR[0], end=date(2026, 6, 30)
        ),
        cat,
    )
    assert v.amount == Decimal("15000.00")


def test_target_group_register_always_counts(cat: Catalog) -> None:
    # 3 years, no limit: 40 000 × 36/12 = 120 000
    v = value_activity(
        Activity(
            block="doelgroepregister_wia_wao_wsw_beschut",
            hours_per_week=36,
            start=YEAR[0],
            end=date(2027, 12, 31),
        ),
        cat,
    )
    assert v.amount == Decimal("120000.00")


def test_pro_rata_size_and_duration(cat: Catalog) -> None:
    # Months as twelfths: 1 Aug .. 31 Dec 2025 = 5 whole months = 5/12 year
    # 40 000 × 32/36 × 5/12 = 14 814,814… → 14 814,81 (was 153/365 days: 14 904,11)
    expected = Fraction(40000) * Fraction(32, 36) * Fraction(5, 12)
    v = value_activity(
        Activity(
            block="participatiewet_langer_dan_2_jaar",
            hours_per_week=32,
            start=date(2025, 8, 1),
            end=YEAR[1],
        ),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("14814.81")
    assert "€ 40.000,00 × 32/36 uur × 5/12 maanden = € 14.814,81" in v.explain("nl")


def test_bonus_50_plus_per_year(cat: Catalog) -> None:
    # 30 000 + 5 000
    v = value_activity(full_year("participatiewet_korter_dan_2_jaar", age=50), cat)
    assert v.amount == Decimal("35000.00")
    v = value_activity(full_year("participatiewet_korter_dan_2_jaar", age=49), cat)
    assert v.amount == Decimal("30000.00")


def test_bonus_50_plus_only_within_the_counting_limit(cat: Catalog) -> None:
    # Two years of WW < 1 year at 52: 12 months count, base and bonus: 10 000 + 5 000 = 15 000;
    # the second year (10 000 + 5 000) does not count.
    v = value_activity(
        Activity(
            block="ww_korter_dan_1_jaar",
            hours_per_week=36,
            start=YEAR[0],
            end=date(2026, 12, 31),
            age=52,
        ),
        cat,
    )
    assert v.amount == Decimal("15000.00")
    assert [(nc.reason, nc.amount) for nc in v.not_counted] == [
        ("counting_limit", Decimal("15000.00"))
    ]


def test_bonus_50_plus_pro_rata(cat: Catalog) -> None:
    # 1 Jan .. 30 Jun 2025 = 6 whole months = 6/12 year:
    # (10 000 + 5 000) × 18/36 × 6/12 = 3 750,00
    expected = Fraction(15000) * Fraction(18, 36) * Fraction(6, 12)
    v = value_activity(
        Activity(block="nug", hours_per_week=18, start=YEAR[0], end=date(2025, 6, 30), age=61),
        cat,
    )
    assert v.exact == expected
    assert v.amount == Decimal("3750.00")
    assert "bonus Leeftijd 50+: € 5.000,00 × 18/36 uur × 6/12 maanden" in v.explain("nl")


def test_permanent_contract_one_off_and_bonuses_add_up(cat: Catalog) -> None:
    # NUG 10 000 + permanent contract 10 000 once
    v = value_activity(full_year("nug", flags=("permanent_contract",)), cat)
    assert v.amount == Decimal("20000.00")
    assert "eenmalig € 10.000,00" in v.explain("nl")
    # 40 000 + 50+ 5 000 + special group 5 000 + permanent contract 10 000 = 60 000
    v = value_activity(
        full_year(
            "participatiewet_langer_dan_2_jaar",
            age=55,
            flags=("statushouder", "permanent_contract"),
        ),
        cat,
    )
    assert v.amount == Decimal("60000.00")


def test_obligation_terms(cat: Catalog) -> None:
    ob = cat.obligation
    assert ob.percentage == 5
    assert ob.threshold == 200000
    assert ob.threshold_inclusive is False  # "above 200.000"
    reductions = {p.level: (p.reduction_percent, p.exempt, p.verified) for p in ob.pso}
    assert reductions == {
        "trede_1": (Decimal(10), False, False),
        "trede_2": (Decimal(25), False, False),
        "trede_3": (Decimal(50), False, False),
        "trede_3_30_plus": (None, True, False),
        "code_sociale_ondernemingen": (None, True, False),
    }


def test_identity_and_reliability(cat: Catalog) -> None:
    assert cat.id == "oost_nederland"
    assert cat.effective_from == date(2023, 4, 1)
    assert any("October 2019" in n for n in cat.notes_en)
    assert {s.reliability for s in cat.sources} == {"A"}
    assert cat.time.verified is False  # full-time week not readable
    a_rows = set(PER_YEAR) | {"werkervaringsplaats"}
    for block in cat.blocks:
        if block.id in a_rows:
            assert block.verified, block.id
        if block.id in D_BLOCKS:
            assert not block.verified and block.note and "D:" in block.note, block.id
    # Row 8 (BBL 1/2): the value is A, the counting limit is not readable, and whether a part
    # year counts pro rata is a reading (issue 8): both unverified, with notes.
    bbl = cat.block("bbl_niveau_1_2")
    assert not bbl.rule.verified and not bbl.verified
    assert bbl.rule.note and "Gekozen lezing" in bbl.rule.note
    assert bbl.rule.note_en and "Reading chosen" in bbl.rule.note_en
    assert all(not b.verified for b in cat.bonuses)
    assert {b.id: b.unit for b in cat.bonuses} == {
        "leeftijd_50_plus": "per_year",
        "bijzondere_doelgroep": "per_year",
        "vast_contract": "one_off",
    }


def test_meppel_and_westerveld_use_this_table(cat: Catalog) -> None:
    # catalogs.md §7d: Meppel and Westerveld (Drenthe), Zwolle labour-market region, use V05.
    assert set(cat.members) >= {"Meppel", "Westerveld"}
    assert any("opdrachtgever" in (s.url or "") for s in cat.sources)


# --- Reading chosen (issue 8): BBL level 1–2, 20.000 per learning-work year, pro rata --------


def test_bbl_level_1_2_whole_learning_work_year(cat: Catalog) -> None:
    # 1 Jan – 31 Dec 2025 = 12 whole months = one learning-work year: 20.000 × 12/12 = 20.000
    assert value_activity(full_year("bbl_niveau_1_2"), cat).amount == Decimal("20000.00")


def test_bbl_level_1_2_three_months_counts_pro_rata(cat: Catalog) -> None:
    # Issue 8: a 3-month placement counted a whole year (20.000); pro rata it is
    # 20.000 × 3/12 = 5.000 (1 Jan – 31 Mar 2025 = 3 whole months).
    v = value_activity(Activity(block="bbl_niveau_1_2", start=YEAR[0], end=date(2025, 3, 31)), cat)
    assert v.amount == Decimal("5000.00")
    assert "€ 20.000,00 × 3/12 maanden = € 5.000,00" in v.explain("nl")
