"""Plans across contracts: hand-computed optima, values equal to the ledger's, re-planning."""

from __future__ import annotations

import itertools
import math
import random
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from multi_instances import multi_request

from bouwblokken import Activity, Ledger, Person, Tender, evaluate
from bouwblokken.optimize.multi import (
    Candidate,
    Contract,
    MultiPlan,
    MultiRequest,
    plan_contracts,
    replan,
)


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
    gone = next(c for c in new.changes if c.candidate == "c0")
    b = gone.before
    assert b is not None and gone.dropped and gone.since == date(2025, 10, 1)
    # the first plan: 5 % × € 400.000 = € 20.000 needs 20.000 × 432 / 40.000 = 216 hour-months
    assert b.hours_per_week * b.months == 216
    assert gone.describe() == (
        f"c0 → T: stopt per 1 oktober 2025 (kandidaat uitgevallen): Participatiewet, "
        f"{b.hours_per_week} uur per week (gepland {b.months} maanden)"
    )
    assert gone.describe("en").startswith("c0 → T: stops from 1 October 2025 (candidate dropped")
    added = next(c for c in new.changes if c.candidate == "c1").describe()
    nbsp = "\u00a0"
    assert added.startswith("c1 → T: nieuw: Participatiewet, ")
    assert added.endswith(f"; telt €{nbsp}14.444,44, kost €{nbsp}20.780,00")
    # What the current plan still costs from 1 October: c0's hours in the months from then on
    # (5 of them, May–September, are behind), 52/12 weeks a month at € 20; the € 500 placement
    # fee was made at the start and is not counted again.
    ahead = Fraction(b.hours_per_week * (b.months - 5) * 52 * 20, 12)
    expected = Decimal(20780) - Decimal(ahead.numerator) / Decimal(ahead.denominator)
    assert new.cost_difference == expected.quantize(Decimal("0.01"))
    assert new.since == date(2025, 10, 1)
    table = new.table()
    assert "Wat verandert:" in table and "Kosten vanaf 1 oktober 2025: nieuw plan" in table
    assert "c1" in str(new.plan) and "Uurmaanden" in new.plan.table()
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


# --- the optimum against an independent brute force on tiny instances ---------------------------
#
# Two small contracts whose obligations (5% of € 400.000 = € 20.000) are mostly realised already,
# so that what is left is a few hundred euro; from 1 October 2025 to their end on 31 December
# 2025 a placement runs 1–3 whole months. The brute force tries every hours × months of every
# candidate in every contract and values them by the published rule, written out here:
# value = round half up(value a year × hours/36 × months/12) (Participatiewet € 40.000, WW
# € 20.000), cost = hours × months × 52/12 weeks × cost an hour + cost a placement; one person
# at most 36 hours a week and their own hours over all contracts together.

PLAN_START = date(2025, 10, 1)
YEAR_VALUE = {"participatiewet": 40_000, "ww": 20_000}


def _small_tender(tid: str, realised_hours: int) -> Tender:
    done = Activity(
        id=f"{tid}-done",
        person=f"r-{tid}",
        status="realised",
        block="participatiewet",
        hours_per_week=realised_hours,
        start=date(2025, 4, 1),
        end=date(2025, 9, 30),
    )
    return _tender(tid, "400000").model_copy(
        update={"end": date(2025, 12, 31), "activities": (done,)}
    )


def _cents(value_a_year: int, hours: int, months: int) -> int:
    """The published rule, rounded half up to whole cents once: value a year × hours/36 ×
    months/12, in cents."""
    exact = Fraction(value_a_year * 100 * hours * months, 36 * 12)
    return math.floor(exact + Fraction(1, 2))


