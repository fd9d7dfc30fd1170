"""The bound contract by contract (bouwblokken.optimize.multi_split)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from multi_instances import multi_request
from test_multi import CHEAP, _lp_point, _tender

from bouwblokken import Ledger, evaluate
from bouwblokken.catalog.registry import default_registry
from bouwblokken.optimize import multi
from bouwblokken.optimize.multi import Contract, MultiRequest, plan_contracts
from bouwblokken.optimize.multi_split import split_bound


def _setup(request: MultiRequest) -> tuple[list[multi._Arc], list[int], multi._Relaxation]:
    arcs, tenders = multi._arcs(request, default_registry(), [])
    arcs = multi._undominated(arcs)
    res = evaluate(request.ledger)
    need = [int(res.tender(t.id).forecast.remaining * 100) for t in tenders]
    relax = multi._relaxation(arcs, request, need, 0, 1, None)
    assert relax is not None
    return arcs, need, relax


def _bound(request: MultiRequest, target: int) -> Fraction | None:
    """The split bound over the box of the plans costing at most ``target`` (thirds)."""
    arcs, need, relax = _setup(request)
    box = relax.domains(target)
    assert box is not None
    hint = multi._greedy(arcs, request, need)
    got = split_bound(arcs, request, need, relax, box, hint, None, multi._SOLVER)
    return None if got is None else got[0]


def test_one_contract_alone_is_its_own_optimum_by_hand() -> None:
    # no row ties contracts together: the bound is the one contract's optimum in whole
    # numbers. 5% of € 400.000 = € 20.000 needs 216 hour-months of participatiewet (€ 40.000 a
    # full-time year of 36 h: 20.000 × 36 × 12 / 40.000) at € 20: 216 × 52/12 × 20 = € 18.720,
    # + € 500 a placement = € 19.220 = 5.766.000 thirds of a cent. The relaxation alone is
    # below it (it spreads the placement's fee over the hour-months).
    request = MultiRequest(
        ledger=Ledger(tenders=(_tender("T", "400000"),)),
        contracts=(Contract(tender="T"),),
        candidates=(CHEAP,),
        start=date(2025, 5, 1),
    )
    got = _bound(request, 6_000_000)
    assert got is not None and got == 5_766_000
    # over the box of the plans cheaper than that: no plan below it either
    below = _bound(request, 5_766_000 - 1)
    assert below is not None and below >= 5_766_000


@pytest.mark.parametrize(
    ("tenders", "candidates", "seed"),
    [
        (2, 6, "cross-1"),
        (2, 6, "cross-2"),
        (2, 6, "cross-5"),
        (2, 8, "cross3-0"),
        (3, 6, "cross3-2"),
    ],
)
def test_the_bound_is_at_most_the_optimum_of_highs(
    tenders: int, candidates: int, seed: str
) -> None:
    # HiGHS's textbook model (tests/optimize/multi_milp.py) proves the optimum; the optimum lies
    # in the box of the plans costing at most it, so the bound over that box cannot exceed it
    from multi_milp import highs_multi

    request = multi_request(random.Random(seed), tenders, candidates)
    status, thirds, _ = highs_multi(request, time_limit=60)
    assert status == "optimal" and thirds is not None
    got = _bound(request, thirds)
    assert got is not None and got <= thirds
    # and the optimum keeps every contract's cut
    plan = plan_contracts(request, time_limit=60)
    assert plan.status == "optimal"
    point, at = _lp_point(plan, request)
    assert at == thirds
    arcs, need, relax = _setup(request)
    box = relax.domains(thirds)
    assert box is not None
    found = split_bound(arcs, request, need, relax, box, [(0, 0)] * len(arcs), None, {})
    assert found is not None and found[0] <= thirds
    assert len(found[1]) == sum(1 for n in need if n > 0)  # a cut per contract with a need
    for coefs, least in found[1]:
        assert sum(c * point[j] for j, c in coefs.items()) >= least


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_the_optimum_with_the_bound_from_the_first_round_equals_highs(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the bound computed before the first round (it may end the search): the plan is still
    # HiGHS's optimum
    from multi_milp import highs_multi

    calls: list[Fraction | None] = []
    real = multi.split_bound

    def spy(*args: object, **kwargs: object) -> object:
        got = real(*args, **kwargs)  # type: ignore[arg-type]
        calls.append(None if got is None else got[0])
        return got

    monkeypatch.setattr(multi, "split_bound", spy)
    monkeypatch.setattr(multi, "_SPLIT_AFTER", 1)
    request = multi_request(random.Random(f"cross-{seed}"), 2, 6)
    status, thirds, _ = highs_multi(request, time_limit=20)
    plan = plan_contracts(request, time_limit=30)
    assert (status, plan.status, plan.met) == ("optimal", "optimal", True)
    assert thirds is not None
    assert plan.cost == (Decimal(thirds) / 300).quantize(Decimal("0.01"))
    assert calls and all(c is not None and c <= thirds for c in calls)


def _events(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """What the cost phase does, in order: ("split", bound) for each bound contract by
    contract, ("solve", with a stopping callback?, status) for each CP-SAT search outside it."""
    from ortools.sat.python import cp_model

    events: list[tuple[object, ...]] = []
    inside = [False]
    real_split, real_solve = multi.split_bound, cp_model.CpSolver.solve

    def split(*args: object, **kwargs: object) -> object:
        inside[0] = True
        try:
            got = real_split(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            inside[0] = False
        events.append(("split", None if got is None else got[0]))
        return got

    def solve(self: object, model: object, callback: object = None) -> object:
        code = real_solve(self, model, callback)  # type: ignore[arg-type]
        if not inside[0]:
            events.append(("solve", callback is not None, self.status_name(code)))  # type: ignore[attr-defined]
        return code

    monkeypatch.setattr(multi, "split_bound", split)
    monkeypatch.setattr(cp_model.CpSolver, "solve", solve)
    return events


@pytest.mark.parametrize(("tenders", "candidates", "seed"), [(2, 6, 2), (2, 6, 8), (3, 8, 8)])
def test_a_plan_at_the_bound_is_found_by_one_search(
    tenders: int, candidates: int, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pools whose optimum costs exactly the bound contract by contract (rounded up): right
    # after the bound, one search for a plan of at most that cost finds it, and it is HiGHS's
    # optimum
    from multi_milp import highs_multi

    request = multi_request(
        random.Random(f"probe-{tenders}-{candidates}-{seed}"), tenders, candidates
    )
    status, thirds, _ = highs_multi(request, time_limit=60)
    assert status == "optimal" and thirds is not None
    monkeypatch.setattr(multi, "_SPLIT_AFTER", 1)
    events = _events(monkeypatch)
    plan = plan_contracts(request, time_limit=60)
    assert (plan.status, plan.met) == ("optimal", True)
    assert _lp_point(plan, request)[1] == thirds
    at = max(i for i, e in enumerate(events) if e[0] == "split")
    bound = events[at][1]
    assert isinstance(bound, Fraction)
    assert -(-bound.numerator // bound.denominator) == thirds  # the bound is the optimum
    assert events[at + 1 :] == [("solve", False, "OPTIMAL")] or events[at + 1 :] == [
        ("solve", False, "FEASIBLE")
    ]


@pytest.mark.parametrize(
    ("sub_work", "near_work", "near"), [(0.002, 0.002, 0), (1.0, 0.3, 6), (5.0, 5.0, 40)]
)
@pytest.mark.parametrize("seed", ["cross-1", "probe-2-6-2", "probe-3-8-8", "probe-3-10-6"])
def test_the_small_models_budgets_do_not_change_the_optimum(
    sub_work: float, near_work: float, near: int, seed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the small models only find plans sooner: with hardly any work for them, none beside the
    # first, or all candidates near, the plan costs HiGHS's optimum
    from multi_milp import highs_multi

    size = (
        (2, 6) if seed.startswith("cross") else (int(seed.split("-")[1]), int(seed.split("-")[2]))
    )
    request = multi_request(random.Random(seed), *size)
    status, thirds, _ = highs_multi(request, time_limit=60)
    assert status == "optimal" and thirds is not None
    monkeypatch.setattr(multi, "_SUB_WORK", sub_work)
    monkeypatch.setattr(multi, "_NEAR_WORK", near_work)
    monkeypatch.setattr(multi, "_NEAR", near)
    plan = plan_contracts(request, time_limit=60)
    assert (plan.status, plan.met) == ("optimal", True)
    assert _lp_point(plan, request)[1] == thirds


def test_the_nearest_candidates_by_reduced_cost_by_hand() -> None:
    # three candidates outside the relaxation's plan, one arc each at 1 to 36 hours: bringing
    # one in at its least placement (placed 1, 1 h, 1 month, 1 hour-month) costs
    # d_placed + 1·d_hours + d_months + 1·d_hour-months by the reduced costs
    def arc(cand: int) -> multi._Arc:
        return multi._Arc(cand, 0, "b", 1, 36, 12, Fraction(4_000_000), 36)

    arcs = [arc(0), arc(1), arc(2), arc(3)]
    reduced = (
        # candidate 0 (in the plan: never proposed), 1: 5 + 1 + 0 + 1 = 7, 2: 2 + 0 + 0 + 1 = 3,
        # 3: 1 + 1 + 1 + 0 = 3 (tied with 2: the earlier candidate first)
        *(Fraction(0),) * 5,
        *(Fraction(5), Fraction(1), Fraction(0), Fraction(1), Fraction(0)),
        *(Fraction(2), Fraction(0), Fraction(0), Fraction(1), Fraction(-9)),
        *(Fraction(1), Fraction(1), Fraction(1), Fraction(0), Fraction(0)),
    )
    relax = multi._Relaxation(Fraction(0), reduced, (0,) * 20, (1,) * 20)
    assert multi._nearest(relax, arcs, {0}, 1) == {2}
    assert multi._nearest(relax, arcs, {0}, 2) == {2, 3}
    assert multi._nearest(relax, arcs, {0}, 5) == {1, 2, 3}
    assert multi._nearest(relax, arcs, {0, 2}, 1) == {3}
