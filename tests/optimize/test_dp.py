"""The Pareto-list dynamic programming (``optimize.dp``) against the independent oracles: the
reference DP (least cost) and the branch and bound (the same plan under the tie rule) on small
sizes of every adversarial family, dense-tie hypothesis problems, and its limits."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reference_bruteforce import Enumeration
from reference_dp import dp_min_cost
from strategies import ADVERSARIAL, infeasible_target, realistic_problem, small_problems

from bouwblokken.optimize import CancelToken, Option, Problem, plateau, solve
from bouwblokken.optimize.dp import TooLarge, _Group, _reduced_cost_fix, applicable, min_cost_dp
from bouwblokken.optimize.limits import Limits, Stopped
from bouwblokken.optimize.portfolio import find_min_cost

SIZES = {"near_identical": 12, "coprime_large": 7, "tight_caps": 10, "infeasible": 6}


def _family(name: str, seed: int) -> Problem:
    rng = random.Random(1000 + seed)
    if name == "infeasible":
        return infeasible_target(rng, SIZES[name], max_units=4)
    return ADVERSARIAL[name](rng, SIZES[name])


@pytest.mark.parametrize("family", sorted(SIZES))
@pytest.mark.parametrize("seed", range(5))
def test_the_dp_finds_the_reference_optimum_and_the_search_s_plan(family: str, seed: int) -> None:
    problem = _family(family, seed)
    want = dp_min_cost(problem)
    if not applicable(problem):
        # an employment minimum the minimum units do not meet: method="dp" hands the request
        # to the branch and bound, with the same answer
        assert problem.min_employment_cents > 0
        sol = solve(problem, method="dp", time_limit=None)
        assert sol.cost_cents == want if want is not None else sol.status == "infeasible"
        return
    got = min_cost_dp(problem, budget=problem.budget_cents)
    if want is None:
        assert got.status == "infeasible"
        return
    assert got.status == "optimal" and got.units is not None
    assert problem.is_feasible(got.units)
    assert problem.cost(got.units) == want
    assert got.units == solve(problem, method="search", time_limit=None).units


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(small_problems())
def test_the_dp_picks_the_tie_rule_s_plan_among_every_plan(problem: Problem) -> None:
    """Every plan enumerated: the DP's is the least cost, then fewest units, then the
    lexicographically smallest (the rule every back end obeys)."""
    assume(applicable(problem))
    got = min_cost_dp(problem, budget=problem.budget_cents)
    grid = Enumeration(problem)
    feasible = [
        tuple(int(x) for x in row)
        for row in grid.units
        if problem.is_feasible([int(x) for x in row])
    ]
    if not feasible:
        assert got.status == "infeasible"
        return
    best = min(feasible, key=lambda x: (problem.cost(x), sum(x), x))
    assert got.status == "optimal"
    assert got.units == best


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(small_problems())
def test_reduced_cost_fixing_at_the_optimum_s_key_keeps_every_tied_plan(problem: Problem) -> None:
    """The incumbent is the tie rule's own plan's key-mate with the largest units vector: the
    gap to the LP is as small as it gets, so fixing is at its strongest; every plan of the
    optimal key must survive it (a range is cut only where the key grows strictly), so the
    DP still returns the lexicographically smallest one."""
    assume(applicable(problem))
    grid = Enumeration(problem)
    feasible = [
        tuple(int(x) for x in row)
        for row in grid.units
        if problem.is_feasible([int(x) for x in row])
    ]
    assume(feasible)
    best = min(feasible, key=lambda x: (problem.cost(x), sum(x), x))
    tied = max(x for x in feasible if (problem.cost(x), sum(x)) == (problem.cost(best), sum(best)))
    got = min_cost_dp(problem, budget=problem.budget_cents, incumbent=tied, trust_incumbent=True)
    assert got.units == best


def test_reduced_cost_fixing_cuts_only_ranges_of_strictly_larger_keys() -> None:
    # keys per unit 10, 12, 20 for value 10 each, need 15: the LP takes option 0 whole and
    # half of option 1 (lam = 12/10), LP = 10 + 12/10 * 5 = 16; reduced costs
    # d = 10 - 12 = -2, 0, 20 - 12 = 8
    grp = _Group(20)
    grp.items, grp.v, grp.c, grp.u = [0, 1, 2], [10, 10, 10], [10, 12, 20], [1, 1, 1]
    # ub 22 (options 0 and 1): gap 6 < 8, option 2 at 0; option 0: 6 // 2 = 3 >= 1, free
    assert _reduced_cost_fix(grp, 15, 22) == [(2, 0, 0)]
    # ub 24: gap 8 = d_2, a plan with option 2 could tie at key 24, so it stays free
    assert _reduced_cost_fix(grp, 15, 24) == []
    # ub 17: gap 1 < 2 = |d_0|, option 0 must stay at its maximum, option 2 at 0
    assert _reduced_cost_fix(grp, 15, 17) == [(0, 1, 1), (2, 0, 0)]


def _tie_rule_plan(problem: Problem) -> tuple[int, ...]:
    """Every plan enumerated: the least cost, then fewest units, then the smallest."""
    grid = Enumeration(problem)
    rows = [tuple(int(x) for x in row) for row in grid.units]
    return min(
        (x for x in rows if problem.is_feasible(x)), key=lambda x: (problem.cost(x), sum(x), x)
    )


def _correlated(rng: random.Random, n: int) -> Problem:
    """The strongly correlated knapsack with plateaus: cost = value + a fixed amount + 0..3
    cents, values a few cents apart, one or two units, a target of 35-65% of the total."""
    fixed = rng.choice([7, 150, 15_000])
    opts = []
    for i in range(n):
        value = 2_000 + rng.randint(0, 40)
        opts.append(
            Option(
                id=f"o{i}",
                category="work",
                value_cents=value,
                cost_cents=value + fixed + rng.randint(0, 3),
                max_units=2 if i % 5 == 0 else 1,
            )
        )
    total = sum(o.value_cents * o.max_units for o in opts)
    return Problem(options=tuple(opts), target_cents=total * rng.randint(35, 65) // 100 + 1)


@pytest.mark.parametrize("seed", range(12))
def test_the_plateau_after_count_bound_fixing_keeps_the_tie_rule(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near-identical options: the count bound fixes most of them and the plateau DP solves
    the rest; the plan is the enumerated tie rule's (least cost, fewest units, smallest)."""
    used = []
    real = plateau.least_key_plan

    def spy(*args: object, **kw: object) -> object:
        got = real(*args, **kw)  # type: ignore[arg-type]
        used.append(isinstance(got, tuple))
        return got

    monkeypatch.setattr(plateau, "least_key_plan", spy)
    rng = random.Random(7_000 + seed)
    problem = _correlated(rng, 12) if seed % 2 else ADVERSARIAL["near_identical"](rng, 13)
    best = _tie_rule_plan(problem)
    assert problem.cost(best) == dp_min_cost(problem)
    assert min_cost_dp(problem).units == best
    assert find_min_cost(problem, Limits(None)).units == best
    assert any(used)  # the plateau DP settled a round


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 10**9), st.integers(8, 12))
def test_correlated_problems_get_the_tie_rule_s_plan(seed: int, n: int) -> None:
    """Generated strongly correlated problems: the portfolio's plan (auto: the dynamic
    programme with count-bound fixing and the plateau) is the enumerated tie rule's."""
    problem = _correlated(random.Random(seed), n)
    best = _tie_rule_plan(problem)
    assert find_min_cost(problem, Limits(None)).units == best