def _brute_force(
    candidates: tuple[Candidate, ...], need: dict[str, int], fine_percent: dict[str, int]
) -> tuple[int, int]:
    """(least total shortfall in cents, then least 300 × (cost + fines) in cents) over every
    plan, by trying them all."""
    tids = sorted(need)
    per_cand = []
    for c in candidates:
        per_hour = int(Decimal(c.cost_per_hour) * 100)
        per_place = int(Decimal(c.cost_per_placement) * 100)
        singles = [(None, 0, 0, 0)] + [
            (b, h, _cents(YEAR_VALUE[b], h, m), 13 * per_hour * h * m + 3 * per_place)
            for b in c.blocks
            for h in range(1, c.hours_per_week + 1)
            for m in (1, 2, 3)
        ]  # (block, hours, cents counted, cost in thirds of a cent: 52/12 weeks = 13/3)
        choices = []
        for combo in itertools.product(singles, repeat=len(tids)):
            if sum(x[1] for x in combo) <= min(c.hours_per_week, 36):
                choices.append((tuple(x[2] for x in combo), sum(x[3] for x in combo)))
        per_cand.append(choices)
    best: tuple[int, int] | None = None
    for plan in itertools.product(*per_cand):
        cost3 = sum(x[1] for x in plan)
        short = [max(0, need[t] - sum(x[0][j] for x in plan)) for j, t in enumerate(tids)]
        # fines: percent/100 × shortfall cents; × 300 with the cost in thirds × 100
        fines = sum(3 * fine_percent[t] * s for t, s in zip(tids, short, strict=True))
        key = (sum(short), 100 * cost3 + fines)
        if best is None or key < best:
            best = key
    assert best is not None
    return best


def _objective(plan: MultiPlan, request: MultiRequest) -> tuple[int, int]:
    """The plan's (shortfall, 300 × (cost + fines)) recomputed from its placements."""
    by_id = {c.id: c for c in request.candidates}
    cost3 = sum(
        13 * int(Decimal(by_id[p.candidate].cost_per_hour) * 100) * p.hours_per_week * p.months
        + 3 * int(Decimal(by_id[p.candidate].cost_per_placement) * 100)
        for p in plan.placements
    )
    pct = {c.tender: int(c.fine_percent or 0) for c in request.contracts}
    short = {k: int(v * 100) for k, v in plan.shortfall.items()}
    return sum(short.values()), 100 * cost3 + sum(3 * pct[k] * s for k, s in short.items())


def _small_request(
    candidates: tuple[Candidate, ...], realised: dict[str, int], fines: dict[str, int]
) -> MultiRequest:
    tenders = tuple(_small_tender(t, h) for t, h in realised.items())
    return MultiRequest(
        ledger=Ledger(persons=tuple(Person(id=f"r-{t}") for t in realised), tenders=tenders),
        contracts=tuple(
            Contract(tender=t, fine_percent=fines[t] if fines.get(t) else None) for t in realised
        ),
        candidates=candidates,
        start=PLAN_START,
    )


def test_remaining_of_the_small_contracts_by_hand() -> None:
    # 34 hours × 6 months realised: € 40.000 × 34/36 × 6/12 = € 18.888,89 of € 20.000, so
    # € 1.111,11 is left; 33 hours: € 18.333,33, € 1.666,67 left.
    request = _small_request((CHEAP,), {"A": 34, "B": 33}, {})
    res = evaluate(request.ledger)
    assert res.tender("A").forecast.remaining == Decimal("1111.11")
    assert res.tender("B").forecast.remaining == Decimal("1666.67")


