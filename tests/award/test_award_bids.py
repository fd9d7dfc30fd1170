"""Bid comparison: offered euros, what each plan counts, the gap, named vs unnamed.

The worked example of docs/award.md (examples/award/bids.json): Haaglanden catalog, contract
value € 2.000.000, 1 January 2026 – 31 December 2027, placements of 12 whole months (one
year under every duration convention), reference week 36 hours.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from bouwblokken import Activity, Person, Tender
from bouwblokken.award import AwardError, Bid, compare_bids, read_bids

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "award" / "bids.json"


@pytest.fixture(scope="module")
def comparison():  # type: ignore[no-untyped-def]
    doc = read_bids(EXAMPLE)
    return compare_bids(doc.tender, doc.bids)


def test_offered_euros_counted_and_gap(comparison) -> None:  # type: ignore[no-untyped-def]
    a = comparison.result("Schoon BV")
    # 4% × 2.000.000 = 80.000; plan: 2 × Participatiewet 40.000 × 36/36 × 1 year = 80.000.
    assert a.offered_amount == Decimal("80000.00")
    assert a.counted == 2 * Decimal(40000)
    assert a.gap == 0 and a.covered == 1
    b = comparison.result("Glans & Co")
    # 6% × 2.000.000 = 120.000; plan: Participatiewet 40.000 + banenafspraak 50.000 + WW 20.000
    # = 110.000; gap 120.000 − 110.000 = 10.000.
    assert b.offered_amount == Decimal("120000.00")
    assert b.counted == Decimal(40000 + 50000 + 20000)
    assert b.gap == Decimal("10000.00")
    # The plan backs 6% × 110.000 / 120.000 = 5,5%.
    assert b.plan_percentage == Fraction(11, 2)
    c = comparison.result("Helder Facilitair")
    # 5% = 100.000; banenafspraak 50.000 + Participatiewet 40.000 × 24/36 = 26.666,67 (rounded
    # once, half up) + WW 20.000 = 96.666,67; gap 3.333,33.
    assert c.offered_amount == Decimal("100000.00")
    assert c.counted == Decimal("50000") + Decimal("26666.67") + Decimal("20000")
    assert c.gap == Decimal("3333.33")


def test_named_candidates_and_placeholders(comparison) -> None:  # type: ignore[no-untyped-def]
    counts = {r.bid.bidder: (r.named, r.unnamed) for r in comparison.results}
    assert counts == {"Schoon BV": (2, 0), "Glans & Co": (1, 2), "Helder Facilitair": (2, 1)}
    assert comparison.catalog == "haaglanden@2023-07"


def _oost(**terms: object) -> Tender:
    return Tender(
        id="wegen",
        catalog="oost_nederland",
        contract_value="1000000",
        contract_type="works",
        contract_date=date(2025, 12, 1),
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        **terms,  # type: ignore[arg-type]
    )


def test_pso_level_lowers_the_offered_euros() -> None:
    plan = (
        Activity(
            block="participatiewet_langer_dan_2_jaar",
            hours_per_week=36,
            start=date(2026, 1, 1),
            end=date(2026, 12, 31),
        ),
    )
    bids = [
        Bid(bidder="met PSO", offered_percentage=4, pso_level="trede_2", plan=plan),
        Bid(bidder="zonder", offered_percentage=4, plan=plan),
    ]
    cmp = compare_bids(_oost(), bids)
    # 4% × 1.000.000 = 40.000; PSO trede 2 (Oost-Nederland, D): −25% → 30.000.
    assert cmp.result("met PSO").offered_amount == Decimal("30000.00")
    assert cmp.result("zonder").offered_amount == Decimal("40000.00")
    # The plan counts 40.000 (Participatiewet > 2 years, one full-time year) in both.
    assert cmp.result("met PSO").surplus == Decimal("10000.00")
    assert cmp.result("zonder").gap == 0


def test_same_candidate_in_two_bids_is_not_a_double_count() -> None:
    act = Activity(
        person="p1",
        block="ww_langer_dan_1_jaar",
        hours_per_week=36,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )
    cmp = compare_bids(
        _oost(),
        [
            Bid(bidder="x", offered_percentage=2, plan=(act,)),
            Bid(bidder="y", offered_percentage=2, plan=(act,)),
        ],
    )
    assert [r.counted for r in cmp.results] == [Decimal("15000.00")] * 2


def test_errors_name_the_bidder() -> None:
    bad = Bid(bidder="Fout BV", offered_percentage=4, plan=(Activity(block="bestaat_niet"),))
    with pytest.raises(AwardError) as err:
        compare_bids(_oost(), [bad])
    assert err.value.record == "bidder 'Fout BV'" and "bestaat_niet" in str(err.value)
    with pytest.raises(AwardError, match="unique"):
        compare_bids(_oost(), [Bid(bidder="x", offered_percentage=1)] * 2)
    twice = Bid(bidder="Dubbel", offered_percentage=1, persons=(Person(id="p"), Person(id="p")))
    with pytest.raises(AwardError) as err:
        compare_bids(_oost(), [twice])
    assert err.value.record == "bidder 'Dubbel'" and "repeated: p" in str(err.value)


def test_offer_outside_the_published_range_is_refused() -> None:
    tender = _oost(rules="friesland_gemeente")
    with pytest.raises(AwardError, match="offered percentage 6 is outside 2–5"):
        compare_bids(tender, [Bid(bidder="x", offered_percentage=6)])


def test_bids_document_errors_name_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bids.json"
    path.write_text(
        '{"tender": {"id": "t"}, "bids": [{"bidder": "x", "offered_percentage": 4.5}], "bids": []}',
        "utf-8",
    )
    with pytest.raises(AwardError, match="the key 'bids' appears twice") as dup:
        read_bids(path)
    assert dup.value.pointer == "/bids" and dup.value.code == "document.duplicate_key"
    path.write_text(
        '{"tender": {"id": "t"}, "bids": [{"bidder": "x", "offered_percentage": "101"}]}', "utf-8"
    )
    with pytest.raises(AwardError) as err:
        read_bids(path)
    assert err.value.field == "bids[0].offered_percentage"
    assert err.value.pointer == "/bids/0/offered_percentage"
    assert err.value.describe().startswith(f"{path}: bids[0].offered_percentage: ")


def test_offer_sets_a_minimum_per_contract_year() -> None:
    from bouwblokken.award.table import comparison_table

    tender = Tender(
        id="fries",
        catalog="haaglanden",
        rules="friesland_gemeente",
        contract_value="1000000",
        contract_date=date(2025, 12, 1),
        start=date(2026, 1, 1),
        end=date(2027, 12, 31),
    )
    year1 = {"hours_per_week": 36, "start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    plan = (
        Activity(block="ww", **year1),  # type: ignore[arg-type]
        Activity(block="participatiewet", **year1),  # type: ignore[arg-type]
    )
    r = compare_bids(tender, [Bid(bidder="x", offered_percentage=4, plan=plan)]).results[0]
    # 4% × 1.000.000 = 40.000 over 2 contract years: at least 20.000 a year. The plan counts
    # 20.000 + 40.000 = 60.000, all in 2026: the promise is covered, year 2 is not.
    assert r.offered_amount == Decimal("40000.00") and r.gap == 0
    assert [y.year.minimum for y in r.years] == [Decimal("20000.00")] * 2
    assert [y.counted for y in r.years] == [Decimal("60000.00"), Decimal("0.00")]
    assert r.years_short == (2,)
    cmp = compare_bids(tender, [Bid(bidder="x", offered_percentage=4, plan=plan)])
    assert "x: Jaarminimum niet gehaald in jaar 2" in comparison_table(cmp)
