"""Plans across contracts: hand-computed optima, values equal to the ledger's, re-planning."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from multi_instances import multi_request

from bouwblokken import Activity, Ledger, Person, Tender, evaluate
from bouwblokken.optimize.multi import Candidate, Contract, MultiRequest, plan_contracts, replan


def _tender(tid: str, value: str) -> Tender:
    return Tender(
        id=tid,
        catalog="haaglanden",
        contract_value=value,
        contract_type="services",
        contract_date=date(2025, 3, 1),
        publication_date=date(2025, 1, 15),
        start=date(2025, 4, 1),
        end=date(2027, 3, 31),
    )


CHEAP = Candidate(
    id="c0",
    hours_per_week=36,
    blocks=("participatiewet",),
    cost_per_hour="20",
    cost_per_placement="500",
)
DEAR = Candidate(
    id="c1",
    hours_per_week=36,
    blocks=("participatiewet",),
    cost_per_hour="30",
    cost_per_placement="500",
)


def test_the_cheapest_candidate_covers_the_obligation_exactly() -> None:
    # 5% of € 400.000 = € 20.000. Participatiewet counts € 40.000 a full-time (36 h) year, so
    # € 20.000 needs hours × months >= 20.000 × 36 × 12 / 40.000 = 216 (e.g. 12 h for 18
    # months). Cost: 216 hour-months × 52/12 weeks × € 20 = € 18.720, + € 500 a placement.
    ledger = Ledger(tenders=(_tender("T", "400000"),))
    request = MultiRequest(
        ledger=ledger,
        contracts=(Contract(tender="T"),),
        candidates=(CHEAP, DEAR),
        start=date(2025, 5, 1),
    )
    plan = plan_contracts(request, time_limit=30)
    assert plan.status == "optimal"
    assert plan.cost == Decimal("19220.00")
    assert [p.candidate for p in plan.placements] == ["c0"]
    (p,) = plan.placements
    assert p.hours_per_week * p.months == 216
    assert plan.counted == {"T": Decimal("20000.00")}
    t = evaluate(plan.add_to(ledger)).tender("T")
    assert t.forecast.met and t.forecast.counted == Decimal("20000.00")


def test_one_person_brings_at_most_one_reference_week_across_contracts() -> None:
    # Two contracts of € 20.000 each; only the cheap candidate: 216 hour-months each, within
    # 23 months (May 2025 – March 2027) at most 36 hours a week together.
    ledger = Ledger(tenders=(_tender("A", "400000"), _tender("B", "400000")))
    request = MultiRequest(
        ledger=ledger,
        contracts=(Contract(tender="A"), Contract(tender="B")),
        candidates=(CHEAP,),
        start=date(2025, 5, 1),
    )
    plan = plan_contracts(request, time_limit=30)
    assert plan.met
    assert sum(p.hours_per_week for p in plan.placements) <= 36
    # 2 × 216 hour-months × 52/12 × € 20 = € 37.440, + 2 placements of € 500
    assert plan.cost == Decimal("38440.00")
    res = evaluate(plan.add_to(ledger))
    for tid in ("A", "B"):
        assert res.tender(tid).forecast.counted == plan.counted[tid] == Decimal("20000.00")
        for row in res.tender(tid).activities:
            assert row.not_counted == ()


def test_shortfall_and_fine_when_the_obligation_cannot_be_met() -> None:
    # One 12-hour candidate for 23 months: 12 × 23 = 276 hour-months count
    # € 40.000 × 276 / 432 = € 25.555,56 of the € 30.000 (5% of € 600.000): € 4.444,44 short,
    # a fine of 10% = € 444,44.
    small = Candidate(id="c9", hours_per_week=12, blocks=("participatiewet",), cost_per_hour="1")
    ledger = Ledger(tenders=(_tender("T", "600000"),))
    request = MultiRequest(
        ledger=ledger,
        contracts=(Contract(tender="T", fine_percent="10"),),
        candidates=(small,),
        start=date(2025, 5, 1),
    )
    plan = plan_contracts(request, time_limit=30)
    assert plan.status == "optimal"
    assert plan.shortfall == {"T": Decimal("4444.44")}
    assert plan.fines == Decimal("444.44")
    assert not plan.met


def test_replan_after_a_drop_out() -> None:
    # c0 worked 12 h/week May–September 2025 (realised): € 40.000 × 12/36 × 5/12 = € 5.555,56;
    # € 14.444,44 left. From 1 October only c1 (€ 30/h): hour-months >= 14.444,44 × 432 /
    # 40.000 = 155,99995 -> 156 (counts € 14.444,44); cost 156 × 52/12 × € 30 = € 20.280 + € 500.
    tender = _tender("T", "400000")
    done = Activity(
        id="c0-real",
        person="c0",
        status="realised",
        block="participatiewet",
        hours_per_week=12,
        start=date(2025, 5, 1),
        end=date(2025, 9, 30),
    )
    first = MultiRequest(
        ledger=Ledger(tenders=(tender,)),
        contracts=(Contract(tender="T"),),
        candidates=(CHEAP, DEAR),
        start=date(2025, 5, 1),
    )
    current = plan_contracts(first, time_limit=30)
    realised = Ledger(
        persons=(Person(id="c0"),),
        tenders=(tender.model_copy(update={"activities": (done,)}),),
    )
    request = first.model_copy(
        update={"ledger": realised, "dropped": ("c0",), "start": date(2025, 10, 1)}
    )
    new = replan(request, current, time_limit=30)
    assert new.plan.status == "optimal"
    assert new.plan.remaining == {"T": Decimal("14444.44")}
    assert new.plan.cost == Decimal("20780.00")
    (p,) = new.plan.placements
    assert p.candidate == "c1" and p.hours_per_week * p.months == 156
    kinds = sorted((c.candidate, c.before is None, c.after is None) for c in new.changes)
    assert kinds == [("c0", False, True), ("c1", True, False)]
    assert "vervalt" in next(c for c in new.changes if c.candidate == "c0").describe()
    t = evaluate(new.plan.add_to(realised)).tender("T")
    assert t.forecast.met and t.forecast.counted == Decimal("20000.00")


def test_generated_plans_count_in_the_ledger_as_planned() -> None:
    request = multi_request(random.Random(3), 2, 6)
    plan = plan_contracts(request, time_limit=20)
    assert plan.status in ("optimal", "feasible")
    res = evaluate(plan.add_to(request.ledger))
    for tid, counted in plan.counted.items():
        assert res.tender(tid).forecast.counted == counted
    assert plan.bound is not None and plan.bound <= plan.cost + plan.fines


def test_a_continuing_candidate_keeps_to_the_counting_limit() -> None:
    # Participatiewet counts at most 24 months per person. c0 worked 20 months (April 2025 –
    # November 2026, realised, for another contract); T runs to March 2028, 16 months from
    # 1 December 2026, but only 4 more months of c0 can count. € 20.000 needs hours × months
    # >= 216: c0 can bring at most 36 h × 4 = 144, the rest must come from c1.
    other = _tender("OLD", "400000")
    done = Activity(
        id="c0-old",
        person="c0",
        status="realised",
        block="participatiewet",
        hours_per_week=12,
        start=date(2025, 4, 1),
        end=date(2026, 11, 30),
    )
    ledger = Ledger(
        persons=(Person(id="c0"),),
        tenders=(
            _tender("T", "400000").model_copy(update={"end": date(2028, 3, 31)}),
            other.model_copy(update={"activities": (done,)}),
        ),
    )
    request = MultiRequest(
        ledger=ledger,
        contracts=(Contract(tender="T"),),
        candidates=(CHEAP, DEAR),
        start=date(2026, 12, 1),
    )
    plan = plan_contracts(request, time_limit=30)
    assert plan.status in ("optimal", "feasible")
    assert plan.met
    for p in plan.placements:
        if p.candidate == "c0":
            assert p.months <= 4
    assert any(p.candidate == "c1" for p in plan.placements)
    res = evaluate(plan.add_to(ledger)).tender("T")
    assert res.forecast.counted == plan.counted["T"]
    for row in res.activities:
        assert row.not_counted == (), row.not_counted