@pytest.mark.parametrize("seed", range(4))
def test_the_optimum_equals_a_brute_force_on_tiny_instances(seed: int) -> None:
    rng = random.Random(seed)
    cands = tuple(
        Candidate(
            id=f"k{i}",
            hours_per_week=rng.choice([3, 4, 5]),
            blocks=rng.choice([("participatiewet",), ("ww",), ("ww", "participatiewet")]),
            cost_per_hour=Decimal(rng.randint(1_500, 3_000)) / 100,
            cost_per_placement=Decimal(rng.choice([0, 50, 200])),
        )
        for i in range(2)
    )
    # seed 3: so little realised that the pool cannot meet it, with a fine on one contract
    realised = {"A": 34, "B": 33} if seed < 3 else {"A": 30, "B": 33}
    fines = {"A": 10, "B": 0} if seed >= 2 else {"A": 0, "B": 0}
    request = _small_request(cands, realised, fines)
    res = evaluate(request.ledger)
    need = {t: int(res.tender(t).forecast.remaining * 100) for t in realised}
    plan = plan_contracts(request, time_limit=30)
    assert plan.status == "optimal"
    assert _objective(plan, request) == _brute_force(cands, need, fines)
    assert plan.bound == plan.cost + plan.fines
    counted = evaluate(plan.add_to(request.ledger))
    for t in realised:
        added = counted.tender(t).forecast.counted - res.tender(t).forecast.counted
        assert added == plan.counted[t]


def test_useful_hour_months_by_hand() -> None:
    # Participatiewet € 40.000 a 36-hour year: one hour-month counts € 40.000 / 432, so 216
    # hour-months count exactly € 20.000,00 and 215 count € 19.907,41. In 23 months that needs
    # ceil(216 / 23) = 10 hours; 10 hours need ceil(216 / 10) = 22 months: 220 hour-months is
    # the most a placement with 10 or more hours ever needs; with fewer it cannot cover alone.
    from bouwblokken.optimize.multi import _Arc

    arc = _Arc(0, 0, "participatiewet", 1, 36, 23, Fraction(4_000_000), 36)
    assert arc.value(216) == 2_000_000 and arc.value(215) < 2_000_000
    assert arc.useful(2_000_000) == 220
    assert arc.useful(0) == 0
    assert arc.useful(10**9) == 36 * 23  # never covers alone: the whole week and period


def test_status_text_says_how_far_from_the_optimum_at_most() -> None:
    # cost € 175.278,32 against a proven bound of € 175.167,73: at most € 110,59 above the
    # optimum, 110,59 / 175.167,73 = 0,0631… % -> rounded up to 0,07 %.
    plan = MultiPlan(
        "feasible", (), Decimal("175278.32"), Decimal(0), {}, {}, (), Decimal("175167.73")
    )
    nbsp = "\u00a0"
    assert plan.status_text() == (
        f"haalbaar, niet bewezen optimaal: hoogstens €{nbsp}110,59 (0,07{nbsp}%) duurder dan "
        "het optimum (tijdslimiet)"
    )
    assert plan.status_text("en") == (
        "feasible, not proven optimal: at most €110.59 (0.07%) dearer than the optimum (time limit)"
    )
    proven = MultiPlan("optimal", (), Decimal(5), Decimal(0), {}, {}, (), Decimal(5))
    assert proven.status_text() == "optimaal (bewezen)" and proven.gap == 0
    # optimal with a shortfall: the least shortfall is proven, not that obligations are met
    # (groen € 20.000 open, nothing counted; schoonmaak € 8.703,70 short, fine 10 % = € 870,37)
    short = MultiPlan(
        "optimal",
        (),
        Decimal(100),
        Decimal("870.37"),
        {"groen": Decimal(20000), "schoonmaak": Decimal("10000.00")},
        {"schoonmaak": Decimal("1296.30")},
        (),
        Decimal("970.37"),
        {"schoonmaak": Decimal("870.37")},
    )
    assert short.status_text() == (
        f"kleinste tekort bewezen: tekort €{nbsp}28.703,70, boetes €{nbsp}870,37 — niet alle "
        "verplichtingen gehaald"
    )
    assert short.status_text("en").startswith("least shortfall proven: shortfall €28,703.70")
    lines = short.table().splitlines()
    assert any(ln.split()[:1] == ["groen"] and ln.rstrip().endswith("–") for ln in lines)
    assert any(ln.startswith("schoonmaak") and ln.rstrip().endswith("870,37") for ln in lines)
    assert f"Kosten €{nbsp}100,00 + boetes €{nbsp}870,37 = €{nbsp}970,37" in short.table()
    assert MultiPlan("infeasible", (), Decimal(0), Decimal(0), {}, {}).status_text() == (
        "onhaalbaar (bewezen): geen plan mogelijk"
    )


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_the_optimum_equals_highs_on_small_generated_pools(seed: int) -> None:
    # an independent formulation (one binary per arc and hours a week, scipy/HiGHS) of the same
    # placements: both proven optimal, the same cost to the third of a cent
    from multi_milp import highs_multi

    request = multi_request(random.Random(f"cross-{seed}"), 2, 6)
    status, thirds, _ = highs_multi(request, time_limit=20)
    plan = plan_contracts(request, time_limit=30)
    assert (status, plan.status, plan.met) == ("optimal", "optimal", True)
    assert thirds is not None
    assert _objective(plan, request) == (0, 100 * thirds)
    # the relaxation's proven bound is a bound: never above the optimum
    assert _relaxation_bound(request) <= thirds