def test_ties_of_interchangeable_options_go_to_the_earliest() -> None:
    # three identical options, two units needed: cost 2 x 500, two units; the
    # lexicographically smallest of (0,1,1), (1,0,1), (1,1,0) is (0,1,1)
    opts = tuple(
        Option(id=f"o{i}", category="work", value_cents=1_000, cost_cents=500, max_units=1)
        for i in range(3)
    )
    problem = Problem(options=opts, target_cents=2_000)
    got = min_cost_dp(problem)
    assert got.units == (0, 1, 1)
    assert problem.cost(got.units) == 2 * 500


def test_capped_categories_are_combined_exactly() -> None:
    # a: cap 1.500 of 2 x 1.000 (cost 100 each); b: uncapped 1.000 at cost 300 each.
    # Target 2.500: a counts at most 1.500, so b needs 1.000 = one unit (300), a two
    # units (200): least cost 500. Ties none: (2, 1) is the only plan at 500.
    opts = (
        Option(id="a", category="a", value_cents=1_000, cost_cents=100, max_units=2),
        Option(id="b", category="b", value_cents=1_000, cost_cents=300, max_units=3),
    )
    problem = Problem(options=opts, target_cents=2_500, category_caps={"a": 1_500})
    got = min_cost_dp(problem)
    assert got.units == (2, 1)
    assert problem.cost(got.units) == 2 * 100 + 1 * 300


def test_a_budget_below_the_least_cost_is_infeasible() -> None:
    opts = (Option(id="a", category="a", value_cents=1_000, cost_cents=700, max_units=3),)
    problem = Problem(options=opts, target_cents=2_000)  # two units: 1.400
    assert min_cost_dp(problem, budget=1_399).status == "infeasible"
    assert min_cost_dp(problem, budget=1_400).units == (2,)


@pytest.mark.parametrize(
    ("family", "n"), [("near_identical", 30), ("tight_caps", 40), ("coprime_large", 30)]
)
def test_the_dp_agrees_with_cpsat_on_larger_adversarial_problems(family: str, n: int) -> None:
    problem = ADVERSARIAL[family](random.Random(n), n)
    a = solve(problem, method="dp", time_limit=30)
    b = solve(problem, method="cpsat", time_limit=30)
    assert a.status == b.status == "optimal"
    assert a.units == b.units


def test_requests_it_does_not_model_are_declined() -> None:
    opts = (
        Option(
            id="a", category="a", value_cents=1_000, cost_cents=100, max_units=2, employment=True
        ),
    )
    problem = Problem(options=opts, target_cents=1_000, min_employment_cents=500)
    assert not applicable(problem)  # the minimum units (0) do not meet the employment minimum
    assert not applicable(Problem(options=opts, target_cents=1_000), min_people=1)
    # method="dp" then runs the branch and bound: same answer
    assert solve(problem, method="dp").units == solve(problem, method="search").units


def test_limits_stop_the_dp() -> None:
    problem = ADVERSARIAL["tight_caps"](random.Random(1), 96)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Stopped):
        min_cost_dp(problem, Limits(None, token))
    with pytest.raises(TooLarge):
        min_cost_dp(problem, max_states=10)
    sol = solve(problem, method="dp", cancel=token)
    assert sol.status == "unknown"


def test_hopeless_requests_are_infeasible_without_a_search() -> None:
    problem = infeasible_target(random.Random(3), 200)
    found = find_min_cost(problem, Limits(2.0))
    assert found.status == "infeasible" and found.nodes == 0
    assert solve(problem).diagnosis is not None


def test_typical_requests_give_the_same_plan_through_every_back_end() -> None:
    rng = random.Random(11)
    for _ in range(8):
        problem = realistic_problem(rng, 12)
        plans = {m: solve(problem, method=m, time_limit=30) for m in ("search", "dp", "cpsat")}
        assert len({p.status for p in plans.values()}) == 1
        assert plans["search"].units == plans["dp"].units == plans["cpsat"].units
