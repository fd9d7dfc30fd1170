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