def _relaxation_bound(request: MultiRequest) -> int:
    from bouwblokken.catalog.registry import default_registry
    from bouwblokken.optimize import multi

    arcs, tenders = multi._arcs(request, default_registry(), [])
    res = evaluate(request.ledger)
    need = [int(res.tender(t.id).forecast.remaining * 100) for t in tenders]
    got = multi._lp_bound(multi._undominated(arcs), request, need, 0, 1, None)
    assert got is not None
    return got


def test_the_relaxation_bound_by_hand() -> None:
    # one contract with € 1.111,11 left (34 of 36 hours realised for 6 months, see above), one
    # candidate at € 20 an hour and no cost a placement, 3 months to go. Value of x hour-months
    # at Participatiewet rounded half up: floor(4.000.000 × x / 432 + 1/2) cents >= 111.111
    # when 8.000.000 × x >= 864 × 111.111 - 432 = 95.999.472, so the relaxation needs
    # x >= 11,999934 hour-months; at 20 € × 52/12 = 26.000 thirds of a cent an hour-month that
    # is 26.000 × 95.999.472 / 8.000.000 = 311.998,28 thirds: the bound is 311.999 (whole
    # thirds), a plan (4 hours × 3 months = 12 hour-months) costs 312.000 thirds.
    cand = Candidate(id="c0", hours_per_week=36, blocks=("participatiewet",), cost_per_hour="20")
    request = _small_request((cand,), {"A": 34}, {})
    assert _relaxation_bound(request) in (311_998, 311_999)  # at most the LP's 311.998,28…
    plan = plan_contracts(request)
    assert plan.status == "optimal"
    assert plan.cost == Decimal("1040.00")  # 312.000 / 300


def test_reduced_cost_fixing_by_hand() -> None:
    # bound 10; reduced costs 3, -2, 0 and 5/2 on boxes [0, 1], [0, 5], [0, 4], [0, 10].
    # A plan costing at most 14 (slack 4) moves x0 at most floor(4/3) = 1 up from 0 (its box),
    # x1 at most floor(4/2) = 2 down from 5 (so 3..5), x2 anywhere, x3 at most floor(4/(5/2)) = 1.
    # At most 12 (slack 2): floor(2/3) = 0 fixes x0 at 0, x1 moves 1 (4..5), floor(4/5) = 0 fixes
    # x3 at 0. Below the bound (9): no plan at all.
    from bouwblokken.optimize.multi import _Relaxation

    relax = _Relaxation(
        Fraction(10),
        (Fraction(3), Fraction(-2), Fraction(0), Fraction(5, 2)),
        (0, 0, 0, 0),
        (1, 5, 4, 10),
    )
    assert relax.lower() == 10
    assert relax.domains(14) == [(0, 1), (3, 5), (0, 4), (0, 1)]
    assert relax.domains(12) == [(0, 0), (4, 5), (0, 4), (0, 0)]
    assert relax.domains(10) == [(0, 0), (5, 5), (0, 4), (0, 0)]
    assert relax.domains(9) is None
    assert _Relaxation(Fraction(19, 2), (), (), ()).lower() == 10  # whole units, rounded up


def _lp_point(plan: MultiPlan, request: MultiRequest) -> tuple[list[int], int]:
    """The plan as a point of the relaxation's variables (per arc placed, hours, months,
    hour-months, value; then per contract the shortfall, 0: the plans here meet all) and its
    objective (thirds of a cent) recomputed from the placements."""
    from bouwblokken.catalog.registry import default_registry
    from bouwblokken.optimize import multi

    arcs, tenders = multi._arcs(request, default_registry(), [])
    arcs = multi._undominated(arcs)
    tid = {t.id: k for k, t in enumerate(tenders)}
    cid = {c.id: k for k, c in enumerate(request.candidates)}
    chosen = {(cid[p.candidate], tid[p.tender], p.block): p for p in plan.placements}
    point: list[int] = []
    for a in arcs:
        p = chosen.pop((a.cand, a.contract, a.block), None)
        if p is None or p.months == 0:
            point += [0, 0, 0, 0, 0]
        else:
            hm = p.hours_per_week * p.months
            point += [1, p.hours_per_week, p.months, hm, a.value(hm)]
    assert not chosen  # every placement is one of the arcs
    point += [0] * len(tenders)
    return point, _objective(plan, request)[1] // 100


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_reduced_cost_fixing_keeps_the_optimum(seed: int) -> None:
    # the optimum (HiGHS agrees on these pools, see above) lies in the box the relaxation's
    # reduced costs leave for plans costing at most the optimum; below the bound no box
    from bouwblokken.catalog.registry import default_registry
    from bouwblokken.optimize import multi

    request = multi_request(random.Random(f"cross-{seed}"), 2, 6)
    plan = plan_contracts(request, time_limit=30)
    assert plan.status == "optimal" and plan.met
    point, thirds = _lp_point(plan, request)
    arcs, tenders = multi._arcs(request, default_registry(), [])
    res = evaluate(request.ledger)
    need = [int(res.tender(t.id).forecast.remaining * 100) for t in tenders]
    relax = multi._relaxation(multi._undominated(arcs), request, need, 0, 1, None)
    assert relax is not None
    box = relax.domains(thirds)
    assert box is not None and len(box) == len(point)
    assert all(lo <= x <= hi for x, (lo, hi) in zip(point, box, strict=True))
    assert relax.domains(relax.lower() - 1) is None
    # and every row the duals bound: its slack at the optimum within (optimum - bound) / u
    for coefs, least in relax.row_slacks(thirds):
        assert sum(c * point[j] for j, c in coefs.items()) >= least
    # the relaxation again in that box (a tighter envelope, new duals) keeps it too
    for _ in range(3):
        again = multi._relaxation(multi._undominated(arcs), request, need, 0, 1, None, box)
        assert again is not None and again.lower() <= thirds
        box = again.domains(thirds)
        assert box is not None
        assert all(lo <= x <= hi for x, (lo, hi) in zip(point, box, strict=True))


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_the_optimum_through_reduced_cost_fixing_equals_highs(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every round of the cost phase runs on the model the reduced costs fixed
    from multi_milp import highs_multi

    from bouwblokken.optimize import multi

    calls: list[int] = []
    real = multi._Relaxation.domains

    def spy(self: multi._Relaxation, target: int) -> list[tuple[int, int]] | None:
        calls.append(target)
        return real(self, target)

    monkeypatch.setattr(multi._Relaxation, "domains", spy)
    request = multi_request(random.Random(f"cross-{seed}"), 2, 6)
    status, thirds, _ = highs_multi(request, time_limit=20)
    plan = plan_contracts(request, time_limit=30)
    assert (status, plan.status, plan.met) == ("optimal", "optimal", True)
    assert thirds is not None and _objective(plan, request) == (0, 100 * thirds)
    counted = evaluate(plan.add_to(request.ledger))
    res = evaluate(request.ledger)
    for t, value in plan.counted.items():
        assert counted.tender(t).forecast.counted - res.tender(t).forecast.counted == value
    assert calls  # the fixing ran


def test_row_slacks_by_hand() -> None:
    # bound 10; a row x0 + x1 <= 5 with dual 2 and a row x0 - x1 <= 0 with dual 1/2, both
    # variables in [0, 4]. A plan costing at most 14 (slack 4) leaves the first row a slack of
    # at most floor(4/2) = 2 (x0 + x1 >= 3), the second at most floor(4 / (1/2)) = 8: below
    # what x0 - x1 >= -4 says anyway, so that row is left out. At most 11 (slack 1): x0 + x1 >= 5
    # and x0 - x1 >= -2.
    from bouwblokken.optimize.multi import _Relaxation

    relax = _Relaxation(
        Fraction(10),
        (Fraction(0), Fraction(0)),
        (0, 0),
        (4, 4),
        (({0: 1, 1: 1}, 5, Fraction(2)), ({0: 1, 1: -1}, 0, Fraction(1, 2))),
    )
    assert relax.row_slacks(14) == [({0: 1, 1: 1}, 3)]
    assert relax.row_slacks(11) == [({0: 1, 1: 1}, 5), ({0: 1, 1: -1}, -2)]


def test_least_hours_a_contract_needs_by_hand() -> None:
    # Participatiewet € 40.000 a 36-hour year over 23 months counts € 40.000 × 23/432 =
    # € 2.129,63 an hour a week. € 20.000 with two candidates: (2.000.000 - 1) / 212.962,96 =
    # 9,39 -> 10 hours (9 hours × 23 months = 207 hour-months count € 19.166,67 < € 20.000).
    from bouwblokken.optimize.multi import _Arc, _least_hours

    arcs = [
        _Arc(0, 0, "participatiewet", 1, 36, 23, Fraction(4_000_000), 36),
        _Arc(1, 0, "participatiewet", 1, 36, 23, Fraction(4_000_000), 36),
        _Arc(1, 1, "ww", 1, 36, 12, Fraction(2_000_000), 36),
    ]
    assert arcs[0].value(207) < 2_000_000 <= arcs[0].value(230)
    # WW € 20.000 a year over 12 months: € 555,56 an hour a week; € 1.000 (one candidate,
    # (100.000 - 1/2) / 55.555,56 = 1,79…) needs 2 hours; nothing left: none
    assert _least_hours(arcs, [2_000_000, 100_000]) == [10, 2]
    assert _least_hours(arcs, [0, 0]) == [0, 0]


@pytest.mark.parametrize(
    ("tenders", "candidates", "seed"), [(2, 8, 0), (2, 8, 2), (2, 8, 3), (3, 6, 2)]
)
def test_the_optimum_equals_highs_on_larger_pools(tenders: int, candidates: int, seed: int) -> None:
    # the small model of the relaxation's candidates, then the whole one, with the rows the
    # duals bound; HiGHS's textbook model (proves these in about a second) agrees
    from multi_milp import highs_multi

    request = multi_request(random.Random(f"cross3-{seed}"), tenders, candidates)
    status, thirds, _ = highs_multi(request, time_limit=120)
    plan = plan_contracts(request, time_limit=60)
    assert status == "optimal" and thirds is not None
    assert plan.status == "optimal" and plan.met
    assert _objective(plan, request) == (0, 100 * thirds)
    counted = evaluate(plan.add_to(request.ledger))
    res = evaluate(request.ledger)
    for t, value in plan.counted.items():
        assert counted.tender(t).forecast.counted - res.tender(t).forecast.counted == value
